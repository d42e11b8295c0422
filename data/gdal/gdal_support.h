#pragma once
/// What every GDAL user in the data layer needs once: driver registration and
/// a scope that keeps GDAL's messages off stderr so that they end up, once
/// and with the file name, in our own errors. No GDAL header leaks from here.

#include <string>

namespace breathline::data::gdal {

/// Registers all GDAL/OGR drivers on first call; thread-safe, cheap afterwards.
void register_drivers_once();

/// While alive, GDAL errors are recorded instead of printed (CPLQuietErrorHandler).
/// GDAL's handler stack is per thread, so use one scope per thread.
class QuietErrors {
public:
    QuietErrors();
    ~QuietErrors();
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;
    /// GDAL's last error message since the scope began ("" when none).
    static std::string last_message();
};

} // namespace breathline::data::gdal
