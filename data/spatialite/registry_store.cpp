#include "data/error.h"
#include "data/io/person_fields.h"
#include "data/spatialite/row_sql.h"
#include "data/spatialite/spatialite_store.h"

namespace breathline::data::spatialite {

namespace {

// Column order shared by the SELECT and the INSERT/UPDATE binders below.
constexpr std::string_view k_person_columns =
    "external_id, name, name_kana, sex, birth_date, postal_code, address, address_normalized, "
    "town, phone_home, phone_mobile, disease, care_situation, uses_ventilator, ventilator_mode, "
    "ventilator_hours_per_day, ventilator_model, internal_battery, internal_battery_h, "
    "external_battery, external_battery_h, suction_internal_battery, suction_non_electric, "
    "resuscitation_bag, home_oxygen, oxygen_flow_l_min, oxygen_hours_per_day, infusion_pump, "
    "pulse_oximeter, low_pressure_suction, inhaler, tube_feeding, cough_assist, air_mattress, "
    "consent_scope, consent_date, consent_signed_by, power_company_registered, "
    "svc_care_insurance, svc_intractable_disease, svc_disability_welfare, svc_pediatric_chronic, "
    "svc_severe_disability_visit, disability_certificate_grade, svc_other, disaster_concerns, "
    "status, geocode_precision, notes";
constexpr int k_person_column_count = 49;

int bind_person(sqlite::Statement& st, const Person& p) {
    int i = 1;
    st.bind(i++, p.external_id);
    st.bind(i++, p.name);
    st.bind(i++, p.name_kana);
    st.bind(i++, to_db(p.sex));
    st.bind(i++, p.birth_date);
    st.bind(i++, p.postal_code);
    st.bind(i++, p.address);
    st.bind(i++, p.address_normalized);
    st.bind(i++, p.town);
    st.bind(i++, p.phone_home);
    st.bind(i++, p.phone_mobile);
    st.bind(i++, p.disease);
    st.bind(i++, p.care_situation);
    st.bind(i++, p.uses_ventilator ? 1 : 0);
    if (p.ventilator_mode)
        st.bind(i++, to_db(*p.ventilator_mode));
    else
        st.bind_null(i++);
    st.bind(i++, p.ventilator_hours_per_day);
    st.bind(i++, p.ventilator_model);
    st.bind(i++, p.internal_battery);
    st.bind(i++, p.internal_battery_h);
    st.bind(i++, p.external_battery);
    st.bind(i++, p.external_battery_h);
    st.bind(i++, p.suction_internal_battery);
    st.bind(i++, p.suction_non_electric);
    st.bind(i++, p.resuscitation_bag);
    st.bind(i++, p.home_oxygen ? 1 : 0);
    st.bind(i++, p.oxygen_flow_l_min);
    st.bind(i++, p.oxygen_hours_per_day);
    st.bind(i++, p.infusion_pump ? 1 : 0);
    st.bind(i++, p.pulse_oximeter ? 1 : 0);
    st.bind(i++, p.low_pressure_suction ? 1 : 0);
    st.bind(i++, p.inhaler ? 1 : 0);
    st.bind(i++, to_db(p.tube_feeding));
    st.bind(i++, p.cough_assist ? 1 : 0);
    st.bind(i++, p.air_mattress ? 1 : 0);
    st.bind(i++, p.consent_scope);
    st.bind(i++, p.consent_date);
    st.bind(i++, p.consent_signed_by);
    st.bind(i++, p.power_company_registered);
    st.bind(i++, p.svc_care_insurance ? 1 : 0);
    st.bind(i++, p.svc_intractable_disease ? 1 : 0);
    st.bind(i++, p.svc_disability_welfare ? 1 : 0);
    st.bind(i++, p.svc_pediatric_chronic ? 1 : 0);
    st.bind(i++, p.svc_severe_disability_visit ? 1 : 0);
    if (p.disability_certificate_grade)
        st.bind(i++, *p.disability_certificate_grade);
    else
        st.bind_null(i++);
    st.bind(i++, p.svc_other);
    st.bind(i++, p.disaster_concerns);
    st.bind(i++, to_db(p.status));
    st.bind(i++, to_db(p.geocode_precision));
    st.bind(i++, p.notes);
    return i;
}

Person read_person(const sqlite::Statement& st) {
    Person p;
    int i = 0;
    p.id = st.column_int64(i++);
    p.row_version = st.column_int64(i++);
    p.location = read_point(st, i, i + 1);
    i += 2;
    p.external_id = st.column_text(i++);
    p.name = st.column_text(i++);
    p.name_kana = st.column_text(i++);
    p.sex = enum_col(st, i++, Sex::unknown);
    p.birth_date = st.column_opt_text(i++);
    p.postal_code = st.column_text(i++);
    p.address = st.column_text(i++);
    p.address_normalized = st.column_text(i++);
    p.town = st.column_text(i++);
    p.phone_home = st.column_text(i++);
    p.phone_mobile = st.column_text(i++);
    p.disease = st.column_text(i++);
    p.care_situation = st.column_text(i++);
    p.uses_ventilator = st.column_int64(i++) != 0;
    if (!st.is_null(i)) p.ventilator_mode = parse_enum<VentilatorMode>(st.column_text(i));
    ++i;
    p.ventilator_hours_per_day = st.column_opt_double(i++);
    p.ventilator_model = st.column_text(i++);
    p.internal_battery = st.column_opt_bool(i++);
    p.internal_battery_h = st.column_opt_double(i++);
    p.external_battery = st.column_opt_bool(i++);
    p.external_battery_h = st.column_opt_double(i++);
    p.suction_internal_battery = st.column_opt_bool(i++);
    p.suction_non_electric = st.column_opt_bool(i++);
    p.resuscitation_bag = st.column_opt_bool(i++);
    p.home_oxygen = st.column_int64(i++) != 0;
    p.oxygen_flow_l_min = st.column_opt_double(i++);
    p.oxygen_hours_per_day = st.column_opt_double(i++);
    p.infusion_pump = st.column_int64(i++) != 0;
    p.pulse_oximeter = st.column_int64(i++) != 0;
    p.low_pressure_suction = st.column_int64(i++) != 0;
    p.inhaler = st.column_int64(i++) != 0;
    p.tube_feeding = enum_col(st, i++, TubeFeeding::none);
    p.cough_assist = st.column_int64(i++) != 0;
    p.air_mattress = st.column_int64(i++) != 0;
    p.consent_scope = st.column_text(i++);
    p.consent_date = st.column_opt_text(i++);
    p.consent_signed_by = st.column_text(i++);
    p.power_company_registered = st.column_opt_bool(i++);
    p.svc_care_insurance = st.column_int64(i++) != 0;
    p.svc_intractable_disease = st.column_int64(i++) != 0;
    p.svc_disability_welfare = st.column_int64(i++) != 0;
    p.svc_pediatric_chronic = st.column_int64(i++) != 0;
    p.svc_severe_disability_visit = st.column_int64(i++) != 0;
    if (!st.is_null(i)) p.disability_certificate_grade = st.column_int(i);
    ++i;
    p.svc_other = st.column_text(i++);
    p.disaster_concerns = st.column_text(i++);
    p.status = enum_col(st, i++, PersonStatus::active);
    p.geocode_precision = enum_col(st, i++, GeocodePrecision::unresolved);
    p.notes = st.column_text(i++);
    return p;
}

std::string person_select() {
    return "SELECT id, row_version, X(geom), Y(geom), " + std::string(k_person_columns) +
           " FROM persons";
}

// ---- supporters -------------------------------------------------------------

constexpr std::string_view k_supporter_columns =
    "external_id, name, name_kana, kind, phone, address, travel_mode, availability, active, "
    "geocode_precision, notes";
constexpr int k_supporter_column_count = 11;

int bind_supporter(sqlite::Statement& st, const Supporter& s) {
    int i = 1;
    st.bind(i++, s.external_id);
    st.bind(i++, s.name);
    st.bind(i++, s.name_kana);
    st.bind(i++, to_db(s.kind));
    st.bind(i++, s.phone);
    st.bind(i++, s.address);
    st.bind(i++, to_db(s.travel_mode));
    st.bind(i++, s.availability);
    st.bind(i++, s.active ? 1 : 0);
    st.bind(i++, to_db(s.geocode_precision));
    st.bind(i++, s.notes);
    return i;
}

Supporter read_supporter(const sqlite::Statement& st) {
    Supporter s;
    int i = 0;
    s.id = st.column_int64(i++);
    s.row_version = st.column_int64(i++);
    s.location = read_point(st, i, i + 1);
    i += 2;
    s.external_id = st.column_text(i++);
    s.name = st.column_text(i++);
    s.name_kana = st.column_text(i++);
    s.kind = enum_col(st, i++, SupporterKind::other);
    s.phone = st.column_text(i++);
    s.address = st.column_text(i++);
    s.travel_mode = enum_col(st, i++, TravelMode::walk);
    s.availability = st.column_text(i++);
    s.active = st.column_int64(i++) != 0;
    s.geocode_precision = enum_col(st, i++, GeocodePrecision::unresolved);
    s.notes = st.column_text(i++);
    return s;
}

std::string supporter_select() {
    return "SELECT id, row_version, X(geom), Y(geom), " + std::string(k_supporter_columns) +
           " FROM supporters";
}

} // namespace

UpsertResult SpatialiteRegistryStore::upsert_person(const Person& person) {
    if (!person.uses_ventilator && !person.home_oxygen)
        throw DataError(ErrorCode::invalid_input,
                        "person " + person.external_id +
                            ": neither a ventilator nor home oxygen is recorded; the registry "
                            "holds medical-device users only");
    return upsert_row(
        m_db, m_audit, "persons", k_person_columns, k_person_column_count, person,
        [&] { return person_by_external_id(person.external_id); }, person_fields(), bind_person);
}

std::optional<Person> SpatialiteRegistryStore::person(RowId id) {
    auto st = m_db.prepare(person_select() + " WHERE id=?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_person(st);
}

std::optional<Person> SpatialiteRegistryStore::person_by_external_id(std::string_view external_id) {
    // Cached: every upsert looks its row up first.
    static const std::string sql = person_select() + " WHERE external_id=?";
    auto& st = m_db.cached(sql);
    st.bind(1, external_id);
    std::optional<Person> found;
    if (st.step()) found = read_person(st);
    st.reset(); // release the read snapshot now, not at the next lookup
    return found;
}

std::vector<Person> SpatialiteRegistryStore::persons(const PersonFilter& f) {
    std::string sql = person_select() + " WHERE 1=1";
    if (f.uses_ventilator)
        sql += *f.uses_ventilator ? " AND uses_ventilator=1" : " AND uses_ventilator=0";
    if (f.home_oxygen) sql += *f.home_oxygen ? " AND home_oxygen=1" : " AND home_oxygen=0";
    if (f.status) sql += " AND status=:status";
    if (!f.town.empty()) sql += " AND town=:town";
    if (f.max_battery_h)
        sql += " AND COALESCE(internal_battery_h,0)+COALESCE(external_battery_h,0) <= :maxh";
    sql += " ORDER BY id";
    if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);
    auto st = m_db.prepare(sql);
    int i = 1;
    if (f.status) st.bind(i++, to_db(*f.status));
    if (!f.town.empty()) st.bind(i++, f.town);
    if (f.max_battery_h) st.bind(i++, *f.max_battery_h);
    std::vector<Person> out;
    while (st.step())
        out.push_back(read_person(st));
    return out;
}

std::int64_t SpatialiteRegistryStore::count_persons() {
    return m_db.query_int64("SELECT COUNT(*) FROM persons").value_or(0);
}

UpsertResult SpatialiteRegistryStore::upsert_supporter(const Supporter& supporter) {
    return upsert_row(
        m_db, m_audit, "supporters", k_supporter_columns, k_supporter_column_count, supporter,
        [&] { return supporter_by_external_id(supporter.external_id); }, supporter_fields(),
        bind_supporter);
}

std::optional<Supporter> SpatialiteRegistryStore::supporter(RowId id) {
    auto st = m_db.prepare(supporter_select() + " WHERE id=?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_supporter(st);
}

std::optional<Supporter>
SpatialiteRegistryStore::supporter_by_external_id(std::string_view external_id) {
    auto st = m_db.prepare(supporter_select() + " WHERE external_id=?");
    st.bind(1, external_id);
    if (!st.step()) return std::nullopt;
    return read_supporter(st);
}

std::vector<Supporter> SpatialiteRegistryStore::supporters() {
    auto st = m_db.prepare(supporter_select() + " ORDER BY id");
    std::vector<Supporter> out;
    while (st.step())
        out.push_back(read_supporter(st));
    return out;
}

std::int64_t SpatialiteRegistryStore::count_supporters() {
    return m_db.query_int64("SELECT COUNT(*) FROM supporters").value_or(0);
}

void SpatialiteRegistryStore::link_supporter(const SupporterLink& link) {
    WriteScope scope(m_db);
    auto existing = m_db.prepare(
        "SELECT role, priority FROM person_supporters WHERE person_id=? AND supporter_id=?");
    existing.bind(1, link.person_id).bind(2, link.supporter_id);
    if (existing.step() && existing.column_text(0) == link.role &&
        existing.column_int(1) == link.priority)
        return;
    m_db.prepare("INSERT INTO person_supporters(person_id, supporter_id, role, priority) "
                 "VALUES (?,?,?,?) ON CONFLICT(person_id, supporter_id) DO UPDATE SET "
                 "role=excluded.role, priority=excluded.priority")
        .bind(1, link.person_id)
        .bind(2, link.supporter_id)
        .bind(3, link.role)
        .bind(4, link.priority)
        .run();
    m_audit.record("link", "person_supporters",
                   std::to_string(link.person_id) + ":" + std::to_string(link.supporter_id),
                   "role: " + link.role + "; priority: " + std::to_string(link.priority));
    scope.commit();
}

std::vector<SupporterLink> SpatialiteRegistryStore::supporter_links(RowId person_id) {
    auto st = m_db.prepare("SELECT person_id, supporter_id, COALESCE(role,''), priority FROM "
                           "person_supporters WHERE person_id=? ORDER BY priority, supporter_id");
    st.bind(1, person_id);
    std::vector<SupporterLink> out;
    while (st.step())
        out.push_back(
            {st.column_int64(0), st.column_int64(1), st.column_text(2), st.column_int(3)});
    return out;
}

void SpatialiteRegistryStore::set_contacts(RowId person_id, const std::vector<Contact>& contacts) {
    auto current = this->contacts(person_id);
    bool same = current.size() == contacts.size();
    for (std::size_t i = 0; same && i < contacts.size(); ++i) {
        Contact c = contacts[i];
        c.id = current[i].id;
        c.person_id = person_id;
        same = c == current[i];
    }
    if (same) return;
    WriteScope scope(m_db);
    m_db.prepare("DELETE FROM contacts WHERE person_id=?").bind(1, person_id).run();
    auto ins = m_db.prepare("INSERT INTO contacts(person_id, kind, organisation, name, phone, fax, "
                            "notes) VALUES (?,?,?,?,?,?,?)");
    std::string kinds;
    for (const auto& c : contacts) {
        ins.reset();
        ins.bind(1, person_id)
            .bind(2, to_db(c.kind))
            .bind(3, c.organisation)
            .bind(4, c.name)
            .bind(5, c.phone)
            .bind(6, c.fax)
            .bind(7, c.notes)
            .run();
        if (!kinds.empty()) kinds += ",";
        kinds += to_db(c.kind);
    }
    m_audit.record("update", "contacts", std::to_string(person_id),
                   std::to_string(contacts.size()) + " contacts: " + kinds);
    scope.commit();
}

std::vector<Contact> SpatialiteRegistryStore::contacts(RowId person_id) {
    auto st = m_db.prepare("SELECT id, person_id, kind, COALESCE(organisation,''), "
                           "COALESCE(name,''), COALESCE(phone,''), COALESCE(fax,''), "
                           "COALESCE(notes,'') FROM contacts WHERE person_id=? ORDER BY id");
    st.bind(1, person_id);
    std::vector<Contact> out;
    while (st.step()) {
        Contact c;
        c.id = st.column_int64(0);
        c.person_id = st.column_int64(1);
        c.kind = parse_enum<ContactKind>(st.column_text(2)).value_or(ContactKind::other);
        c.organisation = st.column_text(3);
        c.name = st.column_text(4);
        c.phone = st.column_text(5);
        c.fax = st.column_text(6);
        c.notes = st.column_text(7);
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace breathline::data::spatialite
