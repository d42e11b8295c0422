#pragma once
/// Everything reachable within a time limit: the exact set of nodes, the
/// reachable pieces of edges (whole or partial), and an area for the map.

#include "geo/polygon.h"
#include "geo/road/dijkstra.h"
#include "geo/road/road_graph.h"
#include "geo/road/road_network.h"

#include <optional>
#include <span>
#include <vector>

namespace breathline::geo::road {

/// A reachable stretch of one edge, as offsets along its polyline from the
/// edge's `from` node, metres: 0 <= begin_m <= end_m <= edge.length_m.
struct EdgePiece {
    EdgeIndex edge = invalid_index;
    double begin_m = 0;
    double end_m = 0;
};

/// The search started on an edge (a snapped point), not only at nodes: the
/// stretch of that edge reachable from the point itself is added.
struct IsochroneStart {
    EdgeIndex edge = invalid_index;
    double offset_m = 0;  ///< SnapResult::offset_m
    Weight access_ms = 0; ///< time already spent reaching the road
};

struct IsochroneOptions {
    /// Raster cell size on the EPSG:6677 plane, metres.
    double cell_m = 50;
    /// Square buffer around reachable road, metres: every cell within
    /// buffer_m (Chebyshev distance) of a reachable road position is filled.
    /// With buffer_m >= cell_m every reachable node lies strictly inside the
    /// area (at least cell_m from its border).
    double buffer_m = 50;
};

struct Isochrone {
    Weight limit_ms = 0;
    /// Exactly the nodes v with dist[v] <= limit_ms, ascending.
    std::vector<NodeIndex> nodes;
    /// Reachable pieces, at most two per edge (from each end), merged into
    /// one when they meet; ascending by edge.
    std::vector<EdgePiece> pieces;
    /// Union of filled raster cells traced into polygons with holes, lon/lat.
    /// OGC-valid: every ring is simple; cells touching only at a corner
    /// belong to separate parts (or a hole touching its shell at that one
    /// point), never to one self-touching ring. Empty when nothing is
    /// reachable.
    MultiPolygon area;
};

/// Builds the isochrone from one_to_all distances `dist` (size node_count;
/// infinite_weight = not reached) computed with the same `weights` (empty =
/// graph.travel_time_ms) and `limit_ms`. An edge piece is reachable from node
/// u along arc u→v with time w up to the share (limit_ms - dist[u]) / w of the
/// edge. `start`, when given, adds the stretch reachable from a snapped start
/// point along its edge. The area is a raster union (see IsochroneOptions) of
/// the pieces sampled every cell_m / 2 along their polylines. Throws
/// std::invalid_argument when dist has the wrong size or the options are not
/// positive. Creates its own PlaneProjector; thread-safe.
Isochrone build_isochrone(const RoadNetwork& network, const RoadGraph& graph,
                          std::span<const Weight> dist, Weight limit_ms,
                          std::span<const Weight> weights = {},
                          std::optional<IsochroneStart> start = std::nullopt,
                          const IsochroneOptions& options = {});

} // namespace breathline::geo::road
