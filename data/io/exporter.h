#pragma once
/// Export of the registry, supporters, facilities and map layers to
/// GeoPackage, GeoJSON (RFC 7946), CSV and KML, for QGIS, Excel, Google Earth
/// and the importer (an export read back with import_file() changes nothing).
///
/// - Coordinates are EPSG:4326 longitude/latitude (lon first) in every format:
///   the geometry in GeoPackage/GeoJSON/KML, `lon`/`lat` columns in CSV.
/// - Column names are the canonical English keys of data::person_fields(),
///   supporter_fields() and facility_fields(), or their Japanese headers
///   (`japanese_headers`); the importer accepts both.
/// - Personal data is masked unless `include_personal` (policy and table in
///   export_masking.h): names, kana, the consent signer and notes are blank,
///   birth dates keep only the year, phone numbers are starred out; address
///   and location stay, because finding the home is what the map is for.
/// - The file is written next to the target under a temporary name and
///   renamed into place only when complete, so a failed export never leaves
///   a partial file; an existing target is replaced only with `overwrite`.
/// - Every export is recorded in the audit log (action "export", entity =
///   output path, summary = layer, format, rows, whether personal data was
///   included, actor) in the same step as the rename.

#include "data/store/store.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data {

enum class ExportFormat { gpkg, geojson, csv, kml };

/// `map` is the ventilator-user map bundle (人工呼吸器使用者等マップ, 要領 第11条):
/// ward boundary, facilities and persons as layers of one GeoPackage.
enum class ExportLayer { persons, supporters, facilities, ward, map };

struct ExportOptions {
    ExportLayer layer = ExportLayer::persons;
    /// Format; when empty it is inferred from the extension of `output`
    /// (.gpkg, .geojson/.json, .csv, .kml).
    std::optional<ExportFormat> format;
    std::filesystem::path output;
    bool include_personal = false; ///< names, birth dates, phones unmasked
    bool japanese_headers = false; ///< column names from the forms (氏名, 生年月日 ...)
    bool cp932 = false;            ///< CSV only: CP932 instead of UTF-8 with BOM
    bool overwrite = false;        ///< replace an existing output file
};

struct ExportReport {
    std::size_t rows = 0;                     ///< features/records in all layers
    std::vector<std::string> layers_written;  ///< e.g. {"ward", "facilities", "persons"}
    ExportFormat format = ExportFormat::gpkg; ///< the format actually written
};

/// Writes `options.layer` of `store` to `options.output` and appends the audit
/// entry. Throws DataError naming the path: invalid_input for an unknown
/// extension, `map` in a single-layer format or CP932 outside CSV;
/// export_failed when the target exists without `overwrite` (it is left
/// untouched), a value cannot be encoded, or GDAL fails; io when the file
/// cannot be written or renamed. On any failure no output file is created or
/// changed and no audit entry is written. Runs on the store's thread.
ExportReport export_layer(Store& store, const ExportOptions& options);

/// Format from the extension of `path` (case-insensitive), or nullopt.
std::optional<ExportFormat> export_format_from_path(const std::filesystem::path& path);

/// Stable names, as on the command line: "gpkg", "persons" ...
std::string_view to_string(ExportFormat format);
std::string_view to_string(ExportLayer layer);
/// Parses the command-line spelling; nullopt when unknown.
std::optional<ExportFormat> parse_export_format(std::string_view text);
std::optional<ExportLayer> parse_export_layer(std::string_view text);

} // namespace breathline::data
