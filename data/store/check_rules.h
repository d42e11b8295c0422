#pragma once
/// What both backends refuse before recording a safety check, written once so the messages
/// and the rules cannot drift apart between SpatiaLite and PostgreSQL.
#include "data/model/incident.h"

#include <optional>

namespace breathline::data {

/// Throws DataError(invalid_input) naming the incident or the person when the check's
/// incident does not exist (`incident` empty) or is closed, or when its person is not in the
/// registry. Returns normally when the check may be recorded.
void require_recordable_check(const SafetyCheck& check, const std::optional<Incident>& incident,
                              bool person_in_registry);

} // namespace breathline::data
