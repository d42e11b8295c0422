#include "data/io/export_table.h"

#include "data/error.h"
#include "data/io/export_masking.h"
#include "data/io/person_fields.h"

#include <array>
#include <string_view>

namespace breathline::data {

namespace {

// Types by canonical key, so that QGIS can style by battery hours and sort
// numbers; every other key is text.
constexpr auto k_real_keys = std::to_array<std::string_view>(
    {"ventilator_hours_per_day", "internal_battery_h", "external_battery_h", "oxygen_flow_l_min",
     "oxygen_hours_per_day", "lon", "lat"});
constexpr auto k_integer_keys =
    std::to_array<std::string_view>({"seed_no", "capacity", "disability_certificate_grade"});
constexpr auto k_boolean_keys = std::to_array<std::string_view>({
    "uses_ventilator",
    "internal_battery",
    "external_battery",
    "suction_internal_battery",
    "suction_non_electric",
    "resuscitation_bag",
    "home_oxygen",
    "infusion_pump",
    "pulse_oximeter",
    "low_pressure_suction",
    "inhaler",
    "cough_assist",
    "air_mattress",
    "power_company_registered",
    "svc_care_insurance",
    "svc_intractable_disease",
    "svc_disability_welfare",
    "svc_pediatric_chronic",
    "svc_severe_disability_visit",
    "active",
    "relief_station",
    "oxygen_depot",
    k_masked_column_key,
});

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& keys, std::string_view key) {
    for (const auto k : keys)
        if (k == key) return true;
    return false;
}

ExportColumn make_column(std::string_view key, std::string_view header_ja,
                         const ExportTableOptions& options) {
    ExportColumn c;
    c.key = std::string(key);
    c.name = std::string(options.japanese_headers ? header_ja : key);
    c.type = export_column_type(key);
    c.coordinate = key == "lon" || key == "lat";
    return c;
}

// Builds a point layer from a field table. Personal fields are masked unless
// requested; masked tables get the marker column so that a blank name is
// never mistaken for a missing one.
template <typename T, typename Label>
ExportTable point_table(std::string layer, std::string title_ja,
                        const std::vector<FieldDef<T>>& fields, const std::vector<T>& items,
                        const ExportTableOptions& options, Label label) {
    ExportTable t;
    t.layer = std::move(layer);
    t.title_ja = std::move(title_ja);
    t.geometry_kind = ExportGeometryKind::point;
    bool any_personal = false;
    for (const auto& f : fields) {
        t.columns.push_back(make_column(f.key, f.header_ja, options));
        any_personal = any_personal || f.personal;
    }
    const bool mask = any_personal && !options.include_personal;
    if (mask)
        t.columns.push_back(make_column(k_masked_column_key, k_masked_column_header_ja, options));
    t.rows.reserve(items.size());
    for (const T& item : items) {
        std::vector<std::string> row;
        row.reserve(t.columns.size());
        for (const auto& f : fields) {
            std::string v = f.get(item);
            if (mask && f.personal) v = apply_mask(mask_rule(f.key), v);
            row.push_back(std::move(v));
        }
        if (mask) row.emplace_back("1");
        t.rows.push_back(std::move(row));
        t.points.push_back(item.location);
        t.row_labels.push_back(label(item));
    }
    return t;
}

} // namespace

ExportColumnType export_column_type(std::string_view key) {
    if (contains(k_real_keys, key)) return ExportColumnType::real;
    if (contains(k_integer_keys, key)) return ExportColumnType::integer;
    if (contains(k_boolean_keys, key)) return ExportColumnType::boolean;
    return ExportColumnType::text;
}

ExportTable persons_table(Store& store, const ExportTableOptions& options) {
    return point_table("persons", "人工呼吸器使用者等 (登録者)", person_fields(),
                       store.registry().persons(), options,
                       [](const Person& p) { return p.external_id; });
}

ExportTable supporters_table(Store& store, const ExportTableOptions& options) {
    return point_table("supporters", "支援者", supporter_fields(), store.registry().supporters(),
                       options, [](const Supporter& s) { return s.external_id; });
}

ExportTable facilities_table(Store& store, const ExportTableOptions& options) {
    return point_table("facilities", "救援センター・医療機関等", facility_fields(),
                       store.facilities().facilities(), options,
                       [](const Facility& f) { return f.external_id; });
}

ExportTable ward_table(Store& store, const ExportTableOptions& options) {
    ExportTable t;
    t.layer = "ward";
    t.title_ja = "区境界";
    t.geometry_kind = ExportGeometryKind::multipolygon;
    t.columns = {make_column("kind", "種別", options), make_column("name", "名称", options),
                 make_column("source", "出典", options)};
    for (auto& a : store.areas().areas("ward_boundary")) {
        t.rows.push_back({a.kind, a.name, a.source});
        t.row_labels.push_back(a.name);
        t.wkt.push_back(std::move(a.wkt));
        t.wkb.push_back(std::move(a.wkb));
    }
    return t;
}

} // namespace breathline::data
