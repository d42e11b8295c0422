#pragma once
/// Numbered schema migrations of the SpatiaLite store. Each migration runs
/// once, in order, inside the same transaction as the others applied in one
/// open, and is recorded in `schema_migrations`. PRAGMA user_version mirrors
/// the latest applied number.

#include <string_view>
#include <vector>

namespace breathline::data::sqlite {
class Database;
}

namespace breathline::data::spatialite {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
    /// Tables whose `geom` column and R*Tree index this migration creates.
    /// SpatiaLite's AddGeometryColumn/CreateSpatialIndex report failure by
    /// returning 0, not by an SQL error, so migrate() verifies them.
    std::vector<std::string_view> spatial_tables;
};

/// All migrations, ascending by version, starting at 1 without gaps.
const std::vector<Migration>& migrations();

/// Highest version this build knows.
int latest_schema_version();

/// Version recorded in the file (0 for a new, empty file).
int current_schema_version(sqlite::Database& db);

/// Brings the file up to `target` (default: latest). A file newer than this
/// build is refused with DataError(future_version) naming both versions; a
/// failing step rolls everything back and throws DataError(migrate_failed).
/// Returns the number of migrations applied.
int migrate(sqlite::Database& db, int target = -1);

} // namespace breathline::data::spatialite
