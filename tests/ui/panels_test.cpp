// Every panel drawn in a headless ImGui context (no window, no renderer) over the real demo
// database, in both languages and in drill mode, with a person and a facility selected: no
// crash, no ImGui assertion, no UI text key without its translation, and no person name in any
// text the panels show (every dynamic text goes through PanelContext::show) in drill mode.

#include "../data/demo/demo_test_data.h"
#include "console/ui/commands.h"
#include "console/ui/panels/panel.h"
#include "console/ui/ui_text.h"

#include <filesystem>
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

} // namespace
} // namespace breathline::ui
