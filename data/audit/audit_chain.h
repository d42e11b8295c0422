#pragma once
/// The audit log's hash chain, the same in every backend so that a log copied
/// between SpatiaLite and PostgreSQL verifies on either side: each entry's hash
/// is SHA-256 over its predecessor's hash and its own fields.

#include "data/model/audit.h"

#include <string>

namespace breathline::data {

/// prev_hash of the first entry: 64 zeros.
const std::string& audit_genesis_hash();
/// The hashed text: prev_hash, at, actor, action, entity, entity_id, summary,
/// each followed by a unit separator (0x1F), then the decimal id.
std::string audit_chain_text(const AuditEntry& entry);
/// Lower-case hex SHA-256 of audit_chain_text(entry).
std::string audit_entry_hash(const AuditEntry& entry);

} // namespace breathline::data
