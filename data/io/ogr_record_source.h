#pragma once
// Internal to the importer: the OGR (GeoJSON, GeoPackage, Shapefile ...) reader behind
// open_record_source(). Kept apart so that only one file includes GDAL's headers.

#include "data/io/record_source.h"

namespace breathline::data {

/// Opens `file` with GDAL/OGR and reads `layer` (default: the first layer). Feature geometry is
/// reprojected to EPSG:4326 when the layer has another CRS. Throws DataError(import_failed).
std::unique_ptr<RecordSource> open_ogr_record_source(const std::filesystem::path& file,
                                                     const std::optional<std::string>& layer);

} // namespace breathline::data
