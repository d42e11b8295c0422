#include "geo/polygon.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <vector>

namespace breathline::geo {
namespace {

// Axis-aligned square ring in degrees, counter-clockwise, optionally closed WKT-style.
Ring square(double min_lon, double min_lat, double size_deg, bool closed = false) {
    Ring r;
    r.points = {LonLat(min_lon, min_lat), LonLat(min_lon + size_deg, min_lat),
                LonLat(min_lon + size_deg, min_lat + size_deg),
                LonLat(min_lon, min_lat + size_deg)};
    if (closed) r.points.push_back(r.points.front());
    return r;
}

// A 0.01 degree square near Ikebukuro with a 0.004 degree square hole in the middle:
//
//   35.74 +----------+
//         |  +----+  |
//         |  |hole|  |
//         |  +----+  |
//   35.73 +----------+
//      139.71      139.72
Polygon square_with_hole() {
    Polygon p;
    p.outer = square(139.71, 35.73, 0.01);
    p.holes.push_back(square(139.713, 35.733, 0.004));
    return p;
}

TEST(Ring, ContainsSquare) {
    const Ring r = square(139.71, 35.73, 0.01);
    EXPECT_TRUE(r.contains(LonLat(139.715, 35.735)));
    EXPECT_TRUE(r.contains(LonLat(139.7101, 35.7399)));
    EXPECT_FALSE(r.contains(LonLat(139.705, 35.735)));
    EXPECT_FALSE(r.contains(LonLat(139.725, 35.735)));
    EXPECT_FALSE(r.contains(LonLat(139.715, 35.745)));
    EXPECT_FALSE(r.contains(LonLat(139.715, 35.725)));
}

TEST(Ring, OrientationAndClosingPointDoNotMatter) {
    Ring ccw = square(139.71, 35.73, 0.01);
    Ring closed = square(139.71, 35.73, 0.01, true);
    Ring cw = ccw;
    std::reverse(cw.points.begin(), cw.points.end());
    for (double lon = 139.705; lon < 139.725; lon += 0.0013) {
        for (double lat = 35.725; lat < 35.745; lat += 0.0017) {
            const LonLat p(lon, lat);
            EXPECT_EQ(ccw.contains(p), cw.contains(p));
            EXPECT_EQ(ccw.contains(p), closed.contains(p));
        }
    }
}

TEST(Ring, DegenerateRingsContainNothing) {
    Ring empty;
    EXPECT_FALSE(empty.contains(LonLat(139.7, 35.7)));
    EXPECT_TRUE(empty.bbox().is_empty());
    EXPECT_FALSE(empty.bbox().contains(LonLat(139.7, 35.7)));
    Ring two;
    two.points = {LonLat(139.7, 35.7), LonLat(139.8, 35.8)};
    EXPECT_FALSE(two.contains(LonLat(139.75, 35.75)));
}

TEST(Ring, SharedEdgeBelongsToExactlyOneNeighbour) {
    // Two rectangles side by side share the edge lon = 139.72; a third sits on top of both,
    // sharing lat = 35.74. Every point on the shared edges (the shared vertex included) must
    // be in exactly one ring, so that no address is counted twice or lost between two wards.
    // Literal coordinates, so that the shared edges are bit-identical in every ring.
    //   35.75 +-----top-----+
    //   35.74 +-left--+-right-+
    //   35.73 +-------+-------+
    //      139.71  139.72  139.73
    const auto rect = [](double lon0, double lat0, double lon1, double lat1) {
        Ring r;
        r.points = {LonLat(lon0, lat0), LonLat(lon1, lat0), LonLat(lon1, lat1), LonLat(lon0, lat1)};
        return r;
    };
    const Ring left = rect(139.71, 35.73, 139.72, 35.74);
    Ring right = rect(139.72, 35.73, 139.73, 35.74);
    std::reverse(right.points.begin(), right.points.end()); // the other orientation
    const Ring top = rect(139.71, 35.74, 139.73, 35.75);
    const std::vector<LonLat> on_edges = {LonLat(139.72, 35.735),  LonLat(139.72, 35.7301),
                                          LonLat(139.72, 35.7399), LonLat(139.715, 35.74),
                                          LonLat(139.725, 35.74),  LonLat(139.72, 35.74)};
    for (const LonLat& p : on_edges) {
        const int count = int{left.contains(p)} + int{right.contains(p)} + int{top.contains(p)};
        EXPECT_EQ(count, 1) << p.lon() << ", " << p.lat();
    }
}

TEST(Ring, ConcaveRing) {
    // A "U" open to the north:
    //   +--+  +--+
    //   |  |  |  |
    //   |  +--+  |
    //   +--------+
    Ring u;
    u.points = {LonLat(0.0, 0.0), LonLat(3.0, 0.0), LonLat(3.0, 3.0), LonLat(2.0, 3.0),
                LonLat(2.0, 1.0), LonLat(1.0, 1.0), LonLat(1.0, 3.0), LonLat(0.0, 3.0)};
    EXPECT_TRUE(u.contains(LonLat(0.5, 2.5)));
    EXPECT_TRUE(u.contains(LonLat(2.5, 2.5)));
    EXPECT_TRUE(u.contains(LonLat(1.5, 0.5)));
    EXPECT_FALSE(u.contains(LonLat(1.5, 2.0)));
    // Ray through a reflex vertex's latitude.
    EXPECT_TRUE(u.contains(LonLat(0.5, 1.0)));
    EXPECT_FALSE(u.contains(LonLat(-0.5, 1.0)));
}

TEST(Polygon, ContainsWithHole) {
    const Polygon p = square_with_hole();
    EXPECT_TRUE(p.contains(LonLat(139.711, 35.731)));  // in the outer band
    EXPECT_TRUE(p.contains(LonLat(139.719, 35.739)));  // in the outer band
    EXPECT_FALSE(p.contains(LonLat(139.715, 35.735))); // in the hole
    EXPECT_FALSE(p.contains(LonLat(139.705, 35.735))); // outside
}

TEST(Polygon, BboxIsOuterRing) {
    const LonLatBox box = square_with_hole().bbox();
    EXPECT_DOUBLE_EQ(box.min_lon, 139.71);
    EXPECT_DOUBLE_EQ(box.min_lat, 35.73);
    EXPECT_DOUBLE_EQ(box.max_lon, 139.72);
    EXPECT_DOUBLE_EQ(box.max_lat, 35.74);
}

TEST(MultiPolygon, ContainsAnyPartAndBboxUnion) {
    MultiPolygon mp;
    EXPECT_FALSE(mp.contains(LonLat(139.715, 35.735)));
    EXPECT_TRUE(mp.bbox().is_empty());
    mp.parts.push_back(square_with_hole());
    Polygon island;
    island.outer = square(139.75, 35.70, 0.005);
    mp.parts.push_back(island);
    EXPECT_TRUE(mp.contains(LonLat(139.711, 35.731)));
    EXPECT_TRUE(mp.contains(LonLat(139.752, 35.702)));
    EXPECT_FALSE(mp.contains(LonLat(139.715, 35.735)));
    EXPECT_FALSE(mp.contains(LonLat(139.74, 35.72)));
    const LonLatBox box = mp.bbox();
    EXPECT_DOUBLE_EQ(box.min_lon, 139.71);
    EXPECT_DOUBLE_EQ(box.min_lat, 35.70);
    EXPECT_DOUBLE_EQ(box.max_lon, 139.755);
    EXPECT_DOUBLE_EQ(box.max_lat, 35.74);
}

TEST(Polygon, AreaOfAPlaneSquareIsExact) {
    // Vertices of a 1 km x 1 km square on the CS IX plane, with a 200 m x 300 m hole: the
    // shoelace formula on the re-projected vertices must return the plane area.
    const PlaneProjector projector;
    const auto ring_from_plane = [&](double x0, double y0, double w, double h) {
        Ring r;
        for (const PlaneXY& xy :
             {PlaneXY{x0, y0}, PlaneXY{x0 + w, y0}, PlaneXY{x0 + w, y0 + h}, PlaneXY{x0, y0 + h}})
            r.points.push_back(projector.to_lonlat(xy));
        return r;
    };
    Polygon p;
    p.outer = ring_from_plane(-11000.0, -30500.0, 1000.0, 1000.0);
    EXPECT_NEAR(p.area_m2(projector), 1.0e6, 1e-2);
    p.holes.push_back(ring_from_plane(-10800.0, -30300.0, 200.0, 300.0));
    EXPECT_NEAR(p.area_m2(projector), 1.0e6 - 6.0e4, 1e-2);
    MultiPolygon mp;
    mp.parts = {p, p};
    EXPECT_NEAR(mp.area_m2(projector), 2.0 * (1.0e6 - 6.0e4), 2e-2);
}

TEST(Polygon, AreaOfADegreeSquareMatchesTheEllipsoid) {
    // Independent estimate for a small lon/lat cell: M * N * cos(lat) * dlat * dlon (radians)
    // on GRS80, at the cell's centre. The CS IX plane is within 0.02 % of it here.
    const PlaneProjector projector;
    Polygon p;
    p.outer = square(139.71, 35.73, 0.01);
    constexpr double a = 6378137.0;
    constexpr double e2 = 0.00669438002290;
    const double phi = 35.735 * std::numbers::pi / 180.0;
    const double w = 1.0 - e2 * std::sin(phi) * std::sin(phi);
    const double m = a * (1.0 - e2) / std::pow(w, 1.5);
    const double n = a / std::sqrt(w);
    const double d = 0.01 * std::numbers::pi / 180.0;
    const double expected = m * n * std::cos(phi) * d * d;
    EXPECT_NEAR(p.area_m2(projector) / expected, 1.0, 2e-4);
    EXPECT_DOUBLE_EQ(Ring{}.area_m2(projector), 0.0);
}

} // namespace
} // namespace breathline::geo
