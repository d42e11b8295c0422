#pragma once
/// CSV writer for one export table: a header row of column names, then one
/// row per record, lon/lat as columns (EPSG:4326) and polygons as a WKT
/// column, so QGIS and the importer read it back.

#include "data/io/export_table.h"

#include <filesystem>

namespace breathline::data {

struct CsvExportOptions {
    /// false: UTF-8 with a BOM (Excel on Japanese Windows detects it);
    /// true: CP932 without BOM, for older Excel.
    bool cp932 = false;
};

/// Writes `table` to `file` (created or truncated). Throws DataError(io)
/// naming the file when it cannot be written, and DataError(export_failed)
/// naming the row and column when a value has a character CP932 cannot hold.
/// Not thread-safe for the same file.
void write_csv_table(const ExportTable& table, const std::filesystem::path& file,
                     const CsvExportOptions& options);

} // namespace breathline::data
