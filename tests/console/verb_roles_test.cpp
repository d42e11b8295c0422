// Roles on the command line (issue 9), on SpatiaLite: `--role` narrows the store, every verb
// is checked against console/cli/verb_permissions.h before it touches data (refused with the
// role and the action named, exit 6, nothing written), and reads of personal data are masked for
// roles without see_personal. The table itself covers every registered verb and sub-verb.

#include "cli_test_support.h"
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/verb_permissions.h"
#include "data/store/store.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

namespace breathline::cli {
namespace {

using testing::contains;
using testing::Result;
namespace fs = std::filesystem;

class RolesCli : public ::testing::Test {
protected:
    void SetUp() override {
        ::unsetenv("BREATHLINE_LANG");
        m_dir = fs::temp_directory_path() /
                ("breathline-roles-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_db = (m_dir / "roles.sqlite").string();
        auto store = data::open_store(m_db);
        store->set_actor("fixture");
        data::Person p;
        p.external_id = "T-0001";
        p.name = "豊島 花子";
        p.name_kana = "トシマ ハナコ";
        p.home_oxygen = true;
        store->registry().upsert_person(p);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    Result run(const std::vector<std::string>& words) {
        return testing::run_breathline({"--db", m_db, "--actor", "roles-test", "--data-dir",
                                        BREATHLINE_TEST_DATA_DIR, "--now", "2026-11-22T12:00"},
                                       words);
    }
    std::unique_ptr<data::Store> store() { return data::open_store(m_db); }
    std::size_t audit_rows() { return store()->audit().entries().size(); }

    std::string check_file() {
        const fs::path file = m_dir / "check.json";
        std::ofstream(file) << R"([{"person": "T-0001", "checked_at": "2026-11-22T12:10"}])";
        return file.string();
    }
    std::size_t checks_of_person() {
        auto s = store();
        const auto p = s->registry().person_by_external_id("T-0001");
        return s->incidents().check_history(p->id).size();
    }

    fs::path m_dir;
    std::string m_db;
};

// The words of a usage line that name a sub-verb: the first word of each " | " alternative
// (after the verb's own name), when it is a plain lower-case word; "a|b" gives both.
std::set<std::string> usage_sub_verbs(const VerbSpec& v) {
    std::set<std::string> out;
    std::string usage = v.usage;
    std::size_t start = 0;
    while (start <= usage.size()) {
        auto end = usage.find(" | ", start);
        if (end == std::string::npos) end = usage.size();
        std::istringstream piece(usage.substr(start, end - start));
        std::string word;
        piece >> word;
        if (word == v.name) piece >> word;
        const bool plain =
            !word.empty() &&
            word.find_first_not_of("abcdefghijklmnopqrstuvwxyz-|") == std::string::npos &&
            word[0] != '-';
        if (plain) {
            std::size_t a = 0;
            while (a <= word.size()) {
                auto b = word.find('|', a);
                if (b == std::string::npos) b = word.size();
                if (b > a) out.insert(word.substr(a, b - a));
                a = b + 1;
            }
        }
        start = end + 3;
    }
    return out;
}

TEST(VerbPermissionTable, CoversEveryRegisteredVerbAndSubVerb) {
    std::size_t subs_checked = 0;
    for (const auto& v : verbs()) {
        bool any = false;
        for (const auto& row : verb_permissions())
            any = any || row.verb == v.name;
        EXPECT_TRUE(any) << "verb '" << v.name << "' has no row in verb_permissions.h";
        for (const auto& sub : usage_sub_verbs(v)) {
            Args a;
            a.verb = v.name;
            a.positional = {sub};
            EXPECT_NE(permission_for(v.name, a), nullptr)
                << "'" << v.name << " " << sub << "' has no row in verb_permissions.h";
            ++subs_checked;
        }
    }
    // The window verbs are registered by main(), outside this library.
    for (const char* window_verb : {"open", "screenshot"}) {
        Args a;
        a.verb = window_verb;
        EXPECT_NE(permission_for(window_verb, a), nullptr) << window_verb;
    }
    // The usage parser saw the sub-verbs (check record, drill start, ...), not nothing.
    EXPECT_GT(subs_checked, 40u);
    // Every row that needs something says what it is, in both languages.
    for (const auto& row : verb_permissions())
        if (row.need != Permission::none) {
            EXPECT_STRNE(row.action_ja, "") << row.verb << " " << row.sub;
            EXPECT_STRNE(row.action_en, "") << row.verb << " " << row.sub;
        }
}

TEST(VerbPermissionTable, WritesNeedTheirPermissionAndOptionsRaiseTheNeed) {
    const auto need = [](std::vector<std::string> words, std::map<std::string, std::string> o) {
        Args a;
        a.verb = words.front();
        a.positional.assign(words.begin() + 1, words.end());
        a.options = std::move(o);
        const auto* row = permission_for(a.verb, a);
        EXPECT_NE(row, nullptr) << a.verb;
        return row ? row->need : Permission::none;
    };
    EXPECT_EQ(need({"set", "person", "T-1"}, {}), Permission::edit_registry);
    EXPECT_EQ(need({"check", "record", "f.json"}, {}), Permission::record_checks);
    EXPECT_EQ(need({"check"}, {}), Permission::none);
    EXPECT_EQ(need({"check"}, {{"repair", ""}}), Permission::edit_registry);
    EXPECT_EQ(need({"export", "persons", "x.csv"}, {}), Permission::none);
    EXPECT_EQ(need({"export", "persons", "x.csv"}, {{"include-personal", ""}}),
              Permission::export_personal);
    EXPECT_EQ(need({"incident", "declare"}, {}), Permission::manage_incidents);
    EXPECT_EQ(need({"incident", "declare"}, {{"drill", ""}}), Permission::run_drills);
    EXPECT_EQ(need({"print", "map"}, {{"privacy", "numbers"}}), Permission::none);
    EXPECT_EQ(need({"print", "map"}, {{"privacy", "full"}}), Permission::export_personal);
    EXPECT_EQ(need({"plan", "advance", "3"}, {}), Permission::edit_plans);
    EXPECT_EQ(need({"drill", "start", "s.toml"}, {}), Permission::run_drills);
    EXPECT_EQ(need({"recommend"}, {{"confirm", "1"}}), Permission::dispatch);
}

TEST_F(RolesCli, ViewerSetIsRefusedAndNothingIsWritten) {
    const std::size_t audit_before = audit_rows();
    const Result r = run({"--role", "viewer", "set", "person", "T-0001", "酸素流量=2.5"});
    EXPECT_EQ(r.code, exit_refused) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "閲覧 の役割では 名簿・施設の編集 はできません")) << r.err;
    auto s = store();
    EXPECT_FALSE(s->registry().person_by_external_id("T-0001")->oxygen_flow_l_min);
    EXPECT_EQ(audit_rows(), audit_before);

    const Result en =
        run({"--role", "viewer", "--lang", "en", "set", "person", "T-0001", "酸素流量=2.5"});
    EXPECT_EQ(en.code, exit_refused);
    EXPECT_TRUE(contains(en.err, "the Viewer role may not edit persons and facilities")) << en.err;

    // The same edit as a planner goes through: the refusal was the role's, not the edit's.
    const Result planner = run({"--role", "planner", "set", "person", "T-0001", "酸素流量=2.5"});
    ASSERT_EQ(planner.code, exit_ok) << planner.err;
    EXPECT_EQ(*store()->registry().person_by_external_id("T-0001")->oxygen_flow_l_min, 2.5);
}

TEST_F(RolesCli, ViewerListAndShowHoldNoNameEvenWithIncludePersonal) {
    const Result coordinator = run({"list", "persons", "--include-personal"});
    ASSERT_EQ(coordinator.code, exit_ok) << coordinator.err;
    EXPECT_TRUE(contains(coordinator.out, "豊島 花子")) << "the check can see names";

    const Result viewer = run({"--role", "viewer", "list", "persons", "--include-personal"});
    ASSERT_EQ(viewer.code, exit_ok) << viewer.err;
    EXPECT_TRUE(contains(viewer.out, "T-0001")) << viewer.out;
    EXPECT_FALSE(contains(viewer.out, "豊島 花子")) << viewer.out;
    EXPECT_FALSE(contains(viewer.out, "豊島花子")) << viewer.out;
    EXPECT_TRUE(contains(viewer.err, "閲覧 の役割では個人情報を表示できない")) << viewer.err;

    const Result show =
        run({"--role", "drill_operator", "show", "person", "T-0001", "--include-personal"});
    ASSERT_EQ(show.code, exit_ok) << show.err;
    EXPECT_TRUE(contains(show.out, "T-0001")) << show.out;
    EXPECT_FALSE(contains(show.out, "豊島 花子")) << show.out;
    EXPECT_FALSE(contains(show.out, "トシマ ハナコ")) << show.out;
}

TEST_F(RolesCli, ViewerExportWithNamesIsRefusedAndWritesNoFile) {
    const fs::path out = m_dir / "persons.csv";
    const Result r =
        run({"--role", "viewer", "export", "persons", out.string(), "--include-personal"});
    EXPECT_EQ(r.code, exit_refused) << r.err;
    EXPECT_TRUE(contains(r.err, "閲覧 の役割では 個人情報付きの出力 はできません")) << r.err;
    EXPECT_FALSE(fs::exists(out));
    // A masked export is a read every role may make.
    const Result masked = run({"--role", "viewer", "export", "persons", out.string()});
    ASSERT_EQ(masked.code, exit_ok) << masked.err;
    EXPECT_FALSE(contains(testing::read_file(out), "豊島"));
}

TEST_F(RolesCli, PlannerCannotRecordACheckNorDeclareAnIncident) {
    ASSERT_EQ(run({"incident", "declare", "--title", "首都直下地震"}).code, exit_ok);
    const Result r = run({"--role", "planner", "check", "record", check_file()});
    EXPECT_EQ(r.code, exit_refused) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "計画担当 の役割では 安否確認の記録 はできません")) << r.err;
    EXPECT_EQ(checks_of_person(), 0u);

    const Result declare = run({"--role", "planner", "incident", "declare", "--title", "X"});
    EXPECT_EQ(declare.code, exit_refused) << declare.err;
    EXPECT_EQ(store()->incidents().incidents().size(), 1u);

    // The coordinator records the same file.
    const Result coordinator = run({"--role", "coordinator", "check", "record", check_file()});
    ASSERT_EQ(coordinator.code, exit_ok) << coordinator.err;
    EXPECT_EQ(checks_of_person(), 1u);
}

TEST_F(RolesCli, DrillOperatorRecordsChecksInDrillsOnly) {
    ASSERT_EQ(run({"incident", "declare", "--title", "本番"}).code, exit_ok);
    Result r = run({"--role", "drill_operator", "check", "record", check_file()});
    EXPECT_EQ(r.code, exit_refused) << r.err;
    EXPECT_TRUE(contains(r.err, "訓練担当 の役割では 安否確認の記録 はできません")) << r.err;
    EXPECT_EQ(checks_of_person(), 0u);

    // The drill operator may declare a drill (and only a drill) and record checks in it.
    r = run({"--role", "drill_operator", "incident", "declare", "--title", "訓練", "--drill"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    r = run({"--role", "drill_operator", "check", "record", check_file()});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_EQ(checks_of_person(), 1u);
    // Naming the real incident again is refused.
    r = run({"--role", "drill_operator", "check", "record", check_file(), "--incident", "1"});
    EXPECT_EQ(r.code, exit_refused) << r.err;
    EXPECT_EQ(checks_of_person(), 1u);
}

TEST_F(RolesCli, UnknownRoleIsAUsageError) {
    const Result r = run({"--role", "admin", "list", "persons"});
    EXPECT_EQ(r.code, exit_usage);
    EXPECT_TRUE(contains(r.err, "admin")) << r.err;
}

} // namespace
} // namespace breathline::cli
