// Incidents, outage areas and safety checks (migrations 3 and 8). Checks are
// append-only: the schema's trigger refuses UPDATE, and nothing here deletes.

#include "data/error.h"
#include "data/spatialite/spatialite_store.h"
#include "data/spatialite/wkb.h"
#include "data/store/check_rules.h"

#include <string>

namespace breathline::data::spatialite {

namespace {

constexpr std::string_view k_incident_select =
    "SELECT id, kind, title, onset_at, closed_at, COALESCE(close_summary,''), is_drill, "
    "is_active, COALESCE(evacuation_level,'none'), created_at, row_version FROM incidents";

Incident read_incident(const sqlite::Statement& st) {
    Incident i;
    i.id = st.column_int64(0);
    i.kind = parse_incident_kind(st.column_text(1)).value_or(IncidentKind::other);
    i.title = st.column_text(2);
    i.onset_at = st.column_text(3);
    i.closed_at = st.column_opt_text(4);
    i.close_summary = st.column_text(5);
    i.is_drill = st.column_int64(6) != 0;
    i.is_active = st.column_int64(7) != 0;
    i.evacuation_level =
        parse_evacuation_level_db(st.column_text(8)).value_or(EvacuationLevel::none);
    i.created_at = st.column_text(9);
    i.row_version = st.column_int64(10);
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

std::optional<int> opt_int(const sqlite::Statement& st, int col) {
    if (st.is_null(col)) return std::nullopt;
    return st.column_int(col);
}

SafetyCheck read_check(const sqlite::Statement& st) {
    SafetyCheck c;
    int col = 0;
    c.id = st.column_int64(col++);
    c.recorded_at = st.column_text(col++);
    c.incident_id = st.column_int64(col++);
    c.person_id = st.column_int64(col++);
    c.checked_at = st.column_text(col++);
    c.vent_running = st.column_opt_bool(col++);
    if (auto p = st.column_opt_text(col++)) c.vent_power = parse_ventilator_power(*p);
    c.circuit_fault = st.column_opt_bool(col++);
    c.external_power_left_h = st.column_opt_double(col++);
    c.bag_at_hand = st.column_opt_bool(col++);
    c.caregiver_can_use_bag = st.column_opt_bool(col++);
    c.vent_other_concern = st.column_text(col++);
    c.generator_h = st.column_opt_double(col++);
    c.car_charger_h = st.column_opt_double(col++);
    c.bp_systolic = opt_int(st, col++);
    c.bp_diastolic = opt_int(st, col++);
    c.pulse_bpm = opt_int(st, col++);
    c.spo2_pct = opt_int(st, col++);
    c.temperature_c = st.column_opt_double(col++);
    c.other_condition = st.column_text(col++);
    c.anxiety = st.column_text(col++);
    c.caregiver_can_continue = st.column_opt_bool(col++);
    c.caregiver_reason = st.column_text(col++);
    c.electricity = st.column_text(col++);
    c.gas = st.column_text(col++);
    c.water = st.column_text(col++);
    c.suction_rechargeable = st.column_opt_bool(col++);
    c.suction_foot = st.column_opt_bool(col++);
    c.oxygen_cylinders = opt_int(st, col++);
    c.oxygen_hours_usable = st.column_opt_double(col++);
    c.oxygen_cylinder_l = st.column_opt_double(col++);
    c.oxygen_fill_ratio = st.column_opt_double(col++);
    c.air_mattress = st.column_text(col++);
    c.other_devices = st.column_text(col++);
    c.notes = st.column_text(col++);
    if (auto j = st.column_opt_text(col++)) c.judgement = parse_judgement(*j);
    c.informed_physician = st.column_opt_bool(col++);
    c.informed_care_manager = st.column_opt_bool(col++);
    c.informed_other = st.column_text(col++);
    c.future_plan = st.column_text(col++);
    c.checker_affiliation = st.column_text(col++);
    c.checker_name = st.column_text(col++);
    return c;
}

std::string check_select() {
    return "SELECT id, recorded_at, " + std::string(k_check_columns) + " FROM safety_checks";
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

RowId SpatialiteIncidentStore::declare_incident(const Incident& incident) {
    WriteScope scope(m_db);
    if (incident.is_active)
        m_db.exec("UPDATE incidents SET is_active=0, row_version=row_version+1 "
                  "WHERE is_active=1;");
    m_db.prepare("INSERT INTO incidents(kind, title, onset_at, closed_at, close_summary, is_drill, "
                 "is_active, evacuation_level) VALUES (?,?,?,?,?,?,?,?)")
        .bind(1, to_db(incident.kind))
        .bind(2, incident.title)
        .bind(3, incident.onset_at)
        .bind(4, incident.closed_at)
        .bind(5, text_or_null(incident.close_summary))
        .bind(6, std::int64_t{incident.is_drill ? 1 : 0})
        .bind(7, std::int64_t{incident.is_active ? 1 : 0})
        .bind(8, to_db(incident.evacuation_level))
        .run();
    const RowId id = m_db.last_insert_rowid();
    m_audit.record("declare", "incidents", std::to_string(id),
                   std::string(to_db(incident.kind)) + (incident.is_drill ? " drill" : "") +
                       " onset " + incident.onset_at + (incident.is_active ? ", active" : ""));
    scope.commit();
    return id;
}

std::optional<Incident> SpatialiteIncidentStore::incident(RowId id) {
    auto st = m_db.prepare(std::string(k_incident_select) + " WHERE id=?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_incident(st);
}

std::vector<Incident> SpatialiteIncidentStore::incidents(bool include_closed) {
    auto st = m_db.prepare(std::string(k_incident_select) +
                           (include_closed ? "" : " WHERE closed_at IS NULL") + " ORDER BY id");
    std::vector<Incident> out;
    while (st.step())
        out.push_back(read_incident(st));
    return out;
}

std::optional<Incident> SpatialiteIncidentStore::active_incident() {
    auto st = m_db.prepare(std::string(k_incident_select) + " WHERE is_active=1");
    if (!st.step()) return std::nullopt;
    return read_incident(st);
}

bool SpatialiteIncidentStore::activate_incident(RowId id) {
    const auto existing = incident(id);
    if (!existing) return false;
    if (existing->closed_at)
        throw DataError(ErrorCode::invalid_input, "incident " + std::to_string(id) +
                                                      " was closed at " + *existing->closed_at +
                                                      "; a closed incident cannot be made active");
    if (existing->is_active) return true;
    WriteScope scope(m_db);
    m_db.exec("UPDATE incidents SET is_active=0, row_version=row_version+1 WHERE is_active=1;");
    m_db.prepare("UPDATE incidents SET is_active=1, row_version=row_version+1 WHERE id=?")
        .bind(1, id)
        .run();
    m_audit.record("activate", "incidents", std::to_string(id), "made the active incident");
    scope.commit();
    return true;
}

bool SpatialiteIncidentStore::close_incident(RowId id, const std::string& closed_at,
                                             const std::string& summary) {
    WriteScope scope(m_db);
    auto st = m_db.prepare("UPDATE incidents SET closed_at=?, close_summary=?, is_active=0, "
                           "row_version=row_version+1 WHERE id=? AND closed_at IS NULL");
    st.bind(1, closed_at).bind(2, summary).bind(3, id).run();
    if (m_db.changes() == 0) return false;
    m_audit.record("close", "incidents", std::to_string(id), "closed at " + closed_at);
    scope.commit();
    return true;
}

bool SpatialiteIncidentStore::set_evacuation_level(RowId id, EvacuationLevel level) {
    WriteScope scope(m_db);
    m_db.prepare("UPDATE incidents SET evacuation_level=?, row_version=row_version+1 WHERE id=?")
        .bind(1, to_db(level))
        .bind(2, id)
        .run();
    if (m_db.changes() == 0) return false;
    m_audit.record("update", "incidents", std::to_string(id),
                   "evacuation_level: " + std::string(to_db(level)));
    scope.commit();
    return true;
}

RowId SpatialiteIncidentStore::add_outage_area(const OutageArea& area) {
    if (area.area.parts.empty())
        throw DataError(ErrorCode::invalid_input,
                        "outage area '" + area.name + "': the area has no polygon");
    const std::string wkb = wkb_multipolygon(area.area);
    WriteScope scope(m_db);
    m_db.prepare("INSERT INTO outage_areas(incident_id, name, starts_at, restored_at, geom) "
                 "VALUES (?,?,?,?,CastToMultiPolygon(GeomFromWKB(?, 4326)))")
        .bind(1, area.incident_id)
        .bind(2, area.name)
        .bind(3, area.starts_at)
        .bind(4, area.restored_at)
        .bind_blob(5, wkb.data(), static_cast<int>(wkb.size()))
        .run();
    const RowId id = m_db.last_insert_rowid();
    if (m_db.query_int64("SELECT geom IS NULL FROM outage_areas WHERE id=" + std::to_string(id))
            .value_or(1) != 0)
        throw DataError(ErrorCode::invalid_input,
                        "outage area '" + area.name + "': the geometry is not a valid polygon");
    m_audit.record("create", "outage_areas", std::to_string(id),
                   "incident " + std::to_string(area.incident_id) + ", from " + area.starts_at);
    scope.commit();
    return id;
}

std::vector<OutageArea> SpatialiteIncidentStore::outage_areas(RowId incident_id) {
    auto st = m_db.prepare("SELECT id, incident_id, name, starts_at, restored_at, AsBinary(geom) "
                           "FROM outage_areas WHERE incident_id=? ORDER BY id");
    st.bind(1, incident_id);
    std::vector<OutageArea> out;
    while (st.step()) {
        OutageArea a;
        a.id = st.column_int64(0);
        a.incident_id = st.column_int64(1);
        a.name = st.column_text(2);
        a.starts_at = st.column_text(3);
        a.restored_at = st.column_opt_text(4);
        if (!st.is_null(5)) a.area = parse_wkb_multipolygon(st.column_text(5));
        out.push_back(std::move(a));
    }
    return out;
}

bool SpatialiteIncidentStore::restore_outage_area(RowId id, const std::string& restored_at) {
    WriteScope scope(m_db);
    m_db.prepare("UPDATE outage_areas SET restored_at=? WHERE id=? AND restored_at IS NULL")
        .bind(1, restored_at)
        .bind(2, id)
        .run();
    if (m_db.changes() == 0) return false;
    m_audit.record("restore", "outage_areas", std::to_string(id), "restored at " + restored_at);
    scope.commit();
    return true;
}

RowId SpatialiteIncidentStore::record_check(const SafetyCheck& c) {
    require_recordable_check(
        c, incident(c.incident_id),
        m_db.query_int64("SELECT COUNT(*) FROM persons WHERE id=" + std::to_string(c.person_id))
                .value_or(0) > 0);
    std::string placeholders;
    for (int i = 0; i < k_check_column_count; ++i)
        placeholders += i == 0 ? "?" : ",?";
    WriteScope scope(m_db);
    auto st = m_db.prepare("INSERT INTO safety_checks(" + std::string(k_check_columns) +
                           ") VALUES (" + placeholders + ")");
    int i = 1;
    st.bind(i++, c.incident_id);
    st.bind(i++, c.person_id);
    st.bind(i++, c.checked_at);
    st.bind(i++, c.vent_running);
    st.bind(i++, db_name(c.vent_power));
    st.bind(i++, c.circuit_fault);
    st.bind(i++, c.external_power_left_h);
    st.bind(i++, c.bag_at_hand);
    st.bind(i++, c.caregiver_can_use_bag);
    st.bind(i++, text_or_null(c.vent_other_concern));
    st.bind(i++, c.generator_h);
    st.bind(i++, c.car_charger_h);
    st.bind(i++, c.bp_systolic);
    st.bind(i++, c.bp_diastolic);
    st.bind(i++, c.pulse_bpm);
    st.bind(i++, c.spo2_pct);
    st.bind(i++, c.temperature_c);
    st.bind(i++, text_or_null(c.other_condition));
    st.bind(i++, text_or_null(c.anxiety));
    st.bind(i++, c.caregiver_can_continue);
    st.bind(i++, text_or_null(c.caregiver_reason));
    st.bind(i++, text_or_null(c.electricity));
    st.bind(i++, text_or_null(c.gas));
    st.bind(i++, text_or_null(c.water));
    st.bind(i++, c.suction_rechargeable);
    st.bind(i++, c.suction_foot);
    st.bind(i++, c.oxygen_cylinders);
    st.bind(i++, c.oxygen_hours_usable);
    st.bind(i++, c.oxygen_cylinder_l);
    st.bind(i++, c.oxygen_fill_ratio);
    st.bind(i++, text_or_null(c.air_mattress));
    st.bind(i++, text_or_null(c.other_devices));
    st.bind(i++, text_or_null(c.notes));
    st.bind(i++, db_name(c.judgement));
    st.bind(i++, c.informed_physician);
    st.bind(i++, c.informed_care_manager);
    st.bind(i++, text_or_null(c.informed_other));
    st.bind(i++, text_or_null(c.future_plan));
    st.bind(i++, text_or_null(c.checker_affiliation));
    st.bind(i++, text_or_null(c.checker_name));
    st.run();
    const RowId id = m_db.last_insert_rowid();
    // The summary carries the judgement, never a name or vital signs.
    m_audit.record("record", "safety_checks", std::to_string(id),
                   "incident " + std::to_string(c.incident_id) + ", person " +
                       std::to_string(c.person_id) + ", checked " + c.checked_at +
                       (c.judgement ? ", " + std::string(to_db(*c.judgement)) : ""));
    scope.commit();
    return id;
}

std::vector<SafetyCheck> SpatialiteIncidentStore::check_history(RowId person_id) {
    auto st = m_db.prepare(check_select() + " WHERE person_id=? ORDER BY checked_at, id");
    st.bind(1, person_id);
    std::vector<SafetyCheck> out;
    while (st.step())
        out.push_back(read_check(st));
    return out;
}

std::optional<SafetyCheck> SpatialiteIncidentStore::latest_check(RowId incident_id,
                                                                 RowId person_id) {
    auto st = m_db.prepare(check_select() +
                           " WHERE incident_id=? AND person_id=? ORDER BY checked_at DESC, id "
                           "DESC LIMIT 1");
    st.bind(1, incident_id).bind(2, person_id);
    if (!st.step()) return std::nullopt;
    return read_check(st);
}

std::vector<SafetyCheck> SpatialiteIncidentStore::latest_checks(RowId incident_id) {
    // The newest row per person: no later check (by time, then id) exists.
    auto st = m_db.prepare(
        check_select() +
        " s WHERE incident_id=?1 AND NOT EXISTS (SELECT 1 FROM safety_checks t WHERE "
        "t.incident_id=?1 AND t.person_id=s.person_id AND (t.checked_at > s.checked_at OR "
        "(t.checked_at = s.checked_at AND t.id > s.id))) ORDER BY person_id");
    st.bind(1, incident_id);
    std::vector<SafetyCheck> out;
    while (st.step())
        out.push_back(read_check(st));
    return out;
}

} // namespace breathline::data::spatialite
