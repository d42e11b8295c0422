// RoutingService on the real UXsim arterials: routes against a Dijkstra
// reference, closures re-customizing the hierarchy in place, matrices equal
// to repeated routes, snap failures as values; and edge slicing.

#include "data/error.h"
#include "data/roads/route_geometry.h"
#include "data/roads/routing_service.h"
#include "geo/random.h"
#include "geo/road/components.h"
#include "geo/road/dijkstra.h"
#include "geo/road/snapping.h"
#include "road_test_support.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace breathline::data {
namespace {

using geo::road::infinite_weight;
using geo::road::Weight;

class RoutingServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(std::filesystem::exists(test::uxsim_nodes()))
            << "shared real data missing: " << test::uxsim_nodes();
        m_store = open_store(m_dir.file("routing.sqlite"));
        m_store->set_actor("routing-service-test");
        RoadImportReport report;
        const auto network = test::import_uxsim(&report);
        road_store(*m_store)->replace_network(network, test::source_info(report));
        m_service = std::make_unique<RoutingService>(*m_store);
    }

    // Random points within 300 m of random nodes of the largest component.
    std::vector<RoutePoint> random_points(std::size_t n, std::uint64_t seed) {
        geo::Rng rng(seed);
        const auto& net = m_service->network();
        std::vector<RoutePoint> out;
        while (out.size() < n) {
            const auto v = static_cast<std::size_t>(
                rng.uniform_int(0, static_cast<std::int64_t>(net.node_count()) - 1));
            if (!net.in_largest_component[v]) continue;
            const double dlon = (rng.uniform01() - 0.5) * 0.006;
            const double dlat = (rng.uniform01() - 0.5) * 0.005;
            out.push_back({geo::LonLat(net.nodes[v].lon() + dlon, net.nodes[v].lat() + dlat),
                           "point " + std::to_string(out.size())});
        }
        return out;
    }

    test::TempDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<RoutingService> m_service;
};

// A Dijkstra over the closed weights from the same snapped endpoints: the
// service's CCH answer must take exactly as long (same-edge shortcuts aside).
Weight reference_time(RoutingService& service, const RouteAnswer& r, const std::string& profile,
                      const std::vector<geo::road::EdgeIndex>& closed) {
    const LoadedGraph& g = service.graph_info(profile);
    std::vector<Weight> w = g.graph.travel_time_ms;
    for (std::size_t a = 0; a < w.size(); ++a)
        if (std::binary_search(closed.begin(), closed.end(), g.graph.edge[a]))
            w[a] = infinite_weight;
    geo::road::DijkstraQuery dijkstra(g.graph);
    const auto result = dijkstra.route(geo::road::source_endpoints(r.from_snap, g.graph, w),
                                       geo::road::target_endpoints(r.to_snap, g.graph, w), w);
    return result.time_ms;
}

TEST_F(RoutingServiceTest, RoutesEqualDijkstraAndClosuresRecustomizeInPlace) {
    const auto points = random_points(60, 7);
    for (const char* profile : {"car", "walk"}) {
        std::size_t checked = 0;
        for (std::size_t i = 0; i + 1 < points.size(); i += 2) {
            const auto outcome = m_service->route(points[i], points[i + 1], profile);
            ASSERT_TRUE(outcome.ok()) << outcome.failure().error.message();
            const RouteAnswer& r = outcome.value();
            if (r.from_snap.edge == r.to_snap.edge) continue;
            EXPECT_EQ(r.time_ms, reference_time(*m_service, r, profile, {})) << profile << i;
            if (r.reachable) {
                EXPECT_GE(r.geometry.size(), 2u);
                EXPECT_FALSE(r.edges.empty());
                ++checked;
            }
        }
        EXPECT_GT(checked, 20u) << profile;
    }

    // Close the middle of one route: the service answers with a detour that
    // avoids the closed edges (or unreachable), equal to Dijkstra on the
    // closed weights, without being rebuilt.
    const auto before = m_service->route(points[0], points[1], "car").value();
    ASSERT_TRUE(before.reachable);
    ASSERT_GE(before.edges.size(), 3u);
    RoadClosure closure;
    closure.edge = before.edges[before.edges.size() / 2];
    closure.reason = "test";
    const RowId id = m_service->add_closure(closure);
    ASSERT_EQ(m_service->closed_edges(), std::vector<geo::road::EdgeIndex>{*closure.edge});
    const auto during = m_service->route(points[0], points[1], "car").value();
    EXPECT_EQ(during.time_ms, reference_time(*m_service, during, "car", {*closure.edge}));
    if (during.reachable) {
        EXPECT_GT(during.time_ms, before.time_ms);
        EXPECT_EQ(std::find(during.edges.begin(), during.edges.end(), *closure.edge),
                  during.edges.end());
    }
    EXPECT_TRUE(m_service->remove_closure(id));
    EXPECT_FALSE(m_service->remove_closure(id));
    const auto after = m_service->route(points[0], points[1], "car").value();
    EXPECT_EQ(after.time_ms, before.time_ms);
    EXPECT_EQ(after.edges, before.edges);
}

TEST_F(RoutingServiceTest, MatrixEqualsRepeatedRoutes) {
    const auto sources = random_points(8, 11);
    const auto targets = random_points(9, 12);
    // A closure makes some pairs differ from free flow, and maybe unreachable.
    RoadClosure closure;
    closure.edge = 3;
    m_service->add_closure(closure);
    for (const char* profile : {"car", "walk"}) {
        const auto m = m_service->matrix(sources, targets, profile);
        ASSERT_TRUE(m.ok());
        for (std::size_t i = 0; i < sources.size(); ++i)
            for (std::size_t j = 0; j < targets.size(); ++j)
                EXPECT_EQ(m.value().at(i, j),
                          m_service->route(sources[i], targets[j], profile).value().time_ms)
                    << profile << " " << i << "→" << j;
    }
    EXPECT_EQ(m_service->clear_closures(), 1u);
}

TEST_F(RoutingServiceTest, SnapFailuresAreValuesNamingThePoint) {
    const RoutePoint far{geo::LonLat(139.16, 35.727), "far point"};
    const RoutePoint near{geo::LonLat(139.7150, 35.7270), "Ikebukuro"};
    const auto r = m_service->route(near, far, "walk");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.failure().index, 1u);
    EXPECT_EQ(r.failure().label, "far point");
    EXPECT_GT(r.failure().error.distance_m, 40'000);
    const std::vector<RoutePoint> targets{near, far};
    const auto m = m_service->one_to_many(near, targets, "car");
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.failure().index, 2u);
    EXPECT_THROW((void)m_service->route(near, near, "bicycle"), DataError);
}

TEST_F(RoutingServiceTest, IsochroneGrowsWithTheLimitAndAvoidsClosedRoads) {
    const RoutePoint from{geo::LonLat(139.7150, 35.7270), "Ikebukuro"};
    const auto small = m_service->isochrone(from, 5, "car").value();
    const auto large = m_service->isochrone(from, 15, "car").value();
    EXPECT_LT(small.isochrone.nodes.size(), large.isochrone.nodes.size());
    EXPECT_FALSE(large.isochrone.area.parts.empty());
    // Closing the road the start lies on moves the start onto the nearest
    // open road; the closed road is then no part of the area's pieces.
    RoadClosure closure;
    closure.edge = large.from_snap.edge;
    m_service->add_closure(closure);
    const auto closed = m_service->isochrone(from, 15, "car").value();
    EXPECT_NE(closed.from_snap.edge, *closure.edge);
    EXPECT_GE(closed.from_snap.distance_m, large.from_snap.distance_m);
    EXPECT_FALSE(closed.isochrone.nodes.empty());
    for (const auto& piece : closed.isochrone.pieces)
        EXPECT_NE(piece.edge, *closure.edge);
}

TEST_F(RoutingServiceTest, PointsBesideClosedRoadsSnapToTheNearestOpenOne) {
    const auto points = random_points(20, 21);
    for (const char* profile : {"car", "walk"}) {
        for (const RoutePoint& p : points) {
            const auto before = m_service->snap(p.position, profile);
            ASSERT_TRUE(before.ok()) << before.error().message();
            RoadClosure closure;
            closure.edge = before.value().edge;
            closure.reason = "test";
            const RowId id = m_service->add_closure(closure);
            const auto after = m_service->snap(p.position, profile);
            ASSERT_TRUE(after.ok()) << after.error().message();
            EXPECT_NE(after.value().edge, before.value().edge) << p.label;
            EXPECT_GE(after.value().distance_m, before.value().distance_m) << p.label;
            // Routes from there start on an open road and still equal Dijkstra.
            const auto route = m_service->route(p, points.front(), profile);
            ASSERT_TRUE(route.ok());
            EXPECT_NE(route.value().from_snap.edge, before.value().edge);
            if (route.value().reachable &&
                route.value().from_snap.edge != route.value().to_snap.edge) {
                EXPECT_EQ(route.value().time_ms, reference_time(*m_service, route.value(), profile,
                                                                m_service->closed_edges()));
            }
            ASSERT_TRUE(m_service->remove_closure(id));
            EXPECT_EQ(m_service->snap(p.position, profile).value().edge, before.value().edge);
        }
    }
}

TEST_F(RoutingServiceTest, EachProfileSnapsWithinItsOwnLargestComponent) {
    for (const char* name : {"car", "walk"}) {
        const auto& profile = m_service->profile(name);
        const std::vector<bool> component =
            geo::road::largest_component_nodes(m_service->network(), profile);
        for (const RoutePoint& p : random_points(40, 33)) {
            const auto s = m_service->snap(p.position, name);
            ASSERT_TRUE(s.ok());
            EXPECT_TRUE(component[s.value().from_node] && component[s.value().to_node])
                << name << " " << p.label;
        }
    }
}

TEST(RouteGeometry, SliceEdgeFollowsTheShapeInTravelOrder) {
    geo::road::RoadNetwork net;
    net.nodes = {geo::LonLat(139.70, 35.70), geo::LonLat(139.72, 35.70)};
    geo::road::RoadEdge e;
    e.from = 0;
    e.to = 1;
    e.shape = {geo::LonLat(139.71, 35.70)};
    e.length_m = 2000;
    net.edges.push_back(e);
    const auto forward = roads::slice_edge(net, 0, 500, 1500);
    ASSERT_EQ(forward.size(), 3u);
    EXPECT_NEAR(forward[0].lon(), 139.705, 1e-9);
    EXPECT_EQ(forward[1], geo::LonLat(139.71, 35.70));
    EXPECT_NEAR(forward[2].lon(), 139.715, 1e-9);
    const auto backward = roads::slice_edge(net, 0, 1500, 0);
    ASSERT_EQ(backward.size(), 3u);
    EXPECT_NEAR(backward[0].lon(), 139.715, 1e-9);
    EXPECT_EQ(backward[2], net.nodes[0]);
    EXPECT_EQ(roads::slice_edge(net, 0, 900, 900).size(), 2u);

    std::vector<std::string> names;
    for (const char* n : {"明治通り", "明治通り", "", "明治通り", "春日通り"})
        roads::append_street_name(names, n);
    EXPECT_EQ(names, (std::vector<std::string>{"明治通り", "春日通り"}));
}

} // namespace
} // namespace breathline::data
