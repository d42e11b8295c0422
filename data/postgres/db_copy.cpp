#include "data/postgres/db_copy.h"

#include "data/audit/audit_chain.h"
#include "data/error.h"
#include "data/postgres/pg_connection.h"
#include "data/postgres/pg_schema.h"
#include "data/postgres/postgres_store.h"
#include "data/spatialite/migrations.h"
#include "data/sqlite/database.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <libpq-fe.h>
#include <map>
#include <set>
#include <sqlite3.h>

namespace breathline::data {

namespace {

// ---- values and table shapes ---------------------------------------------------------------

/// One cell as read from either backend. Geometry travels as WKB bytes in `s` (Type::blob).
struct Value {
    enum class Type { null, integer, real, text, blob };
    Type type = Type::null;
    std::int64_t i = 0;
    double d = 0;
    std::string s;
};

/// How a column is read and written. Only PostgreSQL needs it (its results are text);
/// SQLite values carry their own type.
enum class Kind { integer, real, text, blob, boolean, geometry };

struct Column {
    std::string name;
    Kind kind = Kind::text;
};

struct TableShape {
    std::vector<Column> columns;  ///< in table order
    std::vector<std::string> key; ///< primary key columns, in key order
};

bool same_value(const Value& a, const Value& b) {
    using T = Value::Type;
    if (a.type == T::integer && b.type == T::real)
        return static_cast<double>(a.i) == b.d && static_cast<std::int64_t>(b.d) == a.i;
    if (a.type == T::real && b.type == T::integer) return same_value(b, a);
    if (a.type != b.type) return false;
    switch (a.type) {
    case T::null:
        return true;
    case T::integer:
        return a.i == b.i;
    case T::real:
        // Bit equality would call two NaNs different; == would call 0.0 and -0.0 equal.
        return std::memcmp(&a.d, &b.d, sizeof a.d) == 0 || (a.d != a.d && b.d != b.d);
    case T::text:
    case T::blob:
        return a.s == b.s;
    }
    return false;
}

const char* type_name(Value::Type t) {
    switch (t) {
    case Value::Type::null:
        return "NULL";
    case Value::Type::integer:
        return "integer";
    case Value::Type::real:
        return "real";
    case Value::Type::text:
        return "text";
    case Value::Type::blob:
        return "blob";
    }
    return "?";
}

std::string format_double(double d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
}

/// The key of a row for messages ("id=17", "incident_id=3, seq=2"). Keys are ids and codes,
/// never personal data.
std::string key_text(const std::vector<Column>& cols, const std::vector<Value>& row,
                     const std::vector<std::string>& key) {
    std::string out;
    for (const auto& k : key) {
        for (std::size_t c = 0; c < cols.size(); ++c) {
            if (cols[c].name != k) continue;
            if (!out.empty()) out += ", ";
            out += k + "=";
            const Value& v = row[c];
            switch (v.type) {
            case Value::Type::integer:
                out += std::to_string(v.i);
                break;
            case Value::Type::real:
                out += format_double(v.d);
                break;
            case Value::Type::text:
                out += "'" + v.s + "'";
                break;
            default:
                out += type_name(v.type);
            }
        }
    }
    return out.empty() ? "(no key)" : out;
}

std::string hex_of(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

/// WKB → EWKB with SRID 4326, so that PostGIS accepts it for a geometry(<Type>,4326) column
/// through COPY (an SRID-less WKB would be SRID 0 and refused by the column's typmod).
std::string ewkb_4326(const std::string& wkb) {
    if (wkb.size() < 5)
        throw DataError(ErrorCode::invalid_input, "geometry shorter than a WKB header");
    std::string out = wkb;
    const bool little = wkb[0] == 1;
    constexpr std::uint32_t srid = 4326;
    char srid_bytes[4];
    for (int b = 0; b < 4; ++b)
        srid_bytes[little ? b : 3 - b] = static_cast<char>((srid >> (8 * b)) & 0xFF);
    out[little ? 4 : 1] = static_cast<char>(static_cast<unsigned char>(out[little ? 4 : 1]) | 0x20);
    out.insert(5, srid_bytes, 4);
    return out;
}

// ---- readers and writers -------------------------------------------------------------------

class RowReader {
public:
    virtual ~RowReader() = default;
    /// Fills `row` (one Value per requested column); false at the end.
    virtual bool next(std::vector<Value>& row) = 0;
};

class RowWriter {
public:
    virtual ~RowWriter() = default;
    virtual void write(const std::vector<Value>& row) = 0;
    /// Flushes what is buffered; throws what the server refused.
    virtual void finish() = 0;
};

/// One side of the copy, opened raw (no Store): a SpatiaLite file or a PostgreSQL database.
class Endpoint {
public:
    virtual ~Endpoint() = default;
    virtual const char* backend() const = 0;
    virtual const std::string& location() const = 0; ///< redacted
    virtual int schema_version() = 0;
    virtual int latest_schema_version() = 0;
    /// The table's columns and key; nullopt when the table does not exist.
    virtual std::optional<TableShape> shape(const pg::TableSpec& table) = 0;
    virtual std::int64_t count(const std::string& table) = 0;
    /// Rows of `columns` ordered by `key`; a geometry column reads as WKB.
    virtual std::unique_ptr<RowReader> read(const std::string& table,
                                            const std::vector<Column>& columns,
                                            const std::vector<std::string>& key) = 0;
    virtual std::unique_ptr<RowWriter> write(const pg::TableSpec& table,
                                             const std::vector<Column>& columns) = 0;
    /// A consistent snapshot for the source (held until the end of the copy).
    virtual void begin_read() = 0;
    virtual void begin_write() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    /// Empties one data table inside the write transaction.
    virtual void empty_table(const std::string& table) = 0;
    /// After every table is copied and the audit entry appended: identity sequences.
    virtual void finish_copy(const std::vector<pg::TableSpec>& tables) = 0;
    /// Runs one statement that is the same SQL in both dialects.
    virtual void exec(const std::string& sql) = 0;
};

// ---- SpatiaLite ----------------------------------------------------------------------------

std::string sq_ident(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

class SqliteReader final : public RowReader {
public:
    SqliteReader(sqlite::Database& db, const std::string& sql) : m_db(db) {
        const int rc = sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &m_stmt, nullptr);
        if (rc != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(db.handle());
            sqlite3_finalize(m_stmt);
            m_stmt = nullptr;
            throw DataError(ErrorCode::sql, "'" + db.path() + "': " + message + " in: " + sql);
        }
        m_columns = sqlite3_column_count(m_stmt);
    }
    ~SqliteReader() override { sqlite3_finalize(m_stmt); }

    bool next(std::vector<Value>& row) override {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_DONE) return false;
        if (rc != SQLITE_ROW)
            throw DataError(ErrorCode::sql,
                            "'" + m_db.path() + "': " + std::string(sqlite3_errmsg(m_db.handle())));
        row.resize(static_cast<std::size_t>(m_columns));
        for (int c = 0; c < m_columns; ++c) {
            Value& v = row[static_cast<std::size_t>(c)];
            switch (sqlite3_column_type(m_stmt, c)) {
            case SQLITE_NULL:
                v.type = Value::Type::null;
                break;
            case SQLITE_INTEGER:
                v.type = Value::Type::integer;
                v.i = sqlite3_column_int64(m_stmt, c);
                break;
            case SQLITE_FLOAT:
                v.type = Value::Type::real;
                v.d = sqlite3_column_double(m_stmt, c);
                break;
            case SQLITE_TEXT: {
                v.type = Value::Type::text;
                const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, c));
                v.s.assign(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, c)));
                break;
            }
            default: {
                v.type = Value::Type::blob;
                const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, c));
                v.s.assign(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, c)));
            }
            }
        }
        return true;
    }

private:
    sqlite::Database& m_db;
    sqlite3_stmt* m_stmt = nullptr;
    int m_columns = 0;
};

class SqliteWriter final : public RowWriter {
public:
    SqliteWriter(sqlite::Database& db, const std::string& table, const std::vector<Column>& cols)
        : m_table(table), m_columns(cols) {
        std::string names, values;
        for (const auto& c : cols) {
            if (!names.empty()) {
                names += ", ";
                values += ", ";
            }
            names += sq_ident(c.name);
            values += c.kind == Kind::geometry ? "GeomFromWKB(?, 4326)" : "?";
        }
        m_stmt = std::make_unique<sqlite::Statement>(db, "INSERT INTO " + sq_ident(table) + " (" +
                                                             names + ") VALUES (" + values + ")");
    }

    void write(const std::vector<Value>& row) override {
        auto& st = *m_stmt;
        st.reset();
        for (std::size_t c = 0; c < row.size(); ++c) {
            const int idx = static_cast<int>(c) + 1;
            const Value& v = row[c];
            switch (v.type) {
            case Value::Type::null:
                st.bind_null(idx);
                break;
            case Value::Type::integer:
                st.bind(idx, v.i);
                break;
            case Value::Type::real:
                st.bind(idx, v.d);
                break;
            case Value::Type::text:
                st.bind(idx, std::string_view(v.s));
                break;
            case Value::Type::blob:
                st.bind_blob(idx, v.s.data(), static_cast<int>(v.s.size()));
                break;
            }
        }
        try {
            st.run();
        } catch (const DataError& e) {
            throw DataError(e.code(), "table " + m_table + ", row " +
                                          key_text(m_columns, row, {"id"}) + ": " + e.what());
        }
    }
    void finish() override {}

private:
    std::string m_table;
    std::vector<Column> m_columns;
    std::unique_ptr<sqlite::Statement> m_stmt;
};

Kind sqlite_kind(std::string type) {
    std::transform(type.begin(), type.end(), type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    // SQLite's affinity rules (https://sqlite.org/datatype3.html, 3.1).
    if (type.find("INT") != std::string::npos) return Kind::integer;
    if (type.find("CHAR") != std::string::npos || type.find("CLOB") != std::string::npos ||
        type.find("TEXT") != std::string::npos)
        return Kind::text;
    if (type.empty() || type.find("BLOB") != std::string::npos) return Kind::blob;
    return Kind::real;
}

class SqliteEndpoint final : public Endpoint {
public:
    SqliteEndpoint(const std::string& path, bool create) : m_location(path) {
        if (!create && !std::filesystem::exists(path))
            throw DataError(ErrorCode::open_failed, "'" + path + "': no such database file");
        sqlite::OpenOptions options;
        options.create_if_missing = create;
        // The source is only read: never switch its journal mode.
        options.wal = create;
        m_db = std::make_unique<sqlite::Database>(path, options);
    }
    ~SqliteEndpoint() override { rollback(); }

    const char* backend() const override { return "spatialite"; }
    const std::string& location() const override { return m_location; }
    int schema_version() override { return spatialite::current_schema_version(*m_db); }
    int latest_schema_version() override { return spatialite::latest_schema_version(); }

    std::optional<TableShape> shape(const pg::TableSpec& table) override {
        auto st = m_db->prepare("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid");
        st.bind(1, table.name);
        TableShape shape;
        std::vector<std::pair<int, std::string>> key;
        while (st.step()) {
            Column c{st.column_text(0), sqlite_kind(st.column_text(1))};
            if (c.name == table.geometry_column) c.kind = Kind::geometry;
            if (const int pk = st.column_int(2); pk > 0) key.emplace_back(pk, c.name);
            shape.columns.push_back(std::move(c));
        }
        if (shape.columns.empty()) return std::nullopt;
        std::sort(key.begin(), key.end());
        for (auto& k : key)
            shape.key.push_back(std::move(k.second));
        return shape;
    }

    std::int64_t count(const std::string& table) override {
        return m_db->query_int64("SELECT COUNT(*) FROM " + sq_ident(table)).value_or(0);
    }

    std::unique_ptr<RowReader> read(const std::string& table, const std::vector<Column>& columns,
                                    const std::vector<std::string>& key) override {
        std::string sql = "SELECT ";
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (c) sql += ", ";
            sql += columns[c].kind == Kind::geometry ? "AsBinary(" + sq_ident(columns[c].name) + ")"
                                                     : sq_ident(columns[c].name);
        }
        sql += " FROM " + sq_ident(table);
        for (std::size_t k = 0; k < key.size(); ++k)
            sql += (k ? ", " : " ORDER BY ") + sq_ident(key[k]);
        return std::make_unique<SqliteReader>(*m_db, sql);
    }

    std::unique_ptr<RowWriter> write(const pg::TableSpec& table,
                                     const std::vector<Column>& columns) override {
        return std::make_unique<SqliteWriter>(*m_db, table.name, columns);
    }

    void begin_read() override {
        // A deferred transaction takes its WAL snapshot at the first read.
        m_db->exec("BEGIN");
        m_db->query_int64("SELECT COUNT(*) FROM sqlite_master");
        m_open = true;
    }
    void begin_write() override {
        m_db->exec("BEGIN IMMEDIATE");
        m_open = true;
        // Parents come first in data_tables(), but a check at COMMIT does not depend on it.
        m_db->exec("PRAGMA defer_foreign_keys = ON");
    }
    void commit() override {
        m_db->exec("COMMIT");
        m_open = false;
    }
    void rollback() noexcept override {
        if (!m_open) return;
        m_open = false;
        try {
            m_db->exec("ROLLBACK");
        } catch (...) {
            // Closing the connection rolls back too.
        }
    }

    void empty_table(const std::string& table) override {
        // History tables refuse DELETE through a trigger (audit_log, plan_versions, decisions).
        // `replace` is the owner emptying a file on purpose: the triggers are dropped and
        // re-created around the DELETE inside the copy's transaction, so they are never missing
        // from a committed file.
        std::vector<std::pair<std::string, std::string>> triggers;
        {
            auto st = m_db->prepare("SELECT name, sql FROM sqlite_master WHERE type='trigger' AND "
                                    "tbl_name=? AND upper(sql) LIKE '%BEFORE DELETE%'");
            st.bind(1, table);
            while (st.step())
                triggers.emplace_back(st.column_text(0), st.column_text(1));
        }
        for (const auto& [name, sql] : triggers)
            m_db->exec("DROP TRIGGER " + sq_ident(name));
        m_db->exec("DELETE FROM " + sq_ident(table));
        for (const auto& [name, sql] : triggers)
            m_db->exec(sql);
    }

    void finish_copy(const std::vector<pg::TableSpec>&) override {
        // INTEGER PRIMARY KEY ids continue after the largest one by themselves.
    }
    void exec(const std::string& sql) override { m_db->exec(sql); }

private:
    std::string m_location;
    std::unique_ptr<sqlite::Database> m_db;
    bool m_open = false;
};

// ---- PostgreSQL ----------------------------------------------------------------------------

ErrorCode code_for_sqlstate(const std::string& state) {
    if (state.rfind("23", 0) == 0) return ErrorCode::constraint;
    if (state == "42501") return ErrorCode::permission_denied;
    if (state == "40001" || state == "40P01") return ErrorCode::conflict;
    if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0) return ErrorCode::connection_lost;
    return ErrorCode::sql;
}

/// The server's error of a COPY (the wrapper's query() does not speak the COPY protocol).
[[noreturn]] void throw_copy_error(pg_conn* conn, PGresult* res, const std::string& table) {
    std::string message, state;
    if (res) {
        if (const char* m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) message = m;
        if (const char* d = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL))
            message += std::string(" (") + d + ")";
        if (const char* c = PQresultErrorField(res, PG_DIAG_CONTEXT))
            message += std::string(" [") + c + "]";
        if (const char* s = PQresultErrorField(res, PG_DIAG_SQLSTATE)) state = s;
        PQclear(res);
    }
    if (message.empty()) message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    ErrorCode code = code_for_sqlstate(state);
    if (state.empty() && PQstatus(conn) != CONNECTION_OK) code = ErrorCode::connection_lost;
    throw DataError(code, "PostgreSQL: table " + table + ": " + message +
                              (state.empty() ? "" : " [SQLSTATE " + state + "]"));
}

void append_copy_text(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += c;
        }
    }
}

/// COPY ... FROM STDIN in text format: an order of magnitude faster than row inserts for
/// 100,000 persons.
class PgWriter final : public RowWriter {
public:
    PgWriter(pg::Connection& conn, const std::string& table, const std::vector<Column>& cols)
        : m_conn(conn), m_table(table), m_columns(cols) {
        std::string sql = "COPY " + pg::quote_ident(table) + " (";
        for (std::size_t c = 0; c < cols.size(); ++c)
            sql += (c ? ", " : "") + pg::quote_ident(cols[c].name);
        sql += ") FROM STDIN";
        PGresult* res = PQexec(conn.handle(), sql.c_str());
        if (!res || PQresultStatus(res) != PGRES_COPY_IN)
            throw_copy_error(conn.handle(), res, table);
        PQclear(res);
        m_active = true;
    }
    ~PgWriter() override {
        if (m_active) {
            // Abandoned (an exception elsewhere): end the COPY so the connection can roll back.
            PQputCopyEnd(m_conn.handle(), "copy abandoned");
            while (PGresult* r = PQgetResult(m_conn.handle()))
                PQclear(r);
        }
    }

    void write(const std::vector<Value>& row) override {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c) m_buffer += '\t';
            const Value& v = row[c];
            switch (v.type) {
            case Value::Type::null:
                m_buffer += "\\N";
                break;
            case Value::Type::integer:
                if (m_columns[c].kind == Kind::boolean)
                    m_buffer += v.i ? "t" : "f";
                else
                    m_buffer += std::to_string(v.i);
                break;
            case Value::Type::real:
                m_buffer += format_double(v.d);
                break;
            case Value::Type::text:
                append_copy_text(m_buffer, v.s);
                break;
            case Value::Type::blob:
                if (m_columns[c].kind == Kind::geometry)
                    m_buffer += hex_of(ewkb_4326(v.s)); // hex EWKB is geometry's text input
                else
                    m_buffer += "\\\\x" + hex_of(v.s); // bytea hex input, backslash escaped
                break;
            }
        }
        m_buffer += '\n';
        if (m_buffer.size() >= (1u << 20)) flush();
    }

    void finish() override {
        flush();
        m_active = false;
        if (PQputCopyEnd(m_conn.handle(), nullptr) != 1)
            throw_copy_error(m_conn.handle(), nullptr, m_table);
        PGresult* res = PQgetResult(m_conn.handle());
        const bool ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
        if (!ok) {
            while (PGresult* r = PQgetResult(m_conn.handle()))
                PQclear(r);
            throw_copy_error(m_conn.handle(), res, m_table);
        }
        PQclear(res);
        while (PGresult* r = PQgetResult(m_conn.handle()))
            PQclear(r);
    }

private:
    void flush() {
        if (m_buffer.empty()) return;
        if (PQputCopyData(m_conn.handle(), m_buffer.data(), static_cast<int>(m_buffer.size())) != 1)
            throw_copy_error(m_conn.handle(), nullptr, m_table);
        m_buffer.clear();
    }

    pg::Connection& m_conn;
    std::string m_table;
    std::vector<Column> m_columns;
    std::string m_buffer;
    bool m_active = false;
};

/// Reads through a server-side cursor in batches, so a 100,000-row table never sits in
/// memory twice (source and target are compared side by side).
class PgReader final : public RowReader {
public:
    PgReader(pg::Connection& conn, const std::string& sql, std::vector<Column> columns)
        : m_conn(conn), m_columns(std::move(columns)) {
        static std::atomic<int> counter{0};
        m_cursor = "breathline_copy_" + std::to_string(++counter);
        m_conn.exec("DECLARE " + m_cursor + " NO SCROLL CURSOR FOR " + sql);
    }
    ~PgReader() override {
        try {
            if (m_conn.ok()) m_conn.exec("CLOSE " + m_cursor);
        } catch (...) {
            // An aborted transaction closes its cursors.
        }
    }

    bool next(std::vector<Value>& row) override {
        if (m_row >= m_batch.rows()) {
            if (m_done) return false;
            m_batch = m_conn.query("FETCH FORWARD 2000 FROM " + m_cursor);
            m_row = 0;
            if (m_batch.rows() < 2000) m_done = true;
            if (m_batch.rows() == 0) return false;
        }
        row.resize(m_columns.size());
        for (std::size_t c = 0; c < m_columns.size(); ++c) {
            Value& v = row[c];
            const int col = static_cast<int>(c);
            if (m_batch.is_null(m_row, col)) {
                v.type = Value::Type::null;
                continue;
            }
            switch (m_columns[c].kind) {
            case Kind::integer:
                v.type = Value::Type::integer;
                v.i = m_batch.int64(m_row, col);
                break;
            case Kind::boolean:
                v.type = Value::Type::integer;
                v.i = m_batch.boolean(m_row, col) ? 1 : 0;
                break;
            case Kind::real:
                v.type = Value::Type::real;
                v.d = m_batch.dbl(m_row, col);
                break;
            case Kind::text:
                v.type = Value::Type::text;
                v.s = m_batch.text(m_row, col);
                break;
            case Kind::blob:
            case Kind::geometry:
                v.type = Value::Type::blob;
                v.s = m_batch.bytea(m_row, col);
                break;
            }
        }
        ++m_row;
        return true;
    }

private:
    pg::Connection& m_conn;
    std::vector<Column> m_columns;
    std::string m_cursor;
    pg::Result m_batch;
    int m_row = 0;
    bool m_done = false;
};

Kind pg_kind(const std::string& type_name) {
    if (type_name == "int2" || type_name == "int4" || type_name == "int8") return Kind::integer;
    if (type_name == "float4" || type_name == "float8" || type_name == "numeric") return Kind::real;
    if (type_name == "bool") return Kind::boolean;
    if (type_name == "bytea") return Kind::blob;
    if (type_name == "geometry") return Kind::geometry;
    return Kind::text;
}

class PgEndpoint final : public Endpoint {
public:
    PgEndpoint(const std::string& location, bool migrate)
        : m_conn(location), m_location(pg::redact_conninfo(location)) {
        // Shortest exact text for doubles (also PostgreSQL 15's default, stated for clarity).
        m_conn.exec("SET extra_float_digits = 3");
        if (migrate) pg::migrate(m_conn);
    }
    ~PgEndpoint() override { rollback(); }

    const char* backend() const override { return "postgresql"; }
    const std::string& location() const override { return m_location; }
    int schema_version() override { return pg::current_schema_version(m_conn); }
    int latest_schema_version() override { return pg::latest_schema_version(); }

    std::optional<TableShape> shape(const pg::TableSpec& table) override {
        // pg_attribute, not information_schema: the latter hides the columns of tables the
        // login may not read, which would read as "column missing" instead of the real refusal.
        const auto cols = m_conn.query(
            "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
            "WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped "
            "ORDER BY a.attnum",
            pg::Params().add(pg::quote_ident(table.name)));
        if (cols.rows() == 0) return std::nullopt;
        TableShape shape;
        for (int r = 0; r < cols.rows(); ++r)
            shape.columns.push_back({cols.text(r, 0), pg_kind(cols.text(r, 1))});
        const auto key = m_conn.query(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey::int2[]) WHERE i.indrelid = to_regclass($1) AND "
            "i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)",
            pg::Params().add(pg::quote_ident(table.name)));
        for (int r = 0; r < key.rows(); ++r)
            shape.key.push_back(key.text(r, 0));
        return shape;
    }

    std::int64_t count(const std::string& table) override {
        return m_conn.query_int64("SELECT COUNT(*) FROM " + pg::quote_ident(table)).value_or(0);
    }

    std::unique_ptr<RowReader> read(const std::string& table, const std::vector<Column>& columns,
                                    const std::vector<std::string>& key) override {
        std::string sql = "SELECT ";
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (c) sql += ", ";
            const std::string name = pg::quote_ident(columns[c].name);
            sql += columns[c].kind == Kind::geometry ? "ST_AsBinary(" + name + ")" : name;
        }
        sql += " FROM " + pg::quote_ident(table);
        for (std::size_t k = 0; k < key.size(); ++k) {
            sql += (k ? ", " : " ORDER BY ") + pg::quote_ident(key[k]);
            // Byte order, as SQLite's BINARY collation sorts text keys.
            for (const auto& c : columns)
                if (c.name == key[k] && c.kind == Kind::text) sql += " COLLATE \"C\"";
        }
        return std::make_unique<PgReader>(m_conn, sql, columns);
    }

    std::unique_ptr<RowWriter> write(const pg::TableSpec& table,
                                     const std::vector<Column>& columns) override {
        return std::make_unique<PgWriter>(m_conn, table.name, columns);
    }

    void begin_read() override {
        m_conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        m_open = true;
    }
    void begin_write() override {
        m_conn.exec("BEGIN");
        m_open = true;
    }
    void commit() override {
        m_conn.exec("COMMIT");
        m_open = false;
    }
    void rollback() noexcept override {
        if (!m_open) return;
        m_open = false;
        try {
            if (m_conn.ok()) m_conn.exec("ROLLBACK");
        } catch (...) {
            // A broken connection rolls back on the server by itself.
        }
    }

    void empty_table(const std::string& table) override {
        if (table == "audit_log" && count("audit_log") > 0)
            throw DataError(
                ErrorCode::constraint,
                "'" + m_location +
                    "': --replace cannot empty a PostgreSQL database whose audit log has entries "
                    "(audit_log is insert-only for every role, by design); copy into a new, "
                    "empty database instead (replace is allowed for SpatiaLite files and for "
                    "PostgreSQL databases with an empty audit log)");
        m_conn.exec("DELETE FROM " + pg::quote_ident(table));
    }

    void finish_copy(const std::vector<pg::TableSpec>& tables) override {
        // Rows arrived with their ids; the identity sequences must continue after them.
        for (const auto& t : tables) {
            if (!t.has_identity_id) continue;
            const std::string name = pg::quote_ident(t.name);
            m_conn.query("SELECT setval(pg_get_serial_sequence($1, 'id'), "
                         "COALESCE((SELECT MAX(id) FROM " +
                             name + "), 0) + 1, false)",
                         pg::Params().add(name));
        }
    }

    void exec(const std::string& sql) override { m_conn.exec(sql); }

    pg::Connection& connection() { return m_conn; }

private:
    pg::Connection m_conn;
    std::string m_location;
    bool m_open = false;
};

std::unique_ptr<Endpoint> open_endpoint(const std::string& location, bool target) {
    if (pg::is_postgres_location(location)) return std::make_unique<PgEndpoint>(location, target);
    if (target) {
        // Creates and migrates the file through the store, so that a new file gets exactly the
        // schema, spatial metadata and indexes the application makes.
        open_store(location);
    }
    return std::make_unique<SqliteEndpoint>(location, target);
}

// ---- the copy ------------------------------------------------------------------------------

std::string utc_now() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

struct PlannedTable {
    pg::TableSpec spec;
    std::vector<Column> source_columns; ///< kinds as the source reads them
    std::vector<Column> target_columns; ///< same names and order, kinds as the target writes
    std::vector<std::string> key;
};

/// Column lists must be identical as sets: a column on one side only would be lost (or left
/// empty), so it is an error naming table and column.
PlannedTable plan_table(const pg::TableSpec& spec, Endpoint& from, Endpoint& to) {
    const auto src = from.shape(spec);
    if (!src)
        throw DataError(ErrorCode::invalid_input, "table " + spec.name + " is missing in the " +
                                                      from.backend() + " source '" +
                                                      from.location() + "'");
    const auto dst = to.shape(spec);
    if (!dst)
        throw DataError(ErrorCode::invalid_input, "table " + spec.name + " is missing in the " +
                                                      to.backend() + " target '" + to.location() +
                                                      "'");
    PlannedTable plan{spec, {}, {}, src->key.empty() ? dst->key : src->key};
    for (const auto& c : src->columns) {
        const auto it = std::find_if(dst->columns.begin(), dst->columns.end(),
                                     [&](const Column& d) { return d.name == c.name; });
        if (it == dst->columns.end())
            throw DataError(ErrorCode::invalid_input,
                            "table " + spec.name + ": column " + c.name +
                                " exists only in the source (" + from.backend() + " '" +
                                from.location() + "'), not in the target (" + to.backend() + " '" +
                                to.location() + "'): nothing was copied");
        plan.source_columns.push_back(c);
        plan.target_columns.push_back(*it);
    }
    for (const auto& d : dst->columns)
        if (std::none_of(src->columns.begin(), src->columns.end(),
                         [&](const Column& c) { return c.name == d.name; }))
            throw DataError(ErrorCode::invalid_input,
                            "table " + spec.name + ": column " + d.name +
                                " exists only in the target (" + to.backend() + " '" +
                                to.location() + "'), not in the source (" + from.backend() + " '" +
                                from.location() + "'): nothing was copied");
    if (!spec.geometry_column.empty()) {
        // The geometry column reads and writes as WKB on both sides.
        for (auto* cols : {&plan.source_columns, &plan.target_columns})
            for (auto& c : *cols)
                if (c.name == spec.geometry_column) c.kind = Kind::geometry;
    }
    if (plan.key.empty()) {
        // No primary key: order by every non-geometry column, which is as stable as it gets.
        for (const auto& c : plan.source_columns)
            if (c.kind != Kind::geometry) plan.key.push_back(c.name);
    }
    return plan;
}

[[noreturn]] void verification_failed(const std::string& what) {
    throw DataError(ErrorCode::export_failed,
                    "copy verification failed, nothing was committed: " + what);
}

/// Compares a table row by row (ordered by key) and counts the geometries compared. The
/// target may hold `extra_target_rows` more rows at the end (the audit entry of the copy).
std::int64_t compare_table(const PlannedTable& plan, Endpoint& from, Endpoint& to,
                           std::int64_t extra_target_rows) {
    auto src = from.read(plan.spec.name, plan.source_columns, plan.key);
    auto dst = to.read(plan.spec.name, plan.target_columns, plan.key);
    std::vector<Value> a, b;
    std::int64_t geometries = 0, row = 0;
    while (src->next(a)) {
        ++row;
        if (!dst->next(b))
            verification_failed("table " + plan.spec.name + ": row " +
                                key_text(plan.source_columns, a, plan.key) +
                                " is missing in the target");
        for (std::size_t c = 0; c < a.size(); ++c) {
            if (same_value(a[c], b[c])) continue;
            const Column& col = plan.source_columns[c];
            std::string detail;
            if (a[c].type != b[c].type)
                detail = std::string(type_name(a[c].type)) + " in the source, " +
                         type_name(b[c].type) + " in the target";
            else if (col.kind == Kind::geometry)
                detail = "the geometry's WKB differs";
            else if (a[c].type == Value::Type::real)
                detail = format_double(a[c].d) + " in the source, " + format_double(b[c].d) +
                         " in the target";
            else if (a[c].type == Value::Type::integer)
                detail = std::to_string(a[c].i) + " in the source, " + std::to_string(b[c].i) +
                         " in the target";
            else // text may be personal data: say how, not what
                detail = "the text differs (" + std::to_string(a[c].s.size()) + " bytes in the " +
                         "source, " + std::to_string(b[c].s.size()) + " in the target)";
            verification_failed("table " + plan.spec.name + ", row " +
                                key_text(plan.source_columns, a, plan.key) + ", column " +
                                col.name + ": " + detail);
        }
        for (std::size_t c = 0; c < a.size(); ++c)
            if (plan.source_columns[c].kind == Kind::geometry && a[c].type != Value::Type::null)
                ++geometries;
    }
    std::int64_t extra = 0;
    while (dst->next(b))
        if (++extra > extra_target_rows)
            verification_failed("table " + plan.spec.name + ": the target holds row " +
                                key_text(plan.target_columns, b, plan.key) +
                                " that the source does not have");
    if (extra != extra_target_rows)
        verification_failed("table " + plan.spec.name + ": the copy's own audit entry is missing");
    return geometries;
}

AuditEntry audit_entry_of(const std::vector<Column>& cols, const std::vector<Value>& row) {
    AuditEntry e;
    for (std::size_t c = 0; c < cols.size(); ++c) {
        const Value& v = row[c];
        const std::string text = v.type == Value::Type::text ? v.s : "";
        const std::string& n = cols[c].name;
        if (n == "id")
            e.id = v.type == Value::Type::integer ? v.i : 0;
        else if (n == "at")
            e.at = text;
        else if (n == "actor")
            e.actor = text;
        else if (n == "action")
            e.action = text;
        else if (n == "entity")
            e.entity = text;
        else if (n == "entity_id")
            e.entity_id = text;
        else if (n == "summary")
            e.summary = text;
        else if (n == "prev_hash")
            e.prev_hash = text;
        else if (n == "hash")
            e.hash = text;
    }
    return e;
}

/// Both backends keep the log's head (last id, hash, row count) beside the rows so that rows
/// cut from the end are noticed; it must name the log's last row.
void check_audit_head(Endpoint& side, const PlannedTable* head_plan, std::int64_t last_id,
                      const std::string& last_hash, std::int64_t rows,
                      std::vector<std::string>& problems) {
    if (!head_plan) return;
    auto reader = side.read("audit_head", head_plan->target_columns, head_plan->key);
    std::vector<Value> row;
    if (!reader->next(row)) {
        if (rows > 0) problems.push_back("audit_head is missing while audit_log has rows");
        return;
    }
    std::int64_t head_id = -1, head_rows = -1;
    std::string head_hash;
    for (std::size_t c = 0; c < row.size(); ++c) {
        const std::string& n = head_plan->target_columns[c].name;
        if (n == "last_id") head_id = row[c].i;
        if (n == "row_count") head_rows = row[c].i;
        if (n == "last_hash") head_hash = row[c].s;
    }
    if (head_id != last_id || head_hash != last_hash || head_rows != rows)
        problems.push_back("audit_head records row " + std::to_string(head_id) + " of " +
                           std::to_string(head_rows) + ", but audit_log ends at row " +
                           std::to_string(last_id) + " of " + std::to_string(rows));
}

/// Walks the hash chain of `side`'s audit_log (the same walk as every backend's verify()).
AuditVerification verify_chain(Endpoint& side, const PlannedTable& audit_plan,
                               const PlannedTable* head_plan) {
    AuditVerification v;
    auto reader = side.read("audit_log", audit_plan.target_columns, {"id"});
    std::vector<Value> row;
    std::string prev_hash = audit_genesis_hash();
    std::int64_t prev_id = 0;
    while (reader->next(row)) {
        const AuditEntry e = audit_entry_of(audit_plan.target_columns, row);
        ++v.rows;
        if (e.id != prev_id + 1)
            v.problems.push_back("audit_log rows " + std::to_string(prev_id + 1) + ".." +
                                 std::to_string(e.id - 1) + " are missing");
        if (e.prev_hash != prev_hash)
            v.problems.push_back("audit_log row " + std::to_string(e.id) +
                                 ": prev_hash does not match the row before it");
        if (audit_entry_hash(e) != e.hash)
            v.problems.push_back("audit_log row " + std::to_string(e.id) +
                                 ": content does not match its hash");
        prev_hash = e.hash;
        prev_id = e.id;
    }
    check_audit_head(side, head_plan, prev_id, prev_hash, v.rows, v.problems);
    v.ok = v.problems.empty();
    return v;
}

/// The "copy" entry, chained onto the copied log's last row.
std::vector<Value> copy_audit_row(Endpoint& to, const PlannedTable& audit_plan,
                                  const std::string& actor, const std::string& summary) {
    std::int64_t last_id = 0;
    std::string last_hash = audit_genesis_hash();
    {
        auto reader = to.read("audit_log", audit_plan.target_columns, {"id"});
        std::vector<Value> row;
        while (reader->next(row)) {
            const AuditEntry e = audit_entry_of(audit_plan.target_columns, row);
            last_id = e.id;
            last_hash = e.hash;
        }
    }
    AuditEntry e;
    e.id = last_id + 1;
    e.at = utc_now();
    e.actor = actor.empty() ? "breathline" : actor;
    e.action = "copy";
    e.entity = "database";
    e.entity_id = "";
    e.summary = summary;
    e.prev_hash = last_hash;
    e.hash = audit_entry_hash(e);
    std::vector<Value> out;
    for (const auto& c : audit_plan.target_columns) {
        Value v;
        const std::string& n = c.name;
        auto text = [&v](const std::string& s) {
            v.type = Value::Type::text;
            v.s = s;
        };
        if (n == "id") {
            v.type = Value::Type::integer;
            v.i = e.id;
        } else if (n == "at")
            text(e.at);
        else if (n == "actor")
            text(e.actor);
        else if (n == "action")
            text(e.action);
        else if (n == "entity")
            text(e.entity);
        else if (n == "entity_id")
            text(e.entity_id);
        else if (n == "summary")
            text(e.summary);
        else if (n == "prev_hash")
            text(e.prev_hash);
        else if (n == "hash")
            text(e.hash);
        else
            throw DataError(ErrorCode::sql, "audit_log has a column " + n +
                                                " that db copy does not know how to fill");
        out.push_back(std::move(v));
    }
    return out;
}

} // namespace

CopyReport copy_database(const std::string& from, const std::string& to,
                         const CopyOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    if (from == to)
        throw DataError(ErrorCode::invalid_input,
                        "db copy: source and target are the same database '" +
                            pg::redact_conninfo(from) + "'");
    auto source = open_endpoint(from, false);
    const int source_version = source->schema_version();
    if (source_version != source->latest_schema_version())
        throw DataError(ErrorCode::invalid_input,
                        "'" + source->location() + "' has schema version " +
                            std::to_string(source_version) + ", this Breathline copies version " +
                            std::to_string(source->latest_schema_version()) +
                            ": open it once with this Breathline (breathline --db ... init) "
                            "first");
    auto target = open_endpoint(to, true);
    const auto& tables = pg::data_tables();
    auto progress = [&](const std::string& line) {
        if (options.progress) options.progress(line);
    };

    CopyReport report;
    source->begin_read();
    std::vector<PlannedTable> plans;
    for (const auto& spec : tables)
        plans.push_back(plan_table(spec, *source, *target));
    const auto audit_plan = std::find_if(plans.begin(), plans.end(), [](const PlannedTable& p) {
        return p.spec.name == "audit_log";
    });
    if (audit_plan == plans.end())
        throw DataError(ErrorCode::sql, "db copy: pg::data_tables() does not list audit_log");
    const auto head_it = std::find_if(plans.begin(), plans.end(), [](const PlannedTable& p) {
        return p.spec.name == "audit_head";
    });
    const PlannedTable* head_plan = head_it == plans.end() ? nullptr : &*head_it;

    target->begin_write();
    try {
        std::int64_t existing = 0;
        std::string existing_tables;
        std::vector<std::int64_t> existing_rows;
        for (const auto& p : plans) {
            const std::int64_t n = target->count(p.spec.name);
            existing_rows.push_back(n);
            if (n == 0) continue;
            existing += n;
            if (existing_tables.size() < 200)
                existing_tables +=
                    (existing_tables.empty() ? "" : ", ") + p.spec.name + " " + std::to_string(n);
        }
        if (existing > 0) {
            if (!options.replace)
                throw DataError(ErrorCode::constraint,
                                "'" + target->location() + "' already holds " +
                                    std::to_string(existing) + " rows (" + existing_tables +
                                    "): db copy writes only into an empty database, or pass "
                                    "--replace to empty it first; nothing was changed");
            // Children first; only tables with rows (a statement-level guard, such as the
            // audit log's, must not fire for a table that is already empty).
            for (std::size_t i = plans.size(); i-- > 0;)
                if (existing_rows[i] > 0) target->empty_table(plans[i].spec.name);
            progress("emptied " + std::to_string(existing) + " rows in the target");
        }

        for (const auto& p : plans) {
            auto reader = source->read(p.spec.name, p.source_columns, p.key);
            auto writer = target->write(p.spec, p.target_columns);
            std::vector<Value> row;
            std::int64_t n = 0;
            while (reader->next(row)) {
                writer->write(row);
                ++n;
            }
            writer->finish();
            report.total_rows += n;
            progress(p.spec.name + ": " + std::to_string(n) + " rows copied");
        }

        // The copy is recorded in the target's own log, as its last write, so that the chain
        // verified below already includes it.
        const std::string summary = "copied from " + std::string(source->backend()) + " '" +
                                    source->location() + "': " + std::to_string(report.total_rows) +
                                    " rows in " + std::to_string(plans.size()) + " tables";
        {
            // Read the log's last row before the COPY starts: no other query runs during one.
            const auto row = copy_audit_row(*target, *audit_plan, options.actor, summary);
            auto writer = target->write(audit_plan->spec, audit_plan->target_columns);
            writer->write(row);
            writer->finish();
        }
        if (head_plan)
            target->exec("INSERT INTO audit_head (singleton, last_id, last_hash, row_count) "
                         "SELECT 1, last.id, last.hash, (SELECT COUNT(*) FROM audit_log) FROM "
                         "(SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1) AS last "
                         "WHERE true ON CONFLICT (singleton) DO UPDATE SET last_id = "
                         "excluded.last_id, last_hash = excluded.last_hash, row_count = "
                         "excluded.row_count");
        target->finish_copy(tables);

        // Verification inside the target's transaction: a difference rolls the whole copy back.
        for (const auto& p : plans) {
            const bool is_audit = p.spec.name == "audit_log";
            CopiedTable t;
            t.name = p.spec.name;
            t.source_rows = source->count(p.spec.name);
            t.target_rows = target->count(p.spec.name);
            if (&p == head_plan) {
                // Moved on by the copy's own entry: verified with the chain below.
                report.tables.push_back(std::move(t));
                continue;
            }
            if (t.target_rows != t.source_rows + (is_audit ? 1 : 0))
                verification_failed("table " + p.spec.name + " has " +
                                    std::to_string(t.source_rows) + " rows in the source but " +
                                    std::to_string(t.target_rows) + " in the target");
            t.geometries_compared = compare_table(p, *source, *target, is_audit ? 1 : 0);
            progress(p.spec.name + ": " + std::to_string(t.target_rows) + " rows, " +
                     std::to_string(t.geometries_compared) + " geometries verified");
            report.tables.push_back(std::move(t));
        }
        const AuditVerification chain = verify_chain(*target, *audit_plan, head_plan);
        if (!chain.ok) verification_failed("audit chain of the target: " + chain.problems.front());
        target->commit();
    } catch (...) {
        target->rollback();
        throw;
    }
    source->rollback(); // ends the read snapshot

    // An independent check after the commit, through the backend's own audit log.
    if (pg::is_postgres_location(to))
        report.audit = pg::PostgresStore(to).audit().verify();
    else
        report.audit = open_store(to)->audit().verify();
    if (!report.audit.ok)
        throw DataError(ErrorCode::export_failed,
                        "'" + target->location() +
                            "': the copy was committed but its audit chain does not verify: " +
                            report.audit.problems.front());
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

std::vector<TableRowCount> count_table_rows(const std::string& location) {
    std::vector<TableRowCount> out;
    if (pg::is_postgres_location(location)) {
        PgEndpoint side(location, false);
        for (const auto& spec : pg::data_tables()) {
            TableRowCount c{spec.name, std::nullopt};
            try {
                // Autocommit: a refused table does not abort the counts after it.
                c.rows = side.count(spec.name);
            } catch (const DataError& e) {
                if (e.code() != ErrorCode::permission_denied) throw;
            }
            out.push_back(std::move(c));
        }
        return out;
    }
    SqliteEndpoint side(location, false);
    for (const auto& spec : pg::data_tables())
        out.push_back({spec.name, side.count(spec.name)});
    return out;
}

} // namespace breathline::data
