#pragma once
/// Destination recommendation (issue 5, "Where to go"): for a person who must be hospitalised
/// or evacuated, the open facilities of the right kind ranked by road travel time under the
/// active closures, with ETA, distance and route geometry for the map.
///
/// Tiers (destination.h has the severity rule):
///   hospitalise, severe   → 1: disaster base hospital,        2: disaster cooperating hospitals
///   hospitalise, moderate → 1: disaster cooperating hospitals, 2: disaster base hospital
///   evacuate, disability  → 1: welfare rescue centres,         2: rescue centres
///   evacuate, otherwise   → 1: rescue centres
/// Options are ordered by tier, then travel time, then external id. A facility is skipped
/// (and listed with the reason) when it is closed, damaged, full (status), at capacity
/// (occupancy ≥ capacity), has no location, lies too far from any road, or no open road
/// leads there. "Nothing available" and "the home is off the road network" are values.
///
/// Thread safety: like the Store and RoutingService it uses, one thread.

#include "data/model/facility.h"
#include "data/model/incident.h"
#include "data/model/person.h"
#include "data/ops/destination.h"
#include "geo/coordinates.h"
#include "geo/road/road_graph.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data {
class RoutingService;
class Store;
} // namespace breathline::data

namespace breathline::data::ops {

/// One ranked destination.
struct DestinationOption {
    Facility facility;
    int tier = 1;                   ///< 1 = the kind the rule asks for, 2 = fallback
    geo::road::Weight time_ms = 0;  ///< travel time, access legs included (ms)
    double road_distance_m = 0;     ///< along the roads (metres, EPSG:6677)
    double straight_m = 0;          ///< straight line home → facility (metres, EPSG:6677)
    bool approximate = false;       ///< an access leg is long: the time is partly a guess
    std::vector<geo::LonLat> route; ///< home → facility along the roads, lon/lat
};

enum class SkipReason { closed, damaged, full, at_capacity, unlocated, unsnapped, unreachable };

/// "closed", "damaged", "full", "at_capacity", "unlocated", "unsnapped", "unreachable".
std::string_view to_string(SkipReason r);

struct SkippedFacility {
    std::string external_id;
    FacilityKind kind = FacilityKind::rescue_centre;
    SkipReason reason = SkipReason::closed;
};

enum class RecommendStatus {
    ok,             ///< at least one option
    stay_home,      ///< judgement stay_home: no destination is needed
    no_location,    ///< the person's home has no location
    home_unsnapped, ///< the home is too far from every usable road of the profile
    none_available, ///< every candidate was skipped (see `skipped`)
};

struct Recommendation {
    RecommendStatus status = RecommendStatus::none_available;
    Judgement judgement = Judgement::hospitalise;
    std::optional<SeverityAssessment> severity; ///< hospitalise only
    bool welfare_first = false;                 ///< evacuate only: needs_welfare_centre()
    std::string profile;
    std::vector<DestinationOption> options; ///< at most RecommendOptions::max_options
    std::vector<SkippedFacility> skipped;   ///< in tier, then catalogue order
};

struct RecommendOptions {
    std::string profile = "car";
    std::size_t max_options = 3; ///< ranked alternatives returned (≥ 1)
    /// Facilities as a drill sees them (issue 8: a scenario fills a hospital without touching
    /// the real row): each replaces the stored facility with the same id.
    std::vector<Facility> facility_overrides;
};

/// The facility kinds for `judgement`, tier 1 first (empty for stay_home). Pure.
std::vector<std::vector<FacilityKind>> destination_tiers(Judgement judgement, Severity severity,
                                                         bool welfare_first);

/// True when `f` can take a person now: not closed, damaged or full, and not at capacity. Pure.
bool facility_accepts(const Facility& f);

/// Recommends destinations for `person` under `judgement` (usually the latest check's).
/// `latest` is the person's latest safety check (for the severity rule), or nullptr.
/// Throws what RoutingService throws for an unknown profile; everything else is a value.
Recommendation recommend_destination(Store& store, RoutingService& routing, const Person& person,
                                     Judgement judgement, const SafetyCheck* latest,
                                     const RecommendOptions& options = {});

/// The decision to take option `option` (0-based) of `rec`: the top option is the recommended
/// facility; choosing a lower-ranked option is still the tool's own list, so it is not an
/// override. ETA and road distance are the option's. Precondition: option < rec.options.size().
/// Pure.
DestinationDecision confirm_decision(const Recommendation& rec, RowId person_id,
                                     std::optional<RowId> incident_id, std::size_t option);
/// The decision to send `person` to `facility`, which is outside the recommendation (an
/// override; the store refuses a blank `reason`). The ETA and road distance come from a route
/// under the recommendation's profile when one exists; they stay empty otherwise.
DestinationDecision override_decision(const Recommendation& rec, const Person& person,
                                      std::optional<RowId> incident_id, const Facility& facility,
                                      std::string reason, RoutingService& routing);

} // namespace breathline::data::ops
