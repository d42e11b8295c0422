#pragma once
/// Town-level geocoding for Toshima ward from the Geolonia "japanese-addresses"
/// town table (one representative point per 町丁目). Precision is the town: a
/// located address is somewhere in its 丁目, typically within a few hundred metres.

#include "geo/coordinates.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data {

/// Immutable lookup from a town key ("巣鴨三丁目", as produced by
/// text::Address::town_key()) to the town's representative point.
/// Build once with load(); afterwards every const member is safe to call from
/// several threads at once.
class TownGeocoder {
public:
    /// Reads a Geolonia town table: a JSON array of objects
    /// {"town": "巣鴨三丁目", "koaza": "", "lat": 35.73, "lng": 139.73} (degrees, JGD2011
    /// which agrees with EPSG:4326 within a metre here). Rows with a non-empty koaza
    /// are ignored when the town also has a row without one. Throws DataError with
    /// ErrorCode::io when the file cannot be read and ErrorCode::invalid_input when it
    /// is not such an array; the message names the file (and the entry index).
    static TownGeocoder load(const std::filesystem::path& geolonia_json);

    /// Representative point (EPSG:4326 degrees) of the town, or std::nullopt when the
    /// table has no such town. The key is matched exactly after trimming whitespace,
    /// so pass a normalised key such as text::Address::town_key() ("巣鴨三丁目").
    std::optional<geo::LonLat> locate_town(std::string_view town_key) const;

    /// All town keys in the table, sorted by their UTF-8 bytes (deterministic order).
    std::vector<std::string> towns() const;

private:
    std::map<std::string, geo::LonLat, std::less<>> m_towns;
};

} // namespace breathline::data
