#include "data/geocode/ogr_vector.h"

#include "data/error.h"
#include "data/gdal/gdal_support.h"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <mutex>

namespace breathline::data::ogr {

void DatasetCloser::operator()(GDALDataset* dataset) const {
    GDALClose(dataset);
}

DatasetPtr open_vector(const std::filesystem::path& path, const std::string& what) {
    gdal::register_drivers_once();
    std::string reason;
    DatasetPtr dataset;
    {
        const gdal::QuietErrors quiet;
        dataset.reset(GDALDataset::Open(path.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                        nullptr, nullptr, nullptr));
        reason = gdal::QuietErrors::last_message();
    }

    if (!dataset)
        throw DataError(ErrorCode::io, "cannot open " + what + " '" + path.string() + "'" +
                                           (reason.empty() ? "" : " (" + reason + ")") +
                                           ": check the file and --data-dir");
    if (dataset->GetLayerCount() < 1)
        throw DataError(ErrorCode::invalid_input,
                        what + " '" + path.string() + "' has no vector layer");
    return dataset;
}

namespace {

geo::Ring to_ring(const OGRLinearRing& ring) {
    geo::Ring out;
    out.points.reserve(static_cast<std::size_t>(ring.getNumPoints()));
    for (int i = 0; i < ring.getNumPoints(); ++i)
        out.points.emplace_back(ring.getX(i), ring.getY(i));
    return out;
}

} // namespace

geo::Polygon to_polygon(const OGRPolygon& polygon) {
    geo::Polygon out;
    if (const OGRLinearRing* exterior = polygon.getExteriorRing()) out.outer = to_ring(*exterior);
    for (int i = 0; i < polygon.getNumInteriorRings(); ++i)
        out.holes.push_back(to_ring(*polygon.getInteriorRing(i)));
    return out;
}

} // namespace breathline::data::ogr
