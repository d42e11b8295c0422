#include "console/ui/ui_text.h"

#include "data/io/record_edit.h"

#include <map>
#include <mutex>
#include <set>

namespace breathline::ui {

namespace {

struct Text {
    const char* ja;
    const char* en;
};

const std::map<std::string, Text, std::less<>>& table() {
    static const std::map<std::string, Text, std::less<>> k = {
        // Window tiles and tabs.
        {"app.lists", {"検索・一覧", "Search and lists"}},
        {"app.map", {"地図", "Map"}},
        {"app.log", {"メッセージ", "Messages"}},
        {"app.details", {"詳細・レイヤー", "Details and layers"}},
        {"app.no_db",
         {"データベースが開かれていません。ファイルのパスを入力して「開く」を押してください "
          "(デモ: breathline demo で作成)。",
          "No database is open. Enter the file's path and press Open (demo: create one with "
          "breathline demo)."}},
        {"app.open", {"開く", "Open"}},
        {"tab.registry", {"名簿", "Registry"}},
        {"tab.facilities", {"施設", "Facilities"}},
        {"tab.person", {"登録者", "Person"}},
        {"tab.facility", {"施設詳細", "Facility"}},
        {"tab.layers", {"レイヤー", "Layers"}},
        // Choices.
        {"choice.yes", {"有", "yes"}},
        {"choice.no", {"無", "no"}},
        {"choice.unknown", {"未記入", "not recorded"}},
        {"sex.male", {"男", "male"}},
        {"sex.female", {"女", "female"}},
        {"sex.other", {"その他", "other"}},
        {"sex.unknown", {"不明", "unknown"}},
        {"mode.tppv", {"TPPV (気管切開)", "TPPV (tracheostomy)"}},
        {"mode.nppv", {"NPPV (マスク)", "NPPV (mask)"}},
        {"tube.none", {"なし", "none"}},
        {"tube.gastrostomy", {"胃ろう", "gastrostomy"}},
        {"tube.nasal", {"経鼻", "nasal"}},
        {"tube.other", {"その他", "other"}},
        {"status.active", {"在宅", "at home"}},
        {"status.hospitalised", {"入院中", "hospitalised"}},
        {"status.moved", {"転出", "moved away"}},
        {"status.deceased", {"死亡", "deceased"}},
        {"status.inactive", {"登録終了", "inactive"}},
        {"kind.rescue_centre", {"救援センター", "rescue centre"}},
        {"kind.welfare_rescue_centre", {"福祉救援センター", "welfare rescue centre"}},
        {"kind.triage_point", {"トリアージ場所", "triage point"}},
        {"kind.disaster_base_hospital", {"災害拠点病院", "disaster base hospital"}},
        {"kind.disaster_cooperating_hospital",
         {"災害拠点連携病院", "disaster cooperating hospital"}},
        {"kind.health_centre", {"保健所", "health centre"}},
        {"fstatus.normal", {"通常", "normal"}},
        {"fstatus.open", {"開設", "open"}},
        {"fstatus.full", {"満員", "full"}},
        {"fstatus.closed", {"閉鎖", "closed"}},
        {"fstatus.damaged", {"被災", "damaged"}},
        {"fstatus.unknown", {"不明", "unknown"}},
        {"precision.title", {"位置精度", "Location"}},
        {"precision.exact", {"番地まで", "exact"}},
        {"precision.town", {"町丁目の代表点", "town centroid"}},
        {"precision.manual", {"地図上で指定", "placed by hand"}},
        {"precision.unresolved", {"位置未確定", "unresolved"}},
        // Person panel.
        {"person.none",
         {"地図・名簿・検索から登録者を選んでください",
          "Select a person on the map, in the registry or by search"}},
        {"person.version", {"版", "version"}},
        {"person.battery_total", {"バッテリー合計", "battery total"}},
        {"person.save", {"保存", "Save"}},
        {"person.revert", {"元に戻す", "Revert"}},
        {"person.reload", {"最新の内容を読み込む", "Load the newer record"}},
        {"person.has_errors",
         {"保存できません。赤い項目を直してください", "Not saved: correct the fields in red"}},
        {"person.drill_masked",
         {"訓練モード: 個人情報は表示・編集できません",
          "Drill mode: personal data is hidden and read-only"}},
        {"person.hidden", {"(非表示)", "(hidden)"}},
        {"person.section.basic", {"基本情報", "Basic"}},
        {"person.section.ventilator", {"人工呼吸器", "Ventilator"}},
        {"person.section.devices", {"その他医療機器等", "Other medical devices"}},
        {"person.section.consent", {"同意・利用中のサービス", "Consent and services"}},
        {"person.section.location", {"位置", "Location"}},
        {"person.section.notes", {"備考", "Notes"}},
        {"person.section.supporters", {"支援者・連絡先", "Supporters and contacts"}},
        {"person.supporters", {"支援者", "supporters"}},
        {"person.supporters_short", {"(移送には4人以上必要)", "(moving needs at least 4)"}},
        {"person.contacts", {"連絡先", "contacts"}},
        // Facility panel and table.
        {"facility.none",
         {"地図・施設一覧・検索から施設を選んでください",
          "Select a facility on the map, in the list or by search"}},
        {"facility.unresolved", {"位置未確定の施設", "Facilities without a location"}},
        {"facility.none_unresolved",
         {"すべての施設に位置があります", "Every facility has a location"}},
        {"facility.place", {"配置", "Place"}},
        {"facility.place_on_map", {"地図上で配置", "Place on map"}},
        {"facility.placing",
         {"の位置を地図上でクリックしてください (Esc で中止)",
          ": click its location on the map (Esc cancels)"}},
        {"facility.cancel_place", {"配置を中止", "Cancel placing"}},
        {"facility.only_unresolved", {"位置未確定のみ", "Unresolved only"}},
        {"ftable.col.id", {"施設ID", "ID"}},
        {"ftable.col.name", {"施設名", "Name"}},
        {"ftable.col.kind", {"種別", "Kind"}},
        {"ftable.col.status", {"状態", "Status"}},
        {"ftable.col.capacity", {"収容人数", "Capacity"}},
        {"ftable.col.precision", {"位置精度", "Location"}},
        // Registry table.
        {"filter.any", {"すべて", "any"}},
        {"filter.group", {"機器", "Device"}},
        {"filter.status", {"状態", "Status"}},
        {"filter.battery", {"バッテリー時間以下", "Battery at most"}},
        {"filter.supporters_short", {"支援者4人未満", "Fewer than 4 supporters"}},
        {"filter.consent", {"同意", "Consent"}},
        {"filter.consent_yes", {"同意あり", "given"}},
        {"filter.consent_no", {"同意なし", "not given"}},
        {"filter.plan", {"個別支援計画", "Support plan"}},
        {"filter.plan_none", {"記録なし", "none recorded"}},
        {"registry.count", {"人", "persons"}},
        {"registry.col.id", {"登録番号", "No."}},
        {"registry.col.name", {"氏名", "Name"}},
        {"registry.col.group", {"機器", "Device"}},
        {"registry.col.status", {"状態", "Status"}},
        {"registry.col.battery", {"電池(h)", "Battery (h)"}},
        {"registry.col.consent", {"同意", "Consent"}},
        {"registry.col.plan", {"計画", "Plan"}},
        {"registry.col.supporters", {"支援者", "Supporters"}},
        // Search, log, layers, status bar.
        {"search.hint", {"氏名・カナ・住所・施設名で検索", "Search name, kana, address, facility"}},
        {"search.no_hits", {"見つかりません", "nothing found"}},
        {"search.person", {"[登録者]", "[person]"}},
        {"search.facility", {"[施設]", "[facility]"}},
        {"log.clear", {"消去", "Clear"}},
        {"layers.opacity", {"不透明度", "Opacity"}},
        {"layers.remove", {"このレイヤーを削除", "Remove this layer"}},
        {"layers.add_hint",
         {"ファイルを追加 (GeoPackage・GeoJSON・Shapefile・GeoTIFF・MBTiles のパス):",
          "Add a file (path of a GeoPackage, GeoJSON, Shapefile, GeoTIFF or MBTiles):"}},
        {"layers.add", {"追加", "Add"}},
        {"status.language", {"言語", "Language"}},
        {"status.ui_scale", {"表示倍率", "UI scale"}},
        {"status.drill", {"訓練モード (氏名を隠す)", "Drill mode (hide names)"}},
        {"status.unshown", {"表示できない文字", "characters not shown"}},
        {"status.db", {"DB:", "DB:"}},
        {"status.no_db", {"DB なし", "no DB"}},
        // Incident operations: tabs.
        {"tab.incident", {"災害対応", "Incident"}},
        {"tab.board", {"安否ボード", "Board"}},
        {"tab.check", {"安否確認", "Safety check"}},
        {"tab.destination", {"搬送先", "Destination"}},
        // Incident panel.
        {"incident.none", {"対応中の災害はありません", "No active incident"}},
        {"incident.drill", {"[訓練]", "[drill]"}},
        {"incident.kind", {"種別", "Kind"}},
        {"incident.onset", {"発災", "Onset"}},
        {"incident.elapsed", {"経過", "Elapsed"}},
        {"incident.before_onset", {"発災前", "before onset"}},
        {"incident.phase", {"フェーズ", "Phase"}},
        {"incident.needs", {"医療ニーズ", "Medical needs"}},
        {"incident.post", {"医療救護の場所", "Medical relief at"}},
        {"incident.priorities", {"優先事項", "Priorities"}},
        {"incident.level", {"避難情報", "Evacuation information"}},
        {"incident.open_list", {"対応中・未終了の災害", "Open incidents"}},
        {"incident.activate", {"対応中にする", "Make active"}},
        {"incident.active_mark", {"(対応中)", "(active)"}},
        {"incident.declare", {"災害を宣言", "Declare an incident"}},
        {"incident.title", {"名称", "Title"}},
        {"incident.onset_input",
         {"発災日時 (YYYY-MM-DDTHH:MM、空欄 = 現在)", "Onset (YYYY-MM-DDTHH:MM, blank = now)"}},
        {"incident.drill_flag", {"訓練", "Drill"}},
        {"incident.declare_button", {"宣言", "Declare"}},
        {"incident.close", {"災害を終了", "Close the incident"}},
        {"incident.summary", {"総括 (必須)", "Summary (required)"}},
        {"incident.close_button", {"終了", "Close"}},
        {"ikind.earthquake", {"地震", "earthquake"}},
        {"ikind.storm_flood", {"風水害", "storm/flood"}},
        {"ikind.power_outage", {"停電", "power outage"}},
        {"ikind.pandemic", {"感染症", "pandemic"}},
        {"ikind.other", {"その他", "other"}},
        // Outage areas.
        {"outage.title", {"停電エリア", "Power outage areas"}},
        {"outage.none", {"停電エリアはありません", "No outage areas"}},
        {"outage.ongoing", {"継続中", "ongoing"}},
        {"outage.restored", {"復旧", "restored"}},
        {"outage.restore", {"復旧", "Restore"}},
        {"outage.restore_at", {"復旧日時 (空欄 = 現在)", "Restored at (blank = now)"}},
        {"outage.draw", {"地図上で描く", "Draw on the map"}},
        {"outage.ward", {"区全体", "Whole ward"}},
        {"outage.file", {"範囲のファイル", "Area file"}},
        {"outage.import", {"ファイルから登録", "Import file"}},
        {"outage.vertices", {"頂点", "vertices"}},
        {"outage.undo", {"一つ戻す", "Undo"}},
        {"outage.name", {"名称", "Name"}},
        {"outage.start", {"開始日時 (空欄 = 現在)", "Starts at (blank = now)"}},
        {"outage.finish", {"確定", "Finish"}},
        {"outage.cancel", {"中止", "Cancel"}},
        {"outage.need_three", {"(3点以上必要)", "(needs 3 points or more)"}},
        {"outage.drawing_hint",
         {"停電エリアを描画中: クリックで頂点を追加、右クリックで一つ戻す、Esc で中止",
          "Drawing an outage area: click adds a vertex, right click undoes, Esc cancels"}},
        // Board.
        {"board.none",
         {"対応中の災害がないため、ボードはありません", "No board: no incident is active"}},
        {"board.refresh", {"更新", "Refresh"}},
        {"board.at", {"時点", "as of"}},
        {"board.alarms", {"警報", "Alarms"}},
        {"board.ack", {"確認", "Acknowledge"}},
        {"board.left", {"残り", "left"}},
        {"board.air_mattress", {"エアマット", "Air mattress"}},
        {"board.persons", {"人", "persons"}},
        {"board.thresholds", {"しきい値 (時間)", "Thresholds (hours)"}},
        {"board.apply", {"適用", "Apply"}},
        {"board.col.level", {"区分", "Level"}},
        {"board.col.id", {"登録番号", "No."}},
        {"board.col.name", {"氏名", "Name"}},
        {"board.col.power", {"呼吸器電源", "Power"}},
        {"board.col.oxygen", {"酸素", "Oxygen"}},
        {"board.col.outage", {"停電", "Outage"}},
        {"board.col.checked", {"最終確認", "Last check"}},
        {"board.col.judgement", {"判断", "Judgement"}},
        {"board.col.reasons", {"理由", "Reasons"}},
        {"board.in_outage", {"停電", "yes"}},
        {"level.critical", {"危険", "critical"}},
        {"level.urgent", {"緊急", "urgent"}},
        {"level.unconfirmed", {"未確認", "unconfirmed"}},
        {"level.watch", {"要注意", "watch"}},
        {"level.ok", {"問題なし", "ok"}},
        {"runway.unknown", {"不明", "unknown"}},
        {"runway.mains", {"通電中", "on mains"}},
        {"reason.circuit_fault", {"回路・カニューレ異常", "circuit or cannula fault"}},
        {"reason.vent_stopped", {"呼吸器停止", "ventilator stopped"}},
        {"reason.no_bag", {"蘇生バッグなし", "no resuscitation bag"}},
        {"reason.caregiver_cannot_continue", {"介護継続困難", "caregiver cannot continue"}},
        {"reason.low_spo2", {"SpO2低下", "low SpO2"}},
        {"reason.judgement_hospitalise", {"入院判断", "to be hospitalised"}},
        {"reason.judgement_evacuate", {"避難判断", "to be evacuated"}},
        {"reason.runway_unknown", {"残時間不明", "hours left unknown"}},
        {"reason.runway_short", {"残時間わずか", "few hours left"}},
        {"judgement.stay_home", {"在宅継続", "stay home"}},
        {"judgement.hospitalise", {"入院", "hospitalise"}},
        {"judgement.evacuate", {"避難", "evacuate"}},
        {"judgement.latest", {"最新の安否確認の判断", "latest check's judgement"}},
        // Safety-check form (安否確認チェック表).
        {"check.title", {"安否確認チェック表", "Safety check form"}},
        {"check.none",
         {"登録者の詳細で「安否確認を記録」を押すと、ここに表が開きます",
          "Press \"Record safety check\" in a person's details to open the form here"}},
        {"check.record", {"記録", "Record"}},
        {"check.close", {"閉じる", "Close"}},
        {"check.has_problems",
         {"記録できません。赤い項目を直してください", "Not recorded: correct the fields in red"}},
        {"check.blank", {"未記入", "not recorded"}},
        {"check.yes", {"はい", "yes"}},
        {"check.no", {"いいえ", "no"}},
        {"check.section.ventilator", {"人工呼吸器", "Ventilator"}},
        {"check.section.patient", {"療養者", "Patient"}},
        {"check.section.caregiver", {"介護者", "Caregiver"}},
        {"check.section.lifeline", {"ライフライン", "Utilities"}},
        {"check.section.devices", {"医療機器", "Medical devices"}},
        {"check.section.judgement", {"特記事項・判断", "Notes and judgement"}},
        {"check.section.contact", {"安否情報の連絡", "Who was informed"}},
        {"check.section.checker", {"確認者", "Checked by"}},
        {"check.section.other", {"その他の項目", "Other fields"}},
        {"vpower.ac", {"AC電源", "mains (AC)"}},
        {"vpower.external_battery", {"外部バッテリー", "external battery"}},
        {"vpower.internal_battery", {"内部バッテリー", "internal battery"}},
        {"check.field.checked_at", {"確認日時", "Checked at"}},
        {"check.field.vent_running", {"作動中", "Ventilator running"}},
        {"check.field.vent_power", {"電源", "Running on"}},
        {"check.field.circuit_fault", {"回路の異常", "Cannula or circuit fault"}},
        {"check.field.external_power_left_h", {"外部電源の残時間", "External power left (h)"}},
        {"check.field.bag_at_hand", {"蘇生バッグが手元にある", "Resuscitation bag at hand"}},
        {"check.field.caregiver_can_use_bag", {"介護者は使用できる", "Caregiver can use the bag"}},
        {"check.field.vent_other_concern", {"その他の不安内容", "Other concerns"}},
        {"check.field.generator_h", {"発電機", "Generator (h)"}},
        {"check.field.car_charger_h", {"シガーライター", "Car charger (h)"}},
        {"check.field.bp_systolic", {"血圧上", "Blood pressure, systolic"}},
        {"check.field.bp_diastolic", {"血圧下", "Blood pressure, diastolic"}},
        {"check.field.pulse_bpm", {"脈拍", "Pulse (/min)"}},
        {"check.field.spo2_pct", {"spo2", "SpO2 (%)"}},
        {"check.field.temperature_c", {"体温", "Temperature (°C)"}},
        {"check.field.other_condition", {"その他身体状況", "Other physical condition"}},
        {"check.field.anxiety", {"精神的不安", "Anxiety"}},
        {"check.field.caregiver_can_continue", {"介護の継続", "Care can continue"}},
        {"check.field.caregiver_reason", {"理由", "Reason"}},
        {"check.field.electricity", {"電気", "Electricity"}},
        {"check.field.gas", {"ガス", "Gas"}},
        {"check.field.water", {"水道", "Water"}},
        {"check.field.suction_rechargeable", {"充電式吸引器", "Rechargeable suction"}},
        {"check.field.suction_foot", {"足踏み式吸引器", "Foot-pump suction"}},
        {"check.field.oxygen_cylinders", {"酸素ボンベ", "Oxygen cylinders"}},
        {"check.field.oxygen_hours_usable", {"利用可能時間", "Oxygen hours usable"}},
        {"check.field.oxygen_cylinder_l", {"ボンベ容量", "Cylinder capacity (L)"}},
        {"check.field.oxygen_fill_ratio", {"充填率", "Cylinder fill (0-1 or %)"}},
        {"check.field.air_mattress", {"エアマット", "Air mattress"}},
        {"check.field.other_devices", {"その他の医療機器", "Other devices"}},
        {"check.field.notes", {"特記事項", "Notes"}},
        {"check.field.judgement", {"判断", "Judgement"}},
        {"check.field.informed_physician", {"主治医", "Physician informed"}},
        {"check.field.informed_care_manager", {"ケアマネジャー", "Care manager informed"}},
        {"check.field.informed_other", {"その他の連絡先", "Others informed"}},
        {"check.field.future_plan", {"今後の計画", "Plan"}},
        {"check.field.checker_affiliation", {"所属・職種", "Affiliation and role"}},
        {"check.field.checker_name", {"確認者氏名", "Checker's name"}},
        // Destination panel.
        {"dest.none",
         {"登録者の詳細で「搬送先を推奨」を押すと、ここに候補が出ます",
          "Press \"Recommend destination\" in a person's details to see options here"}},
        {"dest.status", {"状況", "Status"}},
        {"dest.status.ok", {"候補あり", "options found"}},
        {"dest.status.stay_home",
         {"在宅継続のため搬送先は不要", "stay home: no destination needed"}},
        {"dest.status.no_location", {"自宅の位置が不明", "the home has no location"}},
        {"dest.status.home_unsnapped",
         {"自宅が道路から遠すぎます", "the home is too far from every usable road"}},
        {"dest.status.none_available",
         {"受け入れ可能な施設がありません", "no facility can take the person"}},
        {"dest.judgement", {"判断", "Judgement"}},
        {"dest.severity", {"重症度", "Severity"}},
        {"severity.severe", {"重症", "severe"}},
        {"severity.moderate", {"中等症", "moderate"}},
        {"dest.welfare_first", {"福祉救援センターを優先", "welfare rescue centre first"}},
        {"dest.col.tier", {"順位", "Tier"}},
        {"dest.col.facility", {"施設", "Facility"}},
        {"dest.col.kind", {"種別", "Kind"}},
        {"dest.col.eta", {"所要(分)", "ETA (min)"}},
        {"dest.col.km", {"道のり(km)", "Road (km)"}},
        {"dest.col.actions", {"操作", "Actions"}},
        {"dest.approx", {"概算", "approx."}},
        {"dest.show", {"地図", "Map"}},
        {"dest.confirm", {"確定", "Confirm"}},
        {"dest.override", {"別の施設に変更", "Send elsewhere"}},
        {"dest.override_facility", {"施設", "Facility"}},
        {"dest.override_reason", {"理由 (必須)", "Reason (required)"}},
        {"dest.override_button", {"変更して確定", "Override and confirm"}},
        {"dest.choose", {"施設を選択", "choose a facility"}},
        {"dest.skipped", {"除外した施設", "Skipped facilities"}},
        {"skip.closed", {"閉鎖", "closed"}},
        {"skip.damaged", {"被災", "damaged"}},
        {"skip.full", {"満員", "full"}},
        {"skip.at_capacity", {"定員に到達", "at capacity"}},
        {"skip.unlocated", {"位置不明", "no location"}},
        {"skip.unsnapped", {"道路から遠い", "too far from a road"}},
        {"skip.unreachable", {"到達できる道がない", "no open road leads there"}},
        {"dest.decision", {"決定", "Decision"}},
        {"dest.confirmed", {"確定", "confirmed"}},
        {"dest.overridden", {"変更して確定", "overridden"}},
        {"dest.by", {"担当", "by"}},
        {"dest.clear", {"推奨を閉じる", "Dismiss"}},
        // Person panel: incident operations.
        {"person.section.ops", {"災害対応", "Incident operations"}},
        {"person.record_check", {"安否確認を記録", "Record safety check"}},
        {"person.recommend", {"搬送先を推奨", "Recommend destination"}},
        {"person.no_incident", {"対応中の災害がありません", "no active incident"}},
        {"person.history", {"安否確認の履歴", "Safety-check history"}},
        {"person.no_history", {"記録なし", "none recorded"}},
        {"person.board", {"ボード", "Board"}},
        // Facility table: status board columns.
        {"ftable.col.occupancy", {"収容者数", "Occupancy"}},
        {"ftable.col.power", {"電源", "Power"}},
        {"fpower.unknown", {"未報告", "not reported"}},
        {"fpower.grid", {"商用電源", "grid"}},
        {"fpower.generator", {"発電機", "generator"}},
        {"fpower.none", {"なし", "none"}},
    };
    return k;
}

// English labels of the registry fields; the Japanese ones are the forms' headers.
const std::map<std::string, const char*, std::less<>>& english_fields() {
    static const std::map<std::string, const char*, std::less<>> k = {
        {"name", "Name"},
        {"name_kana", "Name (kana)"},
        {"sex", "Sex"},
        {"birth_date", "Date of birth"},
        {"postal_code", "Postal code"},
        {"address", "Address"},
        {"phone_home", "Phone (home)"},
        {"phone_mobile", "Phone (mobile)"},
        {"disease", "Disease"},
        {"care_situation", "Care situation"},
        {"uses_ventilator", "Ventilator"},
        {"ventilator_mode", "Ventilator mode"},
        {"ventilator_hours_per_day", "Hours of use per day"},
        {"ventilator_model", "Ventilator model"},
        {"internal_battery", "Internal battery"},
        {"internal_battery_h", "Internal battery (h)"},
        {"external_battery", "External battery"},
        {"external_battery_h", "External battery (h)"},
        {"suction_internal_battery", "Suction: internal battery"},
        {"suction_non_electric", "Suction: foot/hand pump"},
        {"resuscitation_bag", "Resuscitation bag"},
        {"home_oxygen", "Home oxygen"},
        {"oxygen_flow_l_min", "Oxygen flow (L/min)"},
        {"oxygen_hours_per_day", "Oxygen hours per day"},
        {"infusion_pump", "Infusion pump"},
        {"pulse_oximeter", "Pulse oximeter"},
        {"low_pressure_suction", "Low-pressure suction"},
        {"inhaler", "Inhaler"},
        {"tube_feeding", "Tube feeding"},
        {"cough_assist", "Cough assist"},
        {"air_mattress", "Air mattress"},
        {"consent_scope", "Consent: shared with"},
        {"consent_date", "Consent date"},
        {"consent_signed_by", "Consent signed by"},
        {"power_company_registered", "Power company registration"},
        {"svc_care_insurance", "Care insurance services"},
        {"svc_intractable_disease", "Intractable disease aid"},
        {"svc_disability_welfare", "Disability welfare services"},
        {"svc_pediatric_chronic", "Paediatric chronic disease aid"},
        {"svc_severe_disability_visit", "Severe disability home visits"},
        {"disability_certificate_grade", "Disability certificate grade"},
        {"svc_other", "Other services"},
        {"disaster_concerns", "Disaster concerns"},
        {"status", "Status"},
        {"lon", "Longitude"},
        {"lat", "Latitude"},
        {"geocode_precision", "Location precision"},
        {"notes", "Notes"},
        // Facility-only keys.
        {"kind", "Kind"},
        {"seed_no", "No. in the seed"},
        {"phone", "Phone"},
        {"capacity", "Capacity"},
        {"occupancy", "Occupancy"},
        {"power", "Power (grid / generator / none)"},
        {"relief_station", "Medical relief station"},
        {"oxygen_depot", "Oxygen depot"},
        {"geocode_source", "Location source"},
    };
    return k;
}

std::mutex g_missing_mutex;
std::set<std::string, std::less<>> g_missing;

} // namespace

const char* ui_text(Lang lang, std::string_view key) {
    const auto& t = table();
    if (auto it = t.find(key); it != t.end())
        return lang == Lang::ja ? it->second.ja : it->second.en;
    std::lock_guard lock(g_missing_mutex);
    // std::set nodes never move, so the returned pointer stays valid.
    return g_missing.emplace(key).first->c_str();
}

std::string ui_label(Lang lang, std::string_view key) {
    return std::string(ui_text(lang, key)) + "###" + std::string(key);
}

bool has_ui_text(std::string_view key) {
    const auto& t = table();
    auto it = t.find(key);
    return it != t.end() && *it->second.ja && *it->second.en;
}

std::vector<std::string> missing_text_keys() {
    std::lock_guard lock(g_missing_mutex);
    return {g_missing.begin(), g_missing.end()};
}

std::vector<std::string> all_japanese_texts() {
    std::vector<std::string> out;
    for (const auto& [key, text] : table())
        out.emplace_back(text.ja);
    return out;
}

std::string person_field_label(Lang lang, std::string_view key) {
    if (lang == Lang::ja) return std::string(data::person_header_ja(key));
    const auto& e = english_fields();
    if (auto it = e.find(key); it != e.end()) return it->second;
    return std::string(key);
}

std::string facility_field_label(Lang lang, std::string_view key) {
    if (lang == Lang::ja) return std::string(data::facility_header_ja(key));
    const auto& e = english_fields();
    if (auto it = e.find(key); it != e.end()) return it->second;
    return std::string(key);
}

} // namespace breathline::ui
