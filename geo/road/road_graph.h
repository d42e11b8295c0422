#pragma once
/// A directed road graph for one travel profile, in compressed sparse row
/// form: the out-arcs of node v are first_out[v] .. first_out[v+1]-1. Built
/// once from a RoadNetwork and a Profile, then immutable; dense indices.
/// Arc weights are travel times in milliseconds; `infinite_weight` marks an
/// arc that cannot be used (closed road).

#include "geo/road/road_network.h"

#include <cstdint>
#include <span>
#include <vector>

namespace breathline::geo::road {

struct Profile;

using Weight = std::uint32_t; ///< travel time, milliseconds
inline constexpr Weight infinite_weight = UINT32_MAX;

struct RoadGraph {
    std::vector<ArcIndex> first_out;    ///< size node_count + 1
    std::vector<NodeIndex> head;        ///< size arc_count
    std::vector<Weight> travel_time_ms; ///< size arc_count; the profile's free-flow time
    std::vector<float> length_m;        ///< size arc_count
    std::vector<EdgeIndex> edge;        ///< size arc_count: the RoadEdge each arc comes from
    std::vector<LonLat> node_position;  ///< size node_count

    std::size_t node_count() const { return first_out.empty() ? 0 : first_out.size() - 1; }
    std::size_t arc_count() const { return head.size(); }
    std::span<const NodeIndex> out_heads(NodeIndex v) const {
        return {head.data() + first_out[v], head.data() + first_out[v + 1]};
    }
};

} // namespace breathline::geo::road
