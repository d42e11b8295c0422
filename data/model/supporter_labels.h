#pragma once
/// Names of a supporter's kind for people (call lists, forms, the CLI), kept apart from
/// enums.h so that a label change does not rebuild every file that uses the enums.
#include "data/model/enums.h"

#include <string_view>

namespace breathline::data {

/// 家族 / 近隣住民 / 民生委員 / 町会 / 訪問看護師 / 区職員 / その他, as on call lists and forms.
std::string_view label_ja(SupporterKind v);
/// family / neighbour / minsei-iin / chokai / visiting nurse / ward staff / other.
std::string_view label_en(SupporterKind v);

} // namespace breathline::data
