#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/store/store.h"

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
    std::vector<const char*> argv{"breathline", "--data-dir", BREATHLINE_TEST_DATA_DIR};
    for (const auto& w : words)
        argv.push_back(w.c_str());
    std::ostringstream out, err;
    const int rc = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    return {rc, out.str(), err.str()};
}

class VerbDemo : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(fs::exists(fs::path(BREATHLINE_TEST_DATA_DIR) / "real"))
            << "shared real data missing: " << BREATHLINE_TEST_DATA_DIR << "/real";
        m_db = fs::temp_directory_path() /
               ("verb_demo_test_" +
                std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
                ".sqlite");
        remove_all_files();
    }
    void TearDown() override { remove_all_files(); }
    void remove_all_files() {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            fs::remove(m_db.string() + suffix);
    }
    fs::path m_db;
};

TEST_F(VerbDemo, BuildsAndPrintsTheSummary) {
    const CliRun r = run({"--lang", "en", "demo", "--db", m_db.string()});
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    EXPECT_NE(r.out.find("rescue centre"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("36 / 36"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("health_centre-01"), std::string::npos) << r.out; // unresolved, listed
    EXPECT_NE(r.out.find("ventilator 80, home oxygen only 60"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("fewer than 4 supporters"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("デモ 太郎"), std::string::npos) << "summary must not print names";
    EXPECT_EQ(data::open_store(m_db.string())->registry().count_persons(), 140);
}

TEST_F(VerbDemo, RefusesAnUsedDatabaseUnlessForced) {
    ASSERT_EQ(run({"demo", "--db", m_db.string()}).rc, exit_ok);
    const CliRun refused = run({"--lang", "en", "demo", "--db", m_db.string()});
    EXPECT_EQ(refused.rc, exit_usage);
    EXPECT_NE(refused.err.find(m_db.string()), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;

    // A leftover WAL file from the old database must not survive the rebuild.
    std::ofstream(m_db.string() + "-wal") << "stale";
    const CliRun forced = run({"demo", "--db", m_db.string(), "--force"});
    ASSERT_EQ(forced.rc, exit_ok) << forced.err;
    EXPECT_FALSE(fs::exists(m_db.string() + "-wal") && fs::file_size(m_db.string() + "-wal") == 5);
    auto store = data::open_store(m_db.string());
    EXPECT_EQ(store->registry().count_persons(), 140);
    EXPECT_EQ(store->facilities().facilities({}).size(), 65u);
}

TEST_F(VerbDemo, ForceNeverDeletesAFileThatIsNotADatabase) {
    std::ofstream(m_db) << "my important notes";
    const CliRun r = run({"demo", "--db", m_db.string(), "--force"});
    EXPECT_EQ(r.rc, exit_usage);
    std::ifstream in(m_db);
    std::string content;
    std::getline(in, content);
    EXPECT_EQ(content, "my important notes");
}

TEST_F(VerbDemo, MissingDataDirectoryLeavesTheDatabaseAlone) {
    ASSERT_EQ(run({"demo", "--db", m_db.string()}).rc, exit_ok);
    std::vector<const char*> argv{"breathline", "--data-dir", "/nonexistent/breathline-data",
                                  "demo",       "--db",       m_db.c_str(),
                                  "--force"};
    std::ostringstream out, err;
    EXPECT_EQ(run_cli(static_cast<int>(argv.size()), argv.data(), out, err), exit_io);
    EXPECT_NE(err.str().find("/nonexistent/breathline-data"), std::string::npos) << err.str();
    EXPECT_EQ(data::open_store(m_db.string())->registry().count_persons(), 140);
}

} // namespace
} // namespace breathline::cli
