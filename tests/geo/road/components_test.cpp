#include "geo/random.h"
#include "geo/road/components.h"
#include "geo/road/dijkstra.h"
#include "geo/road/grid_generator.h"
#include "geo/road/snapping.h"
#include "tests/geo/road/ascii_grid.h"

#include <gtest/gtest.h>
#include <utility>

namespace breathline::geo::road {
namespace {

using testing::parse_ascii_grid;

TEST(Components, OnewayTrapIsOutsideTheLargestComponentForCarsOnly) {
    // d can be entered from c but never left: a trap for cars, not walkers.
    auto grid = parse_ascii_grid(R"(
        a - b - c > d
        |   |
        e - f       g - h
    )");
    const RoadGraph car = build_road_graph(grid.network, Profile::car());
    const StronglyConnectedComponents scc = strongly_connected_components(car);
    ASSERT_EQ(scc.component.size(), 8u);
    EXPECT_EQ(scc.count, 3u); // {a,b,c,e,f}, {d}, {g,h}
    const auto comp = [&](char n) { return scc.component[grid.node(n)]; };
    for (const char n : {'b', 'c', 'e', 'f'})
        EXPECT_EQ(comp(n), comp('a')) << n;
    EXPECT_NE(comp('d'), comp('a'));
    EXPECT_EQ(comp('g'), comp('h'));
    EXPECT_NE(comp('g'), comp('a'));
    EXPECT_EQ(scc.largest, comp('a'));
    EXPECT_EQ(scc.sizes[scc.largest], 5u);

    const ComponentReport report = mark_largest_scc(grid.network, Profile::car());
    EXPECT_EQ(report.component_count, 3u);
    EXPECT_EQ(report.largest_size, 5u);
    EXPECT_EQ(report.other_sizes, (std::vector<std::size_t>{2, 1}));
    EXPECT_EQ(report.nodes_outside, 3u);
    ASSERT_EQ(grid.network.in_largest_component.size(), 8u);
    for (const char n : {'a', 'b', 'c', 'e', 'f'})
        EXPECT_TRUE(grid.network.in_largest_component[grid.node(n)]) << n;
    for (const char n : {'d', 'g', 'h'})
        EXPECT_FALSE(grid.network.in_largest_component[grid.node(n)]) << n;

    // On foot the one-way does not apply: the trap joins the big component.
    const StronglyConnectedComponents on_foot =
        strongly_connected_components(build_road_graph(grid.network, Profile::walk()));
    EXPECT_EQ(on_foot.count, 2u);
    EXPECT_EQ(on_foot.component[grid.node('d')], on_foot.component[grid.node('a')]);
}

TEST(Components, NodeOnlyOnFootwaysIsASingletonForCars) {
    auto grid = parse_ascii_grid("a - b - c");
    grid.network.edges[grid.edge('b', 'c')].road_class = RoadClass::footway;
    const ComponentReport report = mark_largest_scc(grid.network, Profile::car());
    EXPECT_EQ(report.component_count, 2u);
    EXPECT_EQ(report.largest_size, 2u);
    EXPECT_FALSE(grid.network.in_largest_component[grid.node('c')]);
}

TEST(Components, IterativeOnAMillionNodeChain) {
    // A recursive Tarjan would need a million nested calls here.
    RoadNetwork chain;
    const std::size_t n = 1'000'000;
    chain.nodes.assign(n, LonLat(139.7, 35.7));
    chain.edges.resize(n - 1);
    for (std::size_t i = 0; i + 1 < n; ++i) {
        chain.edges[i].from = static_cast<NodeIndex>(i);
        chain.edges[i].to = static_cast<NodeIndex>(i + 1);
        chain.edges[i].length_m = 10;
        chain.edges[i].road_class = RoadClass::residential;
    }
    // The last segment is one-way away from the end: the last node is a trap.
    chain.edges.back().oneway = Oneway::forward;
    const ComponentReport report = mark_largest_scc(chain, Profile::car());
    EXPECT_EQ(report.component_count, 2u);
    EXPECT_EQ(report.largest_size, n - 1);
    EXPECT_FALSE(chain.in_largest_component.back());
    EXPECT_TRUE(chain.in_largest_component.front());
}

TEST(Components, AgreesWithMutualReachabilityOnGeneratedCity) {
    GridCityOptions o;
    o.rows = 30;
    o.cols = 30;
    o.seed = 11;
    o.missing_share = 0.25; // many islands and traps
    o.oneway_share = 0.4;
    const RoadNetwork city = generate_city_grid(o);
    const RoadGraph g = build_road_graph(city, Profile::car());
    const StronglyConnectedComponents scc = strongly_connected_components(g);
    EXPECT_GT(scc.count, 1u);
    DijkstraQuery q(g);
    Rng rng(5);
    std::size_t same = 0;
    for (int i = 0; i < 1500; ++i) {
        const auto s = static_cast<NodeIndex>(rng.uniform_int(0, g.node_count() - 1));
        // Half the pairs are neighbours-ish so that both outcomes occur often.
        const auto t = static_cast<NodeIndex>(
            i % 2 == 0 ? rng.uniform_int(0, g.node_count() - 1)
                       : std::min<std::int64_t>(g.node_count() - 1, s + rng.uniform_int(0, 3)));
        const bool mutual = q.route(s, t).reachable && q.route(t, s).reachable;
        ASSERT_EQ(mutual, scc.component[s] == scc.component[t]) << s << " " << t;
        same += mutual ? 1 : 0;
    }
    EXPECT_GT(same, 100u);
    EXPECT_LT(same, 1500u);
}

TEST(Components, FootwayAreaIsInTheWalkComponentOnly) {
    // A pedestrian precinct (footways e-f-g-h) reachable from the street
    // grid only on foot, plus a one-way trap d for cars.
    auto grid = parse_ascii_grid(R"(
        a - b - c > d
        |   |
        e - f - g
            |   |
            h - i
    )");
    for (const auto& [x, y] :
         {std::pair{'a', 'e'}, std::pair{'b', 'f'}, std::pair{'e', 'f'}, std::pair{'f', 'g'},
          std::pair{'f', 'h'}, std::pair{'g', 'i'}, std::pair{'h', 'i'}})
        grid.network.edges[grid.edge(x, y)].road_class = RoadClass::footway;
    grid.network.edges[grid.edge('b', 'c')].road_class = RoadClass::residential;
    mark_largest_scc(grid.network, Profile::car());
    const std::vector<bool> car = largest_component_nodes(grid.network, Profile::car());
    const std::vector<bool> walk = largest_component_nodes(grid.network, Profile::walk());
    EXPECT_EQ(car, grid.network.in_largest_component);
    for (const char n : {'a', 'b', 'c'})
        EXPECT_TRUE(car[grid.node(n)]) << n;
    for (const char n : {'d', 'e', 'f', 'g', 'h', 'i'})
        EXPECT_FALSE(car[grid.node(n)]) << n;
    for (const char n : {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'})
        EXPECT_TRUE(walk[grid.node(n)]) << n;

    // A walker in the precinct snaps onto its footway; a car onto the street.
    const EdgeSnapper walk_snapper(grid.network, walk);
    const EdgeSnapper car_snapper(grid.network, car);
    const LonLat p = grid.near('h', 50, 10); // 10 m above footway h-i
    EXPECT_EQ(walk_snapper.snap(p, Profile::walk()).value().edge, grid.edge('h', 'i'));
    const SnapResult by_car = car_snapper.snap(p, Profile::car()).value();
    EXPECT_TRUE(by_car.edge == grid.edge('a', 'b') || by_car.edge == grid.edge('b', 'c'))
        << by_car.edge;
    // The car's component keeps walkers off the footway: the old behaviour.
    EXPECT_NE(car_snapper.snap(p, Profile::walk()).value().edge, grid.edge('h', 'i'));
    // And a route on foot from the street into the precinct exists.
    const RoadGraph on_foot = build_road_graph(grid.network, Profile::walk());
    DijkstraQuery q(on_foot);
    std::vector<Weight> dist;
    q.one_to_all(grid.node('a'), infinite_weight - 1, {}, dist);
    EXPECT_LT(dist[grid.node('i')], infinite_weight);
}

TEST(Components, NoUsableArcMarksNothing) {
    auto grid = parse_ascii_grid("a - b");
    grid.network.edges[grid.edge('a', 'b')].road_class = RoadClass::footway;
    EXPECT_EQ(largest_component_nodes(grid.network, Profile::car()), std::vector<bool>(2, false));
    EXPECT_EQ(largest_component_nodes(grid.network, Profile::walk()), std::vector<bool>(2, true));
}

} // namespace
} // namespace breathline::geo::road
