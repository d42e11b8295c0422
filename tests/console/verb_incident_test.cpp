// The incident verbs end to end on the demo data: declare an incident, mark the whole ward
// without power, record a safety check for every registered person through `check record`,
// and end with a board on which everyone is confirmed. Also: the scenario clock (--now),
// phases in `incident status`, drill isolation, and rejected check files changing nothing.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/store/store.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

namespace breathline::cli {
namespace {

namespace fs = std::filesystem;

struct CliRun {
    int rc;
    std::string out, err;
};

CliRun run(std::vector<std::string> words) {
    std::vector<const char*> argv{"breathline", "--data-dir", BREATHLINE_TEST_DATA_DIR, "--lang",
                                  "en"};
    for (const auto& w : words)
        argv.push_back(w.c_str());
    std::ostringstream out, err;
    const int rc = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    return {rc, out.str(), err.str()};
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1))
        ++n;
    return n;
}

class VerbIncident : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(fs::exists(fs::path(BREATHLINE_TEST_DATA_DIR) / "real"))
            << "shared real data missing: " << BREATHLINE_TEST_DATA_DIR << "/real";
        m_dir = fs::temp_directory_path() /
                ("verb_incident_test_" +
                 std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_db = (m_dir / "ops.sqlite").string();
        const CliRun demo = run({"--db", m_db, "demo"});
        ASSERT_EQ(demo.rc, exit_ok) << demo.err;
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // A check CSV with one row per registered person (Japanese headers, as the form).
    std::string write_checks_for_everyone(const std::string& name, const std::string& at) {
        const fs::path file = m_dir / name;
        std::ofstream out(file);
        out << "登録番号,確認日時,作動中,電源,外部電源の残時間,血圧,脈拍,SpO2,体温,酸素ボンベ,"
               "利用可能時間,判断,確認者氏名\n";
        auto store = data::open_store(m_db);
        for (const auto& p : store->registry().persons())
            out << p.external_id << "," << at << ",有,外部バッテリー,20,"
                << "120/80,80,97,36.5," << (p.home_oxygen ? "3,30" : ",")
                << ",在宅継続,保健 花子\n";
        return file.string();
    }
    std::vector<std::string> db(std::vector<std::string> words) const {
        words.insert(words.begin(), {"--db", m_db});
        return words;
    }

    fs::path m_dir;
    std::string m_db;
};

TEST_F(VerbIncident, ScriptedIncidentEndsWithEveryoneConfirmed) {
    const std::string t0 = "2026-11-22T12:00";
    CliRun r = run(
        db({"--now", t0, "incident", "declare", "--title", "首都直下地震", "--level", "避難勧告"}));
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    r = run(db({"--now", t0, "outage", "add", "--name", "豊島区全域", "--ward"}));
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    EXPECT_NE(r.out.find("140 registered persons inside"), std::string::npos) << r.out;

    r = run(db({"--now", "2026-11-22T13:00", "board"}));
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    EXPECT_EQ(r.out.find("unconfirmed 0,"), std::string::npos) << "nobody is checked yet";

    const std::string checks = write_checks_for_everyone("checks.csv", "2026-11-22T13:30");
    r = run(db({"--now", "2026-11-22T14:00", "check", "record", checks}));
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    EXPECT_NE(r.out.find("recorded 140 safety checks"), std::string::npos) << r.out;

    r = run(db({"--now", "2026-11-22T14:00", "board"}));
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    EXPECT_NE(r.out.find("unconfirmed 0,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("(140 persons)"), std::string::npos) << r.out;
    EXPECT_EQ(occurrences(r.out, "2026-11-22 13:30 JST"), 140u) << "every row shows its check";
    EXPECT_EQ(r.out.find("デモ"), std::string::npos) << "the board never shows names";

    r = run(db({"--now", "2026-11-22T14:00", "incident", "status"}));
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    EXPECT_NE(r.out.find("140 of 140 persons confirmed, 0 unconfirmed"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("evacuation instruction (level 4)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("phase 0"), std::string::npos) << r.out;

    // Every check is on record, none overwritten, and the integrity check still runs.
    auto store = data::open_store(m_db);
    const auto inc = store->incidents().active_incident();
    ASSERT_TRUE(inc.has_value());
    EXPECT_EQ(store->incidents().latest_checks(inc->id).size(), 140u);
    r = run(db({"check"}));
    EXPECT_EQ(r.rc, exit_ok) << r.out << r.err;
    EXPECT_NE(r.out.find("0 errors"), std::string::npos) << r.out;
}

TEST_F(VerbIncident, ScenarioClockDrivesPhaseAndRestoration) {
    ASSERT_EQ(run(db({"--now", "2026-11-22T12:00", "incident", "declare", "--title", "T"})).rc,
              exit_ok);
    CliRun r = run(db({"--now", "2026-11-22T18:00", "incident", "status"}));
    EXPECT_NE(r.out.find("phase 1"), std::string::npos) << "exactly 6 h is phase 1\n" << r.out;
    ::setenv("BREATHLINE_NOW", "2026-11-25T12:00", 1);
    r = run(db({"incident", "status"}));
    ::unsetenv("BREATHLINE_NOW");
    EXPECT_NE(r.out.find("phase 2"), std::string::npos) << "exactly 72 h is phase 2\n" << r.out;

    ASSERT_EQ(run(db({"--now", "2026-11-22T12:00", "outage", "add", "--name", "w", "--ward"})).rc,
              exit_ok);
    r = run(db({"--now", "2026-11-22T13:00", "outage", "restore", "1"}));
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    r = run(db({"--now", "2026-11-22T14:00", "board"}));
    EXPECT_EQ(r.out.find("no power"), std::string::npos);
    EXPECT_NE(r.out.find("critical 0, urgent 0, unconfirmed 140"), std::string::npos) << r.out;

    r = run(db({"--now", "yesterday", "board"}));
    EXPECT_EQ(r.rc, exit_usage);
    EXPECT_NE(r.err.find("yesterday"), std::string::npos);
}

// The verb behind the console's drawn outage: the same corner list and the same shape rules.
TEST_F(VerbIncident, OutageByCornersFollowsTheDrawingRules) {
    ASSERT_EQ(run(db({"--now", "2026-11-22T12:00", "incident", "declare", "--title", "T"})).rc,
              exit_ok);
    // A bow tie over Toshima: refused, naming the crossing edges, nothing recorded.
    CliRun r = run(db({"outage", "add", "--name", "x", "--coords",
                       "139.68,35.72; 139.74,35.75; 139.74,35.72; 139.68,35.75"}));
    EXPECT_EQ(r.rc, exit_bad_input) << r.err;
    EXPECT_NE(r.err.find("cross"), std::string::npos) << r.err;
    r = run(db({"outage", "add", "--name", "x", "--coords", "139.68,35.72; 139.74"}));
    EXPECT_EQ(r.rc, exit_bad_input);
    EXPECT_NE(r.err.find("'139.74'"), std::string::npos) << r.err;
    r = run(db({"outage", "list"}));
    EXPECT_EQ(r.out.find("x"), std::string::npos) << r.out;
    // A box around the whole ward: every registered person is inside.
    r = run(db({"--now", "2026-11-22T12:05", "outage", "add", "--name", "box", "--coords",
                "139.65,35.69;139.78,35.69;139.78,35.78;139.65,35.78"}));
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    EXPECT_NE(r.out.find("140"), std::string::npos) << r.out;
    r = run(db({"outage", "add", "--name", "y", "--ward", "--coords", "139.68,35.72"}));
    EXPECT_EQ(r.rc, exit_usage);
}

TEST_F(VerbIncident, DrillChecksStayInTheDrill) {
    ASSERT_EQ(run(db({"--now", "2026-11-22T12:00", "incident", "declare", "--title", "real"})).rc,
              exit_ok);
    ASSERT_EQ(run(db({"--now", "2026-11-22T12:00", "incident", "declare", "--title", "drill",
                      "--drill", "--no-activate"}))
                  .rc,
              exit_ok);
    const std::string checks = write_checks_for_everyone("drill.csv", "2026-11-22T12:30");
    CliRun r = run(db({"--now", "2026-11-22T13:00", "check", "record", checks, "--incident", "2"}));
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    EXPECT_NE(r.out.find("(drill)"), std::string::npos) << r.out;

    r = run(db({"--now", "2026-11-22T13:00", "incident", "status"}));
    EXPECT_NE(r.out.find("0 of 140 persons confirmed"), std::string::npos) << r.out;
    r = run(db({"--now", "2026-11-22T13:00", "board", "--incident", "2"}));
    EXPECT_NE(r.out.find("unconfirmed 0,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[drill]"), std::string::npos) << r.out;
}

TEST_F(VerbIncident, BadCheckFileRecordsNothingAndNamesTheField) {
    ASSERT_EQ(run(db({"--now", "2026-11-22T12:00", "incident", "declare", "--title", "T"})).rc,
              exit_ok);
    const fs::path file = m_dir / "bad.json";
    std::ofstream(file) << R"([{"person": "DEMO-V001", "checked_at": "2026-11-22T12:10",
                                "spo2_pct": 150},
                               {"person": "NOBODY", "checked_at": "2026-11-22T12:10"}])";
    const CliRun r = run(db({"check", "record", file.string()}));
    EXPECT_EQ(r.rc, exit_bad_input);
    EXPECT_NE(r.err.find("record 1: spo2_pct = 150"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("record 2: person 'NOBODY' is not in the registry"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("nothing was recorded"), std::string::npos) << r.err;
    auto store = data::open_store(m_db);
    EXPECT_TRUE(store->incidents().latest_checks(store->incidents().active_incident()->id).empty());
}

} // namespace
} // namespace breathline::cli
