#pragma once
/// The PostgreSQL/PostGIS schema of Breathline (issue 9). It mirrors the
/// SpatiaLite schema at spatialite::latest_schema_version(): the same tables,
/// the same column names and meanings (so `db copy` moves rows column by column),
/// with PostgreSQL types (bigint identity ids, text, double precision, boolean
/// stored as integer 0/1 exactly as in SpatiaLite, geometry(<Type>,4326) with GiST
/// indexes for the geometry columns). On top of the mirror:
///  - every table with row_version keeps it (optimistic concurrency);
///  - a statement-level trigger on every table sends
///    pg_notify('breathline_change', '{"table":"<name>","op":"INSERT|UPDATE|DELETE"}')
///    (one per statement and table; PostgreSQL folds duplicates in a transaction);
///  - audit_log is insert-only: no role is granted UPDATE/DELETE/TRUNCATE, and a
///    trigger refuses UPDATE and DELETE even for the owner;
///  - group roles breathline_coordinator, breathline_planner, breathline_viewer,
///    breathline_drill_operator (NOLOGIN, created once per cluster, tolerant of a
///    concurrent creation) with the GRANTs of data/auth/roles.h; the personal columns
///    are only readable by coordinator and planner: viewer and drill_operator read
///    persons_masked / supporters_masked / contacts_masked (same columns, personal
///    ones NULL, address cut to the 町丁目) and have no SELECT on the base tables;
///    row-level security keeps drill_operator's writes to drill incidents.
/// Migrations are numbered from 1 in `pg_schema_migrations(version, applied_at)`;
/// each runs in one transaction; a database newer than this build is refused.

#include "data/postgres/pg_connection.h"

#include <string>
#include <vector>

namespace breathline::data::pg {

/// Highest PostgreSQL schema version this build knows.
int latest_schema_version();
/// Version recorded in the database (0 when empty).
int current_schema_version(Connection& conn);
/// Brings the database to the latest version (needs the owner or a superuser;
/// an up-to-date database needs no privilege). Throws DataError(future_version)
/// for a newer database, DataError(migrate_failed) naming the step, and
/// DataError(permission_denied) when a migration is due but the login may not run it.
/// Returns the number of migrations applied.
int migrate(Connection& conn);

/// One table as `db copy` moves it.
struct TableSpec {
    std::string name;
    std::string geometry_column;  ///< "" when the table has none
    std::string geometry_type;    ///< POINT, LINESTRING, MULTIPOLYGON, ... ("" when none)
    bool has_identity_id = false; ///< `id` is generated: copy sets it, then resets the sequence
};

/// Every table holding Breathline data, parents before children (foreign keys),
/// identical in both backends. Excludes SpatiaLite's own metadata and
/// the migration bookkeeping tables.
const std::vector<TableSpec>& data_tables();

} // namespace breathline::data::pg
