#include "data/store/row_conflict.h"

#include "data/store/store.h"

#include <algorithm>
#include <utility>

namespace breathline::data {

ConflictError::ConflictError(std::string table, std::string external_id, std::int64_t based_on,
                             std::int64_t current, std::vector<AuditEntry> changes,
                             std::string message, std::string message_ja)
    : DataError(ErrorCode::conflict, message), m_table(std::move(table)),
      m_external_id(std::move(external_id)), m_based_on(based_on), m_current(current),
      m_changes(std::move(changes)), m_message_ja(std::move(message_ja)) {}

namespace {

// Only upserts bump row_version and each one writes exactly one "update" entry for the row
// (entity = table, entity_id = external id); other actions that may share the entity (imports
// naming a file, future ones) must not be mistaken for a version step.
bool is_version_step(const AuditEntry& e) {
    return e.action == "update";
}

std::string summary_or_dash(const std::string& summary) {
    return summary.empty() ? std::string("-") : summary;
}

} // namespace

ConflictError make_conflict(AuditLog& audit, std::string_view table, std::string_view external_id,
                            std::int64_t based_on, std::int64_t current) {
    const std::int64_t steps = std::max<std::int64_t>(current - based_on, 0);
    std::vector<AuditEntry> changes;
    if (steps > 0) {
        // Read a little more than needed so that a non-update entry in between (which
        // entries_for counts) does not push a real change out of the window.
        const auto recent =
            audit.entries_for(table, external_id, static_cast<std::size_t>(steps) * 2 + 4);
        for (const auto& e : recent)
            if (is_version_step(e)) changes.push_back(e);
        if (changes.size() > static_cast<std::size_t>(steps))
            changes.erase(changes.begin(), changes.end() - static_cast<std::ptrdiff_t>(steps));
    }

    const std::string id(external_id);
    std::string en = id + " was changed";
    std::string ja = id + " は";
    if (changes.empty()) {
        // A version moved without an audit entry we can name (should not happen; say so rather
        // than invent an author).
        en += " by another coordinator (version " + std::to_string(based_on) + " → " +
              std::to_string(current) + ")";
        ja += "他の担当者によって変更されました (版 " + std::to_string(based_on) + " → " +
              std::to_string(current) + ")";
    } else {
        // Versions are assigned oldest first: the first listed change produced based_on + 1
        // unless older entries fell outside what the log still names.
        std::int64_t version = current - static_cast<std::int64_t>(changes.size());
        for (std::size_t i = 0; i < changes.size(); ++i, ++version) {
            const AuditEntry& c = changes[i];
            const std::string step = std::to_string(version) + " → " + std::to_string(version + 1);
            if (i > 0) {
                en += "; then";
                ja += "、続いて";
            }
            en += " by " + c.actor + " at " + c.at + " (version " + step +
                  "): " + summary_or_dash(c.summary);
            ja += " " + c.actor + " が " + c.at + " に変更しました (版 " + step +
                  "): " + summary_or_dash(c.summary);
        }
    }
    en += ". Your edit was not saved: reload the record, or apply your changes on top.";
    ja +=
        "。あなたの編集は保存されていません。再読み込みするか、変更を上書きして適用してください。";
    return ConflictError(std::string(table), id, based_on, current, std::move(changes),
                         std::move(en), std::move(ja));
}

} // namespace breathline::data
