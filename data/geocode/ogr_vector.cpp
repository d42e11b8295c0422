#include "data/geocode/ogr_vector.h"

#include "data/error.h"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <mutex>

namespace breathline::data::ogr {

void DatasetCloser::operator()(GDALDataset* dataset) const {
    GDALClose(dataset);
}

DatasetPtr open_vector(const std::filesystem::path& path, const std::string& what) {
    static std::once_flag registered;
    std::call_once(registered, [] { GDALAllRegister(); });

    // GDAL prints open failures to stderr by default; keep its message for
    // our own error instead so the user sees it once, with the file name.
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
    DatasetPtr dataset(GDALDataset::Open(path.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                         nullptr, nullptr, nullptr));
    const std::string reason = CPLGetLastErrorMsg();
    CPLPopErrorHandler();

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
