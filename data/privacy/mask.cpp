#include "data/privacy/mask.h"

#include "data/text/address.h"
#include "data/text/utf8.h"
#include "geo/random.h"

#include <cassert>
#include <cmath>
#include <numbers>
#include <optional>
#include <string_view>
#include <vector>

namespace breathline::data::privacy {

namespace {

namespace utf8 = ::breathline::text::utf8;

/// Hepburn initial of one katakana syllable, or 0 when the character cannot start a romanised
/// name part (small kana, long vowel mark, anything not kana). Hiragana is folded to katakana
/// by the caller.
char hepburn_initial(char32_t k) {
    // Hepburn spells シ shi, チ chi, ツ tsu, フ fu, ジ/ヂ ji, ヅ zu: the initial follows the
    // spelling, not the row of the kana table.
    switch (k) {
    case U'ア':
        return 'A';
    case U'イ':
        return 'I';
    case U'ウ':
        return 'U';
    case U'エ':
        return 'E';
    case U'オ':
        return 'O';
    case U'カ':
    case U'キ':
    case U'ク':
    case U'ケ':
    case U'コ':
        return 'K';
    case U'ガ':
    case U'ギ':
    case U'グ':
    case U'ゲ':
    case U'ゴ':
        return 'G';
    case U'サ':
    case U'シ':
    case U'ス':
    case U'セ':
    case U'ソ':
        return 'S';
    case U'ザ':
    case U'ズ':
    case U'ゼ':
    case U'ゾ':
        return 'Z';
    case U'ジ':
    case U'ヂ':
        return 'J';
    case U'タ':
    case U'テ':
    case U'ト':
    case U'ツ':
        return 'T';
    case U'チ':
        return 'C';
    case U'ダ':
    case U'デ':
    case U'ド':
        return 'D';
    case U'ヅ':
        return 'Z';
    case U'ナ':
    case U'ニ':
    case U'ヌ':
    case U'ネ':
    case U'ノ':
    case U'ン':
        return 'N';
    case U'ハ':
    case U'ヒ':
    case U'ヘ':
    case U'ホ':
        return 'H';
    case U'フ':
        return 'F';
    case U'バ':
    case U'ビ':
    case U'ブ':
    case U'ベ':
    case U'ボ':
        return 'B';
    case U'パ':
    case U'ピ':
    case U'プ':
    case U'ペ':
    case U'ポ':
        return 'P';
    case U'マ':
    case U'ミ':
    case U'ム':
    case U'メ':
    case U'モ':
        return 'M';
    case U'ヤ':
    case U'ユ':
    case U'ヨ':
        return 'Y';
    case U'ラ':
    case U'リ':
    case U'ル':
    case U'レ':
    case U'ロ':
        return 'R';
    case U'ワ':
        return 'W';
    case U'ヲ':
        return 'O';
    case U'ヴ':
        return 'V';
    default:
        return 0;
    }
}

bool is_space(char32_t c) {
    return c == U' ' || c == U'\u3000' || c == U'\t';
}

std::vector<char32_t> code_points(std::string_view text) {
    std::vector<char32_t> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto d = utf8::decode_at(text, i);
        if (!d) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        out.push_back(d->code_point);
        i += d->length;
    }
    return out;
}

/// "Y.T." from "ヤマダ タロウ" (or やまだ　たろう); "" when any part does not start with a kana
/// that has a Hepburn initial, so that a half-known name falls back to the registry number.
std::string kana_initials(std::string_view kana) {
    std::string out;
    bool at_start = true;
    for (char32_t c : code_points(kana)) {
        if (is_space(c)) {
            at_start = true;
            continue;
        }
        if (!at_start) continue;
        at_start = false;
        // Hiragana ぁ..ゖ sit exactly 0x60 below their katakana.
        if (c >= U'\u3041' && c <= U'\u3096') c += 0x60;
        const char initial = hepburn_initial(c);
        if (initial == 0) return {};
        out += initial;
        out += '.';
    }
    return out;
}

/// True when any letter of `initials` occurs in `name` (either case): a romanised name would
/// otherwise leak its own letters through the initials.
bool shares_character(const std::string& initials, const std::string& name) {
    for (char c : initials) {
        if (c == '.') continue;
        const char lower = static_cast<char>(c - 'A' + 'a');
        if (name.find(c) != std::string::npos || name.find(lower) != std::string::npos) return true;
    }
    return false;
}

std::string bracketed_id(const std::string& external_id, RowId id) {
    if (!external_id.empty()) return "[" + external_id + "]";
    return "[#" + std::to_string(id) + "]";
}

std::uint64_t direction_hash(const std::string& external_id, RowId id, std::uint64_t seed) {
    // FNV-1a over the registry number (or the row id when there is none), then splitmix64 with
    // the seed, so that neighbouring numbers point in unrelated directions.
    std::uint64_t h = 0xcbf29ce484222325ULL;
    auto eat = [&h](unsigned char b) {
        h ^= b;
        h *= 0x100000001b3ULL;
    };
    if (!external_id.empty()) {
        for (unsigned char b : external_id)
            eat(b);
    } else {
        eat('#');
        for (int i = 0; i < 8; ++i)
            eat(static_cast<unsigned char>(static_cast<std::uint64_t>(id) >> (8 * i)));
    }
    std::uint64_t state = h ^ geo::detail::splitmix64_next(seed);
    return geo::detail::splitmix64_next(state);
}

/// Moves `p` by `distance_m` on the GRS80 ellipsoid along `bearing_rad` (clockwise from north),
/// using the meridional and prime-vertical radii at the mid-latitude: for the ≤ 1 km moves here
/// the error is far below a millimetre, and it needs no PROJ context, so masking stays pure
/// and thread-safe.
geo::LonLat displace(const geo::LonLat& p, double distance_m, double bearing_rad) {
    constexpr double a = 6378137.0;
    constexpr double f = 1.0 / 298.257222101;
    constexpr double e2 = f * (2 - f);
    const double dn = distance_m * std::cos(bearing_rad);
    const double de = distance_m * std::sin(bearing_rad);
    constexpr double deg = 180.0 / std::numbers::pi;
    double lat_mid = p.lat() / deg;
    double dlat = 0, dlon = 0;
    for (int i = 0; i < 2; ++i) {
        const double s = std::sin(lat_mid);
        const double w = std::sqrt(1 - e2 * s * s);
        const double m = a * (1 - e2) / (w * w * w);
        const double n = a / w;
        dlat = dn / m;
        dlon = de / (n * std::cos(lat_mid));
        lat_mid = p.lat() / deg + dlat / 2;
    }
    return geo::LonLat(p.lon() + dlon * deg, p.lat() + dlat * deg);
}

std::optional<geo::LonLat> displaced(const std::optional<geo::LonLat>& location,
                                     const std::string& external_id, RowId id,
                                     const MaskOptions& options) {
    if (!location || options.displace_m <= 0) return location;
    const std::uint64_t h = direction_hash(external_id, id, options.seed);
    const double unit = static_cast<double>(h >> 11) * 0x1.0p-53; // [0, 1)
    return displace(*location, options.displace_m, unit * 2 * std::numbers::pi);
}

/// The 町丁目 of a person: the stored town, else the town of the parsed address; "" when neither
/// is known (then no part of the street address may be shown).
std::string town_of(const Person& p) {
    if (!p.town.empty()) return p.town;
    for (const std::string* a : {&p.address_normalized, &p.address}) {
        if (a->empty()) continue;
        auto parsed = ::breathline::text::normalize_address(*a);
        if (parsed) return parsed.value().town_key();
    }
    return {};
}

} // namespace

std::string masked_name(const Person& person, NameStyle style) {
    const std::string id = bracketed_id(person.external_id, person.id);
    if (style == NameStyle::initials) {
        const std::string initials = kana_initials(person.name_kana);
        if (!initials.empty() && !shares_character(initials, person.name))
            return initials + " " + id;
    }
    return id;
}

Person mask_person(const Person& person, const MaskOptions& options) {
    assert(options.displace_m >= 0);
    Person m = person;
    m.name = masked_name(person, options.names);
    m.name_kana.clear();
    m.birth_date.reset();
    m.postal_code.clear();
    const std::string town = town_of(person);
    m.town = town;
    m.address = town;
    m.address_normalized = town;
    m.phone_home.clear();
    m.phone_mobile.clear();
    // Free text can name the family or neighbours; none of it is needed to run a drill.
    m.notes.clear();
    m.disaster_concerns.clear();
    m.svc_other.clear();
    m.consent_signed_by.clear();
    m.location = displaced(person.location, person.external_id, person.id, options);
    return m;
}

Supporter mask_supporter(const Supporter& supporter, const MaskOptions& options) {
    assert(options.displace_m >= 0);
    Supporter m = supporter;
    m.name = bracketed_id(supporter.external_id, supporter.id);
    m.name_kana.clear();
    m.phone.clear();
    m.address.clear();
    m.notes.clear();
    m.location = displaced(supporter.location, supporter.external_id, supporter.id, options);
    return m;
}

Contact mask_contact(const Contact& contact) {
    Contact m = contact;
    m.name.clear();
    m.phone.clear();
    m.fax.clear();
    // Notes on a contact are free text ("長男 太郎さん経由") and may name someone.
    m.notes.clear();
    return m;
}

bool contains_name(const std::string& text, const std::string& name) {
    if (name.empty()) return false;
    if (text.find(name) != std::string::npos) return true;
    const std::vector<char32_t> cps = code_points(name);
    std::size_t letters = 0;
    for (char32_t c : cps)
        if (!is_space(c)) ++letters;
    if (letters < 2) return false;
    // The same name written with no space, an ASCII space or a full-width space between its
    // parts (runs of spaces count as one).
    std::string joined, ascii, wide;
    bool pending_space = false;
    for (char32_t c : cps) {
        if (is_space(c)) {
            pending_space = !joined.empty();
            continue;
        }
        if (pending_space) {
            ascii += ' ';
            wide += "\u3000";
            pending_space = false;
        }
        utf8::append(joined, c);
        utf8::append(ascii, c);
        utf8::append(wide, c);
    }
    for (const std::string* v : {&joined, &ascii, &wide})
        if (text.find(*v) != std::string::npos) return true;
    return false;
}

} // namespace breathline::data::privacy
