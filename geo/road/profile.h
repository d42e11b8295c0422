#pragma once
/// A travel profile: which road classes may be used at what speed, whether
/// one-way rules apply, and how the off-road leg to a snapped point is
/// costed. Defaults are the documented ones; data/roads reads overrides from
/// a profile file (profiles.ini).

#include "geo/road/road_graph.h"
#include "geo/road/road_network.h"

#include <array>
#include <optional>
#include <string>

namespace breathline::geo::road {

struct Profile {
    std::string name; ///< "car" or "walk"
    /// Speed per class in km/h; nullopt = the class is not used by this profile.
    std::array<std::optional<double>, road_class_count> speed_kmh{};
    bool use_maxspeed = false;    ///< cap/replace the class speed by maxspeed when tagged
    double maxspeed_factor = 0.9; ///< share of maxspeed actually driven in town
    bool honour_oneway = true;
    double access_speed_kmh = 4.5;  ///< speed of the leg between a point and the road
    double detour_factor = 1.3;     ///< straight line × factor ≈ real access path
    double approximate_leg_m = 300; ///< access legs longer than this are flagged approximate
    double max_snap_m = 2000;       ///< farther than this from any road: error

    /// Car: class speeds for Tokyo (motorway 60, trunk 40, primary 35, secondary 30,
    /// tertiary 25, unclassified/residential 20, service/living_street 10 km/h),
    /// maxspeed honoured, one-way honoured, pedestrian ways excluded.
    static Profile car();
    /// Walking: 4.5 km/h on every class but motorways and trunk links, both directions.
    static Profile walk(double speed_kmh = 4.5);

    /// Speed on `edge` in km/h, or nullopt when the profile may not use it.
    std::optional<double> speed_for(const RoadEdge& edge) const;
};

/// Directed graph of `network` under `profile`: one arc per usable direction
/// of every usable edge, travel time = length / speed rounded to milliseconds
/// (at least 1 ms). Node indices are the network's. Pure; thread-safe.
RoadGraph build_road_graph(const RoadNetwork& network, const Profile& profile);

} // namespace breathline::geo::road
