#include "data/postgres/change_feed.h"

#include "data/error.h"

#include <string_view>

namespace breathline::data::pg {

namespace {

constexpr std::string_view k_channel = "breathline_change";

// The value of "table" in the triggers' payload {"table":"persons","op":"UPDATE"}. The
// triggers write it with json_build_object, so only the key's spacing and string escapes can
// vary; table names are plain identifiers, so an escape means a payload we do not understand.
// Returns "" when the payload has no table.
std::string table_of(std::string_view payload) {
    constexpr std::string_view key = "\"table\"";
    const auto k = payload.find(key);
    if (k == std::string_view::npos) return {};
    std::size_t i = k + key.size();
    auto skip_space = [&] {
        while (i < payload.size() && (payload[i] == ' ' || payload[i] == '\t' ||
                                      payload[i] == '\n' || payload[i] == '\r'))
            ++i;
    };
    skip_space();
    if (i >= payload.size() || payload[i] != ':') return {};
    ++i;
    skip_space();
    if (i >= payload.size() || payload[i] != '"') return {};
    const auto start = ++i;
    while (i < payload.size() && payload[i] != '"') {
        if (payload[i] == '\\') return {};
        ++i;
    }
    if (i >= payload.size()) return {};
    return std::string(payload.substr(start, i - start));
}

} // namespace

ChangeFeed::ChangeFeed(const std::string& location) : m_conn(location) {
    // LISTEN before the caller reads anything: a change committed between its read and a
    // later LISTEN would never be seen.
    m_conn.exec("LISTEN " + quote_ident(k_channel));
}

ChangeBatch ChangeFeed::poll(int timeout_ms) {
    ChangeBatch batch;
    // A dead session must say so even when nothing is queued: the console shows "server lost"
    // from this, not from its next write.
    if (!m_conn.ok())
        throw DataError(ErrorCode::connection_lost,
                        "'" + m_conn.location() + "': connection to the server lost");
    const auto take = [&](const std::vector<Notification>& notes) {
        for (const auto& n : notes) {
            if (n.channel != k_channel) continue;
            if (m_ignored_pid != 0 && n.backend_pid == m_ignored_pid) continue;
            const std::string table = table_of(n.payload);
            // A payload without a table still says something changed: "*" asks for a reload.
            batch.tables.insert(table.empty() ? std::string("*") : table);
        }
    };
    const auto first = m_conn.wait_notifications(timeout_ms);
    take(first);
    // A burst of commits may straddle two reads: take what has already arrived as well, so
    // the caller refreshes once rather than twice.
    if (!first.empty()) take(m_conn.take_notifications());
    return batch;
}

} // namespace breathline::data::pg
