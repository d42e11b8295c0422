#pragma once
/// Live updates between workstations (issue 9): a second connection that
/// LISTENs on `breathline_change` (sent by the triggers of pg_schema.h) and
/// reports which tables changed. The console polls it every frame (non-blocking)
/// and sleeps at most 250 ms between polls while it is attached, so a change on
/// another workstation shows within 2 s.

#include "data/postgres/pg_connection.h"

#include <set>
#include <string>
#include <vector>

namespace breathline::data::pg {

struct ChangeBatch {
    std::set<std::string> tables; ///< tables changed since the last poll
    bool empty() const { return tables.empty(); }
};

class ChangeFeed {
public:
    /// Connects and LISTENs. Throws DataError(open_failed).
    explicit ChangeFeed(const std::string& location);
    /// Tables changed since the last call, waiting up to timeout_ms (0: no wait)
    /// for the first one. Throws DataError(connection_lost) when the server went away.
    ChangeBatch poll(int timeout_ms = 0);
    bool ok() const { return m_conn.ok(); }
    /// Skips the notifications sent by the server process `pid` (0: none): the console's own
    /// store session, whose changes its commands already show, so they are neither refreshed
    /// twice nor reported as another workstation's.
    void ignore_backend(int pid) { m_ignored_pid = pid; }

private:
    Connection m_conn;
    int m_ignored_pid = 0;
};

} // namespace breathline::data::pg
