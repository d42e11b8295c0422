#include "data/gdal/gdal_support.h"

#include <cpl_error.h>
#include <gdal.h>
#include <mutex>

namespace breathline::data::gdal {

void register_drivers_once() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

QuietErrors::QuietErrors() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

QuietErrors::~QuietErrors() {
    CPLPopErrorHandler();
}

std::string QuietErrors::last_message() {
    return CPLGetLastErrorMsg();
}

} // namespace breathline::data::gdal
