#include "data/store/sql_session.h"

#include "data/error.h"

#include <chrono>
#include <ctime>
#include <string>

namespace breathline::data::sql {

Statement::Statement(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Statement::~Statement() = default;

Statement& Statement::bind(int index, std::int64_t value) {
    m_impl->bind_int64(index, value);
    return *this;
}
Statement& Statement::bind(int index, double value) {
    m_impl->bind_double(index, value);
    return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
    m_impl->bind_text(index, text);
    return *this;
}
Statement& Statement::bind_blob(int index, const void* data, int size) {
    m_impl->bind_blob(index,
                      std::string_view(static_cast<const char*>(data), static_cast<size_t>(size)));
    return *this;
}
Statement& Statement::bind_null(int index) {
    m_impl->bind_null(index);
    return *this;
}

bool Statement::step() {
    return m_impl->step();
}
void Statement::reset() {
    m_impl->reset();
}

std::int64_t Statement::run_returning_id() {
    if (!step()) throw DataError(ErrorCode::sql, "INSERT ... RETURNING id returned no row");
    const std::int64_t id = column_int64(0);
    run();
    return id;
}

std::int64_t Statement::changes() const {
    return m_impl->changes();
}
bool Statement::is_null(int col) const {
    return m_impl->is_null(col);
}
std::int64_t Statement::column_int64(int col) const {
    return m_impl->column_int64(col);
}
double Statement::column_double(int col) const {
    return m_impl->column_double(col);
}
std::string Statement::column_text(int col) const {
    return m_impl->column_text(col);
}
std::string Statement::column_blob(int col) const {
    return m_impl->column_blob(col);
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

std::optional<std::string> Session::query_text(std::string_view sql) {
    auto st = prepare(sql);
    if (!st.step()) return std::nullopt;
    return st.column_opt_text(0);
}

std::optional<std::int64_t> Session::query_int64(std::string_view sql) {
    auto st = prepare(sql);
    if (!st.step()) return std::nullopt;
    return st.column_opt_int64(0);
}

std::string registry_number(Session& session, std::int64_t person_id) {
    const auto number =
        session.query_text("SELECT external_id FROM " + session.relation("persons") +
                           " WHERE id=" + std::to_string(person_id));
    if (!number)
        throw DataError(ErrorCode::invalid_input,
                        "person_id: no person with id " + std::to_string(person_id));
    return *number;
}

std::string Session::byte_order(std::string_view column) const {
    if (dialect() == Dialect::spatialite) return std::string(column);
    return std::string(column) + " COLLATE \"C\"";
}

std::string Session::geom_from_wkb(std::string_view param) const {
    const char* fn = dialect() == Dialect::spatialite ? "GeomFromWKB(" : "ST_GeomFromWKB(";
    return std::string(fn) + std::string(param) + ", 4326)";
}

std::string Session::make_point(std::string_view lon_param, std::string_view lat_param) const {
    if (dialect() == Dialect::spatialite)
        return "MakePoint(" + std::string(lon_param) + ", " + std::string(lat_param) + ", 4326)";
    // Typed: a bare parameter in ST_MakePoint would be ambiguous between its overloads.
    return "ST_SetSRID(ST_MakePoint(CAST(" + std::string(lon_param) +
           " AS double precision), CAST(" + std::string(lat_param) +
           " AS double precision)), 4326)";
}

std::string Session::as_wkb(std::string_view column) const {
    const char* fn = dialect() == Dialect::spatialite ? "AsBinary(" : "ST_AsBinary(";
    return std::string(fn) + std::string(column) + ")";
}

std::string Session::intersects_indexed(std::string_view table, std::string_view alias,
                                        std::string_view column, std::string_view geom_sql,
                                        std::string_view xmin, std::string_view ymin,
                                        std::string_view xmax, std::string_view ymax) const {
    const std::string a(alias), c(column), g(geom_sql);
    if (dialect() == Dialect::spatialite) {
        // SpatiaLite's R*Tree is a separate virtual table the query must name itself.
        return a + ".id IN (SELECT pkid FROM idx_" + std::string(table) + "_" + c +
               " WHERE xmin <= " + std::string(xmax) + " AND xmax >= " + std::string(xmin) +
               " AND ymin <= " + std::string(ymax) + " AND ymax >= " + std::string(ymin) +
               ") AND ST_Intersects(" + a + "." + c + ", " + g + ") = 1";
    }
    return a + "." + c + " && ST_MakeEnvelope(CAST(" + std::string(xmin) +
           " AS double precision), CAST(" + std::string(ymin) + " AS double precision), CAST(" +
           std::string(xmax) + " AS double precision), CAST(" + std::string(ymax) +
           " AS double precision), 4326) AND ST_Intersects(" + a + "." + c + ", " + g + ")";
}

std::string utc_now_iso() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace breathline::data::sql
