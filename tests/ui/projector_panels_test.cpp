// Projector mode's panels (issue 8) in a headless ImGui context: every panel and the whole
// overlay layout drawn over a hand-made view model (a board, alarms, a running drill with ticker
// lines) in both languages, with the projector fonts built at their real sizes by FreeType. The
// panels must leave ImGui's font/style/colour stacks balanced, show persons by registry number
// only (projector mode masks names), use only UI text keys that have both languages, and emit
// nothing (the keys, not the panels, drive projector mode).
#include "console/ui/fonts.h"
#include "console/ui/panels/panel.h"
#include "console/ui/projector_scale.h"
#include "console/ui/ui_text.h"
#include "data/ops/board.h"
#include "data/ops/phase.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

namespace breathline::ui {
namespace {

namespace ops = data::ops;

constexpr const char* k_secret_name = "秘密 花子";

ViewModel sample_view() {
    ViewModel v;
    v.settings.projector_mode = true;
    v.camera.set_viewport(1920, 1080);
    ops::Board board;
    const ops::BoardLevel levels[] = {ops::BoardLevel::critical, ops::BoardLevel::critical,
                                      ops::BoardLevel::urgent,   ops::BoardLevel::unconfirmed,
                                      ops::BoardLevel::watch,    ops::BoardLevel::watch,
                                      ops::BoardLevel::ok,       ops::BoardLevel::ok};
    for (int i = 0; i < 8; ++i) {
        PersonRow p;
        p.id = 10 + i;
        p.external_id = "T-00" + std::to_string(10 + i);
        p.name = k_secret_name; // what the panels must never show on the wall
        v.persons.push_back(p);
        ops::BoardRow r;
        r.person_id = p.id;
        r.external_id = p.external_id;
        r.level = levels[i];
        if (i != 3) r.hours_left = 0.5 + i;
        board.rows.push_back(r);
        ++board.counts[static_cast<std::size_t>(r.level)];
    }
    v.ops.board = board;
    v.ops.phase = 1;
    ops::Alarm a;
    a.person_id = 11;
    a.external_id = "T-0011";
    a.from = ops::BoardLevel::urgent;
    a.to = ops::BoardLevel::critical;
    a.hours_left = 1.5;
    v.ops.alarms.push_back(a);
    v.selection = map::FeatureRef{map::FeatureRef::Kind::person, 12, "T-0012"};
    DrillView& d = v.drill;
    d.running = true;
    d.title = "豊島区 停電訓練";
    d.onset = *ops::parse_time("2026-12-03T00:00:00Z");
    d.now = *ops::parse_time("2026-12-03T05:32:00Z"); // 14:32 JST
    d.speed = 10;
    d.paused = true;
    for (int i = 0; i < 6; ++i)
        d.ticker.push_back({d.now - std::chrono::minutes(5 * i),
                            "停電発生 T-00" + std::to_string(10 + i),
                            "outage reached T-00" + std::to_string(10 + i)});
    return v;
}

class ProjectorPanels : public ::testing::Test {
protected:
    void SetUp() override {
        m_ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1920, 1080);
        io.DeltaTime = 1.0f / 60.0f;
    }
    void TearDown() override {
        set_projector_fonts({});
        ImGui::DestroyContext(m_ctx);
    }
    ImGuiContext* m_ctx = nullptr;
};

// Stacks ImGui keeps per frame: a panel that pushes more than it pops leaves them non-empty.
void expect_balanced(const char* where) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    EXPECT_EQ(g.FontStack.Size, 0) << where;
    EXPECT_EQ(g.StyleVarStack.Size, 0) << where;
    EXPECT_EQ(g.ColorStack.Size, 0) << where;
}

TEST_F(ProjectorPanels, FontsAreBuiltAtTheirSizesNotMagnified) {
    Fonts fonts;
    ASSERT_TRUE(fonts.set_texts(projector_large_texts()) || true);
    std::vector<ImFont*> extra;
    ImFont* body = fonts.build_atlas(*ImGui::GetIO().Fonts, k_projector_body_px,
                                     {{k_projector_heading_px, projector_large_texts()},
                                      {k_projector_count_px, projector_large_texts()}},
                                     extra);
    ASSERT_EQ(extra.size(), 2u);
    EXPECT_FLOAT_EQ(body->FontSize, k_projector_body_px);
    EXPECT_FLOAT_EQ(extra[0]->FontSize, k_projector_heading_px);
    EXPECT_FLOAT_EQ(extra[1]->FontSize, k_projector_count_px);
    // Rasterised at size: the body's capital "H" is the 26 px (40 mm on a 3 m wall) that
    // legibility from 10 m needs (projector_scale.h), and the counts' "7" about twice that.
    const ImFontGlyph* h = body->FindGlyphNoFallback('H');
    ASSERT_NE(h, nullptr);
    EXPECT_GE(h->Y1 - h->Y0, 26.0f);
    EXPECT_NEAR(h->Y1 - h->Y0, k_noto_cap_per_size * k_projector_body_px, 1.5f);
    const ImFontGlyph* seven = extra[1]->FindGlyphNoFallback('7');
    ASSERT_NE(seven, nullptr);
    EXPECT_GE(seven->Y1 - seven->Y0, 54.0f);
    // The large sizes hold the level words and the pause marker in both languages, and the
    // body keeps the whole Japanese range (ticker text is free text).
    for (const char32_t c : {U'危', U'険', U'停', U'止', U'×', U'▲'})
        EXPECT_NE(extra[0]->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr)
            << static_cast<unsigned>(c);
    EXPECT_NE(body->FindGlyphNoFallback(static_cast<ImWchar>(U'訓')), nullptr);
    EXPECT_NE(body->FindGlyphNoFallback(static_cast<ImWchar>(U'→')), nullptr);
    // A 96 px face of the whole Japanese range would not fit a sane texture; these few do.
    EXPECT_LT(extra[1]->Glyphs.Size, 400);
}

TEST_F(ProjectorPanels, EveryPanelDrawsInBothLanguagesWithNamesMasked) {
    Fonts fonts;
    std::vector<std::string> texts = all_japanese_texts();
    for (auto& t : projector_large_texts())
        texts.push_back(t);
    texts.emplace_back("←→↑↓");
    fonts.set_texts(texts);
    std::vector<ImFont*> extra;
    ImFont* body = fonts.build_atlas(*ImGui::GetIO().Fonts, k_projector_body_px,
                                     {{k_projector_heading_px, projector_large_texts()},
                                      {k_projector_count_px, projector_large_texts()}},
                                     extra);
    set_projector_fonts({body, extra[0], extra[1]});
    apply_projector_style(1.0f);

    ViewModel view = sample_view();
    CommandQueue queue;
    for (const Lang lang : {Lang::ja, Lang::en})
        for (const bool help : {false, true}) {
            view.settings.language = lang;
            std::vector<std::string> shown;
            const PanelContext ctx{view, queue, [&shown](std::string_view t) {
                                       shown.emplace_back(t);
                                       return std::string(t);
                                   }};
            for (int frame = 0; frame < 3; ++frame) { // auto-sized windows settle
                ImGui::NewFrame();
                ImGui::SetNextWindowPos(ImVec2(0, 0));
                ImGui::SetNextWindowSize(ImVec2(1920, 1080));
                ImGui::Begin("panels");
                draw_projector_tiles(ctx);
                draw_projector_runway(ctx);
                draw_projector_clock(ctx);
                draw_projector_ticker(ctx);
                draw_projector_alarms(ctx);
                draw_projector_key_line(ctx, frame == 1);
                draw_projector_help(ctx);
                ImGui::End();
                draw_projector_overlays(ctx, {help, frame == 2});
                expect_balanced("after the panels");
                ImGui::Render();
            }
            EXPECT_TRUE(queue.empty()) << "projector panels only show";
            for (const auto& t : shown)
                EXPECT_EQ(t.find(k_secret_name), std::string::npos) << "the wall shows " << t;
            // The runway list and the alarm banner name persons by registry number.
            EXPECT_NE(std::find(shown.begin(), shown.end(), "[T-0010]"), shown.end());
            EXPECT_NE(std::find(shown.begin(), shown.end(), "[T-0011]"), shown.end());
            // The ticker shows the language's text, newest first.
            const std::string newest =
                lang == Lang::ja ? "停電発生 T-0010" : "outage reached T-0010";
            EXPECT_NE(std::find(shown.begin(), shown.end(), newest), shown.end()) << newest;
            // The fifth ticker line (older than the four shown) never appears.
            const std::string old = lang == Lang::ja ? "停電発生 T-0014" : "outage reached T-0014";
            EXPECT_EQ(std::find(shown.begin(), shown.end(), old), shown.end());
        }
    EXPECT_TRUE(missing_text_keys().empty()) << missing_text_keys().front();
}

TEST_F(ProjectorPanels, DrawWithoutBoardDrillOrProjectorFonts) {
    // The privacy scan and other tests call the panels in a bare context: no atlas sizes, no
    // board, no drill. They still draw and balance their stacks.
    ImGui::GetIO().Fonts->AddFontDefault();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ViewModel view;
    view.settings.projector_mode = true;
    CommandQueue queue;
    const PanelContext ctx{view, queue, {}};
    for (const Lang lang : {Lang::ja, Lang::en}) {
        view.settings.language = lang;
        ImGui::NewFrame();
        ImGui::Begin("bare");
        draw_projector_tiles(ctx);
        draw_projector_runway(ctx);
        draw_projector_clock(ctx);
        draw_projector_ticker(ctx);
        draw_projector_alarms(ctx);
        draw_projector_key_line(ctx, false);
        draw_projector_help(ctx);
        ImGui::End();
        draw_projector_overlays(ctx, {});
        expect_balanced("bare");
        ImGui::Render();
    }
    EXPECT_TRUE(queue.empty());
    EXPECT_TRUE(missing_text_keys().empty()) << missing_text_keys().front();
}

} // namespace
} // namespace breathline::ui
