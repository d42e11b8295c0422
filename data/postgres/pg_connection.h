#pragma once
/// RAII wrappers over one libpq connection (PostgreSQL 15 + PostGIS 3).
/// Not thread-safe: one Connection per thread. Parameters travel as text
/// ($1, $2, ...); results are read as text and converted here, so no caller
/// touches libpq types.
///
/// Errors: every failure throws DataError. SQLSTATE class 23 (integrity) maps
/// to ErrorCode::constraint, 42501 (insufficient privilege) to
/// ErrorCode::permission_denied, 40001/40P01 (serialization, deadlock) to
/// ErrorCode::conflict, class 08 and a dead connection to
/// ErrorCode::connection_lost; anything else is ErrorCode::sql. The message
/// names the server's message and the SQLSTATE.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace breathline::data::pg {

/// True for the locations the PostgreSQL backend owns: `postgresql://...`,
/// `postgres://...`, `service=NAME` and key=value conninfo strings containing
/// `host=` or `dbname=`.
bool is_postgres_location(std::string_view location);

/// `location` with any password removed (for messages, audit and the UI).
std::string redact_conninfo(std::string_view location);

/// Positional parameters, all sent as text. NULL for empty optionals.
class Params {
public:
    Params& add(std::int64_t v);
    Params& add(int v) { return add(std::int64_t{v}); }
    Params& add(double v); ///< round-trips exactly (17 significant digits)
    Params& add(bool v);
    Params& add(std::string_view v);
    Params& add(const char* v) { return add(std::string_view(v)); }
    Params& add(const std::string& v) { return add(std::string_view(v)); }
    Params& add_null();
    template <typename T> Params& add(const std::optional<T>& v) {
        return v ? add(*v) : add_null();
    }
    std::size_t size() const { return m_values.size(); }
    /// For Connection: value pointers (nullptr = NULL), valid while *this lives.
    std::vector<const char*> pointers() const;

private:
    std::vector<std::optional<std::string>> m_values;
};

/// A query result, owned. Row and column indexes are 0-based.
class Result {
public:
    explicit Result(pg_result* res = nullptr) : m_res(res) {}
    ~Result();
    Result(Result&& other) noexcept;
    Result& operator=(Result&& other) noexcept;
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;

    int rows() const;
    int columns() const;
    std::string column_name(int col) const;
    /// Number of rows an INSERT/UPDATE/DELETE touched.
    std::int64_t affected() const;

    bool is_null(int row, int col) const;
    std::string text(int row, int col) const; ///< "" for NULL
    std::int64_t int64(int row, int col) const;
    int int32(int row, int col) const { return static_cast<int>(int64(row, col)); }
    double dbl(int row, int col) const;
    bool boolean(int row, int col) const; ///< 't'/'true'/'1' are true
    std::optional<std::string> opt_text(int row, int col) const;
    std::optional<std::int64_t> opt_int64(int row, int col) const;
    std::optional<double> opt_dbl(int row, int col) const;
    std::optional<bool> opt_bool(int row, int col) const;
    /// Decodes a bytea column (hex format) into raw bytes.
    std::string bytea(int row, int col) const;

private:
    pg_result* m_res = nullptr;
};

/// A NOTIFY received on a LISTENing connection.
struct Notification {
    std::string channel;
    std::string payload;
    int backend_pid = 0;
};

class Connection {
public:
    /// Connects (libpq conninfo or URI). Throws DataError(open_failed) naming
    /// the redacted location and the server's reason. Sets client_encoding
    /// UTF8, TimeZone UTC and application_name "breathline".
    explicit Connection(const std::string& location);
    ~Connection();
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs one or more statements without parameters (simple protocol).
    void exec(std::string_view sql);
    /// One statement with $n parameters; returns its rows.
    Result query(std::string_view sql, const Params& params = {});
    /// First column of the first row (nullopt when no row or NULL).
    std::optional<std::int64_t> query_int64(std::string_view sql, const Params& params = {});
    std::optional<std::string> query_text(std::string_view sql, const Params& params = {});

    /// True while the connection is up (PQstatus OK).
    bool ok() const;
    /// The socket to wait on for notifications (select/poll); -1 when closed.
    int socket() const;
    /// Reads whatever the server sent and returns the notifications queued so
    /// far, without blocking. Throws DataError(connection_lost) when the
    /// connection broke.
    std::vector<Notification> take_notifications();
    /// Waits up to `timeout_ms` for at least one notification (0 = just poll),
    /// then returns those queued. Throws DataError(connection_lost).
    std::vector<Notification> wait_notifications(int timeout_ms);
    /// The server process id of this session (pg_backend_pid()).
    int backend_pid() const;

    const std::string& location() const { return m_location; } ///< redacted
    pg_conn* handle() const { return m_conn; }

private:
    pg_conn* m_conn = nullptr;
    std::string m_location;
};

/// BEGIN on construction (SAVEPOINT when `nested`), ROLLBACK on destruction
/// unless commit() was called.
class Transaction {
public:
    explicit Transaction(Connection& conn, bool nested = false);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& m_conn;
    bool m_nested;
    bool m_done = false;
};

/// Quotes an identifier for SQL text ("name" with doubled quotes).
std::string quote_ident(std::string_view name);

} // namespace breathline::data::pg
