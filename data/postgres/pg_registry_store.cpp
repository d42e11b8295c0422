// Persons, supporters, their links and contacts on PostgreSQL: the same
// columns, audit entries and ordering as data/spatialite/registry_store.cpp.

#include "data/error.h"
#include "data/postgres/pg_stores.h"
#include "data/postgres/pg_upsert.h"

namespace breathline::data::pg {

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

void bind_person(Params& q, const Person& p) {
    q.add(p.external_id);
    q.add(p.name);
    q.add(p.name_kana);
    q.add(to_db(p.sex));
    q.add(p.birth_date);
    q.add(p.postal_code);
    q.add(p.address);
    q.add(p.address_normalized);
    q.add(p.town);
    q.add(p.phone_home);
    q.add(p.phone_mobile);
    q.add(p.disease);
    q.add(p.care_situation);
    q.add(b01(p.uses_ventilator));
    if (p.ventilator_mode)
        q.add(to_db(*p.ventilator_mode));
    else
        q.add_null();
    q.add(p.ventilator_hours_per_day);
    q.add(p.ventilator_model);
    q.add(b01(p.internal_battery));
    q.add(p.internal_battery_h);
    q.add(b01(p.external_battery));
    q.add(p.external_battery_h);
    q.add(b01(p.suction_internal_battery));
    q.add(b01(p.suction_non_electric));
    q.add(b01(p.resuscitation_bag));
    q.add(b01(p.home_oxygen));
    q.add(p.oxygen_flow_l_min);
    q.add(p.oxygen_hours_per_day);
    q.add(b01(p.infusion_pump));
    q.add(b01(p.pulse_oximeter));
    q.add(b01(p.low_pressure_suction));
    q.add(b01(p.inhaler));
    q.add(to_db(p.tube_feeding));
    q.add(b01(p.cough_assist));
    q.add(b01(p.air_mattress));
    q.add(p.consent_scope);
    q.add(p.consent_date);
    q.add(p.consent_signed_by);
    q.add(b01(p.power_company_registered));
    q.add(b01(p.svc_care_insurance));
    q.add(b01(p.svc_intractable_disease));
    q.add(b01(p.svc_disability_welfare));
    q.add(b01(p.svc_pediatric_chronic));
    q.add(b01(p.svc_severe_disability_visit));
    q.add(p.disability_certificate_grade);
    q.add(p.svc_other);
    q.add(p.disaster_concerns);
    q.add(to_db(p.status));
    q.add(to_db(p.geocode_precision));
    q.add(p.notes);
}

Person read_person(const Result& r, int row) {
    RowReader c(r, row);
    Person p;
    p.id = c.int64();
    p.row_version = c.int64();
    p.location = c.point();
    p.external_id = c.text();
    p.name = c.text();
    p.name_kana = c.text();
    p.sex = c.enum_or(Sex::unknown);
    p.birth_date = c.opt_text();
    p.postal_code = c.text();
    p.address = c.text();
    p.address_normalized = c.text();
    p.town = c.text();
    p.phone_home = c.text();
    p.phone_mobile = c.text();
    p.disease = c.text();
    p.care_situation = c.text();
    p.uses_ventilator = c.flag();
    if (auto mode = c.opt_text()) p.ventilator_mode = parse_enum<VentilatorMode>(*mode);
    p.ventilator_hours_per_day = c.opt_dbl();
    p.ventilator_model = c.text();
    p.internal_battery = c.opt_flag();
    p.internal_battery_h = c.opt_dbl();
    p.external_battery = c.opt_flag();
    p.external_battery_h = c.opt_dbl();
    p.suction_internal_battery = c.opt_flag();
    p.suction_non_electric = c.opt_flag();
    p.resuscitation_bag = c.opt_flag();
    p.home_oxygen = c.flag();
    p.oxygen_flow_l_min = c.opt_dbl();
    p.oxygen_hours_per_day = c.opt_dbl();
    p.infusion_pump = c.flag();
    p.pulse_oximeter = c.flag();
    p.low_pressure_suction = c.flag();
    p.inhaler = c.flag();
    p.tube_feeding = c.enum_or(TubeFeeding::none);
    p.cough_assist = c.flag();
    p.air_mattress = c.flag();
    p.consent_scope = c.text();
    p.consent_date = c.opt_text();
    p.consent_signed_by = c.text();
    p.power_company_registered = c.opt_flag();
    p.svc_care_insurance = c.flag();
    p.svc_intractable_disease = c.flag();
    p.svc_disability_welfare = c.flag();
    p.svc_pediatric_chronic = c.flag();
    p.svc_severe_disability_visit = c.flag();
    p.disability_certificate_grade = c.opt_int();
    p.svc_other = c.text();
    p.disaster_concerns = c.text();
    p.status = c.enum_or(PersonStatus::active);
    p.geocode_precision = c.enum_or(GeocodePrecision::unresolved);
    p.notes = c.text();
    return p;
}

std::string person_select(const PgSession& s) {
    return "SELECT id, row_version, ST_X(geom), ST_Y(geom), " + std::string(k_person_columns) +
           " FROM " + s.rel("persons");
}

// ---- supporters -------------------------------------------------------------

constexpr std::string_view k_supporter_columns =
    "external_id, name, name_kana, kind, phone, address, travel_mode, availability, active, "
    "geocode_precision, notes";
constexpr int k_supporter_column_count = 11;

void bind_supporter(Params& q, const Supporter& s) {
    q.add(s.external_id);
    q.add(s.name);
    q.add(s.name_kana);
    q.add(to_db(s.kind));
    q.add(s.phone);
    q.add(s.address);
    q.add(to_db(s.travel_mode));
    q.add(s.availability);
    q.add(b01(s.active));
    q.add(to_db(s.geocode_precision));
    q.add(s.notes);
}

Supporter read_supporter(const Result& r, int row) {
    RowReader c(r, row);
    Supporter s;
    s.id = c.int64();
    s.row_version = c.int64();
    s.location = c.point();
    s.external_id = c.text();
    s.name = c.text();
    s.name_kana = c.text();
    s.kind = c.enum_or(SupporterKind::other);
    s.phone = c.text();
    s.address = c.text();
    s.travel_mode = c.enum_or(TravelMode::walk);
    s.availability = c.text();
    s.active = c.flag();
    s.geocode_precision = c.enum_or(GeocodePrecision::unresolved);
    s.notes = c.text();
    return s;
}

std::string supporter_select(const PgSession& s) {
    return "SELECT id, row_version, ST_X(geom), ST_Y(geom), " + std::string(k_supporter_columns) +
           " FROM " + s.rel("supporters");
}

} // namespace

UpsertResult PgRegistryStore::upsert_person(const Person& person) {
    if (!person.uses_ventilator && !person.home_oxygen)
        throw DataError(ErrorCode::invalid_input,
                        "person " + person.external_id +
                            ": neither a ventilator nor home oxygen is recorded; the registry "
                            "holds medical-device users only");
    return upsert_row(m_s, m_audit, "persons", k_person_columns, k_person_column_count, person,
                      person_by_external_id(person.external_id), person_fields(), bind_person);
}

std::optional<Person> PgRegistryStore::person(RowId id) {
    const Result r = m_s.conn.query(person_select(m_s) + " WHERE id=$1", Params().add(id));
    if (r.rows() == 0) return std::nullopt;
    return read_person(r, 0);
}

std::optional<Person> PgRegistryStore::person_by_external_id(std::string_view external_id) {
    const Result r =
        m_s.conn.query(person_select(m_s) + " WHERE external_id=$1", Params().add(external_id));
    if (r.rows() == 0) return std::nullopt;
    return read_person(r, 0);
}

std::vector<Person> PgRegistryStore::persons(const PersonFilter& f) {
    std::string sql = person_select(m_s) + " WHERE 1=1";
    Params q;
    int n = 1;
    if (f.uses_ventilator)
        sql += *f.uses_ventilator ? " AND uses_ventilator=1" : " AND uses_ventilator=0";
    if (f.home_oxygen) sql += *f.home_oxygen ? " AND home_oxygen=1" : " AND home_oxygen=0";
    if (f.status) {
        sql += " AND status=$" + std::to_string(n++);
        q.add(to_db(*f.status));
    }
    if (!f.town.empty()) {
        sql += " AND town=$" + std::to_string(n++);
        q.add(f.town);
    }
    if (f.max_battery_h) {
        sql += " AND COALESCE(internal_battery_h,0)+COALESCE(external_battery_h,0) <= $" +
               std::to_string(n++) + "::float8";
        q.add(*f.max_battery_h);
    }
    sql += " ORDER BY id";
    if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);
    const Result r = m_s.conn.query(sql, q);
    std::vector<Person> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(read_person(r, i));
    return out;
}

std::int64_t PgRegistryStore::count_persons() {
    return m_s.conn.query_int64("SELECT COUNT(*) FROM " + m_s.rel("persons")).value_or(0);
}

UpsertResult PgRegistryStore::upsert_supporter(const Supporter& supporter) {
    return upsert_row(m_s, m_audit, "supporters", k_supporter_columns, k_supporter_column_count,
                      supporter, supporter_by_external_id(supporter.external_id),
                      supporter_fields(), bind_supporter);
}

std::optional<Supporter> PgRegistryStore::supporter(RowId id) {
    const Result r = m_s.conn.query(supporter_select(m_s) + " WHERE id=$1", Params().add(id));
    if (r.rows() == 0) return std::nullopt;
    return read_supporter(r, 0);
}

std::optional<Supporter> PgRegistryStore::supporter_by_external_id(std::string_view external_id) {
    const Result r =
        m_s.conn.query(supporter_select(m_s) + " WHERE external_id=$1", Params().add(external_id));
    if (r.rows() == 0) return std::nullopt;
    return read_supporter(r, 0);
}

std::vector<Supporter> PgRegistryStore::supporters() {
    const Result r = m_s.conn.query(supporter_select(m_s) + " ORDER BY id");
    std::vector<Supporter> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(read_supporter(r, i));
    return out;
}

std::int64_t PgRegistryStore::count_supporters() {
    return m_s.conn.query_int64("SELECT COUNT(*) FROM " + m_s.rel("supporters")).value_or(0);
}

void PgRegistryStore::link_supporter(const SupporterLink& link) {
    WriteScope scope(m_s.conn);
    const Result existing = m_s.conn.query(
        "SELECT COALESCE(role,''), priority FROM person_supporters WHERE person_id=$1 AND "
        "supporter_id=$2",
        Params().add(link.person_id).add(link.supporter_id));
    if (existing.rows() > 0 && existing.text(0, 0) == link.role &&
        existing.int64(0, 1) == link.priority)
        return;
    m_s.conn.query(
        "INSERT INTO person_supporters(person_id, supporter_id, role, priority) "
        "VALUES ($1,$2,$3,$4) ON CONFLICT(person_id, supporter_id) DO UPDATE SET "
        "role=excluded.role, priority=excluded.priority",
        Params().add(link.person_id).add(link.supporter_id).add(link.role).add(link.priority));
    m_audit.record("link", "person_supporters",
                   std::to_string(link.person_id) + ":" + std::to_string(link.supporter_id),
                   "role: " + link.role + "; priority: " + std::to_string(link.priority));
    scope.commit();
}

std::vector<SupporterLink> PgRegistryStore::supporter_links(RowId person_id) {
    const Result r =
        m_s.conn.query("SELECT person_id, supporter_id, COALESCE(role,''), priority FROM "
                       "person_supporters WHERE person_id=$1 ORDER BY priority, supporter_id",
                       Params().add(person_id));
    std::vector<SupporterLink> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.int64(i, 0), r.int64(i, 1), r.text(i, 2), r.int32(i, 3)});
    return out;
}

void PgRegistryStore::set_contacts(RowId person_id, const std::vector<Contact>& contacts) {
    auto current = this->contacts(person_id);
    bool same = current.size() == contacts.size();
    for (std::size_t i = 0; same && i < contacts.size(); ++i) {
        Contact c = contacts[i];
        c.id = current[i].id;
        c.person_id = person_id;
        same = c == current[i];
    }
    if (same) return;
    WriteScope scope(m_s.conn);
    m_s.conn.query("DELETE FROM contacts WHERE person_id=$1", Params().add(person_id));
    std::string kinds;
    for (const auto& c : contacts) {
        m_s.conn.query("INSERT INTO contacts(person_id, kind, organisation, name, phone, fax, "
                       "notes) VALUES ($1,$2,$3,$4,$5,$6,$7)",
                       Params()
                           .add(person_id)
                           .add(to_db(c.kind))
                           .add(c.organisation)
                           .add(c.name)
                           .add(c.phone)
                           .add(c.fax)
                           .add(c.notes));
        if (!kinds.empty()) kinds += ",";
        kinds += to_db(c.kind);
    }
    m_audit.record("update", "contacts", std::to_string(person_id),
                   std::to_string(contacts.size()) + " contacts: " + kinds);
    scope.commit();
}

std::vector<Contact> PgRegistryStore::contacts(RowId person_id) {
    const Result r =
        m_s.conn.query("SELECT id, person_id, kind, COALESCE(organisation,''), COALESCE(name,''), "
                       "COALESCE(phone,''), COALESCE(fax,''), COALESCE(notes,'') FROM " +
                           m_s.rel("contacts") + " WHERE person_id=$1 ORDER BY id",
                       Params().add(person_id));
    std::vector<Contact> out;
    for (int i = 0; i < r.rows(); ++i) {
        RowReader c(r, i);
        Contact x;
        x.id = c.int64();
        x.person_id = c.int64();
        x.kind = c.enum_or(ContactKind::other);
        x.organisation = c.text();
        x.name = c.text();
        x.phone = c.text();
        x.fax = c.text();
        x.notes = c.text();
        out.push_back(std::move(x));
    }
    return out;
}

} // namespace breathline::data::pg
