#include "data/text/wareki.h"

#include "data/text/normalize.h"
#include "data/text/utf8.h"

#include <array>
#include <cstdio>

namespace breathline::text {

namespace {

constexpr std::array<EraInfo, 5> era_table = {{
    {Era::Meiji, "明治", 'M', {1868, 1, 25}, Date{1912, 7, 29}},
    {Era::Taisho, "大正", 'T', {1912, 7, 30}, Date{1926, 12, 24}},
    {Era::Showa, "昭和", 'S', {1926, 12, 25}, Date{1989, 1, 7}},
    {Era::Heisei, "平成", 'H', {1989, 1, 8}, Date{2019, 4, 30}},
    {Era::Reiwa, "令和", 'R', {2019, 5, 1}, std::nullopt},
}};

// Single-character era ligatures (U+337B..U+337E, U+32FF) seen in older word-processor output.
struct EraGlyph {
    std::string_view glyph;
    Era era;
};
constexpr std::array<EraGlyph, 5> era_glyphs = {{
    {"㍾", Era::Meiji},
    {"㍽", Era::Taisho},
    {"㍼", Era::Showa},
    {"㍻", Era::Heisei},
    {"㋿", Era::Reiwa},
}};

const EraInfo& info(Era era) {
    return era_table[static_cast<std::size_t>(era)];
}

bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

// A number read from the text: its value and how it was written.
struct NumberToken {
    int value = 0;
    std::size_t ascii_digits = 0; // 0 when written in kanji
    std::string text;
};

// Reads a date after width folding; each step either advances or leaves the position alone.
class Cursor {
public:
    explicit Cursor(std::string_view text) : m_text(text) {}

    [[nodiscard]] bool at_end() const { return m_pos >= m_text.size(); }
    [[nodiscard]] std::string_view rest() const { return m_text.substr(m_pos); }

    void skip_spaces() {
        while (!at_end() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t'))
            ++m_pos;
    }

    bool consume(std::string_view token) {
        if (!rest().starts_with(token)) return false;
        m_pos += token.size();
        return true;
    }

    // ASCII digits, or a run of kanji numerals. Nullopt if neither is at the cursor or the
    // number is absurdly long (kept as an error by the caller).
    std::optional<NumberToken> number() {
        NumberToken token;
        const std::size_t start = m_pos;
        while (!at_end() && is_ascii_digit(m_text[m_pos]))
            ++m_pos;
        if (m_pos > start) {
            token.text = std::string(m_text.substr(start, m_pos - start));
            token.ascii_digits = token.text.size();
            if (token.ascii_digits > 8) {
                m_pos = start;
                return std::nullopt;
            }
            for (const char c : token.text)
                token.value = token.value * 10 + (c - '0');
            return token;
        }
        while (const auto decoded = utf8::decode_at(m_text, m_pos)) {
            if (!is_kanji_numeral(decoded->code_point)) break;
            m_pos += decoded->length;
        }
        if (m_pos == start) return std::nullopt;
        token.text = std::string(m_text.substr(start, m_pos - start));
        const auto value = parse_kanji_number(token.text);
        if (!value) {
            m_pos = start;
            return std::nullopt;
        }
        token.value = *value;
        return token;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

std::string two_digits(int value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d", value);
    return buffer;
}

// Everything before the first digit, kanji numeral or 元: the era designation, if any.
std::string_view era_prefix(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (is_ascii_digit(text[pos]) || text.substr(pos).starts_with("元")) break;
        const auto decoded = utf8::decode_at(text, pos);
        if (!decoded || is_kanji_numeral(decoded->code_point)) break;
        pos += decoded->length;
    }
    return text.substr(0, pos);
}

std::optional<Era> match_era(std::string_view designation) {
    for (const EraInfo& era : era_table) {
        if (designation == era.name) return era.era;
        if (designation.size() == 1 &&
            (designation[0] == era.letter || designation[0] == era.letter - 'A' + 'a')) {
            return era.era;
        }
    }
    for (const EraGlyph& glyph : era_glyphs) {
        if (designation == glyph.glyph) return glyph.era;
    }
    return std::nullopt;
}

ParseResult<Date> fail(std::string reason) {
    return ParseResult<Date>::failure(std::move(reason));
}

} // namespace

std::string Date::to_iso() const {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

bool is_leap_year(int year) noexcept {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) noexcept {
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && is_leap_year(year)) return 29;
    return days[static_cast<std::size_t>(month - 1)];
}

bool is_valid_date(int year, int month, int day) noexcept {
    return year >= 1 && year <= 9999 && day >= 1 && day <= days_in_month(year, month);
}

ParseResult<Date> make_date(int year, int month, int day) {
    if (year < 1 || year > 9999) return fail("year " + std::to_string(year) + " out of range");
    if (month < 1 || month > 12) {
        return fail("month " + std::to_string(month) + " out of range (1-12)");
    }
    if (day < 1 || day > days_in_month(year, month)) {
        return fail("day " + std::to_string(day) + " out of range for " + std::to_string(year) +
                    "-" + two_digits(month) + " (1-" + std::to_string(days_in_month(year, month)) +
                    ")");
    }
    return ParseResult<Date>::success(Date{year, month, day});
}

std::span<const EraInfo> eras() noexcept {
    return era_table;
}

ParseResult<Date> parse_date(std::string_view text) {
    if (const auto bad = utf8::find_invalid(text)) {
        return fail("invalid UTF-8 at byte offset " + std::to_string(*bad));
    }
    const std::string folded = trim(to_halfwidth_ascii(text));
    if (folded.empty()) return fail("empty date");

    // Era designation.
    const std::string designation = trim(era_prefix(folded));
    std::optional<Era> era;
    if (!designation.empty()) {
        era = match_era(designation);
        if (!era) return fail("unknown era '" + designation + "'");
    }
    Cursor cursor(std::string_view(folded).substr(era_prefix(folded).size()));
    cursor.skip_spaces();

    // Year.
    NumberToken year;
    if (cursor.consume("元")) {
        if (!era) return fail("year '元' (first year) needs an era such as 令和元年");
        year.value = 1;
        year.text = "元";
    } else if (auto token = cursor.number()) {
        year = *token;
    } else {
        return fail("missing year in '" + folded + "'");
    }
    cursor.skip_spaces();

    // Compact ISO basic form, 20210401.
    if (!era && year.ascii_digits == 8 && cursor.at_end()) {
        return make_date(year.value / 10000, year.value / 100 % 100, year.value % 100);
    }
    if (!era && year.ascii_digits != 0 && year.ascii_digits != 4) {
        return fail("year '" + year.text + "' must have 4 digits (or give an era, e.g. R3)");
    }
    if (era && year.ascii_digits > 2) {
        return fail("era year '" + year.text + "' out of range");
    }

    // Separator after the year decides the form.
    std::string_view month_marker;
    std::string_view day_marker;
    bool kanji_form = false;
    if (cursor.consume("年")) {
        kanji_form = true;
        month_marker = "月";
    } else {
        for (const std::string_view sep : {".", "/", "-"}) {
            if (cursor.consume(sep)) {
                month_marker = sep;
                break;
            }
        }
        if (month_marker.empty()) {
            if (cursor.at_end()) return fail("missing month after year '" + year.text + "'");
            return fail("expected '年', '/', '-' or '.' after year, found '" +
                        std::string(cursor.rest()) + "'");
        }
    }
    cursor.skip_spaces();

    const auto month = cursor.number();
    if (!month) return fail("missing month in '" + folded + "'");
    cursor.skip_spaces();
    if (!cursor.consume(month_marker)) {
        if (cursor.at_end()) return fail("missing day in '" + folded + "'");
        return fail("expected '" + std::string(month_marker) + "' after month, found '" +
                    std::string(cursor.rest()) + "' (separators must agree)");
    }
    cursor.skip_spaces();

    const auto day = cursor.number();
    if (!day) return fail("missing day in '" + folded + "'");
    cursor.skip_spaces();
    if (kanji_form) {
        day_marker = "日";
        cursor.consume(day_marker); // optional: "2021年4月1" is still unambiguous
        cursor.skip_spaces();
    }
    if (!cursor.at_end()) {
        return fail("unexpected text '" + std::string(cursor.rest()) + "' after date");
    }

    if (!era) return make_date(year.value, month->value, day->value);

    const EraInfo& era_info = info(*era);
    if (year.value < 1) {
        return fail("era year " + std::to_string(year.value) + " out of range (" +
                    std::string(era_info.name) + " starts at 元年 = 1)");
    }
    auto date = make_date(era_info.first_day.year + year.value - 1, month->value, day->value);
    if (!date) return date;
    if (*date < era_info.first_day) {
        return fail("date before era start: " + std::string(era_info.name) + " begins " +
                    era_info.first_day.to_iso() + ", got " + date->to_iso());
    }
    if (era_info.last_day && *date > *era_info.last_day) {
        return fail("date after era end: " + std::string(era_info.name) + " ended " +
                    era_info.last_day->to_iso() + ", got " + date->to_iso());
    }
    return date;
}

std::optional<std::string> to_wareki(const Date& date) {
    if (!is_valid_date(date.year, date.month, date.day)) return std::nullopt;
    const EraInfo* found = nullptr;
    for (const EraInfo& era : era_table) {
        if (date >= era.first_day) found = &era;
    }
    if (found == nullptr) return std::nullopt;
    const int era_year = date.year - found->first_day.year + 1;
    std::string out(found->name);
    out += era_year == 1 ? std::string("元") : std::to_string(era_year);
    out += "年" + std::to_string(date.month) + "月" + std::to_string(date.day) + "日";
    return out;
}

} // namespace breathline::text
