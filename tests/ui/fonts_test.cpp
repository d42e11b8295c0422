// Glyph coverage (no window needed) and the font atlas: characters from the
// database join ImGui's Japanese range; characters that cannot be shown are
// listed and drawn as 〓.
#include "console/ui/fonts.h"
#include "ui_test_support.h"

#include <gtest/gtest.h>
#include <imgui.h>

namespace breathline::ui {
namespace {

// 髙 (U+9AD9, "hashigo-daka") and 﨑 (U+FA11, "tatsu-saki") are common in
// surnames and missing from ImGui 1.86's Japanese range; 𠮷 (U+20BB7,
// "tsuchi-yoshi") is above U+FFFF, which Debian's 16-bit ImWchar cannot hold.
constexpr char32_t k_takai = U'\u9AD9';
constexpr char32_t k_saki = U'\uFA11';
constexpr char32_t k_tsuchiyoshi = U'\U00020BB7';

TEST(Fonts, Utf8RoundTrip) {
    const std::string text = "髙﨑 𠮷田 abc";
    EXPECT_EQ(encode_utf8(decode_utf8(text)), text);
    const std::u32string chars = decode_utf8(text);
    EXPECT_EQ(chars[0], k_takai);
    EXPECT_EQ(chars[1], k_saki);
    EXPECT_EQ(chars[3], k_tsuchiyoshi);
    EXPECT_EQ(decode_utf8("a\xff"), (std::u32string{U'a', U'\uFFFD'}));
}

TEST(Fonts, AddsDatabaseCharactersToTheJapaneseRange) {
    Fonts fonts;
    EXPECT_TRUE(fonts.in_ranges(U'あ'));
    EXPECT_TRUE(fonts.in_ranges(U'池'));
    EXPECT_TRUE(fonts.in_ranges(k_geta_mark));
    // The premise: ImGui's range alone lacks them.
    EXPECT_FALSE(fonts.in_ranges(k_takai));
    EXPECT_FALSE(fonts.in_ranges(k_saki));
    EXPECT_TRUE(fonts.glyphs().has_glyph(k_takai));
    EXPECT_TRUE(fonts.glyphs().has_glyph(k_saki));

    EXPECT_TRUE(fonts.set_texts({"髙橋 一郎", "山﨑 花子", "巣鴨3-14-1"}));
    EXPECT_TRUE(fonts.in_ranges(k_takai));
    EXPECT_TRUE(fonts.in_ranges(k_saki));
    EXPECT_TRUE(fonts.coverage().missing.empty());
    // The same rare characters again (the others are in ImGui's range): no
    // atlas rebuild needed.
    EXPECT_FALSE(fonts.set_texts({"山﨑 花子", "髙橋 一郎"}));
    EXPECT_TRUE(fonts.set_texts({"山﨑 花子"}));
    EXPECT_FALSE(fonts.in_ranges(k_takai));
    EXPECT_EQ(fonts.displayable("髙橋"), "髙橋");
}

TEST(Fonts, TextsOnlyAtlasHoldsJustTheTextsCharacters) {
    Fonts fonts(default_font_path(), 0, GlyphBase::texts_only);
    EXPECT_TRUE(fonts.in_ranges(U'A'));
    EXPECT_TRUE(fonts.in_ranges(k_geta_mark));
    EXPECT_FALSE(fonts.in_ranges(U'池'));
    EXPECT_TRUE(fonts.set_texts({"池袋", "髙"}));
    EXPECT_TRUE(fonts.in_ranges(U'池'));
    EXPECT_TRUE(fonts.in_ranges(k_takai));
    EXPECT_FALSE(fonts.in_ranges(U'あ'));
    EXPECT_FALSE(fonts.set_texts({"袋池", "髙 ABC"})) << "same characters: no rebuild";
}

TEST(Fonts, ReportsAndMarksCharactersItCannotShow) {
    Fonts fonts;
    fonts.set_texts({"𠮷田 太郎", "髙橋"});
    ASSERT_EQ(fonts.coverage().missing.size(), 1u);
    EXPECT_EQ(fonts.coverage().missing[0], k_tsuchiyoshi);
    EXPECT_EQ(fonts.coverage().describe(), "𠮷 U+20BB7\n");
    EXPECT_EQ(fonts.displayable("𠮷田 太郎"), "〓田 太郎");
    EXPECT_FALSE(fonts.in_ranges(0xFFFF)); // nothing was truncated into the BMP
    // A BMP character with no glyph in Noto Sans CJK (a private-use one).
    EXPECT_FALSE(fonts.glyphs().has_glyph(U'\uE000'));
    EXPECT_EQ(fonts.displayable("a\uE000b"), "a〓b");
}

TEST(Fonts, MissingFontFileIsNamed) {
    try {
        Fonts fonts("/nonexistent/font.ttc");
        FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/font.ttc"), std::string::npos);
    }
}

TEST(Fonts, AtlasHoldsTheAddedGlyphs) {
    // Atlas building needs no GL: ImGui rasterises into memory.
    ImFontAtlas atlas;
    Fonts fonts;
    fonts.set_texts({"髙﨑"});
    ImFont* font = fonts.build_atlas(atlas, 16.0f);
    ASSERT_NE(font, nullptr);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
    for (char32_t c : {k_takai, k_saki, k_geta_mark, U'池'}) {
        const ImFontGlyph* g = font->FindGlyphNoFallback(static_cast<ImWchar>(c));
        ASSERT_NE(g, nullptr) << static_cast<unsigned>(c);
        // The glyph's rectangle in the atlas has ink.
        int ink = 0;
        for (int y = static_cast<int>(g->V0 * h); y < static_cast<int>(g->V1 * h); ++y)
            for (int x = static_cast<int>(g->U0 * w); x < static_cast<int>(g->U1 * w); ++x)
                ink += pixels[y * w + x] > 128;
        EXPECT_GT(ink, 10) << static_cast<unsigned>(c);
    }
}

TEST(Fonts, RareKanjiRenderOnScreen) {
    // The whole path: a label with 髙 and 﨑 drawn by the map overlay into
    // the framebuffer; its box differs from the background, and the same
    // label with characters the font lacks shows 〓 instead.
    map::Scene scene;
    scene.origin = {0, 0};
    map::Layer layer;
    layer.id = "labels";
    layer.labels.push_back({"髙﨑", {0, 0}, 1.0f, 1e9f, 0});
    layer.labels.push_back({"𠮷", {0, -40}, 1.0f, 1e9f, 0});
    layer.features.push_back({});
    scene.layers.push_back(layer);
    const map::Camera camera({0, 0}, 1.0, 200, 150);
    const Snapshot shot = testing::snapshotter().render(scene, camera);
    ASSERT_EQ(shot.labels.size(), 2u);
    EXPECT_TRUE(testing::snapshotter().fonts().in_ranges(k_takai));
    ASSERT_EQ(testing::snapshotter().fonts().coverage().missing.size(), 1u);
    for (const auto& label : shot.labels) {
        int dark = 0;
        for (int y = static_cast<int>(label.y); y < static_cast<int>(label.y + label.h); ++y)
            for (int x = static_cast<int>(label.x); x < static_cast<int>(label.x + label.w); ++x)
                dark += testing::pixel(shot, x, y).r < 100;
        EXPECT_GT(dark, label.text == "髙﨑" ? 30 : 4) << label.text;
    }
}

} // namespace
} // namespace breathline::ui
