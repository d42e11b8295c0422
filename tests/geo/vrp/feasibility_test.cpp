// The independent checker catches each kind of violation on hand-made bad solutions.
#include "geo/vrp/feasibility.h"
#include "geo/vrp/solver.h"
#include "tests/geo/vrp/vrp_test_support.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace breathline::geo::vrp {
namespace {

// Depot at (0,0); jobs at (10,0), (10,10), (0,10): a square, each leg 10 time units.
Problem square() {
    Problem p;
    p.matrix = test::euclidean({0, 10, 10, 0}, {0, 0, 10, 10});
    for (int v = 0; v < 2; ++v) {
        Vehicle veh;
        veh.capacity = 10;
        veh.shift_end = 100;
        p.vehicles.push_back(veh);
    }
    for (LocationIndex l = 1; l <= 3; ++l) {
        Job j;
        j.location = l;
        j.amount = 3;
        j.service = 1;
        p.jobs.push_back(j);
    }
    p.jobs[1].kind = JobKind::pickup;
    return p;
}

bool has(const std::vector<Violation>& v, ViolationKind k) {
    return std::any_of(v.begin(), v.end(), [&](const Violation& x) { return x.kind == k; });
}

class Checker : public ::testing::Test {
protected:
    Problem p = square();
    Solution good = evaluate(p, {{0, 1, 2}, {}});
};

TEST_F(Checker, AcceptsAGoodSolution) {
    EXPECT_TRUE(check_solution(p, good).empty());
    EXPECT_NEAR(good.cost, 40.0, 1e-9);
    // Loads: 6 deliveries loaded, 3 dropped, 3 picked up, 3 dropped.
    EXPECT_EQ(good.routes[0].start_load, 6);
    EXPECT_EQ(good.routes[0].stops[0].load, 3);
    EXPECT_EQ(good.routes[0].stops[1].load, 6);
    EXPECT_EQ(good.routes[0].stops[2].load, 3);
}

TEST_F(Checker, DuplicateAndMissingJobs) {
    Solution s = good;
    s.routes[0].stops[2] = s.routes[0].stops[1];
    const auto v = check_solution(p, s);
    EXPECT_TRUE(has(v, ViolationKind::duplicate_job));
    EXPECT_TRUE(has(v, ViolationKind::missing_job));
    Solution u = good;
    u.unassigned.push_back({0, UnassignedReason::capacity});
    EXPECT_TRUE(has(check_solution(p, u), ViolationKind::duplicate_job));
}

TEST_F(Checker, Capacity) {
    Problem q = p;
    q.vehicles[0].capacity = 5; // leaves with 6
    EXPECT_TRUE(has(check_solution(q, good), ViolationKind::capacity));
    // A pickup overloads the middle of the route only.
    Problem r = p;
    r.jobs[1].amount = 8; // 6 - 3 + 8 = 11 > 10 after the pickup
    const Solution s = evaluate(r, {{0, 1, 2}, {}});
    EXPECT_TRUE(has(check_solution(r, s), ViolationKind::capacity));
}

TEST_F(Checker, TimeWindowDeadlineAndShift) {
    Problem q = p;
    q.jobs[2].due = 20; // reached at 32
    EXPECT_TRUE(has(check_solution(q, good), ViolationKind::time_window));
    Problem d = p;
    d.jobs[1].deadline = 15; // starts at 21
    const auto v = check_solution(d, good);
    EXPECT_TRUE(has(v, ViolationKind::deadline));
    EXPECT_FALSE(has(v, ViolationKind::time_window));
    Problem s = p;
    s.vehicles[0].shift_end = 40; // back at 43
    EXPECT_TRUE(has(check_solution(s, good), ViolationKind::shift));
    // Reported times earlier than the vehicle can get there.
    Solution early = good;
    early.routes[0].stops[1].arrival = early.routes[0].stops[1].start = 5;
    EXPECT_TRUE(has(check_solution(p, early), ViolationKind::time_window));
}

TEST_F(Checker, UnreachableLeg) {
    Problem q = p;
    q.matrix.at(1, 2) = no_road;
    EXPECT_TRUE(has(check_solution(q, good), ViolationKind::unreachable_leg));
}

TEST_F(Checker, CostAndLoadMismatch) {
    Solution s = good;
    s.routes[0].cost += 1;
    EXPECT_TRUE(has(check_solution(p, s), ViolationKind::cost_mismatch));
    Solution t = good;
    t.cost -= 1;
    EXPECT_TRUE(has(check_solution(p, t), ViolationKind::cost_mismatch));
    Solution l = good;
    l.routes[0].stops[0].load = 4;
    EXPECT_TRUE(has(check_solution(p, l), ViolationKind::load_mismatch));
}

TEST_F(Checker, BadIndex) {
    Solution s = good;
    s.routes[0].stops[0].job = 99;
    EXPECT_TRUE(has(check_solution(p, s), ViolationKind::bad_index));
    Solution r = good;
    r.routes.pop_back();
    EXPECT_TRUE(has(check_solution(p, r), ViolationKind::bad_index));
}

TEST_F(Checker, ServedPrefix) {
    Problem q = p;
    ServedPrefix sp;
    sp.jobs = {0};
    sp.service_starts = {10};
    sp.current_location = 1;
    sp.current_time = 11;
    q.vehicles[0].served = sp;
    const Solution ok = evaluate(q, {{1, 2}, {}});
    EXPECT_TRUE(check_solution(q, ok).empty());
    // Reordered: the served job moved behind another.
    Solution moved = ok;
    std::swap(moved.routes[0].stops[0], moved.routes[0].stops[1]);
    EXPECT_TRUE(has(check_solution(q, moved), ViolationKind::served_prefix));
    // A served stop's time rewritten.
    Solution retimed = ok;
    retimed.routes[0].stops[0].start = 12;
    EXPECT_TRUE(has(check_solution(q, retimed), ViolationKind::served_prefix));
    // The served job dropped and given to the other vehicle.
    const Solution elsewhere = evaluate(p, {{1, 2}, {0}});
    EXPECT_TRUE(has(check_solution(q, elsewhere), ViolationKind::served_prefix));
}

} // namespace
} // namespace breathline::geo::vrp
