// The after-action report of a drill: confirmations (minutes, median, nearest-rank p90),
// critical spans from the board replay (an outage starting and being restored, a later check
// raising the runway, still critical at the end), supporter teams, deliveries on time / late /
// pending, decisions in time order, invalid arguments; then the PDF (pdftotext: headings and
// registry numbers, no names; pdftoppm: page 1 not blank) and the CSV set (rows, values parsed
// back, RFC 4180 quoting) written through a real store with their audit entries.

#include "data/drill/after_action.h"
#include "data/error.h"
#include "data/reports/after_action_report.h"
#include "data/reports/pdf_document.h"
#include "data/store/store.h"
#include "data/text/csv.h"
#include "tests/data/ops/ops_test_support.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <stdexcept>
#include <unistd.h>

namespace breathline::data::drill {
namespace {

namespace fs = std::filesystem;
using ops::TimePoint;
using ops::test::at_h;
using ops::test::iso_h;

TimePoint at_min(double m) {
    return at_h(m / 60.0);
}
std::string iso_min(double m) {
    return iso_h(m / 60.0);
}

Person plain_person(RowId id, const std::string& name) {
    Person p;
    p.id = id;
    p.external_id = "T-" + std::to_string(100 + id);
    p.name = name;
    p.location = geo::LonLat(139.60 + 0.05 * static_cast<double>(id), 35.73);
    return p;
}

// A ventilator user with `internal_h` of internal battery and no external one, at a place of
// their own (0.05° apart, so each has an outage area to themselves).
Person vent_person(RowId id, const std::string& name, double internal_h) {
    Person p = plain_person(id, name);
    p.uses_ventilator = true;
    p.internal_battery = true;
    p.internal_battery_h = internal_h;
    p.external_battery = false;
    return p;
}

OutageArea outage_over(RowId id, const Person& p, double start_min,
                       std::optional<double> restored_min = std::nullopt) {
    OutageArea o;
    o.id = id;
    o.incident_id = 1;
    o.name = "outage-" + std::to_string(id);
    o.starts_at = iso_min(start_min);
    if (restored_min) o.restored_at = iso_min(*restored_min);
    o.area = ops::test::square_around(*p.location);
    return o;
}

SafetyCheck check_at(RowId id, RowId person, double minute) {
    SafetyCheck c;
    c.id = id;
    c.incident_id = 1;
    c.person_id = person;
    c.checked_at = iso_min(minute);
    c.judgement = Judgement::stay_home;
    return c;
}

AfterActionInput base_input(double end_min) {
    AfterActionInput in;
    in.incident.id = 1;
    in.incident.title = "訓練 深夜の地震";
    in.incident.is_drill = true;
    in.onset = at_min(0);
    in.end = at_min(end_min);
    in.thresholds.critical_h = 1.0;
    in.board_step = std::chrono::seconds(60);
    return in;
}

const CriticalPerson* critical_of(const AfterAction& r, const std::string& id) {
    for (const auto& p : r.critical)
        if (p.external_id == id) return &p;
    return nullptr;
}

TEST(AfterAction, ConfirmationMinutesMedianAndNearestRankP90) {
    AfterActionInput in = base_input(120);
    for (RowId i = 1; i <= 5; ++i)
        in.persons.push_back(plain_person(i, "氏名" + std::to_string(i)));
    // Person 3 twice: the first check counts. Person 5 never. Person 9 is not on the board.
    in.checks = {check_at(1, 1, 10), check_at(2, 2, 20), check_at(3, 3, 50),
                 check_at(4, 3, 5),  check_at(5, 4, 30), check_at(6, 9, 1)};
    const AfterAction r = compute_after_action(in);
    EXPECT_EQ(r.total, 5);
    EXPECT_EQ(r.confirmed, 4);
    EXPECT_FALSE(r.all_confirmed_minutes.has_value()) << "person 5 was never confirmed";
    ASSERT_TRUE(r.median_confirm_minutes);
    EXPECT_DOUBLE_EQ(*r.median_confirm_minutes, 15.0); // 5 10 20 30
    ASSERT_TRUE(r.p90_confirm_minutes);
    EXPECT_DOUBLE_EQ(*r.p90_confirm_minutes, 30.0); // rank ⌈3.6⌉ = 4
    std::vector<std::string> order;
    for (const auto& c : r.confirmations)
        order.push_back(c.external_id);
    EXPECT_EQ(order, (std::vector<std::string>{"T-103", "T-101", "T-102", "T-104", "T-105"}));
    ASSERT_TRUE(r.confirmations[0].minutes);
    EXPECT_DOUBLE_EQ(*r.confirmations[0].minutes, 5.0);
    EXPECT_EQ(*r.confirmations[0].first_check_at, at_min(5));
    EXPECT_FALSE(r.confirmations[4].first_check_at.has_value());
    EXPECT_FALSE(r.confirmations[4].minutes.has_value());

    // Everyone confirmed: the time to confirm all is the last first check.
    in.checks.push_back(check_at(7, 5, 40));
    const AfterAction all = compute_after_action(in);
    ASSERT_TRUE(all.all_confirmed_minutes);
    EXPECT_DOUBLE_EQ(*all.all_confirmed_minutes, 40.0);
    EXPECT_DOUBLE_EQ(*all.median_confirm_minutes, 20.0);
    EXPECT_DOUBLE_EQ(*all.p90_confirm_minutes, 40.0); // rank ⌈4.5⌉ = 5

    // A check after the end is outside the report.
    in.checks.back().checked_at = iso_min(121);
    EXPECT_EQ(compute_after_action(in).confirmed, 4);
}

TEST(AfterAction, P90IsNearestRankNotInterpolated) {
    AfterActionInput in = base_input(60);
    for (RowId i = 1; i <= 10; ++i) {
        in.persons.push_back(plain_person(i, "x"));
        in.checks.push_back(check_at(i, i, static_cast<double>(i))); // 1..10 minutes
    }
    const AfterAction r = compute_after_action(in);
    EXPECT_DOUBLE_EQ(*r.median_confirm_minutes, 5.5);
    EXPECT_DOUBLE_EQ(*r.p90_confirm_minutes, 9.0); // interpolation would give 9.1
    EXPECT_DOUBLE_EQ(*r.all_confirmed_minutes, 10.0);
}

TEST(AfterAction, CriticalSpansFollowOutagesAndChecksAsTheyStoodThen) {
    AfterActionInput in = base_input(180.5); // the end is off the one-minute grid
    // A: 2 h of internal battery; the outage starts at +30 and is restored at +120. The runway
    // 2 − (t − 30)/60 is below 1 h from t > 90: first critical sample +91, first sample with
    // power back +120.
    const Person a = vent_person(1, "山田 太郎", 2.0);
    // B: 0.5 h, outage from the onset, never restored: critical from the first sample to the end.
    const Person b = vent_person(2, "佐藤 花子", 0.5);
    // C: 2 h, outage from the onset: critical from +61; a check at +75 reports 5 h of external
    // battery (runway 7 h), which ends the span at +75.
    const Person c = vent_person(3, "鈴木 一郎", 2.0);
    // D: on mains all along.
    const Person d = vent_person(4, "高橋 次郎", 0.5);
    in.persons = {a, b, c, d};
    in.outages = {outage_over(1, a, 30, 120), outage_over(2, b, 0), outage_over(3, c, 0)};
    SafetyCheck raise = check_at(1, 3, 75);
    raise.external_power_left_h = 5.0;
    in.checks = {raise};

    const AfterAction r = compute_after_action(in);
    ASSERT_EQ(r.board.size(), 182u); // 0..180 every minute, then the end at 180:30
    EXPECT_EQ(r.board.front().at, at_min(0));
    EXPECT_EQ(r.board.back().at, at_min(180.5));
    EXPECT_EQ(r.board[180].at, at_min(180));

    const CriticalPerson* pa = critical_of(r, "T-101");
    ASSERT_NE(pa, nullptr);
    ASSERT_EQ(pa->spans.size(), 1u);
    EXPECT_EQ(pa->spans[0].from, at_min(91));
    EXPECT_EQ(pa->spans[0].to, at_min(120)) << "restored at +120: not critical from that sample";
    EXPECT_FALSE(pa->spans[0].open_at_end);
    EXPECT_DOUBLE_EQ(pa->total_minutes, 29.0);

    const CriticalPerson* pb = critical_of(r, "T-102");
    ASSERT_NE(pb, nullptr);
    ASSERT_EQ(pb->spans.size(), 1u);
    EXPECT_EQ(pb->spans[0].from, at_min(0));
    EXPECT_EQ(pb->spans[0].to, at_min(180.5));
    EXPECT_TRUE(pb->spans[0].open_at_end);
    EXPECT_DOUBLE_EQ(pb->total_minutes, 180.5);

    const CriticalPerson* pc = critical_of(r, "T-103");
    ASSERT_NE(pc, nullptr);
    ASSERT_EQ(pc->spans.size(), 1u);
    EXPECT_EQ(pc->spans[0].from, at_min(61));
    EXPECT_EQ(pc->spans[0].to, at_min(75)) << "the check at +75 raised the runway";
    EXPECT_DOUBLE_EQ(pc->total_minutes, 14.0);

    EXPECT_EQ(critical_of(r, "T-104"), nullptr);
    // Longest first.
    ASSERT_EQ(r.critical.size(), 3u);
    EXPECT_EQ(r.critical[0].external_id, "T-102");
    EXPECT_EQ(r.critical[1].external_id, "T-101");
    EXPECT_EQ(r.critical[2].external_id, "T-103");

    // Board counts at the edges of A's span: B at all times, C from +61 to +74.
    const auto crit = static_cast<std::size_t>(ops::BoardLevel::critical);
    EXPECT_EQ(r.board[60].counts[crit], 1);
    EXPECT_EQ(r.board[61].counts[crit], 2);
    EXPECT_EQ(r.board[74].counts[crit], 2);
    EXPECT_EQ(r.board[75].counts[crit], 1);
    EXPECT_EQ(r.board[90].counts[crit], 1);
    EXPECT_EQ(r.board[91].counts[crit], 2);
    EXPECT_EQ(r.board[119].counts[crit], 2);
    EXPECT_EQ(r.board[120].counts[crit], 1);
    for (const auto& s : r.board) {
        int total = 0;
        for (const int n : s.counts)
            total += n;
        EXPECT_EQ(total, 4);
    }

    // A coarser step moves the edges to its grid: 10 min → A critical from +100 to +120.
    in.board_step = std::chrono::seconds(600);
    const AfterAction coarse = compute_after_action(in);
    const CriticalPerson* ca = critical_of(coarse, "T-101");
    ASSERT_NE(ca, nullptr);
    EXPECT_EQ(ca->spans[0].from, at_min(100));
    EXPECT_EQ(ca->spans[0].to, at_min(120));
}

TEST(AfterAction, TeamsFirstArrivalCompleteAndMissing) {
    AfterActionInput in = base_input(120);
    in.persons = {plain_person(1, "a"), plain_person(2, "b"), plain_person(3, "c")};
    TeamInput full;
    full.request_id = 11;
    full.person_id = 1;
    full.requested_at = at_min(0);
    full.assigned_at = at_min(5);
    full.member_eta_s = {300, 120, 600, 240, 900};
    full.status = "in_transit";
    TeamInput short_team;
    short_team.request_id = 12;
    short_team.person_id = 2;
    short_team.requested_at = at_min(10);
    short_team.assigned_at = at_min(12);
    short_team.member_eta_s = {180, 60};
    short_team.status = "short_of_supporters";
    TeamInput open;
    open.request_id = 13;
    open.person_id = 3;
    open.requested_at = at_min(20);
    open.status = "open";
    in.teams = {open, short_team, full}; // any order in

    const AfterAction r = compute_after_action(in);
    ASSERT_EQ(r.teams.size(), 3u);
    EXPECT_EQ(r.teams[0].request_id, 11);
    EXPECT_EQ(r.teams[1].request_id, 12);
    EXPECT_EQ(r.teams[2].request_id, 13);

    const TeamRow& f = r.teams[0];
    EXPECT_EQ(f.external_id, "T-101");
    EXPECT_EQ(*f.first_arrival, at_min(7));  // 5 + 120 s
    EXPECT_EQ(*f.team_complete, at_min(15)); // 5 + the 4th smallest, 600 s
    EXPECT_DOUBLE_EQ(*f.minutes_to_complete, 15.0);
    EXPECT_EQ(f.members, 5);
    EXPECT_EQ(f.missing, 0);

    const TeamRow& s = r.teams[1];
    EXPECT_EQ(*s.first_arrival, at_min(13));
    EXPECT_FALSE(s.team_complete.has_value());
    EXPECT_FALSE(s.minutes_to_complete.has_value());
    EXPECT_EQ(s.members, 2);
    EXPECT_EQ(s.missing, 2);
    EXPECT_EQ(s.status, "short_of_supporters");

    const TeamRow& o = r.teams[2];
    EXPECT_FALSE(o.first_arrival.has_value());
    EXPECT_EQ(o.members, 0);
    EXPECT_EQ(o.missing, 4);
}

TEST(AfterAction, DeliveriesOnTimeLatePending) {
    AfterActionInput in = base_input(180);
    in.persons = {plain_person(1, "a")};
    auto delivery = [](RowId id, std::optional<double> deadline, std::optional<double> arrival,
                       bool served) {
        DeliveryInput d;
        d.id = id;
        d.person_id = 1;
        d.requested_at = at_min(static_cast<double>(id));
        if (deadline) d.deadline = at_min(*deadline);
        if (arrival) d.arrival_at = at_min(*arrival);
        d.served = served;
        d.vehicle = "van-1";
        return d;
    };
    in.deliveries = {
        delivery(6, 250, 200, false),          // planned after the end, deadline ahead
        delivery(1, 60, 50, true),             // on time
        delivery(2, 60, 75, true),             // 15 min late
        delivery(3, 240, std::nullopt, false), // deadline after the end: pending
        delivery(4, 100, std::nullopt, false), // deadline passed without arrival: late
        delivery(5, std::nullopt, 30, true),   // no deadline, arrived: on time
        delivery(7, 90, 150, false),           // planned arrival before the end, late
    };
    in.deliveries[6].unassigned_reason = "";
    const AfterAction r = compute_after_action(in);
    ASSERT_EQ(r.deliveries.size(), 7u);
    using O = DeliveryRowResult::Outcome;
    std::map<RowId, const DeliveryRowResult*> by_id;
    for (const auto& d : r.deliveries)
        by_id[d.id] = &d;
    EXPECT_EQ(r.deliveries.front().id, 1) << "by request time";
    EXPECT_EQ(by_id[1]->outcome, O::on_time);
    EXPECT_FALSE(by_id[1]->late_minutes.has_value());
    EXPECT_EQ(by_id[2]->outcome, O::late);
    EXPECT_DOUBLE_EQ(*by_id[2]->late_minutes, 15.0);
    EXPECT_EQ(by_id[3]->outcome, O::pending);
    EXPECT_EQ(by_id[4]->outcome, O::late);
    EXPECT_FALSE(by_id[4]->late_minutes.has_value());
    EXPECT_EQ(by_id[5]->outcome, O::on_time);
    EXPECT_EQ(by_id[6]->outcome, O::pending);
    EXPECT_EQ(by_id[7]->outcome, O::late);
    EXPECT_DOUBLE_EQ(*by_id[7]->late_minutes, 60.0);
    EXPECT_EQ(r.deliveries_on_time, 2);
    EXPECT_EQ(r.deliveries_late, 3);
    EXPECT_EQ(r.deliveries_pending, 2);
    EXPECT_EQ(by_id[2]->external_id, "T-101");
}

TEST(AfterAction, DecisionsInTimeOrderWithRegistryNumbersAndFacilityIds) {
    AfterActionInput in = base_input(120);
    in.persons = {plain_person(1, "山田 太郎"), plain_person(2, "佐藤 花子")};
    Facility f;
    f.id = 7;
    f.external_id = "base_hospital-01";
    f.name = "都立大塚病院";
    in.facilities = {f};
    ops::DestinationDecision late;
    late.id = 2;
    late.person_id = 1;
    late.judgement = Judgement::evacuate;
    late.chosen_facility_id = 99; // not among the facilities given
    late.decided_at = iso_min(45);
    ops::DestinationDecision early;
    early.id = 1;
    early.person_id = 2;
    early.judgement = Judgement::hospitalise;
    early.chosen_facility_id = 7;
    early.overridden = true;
    early.reason = "満床のため";
    early.eta_s = 900;
    early.decided_at = iso_min(12);
    in.decisions = {late, early};
    const AfterAction r = compute_after_action(in);
    ASSERT_EQ(r.decisions.size(), 2u);
    EXPECT_EQ(r.decisions[0].external_id, "T-102");
    EXPECT_EQ(r.decisions[0].at, at_min(12));
    EXPECT_DOUBLE_EQ(r.decisions[0].minutes, 12.0);
    EXPECT_EQ(r.decisions[0].facility, "base_hospital-01");
    EXPECT_TRUE(r.decisions[0].overridden);
    EXPECT_EQ(r.decisions[0].reason, "満床のため");
    EXPECT_DOUBLE_EQ(*r.decisions[0].eta_min, 15.0);
    EXPECT_EQ(r.decisions[1].external_id, "T-101");
    EXPECT_EQ(r.decisions[1].judgement, Judgement::evacuate);
    EXPECT_EQ(r.decisions[1].facility, "#99");
    EXPECT_FALSE(r.decisions[1].eta_min.has_value());
}

TEST(AfterAction, InvalidArgumentsThrow) {
    AfterActionInput in = base_input(60);
    in.end = at_min(-1);
    EXPECT_THROW(compute_after_action(in), std::invalid_argument);
    in.end = at_min(60);
    in.board_step = std::chrono::seconds(0);
    EXPECT_THROW(compute_after_action(in), std::invalid_argument);
    in.board_step = std::chrono::seconds(-60);
    EXPECT_THROW(compute_after_action(in), std::invalid_argument);
    in.board_step = std::chrono::seconds(60);
    in.end = in.onset; // a zero-length drill is one sample
    EXPECT_EQ(compute_after_action(in).board.size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Writers, through a real store.

const std::vector<std::string> k_names = {"山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 次郎"};

AfterActionInput full_input() {
    AfterActionInput in = base_input(180);
    const Person a = vent_person(1, k_names[0], 2.0);
    const Person b = vent_person(2, k_names[1], 0.5);
    const Person c = vent_person(3, k_names[2], 2.0);
    const Person d = plain_person(4, k_names[3]);
    in.persons = {a, b, c, d};
    in.outages = {outage_over(1, a, 30, 120), outage_over(2, b, 0)};
    in.checks = {check_at(1, 1, 12), check_at(2, 2, 25), check_at(3, 3, 47)};
    Facility f;
    f.id = 7;
    f.external_id = "base_hospital-01";
    in.facilities = {f};
    ops::DestinationDecision dec;
    dec.id = 1;
    dec.person_id = 2;
    dec.chosen_facility_id = 7;
    dec.overridden = true;
    dec.reason = "満床, 別病院へ \"至急\"";
    dec.eta_s = 600;
    dec.decided_at = iso_min(40);
    in.decisions = {dec};
    TeamInput t;
    t.request_id = 5;
    t.person_id = 2;
    t.requested_at = at_min(30);
    t.assigned_at = at_min(32);
    t.member_eta_s = {240, 360, 420, 600};
    t.status = "arrived";
    in.teams = {t};
    DeliveryInput on_time;
    on_time.id = 1;
    on_time.person_id = 3;
    on_time.requested_at = at_min(20);
    on_time.deadline = at_min(90);
    on_time.arrival_at = at_min(70);
    on_time.served = true;
    on_time.vehicle = "van-1";
    DeliveryInput late = on_time;
    late.id = 2;
    late.deadline = at_min(60);
    late.arrival_at = at_min(84);
    in.deliveries = {on_time, late};
    in.events = {{at_min(0), "outage", "outage-2", "停電発生"},
                 {at_min(25), "call_in", "T-102", "T-102 から電話"}};
    return in;
}

class AfterActionFiles : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("after_action_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_store = open_store((m_dir / "db.sqlite").string());
        m_store->set_actor("aar-test");
    }
    void TearDown() override {
        m_store.reset();
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }
    std::string pdf_text(const fs::path& pdf) {
        const fs::path txt = m_dir / "pdf.txt";
        const std::string cmd =
            "pdftotext -enc UTF-8 '" + pdf.string() + "' '" + txt.string() + "'";
        EXPECT_EQ(std::system(cmd.c_str()), 0) << "pdftotext (poppler-utils) failed: " << cmd;
        return read(txt);
    }
    // Rasterises page 1 at 30 dpi as PNG (as the brief asks) and as greyscale PGM, and counts
    // the pixels of the PGM that are not white.
    std::size_t ink(const fs::path& pdf) {
        const fs::path base = m_dir / "page";
        const std::string png = "pdftoppm -r 30 -f 1 -l 1 -png -singlefile '" + pdf.string() +
                                "' '" + base.string() + "'";
        EXPECT_EQ(std::system(png.c_str()), 0) << png;
        EXPECT_GT(fs::file_size(base.string() + ".png"), 1000u);
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
    static std::string read(const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    fs::path m_dir;
    std::unique_ptr<Store> m_store;
};

bool contains(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

TEST_F(AfterActionFiles, PdfHasHeadingsAndRegistryNumbersNoNamesAndIsAudited) {
    const AfterAction r = compute_after_action(full_input());
    const auto before = m_store->audit().count();
    const fs::path pdf = m_dir / "aar.pdf";
    reports::write_after_action_pdf(*m_store, r, pdf);
    ASSERT_TRUE(fs::exists(pdf));
    EXPECT_FALSE(fs::exists(reports::temp_path_for(pdf)));
    const std::string text = pdf_text(pdf);
    for (const char* heading : {"訓練 事後評価報告", "概要", "状況ボードの推移",
                                "安否確認までの時間", "危険 (残時間不足) の期間", "搬送先の決定",
                                "移送支援チームの到着", "酸素ボンベ配達", "発生した出来事"})
        EXPECT_TRUE(contains(text, heading)) << heading;
    for (const char* id : {"T-101", "T-102", "T-103", "T-104", "base_hospital-01"})
        EXPECT_TRUE(contains(text, id)) << id;
    // pdftotext drops the spaces around the slash: compare without spaces.
    std::string squeezed = text;
    std::erase(squeezed, ' ');
    EXPECT_TRUE(contains(squeezed, "3/4名")) << "persons confirmed\n" << text;
    for (const auto& name : k_names) {
        EXPECT_FALSE(contains(text, name)) << name;
        // Family names alone must not appear either.
        EXPECT_FALSE(contains(text, name.substr(0, name.find(' ')))) << name;
    }
    EXPECT_GT(ink(pdf), 2000u) << "page 1 (figures and the board chart) is (nearly) blank";

    ASSERT_EQ(m_store->audit().count(), before + 1);
    const auto last = m_store->audit().entries(1).back();
    EXPECT_EQ(last.action, "export");
    EXPECT_EQ(last.entity, pdf.string());
    EXPECT_EQ(last.entity_id, "after_action_report");
    EXPECT_EQ(last.actor, "aar-test");
    for (const auto& name : k_names)
        EXPECT_FALSE(contains(last.summary, name));

    // English headings on request.
    const fs::path en = m_dir / "aar-en.pdf";
    reports::write_after_action_pdf(*m_store, r, en, {true});
    const std::string en_text = pdf_text(en);
    EXPECT_TRUE(contains(en_text, "Drill after-action report"));
    EXPECT_TRUE(contains(en_text, "Time to confirm each person"));
    EXPECT_FALSE(contains(en_text, "安否確認までの時間"));
    EXPECT_EQ(m_store->audit().count(), before + 2);
    EXPECT_TRUE(m_store->audit().verify().ok);
}

TEST_F(AfterActionFiles, LongTablesRunOntoMorePagesAndKeepEveryRegistryNumber) {
    // 80 persons, each confirmed a minute apart, half of them in an outage with 0.5 h: the
    // confirmation and critical tables need more than one page each.
    AfterActionInput in = base_input(120);
    for (RowId i = 1; i <= 80; ++i) {
        Person p = i % 2 == 0 ? vent_person(i, "名前" + std::to_string(i), 0.5)
                              : plain_person(i, "名前" + std::to_string(i));
        p.location = geo::LonLat(139.70 + 0.0001 * static_cast<double>(i), 35.73);
        in.persons.push_back(p);
        in.checks.push_back(check_at(i, i, static_cast<double>(i)));
    }
    OutageArea o;
    o.id = 1;
    o.name = "ward";
    o.starts_at = iso_min(10);
    o.area = ops::test::square_around(geo::LonLat(139.70, 35.73));
    in.outages = {o};
    const AfterAction r = compute_after_action(in);
    EXPECT_EQ(r.critical.size(), 40u);
    const fs::path pdf = m_dir / "long.pdf";
    reports::write_after_action_pdf(*m_store, r, pdf);
    const std::string text = pdf_text(pdf);
    for (RowId i = 1; i <= 80; ++i)
        EXPECT_TRUE(contains(text, "T-" + std::to_string(100 + i))) << i;
    EXPECT_FALSE(contains(text, "名前"));
    // Pages are separated by form feeds: 7 sections, and the long tables add pages.
    const auto pages = std::count(text.begin(), text.end(), '\f');
    EXPECT_GT(pages, 7);
}

TEST_F(AfterActionFiles, PdfToAMissingFolderThrowsAndLeavesNoAuditEntry) {
    const AfterAction r = compute_after_action(full_input());
    const auto before = m_store->audit().count();
    EXPECT_THROW(reports::write_after_action_pdf(*m_store, r, m_dir / "no" / "such" / "aar.pdf"),
                 DataError);
    EXPECT_EQ(m_store->audit().count(), before);
}

TEST_F(AfterActionFiles, CsvSetRowsValuesQuotingAndOneAuditEntry) {
    const AfterAction r = compute_after_action(full_input());
    const auto before = m_store->audit().count();
    const fs::path dir = m_dir / "csv" / "out"; // created when missing
    const auto paths = reports::write_after_action_csv(*m_store, r, dir);
    ASSERT_EQ(paths.size(), 8u);
    std::map<std::string, std::vector<text::CsvRecord>> files;
    for (const char* name : {"summary.csv", "confirmations.csv", "decisions.csv", "critical.csv",
                             "teams.csv", "deliveries.csv", "board.csv", "events.csv"}) {
        ASSERT_TRUE(fs::exists(dir / name)) << name;
        EXPECT_FALSE(fs::exists(reports::temp_path_for(dir / name))) << name;
        files[name] = text::read_csv(read(dir / name));
        ASSERT_FALSE(files[name].empty()) << name << " has no header row";
    }
    EXPECT_EQ(m_store->audit().count(), before + 1) << "one audit entry for the set";
    const auto last = m_store->audit().entries(1).back();
    EXPECT_EQ(last.action, "export");
    EXPECT_EQ(last.entity, dir.string());
    EXPECT_EQ(last.entity_id, "after_action_csv");

    // Header rows and row counts.
    const auto& conf = files["confirmations.csv"];
    EXPECT_EQ(conf[0].fields,
              (std::vector<std::string>{"registry_number", "confirmed", "first_check_at_utc",
                                        "minutes_after_onset"}));
    ASSERT_EQ(conf.size(), 1 + r.confirmations.size());
    EXPECT_EQ(conf[1].fields[0], "T-101");
    EXPECT_DOUBLE_EQ(std::stod(conf[1].fields[3]), 12.0);
    EXPECT_EQ(conf[1].fields[2], iso_min(12));
    EXPECT_EQ(conf[4].fields[0], "T-104");
    EXPECT_EQ(conf[4].fields[1], "0");
    EXPECT_EQ(conf[4].fields[3], "");

    EXPECT_EQ(files["board.csv"].size(), 1 + r.board.size());
    EXPECT_EQ(files["board.csv"][0].fields,
              (std::vector<std::string>{"at_utc", "minutes_after_onset", "critical", "urgent",
                                        "unconfirmed", "watch", "ok"}));
    EXPECT_DOUBLE_EQ(std::stod(files["board.csv"].back().fields[1]), 180.0);

    std::size_t spans = 0;
    for (const auto& p : r.critical)
        spans += p.spans.size();
    const auto& crit = files["critical.csv"];
    ASSERT_EQ(crit.size(), 1 + spans);
    ASSERT_EQ(spans, 2u); // A (+91..+120) and B (all along)
    EXPECT_EQ(crit[1].fields[0], "T-102");
    EXPECT_DOUBLE_EQ(std::stod(crit[1].fields[5]), 180.0);
    EXPECT_EQ(crit[1].fields[6], "1");
    EXPECT_EQ(crit[2].fields[0], "T-101");
    EXPECT_DOUBLE_EQ(std::stod(crit[2].fields[2]), 91.0);
    EXPECT_DOUBLE_EQ(std::stod(crit[2].fields[4]), 120.0);
    EXPECT_DOUBLE_EQ(std::stod(crit[2].fields[5]), 29.0);

    const auto& teams = files["teams.csv"];
    ASSERT_EQ(teams.size(), 2u);
    EXPECT_DOUBLE_EQ(std::stod(teams[1].fields[8]), 12.0); // 32 + 10 min − 30
    const auto& del = files["deliveries.csv"];
    ASSERT_EQ(del.size(), 3u);
    EXPECT_EQ(del[1].fields[10], "on_time");
    EXPECT_EQ(del[2].fields[10], "late");
    EXPECT_DOUBLE_EQ(std::stod(del[2].fields[11]), 24.0);
    EXPECT_EQ(files["events.csv"].size(), 3u);

    // The reason with a comma and quotes: quoted with doubled quotes, and read back whole.
    const auto& dec = files["decisions.csv"];
    ASSERT_EQ(dec.size(), 2u);
    EXPECT_EQ(dec[1].fields.size(), dec[0].fields.size());
    EXPECT_EQ(dec[1].fields[6], "満床, 別病院へ \"至急\"");
    EXPECT_TRUE(contains(read(dir / "decisions.csv"), "\"満床, 別病院へ \"\"至急\"\"\""));
    EXPECT_EQ(dec[1].fields[5], "1");
    EXPECT_DOUBLE_EQ(std::stod(dec[1].fields[7]), 10.0);

    const auto& summary = files["summary.csv"];
    std::map<std::string, std::string> metric;
    for (std::size_t i = 1; i < summary.size(); ++i)
        metric[summary[i].fields[0]] = summary[i].fields[1];
    EXPECT_EQ(metric["persons_confirmed"], "3");
    EXPECT_EQ(metric["persons_total"], "4");
    EXPECT_DOUBLE_EQ(std::stod(metric["median_confirm_minutes"]), 25.0);
    EXPECT_EQ(metric["deliveries_late"], "1");

    // No name anywhere in the set.
    for (const auto& p : paths) {
        const std::string bytes = read(p);
        for (const auto& name : k_names)
            EXPECT_FALSE(contains(bytes, name)) << p << " " << name;
    }
}

TEST_F(AfterActionFiles, CsvIntoAPathThatIsAFileThrowsIoAndWritesNothing) {
    const AfterAction r = compute_after_action(full_input());
    const fs::path file = m_dir / "a_file";
    std::ofstream(file) << "x";
    const auto before = m_store->audit().count();
    try {
        reports::write_after_action_csv(*m_store, r, file);
        FAIL() << "no exception";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::io);
        EXPECT_TRUE(contains(e.what(), file.string())) << e.what();
    }
    EXPECT_EQ(m_store->audit().count(), before);
}

} // namespace
} // namespace breathline::data::drill
