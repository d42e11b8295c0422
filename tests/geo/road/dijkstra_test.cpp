#include "geo/random.h"
#include "geo/road/dijkstra.h"
#include "geo/road/grid_generator.h"
#include "geo/road/profile.h"
#include "tests/geo/road/ascii_grid.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <initializer_list>

namespace breathline::geo::road {
namespace {

using testing::AsciiGrid;
using testing::parse_ascii_grid;

// Arc weights with every arc of the listed edges closed.
std::vector<Weight> closed(const RoadGraph& g, std::initializer_list<EdgeIndex> edges) {
    std::vector<Weight> w = g.travel_time_ms;
    for (ArcIndex a = 0; a < g.arc_count(); ++a)
        if (std::find(edges.begin(), edges.end(), g.edge[a]) != edges.end()) w[a] = infinite_weight;
    return w;
}

std::vector<NodeIndex> nodes_of(const AsciiGrid& grid, const std::string& names) {
    std::vector<NodeIndex> v;
    for (const char c : names)
        v.push_back(grid.node(c));
    return v;
}

const char* const square = R"(
    a - b - c
    |       |
    d - e > f
)";

TEST(Dijkstra, CarHonoursOnewayWalkIgnoresIt) {
    const AsciiGrid grid = parse_ascii_grid(square);
    const RoadGraph car = build_road_graph(grid.network, Profile::car());
    const RoadGraph walk = build_road_graph(grid.network, Profile::walk());
    DijkstraQuery car_q(car);
    DijkstraQuery walk_q(walk);

    const RouteResult by_car = car_q.route(grid.node('f'), grid.node('e'));
    ASSERT_TRUE(by_car.reachable);
    EXPECT_EQ(by_car.nodes, nodes_of(grid, "fcbade")); // the long way round
    EXPECT_EQ(by_car.time_ms, 5u * 18000u);            // 5 × 100 m at 20 km/h
    EXPECT_DOUBLE_EQ(by_car.length_m, 500.0);
    ASSERT_EQ(by_car.arcs.size(), 5u);
    for (std::size_t i = 0; i < by_car.arcs.size(); ++i)
        EXPECT_EQ(car.head[by_car.arcs[i]], by_car.nodes[i + 1]);

    const RouteResult on_foot = walk_q.route(grid.node('f'), grid.node('e'));
    ASSERT_TRUE(on_foot.reachable);
    EXPECT_EQ(on_foot.nodes, nodes_of(grid, "fe"));
    EXPECT_EQ(on_foot.time_ms, 80000u); // 100 m at 4.5 km/h

    // The same way in the allowed direction is direct for the car too.
    EXPECT_EQ(car_q.route(grid.node('e'), grid.node('f')).nodes, nodes_of(grid, "ef"));
}

TEST(Dijkstra, ClosureCuttingOffDestinationIsUnreachableValue) {
    const AsciiGrid grid = parse_ascii_grid(square);
    const RoadGraph car = build_road_graph(grid.network, Profile::car());
    DijkstraQuery q(car);
    const std::vector<Weight> w = closed(car, {grid.edge('c', 'f'), grid.edge('e', 'f')});
    RouteResult r;
    ASSERT_NO_THROW(r = q.route(grid.node('a'), grid.node('f'), w));
    EXPECT_FALSE(r.reachable);
    EXPECT_EQ(r.time_ms, infinite_weight);
    EXPECT_TRUE(r.nodes.empty());
    EXPECT_TRUE(r.arcs.empty());
    EXPECT_EQ(q.one_to_many(grid.node('a'), nodes_of(grid, "fb"), w),
              (std::vector<Weight>{infinite_weight, 18000u}));
    // Reopened (no override), the same query object finds it again.
    EXPECT_TRUE(q.route(grid.node('a'), grid.node('f')).reachable);
}

TEST(Dijkstra, ClosedEdgeForcesDetourAndIsNeverUsed) {
    const AsciiGrid grid = parse_ascii_grid(square);
    const RoadGraph car = build_road_graph(grid.network, Profile::car());
    DijkstraQuery q(car);
    AStarQuery astar(car);
    EXPECT_EQ(q.route(grid.node('a'), grid.node('c')).time_ms, 2u * 18000u);
    const std::vector<Weight> w = closed(car, {grid.edge('b', 'c')});
    for (const RouteResult& r : {q.route(grid.node('a'), grid.node('c'), w),
                                 astar.route(grid.node('a'), grid.node('c'), w)}) {
        ASSERT_TRUE(r.reachable);
        EXPECT_EQ(r.nodes, nodes_of(grid, "adefc"));
        EXPECT_EQ(r.time_ms, 4u * 18000u);
        for (const ArcIndex a : r.arcs)
            EXPECT_NE(car.edge[a], grid.edge('b', 'c'));
    }
}

TEST(Dijkstra, SameSourceAndTargetIsZeroRouteOfOneNode) {
    const AsciiGrid grid = parse_ascii_grid(square);
    const RoadGraph car = build_road_graph(grid.network, Profile::car());
    DijkstraQuery q(car);
    const RouteResult r = q.route(grid.node('b'), grid.node('b'));
    EXPECT_TRUE(r.reachable);
    EXPECT_EQ(r.time_ms, 0u);
    EXPECT_EQ(r.nodes, nodes_of(grid, "b"));
    EXPECT_TRUE(r.arcs.empty());
}

TEST(Dijkstra, EndpointsWithOffsetsPickTheCheapestPair) {
    const AsciiGrid grid = parse_ascii_grid("a - b - c - d - e");
    const RoadGraph walk = build_road_graph(grid.network, Profile::walk());
    DijkstraQuery q(walk);
    AStarQuery astar(walk);
    // Two candidate starts: a (cheap offset, far) and c (expensive offset, near).
    const std::vector<Endpoint> sources{{grid.node('a'), 1000}, {grid.node('c'), 170000}};
    const std::vector<Endpoint> targets{{grid.node('e'), 5000}, {grid.node('d'), 90000}};
    // a→d: 240 s + 1 s + 90 s = 331 s; a→e: 320 + 1 + 5 = 326 s;
    // c→d: 80 + 170 + 90 = 340 s; c→e: 160 + 170 + 5 = 335 s.
    for (const RouteResult& r : {q.route(sources, targets), astar.route(sources, targets)}) {
        ASSERT_TRUE(r.reachable);
        EXPECT_EQ(r.time_ms, 326000u);
        EXPECT_EQ(r.source_index, 0u);
        EXPECT_EQ(r.target_index, 0u);
        EXPECT_EQ(r.nodes, nodes_of(grid, "abcde"));
        EXPECT_DOUBLE_EQ(r.length_m, 400.0);
    }
    EXPECT_EQ(q.one_to_many(sources, targets), (std::vector<Weight>{326000u, 331000u}));
    EXPECT_FALSE(q.route(sources, {}).reachable);
    EXPECT_FALSE(q.route({}, targets).reachable);
}

TEST(Dijkstra, OneToAllRespectsTheLimit) {
    const AsciiGrid grid = parse_ascii_grid("a - b - c - d - e");
    const RoadGraph car = build_road_graph(grid.network, Profile::car());
    DijkstraQuery q(car);
    std::vector<Weight> dist;
    q.one_to_all(grid.node('b'), 36000, {}, dist);
    ASSERT_EQ(dist.size(), 5u);
    EXPECT_EQ(dist[grid.node('a')], 18000u);
    EXPECT_EQ(dist[grid.node('b')], 0u);
    EXPECT_EQ(dist[grid.node('d')], 36000u);
    EXPECT_EQ(dist[grid.node('e')], infinite_weight); // 54 s > 36 s
    const std::vector<Endpoint> start{{grid.node('a'), 10000}, {grid.node('b'), 9000}};
    q.one_to_all(start, 40000, {}, dist);
    EXPECT_EQ(dist[grid.node('a')], 10000u);
    EXPECT_EQ(dist[grid.node('c')], 27000u);
    EXPECT_EQ(dist[grid.node('e')], infinite_weight); // 63 s
    EXPECT_THROW(q.route(grid.node('a'), grid.node('b'), std::vector<Weight>(3, 1)),
                 std::invalid_argument);
}

class GeneratedCity : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        GridCityOptions o;
        o.rows = 80;
        o.cols = 90;
        o.seed = 7;
        o.expressway_every = 30;
        o.ramp_every = 10;
        city = new RoadNetwork(generate_city_grid(o));
    }
    static void TearDownTestSuite() {
        delete city;
        city = nullptr;
    }
    static RoadNetwork* city;
};
RoadNetwork* GeneratedCity::city = nullptr;

TEST_F(GeneratedCity, AStarEqualsDijkstraOn2000RandomPairsBothProfilesWithClosures) {
    for (const Profile& profile : {Profile::car(), Profile::walk()}) {
        const RoadGraph g = build_road_graph(*city, profile);
        DijkstraQuery dijkstra(g);
        AStarQuery astar(g);
        ASSERT_GT(astar.ms_per_m(), 0.0);
        // Close 1% of the arcs at random.
        Rng rng(42);
        std::vector<Weight> w = g.travel_time_ms;
        for (ArcIndex a = 0; a < g.arc_count(); ++a)
            if (rng.uniform01() < 0.01) w[a] = infinite_weight;
        std::size_t unreachable = 0, astar_settled = 0, dijkstra_settled = 0;
        for (int i = 0; i < 2000; ++i) {
            const auto s = static_cast<NodeIndex>(rng.uniform_int(0, g.node_count() - 1));
            const auto t = static_cast<NodeIndex>(rng.uniform_int(0, g.node_count() - 1));
            const std::span<const Weight> weights =
                i % 2 == 0 ? std::span<const Weight>{} : std::span<const Weight>(w);
            const RouteResult d = dijkstra.route(s, t, weights);
            dijkstra_settled += dijkstra.settled_count();
            const RouteResult a = astar.route(s, t, weights);
            astar_settled += astar.settled_count();
            ASSERT_EQ(d.reachable, a.reachable) << profile.name << " " << s << "→" << t;
            ASSERT_EQ(d.time_ms, a.time_ms) << profile.name << " " << s << "→" << t;
            if (!d.reachable) {
                ++unreachable;
                continue;
            }
            // A*'s path is a real path of that time.
            Weight sum = 0;
            for (const ArcIndex arc : a.arcs)
                sum += weights.empty() ? g.travel_time_ms[arc] : weights[arc];
            ASSERT_EQ(sum, a.time_ms);
            ASSERT_EQ(a.nodes.front(), s);
            ASSERT_EQ(a.nodes.back(), t);
        }
        // The fixture has islands and one-way traps, but most pairs connect.
        EXPECT_LT(unreachable, 400u) << profile.name;
        EXPECT_LT(astar_settled, dijkstra_settled) << profile.name;
    }
}

TEST_F(GeneratedCity, OneToManyEqualsRepeatedRoute) {
    const RoadGraph g = build_road_graph(*city, Profile::car());
    DijkstraQuery many(g);
    DijkstraQuery single(g);
    Rng rng(3);
    std::vector<NodeIndex> targets(200);
    for (NodeIndex& t : targets)
        t = static_cast<NodeIndex>(rng.uniform_int(0, g.node_count() - 1));
    targets.push_back(targets.front()); // duplicates are allowed
    for (int i = 0; i < 20; ++i) {
        const auto s = static_cast<NodeIndex>(rng.uniform_int(0, g.node_count() - 1));
        const std::vector<Weight> times = many.one_to_many(s, targets);
        ASSERT_EQ(times.size(), targets.size());
        for (std::size_t k = 0; k < targets.size(); ++k)
            ASSERT_EQ(times[k], single.route(s, targets[k]).time_ms) << s << "→" << targets[k];
        std::vector<Weight> all;
        many.one_to_all(s, infinite_weight - 1, {}, all);
        for (std::size_t k = 0; k < targets.size(); ++k)
            ASSERT_EQ(all[targets[k]], times[k]);
    }
}

} // namespace
} // namespace breathline::geo::road
