#pragma once
/// Pure parsers for the cell values of registry imports (forms 第1号/第2号/第3号 and the
/// facility catalogue). Each takes the text of one cell and returns either a value or a reason
/// in Japanese and English that the importer puts into its row report. No database, no I/O:
/// these are unit-tested on their own.
///
/// Every parser first folds full-width ASCII to half-width (text::to_halfwidth_ascii) and trims,
/// so "８ｈ", "ＴＰＰＶ" and "　有　" read like "8h", "TPPV" and "有". An empty cell is *not* a
/// value: callers check blank cells first (a blank cell clears the field), and the parsers
/// return a failure for it. All functions are thread-safe and never throw except std::bad_alloc.

#include "data/model/enums.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace breathline::data {

/// A parsed value, or the reason it could not be parsed (both languages filled on failure).
template <typename T> struct ValueResult {
    std::optional<T> value;
    std::string reason_ja;
    std::string reason_en;

    explicit operator bool() const { return value.has_value(); }
    static ValueResult ok(T v) { return {std::move(v), {}, {}}; }
    static ValueResult fail(std::string ja, std::string en) {
        return {std::nullopt, std::move(ja), std::move(en)};
    }
};

/// `text` folded to half-width ASCII and trimmed; invalid UTF-8 is returned unchanged (trimmed).
std::string fold_cell(std::string_view text);

/// True when the cell is empty after folding and trimming.
bool is_blank(std::string_view text);

/// Boolean in any spelling the forms and spreadsheets use: 有/無, あり/なし/有り/無し, ○/〇/×,
/// はい/いいえ, yes/no, y/n, true/false, 1/0 (case-insensitive).
ValueResult<bool> parse_bool_value(std::string_view text);

/// Sex: 男/男性/male/M, 女/女性/female/F, その他/other, 不明/unknown (case-insensitive).
ValueResult<Sex> parse_sex_value(std::string_view text);

/// Ventilator mode: TPPV/気管切開 → tppv, NPPV/マスク/マスク使用 → nppv (case-insensitive;
/// a parenthesised note as on the form, "TPPV(気管切開)", is accepted).
ValueResult<VentilatorMode> parse_ventilator_mode_value(std::string_view text);

/// A number of hours: "8", "8.5", "8時間", "8h", "８ｈ", "24時間", "その他 12時間", "その他(12)".
/// Fails for a negative value, for a value above `max_h` ("implausible"), and for text that is
/// not a number of hours. Precondition: max_h >= 0.
ValueResult<double> parse_hours_value(std::string_view text, double max_h);

/// 内部バッテリー / 外部バッテリー as written on the form: presence and, when given, hours.
struct BatteryValue {
    bool present = false;
    std::optional<double> hours; ///< hours of runtime, 0..200
    bool operator==(const BatteryValue&) const = default;
};

/// Upper bound for a battery's runtime in hours; anything above is a typing error.
inline constexpr double k_max_battery_h = 200.0;

/// Battery: a boolean ("有", "無", "1", "0" ...), presence with hours ("有(8時間)", "有 8h"),
/// or hours alone ("8h", "8時間", "8", "０"): hours alone mean present when above 0. A bare "1"
/// or "0" is the boolean (that is how exports write the presence column). "無" with hours is a
/// contradiction and fails. Hours must lie in 0..k_max_battery_h.
ValueResult<BatteryValue> parse_battery_value(std::string_view text);

/// Tube feeding: 胃ろう/胃瘻/gastrostomy, 経鼻/nasal, その他/other, なし/無/none; also
/// "経管栄養(胃ろう)" as written on the form, and a plain 経管栄養 (= other).
ValueResult<TubeFeeding> parse_tube_feeding_value(std::string_view text);

/// The devices ticked under その他医療機器等 on forms 第1号/第2号.
struct OtherDevices {
    bool home_oxygen = false;
    bool infusion_pump = false;
    bool pulse_oximeter = false;
    bool low_pressure_suction = false;
    bool inhaler = false;
    std::optional<TubeFeeding> tube_feeding;
    bool cough_assist = false;
    bool air_mattress = false;
    bool operator==(const OtherDevices&) const = default;
};

/// A list of devices separated by ・ 、 , ; / or spaces (separators inside parentheses do not
/// split): 在宅酸素, 輸液ポンプ, パルスオキシメーター, 低圧持続吸引機, 吸入器,
/// 経管栄養(胃ろう|経鼻|その他), 胃ろう, 経鼻, 排痰補助装置, エアマット. Fails naming the first
/// unknown item.
ValueResult<OtherDevices> parse_other_devices_value(std::string_view text);

/// A calendar date as ISO "YYYY-MM-DD": Gregorian or 和暦 (令和3年4月1日, 令和元年5月1日,
/// R3.4.1, H31/4/30) through text::parse_date, with its reason on failure. Dates before
/// 1900-01-01 are rejected as implausible for a living registry.
ValueResult<std::string> parse_date_value(std::string_view text);

/// A decimal number in [min, max] (half-width folded; "," thousands separators are not
/// accepted). The reason says whether it was not a number, negative or out of range.
ValueResult<double> parse_number_value(std::string_view text, double min, double max);

/// An integer in [min, max]; a trailing unit suffix in `suffixes` is removed first ("2級",
/// "300人").
ValueResult<int> parse_int_value(std::string_view text, int min, int max,
                                 std::initializer_list<std::string_view> suffixes = {});

/// Longitude/latitude in degrees (EPSG:4326). Fails when either is not a number, out of range
/// (lon ±180, lat ±90), or outside Japan (lon 122..154, lat 20..46). `which` in the result is
/// not used; the reason names longitude or latitude.
ValueResult<std::pair<double, double>> parse_lon_lat_value(std::string_view lon,
                                                           std::string_view lat);

/// True when the point lies in the rough box around Japan used by parse_lon_lat_value().
bool inside_japan(double lon, double lat);

/// Facility kind: the database spelling (rescue_centre ...), the Japanese label (救援センター,
/// 福祉救援センター, トリアージ場所/緊急医療救護所, 災害拠点病院, 災害拠点連携病院(等), 保健所)
/// or the English label.
ValueResult<FacilityKind> parse_facility_kind_value(std::string_view text);

/// Facility status: database spelling or 通常/開設/満員/閉鎖/被災/不明.
ValueResult<FacilityStatus> parse_facility_status_value(std::string_view text);

/// Facility power (facility status board): database spelling (grid/generator/none) or
/// 商用電源/系統/通電/発電機/自家発電/なし/無/停電.
ValueResult<FacilityPower> parse_facility_power_value(std::string_view text);

/// Person status: database spelling or 在宅/入院/転出/死亡/終了.
ValueResult<PersonStatus> parse_person_status_value(std::string_view text);

/// Supporter kind: database spelling or 家族, 近隣住民/近所, 民生委員, 町会/町会役員,
/// 訪問看護, 区職員, その他.
ValueResult<SupporterKind> parse_supporter_kind_value(std::string_view text);

/// Travel mode: walk/徒歩, car/車/自動車.
ValueResult<TravelMode> parse_travel_mode_value(std::string_view text);

/// Splits a list of registry numbers on ; ； 、 , and spaces; empty items are dropped.
std::vector<std::string> split_id_list(std::string_view text);

} // namespace breathline::data
