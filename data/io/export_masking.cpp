#include "data/io/export_masking.h"

#include <array>
#include <utility>

namespace breathline::data {

namespace {

// The one table of masking decisions (see the header for the policy).
constexpr std::array<std::pair<std::string_view, MaskRule>, 13> k_rules = {{
    {"name", MaskRule::blank},
    {"name_kana", MaskRule::blank},
    {"consent_signed_by", MaskRule::blank},
    // Free text often names family members or neighbours.
    {"notes", MaskRule::blank},
    {"birth_date", MaskRule::birth_year},
    {"phone_home", MaskRule::phone_digits},
    {"phone_mobile", MaskRule::phone_digits},
    {"phone", MaskRule::phone_digits},
    // Location stays: the ventilator-user map exists to find these homes.
    {"postal_code", MaskRule::keep},
    {"address", MaskRule::keep},
    {"address_normalized", MaskRule::keep},
    {"lon", MaskRule::keep},
    {"lat", MaskRule::keep},
}};

} // namespace

MaskRule mask_rule(std::string_view field_key) {
    for (const auto& [key, rule] : k_rules)
        if (key == field_key) return rule;
    return MaskRule::blank;
}

std::string apply_mask(MaskRule rule, std::string_view value) {
    if (value.empty()) return {};
    switch (rule) {
    case MaskRule::keep:
        return std::string(value);
    case MaskRule::blank:
        return {};
    case MaskRule::birth_year:
        return std::string(value.substr(0, 4));
    case MaskRule::phone_digits: {
        // Everything but the separators becomes '*', one per character, so
        // full-width digits and extensions cannot slip through either.
        std::string out;
        for (const char c : value) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte >= 0x80 && byte < 0xC0) continue; // UTF-8 continuation byte
            out += (c == '-' || c == '(' || c == ')' || c == ' ') ? c : '*';
        }
        return out;
    }
    }
    return {};
}

} // namespace breathline::data
