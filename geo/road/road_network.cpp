#include "geo/road/road_network.h"

#include <array>
#include <string_view>
#include <utility>

namespace breathline::geo::road {

namespace {

constexpr std::array<const char*, road_class_count> class_names{
    "motorway",     "motorway_link", "trunk",          "trunk_link", "primary",
    "primary_link", "secondary",     "secondary_link", "tertiary",   "tertiary_link",
    "unclassified", "residential",   "living_street",  "service",    "pedestrian",
    "footway",      "cycleway",      "path",           "steps",      "track",
    "other"};

// Highway values that are not one of the classes above but that a walker can
// still use; everything else (construction, proposed, platform, bus_stop,
// raceway, corridor, elevator, rest_area, services, abandoned, ...) is
// dropped because no profile routes over it.
// (busway is dropped too: neither cars nor walkers may use it.)
constexpr std::array<std::pair<std::string_view, RoadClass>, 3> aliases{{
    {"road", RoadClass::other},
    {"bridleway", RoadClass::path},
    {"sidewalk", RoadClass::footway},
}};

} // namespace

const char* to_string(RoadClass c) {
    const auto i = static_cast<std::size_t>(c);
    return i < class_names.size() ? class_names[i] : "other";
}

std::optional<RoadClass> parse_road_class(const std::string& highway) {
    // "other" is our bucket, not an OSM value: an OSM way tagged highway=other
    // is as unknown as any other value.
    for (std::size_t i = 0; i + 1 < class_names.size(); ++i)
        if (highway == class_names[i]) return static_cast<RoadClass>(i);
    for (const auto& [name, road_class] : aliases)
        if (highway == name) return road_class;
    return std::nullopt;
}

} // namespace breathline::geo::road
