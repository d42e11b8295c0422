#include "data/geocode/ward_boundary.h"

#include "data/error.h"
#include "data/geocode/ogr_vector.h"

#include <gdal_priv.h>
#include <memory>
#include <ogr_geometry.h>
#include <ogrsf_frmts.h>
#include <stdexcept>

namespace breathline::data {

WardBoundary load_ward_boundary(const std::filesystem::path& n03_geojson) {
    const std::string file = n03_geojson.string();
    auto dataset = ogr::open_vector(n03_geojson, "the ward boundary (N03)");
    OGRLayer* layer = dataset->GetLayer(0);
    if (const OGRSpatialReference* srs = layer->GetSpatialRef(); srs && !srs->IsGeographic())
        throw DataError(ErrorCode::invalid_input,
                        "ward boundary '" + file +
                            "' is in a projected CRS; expected longitude/latitude (EPSG:4326)");

    WardBoundary ward;
    OGRMultiPolygon merged;
    const int name_field = layer->GetLayerDefn()->GetFieldIndex("N03_004");
    const int city_field = layer->GetLayerDefn()->GetFieldIndex("N03_003");
    for (const auto& feature : *layer) {
        const std::string where =
            "ward boundary '" + file + "', feature " + std::to_string(feature->GetFID());
        const OGRGeometry* geometry = feature->GetGeometryRef();
        if (!geometry || geometry->IsEmpty()) continue;
        const auto type = wkbFlatten(geometry->getGeometryType());
        if (type == wkbPolygon) {
            merged.addGeometry(geometry);
        } else if (type == wkbMultiPolygon) {
            for (const OGRPolygon* part : *geometry->toMultiPolygon())
                merged.addGeometry(part);
        } else {
            throw DataError(ErrorCode::invalid_input, where + ": geometry " +
                                                          geometry->getGeometryName() +
                                                          " is not a (multi)polygon");
        }
        if (ward.name.empty() && name_field >= 0) ward.name = feature->GetFieldAsString(name_field);
        if (ward.name.empty() && city_field >= 0) ward.name = feature->GetFieldAsString(city_field);
    }
    if (merged.IsEmpty())
        throw DataError(ErrorCode::invalid_input,
                        "ward boundary '" + file + "' contains no polygon");

    try {
        for (const OGRPolygon* part : merged)
            ward.polygon.parts.push_back(ogr::to_polygon(*part));
    } catch (const std::invalid_argument& e) {
        throw DataError(ErrorCode::invalid_input, "ward boundary '" + file +
                                                      "': a vertex is not a longitude/latitude (" +
                                                      e.what() + ")");
    }
    OGRWktOptions options;
    options.variant = wkbVariantIso;
    options.precision = 15;
    ward.wkt = merged.exportToWkt(options);
    return ward;
}

} // namespace breathline::data
