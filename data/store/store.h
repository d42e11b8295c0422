#pragma once
/// Backend-neutral store interfaces. The SpatiaLite backend implements them
/// now; a PostgreSQL/PostGIS backend can implement the same interfaces later
/// without changes to callers. No SQL dialect leaks through these headers.
///
/// Thread safety: a Store and its sub-stores belong to one thread.
/// Every mutation writes an audit entry in the same transaction, attributed
/// to the actor set with Store::set_actor().

#include "data/auth/roles.h"
#include "data/model/audit.h"
#include "data/model/facility.h"
#include "data/model/incident.h"
#include "data/model/person.h"
#include "geo/coordinates.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data {

namespace sql {
class Session;
}

/// How an upsert matched an existing row.
struct UpsertResult {
    RowId id = 0;
    bool created = false; ///< a new row was inserted
    bool changed = false; ///< an existing row was updated (false: identical)
};

struct PersonFilter {
    std::optional<bool> uses_ventilator;
    std::optional<bool> home_oxygen;
    std::optional<PersonStatus> status;
    std::string town;                    ///< exact 町丁目 match when not empty
    std::optional<double> max_battery_h; ///< internal+external battery hours at most
    std::size_t limit = 0;               ///< 0 = no limit
};

class RegistryStore {
public:
    virtual ~RegistryStore() = default;
    /// Inserts, or updates the row with the same external_id. Throws
    /// DataError(constraint) when a value violates the schema.
    virtual UpsertResult upsert_person(const Person& person) = 0;
    virtual std::optional<Person> person(RowId id) = 0;
    virtual std::optional<Person> person_by_external_id(std::string_view external_id) = 0;
    /// Ordered by id.
    virtual std::vector<Person> persons(const PersonFilter& filter = {}) = 0;
    virtual std::int64_t count_persons() = 0;

    virtual UpsertResult upsert_supporter(const Supporter& supporter) = 0;
    virtual std::optional<Supporter> supporter(RowId id) = 0;
    virtual std::optional<Supporter> supporter_by_external_id(std::string_view external_id) = 0;
    virtual std::vector<Supporter> supporters() = 0;
    virtual std::int64_t count_supporters() = 0;
    /// Links (or re-links with new role/priority) a supporter to a person.
    virtual void link_supporter(const SupporterLink& link) = 0;
    virtual std::vector<SupporterLink> supporter_links(RowId person_id) = 0;

    /// Replaces the contacts of a person with `contacts` (person_id is set).
    virtual void set_contacts(RowId person_id, const std::vector<Contact>& contacts) = 0;
    virtual std::vector<Contact> contacts(RowId person_id) = 0;
};

struct FacilityFilter {
    std::optional<FacilityKind> kind;
    std::optional<GeocodePrecision> precision;
    std::optional<bool> relief_station;
};

struct NearestFacility {
    Facility facility;
    double distance_m = 0; ///< straight line in EPSG:6677
};

class FacilityStore {
public:
    virtual ~FacilityStore() = default;
    virtual UpsertResult upsert_facility(const Facility& facility) = 0;
    virtual std::optional<Facility> facility(RowId id) = 0;
    virtual std::optional<Facility> facility_by_external_id(std::string_view external_id) = 0;
    /// Ordered by kind, seed number, id.
    virtual std::vector<Facility> facilities(const FacilityFilter& filter = {}) = 0;
    /// The k located facilities nearest to `from` (straight line, metres in
    /// EPSG:6677), through the spatial index; ties broken by id. Fewer than k
    /// when fewer exist; unresolved facilities are never returned.
    virtual std::vector<NearestFacility>
    nearest(const geo::LonLat& from, std::optional<FacilityKind> kind, std::size_t k) = 0;
};

class AreaStore {
public:
    virtual ~AreaStore() = default;
    /// Inserts or replaces the area with the same kind and name.
    virtual UpsertResult upsert_area(const Area& area) = 0;
    virtual std::optional<Area> area(std::string_view kind, std::string_view name) = 0;
    /// Every area of `kind` (e.g. "ward_boundary"), ordered by id.
    virtual std::vector<Area> areas(std::string_view kind) = 0;
    /// True when the point lies inside the area (boundary counts as inside).
    virtual bool area_contains(RowId area_id, const geo::LonLat& point) = 0;
};

/// Incidents, their outage areas and the safety checks recorded in them (Toshima seed III-IV).
/// Times are UTC ISO-8601 text. Every mutation is audited; a recorded check is committed
/// (durable on disk) before record_check returns unless a UnitOfWork is open.
class IncidentStore {
public:
    virtual ~IncidentStore() = default;
    /// Inserts `incident` (id ignored). When incident.is_active, the previously active incident
    /// is deactivated in the same transaction. Returns the new id. Throws DataError(constraint)
    /// for values the schema rejects.
    virtual RowId declare_incident(const Incident& incident) = 0;
    virtual std::optional<Incident> incident(RowId id) = 0;
    /// Ordered by id; closed incidents only when `include_closed`.
    virtual std::vector<Incident> incidents(bool include_closed = true) = 0;
    /// The one active incident, if any.
    virtual std::optional<Incident> active_incident() = 0;
    /// Makes `id` the active incident. Returns false when no such incident exists; throws
    /// DataError(invalid_input) for a closed incident.
    virtual bool activate_incident(RowId id) = 0;
    /// Closes (and deactivates) the incident at `closed_at` with `summary`. False when no open
    /// incident `id` exists.
    virtual bool close_incident(RowId id, const std::string& closed_at,
                                const std::string& summary) = 0;
    /// Sets the evacuation information in force. False when no incident `id` exists.
    virtual bool set_evacuation_level(RowId id, EvacuationLevel level) = 0;

    /// Adds an outage area (id ignored; at least one polygon part). Returns its id.
    virtual RowId add_outage_area(const OutageArea& area) = 0;
    /// The outage areas of an incident, ordered by id.
    virtual std::vector<OutageArea> outage_areas(RowId incident_id) = 0;
    /// Marks the area restored at `restored_at` (not before its start: DataError(constraint)).
    /// False when no unrestored area `id` exists.
    virtual bool restore_outage_area(RowId id, const std::string& restored_at) = 0;

    /// Appends a safety check (id and recorded_at ignored). Returns its id. Throws
    /// DataError(constraint) for values the schema rejects, DataError(invalid_input) for a
    /// closed or missing incident. Checks are never updated or deleted.
    virtual RowId record_check(const SafetyCheck& check) = 0;
    /// Every check of a person in every incident, ordered by checked_at then id.
    virtual std::vector<SafetyCheck> check_history(RowId person_id) = 0;
    /// The latest check (by checked_at, then id) of a person in one incident.
    virtual std::optional<SafetyCheck> latest_check(RowId incident_id, RowId person_id) = 0;
    /// The latest check of every checked person of one incident, ordered by person id.
    virtual std::vector<SafetyCheck> latest_checks(RowId incident_id) = 0;
};

/// Result of walking the audit chain from the first row to the head.
struct AuditVerification {
    bool ok = true;
    std::int64_t rows = 0;
    std::vector<std::string> problems; ///< one line per broken link, naming the row id
};

class AuditLog {
public:
    virtual ~AuditLog() = default;
    /// Appends an entry (at, prev_hash and hash are filled in). Returns its id.
    virtual RowId append(AuditEntry entry) = 0;
    virtual std::vector<AuditEntry> entries(std::size_t limit = 0) = 0;
    /// The last `last_n` entries about one row (entity = table, entity_id = its external id or
    /// id), oldest first. Used to tell a coordinator what another one changed.
    virtual std::vector<AuditEntry> entries_for(std::string_view entity, std::string_view entity_id,
                                                std::size_t last_n) = 0;
    virtual std::int64_t count() = 0;
    virtual AuditVerification verify() = 0;
};

/// A unit of work spanning several stores. Rolls back unless committed.
class UnitOfWork {
public:
    virtual ~UnitOfWork() = default;
    virtual void commit() = 0;
};

/// One finding of Store::check().
struct CheckFinding {
    enum class Severity { error, warning };
    Severity severity = Severity::error;
    std::string code;       ///< integrity | audit_chain | spatial_index | unresolved_location | ...
    std::string message;    ///< English; names the table, row or facility
    std::string message_ja; ///< the same in Japanese (technical details may stay English)
};

struct CheckReport {
    std::vector<CheckFinding> findings;
    bool has_errors() const;
    bool has_warnings() const;
};

class Store {
public:
    virtual ~Store() = default;
    virtual RegistryStore& registry() = 0;
    virtual FacilityStore& facilities() = 0;
    virtual AreaStore& areas() = 0;
    virtual IncidentStore& incidents() = 0;
    virtual AuditLog& audit() = 0;
    /// Starts a transaction for a multi-store change (imports, demo build).
    virtual std::unique_ptr<UnitOfWork> begin() = 0;
    /// Name recorded as the actor of every audit entry from now on.
    virtual void set_actor(std::string actor) = 0;
    virtual const std::string& actor() const = 0;
    /// Storage integrity, audit chain, spatial indexes against their tables,
    /// and facilities without a location (warnings).
    virtual CheckReport check() = 0;
    /// Rebuilds every spatial index; returns a line per index rebuilt.
    virtual std::vector<std::string> repair_spatial_indexes() = 0;
    virtual int schema_version() = 0;
    /// Where the data lives (file path or connection string, password redacted).
    virtual std::string location() const = 0;
    /// The role this connection acts in. PostgreSQL: from the login's membership of the
    /// breathline_* group roles (highest first: coordinator, planner, drill_operator, viewer;
    /// superuser and database owner count as coordinator). SpatiaLite: coordinator, or what
    /// set_role() chose.
    virtual auth::Role role() const = 0;
    /// Narrows the role for this session (a SpatiaLite user asking for a lesser role; a
    /// PostgreSQL session can only narrow, never widen, not even back to the login's own role
    /// once narrowed: DataError(permission_denied)).
    virtual void set_role(auth::Role role) = 0;
    /// "spatialite" or "postgresql".
    virtual std::string backend() const = 0;
    /// The backend-neutral SQL session on this store's connection (data/store/sql_session.h),
    /// sharing its transaction, audit log and actor: the stores of later issues use it.
    virtual sql::Session& sql() = 0;
};

/// Opens (creating and migrating as needed) the store at `location`: a file
/// path selects SpatiaLite; `postgresql://...`, `postgres://...`, `service=NAME` or a
/// key=value conninfo selects PostgreSQL/PostGIS (pg::is_postgres_location). Throws
/// DataError(open_failed/future_version/...).
std::unique_ptr<Store> open_store(const std::string& location);

} // namespace breathline::data
