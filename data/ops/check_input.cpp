#include "data/ops/check_input.h"

#include "data/error.h"
#include "data/io/value_parsers.h"
#include "data/ops/clock.h"
#include "data/text/csv.h"
#include "data/text/encoding.h"
#include "data/text/normalize.h"

#include <cmath>
#include <cpl_error.h>
#include <cpl_json.h>
#include <fstream>
#include <functional>
#include <sstream>

namespace breathline::data::ops {

namespace {

// ---- validation ----------------------------------------------------------------------------

std::string num_text(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

void range(std::vector<FieldProblem>& out, const char* field, const char* label_ja,
           const std::optional<double>& v, double lo, double hi, const char* unit) {
    if (!v) return;
    if (std::isfinite(*v) && *v >= lo && *v <= hi) return;
    const std::string expect = num_text(lo) + "〜" + num_text(hi) + unit;
    out.push_back({0, field, num_text(*v),
                   std::string(label_ja) + " (" + field + ") の値 " + num_text(*v) + " は " +
                       expect + " の範囲にありません",
                   std::string(field) + " = " + num_text(*v) + " is implausible: expected " +
                       num_text(lo) + " to " + num_text(hi) + unit});
}

void hours(std::vector<FieldProblem>& out, const char* field, const char* label_ja,
           const std::optional<double>& v) {
    if (!v) return;
    if (std::isfinite(*v) && *v >= 0) return;
    out.push_back({0, field, num_text(*v),
                   std::string(label_ja) + " (" + field + ") の時間 " + num_text(*v) +
                       " は 0 以上でなければなりません",
                   std::string(field) + " = " + num_text(*v) + ": hours must be 0 or more"});
}

std::optional<double> as_double(const std::optional<int>& v) {
    if (!v) return std::nullopt;
    return static_cast<double>(*v);
}

} // namespace

std::vector<FieldProblem> validate_check(const SafetyCheck& c) {
    std::vector<FieldProblem> out;
    if (!parse_time(c.checked_at))
        out.push_back({0, "checked_at", c.checked_at,
                       "確認日時 (checked_at) '" + c.checked_at +
                           "' は日時として読めません (例: 2026-11-22T12:30+09:00)",
                       "checked_at '" + c.checked_at +
                           "' is not a date and time (e.g. 2026-11-22T12:30+09:00)"});
    if (c.incident_id <= 0)
        out.push_back({0, "incident_id", std::to_string(c.incident_id),
                       "災害 (incident_id) が指定されていません",
                       "incident_id is not set: the check belongs to no incident"});
    if (c.person_id <= 0)
        out.push_back({0, "person_id", std::to_string(c.person_id),
                       "利用者 (person_id) が指定されていません",
                       "person_id is not set: the check names no person"});
    range(out, "spo2_pct", "SpO2", as_double(c.spo2_pct), 0, 100, " %");
    range(out, "pulse_bpm", "脈拍", as_double(c.pulse_bpm), 20, 250, " /min");
    range(out, "bp_systolic", "血圧(上)", as_double(c.bp_systolic), 50, 260, " mmHg");
    range(out, "bp_diastolic", "血圧(下)", as_double(c.bp_diastolic), 20, 160, " mmHg");
    if (c.bp_systolic && c.bp_diastolic && *c.bp_systolic <= *c.bp_diastolic)
        out.push_back({0, "bp_systolic",
                       std::to_string(*c.bp_systolic) + "/" + std::to_string(*c.bp_diastolic),
                       "血圧 (bp_systolic/bp_diastolic) " + std::to_string(*c.bp_systolic) + "/" +
                           std::to_string(*c.bp_diastolic) +
                           ": 上 (収縮期) が下 (拡張期) 以下です。上下が逆ではありませんか",
                       "blood pressure " + std::to_string(*c.bp_systolic) + "/" +
                           std::to_string(*c.bp_diastolic) +
                           ": bp_systolic must be above bp_diastolic (swapped?)"});
    range(out, "temperature_c", "体温", c.temperature_c, 30, 43, " °C");
    hours(out, "external_power_left_h", "外部電源の残時間", c.external_power_left_h);
    hours(out, "generator_h", "発電機の時間", c.generator_h);
    hours(out, "car_charger_h", "車の充電の時間", c.car_charger_h);
    hours(out, "oxygen_hours_usable", "酸素の利用可能時間", c.oxygen_hours_usable);
    range(out, "oxygen_cylinders", "酸素ボンベ", as_double(c.oxygen_cylinders), 0, 100, " 本");
    if (c.oxygen_cylinder_l && !(*c.oxygen_cylinder_l > 0 && std::isfinite(*c.oxygen_cylinder_l)))
        out.push_back({0, "oxygen_cylinder_l", num_text(*c.oxygen_cylinder_l),
                       "ボンベ容量 (oxygen_cylinder_l) は 0 より大きいリットル数です",
                       "oxygen_cylinder_l must be more than 0 litres"});
    range(out, "oxygen_fill_ratio", "充填率", c.oxygen_fill_ratio, 0, 1, "");
    return out;
}

namespace {

// ---- field table -------------------------------------------------------------------------

using Setter = std::function<std::optional<std::pair<std::string, std::string>>(
    SafetyCheck&, const std::string&)>;

struct FieldDef {
    std::string_view name;
    std::vector<std::string_view> aliases; ///< Japanese labels and other spellings
    Setter set;
};

using Problem = std::optional<std::pair<std::string, std::string>>;

// Strips the units people write after numbers.
std::string strip_units(std::string s) {
    s = fold_cell(s);
    for (std::string_view unit : {"時間", "hours", "hour", "h", "本", "リットル", "L", "l", "bpm",
                                  "回/分", "/分", "%", "％", "℃", "°C", "度", "mmHg"}) {
        if (s.size() > unit.size() && s.compare(s.size() - unit.size(), unit.size(), unit) == 0) {
            s.resize(s.size() - unit.size());
            s = text::trim(s);
            break;
        }
    }
    return s;
}

Problem number_into(std::optional<double>& field, const std::string& text) {
    const auto r = parse_number_value(strip_units(text), -1e9, 1e9);
    if (!r) return std::make_pair(r.reason_ja, r.reason_en);
    field = *r.value;
    return std::nullopt;
}

Problem int_into(std::optional<int>& field, const std::string& text) {
    const auto r = parse_number_value(strip_units(text), -1e6, 1e6);
    if (!r) return std::make_pair(r.reason_ja, r.reason_en);
    if (*r.value != std::floor(*r.value))
        return std::make_pair(std::string("整数で書いてください"),
                              std::string("expected a whole number"));
    field = static_cast<int>(*r.value);
    return std::nullopt;
}

Problem bool_into(std::optional<bool>& field, const std::string& text) {
    const auto r = parse_bool_value(text);
    if (!r) return std::make_pair(r.reason_ja, r.reason_en);
    field = *r.value;
    return std::nullopt;
}

Problem text_into(std::string& field, const std::string& text) {
    field = text::trim(text);
    return std::nullopt;
}

#define BL_NUM(member) [](SafetyCheck& c, const std::string& v) { return number_into(c.member, v); }
#define BL_INT(member) [](SafetyCheck& c, const std::string& v) { return int_into(c.member, v); }
#define BL_BOOL(member) [](SafetyCheck& c, const std::string& v) { return bool_into(c.member, v); }
#define BL_TEXT(member) [](SafetyCheck& c, const std::string& v) { return text_into(c.member, v); }

Problem set_power(SafetyCheck& c, const std::string& v) {
    const std::string s = fold_cell(v);
    if (auto p = parse_ventilator_power(s)) {
        c.vent_power = p;
    } else if (s == "AC" || s == "ac" || s == "AC電源" || s == "交流" || s == "コンセント") {
        c.vent_power = VentilatorPower::ac;
    } else if (s == "外部バッテリー" || s == "外部") {
        c.vent_power = VentilatorPower::external_battery;
    } else if (s == "内部バッテリー" || s == "内部") {
        c.vent_power = VentilatorPower::internal_battery;
    } else {
        return std::make_pair("AC電源・外部バッテリー・内部バッテリーのどれかを書いてください",
                              "expected ac, external_battery or internal_battery "
                              "(AC電源 / 外部バッテリー / 内部バッテリー)");
    }
    return std::nullopt;
}

Problem set_judgement(SafetyCheck& c, const std::string& v) {
    const std::string s = fold_cell(v);
    if (auto j = parse_judgement(s)) {
        c.judgement = j;
    } else if (s == "在宅継続" || s == "在宅") {
        c.judgement = Judgement::stay_home;
    } else if (s == "入院") {
        c.judgement = Judgement::hospitalise;
    } else if (s == "避難") {
        c.judgement = Judgement::evacuate;
    } else {
        return std::make_pair(
            "在宅継続・入院・避難のどれかを書いてください",
            "expected stay_home, hospitalise or evacuate (在宅継続 / 入院 / 避難)");
    }
    return std::nullopt;
}

// 血圧 "120/80" fills both fields.
Problem set_blood_pressure(SafetyCheck& c, const std::string& v) {
    const std::string s = strip_units(v);
    const auto slash = s.find('/');
    if (slash == std::string::npos)
        return std::make_pair("血圧は「上/下」の形で書いてください (例: 120/80)",
                              "write blood pressure as systolic/diastolic, e.g. 120/80");
    if (auto p = int_into(c.bp_systolic, s.substr(0, slash))) return p;
    return int_into(c.bp_diastolic, s.substr(slash + 1));
}

Problem set_fill(SafetyCheck& c, const std::string& v) {
    const std::string folded = fold_cell(v);
    const bool percent = folded.ends_with("%");
    if (auto p = number_into(c.oxygen_fill_ratio, folded)) return p;
    if (percent) *c.oxygen_fill_ratio /= 100.0;
    return std::nullopt;
}

const std::vector<FieldDef>& field_defs() {
    static const std::vector<FieldDef> k = {
        {"checked_at", {"確認日時", "確認日", "日時"}, BL_TEXT(checked_at)},
        {"vent_running", {"作動中", "人工呼吸器作動中"}, BL_BOOL(vent_running)},
        {"vent_power", {"電源", "作動電源"}, set_power},
        {"circuit_fault",
         {"回路の異常", "気管カニューレや呼吸器回路の異常"},
         BL_BOOL(circuit_fault)},
        {"external_power_left_h",
         {"外部電源の残時間", "外部電源残時間"},
         BL_NUM(external_power_left_h)},
        {"bag_at_hand", {"蘇生バッグが手元にある", "蘇生バッグ"}, BL_BOOL(bag_at_hand)},
        {"caregiver_can_use_bag",
         {"介護者は使用できる", "介護者は蘇生バッグを使用できる"},
         BL_BOOL(caregiver_can_use_bag)},
        {"vent_other_concern", {"その他の不安内容"}, BL_TEXT(vent_other_concern)},
        {"generator_h", {"発電機", "発電機の時間"}, BL_NUM(generator_h)},
        {"car_charger_h",
         {"シガーライター", "車の充電", "シガーライターケーブル"},
         BL_NUM(car_charger_h)},
        {"blood_pressure", {"血圧"}, set_blood_pressure},
        {"bp_systolic", {"血圧上", "収縮期血圧", "最高血圧"}, BL_INT(bp_systolic)},
        {"bp_diastolic", {"血圧下", "拡張期血圧", "最低血圧"}, BL_INT(bp_diastolic)},
        {"pulse_bpm", {"脈拍", "pulse"}, BL_INT(pulse_bpm)},
        {"spo2_pct", {"SpO2", "spo2", "spo₂", "ＳｐＯ２"}, BL_INT(spo2_pct)},
        {"temperature_c", {"体温", "temperature"}, BL_NUM(temperature_c)},
        {"other_condition", {"その他身体状況", "身体状況"}, BL_TEXT(other_condition)},
        {"anxiety", {"精神的不安"}, BL_TEXT(anxiety)},
        {"caregiver_can_continue", {"介護の継続", "介護継続"}, BL_BOOL(caregiver_can_continue)},
        {"caregiver_reason", {"理由", "介護継続の理由"}, BL_TEXT(caregiver_reason)},
        {"electricity", {"電気"}, BL_TEXT(electricity)},
        {"gas", {"ガス"}, BL_TEXT(gas)},
        {"water", {"水道"}, BL_TEXT(water)},
        {"suction_rechargeable", {"充電式吸引器"}, BL_BOOL(suction_rechargeable)},
        {"suction_foot", {"足踏み式吸引器"}, BL_BOOL(suction_foot)},
        {"oxygen_cylinders", {"酸素ボンベ", "酸素ボンベ本数"}, BL_INT(oxygen_cylinders)},
        {"oxygen_hours_usable", {"利用可能時間", "酸素利用可能時間"}, BL_NUM(oxygen_hours_usable)},
        {"oxygen_cylinder_l", {"ボンベ容量", "酸素ボンベ容量"}, BL_NUM(oxygen_cylinder_l)},
        {"oxygen_fill_ratio", {"充填率"}, set_fill},
        {"air_mattress", {"エアマット"}, BL_TEXT(air_mattress)},
        {"other_devices", {"その他の医療機器", "その他機器"}, BL_TEXT(other_devices)},
        {"notes", {"特記事項"}, BL_TEXT(notes)},
        {"judgement", {"判断"}, set_judgement},
        {"informed_physician", {"主治医", "主治医に連絡"}, BL_BOOL(informed_physician)},
        {"informed_care_manager",
         {"ケアマネジャー", "ケアマネジャーに連絡"},
         BL_BOOL(informed_care_manager)},
        {"informed_other", {"その他の連絡先", "その他連絡"}, BL_TEXT(informed_other)},
        {"future_plan", {"今後の計画"}, BL_TEXT(future_plan)},
        {"checker_affiliation", {"所属・職種", "確認者所属", "所属"}, BL_TEXT(checker_affiliation)},
        {"checker_name", {"確認者氏名", "確認者"}, BL_TEXT(checker_name)},
    };
    return k;
}

#undef BL_NUM
#undef BL_INT
#undef BL_BOOL
#undef BL_TEXT

constexpr std::string_view k_person_keys[] = {"person", "external_id", "登録番号", "利用者番号"};

// Keys compare folded to half-width, trimmed, lower-case, without spaces and brackets.
std::string fold_key(std::string_view key) {
    const std::string s = fold_cell(key);
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view rest(s.data() + i, s.size() - i);
        bool skipped = false;
        for (std::string_view drop : {"（", "）", "　"})
            if (rest.starts_with(drop)) {
                i += drop.size() - 1;
                skipped = true;
                break;
            }
        if (skipped) continue;
        const char c = s[i];
        if (c == ' ' || c == '(' || c == ')') continue;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

const FieldDef* find_field(std::string_view key) {
    const std::string k = fold_key(key);
    for (const auto& f : field_defs()) {
        if (fold_key(f.name) == k) return &f;
        for (auto a : f.aliases)
            if (fold_key(a) == k) return &f;
    }
    return nullptr;
}

bool is_person_key(std::string_view key) {
    const std::string k = fold_key(key);
    for (auto p : k_person_keys)
        if (fold_key(p) == k) return true;
    return false;
}

// One record as (key, value) pairs into `out`.
void read_record(std::size_t record, const std::vector<std::pair<std::string, std::string>>& kv,
                 CheckFileContents& out) {
    CheckRecordInput input;
    input.record = record;
    const std::size_t problems_before = out.problems.size();
    for (const auto& [key, value] : kv) {
        if (is_person_key(key)) {
            input.person_external_id = text::trim(fold_cell(value));
            continue;
        }
        const FieldDef* f = find_field(key);
        // An unknown column left blank carries nothing to lose; one with a value is reported.
        if (!f && is_blank(value)) continue;
        if (!f) {
            out.problems.push_back({record, key, value,
                                    "項目名 '" + key + "' は安否確認チェック表にありません",
                                    "unknown field '" + key + "' (not on the safety check form)"});
            continue;
        }
        if (is_blank(value)) continue;
        if (auto p = f->set(input.check, value))
            out.problems.push_back(
                {record, std::string(f->name), value,
                 std::string(f->name) + " (" + key + ") の値 '" + value + "': " + p->first,
                 std::string(f->name) + " ('" + key + "') = '" + value + "': " + p->second});
    }
    if (input.person_external_id.empty())
        out.problems.push_back({record, "person", "",
                                "登録番号 (person) がありません: どの利用者の確認か分かりません",
                                "no person: give the registry number as 'person' or 登録番号"});
    if (!input.check.checked_at.empty()) {
        // Store the UTC spelling; a zone-less time is Japan time.
        if (const auto t = parse_time(input.check.checked_at))
            input.check.checked_at = format_time(*t);
    }
    if (out.problems.size() == problems_before) out.records.push_back(std::move(input));
}

std::string json_value_text(const CPLJSONObject& v) {
    switch (v.GetType()) {
    case CPLJSONObject::Type::Null:
        return "";
    case CPLJSONObject::Type::String:
        return v.ToString();
    case CPLJSONObject::Type::Boolean:
        return v.ToBool() ? "true" : "false";
    default:
        return v.Format(CPLJSONObject::PrettyFormat::Plain);
    }
}

} // namespace

std::vector<std::string_view> check_field_keys() {
    std::vector<std::string_view> keys;
    for (const auto& f : field_defs())
        if (f.name != "blood_pressure") keys.push_back(f.name);
    return keys;
}

std::string_view check_field_label_ja(std::string_view key) {
    for (const auto& f : field_defs())
        if (f.name == key) return f.aliases.empty() ? f.name : f.aliases.front();
    return {};
}

CheckFileContents
read_check_fields(const std::vector<std::pair<std::string, std::string>>& fields) {
    CheckFileContents out;
    read_record(1, fields, out);
    return out;
}

CheckFileContents read_check_text(const std::string& text, bool json, const std::string& name) {
    CheckFileContents out;
    if (json) {
        CPLJSONDocument doc;
        // GDAL would print the parse error itself; it goes into the message instead.
        CPLPushErrorHandler(CPLQuietErrorHandler);
        const bool loaded = doc.LoadMemory(text);
        const std::string why = CPLGetLastErrorMsg();
        CPLPopErrorHandler();
        if (!loaded)
            throw DataError(ErrorCode::invalid_input,
                            "'" + name + "' is not valid JSON (" + why +
                                "); expected an object or an array of objects with the safety "
                                "check's fields");
        const CPLJSONObject root = doc.GetRoot();
        std::vector<CPLJSONObject> objects;
        if (root.GetType() == CPLJSONObject::Type::Array) {
            const CPLJSONArray array = root.ToArray();
            for (int i = 0; i < array.Size(); ++i)
                objects.push_back(array[i]);
        } else {
            objects.push_back(root);
        }
        for (std::size_t i = 0; i < objects.size(); ++i) {
            if (objects[i].GetType() != CPLJSONObject::Type::Object)
                throw DataError(ErrorCode::invalid_input,
                                "'" + name + "', element " + std::to_string(i + 1) +
                                    ": expected an object of the safety check's fields");
            std::vector<std::pair<std::string, std::string>> kv;
            for (const auto& child : objects[i].GetChildren())
                kv.emplace_back(child.GetName(), json_value_text(child));
            read_record(i + 1, kv, out);
        }
        return out;
    }
    std::vector<text::CsvRecord> rows;
    try {
        rows = text::read_csv(text::decode_to_utf8(text));
    } catch (const text::CsvError& e) {
        throw DataError(ErrorCode::invalid_input,
                        "'" + name + "', line " + std::to_string(e.line()) + ": " + e.what());
    }
    if (rows.empty())
        throw DataError(ErrorCode::invalid_input,
                        "'" + name + "' is empty; expected a header row and one row per check");
    const auto& header = rows.front().fields;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        std::vector<std::pair<std::string, std::string>> kv;
        for (std::size_t i = 0; i < header.size() && i < rows[r].fields.size(); ++i)
            kv.emplace_back(header[i], rows[r].fields[i]);
        read_record(rows[r].line, kv, out);
    }
    return out;
}

CheckFileContents read_check_file(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    for (auto& c : ext)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (ext != ".json" && ext != ".csv")
        throw DataError(ErrorCode::invalid_input,
                        "'" + path.string() +
                            "': give the checks as a .json or .csv file (extension '" + ext +
                            "' is neither)");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(ErrorCode::io, "cannot read '" + path.string() + "': check the path");
    std::ostringstream buf;
    buf << in.rdbuf();
    return read_check_text(buf.str(), ext == ".json", path.string());
}

} // namespace breathline::data::ops
