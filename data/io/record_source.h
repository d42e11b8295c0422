#pragma once
/// Readers that turn an import file into uniform records: a header row (column names) and
/// records of cell text with their position in the file and, for GIS formats, the feature's
/// point in EPSG:4326. CSV (UTF-8 or CP932, detected) is read with text::CsvReader so that
/// line numbers are exact physical lines; GeoJSON, GeoPackage and Shapefile are read through
/// GDAL/OGR, where the position is the 1-based feature index in reading (FID) order.
///
/// Whole-file problems (missing or unreadable file, undecodable encoding, unterminated quote,
/// unknown layer, a layer without a CRS whose coordinates are not lon/lat) throw
/// DataError(import_failed) whose message names the file and, where known, the line and what
/// to do. A RecordSource belongs to one thread.

#include "geo/coordinates.h"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data {

/// How records are counted in messages: CSV lines or OGR features.
enum class RecordUnit { line, feature };

/// One record of an import file.
struct SourceRecord {
    std::size_t line = 0;            ///< 1-based physical line (CSV) or feature index (OGR)
    std::vector<std::string> values; ///< one per column of columns(); "" for blank/NULL
    std::size_t extra_fields = 0;    ///< CSV fields beyond the header's width
    /// The feature's point in EPSG:4326 (OGR only; the centroid for lines and polygons).
    std::optional<geo::LonLat> geometry;
    std::string geometry_problem; ///< why the feature's geometry was not usable; "" if fine
};

class RecordSource {
public:
    virtual ~RecordSource() = default;
    /// Column names as written in the file (CSV header row or OGR field names).
    virtual const std::vector<std::string>& columns() const = 0;
    /// The next record, or nullopt at the end. Throws DataError(import_failed) for a
    /// malformed file (e.g. an unterminated CSV quote, naming its line).
    virtual std::optional<SourceRecord> next() = 0;
    /// Starts reading again from the first record (the importer reads twice: once for
    /// duplicate keys, once to import).
    virtual void rewind() = 0;
    virtual RecordUnit unit() const = 0;
    /// Human-readable format, e.g. "CSV (CP932)", "GeoJSON", "GPKG layer 'persons'".
    virtual std::string format() const = 0;
    /// True when the records carry geometry (OGR layers with a geometry column).
    virtual bool has_geometry() const = 0;
};

/// Opens `file`: ".csv", ".txt" and ".tsv" (tab-separated) are read as CSV, anything else
/// through OGR (GeoJSON, GeoPackage, Shapefile, ...). `layer` picks an OGR layer by name
/// (default: the first); it is an error for CSV. Throws DataError(import_failed).
std::unique_ptr<RecordSource> open_record_source(const std::filesystem::path& file,
                                                 const std::optional<std::string>& layer);

} // namespace breathline::data
