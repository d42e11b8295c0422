#include "drawn_text.h"

#include <cmath>
#include <map>
#include <optional>
#include <tuple>

namespace breathline::ui::testing {

namespace {

struct GlyphInfo {
    unsigned codepoint = 0;
    const ImFontGlyph* glyph = nullptr;
    const ImFont* font = nullptr;
};

using UvKey = std::tuple<float, float, float, float>;

void append_utf8(std::string& out, unsigned c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xc0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xe0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (c & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (c & 0x3f));
    }
}

class GlyphTable {
public:
    explicit GlyphTable(const ImFontAtlas& atlas) {
        for (const ImFont* font : atlas.Fonts)
            for (const ImFontGlyph& g : font->Glyphs) {
                if (!g.Visible) continue; // spaces draw no quad
                m_exact.emplace(UvKey{g.U0, g.V0, g.U1, g.V1}, GlyphInfo{g.Codepoint, &g, font});
                m_all.push_back({g.Codepoint, &g, font});
            }
    }

    /// The glyph whose UV rectangle is (u0,v0)-(u1,v1), or contains it (fine clipping cuts
    /// the rectangle of a glyph at the clip edge; the cut keeps inside the glyph's).
    std::optional<GlyphInfo> find(float u0, float v0, float u1, float v1) const {
        if (auto it = m_exact.find(UvKey{u0, v0, u1, v1}); it != m_exact.end()) return it->second;
        // Degenerate rectangles are solid fills (the atlas's white pixel), never glyphs.
        if (!(u1 > u0) || !(v1 > v0)) return std::nullopt;
        if (u1 - u0 > 0.25f || v1 - v0 > 0.25f) return std::nullopt; // images, not glyphs
        constexpr float eps = 1e-6f;
        for (const GlyphInfo& g : m_all) {
            const ImFontGlyph& q = *g.glyph;
            if (u0 >= q.U0 - eps && u1 <= q.U1 + eps && v0 >= q.V0 - eps && v1 <= q.V1 + eps)
                return g;
        }
        return std::nullopt;
    }

private:
    std::map<UvKey, GlyphInfo> m_exact;
    std::vector<GlyphInfo> m_all;
};

} // namespace

std::vector<DrawnRun> decode_drawn_text(const ImDrawData& draw_data, const ImFontAtlas& atlas) {
    const GlyphTable table(atlas);
    std::vector<DrawnRun> runs;
    for (int l = 0; l < draw_data.CmdListsCount; ++l) {
        const ImDrawList& list = *draw_data.CmdLists[l];
        const ImDrawIdx* idx = list.IdxBuffer.Data;
        const ImDrawVert* vtx = list.VtxBuffer.Data;
        // A plain value and a flag rather than an optional: GCC 12 at -O3 warns that an
        // optional's string may be used uninitialised here (a false positive that -Werror
        // turns into a build failure).
        DrawnRun run;
        bool in_run = false;
        float expected_pen_x = 0, pen_y = 0, font_size = 0, space = 0;
        auto end_run = [&] {
            if (in_run && !run.text.empty()) runs.push_back(std::move(run));
            run = DrawnRun{};
            in_run = false;
        };
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback) {
                end_run();
                continue;
            }
            const unsigned first = cmd.IdxOffset, count = cmd.ElemCount;
            unsigned i = first;
            while (i < first + count) {
                // ImFont::RenderText writes each glyph as 4 vertices (top-left, top-right,
                // bottom-right, bottom-left) and the indices a, a+1, a+2, a, a+2, a+3.
                std::optional<GlyphInfo> glyph;
                const ImDrawVert* q = nullptr;
                if (i + 6 <= first + count) {
                    const unsigned a = idx[i];
                    if (idx[i + 1] == a + 1 && idx[i + 2] == a + 2 && idx[i + 3] == a &&
                        idx[i + 4] == a + 2 && idx[i + 5] == a + 3) {
                        q = vtx + cmd.VtxOffset + a;
                        if (q[1].uv.x == q[2].uv.x && q[1].uv.y == q[0].uv.y &&
                            q[3].uv.x == q[0].uv.x && q[3].uv.y == q[2].uv.y)
                            glyph = table.find(q[0].uv.x, q[0].uv.y, q[2].uv.x, q[2].uv.y);
                    }
                }
                if (!glyph) {
                    end_run();
                    i += 3; // one triangle of something else
                    continue;
                }
                i += 6;
                const ImFontGlyph& g = *glyph->glyph;
                // Where the pen stood: the quad sits at pen + (X0, Y0) × scale. Clipping moves
                // the quad's corners but not the unclipped side, so take the pen from the
                // side the glyph's UVs say is whole.
                const float glyph_w = g.X1 - g.X0;
                const float uv_w = g.U1 - g.U0;
                const float scale =
                    glyph_w > 0 && uv_w > 0 && q[0].uv.x == g.U0 && q[2].uv.x == g.U1
                        ? (q[2].pos.x - q[0].pos.x) / glyph_w
                        : 1.0f;
                const float pen_x =
                    q[0].uv.x == g.U0 ? q[0].pos.x - g.X0 * scale : q[2].pos.x - g.X1 * scale;
                const float this_pen_y =
                    q[0].uv.y == g.V0 ? q[0].pos.y - g.Y0 * scale : q[2].pos.y - g.Y1 * scale;
                const float size = glyph->font->FontSize * scale;
                const ImFontGlyph* sp = glyph->font->FindGlyphNoFallback(' ');
                const float this_space =
                    (sp ? sp->AdvanceX : glyph->font->FontSize * 0.25f) * scale;
                if (in_run) {
                    const float gap = pen_x - expected_pen_x;
                    const bool other_line = std::fabs(this_pen_y - pen_y) > 1.0f;
                    if (other_line || gap < -1.0f || gap > 3 * std::max(size, font_size)) {
                        end_run();
                    } else if (gap >= 0.5f * std::max(space, this_space)) {
                        run.text += ' ';
                    }
                }
                if (!in_run) {
                    run = DrawnRun{{}, pen_x, this_pen_y};
                    in_run = true;
                }
                append_utf8(run.text, glyph->codepoint);
                expected_pen_x = pen_x + g.AdvanceX * scale;
                pen_y = this_pen_y;
                font_size = size;
                space = this_space;
            }
        }
        end_run();
    }
    return runs;
}

std::vector<std::string> drawn_strings(const ImDrawData& draw_data, const ImFontAtlas& atlas) {
    std::vector<std::string> out;
    for (auto& r : decode_drawn_text(draw_data, atlas))
        out.push_back(std::move(r.text));
    return out;
}

} // namespace breathline::ui::testing
