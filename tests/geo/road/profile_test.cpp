#include "geo/road/profile.h"
#include "tests/geo/road/ascii_grid.h"

#include <gtest/gtest.h>

namespace breathline::geo::road {
namespace {

using testing::parse_ascii_grid;

TEST(RoadClass, RoundTripsEveryClassAndDropsUnroutableValues) {
    for (int i = 0; i + 1 < road_class_count; ++i) {
        const auto c = static_cast<RoadClass>(i);
        EXPECT_EQ(parse_road_class(to_string(c)), c) << to_string(c);
    }
    EXPECT_EQ(parse_road_class("motorway_link"), RoadClass::motorway_link);
    EXPECT_EQ(parse_road_class("tertiary_link"), RoadClass::tertiary_link);
    EXPECT_EQ(parse_road_class("road"), RoadClass::other);
    for (const char* dropped : {"construction", "proposed", "platform", "bus_stop", "raceway",
                                "corridor", "elevator", "busway", "other", "", "Primary"})
        EXPECT_FALSE(parse_road_class(dropped).has_value()) << dropped;
}

TEST(Profile, CarSpeedsByClassAndMaxspeedOnlyLowers) {
    const Profile car = Profile::car();
    RoadEdge e;
    e.road_class = RoadClass::primary;
    EXPECT_DOUBLE_EQ(*car.speed_for(e), 35.0);
    e.maxspeed_kmh = 30; // 30 × 0.9 = 27 < 35
    EXPECT_DOUBLE_EQ(*car.speed_for(e), 27.0);
    e.maxspeed_kmh = 80; // 72 > 35: class speed stays
    EXPECT_DOUBLE_EQ(*car.speed_for(e), 35.0);
    e.road_class = RoadClass::motorway_link;
    e.maxspeed_kmh.reset();
    EXPECT_DOUBLE_EQ(*car.speed_for(e), 60.0);
    for (const RoadClass c :
         {RoadClass::footway, RoadClass::pedestrian, RoadClass::steps, RoadClass::path,
          RoadClass::cycleway, RoadClass::track, RoadClass::other}) {
        e.road_class = c;
        EXPECT_FALSE(car.speed_for(e).has_value()) << to_string(c);
    }
}

TEST(Profile, WalkIsConstantSpeedWithoutMotorwaysAndTrunkLinks) {
    const Profile walk = Profile::walk();
    RoadEdge e;
    e.maxspeed_kmh = 2; // ignored on foot
    for (int i = 0; i < road_class_count; ++i) {
        e.road_class = static_cast<RoadClass>(i);
        const bool banned = e.road_class == RoadClass::motorway ||
                            e.road_class == RoadClass::motorway_link ||
                            e.road_class == RoadClass::trunk_link;
        EXPECT_EQ(walk.speed_for(e).has_value(), !banned) << to_string(e.road_class);
        if (!banned) {
            EXPECT_DOUBLE_EQ(*walk.speed_for(e), 4.5);
        }
    }
    EXPECT_DOUBLE_EQ(*Profile::walk(3.0).speed_for(RoadEdge{}), 3.0);
    EXPECT_THROW(Profile::walk(0.0), std::invalid_argument);
}

TEST(BuildRoadGraph, OnewayHonouredByCarIgnoredByWalk) {
    const auto grid = parse_ascii_grid(R"(
        a > b - c
        |       ^
        d - e - f
    )");
    const RoadGraph car = build_road_graph(grid.network, Profile::car());
    const RoadGraph walk = build_road_graph(grid.network, Profile::walk());
    // 6 edges: 2 one-way, 4 two-way.
    EXPECT_EQ(car.arc_count(), 2u + 4u * 2u);
    EXPECT_EQ(walk.arc_count(), 12u);
    const auto has_arc = [](const RoadGraph& g, NodeIndex u, NodeIndex v) {
        for (const NodeIndex h : g.out_heads(u))
            if (h == v) return true;
        return false;
    };
    const NodeIndex a = grid.node('a'), b = grid.node('b'), c = grid.node('c'), f = grid.node('f');
    EXPECT_TRUE(has_arc(car, a, b));
    EXPECT_FALSE(has_arc(car, b, a));
    EXPECT_TRUE(has_arc(car, f, c));
    EXPECT_FALSE(has_arc(car, c, f));
    EXPECT_TRUE(has_arc(walk, b, a));
    EXPECT_TRUE(has_arc(walk, c, f));
    // Arcs sorted by tail: first_out is monotone and covers all arcs.
    ASSERT_EQ(car.first_out.size(), grid.network.node_count() + 1);
    EXPECT_EQ(car.first_out.back(), car.arc_count());
    for (std::size_t v = 0; v < car.node_count(); ++v)
        EXPECT_LE(car.first_out[v], car.first_out[v + 1]);
}

TEST(BuildRoadGraph, TravelTimeIsRoundedMillisecondsAtLeastOne) {
    auto grid = parse_ascii_grid("a - b - c");
    grid.network.edges[grid.edge('b', 'c')].length_m = 0.001;
    const RoadGraph car = build_road_graph(grid.network, Profile::car());
    const RoadGraph walk = build_road_graph(grid.network, Profile::walk());
    for (ArcIndex i = 0; i < car.arc_count(); ++i) {
        const bool short_edge = car.edge[i] == grid.edge('b', 'c');
        // 100 m at 20 km/h = 18 s; 0.001 m rounds to 0 and is lifted to 1 ms.
        EXPECT_EQ(car.travel_time_ms[i], short_edge ? 1u : 18000u);
        // 100 m at 4.5 km/h = 80 s.
        EXPECT_EQ(walk.travel_time_ms[i], short_edge ? 1u : 80000u);
        EXPECT_FLOAT_EQ(car.length_m[i], short_edge ? 0.001f : 100.0f);
    }
}

TEST(BuildRoadGraph, ExcludedClassesHaveNoArcs) {
    auto grid = parse_ascii_grid("a - b - c");
    grid.network.edges[grid.edge('a', 'b')].road_class = RoadClass::footway;
    grid.network.edges[grid.edge('b', 'c')].road_class = RoadClass::motorway;
    const RoadGraph car = build_road_graph(grid.network, Profile::car());
    const RoadGraph walk = build_road_graph(grid.network, Profile::walk());
    ASSERT_EQ(car.arc_count(), 2u);
    EXPECT_EQ(car.edge[0], grid.edge('b', 'c'));
    ASSERT_EQ(walk.arc_count(), 2u);
    EXPECT_EQ(walk.edge[0], grid.edge('a', 'b'));
}

TEST(AsciiGrid, ParsesPositionsLengthsAndRejectsBadDrawings) {
    const auto grid = parse_ascii_grid(R"(
        a - b
        v
        c
    )");
    EXPECT_DOUBLE_EQ(grid.network.edges[grid.edge('a', 'b')].length_m, 100.0);
    EXPECT_EQ(grid.network.edges[grid.edge('a', 'c')].oneway, Oneway::forward);
    EXPECT_EQ(grid.network.edges[grid.edge('a', 'c')].from, grid.node('a'));
    EXPECT_NEAR(grid.plane.at('b').x_east_m - grid.plane.at('a').x_east_m, 100.0, 1e-9);
    EXPECT_NEAR(grid.plane.at('a').y_north_m - grid.plane.at('c').y_north_m, 100.0, 1e-9);
    // b is east of a, c south of a.
    EXPECT_GT(grid.network.nodes[grid.node('b')].lon(), grid.network.nodes[grid.node('a')].lon());
    EXPECT_LT(grid.network.nodes[grid.node('c')].lat(), grid.network.nodes[grid.node('a')].lat());
    EXPECT_THROW(parse_ascii_grid("a - a"), std::invalid_argument);
    EXPECT_THROW(parse_ascii_grid("a - b -"), std::invalid_argument);
    EXPECT_THROW(parse_ascii_grid("a > < b"), std::invalid_argument);
    EXPECT_THROW(parse_ascii_grid("a * b"), std::invalid_argument);
    EXPECT_THROW(grid.edge('b', 'c'), std::out_of_range);
}

} // namespace
} // namespace breathline::geo::road
