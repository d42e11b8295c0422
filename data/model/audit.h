#pragma once
/// One row of the append-only audit log.

#include "data/model/person.h"

#include <string>

namespace breathline::data {

struct AuditEntry {
    RowId id = 0;
    std::string at; ///< UTC ISO-8601, filled by the log when empty
    std::string actor;
    std::string action; ///< create | update | delete | import | export | repair | ...
    std::string entity; ///< persons | facilities | ... | file path for exports
    std::string entity_id;
    std::string summary; ///< before/after summary; never a person's name
    std::string prev_hash;
    std::string hash;
};

} // namespace breathline::data
