#pragma once
/// Optimistic concurrency (issue 9): every row carries row_version. An upsert of
/// a record whose row_version is set (> 0) must match the stored version, or it
/// is refused with ConflictError, which tells the coordinator who changed what
/// since they read it (from the audit log). row_version 0 means "not read from
/// the database" (imports, new records): no check, the audited upsert applies.
/// Both backends throw the same error with the same message.

#include "data/error.h"
#include "data/model/audit.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data {

class AuditLog;

class ConflictError : public DataError {
public:
    ConflictError(std::string table, std::string external_id, std::int64_t based_on,
                  std::int64_t current, std::vector<AuditEntry> changes, std::string message,
                  std::string message_ja);
    const std::string& table() const { return m_table; }
    const std::string& external_id() const { return m_external_id; }
    std::int64_t based_on_version() const { return m_based_on; }
    std::int64_t current_version() const { return m_current; }
    /// The audit entries of the changes made since based_on_version, oldest first.
    const std::vector<AuditEntry>& changes() const { return m_changes; }
    /// English message is what(); this is the same in Japanese.
    const std::string& message_ja() const { return m_message_ja; }

private:
    std::string m_table;
    std::string m_external_id;
    std::int64_t m_based_on = 0;
    std::int64_t m_current = 0;
    std::vector<AuditEntry> m_changes;
    std::string m_message_ja;
};

/// Builds the error for a stale edit of `table`/`external_id`: reads the last
/// (current - based_on) audit entries of that row and names each one's actor,
/// time and field changes ("phone: 03-... → 03-...").
ConflictError make_conflict(AuditLog& audit, std::string_view table, std::string_view external_id,
                            std::int64_t based_on, std::int64_t current);

} // namespace breathline::data
