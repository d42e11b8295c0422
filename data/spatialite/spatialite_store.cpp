#include "data/spatialite/spatialite_store.h"

#include "data/error.h"
#include "data/postgres/postgres_store.h"
#include "data/spatialite/migrations.h"

#include <chrono>
#include <ctime>

namespace breathline::data {

bool CheckReport::has_errors() const {
    for (const auto& f : findings)
        if (f.severity == CheckFinding::Severity::error) return true;
    return false;
}

bool CheckReport::has_warnings() const {
    for (const auto& f : findings)
        if (f.severity == CheckFinding::Severity::warning) return true;
    return false;
}

std::unique_ptr<Store> open_store(const std::string& location) {
    if (pg::is_postgres_location(location)) return std::make_unique<pg::PostgresStore>(location);
    return std::make_unique<spatialite::SpatialiteStore>(location);
}

} // namespace breathline::data

namespace breathline::data::spatialite {

SpatialiteStore& spatialite_backend(Store& store, std::string_view what) {
    auto* sl = dynamic_cast<SpatialiteStore*>(&store);
    if (!sl)
        throw DataError(ErrorCode::open_failed, "'" + store.location() +
                                                    "': this store backend has no " +
                                                    std::string(what));
    return *sl;
}

const std::vector<std::pair<std::string, std::string>>& spatial_indexed_columns() {
    static const std::vector<std::pair<std::string, std::string>> k = {
        {"persons", "geom"},    {"supporters", "geom"},    {"facilities", "geom"},
        {"areas", "geom"},      {"outage_areas", "geom"},  {"road_nodes", "geom"},
        {"road_edges", "geom"}, {"road_closures", "geom"},
    };
    return k;
}

// ---- WriteScope / UnitOfWork ----------------------------------------------

WriteScope::WriteScope(sqlite::Database& db) : m_db(db) {
    m_db.exec("SAVEPOINT write_scope;");
}

WriteScope::~WriteScope() {
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK TO write_scope; RELEASE write_scope;");
        } catch (...) {
            // The connection is unusable anyway; closing it rolls back.
        }
    }
}

void WriteScope::commit() {
    m_db.exec("RELEASE write_scope;");
    m_done = true;
}

namespace {

class SpatialiteUnitOfWork final : public UnitOfWork {
public:
    explicit SpatialiteUnitOfWork(sqlite::Database& db) : m_tx(db) {}
    void commit() override { m_tx.commit(); }

private:
    sqlite::Transaction m_tx;
};

} // namespace

// ---- SpatialiteStore --------------------------------------------------------

SpatialiteStore::SpatialiteStore(const std::string& path)
    : m_db(path, sqlite::OpenOptions{.create_if_missing = true, .read_only = false, .wal = false}),
      m_actor("breathline"), m_audit(m_db, m_actor), m_registry(m_db, m_audit),
      m_facilities(m_db, m_audit, m_projector), m_areas(m_db, m_audit), m_incidents(m_db, m_audit),
      m_sql(m_db, m_audit, m_actor) {
    const std::int64_t app_id = m_db.query_int64("PRAGMA application_id").value_or(0);
    const int version = current_schema_version(m_db);
    const bool empty =
        m_db.query_int64("SELECT COUNT(*) FROM sqlite_master WHERE type='table'").value_or(0) == 0;
    if (!empty && version == 0 && app_id != 1112689742)
        throw DataError(ErrorCode::open_failed,
                        "'" + path +
                            "' is an SQLite database but not a Breathline one (no "
                            "schema_migrations table); refusing to modify it");
    // Only now, with the file recognised as ours (or new), may it change.
    m_db.query_text("PRAGMA journal_mode=WAL;");
    migrate(m_db);
}

std::unique_ptr<UnitOfWork> SpatialiteStore::begin() {
    return std::make_unique<SpatialiteUnitOfWork>(m_db);
}

int SpatialiteStore::schema_version() {
    return current_schema_version(m_db);
}

CheckReport SpatialiteStore::check() {
    using Severity = CheckFinding::Severity;
    CheckReport report;
    auto add = [&](Severity s, std::string code, std::string message, std::string message_ja) {
        report.findings.push_back({s, std::move(code), std::move(message), std::move(message_ja)});
    };

    {
        auto st = m_db.prepare("PRAGMA integrity_check");
        while (st.step()) {
            const std::string line = st.column_text(0);
            if (line != "ok")
                add(Severity::error, "integrity", line, "SQLite 整合性検査で異常: " + line);
        }
    }
    {
        auto st = m_db.prepare("PRAGMA foreign_key_check");
        while (st.step())
            add(Severity::error, "foreign_key",
                "table " + st.column_text(0) + " row " + st.column_text(1) +
                    " refers to a missing row in " + st.column_text(2),
                "テーブル " + st.column_text(0) + " の行 " + st.column_text(1) + " が " +
                    st.column_text(2) + " の存在しない行を参照しています");
    }

    const AuditVerification audit = m_audit.verify();
    for (const auto& p : audit.problems)
        add(Severity::error, "audit_chain", p, "監査ログの改ざん・欠落を検出: " + p);

    // PRAGMA integrity_check does not look inside R*Tree virtual tables, so
    // a damaged index passes it and silently hides rows from nearest queries.
    for (const auto& [table, column] : spatial_indexed_columns()) {
        const std::string idx = "idx_" + table + "_" + column;
        const std::string where_geom = column + " IS NOT NULL AND NOT ST_IsEmpty(" + column + ")";
        {
            auto st = m_db.prepare("SELECT rtreecheck('" + idx + "')");
            if (st.step() && st.column_text(0) != "ok")
                add(Severity::error, "spatial_index", idx + ": " + st.column_text(0),
                    idx + ": 空間インデックスの構造が壊れています: " + st.column_text(0));
        }
        {
            auto st = m_db.prepare("SELECT t.rowid FROM " + table + " t WHERE " + where_geom +
                                   " AND NOT EXISTS (SELECT 1 FROM " + idx +
                                   " i WHERE i.pkid = t.rowid)");
            while (st.step())
                add(Severity::error, "spatial_index",
                    idx + ": row " + st.column_text(0) + " of " + table +
                        " is missing from the index (invisible to spatial queries)",
                    idx + ": " + table + " の行 " + st.column_text(0) +
                        " が索引にありません (空間検索で見つかりません)");
        }
        {
            auto st =
                m_db.prepare("SELECT i.pkid FROM " + idx + " i WHERE NOT EXISTS (SELECT 1 FROM " +
                             table + " t WHERE t.rowid = i.pkid AND t." + where_geom + ")");
            while (st.step())
                add(Severity::error, "spatial_index",
                    idx + ": entry " + st.column_text(0) + " has no geometry in " + table,
                    idx + ": 索引の項目 " + st.column_text(0) + " に対応する " + table +
                        " の位置がありません");
        }
        {
            // The index stores 32-bit float boxes rounded outwards, so a
            // good box contains the geometry's and exceeds it by float
            // rounding only: at most 2^-22 of the value, 3.3e-5 degrees
            // (3 m) near 139.7°E; twice that is allowed. A fixed tolerance
            // of 1e-5 degrees flagged a third of all Tokyo longitudes.
            const std::string g = "t." + column;
            auto beyond = [&](const std::string& outer, const std::string& inner) {
                return "(" + outer + ") - (" + inner + ") > abs(" + inner + ") * 4.8e-7";
            };
            auto st = m_db.prepare("SELECT t.rowid FROM " + table + " t JOIN " + idx +
                                   " i ON i.pkid = t.rowid WHERE " + g +
                                   " IS NOT NULL AND NOT ST_IsEmpty(" + g +
                                   ") AND (i.xmin > MbrMinX(" + g + ") OR i.xmax < MbrMaxX(" + g +
                                   ") OR i.ymin > MbrMinY(" + g + ") OR i.ymax < MbrMaxY(" + g +
                                   ") OR " + beyond("MbrMinX(" + g + ")", "i.xmin") + " OR " +
                                   beyond("i.xmax", "MbrMaxX(" + g + ")") + " OR " +
                                   beyond("MbrMinY(" + g + ")", "i.ymin") + " OR " +
                                   beyond("i.ymax", "MbrMaxY(" + g + ")") + ")");
            while (st.step())
                add(Severity::error, "spatial_index",
                    idx + ": the box of row " + st.column_text(0) + " of " + table +
                        " does not match its geometry",
                    idx + ": " + table + " の行 " + st.column_text(0) +
                        " の索引の範囲が位置と一致しません");
        }
    }

    for (const auto& f : m_facilities.facilities({})) {
        if (!f.location || f.geocode_precision == GeocodePrecision::unresolved)
            add(Severity::warning, "unresolved_location",
                "facility " + f.external_id + " " + f.name +
                    " has no location (address: " + (f.address.empty() ? "none" : f.address) +
                    "); it is kept in the catalogue but absent from the map and nearest queries",
                "施設 " + f.external_id + " " + f.name +
                    " の位置が未確定です (所在地: " + (f.address.empty() ? "記載なし" : f.address) +
                    ")。施設一覧には残りますが、地図と最寄り検索には出ません");
    }
    const std::int64_t unlocated =
        m_db.query_int64("SELECT COUNT(*) FROM persons WHERE geom IS NULL").value_or(0);
    if (unlocated > 0)
        add(Severity::warning, "unresolved_location",
            std::to_string(unlocated) + " registered persons have no location",
            "位置が未登録の登録者が " + std::to_string(unlocated) + " 人います");
    return report;
}

std::vector<std::string> SpatialiteStore::repair_spatial_indexes() {
    std::vector<std::string> done;
    sqlite::Transaction tx(m_db);
    for (const auto& [table, column] : spatial_indexed_columns()) {
        const std::string idx = "idx_" + table + "_" + column;
        // Rebuild from the table: empty the R*Tree and refill it from the
        // geometries, which are the source of truth.
        m_db.exec("DELETE FROM " + idx + ";");
        m_db.exec("INSERT INTO " + idx + "(pkid, xmin, xmax, ymin, ymax) SELECT rowid, MbrMinX(" +
                  column + "), MbrMaxX(" + column + "), MbrMinY(" + column + "), MbrMaxY(" +
                  column + ") FROM " + table + " WHERE " + column +
                  " IS NOT NULL AND NOT ST_IsEmpty(" + column + ");");
        const std::int64_t n = m_db.query_int64("SELECT COUNT(*) FROM " + idx).value_or(0);
        done.push_back(idx + ": rebuilt with " + std::to_string(n) + " entries");
    }
    std::string summary;
    for (const auto& d : done)
        summary += (summary.empty() ? "" : "; ") + d;
    m_audit.record("repair", "spatial_indexes", "", summary);
    tx.commit();
    return done;
}

} // namespace breathline::data::spatialite
