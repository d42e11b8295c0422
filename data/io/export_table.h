#pragma once
/// One layer of an export as plain values: column names and types, rows of
/// canonical text (masked as export_masking.h says) and a geometry per row.
/// The format writers (CSV, OGR) consume this; none of them reads the store.

#include "data/store/store.h"
#include "geo/coordinates.h"

#include <optional>
#include <string>
#include <vector>

namespace breathline::data {

/// Attribute type in typed formats (GeoPackage, GeoJSON, KML). CSV writes text.
enum class ExportColumnType { text, integer, real, boolean };

struct ExportColumn {
    std::string key;  ///< canonical English key (FieldDef::key)
    std::string name; ///< name written to the file: key, or the Japanese header
    ExportColumnType type = ExportColumnType::text;
    /// lon/lat: written as columns in CSV only; the geometry carries them elsewhere.
    bool coordinate = false;
};

enum class ExportGeometryKind { point, multipolygon };

struct ExportTable {
    std::string layer;    ///< layer/table name: persons, supporters, facilities, ward
    std::string title_ja; ///< human title (GeoPackage identifier)
    ExportGeometryKind geometry_kind = ExportGeometryKind::point;
    std::vector<ExportColumn> columns;
    std::vector<std::vector<std::string>> rows;     ///< one value per column; "" = NULL
    std::vector<std::optional<geo::LonLat>> points; ///< per row (point layers), EPSG:4326
    std::vector<std::string> wkt;        ///< per row (multipolygon layers): WKT for text formats
    std::vector<std::string> wkb;        ///< per row (multipolygon layers): exact WKB, EPSG:4326
    std::vector<std::string> row_labels; ///< per row: registry number or name, for messages
};

struct ExportTableOptions {
    bool include_personal = false; ///< false: personal fields masked, marker column added
    bool japanese_headers = false; ///< column names from FieldDef::header_ja
};

/// Typed-format type of a canonical field key (e.g. internal_battery_h → real).
/// Thread-safe.
ExportColumnType export_column_type(std::string_view key);

/// The registry (every person, ordered by id). Throws DataError from the store.
ExportTable persons_table(Store& store, const ExportTableOptions& options);
/// Every supporter, ordered by id. Throws DataError from the store.
ExportTable supporters_table(Store& store, const ExportTableOptions& options);
/// Every facility (kind, seed number, id order). Facility data is not personal.
ExportTable facilities_table(Store& store, const ExportTableOptions& options);
/// Areas of kind ward_boundary (name, source; geometry MULTIPOLYGON).
/// Throws DataError(export_failed) when the store backend cannot list areas.
ExportTable ward_table(Store& store, const ExportTableOptions& options);

} // namespace breathline::data
