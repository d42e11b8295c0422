#include "geo/random.h"
#include "geo/triangulate.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

namespace breathline::geo {
namespace {

// Shoelace area of a ring, unsigned.
double ring_area(const PlaneRing& ring) {
    double sum = 0;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
        sum += ring[j].x_east_m * ring[i].y_north_m - ring[i].x_east_m * ring[j].y_north_m;
    return std::abs(sum) / 2;
}

double total_area(const std::vector<PlaneTriangle>& triangles) {
    double sum = 0;
    for (const auto& t : triangles)
        sum += signed_area(t);
    return sum;
}

// Even-odd point-in-ring test, for checking coverage by sampling.
bool ring_contains(const PlaneRing& ring, PlaneXY p) {
    bool inside = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const auto& a = ring[i];
        const auto& b = ring[j];
        if ((a.y_north_m > p.y_north_m) != (b.y_north_m > p.y_north_m) &&
            p.x_east_m < (b.x_east_m - a.x_east_m) * (p.y_north_m - a.y_north_m) /
                                 (b.y_north_m - a.y_north_m) +
                             a.x_east_m)
            inside = !inside;
    }
    return inside;
}

bool triangle_contains(const PlaneTriangle& t, PlaneXY p) {
    auto cross = [](PlaneXY a, PlaneXY b, PlaneXY c) {
        return (b.x_east_m - a.x_east_m) * (c.y_north_m - a.y_north_m) -
               (b.y_north_m - a.y_north_m) * (c.x_east_m - a.x_east_m);
    };
    return cross(t[0], t[1], p) >= 0 && cross(t[1], t[2], p) >= 0 && cross(t[2], t[0], p) >= 0;
}

int covering(const std::vector<PlaneTriangle>& triangles, PlaneXY p) {
    int n = 0;
    for (const auto& t : triangles)
        n += triangle_contains(t, p) ? 1 : 0;
    return n;
}

TEST(Triangulate, SquareGivesTwoCounterClockwiseTriangles) {
    const PlaneRing square{{0, 0}, {0, 10}, {10, 10}, {10, 0}}; // clockwise on purpose
    const auto tris = triangulate(square);
    ASSERT_EQ(tris.size(), 2u);
    for (const auto& t : tris)
        EXPECT_GT(signed_area(t), 0);
    EXPECT_DOUBLE_EQ(total_area(tris), 100.0);
}

TEST(Triangulate, ClosingPointDuplicatesAndCollinearPointsAreIgnored) {
    const PlaneRing ring{{0, 0}, {5, 0}, {10, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}};
    const auto tris = triangulate(ring);
    // (5, 0) may stay a corner, so 2 or 3 triangles, but none is a zero-area sliver.
    EXPECT_GE(tris.size(), 2u);
    EXPECT_LE(tris.size(), 3u);
    for (const auto& t : tris)
        EXPECT_GT(signed_area(t), 0);
    EXPECT_DOUBLE_EQ(total_area(tris), 100.0);
}

TEST(Triangulate, DegenerateRingsGiveNothing) {
    EXPECT_TRUE(triangulate(PlaneRing{}).empty());
    EXPECT_TRUE(triangulate(PlaneRing{{0, 0}, {1, 1}}).empty());
    EXPECT_TRUE(triangulate(PlaneRing{{0, 0}, {1, 1}, {2, 2}}).empty()); // collinear
}

TEST(Triangulate, ConcaveCombCoversExactlyThePolygon) {
    // A comb: teeth pointing north. Reflex vertices between the teeth defeat naive fans.
    //   _   _   _
    //  | | | | | |
    //  | |_| |_| |
    //  |_________|
    PlaneRing comb{{0, 0},   {50, 0},  {50, 30}, {40, 30}, {40, 10}, {30, 10},
                   {30, 30}, {20, 30}, {20, 10}, {10, 10}, {10, 30}, {0, 30}};
    const auto tris = triangulate(comb);
    EXPECT_EQ(tris.size(), comb.size() - 2);
    EXPECT_NEAR(total_area(tris), ring_area(comb), 1e-9);
    // Every sample point inside is covered exactly once; outside (the gaps) not at all.
    // Offsets off the half-unit grid keep samples off the triangles' shared diagonals.
    for (double x = 0.31; x < 50; x += 1.0)
        for (double y = 0.47; y < 30; y += 1.0) {
            const PlaneXY p{x, y};
            EXPECT_EQ(covering(tris, p), ring_contains(comb, p) ? 1 : 0) << x << "," << y;
        }
}

TEST(Triangulate, HolesAreLeftOpen) {
    const PlaneRing outer{{0, 0}, {100, 0}, {100, 100}, {0, 100}};
    const std::vector<PlaneRing> holes{{{10, 10}, {30, 10}, {30, 30}, {10, 30}},
                                       {{60, 60}, {90, 60}, {75, 90}}};
    const auto tris = triangulate(outer, holes);
    EXPECT_NEAR(total_area(tris), 10000.0 - 400.0 - 450.0, 1e-9);
    EXPECT_EQ(covering(tris, {20, 20}), 0);
    EXPECT_EQ(covering(tris, {75, 70}), 0);
    EXPECT_EQ(covering(tris, {50, 50.5}), 1);
    EXPECT_EQ(covering(tris, {5.5, 95.5}), 1);
}

TEST(Triangulate, LargeConcaveRingUsesTheIndexAndStaysExact) {
    // A star with 2,000 points around (-10 km, -30 km): the z-order path, Tokyo-sized numbers.
    PlaneRing star;
    const int n = 2000;
    Rng rng(7);
    for (int i = 0; i < n; ++i) {
        const double a = 2 * std::numbers::pi * i / n;
        const double r = (i % 2 == 0 ? 1000.0 : 600.0) + rng.uniform01() * 100.0;
        star.push_back({-10'000 + r * std::cos(a), -30'000 + r * std::sin(a)});
    }
    const PlaneRing hole{
        {-10'050, -30'050}, {-9'950, -30'050}, {-9'950, -29'950}, {-10'050, -29'950}};
    const auto tris = triangulate(star, {hole});
    const double expected = ring_area(star) - ring_area(hole);
    EXPECT_NEAR(total_area(tris), expected, expected * 1e-9);
    for (const auto& t : tris)
        EXPECT_GT(signed_area(t), 0);
    EXPECT_EQ(covering(tris, {-10'000, -30'000}), 0); // inside the hole
    EXPECT_EQ(covering(tris, {-10'000, -30'200}), 1);
}

TEST(Triangulate, LonLatPolygonIsProjectedFirst) {
    const PlaneProjector projector;
    Polygon poly;
    poly.outer.points = {{139.70, 35.72}, {139.72, 35.72}, {139.72, 35.74}, {139.70, 35.74}};
    poly.holes.push_back(Ring{{{139.705, 35.725}, {139.71, 35.725}, {139.71, 35.73}}});
    const auto tris = triangulate(poly, projector);
    const double expected = poly.area_m2(projector);
    EXPECT_NEAR(total_area(tris), expected, expected * 1e-9);
    // Triangles are in EPSG:6677 metres (Toshima: x around -10 km, y around -30 km).
    EXPECT_LT(tris.front()[0].x_east_m, 0);
    EXPECT_LT(tris.front()[0].y_north_m, -20'000);
}

} // namespace
} // namespace breathline::geo
