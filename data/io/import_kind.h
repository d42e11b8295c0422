#pragma once
/// What an import file holds. Shared by the header map, the row builders and the importer.

#include <string_view>

namespace breathline::data {

enum class ImportKind { persons, supporters, facilities };

/// "persons", "supporters" or "facilities" (the CLI's spelling and the audit entity).
std::string_view to_string(ImportKind kind);

} // namespace breathline::data
