// Incidents, outage areas and safety checks on PostgreSQL/PostGIS: the same
// columns, audit entries and orderings as data/spatialite/incident_store.cpp.
// Checks are append-only: the schema refuses UPDATE, and nothing here deletes.

#include "data/error.h"
#include "data/postgres/pg_stores.h"
#include "data/postgres/pg_upsert.h"
#include "data/spatialite/wkb.h"
#include "data/store/check_rules.h"

#include <string>

namespace breathline::data::pg {

namespace {

constexpr std::string_view k_incident_select =
    "SELECT id, kind, title, onset_at, closed_at, COALESCE(close_summary,''), is_drill, "
    "is_active, COALESCE(evacuation_level,'none'), created_at, row_version FROM incidents";

Incident read_incident(const Result& r, int row) {
    RowReader c(r, row);
    Incident i;
    i.id = c.int64();
    i.kind = parse_incident_kind(c.text()).value_or(IncidentKind::other);
    i.title = c.text();
    i.onset_at = c.text();
    i.closed_at = c.opt_text();
    i.close_summary = c.text();
    i.is_drill = c.flag();
    i.is_active = c.flag();
    i.evacuation_level = parse_evacuation_level_db(c.text()).value_or(EvacuationLevel::none);
    i.created_at = c.text();
    i.row_version = c.int64();
    return i;
}

// Column order shared by INSERT and SELECT of safety_checks.
constexpr std::string_view k_check_columns =
    "incident_id, person_id, checked_at, vent_running, vent_power, circuit_fault, "
    "external_power_left_h, bag_at_hand, caregiver_can_use_bag, vent_other_concern, "
    "generator_h, car_charger_h, bp_systolic, bp_diastolic, pulse_bpm, spo2_pct, temperature_c, "
    "other_condition, anxiety, caregiver_can_continue, caregiver_reason, electricity, gas, water, "
    "suction_rechargeable, suction_foot, oxygen_cylinders, oxygen_hours_usable, "
    "oxygen_cylinder_l, oxygen_fill_ratio, air_mattress, other_devices, notes, judgement, "
    "informed_physician, informed_care_manager, informed_other, future_plan, "
    "checker_affiliation, checker_name";
constexpr int k_check_column_count = 40;

SafetyCheck read_check(const Result& r, int row) {
    RowReader rd(r, row);
    SafetyCheck c;
    c.id = rd.int64();
    c.recorded_at = rd.text();
    c.incident_id = rd.int64();
    c.person_id = rd.int64();
    c.checked_at = rd.text();
    c.vent_running = rd.opt_flag();
    if (auto p = rd.opt_text()) c.vent_power = parse_ventilator_power(*p);
    c.circuit_fault = rd.opt_flag();
    c.external_power_left_h = rd.opt_dbl();
    c.bag_at_hand = rd.opt_flag();
    c.caregiver_can_use_bag = rd.opt_flag();
    c.vent_other_concern = rd.text();
    c.generator_h = rd.opt_dbl();
    c.car_charger_h = rd.opt_dbl();
    c.bp_systolic = rd.opt_int();
    c.bp_diastolic = rd.opt_int();
    c.pulse_bpm = rd.opt_int();
    c.spo2_pct = rd.opt_int();
    c.temperature_c = rd.opt_dbl();
    c.other_condition = rd.text();
    c.anxiety = rd.text();
    c.caregiver_can_continue = rd.opt_flag();
    c.caregiver_reason = rd.text();
    c.electricity = rd.text();
    c.gas = rd.text();
    c.water = rd.text();
    c.suction_rechargeable = rd.opt_flag();
    c.suction_foot = rd.opt_flag();
    c.oxygen_cylinders = rd.opt_int();
    c.oxygen_hours_usable = rd.opt_dbl();
    c.oxygen_cylinder_l = rd.opt_dbl();
    c.oxygen_fill_ratio = rd.opt_dbl();
    c.air_mattress = rd.text();
    c.other_devices = rd.text();
    c.notes = rd.text();
    if (auto j = rd.opt_text()) c.judgement = parse_judgement(*j);
    c.informed_physician = rd.opt_flag();
    c.informed_care_manager = rd.opt_flag();
    c.informed_other = rd.text();
    c.future_plan = rd.text();
    c.checker_affiliation = rd.text();
    c.checker_name = rd.text();
    return c;
}

std::string check_select() {
    return "SELECT id, recorded_at, " + std::string(k_check_columns) + " FROM safety_checks";
}

std::vector<SafetyCheck> read_checks(const Result& r) {
    std::vector<SafetyCheck> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(read_check(r, i));
    return out;
}

// Empty text is stored as NULL so that "not filled in" reads the same either way.
std::optional<std::string> text_or_null(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return s;
}

std::optional<std::string> db_name(const auto& value) {
    if (!value) return std::nullopt;
    return std::string(to_db(*value));
}

} // namespace

RowId PgIncidentStore::declare_incident(const Incident& incident) {
    WriteScope scope(m_s.conn);
    if (incident.is_active)
        m_s.conn.exec("UPDATE incidents SET is_active=0, row_version=row_version+1 "
                      "WHERE is_active=1");
    const RowId id =
        m_s.conn
            .query_int64("INSERT INTO incidents(kind, title, onset_at, closed_at, close_summary, "
                         "is_drill, is_active, evacuation_level) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) "
                         "RETURNING id",
                         Params()
                             .add(to_db(incident.kind))
                             .add(incident.title)
                             .add(incident.onset_at)
                             .add(incident.closed_at)
                             .add(text_or_null(incident.close_summary))
                             .add(b01(incident.is_drill))
                             .add(b01(incident.is_active))
                             .add(to_db(incident.evacuation_level)))
            .value_or(0);
    m_audit.record("declare", "incidents", std::to_string(id),
                   std::string(to_db(incident.kind)) + (incident.is_drill ? " drill" : "") +
                       " onset " + incident.onset_at + (incident.is_active ? ", active" : ""));
    scope.commit();
    return id;
}

std::optional<Incident> PgIncidentStore::incident(RowId id) {
    const Result r =
        m_s.conn.query(std::string(k_incident_select) + " WHERE id=$1", Params().add(id));
    if (r.rows() == 0) return std::nullopt;
    return read_incident(r, 0);
}

std::vector<Incident> PgIncidentStore::incidents(bool include_closed) {
    const Result r =
        m_s.conn.query(std::string(k_incident_select) +
                       (include_closed ? "" : " WHERE closed_at IS NULL") + " ORDER BY id");
    std::vector<Incident> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(read_incident(r, i));
    return out;
}

std::optional<Incident> PgIncidentStore::active_incident() {
    const Result r = m_s.conn.query(std::string(k_incident_select) + " WHERE is_active=1");
    if (r.rows() == 0) return std::nullopt;
    return read_incident(r, 0);
}

bool PgIncidentStore::activate_incident(RowId id) {
    const auto existing = incident(id);
    if (!existing) return false;
    if (existing->closed_at)
        throw DataError(ErrorCode::invalid_input, "incident " + std::to_string(id) +
                                                      " was closed at " + *existing->closed_at +
                                                      "; a closed incident cannot be made active");
    if (existing->is_active) return true;
    WriteScope scope(m_s.conn);
    m_s.conn.exec("UPDATE incidents SET is_active=0, row_version=row_version+1 WHERE is_active=1");
    m_s.conn.query("UPDATE incidents SET is_active=1, row_version=row_version+1 WHERE id=$1",
                   Params().add(id));
    m_audit.record("activate", "incidents", std::to_string(id), "made the active incident");
    scope.commit();
    return true;
}

bool PgIncidentStore::close_incident(RowId id, const std::string& closed_at,
                                     const std::string& summary) {
    WriteScope scope(m_s.conn);
    const Result r =
        m_s.conn.query("UPDATE incidents SET closed_at=$1, close_summary=$2, is_active=0, "
                       "row_version=row_version+1 WHERE id=$3 AND closed_at IS NULL",
                       Params().add(closed_at).add(summary).add(id));
    if (r.affected() == 0) return false;
    m_audit.record("close", "incidents", std::to_string(id), "closed at " + closed_at);
    scope.commit();
    return true;
}

bool PgIncidentStore::set_evacuation_level(RowId id, EvacuationLevel level) {
    WriteScope scope(m_s.conn);
    const Result r = m_s.conn.query(
        "UPDATE incidents SET evacuation_level=$1, row_version=row_version+1 WHERE id=$2",
        Params().add(to_db(level)).add(id));
    if (r.affected() == 0) return false;
    m_audit.record("update", "incidents", std::to_string(id),
                   "evacuation_level: " + std::string(to_db(level)));
    scope.commit();
    return true;
}

RowId PgIncidentStore::add_outage_area(const OutageArea& area) {
    if (area.area.parts.empty())
        throw DataError(ErrorCode::invalid_input,
                        "outage area '" + area.name + "': the area has no polygon");
    const std::string wkb = spatialite::wkb_multipolygon(area.area);
    RowId id = 0;
    try {
        WriteScope scope(m_s.conn);
        id = m_s.conn
                 .query_int64("INSERT INTO outage_areas(incident_id, name, starts_at, "
                              "restored_at, geom) VALUES ($1,$2,$3,$4,"
                              "ST_Multi(ST_GeomFromWKB(decode($5, 'hex'), 4326))) RETURNING id",
                              Params()
                                  .add(area.incident_id)
                                  .add(area.name)
                                  .add(area.starts_at)
                                  .add(area.restored_at)
                                  .add(to_hex(wkb)))
                 .value_or(0);
        m_audit.record("create", "outage_areas", std::to_string(id),
                       "incident " + std::to_string(area.incident_id) + ", from " + area.starts_at);
        scope.commit();
    } catch (const DataError& e) {
        // PostGIS rejects a broken WKB with an error where SpatiaLite stores NULL.
        if (e.code() == ErrorCode::sql)
            throw DataError(ErrorCode::invalid_input,
                            "outage area '" + area.name + "': the geometry is not a valid polygon");
        throw;
    }
    return id;
}

std::vector<OutageArea> PgIncidentStore::outage_areas(RowId incident_id) {
    const Result r = m_s.conn.query(
        "SELECT id, incident_id, name, starts_at, restored_at, "
        "encode(ST_AsBinary(geom, 'NDR'), 'hex') FROM outage_areas WHERE incident_id=$1 "
        "ORDER BY id",
        Params().add(incident_id));
    std::vector<OutageArea> out;
    for (int i = 0; i < r.rows(); ++i) {
        RowReader c(r, i);
        OutageArea a;
        a.id = c.int64();
        a.incident_id = c.int64();
        a.name = c.text();
        a.starts_at = c.text();
        a.restored_at = c.opt_text();
        if (auto hex = c.opt_text()) a.area = spatialite::parse_wkb_multipolygon(from_hex(*hex));
        out.push_back(std::move(a));
    }
    return out;
}

bool PgIncidentStore::restore_outage_area(RowId id, const std::string& restored_at) {
    WriteScope scope(m_s.conn);
    const Result r =
        m_s.conn.query("UPDATE outage_areas SET restored_at=$1 WHERE id=$2 AND restored_at IS NULL",
                       Params().add(restored_at).add(id));
    if (r.affected() == 0) return false;
    m_audit.record("restore", "outage_areas", std::to_string(id), "restored at " + restored_at);
    scope.commit();
    return true;
}

RowId PgIncidentStore::record_check(const SafetyCheck& c) {
    require_recordable_check(
        c, incident(c.incident_id),
        m_s.conn.query_int64("SELECT COUNT(*) FROM " + m_s.rel("persons") + " WHERE id=$1",
                             Params().add(c.person_id))
                .value_or(0) > 0);
    Params q;
    q.add(c.incident_id);
    q.add(c.person_id);
    q.add(c.checked_at);
    q.add(b01(c.vent_running));
    q.add(db_name(c.vent_power));
    q.add(b01(c.circuit_fault));
    q.add(c.external_power_left_h);
    q.add(b01(c.bag_at_hand));
    q.add(b01(c.caregiver_can_use_bag));
    q.add(text_or_null(c.vent_other_concern));
    q.add(c.generator_h);
    q.add(c.car_charger_h);
    q.add(c.bp_systolic);
    q.add(c.bp_diastolic);
    q.add(c.pulse_bpm);
    q.add(c.spo2_pct);
    q.add(c.temperature_c);
    q.add(text_or_null(c.other_condition));
    q.add(text_or_null(c.anxiety));
    q.add(b01(c.caregiver_can_continue));
    q.add(text_or_null(c.caregiver_reason));
    q.add(text_or_null(c.electricity));
    q.add(text_or_null(c.gas));
    q.add(text_or_null(c.water));
    q.add(b01(c.suction_rechargeable));
    q.add(b01(c.suction_foot));
    q.add(c.oxygen_cylinders);
    q.add(c.oxygen_hours_usable);
    q.add(c.oxygen_cylinder_l);
    q.add(c.oxygen_fill_ratio);
    q.add(text_or_null(c.air_mattress));
    q.add(text_or_null(c.other_devices));
    q.add(text_or_null(c.notes));
    q.add(db_name(c.judgement));
    q.add(b01(c.informed_physician));
    q.add(b01(c.informed_care_manager));
    q.add(text_or_null(c.informed_other));
    q.add(text_or_null(c.future_plan));
    q.add(text_or_null(c.checker_affiliation));
    q.add(text_or_null(c.checker_name));
    WriteScope scope(m_s.conn);
    const RowId id = m_s.conn
                         .query_int64("INSERT INTO safety_checks(" + std::string(k_check_columns) +
                                          ") VALUES (" + placeholders(1, k_check_column_count) +
                                          ") RETURNING id",
                                      q)
                         .value_or(0);
    // The summary carries the judgement, never a name or vital signs.
    m_audit.record("record", "safety_checks", std::to_string(id),
                   "incident " + std::to_string(c.incident_id) + ", person " +
                       std::to_string(c.person_id) + ", checked " + c.checked_at +
                       (c.judgement ? ", " + std::string(to_db(*c.judgement)) : ""));
    scope.commit();
    return id;
}

std::vector<SafetyCheck> PgIncidentStore::check_history(RowId person_id) {
    return read_checks(
        m_s.conn.query(check_select() + " WHERE person_id=$1 ORDER BY checked_at COLLATE \"C\", id",
                       Params().add(person_id)));
}

std::optional<SafetyCheck> PgIncidentStore::latest_check(RowId incident_id, RowId person_id) {
    const Result r =
        m_s.conn.query(check_select() + " WHERE incident_id=$1 AND person_id=$2 ORDER BY "
                                        "checked_at COLLATE \"C\" DESC, id DESC LIMIT 1",
                       Params().add(incident_id).add(person_id));
    if (r.rows() == 0) return std::nullopt;
    return read_check(r, 0);
}

std::vector<SafetyCheck> PgIncidentStore::latest_checks(RowId incident_id) {
    // The newest row per person by (checked_at, id).
    return read_checks(m_s.conn.query("SELECT DISTINCT ON (person_id) id, recorded_at, " +
                                          std::string(k_check_columns) +
                                          " FROM safety_checks WHERE incident_id=$1 ORDER BY "
                                          "person_id, checked_at COLLATE \"C\" DESC, id "
                                          "DESC",
                                      Params().add(incident_id)));
}

} // namespace breathline::data::pg
