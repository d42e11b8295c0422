// The issue-5 destination verbs end to end on the demo database: `facilities status`, `set
// facility` with occupancy and power, `recommend` (confirm, override with and without a
// reason), `notice` and `contact-list` (the name never in the PDF text).

#include "cli_test_support.h"
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/ops/destination.h"
#include "data/store/store.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace breathline::cli {
namespace {

namespace fs = std::filesystem;

using testing::contains;
using testing::Result;

class DestinationVerbs : public ::testing::Test {
protected:
    void SetUp() override {
        ::unsetenv("BREATHLINE_LANG");
        ASSERT_TRUE(fs::exists(fs::path(BREATHLINE_TEST_DATA_DIR) / "real" / "roads"))
            << "shared real data missing: " << BREATHLINE_TEST_DATA_DIR << "/real/roads";
        m_dir = fs::temp_directory_path() /
                ("breathline-recommend-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_db = (m_dir / "demo.sqlite").string();
        const Result demo = run({"demo"});
        ASSERT_EQ(demo.code, exit_ok) << demo.err;
        // The demo's hospitals are unlocated: place the base hospital and one cooperating one.
        ASSERT_EQ(run({"set", "facility", "disaster_base_hospital-01", "lon=139.7100",
                       "lat=35.7110", "status=open"})
                      .code,
                  exit_ok);
        ASSERT_EQ(run({"set", "facility", "disaster_cooperating_hospital-01", "lon=139.7200",
                       "lat=35.7370"})
                      .code,
                  exit_ok);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    Result run(const std::vector<std::string>& words) {
        return testing::run_breathline({"--db", m_db, "--actor", "coordinator-1", "--data-dir",
                                        BREATHLINE_TEST_DATA_DIR, "--lang", "en"},
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

    fs::path m_dir;
    std::string m_db;
};

TEST_F(DestinationVerbs, FacilityBoardShowsOccupancyAndPowerSetThroughSet) {
    const Result set = run({"set", "facility", "disaster_base_hospital-01", "capacity=50",
                            "occupancy=50", "power=generator"});
    ASSERT_EQ(set.code, exit_ok) << set.err;
    const Result bad = run({"set", "facility", "disaster_base_hospital-01", "power=nuclear"});
    EXPECT_EQ(bad.code, exit_bad_input);
    EXPECT_TRUE(contains(bad.err, "power")) << bad.err;
    EXPECT_TRUE(contains(bad.err, "nuclear")) << bad.err;

    const Result board = run({"facilities", "status", "--kind", "disaster_base_hospital"});
    ASSERT_EQ(board.code, exit_ok) << board.err;
    EXPECT_TRUE(contains(board.out, "occupancy")) << board.out;
    std::istringstream lines(board.out);
    std::string line, row;
    while (std::getline(lines, line))
        if (contains(line, "disaster_base_hospital-01")) row = line;
    EXPECT_TRUE(contains(row, "50")) << row;
    EXPECT_TRUE(contains(row, "generator")) << row;
    EXPECT_TRUE(contains(row, " no")) << "a hospital at capacity accepts nobody: " << row;
    EXPECT_EQ(run({"facilities", "board"}).code, exit_usage);
}

TEST_F(DestinationVerbs, RecommendConfirmsAndOverrideNeedsAReason) {
    Result r = run({"recommend", "--person", "DEMO-V001", "--judgement", "hospitalise"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_TRUE(contains(r.out, "severe")) << r.out;
    EXPECT_TRUE(contains(r.out, "1. ")) << r.out;
    EXPECT_TRUE(contains(r.out, "disaster_base_hospital-01")) << r.out;
    EXPECT_TRUE(contains(r.out, "left out: disaster_cooperating_hospital-02 (no location)"))
        << r.out;

    // An override without a reason is refused before anything is opened or written.
    r = run({"recommend", "--person", "DEMO-V001", "--judgement", "hospitalise", "--override",
             "disaster_cooperating_hospital-01"});
    EXPECT_EQ(r.code, exit_usage);
    EXPECT_TRUE(contains(r.err, "--reason")) << r.err;
    r = run({"recommend", "--person", "DEMO-V001", "--judgement", "hospitalise", "--override",
             "disaster_cooperating_hospital-01", "--reason", " "});
    EXPECT_EQ(r.code, exit_usage);
    {
        auto store = data::open_store(m_db);
        const auto p = store->registry().person_by_external_id("DEMO-V001");
        EXPECT_TRUE(data::ops::decision_store(*store)->decisions(p->id).empty());
    }

    r = run({"recommend", "--person", "DEMO-V001", "--judgement", "hospitalise", "--override",
             "disaster_cooperating_hospital-01", "--reason", "accepted by phone"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_TRUE(contains(r.out, "override recorded")) << r.out;
    r = run({"recommend", "--person", "DEMO-V001", "--judgement", "hospitalise", "--confirm", "1",
             "--geojson", (m_dir / "routes.geojson").string()});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_TRUE(contains(r.out, "destination confirmed: disaster_base_hospital-01")) << r.out;
    std::ifstream gj(m_dir / "routes.geojson");
    const std::string geojson{std::istreambuf_iterator<char>(gj), {}};
    EXPECT_TRUE(contains(geojson, "\"LineString\"")) << geojson;
    EXPECT_EQ(
        run({"recommend", "--person", "DEMO-V001", "--judgement", "hospitalise", "--confirm", "9"})
            .code,
        exit_findings);

    auto store = data::open_store(m_db);
    const auto p = store->registry().person_by_external_id("DEMO-V001");
    const auto decisions = data::ops::decision_store(*store)->decisions(p->id);
    ASSERT_EQ(decisions.size(), 2u);
    EXPECT_TRUE(decisions[0].overridden);
    EXPECT_EQ(decisions[0].reason, "accepted by phone");
    EXPECT_EQ(decisions[0].actor, "coordinator-1");
    EXPECT_FALSE(decisions[1].overridden);
    ASSERT_TRUE(decisions[1].eta_s);
    EXPECT_GT(*decisions[1].eta_s, 0);
    const auto entries = store->audit().entries();
    const auto& override_entry = entries[entries.size() - 2];
    EXPECT_EQ(override_entry.action, "override");
    EXPECT_EQ(override_entry.actor, "coordinator-1");
    EXPECT_TRUE(contains(override_entry.summary, "accepted by phone"));
    EXPECT_EQ(entries.back().action, "confirm");

    // Without a judgement (no check, no --judgement) nothing is guessed.
    r = run({"recommend", "--person", "DEMO-V001"});
    EXPECT_EQ(r.code, exit_findings);
    EXPECT_TRUE(contains(r.err, "judgement")) << r.err;
}

// Without --judgement, the latest safety check of the active incident decides, and its SpO2
// feeds the severity rule (and the notice's condition section).
TEST_F(DestinationVerbs, JudgementAndSeverityComeFromTheLatestCheck) {
    {
        auto store = data::open_store(m_db);
        store->set_actor("checker");
        data::Incident incident;
        incident.title = "訓練 首都直下地震";
        incident.onset_at = "2026-11-22T00:00:00Z";
        incident.is_drill = true;
        incident.is_active = true;
        const data::RowId incident_id = store->incidents().declare_incident(incident);
        data::SafetyCheck check;
        check.incident_id = incident_id;
        check.person_id = store->registry().person_by_external_id("DEMO-O001")->id;
        check.checked_at = "2026-11-22T01:00:00Z";
        check.spo2_pct = 86;
        check.judgement = data::Judgement::hospitalise;
        store->incidents().record_check(check);
    }
    Result r = run({"recommend", "--person", "DEMO-O001"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_TRUE(contains(r.out, "judgement hospitalise")) << r.out;
    EXPECT_TRUE(contains(r.out, "SpO2 86%")) << r.out;
    EXPECT_TRUE(contains(r.out, "1. ")) << r.out;
    const fs::path notice = m_dir / "notice.pdf";
    ASSERT_EQ(run({"notice", "--person", "DEMO-O001", "--out", notice.string()}).code, exit_ok);
    const std::string text = pdf_text(notice);
    EXPECT_TRUE(contains(text, "SpO2 86%")) << text;
    EXPECT_TRUE(contains(text, "重症")) << text;
}

TEST_F(DestinationVerbs, NoticeAndContactListNeverShowTheName) {
    std::string name, kana;
    {
        auto store = data::open_store(m_db);
        const auto p = store->registry().person_by_external_id("DEMO-V001");
        name = p->name;
        kana = p->name_kana;
    }
    ASSERT_FALSE(name.empty());
    ASSERT_EQ(
        run({"recommend", "--person", "DEMO-V001", "--judgement", "hospitalise", "--confirm", "1"})
            .code,
        exit_ok);
    const fs::path notice = m_dir / "notice.pdf";
    Result r =
        run({"notice", "--person", "DEMO-V001", "--out", notice.string(), "--include-personal"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    std::string text = pdf_text(notice);
    EXPECT_TRUE(contains(text, "DEMO-V001")) << text;
    EXPECT_TRUE(contains(text, "TPPV")) << text;
    EXPECT_TRUE(contains(text, "都立大塚病院")) << text;
    EXPECT_FALSE(contains(text, name)) << text;
    EXPECT_FALSE(contains(text, kana)) << text;

    const fs::path list = m_dir / "contacts.pdf";
    r = run({"contact-list", "--out", list.string()});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    text = pdf_text(list);
    EXPECT_TRUE(contains(text, "DEMO-V001")) << text;
    EXPECT_FALSE(contains(text, name)) << text;
    EXPECT_FALSE(contains(text, kana)) << text;

    auto store = data::open_store(m_db);
    const auto entries = store->audit().entries();
    EXPECT_EQ(entries.back().action, "export");
    EXPECT_EQ(entries.back().entity_id, "contact_list");
    EXPECT_EQ(entries[entries.size() - 2].entity_id, "medical_notice");

    EXPECT_EQ(run({"notice", "--person", "DEMO-V001"}).code, exit_usage);
    EXPECT_EQ(run({"notice", "--person", "NOPE", "--out", notice.string()}).code, exit_findings);
}

} // namespace
} // namespace breathline::cli
