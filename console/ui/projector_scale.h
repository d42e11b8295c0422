#pragma once
/// Sizes of projector mode (issue 8), chosen for a 1920×1080 image on a wall read from 10 m.
///
/// The calculation (for the report and the README):
///   - a projected image 3 m wide over 1920 px is 3000 / 1920 = 1.56 mm per pixel;
///   - text stays legible to about 250× its letter height (signage rule: a 40 mm letter is
///     read from 10 m), so the body text needs a capital height of 10 000 / 250 = 40 mm
///     = 40 / 1.56 ≈ 26 px;
///   - ImGui sizes a font by its line height (ascender − descender), which for Noto Sans CJK is
///     1.448 em, and its capitals are 0.733 em: a capital is 0.506 × the ImGui size. 26 px caps
///     need a size of 26 / 0.506 ≈ 52 px: the body font (runway rows, ticker, alarm banner,
///     help) is 52 px (caps 26 px = 41 mm; kanji ~0.88 em = 32 px = 49 mm);
///   - the clock and the tile labels are 72 px (caps 36 px = 57 mm: read from ~14 m);
///   - the five status counts are 112 px (caps 57 px = 89 mm: read from ~22 m, the back of a
///     hall, which a glance at "how many critical" needs);
///   - map symbols, board halos and line widths are drawn 2.5× their normal size (a person
///     symbol 10 → 25 px = 39 mm, a board halo 22 → 55 px = 86 mm), and map labels take the
///     52 px body font.
/// tests/ui/projector_panels_test.cpp measures the rasterised glyphs ("H" of the body ≥ 26 px).
/// These are pixels of a 1920-wide image. A window of another width scales them by
/// width / 1920 (the wall is the same size whatever the resolution), clamped to 0.5..2, and the
/// font atlas is rebuilt at the scaled sizes (glyphs are rasterised at size, never magnified).
///
/// No ImGui, no GL.

#include <algorithm>

namespace breathline::ui {

inline constexpr float k_projector_reference_width_px = 1920.0f;
inline constexpr float k_projector_body_px = 52.0f;
inline constexpr float k_projector_heading_px = 72.0f;
inline constexpr float k_projector_count_px = 112.0f;
/// Capital height / ImGui font size of Noto Sans CJK (0.733 em / 1.448 em line height).
inline constexpr float k_noto_cap_per_size = 0.506f;
/// Multiplies map symbol sizes and line widths (the renderer's ui_scale) in projector mode.
inline constexpr float k_projector_symbol_scale = 2.5f;
/// Board halo diameter on the map before k_projector_symbol_scale (normal board ring: 22 px).
inline constexpr float k_projector_board_symbol_px = 22.0f;
/// Rows of the runway list shown (the top of the board, most urgent first): at 1080 px the
/// five count tiles leave room below them for a heading, four rows of 52 px type and the
/// "and N more" line.
inline constexpr int k_projector_runway_rows = 4;
/// Ticker lines shown, newest first.
inline constexpr int k_projector_ticker_lines = 4;

/// The factor sizes are multiplied by for a framebuffer `width_px` wide, rounded to 0.05 so
/// that a window resized by a few pixels does not rebuild the font atlas.
inline float projector_factor(float width_px) {
    const float f = std::clamp(width_px / k_projector_reference_width_px, 0.5f, 2.0f);
    return static_cast<float>(static_cast<int>(f * 20.0f + 0.5f)) / 20.0f;
}

} // namespace breathline::ui
