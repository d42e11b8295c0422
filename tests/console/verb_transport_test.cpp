// The issue-6 verbs end to end: `supporters import|add|list` and `transport
// request|assign|list|call-list` on the demo database (walking times over the demo's roads),
// and the call-list PDF read back with pdftotext: the registry number is there, no name is
// unless --include-personal is given (which proves the check can fail).

#include "cli_test_support.h"
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/dispatch/transport_store.h"
#include "data/error.h"
#include "data/store/store.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace breathline::cli {
namespace {

namespace fs = std::filesystem;
namespace dispatch = data::dispatch;

using testing::contains;
using testing::Result;

// A Thursday afternoon in Japan: weekday daytime supporters are available.
constexpr const char* k_now = "2026-12-03T14:00";

class TransportVerbs : public ::testing::Test {
protected:
    void SetUp() override {
        ::unsetenv("BREATHLINE_LANG");
        ::unsetenv("BREATHLINE_NOW");
        ASSERT_TRUE(fs::exists(fs::path(BREATHLINE_TEST_DATA_DIR) / "real" / "roads"))
            << "shared real data missing: " << BREATHLINE_TEST_DATA_DIR << "/real/roads";
        m_dir = fs::temp_directory_path() /
                ("breathline-transport-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_db = (m_dir / "demo.sqlite").string();
    }
    void TearDown() override { fs::remove_all(m_dir); }

    void demo_with_incident() {
        const Result demo = run({"demo"});
        ASSERT_EQ(demo.code, exit_ok) << demo.err;
        const Result inc = run({"incident", "declare", "--title", "transport drill", "--drill",
                                "--onset", "2026-12-03T13:00"});
        ASSERT_EQ(inc.code, exit_ok) << inc.err;
    }

    Result run(const std::vector<std::string>& words) {
        return testing::run_breathline({"--db", m_db, "--actor", "coordinator-1", "--data-dir",
                                        BREATHLINE_TEST_DATA_DIR, "--lang", "en", "--now", k_now},
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
    std::unique_ptr<data::Store> store() { return data::open_store(m_db); }

    fs::path m_dir;
    std::string m_db;
};

TEST_F(TransportVerbs, SupportersImportWithABadLineNamesFileLineAndFieldAndImportsNothing) {
    ASSERT_EQ(run({"init"}).code, exit_ok);
    const fs::path csv = m_dir / "supporters.csv";
    {
        std::ofstream f(csv, std::ios::binary);
        f << "支援者番号,氏名,区分,電話,移動手段,対応可能時間,経度,緯度\n"
          << "T-001,テスト 一郎,家族,090-0000-0001,徒歩,常時,139.7300,35.7300\n"
          << "T-002,テスト 二郎,宇宙人,090-0000-0002,徒歩,平日 9:00-17:00,139.7310,35.7310\n"
          << "T-003,テスト 三郎,近隣住民,090-0000-0003,車,土日 終日,139.7320,35.7320\n";
    }
    const Result r = run({"supporters", "import", csv.string()});
    EXPECT_EQ(r.code, exit_bad_input) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "supporters.csv")) << r.err;
    EXPECT_TRUE(contains(r.err, "line 3")) << r.err;
    EXPECT_TRUE(contains(r.err, "区分")) << r.err;
    EXPECT_TRUE(contains(r.err, "宇宙人")) << r.err;
    EXPECT_EQ(store()->registry().count_supporters(), 0) << "one bad line imports nothing";

    // Fixed, the same file goes in whole; the list masks the names.
    std::string text;
    {
        std::ifstream in(csv, std::ios::binary);
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    text.replace(text.find("宇宙人"), std::string("宇宙人").size(), "町会");
    {
        std::ofstream f(csv, std::ios::binary | std::ios::trunc);
        f << text;
    }
    const Result ok = run({"supporters", "import", csv.string()});
    ASSERT_EQ(ok.code, exit_ok) << ok.err;
    EXPECT_EQ(store()->registry().count_supporters(), 3);
    const Result list = run({"supporters", "list"});
    ASSERT_EQ(list.code, exit_ok) << list.err;
    EXPECT_TRUE(contains(list.out, "T-002")) << list.out;
    EXPECT_FALSE(contains(list.out, "テスト")) << "names are masked by default:\n" << list.out;
    const Result personal = run({"supporters", "list", "--include-personal"});
    EXPECT_TRUE(contains(personal.out, "テスト 二郎")) << personal.out;
}

TEST_F(TransportVerbs, SupportersAddValidatesAndLinks) {
    demo_with_incident();
    Result r = run({"supporters", "add", "--id", "T-100", "--name", "テスト 花子", "--kind",
                    "robot", "--lon", "139.72", "--lat", "35.73"});
    EXPECT_EQ(r.code, exit_usage);
    EXPECT_TRUE(contains(r.err, "robot")) << r.err;
    r = run({"supporters", "add", "--id", "T-100", "--name", "テスト 花子", "--kind", "近隣住民",
             "--address", "巣鴨3-14-1", "--availability", "平日 9:00-17:00; 土日 終日", "--link",
             "DEMO-V001", "--priority", "5"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_TRUE(contains(r.out, "location: town")) << r.out;
    const auto s = store()->registry().supporter_by_external_id("T-100");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->kind, data::SupporterKind::neighbour);
    const auto p = store()->registry().person_by_external_id("DEMO-V001");
    bool linked = false;
    for (const auto& l : store()->registry().supporter_links(p->id))
        linked = linked || (l.supporter_id == s->id && l.priority == 5);
    EXPECT_TRUE(linked);
}

TEST_F(TransportVerbs, RequestAndAssignOnTheDemoGiveTeamsOfFourWithoutDoubleBooking) {
    demo_with_incident();
    const std::vector<std::string> persons = {"DEMO-V001", "DEMO-V002", "DEMO-V003", "DEMO-V004",
                                              "DEMO-V005"};
    for (const auto& p : persons) {
        const Result r = run({"transport", "request", "--person", p});
        ASSERT_EQ(r.code, exit_ok) << r.err;
    }
    EXPECT_EQ(run({"transport", "request", "--person", "DEMO-V001"}).code, exit_bad_input)
        << "a second live request for the same person is refused";
    const fs::path geojson = m_dir / "routes.geojson";
    const Result a = run({"transport", "assign", "--all", "--geojson", geojson.string()});
    ASSERT_TRUE(a.code == exit_ok || a.code == exit_findings) << a.err;
    EXPECT_TRUE(contains(a.out, "team of 4")) << a.out;

    auto s = store();
    auto transport = dispatch::transport_store(*s);
    const auto incident = s->incidents().active_incident();
    ASSERT_TRUE(incident);
    const auto requests = transport->requests(incident->id);
    ASSERT_EQ(requests.size(), persons.size());
    std::set<data::RowId> booked;
    int complete = 0;
    for (const auto& r : requests) {
        const auto members = transport->members(r.id);
        if (r.status == dispatch::RequestStatus::team_assigned) {
            ++complete;
            EXPECT_EQ(members.size(), 4u);
        } else {
            EXPECT_EQ(r.status, dispatch::RequestStatus::short_of_supporters);
            EXPECT_LT(members.size(), 4u);
        }
        for (const auto& m : members) {
            ASSERT_TRUE(m.eta_s) << "every member has an ETA";
            EXPECT_GE(*m.eta_s, 0);
            EXPECT_LE(*m.eta_s, 30 * 60.0) << "within the default 30-minute limit";
            EXPECT_TRUE(booked.insert(m.supporter_id).second)
                << "supporter " << m.supporter_id << " is in two teams";
        }
    }
    EXPECT_GE(complete, 1) << a.out;
    // The routes for the map: one line per member.
    std::ifstream in(geojson);
    const std::string routes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_TRUE(contains(routes, "\"LineString\"")) << routes.substr(0, 200);
    EXPECT_FALSE(contains(routes, "デモ")) << "no names in the routes file";

    // The store refuses to book a supporter twice, whatever the caller does.
    const auto first = transport->members(requests[0].id);
    ASSERT_FALSE(first.empty());
    const std::vector<dispatch::TeamMemberRecord> stolen = {
        {requests[1].id, first[0].supporter_id, 60.0, dispatch::MemberStatus::called}};
    EXPECT_THROW(transport->assign_team(requests[1].id, stolen, 3, ""), data::DataError);

    const Result list = run({"transport", "list"});
    ASSERT_EQ(list.code, exit_ok) << list.err;
    EXPECT_TRUE(contains(list.out, "DEMO-V002")) << list.out;
    EXPECT_TRUE(contains(list.out, "4/4")) << list.out;
    EXPECT_FALSE(contains(list.out, "デモ")) << list.out;
}

TEST_F(TransportVerbs, ATightLimitFlagsTheRequestShortWithWhoIsMissing) {
    demo_with_incident();
    ASSERT_EQ(run({"transport", "request", "--person", "DEMO-V002"}).code, exit_ok);
    const Result a = run({"transport", "assign", "--limit-min", "0"});
    EXPECT_EQ(a.code, exit_findings) << a.out << a.err;
    EXPECT_TRUE(contains(a.out, "SHORT")) << a.out;
    EXPECT_TRUE(contains(a.out, "4 missing")) << a.out;
    EXPECT_TRUE(contains(a.out, "linked supporter")) << a.out;
    auto s = store();
    const auto requests =
        dispatch::transport_store(*s)->requests(s->incidents().active_incident()->id);
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].status, dispatch::RequestStatus::short_of_supporters);
    // A wider limit reassigns the short request.
    const Result again = run({"transport", "assign"});
    EXPECT_EQ(again.code, exit_ok) << again.out << again.err;
    EXPECT_EQ(dispatch::transport_store(*s)->request(requests[0].id)->status,
              dispatch::RequestStatus::team_assigned);
}

TEST_F(TransportVerbs, CallListPdfHasTheRegistryNumberButNoNameUnlessAsked) {
    demo_with_incident();
    ASSERT_EQ(run({"transport", "request", "--person", "DEMO-V002"}).code, exit_ok);
    const Result a = run({"transport", "assign"});
    ASSERT_EQ(a.code, exit_ok) << a.out << a.err;
    auto s = store();
    const auto person = s->registry().person_by_external_id("DEMO-V002");
    ASSERT_TRUE(person);
    auto transport = dispatch::transport_store(*s);
    const auto request = transport->requests(s->incidents().active_incident()->id).front();
    std::vector<std::string> names = {person->name};
    for (const auto& m : transport->members(request.id))
        names.push_back(s->registry().supporter(m.supporter_id)->name);
    ASSERT_EQ(names.size(), 5u);

    const fs::path masked = m_dir / "calls.pdf";
    Result r = run({"transport", "call-list", "--request", std::to_string(request.id), "--out",
                    masked.string()});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    const std::string text = pdf_text(masked);
    EXPECT_TRUE(contains(text, "DEMO-V002")) << text;
    EXPECT_TRUE(contains(text, "呼出しリスト")) << text;
    for (const auto& n : names)
        EXPECT_FALSE(contains(text, n)) << "name '" << n << "' in the masked call list";
    EXPECT_FALSE(contains(text, "090-0000")) << "phones are masked";

    const fs::path personal = m_dir / "calls-personal.pdf";
    r = run({"transport", "call-list", "--request", std::to_string(request.id), "--out",
             personal.string(), "--include-personal"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    const std::string full = pdf_text(personal);
    for (const auto& n : names)
        EXPECT_TRUE(contains(full, n)) << "name '" << n << "' missing with --include-personal";

    // Both exports are audited, with whether personal data was included.
    int exports = 0;
    for (const auto& e : s->audit().entries(10))
        if (e.action == "export" && e.entity_id == "team_call_list") {
            ++exports;
            for (const auto& n : names)
                EXPECT_FALSE(contains(e.summary, n));
        }
    EXPECT_EQ(exports, 2);
}

} // namespace
} // namespace breathline::cli
