#include "data/text/utf8.h"

#include <cstdint>

namespace breathline::text::utf8 {

namespace {

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0U) == 0x80U;
}

} // namespace

std::optional<Decoded> decode_at(std::string_view text, std::size_t pos) noexcept {
    if (pos >= text.size()) return std::nullopt;
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0x80U) return Decoded{lead, 1};

    std::size_t length = 0;
    char32_t code_point = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0U) == 0xC0U) {
        length = 2;
        code_point = lead & 0x1FU;
        minimum = 0x80;
    } else if ((lead & 0xF0U) == 0xE0U) {
        length = 3;
        code_point = lead & 0x0FU;
        minimum = 0x800;
    } else if ((lead & 0xF8U) == 0xF0U) {
        length = 4;
        code_point = lead & 0x07U;
        minimum = 0x10000;
    } else {
        return std::nullopt; // stray continuation byte or 0xF8..0xFF
    }
    if (text.size() - pos < length) return std::nullopt;
    for (std::size_t i = 1; i < length; ++i) {
        const auto byte = static_cast<unsigned char>(text[pos + i]);
        if (!is_continuation(byte)) return std::nullopt;
        code_point = (code_point << 6U) | (byte & 0x3FU);
    }
    // Overlong forms would let two byte strings mean the same text; surrogates are not
    // characters. Both are rejected so that "valid UTF-8" is a meaningful detection signal.
    if (code_point < minimum || code_point > 0x10FFFF) return std::nullopt;
    if (code_point >= 0xD800 && code_point <= 0xDFFF) return std::nullopt;
    return Decoded{code_point, length};
}

std::optional<std::size_t> find_invalid(std::string_view text) noexcept {
    std::size_t pos = 0;
    while (pos < text.size()) {
        // ASCII fast path: most importer input is digits, commas and Latin letters.
        if (static_cast<unsigned char>(text[pos]) < 0x80U) {
            ++pos;
            continue;
        }
        const auto decoded = decode_at(text, pos);
        if (!decoded) return pos;
        pos += decoded->length;
    }
    return std::nullopt;
}

void append(std::string& out, char32_t code_point) {
    if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        code_point = 0xFFFD;
    }
    const auto cp = static_cast<std::uint32_t>(code_point);
    if (cp < 0x80U) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800U) {
        out.push_back(static_cast<char>(0xC0U | (cp >> 6U)));
        out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
    } else if (cp < 0x10000U) {
        out.push_back(static_cast<char>(0xE0U | (cp >> 12U)));
        out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
        out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
    } else {
        out.push_back(static_cast<char>(0xF0U | (cp >> 18U)));
        out.push_back(static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU)));
        out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
        out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
    }
}

std::string encode(char32_t code_point) {
    std::string out;
    append(out, code_point);
    return out;
}

} // namespace breathline::text::utf8
