#include "data/audit/audit_chain.h"

#include "data/audit/sha256.h"

namespace breathline::data {

const std::string& audit_genesis_hash() {
    static const std::string k(64, '0');
    return k;
}

// Unit separators keep field boundaries unambiguous in the hashed text.
std::string audit_chain_text(const AuditEntry& e) {
    std::string s;
    for (const std::string* part :
         {&e.prev_hash, &e.at, &e.actor, &e.action, &e.entity, &e.entity_id, &e.summary}) {
        s += *part;
        s += '\x1f';
    }
    s += std::to_string(e.id);
    return s;
}

std::string audit_entry_hash(const AuditEntry& entry) {
    return sha256_hex(audit_chain_text(entry));
}

} // namespace breathline::data
