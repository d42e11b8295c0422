#include "data/text/normalize.h"

#include "data/text/encoding.h"
#include "data/text/utf8.h"

#include <array>

namespace breathline::text {

namespace {

bool is_ascii_digit(char32_t cp) {
    return cp >= U'0' && cp <= U'9';
}
bool is_any_digit(char32_t cp) {
    return is_ascii_digit(cp) || (cp >= U'０' && cp <= U'９');
}

bool is_dash(char32_t cp) {
    return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63;
}
bool is_prolonged_mark(char32_t cp) {
    return cp == 0x30FC || cp == 0xFF70;
}

bool is_space_char(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

constexpr std::string_view ideographic_space = "\xE3\x80\x80"; // U+3000

// Value of one kanji digit, or -1.
int kanji_digit(char32_t cp) {
    switch (cp) {
    case U'〇':
    case U'零':
        return 0;
    case U'一':
        return 1;
    case U'二':
        return 2;
    case U'三':
        return 3;
    case U'四':
        return 4;
    case U'五':
        return 5;
    case U'六':
        return 6;
    case U'七':
        return 7;
    case U'八':
        return 8;
    case U'九':
        return 9;
    default:
        return -1;
    }
}

int kanji_multiplier(char32_t cp) {
    switch (cp) {
    case U'十':
        return 10;
    case U'百':
        return 100;
    case U'千':
        return 1000;
    default:
        return 0;
    }
}

} // namespace

std::string to_halfwidth_ascii(std::string_view utf8_text) {
    std::string out;
    out.reserve(utf8_text.size());
    std::size_t pos = 0;
    while (pos < utf8_text.size()) {
        const auto decoded = utf8::decode_at(utf8_text, pos);
        if (!decoded) {
            throw TextError("invalid UTF-8 at byte offset " + std::to_string(pos), pos);
        }
        const char32_t cp = decoded->code_point;
        const std::size_t next = pos + decoded->length;
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            out.push_back(static_cast<char>(cp - 0xFEE0));
        } else if (cp == 0x3000) {
            out.push_back(' ');
        } else if (is_dash(cp)) {
            out.push_back('-');
        } else if (is_prolonged_mark(cp)) {
            const auto following = utf8::decode_at(utf8_text, next);
            const bool digit_before = !out.empty() && out.back() >= '0' && out.back() <= '9';
            const bool digit_after = following && is_any_digit(following->code_point);
            if (digit_before && digit_after) {
                out.push_back('-');
            } else {
                out.append(utf8_text.substr(pos, decoded->length));
            }
        } else {
            out.append(utf8_text.substr(pos, decoded->length));
        }
        pos = next;
    }
    return out;
}

std::string trim(std::string_view text) {
    for (;;) {
        if (!text.empty() && is_space_char(text.front())) {
            text.remove_prefix(1);
        } else if (text.starts_with(ideographic_space)) {
            text.remove_prefix(ideographic_space.size());
        } else {
            break;
        }
    }
    for (;;) {
        if (!text.empty() && is_space_char(text.back())) {
            text.remove_suffix(1);
        } else if (text.ends_with(ideographic_space)) {
            text.remove_suffix(ideographic_space.size());
        } else {
            break;
        }
    }
    return std::string(text);
}

bool is_kanji_numeral(char32_t code_point) noexcept {
    return kanji_digit(code_point) >= 0 || kanji_multiplier(code_point) > 0;
}

std::optional<int> parse_kanji_number(std::string_view text) {
    std::array<char32_t, 16> cps{};
    std::size_t count = 0;
    bool has_multiplier = false;
    for (std::size_t pos = 0; pos < text.size();) {
        const auto decoded = utf8::decode_at(text, pos);
        if (!decoded || !is_kanji_numeral(decoded->code_point) || count == cps.size()) {
            return std::nullopt;
        }
        has_multiplier = has_multiplier || kanji_multiplier(decoded->code_point) > 0;
        cps[count++] = decoded->code_point;
        pos += decoded->length;
    }
    if (count == 0) return std::nullopt;

    if (!has_multiplier) {
        // Positional form, as in years written 二〇二一.
        if (count > 4) return std::nullopt;
        int value = 0;
        for (std::size_t i = 0; i < count; ++i)
            value = value * 10 + kanji_digit(cps[i]);
        return value;
    }

    // Multiplier form: each of 千, 百, 十 at most once, in decreasing order, optionally preceded
    // by a digit 2..9 (一千 is tolerated); a bare trailing digit adds the units.
    int total = 0;
    int last_multiplier = 10000;
    int pending = -1; // digit waiting for its multiplier
    for (std::size_t i = 0; i < count; ++i) {
        const int digit = kanji_digit(cps[i]);
        if (digit >= 0) {
            if (pending >= 0 || digit == 0) return std::nullopt;
            pending = digit;
            continue;
        }
        const int multiplier = kanji_multiplier(cps[i]);
        if (multiplier >= last_multiplier) return std::nullopt;
        total += (pending >= 0 ? pending : 1) * multiplier;
        last_multiplier = multiplier;
        pending = -1;
    }
    if (pending >= 0) total += pending;
    return total;
}

std::string to_kanji_number(int value) {
    static constexpr std::array<std::string_view, 10> digits = {"〇", "一", "二", "三", "四",
                                                                "五", "六", "七", "八", "九"};
    if (value < 0 || value > 9999) return {};
    if (value == 0) return std::string(digits[0]);
    std::string out;
    const std::array<std::pair<int, std::string_view>, 3> units = {
        {{1000, "千"}, {100, "百"}, {10, "十"}}};
    for (const auto& [unit, glyph] : units) {
        const int count = value / unit;
        value %= unit;
        if (count == 0) continue;
        if (count > 1) out += digits[static_cast<std::size_t>(count)];
        out += glyph;
    }
    if (value > 0) out += digits[static_cast<std::size_t>(value)];
    return out;
}

} // namespace breathline::text
