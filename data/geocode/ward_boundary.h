#pragma once
/// The ward boundary from 国土数値情報 行政区域 (N03), read with OGR: the polygon the demo
/// places people inside, and the WKT stored as the ward_boundary area.

#include "geo/polygon.h"

#include <filesystem>
#include <string>

namespace breathline::data {

struct WardBoundary {
    std::string name; ///< N03_004 (区名), e.g. "豊島区"; N03_003 when N03_004 is empty
    std::string wkt;  ///< MULTIPOLYGON, EPSG:4326, longitude first
    geo::MultiPolygon polygon; ///< the same shape, for point-in-polygon without a database
};

/// Reads the (multi)polygon features of an N03 GeoJSON file and merges them into one
/// MultiPolygon (a ward may be split into several features, e.g. islands). Throws
/// DataError(io) when the file cannot be opened and DataError(invalid_input) naming the file
/// and feature when it holds no polygon, a non-polygon geometry, or a projected CRS.
/// Thread-safe (each call opens its own dataset).
WardBoundary load_ward_boundary(const std::filesystem::path& n03_geojson);

} // namespace breathline::data
