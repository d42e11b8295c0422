#pragma once
/// Customizable contraction hierarchies (Dibbelt, Strasser, Wagner: "Customizable
/// Contraction Hierarchies", ACM JEA 2016) in three phases, after RoutingKit:
///
/// 1. CchTopology: from the graph's topology and a metric-independent order
///    (cch_order.h), contract every node in rank order to obtain the chordal
///    supergraph (undirected CCH arcs, stored upward in CSR by rank) and its
///    elimination tree. Built once per graph; immutable.
/// 2. CchMetric: customization of a topology for one set of arc weights
///    (free-flow times, or times with closed arcs set to infinite_weight).
///    Re-customizing after closures reuses the topology, never re-orders.
/// 3. CchQuery: per-thread search state; exact fastest paths by an
///    elimination-tree walk (no priority queue), unpacked to RoadGraph arcs.
///
/// All indices in the "rank space" accessors are ranks (0 = contracted first);
/// the public query API speaks RoadGraph node and arc indices.

#include "geo/road/cch_schedule.h"
#include "geo/road/dijkstra.h"
#include "geo/road/road_graph.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace breathline::geo::road {

/// The metric-independent part of a CCH. Movable, immutable after
/// construction; all const members may run concurrently.
class CchTopology {
public:
    /// Contracts `graph` in `order` (order[rank] = node, a permutation of its
    /// nodes, e.g. from compute_nested_dissection_order). Only the topology is
    /// read (plus length_m, kept for RouteResult::length_m); parallel arcs and
    /// loops are fine. Throws std::invalid_argument when `order` is not a
    /// permutation of the graph's nodes, std::length_error for 2^31 or more
    /// arcs. O(fill) time and memory; single-threaded.
    CchTopology(const RoadGraph& graph, std::span<const NodeIndex> order);

    /// Same, with the order computed by compute_nested_dissection_order(graph).
    explicit CchTopology(const RoadGraph& graph);

    std::size_t node_count() const { return m_node_of_rank.size(); }
    /// Arcs of the RoadGraph this topology was built from.
    std::size_t input_arc_count() const { return m_input_to_cch.size(); }
    /// Undirected CCH arcs (input edges plus shortcuts), each with an upward
    /// and a downward weight in a CchMetric.
    std::size_t arc_count() const { return m_up_head.size(); }

    /// Rank of RoadGraph node `node`. Precondition: node < node_count().
    NodeIndex rank_of(NodeIndex node) const { return m_rank_of_node[node]; }
    /// RoadGraph node of rank `rank`. Precondition: rank < node_count().
    NodeIndex node_at(NodeIndex rank) const { return m_node_of_rank[rank]; }
    /// The order the topology was built with: order()[rank] = node.
    std::span<const NodeIndex> order() const { return m_node_of_rank; }

    /// Elimination-tree parent of rank `rank` (its lowest-ranked upward
    /// neighbour), or invalid_index for a root. Every upward neighbour of a
    /// node is one of its ancestors.
    NodeIndex elimination_parent(NodeIndex rank) const { return m_parent[rank]; }
    /// Longest path from a node to its root, in nodes (the worst query walk).
    std::size_t elimination_tree_height() const { return m_tree_height; }

    /// Upward CSR in rank space: CCH arc ids first_up[r] .. first_up[r+1]-1
    /// join rank r to higher ranks up_head[a], ascending.
    std::span<const ArcIndex> up_first_out() const { return m_up_first_out; }
    std::span<const NodeIndex> up_head() const { return m_up_head; }
    /// Downward CSR in rank space: entries down_first_out[r] ..
    /// down_first_out[r+1]-1 name the lower ranks down_tail[i] joined to r by
    /// CCH arc down_arc[i], tails ascending.
    std::span<const ArcIndex> down_first_out() const { return m_down_first_out; }
    std::span<const NodeIndex> down_tail() const { return m_down_tail; }
    std::span<const ArcIndex> down_arc() const { return m_down_arc; }

    /// Where RoadGraph arc `arc` lands: (cch_arc << 1) | 1 when it runs from
    /// the higher to the lower rank (downward), (cch_arc << 1) when upward;
    /// invalid_index for a loop. Precondition: arc < input_arc_count().
    std::uint32_t input_arc_slot(ArcIndex arc) const { return m_input_to_cch[arc]; }
    /// RoadGraph::length_m of input arc `arc`, metres.
    float input_arc_length_m(ArcIndex arc) const { return m_input_length_m[arc]; }

    /// CCH arc joining ranks lo < hi, or invalid_index when there is none.
    /// O(log degree).
    ArcIndex find_arc(NodeIndex lo, NodeIndex hi) const;

    /// Lower endpoint (rank) of CCH arc `arc`. O(log node count).
    NodeIndex tail_of(ArcIndex arc) const;

    /// Heap bytes held by this object.
    std::size_t memory_bytes() const;

private:
    friend class CchMetric;
    void build(const RoadGraph& graph, std::span<const NodeIndex> order);

    std::vector<NodeIndex> m_node_of_rank;
    std::vector<NodeIndex> m_rank_of_node;
    std::vector<NodeIndex> m_parent;
    std::vector<ArcIndex> m_up_first_out;
    std::vector<NodeIndex> m_up_head;
    std::vector<ArcIndex> m_down_first_out;
    std::vector<NodeIndex> m_down_tail;
    std::vector<ArcIndex> m_down_arc;
    std::vector<std::uint32_t> m_input_to_cch;
    std::vector<float> m_input_length_m;
    // (slot << 32) | input arc, sorted: the inverse of m_input_to_cch, for
    // re-deriving the arcs of one rank in CchMetric::customize_changed.
    std::vector<std::uint64_t> m_slot_input;
    // Units of the elimination tree for parallel customization.
    CchTreeSchedule m_schedule;
    std::size_t m_tree_height = 0;
};

/// One entry of a pruned search graph: the higher end (rank) of a CCH arc
/// and its weight in the graph's direction, ms.
struct CchSearchArc {
    NodeIndex head;
    Weight weight_ms;
};

/// One direction of a metric's pruned upward search graph, in rank space:
/// entries first_out[r] .. first_out[r+1]-1 are the CCH arcs from rank r to
/// higher ranks that are tight (their customized weight in this direction
/// is the shortest distance between their ends), heads ascending. The
/// forward graph holds low -> high weights (searches from sources), the
/// backward graph high -> low weights (searches from targets).
struct CchSearchGraph {
    std::vector<ArcIndex> first_out; ///< size node_count + 1
    std::vector<CchSearchArc> arcs;
    std::vector<ArcIndex> cch_arc; ///< the CCH arc each entry stands for (path unpacking)
};

/// A CchTopology customized for one set of arc weights, in two passes
/// (Dibbelt, Strasser, Wagner 2016, §4 and §5):
/// - basic customization: every CCH arc gets the shortest up-down detour
///   through its lower triangles (up_weight(), down_weight(), with vias for
///   path unpacking);
/// - perfect customization: top-down over upper and intermediate triangles,
///   every arc's weight becomes the shortest distance between its ends; the
///   arcs whose basic weight is larger than that are dropped from the search
///   graphs (forward_graph(), backward_graph()) that queries and matrices
///   use. A search on them stays exact and is far smaller.
/// Holds a pointer to the topology, which must outlive it and stay at the
/// same address. Movable. Const members may run concurrently (any number of
/// CchQuery objects may share one metric); customize() must not run while a
/// query or matrix uses the metric.
class CchMetric {
public:
    /// Customizes `topology` for `weights` (travel time per RoadGraph arc in
    /// ms, size input_arc_count(); infinite_weight = closed): basic, then
    /// perfect customization, then the search graphs. `thread_count` 0 =
    /// std::thread::hardware_concurrency(); both passes run on that many
    /// threads along the elimination tree (cch_schedule.h). Throws
    /// std::invalid_argument on a size mismatch.
    CchMetric(const CchTopology& topology, std::span<const Weight> weights,
              unsigned thread_count = 0);

    /// Re-customizes in place for new weights (after closing or reopening
    /// roads); the topology and order stay. Same contract as the constructor.
    void customize(std::span<const Weight> weights);

    /// Partial re-customization after a few roads were closed or reopened.
    /// `weights` is the complete new weight vector (as for customize()); it
    /// may differ from the previous customization's only at the RoadGraph
    /// arcs in `changed_arcs` (duplicates and unchanged arcs are fine; a
    /// difference elsewhere is not seen). Re-derives the CCH arcs of the ranks
    /// holding a changed arc, then, in rank order, of every rank above one
    /// whose arc weights changed (through the triangles they are lower arcs
    /// of). Perfect customization is then redone top-down for the ranks with
    /// changed basic weights and those below an arc whose perfect weight
    /// changed (in full when the basic pass re-derived over a quarter of
    /// the arcs), and the search graphs are rebuilt. The result (basic and
    /// perfect weights, vias, search graphs) is exactly what
    /// customize(weights) gives. Returns the number of CCH arcs re-derived by
    /// the basic pass. Runs on the metric's threads. Cost grows with the
    /// affected part of the hierarchy: on the 1000 x 1000 grid city, 10
    /// closed edges re-derive ~10% of the arcs in the basic pass and their
    /// changed perfect weights reach many ranks below; the whole update
    /// costs about a fifth of customize() (~8 CPU s against ~39). Throws
    /// std::invalid_argument on a size mismatch, std::out_of_range for an
    /// arc >= input_arc_count().
    std::size_t customize_changed(std::span<const Weight> weights,
                                  std::span<const ArcIndex> changed_arcs);

    const CchTopology& topology() const { return *m_topology; }

    /// Per CCH arc: upward weight (low rank to high rank) and downward weight
    /// (high to low), ms; infinite_weight where no path through the arc's
    /// lower triangles exists.
    std::span<const Weight> up_weight() const { return m_up_weight; }
    std::span<const Weight> down_weight() const { return m_down_weight; }

    /// How the weight of CCH arc `arc` in one direction is realised: a
    /// RoadGraph arc index, or shortcut_flag | middle rank (a lower rank x
    /// with w = w(lo→x or hi→x) + w(x→hi or x→lo)), or invalid_index for
    /// infinite weight. Used by path unpacking.
    static constexpr std::uint32_t shortcut_flag = 0x80000000U;
    std::uint32_t up_via(ArcIndex arc) const { return m_up_via[arc]; }
    std::uint32_t down_via(ArcIndex arc) const { return m_down_via[arc]; }

    /// Per CCH arc after perfect customization: the shortest distance from
    /// its lower to its higher end (perfect_up_weight) and back, ms, over
    /// the whole CCH; infinite_weight where there is no path.
    std::span<const Weight> perfect_up_weight() const { return m_perfect_up; }
    std::span<const Weight> perfect_down_weight() const { return m_perfect_down; }

    /// The pruned search graphs (see CchSearchGraph). Rebuilt by every
    /// customization.
    const CchSearchGraph& forward_graph() const { return m_search[0]; }
    const CchSearchGraph& backward_graph() const { return m_search[1]; }

    /// Heap bytes held by this object (not counting the topology).
    std::size_t memory_bytes() const;

private:
    void basic_customize(std::span<const Weight> weights);
    // Perfect customization (cch_perfect.cpp) of every rank, or, with
    // `changed_ranks` (flags by rank: basic weights changed since the last
    // run), of the ranks that may see a change; then the search graphs.
    void perfect_customize(const std::vector<std::uint8_t>* changed_ranks);
    void build_search_graphs();

    const CchTopology* m_topology;
    unsigned m_thread_count;
    std::vector<Weight> m_up_weight;
    std::vector<Weight> m_down_weight;
    std::vector<std::uint32_t> m_up_via;
    std::vector<std::uint32_t> m_down_via;
    std::vector<Weight> m_perfect_up;
    std::vector<Weight> m_perfect_down;
    CchSearchGraph m_search[2];
};

/// Exact fastest paths on a customized CCH. One object per thread; any number
/// may share a metric, which must outlive them and not be re-customized
/// during a query. Searches walk the elimination tree from both ends upward
/// (ranks ascending) over the metric's pruned search graphs, so there is no
/// priority queue; a rank is not relaxed once its time reaches the best
/// meeting found. (A bidirectional Dijkstra with stall-on-demand on the same
/// pruned graphs was measured 3x slower on the generated cities: it settles
/// about as many ranks and pays for its queue.) Search state is reset lazily
/// in time proportional to the last query's walk.
class CchQuery {
public:
    /// Allocates O(node count) search state once.
    explicit CchQuery(const CchMetric& metric);

    /// Forgets the previous search (called by every query).
    void reset();

    /// Fastest path from RoadGraph node s to node t with RoadGraph arcs,
    /// nodes, time and length, exactly as DijkstraQuery::route would give
    /// for the metric's weights (equal time; an equally fast path may differ
    /// in ties). Unreachable is a value (reachable = false). Precondition:
    /// s, t < node_count.
    RouteResult route(NodeIndex s, NodeIndex t);

    /// Multi-source, multi-target: minimises source.offset_ms + path +
    /// target.offset_ms; same contract as DijkstraQuery::route(sources,
    /// targets). Empty sources or targets give unreachable.
    RouteResult route(std::span<const Endpoint> sources, std::span<const Endpoint> targets);

    /// Travel time only (no path unpacking), ms; infinite_weight when
    /// unreachable. Precondition: s, t < node_count.
    Weight time_ms(NodeIndex s, NodeIndex t);

private:
    struct Meeting {
        Weight time_ms = infinite_weight;
        NodeIndex rank = invalid_index;
    };
    Meeting search(std::span<const Endpoint> sources, std::span<const Endpoint> targets);
    void walk_up(std::span<const Endpoint> seeds, bool forward);
    void relax(NodeIndex rank, int direction);
    RouteResult unpack(Meeting meeting);
    void append_arc(ArcIndex cch_arc, NodeIndex tail_rank, bool upward, RouteResult& out);

    const CchMetric* m_metric;
    // Per direction (0 forward, 1 backward), indexed by rank.
    std::vector<Weight> m_dist[2];
    std::vector<ArcIndex> m_pred_arc[2];        // CCH arc that set m_dist; invalid for a seed
    std::vector<std::uint32_t> m_seed_index[2]; // endpoint index when m_dist came from a seed
    std::vector<NodeIndex> m_visited[2];        // ranks in ascending order
    std::vector<std::uint8_t> m_on_walk[2];
    std::vector<std::uint32_t> m_unpack_stack;
};

} // namespace breathline::geo::road
