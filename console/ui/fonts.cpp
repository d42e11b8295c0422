#include "console/ui/fonts.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <algorithm>
#include <cstdio>
#include <imgui_freetype.h>
#include <stdexcept>

namespace breathline::ui {

namespace {
constexpr char32_t k_replacement = U'\uFFFD';
// ImWchar is 16-bit in Debian's build (IMGUI_USE_WCHAR32 is not defined).
constexpr char32_t k_max_imwchar = sizeof(ImWchar) == 2 ? 0xFFFF : 0x10FFFF;
} // namespace

std::filesystem::path default_font_path() {
    return "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
}

std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        int len = 0;
        char32_t c = 0;
        if (b0 < 0x80) {
            len = 1;
            c = b0;
        } else if ((b0 & 0xE0) == 0xC0) {
            len = 2;
            c = b0 & 0x1F;
        } else if ((b0 & 0xF0) == 0xE0) {
            len = 3;
            c = b0 & 0x0F;
        } else if ((b0 & 0xF8) == 0xF0) {
            len = 4;
            c = b0 & 0x07;
        }
        bool ok = len > 0 && i + static_cast<std::size_t>(len) <= text.size();
        for (int k = 1; ok && k < len; ++k) {
            const auto b = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((b & 0xC0) != 0x80)
                ok = false;
            else
                c = (c << 6) | (b & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid.
        static constexpr char32_t k_min[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (ok && (c < k_min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))) ok = false;
        if (!ok) {
            out.push_back(k_replacement);
            ++i;
            continue;
        }
        out.push_back(c);
        i += static_cast<std::size_t>(len);
    }
    return out;
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char32_t c : text) {
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = k_replacement;
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

struct GlyphCoverage::Face {
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    ~Face() {
        if (face != nullptr) FT_Done_Face(face);
        if (library != nullptr) FT_Done_FreeType(library);
    }
};

GlyphCoverage::GlyphCoverage(const std::filesystem::path& font, int face_index)
    : m_face(std::make_unique<Face>()) {
    if (FT_Init_FreeType(&m_face->library) != 0)
        throw std::runtime_error("cannot initialise FreeType");
    if (FT_New_Face(m_face->library, font.c_str(), face_index, &m_face->face) != 0)
        throw std::runtime_error("cannot open font " + font.string() + " face " +
                                 std::to_string(face_index) +
                                 " (install fonts-noto-cjk: apt-get install fonts-noto-cjk)");
    if (FT_Select_Charmap(m_face->face, FT_ENCODING_UNICODE) != 0)
        throw std::runtime_error("font " + font.string() + " has no Unicode character map");
}

GlyphCoverage::~GlyphCoverage() = default;

bool GlyphCoverage::has_glyph(char32_t c) const {
    return FT_Get_Char_Index(m_face->face, static_cast<FT_ULong>(c)) != 0;
}

bool GlyphCoverage::displayable(char32_t c) const {
    if (c < 0x20 || c == 0x7F) return true;
    return c <= k_max_imwchar && has_glyph(c);
}

std::string CoverageReport::describe() const {
    std::string out;
    for (char32_t c : missing) {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
        out += encode_utf8(std::u32string(1, c)) + " " + code + "\n";
    }
    return out;
}

Fonts::Fonts(std::filesystem::path font, int face_index, GlyphBase base)
    : m_path(std::move(font)), m_face_index(face_index), m_base(base),
      m_coverage(std::make_unique<GlyphCoverage>(m_path, face_index)) {
    rebuild_ranges();
}

bool Fonts::set_texts(const std::vector<std::string>& texts) {
    std::set<char32_t> extra, missing;
    for (const auto& t : texts)
        for (char32_t c : decode_utf8(t)) {
            if (c < 0x20) continue;
            if (m_coverage->displayable(c)) {
                // Characters of the base ranges are in the atlas anyway.
                if (!in_base_ranges(c)) extra.insert(c);
            } else
                missing.insert(c);
        }
    m_report.missing.assign(missing.begin(), missing.end());
    if (extra == m_extra) return false;
    m_extra = std::move(extra);
    rebuild_ranges();
    return true;
}

void Fonts::rebuild_ranges() {
    ImFontGlyphRangesBuilder builder;
    // GetGlyphRangesJapanese() returns a static table; the atlas object is
    // only its owner class, so a local one serves without an ImGui context.
    static const ImWchar k_latin1[] = {0x0020, 0x00FF, 0};
    ImFontAtlas ranges_owner;
    if (m_base == GlyphBase::japanese) builder.AddRanges(ranges_owner.GetGlyphRangesJapanese());
    builder.AddRanges(k_latin1);
    builder.AddChar(static_cast<ImWchar>(k_geta_mark));
    for (char32_t c : m_extra)
        builder.AddChar(static_cast<ImWchar>(c));
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);
    m_ranges.assign(ranges.begin(), ranges.end());
    if (m_ranges.empty() || m_ranges.back() != 0) m_ranges.push_back(0);
}

namespace {
bool in_range_list(const std::vector<ImWchar>& ranges, char32_t c) {
    for (std::size_t i = 0; i + 1 < ranges.size() && ranges[i] != 0; i += 2)
        if (c >= ranges[i] && c <= ranges[i + 1]) return true;
    return false;
}
} // namespace

bool Fonts::in_ranges(char32_t c) const {
    return in_range_list(m_ranges, c);
}

bool Fonts::in_base_ranges(char32_t c) const {
    if (m_base == GlyphBase::texts_only) return c >= 0x20 && c <= 0xFF;
    if (m_base_ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        ImFontAtlas ranges_owner;
        builder.AddRanges(ranges_owner.GetGlyphRangesJapanese());
        ImVector<ImWchar> ranges;
        builder.BuildRanges(&ranges);
        m_base_ranges.assign(ranges.begin(), ranges.end());
    }
    return in_range_list(m_base_ranges, c);
}

std::string Fonts::displayable(std::string_view text) const {
    std::u32string chars = decode_utf8(text);
    bool changed = false;
    for (char32_t& c : chars)
        if (!m_coverage->displayable(c)) {
            c = k_geta_mark;
            changed = true;
        }
    return changed ? encode_utf8(chars) : std::string(text);
}

ImFont* Fonts::build_atlas(ImFontAtlas& atlas, float size_px) const {
    std::vector<ImFont*> none;
    return build_atlas(atlas, size_px, {}, none);
}

ImFont* Fonts::build_atlas(ImFontAtlas& atlas, float size_px, const std::vector<ExtraSize>& extra,
                           std::vector<ImFont*>& extra_fonts) const {
    atlas.Clear();
    extra_fonts.clear();
    ImFontConfig config;
    config.FontNo = static_cast<unsigned>(m_face_index);
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    std::snprintf(config.Name, sizeof config.Name, "Noto Sans CJK JP %.0fpx",
                  static_cast<double>(size_px));
    ImFont* font = atlas.AddFontFromFileTTF(m_path.c_str(), size_px, &config, m_ranges.data());
    if (font == nullptr) throw std::runtime_error("ImGui cannot load font " + m_path.string());
    m_extra_ranges.clear();
    m_extra_ranges.reserve(extra.size()); // pointers into it must stay valid
    for (const auto& e : extra) {
        ImFontGlyphRangesBuilder builder;
        static const ImWchar k_ascii[] = {0x0020, 0x007E, 0};
        builder.AddRanges(k_ascii);
        builder.AddChar(static_cast<ImWchar>(k_geta_mark));
        for (const auto& t : e.texts)
            for (char32_t c : decode_utf8(t))
                if (c >= 0x20 && m_coverage->displayable(c))
                    builder.AddChar(static_cast<ImWchar>(c));
        ImVector<ImWchar> ranges;
        builder.BuildRanges(&ranges);
        auto& kept = m_extra_ranges.emplace_back(ranges.begin(), ranges.end());
        if (kept.empty() || kept.back() != 0) kept.push_back(0);
        ImFontConfig c = config;
        std::snprintf(c.Name, sizeof c.Name, "Noto Sans CJK JP %.0fpx",
                      static_cast<double>(e.size_px));
        ImFont* f = atlas.AddFontFromFileTTF(m_path.c_str(), e.size_px, &c, kept.data());
        if (f == nullptr) throw std::runtime_error("ImGui cannot load font " + m_path.string());
        extra_fonts.push_back(f);
    }
    // FreeType renders the CFF outlines of Noto CJK with hinting; it is
    // compiled into Debian's libimgui.a.
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    if (!atlas.Build())
        throw std::runtime_error("cannot build the font atlas from " + m_path.string());
    return font;
}

} // namespace breathline::ui
