#pragma once
/// Travel profiles from a readable INI file (data/roads/profiles.ini is the
/// documented default, equal to the built-in profiles). The sections are
/// [car] and [walk]; each starts from Profile::car() / Profile::walk() and
/// overrides what it states, so a partial file is complete. The result does
/// not depend on the order of the lines within a section.
///
/// Keys (values in the units their names state):
///   <road class> = <km/h> | no   speed on that OSM highway class, or excluded
///   speed = <km/h>               every class the profile uses by default gets
///                                this speed (class lines override it); in
///                                [walk] also the access speed
///   maxspeed = yes | no          honour maxspeed tags
///   maxspeed_factor = <0..1>     share of maxspeed driven
///   oneway = yes | no            honour one-way rules
///   access_speed_kmh, detour_factor, approximate_leg_m, max_snap_m
/// '#' and ';' start comments. Unknown keys or classes, bad values and
/// duplicate keys in a section are errors naming the file and line.

#include "geo/road/profile.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data {

/// Parses profile file text. `file_name` only names the file in errors.
/// Profiles come back in file order; [car] and [walk] are added with their
/// built-in defaults when the file lacks them. Throws DataError(invalid_input)
/// with "file:line: problem (value): what to do". Pure; thread-safe.
std::vector<geo::road::Profile> parse_profiles(std::string_view text, const std::string& file_name);

/// Reads and parses a profile file. Throws DataError(io) when it cannot be
/// read, otherwise as parse_profiles().
std::vector<geo::road::Profile> load_profiles(const std::filesystem::path& path);

/// The profile called `name` among `profiles`. Throws DataError(not_found)
/// listing the known names when there is none.
const geo::road::Profile& find_profile(const std::vector<geo::road::Profile>& profiles,
                                       std::string_view name);

} // namespace breathline::data
