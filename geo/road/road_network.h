#pragma once
/// The road network as imported: nodes with their positions and undirected
/// road segments with the attributes profiles need. It is the source from
/// which each profile builds its directed RoadGraph (road_graph.h). Plain
/// value type, no I/O; importers in data/roads fill it.

#include "geo/coordinates.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace breathline::geo::road {

using NodeIndex = std::uint32_t;
using ArcIndex = std::uint32_t;
using EdgeIndex = std::uint32_t;
inline constexpr std::uint32_t invalid_index = UINT32_MAX;

/// OSM highway=* classes kept by the importers; `other` covers the rest of
/// what some profile can still use.
enum class RoadClass : std::uint8_t {
    motorway,
    motorway_link,
    trunk,
    trunk_link,
    primary,
    primary_link,
    secondary,
    secondary_link,
    tertiary,
    tertiary_link,
    unclassified,
    residential,
    living_street,
    service,
    pedestrian,
    footway,
    cycleway,
    path,
    steps,
    track,
    other
};
inline constexpr int road_class_count = static_cast<int>(RoadClass::other) + 1;

/// Stable spelling ("motorway", ...), as in OSM and in profile files.
const char* to_string(RoadClass c);
/// Parses an OSM highway value; nullopt for values no profile can use
/// (construction, proposed, platform, ...).
std::optional<RoadClass> parse_road_class(const std::string& highway);

/// Direction restriction of a segment relative to its from→to order.
enum class Oneway : std::uint8_t { no, forward, backward };

/// One road segment between two nodes. `shape` holds the intermediate points
/// (without the end nodes), so the polyline is nodes[from], shape..., nodes[to].
struct RoadEdge {
    NodeIndex from = invalid_index;
    NodeIndex to = invalid_index;
    double length_m = 0; ///< along the polyline, metres (EPSG:6677)
    RoadClass road_class = RoadClass::other;
    Oneway oneway = Oneway::no;
    std::optional<double> maxspeed_kmh;
    bool bridge = false;
    bool tunnel = false;
    std::uint32_t name_id = 0;   ///< index into RoadNetwork::names; 0 = unnamed ("")
    std::uint64_t source_id = 0; ///< OSM way id, or the feature/link id of the source
    std::vector<LonLat> shape;
};

struct RoadNetwork {
    std::vector<LonLat> nodes;
    std::vector<std::uint64_t> node_source_ids; ///< OSM node ids, or 0 for line layers
    std::vector<RoadEdge> edges;
    std::vector<std::string> names{""}; ///< names[0] is the empty name
    /// Nodes of the largest strongly connected component (car rules) are
    /// marked true; filled by mark_largest_scc().
    std::vector<bool> in_largest_component;

    std::size_t node_count() const { return nodes.size(); }
    std::size_t edge_count() const { return edges.size(); }
};

} // namespace breathline::geo::road
