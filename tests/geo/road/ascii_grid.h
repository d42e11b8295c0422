#pragma once
/// Small road networks drawn as text in a test's source, after OSRM's
/// cucumber features:
///
///     a - b - c
///     |       |
///     d - e > f
///
/// Node names are single characters: letters a-z except 'v' (a connector), A-Z
/// and digits. Connectors between two nodes on the same line: '-' (two-way),
/// '>' (one-way west to east), '<' (one-way east to west); between two nodes in
/// the same column: '|' (two-way), 'v' (one-way downwards), '^' (upwards).
/// Spaces may surround connectors; two nodes with only spaces between them are
/// not connected, and a node connects only to its nearest neighbour in each
/// direction. One-way arrows must not contradict each other on one segment.
///
/// Geometry: a character is 25 m wide and a line 50 m tall, so nodes four
/// columns or two lines apart are 100 m apart (cell_m). Positions are exact on
/// the EPSG:6677 plane (north up) from `origin` and converted to lon/lat with
/// geo::PlaneProjector; edge lengths are the exact plane distances (100 m, 200 m,
/// ...). Every edge is RoadClass::residential, unnamed, without shape points;
/// tests change classes afterwards (grid.network.edges[grid.edge('a','b')]).

#include "geo/coordinates.h"
#include "geo/road/road_network.h"

#include <map>
#include <string_view>

namespace breathline::geo::road::testing {

struct AsciiGridOptions {
    double cell_m = 100;              ///< distance of nodes 4 columns / 2 lines apart
    LonLat origin{139.7100, 35.7300}; ///< position of line 0, column 0 (Toshima)
};

struct AsciiGrid {
    RoadNetwork network;
    std::map<char, NodeIndex> nodes; ///< name -> node index (in order of appearance)
    std::map<char, PlaneXY> plane;   ///< name -> exact EPSG:6677 position

    /// Node of `name`; throws std::out_of_range naming it when absent.
    NodeIndex node(char name) const;
    /// Edge joining a and b in either direction; throws std::out_of_range when none.
    EdgeIndex edge(char a, char b) const;
    /// Lon/lat of the plane point `offset` metres east/north of node `name`.
    LonLat near(char name, double east_m, double north_m) const;
};

/// Parses a drawing (leading/trailing blank lines and a common indentation are
/// ignored). Throws std::invalid_argument naming line and column for a
/// duplicate node name, a connector that joins nothing, or contradictory
/// arrows.
AsciiGrid parse_ascii_grid(std::string_view drawing, const AsciiGridOptions& options = {});

} // namespace breathline::geo::road::testing
