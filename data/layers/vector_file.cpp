#include "data/layers/vector_file.h"

#include "data/error.h"
#include "data/geocode/ogr_vector.h"

#include <gdal_priv.h>
#include <memory>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <stdexcept>
#include <strings.h>

namespace breathline::data::layers {

namespace {

std::vector<geo::LonLat> to_points(const OGRSimpleCurve& curve) {
    std::vector<geo::LonLat> out;
    out.reserve(static_cast<std::size_t>(curve.getNumPoints()));
    for (int i = 0; i < curve.getNumPoints(); ++i)
        out.emplace_back(curve.getX(i), curve.getY(i));
    return out;
}

// Splits a (linear) geometry into the feature's points, lines and polygons.
void collect(const OGRGeometry& g, VectorFeature& f) {
    switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: {
        const OGRPoint* p = g.toPoint();
        if (!p->IsEmpty()) f.points.emplace_back(p->getX(), p->getY());
        break;
    }
    case wkbLineString:
    case wkbLinearRing: {
        auto pts = to_points(*g.toSimpleCurve());
        if (pts.size() >= 2) f.lines.push_back(std::move(pts));
        break;
    }
    case wkbPolygon: {
        geo::Polygon poly = ogr::to_polygon(*g.toPolygon());
        if (poly.outer.points.size() >= 3) f.polygons.push_back(std::move(poly));
        break;
    }
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
        for (const OGRGeometry* part : *g.toGeometryCollection())
            if (part) collect(*part, f);
        break;
    default:
        // Curves, surfaces, TINs: approximate by straight pieces (GDAL's default step).
        if (g.hasCurveGeometry() || OGR_GT_IsSurface(g.getGeometryType()) ||
            OGR_GT_IsCurve(g.getGeometryType())) {
            std::unique_ptr<OGRGeometry> linear(g.getLinearGeometry());
            if (linear && wkbFlatten(linear->getGeometryType()) != wkbFlatten(g.getGeometryType()))
                collect(*linear, f);
        }
        break;
    }
}

int label_field(const OGRFeatureDefn& defn) {
    for (const char* wanted : {"name", "名称", "title", "label"})
        for (int i = 0; i < defn.GetFieldCount(); ++i)
            if (strcasecmp(defn.GetFieldDefn(i)->GetNameRef(), wanted) == 0) return i;
    return -1;
}

} // namespace

VectorFile read_vector_file(const std::filesystem::path& path) {
    const std::string file = path.string();
    auto dataset = ogr::open_vector(path, "the vector layer file");
    VectorFile out;
    for (int li = 0; li < dataset->GetLayerCount(); ++li) {
        OGRLayer* layer = dataset->GetLayer(li);
        if (!layer) continue;
        const std::size_t layer_index = out.layer_names.size();
        out.layer_names.emplace_back(layer->GetName());
        const std::string where_layer = file + ", layer '" + layer->GetName() + "'";

        // Traditional GIS order keeps longitude as X whatever the CRS's axis order.
        std::unique_ptr<OGRCoordinateTransformation> to_lonlat;
        if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
            OGRSpatialReference wgs84;
            wgs84.importFromEPSG(4326);
            wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            to_lonlat.reset(OGRCreateCoordinateTransformation(srs, &wgs84));
            if (!to_lonlat)
                throw DataError(ErrorCode::invalid_input,
                                where_layer +
                                    ": its coordinate reference system cannot be converted to "
                                    "longitude/latitude; save the layer in EPSG:4326");
        }
        const int name_field = label_field(*layer->GetLayerDefn());

        layer->ResetReading();
        for (const auto& feature : *layer) {
            const std::string where =
                where_layer + ", feature " + std::to_string(feature->GetFID());
            const OGRGeometry* geometry = feature->GetGeometryRef();
            if (!geometry || geometry->IsEmpty()) {
                ++out.skipped_without_geometry;
                continue;
            }
            std::unique_ptr<OGRGeometry> copy(geometry->clone());
            if (to_lonlat && copy->transform(to_lonlat.get()) != OGRERR_NONE)
                throw DataError(ErrorCode::invalid_input,
                                where + ": cannot be converted to longitude/latitude");
            VectorFeature f;
            f.layer = layer_index;
            f.fid = feature->GetFID();
            if (name_field >= 0 && feature->IsFieldSetAndNotNull(name_field))
                f.label = feature->GetFieldAsString(name_field);
            try {
                collect(*copy, f);
            } catch (const std::invalid_argument& e) {
                throw DataError(ErrorCode::invalid_input,
                                where + ": a vertex is not a longitude/latitude (" + e.what() +
                                    "); a projected file needs its CRS (.prj) next to it");
            }
            if (f.points.empty() && f.lines.empty() && f.polygons.empty()) {
                ++out.skipped_without_geometry;
                continue;
            }
            out.features.push_back(std::move(f));
        }
    }
    return out;
}

} // namespace breathline::data::layers
