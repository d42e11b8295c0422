#pragma once
/// The PostgreSQL/PostGIS implementation of the store interfaces (issue 9):
/// one libpq connection, geometry in EPSG:4326 with GiST indexes, metric
/// distances in EPSG:6677 (ST_Transform on the server), the same audit hash
/// chain as SpatiaLite (data/audit/audit_chain.h) so a copied log verifies on
/// either backend. Appends to the audit log serialise on audit_head (row lock).
/// Every upsert of a record read from the database checks row_version and
/// throws ConflictError (data/store/row_conflict.h) when it moved on.
/// Reads of persons/supporters/contacts go through the *_masked views when the
/// role may not see personal data.

#include "data/postgres/pg_connection.h"
#include "data/store/store.h"

#include <memory>
#include <string>

namespace breathline::data::pg {

class PostgresStore final : public Store {
public:
    /// Connects, migrates when needed (see pg::migrate), reads the role.
    explicit PostgresStore(const std::string& location);
    ~PostgresStore() override;

    RegistryStore& registry() override;
    FacilityStore& facilities() override;
    AreaStore& areas() override;
    IncidentStore& incidents() override;
    AuditLog& audit() override;
    std::unique_ptr<UnitOfWork> begin() override;
    void set_actor(std::string actor) override;
    const std::string& actor() const override;
    /// Server reachable, schema version, audit chain, GiST indexes valid
    /// (pg_index.indisvalid), geometry validity (ST_IsValid), facilities without a location.
    CheckReport check() override;
    /// REINDEX of every GiST index; one line per index.
    std::vector<std::string> repair_spatial_indexes() override;
    int schema_version() override;
    std::string location() const override;
    auth::Role role() const override;
    void set_role(auth::Role role) override;
    std::string backend() const override { return "postgresql"; }
    sql::Session& sql() override;

    /// The raw connection, for db copy, the change feed tests and checks.
    Connection& connection();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace breathline::data::pg
