// Oxygen van deliveries (issue 6) on the demo database: loans taken to step ⑥ (and one to ⑧ for
// a collection) create the rows; the plan is built over the demo's arterial roads with a fixed
// iteration count and checked by geo::vrp's independent feasibility checker; a person whose
// oxygen runs out before any van can arrive is unassigned for the deadline, a home far from
// every road as unreachable; replanning after a served stop keeps it first with its time; the
// route sheet PDF is read back with pdftotext (registry numbers, no names unless
// --driver-names, which proves the check can fail) and rasterised with pdftoppm (not blank).

#include "cli_test_support.h"
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/demo/demo_builder.h"
#include "data/dispatch/delivery_plan.h"
#include "data/dispatch/loan_store.h"
#include "data/error.h"
#include "data/store/store.h"
#include "geo/vrp/feasibility.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace breathline::cli {
namespace {

namespace fs = std::filesystem;
namespace dispatch = data::dispatch;
namespace ops = data::ops;
namespace vrp = geo::vrp;

// Thursday afternoon in Japan; the incident began an hour earlier with a ward-wide outage, so
// the oxygen runways are deadlines. It is a real incident: a drill's board never sets real
// deliveries' deadlines (issue 8), which verb_drill_test checks.
constexpr const char* k_now = "2026-12-03T14:00";
// On 明治通り near Ikebukuro (a road of the demo's arterial network).
constexpr const char* k_depot = "139.7150,35.7270";
// Far west of Tokyo, kilometres from every road of the demo's central-Tokyo network.
constexpr double k_far_lon = 139.20, k_far_lat = 35.65;

using testing::contains;
using testing::read_file;
using testing::Result;

class DeliveriesTest : public ::testing::Test {
protected:
    // The demo is built once per executable and copied for each test (it takes seconds).
    static fs::path template_dir() {
        return fs::temp_directory_path() /
               ("breathline-deliveries-template-" + std::to_string(::getpid()));
    }
    static void SetUpTestSuite() {
        fs::remove_all(template_dir());
        fs::create_directories(template_dir());
        const std::string db = (template_dir() / "demo.sqlite").string();
        const std::vector<std::vector<std::string>> steps = {
            {"demo"},
            {"incident", "declare", "--title", "oxygen outage", "--onset", "2026-12-03T13:00"},
            {"outage", "add", "--name", "ward", "--ward", "--start", "2026-12-03T13:00"}};
        for (const auto& s : steps) {
            const Result r = run_on(db, s);
            ASSERT_EQ(r.code, exit_ok) << s[0] << ": " << r.err << r.out;
        }
    }
    static void TearDownTestSuite() { fs::remove_all(template_dir()); }

    void SetUp() override {
        ::unsetenv("BREATHLINE_LANG");
        ::unsetenv("BREATHLINE_NOW");
        ASSERT_TRUE(fs::exists(template_dir() / "demo.sqlite")) << "demo not built";
        m_dir = fs::temp_directory_path() /
                ("breathline-deliveries-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        for (const auto& e : fs::directory_iterator(template_dir()))
            fs::copy(e.path(), m_dir / e.path().filename());
        m_db = (m_dir / "demo.sqlite").string();
        m_now = *ops::parse_time(k_now);
        m_store = data::open_store(m_db);
        m_store->set_actor("van-test");
        make_loans();
    }
    void TearDown() override {
        m_store.reset();
        fs::remove_all(m_dir);
    }

    static Result run_on(const std::string& db, const std::vector<std::string>& words) {
        return testing::run_breathline({"--db", db, "--actor", "coordinator-1", "--data-dir",
                                        BREATHLINE_TEST_DATA_DIR, "--lang", "en", "--now", k_now},
                                       words);
    }
    Result run(std::vector<std::string> words) { return run_on(m_db, std::move(words)); }

    // A loan taken to ⑥ (the delivery request), which adds the pending delivery.
    data::RowId loan_to_delivery_request(const data::Person& p) {
        auto loans = dispatch::loan_store(*m_store);
        dispatch::Loan l;
        l.person_id = p.id;
        l.opened_at = ops::format_time(m_now - std::chrono::hours(1));
        const auto id = loans->open_loan(l);
        using S = dispatch::LoanState;
        for (const auto to : {S::clinic_coordination, S::clinic_consultation, S::admission_request,
                              S::visit_scheduling, S::delivery_request}) {
            dispatch::LoanAdvance step;
            step.loan_id = id;
            step.to = to;
            step.at = l.opened_at;
            if (to == S::clinic_consultation) step.clinic = "池袋クリニック";
            if (to == S::delivery_request) step.flow_l_min = 2.0;
            loans->advance(step);
        }
        return id;
    }

    // Six located persons with loans at ⑥; one of them short of oxygen (checked a minute ago
    // with 0.02 h usable), one moved far from every road; a seventh at ⑧ for a collection
    // when its therapy ends in two hours.
    void make_loans() {
        data::PersonFilter filter;
        filter.status = data::PersonStatus::active;
        std::vector<data::Person> located;
        for (const auto& p : m_store->registry().persons(filter))
            if (p.location && !p.town.empty() && !p.name.empty()) located.push_back(p);
        ASSERT_GE(located.size(), 8u) << "the demo has too few located persons";
        // Oxygen users without a ventilator first: the deadline person must have an oxygen
        // runway, and the others no known runway (no check yet; a ventilator's batteries would
        // give one in the outage). Then persons with neither device.
        const auto rank = [](const data::Person& p) {
            if (p.home_oxygen && !p.uses_ventilator) return 0;
            if (!p.home_oxygen && !p.uses_ventilator) return 1;
            return 2;
        };
        std::stable_sort(
            located.begin(), located.end(),
            [&](const data::Person& a, const data::Person& b) { return rank(a) < rank(b); });
        ASSERT_LT(rank(located[6]), 2) << "the demo has too few persons without a ventilator";
        ASSERT_TRUE(located.front().home_oxygen) << "the demo has no home-oxygen user";

        m_short = located[0];
        m_far = located[1];
        for (std::size_t i = 0; i < 6; ++i) {
            loan_to_delivery_request(located[i]);
            m_people.push_back(located[i]);
        }
        // Far away: kilometres from every road.
        m_far.location = geo::LonLat(k_far_lon, k_far_lat);
        m_store->registry().upsert_person(m_far);

        const auto incident = m_store->incidents().active_incident();
        ASSERT_TRUE(incident);
        data::SafetyCheck check;
        check.incident_id = incident->id;
        check.person_id = m_short.id;
        check.checked_at = ops::format_time(m_now - std::chrono::minutes(1));
        check.oxygen_hours_usable = 0.02;
        m_store->incidents().record_check(check);

        // The collection: delivered at ⑦ (by hand, no van), therapy at ⑧ ends in two hours.
        m_collect = located[6];
        m_people.push_back(m_collect);
        auto loans = dispatch::loan_store(*m_store);
        const auto id = loan_to_delivery_request(m_collect);
        dispatch::LoanAdvance deliver;
        deliver.loan_id = id;
        deliver.to = dispatch::LoanState::delivered;
        deliver.at = ops::format_time(m_now - std::chrono::minutes(30));
        deliver.lend_serials = {"O2-CYL-01", "O2-REG-01"};
        loans->advance(deliver);
        dispatch::LoanAdvance visit;
        visit.loan_id = id;
        visit.to = dispatch::LoanState::therapy_visit;
        visit.at = deliver.at;
        visit.therapy_ends = ops::format_time(m_now + std::chrono::hours(2));
        loans->advance(visit);
    }

    dispatch::DeliveryPlanOptions options(ops::TimePoint now) {
        dispatch::DeliveryPlanOptions o;
        o.now = now;
        o.depot = {geo::LonLat(139.7150, 35.7270), "test depot"};
        o.solver.seed = 7;
        o.solver.iterations = 300;
        o.solver.time_limit_s = 0; // iterations alone: the same plan on any machine
        return o;
    }

    const dispatch::UnassignedDelivery* unassigned_of(const dispatch::DeliveryPlan& plan,
                                                      data::RowId person_id) {
        for (const auto& u : plan.unassigned)
            if (u.row.person_id == person_id) return &u;
        return nullptr;
    }

    std::string pdf_text(const fs::path& pdf) { return testing::pdf_text(pdf, m_dir); }

    fs::path m_dir;
    std::string m_db;
    ops::TimePoint m_now;
    std::unique_ptr<data::Store> m_store;
    std::vector<data::Person> m_people;
    data::Person m_short, m_far, m_collect;
};

std::string violations_text(const std::vector<vrp::Violation>& v) {
    std::string s;
    for (const auto& x : v)
        s += std::string(vrp::to_string(x.kind)) + ": " + x.detail + "\n";
    return s;
}

TEST_F(DeliveriesTest, PlanIsFeasibleAndNamesDeadlineAndUnreachable) {
    data::RoutingService routing(*m_store);
    const auto plan = dispatch::plan_deliveries(*m_store, routing, options(m_now));
    ASSERT_EQ(plan.jobs.size(), 7u); // six deliveries and one collection
    EXPECT_TRUE(plan.incident_id);
    EXPECT_GE(plan.runway_deadlines, 1u);
    const auto violations = vrp::check_solution(plan.problem, plan.solution);
    EXPECT_TRUE(violations.empty()) << violations_text(violations);

    const auto* late = unassigned_of(plan, m_short.id);
    ASSERT_NE(late, nullptr) << m_short.external_id << " should not fit its 1-minute runway";
    EXPECT_EQ(late->reason, vrp::UnassignedReason::deadline) << late->detail_en;
    EXPECT_TRUE(contains(late->detail_en, "oxygen")) << late->detail_en;
    const auto* far = unassigned_of(plan, m_far.id);
    ASSERT_NE(far, nullptr);
    EXPECT_EQ(far->reason, vrp::UnassignedReason::unreachable) << far->detail_en;
    EXPECT_TRUE(contains(far->detail_en, "from the nearest road")) << far->detail_en;
    EXPECT_EQ(plan.unassigned.size(), 2u);

    // The collection waits for the end of therapy: its start is its ready time or later.
    std::size_t planned_stops = 0;
    for (const auto& r : plan.routes)
        for (const auto& s : r.stops) {
            ++planned_stops;
            if (s.row.collection) {
                EXPECT_EQ(s.row.person_id, m_collect.id);
                EXPECT_GE(s.start, m_now + std::chrono::hours(2));
            }
        }
    EXPECT_EQ(planned_stops, 5u);

    // Written: planned rows carry the van and the ETA; the others stay pending with the reason.
    auto store = dispatch::delivery_store(*m_store);
    EXPECT_EQ(dispatch::write_delivery_plan(*store, plan), 7u);
    for (const auto& r : plan.routes)
        for (const auto& s : r.stops) {
            const auto row = store->delivery(s.row.id);
            ASSERT_TRUE(row);
            EXPECT_EQ(row->status, dispatch::DeliveryStatus::planned);
            EXPECT_EQ(row->vehicle, r.name);
            ASSERT_TRUE(row->planned_at);
            EXPECT_EQ(*row->planned_at, ops::format_time(s.start));
        }
    const auto late_row = store->delivery(late->row.id);
    EXPECT_EQ(late_row->status, dispatch::DeliveryStatus::pending);
    EXPECT_TRUE(late_row->vehicle.empty());
    EXPECT_EQ(late_row->notes, "unassigned:deadline");
    EXPECT_EQ(store->delivery(far->row.id)->notes, "unassigned:unreachable");

    // The audit entry names registry numbers, never names.
    const auto entries = m_store->audit().entries(1);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].action, "plan");
    EXPECT_TRUE(contains(entries[0].summary, m_people[2].external_id)) << entries[0].summary;
    for (const auto& p : m_people)
        EXPECT_FALSE(contains(entries[0].summary, p.name)) << entries[0].summary;

    // A fixed iteration count gives the same plan again.
    const auto again = dispatch::plan_deliveries(*m_store, routing, options(m_now));
    ASSERT_EQ(again.routes.size(), plan.routes.size());
    for (std::size_t v = 0; v < plan.routes.size(); ++v) {
        ASSERT_EQ(again.routes[v].stops.size(), plan.routes[v].stops.size());
        for (std::size_t k = 0; k < plan.routes[v].stops.size(); ++k)
            EXPECT_EQ(again.routes[v].stops[k].row.id, plan.routes[v].stops[k].row.id);
    }
}

TEST_F(DeliveriesTest, AFullVanLeavesTheRestForCapacity) {
    data::RoutingService routing(*m_store);
    auto o = options(m_now);
    o.vehicles = 1;
    o.capacity = 1;
    const auto plan = dispatch::plan_deliveries(*m_store, routing, o);
    const auto violations = vrp::check_solution(plan.problem, plan.solution);
    EXPECT_TRUE(violations.empty()) << violations_text(violations);
    // Four reachable deliveries in time, one cylinder on board: three stay for capacity.
    std::size_t capacity = 0;
    for (const auto& u : plan.unassigned)
        if (u.reason == vrp::UnassignedReason::capacity) {
            ++capacity;
            EXPECT_TRUE(contains(u.detail_en, "full")) << u.detail_en;
        }
    EXPECT_EQ(capacity, 3u);
}

TEST_F(DeliveriesTest, ReplanKeepsTheServedStopFirstWithItsTime) {
    data::RoutingService routing(*m_store);
    const auto plan = dispatch::plan_deliveries(*m_store, routing, options(m_now));
    auto store = dispatch::delivery_store(*m_store);
    dispatch::write_delivery_plan(*store, plan);
    const dispatch::VehicleRoute* van = nullptr;
    for (const auto& r : plan.routes)
        if (!r.stops.empty() && (!van || r.stops.size() > van->stops.size())) van = &r;
    ASSERT_NE(van, nullptr);
    const auto first = van->stops.front();
    // Served two minutes later than planned (the actual time is what counts).
    const auto served_at = first.start + std::chrono::minutes(2);
    store->mark_done(first.row.id, ops::format_time(served_at));

    auto o = options(served_at + std::chrono::minutes(10));
    o.replan = true;
    const auto replan = dispatch::plan_deliveries(*m_store, routing, o);
    const auto violations = vrp::check_solution(replan.problem, replan.solution);
    EXPECT_TRUE(violations.empty()) << violations_text(violations);
    const dispatch::VehicleRoute* same = nullptr;
    for (const auto& r : replan.routes)
        if (r.name == van->name) same = &r;
    ASSERT_NE(same, nullptr);
    ASSERT_FALSE(same->stops.empty());
    EXPECT_EQ(same->stops.front().row.id, first.row.id);
    EXPECT_TRUE(same->stops.front().served);
    EXPECT_EQ(same->stops.front().start, served_at);
    ASSERT_TRUE(same->position_note_en);
    EXPECT_TRUE(contains(*same->position_note_en, first.row.registry_number))
        << *same->position_note_en;
    // Served once: the row is not planned a second time anywhere.
    std::size_t seen = 0;
    for (const auto& r : replan.routes)
        for (const auto& s : r.stops)
            seen += s.row.id == first.row.id;
    EXPECT_EQ(seen, 1u);
    dispatch::write_delivery_plan(*store, replan);
    const auto row = store->delivery(first.row.id);
    EXPECT_EQ(row->status, dispatch::DeliveryStatus::done);
    EXPECT_EQ(row->vehicle, van->name);
    EXPECT_EQ(*row->done_at, ops::format_time(served_at));
}

TEST_F(DeliveriesTest, VerbsPlanShowDoneAndSheetWithoutNames) {
    m_store.reset(); // the verbs open the database themselves
    const Result plan =
        run({"deliveries", "plan", "--depot", k_depot, "--iterations", "200", "--seed", "3"});
    // Two jobs cannot be placed: exit code 1 with the reasons.
    EXPECT_EQ(plan.code, exit_findings) << plan.err << plan.out;
    EXPECT_TRUE(contains(plan.out, "deadline")) << plan.out;
    EXPECT_TRUE(contains(plan.out, "unreachable")) << plan.out;
    EXPECT_TRUE(contains(plan.out, "van-1")) << plan.out;

    const Result show = run({"deliveries", "show"});
    ASSERT_EQ(show.code, exit_ok) << show.err;
    EXPECT_TRUE(contains(show.out, m_short.external_id)) << show.out;
    EXPECT_TRUE(contains(show.out, m_people[2].town)) << show.out;

    // Which registry numbers are on van-1, from the store.
    std::vector<std::string> on_van;
    std::string first_id;
    {
        auto store = data::open_store(m_db);
        auto rows =
            dispatch::delivery_store(*store)->deliveries({dispatch::DeliveryStatus::planned});
        std::sort(rows.begin(), rows.end(),
                  [](const auto& a, const auto& b) { return *a.planned_at < *b.planned_at; });
        for (const auto& r : rows)
            if (r.vehicle == "van-1") {
                on_van.push_back(r.registry_number);
                if (first_id.empty()) first_id = std::to_string(r.id);
            }
    }
    ASSERT_FALSE(on_van.empty()) << plan.out;
    const Result done = run({"deliveries", "done", first_id, "--at", "2026-12-03T14:20"});
    EXPECT_EQ(done.code, exit_ok) << done.err;
    EXPECT_EQ(run({"deliveries", "done", first_id}).code, exit_bad_input); // twice: refused

    const fs::path pdf = m_dir / "van-1.pdf";
    const Result sheet = run(
        {"deliveries", "sheet", "--vehicle", "van-1", "--out", pdf.string(), "--depot", k_depot});
    ASSERT_EQ(sheet.code, exit_ok) << sheet.err << sheet.out;
    const std::string text = pdf_text(pdf);
    for (const auto& id : on_van)
        EXPECT_TRUE(contains(text, id)) << id << " missing from\n" << text;
    EXPECT_TRUE(contains(text, "OpenStreetMap")) << text;
    for (const auto& p : m_people) {
        EXPECT_FALSE(contains(text, p.name)) << "name of " << p.external_id << " in the sheet";
        if (!p.address.empty() && !contains(p.address, p.town) && !contains(p.town, p.address)) {
            EXPECT_FALSE(contains(text, p.address)) << "address of " << p.external_id;
        }
    }

    // Page 1 is not blank: the map and the table leave dark pixels.
    const fs::path png_base = m_dir / "page";
    const std::string cmd =
        "pdftoppm -f 1 -l 1 -r 40 -gray '" + pdf.string() + "' '" + png_base.string() + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    fs::path pgm;
    for (const auto& e : fs::directory_iterator(m_dir))
        if (e.path().extension() == ".pgm") pgm = e.path();
    ASSERT_FALSE(pgm.empty());
    const std::string image = read_file(pgm);
    // Binary PGM: "P5\nW H\n255\n" then one byte per pixel.
    std::istringstream header(image);
    std::string magic;
    int w = 0, h = 0, maxval = 0;
    header >> magic >> w >> h >> maxval;
    ASSERT_EQ(magic, "P5");
    const std::size_t offset = static_cast<std::size_t>(header.tellg()) + 1;
    ASSERT_EQ(image.size(), offset + static_cast<std::size_t>(w * h));
    // The map frame spans 42..154 mm of the 297 mm page.
    std::size_t non_white_map = 0, map_pixels = 0;
    for (int y = h * 45 / 297; y < h * 150 / 297; ++y)
        for (int x = w * 20 / 210; x < w * 190 / 210; ++x) {
            ++map_pixels;
            non_white_map += static_cast<unsigned char>(image[offset + y * w + x]) < 240;
        }
    EXPECT_GT(non_white_map, map_pixels / 20) << "the map area is (nearly) blank";

    // The driver's copy names the person: the check above can fail.
    const fs::path driver = m_dir / "van-1-driver.pdf";
    ASSERT_EQ(run({"deliveries", "sheet", "--vehicle", "van-1", "--out", driver.string(), "--depot",
                   k_depot, "--driver-names"})
                  .code,
              exit_ok);
    const std::string driver_text = pdf_text(driver);
    bool some_name = false;
    for (const auto& p : m_people)
        some_name = some_name || contains(driver_text, p.name);
    EXPECT_TRUE(some_name) << driver_text;

    // The replan keeps the served stop and says where the van is taken to be.
    const Result replan =
        run({"deliveries", "plan", "--depot", k_depot, "--iterations", "200", "--replan"});
    EXPECT_EQ(replan.code, exit_findings) << replan.err;
    EXPECT_TRUE(contains(replan.out, "served")) << replan.out;
    EXPECT_TRUE(contains(replan.out, "last served stop")) << replan.out;
}

} // namespace
} // namespace breathline::cli
