#pragma once
/// Opening vector files through OGR for the geocoding and demo readers. Internal to the data
/// library: GDAL headers stay out of this header, so callers only see the opaque handle.

#include "geo/polygon.h"

#include <filesystem>
#include <memory>
#include <string>

class GDALDataset;
class OGRPolygon;

namespace breathline::data::ogr {

/// Closes the dataset (GDALClose) when it goes out of scope.
struct DatasetCloser {
    void operator()(GDALDataset* dataset) const;
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

/// Opens `path` read-only as a vector dataset, registering the GDAL drivers on first use
/// (thread-safe). `what` describes the file for the error message ("the ward boundary").
/// Throws DataError(io) naming the file and GDAL's reason when it cannot be opened, and
/// DataError(invalid_input) when it has no layer.
DatasetPtr open_vector(const std::filesystem::path& path, const std::string& what);

/// An OGR polygon as geo::Polygon, X read as longitude and Y as latitude
/// (the caller has already brought it to EPSG:4326 in traditional GIS order).
geo::Polygon to_polygon(const OGRPolygon& polygon);

} // namespace breathline::data::ogr
