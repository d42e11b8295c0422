#pragma once
/// Default locations: the database in the user's data directory and the real
/// shared data beside the repository. Every default can be overridden by a
/// command-line option; the environment variables come second.

#include <filesystem>

namespace breathline::data {

/// $BREATHLINE_DB, else $XDG_DATA_HOME/breathline/breathline.sqlite, else
/// ~/.local/share/breathline/breathline.sqlite. The directory is not created.
std::filesystem::path default_database_path();

/// $BREATHLINE_DATA_DIR, else the build's default (../shared/data from the
/// repository root).
std::filesystem::path default_data_dir();

} // namespace breathline::data
