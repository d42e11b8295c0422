#include "geo/projection.h"
#include "geo/random.h"
#include "geo/road/grid_generator.h"
#include "geo/road/snapping.h"
#include "tests/geo/road/ascii_grid.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

namespace breathline::geo::road {
namespace {

using testing::parse_ascii_grid;

TEST(Snapping, OffsetDistanceAndAccessTimeOnAStraightEdge) {
    const auto grid = parse_ascii_grid(R"(
        a - b
        |
        c
    )");
    const EdgeSnapper snapper(grid.network);
    const Profile car = Profile::car();
    // 30 m east of a and 10 m north of the a-b road.
    const SnapOutcome out = snapper.snap(grid.near('a', 30, 10), car);
    ASSERT_TRUE(out.ok()) << out.error().message();
    const SnapResult& s = out.value();
    EXPECT_EQ(s.edge, grid.edge('a', 'b'));
    EXPECT_EQ(s.from_node, grid.node('a'));
    EXPECT_EQ(s.to_node, grid.node('b'));
    EXPECT_NEAR(s.offset_m, 30.0, 1e-3);
    EXPECT_NEAR(s.distance_m, 10.0, 1e-3);
    // 10 m × 1.3 at 4.5 km/h = 10.4 s.
    EXPECT_NEAR(s.access_time_s, 10.4, 1e-3);
    EXPECT_FALSE(s.approximate);
    const PlaneProjector projector;
    const PlaneXY on_road = projector.to_plane(s.on_road);
    EXPECT_NEAR(on_road.x_east_m - grid.plane.at('a').x_east_m, 30.0, 1e-3);
    EXPECT_NEAR(on_road.y_north_m - grid.plane.at('a').y_north_m, 0.0, 1e-3);

    // West of a, beyond the end of both edges: snaps onto a itself (offset 0),
    // on the lower-numbered edge of the two that meet there.
    const SnapResult w = snapper.snap(grid.near('a', -40, 0), car).value();
    EXPECT_NEAR(w.distance_m, 40.0, 1e-3);
    EXPECT_NEAR(w.offset_m, 0.0, 1e-3);
    EXPECT_EQ(w.edge, std::min(grid.edge('a', 'b'), grid.edge('a', 'c')));

    // On the vertical edge a-c (from a at the top): 75 m down, 5 m west.
    const SnapResult v = snapper.snap(grid.near('a', -5, -75), car).value();
    EXPECT_EQ(v.edge, grid.edge('a', 'c'));
    EXPECT_NEAR(v.offset_m, 75.0, 1e-3);
    EXPECT_NEAR(v.distance_m, 5.0, 1e-3);
}

TEST(Snapping, ApproximateLegAndFarPointError) {
    const auto grid = parse_ascii_grid("a - b");
    const EdgeSnapper snapper(grid.network);
    const Profile car = Profile::car();
    const SnapOutcome mid = snapper.snap(grid.near('a', 50, 500), car);
    ASSERT_TRUE(mid.ok());
    EXPECT_TRUE(mid.value().approximate); // 500 m > 300 m
    EXPECT_NEAR(mid.value().distance_m, 500.0, 1e-3);

    const LonLat far = grid.near('a', 50, 2400);
    const SnapOutcome out = snapper.snap(far, car);
    ASSERT_FALSE(out.ok());
    EXPECT_NEAR(out.error().distance_m, 2400.0, 1e-3);
    EXPECT_DOUBLE_EQ(out.error().limit_m, 2000.0);
    char expected[160];
    std::snprintf(expected, sizeof expected,
                  "point (%.6f, %.6f) is 2.4 km from the nearest usable road; the limit is 2 km",
                  far.lon(), far.lat());
    EXPECT_EQ(out.error().message(), expected);
}

TEST(Snapping, OnlyEdgesUsableByTheProfile) {
    auto grid = parse_ascii_grid(R"(
        a - b

        c - d
    )");
    grid.network.edges[grid.edge('a', 'b')].road_class = RoadClass::footway;
    const EdgeSnapper snapper(grid.network);
    // 20 m below the footway a-b, 80 m above the street c-d.
    const LonLat p = grid.near('a', 50, -20);
    EXPECT_EQ(snapper.snap(p, Profile::walk()).value().edge, grid.edge('a', 'b'));
    const SnapResult by_car = snapper.snap(p, Profile::car()).value();
    EXPECT_EQ(by_car.edge, grid.edge('c', 'd'));
    EXPECT_NEAR(by_car.distance_m, 80.0, 1e-3);
    // No road at all for a profile: the error says so.
    grid.network.edges[grid.edge('c', 'd')].road_class = RoadClass::footway;
    const EdgeSnapper footways(grid.network);
    const SnapOutcome none = footways.snap(p, Profile::car());
    ASSERT_FALSE(none.ok());
    EXPECT_TRUE(std::isinf(none.error().distance_m));
    EXPECT_NE(none.error().message().find("no road usable"), std::string::npos);
}

TEST(Snapping, EndpointsRespectOnewayAndClosures) {
    const auto grid = parse_ascii_grid("a > b");
    const EdgeSnapper snapper(grid.network);
    const RoadGraph car = build_road_graph(grid.network, Profile::car());
    const RoadGraph walk = build_road_graph(grid.network, Profile::walk());
    const SnapResult s = snapper.snap(grid.near('a', 30, 0), Profile::car()).value();
    ASSERT_NEAR(s.distance_m, 0.0, 1e-3);
    // Car: 100 m at 20 km/h = 18 s; from 30 m in, only forward to b (70 %),
    // and it can only be reached coming from a (30 %).
    EXPECT_EQ(source_endpoints(s, car), (std::vector<Endpoint>{{grid.node('b'), 12600}}));
    EXPECT_EQ(target_endpoints(s, car), (std::vector<Endpoint>{{grid.node('a'), 5400}}));
    // On foot both ways: 80 s per 100 m.
    EXPECT_EQ(source_endpoints(s, walk),
              (std::vector<Endpoint>{{grid.node('b'), 56000}, {grid.node('a'), 24000}}));
    EXPECT_EQ(target_endpoints(s, walk),
              (std::vector<Endpoint>{{grid.node('a'), 24000}, {grid.node('b'), 56000}}));
    // The access leg is added: 10 m off the road = 10.4 s.
    const SnapResult off = snapper.snap(grid.near('a', 30, 10), Profile::car()).value();
    EXPECT_EQ(source_endpoints(off, car), (std::vector<Endpoint>{{grid.node('b'), 23000}}));
    EXPECT_EQ(source_endpoints(off, car, {}, false),
              (std::vector<Endpoint>{{grid.node('b'), 12600}}));
    // Closed: no endpoint at all.
    const std::vector<Weight> closed(car.arc_count(), infinite_weight);
    EXPECT_TRUE(source_endpoints(s, car, closed).empty());
}

TEST(Snapping, EqualsLinearScanOnGeneratedCity) {
    GridCityOptions o;
    o.rows = 40;
    o.cols = 50;
    o.seed = 9;
    const RoadNetwork city = generate_city_grid(o);
    const EdgeSnapper snapper(city);
    const PlaneProjector projector;
    std::vector<PlaneXY> xy(city.node_count());
    projector.to_plane(city.nodes, xy);
    const PlaneXY origin = xy[0];
    Rng rng(17);
    const Profile walk = Profile::walk();
    for (int i = 0; i < 300; ++i) {
        // Points over the city and up to 1 km around it.
        const PlaneXY q{origin.x_east_m + rng.uniform(-1000, 5900),
                        origin.y_north_m + rng.uniform(-1000, 4900)};
        const LonLat p = projector.to_lonlat(q);
        double best = std::numeric_limits<double>::infinity();
        for (const RoadEdge& e : city.edges) {
            if (!walk.speed_for(e)) continue;
            const PlaneXY a = xy[e.from], b = xy[e.to];
            const double dx = b.x_east_m - a.x_east_m, dy = b.y_north_m - a.y_north_m;
            const double t =
                std::clamp(((q.x_east_m - a.x_east_m) * dx + (q.y_north_m - a.y_north_m) * dy) /
                               (dx * dx + dy * dy),
                           0.0, 1.0);
            best = std::min(best, std::hypot(a.x_east_m + t * dx - q.x_east_m,
                                             a.y_north_m + t * dy - q.y_north_m));
        }
        const SnapOutcome out = snapper.snap(p, walk);
        ASSERT_TRUE(out.ok());
        ASSERT_NEAR(out.value().distance_m, best, 1e-6) << i;
        ASSERT_TRUE(walk.speed_for(city.edges[out.value().edge]).has_value());
    }
}

TEST(Snapping, ClosedEdgesAreSkippedForTheNearestOpenOne) {
    const auto grid = parse_ascii_grid(R"(
        a - b
        c - d
    )");
    const EdgeSnapper snapper(grid.network);
    // 20 m below a-b, 30 m above c-d (lines are 50 m apart).
    const LonLat p = grid.near('a', 50, -20);
    const EdgeIndex ab = grid.edge('a', 'b');
    const EdgeIndex cd = grid.edge('c', 'd');
    EXPECT_EQ(snapper.snap(p, Profile::car()).value().edge, ab);
    const std::vector<EdgeIndex> closed{ab};
    const SnapResult open = snapper.snap(p, Profile::car(), closed).value();
    EXPECT_EQ(open.edge, cd);
    EXPECT_NEAR(open.distance_m, 30.0, 1e-3);
    // Every road closed: no open road to snap onto.
    const std::vector<EdgeIndex> all{std::min(ab, cd), std::max(ab, cd)};
    const SnapOutcome none = snapper.snap(p, Profile::car(), all);
    ASSERT_FALSE(none.ok());
    EXPECT_TRUE(std::isinf(none.error().distance_m));
    // The nearest open road beyond max_snap_m is an error, not a far snap.
    Profile near_only = Profile::car();
    near_only.max_snap_m = 25;
    const SnapOutcome too_far = snapper.snap(p, near_only, closed);
    ASSERT_FALSE(too_far.ok());
    EXPECT_NEAR(too_far.error().distance_m, 30.0, 1e-3);
    const std::vector<EdgeIndex> unsorted{1, 0};
    EXPECT_THROW(snapper.snap(p, Profile::car(), unsorted), std::invalid_argument);
}

TEST(Snapping, NodeMaskLimitsTheIndexToAComponent) {
    auto grid = parse_ascii_grid(R"(
        a - b
        c - d
    )");
    std::vector<bool> mask(grid.network.node_count(), false);
    mask[grid.node('c')] = mask[grid.node('d')] = true;
    const EdgeSnapper snapper(grid.network, mask);
    EXPECT_EQ(snapper.snap(grid.near('a', 50, -20), Profile::car()).value().edge,
              grid.edge('c', 'd'));
    EXPECT_THROW(EdgeSnapper(grid.network, std::vector<bool>(1, true)), std::invalid_argument);
}

} // namespace
} // namespace breathline::geo::road
