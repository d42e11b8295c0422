#include "data/roads/routing_service.h"

#include "data/error.h"
#include "data/roads/profile_config.h"
#include "data/roads/route_geometry.h"
#include "data/spatialite/wkb.h"
#include "geo/projection.h"
#include "geo/road/components.h"
#include "geo/road/dijkstra.h"
#include "geo/road/many_to_many.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace breathline::data {

using geo::road::ArcIndex;
using geo::road::CchMetric;
using geo::road::CchQuery;
using geo::road::CchTopology;
using geo::road::EdgeIndex;
using geo::road::Endpoint;
using geo::road::infinite_weight;
using geo::road::invalid_index;
using geo::road::NodeIndex;
using geo::road::Profile;
using geo::road::RoadGraph;
using geo::road::RouteResult;
using geo::road::SnapResult;
using geo::road::Weight;

struct RoutingService::ProfileState {
    Profile profile;
    LoadedGraph loaded;
    std::unique_ptr<CchTopology> topology;
    std::unique_ptr<CchMetric> metric;
    std::unique_ptr<CchQuery> query;
    /// travel_time_ms with the arcs of closed edges set to infinite_weight.
    std::vector<Weight> weights;
    const RoadGraph& graph() const { return loaded.graph; }
};

namespace {

Weight to_ms(double ms) {
    const double r = std::round(ms);
    if (!(r < static_cast<double>(infinite_weight))) return infinite_weight - 1;
    return r < 0 ? 0 : static_cast<Weight>(r);
}

} // namespace

std::vector<Profile> load_routing_profiles(const std::filesystem::path& path) {
    if (path.empty()) return {Profile::car(), Profile::walk()};
    return load_profiles(path);
}

std::vector<GraphFileStatus> graph_file_statuses(const std::string& db_location,
                                                 const RoadSourceInfo& source,
                                                 const std::vector<Profile>& profiles) {
    std::vector<GraphFileStatus> out;
    for (const Profile& p : profiles) {
        GraphFileStatus s;
        s.profile = p.name;
        s.path = graph_file_path(db_location, p.name);
        const auto graph =
            read_graph_file(s.path, graph_content_hash(source.network_sha256, p), &s.problem);
        if (graph) {
            s.node_count = graph->node_count();
            s.arc_count = graph->arc_count();
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::optional<geo::MultiPolygon> stored_ward_boundary(Store& store) {
    const auto areas = store.areas().areas("ward_boundary");
    if (areas.empty()) return std::nullopt;
    geo::MultiPolygon merged;
    for (const Area& a : areas) {
        const geo::MultiPolygon part = spatialite::parse_wkb_multipolygon(a.wkb);
        merged.parts.insert(merged.parts.end(), part.parts.begin(), part.parts.end());
    }
    return merged;
}

RoutingService::RoutingService(Store& store, RoutingServiceOptions options)
    : m_store(store), m_roads(road_store(store)), m_options(std::move(options)),
      m_profiles(load_routing_profiles(m_options.profiles_path)) {
    m_network = m_roads->load_network();
    if (m_network.edge_count() == 0)
        throw DataError(ErrorCode::not_found,
                        "the database '" + store.location() +
                            "' has no road network; import one with `breathline roads import "
                            "FILE` (an OpenStreetMap extract, a line layer or UXsim tables)");
    m_closed_edges = m_roads->closed_edges();
    std::sort(m_closed_edges.begin(), m_closed_edges.end());
}

RoutingService::~RoutingService() = default;

const Profile& RoutingService::profile(std::string_view name) const {
    return find_profile(m_profiles, name);
}

RoutingService::ProfileState& RoutingService::state(std::string_view name) {
    if (auto it = m_states.find(name); it != m_states.end()) return *it->second;
    auto s = std::make_unique<ProfileState>();
    s->profile = profile(name);
    s->loaded = load_or_build_graph(m_store, s->profile);
    // The order depends on the topology only; it is computed once per
    // profile and survives every closure change (re-customization only).
    s->topology = s->loaded.cch_order.size() == s->graph().node_count()
                      ? std::make_unique<CchTopology>(s->graph(), s->loaded.cch_order)
                      : std::make_unique<CchTopology>(s->graph());
    apply_closures(*s);
    ProfileState& ref = *s;
    m_states.emplace(std::string(name), std::move(s));
    return ref;
}

void RoutingService::apply_closures(ProfileState& s) {
    const RoadGraph& g = s.graph();
    std::vector<bool> closed(m_network.edge_count(), false);
    for (EdgeIndex e : m_closed_edges)
        if (e < closed.size()) closed[e] = true;
    std::vector<Weight> weights = g.travel_time_ms;
    for (ArcIndex a = 0; a < g.arc_count(); ++a)
        if (g.edge[a] < closed.size() && closed[g.edge[a]]) weights[a] = infinite_weight;
    if (s.metric) {
        std::vector<ArcIndex> changed;
        for (ArcIndex a = 0; a < g.arc_count(); ++a)
            if (weights[a] != s.weights[a]) changed.push_back(a);
        s.weights = std::move(weights);
        // A coordinator closes or reopens a few roads at a time: only the
        // ranks those arcs touch (and above) need new triangles. A large
        // change is cheaper as one full, parallel customization.
        if (changed.size() * 50 < g.arc_count())
            s.metric->customize_changed(s.weights, changed);
        else
            s.metric->customize(s.weights);
    } else {
        s.weights = std::move(weights);
        s.metric = std::make_unique<CchMetric>(*s.topology, s.weights, m_options.thread_count);
        s.query = std::make_unique<CchQuery>(*s.metric);
    }
}

const LoadedGraph& RoutingService::graph_info(std::string_view profile) {
    return state(profile).loaded;
}

const geo::road::EdgeSnapper& RoutingService::snapper(const Profile& p) {
    if (auto it = m_snappers.find(p.name); it != m_snappers.end()) return *it->second;
    // Only the profile's largest strongly connected component: a point
    // snapped onto a one-way trap or an island could not be left or reached,
    // and the car's component would keep walkers off footways.
    auto snapper = std::make_unique<geo::road::EdgeSnapper>(
        m_network, geo::road::largest_component_nodes(m_network, p));
    const geo::road::EdgeSnapper& ref = *snapper;
    m_snappers.emplace(p.name, std::move(snapper));
    return ref;
}

geo::road::SnapOutcome RoutingService::snap_open(const geo::LonLat& point, const Profile& p) {
    return snapper(p).snap(point, p, m_closed_edges);
}

geo::road::SnapOutcome RoutingService::snap(const geo::LonLat& point, std::string_view name) {
    return snap_open(point, profile(name));
}

std::optional<Weight> RoutingService::same_edge_time(const ProfileState& s, const SnapResult& a,
                                                     const SnapResult& b) const {
    if (a.edge != b.edge) return std::nullopt;
    const bool forward = b.offset_m >= a.offset_m;
    const ArcIndex arc = forward ? geo::road::find_arc(s.graph(), a.from_node, a.to_node, a.edge)
                                 : geo::road::find_arc(s.graph(), a.to_node, a.from_node, a.edge);
    if (arc == invalid_index || s.weights[arc] == infinite_weight) return std::nullopt;
    const double length = s.graph().length_m[arc];
    const double share = length > 0 ? std::abs(b.offset_m - a.offset_m) / length : 0.0;
    return to_ms(static_cast<double>(s.weights[arc]) * share + a.access_time_s * 1000.0 +
                 b.access_time_s * 1000.0);
}

RouteAnswer RoutingService::route_snapped(ProfileState& s, const SnapResult& a,
                                          const SnapResult& b) {
    RouteAnswer answer;
    answer.from_snap = a;
    answer.to_snap = b;
    const RoadGraph& g = s.graph();
    const auto sources = geo::road::source_endpoints(a, g, s.weights);
    const auto targets = geo::road::target_endpoints(b, g, s.weights);
    RouteResult r;
    if (!sources.empty() && !targets.empty()) r = s.query->route(sources, targets);
    const std::optional<Weight> direct = same_edge_time(s, a, b);

    auto name_of = [&](EdgeIndex e) -> const std::string& {
        return m_network.names[m_network.edges[e].name_id];
    };
    if (direct && (!r.reachable || *direct <= r.time_ms)) {
        answer.reachable = true;
        answer.time_ms = *direct;
        answer.road_distance_m = std::abs(b.offset_m - a.offset_m);
        answer.geometry = roads::slice_edge(m_network, a.edge, a.offset_m, b.offset_m);
        roads::append_street_name(answer.street_names, name_of(a.edge));
        answer.edges.push_back(a.edge);
        return answer;
    }
    if (!r.reachable) return answer;

    answer.reachable = true;
    answer.time_ms = r.time_ms;
    const auto& ea = m_network.edges[a.edge];
    const auto& eb = m_network.edges[b.edge];
    // Leave the origin's edge towards the node the search started from, and
    // enter the destination's edge from the node it ended at.
    const NodeIndex first = sources[r.source_index].node;
    const NodeIndex last = targets[r.target_index].node;
    const double first_end = first == ea.to ? ea.length_m : 0.0;
    const double last_start = last == eb.from ? 0.0 : eb.length_m;
    answer.road_distance_m =
        r.length_m + std::abs(first_end - a.offset_m) + std::abs(b.offset_m - last_start);

    answer.geometry = roads::slice_edge(m_network, a.edge, a.offset_m, first_end);
    roads::append_street_name(answer.street_names, name_of(a.edge));
    auto add_edge = [&](EdgeIndex e) {
        if (answer.edges.empty() || answer.edges.back() != e) answer.edges.push_back(e);
    };
    add_edge(a.edge);
    for (std::size_t i = 0; i < r.arcs.size(); ++i) {
        const EdgeIndex e = g.edge[r.arcs[i]];
        const auto& edge = m_network.edges[e];
        const bool along = r.nodes[i] == edge.from && r.nodes[i + 1] == edge.to;
        roads::append_polyline(answer.geometry,
                               roads::slice_edge(m_network, e, along ? 0.0 : edge.length_m,
                                                 along ? edge.length_m : 0.0));
        roads::append_street_name(answer.street_names, name_of(e));
        add_edge(e);
    }
    roads::append_polyline(answer.geometry,
                           roads::slice_edge(m_network, b.edge, last_start, b.offset_m));
    roads::append_street_name(answer.street_names, name_of(b.edge));
    add_edge(b.edge);
    return answer;
}

std::vector<Weight> RoutingService::matrix_snapped(ProfileState& s,
                                                   std::span<const SnapResult> rows,
                                                   std::span<const SnapResult> cols) {
    // Each snapped point is up to two endpoints (its edge's end nodes); the
    // matrix runs on endpoints and keeps the best per pair of points.
    std::vector<Endpoint> sources, targets;
    std::vector<std::size_t> source_row, target_col;
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (const Endpoint& e : geo::road::source_endpoints(rows[i], s.graph(), s.weights)) {
            sources.push_back(e);
            source_row.push_back(i);
        }
    for (std::size_t j = 0; j < cols.size(); ++j)
        for (const Endpoint& e : geo::road::target_endpoints(cols[j], s.graph(), s.weights)) {
            targets.push_back(e);
            target_col.push_back(j);
        }
    std::vector<Weight> out(rows.size() * cols.size(), infinite_weight);
    if (!sources.empty() && !targets.empty()) {
        const auto m = geo::road::many_to_many(*s.metric, sources, targets, m_options.thread_count);
        for (std::size_t a = 0; a < sources.size(); ++a)
            for (std::size_t b = 0; b < targets.size(); ++b) {
                Weight& cell = out[source_row[a] * cols.size() + target_col[b]];
                cell = std::min(cell, m[a * targets.size() + b]);
            }
    }
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t j = 0; j < cols.size(); ++j)
            if (auto direct = same_edge_time(s, rows[i], cols[j])) {
                Weight& cell = out[i * cols.size() + j];
                cell = std::min(cell, *direct);
            }
    return out;
}

RoutingOutcome<RouteAnswer> RoutingService::route(const RoutePoint& from, const RoutePoint& to,
                                                  std::string_view profile_name) {
    ProfileState& s = state(profile_name);
    const auto a = snap_open(from.position, s.profile);
    if (!a.ok()) return SnapFailure{0, from.label, a.error()};
    const auto b = snap_open(to.position, s.profile);
    if (!b.ok()) return SnapFailure{1, to.label, b.error()};
    return route_snapped(s, a.value(), b.value());
}

RoutingOutcome<TravelMatrix> RoutingService::matrix(std::span<const RoutePoint> sources,
                                                    std::span<const RoutePoint> targets,
                                                    std::string_view profile_name) {
    ProfileState& s = state(profile_name);
    TravelMatrix m;
    m.rows = sources.size();
    m.cols = targets.size();
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const auto r = snap_open(sources[i].position, s.profile);
        if (!r.ok()) return SnapFailure{i, sources[i].label, r.error()};
        m.row_snaps.push_back(r.value());
    }
    for (std::size_t j = 0; j < targets.size(); ++j) {
        const auto r = snap_open(targets[j].position, s.profile);
        if (!r.ok()) return SnapFailure{sources.size() + j, targets[j].label, r.error()};
        m.col_snaps.push_back(r.value());
    }
    m.time_ms = matrix_snapped(s, m.row_snaps, m.col_snaps);
    return m;
}

RoutingOutcome<TravelMatrix> RoutingService::one_to_many(const RoutePoint& from,
                                                         std::span<const RoutePoint> targets,
                                                         std::string_view profile_name) {
    return matrix(std::span<const RoutePoint>(&from, 1), targets, profile_name);
}

RoutingOutcome<IsochroneAnswer> RoutingService::isochrone(const RoutePoint& from, double minutes,
                                                          std::string_view profile_name) {
    if (!(minutes > 0) || minutes > 24 * 60)
        throw std::invalid_argument("isochrone minutes must be in (0, 1440], not " +
                                    std::to_string(minutes));
    ProfileState& s = state(profile_name);
    const auto a = snap_open(from.position, s.profile);
    if (!a.ok()) return SnapFailure{0, from.label, a.error()};
    const Weight limit = to_ms(minutes * 60'000.0);
    const auto sources = geo::road::source_endpoints(a.value(), s.graph(), s.weights);
    std::vector<Weight> dist;
    geo::road::DijkstraQuery dijkstra(s.graph());
    dijkstra.one_to_all(sources, limit, s.weights, dist);
    const Weight access = to_ms(a.value().access_time_s * 1000.0);
    std::optional<geo::road::IsochroneStart> start;
    if (access <= limit)
        start = geo::road::IsochroneStart{a.value().edge, a.value().offset_m, access};
    IsochroneAnswer answer;
    answer.from_snap = a.value();
    answer.isochrone =
        geo::road::build_isochrone(m_network, s.graph(), dist, limit, s.weights, start);
    return answer;
}

RoutingOutcome<NearestByRoadAnswer>
RoutingService::nearest_by_road(const RoutePoint& from, std::optional<FacilityKind> kind,
                                std::size_t k, std::string_view profile_name) {
    ProfileState& s = state(profile_name);
    const auto origin = snap_open(from.position, s.profile);
    if (!origin.ok()) return SnapFailure{0, from.label, origin.error()};

    NearestByRoadAnswer answer;
    FacilityFilter filter;
    filter.kind = kind;
    std::vector<Facility> candidates;
    std::vector<SnapResult> snaps;
    for (Facility& f : m_store.facilities().facilities(filter)) {
        if (!f.location) continue;
        if (f.status == FacilityStatus::closed || f.status == FacilityStatus::full) {
            ++answer.skipped_closed_or_full;
            continue;
        }
        const auto r = snap_open(*f.location, s.profile);
        if (!r.ok()) {
            answer.unsnapped.push_back(f.external_id);
            continue;
        }
        snaps.push_back(r.value());
        candidates.push_back(std::move(f));
    }
    const std::vector<SnapResult> row{origin.value()};
    const std::vector<Weight> times = matrix_snapped(s, row, snaps);

    std::vector<std::size_t> order;
    for (std::size_t j = 0; j < candidates.size(); ++j) {
        if (times[j] == infinite_weight)
            answer.unreachable.push_back(candidates[j].external_id);
        else
            order.push_back(j);
    }
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return std::tie(times[x], candidates[x].external_id) <
               std::tie(times[y], candidates[y].external_id);
    });
    if (order.size() > k) order.resize(k);

    const geo::PlaneProjector projector;
    const geo::PlaneXY origin_xy = projector.to_plane(from.position);
    for (std::size_t j : order) {
        FacilityByRoad f;
        const RouteAnswer route = route_snapped(s, origin.value(), snaps[j]);
        f.time_ms = times[j];
        f.road_distance_m = route.road_distance_m;
        f.straight_m = geo::distance_m(origin_xy, projector.to_plane(*candidates[j].location));
        f.approximate = origin.value().approximate || snaps[j].approximate;
        f.facility = std::move(candidates[j]);
        answer.facilities.push_back(std::move(f));
    }
    return answer;
}

void RoutingService::set_session_closures(std::vector<geo::road::EdgeIndex> edges) {
    m_session_edges = std::move(edges);
    reload_closures();
}

void RoutingService::reload_closures() {
    m_closed_edges = m_roads->closed_edges();
    m_closed_edges.insert(m_closed_edges.end(), m_session_edges.begin(), m_session_edges.end());
    std::sort(m_closed_edges.begin(), m_closed_edges.end());
    m_closed_edges.erase(std::unique(m_closed_edges.begin(), m_closed_edges.end()),
                         m_closed_edges.end());
    for (auto& [name, s] : m_states)
        apply_closures(*s);
}

RowId RoutingService::add_closure(const RoadClosure& closure) {
    const RowId id = m_roads->add_closure(closure);
    reload_closures();
    return id;
}

bool RoutingService::remove_closure(RowId id) {
    const bool removed = m_roads->remove_closure(id);
    if (removed) reload_closures();
    return removed;
}

std::size_t RoutingService::clear_closures() {
    const std::size_t n = m_roads->clear_closures();
    reload_closures();
    return n;
}

} // namespace breathline::data
