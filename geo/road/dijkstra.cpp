#include "geo/road/dijkstra.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

namespace breathline::geo::road {

namespace {

// a + b, or infinite_weight when the sum reaches it: a path that long is
// treated as no path rather than wrapping around.
Weight saturating_add(Weight a, Weight b) {
    const std::uint64_t sum = std::uint64_t{a} + std::uint64_t{b};
    return sum >= infinite_weight ? infinite_weight : static_cast<Weight>(sum);
}

std::span<const Weight> effective_weights(const RoadGraph& graph, std::span<const Weight> w) {
    if (w.empty()) return graph.travel_time_ms;
    if (w.size() != graph.arc_count())
        throw std::invalid_argument("weights has " + std::to_string(w.size()) +
                                    " entries but the graph has " +
                                    std::to_string(graph.arc_count()) + " arcs");
    return w;
}

bool heap_greater(Weight ka, NodeIndex na, Weight kb, NodeIndex nb) {
    // Node index breaks ties so that results do not depend on heap internals.
    return ka != kb ? ka > kb : na > nb;
}

} // namespace

DijkstraQuery::DijkstraQuery(const RoadGraph& graph)
    : m_graph(&graph), m_dist(graph.node_count(), infinite_weight),
      m_parent_arc(graph.node_count(), invalid_index), m_source(graph.node_count(), invalid_index) {
}

void DijkstraQuery::reset() {
    for (const NodeIndex v : m_touched) {
        m_dist[v] = infinite_weight;
        m_parent_arc[v] = invalid_index;
        m_source[v] = invalid_index;
    }
    m_touched.clear();
    m_heap.clear();
    m_settled = 0;
}

void DijkstraQuery::push(NodeIndex v, Weight d, ArcIndex parent_arc) {
    if (m_dist[v] == infinite_weight && m_parent_arc[v] == invalid_index &&
        m_source[v] == invalid_index)
        m_touched.push_back(v);
    m_dist[v] = d;
    m_parent_arc[v] = parent_arc;
    m_heap.push_back({d, v});
    std::push_heap(m_heap.begin(), m_heap.end(), [](const HeapItem& a, const HeapItem& b) {
        return heap_greater(a.key, a.node, b.key, b.node);
    });
}

void DijkstraQuery::seed(std::span<const Endpoint> sources) {
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const Endpoint& s = sources[i];
        if (s.node >= m_graph->node_count())
            throw std::out_of_range("source node " + std::to_string(s.node) +
                                    " is not in the graph");
        if (s.offset_ms >= infinite_weight || s.offset_ms >= m_dist[s.node]) continue;
        push(s.node, s.offset_ms, invalid_index);
        m_source[s.node] = static_cast<std::uint32_t>(i);
    }
}

RouteResult DijkstraQuery::route(NodeIndex s, NodeIndex t, std::span<const Weight> weights) {
    const Endpoint source{s, 0};
    const Endpoint target{t, 0};
    return route(std::span(&source, 1), std::span(&target, 1), weights);
}

RouteResult DijkstraQuery::route(std::span<const Endpoint> sources,
                                 std::span<const Endpoint> targets,
                                 std::span<const Weight> weights) {
    const std::span<const Weight> w = effective_weights(*m_graph, weights);
    reset();
    // Best target offset per node (several targets may share a node).
    std::vector<std::pair<NodeIndex, std::uint32_t>> target_at;
    target_at.reserve(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (targets[i].node >= m_graph->node_count())
            throw std::out_of_range("target node " + std::to_string(targets[i].node) +
                                    " is not in the graph");
        target_at.emplace_back(targets[i].node, static_cast<std::uint32_t>(i));
    }
    std::sort(target_at.begin(), target_at.end());
    seed(sources);
    Weight best = infinite_weight;
    NodeIndex best_node = invalid_index;
    std::uint32_t best_target = invalid_index;
    const auto cmp = [](const HeapItem& a, const HeapItem& b) {
        return heap_greater(a.key, a.node, b.key, b.node);
    };
    while (!m_heap.empty()) {
        std::pop_heap(m_heap.begin(), m_heap.end(), cmp);
        const HeapItem top = m_heap.back();
        m_heap.pop_back();
        if (top.key != m_dist[top.node]) continue; // stale entry
        // Once the smallest tentative distance cannot beat the best complete
        // path (target offsets are >= 0), nothing better can follow.
        if (top.key >= best) break;
        ++m_settled;
        const NodeIndex u = top.node;
        auto it = std::lower_bound(target_at.begin(), target_at.end(),
                                   std::pair<NodeIndex, std::uint32_t>{u, 0});
        for (; it != target_at.end() && it->first == u; ++it) {
            const Weight total = saturating_add(top.key, targets[it->second].offset_ms);
            if (total < best) {
                best = total;
                best_node = u;
                best_target = it->second;
            }
        }
        for (ArcIndex a = m_graph->first_out[u]; a < m_graph->first_out[u + 1]; ++a) {
            if (w[a] == infinite_weight) continue;
            const Weight d = saturating_add(top.key, w[a]);
            const NodeIndex v = m_graph->head[a];
            if (d < m_dist[v]) push(v, d, a);
        }
    }
    if (best_node == invalid_index) return {};
    RouteResult r = extract(best_node, best_target);
    r.time_ms = best;
    return r;
}

RouteResult DijkstraQuery::extract(NodeIndex target_node, std::uint32_t target_index) const {
    RouteResult r;
    r.reachable = true;
    r.target_index = target_index;
    NodeIndex v = target_node;
    r.nodes.push_back(v);
    while (m_parent_arc[v] != invalid_index) {
        const ArcIndex a = m_parent_arc[v];
        r.arcs.push_back(a);
        r.length_m += static_cast<double>(m_graph->length_m[a]);
        // The tail of arc a is the node whose out-range contains a.
        const auto tail_it =
            std::upper_bound(m_graph->first_out.begin(), m_graph->first_out.end(), a);
        v = static_cast<NodeIndex>(tail_it - m_graph->first_out.begin() - 1);
        r.nodes.push_back(v);
    }
    r.source_index = m_source[v];
    std::reverse(r.nodes.begin(), r.nodes.end());
    std::reverse(r.arcs.begin(), r.arcs.end());
    return r;
}

std::vector<Weight> DijkstraQuery::one_to_many(NodeIndex s, std::span<const NodeIndex> targets,
                                               std::span<const Weight> weights) {
    const Endpoint source{s, 0};
    std::vector<Endpoint> t(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i)
        t[i] = {targets[i], 0};
    return one_to_many(std::span(&source, 1), t, weights);
}

std::vector<Weight> DijkstraQuery::one_to_many(std::span<const Endpoint> sources,
                                               std::span<const Endpoint> targets,
                                               std::span<const Weight> weights) {
    const std::span<const Weight> w = effective_weights(*m_graph, weights);
    reset();
    std::vector<NodeIndex> pending;
    pending.reserve(targets.size());
    for (const Endpoint& t : targets) {
        if (t.node >= m_graph->node_count())
            throw std::out_of_range("target node " + std::to_string(t.node) +
                                    " is not in the graph");
        pending.push_back(t.node);
    }
    std::sort(pending.begin(), pending.end());
    pending.erase(std::unique(pending.begin(), pending.end()), pending.end());
    std::vector<bool> settled_target(pending.size(), false);
    std::size_t remaining = pending.size();
    seed(sources);
    const auto cmp = [](const HeapItem& a, const HeapItem& b) {
        return heap_greater(a.key, a.node, b.key, b.node);
    };
    while (!m_heap.empty() && remaining > 0) {
        std::pop_heap(m_heap.begin(), m_heap.end(), cmp);
        const HeapItem top = m_heap.back();
        m_heap.pop_back();
        if (top.key != m_dist[top.node]) continue;
        ++m_settled;
        const NodeIndex u = top.node;
        const auto it = std::lower_bound(pending.begin(), pending.end(), u);
        if (it != pending.end() && *it == u) {
            const auto k = static_cast<std::size_t>(it - pending.begin());
            if (!settled_target[k]) {
                settled_target[k] = true;
                --remaining;
            }
        }
        for (ArcIndex a = m_graph->first_out[u]; a < m_graph->first_out[u + 1]; ++a) {
            if (w[a] == infinite_weight) continue;
            const Weight d = saturating_add(top.key, w[a]);
            const NodeIndex v = m_graph->head[a];
            if (d < m_dist[v]) push(v, d, a);
        }
    }
    // Every target node is settled (its m_dist final) or unreachable.
    std::vector<Weight> result(targets.size(), infinite_weight);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const Weight d = m_dist[targets[i].node];
        if (d != infinite_weight) result[i] = saturating_add(d, targets[i].offset_ms);
    }
    return result;
}

void DijkstraQuery::one_to_all(NodeIndex s, Weight limit_ms, std::span<const Weight> weights,
                               std::vector<Weight>& dist_out) {
    const Endpoint source{s, 0};
    one_to_all(std::span(&source, 1), limit_ms, weights, dist_out);
}

void DijkstraQuery::one_to_all(std::span<const Endpoint> sources, Weight limit_ms,
                               std::span<const Weight> weights, std::vector<Weight>& dist_out) {
    const std::span<const Weight> w = effective_weights(*m_graph, weights);
    reset();
    dist_out.assign(m_graph->node_count(), infinite_weight);
    for (const Endpoint& s : sources) {
        if (s.node >= m_graph->node_count())
            throw std::out_of_range("source node " + std::to_string(s.node) +
                                    " is not in the graph");
    }
    seed(sources);
    const auto cmp = [](const HeapItem& a, const HeapItem& b) {
        return heap_greater(a.key, a.node, b.key, b.node);
    };
    while (!m_heap.empty()) {
        std::pop_heap(m_heap.begin(), m_heap.end(), cmp);
        const HeapItem top = m_heap.back();
        m_heap.pop_back();
        if (top.key != m_dist[top.node]) continue;
        if (top.key > limit_ms) break;
        ++m_settled;
        const NodeIndex u = top.node;
        dist_out[u] = top.key;
        for (ArcIndex a = m_graph->first_out[u]; a < m_graph->first_out[u + 1]; ++a) {
            if (w[a] == infinite_weight) continue;
            const Weight d = saturating_add(top.key, w[a]);
            const NodeIndex v = m_graph->head[a];
            if (d < m_dist[v] && d <= limit_ms) push(v, d, a);
        }
    }
}

// ---------------------------------------------------------------------------
// A*

AStarQuery::AStarQuery(const RoadGraph& graph) : m_search(graph) {
    const std::size_t n = graph.node_count();
    m_x_m.resize(n);
    m_y_m.resize(n);
    if (n == 0) return;
    double min_lat = 90, max_lat = -90, sum_lon = 0;
    for (const LonLat& p : graph.node_position) {
        min_lat = std::min(min_lat, p.lat());
        max_lat = std::max(max_lat, p.lat());
        sum_lon += p.lon();
    }
    // Equirectangular plane around the centre: exact projection does not
    // matter, only that distances in it form a metric and that k is measured
    // in the same plane as the heuristic.
    constexpr double metres_per_degree = 6371008.7714 * std::numbers::pi / 180.0;
    const double lat0 = 0.5 * (min_lat + max_lat);
    const double lon0 = sum_lon / static_cast<double>(n);
    const double x_scale = metres_per_degree * std::cos(lat0 * std::numbers::pi / 180.0);
    for (std::size_t v = 0; v < n; ++v) {
        m_x_m[v] = (graph.node_position[v].lon() - lon0) * x_scale;
        m_y_m[v] = (graph.node_position[v].lat() - lat0) * metres_per_degree;
    }
    double k = std::numeric_limits<double>::infinity();
    for (NodeIndex u = 0; u < n; ++u) {
        for (ArcIndex a = graph.first_out[u]; a < graph.first_out[u + 1]; ++a) {
            const NodeIndex v = graph.head[a];
            const double d = std::hypot(m_x_m[u] - m_x_m[v], m_y_m[u] - m_y_m[v]);
            if (d > 0) k = std::min(k, static_cast<double>(graph.travel_time_ms[a]) / d);
        }
    }
    // The margin absorbs floating-point error in the triangle inequality, so
    // that floor(k * d) stays consistent with integer arc weights.
    m_ms_per_m = std::isfinite(k) ? k * (1.0 - 1e-9) : 0.0;
}

Weight AStarQuery::heuristic(NodeIndex v, std::span<const Endpoint> targets) const {
    double best = std::numeric_limits<double>::infinity();
    for (const Endpoint& t : targets) {
        const double d = std::hypot(m_x_m[v] - m_x_m[t.node], m_y_m[v] - m_y_m[t.node]);
        best = std::min(best, std::floor(m_ms_per_m * d) + static_cast<double>(t.offset_ms));
    }
    if (!(best < static_cast<double>(infinite_weight))) return infinite_weight - 1;
    return static_cast<Weight>(best);
}

RouteResult AStarQuery::route(NodeIndex s, NodeIndex t, std::span<const Weight> weights) {
    const Endpoint source{s, 0};
    const Endpoint target{t, 0};
    return route(std::span(&source, 1), std::span(&target, 1), weights);
}

RouteResult AStarQuery::route(std::span<const Endpoint> sources, std::span<const Endpoint> targets,
                              std::span<const Weight> weights) {
    DijkstraQuery& q = m_search;
    const RoadGraph& graph = *q.m_graph;
    const std::span<const Weight> w = effective_weights(graph, weights);
    q.reset();
    for (const Endpoint& t : targets)
        if (t.node >= graph.node_count())
            throw std::out_of_range("target node " + std::to_string(t.node) +
                                    " is not in the graph");
    std::vector<std::pair<NodeIndex, std::uint32_t>> target_at;
    for (std::size_t i = 0; i < targets.size(); ++i)
        target_at.emplace_back(targets[i].node, static_cast<std::uint32_t>(i));
    std::sort(target_at.begin(), target_at.end());
    if (targets.empty()) return {};

    // m_dist holds g (true distance); heap keys are g + h. The heuristic is
    // consistent, so a node is settled once, like in Dijkstra.
    const auto cmp = [](const DijkstraQuery::HeapItem& a, const DijkstraQuery::HeapItem& b) {
        return heap_greater(a.key, a.node, b.key, b.node);
    };
    const auto push = [&](NodeIndex v, Weight g, ArcIndex parent) {
        if (q.m_dist[v] == infinite_weight && q.m_parent_arc[v] == invalid_index &&
            q.m_source[v] == invalid_index)
            q.m_touched.push_back(v);
        q.m_dist[v] = g;
        q.m_parent_arc[v] = parent;
        q.m_heap.push_back({saturating_add(g, heuristic(v, targets)), v});
        std::push_heap(q.m_heap.begin(), q.m_heap.end(), cmp);
    };
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const Endpoint& s = sources[i];
        if (s.node >= graph.node_count())
            throw std::out_of_range("source node " + std::to_string(s.node) +
                                    " is not in the graph");
        if (s.offset_ms >= infinite_weight || s.offset_ms >= q.m_dist[s.node]) continue;
        push(s.node, s.offset_ms, invalid_index);
        q.m_source[s.node] = static_cast<std::uint32_t>(i);
    }
    Weight best = infinite_weight;
    NodeIndex best_node = invalid_index;
    std::uint32_t best_target = invalid_index;
    while (!q.m_heap.empty()) {
        std::pop_heap(q.m_heap.begin(), q.m_heap.end(), cmp);
        const DijkstraQuery::HeapItem top = q.m_heap.back();
        q.m_heap.pop_back();
        const NodeIndex u = top.node;
        const Weight g = q.m_dist[u];
        // Stale when the key was computed from a larger g.
        if (saturating_add(g, heuristic(u, targets)) != top.key) continue;
        // Keys are lower bounds on any complete path through u.
        if (top.key >= best) break;
        ++q.m_settled;
        auto it = std::lower_bound(target_at.begin(), target_at.end(),
                                   std::pair<NodeIndex, std::uint32_t>{u, 0});
        for (; it != target_at.end() && it->first == u; ++it) {
            const Weight total = saturating_add(g, targets[it->second].offset_ms);
            if (total < best) {
                best = total;
                best_node = u;
                best_target = it->second;
            }
        }
        for (ArcIndex a = graph.first_out[u]; a < graph.first_out[u + 1]; ++a) {
            if (w[a] == infinite_weight) continue;
            const Weight d = saturating_add(g, w[a]);
            const NodeIndex v = graph.head[a];
            if (d < q.m_dist[v]) push(v, d, a);
        }
    }
    if (best_node == invalid_index) return {};
    RouteResult r = q.extract(best_node, best_target);
    r.time_ms = best;
    return r;
}

} // namespace breathline::geo::road
