#pragma once
/// Turns the ways every road reader produces into a RoadNetwork: ways are
/// split at points shared with other ways (junctions), the points between
/// stay as edge shape, lengths are measured in EPSG:6677. Internal to
/// data/roads; the readers (osm_reader, ogr_line_reader, uxsim_reader) feed
/// it, road_import.cpp finishes the network.

#include "geo/polygon.h"
#include "geo/projection.h"
#include "geo/road/road_network.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data::roads {

/// One point of a way. Points with equal `key` are the same node (OSM node
/// id, or a key derived from identical coordinates); they must have equal
/// positions.
struct WayPoint {
    std::uint64_t key = 0;
    geo::LonLat position{0, 0};
};

/// Attributes of a way, copied onto every edge it is split into.
struct WayAttributes {
    geo::road::RoadClass road_class = geo::road::RoadClass::other;
    geo::road::Oneway oneway = geo::road::Oneway::no;
    std::optional<double> maxspeed_kmh;
    bool bridge = false;
    bool tunnel = false;
    std::string name;
    std::uint64_t source_id = 0;
};

/// Collects ways, then builds the network once. Not thread-safe.
class NetworkBuilder {
public:
    /// Adds a way; consecutive points with the same key are merged, and a way
    /// with fewer than two distinct points is ignored.
    void add_way(const std::vector<WayPoint>& points, WayAttributes attributes);
    /// Number of ways added (ignored ones not counted).
    std::size_t way_count() const { return m_ways.size(); }
    /// Splits every way at points used more than once (by several ways or
    /// twice by one) and at its ends. Nodes are numbered in order of first
    /// use. A closed loop between two junctions gets an extra node at its
    /// middle point instead of becoming a self-loop. When
    /// `keep_node_keys` the keys become RoadNetwork::node_source_ids,
    /// otherwise those are 0. `projector` measures lengths.
    geo::road::RoadNetwork build(const geo::PlaneProjector& projector, bool keep_node_keys) const;

private:
    struct Way {
        std::size_t first = 0; ///< into m_points
        std::size_t count = 0;
        WayAttributes attributes;
    };
    std::vector<WayPoint> m_points;
    std::vector<Way> m_ways;
};

/// Removes the edges none of whose points (ends or shape) lies inside `clip`
/// or within `margin_m` metres of it (EPSG:6677), then the nodes no edge
/// uses; indices are renumbered keeping their order. Returns how many edges
/// were removed. Call before marking components.
std::size_t clip_network(geo::road::RoadNetwork& network, const geo::MultiPolygon& clip,
                         double margin_m, const geo::PlaneProjector& projector);

/// Rebuilds RoadNetwork::names in order of first use by the edges (names[0]
/// stays ""), dropping names no edge uses. The stored network reads back in
/// exactly this order.
void compact_names(geo::road::RoadNetwork& network);

/// Polyline length in metres on EPSG:6677 of from, shape..., to.
double polyline_length_m(const geo::LonLat& from, const std::vector<geo::LonLat>& shape,
                         const geo::LonLat& to, const geo::PlaneProjector& projector);

} // namespace breathline::data::roads
