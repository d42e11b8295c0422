#include "data/roads/polygon_file.h"

#include "data/error.h"
#include "data/geocode/ogr_vector.h"

#include <gdal_priv.h>
#include <memory>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <stdexcept>

namespace breathline::data {

geo::MultiPolygon read_polygon_file(const std::filesystem::path& path) {
    const std::string file = path.string();
    auto dataset = ogr::open_vector(path, "the closure area file");
    OGRLayer* layer = dataset->GetLayer(0);

    // Traditional GIS order keeps longitude as X whatever the CRS's axis order.
    std::unique_ptr<OGRCoordinateTransformation> to_lonlat;
    if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        to_lonlat.reset(OGRCreateCoordinateTransformation(srs, &wgs84));
        if (!to_lonlat)
            throw DataError(ErrorCode::invalid_input,
                            file + ": its coordinate reference system cannot be converted to "
                                   "longitude/latitude; save the file in EPSG:4326");
    }

    geo::MultiPolygon out;
    for (const auto& feature : *layer) {
        const std::string where = file + ", feature " + std::to_string(feature->GetFID());
        const OGRGeometry* geometry = feature->GetGeometryRef();
        if (!geometry || geometry->IsEmpty()) continue;
        std::unique_ptr<OGRGeometry> copy(geometry->clone());
        if (to_lonlat && copy->transform(to_lonlat.get()) != OGRERR_NONE)
            throw DataError(ErrorCode::invalid_input,
                            where + ": cannot be converted to longitude/latitude");
        const auto type = wkbFlatten(copy->getGeometryType());
        try {
            if (type == wkbPolygon) {
                out.parts.push_back(ogr::to_polygon(*copy->toPolygon()));
            } else if (type == wkbMultiPolygon) {
                for (const OGRPolygon* part : *copy->toMultiPolygon())
                    out.parts.push_back(ogr::to_polygon(*part));
            } else {
                throw DataError(ErrorCode::invalid_input,
                                where + ": geometry " + copy->getGeometryName() +
                                    " is not a polygon; draw closed areas (Polygon)");
            }
        } catch (const std::invalid_argument& e) {
            throw DataError(ErrorCode::invalid_input,
                            where + ": a vertex is not a longitude/latitude (" + e.what() + ")");
        }
    }
    if (out.parts.empty())
        throw DataError(ErrorCode::invalid_input,
                        file + " contains no polygon; a closure area must be a Polygon or "
                               "MultiPolygon layer");
    return out;
}

} // namespace breathline::data
