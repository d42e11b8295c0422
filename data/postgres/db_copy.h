#pragma once
/// `breathline db copy FROM TO`: moves a whole Breathline database between the
/// backends (SpatiaLite file ⇄ PostgreSQL/PostGIS, also file → file and
/// server → server), table by table in pg::data_tables() order, keeping ids,
/// row versions, geometry (as WKB, bit for bit) and the audit log with its
/// hash chain. The target is migrated first and must hold no data rows unless
/// `replace` (then its data tables are emptied in the same transaction). The
/// whole copy is one transaction on the target: a failure leaves it as it was.
/// After the copy, verification reads both sides again: row counts per table,
/// every geometry compared as WKB, and the target's audit chain verified; any
/// difference is an error (DataError(export_failed) naming the table and row).

#include "data/store/store.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data {

struct CopyOptions {
    bool replace = false;
    /// Actor of the "copy" audit entry written in the target ("breathline" when empty).
    std::string actor;
    /// Called after each table with a one-line progress message (English).
    std::function<void(const std::string&)> progress;
};

struct CopiedTable {
    std::string name;
    std::int64_t source_rows = 0;
    std::int64_t target_rows = 0;
    std::int64_t geometries_compared = 0;
};

struct CopyReport {
    std::vector<CopiedTable> tables;
    AuditVerification audit; ///< of the target after the copy
    std::int64_t total_rows = 0;
    double seconds = 0; ///< wall time of copy + verification
};

/// Throws DataError (open_failed for either side, constraint when the target is
/// not empty and !replace, export_failed when verification finds a difference).
/// The copy is audited in the target's log ("copy" action, source location redacted).
CopyReport copy_database(const std::string& from, const std::string& to,
                         const CopyOptions& options = {});

/// Rows per data table of the database at `location` (pg::data_tables() order), for
/// `breathline db info`. A table the login may not read (a viewer on a PostgreSQL base
/// table) has no count. Opens the database raw and never migrates or writes it; throws
/// DataError(open_failed) when it cannot be opened.
struct TableRowCount {
    std::string name;
    std::optional<std::int64_t> rows; ///< nullopt: not readable by this login
};
std::vector<TableRowCount> count_table_rows(const std::string& location);

} // namespace breathline::data
