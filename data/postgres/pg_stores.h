#pragma once
// Internal to the PostgreSQL backend: the shared session state of one
// PostgresStore (connection, actor, role) and the sub-stores that implement
// the store interfaces on it. Mirrors data/spatialite/spatialite_store.h so
// both backends read alike; callers only see data/postgres/postgres_store.h.

#include "data/io/person_fields.h"
#include "data/postgres/pg_connection.h"
#include "data/store/sql_session.h"
#include "data/store/store.h"

#include <optional>
#include <string>
#include <string_view>

namespace breathline::data::pg {

/// What every sub-store of one PostgresStore shares.
struct PgSession {
    explicit PgSession(const std::string& location) : conn(location) {}
    Connection conn;
    std::string actor = "breathline";
    auth::Role granted = auth::Role::coordinator; ///< from the login's membership
    auth::Role role = auth::Role::coordinator;    ///< granted, or narrower via set_role
    /// Reads of personal tables go through the *_masked views for roles that may not
    /// see personal data (they have no SELECT on the base tables).
    std::string rel(std::string_view table) const {
        if (auth::permissions(role).see_personal) return std::string(table);
        return std::string(table) + "_masked";
    }
};

/// A write and its audit entry atomically: BEGIN when no transaction is open,
/// a SAVEPOINT inside an open one (UnitOfWork, an outer write), like
/// SpatiaLite's WriteScope.
class WriteScope {
public:
    explicit WriteScope(Connection& conn);
    WriteScope(const WriteScope&) = delete;
    WriteScope& operator=(const WriteScope&) = delete;
    void commit() { m_tx.commit(); }

private:
    Transaction m_tx;
};

/// True when the connection is inside a transaction block.
bool in_transaction(Connection& conn);

/// Current UTC time as ISO-8601 with seconds (one definition for every backend).
using sql::utc_now_iso;

/// "ST_SetSRID(ST_MakePoint($n::float8,$n+1::float8),4326)"; NULL when either is NULL.
std::string point_sql(int n);
/// Adds lon and lat (or two NULLs).
void add_point(Params& p, const std::optional<geo::LonLat>& location);
/// Integer 0/1 as the schema stores booleans.
inline std::int64_t b01(bool v) {
    return v ? 1 : 0;
}
inline std::optional<std::int64_t> b01(const std::optional<bool>& v) {
    if (!v) return std::nullopt;
    return *v ? 1 : 0;
}
std::string from_hex(std::string_view hex);
std::string to_hex(std::string_view bytes);

/// Sequential column reader over one result row.
class RowReader {
public:
    RowReader(const Result& r, int row, int col = 0) : m_r(r), m_row(row), m_col(col) {}
    bool null() const { return m_r.is_null(m_row, m_col); }
    void skip(int n = 1) { m_col += n; }
    std::string text() { return m_r.text(m_row, m_col++); }
    std::optional<std::string> opt_text() { return m_r.opt_text(m_row, m_col++); }
    std::int64_t int64() { return m_r.int64(m_row, m_col++); }
    std::optional<int> opt_int() {
        auto v = m_r.opt_int64(m_row, m_col++);
        if (!v) return std::nullopt;
        return static_cast<int>(*v);
    }
    double dbl() { return m_r.dbl(m_row, m_col++); }
    std::optional<double> opt_dbl() { return m_r.opt_dbl(m_row, m_col++); }
    bool flag() { return int64_or_zero() != 0; }
    std::optional<bool> opt_flag() {
        auto v = m_r.opt_int64(m_row, m_col++);
        if (!v) return std::nullopt;
        return *v != 0;
    }
    std::optional<geo::LonLat> point() {
        auto x = opt_dbl();
        auto y = opt_dbl();
        if (!x || !y) return std::nullopt;
        return geo::LonLat(*x, *y);
    }
    template <typename E> E enum_or(E fallback) { return parse_enum<E>(text()).value_or(fallback); }

private:
    std::int64_t int64_or_zero() { return m_r.opt_int64(m_row, m_col++).value_or(0); }
    const Result& m_r;
    int m_row;
    int m_col;
};

class PgAuditLog final : public AuditLog {
public:
    explicit PgAuditLog(PgSession& s) : m_s(s) {}
    RowId append(AuditEntry entry) override;
    std::vector<AuditEntry> entries(std::size_t limit) override;
    std::vector<AuditEntry> entries_for(std::string_view entity, std::string_view entity_id,
                                        std::size_t last_n) override;
    std::int64_t count() override;
    AuditVerification verify() override;
    /// Records a change by the store's current actor.
    void record(std::string_view action, std::string_view entity, std::string_view entity_id,
                std::string summary);

private:
    PgSession& m_s;
};

class PgRegistryStore final : public RegistryStore {
public:
    PgRegistryStore(PgSession& s, PgAuditLog& audit) : m_s(s), m_audit(audit) {}
    UpsertResult upsert_person(const Person& person) override;
    std::optional<Person> person(RowId id) override;
    std::optional<Person> person_by_external_id(std::string_view external_id) override;
    std::vector<Person> persons(const PersonFilter& filter) override;
    std::int64_t count_persons() override;
    UpsertResult upsert_supporter(const Supporter& supporter) override;
    std::optional<Supporter> supporter(RowId id) override;
    std::optional<Supporter> supporter_by_external_id(std::string_view external_id) override;
    std::vector<Supporter> supporters() override;
    std::int64_t count_supporters() override;
    void link_supporter(const SupporterLink& link) override;
    std::vector<SupporterLink> supporter_links(RowId person_id) override;
    void set_contacts(RowId person_id, const std::vector<Contact>& contacts) override;
    std::vector<Contact> contacts(RowId person_id) override;

private:
    PgSession& m_s;
    PgAuditLog& m_audit;
};

class PgFacilityStore final : public FacilityStore {
public:
    PgFacilityStore(PgSession& s, PgAuditLog& audit) : m_s(s), m_audit(audit) {}
    UpsertResult upsert_facility(const Facility& facility) override;
    std::optional<Facility> facility(RowId id) override;
    std::optional<Facility> facility_by_external_id(std::string_view external_id) override;
    std::vector<Facility> facilities(const FacilityFilter& filter) override;
    std::vector<NearestFacility> nearest(const geo::LonLat& from, std::optional<FacilityKind> kind,
                                         std::size_t k) override;

private:
    PgSession& m_s;
    PgAuditLog& m_audit;
};

class PgAreaStore final : public AreaStore {
public:
    PgAreaStore(PgSession& s, PgAuditLog& audit) : m_s(s), m_audit(audit) {}
    UpsertResult upsert_area(const Area& area) override;
    std::optional<Area> area(std::string_view kind, std::string_view name) override;
    std::vector<Area> areas(std::string_view kind) override;
    bool area_contains(RowId area_id, const geo::LonLat& point) override;

private:
    PgSession& m_s;
    PgAuditLog& m_audit;
};

class PgIncidentStore final : public IncidentStore {
public:
    PgIncidentStore(PgSession& s, PgAuditLog& audit) : m_s(s), m_audit(audit) {}
    RowId declare_incident(const Incident& incident) override;
    std::optional<Incident> incident(RowId id) override;
    std::vector<Incident> incidents(bool include_closed) override;
    std::optional<Incident> active_incident() override;
    bool activate_incident(RowId id) override;
    bool close_incident(RowId id, const std::string& closed_at,
                        const std::string& summary) override;
    bool set_evacuation_level(RowId id, EvacuationLevel level) override;
    RowId add_outage_area(const OutageArea& area) override;
    std::vector<OutageArea> outage_areas(RowId incident_id) override;
    bool restore_outage_area(RowId id, const std::string& restored_at) override;
    RowId record_check(const SafetyCheck& check) override;
    std::vector<SafetyCheck> check_history(RowId person_id) override;
    std::optional<SafetyCheck> latest_check(RowId incident_id, RowId person_id) override;
    std::vector<SafetyCheck> latest_checks(RowId incident_id) override;

private:
    PgSession& m_s;
    PgAuditLog& m_audit;
};

/// The backend-neutral SQL session over the store's connection (data/store/sql_session.h):
/// `?`/`?N` become `$N`, every parameter is sent as text for the server to type from its
/// context, blobs as bytea hex.
class PgSqlSession final : public sql::Session {
public:
    PgSqlSession(PgSession& s, PgAuditLog& audit) : m_s(s), m_audit(audit) {}
    sql::Dialect dialect() const override { return sql::Dialect::postgis; }
    sql::Statement prepare(std::string_view sql) override;
    void exec(std::string_view sql) override { m_s.conn.exec(sql); }
    std::unique_ptr<sql::WriteScope> write_scope() override;
    void audit(std::string_view action, std::string_view entity, std::string_view entity_id,
               std::string summary) override {
        m_audit.record(action, entity, entity_id, std::move(summary));
    }
    const std::string& actor() const override { return m_s.actor; }
    std::string location() const override { return m_s.conn.location(); }
    std::string relation(std::string_view table) const override { return m_s.rel(table); }

private:
    PgSession& m_s;
    PgAuditLog& m_audit;
};

/// `sql` with SQLite's `?` and `?N` placeholders as PostgreSQL's `$N` (a bare `?` takes the
/// next number after the largest so far, as in SQLite); quoted text, quoted identifiers and
/// comments are left alone. Sets `count` to the largest number used.
std::string to_dollar_placeholders(std::string_view sql, int& count);

} // namespace breathline::data::pg
