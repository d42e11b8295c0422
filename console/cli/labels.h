#pragma once
/// Enum values as the CLI prints them, in the context's language.
#include "console/cli/cli.h"
#include "data/model/enums.h"

#include <string>

namespace breathline::cli {

/// A supporter's kind: 家族 / family, ...
std::string supporter_kind_text(const Context& ctx, data::SupporterKind kind);

} // namespace breathline::cli
