#include "console/ui/view_model.h"

#include "data/io/person_fields.h"
#include "data/text/normalize.h"
#include "data/text/utf8.h"

#include <algorithm>
#include <tuple>

namespace breathline::ui {

namespace {

double battery_or_zero(const PersonRow& r) {
    return r.battery_h.value_or(0.0);
}

template <typename T> int three_way(const T& a, const T& b) {
    return a < b ? -1 : (b < a ? 1 : 0);
}

int compare(const PersonRow& a, const PersonRow& b, RegistryColumn column, bool drill_mode) {
    switch (column) {
    case RegistryColumn::external_id:
        return 0;
    case RegistryColumn::name:
        // In drill mode the order must not reveal names.
        return drill_mode ? 0 : three_way(a.name_kana, b.name_kana);
    case RegistryColumn::group:
        return three_way(static_cast<int>(a.group), static_cast<int>(b.group));
    case RegistryColumn::status:
        return three_way(static_cast<int>(a.status), static_cast<int>(b.status));
    case RegistryColumn::battery:
        return three_way(battery_or_zero(a), battery_or_zero(b));
    case RegistryColumn::consent:
        return three_way(a.consent, b.consent);
    case RegistryColumn::plan:
        return three_way(a.plan_state, b.plan_state);
    case RegistryColumn::supporters:
        return three_way(a.supporters, b.supporters);
    case RegistryColumn::town:
        return three_way(a.town, b.town);
    }
    return 0;
}

bool passes(const PersonRow& r, const RegistryFilter& f) {
    if (f.group && r.group != *f.group) return false;
    if (f.max_battery_h && battery_or_zero(r) > *f.max_battery_h) return false;
    if (f.consent && r.consent != *f.consent) return false;
    if (f.plan_state && r.plan_state != *f.plan_state) return false;
    if (f.max_supporters && r.supporters > *f.max_supporters) return false;
    if (f.status && r.status != *f.status) return false;
    return true;
}

bool contains_key(const std::string& text, const std::string& key) {
    return !key.empty() && search_key(text).find(key) != std::string::npos;
}

std::string join_location(const std::optional<geo::LonLat>& p, bool lon) {
    if (!p) return {};
    return data::format_number(lon ? p->lon() : p->lat());
}

} // namespace

std::vector<std::size_t> filter_and_sort(const std::vector<PersonRow>& rows,
                                         const RegistryFilter& filter, const RegistrySort& sort,
                                         bool drill_mode) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (passes(rows[i], filter)) out.push_back(i);
    std::stable_sort(out.begin(), out.end(), [&](std::size_t ia, std::size_t ib) {
        const PersonRow& a = rows[ia];
        const PersonRow& b = rows[ib];
        int c = compare(a, b, sort.column, drill_mode);
        if (!sort.ascending) c = -c;
        if (c != 0) return c < 0;
        return std::tie(a.external_id, a.id) < std::tie(b.external_id, b.id);
    });
    return out;
}

std::vector<std::size_t> sort_facilities(const std::vector<FacilityRow>& rows,
                                         const FacilitySort& sort, bool only_unresolved) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (!only_unresolved || !rows[i].position) out.push_back(i);
    std::stable_sort(out.begin(), out.end(), [&](std::size_t ia, std::size_t ib) {
        const FacilityRow& a = rows[ia];
        const FacilityRow& b = rows[ib];
        int c = 0;
        switch (sort.column) {
        case FacilityColumn::external_id:
            break;
        case FacilityColumn::name:
            c = three_way(a.name_kana.empty() ? a.name : a.name_kana,
                          b.name_kana.empty() ? b.name : b.name_kana);
            break;
        case FacilityColumn::kind:
            c = three_way(static_cast<int>(a.kind), static_cast<int>(b.kind));
            break;
        case FacilityColumn::status:
            c = three_way(static_cast<int>(a.status), static_cast<int>(b.status));
            break;
        case FacilityColumn::capacity:
            c = three_way(a.capacity.value_or(-1), b.capacity.value_or(-1));
            break;
        case FacilityColumn::precision:
            c = three_way(static_cast<int>(a.precision), static_cast<int>(b.precision));
            break;
        }
        if (!sort.ascending) c = -c;
        if (c != 0) return c < 0;
        return std::tie(a.external_id, a.id) < std::tie(b.external_id, b.id);
    });
    return out;
}

std::string display_name(const PersonRow& row, bool drill_mode) {
    if (drill_mode || row.name.empty()) return "[" + row.external_id + "]";
    return row.name;
}

std::string display_address(const PersonRow& row, bool drill_mode) {
    return drill_mode ? row.town : row.address;
}

std::string search_key(std::string_view text) {
    const std::string folded = text::to_halfwidth_ascii(text);
    std::string out;
    for (std::size_t i = 0; i < folded.size();) {
        const auto d = text::utf8::decode_at(folded, i);
        if (!d) {
            out += folded[i++];
            continue;
        }
        i += d->length;
        char32_t cp = d->code_point;
        if (cp == U' ' || cp == 0x3000 || cp == U'\t') continue;
        if (cp >= 0x3041 && cp <= 0x3096) cp += 0x60; // hiragana → katakana
        if (cp >= U'A' && cp <= U'Z') cp += U'a' - U'A';
        text::utf8::append(out, cp);
    }
    return out;
}

std::vector<SearchHit> search(const std::vector<PersonRow>& persons,
                              const std::vector<FacilityRow>& facilities, std::string_view query,
                              bool drill_mode, std::size_t limit) {
    std::vector<SearchHit> out;
    const std::string key = search_key(query);
    if (key.empty()) return out;
    for (std::size_t i = 0; i < facilities.size() && out.size() < limit; ++i) {
        const auto& f = facilities[i];
        if (contains_key(f.name, key) || contains_key(f.name_kana, key) ||
            contains_key(f.address, key) || contains_key(f.external_id, key))
            out.push_back({SearchHit::Kind::facility, i, f.name + "  " + f.address});
    }
    for (std::size_t i = 0; i < persons.size() && out.size() < limit; ++i) {
        const auto& p = persons[i];
        const bool match =
            drill_mode ? contains_key(p.external_id, key) || contains_key(p.town, key)
                       : contains_key(p.name, key) || contains_key(p.name_kana, key) ||
                             contains_key(p.address, key) || contains_key(p.external_id, key);
        if (match)
            out.push_back({SearchHit::Kind::person, i,
                           display_name(p, drill_mode) + "  " + display_address(p, drill_mode)});
    }
    return out;
}

const std::string& EditBuffer::value(std::string_view key) const {
    static const std::string none;
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key) return current[i];
    return none;
}

void EditBuffer::set(std::string_view key, std::string text) {
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key) current[i] = std::move(text);
}

const data::FieldError* EditBuffer::error_for(std::string_view key) const {
    for (const auto& e : errors)
        if (e.field == key) return &e;
    return nullptr;
}

data::FieldValues EditBuffer::changes() const {
    data::FieldValues out;
    bool location_changed = false;
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (current[i] != original[i] && (keys[i] == "lon" || keys[i] == "lat"))
            location_changed = true;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const bool coordinate = keys[i] == "lon" || keys[i] == "lat";
        if (current[i] != original[i] || (coordinate && location_changed))
            out.emplace_back(keys[i], current[i]);
    }
    return out;
}

bool EditBuffer::dirty() const {
    return current != original;
}

const std::vector<std::string>& person_edit_keys() {
    static const std::vector<std::string> k = [] {
        std::vector<std::string> keys;
        for (const auto& f : data::person_fields())
            if (f.key != "external_id" && f.key != "address_normalized" && f.key != "town" &&
                f.key != "geocode_precision")
                keys.emplace_back(f.key);
        return keys;
    }();
    return k;
}

const std::vector<std::string>& facility_edit_keys() {
    static const std::vector<std::string> k = [] {
        std::vector<std::string> keys;
        for (const auto& f : data::facility_fields())
            if (f.key != "external_id" && f.key != "geocode_precision") keys.emplace_back(f.key);
        return keys;
    }();
    return k;
}

namespace {
template <typename T>
EditBuffer make_buffer(const std::vector<data::FieldDef<T>>& fields,
                       const std::vector<std::string>& keys, const T& row) {
    EditBuffer b;
    b.external_id = row.external_id;
    b.row_version = row.row_version;
    for (const auto& key : keys)
        for (const auto& f : fields)
            if (f.key == key) {
                b.keys.push_back(key);
                b.original.push_back(f.get(row));
            }
    b.current = b.original;
    return b;
}
} // namespace

EditBuffer make_person_buffer(const data::Person& person) {
    EditBuffer b = make_buffer(data::person_fields(), person_edit_keys(), person);
    // Shown as stored; lon/lat come from the location helpers so both always travel together.
    b.set("lon", join_location(person.location, true));
    b.set("lat", join_location(person.location, false));
    b.original = b.current;
    return b;
}

EditBuffer make_facility_buffer(const data::Facility& facility) {
    return make_buffer(data::facility_fields(), facility_edit_keys(), facility);
}

std::optional<std::size_t> ViewModel::person_index(data::RowId id) const {
    for (std::size_t i = 0; i < persons.size(); ++i)
        if (persons[i].id == id) return i;
    return std::nullopt;
}

std::optional<std::size_t> ViewModel::facility_index(data::RowId id) const {
    for (std::size_t i = 0; i < facilities.size(); ++i)
        if (facilities[i].id == id) return i;
    return std::nullopt;
}

void ViewModel::info(std::string ja, std::string en) {
    log.push_back(
        {LogLine::Level::info, std::move(ja), std::move(en), std::chrono::system_clock::now()});
}
void ViewModel::warning(std::string ja, std::string en) {
    log.push_back(
        {LogLine::Level::warning, std::move(ja), std::move(en), std::chrono::system_clock::now()});
}
void ViewModel::error(std::string ja, std::string en) {
    log.push_back(
        {LogLine::Level::error, std::move(ja), std::move(en), std::chrono::system_clock::now()});
}

PersonRow make_person_row(const data::Person& p, int supporters, std::string plan_state,
                          const std::optional<geo::PlaneXY>& position) {
    PersonRow r;
    r.id = p.id;
    r.external_id = p.external_id;
    r.name = p.name;
    r.name_kana = p.name_kana;
    r.address = p.address;
    r.town = p.town;
    r.group = map::device_group(p);
    r.status = p.status;
    if (p.internal_battery_h || p.external_battery_h)
        r.battery_h = p.internal_battery_h.value_or(0.0) + p.external_battery_h.value_or(0.0);
    r.consent = !p.consent_scope.empty() || p.consent_date.has_value();
    r.plan_state = std::move(plan_state);
    r.supporters = supporters;
    r.position = position;
    r.precision = p.geocode_precision;
    return r;
}

FacilityRow make_facility_row(const data::Facility& f,
                              const std::optional<geo::PlaneXY>& position) {
    FacilityRow r;
    r.id = f.id;
    r.external_id = f.external_id;
    r.name = f.name;
    r.name_kana = f.name_kana;
    r.address = f.address;
    r.kind = f.kind;
    r.status = f.status;
    r.capacity = f.capacity;
    r.occupancy = f.occupancy;
    r.power = f.power;
    r.relief_station = f.relief_station;
    r.position = position;
    r.precision = f.geocode_precision;
    return r;
}

} // namespace breathline::ui
