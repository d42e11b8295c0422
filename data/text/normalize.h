#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace breathline::text {

/// Folds the width variants that Japanese forms mix freely into plain ASCII, so that later
/// parsing only has to know ASCII digits, letters and '-':
/// - full-width ASCII U+FF01..U+FF5E (！..～, incl. ０-９, Ａ-Ｚ, ａ-ｚ, －) → U+0021..U+007E;
/// - ideographic space U+3000 → ' ';
/// - dash look-alikes ‐ ‑ ‒ – — ― − ﹣ (U+2010..U+2015, U+2212, U+FE63) → '-', always: they have no
///   other meaning in the data we import;
/// - the prolonged sound marks ー (U+30FC) and ｰ (U+FF70) → '-' only when the previous output
///   character is an ASCII digit and the next character is a digit (ASCII or full-width), as in
///   "3ー14ー1"; elsewhere (コーポ, ｺｰﾎﾟ) they are kana and stay.
/// Everything else (kana, kanji, half-width katakana, symbols) is copied unchanged.
/// Throws TextError (with the byte offset) when `utf8` is not valid UTF-8.
std::string to_halfwidth_ascii(std::string_view utf8);

/// `utf8` without leading and trailing whitespace: ASCII space, \t, \n, \v, \f, \r and the
/// ideographic space U+3000. Inner whitespace is kept. Does not validate UTF-8. Never throws
/// except std::bad_alloc.
std::string trim(std::string_view utf8);

/// Parses a kanji numeral: positional digits "二〇二一" (= 2021) or the multiplier form with 十,
/// 百 and 千 ("十四" = 14, "九十九" = 99, "二千二十一" = 2021), 0..9999. Also accepts 零 for 〇.
/// Returns nullopt for anything else, including the empty string. Never throws.
std::optional<int> parse_kanji_number(std::string_view utf8);

/// Writes 0..9999 in the multiplier form used in town names: 1 → "一", 10 → "十", 14 → "十四",
/// 99 → "九十九", 0 → "〇". Returns an empty string for values outside 0..9999.
std::string to_kanji_number(int value);

/// True when `code_point` is one of the kanji used by parse_kanji_number().
bool is_kanji_numeral(char32_t code_point) noexcept;

} // namespace breathline::text
