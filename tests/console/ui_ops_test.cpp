// Incident operations through the console's Controller, without a window: exactly the commands
// the incident, board, check-form and destination panels and the map view emit, applied to the
// demo database on a scenario clock. Every write is checked in the store and the audit log; the
// map's ops layers are checked against the board (colours agree with the table's function).

#include "../data/demo/demo_test_data.h"
#include "console/map/ops_layers.h"
#include "console/ui/commands.h"
#include "data/dispatch/transport_store.h"
#include "data/ops/check_input.h"
#include "data/ops/destination.h"
#include "geo/projection.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace breathline::ui {
namespace {

namespace ops = data::ops;

ops::TimePoint jst(const char* text) {
    return *ops::parse_time(text);
}

class OpsControllerTest : public ::testing::Test {
protected:
    void SetUp() override {
        BREATHLINE_REQUIRE_DEMO_DATA();
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = std::filesystem::temp_directory_path() /
                ("breathline-ui-ops-" + std::to_string(::getpid()) + "-" + info->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_db = (m_dir / "demo.sqlite").string();
        {
            auto store = data::open_store(m_db);
            store->set_actor("fixture");
            data::demo::build_demo(*store, data::demo::testing::demo_inputs());
        }
        m_clock = std::make_shared<ops::ScenarioClock>(jst("2026-11-22T09:00"));
        m_controller = std::make_unique<Controller>(m_view, m_jobs, std::nullopt,
                                                    BREATHLINE_TEST_DATA_DIR, "coordinator-3");
        m_controller->set_clock(m_clock);
        m_controller->apply(cmd::OpenDatabase{m_db});
        m_jobs.wait_idle();
        m_jobs.poll({});
        ASSERT_TRUE(m_view.loaded);
    }
    void TearDown() override {
        m_controller.reset();
        std::filesystem::remove_all(m_dir);
    }

    void apply(const Command& c) { m_controller->apply(c); }
    bool last_log_is_error() const {
        return !m_view.log.empty() && m_view.log.back().level == LogLine::Level::error;
    }
    std::unique_ptr<data::Store> store() {
        auto s = data::open_store(m_db);
        s->set_actor("reader");
        return s;
    }
    // The ward's box with a margin, as four clicks on the map (EPSG:6677).
    void draw_box_around_the_ward() {
        const map::PlaneBox home = m_view.scene.home;
        apply(cmd::StartOutageDrawing{});
        apply(cmd::AddOutageVertex{{home.min_x - 100, home.min_y - 100}});
        apply(cmd::AddOutageVertex{{home.max_x + 100, home.min_y - 100}});
        apply(cmd::AddOutageVertex{{home.max_x + 100, home.max_y + 100}});
        apply(cmd::AddOutageVertex{{home.min_x - 100, home.max_y + 100}});
    }
    void declare_drill() {
        apply(cmd::DeclareIncident{data::IncidentKind::earthquake, "区内震度6強 訓練",
                                   "2026-11-22T08:00", true,
                                   data::EvacuationLevel::evacuation_instruction});
        ASSERT_TRUE(m_view.ops.active);
    }
    const PersonRow& located_ventilator_user() {
        for (const auto& row : m_view.persons)
            if (row.position && (row.group == map::DeviceGroup::tppv)) return row;
        throw std::runtime_error("the demo has no located TPPV user");
    }

    std::filesystem::path m_dir;
    std::string m_db;
    ViewModel m_view;
    JobRunner m_jobs;
    std::shared_ptr<ops::ScenarioClock> m_clock;
    std::unique_ptr<Controller> m_controller;
};

TEST_F(OpsControllerTest, WithoutAnIncidentNothingOperationalCanBeWritten) {
    EXPECT_FALSE(m_view.ops.active);
    EXPECT_FALSE(m_view.ops.board);
    apply(cmd::StartOutageDrawing{});
    EXPECT_TRUE(last_log_is_error());
    EXPECT_FALSE(m_view.ops.drawing);
    apply(cmd::OpenCheckForm{m_view.persons.front().external_id});
    EXPECT_TRUE(last_log_is_error());
    EXPECT_FALSE(m_view.ops.check.is_open());
    // The ops layers exist (stable layer panel) and are empty; the board ring sits right below
    // the person symbols.
    const auto& layers = m_view.scene.layers;
    const auto at = [&](std::string_view id) {
        return std::find_if(layers.begin(), layers.end(),
                            [&](const map::Layer& l) { return l.id == id; }) -
               layers.begin();
    };
    ASSERT_LT(at(map::k_board_layer_id), static_cast<long>(layers.size()));
    EXPECT_EQ(layers[at(map::k_board_layer_id) + 1].id.rfind("persons.", 0), 0u);
    EXPECT_TRUE(m_view.scene.find(map::k_board_layer_id)->points.points.empty());
    EXPECT_TRUE(m_view.scene.find(map::k_route_layer_id)->lines.segments.empty());
}

TEST_F(OpsControllerTest, ScriptedIncidentFromDeclarationToClosure) {
    declare_drill();
    EXPECT_TRUE(m_view.ops.active->is_drill);
    EXPECT_EQ(m_view.ops.phase, 0); // one hour after onset
    ASSERT_TRUE(m_view.ops.board);
    const std::size_t persons = m_view.ops.board->rows.size();
    EXPECT_GT(persons, 100u);
    EXPECT_EQ(m_view.ops.board->count(ops::BoardLevel::unconfirmed), static_cast<int>(persons));

    // An outage drawn on the map around the whole ward.
    draw_box_around_the_ward();
    ASSERT_TRUE(m_view.ops.drawing);
    EXPECT_EQ(m_view.scene.find(map::k_drawing_layer_id)->lines.segments.size(), 4u);
    apply(cmd::FinishOutage{"区内停電", "2026-11-22T08:05"});
    EXPECT_FALSE(last_log_is_error()) << m_view.log.back().text_en;
    EXPECT_FALSE(m_view.ops.drawing);
    ASSERT_EQ(m_view.ops.outages.size(), 1u);
    EXPECT_EQ(m_view.ops.outages.front().name, "区内停電");
    EXPECT_EQ(m_view.ops.outages.front().starts_at, "2026-11-21T23:05:00Z");
    const auto in_outage =
        std::count_if(m_view.ops.board->rows.begin(), m_view.ops.board->rows.end(),
                      [](const ops::BoardRow& r) { return r.in_outage; });
    EXPECT_GT(in_outage, 100);
    EXPECT_EQ(store()->audit().entries().back().entity, "outage_areas");
    // Whoever's runway is unknown became urgent the moment the outage reached them.
    EXPECT_FALSE(m_view.ops.alarms.empty());
    apply(cmd::AcknowledgeAlarms{});
    EXPECT_TRUE(m_view.ops.alarms.empty());

    // Five and a half hours later batteries run low: the refresh raises alarms, and every
    // alarm's new level is the person's level on the board and the colour of their map ring.
    m_clock->set(jst("2026-11-22T14:30"));
    apply(cmd::RefreshBoard{});
    EXPECT_EQ(m_view.ops.phase, 1); // 6.5 h after onset
    ASSERT_FALSE(m_view.ops.alarms.empty());
    const auto* ring = m_view.scene.find(map::k_board_layer_id);
    ASSERT_NE(ring, nullptr);
    for (const auto& alarm : m_view.ops.alarms) {
        const auto* row = m_view.ops.board_row(alarm.person_id);
        ASSERT_NE(row, nullptr);
        EXPECT_EQ(row->level, alarm.to);
        EXPECT_TRUE(alarm.to == ops::BoardLevel::urgent || alarm.to == ops::BoardLevel::critical);
        for (std::size_t i = 0; i < ring->features.size(); ++i)
            if (ring->features[i].id == alarm.person_id) {
                const auto style = ring->points.points[i].style;
                EXPECT_EQ(ring->points.styles[style].fill, map::board_level_colour(alarm.to));
            }
    }
    EXPECT_EQ(m_view.log.back().level, LogLine::Level::warning);
    apply(cmd::AcknowledgeAlarms{});
    EXPECT_TRUE(m_view.ops.alarms.empty());
    // The same board again: nobody crossed anything since.
    apply(cmd::RefreshBoard{});
    EXPECT_TRUE(m_view.ops.alarms.empty());

    // Power comes back.
    const auto outage_id = m_view.ops.outages.front().id;
    apply(cmd::RestoreOutage{outage_id, "2026-11-22T15:00"});
    EXPECT_TRUE(m_view.ops.outages.front().restored_at);

    // Closing needs a summary.
    apply(cmd::CloseIncident{m_view.ops.active->id, "  "});
    EXPECT_TRUE(last_log_is_error());
    EXPECT_TRUE(m_view.ops.active);
    apply(cmd::CloseIncident{m_view.ops.active->id, "全員の安否を確認、停電復旧"});
    EXPECT_FALSE(m_view.ops.active);
    EXPECT_FALSE(m_view.ops.board);
    EXPECT_TRUE(m_view.scene.find(map::k_board_layer_id)->points.points.empty());
    EXPECT_EQ(store()->audit().entries().back().action, "close");
}

TEST_F(OpsControllerTest, ABadDrawingIsRefusedAndKeptForCorrection) {
    declare_drill();
    const map::PlaneBox home = m_view.scene.home;
    apply(cmd::StartOutageDrawing{});
    apply(cmd::AddOutageVertex{{home.min_x, home.min_y}});
    apply(cmd::AddOutageVertex{{home.max_x, home.min_y}});
    apply(cmd::FinishOutage{"二点", ""});
    EXPECT_TRUE(last_log_is_error());
    EXPECT_NE(m_view.log.back().text_en.find("at least 3"), std::string::npos);
    // A bow tie: edges 1 and 3 cross.
    apply(cmd::AddOutageVertex{{home.min_x, home.max_y}});
    apply(cmd::AddOutageVertex{{home.max_x, home.max_y}});
    apply(cmd::FinishOutage{"蝶ネクタイ", ""});
    EXPECT_TRUE(last_log_is_error());
    EXPECT_NE(m_view.log.back().text_en.find("cross"), std::string::npos);
    ASSERT_TRUE(m_view.ops.drawing);
    EXPECT_EQ(m_view.ops.drawing->size(), 4u);
    EXPECT_TRUE(store()->incidents().outage_areas(m_view.ops.active->id).empty());
    // Undo the last two clicks and close the triangle the other way round: accepted.
    apply(cmd::UndoOutageVertex{});
    apply(cmd::UndoOutageVertex{});
    apply(cmd::AddOutageVertex{{home.max_x, home.max_y}});
    apply(cmd::FinishOutage{"", ""});
    EXPECT_FALSE(last_log_is_error()) << m_view.log.back().text_en;
    ASSERT_EQ(m_view.ops.outages.size(), 1u);
    EXPECT_EQ(m_view.ops.outages.front().name, "停電範囲 1");
    // Cancel throws a drawing away without writing.
    apply(cmd::StartOutageDrawing{});
    apply(cmd::AddOutageVertex{{home.min_x, home.min_y}});
    apply(cmd::CancelOutageDrawing{});
    EXPECT_FALSE(m_view.ops.drawing);
    EXPECT_TRUE(m_view.scene.find(map::k_drawing_layer_id)->points.points.empty());
    EXPECT_EQ(store()->incidents().outage_areas(m_view.ops.active->id).size(), 1u);
}

TEST_F(OpsControllerTest, OutageFromAPolygonFileOrAClearErrorNamingIt) {
    declare_drill();
    const auto bad = m_dir / "no-polygon.geojson";
    std::ofstream(bad) << R"({"type":"FeatureCollection","features":[{"type":"Feature",
        "properties":{},"geometry":{"type":"Point","coordinates":[139.71,35.73]}}]})";
    apply(cmd::ImportOutage{bad.string(), "点", ""});
    EXPECT_TRUE(last_log_is_error());
    EXPECT_NE(m_view.log.back().text_en.find("no-polygon.geojson"), std::string::npos)
        << m_view.log.back().text_en;
    EXPECT_TRUE(m_view.ops.outages.empty());
    const auto good = m_dir / "tepco.geojson";
    std::ofstream(good) << R"({"type":"FeatureCollection","features":[{"type":"Feature",
        "properties":{"name":"池袋系統"},"geometry":{"type":"Polygon","coordinates":
        [[[139.65,35.69],[139.78,35.69],[139.78,35.78],[139.65,35.78],[139.65,35.69]]]}}]})";
    apply(cmd::ImportOutage{good.string(), "池袋系統", "2026-11-22T08:30"});
    EXPECT_FALSE(last_log_is_error()) << m_view.log.back().text_en;
    ASSERT_EQ(m_view.ops.outages.size(), 1u);
    EXPECT_EQ(m_view.ops.outages.front().name, "池袋系統");
    EXPECT_EQ(m_view.ops.outages.front().starts_at, "2026-11-21T23:30:00Z");
}

TEST_F(OpsControllerTest, SafetyCheckFormValidatesNamesTheFieldAndNeverOverwrites) {
    declare_drill();
    const PersonRow& person = located_ventilator_user();
    apply(cmd::Select{{map::FeatureRef::Kind::person, person.id, person.external_id}, false});
    apply(cmd::OpenCheckForm{person.external_id});
    ASSERT_TRUE(m_view.ops.check.is_open());
    const auto keys = ops::check_field_keys();
    ASSERT_EQ(m_view.ops.check.keys.size(), keys.size());
    EXPECT_EQ(m_view.ops.check.value("checked_at"), "2026-11-22T09:00");

    apply(cmd::SetCheckField{"vent_running", "true"});
    apply(cmd::SetCheckField{"vent_power", "external_battery"});
    apply(cmd::SetCheckField{"external_power_left_h", "5"});
    apply(cmd::SetCheckField{"spo2_pct", "150"});
    apply(cmd::SetCheckField{"checker_affiliation", "池袋保健所 保健師"});
    apply(cmd::RecordCheck{});
    EXPECT_TRUE(last_log_is_error());
    ASSERT_TRUE(m_view.ops.check.is_open()); // nothing typed is lost
    ASSERT_NE(m_view.ops.check.problem_for("spo2_pct"), nullptr);
    EXPECT_NE(m_view.ops.check.problem_for("spo2_pct")->message_ja.find("SpO2"), std::string::npos);
    EXPECT_EQ(m_view.ops.check.value("external_power_left_h"), "5");
    EXPECT_TRUE(store()->incidents().check_history(person.id).empty());

    apply(cmd::SetCheckField{"spo2_pct", "97"});
    apply(cmd::SetCheckField{"judgement", "evacuate"});
    apply(cmd::RecordCheck{});
    EXPECT_FALSE(last_log_is_error()) << m_view.log.back().text_en;
    EXPECT_FALSE(m_view.ops.check.is_open());
    const auto latest = store()->incidents().latest_check(m_view.ops.active->id, person.id);
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->spo2_pct, 97);
    EXPECT_EQ(latest->vent_power, data::VentilatorPower::external_battery);
    EXPECT_EQ(latest->external_power_left_h, 5.0);
    EXPECT_EQ(latest->checked_at, "2026-11-22T00:00:00Z");
    EXPECT_EQ(m_view.ops.selected_history.size(), 1u);
    ASSERT_NE(m_view.ops.board_row(person.id), nullptr);
    EXPECT_TRUE(m_view.ops.board_row(person.id)->latest_check);

    // A second check an hour later is a second row; the checker carries over.
    m_clock->set(jst("2026-11-22T10:00"));
    apply(cmd::OpenCheckForm{person.external_id});
    EXPECT_EQ(m_view.ops.check.value("checker_affiliation"), "池袋保健所 保健師");
    apply(cmd::SetCheckField{"spo2_pct", "95"});
    apply(cmd::RecordCheck{});
    const auto history = store()->incidents().check_history(person.id);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].spo2_pct, 97);
    EXPECT_EQ(history[1].spo2_pct, 95);
    EXPECT_EQ(m_view.ops.selected_history.size(), 2u);
}

TEST_F(OpsControllerTest, RecommendationDrawsTheRouteAndRecordsConfirmAndOverride) {
    declare_drill();
    const PersonRow& person = located_ventilator_user();
    apply(cmd::Recommend{person.external_id, data::Judgement::evacuate, "car"});
    ASSERT_TRUE(m_view.ops.recommendation);
    const auto& rec = m_view.ops.recommendation->recommendation;
    ASSERT_EQ(rec.status, ops::RecommendStatus::ok);
    ASSERT_GE(rec.options.size(), 2u);
    const auto* route = m_view.scene.find(map::k_route_layer_id);
    ASSERT_NE(route, nullptr);
    EXPECT_EQ(route->lines.segments.size() + 1, rec.options.front().route.size());
    const auto first_revision = route->revision;
    apply(cmd::ShowOption{1});
    EXPECT_EQ(m_view.ops.recommendation->shown_option, 1u);
    EXPECT_NE(m_view.scene.find(map::k_route_layer_id)->revision, first_revision);
    EXPECT_EQ(m_view.scene.find(map::k_route_layer_id)->lines.segments.size() + 1,
              rec.options[1].route.size());

    apply(cmd::ConfirmDestination{1});
    ASSERT_TRUE(m_view.ops.recommendation->decision);
    const auto& confirmed = *m_view.ops.recommendation->decision;
    EXPECT_FALSE(confirmed.overridden);
    EXPECT_EQ(confirmed.chosen_facility_id, rec.options[1].facility.id);
    EXPECT_EQ(confirmed.recommended_facility_id, rec.options[0].facility.id);
    EXPECT_EQ(confirmed.actor, "coordinator-3");
    EXPECT_EQ(confirmed.incident_id, m_view.ops.active->id);
    EXPECT_EQ(store()->audit().entries().back().action, "confirm");

    // An override without a reason is refused and records nothing.
    const auto other =
        std::find_if(m_view.facilities.begin(), m_view.facilities.end(), [&](const FacilityRow& f) {
            return f.position && f.id != rec.options[0].facility.id &&
                   f.id != rec.options[1].facility.id;
        });
    ASSERT_NE(other, m_view.facilities.end());
    const auto decisions_before = ops::decision_store(*store())->decisions(person.id).size();
    apply(cmd::OverrideDestination{other->external_id, " "});
    EXPECT_TRUE(last_log_is_error());
    EXPECT_EQ(ops::decision_store(*store())->decisions(person.id).size(), decisions_before);
    apply(cmd::OverrideDestination{other->external_id, "家族が付き添える避難所"});
    EXPECT_FALSE(last_log_is_error()) << m_view.log.back().text_en;
    const auto& overridden = *m_view.ops.recommendation->decision;
    EXPECT_TRUE(overridden.overridden);
    EXPECT_EQ(overridden.chosen_facility_id, other->id);
    EXPECT_EQ(overridden.reason, "家族が付き添える避難所");
    const auto audit = store()->audit().entries().back();
    EXPECT_EQ(audit.action, "override");
    EXPECT_NE(audit.summary.find("家族が付き添える避難所"), std::string::npos) << audit.summary;
    EXPECT_TRUE(store()->audit().verify().ok);

    apply(cmd::ClearRecommendation{});
    EXPECT_TRUE(m_view.scene.find(map::k_route_layer_id)->lines.segments.empty());
}

TEST_F(OpsControllerTest, TeamWalksOfLiveTransportRequestsAreOnTheMap) {
    declare_drill();
    const PersonRow& person = located_ventilator_user();
    auto s = store();
    auto transport = data::dispatch::transport_store(*s);
    data::dispatch::TransportRequest request;
    request.incident_id = m_view.ops.active->id;
    request.person_id = person.id;
    const auto request_id = transport->create_request(request);
    std::vector<data::dispatch::TeamMemberRecord> team;
    std::vector<geo::LonLat> homes;
    for (const auto& supporter : s->registry().supporters()) {
        if (!supporter.location) continue;
        team.push_back({request_id, supporter.id, 600.0, data::dispatch::MemberStatus::called});
        homes.push_back(*supporter.location);
        if (team.size() == 4) break;
    }
    ASSERT_EQ(team.size(), 4u);
    transport->assign_team(request_id, team, 0, "");

    apply(cmd::RefreshBoard{});
    ASSERT_EQ(m_view.ops.team_walks.size(), 4u);
    const geo::PlaneProjector projector;
    const auto first_home = projector.to_plane(homes.front());
    EXPECT_NEAR(m_view.ops.team_walks.front().front().x_east_m, first_home.x_east_m, 0.01);
    EXPECT_NEAR(m_view.ops.team_walks.front().back().y_north_m, person.position->y_north_m, 0.01);
    const auto* layer = m_view.scene.find(map::k_teams_layer_id);
    ASSERT_NE(layer, nullptr);
    EXPECT_EQ(layer->points.points.size(), 4u);
    EXPECT_GE(layer->lines.segments.size(), 4u);

    // The team goes home: the request is cancelled and the walks leave the map.
    transport->set_status(request_id, data::dispatch::RequestStatus::cancelled);
    apply(cmd::RefreshBoard{});
    EXPECT_TRUE(m_view.ops.team_walks.empty());
    EXPECT_TRUE(m_view.scene.find(map::k_teams_layer_id)->lines.segments.empty());
}

// The registry table's plan column and the due list read the same plan store.
TEST_F(OpsControllerTest, PlansDueListsVentilatorUsersWithoutAPlan) {
    ASSERT_EQ(m_view.plans_due.today, "2026-11-22");
    int ventilator_users = 0;
    for (const auto& p : store()->registry().persons())
        if (p.uses_ventilator && p.status == data::PersonStatus::active) ++ventilator_users;
    ASSERT_GT(ventilator_users, 0);
    EXPECT_EQ(static_cast<int>(m_view.plans_due.entries.size()), ventilator_users);
    for (const auto& e : m_view.plans_due.entries)
        EXPECT_EQ(e.kind, data::plans::DueKind::no_plan);
    apply(cmd::RefreshPlansDue{-1});
    EXPECT_TRUE(last_log_is_error());
    EXPECT_EQ(m_view.plans_due.within_days, 30);
    apply(cmd::RefreshPlansDue{90});
    EXPECT_EQ(m_view.plans_due.within_days, 90);
}

TEST_F(OpsControllerTest, ThresholdsAreValidatedAndSwitchingIncidentsRaisesNoAlarm) {
    declare_drill();
    const auto before = m_view.ops.thresholds;
    ops::BoardThresholds bad;
    bad.critical_h = 5;
    bad.urgent_h = 2;
    apply(cmd::SetBoardThresholds{bad});
    EXPECT_TRUE(last_log_is_error());
    EXPECT_EQ(m_view.ops.thresholds.critical_h, before.critical_h);
    const auto drill_id = m_view.ops.active->id;
    apply(cmd::AddWardOutage{"", "2026-11-22T08:05"});
    ASSERT_EQ(m_view.ops.outages.size(), 1u);
    EXPECT_EQ(m_view.ops.outages.front().name, "区全域");

    // A real incident declared beside the drill: its board has no outage and no alarms, and
    // the drill's outage never shows on it.
    m_clock->set(jst("2026-11-22T15:00"));
    apply(cmd::DeclareIncident{data::IncidentKind::power_outage, "実停電", "", false,
                               data::EvacuationLevel::none});
    ASSERT_TRUE(m_view.ops.active);
    EXPECT_FALSE(m_view.ops.active->is_drill);
    EXPECT_TRUE(m_view.ops.outages.empty());
    EXPECT_TRUE(m_view.ops.alarms.empty());
    EXPECT_EQ(m_view.ops.incidents.size(), 2u);
    apply(cmd::ActivateIncident{drill_id});
    EXPECT_EQ(m_view.ops.active->id, drill_id);
    EXPECT_TRUE(m_view.ops.alarms.empty());
    EXPECT_EQ(m_view.ops.outages.size(), 1u);
}

} // namespace
} // namespace breathline::ui
