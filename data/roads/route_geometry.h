#pragma once
/// Turning a path of graph arcs into what a person reads: the polyline along
/// the edge shapes (sliced where the snapped points lie) and the street
/// names along the way. Internal to the routing service; pure functions.

#include "geo/coordinates.h"
#include "geo/road/road_network.h"

#include <string>
#include <vector>

namespace breathline::data::roads {

/// The part of `edge`'s polyline (network.nodes[from], shape..., nodes[to])
/// between the offsets `begin_m` and `end_m` (metres from the `from` node,
/// on the scale of edge.length_m), in travel order: from begin to end, so
/// begin_m > end_m runs against the edge's direction. Offsets are clamped to
/// [0, length_m]. Positions between vertices are interpolated linearly in
/// lon/lat (edges are short; the error is far below a metre). At least two
/// points (equal when begin_m == end_m). Pure; thread-safe.
std::vector<geo::LonLat> slice_edge(const geo::road::RoadNetwork& network,
                                    geo::road::EdgeIndex edge, double begin_m, double end_m);

/// Appends `piece` to `line`, dropping its first point when it repeats the
/// last point of `line`.
void append_polyline(std::vector<geo::LonLat>& line, const std::vector<geo::LonLat>& piece);

/// Appends `name` unless it is empty or equal to the last name in `names`.
void append_street_name(std::vector<std::string>& names, const std::string& name);

} // namespace breathline::data::roads
