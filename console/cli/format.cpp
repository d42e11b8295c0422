#include "console/cli/format.h"

#include "console/cli/labels.h"
#include "data/model/supporter_labels.h"

namespace breathline::cli {

std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = 0;
        if (len == 1)
            cp = c;
        else if (len == 3 && i + 2 < s.size())
            cp = static_cast<char32_t>(((c & 0x0F) << 12) |
                                       ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                                       (static_cast<unsigned char>(s[i + 2]) & 0x3F));
        // Hiragana, katakana, CJK ideographs, full-width forms and the rest of
        // the 3-byte CJK blocks are double width; half-width katakana is not.
        const bool wide = len == 4 || (len == 3 && cp >= 0x1100 && !(cp >= 0xFF61 && cp <= 0xFFDC));
        width += wide ? 2 : 1;
        i += len;
    }
    return width;
}

std::string supporter_kind_text(const Context& ctx, data::SupporterKind kind) {
    return std::string(ctx.lang == Lang::ja ? data::label_ja(kind) : data::label_en(kind));
}

std::string pad(std::string_view s, std::size_t width) {
    std::string out(s);
    for (std::size_t w = display_width(s); w < width; ++w)
        out += ' ';
    return out;
}

std::string masked(std::string_view external_id) {
    return "[" + std::string(external_id) + "]";
}

} // namespace breathline::cli
