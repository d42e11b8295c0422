#pragma once
/// The one routing object the CLI (and later the console) uses: it loads the
/// stored road network, each profile's graph (graph file, rebuilt when
/// stale), a customizable contraction hierarchy per profile (ordered once,
/// customized with the active closures), snaps points onto roads and answers
/// route, one-to-many, matrix, isochrone and nearest-facility-by-road
/// queries. Snap failures and unreachable destinations are values, never
/// exceptions: they are expected answers during a disaster.
///
/// Thread safety: like the Store it is built on, one thread. Queries on one
/// service must not overlap with closure changes.

#include "data/roads/graph_file.h"
#include "data/roads/road_store.h"
#include "data/store/store.h"
#include "geo/coordinates.h"
#include "geo/polygon.h"
#include "geo/road/cch.h"
#include "geo/road/isochrone.h"
#include "geo/road/profile.h"
#include "geo/road/road_graph.h"
#include "geo/road/road_network.h"
#include "geo/road/snapping.h"

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace breathline::data {

/// A point to route from or to, with the words that name it in messages
/// ("--from 139.71,35.73", "person P-0001", "POINTS.csv line 4").
struct RoutePoint {
    geo::LonLat position{0, 0};
    std::string label;
};

/// A point that could not be placed on a road (farther than the profile's
/// max_snap_m from every usable road).
struct SnapFailure {
    std::size_t index = 0; ///< position of the point in the query's input (0 for a single point)
    std::string label;     ///< RoutePoint::label
    geo::road::SnapError error;
};

/// Either an answer or the SnapFailure of the first point that could not be
/// snapped.
template <class T> class RoutingOutcome {
public:
    RoutingOutcome(T value) : m_value(std::move(value)) {}
    RoutingOutcome(SnapFailure failure) : m_value(std::move(failure)) {}
    /// True when every point snapped and `value()` holds the answer.
    bool ok() const { return std::holds_alternative<T>(m_value); }
    /// Precondition: ok(); throws std::bad_variant_access otherwise.
    const T& value() const { return std::get<T>(m_value); }
    /// Precondition: !ok(); throws std::bad_variant_access otherwise.
    const SnapFailure& failure() const { return std::get<SnapFailure>(m_value); }

private:
    std::variant<T, SnapFailure> m_value;
};

/// A one-to-one route.
struct RouteAnswer {
    /// False when every road from the origin to the destination is closed or
    /// missing; the other fields are then empty or zero (except the snaps).
    bool reachable = false;
    /// Travel time in milliseconds, access legs at both ends included.
    geo::road::Weight time_ms = geo::road::infinite_weight;
    /// Distance along the roads in metres (EPSG:6677), partial edges at both
    /// ends included, access legs not included.
    double road_distance_m = 0;
    /// The driven or walked line from the origin's snapped position to the
    /// destination's, lon/lat (edge shapes, sliced at the snap offsets).
    std::vector<geo::LonLat> geometry;
    /// Names of the streets along the way in travel order, unnamed stretches
    /// skipped, consecutive duplicates merged.
    std::vector<std::string> street_names;
    /// Road edges used, in travel order (the snapped edges at both ends
    /// included), each once per consecutive run.
    std::vector<geo::road::EdgeIndex> edges;
    geo::road::SnapResult from_snap;
    geo::road::SnapResult to_snap;
    /// Access legs longer than the profile's approximate_leg_m: the time is
    /// a straight-line guess there.
    bool from_approximate() const { return from_snap.approximate; }
    bool to_approximate() const { return to_snap.approximate; }
};

/// Row-major travel-time matrix, milliseconds; infinite_weight = unreachable.
struct TravelMatrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<geo::road::Weight> time_ms; ///< time_ms[i * cols + j]
    std::vector<geo::road::SnapResult> row_snaps;
    std::vector<geo::road::SnapResult> col_snaps;
    /// Entry (i, j). Precondition: i < rows, j < cols.
    geo::road::Weight at(std::size_t i, std::size_t j) const { return time_ms[i * cols + j]; }
};

/// What can be reached from a point within a time limit.
struct IsochroneAnswer {
    geo::road::Isochrone isochrone; ///< nodes, edge pieces and the area (lon/lat)
    geo::road::SnapResult from_snap;
};

/// A facility ranked by travel time.
struct FacilityByRoad {
    Facility facility;
    geo::road::Weight time_ms = 0; ///< access legs included
    double road_distance_m = 0;    ///< along the roads, metres
    double straight_m = 0;         ///< straight line origin → facility, metres (EPSG:6677)
    bool approximate = false;      ///< either access leg is longer than approximate_leg_m
};

/// Answer of nearest_by_road().
struct NearestByRoadAnswer {
    std::vector<FacilityByRoad> facilities; ///< by time, then external id; at most k
    /// Candidates that could not be used: no road within max_snap_m, or no
    /// open road leads there. External ids.
    std::vector<std::string> unsnapped;
    std::vector<std::string> unreachable;
    std::size_t skipped_closed_or_full = 0; ///< facilities left out by their status
};

/// State of one profile's graph file, for `roads info`.
struct GraphFileStatus {
    std::string profile;
    std::filesystem::path path;
    /// none: the file is current; otherwise why the next query rebuilds it.
    GraphFileProblem problem = GraphFileProblem::missing;
    std::size_t node_count = 0; ///< when current
    std::size_t arc_count = 0;  ///< when current
};

/// Profiles from `path` (profiles.ini format), or the built-in ones (equal
/// to the repository's data/roads/profiles.ini) when `path` is empty. Throws
/// what load_profiles() throws.
std::vector<geo::road::Profile> load_routing_profiles(const std::filesystem::path& path);

/// For each profile, whether its graph file beside the database at
/// `db_location` matches the stored network `source`. Reads the files; builds
/// nothing. Thread-safe for distinct databases.
std::vector<GraphFileStatus> graph_file_statuses(const std::string& db_location,
                                                 const RoadSourceInfo& source,
                                                 const std::vector<geo::road::Profile>& profiles);

/// The ward boundary stored by the demo or an import (area kind
/// "ward_boundary"), merged into one MultiPolygon; nullopt when the store has
/// none.
std::optional<geo::MultiPolygon> stored_ward_boundary(Store& store);

struct RoutingServiceOptions {
    /// Profile file (profiles.ini format). Empty: the built-in profiles, which
    /// equal the repository's data/roads/profiles.ini.
    std::filesystem::path profiles_path;
    /// Threads for customization and matrices; 0 = all cores.
    unsigned thread_count = 0;
};

class RoutingService {
public:
    /// Loads the profiles and the stored road network. Graphs, hierarchies
    /// (ordered by the order cached in the graph file) and snapping indexes
    /// are built per profile on first use; a profile's snapping index holds
    /// only its own largest strongly connected component (walking: both
    /// directions and footways), so that a snapped point can always be left
    /// and reached. `store` must outlive the service.
    /// Throws DataError(not_found) when the store holds no road network
    /// (import one with `breathline roads import`), and what
    /// load_routing_profiles() throws.
    RoutingService(Store& store, RoutingServiceOptions options = {});
    ~RoutingService();
    RoutingService(const RoutingService&) = delete;
    RoutingService& operator=(const RoutingService&) = delete;

    /// The profiles in use (car and walk at least).
    const std::vector<geo::road::Profile>& profiles() const { return m_profiles; }
    /// The profile called `name`; throws DataError(not_found) listing the
    /// known names.
    const geo::road::Profile& profile(std::string_view name) const;
    /// The stored network (lon/lat, dense indices).
    const geo::road::RoadNetwork& network() const { return m_network; }
    /// Graph-file load of `profile` (builds the graph and the hierarchy on
    /// first use): where it came from, whether it was rebuilt, wall time.
    const LoadedGraph& graph_info(std::string_view profile);

    /// Snaps `point` onto the nearest open road usable by `profile` (in the
    /// profile's largest strongly connected component; closed edges
    /// skipped); a SnapError when it is farther than the profile's
    /// max_snap_m. Every query snaps this way.
    geo::road::SnapOutcome snap(const geo::LonLat& point, std::string_view profile);

    /// Fastest route under the active closures. A point on the same edge as
    /// the destination may go straight along it. Unreachable is a value
    /// (reachable = false); a point that cannot be snapped is a SnapFailure
    /// (index 0 = from, 1 = to).
    RoutingOutcome<RouteAnswer> route(const RoutePoint& from, const RoutePoint& to,
                                      std::string_view profile);

    /// Travel times from `sources` to `targets` (ms, access legs included,
    /// infinite_weight where unreachable), equal entry by entry to route()'s
    /// time_ms. SnapFailure::index counts sources first, then targets.
    RoutingOutcome<TravelMatrix> matrix(std::span<const RoutePoint> sources,
                                        std::span<const RoutePoint> targets,
                                        std::string_view profile);

    /// One row of matrix(): times from `from` to each target.
    RoutingOutcome<TravelMatrix> one_to_many(const RoutePoint& from,
                                             std::span<const RoutePoint> targets,
                                             std::string_view profile);

    /// Everything reachable from `from` within `minutes` (> 0): the exact
    /// node set, edge pieces and an area for the map. Throws
    /// std::invalid_argument for minutes <= 0 or beyond 24 h.
    RoutingOutcome<IsochroneAnswer> isochrone(const RoutePoint& from, double minutes,
                                              std::string_view profile);

    /// The `k` located facilities (of `kind`, or any) fastest to reach from
    /// `from`, skipping those whose status is closed or full; times through
    /// one matrix row, distances by routing the k found.
    RoutingOutcome<NearestByRoadAnswer> nearest_by_road(const RoutePoint& from,
                                                        std::optional<FacilityKind> kind,
                                                        std::size_t k, std::string_view profile);

    /// Closes roads through the store (audited) and re-customizes every
    /// loaded hierarchy without re-ordering. Returns the closure id. Throws
    /// what RoadStore::add_closure throws.
    RowId add_closure(const RoadClosure& closure);
    /// Reopens a closure (audited) and re-customizes. False when no active
    /// closure has that id.
    bool remove_closure(RowId id);
    /// Reopens every closure (audited) and re-customizes; returns how many.
    std::size_t clear_closures();
    /// Re-reads the active closures from the store (after someone else
    /// changed them) and re-customizes every loaded hierarchy.
    void reload_closures();
    /// Closes `edges` for this service only, in addition to the stored closures, replacing the
    /// previous session set (empty: none), and re-customizes. Not stored, not audited: a drill's
    /// closed roads (issue 8) must never close a road for real operations.
    void set_session_closures(std::vector<geo::road::EdgeIndex> edges);
    /// Edges closed right now (stored and session closures), ascending.
    const std::vector<geo::road::EdgeIndex>& closed_edges() const { return m_closed_edges; }
    /// The store's road interface (source, closures).
    RoadStore& roads() { return *m_roads; }

private:
    struct ProfileState;
    ProfileState& state(std::string_view profile);
    /// The profile's snapping index, built on first use.
    const geo::road::EdgeSnapper& snapper(const geo::road::Profile& profile);
    /// snapper(profile).snap() with the active closures.
    geo::road::SnapOutcome snap_open(const geo::LonLat& point, const geo::road::Profile& profile);
    void apply_closures(ProfileState& s);
    RouteAnswer route_snapped(ProfileState& s, const geo::road::SnapResult& a,
                              const geo::road::SnapResult& b);
    std::vector<geo::road::Weight> matrix_snapped(ProfileState& s,
                                                  std::span<const geo::road::SnapResult> rows,
                                                  std::span<const geo::road::SnapResult> cols);
    std::optional<geo::road::Weight> same_edge_time(const ProfileState& s,
                                                    const geo::road::SnapResult& a,
                                                    const geo::road::SnapResult& b) const;

    Store& m_store;
    std::unique_ptr<RoadStore> m_roads;
    RoutingServiceOptions m_options;
    std::vector<geo::road::Profile> m_profiles;
    geo::road::RoadNetwork m_network;
    std::map<std::string, std::unique_ptr<geo::road::EdgeSnapper>, std::less<>> m_snappers;
    std::vector<geo::road::EdgeIndex> m_closed_edges;
    std::vector<geo::road::EdgeIndex> m_session_edges;
    std::map<std::string, std::unique_ptr<ProfileState>, std::less<>> m_states;
};

} // namespace breathline::data
