#pragma once
/// Reading the polygons of a vector file (GeoJSON, GeoPackage, Shapefile,
/// KML: whatever GDAL reads) into one MultiPolygon, for road closures drawn
/// in another GIS.

#include "geo/polygon.h"

#include <filesystem>

namespace breathline::data {

/// Every Polygon and MultiPolygon of the file's first layer, merged into one
/// MultiPolygon in EPSG:4326 degrees (reprojected when the layer states
/// another CRS). Features without geometry are skipped. Throws DataError(io)
/// when the file cannot be opened, DataError(invalid_input) naming the file
/// and feature for a geometry that is not a polygon, and naming the file when
/// it holds no polygon at all. Thread-safe (each call opens its own dataset).
geo::MultiPolygon read_polygon_file(const std::filesystem::path& path);

} // namespace breathline::data
