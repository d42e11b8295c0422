#include "data/io/row_builder.h"

#include "data/geocode/town_geocoder.h"
#include "data/text/address.h"
#include "data/text/normalize.h"
#include "data/text/utf8.h"

namespace breathline::data {

namespace {

constexpr double k_max_hours_per_day = 24.0;
constexpr double k_max_oxygen_flow_l_min = 20.0;

// A blank cell clears the field; a filled one must parse.
template <typename T, typename Parse>
void set_optional(RowReader& r, std::string_view key, std::optional<T>& field, Parse parse) {
    if (!r.has(key)) return;
    if (r.blank(key)) {
        field.reset();
        return;
    }
    if (auto v = r.take(key, parse(r.raw(key)))) field = *v;
}

void set_text(RowReader& r, std::string_view key, std::string& field) {
    if (r.has(key)) field = r.text(key);
}

void set_folded(RowReader& r, std::string_view key, std::string& field) {
    if (r.has(key)) field = r.folded(key);
}

void set_flag(RowReader& r, std::string_view key, bool& field) {
    if (!r.has(key)) return;
    if (r.blank(key)) {
        field = false;
        return;
    }
    if (auto v = r.take(key, parse_bool_value(r.raw(key)))) field = *v;
}

void set_opt_bool(RowReader& r, std::string_view key, std::optional<bool>& field) {
    set_optional(r, key, field, [](std::string_view t) { return parse_bool_value(t); });
}

// 内部バッテリー / 外部バッテリー and their hours columns; the hours column wins when filled.
void set_battery(RowReader& r, std::string_view key, std::string_view hours_key,
                 std::optional<bool>& present, std::optional<double>& hours) {
    if (r.has(key)) {
        if (r.blank(key)) {
            present.reset();
            hours.reset();
        } else if (auto v = r.take(key, parse_battery_value(r.raw(key)))) {
            present = v->present;
            hours = v->hours;
        }
    }
    if (r.has(hours_key) && !r.blank(hours_key)) {
        if (auto h = r.take(hours_key, parse_hours_value(r.raw(hours_key), k_max_battery_h))) {
            if (present == false && *h > 0)
                r.error(hours_key, std::string(r.raw(hours_key)),
                        "バッテリー「無」なのに時間が書かれています",
                        "the battery is recorded as none (無) but hours are given");
            hours = *h;
            if (!present) present = *h > 0;
        }
    } else if (r.has(hours_key) && !r.has(key)) {
        hours.reset();
    }
}

void set_date(RowReader& r, std::string_view key, std::optional<std::string>& field) {
    set_optional(r, key, field, [](std::string_view t) { return parse_date_value(t); });
}

// Hiragana (U+3041..U+3096) → katakana, spaces removed: "でも たろう" and "デモタロウ" match.
std::string kana_key(std::string_view kana) {
    std::string folded = fold_cell(kana);
    std::string out;
    for (std::size_t i = 0; i < folded.size();) {
        const auto d = text::utf8::decode_at(folded, i);
        if (!d) {
            out += folded[i++];
            continue;
        }
        i += d->length;
        char32_t cp = d->code_point;
        if (cp == U' ' || cp == 0x3000) continue;
        if (cp >= 0x3041 && cp <= 0x3096) cp += 0x60;
        text::utf8::append(out, cp);
    }
    return out;
}

} // namespace

ColumnIndex::ColumnIndex(const HeaderMap& map, ImportKind kind) {
    for (std::size_t i = 0; i < map.keys.size(); ++i)
        if (!map.keys[i].empty()) {
            m_index.emplace(map.keys[i], static_cast<int>(i));
            m_header.emplace(map.keys[i], map.headers[i]);
        }
    for (const auto& c : import_columns(kind))
        m_header.emplace(std::string(c.key), std::string(c.header_ja));
}

int ColumnIndex::find(std::string_view key) const {
    auto it = m_index.find(std::string(key));
    return it == m_index.end() ? -1 : it->second;
}

const std::string& ColumnIndex::header(std::string_view key) const {
    static const std::string none;
    auto it = m_header.find(std::string(key));
    return it == m_header.end() ? none : it->second;
}

RowReader::RowReader(const ColumnIndex& columns, const SourceRecord& record,
                     const std::string& file)
    : m_columns(columns), m_record(record), m_file(file) {}

std::string_view RowReader::raw(std::string_view key) const {
    const int i = m_columns.find(key);
    if (i < 0) return {};
    return m_record.values[static_cast<std::size_t>(i)];
}

std::string RowReader::text(std::string_view key) const {
    return text::trim(raw(key));
}

std::string RowReader::folded(std::string_view key) const {
    return fold_cell(raw(key));
}

void RowReader::error(std::string_view key, std::string value, std::string ja, std::string en) {
    m_errors.push_back({m_file, m_record.line, key.empty() ? std::string() : m_columns.header(key),
                        std::move(value), std::move(ja), std::move(en)});
}

void apply_person_columns(RowReader& r, Person& p) {
    set_folded(r, "external_id", p.external_id);
    set_text(r, "name", p.name);
    if (r.has("name") && p.name.empty()) r.error("name", "", "氏名が空です", "the name is empty");
    set_text(r, "name_kana", p.name_kana);
    if (r.has("sex")) {
        if (r.blank("sex"))
            p.sex = Sex::unknown;
        else if (auto v = r.take("sex", parse_sex_value(r.raw("sex"))))
            p.sex = *v;
    }
    set_date(r, "birth_date", p.birth_date);
    if (r.has("postal_code")) {
        std::string code = r.folded("postal_code");
        if (code.rfind("〒", 0) == 0) code = text::trim(code.substr(std::string_view("〒").size()));
        p.postal_code = code;
    }
    if (r.has("address")) {
        p.address = r.text("address");
        p.address_normalized.clear();
        p.town.clear();
        if (!p.address.empty()) {
            if (auto a = text::normalize_address(p.address)) {
                p.address_normalized = a->canonical();
                p.town = a->town_key();
            }
        }
    }
    set_folded(r, "phone_home", p.phone_home);
    set_folded(r, "phone_mobile", p.phone_mobile);
    set_text(r, "disease", p.disease);
    set_text(r, "care_situation", p.care_situation);

    // 人工呼吸器: the form circles TPPV or NPPV, so the column holds either a mode or yes/no.
    std::optional<VentilatorMode> mode_from_device;
    if (r.has("uses_ventilator")) {
        if (r.blank("uses_ventilator")) {
            p.uses_ventilator = false;
        } else if (auto m = parse_ventilator_mode_value(r.raw("uses_ventilator"))) {
            p.uses_ventilator = true;
            mode_from_device = *m.value;
            p.ventilator_mode = *m.value;
        } else if (auto b = parse_bool_value(r.raw("uses_ventilator"))) {
            p.uses_ventilator = *b.value;
        } else {
            r.error("uses_ventilator", std::string(r.raw("uses_ventilator")),
                    "'" + std::string(r.raw("uses_ventilator")) +
                        "' は人工呼吸器の記載として読めません (TPPV/NPPV, 気管切開/マスク, 有/無)",
                    "'" + std::string(r.raw("uses_ventilator")) +
                        "' is not a ventilator entry (TPPV/NPPV, 気管切開/マスク, yes/no)");
        }
    }
    if (r.has("ventilator_mode")) {
        if (r.blank("ventilator_mode")) {
            if (!mode_from_device) p.ventilator_mode.reset();
        } else if (auto m = r.take("ventilator_mode",
                                   parse_ventilator_mode_value(r.raw("ventilator_mode")))) {
            if (mode_from_device && *mode_from_device != *m)
                r.error("ventilator_mode", std::string(r.raw("ventilator_mode")),
                        "人工呼吸器の列の方式 (" + std::string(to_db(*mode_from_device)) +
                            ") と矛盾しています",
                        "contradicts the mode in the ventilator column (" +
                            std::string(to_db(*mode_from_device)) + ")");
            p.ventilator_mode = *m;
            if (!r.has("uses_ventilator")) p.uses_ventilator = true;
        }
    }
    set_optional(r, "ventilator_hours_per_day", p.ventilator_hours_per_day,
                 [](std::string_view t) { return parse_hours_value(t, k_max_hours_per_day); });
    set_text(r, "ventilator_model", p.ventilator_model);
    set_battery(r, "internal_battery", "internal_battery_h", p.internal_battery,
                p.internal_battery_h);
    set_battery(r, "external_battery", "external_battery_h", p.external_battery,
                p.external_battery_h);
    set_opt_bool(r, "suction_internal_battery", p.suction_internal_battery);
    set_opt_bool(r, "suction_non_electric", p.suction_non_electric);
    set_opt_bool(r, "resuscitation_bag", p.resuscitation_bag);

    set_flag(r, "home_oxygen", p.home_oxygen);
    set_optional(r, "oxygen_flow_l_min", p.oxygen_flow_l_min, [](std::string_view t) {
        return parse_number_value(t, 0.01, k_max_oxygen_flow_l_min);
    });
    set_optional(r, "oxygen_hours_per_day", p.oxygen_hours_per_day,
                 [](std::string_view t) { return parse_hours_value(t, k_max_hours_per_day); });
    set_flag(r, "infusion_pump", p.infusion_pump);
    set_flag(r, "pulse_oximeter", p.pulse_oximeter);
    set_flag(r, "low_pressure_suction", p.low_pressure_suction);
    set_flag(r, "inhaler", p.inhaler);
    if (r.has("tube_feeding")) {
        if (r.blank("tube_feeding"))
            p.tube_feeding = TubeFeeding::none;
        else if (auto v = r.take("tube_feeding", parse_tube_feeding_value(r.raw("tube_feeding"))))
            p.tube_feeding = *v;
    }
    set_flag(r, "cough_assist", p.cough_assist);
    set_flag(r, "air_mattress", p.air_mattress);
    // その他医療機器等 lists ticked devices; it adds to the single-device columns.
    if (r.has("other_devices") && !r.blank("other_devices")) {
        if (auto d = r.take("other_devices", parse_other_devices_value(r.raw("other_devices")))) {
            p.home_oxygen = p.home_oxygen || d->home_oxygen;
            p.infusion_pump = p.infusion_pump || d->infusion_pump;
            p.pulse_oximeter = p.pulse_oximeter || d->pulse_oximeter;
            p.low_pressure_suction = p.low_pressure_suction || d->low_pressure_suction;
            p.inhaler = p.inhaler || d->inhaler;
            if (d->tube_feeding) p.tube_feeding = *d->tube_feeding;
            p.cough_assist = p.cough_assist || d->cough_assist;
            p.air_mattress = p.air_mattress || d->air_mattress;
        }
    }

    set_text(r, "consent_scope", p.consent_scope);
    set_date(r, "consent_date", p.consent_date);
    set_text(r, "consent_signed_by", p.consent_signed_by);
    set_opt_bool(r, "power_company_registered", p.power_company_registered);
    set_flag(r, "svc_care_insurance", p.svc_care_insurance);
    set_flag(r, "svc_intractable_disease", p.svc_intractable_disease);
    set_flag(r, "svc_disability_welfare", p.svc_disability_welfare);
    set_flag(r, "svc_pediatric_chronic", p.svc_pediatric_chronic);
    set_flag(r, "svc_severe_disability_visit", p.svc_severe_disability_visit);
    set_optional(r, "disability_certificate_grade", p.disability_certificate_grade,
                 [](std::string_view t) { return parse_int_value(t, 1, 7, {"級"}); });
    set_text(r, "svc_other", p.svc_other);
    set_text(r, "disaster_concerns", p.disaster_concerns);
    if (r.has("status")) {
        if (r.blank("status"))
            p.status = PersonStatus::active;
        else if (auto v = r.take("status", parse_person_status_value(r.raw("status"))))
            p.status = *v;
    }
    set_text(r, "notes", p.notes);

    if (!p.uses_ventilator && !p.home_oxygen)
        r.error(r.has("uses_ventilator") ? "uses_ventilator" : "home_oxygen",
                std::string(r.raw("uses_ventilator")),
                "人工呼吸器も在宅酸素も記載がありません。名簿は医療機器の使用者のみを登録します",
                "neither a ventilator nor home oxygen is recorded; the registry holds "
                "medical-device users only");
}

void apply_supporter_columns(RowReader& r, Supporter& s) {
    set_folded(r, "external_id", s.external_id);
    if (r.has("external_id") && s.external_id.empty())
        r.error("external_id", "", "支援者番号が空です", "the supporter number is empty");
    set_text(r, "name", s.name);
    if (r.has("name") && s.name.empty()) r.error("name", "", "氏名が空です", "the name is empty");
    set_text(r, "name_kana", s.name_kana);
    if (r.has("kind")) {
        if (r.blank("kind"))
            s.kind = SupporterKind::other;
        else if (auto v = r.take("kind", parse_supporter_kind_value(r.raw("kind"))))
            s.kind = *v;
    }
    set_folded(r, "phone", s.phone);
    set_text(r, "address", s.address);
    if (r.has("travel_mode")) {
        if (r.blank("travel_mode"))
            s.travel_mode = TravelMode::walk;
        else if (auto v = r.take("travel_mode", parse_travel_mode_value(r.raw("travel_mode"))))
            s.travel_mode = *v;
    }
    set_text(r, "availability", s.availability);
    if (r.has("active")) {
        if (r.blank("active"))
            s.active = true;
        else if (auto v = r.take("active", parse_bool_value(r.raw("active"))))
            s.active = *v;
    }
    set_text(r, "notes", s.notes);
}

void apply_facility_columns(RowReader& r, Facility& f) {
    set_folded(r, "external_id", f.external_id);
    if (f.external_id.empty())
        r.error("external_id", "", "施設IDが空です", "the facility id is empty");
    if (r.blank("kind")) {
        r.error("kind", "", "施設種別が空です", "the facility kind is empty");
    } else if (auto v = r.take("kind", parse_facility_kind_value(r.raw("kind")))) {
        f.kind = *v;
    }
    set_optional(r, "seed_no", f.seed_no,
                 [](std::string_view t) { return parse_int_value(t, 1, 9999, {"番"}); });
    set_text(r, "name", f.name);
    if (f.name.empty()) r.error("name", "", "施設名が空です", "the facility name is empty");
    set_text(r, "name_kana", f.name_kana);
    set_text(r, "address", f.address);
    set_folded(r, "phone", f.phone);
    set_optional(r, "capacity", f.capacity,
                 [](std::string_view t) { return parse_int_value(t, 0, 1'000'000, {"人"}); });
    if (r.has("status")) {
        if (r.blank("status"))
            f.status = FacilityStatus::normal;
        else if (auto v = r.take("status", parse_facility_status_value(r.raw("status"))))
            f.status = *v;
    }
    set_optional(r, "occupancy", f.occupancy,
                 [](std::string_view t) { return parse_int_value(t, 0, 1'000'000, {"人"}); });
    set_optional(r, "power", f.power,
                 [](std::string_view t) { return parse_facility_power_value(t); });
    set_flag(r, "relief_station", f.relief_station);
    set_flag(r, "oxygen_depot", f.oxygen_depot);
    set_text(r, "geocode_source", f.geocode_source);
    set_text(r, "notes", f.notes);
}

LocationOutcome resolve_location(RowReader& r, const std::optional<geo::LonLat>& existing,
                                 GeocodePrecision existing_precision, bool address_changed,
                                 const std::string& address, const TownGeocoder* geocoder) {
    LocationOutcome out;
    const bool lon_given = r.has("lon") && !r.blank("lon");
    const bool lat_given = r.has("lat") && !r.blank("lat");
    // Given coordinates are exact unless the file says how they were obtained
    // (an export writes geocode_precision): a town-level point must stay
    // "town", or the map would present a town centroid as the home.
    GeocodePrecision given_precision = GeocodePrecision::exact;
    if (r.has("geocode_precision") && !r.blank("geocode_precision")) {
        const auto stated = parse_enum<GeocodePrecision>(r.folded("geocode_precision"));
        if (!stated) {
            r.error("geocode_precision", std::string(r.raw("geocode_precision")),
                    "位置精度は exact / town / manual / unresolved のいずれかです",
                    "location precision must be exact, town, manual or unresolved");
            return out;
        }
        // Coordinates are present, so "unresolved" cannot describe them.
        if (*stated != GeocodePrecision::unresolved) given_precision = *stated;
    }

    if (lon_given != lat_given) {
        const std::string_view missing = lon_given ? "lat" : "lon";
        r.error(missing, "", "経度と緯度は両方とも必要です (片方だけ書かれています)",
                "longitude and latitude must both be given (only one is)");
        return out;
    }
    if (lon_given) {
        auto ll = parse_lon_lat_value(r.raw("lon"), r.raw("lat"));
        if (!ll) {
            r.error("lon", std::string(r.raw("lon")) + ", " + std::string(r.raw("lat")),
                    std::move(ll.reason_ja), std::move(ll.reason_en));
            r.errors().back().column += "/" + r.columns().header("lat");
            return out;
        }
        out.location = geo::LonLat(ll.value->first, ll.value->second);
        out.precision = given_precision;
        return out;
    }
    const SourceRecord& rec = r.record();
    if (!rec.geometry_problem.empty()) {
        r.error("", "", "地物の形状から位置を得られません (" + rec.geometry_problem + ")",
                "the feature's geometry gives no usable position (" + rec.geometry_problem + ")");
        return out;
    }
    if (rec.geometry) {
        if (!inside_japan(rec.geometry->lon(), rec.geometry->lat())) {
            const std::string v =
                std::to_string(rec.geometry->lon()) + " " + std::to_string(rec.geometry->lat());
            r.error("", v, "地物の位置 (" + v + ") は日本の範囲外です",
                    "the feature's position (" + v + ") lies outside Japan");
            return out;
        }
        out.location = rec.geometry;
        out.precision = given_precision;
        return out;
    }
    if (existing && !address_changed &&
        (existing_precision == GeocodePrecision::exact ||
         existing_precision == GeocodePrecision::manual)) {
        out.location = existing;
        out.precision = existing_precision;
        out.kept = true;
        return out;
    }
    if (geocoder && !address.empty()) {
        if (auto a = text::normalize_address(address)) {
            out.town = a->town_key();
            if (auto p = geocoder->locate_town(out.town)) {
                out.location = *p;
                out.precision = GeocodePrecision::town;
            }
        }
    }
    return out;
}

std::string person_fallback_key(std::string_view name_kana,
                                const std::optional<std::string>& birth_date,
                                std::string_view address_normalized) {
    const std::string kana = kana_key(name_kana);
    if (kana.empty() || !birth_date || birth_date->empty() || address_normalized.empty()) return {};
    return kana + "|" + *birth_date + "|" + std::string(address_normalized);
}

std::string person_fallback_key_of_row(const RowReader& r) {
    if (!r.has("name_kana") || !r.has("birth_date") || !r.has("address")) return {};
    const auto date = parse_date_value(r.raw("birth_date"));
    const auto address = text::normalize_address(r.text("address"));
    if (!date || !address) return {};
    return person_fallback_key(r.raw("name_kana"), date.value, address->canonical());
}

} // namespace breathline::data
