#include "data/store/check_rules.h"

#include "data/error.h"

#include <string>

namespace breathline::data {

void require_recordable_check(const SafetyCheck& c, const std::optional<Incident>& incident,
                              bool person_in_registry) {
    if (!incident)
        throw DataError(ErrorCode::invalid_input,
                        "safety check: incident " + std::to_string(c.incident_id) +
                            " does not exist; declare one with `breathline incident declare`");
    if (incident->closed_at)
        throw DataError(ErrorCode::invalid_input, "safety check: incident " +
                                                      std::to_string(c.incident_id) +
                                                      " was closed at " + *incident->closed_at +
                                                      "; checks go to an open incident");
    if (!person_in_registry)
        throw DataError(ErrorCode::invalid_input, "safety check: person id " +
                                                      std::to_string(c.person_id) +
                                                      " is not in the registry");
}

} // namespace breathline::data
