// drill::DrillStore (tables of migration 10)., written once in portable SQL over sql::Session
// (data/store/sql_session.h): it runs on SpatiaLite and PostgreSQL/PostGIS alike.

#include "data/drill/drill_store.h"

#include "data/error.h"
#include "data/ops/clock.h"
#include "data/ops/outage_shape.h"
#include "data/postgres/pg_connection.h"
#include "data/sqlite/database.h"
#include "data/store/sql_session.h"
#include "data/store/store.h"

#include <cstdio>
#include <filesystem>

namespace breathline::data {

namespace {

using namespace drill;

constexpr std::string_view k_run_select =
    "SELECT incident_id, scenario_file, scenario_text, started_at, clock_real_ms, "
    "clock_scenario, speed, paused, ended_at FROM drill_runs";

std::int64_t to_ms(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// A template: running_drill_clock reads the same columns straight from a file or a server.
template <typename Row> DrillRun read_run(const Row& st) {
    DrillRun r;
    r.incident_id = st.column_int64(0);
    r.scenario_file = st.column_text(1);
    r.scenario_text = st.column_text(2);
    r.started_at = st.column_text(3);
    r.clock.anchor_real = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::milliseconds(st.column_int64(4))));
    r.clock.anchor_scenario = ops::parse_time(st.column_text(5)).value_or(ops::TimePoint{});
    r.clock.speed = st.column_double(6);
    r.clock.paused = st.column_int64(7) != 0;
    r.ended_at = st.column_opt_text(8);
    return r;
}

// One row of a libpq result, read the way read_run reads a statement.
struct PgRow {
    const pg::Result& res;
    int row = 0;
    std::int64_t column_int64(int c) const { return res.int64(row, c); }
    double column_double(int c) const { return res.dbl(row, c); }
    std::string column_text(int c) const { return res.text(row, c); }
    std::optional<std::string> column_opt_text(int c) const { return res.opt_text(row, c); }
};

constexpr std::string_view k_running_where =
    " WHERE ended_at IS NULL AND incident_id IN (SELECT id FROM incidents WHERE is_active=1 "
    "AND is_drill=1 AND closed_at IS NULL)";

std::string speed_text(double speed) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", speed);
    return buf;
}

// Corners as "LON,LAT; LON,LAT; ..." (outage_shape's syntax), so a stored closure reads back
// through the same parser the scenario used.
std::string corners_text(const std::vector<geo::LonLat>& corners) {
    std::string out;
    char buf[64];
    for (const auto& c : corners) {
        std::snprintf(buf, sizeof buf, "%s%.7f,%.7f", out.empty() ? "" : "; ", c.lon(), c.lat());
        out += buf;
    }
    return out;
}

class SqlDrillStore final : public DrillStore {
public:
    SqlDrillStore(sql::Session& sql, IncidentStore& incidents)
        : m_sql(sql), m_incidents(incidents) {}

    RowId start(const Incident& incident, const DrillRun& run,
                const std::vector<ActionRecord>& actions) override {
        auto scope = m_sql.write_scope();
        if (const auto active = m_incidents.active_incident(); active && !active->is_drill)
            throw DataError(ErrorCode::invalid_input,
                            "incident #" + std::to_string(active->id) + " (" + active->title +
                                ") is a real incident and active; a drill never takes over "
                                "real operations: close it first or run the drill on a copy");
        Incident drill = incident;
        drill.is_drill = true;
        drill.is_active = true;
        const RowId id = m_incidents.declare_incident(drill);
        m_sql
            .prepare("INSERT INTO drill_runs(incident_id, scenario_file, scenario_text, "
                     "started_at, clock_real_ms, clock_scenario, speed, paused) VALUES "
                     "(?,?,?,?,?,?,?,?)")
            .bind(1, id)
            .bind(2, run.scenario_file)
            .bind(3, run.scenario_text)
            .bind(4, run.started_at)
            .bind(5, to_ms(run.clock.anchor_real))
            .bind(6, ops::format_time(run.clock.anchor_scenario))
            .bind(7, run.clock.speed)
            .bind(8, std::int64_t{run.clock.paused ? 1 : 0})
            .run();
        for (const auto& a : actions) {
            m_sql
                .prepare("INSERT INTO drill_actions(incident_id, seq, due_at, kind, "
                         "subject, text_ja, text_en, line) VALUES (?,?,?,?,?,?,?,?)")
                .bind(1, id)
                .bind(2, a.seq)
                .bind(3, a.due_at)
                .bind(4, a.kind)
                .bind(5, a.subject)
                .bind(6, a.text_ja)
                .bind(7, a.text_en)
                .bind(8, a.line)
                .run();
        }
        m_sql.audit("drill_start", "drill_runs", std::to_string(id),
                    "scenario " + std::filesystem::path(run.scenario_file).filename().string() +
                        ", " + std::to_string(actions.size()) + " actions, speed x" +
                        speed_text(run.clock.speed));
        scope->commit();
        return id;
    }

    std::optional<DrillRun> run(RowId incident_id) override {
        auto st = m_sql.prepare(std::string(k_run_select) + " WHERE incident_id=?");
        st.bind(1, incident_id);
        if (!st.step()) return std::nullopt;
        return read_run(st);
    }

    std::optional<DrillRun> running() override {
        auto st = m_sql.prepare(std::string(k_run_select) + std::string(k_running_where));
        if (!st.step()) return std::nullopt;
        return read_run(st);
    }

    std::vector<DrillRun> runs() override {
        auto st = m_sql.prepare(std::string(k_run_select) + " ORDER BY incident_id");
        std::vector<DrillRun> out;
        while (st.step())
            out.push_back(read_run(st));
        return out;
    }

    void save_clock(RowId incident_id, const DrillClockState& clock, bool audited) override {
        auto scope = m_sql.write_scope();
        const std::int64_t changed =
            m_sql
                .prepare(
                    "UPDATE drill_runs SET clock_real_ms=?, clock_scenario=?, speed=?, paused=? "
                    "WHERE incident_id=?")
                .bind(1, to_ms(clock.anchor_real))
                .bind(2, ops::format_time(clock.anchor_scenario))
                .bind(3, clock.speed)
                .bind(4, std::int64_t{clock.paused ? 1 : 0})
                .bind(5, incident_id)
                .run();
        if (changed == 0)
            throw DataError(ErrorCode::not_found,
                            "no drill run for incident #" + std::to_string(incident_id));
        if (audited)
            m_sql.audit("drill_clock", "drill_runs", std::to_string(incident_id),
                        std::string(clock.paused ? "paused" : "running") + " at " +
                            ops::format_time(clock.anchor_scenario) + ", speed x" +
                            speed_text(clock.speed));
        scope->commit();
    }

    std::vector<ActionRecord> actions(RowId incident_id) override {
        auto st = m_sql.prepare("SELECT seq, due_at, kind, subject, text_ja, text_en, line, "
                                "fired_at, result FROM drill_actions WHERE incident_id=? ORDER "
                                "BY seq");
        st.bind(1, incident_id);
        std::vector<ActionRecord> out;
        while (st.step()) {
            ActionRecord a;
            a.seq = st.column_int(0);
            a.due_at = st.column_text(1);
            a.kind = st.column_text(2);
            a.subject = st.column_text(3);
            a.text_ja = st.column_text(4);
            a.text_en = st.column_text(5);
            a.line = st.column_int(6);
            a.fired_at = st.column_opt_text(7);
            a.result = st.column_text(8);
            out.push_back(std::move(a));
        }
        return out;
    }

    void mark_fired(RowId incident_id, int seq, const std::string& fired_at,
                    const std::string& result) override {
        auto scope = m_sql.write_scope();
        const std::int64_t changed =
            m_sql
                .prepare("UPDATE drill_actions SET fired_at=?, result=? WHERE incident_id=? AND "
                         "seq=? AND fired_at IS NULL")
                .bind(1, fired_at)
                .bind(2, result)
                .bind(3, incident_id)
                .bind(4, seq)
                .run();
        if (changed == 0)
            throw DataError(ErrorCode::invalid_input, "drill #" + std::to_string(incident_id) +
                                                          " action " + std::to_string(seq) +
                                                          " is unknown or fired already");
        m_sql.audit("drill_action", "drill_runs", std::to_string(incident_id),
                    "action " + std::to_string(seq) + " at " + fired_at + ": " + result);
        scope->commit();
    }

    void end(RowId incident_id, const std::string& ended_at) override {
        auto scope = m_sql.write_scope();
        const std::int64_t changed =
            m_sql
                .prepare("UPDATE drill_runs SET ended_at=?, paused=1 WHERE incident_id=? AND "
                         "ended_at IS NULL")
                .bind(1, ended_at)
                .bind(2, incident_id)
                .run();
        if (changed == 0)
            throw DataError(ErrorCode::invalid_input,
                            "incident #" + std::to_string(incident_id) +
                                " has no running drill (unknown or ended already)");
        m_sql.audit("drill_end", "drill_runs", std::to_string(incident_id), "ended at " + ended_at);
        scope->commit();
    }

    void set_facility_override(RowId incident_id, const FacilityOverride& o,
                               const std::string& at) override {
        auto scope = m_sql.write_scope();
        // Only the fields the scenario set change; the others keep an earlier override.
        m_sql
            .prepare("INSERT INTO drill_facility_status(incident_id, facility_id, status, "
                     "occupancy, power, changed_at) VALUES (?,?,?,?,?,?) ON CONFLICT"
                     "(incident_id, facility_id) DO UPDATE SET status=COALESCE(excluded.status, "
                     "drill_facility_status.status), occupancy=COALESCE(excluded.occupancy, "
                     "drill_facility_status.occupancy), power=COALESCE(excluded.power, "
                     "drill_facility_status.power), changed_at=excluded.changed_at")
            .bind(1, incident_id)
            .bind(2, o.facility_id)
            .bind(3, o.status ? std::optional<std::string>(std::string(to_db(*o.status)))
                              : std::nullopt)
            .bind(4, o.occupancy ? std::optional<std::int64_t>(*o.occupancy) : std::nullopt)
            .bind(5,
                  o.power ? std::optional<std::string>(std::string(to_db(*o.power))) : std::nullopt)
            .bind(6, at)
            .run();
        m_sql.audit("drill_facility", "drill_runs", std::to_string(incident_id),
                    "facility #" + std::to_string(o.facility_id) + " changed at " + at);
        scope->commit();
    }

    std::vector<FacilityOverride> facility_overrides(RowId incident_id) override {
        auto st = m_sql.prepare("SELECT facility_id, status, occupancy, power FROM "
                                "drill_facility_status WHERE incident_id=? ORDER BY facility_id");
        st.bind(1, incident_id);
        std::vector<FacilityOverride> out;
        while (st.step()) {
            FacilityOverride o;
            o.facility_id = st.column_int64(0);
            if (const auto s = st.column_opt_text(1)) o.status = parse_enum<FacilityStatus>(*s);
            if (const auto n = st.column_opt_int64(2)) o.occupancy = static_cast<int>(*n);
            if (const auto p = st.column_opt_text(3)) o.power = parse_enum<FacilityPower>(*p);
            out.push_back(o);
        }
        return out;
    }

    void add_unavailable_supporter(RowId incident_id, RowId supporter_id,
                                   const std::string& since) override {
        auto scope = m_sql.write_scope();
        m_sql
            .prepare("INSERT INTO drill_unavailable_supporters(incident_id, "
                     "supporter_id, since) VALUES (?,?,?) ON CONFLICT DO NOTHING")
            .bind(1, incident_id)
            .bind(2, supporter_id)
            .bind(3, since)
            .run();
        m_sql.audit("drill_supporter", "drill_runs", std::to_string(incident_id),
                    "supporter #" + std::to_string(supporter_id) + " unavailable from " + since);
        scope->commit();
    }

    std::vector<RowId> unavailable_supporters(RowId incident_id) override {
        auto st = m_sql.prepare("SELECT supporter_id FROM drill_unavailable_supporters WHERE "
                                "incident_id=? ORDER BY supporter_id");
        st.bind(1, incident_id);
        std::vector<RowId> out;
        while (st.step())
            out.push_back(st.column_int64(0));
        return out;
    }

    void add_closure(RowId incident_id, int seq, const std::string& reason,
                     const std::vector<geo::LonLat>& corners,
                     const std::string& starts_at) override {
        auto scope = m_sql.write_scope();
        m_sql
            .prepare("INSERT INTO drill_closures(incident_id, seq, reason, corners, starts_at) "
                     "VALUES (?,?,?,?,?)")
            .bind(1, incident_id)
            .bind(2, seq)
            .bind(3, reason)
            .bind(4, corners_text(corners))
            .bind(5, starts_at)
            .run();
        m_sql.audit("drill_closure", "drill_runs", std::to_string(incident_id),
                    "closure " + std::to_string(seq) + " from " + starts_at);
        scope->commit();
    }

    void end_closure(RowId incident_id, int seq, const std::string& ends_at) override {
        auto scope = m_sql.write_scope();
        m_sql
            .prepare("UPDATE drill_closures SET ends_at=? WHERE incident_id=? AND seq=? AND "
                     "ends_at IS NULL")
            .bind(1, ends_at)
            .bind(2, incident_id)
            .bind(3, seq)
            .run();
        m_sql.audit("drill_reopen", "drill_runs", std::to_string(incident_id),
                    "closure " + std::to_string(seq) + " reopened " + ends_at);
        scope->commit();
    }

    std::vector<geo::MultiPolygon> active_closures(RowId incident_id) override {
        auto st = m_sql.prepare("SELECT corners FROM drill_closures WHERE incident_id=? AND "
                                "ends_at IS NULL ORDER BY seq");
        st.bind(1, incident_id);
        std::vector<geo::MultiPolygon> out;
        while (st.step()) {
            // Stored by add_closure from a validated scenario, so it parses.
            out.push_back(ops::outage_polygon(ops::parse_lonlat_list(st.column_text(0))));
        }
        return out;
    }

private:
    sql::Session& m_sql;
    IncidentStore& m_incidents;
};

} // namespace

namespace drill {

std::unique_ptr<DrillStore> drill_store(Store& store) {
    return std::make_unique<SqlDrillStore>(store.sql(), store.incidents());
}

Facility apply_override(Facility facility, const std::vector<FacilityOverride>& overrides) {
    for (const auto& o : overrides) {
        if (o.facility_id != facility.id) continue;
        if (o.status) facility.status = *o.status;
        if (o.occupancy) facility.occupancy = *o.occupancy;
        if (o.power) facility.power = *o.power;
    }
    return facility;
}

std::optional<DrillClockState> running_drill_clock(const std::string& path) {
    try {
        if (pg::is_postgres_location(path)) {
            // A short-lived connection: verbs call this once, before opening their store.
            pg::Connection conn(path);
            if (!conn.query_int64("SELECT count(*) FROM pg_tables WHERE tablename='drill_runs' "
                                  "AND schemaname = ANY (current_schemas(false))")
                     .value_or(0))
                return std::nullopt;
            const auto res = conn.query(std::string(k_run_select) + std::string(k_running_where));
            if (res.rows() == 0) return std::nullopt;
            return read_run(PgRow{res, 0}).clock;
        }
        if (path.empty() || !std::filesystem::exists(path)) return std::nullopt;
        sqlite::OpenOptions options;
        options.create_if_missing = false;
        options.read_only = true;
        options.wal = false;
        sqlite::Database db(path, options);
        if (!db.query_int64("SELECT count(*) FROM sqlite_master WHERE name='drill_runs'")
                 .value_or(0))
            return std::nullopt;
        auto st = db.prepare(std::string(k_run_select) + std::string(k_running_where));
        if (!st.step()) return std::nullopt;
        return read_run(st).clock;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace drill

} // namespace breathline::data
