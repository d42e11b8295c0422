#include "geo/polygon.h"

#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

namespace breathline::geo {

bool Ring::contains(const LonLat& p) const {
    const std::size_t n = points.size();
    if (n < 3) return false;
    const double px = p.lon();
    const double py = p.lat();
    bool inside = false;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        // Put the edge's endpoints in a canonical order (lower latitude first) so that two
        // rings sharing an edge evaluate it with bit-identical arithmetic whatever their
        // orientation; that is what makes the edge rule consistent between neighbours.
        const LonLat* lo = &points[i];
        const LonLat* hi = &points[j];
        if (lo->lat() > hi->lat()) std::swap(lo, hi);
        // Half-open in latitude: the edge spans [lo.lat, hi.lat), so a ray through a vertex
        // is counted once, and horizontal edges never count.
        if (!(lo->lat() <= py && py < hi->lat())) continue;
        // The eastward ray from p crosses the upward edge when p lies strictly left of it;
        // a cross product avoids the division of the textbook formula.
        const double orient =
            (hi->lon() - lo->lon()) * (py - lo->lat()) - (hi->lat() - lo->lat()) * (px - lo->lon());
        if (orient > 0.0) inside = !inside;
    }
    return inside;
}

LonLatBox Ring::bbox() const {
    LonLatBox box = LonLatBox::empty_box();
    for (const LonLat& q : points)
        box.expand(q);
    return box;
}

double Ring::area_m2(const PlaneProjector& projector) const {
    const std::size_t n = points.size();
    if (n < 3) return 0.0;
    std::vector<PlaneXY> xy(n);
    projector.to_plane(points, xy);
    // Shoelace relative to the first vertex: plane coordinates in Toshima are tens of
    // kilometres from the origin, and subtracting first keeps the products small so that
    // less precision cancels away.
    const PlaneXY origin = xy[0];
    double twice_area = 0.0;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const double xi = xy[i].x_east_m - origin.x_east_m;
        const double yi = xy[i].y_north_m - origin.y_north_m;
        const double xj = xy[j].x_east_m - origin.x_east_m;
        const double yj = xy[j].y_north_m - origin.y_north_m;
        twice_area += xj * yi - xi * yj;
    }
    return std::abs(twice_area) / 2.0;
}

bool Polygon::contains(const LonLat& p) const {
    if (!outer.contains(p)) return false;
    for (const Ring& hole : holes)
        if (hole.contains(p)) return false;
    return true;
}

LonLatBox Polygon::bbox() const {
    return outer.bbox();
}

double Polygon::area_m2(const PlaneProjector& projector) const {
    double area = outer.area_m2(projector);
    for (const Ring& hole : holes)
        area -= hole.area_m2(projector);
    return area;
}

bool MultiPolygon::contains(const LonLat& p) const {
    for (const Polygon& part : parts)
        if (part.contains(p)) return true;
    return false;
}

LonLatBox MultiPolygon::bbox() const {
    LonLatBox box = LonLatBox::empty_box();
    for (const Polygon& part : parts)
        box.expand(part.bbox());
    return box;
}

double MultiPolygon::area_m2(const PlaneProjector& projector) const {
    double area = 0.0;
    for (const Polygon& part : parts)
        area += part.area_m2(projector);
    return area;
}

} // namespace breathline::geo
