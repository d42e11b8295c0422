#include "geo/projection.h"
#include "geo/random.h"
#include "geo/road/grid_generator.h"
#include "geo/road/isochrone.h"
#include "geo/road/snapping.h"
#include "tests/geo/road/ascii_grid.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <iterator>
#include <limits>
#include <utility>

namespace breathline::geo::road {
namespace {

using testing::parse_ascii_grid;

TEST(Isochrone, PiecesOnALineAreExact) {
    const auto grid = parse_ascii_grid("a - b - c - d > e");
    const RoadGraph walk = build_road_graph(grid.network, Profile::walk());
    DijkstraQuery q(walk);
    std::vector<Weight> dist;
    // 120 s on foot from a: b at 80 s, then half of b-c.
    q.one_to_all(grid.node('a'), 120000, {}, dist);
    const Isochrone iso = build_isochrone(grid.network, walk, dist, 120000);
    EXPECT_EQ(iso.nodes, (std::vector<NodeIndex>{grid.node('a'), grid.node('b')}));
    ASSERT_EQ(iso.pieces.size(), 2u);
    EXPECT_EQ(iso.pieces[0].edge, grid.edge('a', 'b'));
    EXPECT_DOUBLE_EQ(iso.pieces[0].begin_m, 0.0);
    EXPECT_DOUBLE_EQ(iso.pieces[0].end_m, 100.0);
    EXPECT_EQ(iso.pieces[1].edge, grid.edge('b', 'c'));
    EXPECT_DOUBLE_EQ(iso.pieces[1].begin_m, 0.0);
    EXPECT_DOUBLE_EQ(iso.pieces[1].end_m, 50.0);
    ASSERT_EQ(iso.area.parts.size(), 1u);
    EXPECT_TRUE(iso.area.contains(grid.near('b', 40, 0))); // on the reached half of b-c
    // The area reaches at most buffer + one cell (100 m) beyond the piece end
    // at 150 m from a.
    EXPECT_FALSE(iso.area.contains(grid.near('c', 60, 0)));
    EXPECT_FALSE(iso.area.contains(grid.near('b', 50, 110)));

    // Car from e: d > e is one-way, so from e nothing is reachable but e.
    const RoadGraph car = build_road_graph(grid.network, Profile::car());
    DijkstraQuery qc(car);
    qc.one_to_all(grid.node('e'), 60000, {}, dist);
    const Isochrone stuck = build_isochrone(grid.network, car, dist, 60000);
    EXPECT_EQ(stuck.nodes, (std::vector<NodeIndex>{grid.node('e')}));
    EXPECT_TRUE(stuck.pieces.empty());
    EXPECT_TRUE(stuck.area.contains(grid.network.nodes[grid.node('e')]));
}

TEST(Isochrone, StartOnAnEdgeAddsItsOwnStretch) {
    const auto grid = parse_ascii_grid("a - b - c - d");
    const RoadGraph walk = build_road_graph(grid.network, Profile::walk());
    const EdgeSnapper snapper(grid.network);
    const SnapResult s = snapper.snap(grid.near('b', 20, 0), Profile::walk()).value();
    ASSERT_EQ(s.edge, grid.edge('b', 'c'));
    DijkstraQuery q(walk);
    std::vector<Weight> dist;
    // 40 s: 50 m on foot, no access leg (the point is on the road).
    const std::vector<Endpoint> sources = source_endpoints(s, walk);
    q.one_to_all(sources, 40000, {}, dist);
    const Isochrone iso =
        build_isochrone(grid.network, walk, dist, 40000, {}, IsochroneStart{s.edge, s.offset_m, 0});
    EXPECT_EQ(iso.nodes, (std::vector<NodeIndex>{grid.node('b')})); // 16 s away
    ASSERT_EQ(iso.pieces.size(), 2u);
    // From b (reached at 16 s) 24 s = 30 m back towards a.
    EXPECT_EQ(iso.pieces[0].edge, grid.edge('a', 'b'));
    EXPECT_NEAR(iso.pieces[0].begin_m, 70.0, 1e-6);
    EXPECT_NEAR(iso.pieces[0].end_m, 100.0, 1e-6);
    // On b-c: from the point 50 m either way, clipped at b.
    EXPECT_EQ(iso.pieces[1].edge, grid.edge('b', 'c'));
    EXPECT_NEAR(iso.pieces[1].begin_m, 0.0, 1e-6);
    EXPECT_NEAR(iso.pieces[1].end_m, 70.0, 1e-3);
}

TEST(Isochrone, NodeSetIsExactAndAreaContainsEveryReachableNode) {
    GridCityOptions o;
    o.rows = 50;
    o.cols = 50;
    o.seed = 23;
    const RoadNetwork city = generate_city_grid(o);
    const PlaneProjector projector;
    std::vector<PlaneXY> xy(city.node_count());
    projector.to_plane(city.nodes, xy);
    Rng rng(8);
    for (const Profile& profile : {Profile::car(), Profile::walk()}) {
        const RoadGraph g = build_road_graph(city, profile);
        DijkstraQuery q(g);
        for (int round = 0; round < 3; ++round) {
            const auto s = static_cast<NodeIndex>(rng.uniform_int(0, 2499));
            const Weight limit = profile.name == "car" ? 180000 : 600000; // 3 / 10 min
            std::vector<Weight> dist;
            q.one_to_all(s, limit, {}, dist);
            // Reference: distances without a limit, cut afterwards.
            std::vector<Weight> full;
            q.one_to_all(s, infinite_weight - 1, {}, full);
            const Isochrone iso = build_isochrone(city, g, dist, limit);
            std::vector<NodeIndex> expected;
            for (NodeIndex v = 0; v < g.node_count(); ++v)
                if (full[v] <= limit) expected.push_back(v);
            ASSERT_EQ(iso.nodes, expected) << profile.name;
            ASSERT_GT(expected.size(), 10u);
            ASSERT_LT(expected.size(), g.node_count() / 2);
            for (const NodeIndex v : iso.nodes)
                ASSERT_TRUE(iso.area.contains(city.nodes[v])) << profile.name << " node " << v;
            // Nodes far (> 200 m) from everything reachable are outside.
            std::size_t far_checked = 0;
            for (NodeIndex v = 0; v < g.node_count(); v += 7) {
                double nearest = std::numeric_limits<double>::infinity();
                for (const NodeIndex r : iso.nodes)
                    nearest = std::min(nearest, distance_m(xy[v], xy[r]));
                if (nearest < 200 + 120) continue; // + the longest piece reach between nodes
                ++far_checked;
                ASSERT_FALSE(iso.area.contains(city.nodes[v])) << profile.name << " node " << v;
            }
            EXPECT_GT(far_checked, 50u);
        }
    }
}

TEST(Isochrone, CityBlocksBecomeHolesWithAThinBuffer) {
    // 3 × 3 blocks of 100 m, every street walkable; 20 m cells, 20 m buffer:
    // the middle of each block (50 m from any street) stays empty.
    const auto grid = parse_ascii_grid(R"(
        a - b - c - d
        |   |   |   |
        e - f - g - h
        |   |   |   |
        i - j - k - l
        |   |   |   |
        m - n - o - p
    )");
    const RoadGraph walk = build_road_graph(grid.network, Profile::walk());
    DijkstraQuery q(walk);
    std::vector<Weight> dist;
    q.one_to_all(grid.node('a'), 3600000, {}, dist);
    IsochroneOptions thin;
    thin.cell_m = 20;
    thin.buffer_m = 20;
    const Isochrone iso = build_isochrone(grid.network, walk, dist, 3600000, {}, {}, thin);
    EXPECT_EQ(iso.nodes.size(), 16u);
    ASSERT_EQ(iso.area.parts.size(), 1u);
    EXPECT_EQ(iso.area.parts[0].holes.size(), 9u);
    EXPECT_FALSE(iso.area.contains(grid.near('f', 50, 50))); // middle of block b-c-f-g
    EXPECT_TRUE(iso.area.contains(grid.near('f', 50, 0)));   // on street f-g
    EXPECT_TRUE(iso.area.contains(grid.network.nodes[grid.node('k')]));
    const PlaneProjector projector;
    // Outer area: (300 m + 2 × 40 m)² minus 9 holes of (100 - 2 × 40 m)²... up to
    // the cell alignment of the raster, 40 ± 20 m on each side.
    const double area = iso.area.area_m2(projector);
    EXPECT_GT(area, 340.0 * 340.0 - 9 * 40.0 * 40.0);
    EXPECT_LT(area, 420.0 * 420.0);
}

TEST(Isochrone, RejectsWrongSizes) {
    const auto grid = parse_ascii_grid("a - b");
    const RoadGraph car = build_road_graph(grid.network, Profile::car());
    EXPECT_THROW(build_isochrone(grid.network, car, std::vector<Weight>(1, 0), 1000),
                 std::invalid_argument);
}

TEST(Isochrone, RingsNeverTouchThemselves) {
    // Thin buffers on a noisy grid city give many cells touching only at a
    // corner. Each ring must be simple (OGC); a pocket pinched off at such a
    // corner becomes a hole touching its shell at that one vertex.
    GridCityOptions city;
    city.rows = 25;
    city.cols = 25;
    city.seed = 3;
    const RoadNetwork net = generate_city_grid(city);
    const RoadGraph walk = build_road_graph(net, Profile::walk());
    DijkstraQuery q(walk);
    std::vector<Weight> dist;
    Rng rng(9);
    using Key = std::pair<double, double>;
    const auto keys = [](const Ring& r) {
        std::vector<Key> out;
        for (std::size_t k = 0; k + 1 < r.points.size(); ++k)
            out.emplace_back(r.points[k].lon(), r.points[k].lat());
        std::sort(out.begin(), out.end());
        return out;
    };
    std::size_t rings = 0, touching_holes = 0;
    for (int k = 0; k < 40; ++k) {
        const auto source = static_cast<NodeIndex>(
            rng.uniform_int(0, static_cast<std::int64_t>(walk.node_count()) - 1));
        const auto limit = static_cast<Weight>(rng.uniform_int(120'000, 900'000));
        IsochroneOptions options;
        options.cell_m = 20;
        options.buffer_m = 10 * rng.uniform01();
        q.one_to_all(source, limit, {}, dist);
        const Isochrone iso = build_isochrone(net, walk, dist, limit, {}, {}, options);
        for (const Polygon& part : iso.area.parts) {
            const std::vector<Key> shell = keys(part.outer);
            std::vector<const Ring*> all{&part.outer};
            for (const Ring& h : part.holes)
                all.push_back(&h);
            for (const Ring* r : all) {
                ++rings;
                ASSERT_EQ(r->points.front().lon(), r->points.back().lon());
                const std::vector<Key> v = keys(*r);
                ASSERT_EQ(std::adjacent_find(v.begin(), v.end()), v.end())
                    << "ring touches itself; source " << source << ", limit " << limit;
            }
            for (const Ring& h : part.holes) {
                const std::vector<Key> hv = keys(h);
                std::vector<Key> common;
                std::set_intersection(shell.begin(), shell.end(), hv.begin(), hv.end(),
                                      std::back_inserter(common));
                if (!common.empty()) ++touching_holes;
            }
        }
    }
    EXPECT_GT(rings, 40u);
    EXPECT_GT(touching_holes, 0u) << "the sample should include pinched-off pockets";
}

} // namespace
} // namespace breathline::geo::road
