// The person panel's conflict box (issue 9) as the coordinator sees it: the panel drawn in a
// hidden GLFW window with the console's fonts, its text read back from the glyphs ImGui drew
// (drawn_text.h), and its buttons clicked with the mouse where their labels were drawn. After
// another coordinator's save, the refused save shows who changed which field; 再読み込み shows the
// other coordinator's value; 上書きして適用 saves both changes.
//
// Runs a hidden window: under xvfb-run without a display.

#include "console/ui/commands.h"
#include "console/ui/fonts.h"
#include "console/ui/imgui_session.h"
#include "console/ui/panels/panel.h"
#include "console/ui/ui_text.h"
#include "data/io/record_edit.h"
#include "drawn_text.h"

#include <algorithm>
#include <cfloat>
#include <filesystem>
#include <gtest/gtest.h>
#include <imgui.h>
#include <unistd.h>

namespace breathline::ui {
namespace {

constexpr int k_width = 900, k_height = 1000;

bool any_contains(const std::vector<testing::DrawnRun>& runs, const std::string& needle) {
    return std::any_of(runs.begin(), runs.end(), [&](const testing::DrawnRun& r) {
        return r.text.find(needle) != std::string::npos;
    });
}

std::string joined(const std::vector<testing::DrawnRun>& runs) {
    std::string out;
    for (const auto& r : runs)
        out += "[" + r.text + "] ";
    return out;
}

class ConflictBoxWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("breathline-conflict-box-" + std::to_string(::getpid()));
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_db = (m_dir / "console.sqlite").string();
        auto store = data::open_store(m_db);
        store->set_actor("fixture");
        data::Person p;
        p.external_id = "T-0001";
        p.name = "豊島 花子";
        p.uses_ventilator = true;
        p.ventilator_mode = data::VentilatorMode::tppv;
        p.disease = "ALS";
        p.care_situation = "在宅";
        p.location = geo::LonLat(139.7329, 35.7359);
        p.geocode_precision = data::GeocodePrecision::exact;
        m_person_id = store->registry().upsert_person(p).id;

        SessionOptions so;
        so.title = "conflict box";
        so.width = k_width;
        so.height = k_height;
        so.visible = false;
        so.install_callbacks = false;
        m_session.emplace(so);
        std::vector<std::string> texts = all_japanese_texts();
        texts.insert(texts.end(), {"豊島 花子", "佐藤", "別端末", "入院中", "在宅", "→∅—…〓"});
        m_fonts.set_texts(texts);
        m_fonts.build_atlas(*ImGui::GetIO().Fonts, 16.0f);
        m_session->reload_font_texture();

        m_controller.apply(cmd::OpenDatabase{m_db});
        m_jobs.wait_idle();
        m_jobs.poll({});
        ASSERT_TRUE(m_view.loaded);
        m_controller.apply(
            cmd::Select{{map::FeatureRef::Kind::person, m_person_id, "T-0001"}, false});
        ASSERT_TRUE(m_view.selected_person);
    }
    void TearDown() override {
        m_session.reset();
        std::filesystem::remove_all(m_dir);
    }

    // This console types a care situation; the other coordinator saves a disease meanwhile;
    // this console's Save is refused.
    void conflicting_save(const std::string& other_disease) {
        m_controller.apply(cmd::SetPersonField{"care_situation", "入院中"});
        auto other = data::open_store(m_db);
        other->set_actor("佐藤 (別端末)");
        ASSERT_EQ(data::edit_person(*other, "T-0001", {{"disease", other_disease}}).status,
                  data::EditStatus::saved);
        const EditBuffer& b = m_view.person_edit;
        m_controller.apply(cmd::SavePerson{b.external_id, b.row_version, b.changes()});
        ASSERT_TRUE(m_view.person_edit.conflict);
    }

    // One frame of the person panel with the mouse at `mouse` (negative: outside).
    std::vector<testing::DrawnRun> frame(ImVec2 mouse = ImVec2(-1, -1), bool down = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = mouse.x < 0 ? ImVec2(-FLT_MAX, -FLT_MAX) : mouse;
        io.MouseDown[0] = down;
        m_session->new_offscreen_frame(k_width, k_height);
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(k_width, k_height));
        const PanelContext ctx{m_view, m_queue,
                               [this](std::string_view t) { return m_fonts.displayable(t); }};
        if (ImGui::Begin("##conflict.panel", nullptr,
                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                             ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings))
            draw_person_panel(ctx);
        ImGui::End();
        ImGui::Render();
        return testing::decode_drawn_text(*ImGui::GetDrawData(), *io.Fonts);
    }

    // Clicks where `label` was drawn (hover, press, release) and applies what the panel emitted.
    void click(const std::string& label) {
        const auto runs = frame();
        const auto it = std::find_if(runs.begin(), runs.end(),
                                     [&](const testing::DrawnRun& r) { return r.text == label; });
        ASSERT_NE(it, runs.end()) << "'" << label << "' is not drawn: " << joined(runs);
        const ImVec2 at(it->x + 6.0f, it->y + 8.0f);
        m_queue.clear();
        frame(at, false);
        frame(at, true);
        frame(at, false);
        ASSERT_EQ(m_queue.size(), 1u)
            << "clicking '" << label << "' emitted " << m_queue.size() << " commands";
        m_controller.apply_all(m_queue);
    }

    std::filesystem::path m_dir;
    std::string m_db;
    data::RowId m_person_id = 0;
    std::optional<ImguiSession> m_session;
    Fonts m_fonts;
    ViewModel m_view;
    JobRunner m_jobs;
    Controller m_controller{m_view, m_jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "console-A"};
    CommandQueue m_queue;
};

TEST_F(ConflictBoxWindowTest, BoxNamesTheOtherChangeAndReloadShowsItsValue) {
    conflicting_save("SMA");
    auto runs = frame();
    EXPECT_TRUE(any_contains(runs, ui_text(Lang::ja, "conflict.title"))) << joined(runs);
    EXPECT_TRUE(any_contains(runs, "佐藤 (別端末)")) << joined(runs);
    EXPECT_TRUE(any_contains(runs, "病名: ALS → SMA")) << joined(runs);
    // What this console typed is still in its field.
    EXPECT_TRUE(any_contains(runs, "入院中")) << joined(runs);

    click("再読み込み");
    runs = frame();
    EXPECT_FALSE(any_contains(runs, ui_text(Lang::ja, "conflict.title"))) << joined(runs);
    EXPECT_TRUE(any_contains(runs, "SMA")) << joined(runs);
    EXPECT_FALSE(any_contains(runs, "入院中")) << joined(runs);
    EXPECT_EQ(m_view.person_edit.value("disease"), "SMA");
}

TEST_F(ConflictBoxWindowTest, ApplyOnTopSavesBothChangesInEnglishToo) {
    m_controller.apply(cmd::SetLanguage{Lang::en});
    conflicting_save("DMD");
    auto runs = frame();
    EXPECT_TRUE(any_contains(runs, ui_text(Lang::en, "conflict.title"))) << joined(runs);
    EXPECT_TRUE(any_contains(runs, "Disease: ALS → DMD")) << joined(runs);

    click("Apply my changes on top");
    auto store = data::open_store(m_db);
    const auto stored = store->registry().person_by_external_id("T-0001");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->disease, "DMD");
    EXPECT_EQ(stored->care_situation, "入院中");
    EXPECT_EQ(store->audit().entries(1).front().actor, "console-A");
    runs = frame();
    EXPECT_FALSE(any_contains(runs, ui_text(Lang::en, "conflict.title"))) << joined(runs);
    EXPECT_FALSE(m_view.person_edit.dirty());
}

} // namespace
} // namespace breathline::ui
