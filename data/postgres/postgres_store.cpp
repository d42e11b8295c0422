// PostgresStore: one libpq session shared by the sub-stores (pg_*_store.cpp),
// the role from the login's group membership, the unit of work, and the
// checks and repairs of the server-side state.

#include "data/postgres/postgres_store.h"

#include "data/error.h"
#include "data/postgres/pg_schema.h"
#include "data/postgres/pg_stores.h"

#include <chrono>
#include <ctime>
#include <libpq-fe.h>

namespace breathline::data::pg {

// ---- helpers shared by the sub-stores ----------------------------------------

bool in_transaction(Connection& conn) {
    return PQtransactionStatus(conn.handle()) != PQTRANS_IDLE;
}

WriteScope::WriteScope(Connection& conn) : m_tx(conn, in_transaction(conn)) {}

std::string point_sql(int n) {
    return "ST_SetSRID(ST_MakePoint($" + std::to_string(n) + "::float8,$" + std::to_string(n + 1) +
           "::float8),4326)";
}

void add_point(Params& p, const std::optional<geo::LonLat>& location) {
    if (location) {
        p.add(location->lon()).add(location->lat());
    } else {
        p.add_null().add_null();
    }
}

std::string from_hex(std::string_view hex) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    std::string out(hex.size() / 2, '\0');
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<char>(nibble(hex[2 * i]) * 16 + nibble(hex[2 * i + 1]));
    return out;
}

std::string to_hex(std::string_view bytes) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        out += k_digits[b >> 4];
        out += k_digits[b & 15];
    }
    return out;
}

// ---- the store ---------------------------------------------------------------

namespace {

/// The role of the logged-in user: superuser and database owner act as
/// coordinator; otherwise the highest breathline_* group the login belongs to.
auth::Role login_role(Connection& conn) {
    const Result r = conn.query(
        "SELECT r.rolsuper OR pg_has_role(current_user, d.datdba, 'MEMBER') FROM pg_roles r, "
        "pg_database d WHERE r.rolname = current_user AND d.datname = current_database()");
    if (r.rows() > 0 && r.boolean(0, 0)) return auth::Role::coordinator;
    for (const auth::Role role : {auth::Role::coordinator, auth::Role::planner,
                                  auth::Role::drill_operator, auth::Role::viewer}) {
        // A missing group role (a cluster never migrated) is no membership, not an error.
        const Result m =
            conn.query("SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) THEN "
                       "pg_has_role(current_user, $1::text, 'MEMBER') ELSE false END",
                       Params().add(auth::database_role_name(role)));
        if (m.rows() > 0 && m.boolean(0, 0)) return role;
    }
    throw DataError(ErrorCode::permission_denied,
                    "'" + conn.location() + "': login " +
                        conn.query_text("SELECT current_user").value_or("?") +
                        " is not a member of any breathline_* role (breathline_coordinator, "
                        "breathline_planner, breathline_drill_operator, breathline_viewer)");
}

/// How far a role reaches: a session may switch to a role whose permissions
/// are all contained in its own.
bool covers(auth::Role wide, auth::Role narrow) {
    const auth::Permissions a = auth::permissions(wide);
    const auth::Permissions b = auth::permissions(narrow);
    auto le = [](bool x, bool y) { return !x || y; };
    return le(b.see_personal, a.see_personal) && le(b.edit_registry, a.edit_registry) &&
           le(b.edit_plans, a.edit_plans) && le(b.manage_incidents, a.manage_incidents) &&
           le(b.record_checks, a.record_checks) && le(b.dispatch, a.dispatch) &&
           le(b.run_drills, a.run_drills) && le(b.export_personal, a.export_personal);
}

class PgUnitOfWork final : public UnitOfWork {
public:
    explicit PgUnitOfWork(Connection& conn) : m_scope(conn) {}
    void commit() override { m_scope.commit(); }

private:
    WriteScope m_scope;
};

} // namespace

struct PostgresStore::Impl {
    explicit Impl(const std::string& location)
        : session(location), audit(session), registry(session, audit), facilities(session, audit),
          areas(session, audit), incidents(session, audit), sql(session, audit) {}
    PgSession session;
    PgAuditLog audit;
    PgRegistryStore registry;
    PgFacilityStore facilities;
    PgAreaStore areas;
    PgIncidentStore incidents;
    PgSqlSession sql;
};

PostgresStore::PostgresStore(const std::string& location)
    : m_impl(std::make_unique<Impl>(location)) {
    migrate(m_impl->session.conn);
    m_impl->session.granted = login_role(m_impl->session.conn);
    m_impl->session.role = m_impl->session.granted;
}

PostgresStore::~PostgresStore() = default;

RegistryStore& PostgresStore::registry() {
    return m_impl->registry;
}
FacilityStore& PostgresStore::facilities() {
    return m_impl->facilities;
}
AreaStore& PostgresStore::areas() {
    return m_impl->areas;
}
IncidentStore& PostgresStore::incidents() {
    return m_impl->incidents;
}
AuditLog& PostgresStore::audit() {
    return m_impl->audit;
}

std::unique_ptr<UnitOfWork> PostgresStore::begin() {
    return std::make_unique<PgUnitOfWork>(m_impl->session.conn);
}

void PostgresStore::set_actor(std::string actor) {
    m_impl->session.actor = std::move(actor);
}

sql::Session& PostgresStore::sql() {
    return m_impl->sql;
}

const std::string& PostgresStore::actor() const {
    return m_impl->session.actor;
}

int PostgresStore::schema_version() {
    return current_schema_version(m_impl->session.conn);
}

std::string PostgresStore::location() const {
    return m_impl->session.conn.location();
}

auth::Role PostgresStore::role() const {
    return m_impl->session.role;
}

void PostgresStore::set_role(auth::Role role) {
    // Against the session's current role, not the login's: a console narrowed to viewer for
    // a projector must not be widened back by a later call in the same session.
    if (!covers(m_impl->session.role, role))
        throw DataError(
            ErrorCode::permission_denied,
            std::string("role ") + auth::to_string(role) + " is wider than this session's role " +
                auth::to_string(m_impl->session.role) + " (login " +
                auth::to_string(m_impl->session.granted) + "); a session can only narrow its role");
    m_impl->session.role = role;
}

Connection& PostgresStore::connection() {
    return m_impl->session.conn;
}

CheckReport PostgresStore::check() {
    using Severity = CheckFinding::Severity;
    CheckReport report;
    auto add = [&](Severity s, std::string code, std::string message, std::string message_ja) {
        report.findings.push_back({s, std::move(code), std::move(message), std::move(message_ja)});
    };
    Connection& conn = m_impl->session.conn;

    try {
        conn.query("SELECT 1");
    } catch (const DataError& e) {
        add(Severity::error, "connection", location() + ": " + e.what(),
            location() + ": サーバーに接続できません: " + e.what());
        return report;
    }

    const int version = current_schema_version(conn);
    if (version != latest_schema_version())
        add(Severity::error, "schema_version",
            "schema version " + std::to_string(version) + ", this build expects " +
                std::to_string(latest_schema_version()),
            "スキーマのバージョンが " + std::to_string(version) + " です (このビルドは " +
                std::to_string(latest_schema_version()) + ")");

    const AuditVerification audit = m_impl->audit.verify();
    for (const auto& p : audit.problems)
        add(Severity::error, "audit_chain", p, "監査ログの改ざん・欠落を検出: " + p);

    // An index left invalid (a failed CREATE INDEX CONCURRENTLY, a crash during
    // REINDEX) is skipped by the planner, so spatial queries fall back to scans
    // or, for KNN, lose the index order: report it like SpatiaLite's R*Tree damage.
    {
        const Result r = conn.query(
            "SELECT c.relname, t.relname, i.indisvalid AND i.indisready FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
            "JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE am.amname = 'gist' AND n.nspname = current_schema() ORDER BY c.relname");
        for (int i = 0; i < r.rows(); ++i)
            if (!r.boolean(i, 2))
                add(Severity::error, "spatial_index",
                    r.text(i, 0) + " on " + r.text(i, 1) +
                        " is not valid (invisible to spatial queries); run check --repair",
                    r.text(i, 0) + " (" + r.text(i, 1) +
                        "): 空間インデックスが無効です。check --repair で再構築してください");
    }
    {
        const Result cols = conn.query(
            "SELECT f_table_name, f_geometry_column FROM geometry_columns WHERE "
            "f_table_schema = current_schema() AND f_table_name IN (SELECT table_name FROM "
            "information_schema.tables WHERE table_schema = current_schema() AND table_type = "
            "'BASE TABLE') ORDER BY f_table_name");
        for (int c = 0; c < cols.rows(); ++c) {
            const std::string table = cols.text(c, 0);
            const std::string column = cols.text(c, 1);
            // ST_IsValidDetail, not ST_IsValid: the latter sends a NOTICE per bad row.
            const Result bad = conn.query(
                "SELECT id, (ST_IsValidDetail(" + quote_ident(column) + ")).reason FROM " +
                quote_ident(table) + " WHERE " + quote_ident(column) + " IS NOT NULL AND NOT (" +
                "ST_IsValidDetail(" + quote_ident(column) + ")).valid ORDER BY id");
            for (int i = 0; i < bad.rows(); ++i)
                add(Severity::warning, "geometry",
                    table + " row " + bad.text(i, 0) + ": invalid geometry (" + bad.text(i, 1) +
                        ")",
                    table + " の行 " + bad.text(i, 0) + " の形状が不正です (" + bad.text(i, 1) +
                        ")");
        }
    }

    for (const auto& f : m_impl->facilities.facilities({})) {
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
        conn.query_int64("SELECT COUNT(*) FROM " + m_impl->session.rel("persons") +
                         " WHERE geom IS NULL")
            .value_or(0);
    if (unlocated > 0)
        add(Severity::warning, "unresolved_location",
            std::to_string(unlocated) + " registered persons have no location",
            "位置が未登録の登録者が " + std::to_string(unlocated) + " 人います");
    return report;
}

std::vector<std::string> PostgresStore::repair_spatial_indexes() {
    Connection& conn = m_impl->session.conn;
    std::vector<std::string> done;
    WriteScope tx(conn);
    const Result r = conn.query(
        "SELECT c.relname, t.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = "
        "i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_am am ON am.oid = c.relam "
        "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = "
        "i.indrelid AND a.attnum = i.indkey[0] WHERE am.amname = 'gist' AND n.nspname = "
        "current_schema() ORDER BY c.relname");
    for (int i = 0; i < r.rows(); ++i) {
        const std::string idx = r.text(i, 0);
        conn.exec("REINDEX INDEX " + quote_ident(idx));
        const std::int64_t n =
            conn.query_int64("SELECT COUNT(*) FROM " + quote_ident(r.text(i, 1)) + " WHERE " +
                             quote_ident(r.text(i, 2)) + " IS NOT NULL")
                .value_or(0);
        done.push_back(idx + ": rebuilt with " + std::to_string(n) + " entries");
    }
    std::string summary;
    for (const auto& d : done)
        summary += (summary.empty() ? "" : "; ") + d;
    m_impl->audit.record("repair", "spatial_indexes", "", summary);
    tx.commit();
    return done;
}

} // namespace breathline::data::pg
