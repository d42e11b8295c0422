// Isochrone areas must be OGC-valid (GEOS through GDAL/OGR): no ring may
// touch itself, holes lie inside their shell, parts do not overlap. Checked
// over many random isochrones on a generated grid city and on the demo
// network (the real UXsim arterials) through the RoutingService.

#include "data/roads/routing_service.h"
#include "data/spatialite/wkb.h"
#include "geo/random.h"
#include "geo/road/dijkstra.h"
#include "geo/road/grid_generator.h"
#include "geo/road/isochrone.h"
#include "road_test_support.h"

#include <gtest/gtest.h>
#include <ogr_api.h>
#include <ogr_geometry.h>

namespace breathline::data {
namespace {

// GEOS's verdict on `area`, or a text saying why it could not be asked.
::testing::AssertionResult is_ogc_valid(const geo::MultiPolygon& area) {
    const std::string wkb = spatialite::wkb_multipolygon(area);
    OGRGeometryH g = nullptr;
    if (OGR_G_CreateFromWkb(wkb.data(), nullptr, &g, static_cast<int>(wkb.size())) != OGRERR_NONE ||
        g == nullptr)
        return ::testing::AssertionFailure() << "OGR cannot parse the isochrone's WKB";
    const bool valid = OGR_G_IsValid(g) != 0;
    OGR_G_DestroyGeometry(g);
    if (valid) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "GEOS reports the isochrone area invalid";
}

TEST(IsochroneValidity, GdalHasGeos) {
    ASSERT_TRUE(OGRGeometryFactory::haveGEOS())
        << "GDAL was built without GEOS: isochrone validity cannot be checked";
}

TEST(IsochroneValidity, RandomIsochronesOnAGridCityAreValid) {
    ASSERT_TRUE(OGRGeometryFactory::haveGEOS());
    geo::road::GridCityOptions city;
    city.rows = 30;
    city.cols = 30;
    city.seed = 11;
    const geo::road::RoadNetwork net = geo::road::generate_city_grid(city);
    geo::Rng rng(5);
    std::size_t with_holes = 0;
    for (const auto& profile : {geo::road::Profile::walk(), geo::road::Profile::car()}) {
        const geo::road::RoadGraph graph = geo::road::build_road_graph(net, profile);
        geo::road::DijkstraQuery q(graph);
        std::vector<geo::road::Weight> dist;
        for (int k = 0; k < 40; ++k) {
            const auto source = static_cast<geo::road::NodeIndex>(
                rng.uniform_int(0, static_cast<std::int64_t>(graph.node_count()) - 1));
            const auto limit = static_cast<geo::road::Weight>(rng.uniform_int(60'000, 900'000));
            geo::road::IsochroneOptions options;
            // Thin buffers and coarse cells make diagonal cell contacts common.
            options.cell_m = static_cast<double>(rng.uniform_int(15, 60));
            options.buffer_m = options.cell_m * rng.uniform01();
            q.one_to_all(source, limit, {}, dist);
            const auto iso = geo::road::build_isochrone(net, graph, dist, limit, {}, {}, options);
            ASSERT_FALSE(iso.area.parts.empty());
            for (const auto& part : iso.area.parts)
                with_holes += part.holes.size();
            ASSERT_TRUE(is_ogc_valid(iso.area))
                << profile.name << " from node " << source << " within " << limit << " ms, cell "
                << options.cell_m << " m, buffer " << options.buffer_m << " m";
        }
    }
    EXPECT_GT(with_holes, 0u) << "the sample should include areas with holes";
}

TEST(IsochroneValidity, RandomIsochronesOnTheDemoNetworkAreValid) {
    ASSERT_TRUE(OGRGeometryFactory::haveGEOS());
    ASSERT_TRUE(std::filesystem::exists(test::uxsim_nodes()))
        << "shared real data missing: " << test::uxsim_nodes();
    test::TempDir dir;
    auto store = open_store(dir.file("iso.sqlite"));
    store->set_actor("isochrone-validity-test");
    RoadImportReport report;
    road_store(*store)->replace_network(test::import_uxsim(&report), test::source_info(report));
    RoutingService service(*store);
    const auto& net = service.network();
    geo::Rng rng(17);
    std::size_t checked = 0;
    for (int k = 0; k < 60; ++k) {
        const auto v = static_cast<std::size_t>(
            rng.uniform_int(0, static_cast<std::int64_t>(net.node_count()) - 1));
        const RoutePoint from{net.nodes[v], "node " + std::to_string(v)};
        const double minutes = 1 + 29 * rng.uniform01();
        const auto outcome = service.isochrone(from, minutes, k % 2 == 0 ? "car" : "walk");
        ASSERT_TRUE(outcome.ok()) << outcome.failure().error.message();
        ASSERT_TRUE(is_ogc_valid(outcome.value().isochrone.area))
            << "from node " << v << " within " << minutes << " min";
        ++checked;
    }
    EXPECT_EQ(checked, 60u);
}

} // namespace
} // namespace breathline::data
