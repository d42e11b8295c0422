#include "data/io/person_fields.h"

#include <charconv>
#include <cstdio>

namespace breathline::data {

std::string format_bool(const std::optional<bool>& v) {
    if (!v) return {};
    return *v ? "1" : "0";
}

std::string format_number(const std::optional<double>& v) {
    if (!v) return {};
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, *v);
    return std::string(buf, res.ptr);
}

namespace {

std::string b(bool v) {
    return v ? "1" : "0";
}
std::string opt_int(const std::optional<int>& v) {
    return v ? std::to_string(*v) : std::string();
}
std::string opt_str(const std::optional<std::string>& v) {
    return v.value_or("");
}
std::string lon(const std::optional<geo::LonLat>& p) {
    return p ? format_number(p->lon()) : std::string();
}
std::string lat(const std::optional<geo::LonLat>& p) {
    return p ? format_number(p->lat()) : std::string();
}

} // namespace

const std::vector<FieldDef<Person>>& person_fields() {
    using P = Person;
    static const std::vector<FieldDef<Person>> k = {
        {"external_id", "登録番号", false, [](const P& p) { return p.external_id; }},
        {"name", "氏名", true, [](const P& p) { return p.name; }},
        {"name_kana", "フリガナ", true, [](const P& p) { return p.name_kana; }},
        {"sex", "性別", false, [](const P& p) { return std::string(to_db(p.sex)); }},
        {"birth_date", "生年月日", true, [](const P& p) { return opt_str(p.birth_date); }},
        {"postal_code", "郵便番号", true, [](const P& p) { return p.postal_code; }},
        {"address", "住所", true, [](const P& p) { return p.address; }},
        {"address_normalized", "住所(正規化)", true,
         [](const P& p) { return p.address_normalized; }},
        {"town", "町丁目", false, [](const P& p) { return p.town; }},
        {"phone_home", "電話(自宅)", true, [](const P& p) { return p.phone_home; }},
        {"phone_mobile", "電話(携帯)", true, [](const P& p) { return p.phone_mobile; }},
        {"disease", "病名", false, [](const P& p) { return p.disease; }},
        {"care_situation", "療養状況", false, [](const P& p) { return p.care_situation; }},
        {"uses_ventilator", "人工呼吸器", false, [](const P& p) { return b(p.uses_ventilator); }},
        {"ventilator_mode", "呼吸器方式", false,
         [](const P& p) {
             return p.ventilator_mode ? std::string(to_db(*p.ventilator_mode)) : std::string();
         }},
        {"ventilator_hours_per_day", "使用時間", false,
         [](const P& p) { return format_number(p.ventilator_hours_per_day); }},
        {"ventilator_model", "人工呼吸器機種", false,
         [](const P& p) { return p.ventilator_model; }},
        {"internal_battery", "内部バッテリー", false,
         [](const P& p) { return format_bool(p.internal_battery); }},
        {"internal_battery_h", "内部バッテリー時間", false,
         [](const P& p) { return format_number(p.internal_battery_h); }},
        {"external_battery", "外部バッテリー", false,
         [](const P& p) { return format_bool(p.external_battery); }},
        {"external_battery_h", "外部バッテリー時間", false,
         [](const P& p) { return format_number(p.external_battery_h); }},
        {"suction_internal_battery", "吸引器内部バッテリー", false,
         [](const P& p) { return format_bool(p.suction_internal_battery); }},
        {"suction_non_electric", "足踏み式等非電源式", false,
         [](const P& p) { return format_bool(p.suction_non_electric); }},
        {"resuscitation_bag", "蘇生バッグ", false,
         [](const P& p) { return format_bool(p.resuscitation_bag); }},
        {"home_oxygen", "在宅酸素", false, [](const P& p) { return b(p.home_oxygen); }},
        {"oxygen_flow_l_min", "酸素流量", false,
         [](const P& p) { return format_number(p.oxygen_flow_l_min); }},
        {"oxygen_hours_per_day", "酸素使用時間", false,
         [](const P& p) { return format_number(p.oxygen_hours_per_day); }},
        {"infusion_pump", "輸液ポンプ", false, [](const P& p) { return b(p.infusion_pump); }},
        {"pulse_oximeter", "パルスオキシメーター", false,
         [](const P& p) { return b(p.pulse_oximeter); }},
        {"low_pressure_suction", "低圧持続吸引機", false,
         [](const P& p) { return b(p.low_pressure_suction); }},
        {"inhaler", "吸入器", false, [](const P& p) { return b(p.inhaler); }},
        {"tube_feeding", "経管栄養", false,
         [](const P& p) { return std::string(to_db(p.tube_feeding)); }},
        {"cough_assist", "排痰補助装置", false, [](const P& p) { return b(p.cough_assist); }},
        {"air_mattress", "エアマット", false, [](const P& p) { return b(p.air_mattress); }},
        {"consent_scope", "情報提供先", false, [](const P& p) { return p.consent_scope; }},
        {"consent_date", "同意日", false, [](const P& p) { return opt_str(p.consent_date); }},
        {"consent_signed_by", "署名者氏名", true, [](const P& p) { return p.consent_signed_by; }},
        {"power_company_registered", "東京電力患者登録", false,
         [](const P& p) { return format_bool(p.power_company_registered); }},
        {"svc_care_insurance", "介護保険サービス", false,
         [](const P& p) { return b(p.svc_care_insurance); }},
        {"svc_intractable_disease", "難病医療費等助成", false,
         [](const P& p) { return b(p.svc_intractable_disease); }},
        {"svc_disability_welfare", "障害福祉サービス", false,
         [](const P& p) { return b(p.svc_disability_welfare); }},
        {"svc_pediatric_chronic", "小児慢性疾患医療費助成", false,
         [](const P& p) { return b(p.svc_pediatric_chronic); }},
        {"svc_severe_disability_visit", "在宅重症心身障害児(者)訪問事業", false,
         [](const P& p) { return b(p.svc_severe_disability_visit); }},
        {"disability_certificate_grade", "身体障害者手帳(級)", false,
         [](const P& p) { return opt_int(p.disability_certificate_grade); }},
        {"svc_other", "その他サービス", false, [](const P& p) { return p.svc_other; }},
        {"disaster_concerns", "災害に対して不安に感じていること", false,
         [](const P& p) { return p.disaster_concerns; }},
        {"status", "状態", false, [](const P& p) { return std::string(to_db(p.status)); }},
        {"lon", "経度", true, [](const P& p) { return lon(p.location); }},
        {"lat", "緯度", true, [](const P& p) { return lat(p.location); }},
        {"geocode_precision", "位置精度", false,
         [](const P& p) { return std::string(to_db(p.geocode_precision)); }},
        {"notes", "備考", true, [](const P& p) { return p.notes; }},
    };
    return k;
}

const std::vector<FieldDef<Supporter>>& supporter_fields() {
    using S = Supporter;
    static const std::vector<FieldDef<Supporter>> k = {
        {"external_id", "支援者番号", false, [](const S& s) { return s.external_id; }},
        {"name", "氏名", true, [](const S& s) { return s.name; }},
        {"name_kana", "フリガナ", true, [](const S& s) { return s.name_kana; }},
        {"kind", "区分", false, [](const S& s) { return std::string(to_db(s.kind)); }},
        {"phone", "電話", true, [](const S& s) { return s.phone; }},
        {"address", "住所", true, [](const S& s) { return s.address; }},
        {"travel_mode", "移動手段", false,
         [](const S& s) { return std::string(to_db(s.travel_mode)); }},
        {"availability", "対応可能時間", false, [](const S& s) { return s.availability; }},
        {"active", "有効", false, [](const S& s) { return b(s.active); }},
        {"lon", "経度", true, [](const S& s) { return lon(s.location); }},
        {"lat", "緯度", true, [](const S& s) { return lat(s.location); }},
        {"geocode_precision", "位置精度", false,
         [](const S& s) { return std::string(to_db(s.geocode_precision)); }},
        {"notes", "備考", true, [](const S& s) { return s.notes; }},
    };
    return k;
}

const std::vector<FieldDef<Facility>>& facility_fields() {
    using F = Facility;
    static const std::vector<FieldDef<Facility>> k = {
        {"external_id", "施設ID", false, [](const F& f) { return f.external_id; }},
        {"kind", "種別", false, [](const F& f) { return std::string(to_db(f.kind)); }},
        {"seed_no", "番号", false, [](const F& f) { return opt_int(f.seed_no); }},
        {"name", "施設名", false, [](const F& f) { return f.name; }},
        {"name_kana", "フリガナ", false, [](const F& f) { return f.name_kana; }},
        {"address", "所在地", false, [](const F& f) { return f.address; }},
        {"phone", "電話", false, [](const F& f) { return f.phone; }},
        {"capacity", "収容人数", false, [](const F& f) { return opt_int(f.capacity); }},
        {"status", "状態", false, [](const F& f) { return std::string(to_db(f.status)); }},
        {"occupancy", "収容者数", false, [](const F& f) { return opt_int(f.occupancy); }},
        {"power", "電源", false,
         [](const F& f) { return f.power ? std::string(to_db(*f.power)) : std::string(); }},
        {"relief_station", "医療救護所", false, [](const F& f) { return b(f.relief_station); }},
        {"oxygen_depot", "酸素拠点", false, [](const F& f) { return b(f.oxygen_depot); }},
        {"lon", "経度", false, [](const F& f) { return lon(f.location); }},
        {"lat", "緯度", false, [](const F& f) { return lat(f.location); }},
        {"geocode_precision", "位置精度", false,
         [](const F& f) { return std::string(to_db(f.geocode_precision)); }},
        {"geocode_source", "位置の出典", false, [](const F& f) { return f.geocode_source; }},
        {"notes", "備考", false, [](const F& f) { return f.notes; }},
    };
    return k;
}

} // namespace breathline::data
