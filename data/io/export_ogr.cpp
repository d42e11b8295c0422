#include "data/io/export_ogr.h"

#include "data/error.h"
#include "data/gdal/gdal_support.h"

#include <charconv>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <memory>
#include <mutex>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <optional>

namespace breathline::data {

namespace {

std::string gdal_message() {
    const char* msg = CPLGetLastErrorMsg();
    return (msg != nullptr && *msg != '\0') ? std::string(msg) : std::string("no GDAL message");
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

const char* driver_name(ExportFormat format) {
    switch (format) {
    case ExportFormat::gpkg:
        return "GPKG";
    case ExportFormat::geojson:
        return "GeoJSON";
    case ExportFormat::kml:
        return "LIBKML";
    case ExportFormat::csv:
        break;
    }
    return nullptr;
}

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
    throw DataError(ErrorCode::export_failed,
                    "'" + file.string() + "': " + what + " (GDAL: " + gdal_message() + ")");
}

// The column shown as each placemark's label in KML viewers: the registry
// number for people (never their name), the name for places.
std::string kml_name_field(const ExportTable& table) {
    const std::string_view key =
        (table.layer == "persons" || table.layer == "supporters") ? "external_id" : "name";
    for (const auto& c : table.columns)
        if (c.key == key) return c.name;
    return "name";
}

// Sets LIBKML's label field for this thread while the file is written.
class KmlNameField {
public:
    explicit KmlNameField(const std::string& field) {
        CPLSetThreadLocalConfigOption("LIBKML_NAME_FIELD", field.c_str());
    }
    ~KmlNameField() { CPLSetThreadLocalConfigOption("LIBKML_NAME_FIELD", nullptr); }
    KmlNameField(const KmlNameField&) = delete;
    KmlNameField& operator=(const KmlNameField&) = delete;
};

OGRFieldType field_type(ExportColumnType type) {
    switch (type) {
    case ExportColumnType::integer:
    case ExportColumnType::boolean:
        return OFTInteger;
    case ExportColumnType::real:
        return OFTReal;
    case ExportColumnType::text:
        break;
    }
    return OFTString;
}

template <typename Number> bool parse_number(const std::string& text, Number& out) {
    const char* end = text.data() + text.size();
    const auto res = std::from_chars(text.data(), end, out);
    return res.ec == std::errc() && res.ptr == end;
}

void set_field(OGRFeature& feature, int index, const ExportColumn& column, const std::string& value,
               const std::filesystem::path& file, const std::string& row_label) {
    if (value.empty()) {
        feature.SetFieldNull(index);
        return;
    }
    bool ok = true;
    switch (column.type) {
    case ExportColumnType::integer:
    case ExportColumnType::boolean: {
        int v = 0;
        ok = parse_number(value, v);
        if (ok) feature.SetField(index, v);
        break;
    }
    case ExportColumnType::real: {
        double v = 0;
        ok = parse_number(value, v);
        if (ok) feature.SetField(index, v);
        break;
    }
    case ExportColumnType::text:
        feature.SetField(index, value.c_str());
        break;
    }
    // The values come from the store's own canonical text, so this is a bug.
    if (!ok)
        throw DataError(ErrorCode::export_failed, "'" + file.string() + "': row " + row_label +
                                                      ", column " + column.name + ": value '" +
                                                      value + "' is not a number");
}

CPLStringList layer_options(const ExportTable& table, ExportFormat format) {
    CPLStringList lco;
    if (format == ExportFormat::gpkg) {
        lco.SetNameValue("SPATIAL_INDEX", "YES");
        lco.SetNameValue("GEOMETRY_NAME", "geom");
        lco.SetNameValue("FID", "fid");
        lco.SetNameValue("IDENTIFIER", table.title_ja.c_str());
        lco.SetNameValue("DESCRIPTION",
                         ("Breathline " + table.layer + " (人工呼吸器使用者等マップ)").c_str());
    } else if (format == ExportFormat::geojson) {
        lco.SetNameValue("RFC7946", "YES");
        // RFC 7946 mode defaults to 7 decimals (about 1 cm); 15 keeps every
        // bit of the stored double so that an export re-imports unchanged.
        lco.SetNameValue("COORDINATE_PRECISION", "15");
        lco.SetNameValue("WRITE_NAME", "NO");
    }
    return lco;
}

void write_layer(GDALDataset& ds, const ExportTable& table, OGRSpatialReference& srs,
                 ExportFormat format, const std::filesystem::path& file) {
    const OGRwkbGeometryType type =
        table.geometry_kind == ExportGeometryKind::point ? wkbPoint : wkbMultiPolygon;
    CPLStringList lco = layer_options(table, format);
    OGRLayer* layer = ds.CreateLayer(table.layer.c_str(), &srs, type, lco.List());
    if (layer == nullptr) fail(file, "layer " + table.layer + " could not be created");

    // lon/lat are the geometry here, not attributes.
    std::vector<std::pair<std::size_t, int>> written; // (table column, OGR field index)
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const ExportColumn& column = table.columns[c];
        if (column.coordinate) continue;
        OGRFieldDefn def(column.name.c_str(), field_type(column.type));
        if (column.type == ExportColumnType::boolean) def.SetSubType(OFSTBoolean);
        if (layer->CreateField(&def) != OGRERR_NONE)
            fail(file,
                 "layer " + table.layer + ": column " + column.name + " could not be created");
        written.emplace_back(c, layer->GetLayerDefn()->GetFieldIndex(column.name.c_str()));
    }

    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        OGRFeature feature(layer->GetLayerDefn());
        for (const auto& [c, index] : written)
            set_field(feature, index, table.columns[c], table.rows[r][c], file,
                      table.row_labels[r]);
        if (table.geometry_kind == ExportGeometryKind::point) {
            if (const auto& p = table.points[r]) {
                OGRPoint point(p->lon(), p->lat());
                feature.SetGeometry(&point);
            }
        } else if (!table.wkb[r].empty()) {
            OGRGeometry* geometry = nullptr;
            if (OGRGeometryFactory::createFromWkb(table.wkb[r].data(), nullptr, &geometry,
                                                  table.wkb[r].size()) != OGRERR_NONE ||
                geometry == nullptr)
                fail(file, "layer " + table.layer + ", " + table.row_labels[r] +
                               ": stored geometry is not valid WKB");
            std::unique_ptr<OGRGeometry> owned(OGRGeometryFactory::forceToMultiPolygon(geometry));
            feature.SetGeometry(owned.get());
        }
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            fail(file, "layer " + table.layer + ", " + table.row_labels[r] +
                           ": feature could not be written");
    }
}

} // namespace

void write_ogr_tables(const std::vector<ExportTable>& tables, const std::filesystem::path& file,
                      ExportFormat format) {
    gdal::register_drivers_once();
    gdal::QuietErrors quiet;
    const char* name = driver_name(format);
    GDALDriver* driver = name != nullptr ? GetGDALDriverManager()->GetDriverByName(name) : nullptr;
    if (driver == nullptr)
        fail(file, std::string("GDAL driver ") + (name != nullptr ? name : "?") +
                       " is not available in this GDAL build");

    // LIBKML writes proper <name> elements (the older KML driver puts the
    // label field into ExtendedData); the label field is a config option.
    std::optional<KmlNameField> kml_name;
    if (format == ExportFormat::kml && !tables.empty())
        kml_name.emplace(kml_name_field(tables.front()));
    DatasetPtr ds(driver->Create(file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) fail(file, "file could not be created");

    OGRSpatialReference srs;
    if (srs.importFromEPSG(4326) != OGRERR_NONE) fail(file, "EPSG:4326 is unknown to PROJ");
    // Longitude first, as everywhere in Breathline (EPSG:4326 is lat/lon on paper).
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    // One transaction makes a GeoPackage of thousands of rows quick to write.
    const bool transaction = ds->TestCapability(ODsCTransactions) != 0;
    if (transaction && ds->StartTransaction() != OGRERR_NONE)
        fail(file, "transaction could not be started");
    for (const auto& table : tables)
        write_layer(*ds, table, srs, format, file);
    if (transaction && ds->CommitTransaction() != OGRERR_NONE)
        fail(file, "data could not be committed");

    // GDAL 3.6 reports errors while closing (final flush, spatial index build)
    // only through the error state.
    CPLErrorReset();
    ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure) fail(file, "file could not be completed");
}

} // namespace breathline::data
