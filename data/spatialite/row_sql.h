#pragma once
// Internal helpers shared by the SpatiaLite stores: placeholder lists, point
// geometry binding, and the generic audited upsert keyed by external_id.

#include "data/error.h"
#include "data/io/person_fields.h"
#include "data/spatialite/spatialite_store.h"
#include "data/store/row_conflict.h"

#include <optional>
#include <sqlite3.h>
#include <string>
#include <string_view>

namespace breathline::data::spatialite {

/// SQL expression for a bound point: two parameters (lon, lat), NULL when unset.
inline std::string point_sql() {
    return "MakePoint(?, ?, 4326)";
}

/// Binds lon/lat at `index` and `index + 1` (NULLs when empty); returns the next index.
inline int bind_point(sqlite::Statement& st, int index, const std::optional<geo::LonLat>& p) {
    if (p) {
        st.bind(index, p->lon());
        st.bind(index + 1, p->lat());
    } else {
        st.bind_null(index);
        st.bind_null(index + 1);
    }
    return index + 2;
}

/// Reads X(geom), Y(geom) columns into a LonLat (nullopt when NULL).
inline std::optional<geo::LonLat> read_point(const sqlite::Statement& st, int x_col, int y_col) {
    if (st.is_null(x_col) || st.is_null(y_col)) return std::nullopt;
    return geo::LonLat(st.column_double(x_col), st.column_double(y_col));
}

/// Enum column parsed from its database spelling, `fallback` when unknown.
template <typename E> E enum_col(const sqlite::Statement& st, int col, E fallback) {
    return parse_enum<E>(st.column_text(col)).value_or(fallback);
}

inline std::string placeholders(int n) {
    std::string s;
    for (int i = 0; i < n; ++i)
        s += i ? ",?" : "?";
    return s;
}

inline std::string update_assignments(std::string_view columns) {
    std::string out;
    std::size_t start = 0;
    while (start < columns.size()) {
        std::size_t end = columns.find(',', start);
        if (end == std::string_view::npos) end = columns.size();
        std::string_view col = columns.substr(start, end - start);
        while (!col.empty() && col.front() == ' ')
            col.remove_prefix(1);
        if (!out.empty()) out += ", ";
        out += std::string(col) + "=?";
        start = end + 1;
    }
    return out;
}

/// The write lock of one upsert. Outside any transaction it is BEGIN IMMEDIATE, so the row read
/// for the version check and the UPDATE that follows see the same committed state even when
/// another process (a second coordinator on the same file) writes at the same moment; a
/// deferred transaction could read, then fail to upgrade its lock. Inside a caller's
/// transaction (UnitOfWork, import) it is a savepoint of that transaction, which already holds
/// the write lock.
class UpsertScope {
public:
    explicit UpsertScope(sqlite::Database& db) {
        if (sqlite3_get_autocommit(db.handle()))
            m_tx.emplace(db);
        else
            m_savepoint.emplace(db);
    }
    void commit() {
        if (m_tx) m_tx->commit();
        if (m_savepoint) m_savepoint->commit();
    }

private:
    std::optional<sqlite::Transaction> m_tx;
    std::optional<WriteScope> m_savepoint;
};

// Shared upsert: match on external_id, compare, then insert or update and audit.
// `fetch` reads the stored row by external_id; it runs under the write lock. A row whose
// row_version is set (read from the database) must still be at that version, or nothing is
// written and ConflictError names the changes made since (row_conflict.h).
template <typename T, typename Fetch, typename Bind>
UpsertResult upsert_row(sqlite::Database& db, SpatialiteAuditLog& audit, std::string_view table,
                        std::string_view columns, int column_count, const T& row, Fetch fetch,
                        const std::vector<FieldDef<T>>& fields, Bind bind) {
    if (row.external_id.empty())
        throw DataError(ErrorCode::invalid_input,
                        std::string(table) + ": external_id must not be empty");
    UpsertScope scope(db);
    const std::optional<T> existing = fetch();
    UpsertResult result;
    if (existing && row.row_version > 0 && row.row_version != existing->row_version)
        throw make_conflict(audit, table, row.external_id, row.row_version, existing->row_version);
    if (!existing) {
        auto& st =
            db.cached("INSERT INTO " + std::string(table) + "(" + std::string(columns) +
                      ", geom) VALUES (" + placeholders(column_count) + ", " + point_sql() + ")");
        const int next = bind(st, row);
        bind_point(st, next, row.location);
        st.run();
        result.id = db.last_insert_rowid();
        result.created = true;
        audit.record("create", table, row.external_id, "");
    } else {
        result.id = existing->id;
        T compare = row;
        compare.id = existing->id;
        compare.row_version = existing->row_version;
        if (compare == *existing) return result;
        // The version in the WHERE clause is what makes the check hold against any writer that
        // got past the lock above (a connection that does not take it): no row matched means
        // the row moved on, and the coordinator is told by whom.
        auto& st =
            db.cached("UPDATE " + std::string(table) + " SET " + update_assignments(columns) +
                      ", geom=" + point_sql() +
                      ", row_version=row_version+1, updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now')"
                      " WHERE id=? AND row_version=?");
        const int next = bind(st, row);
        const int after_point = bind_point(st, next, row.location);
        st.bind(after_point, existing->id);
        st.bind(after_point + 1, existing->row_version);
        st.run();
        if (db.changes() == 0) {
            const std::optional<T> now = fetch();
            throw make_conflict(audit, table, row.external_id, existing->row_version,
                                now ? now->row_version : existing->row_version + 1);
        }
        result.changed = true;
        audit.record("update", table, row.external_id, change_summary(fields, *existing, compare));
    }
    scope.commit();
    return result;
}

} // namespace breathline::data::spatialite
