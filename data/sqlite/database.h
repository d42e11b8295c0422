#pragma once
/// RAII wrappers over one SQLite connection with SpatiaLite loaded.
/// Not thread-safe: one Database per thread. Statements must not outlive the
/// Database that prepared them.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace breathline::data::sqlite {

class Database;

/// A prepared statement. Bind parameters are 1-based as in SQLite.
class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind_blob(int index, const void* data, int size);
    Statement& bind_null(int index);
    /// Binds value or NULL when the optional is empty.
    template <typename T> Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }
    Statement& bind(int index, std::optional<bool> value) {
        return value ? bind(index, std::int64_t{*value ? 1 : 0}) : bind_null(index);
    }

    /// Advances to the next row; false when done. Throws DataError on failure
    /// (ErrorCode::constraint for constraint violations).
    bool step();
    /// Runs a statement that returns no rows.
    void run() {
        while (step()) {
        }
    }
    /// Resets for re-execution and clears bindings.
    void reset();

    bool is_null(int col) const;
    std::int64_t column_int64(int col) const;
    int column_int(int col) const { return static_cast<int>(column_int64(col)); }
    double column_double(int col) const;
    std::string column_text(int col) const;
    std::optional<std::string> column_opt_text(int col) const;
    std::optional<double> column_opt_double(int col) const;
    std::optional<std::int64_t> column_opt_int64(int col) const;
    std::optional<bool> column_opt_bool(int col) const;
    int column_count() const;
    std::string column_name(int col) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
};

struct OpenOptions {
    bool create_if_missing = true;
    bool read_only = false;
    /// Switch the file to WAL on open. WAL is a property of the file, so a
    /// caller that must not change a file it has not yet recognised (a
    /// foreign database) opens with false and switches later.
    bool wal = true;
};

/// One connection. Opening sets WAL (see OpenOptions::wal), synchronous=FULL,
/// foreign_keys=ON and a busy timeout, and initialises SpatiaLite on the
/// connection.
class Database {
public:
    /// Throws DataError(open_failed) naming the path when it cannot be opened
    /// or is not an SQLite database.
    explicit Database(const std::string& path, OpenOptions options = {});
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Executes one or more statements that return no rows.
    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(*this, sql); }
    /// The statement for `sql`, prepared on first use and kept for the life of
    /// the connection, reset with its bindings cleared. For statements run in
    /// hot loops (one per imported row), where preparing dominates. Run it to
    /// completion or reset() it when done: a SELECT left mid-result keeps its
    /// read snapshot open. Do not hold the reference across another call that
    /// uses the same SQL.
    Statement& cached(const std::string& sql);
    /// Convenience: first column of the first row as integer (nullopt when no row or NULL).
    std::optional<std::int64_t> query_int64(std::string_view sql);
    std::optional<std::string> query_text(std::string_view sql);
    std::int64_t last_insert_rowid() const;
    int changes() const;
    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }

private:
    void close() noexcept;
    // Emptied first in close(): statements must be finalised before the
    // connection closes.
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_cache;
    sqlite3* m_db = nullptr;
    void* m_spatialite_cache = nullptr;
    std::string m_path;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit()
/// was called. Nesting is not supported (SQLite has no nested BEGIN); use
/// Savepoint inside a Transaction.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

/// Throws DataError(sql) with the connection's message when rc is an error.
void check_rc(sqlite3* db, int rc, std::string_view what);

} // namespace breathline::data::sqlite
