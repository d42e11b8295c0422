#pragma once
/// Reference shortest-path algorithms on a RoadGraph: Dijkstra (one-to-one,
/// one-to-many, one-to-all within a limit) and A* with a consistent
/// straight-line heuristic. Every faster algorithm (CCH, many-to-many) is
/// tested against these.
///
/// Query objects follow RoutingKit: the graph is built once and immutable;
/// each query object holds the mutable search state for one thread and is
/// reused across queries (state is reset lazily, in time proportional to the
/// nodes the previous query touched, not to the graph size).
///
/// Weights: every query takes an optional `weights` span that replaces
/// `graph.travel_time_ms` arc by arc (same size as the arc count; empty = use
/// the graph's free-flow times). An arc of `infinite_weight` is closed and is
/// never relaxed. Path costs saturate: a sum that would reach
/// `infinite_weight` counts as unreachable.

#include "geo/road/road_graph.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace breathline::geo::road {

/// Where a search may start or end: a graph node plus a cost already spent
/// (for a source) or still to pay (for a target). A point snapped onto an
/// edge becomes up to two endpoints, one per end node, whose offsets are the
/// partial travel times along the edge plus the access leg (see
/// snapping.h: source_endpoints/target_endpoints).
struct Endpoint {
    NodeIndex node = invalid_index;
    Weight offset_ms = 0; ///< milliseconds; must be < infinite_weight
    bool operator==(const Endpoint&) const = default;
};

/// Result of a one-to-one query. "No route" is a value (reachable = false),
/// never an exception: a destination cut off by closures is an expected
/// outcome.
struct RouteResult {
    bool reachable = false;
    /// Total travel time in milliseconds, including the chosen source's and
    /// target's offset_ms; infinite_weight when unreachable.
    Weight time_ms = infinite_weight;
    /// Sum of RoadGraph::length_m over `arcs`, metres. The partial edge
    /// pieces behind Endpoint offsets are not included (callers that snapped
    /// know them: SnapResult::offset_m).
    double length_m = 0;
    /// Nodes from the chosen source node to the chosen target node (one node
    /// when they coincide); empty when unreachable.
    std::vector<NodeIndex> nodes;
    /// Arcs along the path, arcs.size() == nodes.size() - 1 (empty when
    /// unreachable or when source and target node coincide).
    std::vector<ArcIndex> arcs;
    /// Index into the `sources` / `targets` spans of the endpoints the best
    /// path uses (0 for the node-to-node overloads); invalid_index when
    /// unreachable.
    std::uint32_t source_index = invalid_index;
    std::uint32_t target_index = invalid_index;
};

/// Dijkstra's algorithm with a binary heap. Not thread-safe: one query object
/// per thread; any number of query objects may share one graph. The graph must
/// outlive the query object and must not change while it exists.
class DijkstraQuery {
public:
    /// Allocates search state for `graph` (O(node count) memory, once).
    explicit DijkstraQuery(const RoadGraph& graph);

    /// Forgets the previous search. Called automatically by every query;
    /// public for callers that want to release nothing but start clean.
    void reset();

    /// Fastest path from node s to node t. Precondition: s, t < node_count;
    /// `weights` empty or of size arc_count. s == t gives a reachable
    /// zero-time route of one node.
    RouteResult route(NodeIndex s, NodeIndex t, std::span<const Weight> weights = {});

    /// Fastest path from any source to any target (multi-source,
    /// multi-target): minimises source.offset_ms + path + target.offset_ms.
    /// Ties are broken deterministically (first-settled target node, then the
    /// lowest target index). Empty sources or targets give unreachable.
    /// Limitation: a source and a target on the same edge are still joined
    /// through the edge's end nodes (callers handle the direct piece).
    RouteResult route(std::span<const Endpoint> sources, std::span<const Endpoint> targets,
                      std::span<const Weight> weights = {});

    /// Travel time in ms from s to each of `targets` (infinite_weight where
    /// unreachable), in the order given; duplicates allowed. Stops as soon as
    /// every target is settled.
    std::vector<Weight> one_to_many(NodeIndex s, std::span<const NodeIndex> targets,
                                    std::span<const Weight> weights = {});

    /// Multi-source version: result[i] = min over sources of (source.offset_ms
    /// + dist(source.node, targets[i].node)) + targets[i].offset_ms, or
    /// infinite_weight. A snapped target is two endpoints: take the minimum of
    /// their two entries.
    std::vector<Weight> one_to_many(std::span<const Endpoint> sources,
                                    std::span<const Endpoint> targets,
                                    std::span<const Weight> weights = {});

    /// Distances in ms from s to every node, settling only nodes with
    /// distance <= limit_ms (pass infinite_weight - 1 for no limit). dist_out
    /// is resized to node_count; nodes beyond the limit or unreachable get
    /// infinite_weight.
    void one_to_all(NodeIndex s, Weight limit_ms, std::span<const Weight> weights,
                    std::vector<Weight>& dist_out);

    /// Multi-source version of one_to_all (sources start at their offset_ms;
    /// a source whose offset exceeds limit_ms is ignored).
    void one_to_all(std::span<const Endpoint> sources, Weight limit_ms,
                    std::span<const Weight> weights, std::vector<Weight>& dist_out);

    /// Nodes settled by the last query (a measure of search effort, for tests
    /// and benchmarks).
    std::size_t settled_count() const { return m_settled; }

private:
    struct HeapItem {
        Weight key;
        NodeIndex node;
    };
    void push(NodeIndex v, Weight d, ArcIndex parent_arc);
    void seed(std::span<const Endpoint> sources);
    RouteResult extract(NodeIndex target_node, std::uint32_t target_index) const;

    const RoadGraph* m_graph;
    std::vector<Weight> m_dist;          // tentative distance; infinite_weight = untouched
    std::vector<ArcIndex> m_parent_arc;  // invalid_index for a source
    std::vector<std::uint32_t> m_source; // index of the source a node was reached from
    std::vector<NodeIndex> m_touched;    // nodes whose m_dist must be reset
    std::vector<HeapItem> m_heap;        // lazy-deletion binary min-heap
    std::size_t m_settled = 0;

    friend class AStarQuery;
};

/// A* search with the heuristic h(v) = k × straight-line distance(v, target),
/// where k (ms per metre) is the smallest ratio travel_time_ms / straight-line
/// length over all arcs of the graph, computed once in the constructor. That is
/// the profile's top speed including the per-arc millisecond rounding, so h is
/// consistent (never overestimates, even after rounding) and A* returns exactly
/// Dijkstra's times. Straight-line distances use a local equirectangular plane
/// around the graph's centre (no PROJ needed; k is measured in the same plane,
/// which is all consistency requires).
///
/// Precondition for exactness: override `weights` are >= the graph's
/// travel_time_ms on every arc (closures and slowdowns only). Not thread-safe:
/// one query object per thread; the graph must outlive it.
class AStarQuery {
public:
    /// Projects the node positions and measures k: O(node + arc count).
    explicit AStarQuery(const RoadGraph& graph);

    /// Same contract as DijkstraQuery::route(s, t, weights).
    RouteResult route(NodeIndex s, NodeIndex t, std::span<const Weight> weights = {});

    /// Same contract as DijkstraQuery::route(sources, targets, weights); the
    /// heuristic is the minimum over targets of k × distance + offset_ms.
    RouteResult route(std::span<const Endpoint> sources, std::span<const Endpoint> targets,
                      std::span<const Weight> weights = {});

    /// The heuristic's factor k in milliseconds per metre (0 for a graph
    /// without arcs of positive length).
    double ms_per_m() const { return m_ms_per_m; }

    /// Nodes settled by the last query.
    std::size_t settled_count() const { return m_search.m_settled; }

private:
    Weight heuristic(NodeIndex v, std::span<const Endpoint> targets) const;

    DijkstraQuery m_search;    // reuses its state arrays; keys are dist + h
    std::vector<double> m_x_m; // local plane, metres east of the centre
    std::vector<double> m_y_m; // metres north of the centre
    double m_ms_per_m = 0;
};

} // namespace breathline::geo::road
