#include "geo/random.h"
#include "geo/road/cch.h"
#include "geo/road/cch_order.h"
#include "geo/road/dijkstra.h"
#include "geo/road/grid_generator.h"
#include "geo/road/many_to_many.h"
#include "geo/road/profile.h"
#include "tests/geo/road/ascii_grid.h"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <numeric>
#include <set>
#include <string>
#include <vector>

namespace breathline::geo::road {
namespace {

using testing::parse_ascii_grid;

RoadNetwork city(std::uint32_t size, std::uint64_t seed) {
    GridCityOptions options;
    options.rows = size;
    options.cols = size;
    options.seed = seed;
    // Small grids still get expressways with ramps and arterials.
    options.arterial_every = 6;
    options.expressway_every = 12;
    options.ramp_every = 4;
    return generate_city_grid(options);
}

NodeIndex random_node(Rng& rng, const RoadGraph& graph) {
    return static_cast<NodeIndex>(
        rng.uniform_int(0, static_cast<std::int64_t>(graph.node_count()) - 1));
}

/// Asserts that `route` is a valid path for `weights` from s to t: consecutive
/// arcs, no closed arc, time and length the sums over its arcs.
void expect_valid_path(const RoadGraph& graph, std::span<const Weight> weights,
                       const RouteResult& route, NodeIndex s, NodeIndex t) {
    ASSERT_TRUE(route.reachable);
    ASSERT_EQ(route.nodes.size(), route.arcs.size() + 1);
    EXPECT_EQ(route.nodes.front(), s);
    EXPECT_EQ(route.nodes.back(), t);
    std::uint64_t time = 0;
    double length = 0;
    for (std::size_t i = 0; i < route.arcs.size(); ++i) {
        const ArcIndex a = route.arcs[i];
        ASSERT_LT(a, graph.arc_count());
        const NodeIndex u = route.nodes[i];
        ASSERT_GE(a, graph.first_out[u]) << "arc " << a << " does not leave node " << u;
        ASSERT_LT(a, graph.first_out[u + 1]) << "arc " << a << " does not leave node " << u;
        ASSERT_EQ(graph.head[a], route.nodes[i + 1]);
        ASSERT_NE(weights[a], infinite_weight) << "closed arc " << a << " used";
        time += weights[a];
        length += static_cast<double>(graph.length_m[a]);
    }
    EXPECT_EQ(time, route.time_ms);
    EXPECT_NEAR(length, route.length_m, 1e-6 * (1 + length));
}

/// 10,000 random pairs (200 random sources × 50 random targets): CCH time,
/// reachability and path against Dijkstra's one-to-all distances.
void compare_with_dijkstra(const RoadGraph& graph, const CchMetric& metric,
                           std::span<const Weight> weights, std::uint64_t seed,
                           std::size_t* unreachable_out = nullptr) {
    Rng rng(seed);
    DijkstraQuery dijkstra(graph);
    CchQuery cch(metric);
    std::vector<Weight> dist;
    std::size_t unreachable = 0;
    std::size_t checked = 0;
    for (int i = 0; i < 200; ++i) {
        const NodeIndex s = random_node(rng, graph);
        dijkstra.one_to_all(s, infinite_weight - 1, weights, dist);
        for (int j = 0; j < 50; ++j) {
            const NodeIndex t = random_node(rng, graph);
            const RouteResult route = cch.route(s, t);
            ++checked;
            ASSERT_EQ(route.time_ms, dist[t]) << "s=" << s << " t=" << t;
            ASSERT_EQ(route.reachable, dist[t] != infinite_weight);
            ASSERT_EQ(cch.time_ms(s, t), dist[t]);
            if (route.reachable) {
                expect_valid_path(graph, weights, route, s, t);
                if (::testing::Test::HasFatalFailure()) return;
            } else {
                ++unreachable;
                EXPECT_TRUE(route.nodes.empty());
                EXPECT_TRUE(route.arcs.empty());
            }
        }
    }
    EXPECT_EQ(checked, 10000U);
    if (unreachable_out != nullptr) *unreachable_out = unreachable;
}

/// Closes about 1% of the road edges (every arc of a closed edge).
std::vector<Weight> close_one_percent(const RoadGraph& graph, std::size_t edge_count,
                                      std::uint64_t seed) {
    Rng rng(seed);
    std::vector<bool> closed(edge_count, false);
    for (std::size_t i = 0; i < edge_count / 100; ++i)
        closed[static_cast<std::size_t>(
            rng.uniform_int(0, static_cast<std::int64_t>(edge_count) - 1))] = true;
    std::vector<Weight> weights = graph.travel_time_ms;
    for (std::size_t a = 0; a < graph.arc_count(); ++a)
        if (closed[graph.edge[a]]) weights[a] = infinite_weight;
    return weights;
}

class CchVersusDijkstra : public ::testing::TestWithParam<const char*> {};

TEST_P(CchVersusDijkstra, EqualOnRandomPairsWithAndWithoutClosures) {
    const std::string profile_name = GetParam();
    const Profile profile = profile_name == "car" ? Profile::car() : Profile::walk();
    const RoadNetwork network = city(70, 7);
    const RoadGraph graph = build_road_graph(network, profile);
    ASSERT_GT(graph.node_count(), 4900U);

    const CchTopology topology(graph);
    CchMetric metric(topology, graph.travel_time_ms);
    {
        SCOPED_TRACE("free flow");
        compare_with_dijkstra(graph, metric, graph.travel_time_ms, 11);
    }
    const std::vector<Weight> closed = close_one_percent(graph, network.edge_count(), 12);
    ASSERT_NE(closed, graph.travel_time_ms);
    metric.customize(closed);
    {
        SCOPED_TRACE("1% of edges closed");
        compare_with_dijkstra(graph, metric, closed, 13);
    }
    metric.customize(graph.travel_time_ms);
    {
        SCOPED_TRACE("reopened");
        compare_with_dijkstra(graph, metric, graph.travel_time_ms, 11);
    }
}

INSTANTIATE_TEST_SUITE_P(Profiles, CchVersusDijkstra, ::testing::Values("car", "walk"));

TEST(CchOrder, PermutationOnDisconnectedGraphWithDuplicatePositions) {
    // Two separate grids drawn side by side, all nodes moved onto one point.
    auto grid = parse_ascii_grid(R"(
        a - b - c   g - h
        |   |   |   |   |
        d - e - f   i - j   k
    )");
    const LonLat same = grid.network.nodes.front();
    for (LonLat& p : grid.network.nodes)
        p = same;
    const RoadGraph graph = build_road_graph(grid.network, Profile::walk());
    const std::vector<NodeIndex> order = compute_nested_dissection_order(graph);
    std::vector<NodeIndex> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    std::vector<NodeIndex> expected(graph.node_count());
    std::iota(expected.begin(), expected.end(), NodeIndex{0});
    EXPECT_EQ(sorted, expected);
    const std::vector<NodeIndex> rank = ranks_of_order(order);
    for (std::size_t r = 0; r < order.size(); ++r)
        EXPECT_EQ(rank[order[r]], r);

    // Every pair still equals Dijkstra.
    const CchTopology topology(graph, order);
    const CchMetric metric(topology, graph.travel_time_ms);
    CchQuery cch(metric);
    DijkstraQuery dijkstra(graph);
    for (NodeIndex s = 0; s < graph.node_count(); ++s)
        for (NodeIndex t = 0; t < graph.node_count(); ++t)
            EXPECT_EQ(cch.route(s, t).time_ms, dijkstra.route(s, t).time_ms) << s << "->" << t;
    EXPECT_FALSE(cch.route(grid.node('a'), grid.node('g')).reachable);
    EXPECT_FALSE(cch.route(grid.node('k'), grid.node('a')).reachable);
}

TEST(CchOrder, DeterministicAndEmptyGraph) {
    const RoadGraph graph = build_road_graph(city(40, 3), Profile::car());
    EXPECT_EQ(compute_nested_dissection_order(graph), compute_nested_dissection_order(graph));
    EXPECT_TRUE(compute_nested_dissection_order(RoadGraph{}).empty());
}

TEST(CchTopology, ChordalStructureAndEliminationTree) {
    const RoadGraph graph = build_road_graph(city(30, 5), Profile::car());
    const CchTopology topology(graph);
    const std::size_t n = topology.node_count();
    ASSERT_EQ(n, graph.node_count());
    std::size_t roots = 0;
    for (NodeIndex r = 0; r < n; ++r) {
        EXPECT_EQ(topology.rank_of(topology.node_at(r)), r);
        const auto first = topology.up_first_out();
        const auto head = topology.up_head();
        if (topology.elimination_parent(r) == invalid_index) ++roots;
        for (ArcIndex a = first[r]; a < first[r + 1]; ++a) {
            ASSERT_GT(head[a], r);
            if (a > first[r]) {
                ASSERT_GT(head[a], head[a - 1]);
            }
            EXPECT_EQ(topology.tail_of(a), r);
            // Upward neighbours are ancestors, and the lowest is the parent.
            NodeIndex v = r;
            while (v != invalid_index && v != head[a])
                v = topology.elimination_parent(v);
            ASSERT_EQ(v, head[a]) << "upward neighbour is not an ancestor";
            if (a == first[r]) {
                EXPECT_EQ(topology.elimination_parent(r), head[a]);
            }
            // Chordality: upward neighbours of r are pairwise joined.
            for (ArcIndex b = a + 1; b < first[r + 1]; ++b)
                ASSERT_NE(topology.find_arc(head[a], head[b]), invalid_index);
        }
    }
    EXPECT_EQ(roots, 1U); // the generated city is connected
    // Every input arc maps onto a CCH arc joining its end ranks.
    for (NodeIndex u = 0; u < graph.node_count(); ++u)
        for (ArcIndex a = graph.first_out[u]; a < graph.first_out[u + 1]; ++a) {
            const std::uint32_t slot = topology.input_arc_slot(a);
            ASSERT_NE(slot, invalid_index);
            const NodeIndex ru = topology.rank_of(u);
            const NodeIndex rv = topology.rank_of(graph.head[a]);
            EXPECT_EQ((slot & 1U) != 0, ru > rv);
            EXPECT_EQ(topology.tail_of(slot >> 1), std::min(ru, rv));
            EXPECT_EQ(topology.up_head()[slot >> 1], std::max(ru, rv));
        }
    EXPECT_GT(topology.memory_bytes(), topology.arc_count() * 8);
    EXPECT_THROW(CchTopology(graph, std::vector<NodeIndex>(n, 0)), std::invalid_argument);
    EXPECT_THROW(CchTopology(graph, std::vector<NodeIndex>(n - 1, 0)), std::invalid_argument);
}

TEST(CchMetric, SameWeightsWithOneOrTwoThreadsAndSizeChecked) {
    const RoadGraph graph = build_road_graph(city(50, 9), Profile::car());
    const CchTopology topology(graph);
    const CchMetric one(topology, graph.travel_time_ms, 1);
    const CchMetric two(topology, graph.travel_time_ms, 2);
    EXPECT_TRUE(std::ranges::equal(one.up_weight(), two.up_weight()));
    EXPECT_TRUE(std::ranges::equal(one.down_weight(), two.down_weight()));
    for (ArcIndex a = 0; a < topology.arc_count(); ++a) {
        ASSERT_EQ(one.up_via(a), two.up_via(a));
        ASSERT_EQ(one.down_via(a), two.down_via(a));
    }
    EXPECT_TRUE(std::ranges::equal(one.perfect_up_weight(), two.perfect_up_weight()));
    EXPECT_TRUE(std::ranges::equal(one.perfect_down_weight(), two.perfect_down_weight()));
    for (int d = 0; d < 2; ++d) {
        const CchSearchGraph& a = d == 0 ? one.forward_graph() : one.backward_graph();
        const CchSearchGraph& b = d == 0 ? two.forward_graph() : two.backward_graph();
        EXPECT_EQ(a.first_out, b.first_out);
        EXPECT_EQ(a.cch_arc, b.cch_arc);
    }
    // Basic and perfect weights, vias, and the two search graphs (12 bytes
    // an entry, plus their first_out arrays).
    const std::size_t entries = one.forward_graph().arcs.size() + one.backward_graph().arcs.size();
    EXPECT_EQ(one.memory_bytes(),
              topology.arc_count() * 24 + entries * 12 + 2 * (topology.node_count() + 1) * 4);
    const std::vector<Weight> short_weights(graph.arc_count() - 1, 1);
    EXPECT_THROW(CchMetric(topology, short_weights), std::invalid_argument);
}

TEST(CchQuery, AsciiOnewayDetourAndUnreachableIsland) {
    const auto grid = parse_ascii_grid(R"(
        a - b - c
        |       |
        d - e > f   g
    )");
    const RoadGraph graph = build_road_graph(grid.network, Profile::car());
    const CchTopology topology(graph);
    const CchMetric metric(topology, graph.travel_time_ms);
    CchQuery query(metric);
    const auto names = [&](const RouteResult& r) {
        std::string s;
        for (NodeIndex v : r.nodes)
            for (const auto& [name, index] : grid.nodes)
                if (index == v) s += name;
        return s;
    };
    const RouteResult forward = query.route(grid.node('d'), grid.node('f'));
    EXPECT_EQ(names(forward), "def");
    EXPECT_NEAR(forward.length_m, 200.0, 1e-3);
    expect_valid_path(graph, graph.travel_time_ms, forward, grid.node('d'), grid.node('f'));
    // Against the arrow: around the block.
    const RouteResult back = query.route(grid.node('f'), grid.node('e'));
    EXPECT_EQ(names(back), "fcbade");
    EXPECT_NEAR(back.length_m, 500.0, 1e-3);
    // On foot the arrow does not count.
    const RoadGraph walk_graph = build_road_graph(grid.network, Profile::walk());
    const CchTopology walk_topology(walk_graph);
    const CchMetric walk_metric(walk_topology, walk_graph.travel_time_ms);
    CchQuery walk(walk_metric);
    EXPECT_EQ(names(walk.route(grid.node('f'), grid.node('e'))), "fe");

    const RouteResult island = query.route(grid.node('a'), grid.node('g'));
    EXPECT_FALSE(island.reachable);
    EXPECT_EQ(island.time_ms, infinite_weight);
    EXPECT_TRUE(island.nodes.empty());
    EXPECT_EQ(island.source_index, invalid_index);
    const RouteResult self = query.route(grid.node('g'), grid.node('g'));
    EXPECT_TRUE(self.reachable);
    EXPECT_EQ(self.time_ms, 0U);
    EXPECT_EQ(names(self), "g");
    EXPECT_THROW(query.route(grid.node('a'), 1000), std::out_of_range);
}

TEST(CchQuery, ClosingEveryWayInCutsOffAndReopeningRestores) {
    const auto grid = parse_ascii_grid(R"(
        a - b - c
        |   |   |
        d - e - f
    )");
    const RoadGraph graph = build_road_graph(grid.network, Profile::walk());
    const CchTopology topology(graph);
    std::vector<Weight> weights = graph.travel_time_ms;
    for (const EdgeIndex e : {grid.edge('b', 'c'), grid.edge('c', 'f')})
        for (ArcIndex a = 0; a < graph.arc_count(); ++a)
            if (graph.edge[a] == e) weights[a] = infinite_weight;
    CchMetric metric(topology, weights);
    CchQuery query(metric);
    EXPECT_FALSE(query.route(grid.node('a'), grid.node('c')).reachable);
    EXPECT_FALSE(query.route(grid.node('c'), grid.node('a')).reachable);
    EXPECT_EQ(query.time_ms(grid.node('c'), grid.node('d')), infinite_weight);
    // e -> f still works, but not through c.
    const RouteResult ef = query.route(grid.node('a'), grid.node('f'));
    ASSERT_TRUE(ef.reachable);
    expect_valid_path(graph, weights, ef, grid.node('a'), grid.node('f'));
    metric.customize(graph.travel_time_ms);
    const RouteResult ac = query.route(grid.node('a'), grid.node('c'));
    ASSERT_TRUE(ac.reachable);
    EXPECT_NEAR(ac.length_m, 200.0, 1e-3);
}

TEST(CchQuery, EndpointsWithOffsetsEqualDijkstra) {
    const RoadGraph graph = build_road_graph(city(40, 21), Profile::car());
    const CchTopology topology(graph);
    const CchMetric metric(topology, graph.travel_time_ms);
    CchQuery cch(metric);
    DijkstraQuery dijkstra(graph);
    Rng rng(5);
    for (int i = 0; i < 300; ++i) {
        std::vector<Endpoint> sources(static_cast<std::size_t>(rng.uniform_int(1, 3)));
        std::vector<Endpoint> targets(static_cast<std::size_t>(rng.uniform_int(1, 3)));
        for (Endpoint& e : sources)
            e = Endpoint{random_node(rng, graph), static_cast<Weight>(rng.uniform_int(0, 90000))};
        for (Endpoint& e : targets)
            e = Endpoint{random_node(rng, graph), static_cast<Weight>(rng.uniform_int(0, 90000))};
        const RouteResult expected = dijkstra.route(sources, targets);
        const RouteResult got = cch.route(sources, targets);
        ASSERT_EQ(got.reachable, expected.reachable);
        ASSERT_EQ(got.time_ms, expected.time_ms);
        if (!got.reachable) continue;
        ASSERT_LT(got.source_index, sources.size());
        ASSERT_LT(got.target_index, targets.size());
        EXPECT_EQ(got.nodes.front(), sources[got.source_index].node);
        EXPECT_EQ(got.nodes.back(), targets[got.target_index].node);
        std::uint64_t path = 0;
        for (const ArcIndex a : got.arcs)
            path += graph.travel_time_ms[a];
        EXPECT_EQ(got.time_ms,
                  sources[got.source_index].offset_ms + path + targets[got.target_index].offset_ms);
    }
    EXPECT_FALSE(cch.route(std::span<const Endpoint>{}, std::span<const Endpoint>{}).reachable);
}

TEST(ManyToMany, EqualsRepeatedOneToOneWithAndWithoutClosures) {
    const RoadNetwork network = city(60, 33);
    const RoadGraph graph = build_road_graph(network, Profile::car());
    const CchTopology topology(graph);
    CchMetric metric(topology, graph.travel_time_ms);
    Rng rng(8);
    std::vector<NodeIndex> sources(37);
    std::vector<NodeIndex> targets(53);
    for (NodeIndex& s : sources)
        s = random_node(rng, graph);
    for (NodeIndex& t : targets)
        t = random_node(rng, graph);
    targets[3] = sources[5]; // a zero entry
    DijkstraQuery dijkstra(graph);
    for (const bool with_closures : {false, true}) {
        SCOPED_TRACE(with_closures ? "closures" : "free flow");
        const std::vector<Weight> weights = with_closures
                                                ? close_one_percent(graph, network.edge_count(), 4)
                                                : graph.travel_time_ms;
        metric.customize(weights);
        CchQuery cch(metric);
        for (const unsigned threads : {1U, 2U, 3U}) {
            const std::vector<Weight> matrix = many_to_many(metric, sources, targets, threads);
            ASSERT_EQ(matrix.size(), sources.size() * targets.size());
            for (std::size_t i = 0; i < sources.size(); ++i) {
                const std::vector<Weight> row = dijkstra.one_to_many(sources[i], targets, weights);
                for (std::size_t j = 0; j < targets.size(); ++j) {
                    ASSERT_EQ(matrix[i * targets.size() + j], row[j]) << i << "," << j;
                    ASSERT_EQ(matrix[i * targets.size() + j], cch.time_ms(sources[i], targets[j]));
                }
            }
        }
        EXPECT_EQ(many_to_many(metric, sources, targets)[5 * targets.size() + 3], 0U);
    }
}

// Many targets: the ranks most walks reach get dense buckets; offsets and
// sums near infinite_weight behave there as in the sparse ones (a sum that
// reaches infinite_weight is unreachable).
TEST(ManyToMany, DenseBucketsWithOffsetsAndSaturation) {
    const RoadGraph graph = build_road_graph(city(30, 7), Profile::car());
    const CchTopology topology(graph);
    const CchMetric metric(topology, graph.travel_time_ms);
    CchQuery cch(metric);
    Rng rng(77);
    std::vector<Endpoint> sources;
    std::vector<Endpoint> targets;
    for (int i = 0; i < 12; ++i)
        sources.push_back({random_node(rng, graph), static_cast<Weight>(rng.uniform_int(0, 9000))});
    for (int j = 0; j < 150; ++j)
        targets.push_back({random_node(rng, graph), static_cast<Weight>(rng.uniform_int(0, 9000))});
    // One source so late that every sum but one to itself saturates.
    sources.push_back({targets[0].node, infinite_weight - 1 - targets[0].offset_ms});
    const std::vector<Weight> matrix = many_to_many(metric, sources, targets, 2);
    for (std::size_t i = 0; i < sources.size(); ++i)
        for (std::size_t j = 0; j < targets.size(); ++j) {
            const std::uint64_t sum = std::uint64_t{sources[i].offset_ms} +
                                      cch.time_ms(sources[i].node, targets[j].node) +
                                      targets[j].offset_ms;
            const Weight expected =
                sum >= infinite_weight ? infinite_weight : static_cast<Weight>(sum);
            ASSERT_EQ(matrix[i * targets.size() + j], expected) << i << "," << j;
        }
    EXPECT_EQ(matrix[12 * targets.size()], infinite_weight - 1);
}

TEST(ManyToMany, OffsetsAndEmptyInputs) {
    const RoadGraph graph = build_road_graph(city(30, 2), Profile::walk());
    const CchTopology topology(graph);
    const CchMetric metric(topology, graph.travel_time_ms);
    CchQuery cch(metric);
    const std::vector<Endpoint> sources{{0, 1000}, {17, 0}, {250, 5}};
    const std::vector<Endpoint> targets{{400, 7}, {0, 0}};
    const std::vector<Weight> matrix = many_to_many(metric, sources, targets);
    ASSERT_EQ(matrix.size(), 6U);
    for (std::size_t i = 0; i < sources.size(); ++i)
        for (std::size_t j = 0; j < targets.size(); ++j) {
            const Weight plain = cch.time_ms(sources[i].node, targets[j].node);
            ASSERT_NE(plain, infinite_weight);
            EXPECT_EQ(matrix[i * 2 + j], plain + sources[i].offset_ms + targets[j].offset_ms);
        }
    EXPECT_TRUE(
        many_to_many(metric, std::span<const NodeIndex>{}, std::vector<NodeIndex>{1}).empty());
    EXPECT_THROW(many_to_many(metric, std::vector<NodeIndex>{0},
                              std::vector<NodeIndex>{static_cast<NodeIndex>(graph.node_count())}),
                 std::out_of_range);
}

} // namespace
} // namespace breathline::geo::road
