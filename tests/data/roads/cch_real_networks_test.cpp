// Customizable contraction hierarchies against Dijkstra on every real network
// in ../shared/data (Monaco PBF, Nerima OSM XML, UXsim arterials), for both
// profiles, with and without closures: 10,000 random pairs each (100 random
// sources × 100 random targets, so Dijkstra runs once per source).

#include "geo/random.h"
#include "geo/road/cch.h"
#include "geo/road/dijkstra.h"
#include "geo/road/profile.h"
#include "tests/data/roads/road_test_support.h"

namespace breathline::data {
namespace {

using geo::road::CchMetric;
using geo::road::CchQuery;
using geo::road::CchTopology;
using geo::road::DijkstraQuery;
using geo::road::NodeIndex;
using geo::road::Profile;
using geo::road::RoadGraph;
using geo::road::Weight;

// Closes about 2% of the edges (both directions), chosen with `rng`.
std::vector<Weight> close_some(const RoadGraph& g, std::size_t edge_count, geo::Rng& rng) {
    std::vector<bool> closed(edge_count, false);
    for (std::size_t i = 0; i < edge_count / 50 + 1; ++i)
        closed[static_cast<std::size_t>(
            rng.uniform_int(0, static_cast<std::int64_t>(edge_count) - 1))] = true;
    std::vector<Weight> w = g.travel_time_ms;
    for (std::size_t a = 0; a < w.size(); ++a)
        if (closed[g.edge[a]]) w[a] = geo::road::infinite_weight;
    return w;
}

void expect_cch_equals_dijkstra(const geo::road::RoadNetwork& network, const char* what) {
    ASSERT_GT(network.node_count(), 100u) << what;
    geo::Rng rng(20260901);
    for (const Profile& profile : {Profile::car(), Profile::walk()}) {
        const RoadGraph graph = geo::road::build_road_graph(network, profile);
        const CchTopology topology(graph);
        for (const bool closures : {false, true}) {
            SCOPED_TRACE(std::string(what) + " " + profile.name +
                         (closures ? " with closures" : " without closures"));
            const std::vector<Weight> weights =
                closures ? close_some(graph, network.edge_count(), rng) : graph.travel_time_ms;
            const CchMetric metric(topology, weights, 1);
            CchQuery cch(metric);
            DijkstraQuery dijkstra(graph);
            const auto n = static_cast<std::int64_t>(graph.node_count());
            std::size_t checked = 0, reachable = 0, mismatches = 0;
            for (int s = 0; s < 100; ++s) {
                const auto source = static_cast<NodeIndex>(rng.uniform_int(0, n - 1));
                std::vector<NodeIndex> targets(100);
                for (auto& t : targets)
                    t = static_cast<NodeIndex>(rng.uniform_int(0, n - 1));
                const auto expected = dijkstra.one_to_many(source, targets, weights);
                for (std::size_t k = 0; k < targets.size(); ++k) {
                    const Weight got = cch.time_ms(source, targets[k]);
                    ++checked;
                    reachable += expected[k] != geo::road::infinite_weight;
                    if (got != expected[k] && ++mismatches <= 5)
                        ADD_FAILURE() << "from " << source << " to " << targets[k] << ": CCH "
                                      << got << " ms, Dijkstra " << expected[k] << " ms";
                }
            }
            EXPECT_EQ(checked, 10000u);
            EXPECT_EQ(mismatches, 0u);
            // The pairs must exercise real routes, not only unreachable ones.
            EXPECT_GT(reachable, 1000u);
        }
    }
}

TEST(CchRealNetworks, MonacoPbf) {
    REQUIRE_DATA(test::monaco_pbf());
    RoadImportOptions o;
    o.path = test::monaco_pbf();
    expect_cch_equals_dijkstra(import_roads(o), "Monaco");
}

TEST(CchRealNetworks, NerimaXml) {
    REQUIRE_DATA(test::nerima_osm());
    RoadImportOptions o;
    o.path = test::nerima_osm();
    expect_cch_equals_dijkstra(import_roads(o), "Nerima");
}

TEST(CchRealNetworks, UxsimArterials) {
    REQUIRE_DATA(test::uxsim_nodes());
    expect_cch_equals_dijkstra(test::import_uxsim(), "UXsim");
}

} // namespace
} // namespace breathline::data
