// Graph files beside the database: exact round trip, automatic rebuild when
// the network or the profile changes or the file is missing, truncated or
// corrupt, and the load time of the Monaco graph (printed, not asserted).

#include "data/error.h"
#include "data/roads/graph_file.h"
#include "data/roads/road_store.h"
#include "geo/road/cch_order.h"
#include "geo/road/profile.h"
#include "tests/data/roads/road_test_support.h"

#include <chrono>
#include <cstring>
#include <fstream>

namespace breathline::data {
namespace {

namespace fs = std::filesystem;
using geo::road::Profile;
using geo::road::RoadGraph;

void expect_same_graph(const RoadGraph& a, const RoadGraph& b) {
    EXPECT_EQ(a.first_out, b.first_out);
    EXPECT_EQ(a.head, b.head);
    EXPECT_EQ(a.travel_time_ms, b.travel_time_ms);
    EXPECT_EQ(a.length_m, b.length_m);
    EXPECT_EQ(a.edge, b.edge);
    EXPECT_EQ(a.node_position, b.node_position);
}

class GraphFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        REQUIRE_DATA(test::uxsim_nodes());
        m_store = test::open_spatialite(m_dir.file("city.sqlite"));
        m_roads = road_store(*m_store);
        RoadImportReport report;
        m_network = test::import_uxsim(&report);
        m_source = m_roads->replace_network(m_network, test::source_info(report));
    }

    test::TempDir m_dir;
    std::unique_ptr<spatialite::SpatialiteStore> m_store;
    std::unique_ptr<RoadStore> m_roads;
    geo::road::RoadNetwork m_network;
    RoadSourceInfo m_source;
};

TEST_F(GraphFileTest, PathSitsBesideTheDatabase) {
    EXPECT_EQ(graph_file_path("/x/city.sqlite", "walk"),
              fs::path("/x/city.sqlite.roads.walk.graph"));
    EXPECT_THROW(graph_file_path("/x/city.sqlite", "../evil"), DataError);
    EXPECT_THROW(graph_file_path("/x/city.sqlite", ""), DataError);
}

TEST_F(GraphFileTest, BuiltOnceThenReadBackIdentical) {
    for (const Profile& profile : {Profile::car(), Profile::walk()}) {
        SCOPED_TRACE(profile.name);
        const LoadedGraph first = load_or_build_graph(*m_store, profile);
        EXPECT_TRUE(first.rebuilt);
        EXPECT_EQ(first.why_rebuilt, GraphFileProblem::missing);
        EXPECT_TRUE(fs::exists(first.path));
        expect_same_graph(first.graph, geo::road::build_road_graph(m_network, profile));
        const LoadedGraph second = load_or_build_graph(*m_store, profile);
        EXPECT_FALSE(second.rebuilt);
        EXPECT_EQ(second.why_rebuilt, GraphFileProblem::none);
        expect_same_graph(second.graph, first.graph);
    }
    // No temporary files are left behind.
    int files = 0;
    for (const auto& entry : fs::directory_iterator(m_dir.path()))
        files += entry.path().string().find(".tmp.") != std::string::npos ? 100 : 1;
    EXPECT_LT(files, 100);
}

TEST_F(GraphFileTest, ChangedNetworkRebuilds) {
    load_or_build_graph(*m_store, Profile::car());
    auto changed = m_network;
    changed.edges[3].road_class = geo::road::RoadClass::residential;
    m_roads->replace_network(changed, m_source);
    const LoadedGraph g = load_or_build_graph(*m_store, Profile::car());
    EXPECT_TRUE(g.rebuilt);
    EXPECT_EQ(g.why_rebuilt, GraphFileProblem::other_content);
    expect_same_graph(g.graph, geo::road::build_road_graph(changed, Profile::car()));
}

TEST_F(GraphFileTest, ChangedProfileRebuilds) {
    load_or_build_graph(*m_store, Profile::car());
    Profile slower = Profile::car();
    slower.speed_kmh[static_cast<std::size_t>(geo::road::RoadClass::primary)] = 20;
    EXPECT_NE(graph_content_hash(m_source.network_sha256, slower),
              graph_content_hash(m_source.network_sha256, Profile::car()));
    const LoadedGraph g = load_or_build_graph(*m_store, slower);
    EXPECT_TRUE(g.rebuilt);
    EXPECT_EQ(g.why_rebuilt, GraphFileProblem::other_content);
    expect_same_graph(g.graph, geo::road::build_road_graph(m_network, slower));
    // Even a change no arc weight shows (the snapping limit) rebuilds.
    Profile far_snap = Profile::car();
    far_snap.max_snap_m = 5000;
    EXPECT_NE(graph_content_hash(m_source.network_sha256, far_snap),
              graph_content_hash(m_source.network_sha256, Profile::car()));
}

TEST_F(GraphFileTest, TruncatedCorruptOrForeignFilesAreRebuilt) {
    const LoadedGraph good = load_or_build_graph(*m_store, Profile::car());
    const auto size = fs::file_size(good.path);
    std::vector<char> bytes(size);
    {
        std::ifstream in(good.path, std::ios::binary);
        in.read(bytes.data(), static_cast<std::streamsize>(size));
    }
    auto write = [&](const std::vector<char>& b) {
        std::ofstream out(good.path, std::ios::binary | std::ios::trunc);
        out.write(b.data(), static_cast<std::streamsize>(b.size()));
    };
    struct Case {
        const char* what;
        std::vector<char> bytes;
        GraphFileProblem problem;
    };
    std::vector<Case> cases;
    cases.push_back({"cut in the arrays",
                     {bytes.begin(), bytes.begin() + static_cast<long>(size / 2)},
                     GraphFileProblem::truncated});
    cases.push_back(
        {"cut in the header", {bytes.begin(), bytes.begin() + 20}, GraphFileProblem::truncated});
    cases.push_back({"empty", {}, GraphFileProblem::truncated});
    // The positions end where the CCH order (4 bytes a node, 8-aligned) starts.
    const std::size_t order_bytes = (good.graph.node_count() * 4 + 7) / 8 * 8;
    auto flipped = bytes;
    flipped[size - order_bytes - 100] = static_cast<char>(flipped[size - order_bytes - 100] ^ 0x10);
    cases.push_back({"one bit flipped in the positions", flipped, GraphFileProblem::corrupt});
    auto weight = bytes;
    weight[128 + 4 * 221 + 8] = static_cast<char>(weight[128 + 4 * 221 + 8] + 1);
    cases.push_back({"one byte changed in the arc heads", weight, GraphFileProblem::corrupt});
    // The last array, read (and checksummed) piece by piece after all others.
    auto order = bytes;
    order[size - order_bytes + 5] = static_cast<char>(order[size - order_bytes + 5] ^ 0x01);
    cases.push_back({"one bit flipped in the CCH order", order, GraphFileProblem::corrupt});
    auto longer = bytes;
    longer.push_back('x');
    cases.push_back({"trailing byte", longer, GraphFileProblem::corrupt});
    auto magic = bytes;
    magic[0] = 'X';
    cases.push_back({"other magic", magic, GraphFileProblem::bad_magic});
    auto version = bytes;
    version[8] = static_cast<char>(version[8] + 1);
    cases.push_back({"other version", version, GraphFileProblem::other_version});
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        write(c.bytes);
        GraphFileProblem problem = GraphFileProblem::none;
        EXPECT_FALSE(read_graph_file(good.path,
                                     graph_content_hash(m_source.network_sha256, Profile::car()),
                                     &problem)
                         .has_value());
        EXPECT_EQ(problem, c.problem) << to_string(problem);
        const LoadedGraph again = load_or_build_graph(*m_store, Profile::car());
        EXPECT_TRUE(again.rebuilt);
        expect_same_graph(again.graph, good.graph);
        EXPECT_EQ(fs::file_size(good.path), size);
    }
}

TEST_F(GraphFileTest, CchOrderIsStoredAndEqualsAFreshComputation) {
    for (const Profile& profile : {Profile::car(), Profile::walk()}) {
        SCOPED_TRACE(profile.name);
        const LoadedGraph built = load_or_build_graph(*m_store, profile);
        ASSERT_TRUE(built.rebuilt);
        const auto fresh = geo::road::compute_nested_dissection_order(built.graph);
        ASSERT_EQ(fresh.size(), built.graph.node_count());
        EXPECT_EQ(built.cch_order, fresh);
        const LoadedGraph loaded = load_or_build_graph(*m_store, profile);
        EXPECT_FALSE(loaded.rebuilt);
        EXPECT_EQ(loaded.cch_order, fresh);
        std::vector<geo::road::NodeIndex> order;
        ASSERT_TRUE(read_graph_file(loaded.path,
                                    graph_content_hash(m_source.network_sha256, profile), nullptr,
                                    &order)
                        .has_value());
        EXPECT_EQ(order, fresh);
    }
    // An order that is not a permutation is refused before anything is written.
    const RoadGraph g = geo::road::build_road_graph(m_network, Profile::car());
    std::vector<geo::road::NodeIndex> bad(g.node_count(), 0);
    const fs::path path = m_dir.path() / "bad.graph";
    EXPECT_THROW(write_graph_file(path, g, std::string(64, 'a'), bad), DataError);
    EXPECT_FALSE(fs::exists(path));
    // Without an order the writer computes it.
    write_graph_file(path, g, std::string(64, 'a'));
    std::vector<geo::road::NodeIndex> computed;
    ASSERT_TRUE(read_graph_file(path, std::string(64, 'a'), nullptr, &computed).has_value());
    EXPECT_EQ(computed, geo::road::compute_nested_dissection_order(g));
}

TEST_F(GraphFileTest, VersionOneFileWithoutOrderIsRebuilt) {
    const LoadedGraph good = load_or_build_graph(*m_store, Profile::car());
    const auto size = fs::file_size(good.path);
    std::vector<char> bytes(size);
    {
        std::ifstream in(good.path, std::ios::binary);
        in.read(bytes.data(), static_cast<std::streamsize>(size));
    }
    // A version-1 file: the same header with version 1 and the payload
    // without the order array (header bytes 8..11 version, 96..103 the
    // payload size, as laid out in graph_file.cpp).
    const std::size_t order_bytes = (good.graph.node_count() * 4 + 7) / 8 * 8;
    std::vector<char> v1(bytes.begin(), bytes.end() - static_cast<long>(order_bytes));
    const std::uint32_t one = 1;
    std::memcpy(v1.data() + 8, &one, sizeof one);
    const std::uint64_t payload = v1.size() - 128;
    std::memcpy(v1.data() + 96, &payload, sizeof payload);
    {
        std::ofstream out(good.path, std::ios::binary | std::ios::trunc);
        out.write(v1.data(), static_cast<std::streamsize>(v1.size()));
    }
    GraphFileProblem problem = GraphFileProblem::none;
    EXPECT_FALSE(read_graph_file(good.path,
                                 graph_content_hash(m_source.network_sha256, Profile::car()),
                                 &problem)
                     .has_value());
    EXPECT_EQ(problem, GraphFileProblem::other_version);
    const LoadedGraph again = load_or_build_graph(*m_store, Profile::car());
    EXPECT_TRUE(again.rebuilt);
    EXPECT_EQ(again.why_rebuilt, GraphFileProblem::other_version);
    expect_same_graph(again.graph, good.graph);
    EXPECT_EQ(again.cch_order, good.cch_order);
    EXPECT_EQ(fs::file_size(good.path), size);
    std::uint32_t version = 0;
    {
        std::ifstream in(good.path, std::ios::binary);
        in.seekg(8);
        in.read(reinterpret_cast<char*>(&version), sizeof version);
    }
    EXPECT_EQ(version, graph_file_version);
    EXPECT_EQ(graph_file_version, 2u);
}

TEST_F(GraphFileTest, StoreWithoutNetworkIsNotFound) {
    auto empty = test::open_spatialite(m_dir.file("empty.sqlite"));
    try {
        load_or_build_graph(*empty, Profile::walk());
        ADD_FAILURE();
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::not_found);
        EXPECT_NE(std::string(e.what()).find("roads import"), std::string::npos);
    }
}

TEST(GraphFileLoad, MonacoLoadTime) {
    REQUIRE_DATA(test::monaco_pbf());
    test::TempDir dir;
    auto store = test::open_spatialite(dir.file("monaco.sqlite"));
    auto roads = road_store(*store);
    RoadImportOptions o;
    o.path = test::monaco_pbf();
    RoadImportReport report;
    roads->replace_network(import_roads(o, &report), test::source_info(report));
    const LoadedGraph built = load_or_build_graph(*store, Profile::car());
    ASSERT_TRUE(built.rebuilt);
    double best_ms = 1e9;
    for (int i = 0; i < 5; ++i) {
        const LoadedGraph loaded = load_or_build_graph(*store, Profile::car());
        ASSERT_FALSE(loaded.rebuilt);
        best_ms = std::min(best_ms, loaded.milliseconds);
        if (i == 0) expect_same_graph(loaded.graph, built.graph);
    }
    // read_graph_file alone, without the store's source lookup.
    const auto hash = graph_content_hash(roads->source()->network_sha256, Profile::car());
    const auto t0 = std::chrono::steady_clock::now();
    const auto graph = read_graph_file(built.path, hash);
    const double read_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_TRUE(graph.has_value());
    std::printf("Monaco car graph: %zu nodes, %zu arcs, %ju bytes; build+write %.1f ms, "
                "load_or_build_graph %.2f ms (best of 5), read_graph_file %.2f ms\n",
                graph->node_count(), graph->arc_count(),
                static_cast<std::uintmax_t>(fs::file_size(built.path)), built.milliseconds, best_ms,
                read_ms);
}

} // namespace
} // namespace breathline::data
