#pragma once
/// OpenStreetMap tag rules shared by the OSM reader and the OGR line reader
/// (whose fields often carry the same tags: highway, oneway, maxspeed, ...).
/// Internal to data/roads.

#include "data/roads/network_builder.h"

#include <functional>
#include <optional>
#include <string_view>

namespace breathline::data::roads {

/// Value of a tag or field, nullopt when absent or empty.
using TagLookup = std::function<std::optional<std::string_view>(std::string_view key)>;

/// The attributes of a way from its tags, or nullopt when it is not a road
/// any profile can use (no or unusable highway value, area=yes). A way
/// without a highway tag gets `missing_class` when that is set (line layers
/// of a ward's own centre lines carry no OSM classes). Pure.
std::optional<WayAttributes> road_attributes(const TagLookup& tag,
                                             std::optional<geo::road::RoadClass> missing_class);

/// oneway=* relative to the way's direction: yes/true/1 forward, -1/reverse
/// backward, no/false/0 none; when absent, implied forward for motorways and
/// roundabouts. Unknown values (reversible, alternating) count as none.
geo::road::Oneway parse_oneway(std::optional<std::string_view> oneway,
                               geo::road::RoadClass road_class,
                               std::optional<std::string_view> junction);

/// maxspeed=* in km/h: "40", "40 km/h", "40 mph" (×1.609344), "40;50" (the
/// first). nullopt for non-numeric values ("signals", "none", "JP:urban")
/// and for 0 (Geofabrik's "unknown").
std::optional<double> parse_maxspeed_kmh(std::string_view value);

} // namespace breathline::data::roads
