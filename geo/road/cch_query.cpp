#include "geo/road/cch.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace breathline::geo::road {

CchQuery::CchQuery(const CchMetric& metric) : m_metric(&metric) {
    const std::size_t n = metric.topology().node_count();
    for (int d = 0; d < 2; ++d) {
        m_dist[d].assign(n, infinite_weight);
        m_pred_arc[d].assign(n, invalid_index);
        m_seed_index[d].assign(n, invalid_index);
        m_on_walk[d].assign(n, 0);
    }
}

void CchQuery::reset() {
    for (int d = 0; d < 2; ++d) {
        for (NodeIndex r : m_visited[d]) {
            m_dist[d][r] = infinite_weight;
            m_pred_arc[d][r] = invalid_index;
            m_seed_index[d][r] = invalid_index;
            m_on_walk[d][r] = 0;
        }
        m_visited[d].clear();
    }
}

void CchQuery::walk_up(std::span<const Endpoint> seeds, bool forward) {
    const CchTopology& topo = m_metric->topology();
    const int d = forward ? 0 : 1;
    std::vector<Weight>& dist = m_dist[d];
    std::vector<NodeIndex>& visited = m_visited[d];
    std::vector<std::uint8_t>& on_walk = m_on_walk[d];
    for (std::size_t i = 0; i < seeds.size(); ++i) {
        if (seeds[i].node >= topo.node_count())
            throw std::out_of_range("CchQuery: node " + std::to_string(seeds[i].node) +
                                    " is not in the graph (" + std::to_string(topo.node_count()) +
                                    " nodes)");
        const NodeIndex r = topo.rank_of(seeds[i].node);
        if (seeds[i].offset_ms < dist[r]) {
            dist[r] = seeds[i].offset_ms;
            m_seed_index[d][r] = static_cast<std::uint32_t>(i);
        }
        // Every node a search can reach is an ancestor of a seed.
        for (NodeIndex v = r; v != invalid_index && on_walk[v] == 0;
             v = topo.elimination_parent(v)) {
            on_walk[v] = 1;
            visited.push_back(v);
        }
    }
    // One seed: the walk is already ascending. Several: ascending rank is a
    // topological order of the upward arcs.
    if (seeds.size() > 1) std::sort(visited.begin(), visited.end());
}

void CchQuery::relax(NodeIndex v, int direction) {
    // Forward searches run low -> high (upward weights), backward ones
    // compute times to the target, so they use the high -> low weights.
    const CchSearchGraph& g =
        direction == 0 ? m_metric->forward_graph() : m_metric->backward_graph();
    const ArcIndex* first_out = g.first_out.data();
    const CchSearchArc* arcs = g.arcs.data();
    Weight* dist = m_dist[direction].data();
    ArcIndex* pred = m_pred_arc[direction].data();
    const std::uint64_t dv = dist[v];
    for (ArcIndex a = first_out[v]; a < first_out[v + 1]; ++a) {
        const std::uint64_t c = dv + arcs[a].weight_ms;
        const NodeIndex h = arcs[a].head;
        if (c < dist[h]) {
            dist[h] = static_cast<Weight>(c);
            pred[h] = g.cch_arc[a];
        }
    }
}

CchQuery::Meeting CchQuery::search(std::span<const Endpoint> sources,
                                   std::span<const Endpoint> targets) {
    reset();
    Meeting best;
    if (sources.empty() || targets.empty()) return best;
    walk_up(sources, true);
    walk_up(targets, false);
    // Both walks in one ascending pass: a rank on both is final in both
    // directions when reached, so it may improve the best meeting, and from
    // then on neither search relaxes a rank already at or beyond that time.
    const std::vector<NodeIndex>& fw = m_visited[0];
    const std::vector<NodeIndex>& bw = m_visited[1];
    const Weight* df = m_dist[0].data();
    const Weight* db = m_dist[1].data();
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < fw.size() || j < bw.size()) {
        const NodeIndex f = i < fw.size() ? fw[i] : invalid_index;
        const NodeIndex b = j < bw.size() ? bw[j] : invalid_index;
        if (f == b) {
            const std::uint64_t c = std::uint64_t{df[f]} + db[f];
            if (c < best.time_ms) {
                best.time_ms = static_cast<Weight>(c);
                best.rank = f;
            }
            if (df[f] < best.time_ms) relax(f, 0);
            if (db[f] < best.time_ms) relax(f, 1);
            ++i;
            ++j;
        } else if (f < b) {
            if (df[f] < best.time_ms) relax(f, 0);
            ++i;
        } else {
            if (db[b] < best.time_ms) relax(b, 1);
            ++j;
        }
    }
    return best;
}

RouteResult CchQuery::route(NodeIndex s, NodeIndex t) {
    const Endpoint source{s, 0};
    const Endpoint target{t, 0};
    return route(std::span<const Endpoint>(&source, 1), std::span<const Endpoint>(&target, 1));
}

RouteResult CchQuery::route(std::span<const Endpoint> sources, std::span<const Endpoint> targets) {
    const Meeting meeting = search(sources, targets);
    return unpack(meeting);
}

Weight CchQuery::time_ms(NodeIndex s, NodeIndex t) {
    const Endpoint source{s, 0};
    const Endpoint target{t, 0};
    return search(std::span<const Endpoint>(&source, 1), std::span<const Endpoint>(&target, 1))
        .time_ms;
}

RouteResult CchQuery::unpack(Meeting meeting) {
    RouteResult result;
    if (meeting.rank == invalid_index) return result;
    const CchTopology& topo = m_metric->topology();
    result.reachable = true;
    result.time_ms = meeting.time_ms;

    // Upward half: follow predecessors from the meeting rank down to the source.
    std::vector<std::pair<ArcIndex, NodeIndex>> up_chain;
    NodeIndex v = meeting.rank;
    while (m_pred_arc[0][v] != invalid_index) {
        const ArcIndex a = m_pred_arc[0][v];
        const NodeIndex u = topo.tail_of(a);
        up_chain.emplace_back(a, u);
        v = u;
    }
    result.source_index = m_seed_index[0][v];
    result.nodes.push_back(topo.node_at(v));
    for (auto it = up_chain.rbegin(); it != up_chain.rend(); ++it)
        append_arc(it->first, it->second, true, result);

    // Downward half: from the meeting rank to the target.
    v = meeting.rank;
    while (m_pred_arc[1][v] != invalid_index) {
        const ArcIndex a = m_pred_arc[1][v];
        const NodeIndex u = topo.tail_of(a);
        append_arc(a, u, false, result);
        v = u;
    }
    result.target_index = m_seed_index[1][v];
    return result;
}

void CchQuery::append_arc(ArcIndex cch_arc, NodeIndex tail_rank, bool upward, RouteResult& out) {
    const CchTopology& topo = m_metric->topology();
    const NodeIndex* head = topo.up_head().data();
    // Explicit stack of (arc, lower rank, upward) triples, in path order when popped.
    std::vector<std::uint32_t>& stack = m_unpack_stack;
    stack.clear();
    auto push = [&stack](ArcIndex a, NodeIndex lo, bool up) {
        stack.push_back(a);
        stack.push_back(lo);
        stack.push_back(up ? 1U : 0U);
    };
    push(cch_arc, tail_rank, upward);
    while (!stack.empty()) {
        const bool up = stack.back() != 0;
        const NodeIndex lo = stack[stack.size() - 2];
        const ArcIndex a = stack[stack.size() - 3];
        stack.resize(stack.size() - 3);
        const NodeIndex hi = head[a];
        const std::uint32_t via = up ? m_metric->up_via(a) : m_metric->down_via(a);
        if ((via & CchMetric::shortcut_flag) == 0) {
            out.arcs.push_back(via);
            out.nodes.push_back(topo.node_at(up ? hi : lo));
            out.length_m += static_cast<double>(topo.input_arc_length_m(via));
            continue;
        }
        const NodeIndex x = via & ~CchMetric::shortcut_flag;
        const ArcIndex a_xlo = topo.find_arc(x, lo);
        const ArcIndex a_xhi = topo.find_arc(x, hi);
        if (up) { // lo -> x (down of x-lo), then x -> hi (up of x-hi)
            push(a_xhi, x, true);
            push(a_xlo, x, false);
        } else { // hi -> x (down of x-hi), then x -> lo (up of x-lo)
            push(a_xlo, x, true);
            push(a_xhi, x, false);
        }
    }
}

} // namespace breathline::geo::road
