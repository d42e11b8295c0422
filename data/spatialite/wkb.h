#pragma once
/// Well-known binary for the few geometry types the road tables hold
/// (LineString, MultiPolygon), so that bulk inserts bind one blob instead of
/// building text. Little-endian XY, EPSG:4326 degrees. Internal to the
/// SpatiaLite backend.

#include "geo/coordinates.h"
#include "geo/polygon.h"

#include <string>
#include <string_view>
#include <vector>

namespace breathline::data::spatialite {

/// WKB LineString through `points` (at least two).
std::string wkb_linestring(const std::vector<geo::LonLat>& points);

/// WKB MultiPolygon; rings are closed (first point repeated) where they are not.
std::string wkb_multipolygon(const geo::MultiPolygon& area);

/// Points of a WKB LineString. Throws DataError(sql) for other or broken blobs.
std::vector<geo::LonLat> parse_wkb_linestring(std::string_view wkb);

/// A WKB Polygon or MultiPolygon. Throws DataError(sql) for other or broken blobs.
geo::MultiPolygon parse_wkb_multipolygon(std::string_view wkb);

} // namespace breathline::data::spatialite
