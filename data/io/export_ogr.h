#pragma once
/// GDAL/OGR writer for export tables: GeoPackage (several layers, SRS 4326,
/// R-tree spatial index), GeoJSON (RFC 7946) and KML (LIBKML driver). GDAL is registered on
/// first use; GDAL's own error printing is silenced and its message is put
/// into the DataError instead.

#include "data/io/export_table.h"
#include "data/io/exporter.h"

#include <filesystem>
#include <vector>

namespace breathline::data {

/// Creates `file` with the driver for `format` (gpkg, geojson or kml) and
/// writes each table as a layer. Precondition: `file` does not exist, and
/// tables.size() == 1 unless format is gpkg. Throws DataError(export_failed)
/// naming the file, layer and GDAL's message. Not thread-safe (GDAL's error
/// state is per thread, but callers share one store thread anyway).
void write_ogr_tables(const std::vector<ExportTable>& tables, const std::filesystem::path& file,
                      ExportFormat format);

} // namespace breathline::data
