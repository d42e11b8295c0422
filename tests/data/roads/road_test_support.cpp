#include "tests/data/roads/road_test_support.h"

#include <fstream>

namespace breathline::data::test {

namespace fs = std::filesystem;

fs::path shared_data(const std::string& relative) {
    return fs::path(BREATHLINE_TEST_DATA_DIR) / relative;
}

fs::path road_fixture(const std::string& name) {
    return fs::path(BREATHLINE_SOURCE_DIR) / "tests/data/roads/fixtures" / name;
}

fs::path monaco_pbf() {
    return shared_data("bench/osm/monaco.osm.pbf");
}
fs::path nerima_osm() {
    return shared_data("real/roads/osm_xml_nerima_area_2011.osm");
}
fs::path uxsim_nodes() {
    return shared_data("real/roads/uxsim_tokyo_arterial_nodes.csv");
}
fs::path uxsim_links_cp932() {
    return shared_data("real/roads/uxsim_tokyo_arterial_links.cp932.csv");
}
fs::path uxsim_links_utf8() {
    return shared_data("real/roads/uxsim_tokyo_arterial_links.utf8.csv");
}
fs::path toshima_boundary() {
    return shared_data("real/boundaries/n03_2019_13116_toshima.geojson");
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write test file " + path.string());
}

geo::road::RoadNetwork import_uxsim(RoadImportReport* report) {
    RoadImportOptions o;
    o.path = uxsim_nodes();
    o.links_path = uxsim_links_cp932();
    return import_roads(o, report);
}

RoadSourceInfo source_info(const RoadImportReport& report, const std::string& clip) {
    RoadSourceInfo s;
    s.path = report.path.string();
    s.format = to_string(report.format);
    s.file_sha256 = report.sha256;
    s.clip = clip;
    return s;
}

void expect_same_network(const geo::road::RoadNetwork& a, const geo::road::RoadNetwork& b) {
    ASSERT_EQ(a.nodes.size(), b.nodes.size());
    ASSERT_EQ(a.edges.size(), b.edges.size());
    for (std::size_t v = 0; v < a.nodes.size(); ++v) {
        ASSERT_EQ(a.nodes[v], b.nodes[v]) << "node " << v;
        ASSERT_EQ(a.node_source_ids[v], b.node_source_ids[v]) << "node " << v;
        ASSERT_EQ(a.in_largest_component[v], b.in_largest_component[v]) << "node " << v;
    }
    for (std::size_t i = 0; i < a.edges.size(); ++i) {
        const auto& x = a.edges[i];
        const auto& y = b.edges[i];
        ASSERT_EQ(x.from, y.from) << "edge " << i;
        ASSERT_EQ(x.to, y.to) << "edge " << i;
        ASSERT_EQ(x.length_m, y.length_m) << "edge " << i;
        ASSERT_EQ(x.road_class, y.road_class) << "edge " << i;
        ASSERT_EQ(x.oneway, y.oneway) << "edge " << i;
        ASSERT_EQ(x.maxspeed_kmh, y.maxspeed_kmh) << "edge " << i;
        ASSERT_EQ(x.bridge, y.bridge) << "edge " << i;
        ASSERT_EQ(x.tunnel, y.tunnel) << "edge " << i;
        ASSERT_EQ(a.names[x.name_id], b.names[y.name_id]) << "edge " << i;
        ASSERT_EQ(x.source_id, y.source_id) << "edge " << i;
        ASSERT_EQ(x.shape, y.shape) << "edge " << i;
    }
}

} // namespace breathline::data::test
