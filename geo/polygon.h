#pragma once
/// Plain polygon value types in geographic degrees (EPSG:4326), filled by callers (the data
/// layer's importers). Point-in-polygon works directly on lon/lat, which is exact for the
/// straight-in-lon/lat edges GIS files describe; area goes through the EPSG:6677 plane.
/// None of these types handles the antimeridian or the poles: they are for a Tokyo ward.

#include "geo/coordinates.h"
#include "geo/projection.h"

#include <vector>

namespace breathline::geo {

/// A closed ring of vertices. The closing edge from the last point back to the first is
/// implicit; a repeated first point at the end (as in WKT/GeoJSON) is allowed and harmless.
/// Orientation does not matter. Fewer than 3 distinct points make a degenerate ring that
/// contains nothing and has zero area.
struct Ring {
    std::vector<LonLat> points;

    /// Even-odd (crossing number) test in lon/lat degrees. Points exactly on an edge get a
    /// consistent half-open answer: of two rings sharing that edge, exactly one contains the
    /// point. O(points.size()). Thread-safe (const, no shared state).
    bool contains(const LonLat& p) const;

    /// Bounding box in degrees; LonLatBox::empty_box() for an empty ring. Thread-safe.
    LonLatBox bbox() const;

    /// Unsigned area in square metres enclosed by the ring's vertices projected to EPSG:6677
    /// (shoelace formula). Within about 0.02 % of the ellipsoidal area inside CS IX because of
    /// the plane's scale factor (0.9999 at the central meridian). Throws what
    /// PlaneProjector::to_plane throws. Thread safety: as safe as `projector` (one per thread).
    double area_m2(const PlaneProjector& projector) const;
};

/// An outer ring with zero or more holes. Precondition (not checked): holes lie inside the
/// outer ring and do not overlap each other, as OGC simple features require.
struct Polygon {
    Ring outer;
    std::vector<Ring> holes;

    /// True when p is inside the outer ring and inside none of the holes (so a point on a
    /// hole's interior is outside). Same edge rule as Ring::contains. Thread-safe.
    bool contains(const LonLat& p) const;

    /// Bounding box of the outer ring, degrees. Thread-safe.
    LonLatBox bbox() const;

    /// Outer ring area minus hole areas, square metres on EPSG:6677 (see Ring::area_m2 for
    /// accuracy, errors and thread safety).
    double area_m2(const PlaneProjector& projector) const;
};

/// Zero or more polygons. Precondition (not checked): parts do not overlap.
struct MultiPolygon {
    std::vector<Polygon> parts;

    /// True when any part contains p. O(total vertices). Thread-safe.
    bool contains(const LonLat& p) const;

    /// Union of the parts' bounding boxes, degrees; LonLatBox::empty_box() when there are no
    /// parts. Thread-safe.
    LonLatBox bbox() const;

    /// Sum of the parts' areas, square metres on EPSG:6677 (see Ring::area_m2 for accuracy,
    /// errors and thread safety).
    double area_m2(const PlaneProjector& projector) const;
};

} // namespace breathline::geo
