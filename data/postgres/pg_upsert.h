#pragma once
// Internal to the PostgreSQL backend: the audited upsert keyed by external_id
// (the twin of data/spatialite/row_sql.h's upsert_row) with the optimistic
// row_version check of issue 9.

#include "data/error.h"
#include "data/postgres/pg_stores.h"
#include "data/store/row_conflict.h"

#include <string>
#include <string_view>
#include <vector>

namespace breathline::data::pg {

inline std::string placeholders(int first, int n) {
    std::string s;
    for (int i = 0; i < n; ++i)
        s += (i ? ",$" : "$") + std::to_string(first + i);
    return s;
}

/// "a=$first, b=$first+1, ..." for a comma-separated column list.
inline std::string update_assignments(std::string_view columns, int first) {
    std::string out;
    std::size_t start = 0;
    int n = first;
    while (start < columns.size()) {
        std::size_t end = columns.find(',', start);
        if (end == std::string_view::npos) end = columns.size();
        std::string_view col = columns.substr(start, end - start);
        while (!col.empty() && col.front() == ' ')
            col.remove_prefix(1);
        if (!out.empty()) out += ", ";
        out += std::string(col) + "=$" + std::to_string(n++);
        start = end + 1;
    }
    return out;
}

/// The current row_version of `table`/`id` (0 when the row is gone).
inline std::int64_t current_row_version(Connection& conn, std::string_view table, RowId id) {
    return conn
        .query_int64("SELECT row_version FROM " + std::string(table) + " WHERE id=$1",
                     Params().add(id))
        .value_or(0);
}

/// Inserts `row` or updates `existing` (same external_id) and audits it exactly as
/// the SpatiaLite store does. A row read from the database (row_version > 0) must
/// still be at that version: otherwise ConflictError naming who changed it. The
/// version is checked in the UPDATE itself, so a concurrent writer between the
/// read and the write is caught too.
template <typename T, typename Bind>
UpsertResult upsert_row(PgSession& s, PgAuditLog& audit, std::string_view table,
                        std::string_view columns, int column_count, const T& row,
                        const std::optional<T>& existing, const std::vector<FieldDef<T>>& fields,
                        Bind bind) {
    if (row.external_id.empty())
        throw DataError(ErrorCode::invalid_input,
                        std::string(table) + ": external_id must not be empty");
    if (existing && row.row_version > 0 && row.row_version != existing->row_version)
        throw make_conflict(audit, table, row.external_id, row.row_version, existing->row_version);
    WriteScope scope(s.conn);
    UpsertResult result;
    if (!existing) {
        Params p;
        bind(p, row);
        add_point(p, row.location);
        result.id =
            s.conn
                .query_int64("INSERT INTO " + std::string(table) + "(" + std::string(columns) +
                                 ", geom) VALUES (" + placeholders(1, column_count) + ", " +
                                 point_sql(column_count + 1) + ") RETURNING id",
                             p)
                .value_or(0);
        result.created = true;
        audit.record("create", table, row.external_id, "");
    } else {
        result.id = existing->id;
        T compare = row;
        compare.id = existing->id;
        compare.row_version = existing->row_version;
        if (compare == *existing) return result;
        Params p;
        bind(p, row);
        add_point(p, row.location);
        p.add(utc_now_iso());
        p.add(existing->id);
        p.add(existing->row_version);
        const int n = column_count;
        const Result r = s.conn.query(
            "UPDATE " + std::string(table) + " SET " + update_assignments(columns, 1) +
                ", geom=" + point_sql(n + 1) + ", row_version=row_version+1, updated_at=$" +
                std::to_string(n + 3) + " WHERE id=$" + std::to_string(n + 4) +
                " AND row_version=$" + std::to_string(n + 5),
            p);
        if (r.affected() == 0) {
            // Another workstation committed a change between our read and this write.
            const std::int64_t current = current_row_version(s.conn, table, existing->id);
            const std::int64_t based_on =
                row.row_version > 0 ? row.row_version : existing->row_version;
            throw make_conflict(audit, table, row.external_id, based_on, current);
        }
        result.changed = true;
        audit.record("update", table, row.external_id, change_summary(fields, *existing, compare));
    }
    scope.commit();
    return result;
}

} // namespace breathline::data::pg
