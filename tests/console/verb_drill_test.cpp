// Drills (issue 8) through the command line on the demo data: a drill run at high speed from
// `drill start` to the after-action report, with the scenario's actions firing at their
// scenario times and the HQ's own actions (checks, destinations, teams, deliveries) recorded in
// scenario time; a drill kept apart from real operations (real incident refused, real rows
// untouched, real bookings and real deliveries unaffected, closures never stored); a drill
// resumed in another process firing nothing twice; malformed scenarios refused with file, line
// and field.

#include "cli_test_support.h"
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/dispatch/delivery_store.h"
#include "data/dispatch/loan_store.h"
#include "data/dispatch/transport_store.h"
#include "data/drill/drill_engine.h"
#include "data/drill/drill_store.h"
#include "data/ops/destination.h"
#include "data/privacy/mask.h"
#include "data/roads/routing_service.h"
#include "data/store/store.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace breathline::cli {
namespace {

namespace fs = std::filesystem;
namespace drill = data::drill;
namespace ops = data::ops;

constexpr const char* k_depot = "139.7150,35.7270"; // on 明治通り near Ikebukuro

// Onset 02:30 JST on 5 December = 17:30 UTC on the 4th.
constexpr const char* k_scenario = R"(# A short night drill for the verb tests.
title = "verb test drill"
kind = "earthquake"
onset = "2026-12-05T02:30"
duration = "4h"
speed = 30

[[outage]]
name = "ward-wide outage"
at = "+0m"
restore = "+3h"
area = "ward"

[[closure]]
reason = "collapsed building on Meiji-dori"
at = "+10m"
reopen = "+2h"
coords = "139.708,35.728; 139.716,35.728; 139.716,35.734; 139.708,35.734"

[[event]]
at = "+15m"
kind = "call_in"
person = "DEMO-V001"
vent_power = "internal_battery"
external_power_left_h = 1.5

[[event]]
at = "+20m"
kind = "supporter_unavailable"
supporter = "DEMO-S0004"

[[event]]
at = "+30m"
kind = "facility_status"
facility = "rescue_centre-01"
status = "full"

[[event]]
at = "+40m"
kind = "delivery_request"
person = "DEMO-V003"
cylinders = 2
deadline = "+2h"

[[event]]
at = "+50m"
kind = "note"
text = "本部: 第2報"
text_en = "HQ: second report"
)";

using testing::contains;
using testing::read_file;
using testing::Result;

ops::TimePoint at(const char* text) {
    return *ops::parse_time(text);
}

class DrillVerbTest : public ::testing::Test {
protected:
    static fs::path template_dir() {
        return fs::temp_directory_path() /
               ("breathline-drill-template-" + std::to_string(::getpid()));
    }
    static void SetUpTestSuite() {
        fs::remove_all(template_dir());
        fs::create_directories(template_dir());
        const Result r = run_on((template_dir() / "demo.sqlite").string(), {"demo"});
        ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    }
    static void TearDownTestSuite() { fs::remove_all(template_dir()); }

    void SetUp() override {
        ::unsetenv("BREATHLINE_LANG");
        ::unsetenv("BREATHLINE_NOW");
        m_dir = fs::temp_directory_path() /
                ("breathline-drill-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        for (const auto& e : fs::directory_iterator(template_dir()))
            fs::copy(e.path(), m_dir / e.path().filename());
        m_db = (m_dir / "demo.sqlite").string();
        m_scenario = m_dir / "drill.toml";
        std::ofstream(m_scenario) << k_scenario;
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // No --now: while a drill runs, every verb takes the drill's scenario time.
    static Result run_on(const std::string& db, const std::vector<std::string>& words) {
        return testing::run_breathline({"--db", db, "--actor", "drill-hq", "--data-dir",
                                        BREATHLINE_TEST_DATA_DIR, "--lang", "en"},
                                       words);
    }
    Result run(std::vector<std::string> words) { return run_on(m_db, std::move(words)); }

    // Starts the drill and stops its clock, so scenario time moves only by `drill advance`.
    data::RowId start_paused() {
        const Result s = run({"drill", "start", m_scenario.string()});
        EXPECT_EQ(s.code, exit_ok) << s.err << s.out;
        const Result p = run({"drill", "pause"});
        EXPECT_EQ(p.code, exit_ok) << p.err << p.out;
        auto store = data::open_store(m_db);
        const auto running = drill::drill_store(*store)->running();
        EXPECT_TRUE(running);
        // Pausing a second or two after the start leaves the clock within a minute of onset
        // (x30); jump back to onset exactly.
        drill::DrillClock clock(running->clock);
        clock.jump_to(at("2026-12-05T02:30"));
        drill::drill_store(*store)->save_clock(running->incident_id, clock.state(), false);
        return running ? running->incident_id : 0;
    }

    std::string pdf_text(const fs::path& pdf) { return testing::pdf_text(pdf, m_dir); }

    fs::path m_dir;
    std::string m_db;
    fs::path m_scenario;
};

TEST_F(DrillVerbTest, HighSpeedDrillFromStartToReport) {
    const auto id = start_paused();
    ASSERT_NE(id, 0);
    {
        auto store = data::open_store(m_db);
        const auto inc = store->incidents().incident(id);
        ASSERT_TRUE(inc);
        EXPECT_TRUE(inc->is_drill);
        EXPECT_TRUE(inc->is_active);
        EXPECT_EQ(inc->onset_at, "2026-12-04T17:30:00Z");
        // The outage at +0 fired at the start, at the onset.
        const auto outages = store->incidents().outage_areas(id);
        ASSERT_EQ(outages.size(), 1u);
        EXPECT_EQ(outages[0].starts_at, "2026-12-04T17:30:00Z");
    }

    // +20 min: the call-in (+15) and the supporter falling out (+20) fire, at their times.
    Result r = run({"drill", "advance", "--by", "20m"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    EXPECT_TRUE(contains(r.out, "DEMO-V001")) << r.out;
    {
        auto store = data::open_store(m_db);
        const auto v001 = store->registry().person_by_external_id("DEMO-V001");
        const auto check = store->incidents().latest_check(id, v001->id);
        ASSERT_TRUE(check);
        EXPECT_EQ(check->checked_at, "2026-12-04T17:45:00Z"); // +15 min, not when it was run
        EXPECT_EQ(check->vent_power, data::VentilatorPower::internal_battery);
        const auto actions = drill::drill_store(*store)->actions(id);
        const auto fired =
            std::count_if(actions.begin(), actions.end(), [](const auto& a) { return a.fired_at; });
        EXPECT_EQ(fired, 4); // outage start, closure start, call-in, supporter
    }

    // The HQ phones DEMO-V002 at 02:50 (the form's time, in scenario time).
    const fs::path check = m_dir / "check.json";
    std::ofstream(check) << R"({"person": "DEMO-V002", "checked_at": "2026-12-05T02:50",
                               "vent_running": "true",
                               "vent_power": "external_battery", "external_power_left_h": "6",
                               "judgement": "evacuate", "checker_name": "drill nurse"})";
    r = run({"check", "record", check.string()});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    {
        auto store = data::open_store(m_db);
        const auto v002 = store->registry().person_by_external_id("DEMO-V002");
        EXPECT_EQ(store->incidents().latest_check(id, v002->id)->checked_at,
                  "2026-12-04T17:50:00Z");
    }

    // +35 min: the rescue centre near DEMO-V002 is full in the drill only.
    r = run({"drill", "advance", "--by", "15m"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    r = run({"recommend", "--person", "DEMO-V002", "--confirm", "1"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    {
        auto store = data::open_store(m_db);
        const auto v002 = store->registry().person_by_external_id("DEMO-V002");
        const auto d = ops::decision_store(*store)->latest(v002->id);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->decided_at, "2026-12-04T18:05:00Z");
        EXPECT_EQ(d->incident_id, id);
        const auto full = store->facilities().facility_by_external_id("rescue_centre-01");
        EXPECT_NE(d->chosen_facility_id, full->id) << "a facility full in the drill was chosen";
        // The real row never changed.
        EXPECT_EQ(full->status, data::FacilityStatus::normal);
    }
    EXPECT_TRUE(contains(r.out, "rescue_centre-01")) << "the full centre is not listed as skipped\n"
                                                     << r.out;

    // A team for DEMO-V002: the supporter who fell out in the drill is not called.
    r = run({"transport", "request", "--person", "DEMO-V002"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    r = run({"transport", "assign"});
    ASSERT_EQ(r.code == exit_ok || r.code == exit_findings, true) << r.err << r.out;
    {
        auto store = data::open_store(m_db);
        auto transport = data::dispatch::transport_store(*store);
        const auto requests = transport->requests(id);
        ASSERT_EQ(requests.size(), 1u);
        EXPECT_EQ(requests[0].requested_at, "2026-12-04T18:05:00Z");
        EXPECT_EQ(requests[0].assigned_at, std::optional<std::string>("2026-12-04T18:05:00Z"));
        const auto s4 = store->registry().supporter_by_external_id("DEMO-S0004");
        const auto members = transport->members(requests[0].id);
        EXPECT_FALSE(members.empty());
        for (const auto& m : members)
            EXPECT_NE(m.supporter_id, s4->id) << "an unavailable supporter was called";
        // The drill's team books nobody for real operations.
        EXPECT_TRUE(transport->booked_supporters().empty());
    }

    // +45 min: the delivery request (+40) fired; the van plans the drill's delivery.
    r = run({"drill", "advance", "--by", "10m"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    r = run({"deliveries", "plan", "--depot", k_depot, "--iterations", "200"});
    ASSERT_EQ(r.code == exit_ok || r.code == exit_findings, true) << r.err << r.out;
    EXPECT_TRUE(contains(r.out, "DEMO-V003")) << r.out;
    data::RowId delivery = 0;
    {
        auto store = data::open_store(m_db);
        auto deliveries = data::dispatch::delivery_store(*store);
        using S = data::dispatch::DeliveryStatus;
        const auto rows = deliveries->deliveries_in({S::pending, S::planned}, id);
        ASSERT_EQ(rows.size(), 1u);
        EXPECT_EQ(rows[0].registry_number, "DEMO-V003");
        EXPECT_EQ(rows[0].status, S::planned);
        EXPECT_EQ(rows[0].requested_at, std::optional<std::string>("2026-12-04T18:10:00Z"));
        delivery = rows[0].id;
        // Not a real row: real planning and listing never see it.
        EXPECT_TRUE(deliveries->deliveries({S::pending, S::planned}).empty());
    }
    r = run({"deliveries", "done", std::to_string(delivery)});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;

    // To the end at high speed, then the report.
    r = run({"drill", "advance", "--to-end"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    EXPECT_TRUE(contains(r.out, "9/9")) << r.out;
    const fs::path pdf = m_dir / "report.pdf";
    const fs::path csv = m_dir / "report-csv";
    r = run({"drill", "end", "--pdf", pdf.string(), "--csv", csv.string()});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    ASSERT_TRUE(fs::exists(pdf));
    ASSERT_TRUE(fs::exists(csv / "confirmations.csv"));
    {
        auto store = data::open_store(m_db);
        const auto inc = store->incidents().incident(id);
        EXPECT_EQ(inc->closed_at, std::optional<std::string>("2026-12-04T21:30:00Z"));
        EXPECT_FALSE(drill::drill_store(*store)->running());
        // Every action fired exactly once.
        for (const auto& a : drill::drill_store(*store)->actions(id))
            EXPECT_TRUE(a.fired_at) << a.kind << " " << a.subject;

        // Confirmation minutes: DEMO-V001 called in at +15, DEMO-V002 was phoned at +20.
        const std::string confirmations = read_file(csv / "confirmations.csv");
        std::istringstream lines(confirmations);
        std::string line;
        bool v001 = false, v002 = false;
        while (std::getline(lines, line)) {
            if (contains(line, "DEMO-V001")) v001 = contains(line, ",15");
            if (contains(line, "DEMO-V002")) v002 = contains(line, ",20");
        }
        EXPECT_TRUE(v001) << confirmations;
        EXPECT_TRUE(v002) << confirmations;
        const std::string deliveries = read_file(csv / "deliveries.csv");
        EXPECT_TRUE(contains(deliveries, "DEMO-V003")) << deliveries;
        EXPECT_TRUE(contains(read_file(csv / "decisions.csv"), "DEMO-V002"));
        EXPECT_TRUE(contains(read_file(csv / "teams.csv"), "DEMO-V002"));

        // The PDF names registry numbers, never a person.
        const std::string text = pdf_text(pdf);
        EXPECT_TRUE(contains(text, "DEMO-V001")) << text;
        for (const auto& p : store->registry().persons())
            EXPECT_FALSE(data::privacy::contains_name(text, p.name)) << p.external_id;
        // The report and the CSV set are audited exports.
        int exports = 0;
        for (const auto& e : store->audit().entries())
            exports += e.action == "export";
        EXPECT_GE(exports, 2);
        EXPECT_TRUE(store->audit().verify().ok);
    }
}

TEST_F(DrillVerbTest, DrillIsIsolatedFromRealOperations) {
    // A real incident is active: a drill must not take over.
    Result r =
        run({"incident", "declare", "--title", "real outage", "--onset", "2026-12-05T01:00"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    r = run({"drill", "start", m_scenario.string()});
    EXPECT_EQ(r.code, exit_bad_input) << r.out;
    EXPECT_TRUE(contains(r.err, "real incident")) << r.err;
    {
        auto store = data::open_store(m_db);
        EXPECT_FALSE(store->incidents().active_incident()->is_drill);
        EXPECT_EQ(store->incidents().incidents().size(), 1u);
    }
    r = run({"incident", "close", "--summary", "over"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;

    const auto id = start_paused();
    r = run({"drill", "advance", "--by", "50m"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    auto store = data::open_store(m_db);
    // The drill's closure is not a stored road closure, yet a routing service opened during
    // the drill closes its roads for its own session.
    EXPECT_TRUE(store->incidents().active_incident()->is_drill);
    data::RoutingService routing(*store);
    const auto before = routing.closed_edges().size();
    EXPECT_EQ(before, 0u);
    EXPECT_GT(drill::apply_drill_closures(*store, routing), 0u);
    EXPECT_GT(routing.closed_edges().size(), 0u);
    EXPECT_TRUE(routing.roads().closures(true).empty()) << "a drill closure was stored for real";

    // The drill's check is on its board only: a real incident declared later sees nothing of it
    // (and real incidents cannot be declared active over a running drill without ending it).
    const auto v001 = store->registry().person_by_external_id("DEMO-V001");
    EXPECT_TRUE(store->incidents().latest_check(id, v001->id));
    data::Incident real;
    real.title = "real";
    real.onset_at = "2026-12-05T00:00:00Z";
    real.is_active = false;
    const auto real_id = store->incidents().declare_incident(real);
    EXPECT_FALSE(store->incidents().latest_check(real_id, v001->id));
    EXPECT_TRUE(store->incidents().latest_checks(real_id).empty());

    // Facility and supporter rows are the real ones, unchanged.
    EXPECT_EQ(store->facilities().facility_by_external_id("rescue_centre-01")->status,
              data::FacilityStatus::normal);
    EXPECT_EQ(drill::drill_facilities(*store, id).size(), 1u);

    // A real loan's delivery is never planned by the drill's van, and the drill's delivery
    // never reaches the real list.
    store.reset();
    r = run({"deliveries", "show"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    EXPECT_TRUE(contains(r.out, "DEMO-V003")) << r.out; // the drill's own list, while it runs
    r = run({"drill", "end"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    r = run({"deliveries", "show"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    EXPECT_FALSE(contains(r.out, "DEMO-V003")) << "the drill's delivery reached the real list\n"
                                               << r.out;
    // After the drill, verbs are back on real time: a check is not stamped in 2026-12-05.
    store = data::open_store(m_db);
    EXPECT_FALSE(drill::running_drill_clock(m_db));
}

TEST_F(DrillVerbTest, ResumedDrillFiresNothingTwice) {
    const auto id = start_paused();
    auto store = data::open_store(m_db);
    {
        drill::DrillEngine engine(*store, id);
        EXPECT_EQ(engine.advance_to(at("2026-12-05T02:45")).size(), 2u); // closure, call-in
        EXPECT_EQ(engine.fired_count(), 3u);
    }
    // Another process (a console opened later) picks the drill up where it stands.
    drill::DrillEngine again(*store, id);
    EXPECT_EQ(again.fired_count(), 3u);
    EXPECT_TRUE(again.advance_to(at("2026-12-05T02:45")).empty());
    const auto v001 = store->registry().person_by_external_id("DEMO-V001");
    EXPECT_EQ(store->incidents().check_history(v001->id).size(), 1u);
    EXPECT_EQ(again.next_due(), std::optional<ops::TimePoint>(at("2026-12-05T02:50")));
}

TEST_F(DrillVerbTest, MalformedScenarioIsRefusedWithLineAndField) {
    const fs::path bad = m_dir / "bad.toml";
    std::ofstream(bad) << "title = \"bad\"\n"
                          "onset = \"2026-12-05T02:30\"\n"
                          "duration = \"2h\"\n"
                          "\n"
                          "[[event]]\n"
                          "at = \"+10m\"\n"
                          "kind = \"call_in\"\n"
                          "person = \"DEMO-V001\"\n"
                          "spo2_pct = 150\n";
    Result r = run({"drill", "start", bad.string()});
    EXPECT_EQ(r.code, exit_bad_input) << r.out;
    EXPECT_TRUE(contains(r.err, "bad.toml:9")) << r.err;
    EXPECT_TRUE(contains(r.err, "spo2_pct")) << r.err;

    // A registry number that is not in the database: the line of the key.
    std::ofstream(bad) << "title = \"bad\"\n"
                          "onset = \"2026-12-05T02:30\"\n"
                          "duration = \"2h\"\n"
                          "[[event]]\n"
                          "at = \"+10m\"\n"
                          "kind = \"delivery_request\"\n"
                          "person = \"NOBODY-1\"\n";
    r = run({"drill", "start", bad.string()});
    EXPECT_EQ(r.code, exit_bad_input) << r.out;
    EXPECT_TRUE(contains(r.err, "bad.toml:7")) << r.err;
    EXPECT_TRUE(contains(r.err, "NOBODY-1")) << r.err;
    auto store = data::open_store(m_db);
    EXPECT_TRUE(store->incidents().incidents().empty()) << "a refused drill left an incident";
    EXPECT_TRUE(drill::drill_store(*store)->runs().empty());
}

TEST_F(DrillVerbTest, ClockVerbsShareOneScenarioTime) {
    const auto id = start_paused();
    Result r = run({"drill", "speed", "60"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    r = run({"drill", "status"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    EXPECT_TRUE(contains(r.out, "x60")) << r.out;
    EXPECT_TRUE(contains(r.out, "paused")) << r.out;
    EXPECT_TRUE(contains(r.out, "2026-12-05 02:30")) << r.out;
    r = run({"drill", "resume"});
    ASSERT_EQ(r.code, exit_ok) << r.err << r.out;
    auto store = data::open_store(m_db);
    const auto clock = drill::running_drill_clock(m_db);
    ASSERT_TRUE(clock);
    EXPECT_FALSE(clock->paused);
    EXPECT_EQ(clock->speed, 60);
    EXPECT_EQ(drill::drill_store(*store)->run(id)->clock, *clock);
    r = run({"drill", "speed", "61"});
    EXPECT_EQ(r.code, exit_usage);
}

} // namespace
} // namespace breathline::cli
