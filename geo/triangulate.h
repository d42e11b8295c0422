#pragma once
/// Triangulation of polygons with holes by ear clipping, so that filled areas (the ward, user
/// polygons) can be uploaded to the GPU once as plain triangles. Works on the EPSG:6677 plane
/// (metres): ear tests need a flat plane, and the map draws in that plane anyway.
///
/// The algorithm follows the structure of Mapbox's earcut: holes are bridged to the outer ring
/// (leftmost hole vertex first) so that one ring remains; ears are clipped with a z-order
/// curve index over the vertices for large rings; self-touching or slightly self-intersecting
/// input is cured locally and, as a last resort, split along a valid diagonal. For simple
/// polygons (OGC valid) the triangles cover the polygon exactly: their areas sum to the
/// polygon's area.

#include "geo/coordinates.h"
#include "geo/polygon.h"
#include "geo/projection.h"

#include <array>
#include <cstdint>
#include <vector>

namespace breathline::geo {

/// A closed ring on the plane (metres, EPSG:6677 or any Cartesian plane). The closing edge is
/// implicit; a repeated first point at the end is allowed. Orientation does not matter.
using PlaneRing = std::vector<PlaneXY>;

/// One triangle on the plane, counter-clockwise (positive signed area, x east, y north).
using PlaneTriangle = std::array<PlaneXY, 3>;

/// Triangulates `outer` minus `holes` by ear clipping. Precondition (not checked): holes lie
/// inside `outer` and do not overlap each other or the outer ring, as OGC simple features
/// require; invalid input still yields triangles but their union may then differ from the
/// polygon. Consecutive duplicate vertices are ignored; collinear vertices may remain triangle
/// corners, but no zero-area triangle is returned. Rings with fewer than 3
/// distinct points (and degenerate holes) give no triangles. O(n log n) typical for n vertices
/// (z-order index above 80 vertices), O(n^2) worst case. Thread-safe (no shared state).
std::vector<PlaneTriangle> triangulate(const PlaneRing& outer,
                                       const std::vector<PlaneRing>& holes = {});

/// Projects `polygon` (EPSG:4326 degrees) to EPSG:6677 with `projector` and triangulates it
/// (see the overload above). Throws what PlaneProjector::to_plane throws. Thread safety: as
/// safe as `projector` (one per thread).
std::vector<PlaneTriangle> triangulate(const Polygon& polygon, const PlaneProjector& projector);

/// Signed area of a triangle in square plane units (positive when counter-clockwise).
/// Thread-safe.
double signed_area(const PlaneTriangle& t);

} // namespace breathline::geo
