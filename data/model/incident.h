#pragma once
/// Incident operations (Toshima seed, sections II-IV): an incident with its onset, the power
/// outage areas inside it, and the safety checks (安否確認チェック表) recorded for each person.
/// Times are UTC ISO-8601 text ("2026-11-22T03:00:00Z") as stored; data/ops/clock.h converts.
/// Optional fields are empty when the form left them blank ("unknown" is not "no").

#include "data/model/person.h"
#include "geo/polygon.h"

#include <optional>
#include <string>
#include <string_view>

namespace breathline::data {

enum class IncidentKind { earthquake, storm_flood, power_outage, pandemic, other };

/// Evacuation information issued by the ward (警戒レベル 3/4/5 since 2021). The older terms in
/// the seed map onto these (data/ops/phase.h: parse_evacuation_level).
enum class EvacuationLevel {
    none,
    elderly_evacuation,     ///< 高齢者等避難 (警戒レベル3)
    evacuation_instruction, ///< 避難指示 (警戒レベル4)
    emergency_safety        ///< 緊急安全確保 (警戒レベル5)
};

/// 作動中: what the ventilator is running on.
enum class VentilatorPower { ac, external_battery, internal_battery };

/// 判断: stay home (在宅継続) / hospitalise (入院) / evacuate (避難).
enum class Judgement { stay_home, hospitalise, evacuate };

/// The database spelling (e.g. "storm_flood"), as the schema's CHECK lists it. Thread-safe.
std::string_view to_db(IncidentKind v);
std::string_view to_db(EvacuationLevel v);
std::string_view to_db(VentilatorPower v);
std::string_view to_db(Judgement v);
/// The database spelling back to the value; nullopt for any other text.
std::optional<IncidentKind> parse_incident_kind(std::string_view s);
std::optional<EvacuationLevel> parse_evacuation_level_db(std::string_view s);
std::optional<VentilatorPower> parse_ventilator_power(std::string_view s);
std::optional<Judgement> parse_judgement(std::string_view s);

struct Incident {
    RowId id = 0;
    IncidentKind kind = IncidentKind::earthquake;
    std::string title;
    std::string onset_at;                 ///< 発災 time, UTC ISO-8601
    std::optional<std::string> closed_at; ///< set when closed
    std::string close_summary;
    bool is_drill = false;  ///< 訓練: never mixed with real incidents
    bool is_active = false; ///< at most one incident is active
    EvacuationLevel evacuation_level = EvacuationLevel::none;
    std::string created_at; ///< on reads only
    std::int64_t row_version = 0;

    bool operator==(const Incident&) const = default;
};

/// A power outage area: every person whose home lies inside is on battery from starts_at until
/// restored_at. Geometry in EPSG:4326 degrees.
struct OutageArea {
    RowId id = 0;
    RowId incident_id = 0;
    std::string name;
    std::string starts_at;                  ///< UTC ISO-8601
    std::optional<std::string> restored_at; ///< UTC ISO-8601; empty while the outage lasts
    geo::MultiPolygon area;
};

/// One 安否確認チェック表 (保健師・訪問看護ステーション用在宅人工呼吸器使用者災害時安否確認
/// チェック表), every field of the seed's form. Checks are history: a new check is a new row.
struct SafetyCheck {
    RowId id = 0; ///< 0 before recording
    RowId incident_id = 0;
    RowId person_id = 0;
    std::string checked_at; ///< 確認日時, UTC ISO-8601

    // 人工呼吸器
    std::optional<bool> vent_running;          ///< 作動中
    std::optional<VentilatorPower> vent_power; ///< AC電源・外部バッテリー・内部バッテリー
    std::optional<bool> circuit_fault;         ///< 気管カニューレや呼吸器回路の異常
    std::optional<double> external_power_left_h; ///< 外部電源の残時間 (hours)
    std::optional<bool> bag_at_hand;             ///< 蘇生バッグが手元にある
    std::optional<bool> caregiver_can_use_bag;   ///< 介護者は使用できる
    std::string vent_other_concern;              ///< その他の不安内容
    std::optional<double> generator_h;   ///< hours a generator can power the ventilator (IV)
    std::optional<double> car_charger_h; ///< hours a car cigarette-lighter cable can add (IV)

    // 療養者
    std::optional<int> bp_systolic;      ///< 血圧 (mmHg)
    std::optional<int> bp_diastolic;     ///< 血圧 (mmHg)
    std::optional<int> pulse_bpm;        ///< 脈拍 (/min)
    std::optional<int> spo2_pct;         ///< SpO2 (%)
    std::optional<double> temperature_c; ///< 体温 (°C)
    std::string other_condition;         ///< その他身体状況
    std::string anxiety;                 ///< 精神的不安

    // 介護者
    std::optional<bool> caregiver_can_continue; ///< 介護の継続
    std::string caregiver_reason;               ///< 理由

    // ライフライン
    std::string electricity; ///< 電気
    std::string gas;         ///< ガス
    std::string water;       ///< 水道

    // 医療機器
    std::optional<bool> suction_rechargeable;  ///< 充電式吸引器
    std::optional<bool> suction_foot;          ///< 足踏み式吸引器
    std::optional<int> oxygen_cylinders;       ///< 酸素ボンベ 本
    std::optional<double> oxygen_hours_usable; ///< 利用可能時間 (hours)
    std::optional<double> oxygen_cylinder_l;   ///< capacity of one cylinder (litres)
    std::optional<double> oxygen_fill_ratio;   ///< fill of the cylinders, 0..1
    std::string air_mattress;                  ///< エアマット (停電時の対処)
    std::string other_devices;                 ///< その他

    std::string notes; ///< 特記事項
    std::optional<Judgement> judgement;
    std::optional<bool> informed_physician;    ///< 安否情報の連絡: 主治医
    std::optional<bool> informed_care_manager; ///< ケアマネジャー
    std::string informed_other;                ///< その他
    std::string future_plan;                   ///< 今後の計画
    std::string checker_affiliation;           ///< 確認者 所属・職種
    std::string checker_name;                  ///< 確認者 氏名
    std::string recorded_at;                   ///< on reads only: when the row was written

    bool operator==(const SafetyCheck&) const = default;
};

} // namespace breathline::data
