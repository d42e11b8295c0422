// RoadStore on SpatiaLite: the network round trip, source history and audit,
// closures by edge and by area, and the edges crossing a polygon against a
// brute-force scan.

#include "data/error.h"
#include "data/roads/road_store.h"
#include "tests/data/roads/road_test_support.h"

#include <algorithm>

namespace breathline::data {
namespace {

using geo::LonLat;
using geo::road::EdgeIndex;
using geo::road::RoadNetwork;

class RoadStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        REQUIRE_DATA(test::uxsim_nodes());
        m_store = test::open_spatialite(m_dir.file("roads.sqlite"));
        m_store->set_actor("保健所 田中");
        m_roads = road_store(*m_store);
        m_network = test::import_uxsim(&m_report);
    }

    test::TempDir m_dir;
    std::unique_ptr<spatialite::SpatialiteStore> m_store;
    std::unique_ptr<RoadStore> m_roads;
    RoadImportReport m_report;
    RoadNetwork m_network;
};

// A square around Ikebukuro station, degrees.
geo::MultiPolygon ikebukuro() {
    geo::MultiPolygon area;
    area.parts.push_back(
        {geo::Ring{{{139.700, 35.720}, {139.725, 35.720}, {139.725, 35.740}, {139.700, 35.740}}},
         {}});
    return area;
}

TEST_F(RoadStoreTest, EmptyStoreHasNoNetwork) {
    EXPECT_FALSE(m_roads->source().has_value());
    EXPECT_EQ(m_roads->load_network().node_count(), 0u);
    EXPECT_TRUE(m_roads->closures().empty());
}

TEST_F(RoadStoreTest, NetworkRoundTripIsExact) {
    const RoadSourceInfo stored =
        m_roads->replace_network(m_network, test::source_info(m_report, "none"));
    EXPECT_GT(stored.id, 0);
    EXPECT_EQ(stored.node_count, 220);
    EXPECT_EQ(stored.edge_count, 340);
    EXPECT_EQ(stored.network_sha256, road_network_hash(m_network));
    EXPECT_FALSE(stored.imported_at.empty());
    const RoadNetwork loaded = m_roads->load_network();
    test::expect_same_network(loaded, m_network);
    EXPECT_EQ(loaded.names, m_network.names) << "names come back in the same order";
    EXPECT_EQ(road_network_hash(loaded), stored.network_sha256);

    const auto source = m_roads->source();
    ASSERT_TRUE(source.has_value());
    EXPECT_EQ(source->path, m_report.path.string());
    EXPECT_EQ(source->format, "uxsim_csv");
    EXPECT_EQ(source->file_sha256, m_report.sha256);
    EXPECT_EQ(source->clip, "none");

    const auto audit = m_store->audit().entries(1);
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].action, "replace");
    EXPECT_EQ(audit[0].entity, "road_network");
    EXPECT_EQ(audit[0].actor, "保健所 田中");
    EXPECT_NE(audit[0].summary.find("340 edges"), std::string::npos);
    // The spatial indexes of the road tables are consistent.
    const CheckReport check = m_store->check();
    EXPECT_FALSE(check.has_errors());
    const auto repaired = m_store->repair_spatial_indexes();
    EXPECT_TRUE(std::any_of(repaired.begin(), repaired.end(), [](const std::string& s) {
        return s.find("idx_road_edges_geom: rebuilt with 340") != std::string::npos;
    }));
}

TEST_F(RoadStoreTest, MonacoRoundTripKeepsShapesAndOsmIds) {
    REQUIRE_DATA(test::monaco_pbf());
    RoadImportOptions o;
    o.path = test::monaco_pbf();
    RoadImportReport report;
    const RoadNetwork monaco = import_roads(o, &report);
    m_roads->replace_network(monaco, test::source_info(report));
    test::expect_same_network(m_roads->load_network(), monaco);
}

TEST_F(RoadStoreTest, ReplacingKeepsHistoryAndReopensEdgeClosures) {
    const auto first = m_roads->replace_network(m_network, test::source_info(m_report));
    RoadClosure by_edge;
    by_edge.edge = 7;
    by_edge.reason = "倒壊家屋";
    m_roads->add_closure(by_edge);
    RoadClosure by_area;
    by_area.area = ikebukuro();
    by_area.reason = "火災";
    const RowId area_id = m_roads->add_closure(by_area);

    RoadNetwork smaller = m_network;
    smaller.edges.resize(300);
    const auto second = m_roads->replace_network(smaller, test::source_info(m_report));
    EXPECT_GT(second.id, first.id);
    EXPECT_NE(second.network_sha256, first.network_sha256);
    ASSERT_EQ(m_roads->sources().size(), 2u);
    EXPECT_EQ(m_roads->source()->id, second.id);
    EXPECT_EQ(m_roads->load_network().edge_count(), 300u);
    const auto active = m_roads->closures();
    ASSERT_EQ(active.size(), 1u) << "the edge closure named an edge of the old network";
    EXPECT_EQ(active[0].id, area_id);
    EXPECT_EQ(m_roads->closures(true).size(), 2u);
    EXPECT_NE(m_store->audit().entries(1)[0].summary.find("1 edge closures"), std::string::npos);
}

TEST_F(RoadStoreTest, ClosuresAddListRemoveClear) {
    m_roads->replace_network(m_network, test::source_info(m_report));
    const auto audit_before = m_store->audit().count();
    RoadClosure c;
    c.edge = 12;
    c.reason = "橋梁損傷";
    const RowId a = m_roads->add_closure(c);
    RoadClosure d;
    d.area = ikebukuro();
    const RowId b = m_roads->add_closure(d);
    EXPECT_GT(b, a);
    EXPECT_EQ(m_store->audit().count(), audit_before + 2);

    auto list = m_roads->closures();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].id, a);
    EXPECT_EQ(list[0].edge, std::optional<EdgeIndex>(12));
    EXPECT_FALSE(list[0].area.has_value());
    EXPECT_EQ(list[0].reason, "橋梁損傷");
    EXPECT_EQ(list[0].actor, "保健所 田中");
    EXPECT_TRUE(list[0].active);
    ASSERT_TRUE(list[1].area.has_value());
    ASSERT_EQ(list[1].area->parts.size(), 1u);
    EXPECT_TRUE(list[1].area->contains(LonLat(139.71, 35.73)));
    EXPECT_FALSE(list[1].area->contains(LonLat(139.75, 35.73)));

    // Closed edges: the edge plus every edge crossing the area.
    std::vector<EdgeIndex> expected = m_roads->edges_crossing(ikebukuro());
    expected.push_back(12);
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    EXPECT_EQ(m_roads->closed_edges(), expected);

    EXPECT_TRUE(m_roads->remove_closure(a));
    EXPECT_FALSE(m_roads->remove_closure(a)) << "already reopened";
    EXPECT_FALSE(m_roads->remove_closure(9999));
    EXPECT_EQ(m_roads->closures().size(), 1u);
    EXPECT_EQ(m_roads->closures(true).size(), 2u);
    EXPECT_FALSE(m_roads->closures(true)[0].active);
    EXPECT_EQ(m_roads->clear_closures(), 1u);
    EXPECT_EQ(m_roads->clear_closures(), 0u);
    EXPECT_TRUE(m_roads->closures().empty());
    EXPECT_TRUE(m_roads->closed_edges().empty());
    EXPECT_EQ(m_store->audit().count(), audit_before + 4);
    EXPECT_FALSE(m_store->check().has_errors());
}

TEST_F(RoadStoreTest, BadClosuresAreRefused) {
    m_roads->replace_network(m_network, test::source_info(m_report));
    RoadClosure neither;
    EXPECT_THROW(m_roads->add_closure(neither), DataError);
    RoadClosure both;
    both.edge = 1;
    both.area = ikebukuro();
    EXPECT_THROW(m_roads->add_closure(both), DataError);
    RoadClosure missing_edge;
    missing_edge.edge = 340;
    try {
        m_roads->add_closure(missing_edge);
        ADD_FAILURE() << "edge 340 accepted";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
        EXPECT_NE(std::string(e.what()).find("edge 340 does not exist"), std::string::npos);
    }
    RoadClosure flat;
    flat.area = geo::MultiPolygon{{{geo::Ring{{{139.7, 35.7}, {139.8, 35.7}}}, {}}}};
    EXPECT_THROW(m_roads->add_closure(flat), DataError);
    EXPECT_TRUE(m_roads->closures(true).empty());
}

TEST_F(RoadStoreTest, EdgesCrossingMatchBruteForce) {
    m_roads->replace_network(m_network, test::source_info(m_report));
    const geo::MultiPolygon area = ikebukuro();
    const auto box = area.bbox();
    // The edges are straight segments (UXsim links): a segment meets the
    // square when an end is inside or it crosses one of the four sides.
    auto crosses = [&](LonLat a, LonLat b) {
        if (box.contains(a) || box.contains(b)) return true;
        const double xs[2] = {box.min_lon, box.max_lon};
        const double ys[2] = {box.min_lat, box.max_lat};
        for (const double x : xs) {
            if ((a.lon() - x) * (b.lon() - x) > 0 || a.lon() == b.lon()) continue;
            const double t = (x - a.lon()) / (b.lon() - a.lon());
            const double y = a.lat() + t * (b.lat() - a.lat());
            if (y >= box.min_lat && y <= box.max_lat) return true;
        }
        for (const double y : ys) {
            if ((a.lat() - y) * (b.lat() - y) > 0 || a.lat() == b.lat()) continue;
            const double t = (y - a.lat()) / (b.lat() - a.lat());
            const double x = a.lon() + t * (b.lon() - a.lon());
            if (x >= box.min_lon && x <= box.max_lon) return true;
        }
        return false;
    };
    std::vector<EdgeIndex> expected;
    for (std::size_t i = 0; i < m_network.edges.size(); ++i) {
        const auto& e = m_network.edges[i];
        ASSERT_TRUE(e.shape.empty());
        if (crosses(m_network.nodes[e.from], m_network.nodes[e.to]))
            expected.push_back(static_cast<EdgeIndex>(i));
    }
    ASSERT_GT(expected.size(), 5u);
    EXPECT_EQ(m_roads->edges_crossing(area), expected);
    EXPECT_TRUE(m_roads->edges_crossing(geo::MultiPolygon{}).empty());
}

TEST_F(RoadStoreTest, WorksInsideAUnitOfWork) {
    {
        auto uow = m_store->begin();
        m_roads->replace_network(m_network, test::source_info(m_report));
        // Not committed: rolled back.
    }
    EXPECT_FALSE(m_roads->source().has_value());
    {
        auto uow = m_store->begin();
        m_roads->replace_network(m_network, test::source_info(m_report));
        uow->commit();
    }
    EXPECT_EQ(m_roads->load_network().edge_count(), 340u);
}

} // namespace
} // namespace breathline::data
