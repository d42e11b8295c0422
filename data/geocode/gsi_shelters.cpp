#include "data/geocode/gsi_shelters.h"

#include "data/error.h"
#include "data/geocode/ogr_vector.h"
#include "data/text/normalize.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <stdexcept>

namespace breathline::data {

std::vector<ShelterPoint> load_shelter_points(const std::filesystem::path& geojson) {
    const std::string file = geojson.string();
    auto dataset = ogr::open_vector(geojson, "the GSI shelter file");
    OGRLayer* layer = dataset->GetLayer(0);
    const int name_field = layer->GetLayerDefn()->GetFieldIndex("施設・場所名");
    const int address_field = layer->GetLayerDefn()->GetFieldIndex("住所");
    if (name_field < 0)
        throw DataError(
            ErrorCode::invalid_input,
            "GSI shelter file '" + file +
                "' has no field 施設・場所名: is it a GSI 指定避難所/指定緊急避難場所 file?");

    std::vector<ShelterPoint> points;
    for (const auto& feature : *layer) {
        const std::string where =
            "GSI shelter file '" + file + "', feature " + std::to_string(feature->GetFID());
        const std::string name = text::trim(feature->GetFieldAsString(name_field));
        if (name.empty())
            throw DataError(ErrorCode::invalid_input, where + ": 施設・場所名 is empty");
        const OGRGeometry* geometry = feature->GetGeometryRef();
        if (!geometry || wkbFlatten(geometry->getGeometryType()) != wkbPoint || geometry->IsEmpty())
            throw DataError(ErrorCode::invalid_input,
                            where + " (" + name + "): the geometry is not a point");
        const auto* point = geometry->toPoint();
        try {
            // GeoJSON is always longitude first, whatever EPSG:4326's official axis order.
            points.push_back(
                {name,
                 address_field >= 0 ? text::trim(feature->GetFieldAsString(address_field))
                                    : std::string(),
                 geo::LonLat(point->getX(), point->getY()), geojson.filename().string()});
        } catch (const std::invalid_argument& e) {
            throw DataError(ErrorCode::invalid_input, where + " (" + name + "): " + e.what());
        }
    }
    return points;
}

} // namespace breathline::data
