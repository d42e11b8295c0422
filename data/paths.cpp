#include "data/paths.h"

#include <cstdlib>

#ifndef BREATHLINE_DEFAULT_DATA_DIR
#error "BREATHLINE_DEFAULT_DATA_DIR must be defined by the build"
#endif

namespace breathline::data {

namespace {
const char* env(const char* name) {
    const char* v = std::getenv(name);
    return (v && *v) ? v : nullptr;
}
} // namespace

std::filesystem::path default_database_path() {
    if (const char* p = env("BREATHLINE_DB")) return p;
    std::filesystem::path base;
    if (const char* xdg = env("XDG_DATA_HOME"))
        base = xdg;
    else if (const char* home = env("HOME"))
        base = std::filesystem::path(home) / ".local" / "share";
    else
        base = std::filesystem::temp_directory_path();
    return base / "breathline" / "breathline.sqlite";
}

std::filesystem::path default_data_dir() {
    if (const char* p = env("BREATHLINE_DATA_DIR")) return p;
    return std::filesystem::path(BREATHLINE_DEFAULT_DATA_DIR).lexically_normal();
}

} // namespace breathline::data
