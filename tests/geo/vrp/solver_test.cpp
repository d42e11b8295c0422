// Solver: brute-force optima on tiny instances, feasibility on random instances, reasons for
// unassigned jobs, determinism and re-optimisation. Iteration limits only (no time limits), so
// results do not depend on the machine.
#include "geo/vrp/benchmark_io.h"
#include "geo/vrp/solver.h"
#include "tests/geo/vrp/vrp_test_support.h"

#include <algorithm>
#include <bit>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <numeric>
#include <sstream>

namespace breathline::geo::vrp {
namespace {

SolverOptions iterations(std::uint64_t n, std::uint64_t seed = 1, unsigned threads = 1) {
    SolverOptions o;
    o.iterations = n;
    o.seed = seed;
    o.threads = threads;
    return o;
}

// Brute force: cost of one route (start at the depot at the shift start), +inf if infeasible.
// Written from the problem statement, sharing nothing with the solver or the checker.
Time route_cost(const Problem& p, const Vehicle& v, const std::vector<JobIndex>& seq) {
    if (seq.empty()) return 0.0;
    Amount load = 0;
    for (JobIndex j : seq)
        if (p.jobs[j].kind == JobKind::delivery) load += p.jobs[j].amount;
    if (load > v.capacity) return no_road;
    Time t = v.shift_start, cost = 0.0;
    LocationIndex at = v.start;
    for (JobIndex j : seq) {
        const Job& job = p.jobs[j];
        const Time leg = p.matrix.at(at, job.location);
        if (leg == no_road) return no_road;
        cost += leg;
        t = std::max(t + leg, job.ready);
        if (t > job.due || t > job.deadline) return no_road;
        t += job.service;
        load += job.kind == JobKind::pickup ? job.amount : -job.amount;
        if (load > v.capacity) return no_road;
        at = job.location;
    }
    const Time back = p.matrix.at(at, v.end);
    if (back == no_road || t + back > v.shift_end) return no_road;
    return cost + back;
}

// Optimum over every permutation of the jobs cut into at most |vehicles| routes
// (identical vehicles).
Time brute_force(const Problem& p) {
    std::vector<JobIndex> perm(p.jobs.size());
    std::iota(perm.begin(), perm.end(), 0U);
    const std::size_t n = perm.size();
    Time best = no_road;
    do {
        for (std::uint32_t cuts = 0; cuts < (1U << (n - 1)); ++cuts) {
            if (static_cast<std::size_t>(std::popcount(cuts)) + 1 > p.vehicles.size()) continue;
            Time total = 0.0;
            std::vector<JobIndex> seq;
            for (std::size_t i = 0; i < n && total < best; ++i) {
                seq.push_back(perm[i]);
                if (i + 1 == n || (cuts >> i & 1U)) {
                    total += route_cost(p, p.vehicles[0], seq);
                    seq.clear();
                }
            }
            best = std::min(best, total);
        }
    } while (std::next_permutation(perm.begin(), perm.end()));
    return best;
}

TEST(VrpSolver, MatchesBruteForceOnTinyInstances) {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        test::RandomSpec spec;
        spec.jobs = 4 + seed % 4; // 4..7 jobs
        spec.vehicles = 2 + seed % 2;
        spec.capacity = 40;
        spec.deadlines = true;
        spec.unreachable_entries = false;
        Problem p = test::random_problem(seed, spec);
        for (Job& j : p.jobs) { // widen windows so that every job fits: brute force assumes it
            j.ready = std::min(j.ready, 100.0);
            j.due = no_limit;
            j.deadline = std::max(j.deadline, 300.0);
        }
        const Time opt = brute_force(p);
        ASSERT_LT(opt, no_road) << "seed " << seed;
        const Solution s = solve(p, iterations(2000, seed));
        test::expect_feasible(p, s, "seed " + std::to_string(seed));
        EXPECT_TRUE(s.unassigned.empty());
        EXPECT_NEAR(s.cost, opt, 1e-6) << "seed " << seed << ", " << spec.jobs << " jobs";
    }
}

TEST(VrpSolver, RandomInstancesAreFeasible) {
    for (std::uint64_t seed = 100; seed < 130; ++seed) {
        test::RandomSpec spec;
        spec.jobs = 10 + seed % 31;
        spec.vehicles = 2 + seed % 4;
        spec.capacity = 15 + static_cast<Amount>(seed % 25);
        const Problem p = test::random_problem(seed, spec);
        const Solution s = solve(p, iterations(300, seed, 1 + seed % 2));
        test::expect_feasible(p, s, "seed " + std::to_string(seed));
        // Every job the plan leaves out must really fail alone or in the plan: try adding it.
        std::vector<std::vector<JobIndex>> seq(p.vehicles.size());
        for (const Route& r : s.routes)
            for (const Stop& st : r.stops)
                seq[r.vehicle].push_back(st.job);
        for (const Unassigned& u : s.unassigned)
            for (std::size_t v = 0; v < seq.size(); ++v)
                for (std::size_t pos = 0; pos <= seq[v].size(); ++pos) {
                    auto trial = seq;
                    trial[v].insert(trial[v].begin() + static_cast<std::ptrdiff_t>(pos), u.job);
                    const Solution t = evaluate(p, trial);
                    EXPECT_FALSE(check_solution(p, t).empty())
                        << "seed " << seed << ": job " << u.job << " (" << to_string(u.reason)
                        << ") fits in vehicle " << v << " at " << pos;
                }
    }
}

TEST(VrpSolver, UnassignedReasons) {
    test::RandomSpec spec;
    spec.jobs = 12;
    spec.unreachable_entries = false;
    spec.deadlines = false;
    Problem p = test::random_problem(7, spec);
    for (Job& j : p.jobs) {
        j.due = no_limit;
        j.ready = 0;
    }
    // Job 0: more cylinders than any vehicle holds.
    p.jobs[0].amount = spec.capacity + 1;
    // Job 1: deadline before anyone can get there.
    p.jobs[1].deadline = p.matrix.at(0, p.jobs[1].location) / 2;
    // Job 2: no road to its location.
    for (std::size_t l = 0; l < p.matrix.size; ++l)
        if (l != p.jobs[2].location) p.matrix.at(l, p.jobs[2].location) = no_road;
    // Job 3: window closes before anyone can get there.
    p.jobs[3].due = p.matrix.at(0, p.jobs[3].location) / 2;
    const Solution s = solve(p, iterations(200));
    test::expect_feasible(p, s);
    std::map<JobIndex, UnassignedReason> got;
    for (const auto& u : s.unassigned)
        got[u.job] = u.reason;
    ASSERT_EQ(got.size(), 4U);
    EXPECT_EQ(got[0], UnassignedReason::capacity);
    EXPECT_EQ(got[1], UnassignedReason::deadline);
    EXPECT_EQ(got[2], UnassignedReason::unreachable);
    EXPECT_EQ(got[3], UnassignedReason::time_window);
}

TEST(VrpSolver, PriorityDecidesWhoIsServed) {
    // One vehicle, room for one of two jobs: the higher priority one is served even though
    // it is farther away.
    Problem p;
    p.matrix = test::euclidean({0, 10, 30}, {0, 0, 0});
    Vehicle v;
    v.capacity = 5;
    p.vehicles.push_back(v);
    Job near, far;
    near.location = 1;
    near.amount = 5;
    far.location = 2;
    far.amount = 5;
    far.priority = 3;
    p.jobs = {near, far};
    const Solution s = solve(p, iterations(50));
    test::expect_feasible(p, s);
    ASSERT_EQ(s.unassigned.size(), 1U);
    EXPECT_EQ(s.unassigned[0].job, 0U);
    EXPECT_EQ(s.unassigned[0].reason, UnassignedReason::capacity);
}

bool same(const Solution& a, const Solution& b) {
    if (a.cost != b.cost || a.routes.size() != b.routes.size()) return false;
    for (std::size_t r = 0; r < a.routes.size(); ++r) {
        if (a.routes[r].stops.size() != b.routes[r].stops.size()) return false;
        for (std::size_t k = 0; k < a.routes[r].stops.size(); ++k)
            if (a.routes[r].stops[k].job != b.routes[r].stops[k].job ||
                a.routes[r].stops[k].start != b.routes[r].stops[k].start)
                return false;
    }
    return true;
}

TEST(VrpSolver, DeterministicForASeed) {
    test::RandomSpec spec;
    spec.jobs = 40;
    spec.vehicles = 5;
    const Problem p = test::random_problem(42, spec);
    for (unsigned threads : {1U, 2U}) {
        const Solution a = solve(p, iterations(500, 9, threads));
        const Solution b = solve(p, iterations(500, 9, threads));
        test::expect_feasible(p, a);
        EXPECT_TRUE(same(a, b)) << threads << " threads";
        EXPECT_EQ(a.iterations, 500U * threads);
    }
}

TEST(VrpSolver, ReoptimisationKeepsServedStops) {
    test::RandomSpec spec;
    spec.jobs = 25;
    spec.vehicles = 3;
    spec.capacity = 60;
    spec.unreachable_entries = false;
    spec.deadlines = false;
    Problem p = test::random_problem(5, spec);
    const Solution first = solve(p, iterations(500));
    test::expect_feasible(p, first);
    // Vehicle with the longest route has served its first two stops and is on its way on.
    std::size_t v = 0;
    for (std::size_t r = 1; r < first.routes.size(); ++r)
        if (first.routes[r].stops.size() > first.routes[v].stops.size()) v = r;
    const Route& done = first.routes[v];
    ASSERT_GE(done.stops.size(), 3U);
    ServedPrefix sp;
    for (std::size_t k = 0; k < 2; ++k) {
        sp.jobs.push_back(done.stops[k].job);
        sp.service_starts.push_back(done.stops[k].start);
    }
    sp.current_location = p.jobs[done.stops[1].job].location;
    sp.current_time = done.stops[1].departure + 7; // delayed at the door
    p.vehicles[v].served = sp;
    // A new request arrives: a delivery close to the depot, due soon after now.
    Job urgent;
    urgent.location = p.jobs[0].location;
    urgent.amount = 2;
    urgent.service = 5;
    urgent.deadline = sp.current_time + 300;
    urgent.priority = 5;
    p.jobs.push_back(urgent);
    const JobIndex urgent_index = static_cast<JobIndex>(p.jobs.size() - 1);

    const Solution again = solve(p, iterations(500, 3));
    test::expect_feasible(p, again);
    const Route& r = again.routes[v];
    ASSERT_GE(r.stops.size(), 2U);
    for (std::size_t k = 0; k < 2; ++k) {
        EXPECT_EQ(r.stops[k].job, sp.jobs[k]);
        EXPECT_TRUE(r.stops[k].served);
        EXPECT_EQ(r.stops[k].start, sp.service_starts[k]);
    }
    if (r.stops.size() > 2) {
        const Stop& next = r.stops[2];
        EXPECT_GE(next.arrival, sp.current_time +
                                    p.matrix.at(sp.current_location, p.jobs[next.job].location) -
                                    1e-9);
    }
    // Served jobs appear nowhere else; the urgent job is served.
    for (std::size_t o = 0; o < again.routes.size(); ++o)
        for (std::size_t k = 0; k < again.routes[o].stops.size(); ++k)
            if (o != v || k >= 2) {
                EXPECT_NE(again.routes[o].stops[k].job, sp.jobs[0]);
                EXPECT_NE(again.routes[o].stops[k].job, sp.jobs[1]);
            }
    for (const auto& u : again.unassigned)
        EXPECT_NE(u.job, urgent_index);
}

// Golden files: a small Solomon-format instance and the plan and cost the solver must give.
TEST(VrpSolver, GoldenSmallSolomon) {
    const std::string dir = BREATHLINE_SOURCE_DIR "/tests/geo/vrp/data/";
    const BenchmarkInstance inst = read_solomon(dir + "tiny7.txt");
    ASSERT_EQ(inst.problem.jobs.size(), 7U);
    const Solution s = solve(inst.problem, iterations(3000));
    test::expect_feasible(inst.problem, s);
    std::ostringstream got;
    got.precision(10);
    got << "cost " << s.cost << "\nvehicles " << s.vehicles_used << "\n";
    // Identical vehicles: the plan is the set of routes, so list them sorted.
    std::vector<std::string> lines;
    for (const Route& r : s.routes)
        if (!r.stops.empty()) {
            std::string line = "route";
            for (const Stop& st : r.stops)
                line += ' ' + std::to_string(st.job + 1); // customer numbers as in the file
            lines.push_back(line + "\n");
        }
    std::sort(lines.begin(), lines.end());
    for (const auto& l : lines)
        got << l;
    std::ifstream in(dir + "tiny7.expected");
    ASSERT_TRUE(in) << "missing " << dir << "tiny7.expected; the solver gave:\n" << got.str();
    const std::string expected((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    EXPECT_EQ(got.str(), expected);
    EXPECT_NEAR(s.cost, brute_force(inst.problem), 1e-6);
}

} // namespace
} // namespace breathline::geo::vrp
