// The console's drill session (issue 8), headless: opening a database with a running drill
// attaches its scenario clock; ticking the clock fires the scenario's actions at their scenario
// times and moves the board with them; the presenter's pause/resume/speed commands reach the
// stored clock; ending the drill closes its incident and writes the after-action report beside
// the database. Real time is a variable the test moves.

#include "../data/demo/demo_test_data.h"
#include "console/ui/commands.h"
#include "data/drill/drill_engine.h"
#include "data/drill/drill_store.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace breathline::ui {
namespace {

namespace ops = data::ops;
namespace drill = data::drill;
using namespace std::chrono_literals;

constexpr const char* k_scenario = R"(title = "console drill"
onset = "2026-12-05T02:30"
duration = "2h"
speed = 30
[[outage]]
name = "ward-wide outage"
at = "+0m"
restore = "+90m"
area = "ward"
[[event]]
at = "+15m"
kind = "call_in"
person = "DEMO-V001"
vent_power = "internal_battery"
external_power_left_h = 0.5
[[event]]
at = "+20m"
kind = "facility_status"
facility = "rescue_centre-01"
status = "full"
occupancy = 300
[[event]]
at = "+40m"
kind = "note"
text = "本部: 第2報"
)";

class DrillConsoleTest : public ::testing::Test {
protected:
    void SetUp() override {
        BREATHLINE_REQUIRE_DEMO_DATA();
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = std::filesystem::temp_directory_path() /
                ("breathline-ui-drill-" + std::to_string(::getpid()) + "-" + info->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_db = (m_dir / "demo.sqlite").string();
        m_real = std::chrono::system_clock::time_point(std::chrono::hours(24 * 365 * 50));
        {
            auto store = data::open_store(m_db);
            store->set_actor("fixture");
            data::demo::build_demo(*store, data::demo::testing::demo_inputs());
            auto parsed = drill::parse_scenario(k_scenario, "console.toml");
            ASSERT_TRUE(parsed.scenario)
                << drill::format_problem("console.toml", parsed.problems.front());
            drill::StartOptions options;
            options.real_now = m_real;
            m_incident =
                drill::start_drill(*store, *parsed.scenario, "console.toml", k_scenario, options);
        }
        m_controller = std::make_unique<Controller>(m_view, m_jobs, std::nullopt,
                                                    BREATHLINE_TEST_DATA_DIR, "presenter");
        m_controller->set_drill_real_now([this] { return m_real; });
        m_controller->apply(cmd::OpenDatabase{m_db});
        m_jobs.wait_idle();
        m_jobs.poll({});
        ASSERT_TRUE(m_view.loaded);
    }
    void TearDown() override {
        m_controller.reset();
        std::filesystem::remove_all(m_dir);
    }
    void pass(std::chrono::milliseconds real) {
        m_real += real;
        m_controller->tick_drill();
    }

    std::filesystem::path m_dir;
    std::string m_db;
    std::chrono::system_clock::time_point m_real;
    data::RowId m_incident = 0;
    ViewModel m_view;
    JobRunner m_jobs;
    std::unique_ptr<Controller> m_controller;
};

TEST_F(DrillConsoleTest, ClockFiresEventsOnTimeAndTheBoardFollows) {
    ASSERT_TRUE(m_view.drill.running);
    EXPECT_EQ(m_view.drill.incident_id, m_incident);
    EXPECT_EQ(m_view.drill.now, *ops::parse_time("2026-12-05T02:30"));
    EXPECT_EQ(m_view.drill.speed, 30);
    ASSERT_TRUE(m_view.ops.active);
    EXPECT_TRUE(m_view.ops.active->is_drill);
    EXPECT_EQ(m_view.drill.actions_fired, 1u); // the outage at +0
    ASSERT_EQ(m_view.drill.ticker.size(), 1u);
    ASSERT_EQ(m_view.ops.outages.size(), 1u);
    // The app wakes at the next scenario minute: 60 s at x30 is 2 s of real time.
    EXPECT_EQ(m_controller->drill_wake_interval(), std::optional<double>(2.0));

    // 29 s of real time at x30 is 14.5 scenario minutes: the +15 call-in has not fired.
    pass(29s);
    EXPECT_EQ(m_view.drill.actions_fired, 1u);
    // One more second: it fires, stamped with its own time, and the board shows the person.
    pass(1s);
    EXPECT_EQ(m_view.drill.now, *ops::parse_time("2026-12-05T02:45"));
    EXPECT_EQ(m_controller->drill_wake_interval(), std::optional<double>(2.0));
    pass(500ms); // 15 scenario seconds into the minute: 45 s are left, 1.5 s of real time
    EXPECT_EQ(m_controller->drill_wake_interval(), std::optional<double>(1.5));
    EXPECT_EQ(m_view.drill.actions_fired, 2u);
    EXPECT_NE(m_view.drill.ticker.front().text_ja.find("DEMO-V001"), std::string::npos);
    ASSERT_TRUE(m_view.ops.board);
    EXPECT_EQ(m_view.ops.board->at, *ops::parse_time("2026-12-05T02:45"));
    bool found = false;
    for (const auto& row : m_view.ops.board->rows)
        if (row.external_id == "DEMO-V001") {
            found = true;
            ASSERT_TRUE(row.latest_check);
            EXPECT_EQ(row.latest_check->checked_at, "2026-12-04T17:45:00Z");
            EXPECT_NE(row.level, ops::BoardLevel::unconfirmed);
        }
    EXPECT_TRUE(found);

    // Pause: real time passes, scenario time stands; the stored clock says paused.
    m_controller->apply(cmd::DrillTogglePause{});
    EXPECT_TRUE(m_view.drill.paused);
    EXPECT_FALSE(m_controller->drill_wake_interval());
    pass(10min);
    EXPECT_EQ(m_view.drill.now, *ops::parse_time("2026-12-05T02:45:15"));
    {
        auto store = data::open_store(m_db);
        EXPECT_TRUE(drill::drill_store(*store)->run(m_incident)->clock.paused);
    }
    m_controller->apply(cmd::DrillTogglePause{});
    m_controller->apply(cmd::DrillFaster{});
    EXPECT_EQ(m_view.drill.speed, 60);
    m_controller->apply(cmd::DrillFaster{});
    EXPECT_EQ(m_view.drill.speed, 60); // the top step
    m_controller->apply(cmd::DrillSetSpeed{120});
    EXPECT_EQ(m_view.drill.speed, 60);
    EXPECT_EQ(m_view.log.back().level, LogLine::Level::error);
    // 30 s at x60 = 30 scenario minutes: 03:15:15; the +20 facility change and the +40 note fired.
    pass(30s);
    EXPECT_EQ(m_view.drill.now, *ops::parse_time("2026-12-05T03:15:15"));
    EXPECT_EQ(m_view.drill.actions_fired, 4u);
    // The facility table shows the centre as the drill sees it; its real row is unchanged.
    const auto row = m_view.facility_index(
        data::open_store(m_db)->facilities().facility_by_external_id("rescue_centre-01")->id);
    ASSERT_TRUE(row);
    EXPECT_EQ(m_view.facilities[*row].status, data::FacilityStatus::full);
    EXPECT_EQ(m_view.facilities[*row].occupancy, std::optional<int>(300));
    EXPECT_EQ(
        data::open_store(m_db)->facilities().facility_by_external_id("rescue_centre-01")->status,
        data::FacilityStatus::normal);
    // Past the end the clock stops at the end; the drill is finished and the app may sleep.
    pass(10min);
    EXPECT_TRUE(m_view.drill.finished);
    EXPECT_EQ(m_view.drill.now, *ops::parse_time("2026-12-05T04:30"));
    EXPECT_EQ(m_view.drill.actions_fired, m_view.drill.actions_total);
    EXPECT_FALSE(m_controller->drill_wake_interval());
}

TEST_F(DrillConsoleTest, EndingWritesTheReportBesideTheDatabase) {
    pass(60s); // 30 scenario minutes: the centre is full in the drill
    const auto centre =
        data::open_store(m_db)->facilities().facility_by_external_id("rescue_centre-01")->id;
    EXPECT_EQ(m_view.facilities[*m_view.facility_index(centre)].status, data::FacilityStatus::full);
    m_controller->apply(cmd::DrillEnd{});
    EXPECT_FALSE(m_view.drill.running);
    EXPECT_FALSE(m_view.ops.active);
    ASSERT_FALSE(m_view.drill.report_pdf.empty());
    EXPECT_TRUE(std::filesystem::exists(m_view.drill.report_pdf));
    EXPECT_TRUE(std::filesystem::exists(
        m_dir / ("drill-" + std::to_string(m_incident) + "-report") / "confirmations.csv"));
    auto store = data::open_store(m_db);
    const auto inc = store->incidents().incident(m_incident);
    EXPECT_EQ(inc->closed_at, std::optional<std::string>("2026-12-04T18:00:00Z"));
    EXPECT_FALSE(drill::drill_store(*store)->running());
    // Back to the real facility rows.
    EXPECT_EQ(m_view.facilities[*m_view.facility_index(centre)].status,
              data::FacilityStatus::normal);
    // Ticking after the end does nothing; the console is back on real time.
    pass(60s);
    EXPECT_FALSE(m_view.drill.running);
}

} // namespace
} // namespace breathline::ui
