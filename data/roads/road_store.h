#pragma once
/// Storage of the imported road network and of road closures, in the style of
/// data/store/store.h: a backend-neutral interface, implemented for SpatiaLite
/// in data/spatialite/road_store.cpp. Database ids stay here: the network
/// comes back with dense indices (edge index i is stored as road_edges.id
/// i + 1), so closures name edges by geo::road::EdgeIndex.
///
/// Thread safety: like the Store it comes from, one thread. Every mutation
/// writes an audit entry (actor = Store::set_actor) in the same transaction.

#include "data/model/audit.h"
#include "geo/polygon.h"
#include "geo/road/road_network.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data {

class Store;

/// Where the stored network came from (one row of road_sources).
struct RoadSourceInfo {
    RowId id = 0;                ///< set by the store
    std::string path;            ///< the imported file as given
    std::string format;          ///< to_string(RoadSourceFormat)
    std::string file_sha256;     ///< lower-case hex of the imported file
    std::string clip;            ///< how the import was clipped ("" = not clipped), free text
    std::string imported_at;     ///< ISO-8601 UTC; set by the store
    std::int64_t node_count = 0; ///< set by the store
    std::int64_t edge_count = 0; ///< set by the store
    /// road_network_hash() of the stored network; set by the store. Graph
    /// files compare it to know when to rebuild.
    std::string network_sha256;
};

/// A road closure: one edge, or every edge crossing an area (debris,
/// collapsed buildings). Exactly one of `edge` and `area` is set.
struct RoadClosure {
    RowId id = 0; ///< set by the store
    std::optional<geo::road::EdgeIndex> edge;
    std::optional<geo::MultiPolygon> area; ///< degrees, EPSG:4326
    std::string reason;
    std::string created_at; ///< ISO-8601 UTC; set by the store
    std::string actor;      ///< set by the store (Store::actor)
    bool active = true;     ///< false once removed (kept as history)
};

class RoadStore {
public:
    virtual ~RoadStore() = default;

    /// Replaces the stored network (nodes, edges, names, component marks) by
    /// `network` in one transaction with one audit entry, and records
    /// `source` as the current source. Edge closures refer to edge indices
    /// of the old network and are deactivated (area closures stay). Returns
    /// the source as stored (id, counts, network_sha256, imported_at filled).
    /// Throws DataError(invalid_input) for an inconsistent network (an edge
    /// naming a missing node or name) and DataError(sql) on storage failure;
    /// the store is then unchanged.
    virtual RoadSourceInfo replace_network(const geo::road::RoadNetwork& network,
                                           const RoadSourceInfo& source) = 0;
    /// The source of the stored network; nullopt when none was imported.
    virtual std::optional<RoadSourceInfo> source() = 0;
    /// Every source imported so far, oldest first (history).
    virtual std::vector<RoadSourceInfo> sources() = 0;
    /// The stored network, equal to the one given to replace_network()
    /// (same indices, coordinates, attributes and names). An empty network
    /// when none was imported.
    virtual geo::road::RoadNetwork load_network() = 0;

    /// Adds an active closure; returns its id. Throws DataError(invalid_input)
    /// when neither or both of edge/area are set, the edge index does not
    /// exist, or the area has no polygon with at least 3 points.
    virtual RowId add_closure(const RoadClosure& closure) = 0;
    /// Reopens (deactivates) an active closure. False when there is no
    /// active closure with that id.
    virtual bool remove_closure(RowId id) = 0;
    /// Closures ordered by id; only active ones unless `include_inactive`.
    virtual std::vector<RoadClosure> closures(bool include_inactive = false) = 0;
    /// Reopens every active closure; returns how many.
    virtual std::size_t clear_closures() = 0;

    /// Edges of the stored network whose geometry intersects `area` (inside
    /// it or crossing its boundary), ascending, through the spatial index.
    virtual std::vector<geo::road::EdgeIndex> edges_crossing(const geo::MultiPolygon& area) = 0;
    /// Edges closed by the active closures (edge closures plus the edges
    /// crossing area closures), ascending, without duplicates.
    virtual std::vector<geo::road::EdgeIndex> closed_edges() = 0;
};

/// The road store of `store`, sharing its connection, actor and audit log.
/// It must not outlive `store`. Throws DataError(open_failed) for a backend
/// without road tables.
std::unique_ptr<RoadStore> road_store(Store& store);

/// SHA-256 (lower-case hex) of the network's content: node positions and
/// source ids, and per edge its ends, attributes, name text and shape
/// (exact bits of every double). Independent of name table order and of the
/// component marks. Pure; thread-safe.
std::string road_network_hash(const geo::road::RoadNetwork& network);

} // namespace breathline::data
