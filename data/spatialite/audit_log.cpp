#include "data/audit/audit_chain.h"
#include "data/error.h"
#include "data/spatialite/spatialite_store.h"

#include <algorithm>
#include <string>

namespace breathline::data::spatialite {

namespace {

AuditEntry read_entry(sqlite::Statement& st) {
    AuditEntry e;
    e.id = st.column_int64(0);
    e.at = st.column_text(1);
    e.actor = st.column_text(2);
    e.action = st.column_text(3);
    e.entity = st.column_text(4);
    e.entity_id = st.column_text(5);
    e.summary = st.column_text(6);
    e.prev_hash = st.column_text(7);
    e.hash = st.column_text(8);
    return e;
}

constexpr std::string_view k_select =
    "SELECT id, at, actor, action, entity, entity_id, summary, prev_hash, hash FROM audit_log";

} // namespace

RowId SpatialiteAuditLog::append(AuditEntry entry) {
    WriteScope scope(m_db);
    std::int64_t last_id = 0;
    std::string last_hash = audit_genesis_hash();
    std::int64_t rows = 0;
    {
        auto& st = m_db.cached("SELECT last_id, last_hash, row_count FROM audit_head");
        if (st.step()) {
            last_id = st.column_int64(0);
            last_hash = st.column_text(1);
            rows = st.column_int64(2);
        }
        st.reset();
    }
    entry.id = last_id + 1;
    if (entry.at.empty()) entry.at = utc_now_iso();
    // Store::set_actor promises that every entry carries the store's actor,
    // including entries appended directly (imports, exports, repairs).
    if (entry.actor.empty()) entry.actor = m_actor.empty() ? "unknown" : m_actor;
    entry.prev_hash = last_hash;
    entry.hash = audit_entry_hash(entry);
    m_db.cached("INSERT INTO audit_log(id, at, actor, action, entity, entity_id, summary, "
                "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)")
        .bind(1, entry.id)
        .bind(2, entry.at)
        .bind(3, entry.actor)
        .bind(4, entry.action)
        .bind(5, entry.entity)
        .bind(6, entry.entity_id)
        .bind(7, entry.summary)
        .bind(8, entry.prev_hash)
        .bind(9, entry.hash)
        .run();
    m_db.cached("INSERT INTO audit_head(singleton, last_id, last_hash, row_count) "
                "VALUES (1, ?, ?, ?) ON CONFLICT(singleton) DO UPDATE SET "
                "last_id=excluded.last_id, last_hash=excluded.last_hash, "
                "row_count=excluded.row_count")
        .bind(1, entry.id)
        .bind(2, entry.hash)
        .bind(3, rows + 1)
        .run();
    scope.commit();
    return entry.id;
}

void SpatialiteAuditLog::record(std::string_view action, std::string_view entity,
                                std::string_view entity_id, std::string summary) {
    AuditEntry e;
    e.actor = m_actor;
    e.action = action;
    e.entity = entity;
    e.entity_id = entity_id;
    e.summary = std::move(summary);
    append(std::move(e));
}

std::vector<AuditEntry> SpatialiteAuditLog::entries(std::size_t limit) {
    std::string sql(k_select);
    sql += " ORDER BY id";
    if (limit > 0) sql += " DESC LIMIT " + std::to_string(limit);
    auto st = m_db.prepare(sql);
    std::vector<AuditEntry> out;
    while (st.step())
        out.push_back(read_entry(st));
    if (limit > 0) std::reverse(out.begin(), out.end());
    return out;
}

std::vector<AuditEntry> SpatialiteAuditLog::entries_for(std::string_view entity,
                                                        std::string_view entity_id,
                                                        std::size_t last_n) {
    std::string sql(k_select);
    sql += " WHERE entity=? AND entity_id=? ORDER BY id DESC";
    if (last_n > 0) sql += " LIMIT " + std::to_string(last_n);
    auto st = m_db.prepare(sql);
    st.bind(1, entity).bind(2, entity_id);
    std::vector<AuditEntry> out;
    while (st.step())
        out.push_back(read_entry(st));
    std::reverse(out.begin(), out.end());
    return out;
}

std::int64_t SpatialiteAuditLog::count() {
    return m_db.query_int64("SELECT COUNT(*) FROM audit_log").value_or(0);
}

AuditVerification SpatialiteAuditLog::verify() {
    AuditVerification v;
    auto st = m_db.prepare(std::string(k_select) + " ORDER BY id");
    std::string prev_hash = audit_genesis_hash();
    std::int64_t prev_id = 0;
    while (st.step()) {
        const AuditEntry e = read_entry(st);
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
    auto head = m_db.prepare("SELECT last_id, last_hash, row_count FROM audit_head");
    if (head.step()) {
        if (head.column_int64(0) != prev_id || head.column_text(1) != prev_hash ||
            head.column_int64(2) != v.rows)
            v.problems.push_back("audit_log head records row " +
                                 std::to_string(head.column_int64(0)) + " of " +
                                 std::to_string(head.column_int64(2)) +
                                 ", but the log ends at row " + std::to_string(prev_id) + " of " +
                                 std::to_string(v.rows) + " (rows deleted from the end)");
    } else if (v.rows > 0) {
        v.problems.push_back("audit_head is missing while audit_log has rows");
    }
    v.ok = v.problems.empty();
    return v;
}

} // namespace breathline::data::spatialite
