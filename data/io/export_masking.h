#pragma once
/// Masking of personal data in exports (the policy of Breathline's exports).
///
/// Unless the user asks for personal data (`--include-personal`, recorded in
/// the audit log), every field that data::person_fields() /
/// supporter_fields() flag as personal is passed through the rule below,
/// looked up by its canonical field key:
///
/// | field keys                                   | rule         | exported as            |
/// |----------------------------------------------|--------------|------------------------|
/// | name, name_kana, consent_signed_by, notes    | blank        | empty (NULL)           |
/// | birth_date                                   | birth_year   | "1948"                 |
/// | phone_home, phone_mobile, phone              | phone_digits | "**-****-****"         |
/// | postal_code, address, address_normalized,    | keep         | unchanged: the map is  |
/// | lon, lat                                     |              | for finding the person |
///
/// A masked row also carries the column `personal_masked` = 1, so a reader
/// (and the importer) can tell a blank name from a masked one. Masked values
/// are never initials, hashes or anything else derived from the name: they
/// cannot be reversed. A personal field missing from the table is blanked,
/// so a new personal field is safe before anyone decides its rule.
/// Facility fields are not personal and are never masked.

#include <string>
#include <string_view>

namespace breathline::data {

enum class MaskRule {
    keep,         ///< exported unchanged
    blank,        ///< exported empty
    birth_year,   ///< ISO date reduced to its year: "1948-05-02" → "1948"
    phone_digits, ///< every character but - ( ) and space replaced by '*'
};

/// Canonical key of the marker column added to masked exports.
inline constexpr std::string_view k_masked_column_key = "personal_masked";
/// Japanese header of the marker column (`--headers ja`).
inline constexpr std::string_view k_masked_column_header_ja = "個人情報マスク";

/// The rule for a personal field, by canonical key (FieldDef::key). Keys not
/// in the table get MaskRule::blank. Only call it for fields flagged
/// personal. Thread-safe.
MaskRule mask_rule(std::string_view field_key);

/// `value` with `rule` applied; an empty value stays empty. Thread-safe.
std::string apply_mask(MaskRule rule, std::string_view value);

} // namespace breathline::data
