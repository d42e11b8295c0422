#pragma once
/// The SpatiaLite implementation of the store interfaces: one database file,
/// geometry in EPSG:4326 with R*Tree spatial indexes, metric distances in
/// EPSG:6677 through geo::PlaneProjector. All SpatiaLite-only SQL lives under
/// data/spatialite/.

#include "data/sqlite/database.h"
#include "data/store/sql_session.h"
#include "data/store/store.h"
#include "geo/projection.h"

#include <memory>
#include <string>

namespace breathline::data::spatialite {

class SpatialiteStore;

/// Runs a write and its audit entry atomically, inside or outside an open
/// UnitOfWork (SAVEPOINT nests where BEGIN cannot).
class WriteScope {
public:
    explicit WriteScope(sqlite::Database& db);
    ~WriteScope();
    WriteScope(const WriteScope&) = delete;
    WriteScope& operator=(const WriteScope&) = delete;
    void commit();

private:
    sqlite::Database& m_db;
    bool m_done = false;
};

class SpatialiteAuditLog final : public AuditLog {
public:
    SpatialiteAuditLog(sqlite::Database& db, const std::string& actor) : m_db(db), m_actor(actor) {}
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
    sqlite::Database& m_db;
    const std::string& m_actor;
};

class SpatialiteRegistryStore final : public RegistryStore {
public:
    SpatialiteRegistryStore(sqlite::Database& db, SpatialiteAuditLog& audit)
        : m_db(db), m_audit(audit) {}
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
    sqlite::Database& m_db;
    SpatialiteAuditLog& m_audit;
};

class SpatialiteFacilityStore final : public FacilityStore {
public:
    SpatialiteFacilityStore(sqlite::Database& db, SpatialiteAuditLog& audit,
                            const geo::PlaneProjector& projector)
        : m_db(db), m_audit(audit), m_projector(projector) {}
    UpsertResult upsert_facility(const Facility& facility) override;
    std::optional<Facility> facility(RowId id) override;
    std::optional<Facility> facility_by_external_id(std::string_view external_id) override;
    std::vector<Facility> facilities(const FacilityFilter& filter) override;
    std::vector<NearestFacility> nearest(const geo::LonLat& from, std::optional<FacilityKind> kind,
                                         std::size_t k) override;

private:
    sqlite::Database& m_db;
    SpatialiteAuditLog& m_audit;
    const geo::PlaneProjector& m_projector;
};

class SpatialiteAreaStore final : public AreaStore {
public:
    SpatialiteAreaStore(sqlite::Database& db, SpatialiteAuditLog& audit)
        : m_db(db), m_audit(audit) {}
    UpsertResult upsert_area(const Area& area) override;
    std::optional<Area> area(std::string_view kind, std::string_view name) override;
    std::vector<Area> areas(std::string_view kind) override;
    bool area_contains(RowId area_id, const geo::LonLat& point) override;

private:
    sqlite::Database& m_db;
    SpatialiteAuditLog& m_audit;
};

class SpatialiteIncidentStore final : public IncidentStore {
public:
    SpatialiteIncidentStore(sqlite::Database& db, SpatialiteAuditLog& audit)
        : m_db(db), m_audit(audit) {}
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
    sqlite::Database& m_db;
    SpatialiteAuditLog& m_audit;
};

/// The backend-neutral SQL session over the store's connection (data/store/sql_session.h).
class SpatialiteSqlSession final : public sql::Session {
public:
    SpatialiteSqlSession(sqlite::Database& db, SpatialiteAuditLog& audit, const std::string& actor)
        : m_db(db), m_audit(audit), m_actor(actor) {}
    sql::Dialect dialect() const override { return sql::Dialect::spatialite; }
    sql::Statement prepare(std::string_view sql) override;
    void exec(std::string_view sql) override { m_db.exec(sql); }
    std::unique_ptr<sql::WriteScope> write_scope() override;
    void audit(std::string_view action, std::string_view entity, std::string_view entity_id,
               std::string summary) override {
        m_audit.record(action, entity, entity_id, std::move(summary));
    }
    const std::string& actor() const override { return m_actor; }
    std::string location() const override { return m_db.path(); }

private:
    sqlite::Database& m_db;
    SpatialiteAuditLog& m_audit;
    const std::string& m_actor;
};

class SpatialiteStore final : public Store {
public:
    /// Opens or creates the file and migrates it to the latest schema.
    explicit SpatialiteStore(const std::string& path);
    RegistryStore& registry() override { return m_registry; }
    FacilityStore& facilities() override { return m_facilities; }
    AreaStore& areas() override { return m_areas; }
    IncidentStore& incidents() override { return m_incidents; }
    AuditLog& audit() override { return m_audit; }
    std::unique_ptr<UnitOfWork> begin() override;
    void set_actor(std::string actor) override { m_actor = std::move(actor); }
    const std::string& actor() const override { return m_actor; }
    CheckReport check() override;
    std::vector<std::string> repair_spatial_indexes() override;
    int schema_version() override;
    std::string location() const override { return m_db.path(); }
    auth::Role role() const override { return m_role; }
    void set_role(auth::Role role) override { m_role = role; }
    std::string backend() const override { return "spatialite"; }
    sql::Session& sql() override { return m_sql; }
    /// The raw connection, for tests and the SpatiaLite-specific tools.
    sqlite::Database& database() { return m_db; }

private:
    sqlite::Database m_db;
    std::string m_actor;
    auth::Role m_role = auth::Role::coordinator;
    geo::PlaneProjector m_projector;
    SpatialiteAuditLog m_audit;
    SpatialiteRegistryStore m_registry;
    SpatialiteFacilityStore m_facilities;
    SpatialiteAreaStore m_areas;
    SpatialiteIncidentStore m_incidents;
    SpatialiteSqlSession m_sql;
};

/// Tables with a geometry column and an R*Tree index, as (table, column).
const std::vector<std::pair<std::string, std::string>>& spatial_indexed_columns();

/// Current UTC time as ISO-8601 with seconds (one definition for every backend).
using sql::utc_now_iso;

/// The SpatiaLite store behind `store`, for SpatiaLite-only tools and tests that need the raw
/// file. Throws DataError(open_failed) naming the database and `what` for another backend.
SpatialiteStore& spatialite_backend(Store& store, std::string_view what);

} // namespace breathline::data::spatialite
