#pragma once

#include "data/text/parse_result.h"

#include <string>
#include <string_view>

namespace breathline::text {

/// A street address in 豊島区 split into the parts the geocoder joins on. All numbers are ASCII
/// decimal without leading zeros; an empty string or 0 means "not given".
struct Address {
    std::string prefecture = "東京都"; ///< always 東京都: the normaliser serves this ward only
    std::string city = "豊島区";       ///< always 豊島区
    std::string town;   ///< 町名 without 丁目, e.g. "巣鴨", "池袋本町", "雑司が谷"
    int chome = 0;      ///< 丁目 1..99, 0 when the address has none
    std::string block;  ///< 番 / 番地, e.g. "14"
    std::string number; ///< 号 (or the number after 番地の), e.g. "1"
    std::string rest;   ///< what follows: building, room ("サンシャイン60 3F")

    /// "巣鴨3-14-1": town, then chome-block-number with ASCII digits and '-', leaving out absent
    /// trailing parts ("巣鴨3-14", "巣鴨3"). Without a chome: "town14-1". `rest` is not included.
    [[nodiscard]] std::string canonical() const;

    /// The key of the Geolonia town table (町丁目 with kanji chome): "巣鴨三丁目"; just the town
    /// when there is no chome.
    [[nodiscard]] std::string town_key() const;

    /// The full address as written on paper plans: "東京都豊島区巣鴨三丁目14番1号" followed by
    /// a space and `rest` if there is one.
    [[nodiscard]] std::string display() const;

    friend bool operator==(const Address&, const Address&) = default;
};

/// Normalises a 豊島区 address typed by a person. Accepts full-width digits and dashes, kanji or
/// ASCII numbers for chome, block and number (三丁目, 十四番), the forms "巣鴨3-14-1",
/// "巣鴨三丁目14番1号", "巣鴨3丁目14-1", "巣鴨3-14-1号", "14番地の1", an optional leading "東京都",
/// "豊島区" or "東京都豊島区" (spaces allowed between), and the town spellings 雑司ヶ谷/雑司ケ谷
/// (→ 雑司が谷). In the all-hyphen form the first number is the chome, because every town of 豊島区
/// has 丁目 ("目白5-24-12" = 目白五丁目24番12号). Whatever follows the numbers (building, room)
/// goes to `rest`, trimmed, with a leading separator removed. Fails with a reason (never throws,
/// except std::bad_alloc) for: invalid UTF-8, empty input, an address in another city or ward, a
/// missing town name, no chome/block number, or a chome out of range 1..99. It does not check that
/// the town exists; join town_key() with the town table.
ParseResult<Address> normalize_address(std::string_view text);

} // namespace breathline::text
