#pragma once
/// Points of the GSI evacuation files (指定避難所 / 指定緊急避難場所, 国土地理院), read with
/// OGR. These are the exact locations the facility catalogue matches by name.

#include "geo/coordinates.h"

#include <filesystem>
#include <string>
#include <vector>

namespace breathline::data {

/// One feature of a GSI shelter or evacuation-site file.
struct ShelterPoint {
    std::string name; ///< 施設・場所名 as written, e.g. "池袋本町小学校・池袋中学校（連携校）"
    std::string address;  ///< 住所 as written, e.g. "東京都豊島区巣鴨3-14-1"
    geo::LonLat location; ///< EPSG:4326 degrees (JGD2011 in the source; equal within a metre)
    std::string source;   ///< file name it came from, for reports
};

/// Reads every point feature of a GSI GeoJSON file (properties 施設・場所名 and 住所), in file
/// order. Throws DataError(io) when the file cannot be opened and DataError(invalid_input)
/// naming the file and feature id when a feature has no name or is not a valid point, or when
/// the layer lacks the 施設・場所名 field. Thread-safe (GDAL keeps error handlers per thread;
/// each call opens its own dataset).
std::vector<ShelterPoint> load_shelter_points(const std::filesystem::path& geojson);

} // namespace breathline::data
