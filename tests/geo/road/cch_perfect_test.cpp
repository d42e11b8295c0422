#include "geo/random.h"
#include "geo/road/cch.h"
#include "geo/road/dijkstra.h"
#include "geo/road/grid_generator.h"
#include "geo/road/profile.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace breathline::geo::road {
namespace {

RoadGraph city_graph(std::uint32_t size, const Profile& profile, std::uint64_t seed) {
    GridCityOptions options;
    options.rows = size;
    options.cols = size;
    options.seed = seed;
    options.arterial_every = 4;
    options.expressway_every = 8;
    options.ramp_every = 3;
    return build_road_graph(generate_city_grid(options), profile);
}

/// Free-flow weights with every `every`-th arc closed.
std::vector<Weight> with_closures(const RoadGraph& graph, std::size_t every) {
    std::vector<Weight> weights = graph.travel_time_ms;
    for (std::size_t a = 0; a < weights.size(); a += every)
        weights[a] = infinite_weight;
    return weights;
}

class CchPerfectCustomization : public ::testing::TestWithParam<const char*> {};

// Every CCH arc's perfect weights are the all-pairs shortest distances
// between its ends on the road graph (the CCH keeps every distance).
TEST_P(CchPerfectCustomization, PerfectWeightsAreAllPairsDistances) {
    const Profile profile = std::string(GetParam()) == "car" ? Profile::car() : Profile::walk();
    const RoadGraph graph = city_graph(11, profile, 3);
    const CchTopology topology(graph);
    for (const std::size_t every : {std::size_t{0}, std::size_t{7}}) {
        SCOPED_TRACE(every == 0 ? "free flow" : "every 7th arc closed");
        const std::vector<Weight> weights =
            every == 0 ? graph.travel_time_ms : with_closures(graph, every);
        for (const unsigned threads : {1U, 2U}) {
            const CchMetric metric(topology, weights, threads);
            DijkstraQuery dijkstra(graph);
            std::vector<std::vector<Weight>> dist(graph.node_count());
            for (NodeIndex v = 0; v < graph.node_count(); ++v)
                dijkstra.one_to_all(v, infinite_weight - 1, weights, dist[v]);
            std::size_t finite = 0;
            for (NodeIndex lo = 0; lo < topology.node_count(); ++lo)
                for (ArcIndex a = topology.up_first_out()[lo]; a < topology.up_first_out()[lo + 1];
                     ++a) {
                    const NodeIndex u = topology.node_at(lo);
                    const NodeIndex v = topology.node_at(topology.up_head()[a]);
                    ASSERT_EQ(metric.perfect_up_weight()[a], dist[u][v]) << "arc " << a;
                    ASSERT_EQ(metric.perfect_down_weight()[a], dist[v][u]) << "arc " << a;
                    // Never above the basic weight: it is the same minimum
                    // over more paths.
                    ASSERT_LE(metric.perfect_up_weight()[a], metric.up_weight()[a]);
                    ASSERT_LE(metric.perfect_down_weight()[a], metric.down_weight()[a]);
                    finite += dist[u][v] != infinite_weight ? 1 : 0;
                }
            EXPECT_GT(finite, topology.arc_count() / 2);
        }
    }
}

// The search graphs hold exactly the tight arcs: finite basic weight equal
// to the perfect weight, heads ascending, with the CCH arc for unpacking.
TEST_P(CchPerfectCustomization, SearchGraphsHoldExactlyTheTightArcs) {
    const Profile profile = std::string(GetParam()) == "car" ? Profile::car() : Profile::walk();
    const RoadGraph graph = city_graph(25, profile, 4);
    const CchTopology topology(graph);
    const CchMetric metric(topology, with_closures(graph, 11));
    for (int d = 0; d < 2; ++d) {
        SCOPED_TRACE(d == 0 ? "forward" : "backward");
        const CchSearchGraph& g = d == 0 ? metric.forward_graph() : metric.backward_graph();
        const std::span<const Weight> basic = d == 0 ? metric.up_weight() : metric.down_weight();
        const std::span<const Weight> perfect =
            d == 0 ? metric.perfect_up_weight() : metric.perfect_down_weight();
        ASSERT_EQ(g.first_out.size(), topology.node_count() + 1);
        ASSERT_EQ(g.arcs.size(), g.cch_arc.size());
        std::size_t tight = 0;
        std::size_t loose = 0;
        for (NodeIndex r = 0; r < topology.node_count(); ++r) {
            ArcIndex entry = g.first_out[r];
            for (ArcIndex a = topology.up_first_out()[r]; a < topology.up_first_out()[r + 1]; ++a) {
                const bool keep = basic[a] != infinite_weight && basic[a] == perfect[a];
                if (!keep) {
                    loose += basic[a] != infinite_weight ? 1 : 0;
                    continue;
                }
                ++tight;
                ASSERT_LT(entry, g.first_out[r + 1]) << "rank " << r << " lacks arc " << a;
                ASSERT_EQ(g.cch_arc[entry], a);
                ASSERT_EQ(g.arcs[entry].head, topology.up_head()[a]);
                ASSERT_EQ(g.arcs[entry].weight_ms, basic[a]);
                ++entry;
            }
            ASSERT_EQ(entry, g.first_out[r + 1]) << "rank " << r << " has extra entries";
        }
        EXPECT_EQ(tight, g.arcs.size());
        // Pruning removes something real on a city with expressways.
        EXPECT_GT(loose, topology.arc_count() / 10);
    }
}

INSTANTIATE_TEST_SUITE_P(Profiles, CchPerfectCustomization, ::testing::Values("car", "walk"));

// Multi-source queries on the pruned graphs with closures and offsets equal
// Dijkstra, including endpoints cut off by closures.
TEST(CchPrunedQuery, OffsetsAndClosuresEqualDijkstra) {
    const RoadGraph graph = city_graph(30, Profile::car(), 6);
    const CchTopology topology(graph);
    const std::vector<Weight> weights = with_closures(graph, 3);
    const CchMetric metric(topology, weights);
    DijkstraQuery dijkstra(graph);
    CchQuery cch(metric);
    Rng rng(12);
    const auto n = static_cast<std::int64_t>(graph.node_count());
    std::size_t unreachable = 0;
    for (int i = 0; i < 300; ++i) {
        std::vector<Endpoint> sources;
        std::vector<Endpoint> targets;
        for (int k = 0; k < 1 + i % 2; ++k) {
            sources.push_back({static_cast<NodeIndex>(rng.uniform_int(0, n - 1)),
                               static_cast<Weight>(rng.uniform_int(0, 30000))});
            targets.push_back({static_cast<NodeIndex>(rng.uniform_int(0, n - 1)),
                               static_cast<Weight>(rng.uniform_int(0, 30000))});
        }
        const RouteResult expected = dijkstra.route(sources, targets, weights);
        const RouteResult got = cch.route(sources, targets);
        ASSERT_EQ(got.reachable, expected.reachable) << "query " << i;
        ASSERT_EQ(got.time_ms, expected.time_ms) << "query " << i;
        if (!got.reachable) {
            ++unreachable;
            continue;
        }
        std::uint64_t time =
            sources[got.source_index].offset_ms + targets[got.target_index].offset_ms;
        for (const ArcIndex a : got.arcs) {
            ASSERT_NE(weights[a], infinite_weight) << "closed arc " << a << " used";
            time += weights[a];
        }
        EXPECT_EQ(time, got.time_ms) << "query " << i;
        EXPECT_EQ(got.nodes.front(), sources[got.source_index].node);
        EXPECT_EQ(got.nodes.back(), targets[got.target_index].node);
    }
    // One arc in three closed cuts some nodes off: both kinds of answer occur.
    EXPECT_GT(unreachable, 0U);
    EXPECT_LT(unreachable, 300U);
}

} // namespace
} // namespace breathline::geo::road
