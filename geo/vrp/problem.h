#pragma once
/// Vehicle routing with time windows, capacities, deliveries and pickups, hard deadlines and
/// priorities: the value types the solver (solver.h) and the checker (feasibility.h) share.
///
/// The solver takes a matrix, not a database (STYLE.md: VROOM's routing wrapper). Locations are
/// dense indices into that matrix; jobs and vehicles are dense indices into their vectors.
///
/// Units. One matrix gives both travel time and cost: entry (i, j) is the time to drive from
/// location i to location j, in the same unit as every other time here (the console uses
/// seconds; the Solomon benchmarks use their own unit, where travel time = Euclidean distance).
/// The objective is the sum of the entries of the legs driven plus the unassigned penalties
/// (see Job::priority). Entries need not be symmetric or obey the triangle inequality; an entry
/// equal to `no_road` means there is no road, and such a leg is never driven.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace breathline::geo::vrp {

/// Times and costs (matrix unit, see the file comment).
using Time = double;
/// Number of cylinders (or any one-dimensional amount).
using Amount = std::int64_t;

/// Dense indices. `no_index` marks "none".
using LocationIndex = std::uint32_t;
using JobIndex = std::uint32_t;
using VehicleIndex = std::uint32_t;
inline constexpr std::uint32_t no_index = std::numeric_limits<std::uint32_t>::max();

/// The matrix sentinel for "no road leads there".
inline constexpr Time no_road = std::numeric_limits<Time>::infinity();
/// "No limit" for windows and deadlines.
inline constexpr Time no_limit = std::numeric_limits<Time>::infinity();

/// A dense square travel-time matrix, row-major: at(i, j) = time from i to j.
struct Matrix {
    std::size_t size = 0;
    std::vector<Time> values; ///< size × size entries

    Matrix() = default;
    explicit Matrix(std::size_t n) : size(n), values(n * n, 0.0) {}
    Time at(std::size_t from, std::size_t to) const { return values[from * size + to]; }
    Time& at(std::size_t from, std::size_t to) { return values[from * size + to]; }
};

enum class JobKind : std::uint8_t {
    /// Cylinders brought to the patient. They are loaded at the vehicle's start (the depot)
    /// and stay on board until this stop.
    delivery,
    /// Cylinders collected (empties, a broken concentrator): they are on board from this stop
    /// to the end of the route.
    pickup,
};

struct Job {
    LocationIndex location = 0;
    JobKind kind = JobKind::delivery;
    Amount amount = 0;  ///< >= 0
    Time service = 0.0; ///< time spent at the stop, from the start of service
    /// Service must start inside [ready, due] (Solomon's ready time and due date); arriving
    /// earlier means waiting until `ready`.
    Time ready = 0.0;
    Time due = no_limit;
    /// Hard deadline from the patient's oxygen or power runway: service must start by then.
    /// It acts like `due` but is reported separately (UnassignedReason::deadline).
    Time deadline = no_limit;
    /// Higher = more important. When not every job fits, leaving job j unassigned costs
    /// `Problem::unassigned_penalty × (1 + priority)`, so the solver drops low-priority jobs
    /// first: one job of priority p outweighs p jobs of priority 0. Must be >= 0.
    std::int32_t priority = 0;
};

/// What a vehicle has already done, for re-optimisation when a request arrives while vehicles
/// are out. The served stops stay, in this order, with their actual times; the rest of the
/// route starts at `current_location` at `current_time`.
struct ServedPrefix {
    std::vector<JobIndex> jobs; ///< served jobs, in service order
    /// When each served job's service started (same length as `jobs`); kept as reported.
    std::vector<Time> service_starts;
    LocationIndex current_location = 0;
    /// The vehicle is free to leave current_location from then; >= the end of the last served
    /// service. The leg from the last served stop to current_location is not costed (it is
    /// past, and the matrix may not know the real path); Route::cost counts the legs from the
    /// start through the served stops, then current_location → remaining stops → end.
    Time current_time = 0.0;
};

struct Vehicle {
    LocationIndex start = 0; ///< the depot it leaves from
    LocationIndex end = 0;   ///< where it must be at the end of the shift
    /// Cylinders on board at any moment, counting deliveries still to make (loaded at the
    /// start) and pickups already made. Re-optimisation keeps this model: deliveries added
    /// after the vehicle left count as if loaded at the start, so the vehicle must have left
    /// with spare cylinders for them; the checker applies the same rule.
    Amount capacity = 0;
    Time shift_start = 0.0;    ///< earliest departure from `start`
    Time shift_end = no_limit; ///< latest arrival at `end`
    std::optional<ServedPrefix> served;
};

struct Problem {
    Matrix matrix;
    std::vector<Vehicle> vehicles;
    std::vector<Job> jobs;
    /// Penalty for leaving a priority-0 job unassigned (see Job::priority). Zero or negative:
    /// the solver uses 100 × (largest finite matrix entry + largest service time + 1), which
    /// makes serving a job worth more than the detour it causes on a route (at most twice the
    /// largest entry), so jobs are dropped only when they cannot be fitted.
    Time unassigned_penalty = 0.0;
};

/// One stop of a route, with the times the plan gives.
struct Stop {
    JobIndex job = no_index;
    Time arrival = 0.0;   ///< at the job's location
    Time start = 0.0;     ///< of service (>= arrival, >= ready)
    Time departure = 0.0; ///< start + service
    Amount load = 0;      ///< cylinders on board when leaving the stop
    bool served = false;  ///< part of the served prefix (fixed, times as reported)
};

struct Route {
    VehicleIndex vehicle = no_index;
    Time departure = 0.0;  ///< from the vehicle's start (or current location when re-optimising)
    Amount start_load = 0; ///< on board when leaving the start
    std::vector<Stop> stops;
    Time arrival = 0.0; ///< at the vehicle's end location
    Time cost = 0.0;    ///< travel of this route (served legs included)
};

enum class UnassignedReason : std::uint8_t {
    capacity,    ///< the amount exceeds every vehicle's capacity, or no vehicle had room left
    deadline,    ///< no vehicle can get there before the hard deadline
    unreachable, ///< no vehicle can drive there and on to its end (matrix sentinel)
    time_window, ///< the window or the shift cannot be met (or was taken by other jobs)
};

struct Unassigned {
    JobIndex job = no_index;
    UnassignedReason reason = UnassignedReason::time_window;
};

struct Solution {
    std::vector<Route> routes; ///< one per vehicle, in vehicle order (possibly empty)
    std::vector<Unassigned> unassigned;
    Time cost = 0.0;               ///< total travel (sum of Route::cost)
    Time penalty = 0.0;            ///< sum of unassigned penalties
    std::size_t vehicles_used = 0; ///< routes with at least one stop
    std::uint64_t iterations = 0;  ///< ruin-and-recreate iterations done (all threads)
};

/// Short English name of a reason ("capacity", "deadline", "unreachable", "time_window").
inline const char* to_string(UnassignedReason r) {
    switch (r) {
    case UnassignedReason::capacity:
        return "capacity";
    case UnassignedReason::deadline:
        return "deadline";
    case UnassignedReason::unreachable:
        return "unreachable";
    case UnassignedReason::time_window:
        return "time_window";
    }
    return "?";
}

} // namespace breathline::geo::vrp
