#pragma once
/// Whole-registry figures read in one query, for views that list every person: one query per
/// person is a server round trip each on PostgreSQL (10,000 persons took 1.4 s to list that
/// way; scripts/bench-live-board.sh).
#include "data/model/person.h"

#include <unordered_map>

namespace breathline::data {

class Store;

/// Number of supporters linked to each person (persons without a link are absent).
/// Throws DataError like the store.
std::unordered_map<RowId, int> supporter_link_counts(Store& store);

} // namespace breathline::data
