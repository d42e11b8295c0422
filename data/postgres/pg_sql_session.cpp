// sql::Session on the PostgreSQL connection of a PostgresStore. Statements are collected
// (placeholders renumbered, values as text) and sent at the first step(); the whole result
// is then read row by row.

#include "data/error.h"
#include "data/postgres/pg_stores.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace breathline::data::pg {

std::string to_dollar_placeholders(std::string_view sql, int& count) {
    std::string out;
    out.reserve(sql.size() + 16);
    count = 0;
    std::size_t i = 0;
    const auto copy_until = [&](char close) {
        // Copies a quoted run including both quotes; a doubled quote stays inside it.
        out += sql[i++];
        while (i < sql.size()) {
            out += sql[i];
            if (sql[i++] == close) {
                if (i < sql.size() && sql[i] == close) {
                    out += sql[i++];
                    continue;
                }
                return;
            }
        }
    };
    while (i < sql.size()) {
        const char c = sql[i];
        if (c == '\'' || c == '"') {
            copy_until(c);
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            while (i < sql.size() && sql[i] != '\n')
                out += sql[i++];
        } else if (c == '?') {
            ++i;
            int n = 0;
            std::size_t j = i;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9')
                n = n * 10 + (sql[j++] - '0');
            if (j == i) n = count + 1;
            i = j;
            count = std::max(count, n);
            out += '$';
            out += std::to_string(n);
        } else {
            out += sql[i++];
        }
    }
    return out;
}

namespace {

class PgStatement final : public sql::Statement::Impl {
public:
    PgStatement(Connection& conn, std::string_view sql) : m_conn(conn) {
        int count = 0;
        m_sql = to_dollar_placeholders(sql, count);
        m_values.resize(static_cast<std::size_t>(count));
    }
    void bind_int64(int index, std::int64_t value) override { slot(index) = std::to_string(value); }
    void bind_double(int index, double value) override {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", value);
        slot(index) = buf;
    }
    void bind_text(int index, std::string_view value) override { slot(index) = std::string(value); }
    void bind_blob(int index, std::string_view bytes) override {
        slot(index) = "\\x" + to_hex(bytes);
    }
    void bind_null(int index) override { slot(index).reset(); }

    bool step() override {
        if (!m_ran) {
            Params params;
            for (const auto& v : m_values)
                v ? params.add(*v) : params.add_null();
            m_result = m_conn.query(m_sql, params);
            m_ran = true;
            m_row = -1;
        }
        if (m_row + 1 >= m_result.rows()) {
            m_row = m_result.rows();
            return false;
        }
        ++m_row;
        return true;
    }
    bool is_null(int col) const override { return m_result.is_null(m_row, col); }
    std::int64_t column_int64(int col) const override {
        if (is_null(col)) return 0;
        const std::string v = m_result.text(m_row, col);
        std::int64_t out = 0;
        const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
        if (ec == std::errc{} && ptr == v.data() + v.size()) return out;
        // numeric results (SUM, ROUND) read as SQLite reads a REAL as integer: truncated.
        char* end = nullptr;
        const double d = std::strtod(v.c_str(), &end);
        if (end != v.c_str() && std::isfinite(d)) return static_cast<std::int64_t>(d);
        throw DataError(ErrorCode::sql, "PostgreSQL: column " + m_result.column_name(col) +
                                            " is not a number: '" + v + "'");
    }
    double column_double(int col) const override { return m_result.dbl(m_row, col); }
    std::string column_text(int col) const override { return m_result.text(m_row, col); }
    std::string column_blob(int col) const override { return m_result.bytea(m_row, col); }
    std::int64_t changes() const override { return m_ran ? m_result.affected() : 0; }
    void reset() override {
        for (auto& v : m_values)
            v.reset();
        m_result = Result();
        m_ran = false;
        m_row = -1;
    }

private:
    std::optional<std::string>& slot(int index) {
        if (index < 1)
            throw DataError(ErrorCode::sql, "parameter index " + std::to_string(index) +
                                                " out of range in: " + m_sql);
        if (static_cast<std::size_t>(index) > m_values.size())
            m_values.resize(static_cast<std::size_t>(index));
        return m_values[static_cast<std::size_t>(index - 1)];
    }
    Connection& m_conn;
    std::string m_sql;
    std::vector<std::optional<std::string>> m_values;
    Result m_result;
    bool m_ran = false;
    int m_row = -1;
};

class PgSqlWriteScope final : public sql::WriteScope {
public:
    explicit PgSqlWriteScope(Connection& conn) : m_scope(conn) {}
    void commit() override { m_scope.commit(); }

private:
    pg::WriteScope m_scope;
};

} // namespace

sql::Statement PgSqlSession::prepare(std::string_view sql) {
    return sql::Statement(std::make_unique<PgStatement>(m_s.conn, sql));
}

std::unique_ptr<sql::WriteScope> PgSqlSession::write_scope() {
    return std::make_unique<PgSqlWriteScope>(m_s.conn);
}

} // namespace breathline::data::pg
