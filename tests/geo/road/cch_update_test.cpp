#include "geo/random.h"
#include "geo/road/cch.h"
#include "geo/road/dijkstra.h"
#include "geo/road/grid_generator.h"
#include "geo/road/profile.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace breathline::geo::road {
namespace {

RoadGraph city_graph(std::uint32_t size, const Profile& profile) {
    GridCityOptions options;
    options.rows = size;
    options.cols = size;
    options.seed = 5;
    options.arterial_every = 6;
    options.expressway_every = 12;
    options.ramp_every = 4;
    return build_road_graph(generate_city_grid(options), profile);
}

/// Every up/down weight and via, every perfect weight and both pruned
/// search graphs of `partial` equal a full customization.
void expect_same_metric(const CchMetric& partial, const CchMetric& full) {
    ASSERT_EQ(partial.up_weight().size(), full.up_weight().size());
    for (std::size_t a = 0; a < full.up_weight().size(); ++a) {
        const auto arc = static_cast<ArcIndex>(a);
        ASSERT_EQ(partial.up_weight()[a], full.up_weight()[a]) << "CCH arc " << a;
        ASSERT_EQ(partial.down_weight()[a], full.down_weight()[a]) << "CCH arc " << a;
        ASSERT_EQ(partial.up_via(arc), full.up_via(arc)) << "CCH arc " << a;
        ASSERT_EQ(partial.down_via(arc), full.down_via(arc)) << "CCH arc " << a;
        ASSERT_EQ(partial.perfect_up_weight()[a], full.perfect_up_weight()[a]) << "CCH arc " << a;
        ASSERT_EQ(partial.perfect_down_weight()[a], full.perfect_down_weight()[a])
            << "CCH arc " << a;
    }
    for (int d = 0; d < 2; ++d) {
        const CchSearchGraph& p = d == 0 ? partial.forward_graph() : partial.backward_graph();
        const CchSearchGraph& f = d == 0 ? full.forward_graph() : full.backward_graph();
        ASSERT_EQ(p.first_out, f.first_out) << "direction " << d;
        ASSERT_EQ(p.cch_arc, f.cch_arc) << "direction " << d;
        ASSERT_EQ(p.arcs.size(), f.arcs.size()) << "direction " << d;
        for (std::size_t i = 0; i < f.arcs.size(); ++i) {
            ASSERT_EQ(p.arcs[i].head, f.arcs[i].head) << "direction " << d << " entry " << i;
            ASSERT_EQ(p.arcs[i].weight_ms, f.arcs[i].weight_ms)
                << "direction " << d << " entry " << i;
        }
    }
}

class CchPartialCustomization : public ::testing::TestWithParam<const char*> {};

TEST_P(CchPartialCustomization, RandomClosuresReopeningsAndSlowdownsEqualFullCustomization) {
    const Profile profile = std::string(GetParam()) == "car" ? Profile::car() : Profile::walk();
    const RoadGraph graph = city_graph(40, profile);
    const CchTopology topology(graph);
    CchMetric metric(topology, graph.travel_time_ms, 1);
    // The same updates on two threads (partial passes follow the
    // elimination tree in parallel).
    CchMetric metric2(topology, graph.travel_time_ms, 2);
    std::vector<Weight> weights = graph.travel_time_ms;
    Rng rng(21);
    const auto arc_count = static_cast<std::int64_t>(graph.arc_count());
    std::vector<ArcIndex> closed;
    for (int round = 0; round < 30; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        std::vector<ArcIndex> changed;
        // Close a few arcs, reopen some earlier closures, slow down or speed
        // up a few others (weights above and below free flow).
        for (int k = 0; k < 1 + round % 5; ++k) {
            const auto a = static_cast<ArcIndex>(rng.uniform_int(0, arc_count - 1));
            weights[a] = infinite_weight;
            closed.push_back(a);
            changed.push_back(a);
        }
        if (round % 3 == 2) {
            for (std::size_t k = 0; k < closed.size(); k += 2) {
                weights[closed[k]] = graph.travel_time_ms[closed[k]];
                changed.push_back(closed[k]);
            }
        }
        for (int k = 0; k < 3; ++k) {
            const auto a = static_cast<ArcIndex>(rng.uniform_int(0, arc_count - 1));
            weights[a] = static_cast<Weight>(rng.uniform_int(1, 200000));
            changed.push_back(a);
        }
        const std::size_t evaluated = metric.customize_changed(weights, changed);
        EXPECT_GT(evaluated, 0U);
        EXPECT_LT(evaluated, topology.arc_count());
        EXPECT_EQ(metric2.customize_changed(weights, changed), evaluated);
        const CchMetric full(topology, weights, 1);
        expect_same_metric(metric, full);
        if (::testing::Test::HasFatalFailure()) return;
        expect_same_metric(metric2, full);
        if (::testing::Test::HasFatalFailure()) return;
    }
    // Everything back to free flow.
    std::vector<ArcIndex> all_changed;
    for (std::size_t a = 0; a < weights.size(); ++a)
        if (weights[a] != graph.travel_time_ms[a]) all_changed.push_back(static_cast<ArcIndex>(a));
    ASSERT_FALSE(all_changed.empty());
    metric.customize_changed(graph.travel_time_ms, all_changed);
    expect_same_metric(metric, CchMetric(topology, graph.travel_time_ms, 1));
}

INSTANTIATE_TEST_SUITE_P(Profiles, CchPartialCustomization, ::testing::Values("car", "walk"));

TEST(CchCustomizeChanged, QueriesAfterPartialUpdateMatchDijkstra) {
    const RoadGraph graph = city_graph(30, Profile::car());
    const CchTopology topology(graph);
    CchMetric metric(topology, graph.travel_time_ms);
    std::vector<Weight> weights = graph.travel_time_ms;
    Rng rng(8);
    std::vector<ArcIndex> changed;
    for (int k = 0; k < 40; ++k) {
        const auto a = static_cast<ArcIndex>(
            rng.uniform_int(0, static_cast<std::int64_t>(graph.arc_count()) - 1));
        weights[a] = infinite_weight;
        changed.push_back(a);
    }
    metric.customize_changed(weights, changed);
    DijkstraQuery dijkstra(graph);
    CchQuery cch(metric);
    std::vector<Weight> dist;
    for (int i = 0; i < 20; ++i) {
        const auto s = static_cast<NodeIndex>(
            rng.uniform_int(0, static_cast<std::int64_t>(graph.node_count()) - 1));
        dijkstra.one_to_all(s, infinite_weight - 1, weights, dist);
        for (NodeIndex t = 0; t < graph.node_count(); t += 37) {
            const RouteResult route = cch.route(s, t);
            ASSERT_EQ(route.time_ms, dist[t]) << "s=" << s << " t=" << t;
            if (!route.reachable) continue;
            for (ArcIndex a : route.arcs)
                ASSERT_NE(weights[a], infinite_weight) << "closed arc " << a << " used";
        }
    }
}

TEST(CchCustomizeChanged, UnchangedArcsDoNotPropagateAndBadInputThrows) {
    const RoadGraph graph = city_graph(12, Profile::walk());
    const CchTopology topology(graph);
    CchMetric metric(topology, graph.travel_time_ms);
    const std::vector<ArcIndex> same{0, 1, 2, 2};
    // The ranks holding the unchanged arcs are re-evaluated, nothing above.
    std::set<NodeIndex> tails;
    for (ArcIndex a : same)
        tails.insert(topology.tail_of(topology.input_arc_slot(a) >> 1));
    std::size_t own_arcs = 0;
    for (NodeIndex y : tails)
        own_arcs += topology.up_first_out()[y + 1] - topology.up_first_out()[y];
    EXPECT_EQ(metric.customize_changed(graph.travel_time_ms, same), own_arcs);
    EXPECT_EQ(metric.customize_changed(graph.travel_time_ms, {}), 0U);
    const std::vector<ArcIndex> outside{static_cast<ArcIndex>(graph.arc_count())};
    EXPECT_THROW(metric.customize_changed(graph.travel_time_ms, outside), std::out_of_range);
    const std::vector<Weight> short_weights(graph.arc_count() - 1, 1);
    EXPECT_THROW(metric.customize_changed(short_weights, same), std::invalid_argument);
}

} // namespace
} // namespace breathline::geo::road
