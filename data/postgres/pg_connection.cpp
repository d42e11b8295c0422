#include "data/postgres/pg_connection.h"

#include "data/error.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <libpq-fe.h>
#include <poll.h>

namespace breathline::data::pg {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

ErrorCode code_for_sqlstate(std::string_view state) {
    if (starts_with(state, "23")) return ErrorCode::constraint;
    if (state == "42501") return ErrorCode::permission_denied;
    if (state == "40001" || state == "40P01") return ErrorCode::conflict;
    if (starts_with(state, "08") || starts_with(state, "57P")) return ErrorCode::connection_lost;
    return ErrorCode::sql;
}

[[noreturn]] void throw_for(pg_conn* conn, const PGresult* res, std::string_view what) {
    std::string message;
    std::string state;
    if (res) {
        if (const char* m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) message = m;
        if (const char* d = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL))
            message += std::string(" (") + d + ")";
        if (const char* s = PQresultErrorField(res, PG_DIAG_SQLSTATE)) state = s;
    }
    if (message.empty() && conn) message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    ErrorCode code = code_for_sqlstate(state);
    if (state.empty() && conn && PQstatus(conn) != CONNECTION_OK) code = ErrorCode::connection_lost;
    std::string text = "PostgreSQL: " + message;
    if (!state.empty()) text += " [SQLSTATE " + state + "]";
    if (!what.empty()) text += " in: " + std::string(what.substr(0, 160));
    throw DataError(code, text);
}

void check_result(pg_conn* conn, PGresult* res, std::string_view sql) {
    const auto status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
        return;
    Result owned(res); // frees res on the way out
    throw_for(conn, res, sql);
}

} // namespace

bool is_postgres_location(std::string_view location) {
    if (starts_with(location, "postgresql://") || starts_with(location, "postgres://")) return true;
    if (starts_with(location, "service=")) return true;
    // key=value conninfo: only when it names a host or a database, so that a
    // file called "a=b.db" is never taken for a server.
    return location.find('=') != std::string_view::npos &&
           (location.find("host=") != std::string_view::npos ||
            location.find("dbname=") != std::string_view::npos) &&
           location.find('/') != 0;
}

std::string redact_conninfo(std::string_view location) {
    std::string s(location);
    // URI form: scheme://user:password@host
    if (auto scheme = s.find("://"); scheme != std::string::npos) {
        const auto at = s.find('@', scheme + 3);
        const auto colon = s.find(':', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at)
            s.replace(colon + 1, at - colon - 1, "***");
    }
    // key=value form and URI query parameters
    for (std::string_view key : {"password="}) {
        std::size_t pos = 0;
        while ((pos = s.find(key, pos)) != std::string::npos) {
            const auto start = pos + key.size();
            auto end = s.find_first_of(" &", start);
            if (end == std::string::npos) end = s.size();
            s.replace(start, end - start, "***");
            pos = start + 3;
        }
    }
    return s;
}

// ---- Params ----------------------------------------------------------------

Params& Params::add(std::int64_t v) {
    m_values.emplace_back(std::to_string(v));
    return *this;
}

Params& Params::add(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    m_values.emplace_back(buf);
    return *this;
}

Params& Params::add(bool v) {
    m_values.emplace_back(v ? "true" : "false");
    return *this;
}

Params& Params::add(std::string_view v) {
    m_values.emplace_back(std::string(v));
    return *this;
}

Params& Params::add_null() {
    m_values.emplace_back(std::nullopt);
    return *this;
}

std::vector<const char*> Params::pointers() const {
    std::vector<const char*> out;
    out.reserve(m_values.size());
    for (const auto& v : m_values)
        out.push_back(v ? v->c_str() : nullptr);
    return out;
}

// ---- Result ----------------------------------------------------------------

Result::~Result() {
    if (m_res) PQclear(m_res);
}

Result::Result(Result&& other) noexcept : m_res(other.m_res) {
    other.m_res = nullptr;
}

Result& Result::operator=(Result&& other) noexcept {
    if (this != &other) {
        if (m_res) PQclear(m_res);
        m_res = other.m_res;
        other.m_res = nullptr;
    }
    return *this;
}

int Result::rows() const {
    return m_res ? PQntuples(m_res) : 0;
}

int Result::columns() const {
    return m_res ? PQnfields(m_res) : 0;
}

std::string Result::column_name(int col) const {
    const char* n = m_res ? PQfname(m_res, col) : nullptr;
    return n ? n : "";
}

std::int64_t Result::affected() const {
    const char* n = m_res ? PQcmdTuples(m_res) : nullptr;
    if (!n || !*n) return 0;
    std::int64_t v = 0;
    std::from_chars(n, n + std::strlen(n), v);
    return v;
}

bool Result::is_null(int row, int col) const {
    return !m_res || PQgetisnull(m_res, row, col) != 0;
}

std::string Result::text(int row, int col) const {
    if (is_null(row, col)) return {};
    return std::string(PQgetvalue(m_res, row, col),
                       static_cast<std::size_t>(PQgetlength(m_res, row, col)));
}

std::int64_t Result::int64(int row, int col) const {
    if (is_null(row, col)) return 0;
    const char* v = PQgetvalue(m_res, row, col);
    std::int64_t out = 0;
    const auto [ptr, ec] = std::from_chars(v, v + std::strlen(v), out);
    if (ec != std::errc{})
        throw DataError(ErrorCode::sql, "PostgreSQL: column " + column_name(col) +
                                            " is not an integer: '" + std::string(v) + "'");
    return out;
}

double Result::dbl(int row, int col) const {
    if (is_null(row, col)) return 0;
    return std::strtod(PQgetvalue(m_res, row, col), nullptr);
}

bool Result::boolean(int row, int col) const {
    if (is_null(row, col)) return false;
    const std::string v = text(row, col);
    return v == "t" || v == "true" || v == "1";
}

std::optional<std::string> Result::opt_text(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return text(row, col);
}

std::optional<std::int64_t> Result::opt_int64(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return int64(row, col);
}

std::optional<double> Result::opt_dbl(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return dbl(row, col);
}

std::optional<bool> Result::opt_bool(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return boolean(row, col);
}

std::string Result::bytea(int row, int col) const {
    if (is_null(row, col)) return {};
    std::size_t len = 0;
    unsigned char* raw =
        PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(m_res, row, col)), &len);
    if (!raw)
        throw DataError(ErrorCode::sql, "PostgreSQL: cannot decode bytea " + column_name(col));
    std::string out(reinterpret_cast<const char*>(raw), len);
    PQfreemem(raw);
    return out;
}

// ---- Connection ------------------------------------------------------------

namespace {

// libpq prints what the server sends outside a query to stderr. A FATAL there is the server
// ending this session (an administrator, a shutdown): the next call reports it as
// connection_lost and the console shows its banner, so the raw line is dropped rather than
// printed over the terminal or a test's output. Warnings still reach stderr, named.
void on_notice(void*, const char* message) {
    const std::string_view m(message ? message : "");
    if (m.rfind("FATAL:", 0) == 0) return;
    std::fprintf(stderr, "PostgreSQL: %.*s", static_cast<int>(m.size()), m.data());
}

} // namespace

Connection::Connection(const std::string& location) : m_location(redact_conninfo(location)) {
    m_conn = PQconnectdb(location.c_str());
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
        std::string reason = m_conn ? PQerrorMessage(m_conn) : "out of memory";
        while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' '))
            reason.pop_back();
        if (m_conn) PQfinish(m_conn);
        m_conn = nullptr;
        throw DataError(ErrorCode::open_failed,
                        "'" + m_location + "': cannot connect to PostgreSQL: " + reason);
    }
    PQsetClientEncoding(m_conn, "UTF8");
    PQsetNoticeProcessor(m_conn, on_notice, nullptr);
    exec("SET TimeZone = 'UTC'; SET application_name = 'breathline'; "
         "SET client_min_messages = warning;");
}

Connection::~Connection() {
    if (m_conn) PQfinish(m_conn);
}

Connection::Connection(Connection&& other) noexcept
    : m_conn(other.m_conn), m_location(std::move(other.m_location)) {
    other.m_conn = nullptr;
}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        if (m_conn) PQfinish(m_conn);
        m_conn = other.m_conn;
        m_location = std::move(other.m_location);
        other.m_conn = nullptr;
    }
    return *this;
}

void Connection::exec(std::string_view sql) {
    if (!m_conn) throw DataError(ErrorCode::connection_lost, "'" + m_location + "': closed");
    const std::string text(sql);
    PGresult* res = PQexec(m_conn, text.c_str());
    check_result(m_conn, res, sql);
    PQclear(res);
}

Result Connection::query(std::string_view sql, const Params& params) {
    if (!m_conn) throw DataError(ErrorCode::connection_lost, "'" + m_location + "': closed");
    const std::string text(sql);
    const auto values = params.pointers();
    PGresult* res = PQexecParams(m_conn, text.c_str(), static_cast<int>(values.size()), nullptr,
                                 values.data(), nullptr, nullptr, 0);
    check_result(m_conn, res, sql);
    return Result(res);
}

std::optional<std::int64_t> Connection::query_int64(std::string_view sql, const Params& params) {
    const Result r = query(sql, params);
    if (r.rows() == 0 || r.is_null(0, 0)) return std::nullopt;
    return r.int64(0, 0);
}

std::optional<std::string> Connection::query_text(std::string_view sql, const Params& params) {
    const Result r = query(sql, params);
    if (r.rows() == 0 || r.is_null(0, 0)) return std::nullopt;
    return r.text(0, 0);
}

bool Connection::ok() const {
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

int Connection::socket() const {
    return m_conn ? PQsocket(m_conn) : -1;
}

std::vector<Notification> Connection::take_notifications() {
    if (!m_conn) throw DataError(ErrorCode::connection_lost, "'" + m_location + "': closed");
    if (PQconsumeInput(m_conn) == 0 || PQstatus(m_conn) != CONNECTION_OK)
        throw DataError(ErrorCode::connection_lost, "'" + m_location +
                                                        "': connection to the server lost: " +
                                                        std::string(PQerrorMessage(m_conn)));
    std::vector<Notification> out;
    while (PGnotify* n = PQnotifies(m_conn)) {
        out.push_back({n->relname ? n->relname : "", n->extra ? n->extra : "", n->be_pid});
        PQfreemem(n);
    }
    return out;
}

std::vector<Notification> Connection::wait_notifications(int timeout_ms) {
    auto out = take_notifications();
    if (!out.empty() || timeout_ms <= 0) return out;
    pollfd fd{socket(), POLLIN, 0};
    int rc = 0;
    do {
        rc = ::poll(&fd, 1, timeout_ms);
    } while (rc < 0 && errno == EINTR);
    return take_notifications();
}

int Connection::backend_pid() const {
    return m_conn ? PQbackendPID(m_conn) : 0;
}

// ---- Transaction -----------------------------------------------------------

Transaction::Transaction(Connection& conn, bool nested) : m_conn(conn), m_nested(nested) {
    m_conn.exec(m_nested ? "SAVEPOINT breathline_nested" : "BEGIN");
}

Transaction::~Transaction() {
    if (m_done) return;
    try {
        if (m_conn.ok())
            m_conn.exec(m_nested ? "ROLLBACK TO SAVEPOINT breathline_nested; "
                                   "RELEASE SAVEPOINT breathline_nested"
                                 : "ROLLBACK");
    } catch (...) {
        // A broken connection rolls back on the server by itself.
    }
}

void Transaction::commit() {
    m_conn.exec(m_nested ? "RELEASE SAVEPOINT breathline_nested" : "COMMIT");
    m_done = true;
}

std::string quote_ident(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

} // namespace breathline::data::pg
