#pragma once
/// A registered medical-device user: every field of forms 第1号/第2号 (consent
/// to share ventilator information) and the service list of 第3号. Optional
/// fields are empty when the form left them blank ("unknown" is not "none").

#include "data/model/enums.h"
#include "geo/coordinates.h"

#include <cstdint>
#include <optional>
#include <string>

namespace breathline::data {

using RowId = std::int64_t;

struct Person {
    RowId id = 0;            ///< database id; 0 before insertion
    std::string external_id; ///< stable registry number; the import match key
    std::string name;        ///< 氏名 (personal data)
    std::string name_kana;   ///< フリガナ (personal data)
    Sex sex = Sex::unknown;
    std::optional<std::string> birth_date; ///< ISO YYYY-MM-DD (personal data)
    std::string postal_code;
    std::string address;            ///< as written, e.g. 巣鴨三丁目14番1号
    std::string address_normalized; ///< canonical, e.g. 巣鴨3-14-1
    std::string town;               ///< 町丁目, e.g. 巣鴨三丁目
    std::string phone_home;
    std::string phone_mobile;
    std::string disease;        ///< 病名
    std::string care_situation; ///< 療養状況

    bool uses_ventilator = false;
    std::optional<VentilatorMode> ventilator_mode;
    std::optional<double> ventilator_hours_per_day; ///< 使用時間: 24 or other
    std::string ventilator_model;
    std::optional<bool> internal_battery; ///< 内部バッテリー 有/無
    std::optional<double> internal_battery_h;
    std::optional<bool> external_battery; ///< 外部バッテリー 有/無
    std::optional<double> external_battery_h;
    std::optional<bool> suction_internal_battery; ///< 吸引器 内部バッテリー
    std::optional<bool> suction_non_electric;     ///< 足踏み式等非電源式
    std::optional<bool> resuscitation_bag;        ///< 蘇生バッグ

    // その他医療機器等
    bool home_oxygen = false;
    std::optional<double> oxygen_flow_l_min;
    std::optional<double> oxygen_hours_per_day;
    bool infusion_pump = false;
    bool pulse_oximeter = false;
    bool low_pressure_suction = false;
    bool inhaler = false;
    TubeFeeding tube_feeding = TubeFeeding::none;
    bool cough_assist = false; ///< 排痰補助装置
    bool air_mattress = false;

    std::string consent_scope; ///< with whom information may be shared
    std::optional<std::string> consent_date;
    std::string consent_signed_by;
    std::optional<bool> power_company_registered; ///< 東京電力 患者登録

    // 現在利用中のサービス等 (第3号様式)
    bool svc_care_insurance = false;
    bool svc_intractable_disease = false;
    bool svc_disability_welfare = false;
    bool svc_pediatric_chronic = false;
    bool svc_severe_disability_visit = false;
    std::optional<int> disability_certificate_grade;
    std::string svc_other;
    std::string disaster_concerns;

    PersonStatus status = PersonStatus::active;
    std::optional<geo::LonLat> location;
    GeocodePrecision geocode_precision = GeocodePrecision::unresolved;
    std::string notes;
    std::int64_t row_version = 0;

    bool operator==(const Person&) const = default;
};

struct Supporter {
    RowId id = 0;
    std::string external_id;
    std::string name;
    std::string name_kana;
    SupporterKind kind = SupporterKind::other;
    std::string phone;
    std::string address;
    TravelMode travel_mode = TravelMode::walk;
    std::string availability; ///< free text until dispatch defines windows
    bool active = true;
    std::optional<geo::LonLat> location;
    GeocodePrecision geocode_precision = GeocodePrecision::unresolved;
    std::string notes;
    std::int64_t row_version = 0;

    bool operator==(const Supporter&) const = default;
};

/// A supporter linked to a person (the seed asks for at least four).
struct SupporterLink {
    RowId person_id = 0;
    RowId supporter_id = 0;
    std::string role;
    int priority = 0;
    bool operator==(const SupporterLink&) const = default;
};

/// 主治医, ケアマネジャー, 訪問看護ステーション, 人工呼吸器取扱業者 ...
struct Contact {
    RowId id = 0;
    RowId person_id = 0;
    ContactKind kind = ContactKind::other;
    std::string organisation;
    std::string name;
    std::string phone;
    std::string fax;
    std::string notes;
    bool operator==(const Contact&) const = default;
};

/// Minimum number of supporters needed to move a ventilator user (seed III-1-2).
inline constexpr int k_supporters_needed_for_transport = 4;

} // namespace breathline::data
