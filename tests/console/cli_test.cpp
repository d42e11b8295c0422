// The headless command line: help, errors and exit codes in both languages,
// and the store verbs (init, check, nearest, show) on real temporary files.
// Most cases run run_cli in-process; a few go through the real binary.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/error.h"
#include "data/spatialite/migrations.h"
#include "data/spatialite/spatialite_store.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace breathline::cli {
namespace {

struct Result {
    int code = -1;
    std::string out;
    std::string err;
};

Result run(std::vector<std::string> words) {
    words.insert(words.begin(), "breathline");
    std::vector<const char*> argv;
    for (const auto& w : words)
        argv.push_back(w.c_str());
    std::ostringstream out, err;
    Result r;
    r.code = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class CliTest : public ::testing::Test {
protected:
    void SetUp() override {
        // The tests choose language and database explicitly.
        ::unsetenv("BREATHLINE_LANG");
        ::unsetenv("BREATHLINE_DB");
        m_dir = std::filesystem::temp_directory_path() /
                ("breathline-cli-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_db = (m_dir / "cli.sqlite").string();
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    // A database with the 大塚 area facilities used by the nearest cases
    // and one registered person with supporters.
    void build_fixture() {
        auto store = data::open_store(m_db);
        store->set_actor("cli-test");
        struct Place {
            const char* id;
            const char* name;
            double lon, lat;
        };
        const std::array<Place, 5> places = {{
            {"rescue_centre-01", "大塚小学校", 139.7310, 35.7330},
            {"rescue_centre-02", "巣鴨小学校", 139.7370, 35.7370},
            {"rescue_centre-03", "池袋第一小学校", 139.7150, 35.7350},
            {"rescue_centre-04", "駒込小学校", 139.7480, 35.7400},
            {"rescue_centre-05", "千川小学校", 139.6900, 35.7380},
        }};
        for (const auto& p : places) {
            data::Facility f;
            f.external_id = p.id;
            f.name = p.name;
            f.location = geo::LonLat(p.lon, p.lat);
            f.geocode_precision = data::GeocodePrecision::exact;
            store->facilities().upsert_facility(f);
        }
        data::Person person;
        person.external_id = "T-0001";
        person.name = "豊島 花子";
        person.uses_ventilator = true;
        person.ventilator_mode = data::VentilatorMode::tppv;
        person.internal_battery = true;
        person.internal_battery_h = 3;
        person.location = geo::LonLat(139.7329, 35.7359);
        person.geocode_precision = data::GeocodePrecision::exact;
        store->registry().upsert_person(person);
    }

    std::filesystem::path m_dir;
    std::string m_db;
};

TEST_F(CliTest, HelpListsEveryVerb) {
    for (const char* lang : {"ja", "en"}) {
        const Result r = run({"--lang", lang, "--help"});
        EXPECT_EQ(r.code, exit_ok);
        for (const auto& v : verbs())
            EXPECT_TRUE(contains(r.out, "  " + v.name + " ")) << v.name;
        EXPECT_TRUE(contains(r.out, std::string(lang) == "ja" ? "コマンド" : "Verbs"));
    }
}

TEST_F(CliTest, EveryVerbHasHelpInBothLanguages) {
    for (const auto& v : verbs()) {
        SCOPED_TRACE(v.name);
        const Result ja = run({v.name, "--help", "--db", m_db});
        EXPECT_EQ(ja.code, exit_ok);
        EXPECT_TRUE(contains(ja.out, "使い方: breathline " + v.usage)) << ja.out;
        EXPECT_TRUE(contains(ja.out, "共通オプション")) << ja.out;
        const Result en = run({"--lang", "en", v.name, "--help", "--db", m_db});
        EXPECT_EQ(en.code, exit_ok);
        EXPECT_TRUE(contains(en.out, "Usage: breathline " + v.usage)) << en.out;
        EXPECT_TRUE(contains(en.out, "Global options")) << en.out;
        EXPECT_NE(ja.out, en.out);
        for (const auto& o : v.options) {
            EXPECT_TRUE(contains(en.out, "--" + o.name)) << o.name;
            // A missing translation would print its key instead of the text.
            EXPECT_FALSE(contains(en.out, o.help_key)) << o.help_key;
            EXPECT_FALSE(contains(ja.out, o.help_key)) << o.help_key;
        }
        EXPECT_FALSE(contains(ja.out, v.summary_key));
    }
    // Help never touches the database.
    EXPECT_FALSE(std::filesystem::exists(m_db));
}

TEST_F(CliTest, UnknownVerbIsAUsageError) {
    Result r = run({"--db", m_db, "frobnicate"});
    EXPECT_EQ(r.code, exit_usage);
    EXPECT_TRUE(contains(r.err, "不明なコマンド 'frobnicate'")) << r.err;
    r = run({"--lang", "en", "--db", m_db, "frobnicate"});
    EXPECT_EQ(r.code, exit_usage);
    EXPECT_TRUE(contains(r.err, "unknown verb 'frobnicate'")) << r.err;
    EXPECT_TRUE(contains(r.err, "breathline VERB --help")) << r.err;
    EXPECT_TRUE(r.out.empty());
    EXPECT_FALSE(std::filesystem::exists(m_db));
}

TEST_F(CliTest, UnknownOptionIsAUsageError) {
    Result r = run({"--lang", "en", "--db", m_db, "list", "persons", "--bogus"});
    EXPECT_EQ(r.code, exit_usage);
    EXPECT_TRUE(contains(r.err, "unknown option --bogus for list")) << r.err;
    r = run({"--db", m_db, "check", "--bogus"});
    EXPECT_EQ(r.code, exit_usage);
    EXPECT_TRUE(contains(r.err, "--bogus")) << r.err;
    EXPECT_TRUE(contains(r.err, "不明なオプション")) << r.err;
    r = run({"--lang", "en", "--db"});
    EXPECT_EQ(r.code, exit_usage);
    EXPECT_TRUE(contains(r.err, "option --db needs a value")) << r.err;
    r = run({"--lang", "fr", "--help"});
    EXPECT_EQ(r.code, exit_usage);
    EXPECT_TRUE(contains(r.err, "'fr'")) << r.err;
    EXPECT_FALSE(std::filesystem::exists(m_db));
}

TEST_F(CliTest, LangEnGivesEnglish) {
    const Result en = run({"--lang", "en", "--db", m_db, "init"});
    EXPECT_EQ(en.code, exit_ok);
    EXPECT_TRUE(contains(en.out, "database " + m_db + " ready (schema version")) << en.out;
    const Result ja = run({"--db", m_db, "init"});
    EXPECT_TRUE(contains(ja.out, "データベース " + m_db)) << ja.out;
    // --lang=en after the verb works as well.
    const Result late = run({"init", "--db", m_db, "--lang=en"});
    EXPECT_TRUE(contains(late.out, "ready")) << late.out;
}

TEST_F(CliTest, InitCreatesTheDatabaseAtDb) {
    const std::string nested = (m_dir / "sub" / "dir" / "new.sqlite").string();
    const Result r = run({"--db", nested, "init"});
    EXPECT_EQ(r.code, exit_ok) << r.err;
    ASSERT_TRUE(std::filesystem::exists(nested));
    auto store = data::open_store(nested);
    EXPECT_EQ(store->schema_version(), data::spatialite::latest_schema_version());
    EXPECT_TRUE(contains(r.out, std::to_string(data::spatialite::latest_schema_version())));
    EXPECT_EQ(run({"--db", nested, "init", "extra"}).code, exit_usage);
}

TEST_F(CliTest, CheckFindsRtreeDamageAndRepairFixesIt) {
    build_fixture();
    Result r = run({"--lang", "en", "--db", m_db, "check"});
    EXPECT_EQ(r.code, exit_ok) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "0 errors")) << r.out;
    {
        data::spatialite::SpatialiteStore store(m_db);
        store.database().exec("DELETE FROM idx_facilities_geom WHERE pkid=1");
    }
    r = run({"--lang", "en", "--db", m_db, "check"});
    EXPECT_EQ(r.code, exit_findings) << r.out;
    EXPECT_TRUE(contains(r.out, "spatial_index")) << r.out;
    EXPECT_TRUE(contains(r.out, "idx_facilities_geom")) << r.out;
    EXPECT_TRUE(contains(r.out, "--repair")) << r.out;
    // The same finding in Japanese, the default language.
    r = run({"--db", m_db, "check"});
    EXPECT_EQ(r.code, exit_findings) << r.out;
    EXPECT_TRUE(contains(r.out, "索引にありません")) << r.out;
    EXPECT_TRUE(contains(r.out, "エラー 1 件")) << r.out;
    r = run({"--lang", "en", "--db", m_db, "check", "--repair"});
    EXPECT_EQ(r.code, exit_ok) << r.out;
    EXPECT_TRUE(contains(r.out, "repaired: idx_facilities_geom")) << r.out;
    EXPECT_EQ(run({"--db", m_db, "check"}).code, exit_ok);
}

TEST_F(CliTest, CheckStrictFailsOnWarnings) {
    build_fixture();
    {
        auto store = data::open_store(m_db);
        data::Facility f;
        f.external_id = "triage_point-01";
        f.kind = data::FacilityKind::triage_point;
        f.name = "位置不明";
        store->facilities().upsert_facility(f);
    }
    EXPECT_EQ(run({"--db", m_db, "check"}).code, exit_ok);
    const Result strict = run({"--lang", "en", "--db", m_db, "check", "--strict"});
    EXPECT_EQ(strict.code, exit_findings);
    EXPECT_TRUE(contains(strict.out, "triage_point-01")) << strict.out;
}

TEST_F(CliTest, NearestPrintsKRowsSortedByDistance) {
    build_fixture();
    const Result r = run({"--db", m_db, "nearest", "--from", "139.73294,35.735893", "-k", "3"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    std::istringstream lines(r.out);
    std::string line;
    std::vector<double> distances;
    std::vector<std::string> ids;
    while (std::getline(lines, line)) {
        ASSERT_TRUE(contains(line, std::to_string(distances.size() + 1) + ". ")) << line;
        distances.push_back(std::stod(line.substr(line.find(". ") + 2)));
        ids.push_back(line.substr(line.rfind(' ') + 1));
    }
    ASSERT_EQ(distances.size(), 3u) << r.out;
    EXPECT_TRUE(std::is_sorted(distances.begin(), distances.end())) << r.out;
    // 大塚 (366 m), 巣鴨 (387 m), 駒込 (1.4 km); 池袋第一 (1.6 km) is fourth.
    EXPECT_EQ(
        ids, (std::vector<std::string>{"rescue_centre-01", "rescue_centre-02", "rescue_centre-04"}))
        << r.out;
    EXPECT_TRUE(contains(r.out, "救援センター")) << r.out;
    const Result en =
        run({"--lang", "en", "--db", m_db, "nearest", "--person", "T-0001", "-k", "1"});
    EXPECT_EQ(en.code, exit_ok) << en.err;
    EXPECT_TRUE(contains(en.out, "rescue_centre-01")) << en.out;
    EXPECT_TRUE(contains(en.out, "rescue centre")) << en.out;
    const Result none = run(
        {"--db", m_db, "nearest", "--from", "139.73,35.73", "--kind", "disaster_base_hospital"});
    EXPECT_EQ(none.code, exit_findings);
}

TEST_F(CliTest, NearestRejectsBadArgumentsBeforeOpening) {
    for (const auto& from : {"abc", "139.73", "139.73,", "139.73,35.7x", "200,35", "139.7,95"}) {
        SCOPED_TRACE(from);
        const Result r = run({"--lang", "en", "--db", m_db, "nearest", "--from", from});
        EXPECT_EQ(r.code, exit_usage);
        EXPECT_TRUE(contains(r.err, "--from must be LON,LAT")) << r.err;
        EXPECT_TRUE(contains(r.err, from)) << r.err;
    }
    for (const auto& k : {"0", "-1", "3x", "", "many"}) {
        SCOPED_TRACE(k);
        const Result r = run({"--db", m_db, "nearest", "--from", "139.73,35.73", "-k", k});
        EXPECT_EQ(r.code, exit_usage) << r.out;
    }
    EXPECT_EQ(run({"--db", m_db, "nearest"}).code, exit_usage);
    EXPECT_EQ(run({"--db", m_db, "nearest", "--from", "139.7,35.7", "--person", "x"}).code,
              exit_usage);
    EXPECT_EQ(run({"--db", m_db, "nearest", "--from", "139.7,35.7", "--kind", "castle"}).code,
              exit_usage);
    EXPECT_FALSE(std::filesystem::exists(m_db)) << "a bad command line created the database";
}

TEST_F(CliTest, FutureVersionDatabaseExitsWithDatabaseError) {
    build_fixture();
    const int latest = data::spatialite::latest_schema_version();
    {
        data::spatialite::SpatialiteStore store(m_db);
        store.database()
            .prepare("INSERT INTO schema_migrations(version, name) VALUES (?, 'future')")
            .bind(1, latest + 1)
            .run();
    }
    for (const std::string verb : {"check", "list", "init"}) {
        SCOPED_TRACE(verb);
        std::vector<std::string> words = {"--db", m_db, verb};
        if (verb == "list") words.push_back("persons");
        const Result r = run(words);
        EXPECT_EQ(r.code, exit_database);
        EXPECT_TRUE(contains(r.err, "future_version")) << r.err;
        EXPECT_TRUE(contains(r.err, "schema version " + std::to_string(latest + 1))) << r.err;
        EXPECT_TRUE(contains(r.err, "up to " + std::to_string(latest))) << r.err;
    }
}

TEST_F(CliTest, ShowPersonHidesNamesUnlessAsked) {
    build_fixture();
    Result r = run({"--db", m_db, "show", "person", "T-0001"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_FALSE(contains(r.out, "豊島 花子")) << r.out;
    EXPECT_TRUE(contains(r.out, "(非表示)")) << r.out;
    EXPECT_TRUE(contains(r.out, "TPPV")) << r.out;
    EXPECT_TRUE(contains(r.out, "4人以上必要")) << r.out; // no supporters yet
    r = run({"--lang", "en", "--db", m_db, "show", "person", "T-0001"});
    EXPECT_FALSE(contains(r.out, "豊島 花子")) << r.out;
    EXPECT_TRUE(contains(r.out, "(hidden)")) << r.out;
    r = run({"--db", m_db, "show", "person", "T-0001", "--include-personal"});
    ASSERT_EQ(r.code, exit_ok);
    EXPECT_TRUE(contains(r.out, "豊島 花子")) << r.out;
    // By numeric id as well; unknown ids are "nothing found", not an error.
    EXPECT_EQ(run({"--db", m_db, "show", "person", "1"}).code, exit_ok);
    r = run({"--lang", "en", "--db", m_db, "show", "person", "T-9999"});
    EXPECT_EQ(r.code, exit_findings);
    EXPECT_TRUE(contains(r.err, "no person 'T-9999'")) << r.err;
    EXPECT_EQ(run({"--db", m_db, "show", "person"}).code, exit_usage);
    r = run({"--db", m_db, "show", "facility", "rescue_centre-01"});
    EXPECT_EQ(r.code, exit_ok);
    EXPECT_TRUE(contains(r.out, "大塚小学校")) << r.out;
}

TEST_F(CliTest, ListPersonsMasksNames) {
    build_fixture();
    Result r = run({"--lang", "en", "--db", m_db, "list", "persons", "--ventilator"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_TRUE(contains(r.out, "T-0001")) << r.out;
    EXPECT_FALSE(contains(r.out, "豊島 花子")) << r.out;
    EXPECT_TRUE(contains(r.out, "1 persons")) << r.out;
    r = run({"--db", m_db, "list", "persons", "--include-personal"});
    EXPECT_TRUE(contains(r.out, "豊島 花子")) << r.out;
    r = run({"--lang", "en", "--db", m_db, "list", "facilities"});
    EXPECT_TRUE(contains(r.out, "5 facilities")) << r.out;
    EXPECT_EQ(run({"--db", m_db, "list", "castles"}).code, exit_usage);
}

TEST_F(CliTest, SummaryWithAndWithoutDatabase) {
    Result r = run({"--lang", "en", "--db", m_db});
    EXPECT_EQ(r.code, exit_ok);
    EXPECT_TRUE(contains(r.out, "no database at")) << r.out;
    EXPECT_FALSE(std::filesystem::exists(m_db));
    build_fixture();
    r = run({"--lang", "en", "--db", m_db, "summary"});
    EXPECT_EQ(r.code, exit_ok);
    EXPECT_TRUE(contains(r.out, "registry: 1 persons: ventilator 1 (TPPV 1 / NPPV 0)")) << r.out;
    EXPECT_TRUE(contains(r.out, "fewer than the 4 needed to move them: 1")) << r.out;
}

// ---- through the real binary ------------------------------------------------

// Runs the breathline executable with `args` (already shell-quoted); returns
// the exit status and stdout+stderr.
Result run_binary(const std::string& args) {
    const std::string command =
        std::string("BREATHLINE_LANG= ") + BREATHLINE_BINARY + " " + args + " 2>&1";
    Result r;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return r;
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0)
        r.out.append(buf, n);
    const int status = ::pclose(pipe);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

TEST_F(CliTest, BinaryHelpAndUsageErrors) {
    ASSERT_TRUE(std::filesystem::exists(BREATHLINE_BINARY)) << BREATHLINE_BINARY;
    Result r = run_binary("--lang en --help");
    EXPECT_EQ(r.code, exit_ok) << r.out;
    for (const auto& v : verbs())
        EXPECT_TRUE(contains(r.out, "  " + v.name + " ")) << v.name;
    r = run_binary("--db '" + m_db + "' frobnicate");
    EXPECT_EQ(r.code, exit_usage) << r.out;
    EXPECT_TRUE(contains(r.out, "frobnicate")) << r.out;
}

TEST_F(CliTest, BinaryInitCheckNearest) {
    Result r = run_binary("--lang en --db '" + m_db + "' init");
    EXPECT_EQ(r.code, exit_ok) << r.out;
    build_fixture();
    r = run_binary("--db '" + m_db + "' check");
    EXPECT_EQ(r.code, exit_ok) << r.out;
    r = run_binary("--db '" + m_db + "' nearest --from 139.73294,35.735893 -k 3");
    EXPECT_EQ(r.code, exit_ok) << r.out;
    EXPECT_TRUE(contains(r.out, "1. ") && contains(r.out, "3. ") && !contains(r.out, "4. "))
        << r.out;
    r = run_binary("--db '" + m_db + "' nearest --from nowhere");
    EXPECT_EQ(r.code, exit_usage) << r.out;
}

} // namespace
} // namespace breathline::cli
