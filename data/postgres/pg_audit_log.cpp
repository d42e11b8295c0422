// The audit log on PostgreSQL: the same hash chain and entries as
// data/spatialite/audit_log.cpp. Several workstations append at once, so the
// chain's head (audit_head) is locked for the whole append: the next id and
// prev_hash are read and written by one transaction at a time.

#include "data/audit/audit_chain.h"
#include "data/error.h"
#include "data/postgres/pg_stores.h"

#include <algorithm>
#include <string>

namespace breathline::data::pg {

namespace {

AuditEntry read_entry(const Result& r, int row) {
    RowReader c(r, row);
    AuditEntry e;
    e.id = c.int64();
    e.at = c.text();
    e.actor = c.text();
    e.action = c.text();
    e.entity = c.text();
    e.entity_id = c.text();
    e.summary = c.text();
    e.prev_hash = c.text();
    e.hash = c.text();
    return e;
}

constexpr std::string_view k_select =
    "SELECT id, at, actor, action, entity, entity_id, summary, prev_hash, hash FROM audit_log";

std::vector<AuditEntry> read_entries(const Result& r) {
    std::vector<AuditEntry> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(read_entry(r, i));
    return out;
}

} // namespace

RowId PgAuditLog::append(AuditEntry entry) {
    WriteScope scope(m_s.conn);
    constexpr std::string_view k_head =
        "SELECT last_id, last_hash, row_count FROM audit_head WHERE singleton=1 FOR UPDATE";
    Result head = m_s.conn.query(k_head);
    if (head.rows() == 0) {
        // First entry of the database: create the head so that the row lock
        // below serialises every later append. A concurrent first appender
        // makes this a no-op and the SELECT then waits for its commit.
        m_s.conn.query("INSERT INTO audit_head(singleton, last_id, last_hash, row_count) VALUES "
                       "(1, 0, $1, 0) ON CONFLICT (singleton) DO NOTHING",
                       Params().add(audit_genesis_hash()));
        head = m_s.conn.query(k_head);
    }
    std::int64_t last_id = 0;
    std::string last_hash = audit_genesis_hash();
    std::int64_t rows = 0;
    if (head.rows() > 0) {
        last_id = head.int64(0, 0);
        last_hash = head.text(0, 1);
        rows = head.int64(0, 2);
    }
    entry.id = last_id + 1;
    if (entry.at.empty()) entry.at = utc_now_iso();
    // Store::set_actor promises that every entry carries the store's actor,
    // including entries appended directly (imports, exports, repairs).
    if (entry.actor.empty()) entry.actor = m_s.actor.empty() ? "unknown" : m_s.actor;
    entry.prev_hash = last_hash;
    entry.hash = audit_entry_hash(entry);
    m_s.conn.query("INSERT INTO audit_log(id, at, actor, action, entity, entity_id, summary, "
                   "prev_hash, hash) OVERRIDING SYSTEM VALUE VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
                   Params()
                       .add(entry.id)
                       .add(entry.at)
                       .add(entry.actor)
                       .add(entry.action)
                       .add(entry.entity)
                       .add(entry.entity_id)
                       .add(entry.summary)
                       .add(entry.prev_hash)
                       .add(entry.hash));
    m_s.conn.query("UPDATE audit_head SET last_id=$1, last_hash=$2, row_count=$3 WHERE singleton=1",
                   Params().add(entry.id).add(entry.hash).add(rows + 1));
    scope.commit();
    return entry.id;
}

void PgAuditLog::record(std::string_view action, std::string_view entity,
                        std::string_view entity_id, std::string summary) {
    AuditEntry e;
    e.actor = m_s.actor;
    e.action = action;
    e.entity = entity;
    e.entity_id = entity_id;
    e.summary = std::move(summary);
    append(std::move(e));
}

std::vector<AuditEntry> PgAuditLog::entries(std::size_t limit) {
    std::string sql(k_select);
    sql += " ORDER BY id";
    if (limit > 0) sql += " DESC LIMIT " + std::to_string(limit);
    auto out = read_entries(m_s.conn.query(sql));
    if (limit > 0) std::reverse(out.begin(), out.end());
    return out;
}

std::vector<AuditEntry> PgAuditLog::entries_for(std::string_view entity, std::string_view entity_id,
                                                std::size_t last_n) {
    std::string sql(k_select);
    sql += " WHERE entity=$1 AND entity_id=$2 ORDER BY id DESC";
    if (last_n > 0) sql += " LIMIT " + std::to_string(last_n);
    auto out = read_entries(m_s.conn.query(sql, Params().add(entity).add(entity_id)));
    std::reverse(out.begin(), out.end());
    return out;
}

std::int64_t PgAuditLog::count() {
    return m_s.conn.query_int64("SELECT COUNT(*) FROM audit_log").value_or(0);
}

AuditVerification PgAuditLog::verify() {
    AuditVerification v;
    // One snapshot for the rows and the head, so that appends committed by
    // other workstations while we read cannot look like a truncated log.
    const bool own_tx = !in_transaction(m_s.conn);
    if (own_tx) m_s.conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    struct End {
        Connection& conn;
        bool active;
        ~End() {
            if (active) try {
                    conn.exec("COMMIT");
                } catch (...) {
                    // Read-only: nothing to lose when the connection broke.
                }
        }
    } end{m_s.conn, own_tx};
    const Result r = m_s.conn.query(std::string(k_select) + " ORDER BY id");
    std::string prev_hash = audit_genesis_hash();
    std::int64_t prev_id = 0;
    for (int i = 0; i < r.rows(); ++i) {
        const AuditEntry e = read_entry(r, i);
        ++v.rows;
        if (e.id != prev_id + 1)
            v.problems.push_back("audit_log rows " + std::to_string(prev_id + 1) + ".." +
                                 std::to_string(e.id - 1) + " are missing (deleted)");
        if (e.prev_hash != prev_hash)
            v.problems.push_back("audit_log row " + std::to_string(e.id) +
                                 ": prev_hash does not match the row before it");
        if (audit_entry_hash(e) != e.hash)
            v.problems.push_back("audit_log row " + std::to_string(e.id) +
                                 ": content does not match its hash (edited)");
        prev_hash = e.hash;
        prev_id = e.id;
    }
    const Result head = m_s.conn.query("SELECT last_id, last_hash, row_count FROM audit_head");
    if (head.rows() > 0) {
        if (head.int64(0, 0) != prev_id || head.text(0, 1) != prev_hash ||
            head.int64(0, 2) != v.rows)
            v.problems.push_back("audit_log head records row " + std::to_string(head.int64(0, 0)) +
                                 " of " + std::to_string(head.int64(0, 2)) +
                                 ", but the log ends at row " + std::to_string(prev_id) + " of " +
                                 std::to_string(v.rows) + " (rows deleted from the end)");
    } else if (v.rows > 0) {
        v.problems.push_back("audit_head is missing while audit_log has rows");
    }
    v.ok = v.problems.empty();
    return v;
}

} // namespace breathline::data::pg
