#pragma once
/// Planning the oxygen van (issue 6): the pending deliveries and collections of the loans
/// (delivery_store.h) become a vehicle-routing problem for geo::vrp (which takes a matrix and
/// knows nothing of the database), solved, and written back as planned rows.
///
/// The problem, in seconds from the planning instant `now` (time 0; earlier times negative):
/// * locations: 0 = the depot (the health centre 池袋保健所 when it has a location, else a
///   point the coordinator gives), then one per person's home. Travel times come from the
///   routing service's "car" matrix (access legs included); a home farther than the profile's
///   snapping limit from every road, or without a location, gets `no_road` in its row and
///   column, so the solver reports its jobs as unreachable.
/// * jobs: a delivery brings its cylinders (loaded at the depot); a collection picks the
///   equipment up. A collection's due_by is when the therapy ends, so it is the job's ready
///   time (visiting earlier would take the oxygen away), not a deadline. A delivery's hard
///   deadline is now + the person's oxygen runway (else the power runway) on the board of the
///   active incident, when that runway is a known deadline: the van must be there before the
///   cylinders (or batteries) run out. A delivery's own due_by, when set, tightens it.
///   Service time and priority come from the row.
/// * vehicles: `count` vans "van-1".."van-N" with the same capacity (cylinders) and shift,
///   starting and ending at the depot.
///
/// Re-optimisation (`replan`): rows done or en route with a vehicle since `served_since`
/// become that vehicle's served prefix (geo::vrp::ServedPrefix), so the solver keeps them in
/// order with their times. Exactly how positions are derived: a done row's service start is
/// its done_at; an en-route row (the van is driving there and will serve it) counts as served
/// at its planned time. The van's current location is the home of the last of these stops,
/// and it is free to leave at max(now, that stop's start + its service time). A van with no
/// such stop is at the depot at the shift start (the van is assumed back or not yet out).
/// Vans named in served rows but beyond `count` are added so their stops stay.
///
/// Pure planning apart from the reads (store, routing); write_delivery_plan() writes.
/// Thread safety: one thread (the store and the routing service are single-threaded).
#include "data/dispatch/delivery_store.h"
#include "data/ops/clock.h"
#include "data/roads/routing_service.h"
#include "data/store/store.h"
#include "geo/coordinates.h"
#include "geo/vrp/problem.h"
#include "geo/vrp/solver.h"

#include <optional>
#include <string>
#include <vector>

namespace breathline::data::dispatch {

/// Where the vans start and end.
struct Depot {
    geo::LonLat position{0, 0};
    std::string label; ///< "facility health_centre-01 (池袋保健所)" or "--depot LON,LAT"
};

/// The default depot: the health centre named 池袋保健所 when it has a location; nullopt when
/// it has none (the demo's catalogue gives no address for it), so the caller asks for one.
std::optional<Depot> default_depot(Store& store);

struct DeliveryPlanOptions {
    ops::TimePoint now;
    Depot depot;
    int vehicles = 2;                          ///< >= 1
    int capacity = 6;                          ///< cylinders per van, >= 0
    std::optional<ops::TimePoint> shift_start; ///< default: now
    std::optional<ops::TimePoint> shift_end;   ///< default: now + 8 h
    bool replan = false;
    /// With replan: served rows older than this are past shifts, not part of today's routes.
    /// Default: now - 12 h.
    std::optional<ops::TimePoint> served_since;
    std::string profile = "car";
    geo::vrp::SolverOptions solver;
    /// Plan the rows of this drill (issue 8) with its board; empty: the real rows, with the
    /// active incident's board only when that incident is real.
    std::optional<RowId> drill_incident;
};

/// "van-1", "van-2", ... (1-based).
std::string vehicle_name(std::size_t index);

/// Why a job could not be planned, with the figures behind it (English and Japanese).
struct UnassignedDelivery {
    DeliveryRow row;
    geo::vrp::UnassignedReason reason = geo::vrp::UnassignedReason::time_window;
    std::string detail_en;
    std::string detail_ja;
};

/// One stop of a planned route.
struct PlannedStop {
    DeliveryRow row;
    geo::vrp::JobIndex job = geo::vrp::no_index;
    ops::TimePoint start;   ///< planned (or, served, actual) start at the door
    ops::TimePoint arrival; ///< at the door (earlier than start when waiting for ready)
    geo::LonLat position{0, 0};
    int load_after = 0; ///< cylinders on board when leaving
    bool served = false;
};

struct VehicleRoute {
    std::string name;
    std::vector<PlannedStop> stops;
    ops::TimePoint departure;
    ops::TimePoint back_at_depot;
    /// Replanning: where the van is taken to be and from when (see the file comment);
    /// empty when the van starts at the depot.
    std::optional<std::string> position_note_en, position_note_ja;
};

/// The problem as built, the solver's answer, and what it means in rows.
struct DeliveryPlan {
    ops::TimePoint origin; ///< time 0 of the problem (the planning instant)
    geo::vrp::Problem problem;
    geo::vrp::Solution solution;
    std::vector<DeliveryRow> jobs;          ///< job index → row
    std::vector<geo::LonLat> locations;     ///< location index → point (0 = depot)
    std::vector<std::string> vehicle_names; ///< vehicle index → name
    std::vector<VehicleRoute> routes;       ///< one per vehicle
    std::vector<UnassignedDelivery> unassigned;
    std::size_t runway_deadlines = 0; ///< deliveries with a deadline from the board
    std::optional<RowId> incident_id; ///< the active incident whose board gave the runways
    std::size_t left_en_route = 0;    ///< without replan: en-route rows left untouched
};

/// Reads the rows to plan, builds the problem, solves it. Throws DataError(invalid_input) when
/// the depot is farther than the snapping limit from every road, std::invalid_argument for
/// options out of range; what the routing service throws.
DeliveryPlan plan_deliveries(Store& store, RoutingService& routing,
                             const DeliveryPlanOptions& options);

/// Writes the plan: assigned rows planned with vehicle and planned time (the stop's start, UTC
/// ISO-8601), unassigned rows pending with the reason; served stops are not touched. One
/// transaction, one audit entry naming registry numbers. Returns rows written.
std::size_t write_delivery_plan(DeliveryStore& deliveries, const DeliveryPlan& plan);

/// Short reason names for storage and messages: capacity | deadline | unreachable |
/// time_window; and the Japanese words for them.
std::string_view reason_name(geo::vrp::UnassignedReason r);
std::string_view reason_ja(geo::vrp::UnassignedReason r);
std::optional<geo::vrp::UnassignedReason> parse_reason(std::string_view s);

} // namespace breathline::data::dispatch
