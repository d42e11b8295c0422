#pragma once
/// The Toshima facility catalogue of the demo: the seed's facts (data/demo/toshima_facilities.csv,
/// embedded into the binary at build time) located by GSI shelter name, else by the town of the
/// address, else left unresolved. Nothing is dropped: an unresolved facility stays in the
/// catalogue without a location.

#include "data/geocode/shelter_matcher.h"
#include "data/geocode/town_geocoder.h"
#include "data/model/facility.h"
#include "geo/polygon.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data::demo {

/// The bytes of data/demo/toshima_facilities.csv as of the build (UTF-8, header row first).
/// Embedding it means the demo works from any working directory. Thread-safe.
std::string_view toshima_facilities_csv();

/// Parses a catalogue CSV with the columns external_id, kind, seed_no, name, address,
/// relief_station, oxygen_depot, notes and optionally phone (any order, header row first).
/// Returns the facilities in file order with no location (precision unresolved). Throws
/// DataError(invalid_input) naming `file_name`, the line, the column and the value for a
/// missing column, an unknown kind, a bad number or flag, an empty or duplicate external_id,
/// or malformed CSV. Thread-safe (pure).
std::vector<Facility> parse_facility_csv(std::string_view csv_text, std::string_view file_name);

/// Something about one facility the person running the demo should know.
struct CatalogueNotice {
    enum class Kind {
        address_differs,  ///< the seed's address and the matched GSI point's address differ
        address_from_gsi, ///< the seed gives no address; the GSI point's address was used
        ambiguous_name,   ///< several GSI points fit the name, none was used
        address_unparsed, ///< the seed's address could not be normalised
        town_not_found,   ///< the address's town is not in the town table
        outside_ward,     ///< the located point is outside the ward; the location was dropped
    };
    Kind kind;
    std::string external_id;
    std::string facility_name;
    std::string detail; ///< the facts: addresses, candidate names, coordinates
};

/// How one facility was matched to a GSI point, for the demo's summary and the README.
struct GsiMatch {
    std::string external_id;
    std::string facility_name;
    std::string gsi_name;
    std::string gsi_file;
    bool via_short_form = false;
    bool via_component = false;
};

struct FacilityCatalogue {
    std::vector<Facility> facilities; ///< in catalogue order, located or not
    std::vector<GsiMatch> gsi_matches;
    std::vector<CatalogueNotice> notices;
};

/// Locates `facilities`: (1) a unique GSI name match → exact, geocode_source "gsi:<GSI name>";
/// (2) else the address's town in `towns` → town, "geolonia:<town key>"; (3) else unresolved
/// without location. A point outside `ward` is not trusted: the facility stays unresolved and a
/// notice says why. Pure (no I/O), thread-safe; deterministic for the same inputs.
FacilityCatalogue locate_facilities(std::vector<Facility> facilities,
                                    const ShelterMatcher& shelters, const TownGeocoder& towns,
                                    const geo::MultiPolygon& ward);

} // namespace breathline::data::demo
