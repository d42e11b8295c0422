#pragma once
// Helpers shared by the VRP suites: random instances and a feasibility assertion.

#include "geo/random.h"
#include "geo/vrp/feasibility.h"
#include "geo/vrp/problem.h"

#include <cmath>
#include <gtest/gtest.h>
#include <string>

namespace breathline::geo::vrp::test {

// Every test runs the independent checker on every solution it produces.
inline void expect_feasible(const Problem& p, const Solution& s, const std::string& what = "") {
    const auto v = check_solution(p, s);
    for (const auto& x : v)
        ADD_FAILURE() << what << ": " << to_string(x.kind) << ": " << x.detail;
}

// Euclidean matrix over points (travel time = distance), depot first.
inline Matrix euclidean(const std::vector<double>& x, const std::vector<double>& y) {
    Matrix m(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = 0; j < x.size(); ++j)
            m.at(i, j) = std::hypot(x[i] - x[j], y[i] - y[j]);
    return m;
}

struct RandomSpec {
    std::size_t jobs = 20;
    std::size_t vehicles = 3;
    Amount capacity = 30;
    bool windows = true;
    bool pickups = true;
    bool deadlines = true;
    bool unreachable_entries = true;
};

// Random instance in a 100 × 100 square, depot in the middle, shift [0, 600].
inline Problem random_problem(std::uint64_t seed, const RandomSpec& spec) {
    Rng rng(seed);
    std::vector<double> x{50}, y{50};
    for (std::size_t j = 0; j < spec.jobs; ++j) {
        x.push_back(rng.uniform(0, 100));
        y.push_back(rng.uniform(0, 100));
    }
    Problem p;
    p.matrix = euclidean(x, y);
    if (spec.unreachable_entries)
        for (std::size_t k = 0; k < spec.jobs / 4; ++k) {
            const auto a =
                static_cast<std::size_t>(rng.uniform_int(1, static_cast<std::int64_t>(spec.jobs)));
            const auto b =
                static_cast<std::size_t>(rng.uniform_int(1, static_cast<std::int64_t>(spec.jobs)));
            if (a != b) p.matrix.at(a, b) = no_road; // one-way closures between customers
        }
    for (std::size_t v = 0; v < spec.vehicles; ++v) {
        Vehicle veh;
        veh.capacity = spec.capacity;
        veh.shift_start = 0;
        veh.shift_end = 600;
        p.vehicles.push_back(veh);
    }
    for (std::size_t j = 0; j < spec.jobs; ++j) {
        Job job;
        job.location = static_cast<LocationIndex>(j + 1);
        job.kind = spec.pickups && rng.uniform01() < 0.3 ? JobKind::pickup : JobKind::delivery;
        job.amount = rng.uniform_int(1, 10);
        job.service = static_cast<Time>(rng.uniform_int(5, 15));
        if (spec.windows && rng.uniform01() < 0.6) {
            job.ready = rng.uniform(0, 400);
            job.due = job.ready + rng.uniform(30, 200);
        }
        if (spec.deadlines && rng.uniform01() < 0.3) job.deadline = rng.uniform(80, 500);
        job.priority = static_cast<std::int32_t>(rng.uniform_int(0, 2));
        p.jobs.push_back(job);
    }
    return p;
}

} // namespace breathline::geo::vrp::test
