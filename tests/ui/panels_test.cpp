// Every panel drawn in a headless ImGui context (no window, no renderer) over the real demo
// database, in both languages and in drill mode, with a person and a facility selected: no
// crash, no ImGui assertion, no UI text key without its translation, and no person name in any
// text the panels show (every dynamic text goes through PanelContext::show) in drill mode.
// The incident-operations panels are drawn over an incident declared in the demo database with
// the view model's ops part filled by hand (independent of the controller's handlers), and one
// button is clicked with simulated mouse input.

#include "../data/demo/demo_test_data.h"
#include "console/cli/ops_args.h"
#include "console/ui/commands.h"
#include "console/ui/panels/map_view.h"
#include "console/ui/panels/panel.h"
#include "console/ui/ui_text.h"
#include "data/ops/board.h"
#include "data/ops/check_input.h"
#include "data/ops/phase.h"

#include <algorithm>
#include <cfloat>
#include <filesystem>
#include <functional>
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <unistd.h>

namespace breathline::ui {
namespace {

// An ImGui context without a window or renderer: the font atlas is built in memory and each
// frame ends in ImGui::Render(), which runs every layout and assertion but draws nothing.
class HeadlessImgui {
public:
    HeadlessImgui() {
        m_ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1600, 960);
        io.DeltaTime = 1.0f / 60.0f;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->AddFontDefault();
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h); // builds the atlas; no texture needed
    }
    ~HeadlessImgui() { ImGui::DestroyContext(m_ctx); }

    template <typename Draw> void frame(Draw draw) {
        frame_with_mouse(ImVec2(-1, -1), false, draw);
    }

    /// A frame with the mouse at `mouse` (negative: outside) and the left button `down`.
    template <typename Draw> void frame_with_mouse(ImVec2 mouse, bool down, Draw draw) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = mouse.x < 0 ? ImVec2(-FLT_MAX, -FLT_MAX) : mouse;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(1600, 960));
        ImGui::Begin("test");
        draw();
        ImGui::End();
        ImGui::Render();
    }

private:
    ImGuiContext* m_ctx;
};

class PanelsTest : public ::testing::Test {
protected:
    void SetUp() override {
        BREATHLINE_REQUIRE_DEMO_DATA();
        m_dir = std::filesystem::temp_directory_path() /
                ("breathline-panels-" + std::to_string(::getpid()));
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_db = (m_dir / "demo.sqlite").string();
        auto store = data::open_store(m_db);
        store->set_actor("panels-test");
        data::demo::build_demo(*store, data::demo::testing::demo_inputs());
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    std::filesystem::path m_dir;
    std::string m_db;
};

TEST_F(PanelsTest, EveryPanelDrawsOverTheDemoInBothLanguagesAndDrillMode) {
    ViewModel view;
    JobRunner jobs;
    Controller controller(view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "panels-test");
    controller.apply(cmd::OpenDatabase{m_db});
    jobs.wait_idle();
    jobs.poll({});
    ASSERT_TRUE(view.loaded);
    ASSERT_FALSE(view.persons.empty());
    ASSERT_FALSE(view.facilities.empty());
    const PersonRow person = view.persons.front();
    controller.apply(
        cmd::Select{{map::FeatureRef::Kind::person, person.id, person.external_id}, true});
    const FacilityRow facility = view.facilities.front();
    ASSERT_TRUE(view.selected_person);

    HeadlessImgui imgui;
    CommandQueue queue;
    for (const bool drill : {false, true})
        for (const Lang lang : {Lang::ja, Lang::en}) {
            controller.apply(cmd::SetLanguage{lang});
            controller.apply(cmd::SetDrillMode{drill});
            controller.apply(cmd::SetSearch{drill ? person.external_id : person.name});
            controller.apply(cmd::SetPersonField{"oxygen_flow_l_min", "bad"});
            std::vector<std::string> shown;
            const PanelContext ctx{view, queue, [&shown](std::string_view t) {
                                       shown.emplace_back(t);
                                       return std::string(t);
                                   }};
            for (int f = 0; f < 3; ++f) { // a few frames: tables settle their layout
                imgui.frame([&] {
                    draw_search_box(ctx);
                    draw_registry_table(ctx);
                    draw_facility_table(ctx);
                    draw_person_panel(ctx);
                    draw_facility_panel(ctx);
                    draw_layer_panel(ctx);
                    draw_plan_due_panel(ctx);
                    draw_message_log(ctx);
                    draw_status_bar(ctx, StatusInfo{});
                });
            }
            if (drill)
                for (const auto& t : shown)
                    EXPECT_EQ(t.find(person.name), std::string::npos) << "drill mode shows " << t;
            else
                EXPECT_NE(std::find_if(shown.begin(), shown.end(),
                                       [&](const std::string& t) {
                                           return t.find(person.name) != std::string::npos;
                                       }),
                          shown.end());
            // Panels only read while drawing; what they emitted is still to be applied.
            controller.apply_all(queue);
            controller.apply(cmd::Select{
                {map::FeatureRef::Kind::facility, facility.id, facility.external_id}, false});
            imgui.frame([&] { draw_facility_panel(ctx); });
            controller.apply(
                cmd::Select{{map::FeatureRef::Kind::person, person.id, person.external_id}, false});
        }
    EXPECT_TRUE(missing_text_keys().empty()) << missing_text_keys().front();
}

// --- incident operations ---------------------------------------------------------------------

namespace ops = data::ops;

ops::TimePoint at(const char* text) {
    const auto t = ops::parse_time(text);
    EXPECT_TRUE(t) << text;
    return t.value_or(ops::TimePoint{});
}

// An incident in the demo database: declared and active, one outage area around the first
// located person at home, and one safety check for that person judging hospitalisation.
struct IncidentFixture {
    data::Person person; ///< the checked person
    data::Incident incident;
    data::SafetyCheck check;
};

IncidentFixture declare_incident(const std::string& db) {
    IncidentFixture fx;
    auto store = data::open_store(db);
    store->set_actor("panels-test");
    for (const auto& p : cli::persons_at_home(*store))
        if (p.location) {
            fx.person = p;
            break;
        }
    EXPECT_NE(fx.person.id, 0);
    data::Incident inc;
    inc.kind = data::IncidentKind::earthquake;
    inc.title = "Panels test earthquake";
    inc.onset_at = "2026-11-22T03:00:00Z";
    inc.is_active = true;
    inc.evacuation_level = data::EvacuationLevel::evacuation_instruction;
    inc.id = store->incidents().declare_incident(inc);
    fx.incident = *store->incidents().incident(inc.id);

    data::OutageArea area;
    area.incident_id = inc.id;
    area.name = "Outage around the first person";
    area.starts_at = "2026-11-22T03:30:00Z";
    const double lon = fx.person.location->lon(), lat = fx.person.location->lat(), d = 0.01;
    area.area.parts.push_back(geo::Polygon{geo::Ring{{{lon - d, lat - d},
                                                      {lon + d, lat - d},
                                                      {lon + d, lat + d},
                                                      {lon - d, lat + d},
                                                      {lon - d, lat - d}}},
                                           {}});
    store->incidents().add_outage_area(area);

    data::SafetyCheck c;
    c.incident_id = inc.id;
    c.person_id = fx.person.id;
    c.checked_at = "2026-11-22T05:00:00Z";
    c.vent_running = true;
    c.spo2_pct = 88;
    c.judgement = data::Judgement::hospitalise;
    c.checker_name = "panels-test nurse";
    c.id = store->incidents().record_check(c);
    fx.check = c;
    return fx;
}

// view.ops as the controller would fill it, built here from the store and the data layer so
// the panels are tested without the controller's handlers.
void fill_ops(ViewModel& view, const std::string& db, const IncidentFixture& fx) {
    auto store = data::open_store(db);
    auto& incidents = store->incidents();
    OpsView& o = view.ops;
    o = OpsView{};
    o.now = at("2026-11-22T08:00:00Z");
    o.incidents = incidents.incidents(false);
    o.active = incidents.active_incident();
    o.phase = ops::phase_number(*o.now - at(fx.incident.onset_at.c_str()));
    o.outages = incidents.outage_areas(fx.incident.id);
    o.board =
        ops::evaluate_board(cli::persons_at_home(*store), incidents.latest_checks(fx.incident.id),
                            o.outages, *o.now, o.thresholds);
    o.alarms.push_back(
        {fx.person.id, fx.person.external_id, ops::BoardLevel::ok, ops::BoardLevel::critical, 0.5});
    o.alarms.push_back({fx.person.id, fx.person.external_id, ops::BoardLevel::watch,
                        ops::BoardLevel::urgent, std::nullopt});
    o.drawing = std::vector<geo::PlaneXY>{{-10000, -30000}, {-9000, -30000}};

    // The form with an implausible SpO2, validated the way the controller does it.
    o.check = make_check_form(fx.person.id, fx.person.external_id, *o.now, &fx.check);
    o.check.set("spo2_pct", "150");
    o.check.set("judgement", "hospitalise");
    o.check.set("vent_running", "true");
    std::vector<std::pair<std::string, std::string>> fields;
    fields.emplace_back("person", fx.person.external_id);
    for (std::size_t i = 0; i < o.check.keys.size(); ++i)
        if (!o.check.values[i].empty()) fields.emplace_back(o.check.keys[i], o.check.values[i]);
    auto read = ops::read_check_fields(fields);
    o.check.problems = read.problems;
    if (!read.records.empty()) {
        auto c = read.records.front().check;
        c.incident_id = fx.incident.id;
        c.person_id = fx.person.id;
        for (auto& p : ops::validate_check(c))
            o.check.problems.push_back(p);
    }
    EXPECT_NE(o.check.problem_for("spo2_pct"), nullptr);
    // The checked person first, so that the board table's clipper draws their row.
    auto& rows = o.board->rows;
    const auto it = std::find_if(rows.begin(), rows.end(), [&](const ops::BoardRow& r) {
        return r.person_id == fx.person.id;
    });
    if (it != rows.end()) std::rotate(rows.begin(), it, it + 1);
    o.selected_history = incidents.check_history(fx.person.id);

    // A recommendation by hand: routing needs a road network the demo may not hold.
    RecommendationView rv;
    rv.person_id = fx.person.id;
    rv.person_external_id = fx.person.external_id;
    ops::Recommendation& rec = rv.recommendation;
    rec.status = ops::RecommendStatus::ok;
    rec.judgement = data::Judgement::hospitalise;
    rec.severity = ops::assess_severity(fx.person, &fx.check);
    rec.profile = "car";
    const auto facilities = store->facilities().facilities();
    for (std::size_t i = 0; i < facilities.size() && i < 3; ++i) {
        ops::DestinationOption option;
        option.facility = facilities[i];
        option.tier = i == 0 ? 1 : 2;
        option.time_ms = static_cast<geo::road::Weight>(600'000 * (i + 1));
        option.road_distance_m = 2500.0 * static_cast<double>(i + 1);
        option.approximate = i == 1;
        rec.options.push_back(option);
    }
    if (facilities.size() > 3)
        rec.skipped.push_back(
            {facilities[3].external_id, facilities[3].kind, ops::SkipReason::full});
    ops::DestinationDecision decision;
    decision.person_id = fx.person.id;
    decision.judgement = data::Judgement::hospitalise;
    decision.chosen_facility_id = facilities.empty() ? 0 : facilities.front().id;
    decision.overridden = true;
    decision.reason = "road closed";
    decision.eta_s = 900;
    decision.decided_at = "2026-11-22T08:05:00Z";
    decision.actor = "panels-test";
    rv.decision = decision;
    o.recommendation = rv;
}

class OpsPanelsTest : public PanelsTest {
protected:
    void SetUp() override {
        PanelsTest::SetUp();
        if (IsSkipped()) return;
        m_fx = declare_incident(m_db);
        m_controller.apply(cmd::OpenDatabase{m_db});
        m_jobs.wait_idle();
        m_jobs.poll({});
        ASSERT_TRUE(m_view.loaded);
        m_controller.apply(cmd::Select{
            {map::FeatureRef::Kind::person, m_fx.person.id, m_fx.person.external_id}, false});
        ASSERT_TRUE(m_view.selected_person);
    }

    ViewModel m_view;
    JobRunner m_jobs;
    Controller m_controller{m_view, m_jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "panels-test"};
    IncidentFixture m_fx;
};

TEST_F(OpsPanelsTest, EveryOpsPanelDrawsInBothLanguagesAndDrillModeWithoutLeakingNames) {
    HeadlessImgui imgui;
    CommandQueue queue;
    for (const bool drill : {false, true})
        for (const Lang lang : {Lang::ja, Lang::en}) {
            m_controller.apply(cmd::SetLanguage{lang});
            m_controller.apply(cmd::SetDrillMode{drill});
            fill_ops(m_view, m_db, m_fx);
            ASSERT_TRUE(m_view.ops.board);
            ASSERT_NE(m_view.ops.board_row(m_fx.person.id), nullptr);
            std::vector<std::string> shown;
            const PanelContext ctx{m_view, queue, [&shown](std::string_view t) {
                                       shown.emplace_back(t);
                                       return std::string(t);
                                   }};
            // Each panel alone at the top of the window, so that its table's clipper reaches
            // the rows this test put first.
            const std::vector<std::function<void()>> panels = {
                [&] { draw_incident_panel(ctx); }, [&] { draw_board_panel(ctx); },
                [&] { draw_check_form(ctx); },     [&] { draw_destination_panel(ctx); },
                [&] { draw_person_panel(ctx); },   [&] { draw_facility_table(ctx); },
                [&] { draw_facility_panel(ctx); },
            };
            for (const auto& draw : panels)
                for (int f = 0; f < 3; ++f) // a few frames: tables settle their layout
                    imgui.frame(draw);
            // The board itself draws the checked person's row, named through display_name.
            std::vector<std::string> board_shown;
            const PanelContext board_ctx{m_view, queue, [&board_shown](std::string_view t) {
                                             board_shown.emplace_back(t);
                                             return std::string(t);
                                         }};
            for (int f = 0; f < 2; ++f)
                imgui.frame([&] { draw_board_panel(board_ctx); });
            const std::string board_name =
                drill ? "[" + m_fx.person.external_id + "]" : m_fx.person.name;
            EXPECT_NE(std::find(board_shown.begin(), board_shown.end(), board_name),
                      board_shown.end())
                << board_name;
            const auto shows_name = [&] {
                return std::any_of(shown.begin(), shown.end(), [&](const std::string& t) {
                    return t.find(m_fx.person.name) != std::string::npos;
                });
            };
            if (drill)
                for (const auto& t : shown)
                    EXPECT_EQ(t.find(m_fx.person.name), std::string::npos)
                        << "drill mode shows " << t;
            else
                EXPECT_TRUE(shows_name());
            // The incident's title and the outage's name reach the screen through show().
            EXPECT_NE(std::find(shown.begin(), shown.end(), m_fx.incident.title), shown.end());
            queue.clear(); // drawing emits nothing that this test applies
        }

    // Without an active incident only the declare form and the selector show.
    m_view.ops = OpsView{};
    const PanelContext ctx{m_view, queue, {}};
    imgui.frame([&] {
        draw_incident_panel(ctx);
        draw_board_panel(ctx);
        draw_check_form(ctx);
        draw_destination_panel(ctx);
        draw_person_panel(ctx);
    });
    EXPECT_TRUE(queue.empty());
    EXPECT_TRUE(missing_text_keys().empty()) << missing_text_keys().front();
}

TEST_F(OpsPanelsTest, CheckFormShowsEveryFieldLabelExactlyOnce) {
    HeadlessImgui imgui;
    CommandQueue queue;
    for (const Lang lang : {Lang::ja, Lang::en}) {
        m_controller.apply(cmd::SetLanguage{lang});
        fill_ops(m_view, m_db, m_fx);
        std::vector<std::string> shown;
        const PanelContext ctx{m_view, queue, [&shown](std::string_view t) {
                                   shown.emplace_back(t);
                                   return std::string(t);
                               }};
        imgui.frame([&] { draw_check_form(ctx); });
        ASSERT_EQ(m_view.ops.check.keys.size(), ops::check_field_keys().size());
        for (const auto key : ops::check_field_keys()) {
            const std::string label =
                lang == Lang::ja ? std::string(ops::check_field_label_ja(key))
                                 : std::string(ui_text(lang, "check.field." + std::string(key)));
            EXPECT_EQ(std::count(shown.begin(), shown.end(), label), 1)
                << key << " labelled '" << label << "'";
        }
        // The SpO2 problem stands under its field in the language of the UI.
        const auto* problem = m_view.ops.check.problem_for("spo2_pct");
        ASSERT_NE(problem, nullptr);
        const std::string& message = lang == Lang::ja ? problem->message_ja : problem->message_en;
        EXPECT_NE(std::find(shown.begin(), shown.end(), message), shown.end());
    }
    EXPECT_TRUE(missing_text_keys().empty()) << missing_text_keys().front();
}

// Finds the item `id` of the test window by moving the mouse over it, then clicks it; returns
// what the panel emitted. Headless ImGui takes io.MousePos / io.MouseDown per frame.
template <typename Draw>
CommandQueue click(HeadlessImgui& imgui, CommandQueue& queue, const char* id_label, Draw draw) {
    ImGuiID id = 0;
    imgui.frame([&] {
        draw();
        id = ImGui::GetID(id_label);
    });
    std::optional<ImVec2> found;
    for (float y = 4; y < 400 && !found; y += 3)
        for (float x = 12; x < 200 && !found; x += 24) {
            imgui.frame_with_mouse(ImVec2(x, y), false, draw);
            if (ImGui::GetCurrentContext()->HoveredId == id) found = ImVec2(x, y);
        }
    EXPECT_TRUE(found) << id_label << " not found";
    queue.clear();
    if (!found) return {};
    imgui.frame_with_mouse(*found, true, draw);
    imgui.frame_with_mouse(*found, false, draw);
    CommandQueue emitted = queue;
    queue.clear();
    return emitted;
}

TEST_F(OpsPanelsTest, PressingRecordOnTheCheckFormEmitsRecordCheck) {
    HeadlessImgui imgui;
    CommandQueue queue;
    m_controller.apply(cmd::SetLanguage{Lang::en});
    fill_ops(m_view, m_db, m_fx);
    const PanelContext ctx{m_view, queue, {}};
    const auto emitted = click(imgui, queue, "###check.record", [&] { draw_check_form(ctx); });
    ASSERT_EQ(emitted.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<cmd::RecordCheck>(emitted.front()));
}

TEST_F(OpsPanelsTest, PressingAcknowledgeOnTheBoardEmitsAcknowledgeAlarms) {
    HeadlessImgui imgui;
    CommandQueue queue;
    m_controller.apply(cmd::SetLanguage{Lang::ja});
    fill_ops(m_view, m_db, m_fx);
    const PanelContext ctx{m_view, queue, {}};
    const auto emitted = click(imgui, queue, "###board.ack", [&] { draw_board_panel(ctx); });
    ASSERT_EQ(emitted.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<cmd::AcknowledgeAlarms>(emitted.front()));
}

TEST(MapClickCommand, AddsAnOutageVertexWhileDrawingElsePlacesOrSelects) {
    ViewModel view;
    const geo::PlaneXY world{-12345.0, -34567.0};
    map::Pick person;
    person.layer_id = "persons";
    person.feature = {map::FeatureRef::Kind::person, 7, "P-7"};
    map::Pick ward;
    ward.feature.kind = map::FeatureRef::Kind::area;

    EXPECT_TRUE(std::holds_alternative<cmd::Select>(map_click_command(view, world, person)));
    EXPECT_TRUE(std::holds_alternative<cmd::ClearSelection>(map_click_command(view, world, ward)));
    EXPECT_TRUE(
        std::holds_alternative<cmd::ClearSelection>(map_click_command(view, world, std::nullopt)));

    view.placing_facility = "rescue_centre-01";
    EXPECT_TRUE(std::holds_alternative<cmd::PlaceAt>(map_click_command(view, world, person)));

    // Drawing wins even over a person under the cursor: vertices go where the user clicks.
    view.ops.drawing = std::vector<geo::PlaneXY>{};
    const Command c = map_click_command(view, world, person);
    ASSERT_TRUE(std::holds_alternative<cmd::AddOutageVertex>(c));
    EXPECT_EQ(std::get<cmd::AddOutageVertex>(c).at.x_east_m, world.x_east_m);
    EXPECT_EQ(std::get<cmd::AddOutageVertex>(c).at.y_north_m, world.y_north_m);
}

} // namespace
} // namespace breathline::ui
