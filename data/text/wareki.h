#pragma once

#include "data/text/parse_result.h"

#include <compare>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace breathline::text {

/// A proleptic Gregorian calendar date. Plain value; use make_date() or parse_date() to get one
/// that is known to be valid (a default-constructed Date is 0000-00-00 and invalid).
struct Date {
    int year = 0;  ///< 1..9999
    int month = 0; ///< 1..12
    int day = 0;   ///< 1..days_in_month(year, month)

    /// ISO 8601 calendar date "YYYY-MM-DD" (zero-padded). Precondition: is_valid_date().
    [[nodiscard]] std::string to_iso() const;

    friend auto operator<=>(const Date&, const Date&) = default;
};

/// Gregorian leap-year rule (divisible by 4, except centuries not divisible by 400).
bool is_leap_year(int year) noexcept;

/// Days in `month` of `year` (28..31), or 0 when `month` is not 1..12.
int days_in_month(int year, int month) noexcept;

/// True when year is 1..9999, month 1..12 and day exists in that month.
bool is_valid_date(int year, int month, int day) noexcept;

/// A validated Date, or a reason such as "month 13 out of range" or "day 29 out of range for
/// 2021-02". Never throws except std::bad_alloc.
ParseResult<Date> make_date(int year, int month, int day);

/// The Japanese eras from the adoption of 一世一元 (one era per emperor).
enum class Era { Meiji, Taisho, Showa, Heisei, Reiwa };

/// Facts about one era. `last_day` is empty for the current era.
struct EraInfo {
    Era era;
    std::string_view name; ///< kanji, e.g. "令和"
    char letter;           ///< upper-case abbreviation, e.g. 'R'
    Date first_day;        ///< Gregorian date of 元年 (year 1) day 1 of the era
    std::optional<Date> last_day;
};

/// All eras, oldest first. 明治 starts on 1868-01-25: the Gregorian date of 明治元年1月1日, because
/// the 1868-10-23 proclamation applied the era retroactively to the start of that year. Dates
/// written before 明治6年 (1873) used the lunisolar calendar; this library does not convert them
/// and reads every month/day as Gregorian, which only matters for dates before 1873.
std::span<const EraInfo> eras() noexcept;

/// Parses a date as written in Japanese registries and forms. Accepted (after full-width →
/// ASCII folding and trimming; whitespace between parts is allowed):
/// - Gregorian: "2021-04-01", "2021/4/1", "2021.4.1", "20210401", "2021年4月1日",
/// "２０２１年４月１日",
///   kanji digits "二〇二一年四月一日". The year must have 4 digits.
/// - 和暦: "令和3年4月1日", "令和元年5月1日" (元年 = year 1), "平成三十一年四月三十日", square era
/// glyphs
///   (㋿ ㍻ ㍼ ㍽ ㍾), and the letters M T S H R in either case: "R3.4.1", "r3.4.1",
///   "R03/04/01", "H31-4-30", "R3年4月1日".
/// The two separators must agree (年…月…[日], or the same one of . / - twice). The date must exist
/// and, for 和暦, lie inside its era (令和1年4月30日 fails with "date before era start ...").
/// Failure reasons start with one of: "empty date", "invalid UTF-8", "unknown era",
/// "missing year", "year", "era year", "missing month", "month", "missing day", "day",
/// "expected", "unexpected text", "date before era start", "date after era end".
/// Never throws except std::bad_alloc.
ParseResult<Date> parse_date(std::string_view text);

/// The date in 和暦, e.g. "令和3年4月1日", "令和元年5月1日" (year 1 written 元年, as on official
/// documents). Returns nullopt for an invalid date or one before 明治 (1868-01-25).
std::optional<std::string> to_wareki(const Date& date);

} // namespace breathline::text
