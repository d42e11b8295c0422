// Schema migrations: from empty and from every earlier version to the latest,
// the history table, and the refusals (future version, foreign file, failing
// step) that must leave the file as it was.

#include "data/error.h"
#include "data/spatialite/migrations.h"
#include "data/sqlite/database.h"
#include "tests/data/store/store_test_support.h"

#include <fstream>
#include <gtest/gtest.h>

namespace breathline::data {
namespace {

using spatialite::current_schema_version;
using spatialite::latest_schema_version;
using spatialite::migrate;
using test::TempDir;

TEST(Migrations, ListIsNumberedFromOneWithoutGaps) {
    const auto& all = spatialite::migrations();
    ASSERT_FALSE(all.empty());
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all[i].version, static_cast<int>(i) + 1);
        EXPECT_FALSE(all[i].name.empty());
    }
    EXPECT_EQ(latest_schema_version(), all.back().version);
}

TEST(Migrations, EmptyFileToLatest) {
    TempDir dir;
    const std::string path = dir.file("new.sqlite");
    auto store = test::open_spatialite(path);
    EXPECT_EQ(store->schema_version(), latest_schema_version());
    auto& db = store->database();
    EXPECT_EQ(db.query_int64("PRAGMA user_version").value_or(-1), latest_schema_version());
    EXPECT_EQ(db.query_int64("PRAGMA application_id").value_or(0), 1112689742);
    for (const char* table : {"persons", "supporters", "facilities", "audit_log", "audit_head",
                              "incidents", "safety_checks", "loans", "support_plans",
                              "road_sources", "road_nodes", "road_edges", "road_closures"})
        EXPECT_EQ(test::count_rows(db, table), 0) << table;
    // Every spatial index exists and is registered with SpatiaLite.
    for (const auto& [table, column] : spatialite::spatial_indexed_columns())
        EXPECT_EQ(db.query_int64("SELECT spatial_index_enabled FROM geometry_columns WHERE "
                                 "f_table_name='" +
                                 table + "' AND f_geometry_column='" + column + "'")
                      .value_or(0),
                  1)
            << table;
}

TEST(Migrations, HistoryListsEachVersionOnceAndReopeningAppliesNothing) {
    TempDir dir;
    const std::string path = dir.file("history.sqlite");
    test::open_spatialite(path).reset();
    test::open_spatialite(path).reset();
    sqlite::Database db(path);
    EXPECT_EQ(migrate(db), 0);
    auto st = db.prepare("SELECT version, name, COUNT(*) FROM schema_migrations GROUP BY version "
                         "ORDER BY version");
    int expected = 1;
    while (st.step()) {
        EXPECT_EQ(st.column_int(0), expected);
        EXPECT_EQ(st.column_text(1),
                  spatialite::migrations()[static_cast<std::size_t>(expected - 1)].name);
        EXPECT_EQ(st.column_int64(2), 1) << "version " << expected << " recorded twice";
        ++expected;
    }
    EXPECT_EQ(expected - 1, latest_schema_version());
}

// A row that every schema version accepts, inserted with raw SQL because the
// store's own code always expects the latest schema.
void insert_person_row(sqlite::Database& db, int version) {
    db.prepare("INSERT INTO persons(external_id, name, uses_ventilator, ventilator_mode, "
               "internal_battery, geom) VALUES (?, '旧版 花子', 1, 'NPPV', 0, "
               "MakePoint(139.7101, 35.7295, 4326))")
        .bind(1, "OLD-" + std::to_string(version))
        .run();
}

TEST(Migrations, FromEveryEarlierVersionKeepsTheRows) {
    for (int v = 1; v < latest_schema_version(); ++v) {
        SCOPED_TRACE("from version " + std::to_string(v));
        TempDir dir;
        const std::string path = dir.file("v" + std::to_string(v) + ".sqlite");
        {
            sqlite::Database db(path);
            EXPECT_EQ(migrate(db, v), v);
            EXPECT_EQ(current_schema_version(db), v);
            EXPECT_EQ(db.query_int64("PRAGMA user_version").value_or(-1), v);
            insert_person_row(db, v);
            // A row of the newest table at this version, where it has one
            // that can be written without the later tables.
            if (v >= 3)
                db.exec("INSERT INTO incidents(kind, title, onset_at) VALUES "
                        "('earthquake', '訓練', '2026-09-01T09:00:00Z')");
            if (v >= 4)
                db.exec("INSERT INTO equipment(serial, kind, capacity_l) VALUES "
                        "('CYL-1', 'cylinder', 500)");
        }
        auto store = open_store(path);
        EXPECT_EQ(store->schema_version(), latest_schema_version());
        const auto p = store->registry().person_by_external_id("OLD-" + std::to_string(v));
        ASSERT_TRUE(p.has_value());
        EXPECT_EQ(p->name, "旧版 花子");
        EXPECT_EQ(p->ventilator_mode, VentilatorMode::nppv);
        EXPECT_EQ(p->internal_battery, std::optional<bool>(false));
        ASSERT_TRUE(p->location.has_value());
        EXPECT_DOUBLE_EQ(p->location->lon(), 139.7101);
        // The migrated store works: the spatial index covers the old row.
        EXPECT_FALSE(store->check().has_errors());
        auto& db = dynamic_cast<spatialite::SpatialiteStore&>(*store).database();
        if (v >= 3) {
            EXPECT_EQ(test::count_rows(db, "incidents"), 1);
        }
        if (v >= 4) {
            EXPECT_EQ(test::count_rows(db, "equipment"), 1);
        }
        EXPECT_EQ(test::count_rows(db, "schema_migrations"), latest_schema_version());
    }
}

// Version 6 adds the road network and closures: a version-5 file with rows
// gains empty road tables with registered spatial indexes, and they accept a
// network and closures through plain SQL as the store writes them.
TEST(Migrations, Version6AddsRoadTablesToAVersion5File) {
    TempDir dir;
    const std::string path = dir.file("v5.sqlite");
    {
        sqlite::Database db(path);
        EXPECT_EQ(migrate(db, 5), 5);
        insert_person_row(db, 5);
        EXPECT_FALSE(db.query_int64("SELECT 1 FROM sqlite_master WHERE name='road_edges'"));
    }
    sqlite::Database db(path);
    EXPECT_EQ(migrate(db, 6), 1);
    EXPECT_EQ(current_schema_version(db), 6);
    EXPECT_EQ(spatialite::migrations()[5].name, "road_network_and_closures");
    for (const char* table : {"road_nodes", "road_edges", "road_closures"})
        EXPECT_EQ(db.query_int64(std::string("SELECT spatial_index_enabled FROM geometry_columns "
                                             "WHERE f_table_name='") +
                                 table + "' AND f_geometry_column='geom'")
                      .value_or(0),
                  1)
            << table;
    EXPECT_EQ(test::count_rows(db, "persons"), 1);
    db.exec("INSERT INTO road_sources(path, format, file_sha256, network_sha256, imported_at, "
            "node_count, edge_count) VALUES ('a.osm.pbf', 'osm_pbf', 'x', 'y', "
            "'2026-09-01T00:00:00Z', 2, 1)");
    db.exec("INSERT INTO road_nodes(id, source_node_id, geom) VALUES "
            "(1, 10, MakePoint(139.71, 35.73, 4326)), (2, 11, MakePoint(139.72, 35.73, 4326))");
    db.exec("INSERT INTO road_edges(id, from_node, to_node, class, name, length_m, geom) VALUES "
            "(1, 1, 2, 'residential', '明治通り', 904.5, "
            "GeomFromText('LINESTRING(139.71 35.73, 139.72 35.73)', 4326))");
    EXPECT_THROW(db.exec("INSERT INTO road_edges(id, from_node, to_node, class, length_m) "
                         "VALUES (2, 1, 2, 'highway', 1)"),
                 DataError)
        << "unknown class";
    EXPECT_THROW(db.exec("INSERT INTO road_edges(id, from_node, to_node, class, length_m) "
                         "VALUES (3, 1, 99, 'residential', 1)"),
                 DataError)
        << "missing node";
    db.exec("INSERT INTO road_closures(edge_id, created_at, actor) VALUES "
            "(1, '2026-09-01T00:00:00Z', 'test')");
    EXPECT_THROW(db.exec("INSERT INTO road_closures(created_at, actor) VALUES "
                         "('2026-09-01T00:00:00Z', 'test')"),
                 DataError)
        << "a closure without edge or area";
    EXPECT_EQ(test::count_rows(db, "road_closures"), 1);
}

TEST(Migrations, MigrateToTheCurrentVersionIsANoOp) {
    TempDir dir;
    sqlite::Database db(dir.file("noop.sqlite"));
    EXPECT_EQ(migrate(db, 2), 2);
    EXPECT_EQ(migrate(db, 2), 0);
    EXPECT_EQ(migrate(db, 1), 0); // never downgrades
    EXPECT_EQ(current_schema_version(db), 2);
}

TEST(Migrations, FutureVersionIsRefusedAndTheFileIsUnchanged) {
    TempDir dir;
    const std::string path = dir.file("future.sqlite");
    const int latest = latest_schema_version();
    const int future = latest + 1;
    {
        auto store = test::open_spatialite(path);
        store->registry().upsert_person(test::make_person(1));
        store->database()
            .prepare("INSERT INTO schema_migrations(version, name) VALUES (?, 'from_the_future')")
            .bind(1, future)
            .run();
    }
    ASSERT_FALSE(std::filesystem::exists(path + "-wal")) << "WAL not checkpointed on close";
    const std::vector<char> before = test::read_bytes(path);
    try {
        open_store(path);
        FAIL() << "a database of version " << future << " was opened";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::future_version);
        std::string message = e.what();
        // The path may contain digits: look for the versions in the rest.
        message.erase(0, message.find(path) + path.size());
        EXPECT_NE(message.find(std::to_string(future)), std::string::npos) << e.what();
        EXPECT_NE(message.find(std::to_string(latest)), std::string::npos) << e.what();
    }
    EXPECT_EQ(test::read_bytes(path), before);
    EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(Migrations, ForeignSqliteFileIsRefusedAndUnchanged) {
    TempDir dir;
    const std::string path = dir.file("foreign.sqlite");
    {
        sqlite::Database db(path);
        // An ordinary rollback-journal database, as another program writes it.
        db.query_text("PRAGMA journal_mode=DELETE");
        db.exec("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT);"
                "INSERT INTO customers(name) VALUES ('someone');");
    }
    const std::vector<char> before = test::read_bytes(path);
    try {
        open_store(path);
        FAIL() << "a foreign SQLite file was opened as a store";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::open_failed);
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
    EXPECT_EQ(test::read_bytes(path), before) << "the foreign file was modified";
    sqlite::Database db(path, sqlite::OpenOptions{.wal = false});
    EXPECT_EQ(db.query_text("PRAGMA journal_mode").value_or(""), "delete");
    EXPECT_FALSE(
        db.query_int64("SELECT COUNT(*) FROM sqlite_master WHERE name='persons'").value_or(1));
}

TEST(Migrations, FileThatIsNotADatabaseIsRefusedAsOpenFailed) {
    TempDir dir;
    const std::string path = dir.file("notes.sqlite");
    {
        std::ofstream out(path, std::ios::binary);
        out << "This is a text file, not an SQLite database.\n";
        for (int i = 0; i < 200; ++i)
            out << "padding line " << i << "\n";
    }
    const std::vector<char> before = test::read_bytes(path);
    try {
        open_store(path);
        FAIL() << "a text file was opened as a store";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::open_failed) << e.what();
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
    EXPECT_EQ(test::read_bytes(path), before);
}

TEST(Migrations, FailingStepRollsBackEverything) {
    TempDir dir;
    const std::string path = dir.file("conflict.sqlite");
    {
        sqlite::Database db(path);
        ASSERT_EQ(migrate(db, 2), 2);
        insert_person_row(db, 2);
        // Migration 3 creates `incidents`; a table of that name makes it fail
        // after earlier statements of the same run (none of 3) have run.
        db.exec("CREATE TABLE incidents(something TEXT);");
    }
    try {
        open_store(path);
        FAIL() << "the conflicting migration succeeded";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::migrate_failed);
        const std::string message = e.what();
        EXPECT_NE(message.find(path), std::string::npos) << message;
        EXPECT_NE(message.find("incidents"), std::string::npos) << message;
    }
    sqlite::Database db(path);
    EXPECT_EQ(current_schema_version(db), 2);
    EXPECT_EQ(db.query_int64("PRAGMA user_version").value_or(-1), 2);
    EXPECT_EQ(test::count_rows(db, "schema_migrations"), 2);
    EXPECT_EQ(test::count_rows(db, "persons"), 1);
    // Nothing of migrations 3..latest survived: no tables, no geometry
    // registrations, and the conflicting table is untouched.
    for (const char* table : {"outage_areas", "safety_checks", "equipment", "support_plans"})
        EXPECT_EQ(db.query_int64("SELECT COUNT(*) FROM sqlite_master WHERE name='" +
                                 std::string(table) + "'")
                      .value_or(-1),
                  0)
            << table;
    EXPECT_EQ(db.query_int64("SELECT COUNT(*) FROM geometry_columns WHERE "
                             "f_table_name='outage_areas'")
                  .value_or(-1),
              0);
    EXPECT_EQ(db.query_int64("SELECT COUNT(*) FROM pragma_table_info('incidents')").value_or(-1),
              1);
}

TEST(Migrations, FailingFirstRunLeavesAnEmptyFile) {
    TempDir dir;
    const std::string path = dir.file("conflict1.sqlite");
    {
        sqlite::Database db(path);
        // The application id marks the file as Breathline's although no
        // migration ran yet (e.g. a crash of an older build before version 1).
        db.exec("PRAGMA application_id=1112689742; CREATE TABLE facilities(x);");
    }
    EXPECT_THROW(
        {
            try {
                open_store(path);
            } catch (const DataError& e) {
                EXPECT_EQ(e.code(), ErrorCode::migrate_failed);
                throw;
            }
        },
        DataError);
    sqlite::Database db(path);
    EXPECT_EQ(current_schema_version(db), 0);
    EXPECT_EQ(db.query_int64("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('persons', "
                             "'schema_migrations', 'geometry_columns', 'spatial_ref_sys')")
                  .value_or(-1),
              0);
}

TEST(Pragmas, OpenedStoreUsesWalFullSyncAndForeignKeys) {
    TempDir dir;
    auto store = test::open_spatialite(dir.file("pragmas.sqlite"));
    auto& db = store->database();
    EXPECT_EQ(db.query_text("PRAGMA journal_mode").value_or(""), "wal");
    EXPECT_EQ(db.query_int64("PRAGMA synchronous").value_or(-1), 2); // FULL
    EXPECT_EQ(db.query_int64("PRAGMA foreign_keys").value_or(-1), 1);
}

TEST(Pragmas, ForeignKeysAreEnforced) {
    TempDir dir;
    auto store = test::open_spatialite(dir.file("fk.sqlite"));
    try {
        store->registry().link_supporter({4242, 4343, "family", 1});
        FAIL() << "a link to missing rows was stored";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::constraint) << e.what();
    }
    EXPECT_EQ(test::count_rows(store->database(), "person_supporters"), 0);
    EXPECT_EQ(store->audit().count(), 0);
}

} // namespace
} // namespace breathline::data
