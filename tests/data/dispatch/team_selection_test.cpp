// Supporter teams (data/dispatch/team_selection.h): the team of one request against brute force
// over every subset on random small cases, the linked preference, who is never chosen, joint
// assignment in runway order without double booking, short requests, availability windows.

#include "data/dispatch/team_selection.h"
#include "geo/random.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <tuple>

namespace breathline::data::dispatch {
namespace {

// The documented objective of a team, smaller is better: (largest effective time, -linked
// count, sum of real times).
std::tuple<double, int, double> objective(const std::vector<Candidate>& team,
                                          const TeamOptions& o) {
    double worst = -1e18, sum = 0;
    int linked = 0;
    for (const auto& c : team) {
        worst = std::max(worst, effective_time(c, o));
        sum += *c.travel_s;
        linked += c.linked ? 1 : 0;
    }
    return {worst, -linked, sum};
}

bool tuple_equal(const std::tuple<double, int, double>& a,
                 const std::tuple<double, int, double>& b) {
    return std::abs(std::get<0>(a) - std::get<0>(b)) < 1e-9 && std::get<1>(a) == std::get<1>(b) &&
           std::abs(std::get<2>(a) - std::get<2>(b)) < 1e-9;
}

bool tuple_less(const std::tuple<double, int, double>& a,
                const std::tuple<double, int, double>& b) {
    if (std::abs(std::get<0>(a) - std::get<0>(b)) >= 1e-9) return std::get<0>(a) < std::get<0>(b);
    if (std::get<1>(a) != std::get<1>(b)) return std::get<1>(a) < std::get<1>(b);
    return std::get<2>(a) < std::get<2>(b) - 1e-9;
}

Candidate cand(RowId id, std::optional<double> t, bool linked = false, bool available = true,
               int priority = 0) {
    return {id, t, linked, priority, available};
}

std::vector<Candidate> random_candidates(geo::Rng& rng, std::size_t n) {
    std::vector<Candidate> out;
    for (std::size_t i = 0; i < n; ++i) {
        Candidate c;
        c.supporter_id = static_cast<RowId>(i + 1);
        // Whole minutes, so that ties (the hard part) happen often.
        const double r = rng.uniform01();
        if (r < 0.1)
            c.travel_s = std::nullopt;
        else
            c.travel_s = 60.0 * static_cast<double>(rng.uniform_int(0, 40));
        c.linked = rng.uniform01() < 0.4;
        c.link_priority = c.linked ? static_cast<int>(rng.uniform_int(0, 5)) : 0;
        c.available = rng.uniform01() < 0.85;
        out.push_back(c);
    }
    return out;
}

TEST(TeamSelection, EqualsBruteForceOnRandomSmallCases) {
    geo::Rng rng(20261203);
    int complete_cases = 0, short_cases = 0;
    for (int round = 0; round < 3000; ++round) {
        const std::size_t n = static_cast<std::size_t>(rng.uniform_int(0, 10));
        const auto candidates = random_candidates(rng, n);
        TeamOptions o;
        o.team_size = static_cast<int>(rng.uniform_int(1, 5));
        o.time_limit_s = 60.0 * static_cast<double>(rng.uniform_int(10, 40));
        o.linked_bonus_s = 60.0 * static_cast<double>(rng.uniform_int(0, 8));
        const TeamChoice choice = select_team(candidates, o);

        std::vector<Candidate> pool;
        for (const auto& c : candidates)
            if (eligible(c, o)) pool.push_back(c);
        const std::size_t k = static_cast<std::size_t>(o.team_size);
        // Every chosen member is eligible, once.
        std::set<RowId> ids;
        std::vector<Candidate> team;
        for (const auto& m : choice.members) {
            ASSERT_TRUE(ids.insert(m.supporter_id).second);
            const auto it = std::find_if(pool.begin(), pool.end(), [&](const Candidate& c) {
                return c.supporter_id == m.supporter_id;
            });
            ASSERT_NE(it, pool.end()) << "chose an ineligible supporter " << m.supporter_id;
            EXPECT_EQ(m.eta_s, *it->travel_s);
            team.push_back(*it);
        }
        if (pool.size() < k) {
            ++short_cases;
            EXPECT_EQ(choice.members.size(), pool.size()) << "a short team takes everyone eligible";
            EXPECT_EQ(choice.missing, static_cast<int>(k - pool.size()));
            continue;
        }
        ++complete_cases;
        ASSERT_EQ(choice.members.size(), k);
        EXPECT_EQ(choice.missing, 0);
        // Brute force over every k-subset of the eligible pool.
        std::tuple<double, int, double> best{1e18, 0, 1e18};
        std::vector<int> pick(pool.size(), 0);
        std::fill(pick.end() - static_cast<std::ptrdiff_t>(k), pick.end(), 1);
        do {
            std::vector<Candidate> subset;
            for (std::size_t i = 0; i < pool.size(); ++i)
                if (pick[i]) subset.push_back(pool[i]);
            const auto value = objective(subset, o);
            if (tuple_less(value, best)) best = value;
        } while (std::next_permutation(pick.begin(), pick.end()));
        const auto got = objective(team, o);
        EXPECT_TRUE(tuple_equal(got, best))
            << "round " << round << ": got (" << std::get<0>(got) << ", " << std::get<1>(got)
            << ", " << std::get<2>(got) << "), brute force (" << std::get<0>(best) << ", "
            << std::get<1>(best) << ", " << std::get<2>(best) << ")";
        // The guarantee that follows: the real last arrival is at most the bonus later than
        // the fastest possible team's (the k-th smallest real time).
        std::vector<double> times;
        for (const auto& c : pool)
            times.push_back(*c.travel_s);
        std::sort(times.begin(), times.end());
        EXPECT_LE(*choice.last_arrival_s(), times[k - 1] + o.linked_bonus_s + 1e-9);
    }
    EXPECT_GT(complete_cases, 500);
    EXPECT_GT(short_cases, 100);
}

TEST(TeamSelection, PrefersLinkedWithinTheBonusOnly) {
    TeamOptions o; // 4, 30 min, bonus 5 min
    // Four unlinked at 2-5 min, one linked at 9 min (within 5 min of the 4th unlinked at 5):
    // the linked one replaces the slowest unlinked.
    std::vector<Candidate> c = {cand(1, 120), cand(2, 180), cand(3, 240), cand(4, 300),
                                cand(5, 540, true)};
    auto team = select_team(c, o);
    std::set<RowId> ids;
    for (const auto& m : team.members)
        ids.insert(m.supporter_id);
    EXPECT_EQ(ids, (std::set<RowId>{1, 2, 3, 5}));
    // At 11 min it is more than 5 min behind: the fastest four go.
    c[4].travel_s = 660;
    team = select_team(c, o);
    ids.clear();
    for (const auto& m : team.members)
        ids.insert(m.supporter_id);
    EXPECT_EQ(ids, (std::set<RowId>{1, 2, 3, 4}));
    EXPECT_EQ(team.left_out.front().supporter_id, 5);
    EXPECT_EQ(team.left_out.front().reason, LeftOut::not_needed);
    // Without a bonus linking only breaks exact ties.
    o.linked_bonus_s = 0;
    c[4].travel_s = 300;
    team = select_team(c, o);
    ids.clear();
    for (const auto& m : team.members)
        ids.insert(m.supporter_id);
    EXPECT_EQ(ids, (std::set<RowId>{1, 2, 3, 5}));
}

TEST(TeamSelection, UnreachableUnavailableAndTooFarAreNeverChosen) {
    TeamOptions o;
    o.time_limit_s = 20 * 60;
    const std::vector<Candidate> c = {cand(1, std::nullopt, true), cand(2, 60, true, false),
                                      cand(3, 25 * 60.0, true), cand(4, 100), cand(5, 200)};
    const auto team = select_team(c, o);
    ASSERT_EQ(team.members.size(), 2u);
    EXPECT_EQ(team.members[0].supporter_id, 4);
    EXPECT_EQ(team.members[1].supporter_id, 5);
    EXPECT_EQ(team.missing, 2);
    EXPECT_FALSE(team.complete());
    std::map<RowId, LeftOut> why;
    for (const auto& l : team.left_out)
        why[l.supporter_id] = l.reason;
    EXPECT_EQ(why.at(1), LeftOut::unreachable);
    EXPECT_EQ(why.at(2), LeftOut::unavailable);
    EXPECT_EQ(why.at(3), LeftOut::beyond_limit);
}

TEST(TeamSelection, JointAssignmentNeverDoubleBooksAndServesShortestRunwayFirst) {
    geo::Rng rng(7);
    for (int round = 0; round < 500; ++round) {
        const std::size_t supporters = static_cast<std::size_t>(rng.uniform_int(0, 12));
        std::vector<TeamRequest> requests;
        const int count = static_cast<int>(rng.uniform_int(1, 5));
        for (int r = 0; r < count; ++r) {
            TeamRequest q;
            q.request_id = r + 1;
            const double u = rng.uniform01();
            if (u < 0.2)
                q.runway.unknown_deadline = true;
            else if (u < 0.8)
                q.runway.hours_left = static_cast<double>(rng.uniform_int(0, 10));
            q.candidates = random_candidates(rng, supporters);
            requests.push_back(q);
        }
        std::vector<RowId> already;
        if (supporters > 0 && rng.uniform01() < 0.5)
            already.push_back(
                static_cast<RowId>(rng.uniform_int(1, static_cast<std::int64_t>(supporters))));
        const auto out = assign_teams(requests, already);
        ASSERT_EQ(out.size(), requests.size());
        std::set<RowId> booked(already.begin(), already.end());
        for (std::size_t i = 0; i < out.size(); ++i) {
            if (i > 0) {
                EXPECT_FALSE(runs_out_sooner(out[i].runway, out[i - 1].runway));
            }
            for (const auto& m : out[i].team.members)
                EXPECT_TRUE(booked.insert(m.supporter_id).second)
                    << "supporter " << m.supporter_id << " booked twice in round " << round;
        }
    }
}

TEST(TeamSelection, TheMoreUrgentRequestGetsTheSharedSupporters) {
    // Two persons, five supporters near both: the one with 2 h left gets the four fastest,
    // the one with 8 h is short and lists who was booked.
    std::vector<Candidate> shared = {cand(1, 60), cand(2, 120), cand(3, 180), cand(4, 240),
                                     cand(5, 300)};
    TeamRequest later{10, {8.0, false}, shared};
    TeamRequest sooner{11, {2.0, false}, shared};
    TeamRequest unknown{12, {std::nullopt, true}, {}};
    const auto out = assign_teams({later, sooner, unknown}, {});
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0].request_id, 12) << "an unknown deadline sorts first, as urgent";
    EXPECT_EQ(out[0].team.missing, 4);
    EXPECT_EQ(out[1].request_id, 11);
    EXPECT_TRUE(out[1].team.complete());
    EXPECT_EQ(out[2].request_id, 10);
    ASSERT_EQ(out[2].team.members.size(), 1u);
    EXPECT_EQ(out[2].team.members[0].supporter_id, 5);
    EXPECT_EQ(out[2].team.missing, 3);
    int booked = 0;
    for (const auto& l : out[2].team.left_out)
        booked += l.reason == LeftOut::booked ? 1 : 0;
    EXPECT_EQ(booked, 4);
}

TEST(Availability, ParsesTheDocumentedSyntax) {
    using K = Availability::Kind;
    const auto wd = parse_availability("平日 9:00-17:00; 土日 終日");
    ASSERT_EQ(wd.kind, K::windows);
    EXPECT_TRUE(available_at(wd, 0, 9 * 60));       // Monday 09:00
    EXPECT_FALSE(available_at(wd, 0, 17 * 60));     // Monday 17:00 (end excluded)
    EXPECT_FALSE(available_at(wd, 4, 8 * 60 + 59)); // Friday 08:59
    EXPECT_TRUE(available_at(wd, 5, 3 * 60));       // Saturday 03:00
    EXPECT_TRUE(available_at(wd, 6, 23 * 60));      // Sunday 23:00

    const auto en = parse_availability("mon-fri 09:00-17:00");
    ASSERT_EQ(en.kind, K::windows);
    EXPECT_TRUE(available_at(en, 2, 12 * 60));
    EXPECT_FALSE(available_at(en, 5, 12 * 60));

    for (const char* always : {"always", "常時", "終日", "２４時間"}) {
        const auto a = parse_availability(always);
        ASSERT_EQ(a.kind, K::windows) << always;
        for (int d = 0; d < 7; ++d)
            EXPECT_TRUE(available_at(a, d, 3 * 60)) << always;
    }

    // The demo's texts: 平日夜間・休日 is weekday nights plus the weekend.
    const auto nights = parse_availability("平日夜間・休日");
    ASSERT_EQ(nights.kind, K::windows);
    EXPECT_TRUE(available_at(nights, 1, 20 * 60));  // Tuesday 20:00
    EXPECT_TRUE(available_at(nights, 2, 6 * 60));   // Wednesday 06:00 (Tuesday's night)
    EXPECT_FALSE(available_at(nights, 2, 12 * 60)); // Wednesday noon
    EXPECT_TRUE(available_at(nights, 5, 6 * 60));   // Saturday 06:00 (Friday night and weekend)
    EXPECT_TRUE(available_at(nights, 6, 12 * 60));  // Sunday noon
    EXPECT_FALSE(available_at(nights, 0, 6 * 60));  // Monday 06:00: Sunday is not a weekday night
    const auto nurse = parse_availability("平日 9-18時 (発災時は事業所の判断)");
    ASSERT_EQ(nurse.kind, K::windows);
    EXPECT_TRUE(available_at(nurse, 3, 17 * 60 + 59));
    EXPECT_FALSE(available_at(nurse, 3, 18 * 60));
    const auto staff = parse_availability("勤務時間内 (発災時は参集後)");
    ASSERT_EQ(staff.kind, K::windows);
    EXPECT_TRUE(available_at(staff, 0, 8 * 60 + 30));
    EXPECT_FALSE(available_at(staff, 5, 10 * 60));
    const auto day = parse_availability("日中");
    ASSERT_EQ(day.kind, K::windows);
    EXPECT_TRUE(available_at(day, 6, 10 * 60));
    EXPECT_FALSE(available_at(day, 6, 20 * 60));
    const auto mwf = parse_availability("月・水・金 10時〜15時半");
    ASSERT_EQ(mwf.kind, K::windows);
    EXPECT_TRUE(available_at(mwf, 4, 15 * 60 + 29));
    EXPECT_FALSE(available_at(mwf, 4, 15 * 60 + 30));
    EXPECT_FALSE(available_at(mwf, 1, 12 * 60));
    EXPECT_TRUE(available_at(parse_availability("日曜 終日"), 6, 1));
    EXPECT_FALSE(available_at(parse_availability("日曜 終日"), 5, 1));
}

TEST(Availability, UnknownTextCountsAsAvailable) {
    for (const char* text : {"", "   ", "要相談", "when my shift allows", "平日 25:00-26:00"}) {
        const auto a = parse_availability(text);
        EXPECT_EQ(a.kind, Availability::Kind::unknown) << text;
        EXPECT_TRUE(available_at(a, 3, 3 * 60)) << text;
    }
}

TEST(Availability, ConvertsUtcToJapanTime) {
    const auto a = parse_availability("平日 9:00-17:00");
    // 2026-12-04 is a Friday. 00:30Z = 09:30 JST Friday; 08:30Z = 17:30 JST.
    const auto t = [](const char* iso) { return *ops::parse_time(iso); };
    EXPECT_TRUE(available_at(a, t("2026-12-04T00:30Z")));
    EXPECT_FALSE(available_at(a, t("2026-12-04T08:30Z")));
    // 2026-12-04T23:30Z is Saturday 08:30 JST.
    EXPECT_FALSE(available_at(parse_availability("平日 終日"), t("2026-12-04T23:30Z")));
}

} // namespace
} // namespace breathline::data::dispatch
