#pragma once
/// Coordinate value types. Units and coordinate systems live in the type:
/// `LonLat` is geographic degrees (EPSG:4326 / JGD2011, which agree within a
/// metre in Tokyo), `PlaneXY` is metres in JGD2011 / Japan Plane Rectangular
/// CS IX (EPSG:6677) with x = easting and y = northing, whatever axis order
/// PROJ uses for that CRS.

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace breathline::geo {

/// Geographic position in degrees. Construction validates the range, so a
/// LonLat that exists is always a real place on Earth.
class LonLat {
public:
    /// Throws std::invalid_argument when lon is outside [-180, 180], lat outside
    /// [-90, 90], or either is not finite.
    LonLat(double lon_deg, double lat_deg) : m_lon(lon_deg), m_lat(lat_deg) {
        if (!std::isfinite(lon_deg) || lon_deg < -180.0 || lon_deg > 180.0)
            throw std::invalid_argument("longitude out of range: " + std::to_string(lon_deg));
        if (!std::isfinite(lat_deg) || lat_deg < -90.0 || lat_deg > 90.0)
            throw std::invalid_argument("latitude out of range: " + std::to_string(lat_deg));
    }
    double lon() const { return m_lon; }
    double lat() const { return m_lat; }
    bool operator==(const LonLat&) const = default;

private:
    double m_lon;
    double m_lat;
};

/// Projected position in metres, EPSG:6677 (x = easting, y = northing).
struct PlaneXY {
    double x_east_m = 0.0;
    double y_north_m = 0.0;
    bool operator==(const PlaneXY&) const = default;
};

/// Euclidean distance between two plane points, metres.
inline double distance_m(const PlaneXY& a, const PlaneXY& b) {
    return std::hypot(a.x_east_m - b.x_east_m, a.y_north_m - b.y_north_m);
}

/// Axis-aligned box in geographic degrees.
struct LonLatBox {
    double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
    bool contains(const LonLat& p) const {
        return p.lon() >= min_lon && p.lon() <= max_lon && p.lat() >= min_lat && p.lat() <= max_lat;
    }

    /// An inverted box (min > max) that contains nothing; the neutral start for expand().
    static LonLatBox empty_box() { return {180.0, 90.0, -180.0, -90.0}; }
    /// True when the box contains no point at all (min > max on either axis).
    bool is_empty() const { return min_lon > max_lon || min_lat > max_lat; }
    /// Grows the box (degrees) so that it contains p. Does not handle the antimeridian.
    void expand(const LonLat& p) {
        min_lon = std::min(min_lon, p.lon());
        max_lon = std::max(max_lon, p.lon());
        min_lat = std::min(min_lat, p.lat());
        max_lat = std::max(max_lat, p.lat());
    }
    /// Grows the box so that it contains `other`; an empty `other` leaves it unchanged.
    void expand(const LonLatBox& other) {
        if (other.is_empty()) return;
        min_lon = std::min(min_lon, other.min_lon);
        max_lon = std::max(max_lon, other.max_lon);
        min_lat = std::min(min_lat, other.min_lat);
        max_lat = std::max(max_lat, other.max_lat);
    }
};

} // namespace breathline::geo
