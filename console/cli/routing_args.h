#pragma once
/// Command-line pieces shared by the routing verbs (route, matrix,
/// isochrone, nearest --by road, roads, closures): how a point is given, the
/// --profile and --profiles options, how times, distances and snap failures
/// are worded, and writing small GeoJSON files.

#include "console/cli/cli.h"
#include "data/roads/routing_service.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace breathline::cli {

/// Parses "LON,LAT" (degrees, EPSG:4326); nullopt when it is not two numbers
/// in range.
std::optional<geo::LonLat> parse_lonlat_text(const std::string& text);

/// The point `text` names: "LON,LAT", "person:ID" (a registered person's
/// home) or "facility:ID". `option` ("--from") names it in messages. Throws
/// UsageError for malformed text, DataError(not_found) for an unknown id or
/// a person/facility without a location.
data::RoutePoint resolve_point(const Context& ctx, data::Store& store, const std::string& option,
                               const std::string& text);

/// The --profile and --profiles options every routing verb takes.
std::vector<OptionSpec> profile_options();

/// The routing service for the store, with --profiles applied. Throws what
/// RoutingService's constructor throws.
std::unique_ptr<data::RoutingService> open_routing(const Context& ctx, data::Store& store,
                                                   const Args& args);

/// The --profile value (default "car"), checked against the service's
/// profiles; throws UsageError listing them otherwise.
std::string chosen_profile(const Context& ctx, const data::RoutingService& service,
                           const Args& args);

/// "12分34秒" / "12 min 34 s" (rounded to the second).
std::string format_duration(const Context& ctx, geo::road::Weight time_ms);
/// "850 m" / "3.42 km".
std::string format_distance(double metres);

/// Writes the localised message for a point that could not be snapped to
/// ctx.err and returns exit_bad_input.
int report_snap_failure(const Context& ctx, const data::SnapFailure& failure);

/// GeoJSON coordinate array "[[lon,lat],...]" with 7 decimals (about 1 cm).
std::string geojson_positions(const std::vector<geo::LonLat>& points);
/// Escapes `s` for a JSON string (quotes included).
std::string json_string(const std::string& s);

/// Writes `text` to `path` (replacing it). Throws DataError(io) naming the
/// path when it cannot be written.
void write_text_file(const std::filesystem::path& path, const std::string& text);

/// Parses a whole positive number given to --`name`; throws UsageError.
std::size_t parse_count(const Context& ctx, const std::string& name, const std::string& value);

} // namespace breathline::cli
