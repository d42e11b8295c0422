#pragma once
/// Vehicle-routing solver: ruin and recreate with slack induction by string removals (SISR,
/// Christiaens & Vanden Berghe 2020): adjacent strings of stops are cut out of a few nearby
/// routes and the jobs reinserted greedily at their cheapest feasible places, skipping each
/// place with a small "blink" probability; the result is accepted under simulated annealing.
/// The start is the same recreate step applied to an empty plan.
///
/// Insertion tests are O(1): every route keeps, per position, the earliest service start
/// (forward), the latest service start that keeps the rest of the route feasible (backward)
/// and the largest load before and after it.
///
/// Objective: total travel (matrix entries) + unassigned penalties (problem.h, Job::priority).
/// The number of routes is bounded by the vehicles given; vehicles cost nothing by themselves.

#include "geo/vrp/problem.h"

#include <cstdint>
#include <functional>

namespace breathline::geo::vrp {

struct SolverOptions {
    std::uint64_t seed = 1;
    /// Ruin-and-recreate iterations per thread; 0 = bounded by the time limit only (with
    /// neither, only the construction runs).
    /// With a fixed iteration count and no time limit the result depends only on the problem,
    /// the seed and the thread count, not on the machine's speed.
    std::uint64_t iterations = 0;
    /// Wall-clock limit in seconds for the whole solve; 0 = none. With a time limit the number of
    /// iterations, and so the result, depends on the machine's speed and load.
    double time_limit_s = 0.0;
    /// Independent runs on their own threads (seeds derived from `seed` and the thread number);
    /// the best is returned, ties going to the lowest thread number. >= 1.
    unsigned threads = 1;
    /// SISR parameters (paper's names): average removed jobs c̄, longest string L_max,
    /// split-string depth β, blink rate.
    double avg_removed = 10.0;
    double max_string = 10.0;
    double split_depth = 0.01;
    double blink_rate = 0.01;
    /// On instances with more than 200 free jobs, a job is inserted only into routes serving
    /// one of its `neighbour_routes` nearest jobs, or into an unused vehicle (granular
    /// insertion); 0 = always try every route.
    std::size_t neighbour_routes = 40;
    /// Annealing temperatures as multiples of the mean cost of one leg of the first plan:
    /// scale-free, so Solomon (distances ~10) and seconds-based matrices (~100) behave alike.
    /// Tuned on the 56 Solomon instances at 1 s (5 and 0.05: mean gap 0.42% with one thread).
    double start_temperature = 5.0;
    double final_temperature = 0.05;
    /// Called from the solving threads every few hundred iterations with the fraction done
    /// (0..1); returning false stops the solve early (best plan so far is returned). Must be
    /// thread-safe. May be empty.
    std::function<bool(double)> progress;
};

/// Solves `problem`. Preconditions: matrix.size covers every location index; every vehicle with
/// `served` has service_starts.size() == served->jobs.size() and its served jobs are distinct and
/// not served by another vehicle. Served jobs stay where they are; every other job is assigned
/// or listed in Solution::unassigned with a reason. Throws std::invalid_argument on a violated
/// precondition. Thread safety: reentrant (no shared state).
Solution solve(const Problem& problem, const SolverOptions& options = {});

/// Builds a Solution (times, loads, costs) for a given assignment of job sequences to vehicles,
/// as the solver would report it: service as early as possible, waiting when early. `sequences`
/// has one entry per vehicle listing the jobs after the served prefix (which is prepended).
/// Jobs in no sequence and not served are listed as unassigned with the reason the solver would
/// give. Does not check feasibility (see feasibility.h).
Solution evaluate(const Problem& problem, const std::vector<std::vector<JobIndex>>& sequences);

} // namespace breathline::geo::vrp
