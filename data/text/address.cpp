#include "data/text/address.h"

#include "data/text/normalize.h"
#include "data/text/utf8.h"

#include <array>
#include <optional>

namespace breathline::text {

namespace {

using Result = ParseResult<Address>;

bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

// Spellings of town names that people write for the official one.
struct TownAlias {
    std::string_view written;
    std::string_view official;
};
constexpr std::array<TownAlias, 4> town_aliases = {{
    {"雑司ヶ谷", "雑司が谷"},
    {"雑司ケ谷", "雑司が谷"},
    {"雑司ヵ谷", "雑司が谷"},
    {"雑司カ谷", "雑司が谷"},
}};

// Markers of another municipality inside what should be a town name.
constexpr std::array<std::string_view, 6> municipality_markers = {"区", "市", "郡",
                                                                  "村", "県", "府"};

class Cursor {
public:
    explicit Cursor(std::string_view text) : m_text(text) {}

    [[nodiscard]] bool at_end() const { return m_pos >= m_text.size(); }
    [[nodiscard]] std::size_t pos() const { return m_pos; }
    void set_pos(std::size_t pos) { m_pos = pos; }
    [[nodiscard]] std::string_view rest() const { return m_text.substr(m_pos); }

    void skip_spaces() {
        while (!at_end() && m_text[m_pos] == ' ')
            ++m_pos;
    }

    bool consume(std::string_view token) {
        if (!rest().starts_with(token)) return false;
        m_pos += token.size();
        return true;
    }

    // A number in ASCII digits or kanji numerals; nullopt (cursor unchanged) if none.
    std::optional<int> number() {
        const std::size_t start = m_pos;
        int value = 0;
        while (!at_end() && is_ascii_digit(m_text[m_pos])) {
            if (m_pos - start >= 6) { // no block or number in Japan is this long
                m_pos = start;
                return std::nullopt;
            }
            value = value * 10 + (m_text[m_pos] - '0');
            ++m_pos;
        }
        if (m_pos > start) return value;
        const std::size_t end = kanji_run_end(m_pos);
        if (end == start) return std::nullopt;
        const auto parsed = parse_kanji_number(m_text.substr(start, end - start));
        if (!parsed) return std::nullopt;
        m_pos = end;
        return *parsed;
    }

    // End of the run of kanji numerals starting at `pos`.
    [[nodiscard]] std::size_t kanji_run_end(std::size_t pos) const {
        while (const auto decoded = utf8::decode_at(m_text, pos)) {
            if (!is_kanji_numeral(decoded->code_point)) break;
            pos += decoded->length;
        }
        return pos;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

// Where the town name ends: at the first ASCII digit, or at a kanji numeral run followed by
// 丁目, 番 or 号. Kanji numerals elsewhere belong to the name (千川, 千早, 八丁堀).
std::size_t town_end(std::string_view text) {
    const Cursor probe(text);
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (is_ascii_digit(text[pos])) return pos;
        const std::size_t run_end = probe.kanji_run_end(pos);
        if (run_end > pos) {
            const std::string_view after = text.substr(run_end);
            if (after.starts_with("丁目") || after.starts_with("番") || after.starts_with("号")) {
                return pos;
            }
            pos = run_end;
            continue;
        }
        const auto decoded = utf8::decode_at(text, pos);
        pos += decoded ? decoded->length : 1;
    }
    return pos;
}

std::string remove_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c != ' ' && c != '\t') out.push_back(c);
    }
    return out;
}

// Drops separators people put between the numbers and a building name.
std::string clean_rest(std::string_view text) {
    std::string out = trim(text);
    std::string_view view = out;
    while (!view.empty() && (view.front() == '-' || view.front() == ',' || view.front() == ' ')) {
        view.remove_prefix(1);
    }
    return trim(view);
}

Result fail(std::string reason) {
    return Result::failure(std::move(reason));
}

} // namespace

std::string Address::canonical() const {
    std::string out = town;
    std::string numbers;
    if (chome > 0) numbers = std::to_string(chome);
    for (const std::string* part : {&block, &number}) {
        if (part->empty()) break;
        if (!numbers.empty()) numbers += '-';
        numbers += *part;
    }
    return out + numbers;
}

std::string Address::town_key() const {
    if (chome <= 0) return town;
    return town + to_kanji_number(chome) + "丁目";
}

std::string Address::display() const {
    std::string out = prefecture + city + town_key();
    if (!block.empty()) out += block + "番";
    if (!number.empty()) out += number + "号";
    if (!rest.empty()) out += " " + rest;
    return out;
}

ParseResult<Address> normalize_address(std::string_view text) {
    if (const auto bad = utf8::find_invalid(text)) {
        return fail("invalid UTF-8 at byte offset " + std::to_string(*bad));
    }
    const std::string folded = trim(to_halfwidth_ascii(text));
    if (folded.empty()) return fail("empty address");

    Address address;
    Cursor cursor(folded);
    cursor.skip_spaces();
    cursor.consume("東京都");
    cursor.skip_spaces();
    cursor.consume("豊島区");
    cursor.skip_spaces();

    // Town name.
    const std::string_view after_prefix = cursor.rest();
    const std::size_t name_length = town_end(after_prefix);
    std::string town = remove_spaces(after_prefix.substr(0, name_length));
    if (town.empty()) return fail("missing town name in '" + folded + "'");
    for (const std::string_view marker : municipality_markers) {
        if (town.find(marker) != std::string::npos) {
            return fail("address '" + folded + "' is not in 豊島区 (found '" + town + "')");
        }
    }
    for (const TownAlias& alias : town_aliases) {
        if (town == alias.written) town = alias.official;
    }
    address.town = std::move(town);
    cursor.set_pos(cursor.pos() + name_length);
    if (cursor.at_end()) {
        return fail("no chome or block number after town '" + address.town + "' in '" + folded +
                    "'");
    }

    // First number: chome when followed by 丁目 or, in the hyphen form, always (see header).
    const auto first = cursor.number();
    if (!first) return fail("cannot read a number after town '" + address.town + "'");
    cursor.skip_spaces();
    std::optional<int> block;
    bool has_chome = true;
    bool block_marker_seen = false; // 番 already read right after the block number
    if (cursor.consume("丁目")) {
        cursor.skip_spaces();
        cursor.consume("-"); // "3丁目-14-1"
        cursor.skip_spaces();
        block = cursor.number();
    } else if (cursor.consume("番地") || cursor.consume("番")) {
        has_chome = false; // a town without chome: "XX町14番1号"
        block_marker_seen = true;
        block = first;
    } else if (cursor.consume("-")) {
        cursor.skip_spaces();
        block = cursor.number();
    }
    if (has_chome) {
        if (*first < 1 || *first > 99) {
            return fail("chome " + std::to_string(*first) + " out of range (1-99) in '" + folded +
                        "'");
        }
        address.chome = *first;
    }

    if (block) {
        address.block = std::to_string(*block);
        cursor.skip_spaces();
        // Separators between block and number: -, 番, 番地, の and combinations (番地の).
        bool separated = block_marker_seen || cursor.consume("番地") || cursor.consume("番") ||
                         cursor.consume("-");
        separated = cursor.consume("の") || separated;
        cursor.skip_spaces();
        if (separated) {
            if (const auto number = cursor.number()) {
                address.number = std::to_string(*number);
                cursor.skip_spaces();
                cursor.consume("号");
            }
        }
    }
    address.rest = clean_rest(cursor.rest());
    return Result::success(std::move(address));
}

} // namespace breathline::text
