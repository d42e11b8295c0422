#pragma once
/// A backend-neutral SQL session: the stores added after the core ones (decisions, loans,
/// deliveries, transport, plans, drills, roads) are written once against it and run on
/// SpatiaLite and on PostgreSQL/PostGIS alike. Their SQL is the portable subset both accept
/// against the mirrored schema (data/spatialite/migrations.cpp, data/postgres/pg_schema.cpp):
/// `?` or `?N` placeholders (1-based; PostgreSQL gets `$N`), `INSERT ... RETURNING id`,
/// `ON CONFLICT ... DO NOTHING/UPDATE`, booleans as integer 0/1, times as ISO-8601 text,
/// `CAST(? AS bigint|double precision|text)` where a parameter's type cannot be inferred
/// (PostgreSQL infers from context; `? IS NULL` alone cannot), explicit NULLS FIRST/LAST
/// where NULL order matters. Geometry goes through the dialect helpers below.
///
/// Errors are DataError as in each backend (constraint, conflict, permission_denied,
/// connection_lost, ...). Thread safety: like the Store it belongs to, one thread.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace breathline::data::sql {

enum class Dialect { spatialite, postgis };

/// One statement: bind parameters, then step() through its rows (or run()); reset() to run
/// it again with new bindings (bulk inserts keep one statement).
class Statement {
public:
    /// What a backend implements; callers use Statement.
    class Impl {
    public:
        virtual ~Impl() = default;
        virtual void bind_int64(int index, std::int64_t value) = 0;
        virtual void bind_double(int index, double value) = 0;
        virtual void bind_text(int index, std::string_view value) = 0;
        virtual void bind_blob(int index, std::string_view bytes) = 0;
        virtual void bind_null(int index) = 0;
        virtual bool step() = 0;
        virtual bool is_null(int col) const = 0;
        virtual std::int64_t column_int64(int col) const = 0;
        virtual double column_double(int col) const = 0;
        virtual std::string column_text(int col) const = 0;
        virtual std::string column_blob(int col) const = 0;
        virtual std::int64_t changes() const = 0;
        virtual void reset() = 0;
    };

    explicit Statement(std::unique_ptr<Impl> impl);
    Statement(Statement&&) noexcept = default;
    Statement& operator=(Statement&&) noexcept = default;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    /// Binary (WKB); PostgreSQL receives bytea.
    Statement& bind_blob(int index, const void* data, int size);
    Statement& bind_null(int index);
    /// Binds value or NULL when the optional is empty.
    template <typename T> Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }
    /// Booleans are stored as integer 0/1 on both backends.
    Statement& bind(int index, bool value) { return bind(index, std::int64_t{value ? 1 : 0}); }
    Statement& bind(int index, std::optional<bool> value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    /// Advances to the next row; false when done. The first call executes.
    bool step();
    /// Executes a statement that returns no rows (or ignores them); returns changes().
    std::int64_t run() {
        while (step()) {
        }
        return changes();
    }
    /// Ready to run again: bindings cleared.
    void reset();
    /// Runs an `INSERT ... RETURNING id` to completion and returns the id.
    std::int64_t run_returning_id();
    /// Rows inserted, updated or deleted by this statement (after it ran).
    std::int64_t changes() const;

    bool is_null(int col) const;
    std::int64_t column_int64(int col) const;
    int column_int(int col) const { return static_cast<int>(column_int64(col)); }
    double column_double(int col) const;
    std::string column_text(int col) const; ///< "" for NULL
    std::string column_blob(int col) const; ///< raw bytes ("" for NULL)
    std::optional<std::string> column_opt_text(int col) const;
    std::optional<double> column_opt_double(int col) const;
    std::optional<std::int64_t> column_opt_int64(int col) const;
    std::optional<bool> column_opt_bool(int col) const;

private:
    std::unique_ptr<Impl> m_impl;
};

/// A write and its audit entry atomically: a transaction, or a savepoint inside an open one
/// (a UnitOfWork, an outer write). Rolls back unless committed.
class WriteScope {
public:
    virtual ~WriteScope() = default;
    virtual void commit() = 0;
};

class Session {
public:
    virtual ~Session() = default;
    virtual Dialect dialect() const = 0;
    /// `sql` in the portable subset (see the file comment).
    virtual Statement prepare(std::string_view sql) = 0;
    /// Runs parameterless SQL, possibly several statements separated by ';'.
    virtual void exec(std::string_view sql) = 0;
    /// First column of the first row of parameterless SQL (nullopt: no row or NULL).
    std::optional<std::string> query_text(std::string_view sql);
    std::optional<std::int64_t> query_int64(std::string_view sql);
    virtual std::unique_ptr<WriteScope> write_scope() = 0;
    /// Appends an audit entry by the store's current actor (inside the caller's WriteScope).
    virtual void audit(std::string_view action, std::string_view entity, std::string_view entity_id,
                       std::string summary) = 0;
    /// The store's current actor (for rows that record who did something).
    virtual const std::string& actor() const = 0;
    /// Where the data lives, password redacted (for messages).
    virtual std::string location() const = 0;
    /// The relation to read personal table `table` (persons, supporters, contacts) through:
    /// the table itself, or its masked view where the session's role may not see personal
    /// data and has no SELECT on the table (PostgreSQL roles; SpatiaLite has no roles).
    virtual std::string relation(std::string_view table) const { return std::string(table); }

    /// `column` for ORDER BY in byte order on both backends (SQLite's default BINARY
    /// collation; PostgreSQL would otherwise follow the server's locale).
    std::string byte_order(std::string_view column) const;

    // Geometry in EPSG:4326, spelt per dialect. `param` is a placeholder ("?" or "?3").
    /// A geometry from WKB bound with bind_blob.
    std::string geom_from_wkb(std::string_view param) const;
    /// A point from two double parameters (lon, lat).
    std::string make_point(std::string_view lon_param, std::string_view lat_param) const;
    /// The WKB of a geometry column, read with column_blob.
    std::string as_wkb(std::string_view column) const;
    /// A boolean condition: `column` intersects the geometry expression `geom_sql`, through
    /// the spatial index (SpatiaLite: its R*Tree on `table`.`column`, which `alias` names in
    /// the query; PostGIS: the GiST `&&` operator). The bounding box is given as four double
    /// placeholders (xmin, ymin, xmax, ymax) for the index on SpatiaLite.
    std::string intersects_indexed(std::string_view table, std::string_view alias,
                                   std::string_view column, std::string_view geom_sql,
                                   std::string_view xmin, std::string_view ymin,
                                   std::string_view xmax, std::string_view ymax) const;
};

/// The registry number (persons.external_id) of `person_id`, read through the session's
/// relation for persons, for messages and audit entries (never the name). Throws
/// DataError(invalid_input) "person_id: no person with id N" when there is none.
std::string registry_number(Session& session, std::int64_t person_id);

/// Current UTC time as ISO-8601 with seconds, e.g. 2026-11-22T02:30:00Z.
std::string utc_now_iso();

} // namespace breathline::data::sql
