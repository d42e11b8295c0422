#pragma once
/// The Japanese UI font and what it can show. Noto Sans CJK (Debian's
/// fonts-noto-cjk, face 0 of the .ttc, Japanese design) is loaded with
/// ImGui's Japanese glyph range plus every character that occurs in the
/// strings the app passes in (names and addresses from the database): 1.86's
/// Japanese range lacks common surname kanji such as 髙 and 﨑.
///
/// Debian's ImGui stores characters as 16 bits (ImWchar16), so a character
/// above U+FFFF (e.g. 𠮷 U+20BB7), or one the font has no glyph for, cannot
/// be drawn. displayable() replaces each such character with the geta mark
/// 〓 (U+3013), the Japanese convention for a missing glyph, and coverage()
/// lists them so the UI can show the list: never a silent substitution.
///
/// GlyphCoverage and Fonts' coverage functions need no window or GL context.
/// Thread safety: none; use from the UI thread.

#include <filesystem>
#include <imgui.h>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::ui {

/// 〓 GETA MARK: drawn in place of a character that cannot be shown.
inline constexpr char32_t k_geta_mark = U'\u3013';

/// /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc (fonts-noto-cjk).
std::filesystem::path default_font_path();

/// Decodes UTF-8; each invalid byte becomes U+FFFD.
std::u32string decode_utf8(std::string_view text);
/// Encodes code points as UTF-8 (invalid code points as U+FFFD).
std::string encode_utf8(std::u32string_view text);

/// Which characters a font file has glyphs for (its cmap, read with
/// FreeType). No window needed.
class GlyphCoverage {
public:
    /// Opens face `face_index` of `font`. Throws std::runtime_error naming
    /// the file when FreeType cannot open it (e.g. fonts-noto-cjk missing:
    /// `apt-get install fonts-noto-cjk`).
    explicit GlyphCoverage(const std::filesystem::path& font, int face_index = 0);
    ~GlyphCoverage();
    GlyphCoverage(const GlyphCoverage&) = delete;
    GlyphCoverage& operator=(const GlyphCoverage&) = delete;

    /// True when the font maps `c` to a glyph.
    bool has_glyph(char32_t c) const;
    /// True when the UI can draw `c`: the font has it and it fits ImWchar
    /// (16 bits in Debian's ImGui). Control characters count as displayable
    /// (they are never drawn).
    bool displayable(char32_t c) const;

private:
    struct Face;
    std::unique_ptr<Face> m_face;
};

/// Characters of the given texts that cannot be shown, for the UI's list.
struct CoverageReport {
    std::vector<char32_t> missing; ///< sorted, unique
    /// One line per character: "𠮷 U+20BB7" (for a tooltip or the log).
    std::string describe() const;
};

/// Which characters the atlas holds besides those of the texts.
enum class GlyphBase {
    japanese,  ///< ImGui's Japanese range + Latin-1: any UI text can be typed and shown
    texts_only ///< Latin-1 only: for offscreen images whose every string is known up front
};

class Fonts {
public:
    /// Uses face `face_index` of `font`. Throws like GlyphCoverage.
    explicit Fonts(std::filesystem::path font = default_font_path(), int face_index = 0,
                   GlyphBase base = GlyphBase::japanese);

    /// Sets the strings whose characters must be covered (replacing the
    /// previous ones). Returns true when the glyph set changed, i.e. the
    /// atlas must be rebuilt with build_atlas() (and the session's font
    /// texture reloaded).
    bool set_texts(const std::vector<std::string>& texts);
    /// Characters of the texts given to set_texts that cannot be shown.
    const CoverageReport& coverage() const { return m_report; }
    /// `text` with every character that cannot be shown replaced by 〓.
    std::string displayable(std::string_view text) const;
    /// Zero-terminated ImGui glyph ranges: the base (ImGui's Japanese range
    /// or Latin-1 only, see GlyphBase), the displayable characters of the
    /// texts and 〓. Valid until the next
    /// set_texts(); ImGui keeps a pointer to it while the atlas lives.
    const ImWchar* glyph_ranges() const { return m_ranges.data(); }
    /// True when glyph_ranges() includes `c`.
    bool in_ranges(char32_t c) const;

    /// Clears `atlas`, adds the font at `size_px` with glyph_ranges() and
    /// builds it with FreeType. Returns the font (owned by the atlas).
    /// Throws std::runtime_error when ImGui cannot load the file.
    ImFont* build_atlas(ImFontAtlas& atlas, float size_px) const;

    /// A further size of the font for large type (the projector's counts and clock): it holds
    /// printable ASCII, 〓 and the characters of `texts` only, so a 96 px face costs a few
    /// hundred glyphs, not the whole Japanese range.
    struct ExtraSize {
        float size_px = 0;
        std::vector<std::string> texts;
    };
    /// build_atlas() plus one font per entry of `extra` (returned in `extra_fonts`, same order),
    /// all in one atlas. Same errors as build_atlas().
    ImFont* build_atlas(ImFontAtlas& atlas, float size_px, const std::vector<ExtraSize>& extra,
                        std::vector<ImFont*>& extra_fonts) const;

    /// The font's character map.
    const GlyphCoverage& glyphs() const { return *m_coverage; }
    /// The font file in use.
    const std::filesystem::path& font_path() const { return m_path; }

private:
    std::filesystem::path m_path;
    int m_face_index = 0;
    GlyphBase m_base = GlyphBase::japanese;
    std::unique_ptr<GlyphCoverage> m_coverage;
    std::set<char32_t> m_extra; // displayable characters from the texts
    CoverageReport m_report;
    std::vector<ImWchar> m_ranges;
    mutable std::vector<ImWchar> m_base_ranges; // ImGui's Japanese range, built on first use
    // Glyph ranges of the extra sizes: ImGui keeps pointers to them while the atlas lives.
    mutable std::vector<std::vector<ImWchar>> m_extra_ranges;
    void rebuild_ranges();
    bool in_base_ranges(char32_t c) const;
};

} // namespace breathline::ui
