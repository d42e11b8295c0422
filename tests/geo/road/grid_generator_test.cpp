#include "geo/projection.h"
#include "geo/road/grid_generator.h"
#include "geo/road/profile.h"

#include <array>
#include <gtest/gtest.h>

namespace breathline::geo::road {
namespace {

bool same_network(const RoadNetwork& a, const RoadNetwork& b) {
    if (a.nodes != b.nodes || a.names != b.names || a.edges.size() != b.edges.size()) return false;
    for (std::size_t e = 0; e < a.edges.size(); ++e) {
        const RoadEdge& x = a.edges[e];
        const RoadEdge& y = b.edges[e];
        if (x.from != y.from || x.to != y.to || x.length_m != y.length_m ||
            x.road_class != y.road_class || x.oneway != y.oneway ||
            x.maxspeed_kmh != y.maxspeed_kmh || x.name_id != y.name_id)
            return false;
    }
    return true;
}

TEST(GridGenerator, DeterministicForASeed) {
    GridCityOptions o;
    o.rows = 60;
    o.cols = 70;
    const RoadNetwork a = generate_city_grid(o);
    EXPECT_TRUE(same_network(a, generate_city_grid(o)));
    o.seed = 2;
    EXPECT_FALSE(same_network(a, generate_city_grid(o)));
}

TEST(GridGenerator, LayoutClassesAndNoise) {
    GridCityOptions o;
    o.rows = 120;
    o.cols = 110;
    const RoadNetwork city = generate_city_grid(o);
    ASSERT_GT(city.node_count(), 120u * 110u); // grid plus expressway nodes
    EXPECT_LT(city.node_count(), 120u * 110u + 200u);
    // Node r * cols + c is 100 m from its east and north neighbours.
    const PlaneProjector projector;
    const PlaneXY origin = projector.to_plane(city.nodes[0]);
    EXPECT_NEAR(distance_m(origin, projector.to_plane(city.nodes[1])), 100.0, 1e-3);
    EXPECT_NEAR(distance_m(origin, projector.to_plane(city.nodes[110])), 100.0, 1e-3);
    const PlaneXY far = projector.to_plane(city.nodes[119 * 110 + 109]);
    EXPECT_NEAR(far.x_east_m - origin.x_east_m, 10900.0, 1e-3);
    EXPECT_NEAR(far.y_north_m - origin.y_north_m, 11900.0, 1e-3);

    std::array<std::size_t, road_class_count> count{};
    std::size_t residential_oneway = 0;
    for (const RoadEdge& e : city.edges) {
        ++count[static_cast<std::size_t>(e.road_class)];
        if (e.road_class == RoadClass::residential && e.oneway != Oneway::no) ++residential_oneway;
        if (e.road_class != RoadClass::residential) {
            EXPECT_EQ(e.oneway, Oneway::no);
        }
        if (e.road_class != RoadClass::motorway_link) {
            const double straight = distance_m(projector.to_plane(city.nodes[e.from]),
                                               projector.to_plane(city.nodes[e.to]));
            EXPECT_GE(e.length_m, straight - 1e-6);
            EXPECT_LE(e.length_m, straight * 1.2 + 1e-6);
        }
        ASSERT_TRUE(e.maxspeed_kmh.has_value());
    }
    const auto n = [&](RoadClass c) { return count[static_cast<std::size_t>(c)]; };
    // Every 10th line is an arterial, never missing: 12 rows × 109 + 11 cols × 119.
    EXPECT_EQ(n(RoadClass::primary) + n(RoadClass::secondary), 12u * 109u + 11u * 119u);
    EXPECT_GT(n(RoadClass::motorway), 0u);
    EXPECT_GT(n(RoadClass::motorway_link), 0u);
    const std::size_t residential_slots =
        2u * 120u * 110u - 120u - 110u - (12u * 109u + 11u * 119u);
    const double missing = 1.0 - static_cast<double>(n(RoadClass::residential)) /
                                     static_cast<double>(residential_slots);
    EXPECT_NEAR(missing, 0.05, 0.01);
    EXPECT_NEAR(static_cast<double>(residential_oneway) /
                    static_cast<double>(n(RoadClass::residential)),
                0.10, 0.015);
    EXPECT_EQ(city.names[city.edges[0].name_id], "Arterial R0");
}

TEST(GridGenerator, RejectsBadOptions) {
    GridCityOptions o;
    o.rows = 1;
    EXPECT_THROW(generate_city_grid(o), std::invalid_argument);
    o.rows = 10;
    o.missing_share = 1.5;
    EXPECT_THROW(generate_city_grid(o), std::invalid_argument);
}

} // namespace
} // namespace breathline::geo::road
