// `breathline import` in-process: exit codes, the printed report in both languages,
// --skip-invalid with the rejects file, and whole-file errors.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

namespace breathline::cli {
namespace {

namespace fs = std::filesystem;

class VerbImportTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("breathline_verb_import_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    int run(std::vector<std::string> args) {
        std::vector<std::string> argv = {"breathline", "--db", (m_dir / "t.sqlite").string(),
                                         "--data-dir", BREATHLINE_TEST_DATA_DIR};
        argv.insert(argv.end(), args.begin(), args.end());
        std::vector<const char*> ptrs;
        ptrs.reserve(argv.size());
        for (const auto& a : argv)
            ptrs.push_back(a.c_str());
        m_out.str({});
        m_err.str({});
        return run_cli(static_cast<int>(ptrs.size()), ptrs.data(), m_out, m_err);
    }
    fs::path write(const std::string& name, const std::string& text) {
        std::ofstream(m_dir / name, std::ios::binary) << text;
        return m_dir / name;
    }
    static std::string fixture(const std::string& name) {
        return (fs::path(BREATHLINE_SOURCE_DIR) / "tests" / "data" / "fixtures" / name).string();
    }

    fs::path m_dir;
    std::ostringstream m_out, m_err;
};

TEST_F(VerbImportTest, ImportsAndPrintsCountsThenUnchanged) {
    ASSERT_EQ(run({"import", "persons", fixture("persons_form.csv")}), exit_ok) << m_err.str();
    EXPECT_NE(m_out.str().find("新規 3 / 更新 0 / 変更なし 0 / 除外 0"), std::string::npos)
        << m_out.str();
    // The default town table under --data-dir located the two rows without coordinates.
    EXPECT_NE(m_out.str().find("位置: 座標 1 / 町丁目 2 / 未確定 0"), std::string::npos)
        << m_out.str();
    ASSERT_EQ(run({"--lang", "en", "import", "persons", fixture("persons_form.csv")}), exit_ok);
    EXPECT_NE(m_out.str().find("created 0 / updated 0 / unchanged 3 / rejected 0"),
              std::string::npos)
        << m_out.str();
}

TEST_F(VerbImportTest, BadRowsAreListedAndNothingIsImported) {
    const auto file = write("bad.csv", "登録番号,氏名,性別,人工呼吸器\n"
                                       "X1,デモ,Q,TPPV\n"
                                       "X2,デモ 二,女,NPPV\n"
                                       "X3,デモ 三,男,CPAP\n");
    EXPECT_EQ(run({"--lang", "en", "import", "persons", file.string()}), exit_bad_input);
    const std::string err = m_err.str();
    EXPECT_NE(err.find(file.string() + ": line 2: column 性別: 'Q'"), std::string::npos) << err;
    EXPECT_NE(err.find("line 4: column 人工呼吸器: 'CPAP'"), std::string::npos) << err;
    EXPECT_NE(err.find("database is unchanged"), std::string::npos) << err;
    ASSERT_EQ(run({"list", "persons"}), exit_ok);
    EXPECT_NE(m_out.str().find("0 人"), std::string::npos) << m_out.str();
}

TEST_F(VerbImportTest, SkipInvalidWritesTheRejectsFile) {
    const auto file = write("mixed.csv", "登録番号,氏名,性別,人工呼吸器\n"
                                         "X1,デモ,Q,TPPV\n"
                                         "X2,デモ 二,女,NPPV\n");
    const auto rejects = m_dir / "out" / "rejects.csv";
    fs::create_directories(rejects.parent_path());
    ASSERT_EQ(
        run({"import", "persons", file.string(), "--skip-invalid", "--rejects", rejects.string()}),
        exit_ok)
        << m_err.str();
    EXPECT_NE(m_out.str().find("除外 1"), std::string::npos) << m_out.str();
    EXPECT_NE(m_out.str().find(rejects.string()), std::string::npos) << m_out.str();
    ASSERT_TRUE(fs::exists(rejects));
    std::ifstream in(rejects);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("X1,デモ,Q,TPPV,2,性別,"), std::string::npos) << text.str();
}

TEST_F(VerbImportTest, WholeFileErrorsInTheChosenLanguage) {
    EXPECT_EQ(run({"import", "persons", (m_dir / "missing.csv").string()}), exit_bad_input);
    EXPECT_NE(m_err.str().find("見つかりません"), std::string::npos) << m_err.str();
    const auto noid = write("noid.csv", "氏名\nデモ\n");
    EXPECT_EQ(run({"--lang", "en", "import", "persons", noid.string()}), exit_bad_input);
    EXPECT_NE(m_err.str().find("登録番号 / external_id"), std::string::npos) << m_err.str();
    EXPECT_EQ(run({"import", "animals", noid.string()}), exit_usage);
}

} // namespace
} // namespace breathline::cli
