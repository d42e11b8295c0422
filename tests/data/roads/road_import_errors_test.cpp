// Every class of bad road input is a DataError naming the file and the
// problem, and a store that already holds a network keeps it unchanged.

#include "data/error.h"
#include "data/roads/road_import.h"
#include "data/roads/road_store.h"
#include "tests/data/roads/road_test_support.h"

#include <fstream>
#include <gdal.h>
#include <gdal_utils.h>

namespace breathline::data {
namespace {

namespace fs = std::filesystem;

class ImportErrors : public ::testing::Test {
protected:
    void SetUp() override {
        REQUIRE_DATA(test::uxsim_nodes());
        m_store = test::open_spatialite(m_dir.file("roads.sqlite"));
        m_roads = road_store(*m_store);
        RoadImportReport report;
        const auto network = test::import_uxsim(&report);
        m_before = m_roads->replace_network(network, test::source_info(report));
        m_audit_before = m_store->audit().count();
    }

    // The CLI's sequence: import into memory, then store. The import must
    // throw a DataError(import_failed) whose message holds every fragment,
    // and the store must be as it was.
    void expect_rejected(const RoadImportOptions& options,
                         const std::vector<std::string>& fragments) {
        try {
            RoadImportReport report;
            const auto network = import_roads(options, &report);
            m_roads->replace_network(network, test::source_info(report));
            ADD_FAILURE() << options.path << " was imported";
        } catch (const DataError& e) {
            EXPECT_EQ(e.code(), ErrorCode::import_failed) << e.what();
            for (const auto& f : fragments)
                EXPECT_NE(std::string(e.what()).find(f), std::string::npos)
                    << "'" << f << "' not in: " << e.what();
        }
        const auto now = m_roads->source();
        ASSERT_TRUE(now.has_value());
        EXPECT_EQ(now->id, m_before.id);
        EXPECT_EQ(m_roads->load_network().edge_count(), 340u);
        EXPECT_EQ(m_store->audit().count(), m_audit_before);
    }

    fs::path file(const std::string& name, const std::string& text) {
        const fs::path p = m_dir.path() / name;
        test::write_text(p, text);
        return p;
    }

    test::TempDir m_dir;
    std::unique_ptr<spatialite::SpatialiteStore> m_store;
    std::unique_ptr<RoadStore> m_roads;
    RoadSourceInfo m_before;
    std::int64_t m_audit_before = 0;
};

TEST_F(ImportErrors, MissingFile) {
    RoadImportOptions o;
    o.path = m_dir.path() / "nowhere.osm.pbf";
    expect_rejected(o, {"nowhere.osm.pbf", "no such road file"});
}

TEST_F(ImportErrors, GarbagePbf) {
    RoadImportOptions o;
    o.path = file("garbage.osm.pbf", std::string(4096, '\x5a'));
    expect_rejected(o, {"garbage.osm.pbf", "not a readable OpenStreetMap PBF"});
}

TEST_F(ImportErrors, TruncatedPbf) {
    REQUIRE_DATA(test::monaco_pbf());
    std::ifstream in(test::monaco_pbf(), std::ios::binary);
    std::string bytes(200000, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    RoadImportOptions o;
    o.path = file("cut.osm.pbf", bytes);
    expect_rejected(o, {"cut.osm.pbf", "not a readable OpenStreetMap PBF"});
}

TEST_F(ImportErrors, BrokenXml) {
    RoadImportOptions o;
    o.path = file("broken.osm", "<?xml version='1.0'?><osm version='0.6'><way id='1'><nd ref=");
    expect_rejected(o, {"broken.osm", "not a readable OpenStreetMap XML"});
}

TEST_F(ImportErrors, LayerWithoutLines) {
    RoadImportOptions o;
    o.path = file("points.geojson",
                  R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)"
                  R"({"highway":"residential"},"geometry":{"type":"Point","coordinates":)"
                  R"([139.7,35.7]}}]})");
    expect_rejected(o, {"points.geojson", "has no layer with lines", "points (Point)"});
}

TEST_F(ImportErrors, NoRoutableWays) {
    RoadImportOptions o;
    o.path = file("construction.geojson",
                  R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)"
                  R"({"highway":"construction"},"geometry":{"type":"LineString","coordinates":)"
                  R"([[139.7,35.7],[139.71,35.7]]}}]})");
    expect_rejected(o, {"construction.geojson", "no routable ways"});
    // An OSM file with buildings only.
    o.path = file("buildings.osm",
                  "<?xml version='1.0'?><osm version='0.6'>"
                  "<node id='1' lat='35.7' lon='139.7'/><node id='2' lat='35.71' lon='139.7'/>"
                  "<way id='5'><nd ref='1'/><nd ref='2'/><tag k='building' v='yes'/></way></osm>");
    expect_rejected(o, {"buildings.osm", "no routable ways"});
}

TEST_F(ImportErrors, UnknownCrs) {
    // A Shapefile in metres (EPSG:6677) whose .prj went missing.
    GDALAllRegister();
    const fs::path shp = m_dir.path() / "centre_lines.shp";
    GDALDatasetH in = GDALOpenEx(test::road_fixture("junctions.geojson").c_str(), GDAL_OF_VECTOR,
                                 nullptr, nullptr, nullptr);
    ASSERT_NE(in, nullptr);
    const char* args[] = {"-f",        "ESRI Shapefile", "-t_srs",
                          "EPSG:6677", "-where",         "highway <> 'residential' OR name <> '点'",
                          nullptr};
    GDALVectorTranslateOptions* options =
        GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
    GDALDatasetH out = GDALVectorTranslate(shp.c_str(), nullptr, 1, &in, options, nullptr);
    GDALVectorTranslateOptionsFree(options);
    ASSERT_NE(out, nullptr);
    GDALClose(out);
    GDALClose(in);
    ASSERT_TRUE(fs::remove(m_dir.path() / "centre_lines.prj"));
    RoadImportOptions o;
    o.path = shp;
    expect_rejected(o, {"centre_lines.shp", "no coordinate reference system", "unknown CRS"});
}

TEST_F(ImportErrors, ProjectedCoordinatesInALonLatFile) {
    // GeoJSON is lon/lat by definition; metres there are a CRS the file does not state.
    RoadImportOptions o;
    o.path = file("metres.geojson",
                  R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)"
                  R"({"highway":"residential"},"geometry":{"type":"LineString","coordinates":)"
                  R"([[-9123.5,-31000.25],[-9100.0,-31000.25]]}}]})");
    expect_rejected(o, {"metres.geojson", "unknown or wrong CRS", "-9123.5"});
}

TEST_F(ImportErrors, LinkNamingAMissingNode) {
    const fs::path nodes = file("net_nodes.csv", "name,x,y\n1,139.70,35.70\n2,139.71,35.70\n");
    const fs::path links =
        file("net_links.csv", "name,start,end,length\n0通り,1,2,900\n1通り,2,999,900\n");
    RoadImportOptions o;
    o.path = nodes;
    o.links_path = links;
    expect_rejected(o, {"net_links.csv", "line 3", "column 'end'", "value '999'", "net_nodes.csv"});
}

TEST_F(ImportErrors, BadNodeCoordinate) {
    const fs::path nodes = file("bad_nodes.csv", "name,x,y\n1,139.70,35.70\n2,東経,35.70\n");
    const fs::path links = file("bad_links.csv", "name,start,end\n0通り,1,2\n");
    RoadImportOptions o;
    o.path = nodes;
    o.links_path = links;
    expect_rejected(o, {"bad_nodes.csv", "line 3", "column 'x'", "longitude"});
}

TEST_F(ImportErrors, ClipPolygonMissingTheRoads) {
    RoadImportOptions o;
    o.path = test::uxsim_nodes();
    o.links_path = test::uxsim_links_utf8();
    geo::MultiPolygon osaka;
    osaka.parts.push_back(
        {geo::Ring{{{135.4, 34.6}, {135.6, 34.6}, {135.6, 34.7}, {135.4, 34.7}}}, {}});
    o.clip = osaka;
    expect_rejected(o, {"uxsim_tokyo_arterial_nodes.csv", "no routable ways inside the clip"});
}

TEST_F(ImportErrors, AFailingStoreStepLeavesTheOldNetwork) {
    // A network that passes validation but violates a column CHECK halfway
    // through the inserts: the whole replacement rolls back.
    auto network = test::import_uxsim();
    network.edges.back().maxspeed_kmh = -5;
    EXPECT_THROW(m_roads->replace_network(network, m_before), DataError);
    EXPECT_EQ(m_roads->source()->id, m_before.id);
    EXPECT_EQ(m_roads->sources().size(), 1u);
    test::expect_same_network(m_roads->load_network(), test::import_uxsim());
    EXPECT_EQ(m_store->audit().count(), m_audit_before);
}

} // namespace
} // namespace breathline::data
