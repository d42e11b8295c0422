// `db copy` (issue 9) against the real throwaway cluster: the demo database (plus an incident,
// an outage area with a hole and a safety check whose text needs escaping) goes SpatiaLite →
// PostgreSQL → a new SpatiaLite file and comes back identical; refusals leave the target as it
// was; a failure part-way leaves no row behind; the CLI prints the table counts.
#include "console/cli/exit_codes.h"
#include "data/demo/demo_builder.h"
#include "data/error.h"
#include "data/postgres/db_copy.h"
#include "data/postgres/pg_connection.h"
#include "data/postgres/pg_schema.h"
#include "data/postgres/postgres_store.h"
#include "data/sqlite/database.h"
#include "tests/console/cli_test_support.h"
#include "tests/data/demo/demo_test_data.h"
#include "tests/pg_test_cluster.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <unistd.h>

namespace breathline::data {
namespace {

namespace fs = std::filesystem;
using breathline::testing::ScratchDatabase;

fs::path temp_file(const std::string& tag) {
    const fs::path p =
        fs::temp_directory_path() /
        ("breathline_copy_test_" + std::to_string(::getpid()) + "_" + tag + ".sqlite");
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(p.string() + suffix);
    return p;
}

/// Text with every character COPY's text format escapes, and one that looks like its NULL.
const std::string k_tricky_notes = "tab\there\nnew line\r\\backslash \\N not NULL 「豊島」";

struct DemoFile {
    fs::path path;
    RowId incident = 0;
    DemoFile() : path(temp_file("demo")) {
        auto store = open_store(path.string());
        store->set_actor("copy-test");
        demo::build_demo(*store, demo::testing::demo_inputs());
        Incident inc;
        inc.kind = IncidentKind::earthquake;
        inc.title = "首都直下地震 (copy test)";
        inc.onset_at = "2026-11-22T03:00:00Z";
        inc.is_active = true;
        incident = store->incidents().declare_incident(inc);
        OutageArea outage;
        outage.incident_id = incident;
        outage.name = "池袋 停電";
        outage.starts_at = "2026-11-22T03:05:00Z";
        geo::Polygon poly;
        poly.outer.points = {
            {139.70, 35.72}, {139.72, 35.72}, {139.72, 35.74}, {139.70, 35.74}, {139.70, 35.72}};
        geo::Ring hole;
        hole.points = {{139.705, 35.725}, {139.705, 35.73}, {139.71, 35.73}, {139.705, 35.725}};
        poly.holes.push_back(hole);
        outage.area.parts.push_back(poly);
        store->incidents().add_outage_area(outage);
        SafetyCheck check;
        check.incident_id = incident;
        check.person_id = store->registry().persons().front().id;
        check.checked_at = "2026-11-22T04:00:00Z";
        check.vent_running = true;
        check.external_power_left_h = 0.1 + 0.2; // not a short decimal: 17 digits must survive
        check.temperature_c = 36.6;
        check.notes = k_tricky_notes;
        store->incidents().record_check(check);
    }
    ~DemoFile() {
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(path.string() + suffix);
    }
};

/// Built once per executable (the road network makes it take a few seconds). Never modified.
const DemoFile& demo_file() {
    static const DemoFile file;
    return file;
}

sqlite::Database open_raw(const fs::path& path) {
    sqlite::OpenOptions o;
    o.create_if_missing = false;
    o.wal = false;
    return sqlite::Database(path.string(), o);
}

std::int64_t sqlite_count(const fs::path& path, const std::string& table) {
    auto db = open_raw(path);
    return db.query_int64("SELECT COUNT(*) FROM \"" + table + "\"").value_or(-1);
}

/// Rows of `table` in file `a` that file `b` lacks, compared by SQLite itself (EXCEPT: every
/// column, geometry blobs byte for byte), independently of db copy's own verification.
std::int64_t rows_not_in(const fs::path& a, const fs::path& b, const std::string& table) {
    auto db = open_raw(a);
    db.exec("ATTACH DATABASE '" + b.string() + "' AS other");
    return db
        .query_int64("SELECT COUNT(*) FROM (SELECT * FROM main.\"" + table +
                     "\" EXCEPT SELECT * FROM other.\"" + table + "\")")
        .value_or(-1);
}

std::int64_t pg_count(pg::Connection& c, const std::string& table) {
    return c.query_int64("SELECT COUNT(*) FROM " + pg::quote_ident(table)).value_or(-1);
}

std::int64_t pg_total_rows(const std::string& conninfo) {
    pg::Connection c(conninfo);
    std::int64_t total = 0;
    for (const auto& t : pg::data_tables())
        total += pg_count(c, t.name);
    return total;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}

/// WKB hex of every geometry of `table`, by id: SpatiaLite side.
std::map<std::int64_t, std::string> sqlite_wkb(const fs::path& path, const std::string& table) {
    auto db = open_raw(path);
    auto st =
        db.prepare("SELECT id, hex(AsBinary(geom)) FROM \"" + table + "\" WHERE geom IS NOT NULL");
    std::map<std::int64_t, std::string> out;
    while (st.step())
        out[st.column_int64(0)] = lower(st.column_text(1));
    return out;
}

std::map<std::int64_t, std::string> pg_wkb(pg::Connection& c, const std::string& table) {
    const auto r = c.query("SELECT id, encode(ST_AsBinary(geom), 'hex') FROM " +
                           pg::quote_ident(table) + " WHERE geom IS NOT NULL");
    std::map<std::int64_t, std::string> out;
    for (int i = 0; i < r.rows(); ++i)
        out[r.int64(i, 0)] = r.text(i, 1);
    return out;
}

TEST(DbCopy, SpatialiteToPostgresAndBackKeepsEveryRow) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const DemoFile& demo = demo_file();
    ScratchDatabase pgdb;
    std::vector<std::string> progress;
    CopyOptions options;
    options.actor = "copy-test";
    options.progress = [&](const std::string& line) { progress.push_back(line); };

    const CopyReport to_pg = copy_database(demo.path.string(), pgdb.conninfo(), options);
    ASSERT_EQ(to_pg.tables.size(), pg::data_tables().size());
    EXPECT_TRUE(to_pg.audit.ok);
    EXPECT_FALSE(progress.empty());

    pg::Connection c(pgdb.conninfo());
    std::int64_t expected_total = 0;
    for (const auto& t : pg::data_tables()) {
        const std::int64_t src = sqlite_count(demo.path, t.name);
        expected_total += src;
        const std::int64_t dst = pg_count(c, t.name);
        if (t.name == "audit_log")
            EXPECT_EQ(dst, src + 1) << "the copy's own audit entry";
        else if (t.name == "audit_head")
            EXPECT_EQ(dst, 1);
        else
            EXPECT_EQ(dst, src) << t.name;
        if (!t.geometry_column.empty()) {
            const auto a = sqlite_wkb(demo.path, t.name);
            EXPECT_EQ(a, pg_wkb(c, t.name)) << t.name << ": WKB differs";
        }
    }
    EXPECT_EQ(to_pg.total_rows, expected_total);
    EXPECT_GT(sqlite_count(demo.path, "persons"), 100);
    EXPECT_GT(sqlite_count(demo.path, "road_edges"), 100);

    // Text with tabs, newlines and backslashes and an inexact double arrive exactly.
    const auto check = c.query("SELECT notes, external_power_left_h FROM safety_checks");
    ASSERT_EQ(check.rows(), 1);
    EXPECT_EQ(check.text(0, 0), k_tricky_notes);
    EXPECT_EQ(check.dbl(0, 1), 0.1 + 0.2);
    // The identity sequences continue after the copied ids.
    EXPECT_EQ(c.query_int64("SELECT nextval(pg_get_serial_sequence('persons', 'id'))"),
              c.query_int64("SELECT MAX(id) + 1 FROM persons"));
    const auto entry = c.query("SELECT actor, action, summary FROM audit_log ORDER BY id DESC "
                               "LIMIT 1");
    EXPECT_EQ(entry.text(0, 0), "copy-test");
    EXPECT_EQ(entry.text(0, 1), "copy");
    EXPECT_NE(entry.text(0, 2).find(demo.path.string()), std::string::npos);

    // The PostgreSQL backend's own audit verification and check accept the copy.
    {
        pg::PostgresStore pg_store(pgdb.conninfo());
        const AuditVerification v = pg_store.audit().verify();
        EXPECT_TRUE(v.ok) << (v.problems.empty() ? "" : v.problems.front());
        EXPECT_EQ(v.rows, sqlite_count(demo.path, "audit_log") + 1);
        for (const auto& f : pg_store.check().findings)
            EXPECT_NE(f.severity, CheckFinding::Severity::error) << f.code << ": " << f.message;
    }

    // ... and back into a new file.
    const fs::path back = temp_file("back");
    const CopyReport to_file = copy_database(pgdb.conninfo(), back.string(), options);
    EXPECT_TRUE(to_file.audit.ok);
    for (const auto& t : pg::data_tables()) {
        if (t.name == "audit_head") continue; // moves on with each copy; verified below
        EXPECT_EQ(rows_not_in(demo.path, back, t.name), 0) << t.name << ": rows lost or changed";
        const std::int64_t added = rows_not_in(back, demo.path, t.name);
        EXPECT_EQ(added, t.name == "audit_log" ? 2 : 0) << t.name;
    }
    auto back_store = open_store(back.string());
    const AuditVerification chain = back_store->audit().verify();
    EXPECT_TRUE(chain.ok) << (chain.problems.empty() ? "" : chain.problems.front());
    EXPECT_EQ(chain.rows, sqlite_count(demo.path, "audit_log") + 2);
    const CheckReport report = back_store->check();
    for (const auto& f : report.findings)
        EXPECT_NE(f.severity, CheckFinding::Severity::error) << f.code << ": " << f.message;
    const auto persons = back_store->registry().persons();
    ASSERT_FALSE(persons.empty());
    // The spatial index answers on the copy (R-tree filled through SpatiaLite's triggers).
    const auto near = back_store->facilities().nearest(geo::LonLat(139.7109, 35.7295), {}, 3);
    EXPECT_EQ(near.size(), 3u);
    back_store.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(back.string() + suffix);
}

TEST(DbCopy, RefusesANonEmptyTargetAndLeavesItUnchanged) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const DemoFile& demo = demo_file();
    ScratchDatabase pgdb;
    copy_database(demo.path.string(), pgdb.conninfo());
    const std::int64_t before = pg_total_rows(pgdb.conninfo());
    try {
        copy_database(demo.path.string(), pgdb.conninfo());
        FAIL() << "copy into a non-empty database was accepted";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::constraint);
        EXPECT_NE(std::string(e.what()).find("--replace"), std::string::npos) << e.what();
    }
    EXPECT_EQ(pg_total_rows(pgdb.conninfo()), before);

    // --replace cannot empty a server database whose audit log has entries.
    CopyOptions replace;
    replace.replace = true;
    try {
        copy_database(demo.path.string(), pgdb.conninfo(), replace);
        FAIL() << "replace over a PostgreSQL audit log was accepted";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::constraint);
        EXPECT_NE(std::string(e.what()).find("audit"), std::string::npos) << e.what();
    }
    EXPECT_EQ(pg_total_rows(pgdb.conninfo()), before);
}

TEST(DbCopy, ReplaceEmptiesASpatialiteTargetInTheSameTransaction) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const DemoFile& demo = demo_file();
    // A target file with other data (its own audit log, persons) is refused, then replaced.
    const fs::path target = temp_file("replace");
    {
        auto store = open_store(target.string());
        Person p;
        p.external_id = "OTHER-1";
        p.name = "別人 一郎";
        p.uses_ventilator = true;
        store->registry().upsert_person(p);
    }
    const std::int64_t before = sqlite_count(target, "persons");
    ASSERT_EQ(before, 1);
    EXPECT_THROW(copy_database(demo.path.string(), target.string()), DataError);
    EXPECT_EQ(sqlite_count(target, "persons"), before);
    EXPECT_EQ(sqlite_count(target, "audit_log"), 1);

    CopyOptions replace;
    replace.replace = true;
    const CopyReport r = copy_database(demo.path.string(), target.string(), replace);
    EXPECT_TRUE(r.audit.ok);
    for (const auto& t : pg::data_tables()) {
        if (t.name == "audit_head") continue;
        EXPECT_EQ(rows_not_in(demo.path, target, t.name), 0) << t.name;
        EXPECT_EQ(rows_not_in(target, demo.path, t.name), t.name == "audit_log" ? 1 : 0) << t.name;
    }
    // The history triggers dropped for the DELETE are back.
    {
        auto db = open_raw(target);
        EXPECT_THROW(db.exec("DELETE FROM audit_log"), DataError);
    }
    EXPECT_TRUE(open_store(target.string())->audit().verify().ok);
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(target.string() + suffix);
}

TEST(DbCopy, AFailurePartWayLeavesNoRowsInTheTarget) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const DemoFile& demo = demo_file();
    ScratchDatabase pgdb;
    {
        pg::Connection owner(pgdb.conninfo());
        pg::migrate(owner);
    }
    // A row PostgreSQL refuses late in the copy: a safety check naming a person that does not
    // exist (written into the source with SQLite's foreign keys off). Persons, supporters,
    // facilities, the audit log and incidents are written before safety_checks is refused.
    const fs::path source = temp_file("dangling_check");
    fs::copy_file(demo.path, source);
    {
        auto db = open_raw(source);
        db.exec("PRAGMA foreign_keys = OFF");
        db.exec("INSERT INTO safety_checks (incident_id, person_id, checked_at) SELECT id, "
                "999999, '2026-11-22T05:00:00Z' FROM incidents");
    }
    std::vector<std::string> progress;
    CopyOptions options;
    options.progress = [&](const std::string& line) { progress.push_back(line); };
    try {
        copy_database(source.string(), pgdb.conninfo(), options);
        FAIL() << "a safety check of a missing person was copied";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::constraint) << e.what();
        EXPECT_NE(std::string(e.what()).find("safety_checks"), std::string::npos) << e.what();
    }
    const std::string persons_done =
        "persons: " + std::to_string(sqlite_count(demo.path, "persons")) + " rows copied";
    EXPECT_NE(std::find(progress.begin(), progress.end(), persons_done), progress.end())
        << "the failure was not part-way";
    EXPECT_EQ(pg_total_rows(pgdb.conninfo()), 0);
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(source.string() + suffix);

    // A login without the rights (a planner may not write incidents, nor the meta table the
    // copy starts with) is refused by the server; nothing is left either.
    const std::string login = "copy_planner_" + std::to_string(::getpid());
    pgdb.create_login(login, "breathline_planner");
    try {
        copy_database(demo.path.string(), pgdb.conninfo_as(login));
        FAIL() << "a planner copied incidents";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::permission_denied) << e.what();
    }
    EXPECT_EQ(pg_total_rows(pgdb.conninfo()), 0);
}

TEST(DbCopy, AColumnOnOneSideOnlyIsAnErrorNamingIt) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const DemoFile& demo = demo_file();
    const fs::path source = temp_file("extra_column");
    fs::copy_file(demo.path, source);
    {
        auto db = open_raw(source);
        db.exec("ALTER TABLE supporters ADD COLUMN shoe_size INTEGER");
    }
    ScratchDatabase pgdb;
    try {
        copy_database(source.string(), pgdb.conninfo());
        FAIL() << "a source column the target lacks was dropped silently";
    } catch (const DataError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("supporters"), std::string::npos) << what;
        EXPECT_NE(what.find("shoe_size"), std::string::npos) << what;
    }
    EXPECT_EQ(pg_total_rows(pgdb.conninfo()), 0);
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(source.string() + suffix);
}

TEST(DbCopyCli, PrintsTheTableCounts) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const DemoFile& demo = demo_file();
    ScratchDatabase pgdb;
    using cli::testing::run_breathline;
    const auto r = run_breathline({"--lang", "en", "--actor", "cli-copy"},
                                  {"db", "copy", demo.path.string(), pgdb.conninfo()});
    ASSERT_EQ(r.code, cli::exit_ok) << r.err;
    const std::string persons = std::to_string(sqlite_count(demo.path, "persons"));
    bool persons_line = false;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("persons ", 0) == 0 && line.find(" " + persons + " ") != std::string::npos)
            persons_line = true;
    EXPECT_TRUE(persons_line) << r.out;
    EXPECT_NE(r.out.find("total:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("audit chain"), std::string::npos) << r.out;

    // Japanese by default; a second copy into the same database is refused (exit 3).
    const auto again = run_breathline({}, {"db", "copy", demo.path.string(), pgdb.conninfo()});
    EXPECT_EQ(again.code, cli::exit_bad_input) << again.err;

    // db info on the server: backend, role, the copied rows; the password never shown.
    const auto pg_info = run_breathline({"--lang", "en", "--db", pgdb.conninfo()}, {"db", "info"});
    ASSERT_EQ(pg_info.code, cli::exit_ok) << pg_info.err;
    EXPECT_NE(pg_info.out.find("postgresql"), std::string::npos) << pg_info.out;
    EXPECT_NE(pg_info.out.find("coordinator"), std::string::npos) << pg_info.out;
    bool persons_counted = false;
    std::istringstream info_lines(pg_info.out);
    for (std::string line; std::getline(info_lines, line);)
        if (line.find("persons ") != std::string::npos &&
            line.find(" " + persons) != std::string::npos)
            persons_counted = true;
    EXPECT_TRUE(persons_counted) << pg_info.out;

    // db info on the SpatiaLite file: backend, schema version, rows per table.
    const auto info = run_breathline({"--lang", "en", "--db", demo.path.string()}, {"db", "info"});
    ASSERT_EQ(info.code, cli::exit_ok) << info.err;
    EXPECT_NE(info.out.find("spatialite"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("coordinator"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("persons"), std::string::npos) << info.out;
}

} // namespace
} // namespace breathline::data
