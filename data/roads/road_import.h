#pragma once
/// Road network import: OpenStreetMap PBF/XML (libosmium, exact topology
/// from node ids), any GDAL line layer (GeoJSON, GeoPackage, Shapefile:
/// topology from identical coordinates) and UXsim node/link CSV tables.
/// Everything happens in memory: the result is a RoadNetwork that the caller
/// stores with RoadStore::replace_network() in one transaction, so a failed
/// import never leaves anything half-built behind.

#include "geo/polygon.h"
#include "geo/road/road_network.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data {

/// Kinds of road source files.
enum class RoadSourceFormat : std::uint8_t {
    osm_pbf,   ///< OpenStreetMap PBF (.osm.pbf, .pbf)
    osm_xml,   ///< OpenStreetMap XML (.osm, .osm.bz2, .osm.gz)
    ogr_lines, ///< a GDAL/OGR line layer (GeoJSON, GeoPackage, Shapefile, ...)
    uxsim_csv, ///< UXsim node table + directed link table (CSV, UTF-8 or CP932)
};

/// Stable spelling: "osm_pbf", "osm_xml", "ogr_lines", "uxsim_csv".
const char* to_string(RoadSourceFormat format);

/// Format implied by the file name: .pbf → osm_pbf; .osm, .osm.bz2, .osm.gz →
/// osm_xml; .csv → uxsim_csv; anything else → ogr_lines (GDAL decides).
/// Pure; thread-safe.
RoadSourceFormat detect_road_format(const std::filesystem::path& path);

struct RoadImportOptions {
    /// The file to read. For UXsim, the node table (…_nodes.csv); the link
    /// table is `links_path` or found beside it (…_links*.csv).
    std::filesystem::path path;
    /// nullopt: detect_road_format(path).
    std::optional<RoadSourceFormat> format;
    /// UXsim only: the link table. Empty: the one file beside the node table
    /// whose name has "links" where the node table's has "nodes"; several such
    /// files (e.g. .cp932.csv and .utf8.csv) must hold the same text.
    std::filesystem::path links_path;
    /// OGR only: the layer to read; empty = the first layer with lines.
    std::string layer;
    /// Keep only edges with at least one point (end or shape point) inside the
    /// clip polygon or within clip_margin_m of it. Degrees, EPSG:4326.
    std::optional<geo::MultiPolygon> clip;
    double clip_margin_m = 0; ///< metres, EPSG:6677; must be >= 0
};

/// What an import read, kept and dropped. Counts, not messages: the CLI
/// words them.
struct RoadImportReport {
    std::filesystem::path path;
    std::filesystem::path links_path; ///< UXsim: the link table actually read
    RoadSourceFormat format = RoadSourceFormat::osm_pbf;
    std::string sha256;            ///< lower-case hex of the file (UXsim: nodes then links)
    std::size_t ways_read = 0;     ///< OSM ways / OGR features / UXsim links seen
    std::size_t ways_routable = 0; ///< of which a profile can use the class
    std::size_t ways_dropped =
        0; ///< not roads, or a class no profile uses (footpath areas, construction, ...)
    std::size_t ways_incomplete = 0; ///< OSM ways cut at node references missing from the extract
    std::size_t edges_clipped = 0;   ///< edges removed by the clip polygon
    std::size_t nodes = 0;           ///< network nodes (junctions and ends)
    std::size_t edges = 0;           ///< network edges (ways split at junctions)
    /// Strongly connected components under car rules (mark_largest_scc).
    std::size_t component_count = 0;
    std::size_t largest_component_nodes = 0;
    std::size_t nodes_outside_largest = 0;
    std::vector<std::size_t> other_component_sizes; ///< largest first
};

/// Reads the file in `options`, keeps highway class, Japanese name (name:ja,
/// else name), oneway
/// (yes/1/true, -1/reverse; implied for motorway and roundabouts), maxspeed
/// (km/h; "40", "40 mph"), bridge and tunnel; splits ways at nodes shared with
/// other ways so that edges meet at junctions and keeps the points between
/// as shape; drops what no profile can use; applies the clip; marks the
/// largest strongly connected component under Profile::car() rules.
///
/// Node order is deterministic (order of first use in the file), so two
/// imports of one file give identical networks. Lengths are metres along the
/// polyline in EPSG:6677.
///
/// Throws DataError(import_failed) naming the file and the problem: missing
/// or unreadable file, broken PBF/XML, a layer without lines, no routable
/// ways (also after clipping), coordinates in an unknown CRS, a CSV link
/// naming a node id the node table lacks (with file, line, field and value),
/// bad CSV values. Nothing is written anywhere. `report`, when given, is
/// filled on success. Thread-safe (each call owns its readers).
geo::road::RoadNetwork import_roads(const RoadImportOptions& options,
                                    RoadImportReport* report = nullptr);

} // namespace breathline::data
