#pragma once
/// Snapping a point (a patient's home, a facility, a supporter) onto the
/// nearest road edge usable by a profile, with its offset along the edge, and
/// turning the snapped position into search endpoints.

#include "geo/coordinates.h"
#include "geo/projection.h"
#include "geo/road/dijkstra.h"
#include "geo/road/profile.h"
#include "geo/road/road_graph.h"
#include "geo/road/road_network.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace breathline::geo::road {

/// A point placed on a road.
struct SnapResult {
    EdgeIndex edge = invalid_index;
    NodeIndex from_node = invalid_index; ///< the edge's `from` node
    NodeIndex to_node = invalid_index;   ///< the edge's `to` node
    /// Distance along the edge's polyline from its `from` node to the snapped
    /// position, metres, in [0, edge.length_m]. Measured on the EPSG:6677
    /// plane and scaled to the edge's stored length_m, so offset_m /
    /// length_m is the share of the edge behind the snapped position.
    double offset_m = 0;
    double distance_m = 0; ///< point to road, straight line on EPSG:6677, metres
    LonLat on_road{0, 0};  ///< the snapped position
    /// Time for the leg between the point and the road, seconds:
    /// distance_m × detour_factor / access_speed (the profile's).
    double access_time_s = 0;
    /// True when distance_m > profile.approximate_leg_m: the access leg is a
    /// guess (straight line × detour factor), not a routed path.
    bool approximate = false;
};

/// Why a point could not be snapped: no usable road within the profile's
/// max_snap_m.
struct SnapError {
    LonLat point{0, 0};
    /// Distance to the nearest usable road, metres, or +infinity when the
    /// network has no road usable by the profile at all.
    double distance_m = 0;
    double limit_m = 0; ///< the profile's max_snap_m
    /// English text for logs, e.g. "point (139.710000, 35.730000) is 2.4 km from
    /// the nearest usable road; the limit is 2 km". The CLI builds its Japanese
    /// message from the fields.
    std::string message() const;
};

/// Either a SnapResult or a SnapError: far points are user input, not a bug.
class SnapOutcome {
public:
    // Implicit on purpose: `return result;` and `return error;` both read well.
    SnapOutcome(SnapResult r) : m_value(std::move(r)) {}
    SnapOutcome(SnapError e) : m_value(std::move(e)) {}
    /// True when the point was snapped.
    bool ok() const { return std::holds_alternative<SnapResult>(m_value); }
    /// Precondition: ok(). Throws std::bad_variant_access otherwise.
    const SnapResult& value() const { return std::get<SnapResult>(m_value); }
    /// Precondition: !ok(). Throws std::bad_variant_access otherwise.
    const SnapError& error() const { return std::get<SnapError>(m_value); }

private:
    std::variant<SnapResult, SnapError> m_value;
};

/// Static spatial index over the segments of every edge polyline (uniform
/// grid of segment boxes on the EPSG:6677 plane). Built once; immutable.
///
/// Thread safety: snap() may be called from several threads at once (the one
/// projection per call is serialised by an internal mutex; the index itself
/// is read-only). The network must outlive the snapper and not change.
class EdgeSnapper {
public:
    /// Indexes every edge of `network`. With `largest_component_only`, edges
    /// with an end node outside network.in_largest_component are left out
    /// (ignored when in_largest_component is not filled: run
    /// mark_largest_scc first).
    /// Throws what PlaneProjector throws for a network far outside Japan.
    explicit EdgeSnapper(const RoadNetwork& network, bool largest_component_only = false);

    /// Indexes only the edges whose two end nodes are marked in
    /// `usable_nodes` (size node_count), e.g. a profile's largest strongly
    /// connected component from largest_component_nodes(). Throws
    /// std::invalid_argument when the size is wrong, and what PlaneProjector
    /// throws for a network far outside Japan.
    EdgeSnapper(const RoadNetwork& network, const std::vector<bool>& usable_nodes);

    /// Nearest edge usable by `profile` (Profile::speed_for has a value) to
    /// `p`, by straight-line distance on EPSG:6677. Ties go to the lower edge
    /// index. A SnapError when the nearest usable edge is farther than
    /// profile.max_snap_m.
    SnapOutcome snap(LonLat p, const Profile& profile) const;

    /// Same, skipping the edges listed in `closed_edges` (ascending, as
    /// RoadStore::closed_edges() returns them): a point beside a closed road
    /// snaps onto the nearest open usable one, within max_snap_m. Throws
    /// std::invalid_argument when `closed_edges` is not ascending.
    SnapOutcome snap(LonLat p, const Profile& profile,
                     std::span<const EdgeIndex> closed_edges) const;

    /// Number of indexed segments.
    std::size_t segment_count() const { return m_segments.size(); }

private:
    void index_edges(const std::vector<bool>* usable_nodes);

    struct Segment {
        PlaneXY a, b;
        EdgeIndex edge;
        double offset_a_m; // plane distance from the edge start to a
    };
    const RoadNetwork* m_network;
    PlaneProjector m_projector;
    mutable std::mutex m_projector_mutex;
    std::vector<Segment> m_segments;
    std::vector<double> m_edge_plane_length_m; // per edge, 0 when not indexed
    // Uniform grid: cell (i, j) holds m_cell_items[m_cell_first[c] .. m_cell_first[c+1]).
    double m_min_x = 0, m_min_y = 0, m_cell_m = 100;
    std::uint32_t m_nx = 0, m_ny = 0;
    std::vector<std::uint32_t> m_cell_first;
    std::vector<std::uint32_t> m_cell_items;
};

/// Endpoints from which a search may start at the snapped position `s`: the
/// edge's `to` node when the graph has the arc from→to for s.edge, with offset
/// = that arc's time × the share of the edge after the point, and its `from`
/// node when the graph has the arc to→from, with offset = time × the share
/// before it (share = offset_m / the arc's length_m). `graph` must be built
/// from the network the snapper indexed.
/// Each offset includes the access leg (round(access_time_s × 1000)) when
/// `include_access`. `weights` (empty = graph.travel_time_ms) lets closures
/// apply: a closed arc yields no endpoint. Empty when the edge has no usable
/// arc (e.g. the profile does not use it). Offsets are rounded to ms.
std::vector<Endpoint> source_endpoints(const SnapResult& s, const RoadGraph& graph,
                                       std::span<const Weight> weights = {},
                                       bool include_access = true);

/// Endpoints at which a search may end at the snapped position `s`: the
/// edge's `from` node when the arc from→to exists (cost of the share before
/// the point), and its `to` node when the arc to→from exists (cost of the
/// share after it), plus the access leg. Same rules as source_endpoints.
std::vector<Endpoint> target_endpoints(const SnapResult& s, const RoadGraph& graph,
                                       std::span<const Weight> weights = {},
                                       bool include_access = true);

/// The arc of `graph` that comes from `edge` and runs from `tail` to `head`,
/// or invalid_index. O(out-degree of tail).
ArcIndex find_arc(const RoadGraph& graph, NodeIndex tail, NodeIndex head, EdgeIndex edge);

} // namespace breathline::geo::road
