// The routing verbs end to end on the demo database (real central-Tokyo
// arterial roads): roads info, route, closures, isochrone, nearest --by road,
// matrix, snap errors.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <map>
#include <ogrsf_frmts.h>
#include <regex>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace breathline::cli {
namespace {

namespace fs = std::filesystem;

struct CliRun {
    int rc;
    std::string out, err;
};

// Two points on 明治通り near Ikebukuro station (east side, south of it) and
// one on the same road further south, near Shinjuku-ku's border.
constexpr const char* k_ikebukuro = "139.7150,35.7270";
constexpr const char* k_north = "139.7200,35.7370";
constexpr const char* k_south = "139.7100,35.7110";

class RoutingCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        ASSERT_TRUE(fs::exists(fs::path(BREATHLINE_TEST_DATA_DIR) / "real" / "roads"))
            << "shared real data missing: " << BREATHLINE_TEST_DATA_DIR << "/real/roads";
        // ctest runs each test in its own process, several at once: one demo
        // database per process.
        s_dir = fs::temp_directory_path() / ("routing_cli_test_" + std::to_string(::getpid()));
        fs::remove_all(s_dir);
        fs::create_directories(s_dir);
        const CliRun demo = run({"demo"});
        ASSERT_EQ(demo.rc, exit_ok) << demo.err;
    }
    static void TearDownTestSuite() { fs::remove_all(s_dir); }
    void SetUp() override {
        ASSERT_TRUE(fs::exists(db())) << "the demo database was not built";
        run({"closures", "clear"});
    }

    static fs::path db() { return s_dir / "demo.sqlite"; }
    static CliRun run(std::vector<std::string> words) {
        std::vector<std::string> all{"breathline",   "--data-dir",  BREATHLINE_TEST_DATA_DIR,
                                     "--db",         db().string(), "--actor",
                                     "routing-test", "--lang",      "en"};
        all.insert(all.end(), words.begin(), words.end());
        std::vector<const char*> argv;
        for (const auto& w : all)
            argv.push_back(w.c_str());
        std::ostringstream out, err;
        const int rc = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
        return {rc, out.str(), err.str()};
    }
    static std::string slurp(const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    // "  edge ids: 252,253" → {"252", "253"}.
    static std::vector<std::string> edge_ids(const std::string& route_out) {
        std::smatch m;
        EXPECT_TRUE(std::regex_search(route_out, m, std::regex("edge ids: ([0-9,]+)")))
            << route_out;
        std::vector<std::string> ids;
        std::stringstream ss(m[1].str());
        for (std::string id; std::getline(ss, id, ',');)
            ids.push_back(id);
        return ids;
    }
    // Seconds of "time 2 min 37 s".
    static int seconds_of(const std::string& text) {
        std::smatch m;
        EXPECT_TRUE(std::regex_search(text, m, std::regex("([0-9]+) min ([0-9]+) s"))) << text;
        return m.empty() ? -1 : std::stoi(m[1].str()) * 60 + std::stoi(m[2].str());
    }
    // time_s of a route written with --geojson.
    static double geojson_time_s(const fs::path& p) {
        std::smatch m;
        const std::string text = slurp(p);
        EXPECT_TRUE(std::regex_search(text, m, std::regex("\"time_s\":([0-9.]+)"))) << text;
        return m.empty() ? -1 : std::stod(m[1].str());
    }

    static inline fs::path s_dir;
};

TEST_F(RoutingCli, RoadsInfoDescribesTheArterialNetwork) {
    const CliRun r = run({"roads", "info"});
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    EXPECT_NE(r.out.find("uxsim_tokyo_arterial_nodes.csv (uxsim_csv"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("nodes 220, edges 340"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("primary         340"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("arterial roads only"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  car: strongly connected components"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("largest 192 nodes"), std::string::npos) << r.out;
    // Walking ignores one-way rules, so its largest component holds at least the car's.
    const auto walk = r.out.find("  walk: strongly connected components");
    ASSERT_NE(walk, std::string::npos) << r.out;
    const auto largest = r.out.find("largest ", walk);
    ASSERT_NE(largest, std::string::npos);
    EXPECT_GE(std::stoi(r.out.substr(largest + 8)), 192) << r.out;
    EXPECT_NE(r.out.find("closures: 0 (0 road sections)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("graph car:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("graph walk:"), std::string::npos) << r.out;
}

TEST_F(RoutingCli, RoadsImportReplacesTheNetworkAndReportsComponents) {
    const fs::path roads = fs::path(BREATHLINE_TEST_DATA_DIR) / "real" / "roads";
    const std::string other = (s_dir / "other.sqlite").string();
    auto in_other = [&](std::vector<std::string> words) {
        words.insert(words.begin(), {"--db", other});
        return run(words);
    };
    EXPECT_EQ(in_other({"roads", "info"}).rc, exit_findings);
    EXPECT_EQ(in_other({"route", "--from", k_ikebukuro, "--to", k_north}).rc, exit_findings);
    const CliRun r =
        in_other({"roads", "import", (roads / "uxsim_tokyo_arterial_nodes.csv").string(), "--links",
                  (roads / "uxsim_tokyo_arterial_links.cp932.csv").string()});
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    EXPECT_NE(r.out.find("nodes 220, edges 340"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("largest 192 nodes"), std::string::npos) << r.out;
    const CliRun missing = in_other({"roads", "import", (s_dir / "nowhere.osm.pbf").string()});
    EXPECT_EQ(missing.rc, exit_bad_input);
    EXPECT_NE(missing.err.find("nowhere.osm.pbf"), std::string::npos) << missing.err;
    EXPECT_EQ(in_other({"route", "--from", k_ikebukuro, "--to", k_north}).rc, exit_ok);
}

TEST_F(RoutingCli, RouteAlongMeijiDoriGivesTimeDistanceAndNames) {
    const CliRun car = run({"route", "--from", k_ikebukuro, "--to", k_north});
    ASSERT_EQ(car.rc, exit_ok) << car.err;
    EXPECT_NE(car.out.find("明治通"), std::string::npos) << car.out;
    EXPECT_NE(car.out.find("road distance 1.2"), std::string::npos) << car.out;
    const int car_s = seconds_of(car.out);
    EXPECT_GT(car_s, 60);
    EXPECT_LT(car_s, 600);

    const CliRun walk = run({"route", "--from", k_ikebukuro, "--to", k_north, "--profile", "walk"});
    ASSERT_EQ(walk.rc, exit_ok) << walk.err;
    // 1.2 km at 4.5 km/h is about 16 minutes.
    EXPECT_GT(seconds_of(walk.out), 14 * 60);
    EXPECT_LT(seconds_of(walk.out), 20 * 60);

    const CliRun bad = run({"route", "--from", k_ikebukuro, "--to", k_north, "--profile", "bike"});
    EXPECT_EQ(bad.rc, exit_usage);
    EXPECT_NE(bad.err.find("bike"), std::string::npos) << bad.err;
}

TEST_F(RoutingCli, RouteWritesAGeoJsonLineString) {
    const fs::path out = s_dir / "route.geojson";
    const CliRun r =
        run({"route", "--from", k_ikebukuro, "--to", k_south, "--geojson", out.string()});
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(out.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds) << slurp(out);
    OGRLayer* layer = ds->GetLayer(0);
    ASSERT_EQ(layer->GetFeatureCount(), 1);
    std::unique_ptr<OGRFeature> f(layer->GetNextFeature());
    ASSERT_TRUE(f && f->GetGeometryRef());
    EXPECT_EQ(wkbFlatten(f->GetGeometryRef()->getGeometryType()), wkbLineString);
    EXPECT_GE(f->GetGeometryRef()->toLineString()->getNumPoints(), 3);
}

TEST_F(RoutingCli, ClosingTheRouteChangesItAndReopeningRestoresIt) {
    const CliRun before = run({"route", "--from", k_ikebukuro, "--to", k_south, "--edges"});
    ASSERT_EQ(before.rc, exit_ok) << before.err;
    const std::vector<std::string> ids = edge_ids(before.out);
    ASSERT_GE(ids.size(), 3u) << before.out;

    // Close the road sections between the two ends (the ends hold the points).
    for (std::size_t i = 1; i + 1 < ids.size(); ++i) {
        const CliRun add = run({"closures", "add", "--edge", ids[i], "--reason", "倒壊家屋"});
        ASSERT_EQ(add.rc, exit_ok) << add.err;
    }
    const CliRun list = run({"closures", "list"});
    EXPECT_EQ(list.rc, exit_ok);
    EXPECT_NE(list.out.find("edge " + ids[1]), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("倒壊家屋"), std::string::npos) << list.out;

    const CliRun closed = run({"route", "--from", k_ikebukuro, "--to", k_south, "--edges"});
    if (closed.rc == exit_findings) {
        EXPECT_NE(closed.out.find("no open road"), std::string::npos) << closed.out;
    } else {
        ASSERT_EQ(closed.rc, exit_ok) << closed.err;
        EXPECT_GT(seconds_of(closed.out), seconds_of(before.out)) << closed.out;
        const auto detour = edge_ids(closed.out);
        for (std::size_t i = 1; i + 1 < ids.size(); ++i)
            EXPECT_EQ(std::find(detour.begin(), detour.end(), ids[i]), detour.end())
                << "closed edge " << ids[i] << " used: " << closed.out;
    }

    // Reopen one by id, then the rest at once.
    std::smatch m;
    ASSERT_TRUE(std::regex_search(list.out, m, std::regex("^([0-9]+) ")));
    EXPECT_EQ(run({"closures", "remove", m[1].str()}).rc, exit_ok);
    EXPECT_EQ(run({"closures", "remove", m[1].str()}).rc, exit_findings);
    EXPECT_EQ(run({"closures", "clear"}).rc, exit_ok);
    const CliRun cleared = run({"closures", "list"});
    EXPECT_EQ(cleared.rc, exit_findings);
    EXPECT_NE(cleared.out.find("no road closures"), std::string::npos) << cleared.out;
    const CliRun after = run({"route", "--from", k_ikebukuro, "--to", k_south, "--edges"});
    ASSERT_EQ(after.rc, exit_ok) << after.err;
    EXPECT_EQ(after.out, before.out);
}

TEST_F(RoutingCli, ClosureByPolygonClosesTheRoadsCrossingIt) {
    const fs::path area = s_dir / "debris.geojson";
    // A small square across 明治通り between the two Ikebukuro points.
    std::ofstream(area) << R"({"type":"FeatureCollection","features":[{"type":"Feature",)"
                           R"("properties":{},"geometry":{"type":"Polygon","coordinates":)"
                           R"([[[139.7140,35.7290],[139.7180,35.7290],[139.7180,35.7310],)"
                           R"([139.7140,35.7310],[139.7140,35.7290]]]}}]})";
    const CliRun before = run({"route", "--from", k_ikebukuro, "--to", k_north});
    ASSERT_EQ(before.rc, exit_ok) << before.err;
    const CliRun add = run({"closures", "add", "--polygon", area.string()});
    ASSERT_EQ(add.rc, exit_ok) << add.err;
    EXPECT_NE(add.out.find("(1 road sections closed)"), std::string::npos) << add.out;
    // The closed section is the origin's own road: the origin now snaps onto
    // the nearest open road instead, so a (different) route still exists.
    const CliRun r = run({"route", "--from", k_ikebukuro, "--to", k_north});
    EXPECT_EQ(r.rc, exit_ok) << r.err;
    EXPECT_NE(r.out, before.out);

    const CliRun bad = run({"closures", "add", "--polygon", (s_dir / "missing.geojson").string()});
    EXPECT_NE(bad.rc, exit_ok);
    EXPECT_NE(bad.err.find("missing.geojson"), std::string::npos) << bad.err;
}

TEST_F(RoutingCli, IsochroneWritesValidGeoJson) {
    const fs::path out = s_dir / "iso.geojson";
    const CliRun r =
        run({"isochrone", "--from", k_ikebukuro, "--minutes", "10", "--out", out.string()});
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    EXPECT_NE(r.out.find("junctions"), std::string::npos) << r.out;
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(out.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds) << slurp(out);
    OGRLayer* layer = ds->GetLayer(0);
    ASSERT_EQ(layer->GetFeatureCount(), 1);
    std::unique_ptr<OGRFeature> f(layer->GetNextFeature());
    ASSERT_TRUE(f && f->GetGeometryRef());
    EXPECT_EQ(wkbFlatten(f->GetGeometryRef()->getGeometryType()), wkbMultiPolygon);
    // Every ring is closed and has an area. (OGC validity is not asserted: the raster
    // tracing of geo/road/isochrone may pinch a ring at a cell corner.)
    const OGRMultiPolygon* area = f->GetGeometryRef()->toMultiPolygon();
    ASSERT_GE(area->getNumGeometries(), 1);
    for (const OGRPolygon* part : *area)
        for (const OGRLinearRing* ring : *part) {
            EXPECT_GE(ring->getNumPoints(), 4);
            EXPECT_TRUE(ring->get_IsClosed());
        }
    EXPECT_GT(area->get_Area(), 0.0);
    OGRPoint origin(139.7150, 35.7270);
    EXPECT_TRUE(f->GetGeometryRef()->Contains(&origin));
    EXPECT_GT(f->GetFieldAsInteger("node_count"), 1);

    // A longer limit reaches at least as many junctions.
    const CliRun more = run({"isochrone", "--from", k_ikebukuro, "--minutes", "20"});
    ASSERT_EQ(more.rc, exit_ok);
    EXPECT_EQ(run({"isochrone", "--from", k_ikebukuro, "--minutes", "0"}).rc, exit_usage);
}

TEST_F(RoutingCli, NearestByRoadListsRescueCentresByTravelTime) {
    const CliRun r = run(
        {"nearest", "--by", "road", "--from", k_ikebukuro, "--kind", "rescue_centre", "-k", "5"});
    ASSERT_EQ(r.rc, exit_ok) << r.err;
    std::vector<int> times;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);)
        if (std::regex_search(line, std::regex("^[0-9]+\\. "))) {
            EXPECT_NE(line.find("rescue_centre-"), std::string::npos) << line;
            times.push_back(seconds_of(line));
        }
    ASSERT_EQ(times.size(), 5u) << r.out;
    EXPECT_TRUE(std::is_sorted(times.begin(), times.end())) << r.out;
    EXPECT_EQ(run({"nearest", "--by", "air", "--from", k_ikebukuro}).rc, exit_usage);
    EXPECT_EQ(run({"nearest", "--from", k_ikebukuro, "--profile", "walk"}).rc, exit_usage);
}

TEST_F(RoutingCli, APointFarFromAnyRoadIsABadInputNamingThePoint) {
    // About 50 km west of Ikebukuro, in the mountains of Hachioji.
    const CliRun r = run({"route", "--from", "139.1600,35.7270", "--to", k_north});
    EXPECT_EQ(r.rc, exit_bad_input);
    EXPECT_NE(r.err.find("--from 139.1600,35.7270"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("limit is 2.00 km"), std::string::npos) << r.err;
    const CliRun iso = run({"isochrone", "--from", "139.1600,35.7270", "--minutes", "5"});
    EXPECT_EQ(iso.rc, exit_bad_input);
}

TEST_F(RoutingCli, MatrixEqualsRepeatedRoute) {
    const std::vector<std::pair<std::string, std::string>> points = {
        {"ikebukuro", k_ikebukuro}, {"north", k_north}, {"south", k_south}};
    const fs::path csv = s_dir / "points.csv";
    {
        std::ofstream f(csv);
        f << "id,lon,lat\n";
        for (const auto& [id, p] : points)
            f << id << "," << p << "\n";
    }
    const fs::path out = s_dir / "matrix.csv";
    const CliRun m = run({"matrix", "--from-file", csv.string(), "--to-file", csv.string(), "--out",
                          out.string(), "--profile", "walk"});
    ASSERT_EQ(m.rc, exit_ok) << m.err;
    std::map<std::pair<std::string, std::string>, double> matrix;
    std::istringstream rows(slurp(out));
    std::string line;
    std::getline(rows, line);
    EXPECT_EQ(line, "from,to,time_s,reachable\r");
    while (std::getline(rows, line)) {
        std::smatch cell;
        ASSERT_TRUE(std::regex_search(line, cell, std::regex("^(\\w+),(\\w+),([0-9.]+),1")))
            << line;
        matrix[{cell[1].str(), cell[2].str()}] = std::stod(cell[3].str());
    }
    ASSERT_EQ(matrix.size(), 9u);
    const fs::path route = s_dir / "pair.geojson";
    for (const auto& [a, pa] : points)
        for (const auto& [b, pb] : points) {
            const CliRun r = run({"route", "--from", pa, "--to", pb, "--profile", "walk",
                                  "--geojson", route.string()});
            ASSERT_EQ(r.rc, exit_ok) << r.err;
            EXPECT_DOUBLE_EQ(geojson_time_s(route), (matrix[{a, b}])) << a << " → " << b;
        }

    const fs::path bad = s_dir / "bad.csv";
    std::ofstream(bad) << "id,lon,lat\nx,139.71,north\n";
    const CliRun rejected = run({"matrix", "--from-file", bad.string(), "--to-file", csv.string()});
    EXPECT_EQ(rejected.rc, exit_bad_input);
    EXPECT_NE(rejected.err.find("bad.csv:2"), std::string::npos) << rejected.err;
}

TEST_F(RoutingCli, EveryRoutingVerbHasHelpInBothLanguages) {
    for (const char* verb : {"roads", "route", "matrix", "isochrone", "closures", "nearest"}) {
        const CliRun en = run({verb, "--help"});
        EXPECT_EQ(en.rc, exit_ok) << verb;
        EXPECT_NE(en.out.find("Usage: breathline"), std::string::npos) << en.out;
        EXPECT_EQ(en.out.find("opt."), std::string::npos) << "untranslated key: " << en.out;
        EXPECT_EQ(en.out.find("verb."), std::string::npos) << "untranslated key: " << en.out;
        const CliRun ja = run({"--lang", "ja", verb, "--help"});
        EXPECT_NE(ja.out.find("使い方"), std::string::npos) << ja.out;
        EXPECT_EQ(ja.out.find("opt."), std::string::npos) << "untranslated key: " << ja.out;
    }
}

} // namespace
} // namespace breathline::cli
