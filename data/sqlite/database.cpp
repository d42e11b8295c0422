#include "data/sqlite/database.h"

#include "data/error.h"

// sqlite3.h must come first: spatialite.h uses its types without including it.
#include <sqlite3.h>
// clang-format off
#include <spatialite.h>
// clang-format on

#include <utility>

namespace breathline::data::sqlite {

namespace {

ErrorCode code_for(int rc) {
    return (rc & 0xff) == SQLITE_CONSTRAINT ? ErrorCode::constraint : ErrorCode::sql;
}

} // namespace

void check_rc(sqlite3* db, int rc, std::string_view what) {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    std::string msg(what);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw DataError(code_for(rc), msg);
}

// ---- Statement -------------------------------------------------------------

Statement::Statement(Database& db, std::string_view sql) : m_db(db.handle()) {
    const int rc =
        sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        std::string what = "prepare '";
        what += sql.substr(0, 120);
        what += "'";
        check_rc(m_db, rc, what);
    }
}

Statement::~Statement() {
    if (m_stmt) sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_db(other.m_db) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        if (m_stmt) sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = other.m_db;
    }
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    check_rc(m_db, sqlite3_bind_int64(m_stmt, index, value), "bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    check_rc(m_db, sqlite3_bind_double(m_stmt, index, value), "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    check_rc(m_db,
             sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()),
                               SQLITE_TRANSIENT),
             "bind");
    return *this;
}

Statement& Statement::bind_blob(int index, const void* data, int size) {
    check_rc(m_db, sqlite3_bind_blob(m_stmt, index, data, size, SQLITE_TRANSIENT), "bind");
    return *this;
}

Statement& Statement::bind_null(int index) {
    check_rc(m_db, sqlite3_bind_null(m_stmt, index), "bind");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string what = "step '";
    const char* sql = sqlite3_sql(m_stmt);
    what += std::string_view(sql ? sql : "").substr(0, 120);
    what += "'";
    // Reset so the statement can be reused after a constraint failure.
    sqlite3_reset(m_stmt);
    check_rc(m_db, rc, what);
    return false;
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::is_null(int col) const {
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}
std::int64_t Statement::column_int64(int col) const {
    return sqlite3_column_int64(m_stmt, col);
}
double Statement::column_double(int col) const {
    return sqlite3_column_double(m_stmt, col);
}

std::string Statement::column_text(int col) const {
    const auto* p = sqlite3_column_text(m_stmt, col);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<size_t>(sqlite3_column_bytes(m_stmt, col)));
}

std::optional<std::string> Statement::column_opt_text(int col) const {
    if (is_null(col)) return std::nullopt;
    return column_text(col);
}
std::optional<double> Statement::column_opt_double(int col) const {
    if (is_null(col)) return std::nullopt;
    return column_double(col);
}
std::optional<std::int64_t> Statement::column_opt_int64(int col) const {
    if (is_null(col)) return std::nullopt;
    return column_int64(col);
}
std::optional<bool> Statement::column_opt_bool(int col) const {
    if (is_null(col)) return std::nullopt;
    return column_int64(col) != 0;
}
int Statement::column_count() const {
    return sqlite3_column_count(m_stmt);
}
std::string Statement::column_name(int col) const {
    return sqlite3_column_name(m_stmt, col);
}

// ---- Database --------------------------------------------------------------

Database::Database(const std::string& path, OpenOptions options) : m_path(path) {
    int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (options.create_if_missing && !options.read_only) flags |= SQLITE_OPEN_CREATE;
    flags |= SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = "cannot open database '" + path +
                          "': " + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
        close();
        throw DataError(ErrorCode::open_failed, msg);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
    m_spatialite_cache = spatialite_alloc_connection();
    spatialite_init_ex(m_db, m_spatialite_cache, 0);
    try {
        // A file that is not a database fails at its first read, not at
        // open; read the schema now so that it is reported as open_failed.
        query_int64("SELECT COUNT(*) FROM sqlite_master");
        exec("PRAGMA foreign_keys=ON;");
        if (!options.read_only) {
            // WAL + FULL: a crash or kill mid-write loses at most the open
            // transaction, and readers never block the writer.
            if (options.wal) query_text("PRAGMA journal_mode=WAL;");
            exec("PRAGMA synchronous=FULL;");
        }
    } catch (const DataError& e) {
        close();
        throw DataError(ErrorCode::open_failed, "cannot open database '" + path + "': " + e.what());
    }
}

Database::~Database() {
    close();
}

void Database::close() noexcept {
    m_cache.clear();
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    if (m_spatialite_cache) {
        spatialite_cleanup_ex(m_spatialite_cache);
        m_spatialite_cache = nullptr;
    }
}

Database::Database(Database&& other) noexcept
    : m_cache(std::move(other.m_cache)), m_db(std::exchange(other.m_db, nullptr)),
      m_spatialite_cache(std::exchange(other.m_spatialite_cache, nullptr)),
      m_path(std::move(other.m_path)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        m_cache = std::move(other.m_cache);
        m_db = std::exchange(other.m_db, nullptr);
        m_spatialite_cache = std::exchange(other.m_spatialite_cache, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

void Database::exec(std::string_view sql) {
    std::string s(sql);
    char* err = nullptr;
    const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = "exec failed: ";
        msg += err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw DataError(code_for(rc), msg);
    }
}

Statement& Database::cached(const std::string& sql) {
    auto it = m_cache.find(sql);
    if (it == m_cache.end())
        it = m_cache.emplace(sql, std::make_unique<Statement>(*this, sql)).first;
    it->second->reset();
    return *it->second;
}

std::optional<std::int64_t> Database::query_int64(std::string_view sql) {
    Statement st(*this, sql);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.column_int64(0);
}

std::optional<std::string> Database::query_text(std::string_view sql) {
    Statement st(*this, sql);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.column_text(0);
}

std::int64_t Database::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(m_db);
}
int Database::changes() const {
    return sqlite3_changes(m_db);
}

// ---- Transaction -----------------------------------------------------------

Transaction::Transaction(Database& db) : m_db(db) {
    m_db.exec("BEGIN IMMEDIATE;");
}

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK;");
        } catch (...) {
            // Nothing sensible to do in a destructor; SQLite rolls back on close.
        }
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT;");
    m_done = true;
}

} // namespace breathline::data::sqlite
