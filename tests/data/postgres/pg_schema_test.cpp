// The PostgreSQL schema against a real server: migrations (idempotent, future version refused,
// concurrent), column parity with the SpatiaLite schema, the insert-only audit log, the roles'
// GRANTs, masked views and row-level security, and the change notifications.
#include "data/error.h"
#include "data/postgres/pg_schema.h"
#include "data/spatialite/migrations.h"
#include "data/sqlite/database.h"
#include "tests/pg_test_cluster.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace breathline::data::pg {
namespace {

using testing::ScratchDatabase;

/// Column names of a table in order, and geometry types, of a fresh SpatiaLite file at the
/// latest schema version.
struct SpatialiteSchema {
    std::map<std::string, std::vector<std::string>> columns;
    std::map<std::string, std::string> geometry; // table -> POINT, ...
};

SpatialiteSchema spatialite_schema() {
    const auto path = std::filesystem::temp_directory_path() /
                      ("pg_schema_parity_" + std::to_string(::getpid()) + ".sqlite");
    std::filesystem::remove(path);
    SpatialiteSchema out;
    {
        // The schema open_store gives a new file: SpatiaLite's migrations to the latest version.
        sqlite::Database db(path.string());
        spatialite::migrate(db);
        // Data tables: everything but SpatiaLite's metadata, its R*Tree index tables and the
        // migration bookkeeping.
        auto tables = db.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'idx_%' AND name NOT IN ('schema_migrations', 'spatial_ref_sys', "
            "'spatial_ref_sys_aux', 'spatialite_history', 'sql_statements_log', "
            "'data_licenses', 'ElementaryGeometries', 'KNN', 'SpatialIndex') "
            "AND name NOT LIKE '%geometry_columns%' ORDER BY name");
        std::vector<std::string> names;
        while (tables.step())
            names.push_back(tables.column_text(0));
        for (const auto& t : names) {
            auto cols = db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
            cols.bind(1, t);
            auto& list = out.columns[t];
            while (cols.step())
                list.push_back(cols.column_text(0));
        }
        auto geoms = db.prepare("SELECT f_table_name, geometry_type FROM geometry_columns");
        const std::map<std::int64_t, std::string> types = {
            {1, "POINT"},      {2, "LINESTRING"},      {3, "POLYGON"},
            {4, "MULTIPOINT"}, {5, "MULTILINESTRING"}, {6, "MULTIPOLYGON"}};
        while (geoms.step())
            out.geometry[geoms.column_text(0)] = types.at(geoms.column_int64(1));
    }
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    return out;
}

std::vector<std::string> pg_columns(Connection& c, const std::string& table) {
    const auto r = c.query("SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass "
                           "AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                           Params().add(table));
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(r.text(i, 0));
    return out;
}

/// Runs `sql` and returns the DataError code it fails with (nullopt when it succeeds).
std::optional<ErrorCode> error_of(Connection& c, const std::string& sql,
                                  std::string* message = nullptr) {
    try {
        c.exec(sql);
    } catch (const DataError& e) {
        if (message) *message = e.what();
        return e.code();
    }
    return std::nullopt;
}

/// A unique login name per process and purpose (roles are cluster-wide).
std::string login(const std::string& what) {
    return "pgschema_" + what + "_" + std::to_string(::getpid());
}

/// One person, one real and one drill incident; returns {person, real, drill} ids.
struct Seed {
    std::int64_t person, real_incident, drill_incident;
};
Seed seed(Connection& c) {
    Seed s{};
    s.person = *c.query_int64(
        "INSERT INTO persons(external_id, name, name_kana, address, town, phone_home, "
        "uses_ventilator, birth_date, postal_code, notes, geom) VALUES ('T-0001', '豊島 花子', "
        "'としま はなこ', '東京都豊島区南池袋二丁目45-1', '南池袋二丁目', '03-0000-0000', 1, "
        "'1950-04-01', '171-0022', '長男 太郎さん経由', "
        "ST_SetSRID(ST_MakePoint(139.7161, 35.7264), 4326)) RETURNING id");
    s.real_incident = *c.query_int64("INSERT INTO incidents(kind, title, onset_at, is_drill) "
                                     "VALUES ('earthquake', '本番', '2026-12-03T00:00:00Z', 0) "
                                     "RETURNING id");
    s.drill_incident = *c.query_int64("INSERT INTO incidents(kind, title, onset_at, is_drill) "
                                      "VALUES ('earthquake', '訓練', '2026-12-03T00:00:00Z', 1) "
                                      "RETURNING id");
    return s;
}

std::string check_sql(std::int64_t incident, std::int64_t person) {
    return "INSERT INTO safety_checks(incident_id, person_id, checked_at, vent_running) VALUES (" +
           std::to_string(incident) + ", " + std::to_string(person) +
           ", '2026-12-03T01:00:00Z', 1)";
}

TEST(PgSchema, MigratesOnceAndRecordsVersions) {
    ScratchDatabase db;
    Connection c(db.conninfo());
    EXPECT_EQ(current_schema_version(c), 0);
    EXPECT_EQ(migrate(c), latest_schema_version());
    EXPECT_EQ(current_schema_version(c), latest_schema_version());
    EXPECT_EQ(c.query_int64("SELECT count(*) FROM pg_schema_migrations"), latest_schema_version());
    EXPECT_EQ(migrate(c), 0);
    // A second connection sees the same: nothing left to do.
    Connection other(db.conninfo());
    EXPECT_EQ(migrate(other), 0);
}

TEST(PgSchema, RefusesFutureVersionNamingBoth) {
    ScratchDatabase db;
    Connection c(db.conninfo());
    migrate(c);
    const int future = latest_schema_version() + 5;
    c.query("INSERT INTO pg_schema_migrations(version) VALUES ($1)", Params().add(future));
    try {
        migrate(c);
        FAIL() << "a newer database was migrated";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::future_version);
        const std::string msg = e.what();
        EXPECT_NE(msg.find(std::to_string(future)), std::string::npos) << msg;
        EXPECT_NE(msg.find(std::to_string(latest_schema_version())), std::string::npos) << msg;
    }
}

TEST(PgSchema, MigrationDueButNotOwnerIsPermissionDenied) {
    ScratchDatabase db;
    {
        // The group roles exist once any database of the cluster was migrated.
        ScratchDatabase other;
        Connection o(other.conninfo());
        migrate(o);
    }
    const std::string user = login("notowner");
    db.create_login(user, "breathline_coordinator");
    Connection c(db.conninfo_as(user));
    try {
        migrate(c);
        FAIL() << "a non-owner migrated the database";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::permission_denied) << e.what();
        EXPECT_NE(std::string(e.what()).find("owner"), std::string::npos) << e.what();
    }
    Connection owner(db.conninfo());
    EXPECT_EQ(current_schema_version(owner), 0);
}

TEST(PgSchema, ColumnsMatchSpatialiteTableByTable) {
    const SpatialiteSchema lite = spatialite_schema();
    ASSERT_FALSE(lite.columns.empty());
    ScratchDatabase db;
    Connection c(db.conninfo());
    migrate(c);

    std::set<std::string> listed;
    for (const auto& t : data_tables()) {
        listed.insert(t.name);
        const auto it = lite.columns.find(t.name);
        ASSERT_NE(it, lite.columns.end()) << t.name << " is not a SpatiaLite table";
        EXPECT_EQ(pg_columns(c, t.name), it->second) << t.name;

        const auto g = lite.geometry.find(t.name);
        if (g == lite.geometry.end()) {
            EXPECT_EQ(t.geometry_column, "") << t.name;
        } else {
            EXPECT_EQ(t.geometry_column, "geom") << t.name;
            EXPECT_EQ(t.geometry_type, g->second) << t.name;
            const auto r = c.query("SELECT type, srid FROM geometry_columns WHERE "
                                   "f_table_name = $1 AND f_geometry_column = 'geom'",
                                   Params().add(t.name));
            ASSERT_EQ(r.rows(), 1) << t.name;
            EXPECT_EQ(r.text(0, 0), g->second) << t.name;
            EXPECT_EQ(r.int64(0, 1), 4326) << t.name;
            EXPECT_EQ(c.query_int64("SELECT count(*) FROM pg_indexes WHERE tablename = $1 "
                                    "AND indexdef LIKE '%USING gist (geom)%'",
                                    Params().add(t.name)),
                      1)
                << t.name << " lacks its GiST index";
        }
        const bool identity =
            c.query_int64("SELECT count(*) FROM pg_attribute WHERE attrelid = $1::regclass "
                          "AND attname = 'id' AND attidentity = 'd'",
                          Params().add(t.name)) == 1;
        EXPECT_EQ(identity, t.has_identity_id) << t.name;
    }
    for (const auto& [name, cols] : lite.columns)
        EXPECT_TRUE(listed.count(name)) << "SpatiaLite table " << name << " is missing from "
                                        << "data_tables()";
    EXPECT_EQ(listed.size(), data_tables().size()) << "a table is listed twice";
}

TEST(PgSchema, DataTablesAreParentsFirst) {
    ScratchDatabase db;
    Connection c(db.conninfo());
    migrate(c);
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < data_tables().size(); ++i)
        position[data_tables()[i].name] = i;
    const auto r = c.query("SELECT conrelid::regclass::text, confrelid::regclass::text "
                           "FROM pg_constraint WHERE contype = 'f'");
    ASSERT_GT(r.rows(), 10);
    for (int i = 0; i < r.rows(); ++i) {
        const std::string child = r.text(i, 0), parent = r.text(i, 1);
        ASSERT_TRUE(position.count(child) && position.count(parent)) << child << " " << parent;
        EXPECT_LT(position[parent], position[child]) << parent << " must precede " << child;
    }
}

TEST(PgSchema, SpatialiteRulesAreMirrored) {
    ScratchDatabase db;
    Connection c(db.conninfo());
    migrate(c);
    const Seed s = seed(c);
    // CHECKs and defaults.
    EXPECT_EQ(error_of(c, "INSERT INTO persons(external_id, name) VALUES ('T-9', 'x')"),
              ErrorCode::constraint); // neither ventilator nor oxygen
    EXPECT_EQ(error_of(c, "INSERT INTO persons(external_id, name, home_oxygen, birth_date) "
                          "VALUES ('T-9', 'x', 1, '1950/04/01')"),
              ErrorCode::constraint);
    const auto created =
        c.query_text("SELECT created_at FROM persons WHERE id = " + std::to_string(s.person));
    ASSERT_TRUE(created);
    EXPECT_EQ(created->size(), 20u) << *created; // 2026-12-03T20:00:00Z
    EXPECT_EQ(created->back(), 'Z');
    // Only one active incident.
    c.exec("UPDATE incidents SET is_active = 1 WHERE id = " + std::to_string(s.real_incident));
    EXPECT_EQ(error_of(c, "UPDATE incidents SET is_active = 1 WHERE id = " +
                              std::to_string(s.drill_incident)),
              ErrorCode::constraint);
    // Safety checks are history.
    c.exec(check_sql(s.real_incident, s.person));
    std::string msg;
    EXPECT_EQ(error_of(c, "UPDATE safety_checks SET notes = 'x'", &msg), ErrorCode::constraint);
    EXPECT_NE(msg.find("safety checks are history"), std::string::npos) << msg;
    // A road closure names exactly one edge or one area.
    c.exec("INSERT INTO road_closures(edge_id, created_at, actor) VALUES (3, 'now', 'a')");
    EXPECT_EQ(error_of(c, "INSERT INTO road_closures(created_at, actor) VALUES ('now', 'a')"),
              ErrorCode::constraint);
    // ON DELETE CASCADE from persons to contacts.
    c.exec("INSERT INTO contacts(person_id, kind) VALUES (" + std::to_string(s.person) +
           ", 'other')");
    c.exec("DELETE FROM safety_checks");
    c.exec("DELETE FROM persons");
    EXPECT_EQ(c.query_int64("SELECT count(*) FROM contacts"), 0);
}

TEST(PgSchema, AuditLogIsAppendOnlyEvenForTheOwner) {
    ScratchDatabase db;
    Connection c(db.conninfo());
    migrate(c);
    c.exec("INSERT INTO audit_log(at, actor, action, entity, prev_hash, hash) "
           "VALUES ('2026-12-03T00:00:00Z', 'a', 'create', 'person', '0', 'h1')");
    for (const std::string sql :
         {"UPDATE audit_log SET actor = 'b'", "DELETE FROM audit_log", "TRUNCATE audit_log"}) {
        std::string msg;
        EXPECT_EQ(error_of(c, sql, &msg), ErrorCode::constraint) << sql;
        EXPECT_NE(msg.find("audit_log is append-only"), std::string::npos) << msg;
    }
    EXPECT_EQ(c.query_int64("SELECT count(*) FROM audit_log WHERE actor = 'a'"), 1);
}

TEST(PgSchema, CoordinatorMayOnlyInsertAndReadAudit) {
    ScratchDatabase db;
    {
        Connection owner(db.conninfo());
        migrate(owner);
        seed(owner);
    }
    const std::string user = login("coord");
    db.create_login(user, "breathline_coordinator");
    Connection c(db.conninfo_as(user));
    c.exec("INSERT INTO audit_log(at, actor, action, entity, prev_hash, hash) "
           "VALUES ('2026-12-03T00:00:00Z', 'a', 'create', 'person', '0', 'h1')");
    c.exec("INSERT INTO audit_head(singleton, last_id, last_hash, row_count) VALUES (1, 1, "
           "'h1', 1) ON CONFLICT (singleton) DO UPDATE SET last_id = excluded.last_id");
    EXPECT_EQ(c.query_int64("SELECT count(*) FROM audit_log"), 1);
    for (const std::string sql :
         {"UPDATE audit_log SET actor = 'b'", "DELETE FROM audit_log", "TRUNCATE audit_log"})
        EXPECT_EQ(error_of(c, sql), ErrorCode::permission_denied) << sql;
    // Everything else is the coordinator's to change.
    c.exec("UPDATE persons SET name = '豊島 花江', row_version = row_version + 1");
    EXPECT_EQ(c.query_text("SELECT name FROM persons"), "豊島 花江");
    EXPECT_EQ(error_of(c, "DELETE FROM audit_head"), ErrorCode::permission_denied);
}

TEST(PgSchema, ViewerReadsMaskedViewsOnly) {
    ScratchDatabase db;
    {
        Connection owner(db.conninfo());
        migrate(owner);
        seed(owner);
        owner.exec("INSERT INTO supporters(external_id, name, phone) VALUES ('S-1', '池袋 一郎', "
                   "'090')");
        owner.exec("INSERT INTO contacts(person_id, kind, organisation, name, phone) SELECT id, "
                   "'attending_physician', '池袋クリニック', '医師 次郎', '03' FROM persons");
    }
    const std::string user = login("viewer");
    db.create_login(user, "breathline_viewer");
    Connection v(db.conninfo_as(user));
    for (const std::string t : {"persons", "supporters", "contacts", "plan_versions"})
        EXPECT_EQ(error_of(v, "SELECT * FROM " + t), ErrorCode::permission_denied) << t;

    const auto p = v.query("SELECT name, name_kana, birth_date, phone_home, postal_code, notes, "
                           "address, town, uses_ventilator, external_id, "
                           "ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(139.7161, "
                           "35.7264), 4326)::geography) FROM persons_masked");
    ASSERT_EQ(p.rows(), 1);
    for (int col = 0; col < 6; ++col)
        EXPECT_TRUE(p.is_null(0, col)) << col;
    EXPECT_EQ(p.text(0, 6), "南池袋二丁目"); // address cut to the 町丁目
    EXPECT_EQ(p.text(0, 7), "南池袋二丁目");
    EXPECT_EQ(p.int64(0, 8), 1);
    EXPECT_EQ(p.text(0, 9), "T-0001");
    EXPECT_GT(p.dbl(0, 10), 1.0); // the home is not where it is
    EXPECT_LT(p.dbl(0, 10), 400.0);

    const auto s = v.query("SELECT name, phone, external_id FROM supporters_masked");
    ASSERT_EQ(s.rows(), 1);
    EXPECT_TRUE(s.is_null(0, 0));
    EXPECT_TRUE(s.is_null(0, 1));
    EXPECT_EQ(s.text(0, 2), "S-1");
    const auto k = v.query("SELECT name, phone, organisation FROM contacts_masked");
    ASSERT_EQ(k.rows(), 1);
    EXPECT_TRUE(k.is_null(0, 0));
    EXPECT_EQ(k.text(0, 2), "池袋クリニック");

    // Same columns, same order as the base tables.
    Connection owner(db.conninfo());
    for (const std::string t : {"persons", "supporters", "contacts"})
        EXPECT_EQ(pg_columns(owner, t + "_masked"), pg_columns(owner, t)) << t;

    // Non-personal tables are readable, nothing is writable.
    EXPECT_EQ(v.query_int64("SELECT count(*) FROM incidents"), 2);
    EXPECT_EQ(error_of(v, "INSERT INTO facilities(external_id, kind, name) VALUES ('F', "
                          "'rescue_centre', 'x')"),
              ErrorCode::permission_denied);
    EXPECT_EQ(error_of(v, "UPDATE incidents SET title = 'x'"), ErrorCode::permission_denied);
}

TEST(PgSchema, PlannerEditsRegistryButRecordsNoChecks) {
    ScratchDatabase db;
    Seed s{};
    {
        Connection owner(db.conninfo());
        migrate(owner);
        s = seed(owner);
    }
    const std::string user = login("planner");
    db.create_login(user, "breathline_planner");
    Connection p(db.conninfo_as(user));
    EXPECT_EQ(p.query_text("SELECT name FROM persons"), "豊島 花子");
    p.exec("UPDATE persons SET phone_home = '03-1111-1111'");
    p.exec("INSERT INTO support_plans(person_id) VALUES (" + std::to_string(s.person) + ")");
    EXPECT_EQ(error_of(p, check_sql(s.real_incident, s.person)), ErrorCode::permission_denied);
    EXPECT_EQ(error_of(p, check_sql(s.drill_incident, s.person)), ErrorCode::permission_denied);
    EXPECT_EQ(error_of(p, "INSERT INTO equipment(serial, kind) VALUES ('C-1', 'concentrator')"),
              ErrorCode::permission_denied);
    EXPECT_EQ(p.query_int64("SELECT count(*) FROM equipment"), 0);
}

TEST(PgSchema, DrillOperatorWritesOnlyInsideDrills) {
    ScratchDatabase db;
    Seed s{};
    {
        Connection owner(db.conninfo());
        migrate(owner);
        s = seed(owner);
        owner.exec(check_sql(s.real_incident, s.person));
    }
    const std::string user = login("drill");
    db.create_login(user, "breathline_drill_operator");
    Connection d(db.conninfo_as(user));
    d.exec(check_sql(s.drill_incident, s.person));
    EXPECT_EQ(error_of(d, check_sql(s.real_incident, s.person)), ErrorCode::permission_denied);
    // Reads every check (the board), but changes no real incident and declares only drills.
    EXPECT_EQ(d.query_int64("SELECT count(*) FROM safety_checks"), 2);
    EXPECT_EQ(d.query("UPDATE incidents SET title = 'x' WHERE is_drill = 0").affected(), 0);
    d.exec("UPDATE incidents SET title = '訓練2' WHERE id = " + std::to_string(s.drill_incident));
    EXPECT_EQ(error_of(d, "INSERT INTO incidents(kind, title, onset_at, is_drill) VALUES "
                          "('other', 'x', '2026-12-03T00:00:00Z', 0)"),
              ErrorCode::permission_denied);
    d.exec("INSERT INTO drill_runs(incident_id, scenario_file, scenario_text, started_at, "
           "clock_real_ms, clock_scenario, speed) VALUES (" +
           std::to_string(s.drill_incident) + ", 'a.toml', '', 'now', 0, 'now', 1)");
    EXPECT_EQ(error_of(d, "INSERT INTO drill_runs(incident_id, scenario_file, scenario_text, "
                          "started_at, clock_real_ms, clock_scenario, speed) VALUES (" +
                              std::to_string(s.real_incident) +
                              ", 'a.toml', '', 'now', 0, 'now', 1)"),
              ErrorCode::permission_denied);
    EXPECT_EQ(error_of(d, "SELECT * FROM persons"), ErrorCode::permission_denied);
    EXPECT_EQ(d.query_int64("SELECT count(*) FROM persons_masked"), 1);

    Connection owner(db.conninfo());
    EXPECT_EQ(owner.query_text("SELECT title FROM incidents WHERE id = " +
                               std::to_string(s.real_incident)),
              "本番");
}

TEST(PgSchema, ChangesAreNotified) {
    ScratchDatabase db;
    Connection c(db.conninfo());
    migrate(c);
    Connection listener(db.conninfo());
    listener.exec("LISTEN breathline_change");
    EXPECT_TRUE(listener.wait_notifications(0).empty());
    seed(c); // three statements, three transactions: persons, then two incidents
    std::vector<Notification> got;
    for (int i = 0; i < 20 && got.size() < 3; ++i) {
        auto more = listener.wait_notifications(2000);
        got.insert(got.end(), more.begin(), more.end());
    }
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0].channel, "breathline_change");
    EXPECT_EQ(got[0].payload, R"({"table":"persons","op":"INSERT"})");
    EXPECT_EQ(got[0].backend_pid, c.backend_pid());
    EXPECT_EQ(got[2].payload, R"({"table":"incidents","op":"INSERT"})");
    // One notification per statement, not per row.
    c.exec("UPDATE incidents SET title = title || '!'");
    got = listener.wait_notifications(2000);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].payload, R"({"table":"incidents","op":"UPDATE"})");
}

TEST(PgSchema, ParallelMigrationsOfFreshDatabasesBothSucceed) {
    // Each thread has its own database: both create the cluster-wide roles at the same time.
    ScratchDatabase a, b;
    int applied[2] = {-1, -1};
    std::string errors[2];
    std::thread ta([&] {
        try {
            Connection c(a.conninfo());
            applied[0] = migrate(c);
        } catch (const std::exception& e) {
            errors[0] = e.what();
        }
    });
    std::thread tb([&] {
        try {
            Connection c(b.conninfo());
            applied[1] = migrate(c);
        } catch (const std::exception& e) {
            errors[1] = e.what();
        }
    });
    ta.join();
    tb.join();
    EXPECT_EQ(applied[0], latest_schema_version()) << errors[0];
    EXPECT_EQ(applied[1], latest_schema_version()) << errors[1];
}

TEST(PgSchema, TwoProcessesMigratingOneDatabaseSerialise) {
    ScratchDatabase db;
    int applied[2] = {-1, -1};
    std::string errors[2];
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
        threads.emplace_back([&, i] {
            try {
                Connection c(db.conninfo());
                applied[i] = migrate(c);
            } catch (const std::exception& e) {
                errors[i] = e.what();
            }
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(errors[0], "");
    EXPECT_EQ(errors[1], "");
    EXPECT_EQ(applied[0] + applied[1], latest_schema_version());
    Connection c(db.conninfo());
    EXPECT_EQ(current_schema_version(c), latest_schema_version());
}

} // namespace
} // namespace breathline::data::pg
