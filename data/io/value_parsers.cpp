#include "data/io/value_parsers.h"

#include "data/text/encoding.h"
#include "data/text/normalize.h"
#include "data/text/wareki.h"

#include <array>
#include <charconv>
#include <cmath>

namespace breathline::data {

namespace {

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// Folded, trimmed, ASCII-lower-cased and without any spaces: the form in which the
// spelling tables below are compared ("有 (8時間)" and "有(8時間)" are the same answer).
std::string key_of(std::string_view text) {
    std::string folded = lower_ascii(fold_cell(text));
    std::string out;
    out.reserve(folded.size());
    for (char c : folded)
        if (c != ' ' && c != '\t') out += c;
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Parses the whole of `s` as a finite decimal number (optional leading '-').
std::optional<double> to_double(std::string_view s) {
    if (s.empty()) return std::nullopt;
    double v = 0;
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, v);
    if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
    return v;
}

template <typename E> struct Spelling {
    std::string_view text; // as produced by key_of()
    E value;
};

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<Spelling<E>, N>& table, const std::string& key) {
    for (const auto& s : table)
        if (s.text == key) return s.value;
    return std::nullopt;
}

// Shortest text of a limit for messages: 24, 200, 0.5.
std::string format_limit(double v) {
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

std::string quoted(std::string_view text) {
    return "'" + std::string(text) + "'";
}

// Removes the first occurrence of each word in `words` from `s`.
void erase_words(std::string& s, std::initializer_list<std::string_view> words) {
    for (auto w : words) {
        const auto pos = s.find(w);
        if (pos != std::string::npos) s.erase(pos, w.size());
    }
}

// "8時間", "8h", "8hours", "8" → "8": removes one trailing unit.
std::string strip_hour_unit(std::string s) {
    for (std::string_view unit : {"時間", "hours", "hour", "hrs", "hr", "h"}) {
        if (ends_with(s, unit)) {
            s.erase(s.size() - unit.size());
            break;
        }
    }
    return s;
}

} // namespace

std::string fold_cell(std::string_view text) {
    try {
        return text::trim(text::to_halfwidth_ascii(text));
    } catch (const text::TextError&) {
        return text::trim(text);
    }
}

bool is_blank(std::string_view text) {
    return fold_cell(text).empty();
}

ValueResult<bool> parse_bool_value(std::string_view text) {
    static constexpr std::array<Spelling<bool>, 26> k{{
        {"有", true},    {"有り", true},   {"あり", true}, {"○", true},       {"〇", true},
        {"◯", true},     {"はい", true},   {"yes", true},  {"y", true},       {"true", true},
        {"1", true},     {"済", true},     {"レ", true},   {"無", false},     {"無し", false},
        {"なし", false}, {"×", false},     {"x", false},   {"いいえ", false}, {"no", false},
        {"n", false},    {"false", false}, {"0", false},   {"未", false},     {"-", false},
        {"✓", true},
    }};
    const std::string key = key_of(text);
    if (auto v = lookup(k, key)) return ValueResult<bool>::ok(*v);
    return ValueResult<bool>::fail(
        quoted(text) + " は有無として読めません (有/無, あり/なし, ○/×, はい/いいえ, 1/0)",
        quoted(text) + " is not a yes/no value (有/無, あり/なし, ○/×, はい/いいえ, yes/no, "
                       "true/false, 1/0)");
}

ValueResult<Sex> parse_sex_value(std::string_view text) {
    static constexpr std::array<Spelling<Sex>, 14> k{{
        {"男", Sex::male},
        {"男性", Sex::male},
        {"male", Sex::male},
        {"m", Sex::male},
        {"女", Sex::female},
        {"女性", Sex::female},
        {"female", Sex::female},
        {"f", Sex::female},
        {"その他", Sex::other},
        {"other", Sex::other},
        {"不明", Sex::unknown},
        {"unknown", Sex::unknown},
        {"未回答", Sex::unknown},
        {"無回答", Sex::unknown},
    }};
    if (auto v = lookup(k, key_of(text))) return ValueResult<Sex>::ok(*v);
    return ValueResult<Sex>::fail(quoted(text) + " は性別として不明です (男/女/その他/不明)",
                                  quoted(text) +
                                      " is not a sex (男/女, male/female, M/F, other, unknown)");
}

ValueResult<VentilatorMode> parse_ventilator_mode_value(std::string_view text) {
    std::string key = key_of(text);
    // The form prints the explanation next to each choice: "TPPV (気管切開)".
    const auto paren = key.find('(');
    std::string head = paren == std::string::npos ? key : key.substr(0, paren);
    static constexpr std::array<Spelling<VentilatorMode>, 7> k{{
        {"tppv", VentilatorMode::tppv},
        {"気管切開", VentilatorMode::tppv},
        {"気管切開(tppv)", VentilatorMode::tppv},
        {"nppv", VentilatorMode::nppv},
        {"マスク", VentilatorMode::nppv},
        {"マスク使用", VentilatorMode::nppv},
        {"マスク(nppv)", VentilatorMode::nppv},
    }};
    if (auto v = lookup(k, key)) return ValueResult<VentilatorMode>::ok(*v);
    if (!head.empty())
        if (auto v = lookup(k, head)) return ValueResult<VentilatorMode>::ok(*v);
    return ValueResult<VentilatorMode>::fail(
        quoted(text) + " は呼吸器の方式として不明です (TPPV/気管切開 または NPPV/マスク)",
        quoted(text) + " is not a ventilator mode (TPPV/気管切開 or NPPV/マスク)");
}

ValueResult<double> parse_hours_value(std::string_view text, double max_h) {
    std::string key = key_of(text);
    // "その他 (12時間)" on the form: the choice word and brackets carry no number.
    erase_words(key, {"その他", "終日"});
    if (key == "24時間" || key == "24h") key = "24";
    while (!key.empty() && (key.front() == '(' || key.front() == ':'))
        key.erase(0, 1);
    if (!key.empty() && key.back() == ')') key.pop_back();
    key = strip_hour_unit(key);
    const auto v = to_double(key);
    if (!v)
        return ValueResult<double>::fail(
            quoted(text) + " は時間数として読めません (例: 24, 8時間, 8h)",
            quoted(text) + " is not a number of hours (e.g. 24, 8時間, 8h)");
    if (*v < 0)
        return ValueResult<double>::fail(quoted(text) + ": 時間数が負です",
                                         quoted(text) + ": hours must not be negative");
    if (*v > max_h)
        return ValueResult<double>::fail(
            quoted(text) + ": " + format_limit(max_h) + " 時間を超える値は不自然です",
            quoted(text) + ": more than " + format_limit(max_h) + " hours is implausible");
    return ValueResult<double>::ok(*v);
}

ValueResult<BatteryValue> parse_battery_value(std::string_view text) {
    std::string key = key_of(text);
    auto fail_text = [&] {
        return ValueResult<BatteryValue>::fail(
            quoted(text) + " はバッテリーの記載として読めません (有(8時間), 有, 無, 8h)",
            quoted(text) + " is not a battery entry (有(8時間), 有, 無, 8h, yes/no)");
    };
    if (key == "1" || key == "0") return ValueResult<BatteryValue>::ok({key == "1", std::nullopt});
    // Presence word first, then an optional "(n時間)".
    std::optional<bool> presence;
    for (auto [word, value] : {std::pair<std::string_view, bool>{"有り", true},
                               {"あり", true},
                               {"有", true},
                               {"yes", true},
                               {"無し", false},
                               {"なし", false},
                               {"無", false},
                               {"no", false}}) {
        if (starts_with(key, word)) {
            presence = value;
            key.erase(0, word.size());
            break;
        }
    }
    if (presence && key.empty()) return ValueResult<BatteryValue>::ok({*presence, std::nullopt});
    if (!key.empty() && key.front() == '(' && key.back() == ')')
        key = key.substr(1, key.size() - 2);
    if (key.empty()) return fail_text();
    const std::string hours_text = strip_hour_unit(key);
    const auto hours = to_double(hours_text);
    if (!hours) return fail_text();
    if (*hours < 0)
        return ValueResult<BatteryValue>::fail(quoted(text) + ": バッテリー時間が負です",
                                               quoted(text) +
                                                   ": battery hours must not be negative");
    if (*hours > k_max_battery_h)
        return ValueResult<BatteryValue>::fail(
            quoted(text) + ": バッテリー時間 " + format_limit(k_max_battery_h) +
                " 時間超は不自然です",
            quoted(text) + ": a battery time above " + format_limit(k_max_battery_h) +
                " hours is implausible");
    if (presence == false && *hours > 0)
        return ValueResult<BatteryValue>::fail(quoted(text) + ": 「無」なのに時間が書かれています",
                                               quoted(text) + ": says none (無) but gives hours");
    return ValueResult<BatteryValue>::ok({presence.value_or(*hours > 0), *hours});
}

ValueResult<TubeFeeding> parse_tube_feeding_value(std::string_view text) {
    std::string key = key_of(text);
    if (starts_with(key, "経管栄養(") && key.back() == ')')
        key = key.substr(std::string_view("経管栄養(").size(),
                         key.size() - std::string_view("経管栄養(").size() - 1);
    static constexpr std::array<Spelling<TubeFeeding>, 14> k{{
        {"胃ろう", TubeFeeding::gastrostomy},
        {"胃瘻", TubeFeeding::gastrostomy},
        {"胃ロウ", TubeFeeding::gastrostomy},
        {"gastrostomy", TubeFeeding::gastrostomy},
        {"経鼻", TubeFeeding::nasal},
        {"nasal", TubeFeeding::nasal},
        {"その他", TubeFeeding::other},
        {"other", TubeFeeding::other},
        {"経管栄養", TubeFeeding::other},
        {"なし", TubeFeeding::none},
        {"無", TubeFeeding::none},
        {"無し", TubeFeeding::none},
        {"none", TubeFeeding::none},
        {"0", TubeFeeding::none},
    }};
    if (auto v = lookup(k, key)) return ValueResult<TubeFeeding>::ok(*v);
    return ValueResult<TubeFeeding>::fail(
        quoted(text) + " は経管栄養の種類として不明です (胃ろう/経鼻/その他/なし)",
        quoted(text) + " is not a tube-feeding kind (胃ろう/gastrostomy, 経鼻/nasal, "
                       "その他/other, なし/none)");
}

ValueResult<OtherDevices> parse_other_devices_value(std::string_view text) {
    const std::string folded = fold_cell(text);
    std::vector<std::string> items;
    std::string current;
    int depth = 0;
    for (std::size_t i = 0; i < folded.size();) {
        // Separators: ・ (U+30FB), 、 (U+3001), ･ (U+FF65), ',', ';', '/', ' '.
        const std::string_view rest(folded.data() + i, folded.size() - i);
        std::size_t sep = 0;
        if (starts_with(rest, "・") || starts_with(rest, "、") || starts_with(rest, "･"))
            sep = 3;
        else if (rest[0] == ',' || rest[0] == ';' || rest[0] == '/' || rest[0] == ' ')
            sep = 1;
        if (rest[0] == '(') ++depth;
        if (rest[0] == ')' && depth > 0) --depth;
        if (sep > 0 && depth == 0) {
            if (!current.empty()) items.push_back(current);
            current.clear();
            i += sep;
            continue;
        }
        current += rest.substr(0, sep > 0 ? sep : 1);
        i += sep > 0 ? sep : 1;
    }
    if (!current.empty()) items.push_back(current);

    OtherDevices d;
    for (const auto& item : items) {
        const std::string key = key_of(item);
        if (key == "在宅酸素" || key == "在宅酸素療法" || key == "hot" || key == "home_oxygen")
            d.home_oxygen = true;
        else if (key == "輸液ポンプ" || key == "infusion_pump")
            d.infusion_pump = true;
        else if (key == "パルスオキシメーター" || key == "パルスオキシメータ" ||
                 key == "pulse_oximeter")
            d.pulse_oximeter = true;
        else if (key == "低圧持続吸引機" || key == "低圧持続吸引器" ||
                 key == "low_pressure_suction")
            d.low_pressure_suction = true;
        else if (key == "吸入器" || key == "inhaler")
            d.inhaler = true;
        else if (key == "排痰補助装置" || key == "cough_assist")
            d.cough_assist = true;
        else if (key == "エアマット" || key == "エアマットレス" || key == "air_mattress")
            d.air_mattress = true;
        else if (auto tube = parse_tube_feeding_value(item);
                 tube && *tube.value != TubeFeeding::none)
            d.tube_feeding = *tube.value;
        else
            return ValueResult<OtherDevices>::fail(
                quoted(item) +
                    " は医療機器として不明です (在宅酸素・輸液ポンプ・パルスオキシメーター・"
                    "低圧持続吸引機・吸入器・経管栄養(胃ろう/経鼻/"
                    "その他)・排痰補助装置・エアマット)",
                quoted(item) +
                    " is not a known device (在宅酸素, 輸液ポンプ, パルスオキシメーター, "
                    "低圧持続吸引機, 吸入器, 経管栄養(胃ろう/経鼻/その他), 排痰補助装置, "
                    "エアマット)");
    }
    return ValueResult<OtherDevices>::ok(d);
}

ValueResult<std::string> parse_date_value(std::string_view text) {
    const auto parsed = text::parse_date(text);
    if (!parsed)
        return ValueResult<std::string>::fail(
            quoted(text) + " は日付として読めません: " + parsed.error() +
                " (例: 令和3年4月1日, R3.4.1, 2021-04-01)",
            quoted(text) + " is not a valid date: " + parsed.error() +
                " (e.g. 令和3年4月1日, R3.4.1, 2021-04-01)");
    if (parsed->year < 1900)
        return ValueResult<std::string>::fail(quoted(text) + ": 1900年より前の日付は不自然です",
                                              quoted(text) + ": a date before 1900 is implausible");
    return ValueResult<std::string>::ok(parsed->to_iso());
}

ValueResult<double> parse_number_value(std::string_view text, double min, double max) {
    const std::string key = key_of(text);
    const auto v = to_double(key);
    if (!v)
        return ValueResult<double>::fail(quoted(text) + " は数値ではありません",
                                         quoted(text) + " is not a number");
    if (*v < min || *v > max)
        return ValueResult<double>::fail(quoted(text) + ": " + format_limit(min) + " 以上 " +
                                             format_limit(max) + " 以下である必要があります",
                                         quoted(text) + ": must lie between " + format_limit(min) +
                                             " and " + format_limit(max));
    return ValueResult<double>::ok(*v);
}

ValueResult<int> parse_int_value(std::string_view text, int min, int max,
                                 std::initializer_list<std::string_view> suffixes) {
    std::string key = key_of(text);
    for (auto s : suffixes)
        if (ends_with(key, s)) {
            key.erase(key.size() - s.size());
            break;
        }
    int v = 0;
    const char* end = key.data() + key.size();
    auto [ptr, ec] = std::from_chars(key.data(), end, v);
    if (key.empty() || ec != std::errc() || ptr != end)
        return ValueResult<int>::fail(quoted(text) + " は整数ではありません",
                                      quoted(text) + " is not a whole number");
    if (v < min || v > max)
        return ValueResult<int>::fail(quoted(text) + ": " + std::to_string(min) + " 以上 " +
                                          std::to_string(max) + " 以下である必要があります",
                                      quoted(text) + ": must lie between " + std::to_string(min) +
                                          " and " + std::to_string(max));
    return ValueResult<int>::ok(v);
}

bool inside_japan(double lon, double lat) {
    return lon >= 122.0 && lon <= 154.0 && lat >= 20.0 && lat <= 46.0;
}

ValueResult<std::pair<double, double>> parse_lon_lat_value(std::string_view lon_text,
                                                           std::string_view lat_text) {
    using R = ValueResult<std::pair<double, double>>;
    const auto lon = to_double(key_of(lon_text));
    if (!lon)
        return R::fail("経度 " + quoted(lon_text) + " は数値ではありません",
                       "longitude " + quoted(lon_text) + " is not a number");
    const auto lat = to_double(key_of(lat_text));
    if (!lat)
        return R::fail("緯度 " + quoted(lat_text) + " は数値ではありません",
                       "latitude " + quoted(lat_text) + " is not a number");
    // Swapped columns are the commonest mistake: say so rather than "out of range".
    if (!inside_japan(*lon, *lat) && inside_japan(*lat, *lon))
        return R::fail("経度 " + quoted(lon_text) + " と緯度 " + quoted(lat_text) +
                           " が入れ替わっているようです",
                       "longitude " + quoted(lon_text) + " and latitude " + quoted(lat_text) +
                           " seem to be swapped");
    if (*lon < -180 || *lon > 180)
        return R::fail("経度 " + quoted(lon_text) + " は範囲外です (-180〜180)",
                       "longitude " + quoted(lon_text) + " is out of range (-180..180)");
    if (*lat < -90 || *lat > 90)
        return R::fail("緯度 " + quoted(lat_text) + " は範囲外です (-90〜90)",
                       "latitude " + quoted(lat_text) + " is out of range (-90..90)");
    if (!inside_japan(*lon, *lat))
        return R::fail(
            "経度 " + quoted(lon_text) + ", 緯度 " + quoted(lat_text) + " は日本の範囲外です",
            "lon " + quoted(lon_text) + ", lat " + quoted(lat_text) + " lies outside Japan");
    return R::ok({*lon, *lat});
}

ValueResult<FacilityKind> parse_facility_kind_value(std::string_view text) {
    const std::string key = key_of(text);
    if (auto v = parse_enum<FacilityKind>(key)) return ValueResult<FacilityKind>::ok(*v);
    for (auto kind : {FacilityKind::rescue_centre, FacilityKind::welfare_rescue_centre,
                      FacilityKind::triage_point, FacilityKind::disaster_base_hospital,
                      FacilityKind::disaster_cooperating_hospital, FacilityKind::health_centre}) {
        if (key == key_of(label_ja(kind)) || key == key_of(label_en(kind)))
            return ValueResult<FacilityKind>::ok(kind);
    }
    if (key == "緊急医療救護所" || key == "災害拠点連携病院")
        return ValueResult<FacilityKind>::ok(key == "緊急医療救護所"
                                                 ? FacilityKind::triage_point
                                                 : FacilityKind::disaster_cooperating_hospital);
    return ValueResult<FacilityKind>::fail(
        quoted(text) + " は施設種別として不明です (救援センター, 福祉救援センター, トリアージ場所, "
                       "災害拠点病院, 災害拠点連携病院等, 保健所)",
        quoted(text) + " is not a facility kind (rescue_centre, welfare_rescue_centre, "
                       "triage_point, disaster_base_hospital, disaster_cooperating_hospital, "
                       "health_centre, or the Japanese label)");
}

ValueResult<FacilityStatus> parse_facility_status_value(std::string_view text) {
    static constexpr std::array<Spelling<FacilityStatus>, 6> k{{
        {"通常", FacilityStatus::normal},
        {"開設", FacilityStatus::open},
        {"満員", FacilityStatus::full},
        {"閉鎖", FacilityStatus::closed},
        {"被災", FacilityStatus::damaged},
        {"不明", FacilityStatus::unknown},
    }};
    const std::string key = key_of(text);
    if (auto v = parse_enum<FacilityStatus>(key)) return ValueResult<FacilityStatus>::ok(*v);
    if (auto v = lookup(k, key)) return ValueResult<FacilityStatus>::ok(*v);
    return ValueResult<FacilityStatus>::fail(
        quoted(text) + " は施設の状態として不明です (通常/開設/満員/閉鎖/被災/不明)",
        quoted(text) + " is not a facility status (normal, open, full, closed, damaged, unknown)");
}

ValueResult<FacilityPower> parse_facility_power_value(std::string_view text) {
    static constexpr std::array<Spelling<FacilityPower>, 6> k{{
        {"商用電源", FacilityPower::grid},
        {"系統", FacilityPower::grid},
        {"通電", FacilityPower::grid},
        {"発電機", FacilityPower::generator},
        {"自家発電", FacilityPower::generator},
        {"なし", FacilityPower::none},
    }};
    const std::string key = key_of(text);
    if (auto v = parse_enum<FacilityPower>(key)) return ValueResult<FacilityPower>::ok(*v);
    if (auto v = lookup(k, key)) return ValueResult<FacilityPower>::ok(*v);
    if (key == "無" || key == "停電") return ValueResult<FacilityPower>::ok(FacilityPower::none);
    return ValueResult<FacilityPower>::fail(
        quoted(text) + " は電源として不明です (商用電源/発電機/なし)",
        quoted(text) + " is not a power state (grid, generator, none)");
}

ValueResult<PersonStatus> parse_person_status_value(std::string_view text) {
    static constexpr std::array<Spelling<PersonStatus>, 6> k{{
        {"在宅", PersonStatus::active},
        {"有効", PersonStatus::active},
        {"入院", PersonStatus::hospitalised},
        {"転出", PersonStatus::moved},
        {"死亡", PersonStatus::deceased},
        {"終了", PersonStatus::inactive},
    }};
    const std::string key = key_of(text);
    if (auto v = parse_enum<PersonStatus>(key)) return ValueResult<PersonStatus>::ok(*v);
    if (auto v = lookup(k, key)) return ValueResult<PersonStatus>::ok(*v);
    return ValueResult<PersonStatus>::fail(
        quoted(text) + " は状態として不明です (在宅/入院/転出/死亡/終了)",
        quoted(text) + " is not a person status (active, hospitalised, moved, deceased, inactive)");
}

ValueResult<SupporterKind> parse_supporter_kind_value(std::string_view text) {
    static constexpr std::array<Spelling<SupporterKind>, 10> k{{
        {"家族", SupporterKind::family},
        {"近隣住民", SupporterKind::neighbour},
        {"近所", SupporterKind::neighbour},
        {"近隣", SupporterKind::neighbour},
        {"民生委員", SupporterKind::minsei_iin},
        {"町会", SupporterKind::chokai},
        {"町会役員", SupporterKind::chokai},
        {"訪問看護", SupporterKind::visiting_nurse},
        {"区職員", SupporterKind::ward_staff},
        {"その他", SupporterKind::other},
    }};
    const std::string key = key_of(text);
    if (auto v = parse_enum<SupporterKind>(key)) return ValueResult<SupporterKind>::ok(*v);
    if (auto v = lookup(k, key)) return ValueResult<SupporterKind>::ok(*v);
    return ValueResult<SupporterKind>::fail(
        quoted(text) + " は支援者の区分として不明です (家族/近隣住民/民生委員/町会/訪問看護/"
                       "区職員/その他)",
        quoted(text) + " is not a supporter kind (family, neighbour, minsei_iin, chokai, "
                       "visiting_nurse, ward_staff, other)");
}

ValueResult<TravelMode> parse_travel_mode_value(std::string_view text) {
    static constexpr std::array<Spelling<TravelMode>, 5> k{{
        {"walk", TravelMode::walk},
        {"徒歩", TravelMode::walk},
        {"car", TravelMode::car},
        {"車", TravelMode::car},
        {"自動車", TravelMode::car},
    }};
    if (auto v = lookup(k, key_of(text))) return ValueResult<TravelMode>::ok(*v);
    return ValueResult<TravelMode>::fail(quoted(text) + " は移動手段として不明です (徒歩/車)",
                                         quoted(text) +
                                             " is not a travel mode (walk/徒歩, car/車)");
}

std::vector<std::string> split_id_list(std::string_view text) {
    const std::string folded = fold_cell(text);
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        std::string t = text::trim(current);
        if (!t.empty()) out.push_back(std::move(t));
        current.clear();
    };
    for (std::size_t i = 0; i < folded.size();) {
        const std::string_view rest(folded.data() + i, folded.size() - i);
        if (starts_with(rest, "、") || starts_with(rest, "；")) {
            flush();
            i += 3;
        } else if (rest[0] == ';' || rest[0] == ',' || rest[0] == ' ') {
            flush();
            ++i;
        } else {
            current += rest[0];
            ++i;
        }
    }
    flush();
    return out;
}

} // namespace breathline::data
