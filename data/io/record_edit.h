#pragma once
/// Edits of one person or facility by field (the console's panels and `breathline set`). Each
/// value is text as a user types it and is validated by the importer's own value parsers and row
/// builders (row_builder.h), so a value is accepted or refused exactly as it would be in an
/// import. Keys are the canonical keys of person_fields() / facility_fields(), their Japanese
/// headers, or any import alias (header_map.h). A blank value clears the field, as a blank cell
/// does in an import.
///
/// Saving goes through RegistryStore::upsert_person / FacilityStore::upsert_facility, so every
/// saved edit lands in the audit log with a change summary under the store's actor. An edit
/// carries the row_version it started from (optimistic concurrency): when the row changed
/// meanwhile, nothing is written and the outcome says so.
///
/// Not thread-safe: the store belongs to one thread (store.h).

#include "data/store/row_conflict.h"
#include "data/store/store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace breathline::data {

class TownGeocoder;

/// One refused value. `field` is the canonical key ("" for the record as a whole).
struct FieldError {
    std::string field;
    std::string value;
    std::string reason_ja, reason_en;
    std::string header_ja; ///< the field's Japanese header as on the forms (e.g. 内部バッテリー)
};

enum class EditStatus {
    saved,     ///< the row was changed and audited
    unchanged, ///< every value equals the stored one; nothing written, nothing audited
    invalid,   ///< at least one value was refused; nothing written
    conflict,  ///< the row changed since `expected_row_version`; nothing written
    not_found, ///< no row with that external id
};

struct EditOutcome {
    bool saved = false; ///< true for saved and unchanged: the row now holds the values
    std::vector<FieldError> errors;
    EditStatus status = EditStatus::invalid;
    std::int64_t row_version = 0; ///< the row's version after the edit (or the current one)
    std::string summary;          ///< the audit change summary ("" when nothing changed)
    /// Set with EditStatus::conflict: who changed what since the edit's version, and the
    /// message both backends give for it (EN what(), JA message_ja()).
    std::optional<ConflictError> conflict;
};

/// (key, value) pairs in the order given; later pairs for the same field are an error.
using FieldValues = std::vector<std::pair<std::string, std::string>>;

struct EditOptions {
    /// The row_version the edit started from; nullopt skips the concurrency check (CLI).
    std::optional<std::int64_t> expected_row_version;
    /// Locates a changed address at town level; nullptr: a changed address leaves the row
    /// unresolved unless lon/lat are given. Must outlive the call.
    const TownGeocoder* geocoder = nullptr;
};

/// Validates `values` against the person `external_id` and saves the result in one
/// transaction. Given `lon` and `lat` place the person with GeocodePrecision::manual (unless a
/// `geocode_precision` value says otherwise); both blank clear the location. `external_id`,
/// `address_normalized` and `town` cannot be set (the latter two follow the address).
/// Precondition: no UnitOfWork is open on the store. Throws DataError only for storage
/// failures; every user mistake is a FieldError in the outcome.
EditOutcome edit_person(Store& store, std::string_view external_id, const FieldValues& values,
                        const EditOptions& options = {});

/// The same for a facility (kind, name, address, capacity, status, lon/lat ...).
EditOutcome edit_facility(Store& store, std::string_view external_id, const FieldValues& values,
                          const EditOptions& options = {});

/// Japanese header of a person/facility key as on the forms; the key itself when unknown.
std::string_view person_header_ja(std::string_view key);
std::string_view facility_header_ja(std::string_view key);

} // namespace breathline::data
