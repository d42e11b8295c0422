// sql::Session on a SpatiaLite connection: statements are sqlite::Statement as they are,
// since the portable subset is SQLite syntax already.

#include "data/spatialite/spatialite_store.h"

namespace breathline::data::spatialite {

namespace {

class SqliteStatement final : public sql::Statement::Impl {
public:
    SqliteStatement(sqlite::Database& db, std::string_view sql) : m_db(db), m_st(db.prepare(sql)) {}
    void bind_int64(int index, std::int64_t value) override { m_st.bind(index, value); }
    void bind_double(int index, double value) override { m_st.bind(index, value); }
    void bind_text(int index, std::string_view value) override { m_st.bind(index, value); }
    void bind_blob(int index, std::string_view bytes) override {
        m_st.bind_blob(index, bytes.data(), static_cast<int>(bytes.size()));
    }
    void bind_null(int index) override { m_st.bind_null(index); }
    bool step() override {
        const bool row = m_st.step();
        // sqlite3_changes() belongs to the connection: read it before anything else runs.
        if (!row) m_changes = m_db.changes();
        return row;
    }
    bool is_null(int col) const override { return m_st.is_null(col); }
    std::int64_t column_int64(int col) const override { return m_st.column_int64(col); }
    double column_double(int col) const override { return m_st.column_double(col); }
    std::string column_text(int col) const override { return m_st.column_text(col); }
    // column_text keeps the byte length, so a blob comes back whole.
    std::string column_blob(int col) const override { return m_st.column_text(col); }
    std::int64_t changes() const override { return m_changes; }
    void reset() override {
        m_st.reset();
        m_changes = 0;
    }

private:
    sqlite::Database& m_db;
    sqlite::Statement m_st;
    std::int64_t m_changes = 0;
};

class SqliteWriteScope final : public sql::WriteScope {
public:
    explicit SqliteWriteScope(sqlite::Database& db) : m_scope(db) {}
    void commit() override { m_scope.commit(); }

private:
    spatialite::WriteScope m_scope;
};

} // namespace

sql::Statement SpatialiteSqlSession::prepare(std::string_view sql) {
    return sql::Statement(std::make_unique<SqliteStatement>(m_db, sql));
}

std::unique_ptr<sql::WriteScope> SpatialiteSqlSession::write_scope() {
    return std::make_unique<SqliteWriteScope>(m_db);
}

} // namespace breathline::data::spatialite
