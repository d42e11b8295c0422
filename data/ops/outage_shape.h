#pragma once
/// An outage area drawn by hand (the console's map, or `outage add --coords`): the vertices a
/// coordinator clicked become one polygon, refused with a clear message when it cannot be an
/// area (fewer than three distinct corners, no area, edges that cross each other), since a
/// crossing ring would make "inside" mean something else than what was drawn.
#include "geo/coordinates.h"
#include "geo/polygon.h"

#include <string>
#include <string_view>
#include <vector>

namespace breathline::data::ops {

/// The polygon through `vertices` (lon/lat, in drawing order, closed back to the first; a
/// repeated first vertex at the end is dropped). Throws DataError(invalid_input) with a
/// Japanese/English message when there are fewer than 3 distinct vertices, the area is zero, or
/// two non-adjacent edges cross or touch. Pure (planar test in degrees: a ward is small enough).
geo::MultiPolygon outage_polygon(std::vector<geo::LonLat> vertices);

/// Parses "lon,lat;lon,lat;..." (decimal degrees, spaces allowed) into vertices. Throws
/// DataError(invalid_input) naming the piece that is not a coordinate pair. Pure.
std::vector<geo::LonLat> parse_lonlat_list(std::string_view text);

} // namespace breathline::data::ops
