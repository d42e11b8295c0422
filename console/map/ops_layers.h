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

/// Which colours the board levels take. `normal` is the console's palette on its light
/// background (board_level_colour(level)); `projector` (issue 8) is the Okabe–Ito palette on the
/// projector's near-black background: vermillion critical, orange urgent, sky blue unconfirmed,
/// yellow watch, bluish green ok. Okabe and Ito chose these eight colours to stay apart for
/// protan, deutan and tritan viewers; each also has contrast >= 4.5:1 (WCAG) against
/// k_projector_background (tests/map/projector_colour_test.cpp checks both).
enum class BoardPalette { normal, projector };
Rgba board_level_colour(data::ops::BoardLevel level, BoardPalette palette);
/// The projector's background (map and panels): near-black rather than black, so a projector's
/// black level and the drawn black agree and no edge of the image looks "off".
inline constexpr Rgba k_projector_background{16, 16, 16, 255};
/// The shape that marks a board level wherever colour alone would carry it (projector tiles,
/// runway rows, the map's board symbols in projector mode), so the levels read without colour:
/// critical ▲ (the warning triangle), urgent ◆, unconfirmed ○ (hollow: nothing known yet),
/// watch ■, ok ●.
Shape board_level_shape(data::ops::BoardLevel level);
/// Restyles the board layer ("ops.board") of `scene` for `palette`: colours, and for the
/// projector the level shapes of board_level_shape() at `size_px`. Bumps the layer's revision
/// only when a style changed, so calling it every frame costs nothing and uploads nothing. Returns
/// true when it changed the layer. No board layer: false.
bool apply_board_palette(Scene& scene, BoardPalette palette, float size_px = 22.0f);

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
