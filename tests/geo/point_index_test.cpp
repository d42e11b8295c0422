#include "geo/point_index.h"
#include "geo/random.h"

#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

namespace breathline::geo {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// 5,000 points over a Toshima-sized 8 km x 4 km window of the plane. A third lie on a
// 50 m grid and 500 are exact copies of earlier points, so that equal distances (ties) and
// duplicates are common rather than theoretical.
std::vector<PlaneXY> make_points(std::uint64_t seed, std::size_t n) {
    Rng rng(seed);
    std::vector<PlaneXY> points;
    points.reserve(n);
    while (points.size() < n) {
        const auto kind = rng.uniform_int(0, 9);
        if (kind < 6 || points.empty()) {
            points.push_back({rng.uniform(-14500.0, -6500.0), rng.uniform(-32000.0, -28000.0)});
        } else if (kind < 9) {
            points.push_back({-14500.0 + 50.0 * static_cast<double>(rng.uniform_int(0, 160)),
                              -32000.0 + 50.0 * static_cast<double>(rng.uniform_int(0, 80))});
        } else {
            const auto i = rng.uniform_int(0, static_cast<std::int64_t>(points.size()) - 1);
            points.push_back(points[static_cast<std::size_t>(i)]);
        }
    }
    return points;
}

// Queries: half anywhere (also outside the point cloud), half on the 25 m grid, whose points
// are equidistant from several 50 m grid points.
PlaneXY make_query(Rng& rng) {
    if (rng.uniform_int(0, 1) == 0)
        return {rng.uniform(-16000.0, -5000.0), rng.uniform(-33000.0, -27000.0)};
    return {-14500.0 + 25.0 * static_cast<double>(rng.uniform_int(0, 320)),
            -32000.0 + 25.0 * static_cast<double>(rng.uniform_int(0, 160))};
}

void expect_sorted(const std::vector<Neighbor>& result) {
    for (std::size_t i = 1; i < result.size(); ++i) {
        const Neighbor& a = result[i - 1];
        const Neighbor& b = result[i];
        EXPECT_TRUE(a.distance_m < b.distance_m ||
                    (a.distance_m == b.distance_m && a.index < b.index));
    }
}

TEST(PointIndex, NearestEqualsBruteForceOnRandomQueries) {
    const std::vector<PlaneXY> points = make_points(1, 5000);
    const PointIndex index(points);
    ASSERT_EQ(index.size(), points.size());
    Rng rng(2);
    std::size_t ties_seen = 0;
    for (int i = 0; i < 10000; ++i) {
        const PlaneXY q = make_query(rng);
        for (const std::size_t k : {1U, 3U, 10U}) {
            const std::vector<Neighbor> expected = brute_force_nearest(points, q, k);
            const std::vector<Neighbor> actual = index.nearest(q, k);
            ASSERT_EQ(actual, expected) << "query " << i << " k " << k;
            ASSERT_EQ(actual.size(), k);
            for (std::size_t j = 1; j < actual.size(); ++j)
                ties_seen += actual[j].distance_m == actual[j - 1].distance_m;
        }
    }
    // The data set must actually exercise the tie-break.
    EXPECT_GT(ties_seen, 1000U);
}

TEST(PointIndex, NearestWithinEqualsBruteForceWithRadiusAndFilter) {
    const std::vector<PlaneXY> points = make_points(3, 5000);
    const PointIndex index(points);
    // "Facility kind": every third point qualifies.
    const PointFilter every_third = [](std::uint32_t i) { return i % 3 == 0; };
    Rng rng(4);
    for (int i = 0; i < 2000; ++i) {
        const PlaneXY q = make_query(rng);
        const double radius = rng.uniform(0.0, 300.0);
        for (const std::size_t k : {1U, 5U, 50U}) {
            EXPECT_EQ(index.nearest_within(q, k, radius),
                      brute_force_nearest(points, q, k, radius));
            const std::vector<Neighbor> filtered = index.nearest_within(q, k, radius, every_third);
            ASSERT_EQ(filtered, brute_force_nearest(points, q, k, radius, every_third));
            for (const Neighbor& n : filtered) {
                EXPECT_EQ(n.index % 3, 0U);
                EXPECT_LE(n.distance_m, radius);
            }
            EXPECT_EQ(index.nearest_within(q, k, inf, every_third),
                      brute_force_nearest(points, q, k, inf, every_third));
        }
    }
}

TEST(PointIndex, RadiusBoundaryIsInclusive) {
    const std::vector<PlaneXY> points = {{0, 0}, {3, 4}, {6, 8}};
    const PointIndex index(points);
    const std::vector<Neighbor> result = index.nearest_within({0, 0}, 10, 5.0);
    ASSERT_EQ(result.size(), 2U);
    EXPECT_EQ(result[1], (Neighbor{1, 5.0}));
    EXPECT_TRUE(index.nearest_within({100, 100}, 10, 5.0).empty());
    EXPECT_EQ(index.nearest_within({3, 4}, 10, 0.0), (std::vector<Neighbor>{{1, 0.0}}));
}

TEST(PointIndex, EmptyIndex) {
    const PointIndex empty;
    EXPECT_TRUE(empty.empty());
    EXPECT_TRUE(empty.nearest({0, 0}, 5).empty());
    EXPECT_TRUE(empty.nearest_within({0, 0}, 5, inf).empty());
    const PointIndex built_empty(std::vector<PlaneXY>{});
    EXPECT_TRUE(built_empty.nearest({0, 0}, 1).empty());
    EXPECT_TRUE(brute_force_nearest({}, {0, 0}, 3).empty());
}

TEST(PointIndex, KLargerThanSizeReturnsAllSorted) {
    const std::vector<PlaneXY> points = make_points(5, 37);
    const PointIndex index(points);
    const std::vector<Neighbor> all = index.nearest({-10000.0, -30000.0}, 1000);
    ASSERT_EQ(all.size(), points.size());
    expect_sorted(all);
    EXPECT_EQ(all, brute_force_nearest(points, {-10000.0, -30000.0}, 1000));
    EXPECT_TRUE(index.nearest({0, 0}, 0).empty());
}

TEST(PointIndex, AllPointsIdenticalBreakTiesByIndex) {
    const std::vector<PlaneXY> points(100, PlaneXY{-9000.0, -29000.0});
    const PointIndex index(points);
    const std::vector<Neighbor> result = index.nearest({-9003.0, -29004.0}, 4);
    const std::vector<Neighbor> expected = {{0, 5.0}, {1, 5.0}, {2, 5.0}, {3, 5.0}};
    EXPECT_EQ(result, expected);
}

TEST(PointIndex, PointAccessorKeepsInputOrder) {
    const std::vector<PlaneXY> points = make_points(6, 100);
    const PointIndex index(points);
    for (std::uint32_t i = 0; i < points.size(); ++i)
        EXPECT_EQ(index.point(i), points[i]);
}

TEST(PointIndex, RejectsNonFiniteInput) {
    const std::vector<PlaneXY> bad = {{0, 0}, {std::nan(""), 1.0}};
    EXPECT_THROW(PointIndex{bad}, std::invalid_argument);
    const PointIndex index(std::vector<PlaneXY>{{0, 0}});
    EXPECT_THROW(index.nearest({inf, 0}, 1), std::invalid_argument);
    EXPECT_THROW(index.nearest_within({0, 0}, 1, -1.0), std::invalid_argument);
    EXPECT_THROW(index.nearest_within({0, 0}, 1, std::nan("")), std::invalid_argument);
}

TEST(PointIndex, ConcurrentConstQueriesAgree) {
    const std::vector<PlaneXY> points = make_points(7, 5000);
    const PointIndex index(points);
    std::vector<PlaneXY> queries;
    Rng rng(8);
    for (int i = 0; i < 2000; ++i)
        queries.push_back(make_query(rng));
    std::vector<std::vector<Neighbor>> expected;
    for (const PlaneXY& q : queries)
        expected.push_back(index.nearest(q, 5));
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < mismatches.size(); ++t) {
        threads.emplace_back([&, t] {
            for (std::size_t i = 0; i < queries.size(); ++i)
                mismatches[t] += index.nearest(queries[i], 5) != expected[i];
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    for (const int m : mismatches)
        EXPECT_EQ(m, 0);
}

} // namespace
} // namespace breathline::geo
