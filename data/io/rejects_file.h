#pragma once
// Internal to the importer: writes the rows rejected under --skip-invalid to a CSV file that
// can be corrected and imported again (its extra columns are reported as unknown, not fatal).

#include "data/io/importer.h"

#include <filesystem>
#include <string>
#include <vector>

namespace breathline::data {

/// A rejected record: its cells as read and every error found in it.
struct RejectedRecord {
    std::size_t line = 0;
    std::vector<std::string> values;
    std::vector<RowError> errors;
};

/// Writes UTF-8 CSV with a BOM (for Excel): the original columns, then "line", "column" and
/// "reason" (each error as "reason_ja / reason_en", several joined by " | "). Throws
/// ImportError when the file cannot be written.
void write_rejects_file(const std::filesystem::path& path, const std::vector<std::string>& columns,
                        const std::vector<RejectedRecord>& rejected);

} // namespace breathline::data
