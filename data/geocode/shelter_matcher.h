#pragma once
/// Matching facility names from the Toshima seed to GSI shelter points by name. The seed and
/// GSI spell most schools identically; the matcher also accepts the short school forms
/// (西池袋中 for 西池袋中学校) and combined GSI entries ("池袋本町小学校・池袋中学校（連携校）"
/// names two schools on one site), but only when exactly one GSI point fits.

#include "data/geocode/gsi_shelters.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data {

/// Result of ShelterMatcher::match.
struct ShelterMatch {
    std::optional<ShelterPoint> point; ///< the unique matching point; empty when none or ambiguous
    bool via_short_form = false; ///< matched only after 小学校→小 / 中学校→中 folding
    bool via_component = false;  ///< matched one part of a combined "A・B" GSI name
    std::vector<std::string> ambiguous; ///< names of the competing points when ambiguous
};

/// The lookup keys of a name: the whole name and, for combined names, each part split at
/// '・' or a space, after folding full-width characters (text::to_halfwidth_ascii), dropping
/// parenthesised remarks （連携校） and spaces. When `short_form` is set, a trailing 小学校 /
/// 中学校 of each key becomes 小 / 中. Never throws except for invalid UTF-8 (TextError).
std::vector<std::string> shelter_name_keys(std::string_view name, bool short_form);

/// Immutable name index over one or more GSI files. Thread-safe after construction.
class ShelterMatcher {
public:
    /// `sources` in order of preference (e.g. designated shelters before emergency sites:
    /// the shelter point is the building, the site point may be the schoolyard).
    explicit ShelterMatcher(std::vector<std::vector<ShelterPoint>> sources);

    /// Finds the GSI point for a facility name. Tries, in order: the exact key in each source,
    /// then the short-form key in each source; the first step with any candidate decides. A
    /// step with two or more distinct candidate names is ambiguous and matches nothing (the
    /// candidates are returned so the caller can report them). Whole-name keys win over
    /// component keys within a step.
    ShelterMatch match(std::string_view facility_name) const;

private:
    std::vector<std::vector<ShelterPoint>> m_sources;
};

} // namespace breathline::data
