#include "data/io/header_map.h"

#include "data/io/person_fields.h"
#include "data/io/value_parsers.h"

#include <algorithm>
#include <map>

namespace breathline::data {

std::string_view to_string(ImportKind kind) {
    switch (kind) {
    case ImportKind::persons:
        return "persons";
    case ImportKind::supporters:
        return "supporters";
    case ImportKind::facilities:
        return "facilities";
    }
    return "?";
}

namespace {

using Aliases = std::map<std::string_view, std::vector<std::string_view>>;

// Spellings seen on forms, in ward spreadsheets and in GIS attribute tables, beyond the
// field table's own key and Japanese header. docs/import-format.md lists them.
const Aliases& person_aliases() {
    static const Aliases k = {
        {"external_id", {"id", "管理番号", "受付番号", "登録no"}},
        {"name", {"名前", "人工呼吸器使用者氏名", "使用者氏名", "本人氏名"}},
        {"name_kana", {"ふりがな", "カナ", "氏名カナ", "氏名(フリガナ)", "kana"}},
        {"postal_code", {"〒", "郵便"}},
        {"address", {"現住所", "所在地"}},
        {"phone_home", {"電話番号", "電話", "自宅電話", "tel", "phone"}},
        {"phone_mobile", {"携帯電話", "携帯", "mobile"}},
        {"disease", {"疾病名", "疾患名", "主な疾病名"}},
        {"uses_ventilator", {"人工呼吸器使用", "呼吸器"}},
        {"ventilator_mode", {"人工呼吸器方式", "方式", "tppv/nppv", "mode"}},
        {"ventilator_hours_per_day", {"人工呼吸器使用時間", "使用時間(時間/日)", "hours_per_day"}},
        {"ventilator_model", {"機種", "人工呼吸器の機種"}},
        {"internal_battery", {"人工呼吸器内部バッテリー"}},
        {"internal_battery_h", {"内部バッテリー(時間)"}},
        {"external_battery", {"人工呼吸器外部バッテリー"}},
        {"external_battery_h", {"外部バッテリー(時間)"}},
        {"suction_internal_battery", {"吸引器(内部バッテリー)"}},
        {"suction_non_electric", {"吸引器足踏み式等非電源式", "足踏み式吸引器"}},
        {"resuscitation_bag", {"アンビューバッグ"}},
        {"home_oxygen", {"在宅酸素療法", "hot"}},
        {"oxygen_flow_l_min", {"酸素流量(l/分)", "酸素流量(l/min)"}},
        {"low_pressure_suction", {"低圧持続吸引器"}},
        {"pulse_oximeter", {"パルスオキシメータ"}},
        {"consent_scope", {"同意先", "情報提供先(同意)"}},
        {"consent_signed_by", {"署名者"}},
        {"power_company_registered", {"東京電力", "東京電力患者登録制度", "電力会社患者登録"}},
        {"disability_certificate_grade", {"身体障害者手帳", "障害者手帳等級", "手帳等級"}},
        {"lon", {"longitude", "lng", "x"}},
        {"lat", {"latitude", "y"}},
    };
    return k;
}

const Aliases& supporter_aliases() {
    static const Aliases k = {
        {"external_id", {"id", "支援者id"}},        {"name", {"名前", "支援者氏名"}},
        {"name_kana", {"ふりがな", "カナ"}},        {"kind", {"種別", "続柄", "支援者区分"}},
        {"phone", {"電話番号", "携帯電話", "tel"}}, {"travel_mode", {"移動方法"}},
        {"lon", {"longitude", "lng", "x"}},         {"lat", {"latitude", "y"}},
    };
    return k;
}

const Aliases& facility_aliases() {
    static const Aliases k = {
        {"external_id", {"id", "施設番号", "施設コード"}},
        {"kind", {"施設種別", "区分"}},
        {"seed_no", {"no", "no."}},
        {"name", {"名称", "施設名称", "名前"}},
        {"address", {"住所"}},
        {"phone", {"電話番号", "tel"}},
        {"capacity", {"定員", "収容可能人数"}},
        {"occupancy", {"収容数", "現在の収容者数", "在所者数"}},
        {"power", {"電源状況", "電力"}},
        {"lon", {"longitude", "lng", "x"}},
        {"lat", {"latitude", "y"}},
    };
    return k;
}

template <typename T>
std::vector<ImportColumn> build(const std::vector<FieldDef<T>>& fields, const Aliases& aliases,
                                std::initializer_list<std::string_view> required) {
    std::vector<ImportColumn> out;
    for (const auto& f : fields) {
        ImportColumn c{f.key, f.header_ja, {}, false};
        if (auto it = aliases.find(f.key); it != aliases.end()) c.aliases = it->second;
        c.required = std::find(required.begin(), required.end(), f.key) != required.end();
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace

const std::vector<ImportColumn>& import_columns(ImportKind kind) {
    static const std::vector<ImportColumn> persons = [] {
        auto c = build(person_fields(), person_aliases(), {"external_id", "name"});
        c.push_back({"other_devices", "その他医療機器等", {"その他医療機器", "医療機器"}, false});
        return c;
    }();
    static const std::vector<ImportColumn> supporters = [] {
        auto c = build(supporter_fields(), supporter_aliases(), {"external_id", "name"});
        c.push_back({"person_external_ids",
                     "支援対象者",
                     {"支援対象者登録番号", "対象者登録番号", "対象者"},
                     false});
        c.push_back({"link_role", "役割", {"支援内容"}, false});
        return c;
    }();
    static const std::vector<ImportColumn> facilities =
        build(facility_fields(), facility_aliases(), {"external_id", "name", "kind"});
    switch (kind) {
    case ImportKind::persons:
        return persons;
    case ImportKind::supporters:
        return supporters;
    case ImportKind::facilities:
        return facilities;
    }
    return persons;
}

std::string normalize_header(std::string_view header) {
    const std::string folded = fold_cell(header);
    std::string out;
    out.reserve(folded.size());
    for (std::size_t i = 0; i < folded.size(); ++i) {
        const char c = folded[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

std::optional<std::size_t> HeaderMap::column(std::string_view key) const {
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key) return i;
    return std::nullopt;
}

std::string HeaderMap::header_for(std::string_view key, ImportKind kind) const {
    if (auto c = column(key)) return headers[*c];
    for (const auto& col : import_columns(kind))
        if (col.key == key) return std::string(col.header_ja);
    return std::string(key);
}

HeaderMap map_headers(ImportKind kind, const std::vector<std::string>& headers) {
    // Normalised spelling → key, built per call: header rows are short and imports rare.
    std::map<std::string, std::string_view> lookup;
    const auto& columns = import_columns(kind);
    for (const auto& c : columns) {
        lookup.emplace(normalize_header(c.key), c.key);
        lookup.emplace(normalize_header(c.header_ja), c.key);
    }
    // Aliases never shadow a primary spelling of another key (an alias is a convenience, the field
    // table is the contract).
    for (const auto& c : columns)
        for (auto a : c.aliases)
            lookup.emplace(normalize_header(a), c.key);

    HeaderMap map;
    map.headers = headers;
    map.keys.resize(headers.size());
    std::map<std::string_view, std::size_t> first_column;
    for (std::size_t i = 0; i < headers.size(); ++i) {
        auto it = lookup.find(normalize_header(headers[i]));
        if (it == lookup.end()) {
            map.unknown_columns.push_back(i);
            continue;
        }
        auto [pos, inserted] = first_column.emplace(it->second, i);
        if (!inserted) {
            map.duplicates.emplace_back(pos->second, i);
            continue;
        }
        map.keys[i] = std::string(it->second);
    }
    for (const auto& c : columns)
        if (c.required && !first_column.count(c.key)) map.missing_required.push_back(c.key);
    return map;
}

std::string accepted_spellings(ImportKind kind, std::string_view key) {
    for (const auto& c : import_columns(kind)) {
        if (c.key != key) continue;
        std::string out = std::string(c.header_ja) + " / " + std::string(c.key);
        for (auto a : c.aliases)
            out += " / " + std::string(a);
        return out;
    }
    return std::string(key);
}

} // namespace breathline::data
