#pragma once
/// Independent feasibility checker for vehicle-routing solutions. It recomputes everything from
/// the problem and the job sequences (never trusting the solution's own times, loads or costs
/// beyond comparing them): each job at most once, capacity at every point, windows, deadlines,
/// shift ends, unreachable legs, the served prefix kept, and the reported costs. Shares no code
/// with the solver on purpose, so a bug in one is caught by the other.

#include "geo/vrp/problem.h"

#include <string>
#include <vector>

namespace breathline::geo::vrp {

enum class ViolationKind : std::uint8_t {
    bad_index,       ///< a job or vehicle index out of range, or routes not one per vehicle
    duplicate_job,   ///< a job served twice, or both served and unassigned
    missing_job,     ///< a job neither in a route nor unassigned
    capacity,        ///< load above capacity (or below zero) at some point of a route
    time_window,     ///< service starts before ready, after due, or the reported times are
                     ///< impossible (earlier than the vehicle can get there)
    deadline,        ///< service starts after the job's hard deadline
    shift,           ///< departs before the shift start or arrives at the end after its end
    unreachable_leg, ///< a route drives a leg whose matrix entry is `no_road`
    served_prefix,   ///< the served prefix is not kept (order, times) at the route's start
    cost_mismatch,   ///< a route's or the total cost differs from the recomputed sum
    load_mismatch,   ///< a reported load differs from the recomputed one
};

struct Violation {
    ViolationKind kind;
    std::string detail; ///< English, names the vehicle, job and values
};

/// Checks `solution` against `problem`. Times are compared with a tolerance of
/// 1e-6 × (1 + |value|) (the matrix unit); costs with 1e-6 × (1 + cost). Returns every
/// violation found (empty = feasible). Thread safety: pure function.
std::vector<Violation> check_solution(const Problem& problem, const Solution& solution);

/// "capacity", "time_window", ... for messages and tests.
const char* to_string(ViolationKind kind);

} // namespace breathline::geo::vrp
