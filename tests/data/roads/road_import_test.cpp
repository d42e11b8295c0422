// Import of the real networks (Monaco PBF, Nerima OSM XML, UXsim arterials)
// and of GIS line layers: counts, names, one-way rules, junction topology,
// reprojection, clipping and the largest strongly connected component.

#include "data/geocode/ward_boundary.h"
#include "data/roads/road_import.h"
#include "data/roads/road_tags.h"
#include "geo/road/profile.h"
#include "tests/data/roads/road_test_support.h"

#include <algorithm>
#include <gdal_utils.h>
#include <map>
#include <set>

namespace breathline::data {
namespace {

namespace fs = std::filesystem;
using geo::road::Oneway;
using geo::road::RoadClass;
using geo::road::RoadNetwork;

std::set<std::string> names_of(const RoadNetwork& n) {
    std::set<std::string> out;
    for (const auto& e : n.edges)
        out.insert(n.names[e.name_id]);
    return out;
}

std::size_t count_marked(const RoadNetwork& n) {
    return static_cast<std::size_t>(
        std::count(n.in_largest_component.begin(), n.in_largest_component.end(), true));
}

// Invariants every imported network must satisfy.
void expect_well_formed(const RoadNetwork& n, bool has_source_ids) {
    ASSERT_EQ(n.node_source_ids.size(), n.nodes.size());
    ASSERT_EQ(n.in_largest_component.size(), n.nodes.size());
    ASSERT_FALSE(n.names.empty());
    EXPECT_EQ(n.names[0], "");
    std::vector<int> degree(n.nodes.size(), 0);
    for (const auto& e : n.edges) {
        ASSERT_LT(e.from, n.nodes.size());
        ASSERT_LT(e.to, n.nodes.size());
        EXPECT_NE(e.from, e.to) << "self-loop edge of way " << e.source_id;
        // Zero only between two OSM nodes mapped at the same point.
        EXPECT_GE(e.length_m, 0);
        ASSERT_LT(e.name_id, n.names.size());
        ++degree[e.from];
        ++degree[e.to];
    }
    for (std::size_t v = 0; v < n.nodes.size(); ++v)
        EXPECT_GT(degree[v], 0) << "node " << v << " is used by no edge";
    if (has_source_ids) {
        std::set<std::uint64_t> ids(n.node_source_ids.begin(), n.node_source_ids.end());
        EXPECT_EQ(ids.size(), n.nodes.size()) << "two nodes share an OSM node id";
    }
}

TEST(RoadTags, MaxspeedUnitsAndOneway) {
    using roads::parse_maxspeed_kmh;
    EXPECT_EQ(parse_maxspeed_kmh("40"), 40.0);
    EXPECT_EQ(parse_maxspeed_kmh("40 km/h"), 40.0);
    EXPECT_DOUBLE_EQ(parse_maxspeed_kmh("25 mph").value(), 25 * 1.609344);
    EXPECT_EQ(parse_maxspeed_kmh("30;50"), 30.0);
    EXPECT_EQ(parse_maxspeed_kmh("signals"), std::nullopt);
    EXPECT_EQ(parse_maxspeed_kmh("JP:urban"), std::nullopt);
    EXPECT_EQ(parse_maxspeed_kmh("0"), std::nullopt);

    using roads::parse_oneway;
    EXPECT_EQ(parse_oneway("yes", RoadClass::residential, {}), Oneway::forward);
    EXPECT_EQ(parse_oneway("true", RoadClass::residential, {}), Oneway::forward);
    EXPECT_EQ(parse_oneway("1", RoadClass::residential, {}), Oneway::forward);
    EXPECT_EQ(parse_oneway("-1", RoadClass::residential, {}), Oneway::backward);
    EXPECT_EQ(parse_oneway("no", RoadClass::motorway, {}), Oneway::no);
    EXPECT_EQ(parse_oneway({}, RoadClass::motorway, {}), Oneway::forward);
    EXPECT_EQ(parse_oneway({}, RoadClass::residential, "roundabout"), Oneway::forward);
    EXPECT_EQ(parse_oneway({}, RoadClass::residential, {}), Oneway::no);
}

TEST(RoadFormat, DetectedFromTheName) {
    EXPECT_EQ(detect_road_format("a/monaco.osm.pbf"), RoadSourceFormat::osm_pbf);
    EXPECT_EQ(detect_road_format("x.OSM"), RoadSourceFormat::osm_xml);
    EXPECT_EQ(detect_road_format("x.osm.bz2"), RoadSourceFormat::osm_xml);
    EXPECT_EQ(detect_road_format("nodes.csv"), RoadSourceFormat::uxsim_csv);
    EXPECT_EQ(detect_road_format("roads.gpkg"), RoadSourceFormat::ogr_lines);
    EXPECT_EQ(detect_road_format("roads.geojson"), RoadSourceFormat::ogr_lines);
}

TEST(ImportUxsim, Cp932AndUtf8GiveTheSameNetwork) {
    REQUIRE_DATA(test::uxsim_nodes());
    REQUIRE_DATA(test::uxsim_links_cp932());
    REQUIRE_DATA(test::uxsim_links_utf8());
    RoadImportReport report;
    const RoadNetwork cp932 = test::import_uxsim(&report);
    RoadImportOptions o;
    o.path = test::uxsim_nodes();
    o.links_path = test::uxsim_links_utf8();
    const RoadNetwork utf8 = import_roads(o);
    test::expect_same_network(cp932, utf8);
    EXPECT_EQ(road_network_hash(cp932), road_network_hash(utf8));
    expect_well_formed(cp932, true);

    // 220 nodes, 522 directed links: 182 roads in both directions, 158 one-way.
    EXPECT_EQ(cp932.node_count(), 220u);
    EXPECT_EQ(cp932.edge_count(), 340u);
    EXPECT_EQ(report.ways_read, 522u);
    const auto one_way = std::count_if(cp932.edges.begin(), cp932.edges.end(),
                                       [](const auto& e) { return e.oneway == Oneway::forward; });
    EXPECT_EQ(one_way, 158);
    for (const auto& e : cp932.edges)
        EXPECT_EQ(e.road_class, RoadClass::primary);
    EXPECT_EQ(report.format, RoadSourceFormat::uxsim_csv);
    EXPECT_EQ(report.sha256.size(), 64u);
    // Node ids are OSM node ids.
    EXPECT_EQ(cp932.node_source_ids.front() > 0, true);
    EXPECT_TRUE(names_of(cp932).contains("新大橋通り"));
    EXPECT_EQ(report.nodes, 220u);
    EXPECT_EQ(report.largest_component_nodes + report.nodes_outside_largest, 220u);
    EXPECT_EQ(count_marked(cp932), report.largest_component_nodes);
}

TEST(ImportUxsim, TheLinksTouchingToshimaCarryTheirRoadNames) {
    REQUIRE_DATA(test::uxsim_nodes());
    REQUIRE_DATA(test::toshima_boundary());
    const RoadNetwork n = test::import_uxsim();
    const auto toshima = load_ward_boundary(test::toshima_boundary()).polygon;
    std::vector<bool> inside(n.nodes.size());
    int nodes_inside = 0;
    for (std::size_t v = 0; v < n.nodes.size(); ++v) {
        inside[v] = toshima.contains(n.nodes[v]);
        nodes_inside += inside[v] ? 1 : 0;
    }
    EXPECT_EQ(nodes_inside, 5);
    int directed_links = 0;
    std::set<std::string> names;
    for (const auto& e : n.edges) {
        if (!inside[e.from] && !inside[e.to]) continue;
        directed_links += e.oneway == Oneway::no ? 2 : 1;
        names.insert(n.names[e.name_id]);
    }
    EXPECT_EQ(directed_links, 23);
    for (const char* name :
         {"明治通り", "春日通り", "川越街道", "目白通り", "中山道", "白山通り", "千登世橋"})
        EXPECT_TRUE(names.contains(name)) << name;
}

TEST(ImportUxsim, FindsTheLinkTableBesideTheNodeTable) {
    REQUIRE_DATA(test::uxsim_nodes());
    RoadImportOptions o;
    o.path = test::uxsim_nodes();
    RoadImportReport report;
    const RoadNetwork n = import_roads(o, &report);
    EXPECT_EQ(n.edge_count(), 340u);
    // Both link files qualify; they hold the same text, so either is right.
    EXPECT_NE(report.links_path.filename().string().find("links"), std::string::npos);
}

TEST(ImportOsm, MonacoPbf) {
    REQUIRE_DATA(test::monaco_pbf());
    RoadImportOptions o;
    o.path = test::monaco_pbf();
    RoadImportReport report;
    const RoadNetwork n = import_roads(o, &report);
    expect_well_formed(n, true);
    std::map<RoadClass, int> classes;
    int forward = 0, backward = 0, bridges = 0, tunnels = 0, maxspeeds = 0;
    for (const auto& e : n.edges) {
        ++classes[e.road_class];
        forward += e.oneway == Oneway::forward;
        backward += e.oneway == Oneway::backward;
        bridges += e.bridge;
        tunnels += e.tunnel;
        maxspeeds += e.maxspeed_kmh.has_value();
    }
    std::printf("monaco: ways %zu routable %zu dropped %zu incomplete %zu nodes %zu edges %zu "
                "components %zu largest %zu outside %zu names %zu forward %d backward %d "
                "bridges %d tunnels %d maxspeed %d\n",
                report.ways_read, report.ways_routable, report.ways_dropped, report.ways_incomplete,
                report.nodes, report.edges, report.component_count, report.largest_component_nodes,
                report.nodes_outside_largest, n.names.size(), forward, backward, bridges, tunnels,
                maxspeeds);
    EXPECT_EQ(report.format, RoadSourceFormat::osm_pbf);
    // GDAL's OSM driver finds the same 2897 highway lines of usable classes:
    // ogrinfo -dialect sqlite -sql "SELECT COUNT(*) FROM lines WHERE highway IN (...)".
    EXPECT_EQ(report.ways_routable, 2897u);
    EXPECT_EQ(report.ways_incomplete, 0u);
    EXPECT_EQ(n.node_count(), 4138u);
    EXPECT_EQ(n.edge_count(), 5344u);
    EXPECT_EQ(report.nodes, n.node_count());
    EXPECT_EQ(report.edges, n.edge_count());
    EXPECT_EQ(count_marked(n), report.largest_component_nodes);
    EXPECT_GT(forward, 0);
    EXPECT_GT(tunnels, 0); // Monaco drives through many tunnels
    EXPECT_GT(bridges, 0);
    EXPECT_TRUE(names_of(n).contains("Boulevard Albert 1er"));
}

TEST(ImportOsm, NerimaXml) {
    REQUIRE_DATA(test::nerima_osm());
    RoadImportOptions o;
    o.path = test::nerima_osm();
    RoadImportReport report;
    const RoadNetwork n = import_roads(o, &report);
    expect_well_formed(n, true);
    std::printf("nerima: ways %zu routable %zu dropped %zu incomplete %zu nodes %zu edges %zu "
                "components %zu largest %zu outside %zu names %zu\n",
                report.ways_read, report.ways_routable, report.ways_dropped, report.ways_incomplete,
                report.nodes, report.edges, report.component_count, report.largest_component_nodes,
                report.nodes_outside_largest, n.names.size());
    EXPECT_EQ(report.format, RoadSourceFormat::osm_xml);
    EXPECT_EQ(report.ways_read, 751u);
    EXPECT_EQ(report.ways_routable, 687u); // as GDAL's OSM driver counts them
    EXPECT_EQ(n.node_count(), 1117u);
    EXPECT_EQ(n.edge_count(), 1597u);
    const auto names = names_of(n);
    EXPECT_TRUE(names.contains("環七通り"));
    EXPECT_TRUE(names.contains("池袋谷原線"));
    EXPECT_EQ(count_marked(n), report.largest_component_nodes);
}

TEST(ImportOsm, TwoImportsOfOneFileAreIdentical) {
    REQUIRE_DATA(test::nerima_osm());
    RoadImportOptions o;
    o.path = test::nerima_osm();
    const RoadNetwork a = import_roads(o);
    const RoadNetwork b = import_roads(o);
    test::expect_same_network(a, b);
    EXPECT_EQ(road_network_hash(a), road_network_hash(b));
}

} // namespace
} // namespace breathline::data
