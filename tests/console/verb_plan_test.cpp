// The support-plan verbs end to end on the demo database (issue 7): the cycle from the 第3号
// application to the second yearly update through `plan`, illegal jumps refused, the due list,
// `evaluate`, `invoice` against hand-computed totals, and the papers checked with pdftotext
// (expected text present, masked names absent, full names present when asked for, which proves
// the check can fail) and pdftoppm (a rasterised page is not blank).

#include "cli_test_support.h"
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/ui/commands.h"
#include "data/store/store.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

namespace breathline::cli {
namespace {

namespace fs = std::filesystem;

using testing::contains;
using testing::Result;

class PlanVerbs : public ::testing::Test {
protected:
    void SetUp() override {
        ::unsetenv("BREATHLINE_LANG");
        ::unsetenv("BREATHLINE_NOW");
        m_dir = fs::temp_directory_path() /
                ("breathline-plan-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_db = (m_dir / "demo.sqlite").string();
        const Result demo = run({"demo"});
        ASSERT_EQ(demo.code, exit_ok) << demo.err;
    }
    void TearDown() override { fs::remove_all(m_dir); }

    Result run(const std::vector<std::string>& words, const std::string& now = "2026-04-01T10:00") {
        return testing::run_breathline({"--db", m_db, "--actor", "hoken-1", "--data-dir",
                                        BREATHLINE_TEST_DATA_DIR, "--lang", "en", "--now", now},
                                       words);
    }
    std::string pdf_text(const fs::path& pdf) {
        const fs::path txt = m_dir / "pdf.txt";
        const std::string cmd =
            "pdftotext -enc UTF-8 '" + pdf.string() + "' '" + txt.string() + "'";
        EXPECT_EQ(std::system(cmd.c_str()), 0) << "pdftotext (poppler-utils) failed: " << cmd;
        std::ifstream in(txt, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    // Rasterises page 1 at 30 dpi as greyscale PGM and counts the pixels that are not white.
    std::size_t ink(const fs::path& pdf) {
        const fs::path base = m_dir / "page";
        const std::string cmd = "pdftoppm -gray -r 30 -f 1 -l 1 -singlefile '" + pdf.string() +
                                "' '" + base.string() + "'";
        EXPECT_EQ(std::system(cmd.c_str()), 0) << "pdftoppm (poppler-utils) failed: " << cmd;
        std::ifstream in(base.string() + ".pgm", std::ios::binary);
        std::string magic;
        int w = 0, h = 0, max = 0;
        in >> magic >> w >> h >> max;
        in.get();
        std::size_t dark = 0;
        for (int i = 0; i < w * h; ++i)
            if (in.get() < 200) ++dark;
        return dark;
    }
    std::string name_of(const std::string& registry_number) {
        auto store = data::open_store(m_db);
        return store->registry().person_by_external_id(registry_number)->name;
    }

    fs::path m_dir;
    std::string m_db;
};

TEST_F(PlanVerbs, WholeCycleToTheSecondUpdateWithDueListAndInvoice) {
    Result r = run({"plan", "create", "--person", "DEMO-V001"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    // Illegal jumps are refused with a message, and the database is unchanged.
    r = run({"plan", "advance", "1", "--step", "plan"});
    EXPECT_EQ(r.code, exit_bad_input);
    EXPECT_TRUE(contains(r.err, "form 5")) << r.err;
    r = run({"plan", "advance", "1", "--step", "update"});
    EXPECT_EQ(r.code, exit_bad_input);
    ASSERT_EQ(
        run({"plan", "advance", "1", "--step", "decision_notice", "--document", "豊保健発第7号"})
            .code,
        exit_ok);
    ASSERT_EQ(run({"plan", "advance", "1", "--step", "nurse_request", "--station", "ST-A"}).code,
              exit_ok);
    r = run({"plan", "advance", "1", "--step", "plan", "other=初版"}, "2026-07-15T10:00");
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_TRUE(contains(r.out, "2027-07-15")) << r.out;
    // A problem needs a note; the follow-up list names it.
    r = run({"evaluate", "record", "1", "--others", "ok", "generator=problem"}, "2026-07-20T10:00");
    EXPECT_EQ(r.code, exit_bad_input) << r.out;
    r = run({"evaluate", "record", "1", "--others", "ok", "generator=problem:発電機なし"},
            "2026-07-20T10:00");
    EXPECT_EQ(r.code, exit_findings) << r.err;
    EXPECT_TRUE(contains(r.out, "follow-up list: 1")) << r.out;
    EXPECT_TRUE(contains(r.out, "generator: 発電機なし")) << r.out;
    // Due list: 30 days before the review the plan is due (exactly N days), one day after it
    // is overdue; the other ventilator users have no plan.
    r = run({"plan", "due", "--within", "30"}, "2027-06-15T10:00");
    EXPECT_TRUE(contains(r.out, "due in 30 days")) << r.out;
    EXPECT_TRUE(contains(r.out, "DEMO-V002   no plan")) << r.out;
    r = run({"plan", "due", "--within", "29"}, "2027-06-15T10:00");
    EXPECT_FALSE(contains(r.out, "DEMO-V001")) << r.out;
    r = run({"plan", "due", "--within", "30"}, "2027-07-16T10:00");
    EXPECT_TRUE(contains(r.out, "overdue by 1 days")) << r.out;
    // Yearly updates: the first, and the second a year later.
    ASSERT_EQ(
        run({"plan", "advance", "1", "--step", "update", "other=第2版"}, "2027-07-10T10:00").code,
        exit_ok);
    r = run({"plan", "advance", "1", "--step", "update", "other=第3版"}, "2028-07-05T10:00");
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_TRUE(contains(r.out, "2029-07-05")) << r.out;
    r = run({"plan", "show", "1"});
    EXPECT_TRUE(contains(r.out, "version 1 (new)")) << r.out;
    EXPECT_TRUE(contains(r.out, "version 3 (update)")) << r.out;
    EXPECT_TRUE(contains(r.out, "第3版")) << r.out;
    // Invoices: 2026Q3 one new plan = 16,560 + 1,656 tax; 2027Q3 one update = 5,520 + 552.
    r = run({"invoice", "--quarter", "2026Q3", "--station", "ST-A", "--out",
             (m_dir / "inv.pdf").string(), "--issue"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_TRUE(contains(r.out, "total 18,216 yen")) << r.out;
    EXPECT_EQ(run({"invoice", "--quarter", "2026Q3", "--station", "ST-A", "--issue"}).code,
              exit_bad_input)
        << "a quarter is invoiced once";
    r = run({"invoice", "--quarter", "2027Q3", "--station", "ST-A"});
    EXPECT_TRUE(contains(r.out, "total 6,072 yen")) << r.out;
    r = run({"invoice", "--quarter", "2027Q3", "--station", "ST-B"});
    EXPECT_TRUE(contains(r.out, "total 0 yen")) << r.out;
    const std::string inv = pdf_text(m_dir / "inv.pdf");
    EXPECT_TRUE(contains(inv, "請")) << inv;
    EXPECT_TRUE(contains(inv, "16,560")) << inv;
    EXPECT_TRUE(contains(inv, "18,216")) << inv;
    EXPECT_TRUE(contains(inv, "1,656")) << inv;
    EXPECT_EQ(run({"plan", "advance", "1", "--step", "teleport"}).code, exit_usage);
}

TEST_F(PlanVerbs, PapersMaskNamesUnlessAskedAndAreNotBlank) {
    ASSERT_EQ(run({"plan", "create", "--person", "DEMO-V001"}).code, exit_ok);
    ASSERT_EQ(run({"plan", "advance", "1", "--step", "decision_notice"}).code, exit_ok);
    ASSERT_EQ(run({"plan", "advance", "1", "--step", "nurse_request", "--station", "ST-A"}).code,
              exit_ok);
    ASSERT_EQ(run({"plan", "advance", "1", "--step", "plan"}).code, exit_ok);
    const std::string name = name_of("DEMO-V001");
    ASSERT_FALSE(name.empty());

    const fs::path plan = m_dir / "plan.pdf";
    Result r = run({"plan", "print", "--person", "DEMO-V001", "--out", plan.string(), "--privacy",
                    "initials"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    std::string text = pdf_text(plan);
    EXPECT_TRUE(contains(text, "災害時個別支援計画")) << text;
    EXPECT_TRUE(contains(text, "安否確認の方法")) << text;
    EXPECT_TRUE(contains(text, "停電時の対応方法")) << text;
    EXPECT_TRUE(contains(text, "DEMO-V001")) << text;
    EXPECT_FALSE(contains(text, name)) << "the name is printed with --privacy initials";
    // The demo's hospitals are unlocated: the page says so.
    EXPECT_TRUE(contains(text, "病院の位置が未登録")) << text;
    EXPECT_GT(ink(plan), 500u);
    r = run(
        {"plan", "print", "--person", "DEMO-V001", "--out", plan.string(), "--privacy", "full"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_TRUE(contains(pdf_text(plan), name)) << "full privacy prints the name";

    // With the base hospital located the route to it is drawn and named.
    ASSERT_EQ(run({"set", "facility", "disaster_base_hospital-01", "lon=139.7100", "lat=35.7110",
                   "status=open"})
                  .code,
              exit_ok);
    r = run({"plan", "print", "--person", "DEMO-V001", "--out", plan.string()});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    text = pdf_text(plan);
    EXPECT_TRUE(contains(text, "経路 (車)")) << text;
    EXPECT_TRUE(contains(text, "最寄りの救援センター")) << text;
    EXPECT_FALSE(contains(text, "病院の位置が未登録")) << text;

    const fs::path map = m_dir / "map.pdf";
    r = run({"print", "map", "--out", map.string(), "--privacy", "numbers"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    text = pdf_text(map);
    EXPECT_TRUE(contains(text, "人工呼吸器使用者等マップ")) << text;
    EXPECT_TRUE(contains(text, "国土数値情報")) << text;
    EXPECT_TRUE(contains(text, "OpenStreetMap contributors")) << text;
    EXPECT_TRUE(contains(text, "凡例")) << text;
    EXPECT_TRUE(contains(text, "DEMO-V001")) << text;
    EXPECT_FALSE(contains(text, name)) << "the name is printed with --privacy numbers";
    EXPECT_GT(ink(map), 500u);
    r = run({"print", "map", "--out", map.string(), "--privacy", "full", "--area", "長崎五丁目",
             "--paper", "A4"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    text = pdf_text(map);
    EXPECT_TRUE(contains(text, name)) << "full privacy prints the name";
    EXPECT_TRUE(contains(text, "長崎五丁目")) << text;
    EXPECT_EQ(run({"print", "map", "--out", map.string()}).code, exit_usage)
        << "the privacy level is chosen when printing";

    const fs::path forms = m_dir / "forms.pdf";
    r = run({"print", "forms", "--person", "DEMO-V001", "--out", forms.string()});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    text = pdf_text(forms);
    EXPECT_TRUE(contains(text, "第1号様式")) << text;
    EXPECT_TRUE(contains(text, "第2号様式")) << text;
    EXPECT_TRUE(contains(text, name)) << "forms for signing carry the name";
    // Every print is audited as an export.
    auto store = data::open_store(m_db);
    int exports = 0;
    for (const auto& e : store->audit().entries())
        if (e.action == "export") {
            ++exports;
            EXPECT_FALSE(contains(e.summary, name)) << e.summary;
        }
    EXPECT_GE(exports, 6);
    const fs::path contacts = m_dir / "contacts.pdf";
    r = run({"print", "contacts", "--person", "DEMO-V001", "--out", contacts.string()});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_FALSE(contains(pdf_text(contacts), name));
}

} // namespace
} // namespace breathline::cli

namespace breathline::cli {
namespace {

// The registry table's plan column (console/ui/commands.cpp load_model): filled from the plan
// store, "" for persons without a plan.
TEST_F(PlanVerbs, ConsoleRegistryRowsShowThePlanState) {
    ASSERT_EQ(run({"plan", "create", "--person", "DEMO-V002"}).code, exit_ok);
    ASSERT_EQ(run({"plan", "advance", "1", "--step", "decision_notice"}).code, exit_ok);
    const auto model = ui::load_model(m_db, BREATHLINE_TEST_DATA_DIR, "hoken-1", false, nullptr);
    int with_plan = 0;
    for (const auto& row : model.persons) {
        if (row.external_id == "DEMO-V002")
            EXPECT_EQ(row.plan_state, "decided");
        else
            EXPECT_EQ(row.plan_state, "") << row.external_id;
        with_plan += !row.plan_state.empty();
    }
    EXPECT_EQ(with_plan, 1);
}

} // namespace
} // namespace breathline::cli
