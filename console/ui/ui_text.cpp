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
