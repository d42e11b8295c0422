#include "data/io/record_edit.h"

#include "data/error.h"
#include "data/io/header_map.h"
#include "data/io/person_fields.h"
#include "data/io/row_builder.h"
#include "data/store/row_conflict.h"

#include <algorithm>
#include <map>

namespace breathline::data {

namespace {

std::string_view header_of(ImportKind kind, std::string_view key) {
    for (const auto& c : import_columns(kind))
        if (c.key == key) return c.header_ja;
    return key;
}

// Keys whose value is derived or is the identity of the row: an edit cannot set them.
bool derived_key(ImportKind kind, std::string_view key) {
    if (key == "external_id") return true;
    return kind == ImportKind::persons && (key == "address_normalized" || key == "town");
}

// The RowReader names a column by its header as written (our keys or the user's spellings),
// by the primary Japanese header when the column is absent, or "lon/lat" for coordinates.
std::string key_of_column(ImportKind kind, const HeaderMap& map, const std::string& column) {
    for (std::size_t i = 0; i < map.headers.size(); ++i)
        if (map.headers[i] == column && !map.keys[i].empty()) return map.keys[i];
    for (const auto& c : import_columns(kind))
        if (c.header_ja == column) return std::string(c.key);
    const auto slash = column.find('/');
    if (slash != std::string::npos && slash > 0)
        return key_of_column(kind, map, column.substr(0, slash));
    return column;
}

FieldError field_error(ImportKind kind, std::string key, std::string value, std::string ja,
                       std::string en) {
    const std::string header(key.empty() ? std::string_view() : header_of(kind, key));
    return {std::move(key), std::move(value), std::move(ja), std::move(en), header};
}

// The audit entity of a record kind, as the stores write it (entries_for reads it back).
std::string_view table_of(ImportKind kind) {
    return kind == ImportKind::facilities ? "facilities" : "persons";
}

// A refused stale edit: the outcome names who changed what since `based_on` (row_conflict.h).
void set_conflict(EditOutcome& out, Store& store, ImportKind kind, std::string_view external_id,
                  std::int64_t based_on, std::int64_t current) {
    out.status = EditStatus::conflict;
    out.saved = false;
    out.row_version = current;
    out.summary.clear();
    out.conflict = make_conflict(store.audit(), table_of(kind), external_id, based_on, current);
}

struct Columns {
    HeaderMap map;
    SourceRecord record;
    bool has_lon = false, has_lat = false, has_precision = false;
    bool coordinates_blank = false; ///< lon and lat both given and both blank
};

// Checks the keys and turns the values into one import record.
Columns build_record(ImportKind kind, const FieldValues& values, std::vector<FieldError>& errors,
                     const std::string& current_kind) {
    Columns c;
    std::vector<std::string> headers;
    for (const auto& [k, v] : values) {
        headers.push_back(k);
        c.record.values.push_back(v);
    }
    HeaderMap first = map_headers(kind, headers);
    for (std::size_t i : first.unknown_columns)
        errors.push_back(field_error(kind, "", headers[i],
                                     "'" + headers[i] + "' という項目はありません",
                                     "there is no field '" + headers[i] + "'"));
    for (const auto& [earlier, later] : first.duplicates)
        errors.push_back(field_error(kind, first.keys[earlier], c.record.values[later],
                                     "同じ項目が2回指定されています ('" + headers[earlier] +
                                         "' と '" + headers[later] + "')",
                                     "the same field is given twice ('" + headers[earlier] +
                                         "' and '" + headers[later] + "')"));
    for (std::size_t i = 0; i < first.keys.size(); ++i) {
        const std::string& key = first.keys[i];
        if (!key.empty() && derived_key(kind, key))
            errors.push_back(field_error(
                kind, key, c.record.values[i],
                key == "external_id" ? "登録番号・施設IDは変更できません"
                                     : "この項目は住所から自動で決まるため変更できません",
                key == "external_id" ? "the registry number / facility id cannot be changed"
                                     : "this field follows the address and cannot be set"));
    }
    auto has = [&](std::string_view key) { return first.column(key).has_value(); };
    c.has_lon = has("lon");
    c.has_lat = has("lat");
    c.has_precision = has("geocode_precision");
    if (c.has_lon && c.has_lat)
        c.coordinates_blank = is_blank(c.record.values[*first.column("lon")]) &&
                              is_blank(c.record.values[*first.column("lat")]);
    // The facility row builder insists on a kind; an edit that leaves it alone keeps it.
    if (kind == ImportKind::facilities && !has("kind")) {
        headers.emplace_back("kind");
        c.record.values.push_back(current_kind);
    }
    // A point placed by hand is manual, not exact (a surveyed address point).
    if (c.has_lon && c.has_lat && !c.coordinates_blank && !c.has_precision) {
        headers.emplace_back("geocode_precision");
        c.record.values.emplace_back(to_db(GeocodePrecision::manual));
    }
    c.map = map_headers(kind, headers);
    return c;
}

template <typename T>
void resolve_row_location(RowReader& r, const Columns& c, const T& before, T& after,
                          const TownGeocoder* geocoder, std::vector<FieldError>& errors,
                          ImportKind kind) {
    if (c.has_precision && !(c.has_lon && c.has_lat)) {
        errors.push_back(field_error(kind, "geocode_precision", "",
                                     "位置精度は経度・緯度と一緒に指定してください",
                                     "give the location precision together with lon and lat"));
        return;
    }
    if (c.coordinates_blank) {
        after.location.reset();
        after.geocode_precision = GeocodePrecision::unresolved;
        return;
    }
    const bool address_changed = before.address != after.address;
    if (c.has_lon != c.has_lat || (c.has_lon && c.has_lat) || address_changed) {
        const auto where = resolve_location(r, before.location, before.geocode_precision,
                                            address_changed, after.address, geocoder);
        after.location = where.location;
        after.geocode_precision = where.precision;
    }
}

template <typename T>
EditOutcome finish(Store& store, ImportKind kind, const std::vector<FieldDef<T>>& fields,
                   const T& before, T after, std::vector<FieldError> errors,
                   const std::function<UpsertResult(const T&)>& upsert,
                   const std::function<std::optional<T>()>& reread) {
    EditOutcome out;
    out.row_version = before.row_version;
    if (!errors.empty()) {
        out.status = EditStatus::invalid;
        out.errors = std::move(errors);
        return out;
    }
    out.summary = change_summary(fields, before, after);
    if (out.summary.empty()) {
        out.status = EditStatus::unchanged;
        out.saved = true;
        return out;
    }
    try {
        auto unit = store.begin();
        // Checked again inside the transaction: another window or verb may have saved since.
        const auto current = reread();
        if (!current) {
            out.status = EditStatus::not_found;
            return out;
        }
        if (current->row_version != before.row_version) {
            set_conflict(out, store, kind, before.external_id, before.row_version,
                         current->row_version);
            return out;
        }
        upsert(after);
        const auto saved = reread();
        unit->commit();
        out.row_version = saved ? saved->row_version : before.row_version + 1;
    } catch (const ConflictError& e) {
        // The store's own check (a writer that got in between on a server backend).
        out.status = EditStatus::conflict;
        out.saved = false;
        out.row_version = e.current_version();
        out.summary.clear();
        out.conflict = e;
        return out;
    } catch (const DataError& e) {
        if (e.code() != ErrorCode::constraint && e.code() != ErrorCode::invalid_input) throw;
        out.status = EditStatus::invalid;
        out.summary.clear();
        out.errors.push_back(field_error(kind, "", "",
                                         std::string("データベースが値を拒否しました: ") + e.what(),
                                         std::string("the database refused a value: ") + e.what()));
        return out;
    }
    out.status = EditStatus::saved;
    out.saved = true;
    return out;
}

template <typename T, typename Apply>
EditOutcome edit_row(Store& store, ImportKind kind, const std::vector<FieldDef<T>>& fields,
                     const std::optional<T>& found, const FieldValues& values,
                     const EditOptions& options, const std::string& current_kind, Apply apply,
                     const std::function<UpsertResult(const T&)>& upsert,
                     const std::function<std::optional<T>()>& reread) {
    EditOutcome out;
    if (!found) {
        out.status = EditStatus::not_found;
        return out;
    }
    const T& before = *found;
    out.row_version = before.row_version;
    if (options.expected_row_version && *options.expected_row_version != before.row_version) {
        set_conflict(out, store, kind, before.external_id, *options.expected_row_version,
                     before.row_version);
        return out;
    }
    std::vector<FieldError> errors;
    const Columns c = build_record(kind, values, errors, current_kind);
    const ColumnIndex index(c.map, kind);
    const std::string no_file;
    RowReader reader(index, c.record, no_file);
    T after = before;
    apply(reader, after);
    resolve_row_location(reader, c, before, after, options.geocoder, errors, kind);
    for (const RowError& e : reader.errors())
        errors.push_back(field_error(kind, key_of_column(kind, c.map, e.column), e.value,
                                     e.reason_ja, e.reason_en));
    return finish<T>(store, kind, fields, before, std::move(after), std::move(errors), upsert,
                     reread);
}

} // namespace

EditOutcome edit_person(Store& store, std::string_view external_id, const FieldValues& values,
                        const EditOptions& options) {
    auto& registry = store.registry();
    const std::string id(external_id);
    return edit_row<Person>(
        store, ImportKind::persons, person_fields(), registry.person_by_external_id(id), values,
        options, "", [](RowReader& r, Person& p) { apply_person_columns(r, p); },
        [&](const Person& p) { return registry.upsert_person(p); },
        [&] { return registry.person_by_external_id(id); });
}

EditOutcome edit_facility(Store& store, std::string_view external_id, const FieldValues& values,
                          const EditOptions& options) {
    auto& facilities = store.facilities();
    const std::string id(external_id);
    const auto found = facilities.facility_by_external_id(id);
    const std::string kind = found ? std::string(to_db(found->kind)) : std::string();
    return edit_row<Facility>(
        store, ImportKind::facilities, facility_fields(), found, values, options, kind,
        [](RowReader& r, Facility& f) { apply_facility_columns(r, f); },
        [&](const Facility& f) { return facilities.upsert_facility(f); },
        [&] { return facilities.facility_by_external_id(id); });
}

std::string_view person_header_ja(std::string_view key) {
    return header_of(ImportKind::persons, key);
}

std::string_view facility_header_ja(std::string_view key) {
    return header_of(ImportKind::facilities, key);
}

} // namespace breathline::data
