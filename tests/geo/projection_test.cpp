#include "geo/projection.h"

#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace breathline::geo {
namespace {

// Toshima's extent from the N03 boundary (see shared/data/real/SOURCES.md).
constexpr double toshima_min_lon = 139.677344;
constexpr double toshima_max_lon = 139.752760;
constexpr double toshima_min_lat = 35.712266;
constexpr double toshima_max_lat = 35.745793;

struct Reference {
    const char* name;
    double lon;
    double lat;
    double x_east_m;
    double y_north_m;
};

// Independent reference values from PROJ's command-line tool (Debian proj-bin 9.1.1):
//   echo "LAT LON" | cs2cs -f %.6f EPSG:4326 EPSG:6677
// cs2cs prints in the EPSG axis order, i.e. NORTHING first, then easting; the values below
// are already swapped into (x_east_m, y_north_m).
const Reference references[] = {
    // CS IX origin: 36 N, 139 deg 50' E.
    {"CS IX origin", 139.0 + 50.0 / 60.0, 36.0, 0.0, 0.0},
    // 清和小学校, 巣鴨3-14-1 (the geocoder's ground truth).
    {"Seiwa elementary", 139.73294, 35.735893, -9081.011629, -29296.825880},
    {"Ikebukuro", 139.7109, 35.7295, -11075.511045, -30003.820574},
    {"Sugamo", 139.7394, 35.7334, -8496.941312, -29573.985634},
    {"Mejiro", 139.7063, 35.7212, -11492.826561, -30924.117713},
    {"Toshima SW corner", toshima_min_lon, toshima_min_lat, -14114.080635, -31911.503073},
    {"Toshima NE corner", toshima_max_lon, toshima_max_lat, -7287.304190, -28200.142354},
};

TEST(PlaneProjector, ForwardMatchesCs2csReference) {
    const PlaneProjector projector;
    for (const Reference& r : references) {
        SCOPED_TRACE(r.name);
        const PlaneXY xy = projector.to_plane(LonLat(r.lon, r.lat));
        EXPECT_NEAR(xy.x_east_m, r.x_east_m, 1e-3);
        EXPECT_NEAR(xy.y_north_m, r.y_north_m, 1e-3);
    }
}

TEST(PlaneProjector, InverseMatchesCs2csReference) {
    const PlaneProjector projector;
    // echo "-29296.825921 -9081.011600" | cs2cs -f %.10f EPSG:6677 EPSG:4326
    //   -> 35.7358929996 139.7329400003
    const LonLat ll = projector.to_lonlat({-9081.011600, -29296.825921});
    EXPECT_NEAR(ll.lon(), 139.7329400003, 1e-9);
    EXPECT_NEAR(ll.lat(), 35.7358929996, 1e-9);
    // echo "-30000 -10000" | cs2cs -f %.10f EPSG:6677 EPSG:4326 -> 35.7295459468 139.7227890806
    const LonLat ll2 = projector.to_lonlat({-10000.0, -30000.0});
    EXPECT_NEAR(ll2.lon(), 139.7227890806, 1e-9);
    EXPECT_NEAR(ll2.lat(), 35.7295459468, 1e-9);
}

// Guards against the classic bug of PROJ's EPSG axis order leaking through: Toshima lies
// about 29-32 km south and 7-14 km west of the CS IX origin, so a swap shows at once.
TEST(PlaneProjector, AxisOrderIsEastingNorthing) {
    const PlaneProjector projector;
    const PlaneXY seiwa = projector.to_plane(LonLat(139.73294, 35.735893));
    EXPECT_LT(seiwa.y_north_m, 0.0);
    EXPECT_NEAR(seiwa.y_north_m, -29300.0, 1000.0);
    EXPECT_NEAR(seiwa.x_east_m, -9100.0, 500.0);
    for (double lon = toshima_min_lon; lon <= toshima_max_lon; lon += 0.005) {
        for (double lat = toshima_min_lat; lat <= toshima_max_lat; lat += 0.005) {
            const PlaneXY xy = projector.to_plane(LonLat(lon, lat));
            EXPECT_GT(xy.x_east_m, -14500.0);
            EXPECT_LT(xy.x_east_m, -7000.0);
            EXPECT_GT(xy.y_north_m, -32500.0);
            EXPECT_LT(xy.y_north_m, -28000.0);
        }
    }
    // Moving east increases x only; moving north increases y only (up to meridian
    // convergence, a fraction of a degree here).
    const PlaneXY east = projector.to_plane(LonLat(139.73394, 35.735893));
    const PlaneXY north = projector.to_plane(LonLat(139.73294, 35.736893));
    EXPECT_NEAR(east.x_east_m - seiwa.x_east_m, 90.4, 0.5);
    EXPECT_NEAR(east.y_north_m - seiwa.y_north_m, 0.0, 1.0);
    EXPECT_NEAR(north.y_north_m - seiwa.y_north_m, 110.9, 0.5);
    EXPECT_NEAR(north.x_east_m - seiwa.x_east_m, 0.0, 1.0);
}

TEST(PlaneProjector, RoundTripBelowOneMillimetreOverToshima) {
    const PlaneProjector projector;
    constexpr int steps = 40;
    double worst_m = 0.0;
    for (int i = 0; i <= steps; ++i) {
        for (int j = 0; j <= steps; ++j) {
            const double lon = toshima_min_lon + (toshima_max_lon - toshima_min_lon) * i / steps;
            const double lat = toshima_min_lat + (toshima_max_lat - toshima_min_lat) * j / steps;
            const LonLat ll(lon, lat);
            const PlaneXY xy = projector.to_plane(ll);
            const LonLat back = projector.to_lonlat(xy);
            // Compare on the plane, in metres, in both directions.
            worst_m = std::max(worst_m, distance_m(projector.to_plane(back), xy));
            worst_m = std::max(worst_m, geodesic_distance_m(ll, back));
        }
    }
    EXPECT_LT(worst_m, 1e-3);
}

TEST(PlaneProjector, BatchEqualsSingle) {
    const PlaneProjector projector;
    std::vector<LonLat> in;
    for (int i = 0; i < 500; ++i)
        in.emplace_back(toshima_min_lon + 0.00015 * i, toshima_min_lat + 0.00006 * i);
    std::vector<PlaneXY> out(in.size());
    projector.to_plane(in, out);
    for (std::size_t i = 0; i < in.size(); ++i) {
        const PlaneXY single = projector.to_plane(in[i]);
        EXPECT_DOUBLE_EQ(out[i].x_east_m, single.x_east_m) << i;
        EXPECT_DOUBLE_EQ(out[i].y_north_m, single.y_north_m) << i;
    }
}

TEST(PlaneProjector, BatchRejectsSizeMismatchAndAcceptsEmpty) {
    const PlaneProjector projector;
    const std::vector<LonLat> in{LonLat(139.7, 35.7), LonLat(139.71, 35.72)};
    std::vector<PlaneXY> out(1);
    EXPECT_THROW(projector.to_plane(in, out), std::invalid_argument);
    std::vector<PlaneXY> none;
    EXPECT_NO_THROW(projector.to_plane(std::span<const LonLat>{}, none));
}

TEST(PlaneProjector, MissingProjDatabaseThrowsNamingTheDirectory) {
    const std::filesystem::path missing = "/nonexistent/breathline/proj";
    try {
        const PlaneProjector projector(missing);
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("EPSG:6677"), std::string::npos) << message;
        EXPECT_NE(message.find(missing.string()), std::string::npos) << message;
    }
}

TEST(PlaneProjector, IsMovable) {
    PlaneProjector a;
    PlaneProjector b(std::move(a));
    const PlaneXY xy = b.to_plane(LonLat(139.73294, 35.735893));
    EXPECT_NEAR(xy.x_east_m, -9081.011629, 1e-3);
    PlaneProjector c;
    c = std::move(b);
    EXPECT_NEAR(c.to_plane(LonLat(139.73294, 35.735893)).y_north_m, -29296.825880, 1e-3);
}

TEST(GeodesicDistance, KnownValuesAndAgreementWithPlane) {
    // One degree of arc on the mean sphere: 2 pi R / 360.
    EXPECT_NEAR(geodesic_distance_m(LonLat(0.0, 0.0), LonLat(1.0, 0.0)), 111195.08, 0.01);
    EXPECT_DOUBLE_EQ(geodesic_distance_m(LonLat(139.7, 35.7), LonLat(139.7, 35.7)), 0.0);
    // Antipodes: half the circumference, without NaN from rounding.
    EXPECT_NEAR(geodesic_distance_m(LonLat(0.0, 0.0), LonLat(180.0, 0.0)),
                3.14159265358979 * grs80_mean_radius_m, 1e-3);

    // Across Toshima the sphere and the CS IX plane (scale 0.9999 near here) must agree to
    // the documented 0.25 % (+ 0.01 % scale).
    const PlaneProjector projector;
    const LonLat sw(toshima_min_lon, toshima_min_lat);
    const LonLat ne(toshima_max_lon, toshima_max_lat);
    const double plane = distance_m(projector.to_plane(sw), projector.to_plane(ne));
    const double sphere = geodesic_distance_m(sw, ne);
    EXPECT_NEAR(sphere / plane, 1.0, 0.0026);
}

} // namespace
} // namespace breathline::geo
