#pragma once
// The text ImGui actually drew, read back from its draw data (issue 8 privacy scans): every
// glyph is a quad whose UV rectangle is that of one ImFontGlyph in the atlas, so walking the
// vertex and index buffers of every draw list after ImGui::Render() and looking the UV
// rectangles up gives the characters drawn, in draw order, whatever widget, tooltip or draw
// list call put them there (and nothing that was only computed and never drawn).
//
// Needs the ImGui context whose frame was rendered; no GL.

#include <imgui.h>
#include <string>
#include <vector>

namespace breathline::ui::testing {

/// One run of glyphs drawn on one line in one draw list, as UTF-8. A run ends where a
/// primitive that is not a glyph intervenes, at the end of a draw list, where the pen goes
/// backwards or to another line, or across a gap wider than three font sizes (another
/// column). A gap of at least half a space's advance between glyphs becomes one ' ', so
/// "山田 太郎" reads back with its space.
struct DrawnRun {
    std::string text;
    float x = 0, y = 0; ///< screen position of the first glyph's pen
};

/// Decodes `draw_data` (ImGui::GetDrawData() after ImGui::Render()) against the glyphs of
/// every font in `atlas` (io.Fonts). Glyphs clipped by ImGui's fine CPU clipping (whose UV
/// rectangle is a part of a glyph's) are still recognised.
std::vector<DrawnRun> decode_drawn_text(const ImDrawData& draw_data, const ImFontAtlas& atlas);

/// The runs' texts only.
std::vector<std::string> drawn_strings(const ImDrawData& draw_data, const ImFontAtlas& atlas);

} // namespace breathline::ui::testing
