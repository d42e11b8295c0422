#include "geo/road/snapping.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>

namespace breathline::geo::road {

namespace {

struct Projection {
    double distance_m;
    double t; // position along the segment, [0, 1]
    PlaneXY foot;
};

Projection project_onto_segment(const PlaneXY& p, const PlaneXY& a, const PlaneXY& b) {
    const double dx = b.x_east_m - a.x_east_m;
    const double dy = b.y_north_m - a.y_north_m;
    const double len2 = dx * dx + dy * dy;
    double t = 0;
    if (len2 > 0)
        t = std::clamp(((p.x_east_m - a.x_east_m) * dx + (p.y_north_m - a.y_north_m) * dy) / len2,
                       0.0, 1.0);
    const PlaneXY foot{a.x_east_m + t * dx, a.y_north_m + t * dy};
    return {distance_m(p, foot), t, foot};
}

std::string format_distance(double m) {
    char buf[64];
    if (m >= 1000)
        std::snprintf(buf, sizeof buf, "%.1f km", m / 1000.0);
    else
        std::snprintf(buf, sizeof buf, "%.0f m", m);
    return buf;
}

std::string format_limit(double m) {
    char buf[64];
    if (m >= 1000)
        std::snprintf(buf, sizeof buf, "%g km", m / 1000.0);
    else
        std::snprintf(buf, sizeof buf, "%g m", m);
    return buf;
}

Weight to_ms(double ms) {
    const double r = std::round(ms);
    if (!(r < static_cast<double>(infinite_weight))) return infinite_weight - 1;
    return r < 0 ? 0 : static_cast<Weight>(r);
}

} // namespace

std::string SnapError::message() const {
    char where[96];
    std::snprintf(where, sizeof where, "point (%.6f, %.6f)", point.lon(), point.lat());
    if (!std::isfinite(distance_m))
        return std::string(where) + " cannot be placed: the network has no road usable by " +
               "this profile";
    return std::string(where) + " is " + format_distance(distance_m) +
           " from the nearest usable road; the limit is " + format_limit(limit_m);
}

EdgeSnapper::EdgeSnapper(const RoadNetwork& network, bool largest_component_only)
    : m_network(&network) {
    const bool filter =
        largest_component_only && network.in_largest_component.size() == network.node_count();
    index_edges(filter ? &network.in_largest_component : nullptr);
}

EdgeSnapper::EdgeSnapper(const RoadNetwork& network, const std::vector<bool>& usable_nodes)
    : m_network(&network) {
    if (usable_nodes.size() != network.node_count())
        throw std::invalid_argument(
            "EdgeSnapper: usable_nodes has " + std::to_string(usable_nodes.size()) +
            " entries but the network has " + std::to_string(network.node_count()) + " nodes");
    index_edges(&usable_nodes);
}

void EdgeSnapper::index_edges(const std::vector<bool>* usable_nodes) {
    const RoadNetwork& network = *m_network;
    std::vector<PlaneXY> node_xy(network.nodes.size());
    m_projector.to_plane(network.nodes, node_xy);
    m_edge_plane_length_m.assign(network.edges.size(), 0.0);
    for (std::size_t e = 0; e < network.edges.size(); ++e) {
        const RoadEdge& edge = network.edges[e];
        if (usable_nodes && (!(*usable_nodes)[edge.from] || !(*usable_nodes)[edge.to])) continue;
        PlaneXY prev = node_xy[edge.from];
        double along = 0;
        const auto add = [&](const PlaneXY& next) {
            m_segments.push_back({prev, next, static_cast<EdgeIndex>(e), along});
            along += distance_m(prev, next);
            prev = next;
        };
        for (const LonLat& s : edge.shape)
            add(m_projector.to_plane(s));
        add(node_xy[edge.to]);
        m_edge_plane_length_m[e] = along;
    }
    if (m_segments.empty()) return;

    double min_x = std::numeric_limits<double>::infinity(), min_y = min_x;
    double max_x = -min_x, max_y = -min_x;
    for (const Segment& s : m_segments) {
        min_x = std::min({min_x, s.a.x_east_m, s.b.x_east_m});
        max_x = std::max({max_x, s.a.x_east_m, s.b.x_east_m});
        min_y = std::min({min_y, s.a.y_north_m, s.b.y_north_m});
        max_y = std::max({max_y, s.a.y_north_m, s.b.y_north_m});
    }
    // About two segments per cell on average: few enough cells to stay small,
    // small enough cells that a query looks at a handful of segments.
    const double area = std::max(1.0, (max_x - min_x) * (max_y - min_y));
    m_cell_m =
        std::clamp(std::sqrt(2.0 * area / static_cast<double>(m_segments.size())), 20.0, 5000.0);
    m_min_x = min_x;
    m_min_y = min_y;
    m_nx = static_cast<std::uint32_t>((max_x - min_x) / m_cell_m) + 1;
    m_ny = static_cast<std::uint32_t>((max_y - min_y) / m_cell_m) + 1;
    const auto cell_range = [&](const Segment& s, std::uint32_t& i0, std::uint32_t& i1,
                                std::uint32_t& j0, std::uint32_t& j1) {
        const auto ix = [&](double x) {
            return std::min(m_nx - 1, static_cast<std::uint32_t>((x - m_min_x) / m_cell_m));
        };
        const auto iy = [&](double y) {
            return std::min(m_ny - 1, static_cast<std::uint32_t>((y - m_min_y) / m_cell_m));
        };
        i0 = ix(std::min(s.a.x_east_m, s.b.x_east_m));
        i1 = ix(std::max(s.a.x_east_m, s.b.x_east_m));
        j0 = iy(std::min(s.a.y_north_m, s.b.y_north_m));
        j1 = iy(std::max(s.a.y_north_m, s.b.y_north_m));
    };
    // Two passes (count, then fill) give a compact CSR layout of cell lists.
    m_cell_first.assign(std::size_t{m_nx} * m_ny + 1, 0);
    for (const Segment& s : m_segments) {
        std::uint32_t i0, i1, j0, j1;
        cell_range(s, i0, i1, j0, j1);
        for (std::uint32_t j = j0; j <= j1; ++j)
            for (std::uint32_t i = i0; i <= i1; ++i)
                ++m_cell_first[std::size_t{j} * m_nx + i + 1];
    }
    for (std::size_t c = 1; c < m_cell_first.size(); ++c)
        m_cell_first[c] += m_cell_first[c - 1];
    m_cell_items.resize(m_cell_first.back());
    std::vector<std::uint32_t> next(m_cell_first.begin(), m_cell_first.end() - 1);
    for (std::uint32_t k = 0; k < m_segments.size(); ++k) {
        std::uint32_t i0, i1, j0, j1;
        cell_range(m_segments[k], i0, i1, j0, j1);
        for (std::uint32_t j = j0; j <= j1; ++j)
            for (std::uint32_t i = i0; i <= i1; ++i)
                m_cell_items[next[std::size_t{j} * m_nx + i]++] = k;
    }
}

SnapOutcome EdgeSnapper::snap(LonLat p, const Profile& profile) const {
    return snap(p, profile, {});
}

SnapOutcome EdgeSnapper::snap(LonLat p, const Profile& profile,
                              std::span<const EdgeIndex> closed_edges) const {
    if (!std::is_sorted(closed_edges.begin(), closed_edges.end()))
        throw std::invalid_argument("EdgeSnapper::snap: closed_edges must be ascending");
    PlaneXY q;
    {
        const std::lock_guard lock(m_projector_mutex);
        q = m_projector.to_plane(p);
    }
    double best_d = std::numeric_limits<double>::infinity();
    std::uint32_t best_seg = invalid_index;
    double best_t = 0;
    PlaneXY best_foot;
    if (!m_segments.empty()) {
        const auto ci = static_cast<std::int64_t>(std::floor((q.x_east_m - m_min_x) / m_cell_m));
        const auto cj = static_cast<std::int64_t>(std::floor((q.y_north_m - m_min_y) / m_cell_m));
        const std::int64_t nx = m_nx, ny = m_ny;
        // Chebyshev ring distance from the query cell to the grid, and to its
        // farthest cell: rings outside that range hold nothing.
        const std::int64_t k_min =
            std::max<std::int64_t>({0, -ci, ci - (nx - 1), -cj, cj - (ny - 1)});
        const std::int64_t k_max = std::max({ci, nx - 1 - ci, cj, ny - 1 - cj, k_min});
        const auto visit = [&](std::int64_t i, std::int64_t j) {
            if (i < 0 || j < 0 || i >= nx || j >= ny) return;
            const std::size_t c = static_cast<std::size_t>(j * nx + i);
            for (std::uint32_t k = m_cell_first[c]; k < m_cell_first[c + 1]; ++k) {
                const std::uint32_t sid = m_cell_items[k];
                const Segment& s = m_segments[sid];
                const Projection pr = project_onto_segment(q, s.a, s.b);
                if (pr.distance_m > best_d) continue;
                // Equal distance: the lower edge, then the lower segment, wins,
                // whatever order the cells were visited in.
                if (pr.distance_m == best_d && best_seg != invalid_index &&
                    (s.edge > m_segments[best_seg].edge ||
                     (s.edge == m_segments[best_seg].edge && sid >= best_seg)))
                    continue;
                if (!profile.speed_for(m_network->edges[s.edge])) continue;
                if (std::binary_search(closed_edges.begin(), closed_edges.end(), s.edge)) continue;
                best_d = pr.distance_m;
                best_seg = sid;
                best_t = pr.t;
                best_foot = pr.foot;
            }
        };
        for (std::int64_t k = k_min; k <= k_max; ++k) {
            // Every cell in ring k + 1 is at least k cells away from q.
            if (best_seg != invalid_index && best_d < static_cast<double>(k - 1) * m_cell_m) break;
            if (k == 0) {
                visit(ci, cj);
                continue;
            }
            for (std::int64_t i = ci - k; i <= ci + k; ++i) {
                visit(i, cj - k);
                visit(i, cj + k);
            }
            for (std::int64_t j = cj - k + 1; j <= cj + k - 1; ++j) {
                visit(ci - k, j);
                visit(ci + k, j);
            }
        }
    }
    if (best_seg == invalid_index || best_d > profile.max_snap_m)
        return SnapError{p, best_d, profile.max_snap_m};

    const Segment& s = m_segments[best_seg];
    const RoadEdge& edge = m_network->edges[s.edge];
    SnapResult r;
    r.edge = s.edge;
    r.from_node = edge.from;
    r.to_node = edge.to;
    const double plane_along = s.offset_a_m + best_t * distance_m(s.a, s.b);
    const double plane_length = m_edge_plane_length_m[s.edge];
    // The stored length may differ from the plane polyline (importers measure
    // it their own way, generators add noise): keep the share, not the metres.
    r.offset_m =
        plane_length > 0 ? std::clamp(plane_along / plane_length, 0.0, 1.0) * edge.length_m : 0.0;
    r.distance_m = best_d;
    {
        const std::lock_guard lock(m_projector_mutex);
        r.on_road = m_projector.to_lonlat(best_foot);
    }
    r.access_time_s = best_d * profile.detour_factor / (profile.access_speed_kmh / 3.6);
    r.approximate = best_d > profile.approximate_leg_m;
    return r;
}

ArcIndex find_arc(const RoadGraph& graph, NodeIndex tail, NodeIndex head, EdgeIndex edge) {
    if (tail >= graph.node_count()) return invalid_index;
    for (ArcIndex a = graph.first_out[tail]; a < graph.first_out[tail + 1]; ++a)
        if (graph.head[a] == head && graph.edge[a] == edge) return a;
    return invalid_index;
}

namespace {

// `forward_share` is the share of the edge covered when the arc from→to is
// used: for a source the part after the point, for a target the part before.
std::vector<Endpoint> endpoints(const SnapResult& s, const RoadGraph& graph,
                                std::span<const Weight> weights, bool include_access,
                                bool as_source) {
    if (!weights.empty() && weights.size() != graph.arc_count())
        throw std::invalid_argument("weights has " + std::to_string(weights.size()) +
                                    " entries but the graph has " +
                                    std::to_string(graph.arc_count()) + " arcs");
    const std::span<const Weight> w = weights.empty() ? graph.travel_time_ms : weights;
    const double access_ms = include_access ? s.access_time_s * 1000.0 : 0.0;
    std::vector<Endpoint> out;
    const auto add = [&](NodeIndex tail, NodeIndex head, bool after_point, NodeIndex node) {
        const ArcIndex a = find_arc(graph, tail, head, s.edge);
        if (a == invalid_index || w[a] == infinite_weight) return;
        const double length = static_cast<double>(graph.length_m[a]);
        const double before = length > 0 ? std::clamp(s.offset_m / length, 0.0, 1.0) : 0.0;
        const double share = after_point ? 1.0 - before : before;
        out.push_back({node, to_ms(static_cast<double>(w[a]) * share + access_ms)});
    };
    if (as_source) {
        add(s.from_node, s.to_node, true, s.to_node);    // drive on towards `to`
        add(s.to_node, s.from_node, false, s.from_node); // turn back towards `from`
    } else {
        add(s.from_node, s.to_node, false, s.from_node); // arrive from `from`
        add(s.to_node, s.from_node, true, s.to_node);    // arrive from `to`
    }
    return out;
}

} // namespace

std::vector<Endpoint> source_endpoints(const SnapResult& s, const RoadGraph& graph,
                                       std::span<const Weight> weights, bool include_access) {
    return endpoints(s, graph, weights, include_access, true);
}

std::vector<Endpoint> target_endpoints(const SnapResult& s, const RoadGraph& graph,
                                       std::span<const Weight> weights, bool include_access) {
    return endpoints(s, graph, weights, include_access, false);
}

} // namespace breathline::geo::road
