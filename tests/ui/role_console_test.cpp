// Roles in the console (issue 9), on the demo database (SpatiaLite): opened `--role viewer`,
// the status bar shows the role, the view model holds no name (the masked view model of drill
// and projector modes, chosen by the role), no name is drawn by the registry table, the person
// panel or the status bar (read back from the glyphs ImGui drew, tests/ui/drawn_text.h), and
// the Controller refuses a save and a safety check (commands are the enforcement point).
//
// Runs a hidden GLFW window (fonts, ImGui): under xvfb-run without a display.

#include "../data/demo/demo_test_data.h"
#include "console/ui/command_permissions.h"
#include "console/ui/commands.h"
#include "console/ui/fonts.h"
#include "console/ui/imgui_session.h"
#include "console/ui/panels/panel.h"
#include "console/ui/ui_text.h"
#include "data/privacy/mask.h"
#include "drawn_text.h"

#include <algorithm>
#include <cfloat>
#include <filesystem>
#include <gtest/gtest.h>
#include <imgui.h>
#include <unistd.h>

namespace breathline::ui {
namespace {

using data::privacy::contains_name;

constexpr int k_width = 1600, k_height = 1000;

std::vector<std::string> person_names(const std::string& db) {
    std::vector<std::string> out;
    auto store = data::open_store(db);
    for (const auto& p : store->registry().persons())
        for (const std::string* t : {&p.name, &p.name_kana})
            if (!t->empty()) out.push_back(*t);
    return out;
}

// A hidden window with the console's font whose atlas holds every real name, so a leaked name
// would be drawn (not replaced by 〓) and decoded.
class Screen {
public:
    explicit Screen(const std::vector<std::string>& names) : m_session(options()) {
        std::vector<std::string> texts = all_japanese_texts();
        texts.insert(texts.end(), names.begin(), names.end());
        texts.emplace_back("—…〓°");
        m_fonts.set_texts(texts);
        m_fonts.build_atlas(*ImGui::GetIO().Fonts, 16.0f);
        m_session.reload_font_texture();
    }
    template <typename Draw> std::vector<std::string> frame(Draw draw) {
        std::vector<std::string> drawn;
        // A few frames: tables and collapsing headers settle their layout after the first.
        for (int f = 0; f < 3; ++f) {
            ImGuiIO& io = ImGui::GetIO();
            io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
            m_session.new_offscreen_frame(k_width, k_height);
            ImGui::SetNextWindowPos(ImVec2(0, 0));
            ImGui::SetNextWindowSize(ImVec2(k_width, k_height));
            if (ImGui::Begin("##roles", nullptr,
                             ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoSavedSettings))
                draw();
            ImGui::End();
            ImGui::Render();
            drawn = testing::drawn_strings(*ImGui::GetDrawData(), *io.Fonts);
        }
        return drawn;
    }
    const Fonts& fonts() const { return m_fonts; }

private:
    static SessionOptions options() {
        SessionOptions so;
        so.title = "roles";
        so.width = k_width;
        so.height = k_height;
        so.visible = false;
        so.install_callbacks = false;
        return so;
    }
    ImguiSession m_session;
    Fonts m_fonts;
};

class RoleConsoleTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("breathline-role-console-" + std::to_string(::getpid()));
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_db = (m_dir / "demo.sqlite").string();
        auto store = data::open_store(m_db);
        store->set_actor("role-test");
        data::demo::build_demo(*store, data::demo::testing::demo_inputs());
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    void open(Controller& controller, JobRunner& jobs, ViewModel& view,
              std::optional<data::auth::Role> role) {
        controller.set_requested_role(role);
        controller.apply(cmd::OpenDatabase{m_db});
        jobs.wait_idle();
        jobs.poll({});
        ASSERT_TRUE(view.loaded);
        ASSERT_FALSE(view.persons.empty());
    }

    std::filesystem::path m_dir;
    std::string m_db;
};

bool any_contains(const std::vector<std::string>& drawn, const std::string& needle) {
    return std::any_of(drawn.begin(), drawn.end(),
                       [&](const std::string& t) { return contains_name(t, needle); });
}

std::vector<std::string> leaks(const std::vector<std::string>& drawn,
                               const std::vector<std::string>& names) {
    std::vector<std::string> out;
    for (const auto& t : drawn)
        for (const auto& n : names)
            if (contains_name(t, n)) out.push_back("'" + n + "' in '" + t + "'");
    return out;
}

TEST_F(RoleConsoleTest, ViewerSeesNoNameAndTheStatusBarShowsTheRole) {
    const auto names = person_names(m_db);
    ASSERT_FALSE(names.empty());
    Screen screen(names);

    // First as the coordinator (the default): the same frames draw a name, so the scan works.
    {
        ViewModel view;
        JobRunner jobs;
        Controller controller(view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "role-test");
        open(controller, jobs, view, std::nullopt);
        EXPECT_EQ(view.role, data::auth::Role::coordinator);
        const PersonRow person = view.persons.front();
        controller.apply(
            cmd::Select{{map::FeatureRef::Kind::person, person.id, person.external_id}, false});
        CommandQueue queue;
        const PanelContext ctx{
            view, queue, [&screen](std::string_view t) { return screen.fonts().displayable(t); }};
        const auto drawn = screen.frame([&] { draw_person_panel(ctx); });
        EXPECT_TRUE(any_contains(drawn, person.name)) << "the scan cannot see names";
    }

    ViewModel view;
    JobRunner jobs;
    Controller controller(view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "role-test");
    open(controller, jobs, view, data::auth::Role::viewer);
    EXPECT_EQ(view.role, data::auth::Role::viewer);
    EXPECT_TRUE(view.settings.masks_personal_data());
    EXPECT_FALSE(view.settings.drill_mode) << "the role masks, not a saved mode";
    // The view model itself holds no name: masked at the data layer before the rows were built.
    for (const auto& row : view.persons)
        for (const auto& n : names) {
            EXPECT_FALSE(contains_name(row.name, n)) << row.external_id;
            EXPECT_FALSE(contains_name(row.name_kana, n)) << row.external_id;
        }
    const PersonRow person = view.persons.front();
    controller.apply(
        cmd::Select{{map::FeatureRef::Kind::person, person.id, person.external_id}, false});
    ASSERT_TRUE(view.selected_person);
    // Switching drill mode off does not unmask: the role still may not see personal data.
    controller.apply(cmd::SetDrillMode{false});
    EXPECT_TRUE(view.settings.masks_personal_data());

    CommandQueue queue;
    const PanelContext ctx{view, queue,
                           [&screen](std::string_view t) { return screen.fonts().displayable(t); }};
    for (const Lang lang : {Lang::ja, Lang::en}) {
        controller.apply(cmd::SetLanguage{lang});
        const auto status = screen.frame([&] { draw_status_bar(ctx, StatusInfo{}); });
        const std::string role_name = lang == Lang::ja ? "閲覧" : "Viewer";
        EXPECT_TRUE(std::any_of(status.begin(), status.end(), [&](const std::string& t) {
            return t.find(role_name) != std::string::npos;
        })) << role_name;
        std::vector<std::string> all = status;
        for (auto draw : {draw_person_panel, draw_registry_table, draw_search_box})
            for (const auto& t : screen.frame([&] { draw(ctx); }))
                all.push_back(t);
        const auto found = leaks(all, names);
        EXPECT_TRUE(found.empty()) << found.front();
        // The registry number is drawn: the scan saw real content.
        EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const std::string& t) {
            return t.find(person.external_id) != std::string::npos;
        }));
    }
    // The panels offer no save: the controller would refuse it.
    EXPECT_FALSE(ctx.allowed(cmd::SavePerson{}));
    EXPECT_FALSE(ctx.allowed(cmd::RecordCheck{}));
    queue.clear();
}

TEST_F(RoleConsoleTest, ControllerRefusesTheViewersSaveAndWritesNothing) {
    ViewModel view;
    JobRunner jobs;
    Controller controller(view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "role-test");
    open(controller, jobs, view, data::auth::Role::viewer);
    const PersonRow person = view.persons.front();
    auto before = data::open_store(m_db);
    const auto stored = before->registry().person_by_external_id(person.external_id);
    ASSERT_TRUE(stored);
    const std::size_t audit_before = before->audit().entries().size();

    // A command pushed past the disabled button (a script, a bug): refused in the controller.
    controller.apply(
        cmd::SavePerson{person.external_id, stored->row_version, {{"oxygen_flow_l_min", "7.5"}}});
    ASSERT_FALSE(view.log.empty());
    EXPECT_NE(view.log.back().text_ja.find("閲覧 の役割では 名簿・施設の編集 はできません"),
              std::string::npos)
        << view.log.back().text_ja;
    auto after = data::open_store(m_db);
    const auto unchanged = after->registry().person_by_external_id(person.external_id);
    EXPECT_EQ(unchanged->oxygen_flow_l_min, stored->oxygen_flow_l_min);
    EXPECT_EQ(unchanged->row_version, stored->row_version);
    EXPECT_EQ(after->audit().entries().size(), audit_before);

    // A planner's identical save goes through (the refusal was the role's).
    ViewModel planner_view;
    JobRunner planner_jobs;
    Controller planner(planner_view, planner_jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR,
                       "role-test");
    open(planner, planner_jobs, planner_view, data::auth::Role::planner);
    EXPECT_FALSE(planner_view.settings.masks_personal_data());
    planner.apply(
        cmd::SavePerson{person.external_id, stored->row_version, {{"oxygen_flow_l_min", "7.5"}}});
    EXPECT_EQ(data::open_store(m_db)
                  ->registry()
                  .person_by_external_id(person.external_id)
                  ->oxygen_flow_l_min,
              7.5);
}

} // namespace
} // namespace breathline::ui
