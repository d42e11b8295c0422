#pragma once
/// Map layers of incident operations (issue 5), built from values:
///   "ops.board"   a ring around every person on the board, coloured by board level (the same
///                 colours as the board table: board_level_colour), below the person symbols so
///                 the device shape stays readable;
///   "ops.route"   the route of the shown destination option, home → facility;
///   "ops.drawing" the outage polygon being drawn (edges and vertices, closed back to the first
///                 vertex once it has three).
/// The layers exist even when empty so that the layer panel is stable; their revisions change
/// only when their content does. No GL, no ImGui, no store. Thread-safe (pure builders).

#include "console/map/scene.h"
#include "data/ops/board.h"
#include "geo/coordinates.h"

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace breathline::map {

inline constexpr std::string_view k_board_layer_id = "ops.board";
inline constexpr std::string_view k_route_layer_id = "ops.route";
inline constexpr std::string_view k_drawing_layer_id = "ops.drawing";
inline constexpr std::string_view k_teams_layer_id = "ops.teams";

/// Colour of a board level; the board table and the map both use it. Thread-safe.
Rgba board_level_colour(data::ops::BoardLevel level);

/// The board ring layer: one ring per board row whose person has a position in `positions`
/// (person id → EPSG:6677); style index = BoardLevel; features are persons (FeatureRef::person
/// with the registry number). Rows without a position are not drawn. Legend: the five levels.
Layer build_board_layer(const data::ops::Board& board,
                        const std::vector<std::pair<data::RowId, geo::PlaneXY>>& positions,
                        const geo::PlaneXY& origin);
/// An empty board layer (no active incident).
Layer empty_board_layer();

/// The route layer: `route` (EPSG:6677, home first) as a casing-outlined line; the home and the
/// facility end marked. Empty route: an empty layer.
Layer build_route_layer(const std::vector<geo::PlaneXY>& route, const geo::PlaneXY& origin);

/// The supporter teams layer ("ops.teams"): each member's walk to the person (EPSG:6677
/// polylines, member's home first) and a marker at each member's home. Empty: an empty layer.
Layer build_teams_layer(const std::vector<std::vector<geo::PlaneXY>>& walks,
                        const geo::PlaneXY& origin);

/// The drawing layer: the polygon's edges (closed once it has ≥ 3 vertices) and its vertices.
Layer build_drawing_layer(const std::vector<geo::PlaneXY>& vertices, const geo::PlaneXY& origin);

/// Replaces the layer with `layer.id` in `scene` by `layer` (keeping visibility and opacity), or
/// inserts it when absent: the board layer right below the first person layer, the others on
/// top of every layer. The caller gives `layer` a new revision (builders do).
void put_ops_layer(Scene& scene, Layer layer);

} // namespace breathline::map
