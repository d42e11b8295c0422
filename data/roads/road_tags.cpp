#include "data/roads/road_tags.h"

#include "data/text/normalize.h"

#include <cctype>
#include <charconv>
#include <string>

namespace breathline::data::roads {

using geo::road::Oneway;
using geo::road::RoadClass;

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// bridge=*, tunnel=*: any value but "no" means the structure (yes, viaduct,
// building_passage, culvert ...); Geofabrik shapefiles write T/F.
bool parse_structure(std::optional<std::string_view> value) {
    if (!value) return false;
    const std::string v = lower(*value);
    return v != "no" && v != "false" && v != "0" && v != "f";
}

} // namespace

Oneway parse_oneway(std::optional<std::string_view> oneway, RoadClass road_class,
                    std::optional<std::string_view> junction) {
    if (oneway) {
        const std::string v = lower(*oneway);
        if (v == "yes" || v == "true" || v == "1") return Oneway::forward;
        if (v == "-1" || v == "reverse") return Oneway::backward;
        if (v == "no" || v == "false" || v == "0") return Oneway::no;
    }
    if (road_class == RoadClass::motorway) return Oneway::forward;
    if (junction && (*junction == "roundabout" || *junction == "circular")) return Oneway::forward;
    return Oneway::no;
}

std::optional<double> parse_maxspeed_kmh(std::string_view value) {
    const std::string v = text::trim(std::string(value.substr(0, value.find(';'))));
    double number = 0;
    const char* end = v.data() + v.size();
    const auto [rest, ec] = std::from_chars(v.data(), end, number);
    if (ec != std::errc() || !(number > 0) || number > 300) return std::nullopt;
    const std::string unit = text::trim(std::string(rest, end));
    if (unit.empty() || unit == "km/h" || unit == "kmh" || unit == "kph") return number;
    if (unit == "mph") return number * 1.609344;
    return std::nullopt;
}

std::optional<WayAttributes> road_attributes(const TagLookup& tag,
                                             std::optional<RoadClass> missing_class) {
    const auto highway = tag("highway");
    std::optional<RoadClass> road_class =
        highway ? geo::road::parse_road_class(std::string(*highway)) : missing_class;
    if (!road_class) return std::nullopt;
    // A pedestrian square mapped as a closed highway area is not a line anyone walks along.
    if (const auto area = tag("area"); area && *area == "yes") return std::nullopt;

    WayAttributes a;
    a.road_class = *road_class;
    a.oneway = parse_oneway(tag("oneway"), *road_class, tag("junction"));
    if (const auto maxspeed = tag("maxspeed")) a.maxspeed_kmh = parse_maxspeed_kmh(*maxspeed);
    a.bridge = parse_structure(tag("bridge"));
    a.tunnel = parse_structure(tag("tunnel"));
    // name:ja first: Japanese mappers often write both scripts into `name`
    // ("環七通り (Kannana dori)") and the plain Japanese into name:ja.
    if (const auto name_ja = tag("name:ja"))
        a.name = std::string(*name_ja);
    else if (const auto name = tag("name"))
        a.name = std::string(*name);
    return a;
}

} // namespace breathline::data::roads
