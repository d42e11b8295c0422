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

} // namespace breathline::data::ogr
