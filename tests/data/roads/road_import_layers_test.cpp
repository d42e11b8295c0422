// GIS line layers (topology by identical coordinates, reprojection from
// EPSG:6677) and the clip polygon.

#include "data/geocode/ward_boundary.h"
#include "data/roads/road_import.h"
#include "geo/projection.h"
#include "tests/data/roads/road_test_support.h"

#include <gdal.h>
#include <gdal_utils.h>
#include <map>

namespace breathline::data {
namespace {

namespace fs = std::filesystem;
using geo::LonLat;
using geo::road::Oneway;
using geo::road::RoadClass;
using geo::road::RoadNetwork;

// ogr2ogr -f <driver> -t_srs <srs> dest src, through the GDAL API.
void translate(const fs::path& src, const fs::path& dest, const char* driver, const char* srs) {
    GDALAllRegister();
    GDALDatasetH in = GDALOpenEx(src.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    ASSERT_NE(in, nullptr) << src;
    const char* args[] = {"-f", driver, "-t_srs", srs, nullptr};
    GDALVectorTranslateOptions* options =
        GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
    int usage_error = 0;
    GDALDatasetH out = GDALVectorTranslate(dest.c_str(), nullptr, 1, &in, options, &usage_error);
    GDALVectorTranslateOptionsFree(options);
    ASSERT_NE(out, nullptr) << dest;
    GDALClose(out);
    GDALClose(in);
}

std::size_t node_at(const RoadNetwork& n, double lon, double lat, double tolerance = 1e-9) {
    for (std::size_t v = 0; v < n.nodes.size(); ++v)
        if (std::abs(n.nodes[v].lon() - lon) <= tolerance &&
            std::abs(n.nodes[v].lat() - lat) <= tolerance)
            return v;
    return SIZE_MAX;
}

std::map<std::size_t, int> degrees(const RoadNetwork& n) {
    std::map<std::size_t, int> d;
    for (const auto& e : n.edges) {
        ++d[e.from];
        ++d[e.to];
    }
    return d;
}

TEST(ImportLayer, SharedCoordinatesBecomeJunctions) {
    RoadImportOptions o;
    o.path = test::road_fixture("junctions.geojson");
    RoadImportReport report;
    const RoadNetwork n = import_roads(o, &report);
    EXPECT_EQ(report.format, RoadSourceFormat::ogr_lines);
    EXPECT_EQ(report.ways_read, 6u);
    EXPECT_EQ(report.ways_routable, 4u);
    EXPECT_EQ(report.ways_dropped, 2u); // highway=construction and a point
    // 本町通り A-B-C and 南北通り D-B-E share B, so both split there; the
    // service road starts at C; the bridge crosses 本町通り without a shared
    // point and stays one edge.
    ASSERT_EQ(n.node_count(), 8u);
    ASSERT_EQ(n.edge_count(), 6u);
    const auto deg = degrees(n);
    const std::size_t b = node_at(n, 139.71, 35.73);
    const std::size_t c = node_at(n, 139.72, 35.73);
    ASSERT_NE(b, SIZE_MAX);
    ASSERT_NE(c, SIZE_MAX);
    EXPECT_EQ(deg.at(b), 4);
    EXPECT_EQ(deg.at(c), 2);
    EXPECT_EQ(node_at(n, 139.705, 35.73), SIZE_MAX)
        << "a crossing without a shared point is no junction";
    for (const std::uint64_t id : n.node_source_ids)
        EXPECT_EQ(id, 0u);

    int bridges = 0, one_way = 0;
    for (const auto& e : n.edges) {
        const std::string& name = n.names[e.name_id];
        if (name == "南北通り") {
            EXPECT_EQ(e.road_class, RoadClass::tertiary);
            EXPECT_EQ(e.oneway, Oneway::forward);
            EXPECT_EQ(e.maxspeed_kmh, 30.0);
            ++one_way;
        } else if (name == "高架橋") {
            EXPECT_TRUE(e.bridge);
            EXPECT_DOUBLE_EQ(e.maxspeed_kmh.value(), 25 * 1.609344);
            EXPECT_EQ(deg.at(e.from), 1);
            EXPECT_EQ(deg.at(e.to), 1);
            ++bridges;
        } else if (name.empty()) {
            EXPECT_EQ(e.road_class, RoadClass::service);
            ASSERT_EQ(e.shape.size(), 1u);
            EXPECT_EQ(e.shape[0], LonLat(139.725, 35.735));
        } else {
            EXPECT_EQ(name, "本町通り");
            EXPECT_EQ(e.oneway, Oneway::no);
            EXPECT_TRUE(e.shape.empty());
            // 0.01° of longitude at 35.73°N, measured on EPSG:6677.
            EXPECT_NEAR(e.length_m, geo::geodesic_distance_m(n.nodes[e.from], n.nodes[e.to]),
                        0.005 * e.length_m);
            EXPECT_NEAR(e.length_m, 904.5, 3.0);
        }
    }
    EXPECT_EQ(one_way, 2);
    EXPECT_EQ(bridges, 1);
}

TEST(ImportLayer, LayerInPlaneRectangularIxIsReprojected) {
    test::TempDir dir;
    const fs::path gpkg = dir.path() / "roads_6677.gpkg";
    translate(test::road_fixture("junctions.geojson"), gpkg, "GPKG", "EPSG:6677");
    RoadImportOptions lonlat_options;
    lonlat_options.path = test::road_fixture("junctions.geojson");
    const RoadNetwork expected = import_roads(lonlat_options);
    RoadImportOptions o;
    o.path = gpkg;
    const RoadNetwork n = import_roads(o);
    ASSERT_EQ(n.node_count(), expected.node_count());
    ASSERT_EQ(n.edge_count(), expected.edge_count());
    for (std::size_t v = 0; v < n.nodes.size(); ++v) {
        // Through metres and back: equal within a millimetre.
        EXPECT_NEAR(n.nodes[v].lon(), expected.nodes[v].lon(), 1e-8);
        EXPECT_NEAR(n.nodes[v].lat(), expected.nodes[v].lat(), 1e-8);
    }
    for (std::size_t i = 0; i < n.edges.size(); ++i) {
        EXPECT_EQ(n.edges[i].from, expected.edges[i].from);
        EXPECT_EQ(n.edges[i].to, expected.edges[i].to);
        EXPECT_EQ(n.edges[i].road_class, expected.edges[i].road_class);
        EXPECT_NEAR(n.edges[i].length_m, expected.edges[i].length_m, 1e-3);
    }
}

// Brute force: does the polyline of `e` touch the polygon (a point inside,
// or a segment crossing the boundary)?
bool touches(const RoadNetwork& n, const geo::road::RoadEdge& e, const geo::MultiPolygon& area) {
    std::vector<LonLat> pts{n.nodes[e.from]};
    pts.insert(pts.end(), e.shape.begin(), e.shape.end());
    pts.push_back(n.nodes[e.to]);
    for (const auto& p : pts)
        if (area.contains(p)) return true;
    auto cross = [](const LonLat& o, const LonLat& a, const LonLat& b) {
        return (a.lon() - o.lon()) * (b.lat() - o.lat()) -
               (a.lat() - o.lat()) * (b.lon() - o.lon());
    };
    for (std::size_t i = 0; i + 1 < pts.size(); ++i)
        for (const auto& part : area.parts) {
            const auto& r = part.outer.points;
            for (std::size_t k = 0; k < r.size(); ++k) {
                const LonLat& c = r[k];
                const LonLat& d = r[(k + 1) % r.size()];
                const double d1 = cross(c, d, pts[i]), d2 = cross(c, d, pts[i + 1]);
                const double d3 = cross(pts[i], pts[i + 1], c), d4 = cross(pts[i], pts[i + 1], d);
                if (((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0))) return true;
            }
        }
    return false;
}

TEST(ImportClip, KeepsExactlyTheEdgesTouchingThePolygon) {
    REQUIRE_DATA(test::uxsim_nodes());
    REQUIRE_DATA(test::toshima_boundary());
    const auto toshima = load_ward_boundary(test::toshima_boundary()).polygon;
    const RoadNetwork all = test::import_uxsim();
    std::size_t expected = 0;
    std::set<std::uint64_t> expected_links;
    for (const auto& e : all.edges)
        if (touches(all, e, toshima)) {
            ++expected;
            expected_links.insert(e.source_id);
        }
    ASSERT_GT(expected, 10u);

    RoadImportOptions o;
    o.path = test::uxsim_nodes();
    o.links_path = test::uxsim_links_utf8();
    o.clip = toshima;
    RoadImportReport report;
    const RoadNetwork clipped = import_roads(o, &report);
    EXPECT_EQ(clipped.edge_count(), expected);
    EXPECT_EQ(report.edges_clipped, all.edge_count() - expected);
    for (const auto& e : clipped.edges) {
        EXPECT_TRUE(touches(clipped, e, toshima)) << "link " << e.source_id;
        EXPECT_TRUE(expected_links.contains(e.source_id)) << "link " << e.source_id;
    }
    EXPECT_LT(clipped.node_count(), all.node_count());

    // A margin keeps more: the ward plus 1 km.
    o.clip_margin_m = 1000;
    const RoadNetwork wider = import_roads(o);
    EXPECT_GT(wider.edge_count(), clipped.edge_count());
    EXPECT_LT(wider.edge_count(), all.edge_count());
}

} // namespace
} // namespace breathline::data
