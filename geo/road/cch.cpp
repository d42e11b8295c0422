#include "geo/road/cch.h"

#include "geo/road/cch_order.h"
#include "geo/road/cch_schedule.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <stdexcept>
#include <string>
#include <thread>

namespace breathline::geo::road {

namespace {

constexpr std::uint32_t cch_arc_limit = 0x80000000U;

unsigned resolve_threads(unsigned thread_count) {
    if (thread_count != 0) return thread_count;
    return std::max(1U, std::thread::hardware_concurrency());
}

} // namespace

// ---------------------------------------------------------------------------
// CchTopology

CchTopology::CchTopology(const RoadGraph& graph, std::span<const NodeIndex> order) {
    build(graph, order);
}

CchTopology::CchTopology(const RoadGraph& graph) {
    const std::vector<NodeIndex> order = compute_nested_dissection_order(graph);
    build(graph, order);
}

void CchTopology::build(const RoadGraph& graph, std::span<const NodeIndex> order) {
    const std::size_t n = graph.node_count();
    if (order.size() != n)
        throw std::invalid_argument("CchTopology: order has " + std::to_string(order.size()) +
                                    " entries, the graph " + std::to_string(n) + " nodes");
    if (graph.arc_count() >= cch_arc_limit)
        throw std::length_error("CchTopology: too many arcs (" + std::to_string(graph.arc_count()) +
                                ")");
    m_node_of_rank.assign(order.begin(), order.end());
    m_rank_of_node.assign(n, invalid_index);
    for (std::size_t r = 0; r < n; ++r) {
        const NodeIndex v = order[r];
        if (v >= n || m_rank_of_node[v] != invalid_index)
            throw std::invalid_argument("CchTopology: order is not a permutation (node " +
                                        std::to_string(v) + " at rank " + std::to_string(r) + ")");
        m_rank_of_node[v] = static_cast<NodeIndex>(r);
    }

    // Symbolic elimination: when rank r is contracted its upward neighbours
    // become a clique. It suffices to hand them to the lowest of them (the
    // elimination-tree parent), which is contracted next among them and passes
    // the rest on in turn (the classic fill computation for chordal graphs).
    std::vector<std::vector<NodeIndex>> up(n);
    for (NodeIndex u = 0; u < n; ++u) {
        const NodeIndex ru = m_rank_of_node[u];
        for (NodeIndex v : graph.out_heads(u)) {
            const NodeIndex rv = m_rank_of_node[v];
            if (ru == rv) continue;
            up[std::min(ru, rv)].push_back(std::max(ru, rv));
        }
    }
    m_parent.assign(n, invalid_index);
    std::size_t arc_total = 0;
    for (std::size_t r = 0; r < n; ++r) {
        std::vector<NodeIndex>& list = up[r];
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        list.shrink_to_fit();
        arc_total += list.size();
        if (arc_total >= cch_arc_limit)
            throw std::length_error("CchTopology: the contraction needs 2^31 or more arcs");
        if (list.empty()) continue;
        const NodeIndex p = list.front();
        m_parent[r] = p;
        up[p].insert(up[p].end(), list.begin() + 1, list.end());
    }

    m_up_first_out.assign(n + 1, 0);
    m_up_head.clear();
    m_up_head.reserve(arc_total);
    for (std::size_t r = 0; r < n; ++r) {
        m_up_first_out[r] = static_cast<ArcIndex>(m_up_head.size());
        m_up_head.insert(m_up_head.end(), up[r].begin(), up[r].end());
        std::vector<NodeIndex>().swap(up[r]);
    }
    m_up_first_out[n] = static_cast<ArcIndex>(m_up_head.size());

    // Downward view, tails ascending because arcs are visited by ascending tail.
    m_down_first_out.assign(n + 1, 0);
    for (NodeIndex h : m_up_head)
        ++m_down_first_out[h + 1];
    for (std::size_t r = 0; r < n; ++r)
        m_down_first_out[r + 1] += m_down_first_out[r];
    m_down_tail.resize(m_up_head.size());
    m_down_arc.resize(m_up_head.size());
    {
        std::vector<ArcIndex> fill(m_down_first_out.begin(), m_down_first_out.end() - 1);
        for (NodeIndex r = 0; r < n; ++r)
            for (ArcIndex a = m_up_first_out[r]; a < m_up_first_out[r + 1]; ++a) {
                const ArcIndex slot = fill[m_up_head[a]]++;
                m_down_tail[slot] = r;
                m_down_arc[slot] = a;
            }
    }

    // Units of at most 1/32 of the ranks balance two threads well and keep
    // the queue short (a few thousand separator ranks plus the units).
    m_schedule = make_tree_schedule(m_parent, std::max<std::size_t>(1024, n / 32));
    // Depth from the root, for the worst walk length.
    std::vector<std::uint32_t> depth(n, 0);
    m_tree_height = 0;
    for (std::size_t r = n; r-- > 0;) {
        depth[r] = m_parent[r] == invalid_index ? 1 : depth[m_parent[r]] + 1;
        m_tree_height = std::max<std::size_t>(m_tree_height, depth[r]);
    }

    m_input_to_cch.assign(graph.arc_count(), invalid_index);
    for (NodeIndex u = 0; u < n; ++u) {
        const NodeIndex ru = m_rank_of_node[u];
        for (ArcIndex a = graph.first_out[u]; a < graph.first_out[u + 1]; ++a) {
            const NodeIndex rv = m_rank_of_node[graph.head[a]];
            if (ru == rv) continue;
            const ArcIndex c = find_arc(std::min(ru, rv), std::max(ru, rv));
            assert(c != invalid_index);
            m_input_to_cch[a] = (c << 1) | (ru > rv ? 1U : 0U);
        }
    }
    m_input_length_m.assign(graph.length_m.begin(), graph.length_m.end());
    m_input_length_m.resize(graph.arc_count(), 0.0F);

    m_slot_input.clear();
    m_slot_input.reserve(m_input_to_cch.size());
    for (std::size_t a = 0; a < m_input_to_cch.size(); ++a)
        if (m_input_to_cch[a] != invalid_index)
            m_slot_input.push_back((std::uint64_t{m_input_to_cch[a]} << 32) | a);
    std::sort(m_slot_input.begin(), m_slot_input.end());
}

ArcIndex CchTopology::find_arc(NodeIndex lo, NodeIndex hi) const {
    const auto begin = m_up_head.begin() + m_up_first_out[lo];
    const auto end = m_up_head.begin() + m_up_first_out[lo + 1];
    const auto it = std::lower_bound(begin, end, hi);
    if (it == end || *it != hi) return invalid_index;
    return static_cast<ArcIndex>(it - m_up_head.begin());
}

NodeIndex CchTopology::tail_of(ArcIndex arc) const {
    const auto it = std::upper_bound(m_up_first_out.begin(), m_up_first_out.end(), arc);
    return static_cast<NodeIndex>(it - m_up_first_out.begin() - 1);
}

std::size_t CchTopology::memory_bytes() const {
    return m_node_of_rank.capacity() * sizeof(NodeIndex) +
           m_rank_of_node.capacity() * sizeof(NodeIndex) + m_parent.capacity() * sizeof(NodeIndex) +
           m_up_first_out.capacity() * sizeof(ArcIndex) + m_up_head.capacity() * sizeof(NodeIndex) +
           m_down_first_out.capacity() * sizeof(ArcIndex) +
           m_down_tail.capacity() * sizeof(NodeIndex) + m_down_arc.capacity() * sizeof(ArcIndex) +
           (m_schedule.first.capacity() + m_schedule.rank.capacity() +
            m_schedule.parent.capacity() + m_schedule.child_first.capacity() +
            m_schedule.child.capacity()) *
               sizeof(std::uint32_t) +
           m_input_to_cch.capacity() * sizeof(std::uint32_t) +
           m_input_length_m.capacity() * sizeof(float) +
           m_slot_input.capacity() * sizeof(std::uint64_t);
}

// ---------------------------------------------------------------------------
// CchMetric

namespace {

/// Relaxes the CCH arcs up_first_out[y] + [arc_lo, arc_hi) of rank y through
/// all their lower triangles {x, y, z}, x < y < z: the arcs of x are final
/// because x is a descendant of y, processed before it.
/// `mark` is all invalid_index on entry and exit.
void relax_lower_triangles(const CchTopology& topo, NodeIndex y, ArcIndex arc_lo, ArcIndex arc_hi,
                           Weight* up_w, Weight* down_w, std::uint32_t* up_via,
                           std::uint32_t* down_via, std::vector<ArcIndex>& mark) {
    if (arc_lo >= arc_hi) return;
    const std::span<const ArcIndex> first_out = topo.up_first_out();
    const NodeIndex* head = topo.up_head().data();
    const std::span<const ArcIndex> down_first = topo.down_first_out();
    const std::span<const NodeIndex> down_tail = topo.down_tail();
    const std::span<const ArcIndex> down_arc = topo.down_arc();
    const bool whole = arc_lo == first_out[y] && arc_hi == first_out[y + 1];
    const NodeIndex z_lo = head[arc_lo];
    const NodeIndex z_hi = head[arc_hi - 1];
    for (ArcIndex a = arc_lo; a < arc_hi; ++a)
        mark[head[a]] = a;
    for (ArcIndex k = down_first[y]; k < down_first[y + 1]; ++k) {
        const NodeIndex x = down_tail[k];
        const ArcIndex a_xy = down_arc[k];
        const std::uint64_t w_yx = down_w[a_xy]; // y -> x
        const std::uint64_t w_xy = up_w[a_xy];   // x -> y
        if (w_yx == infinite_weight && w_xy == infinite_weight) continue;
        const ArcIndex x_end = first_out[x + 1];
        ArcIndex a_xz = a_xy + 1;
        if (!whole)
            a_xz = static_cast<ArcIndex>(std::lower_bound(head + a_xz, head + x_end, z_lo) - head);
        const std::uint32_t via = CchMetric::shortcut_flag | x;
        for (; a_xz < x_end; ++a_xz) {
            const NodeIndex z = head[a_xz];
            if (z > z_hi) break;
            const ArcIndex a_yz = mark[z];
            assert(a_yz != invalid_index);
            const std::uint64_t up = w_yx + up_w[a_xz];     // y -> x -> z
            const std::uint64_t down = down_w[a_xz] + w_xy; // z -> x -> y
            if (up < up_w[a_yz]) {
                up_w[a_yz] = static_cast<Weight>(up);
                up_via[a_yz] = via;
            }
            if (down < down_w[a_yz]) {
                down_w[a_yz] = static_cast<Weight>(down);
                down_via[a_yz] = via;
            }
        }
    }
    for (ArcIndex a = arc_lo; a < arc_hi; ++a)
        mark[head[a]] = invalid_index;
}

} // namespace

CchMetric::CchMetric(const CchTopology& topology, std::span<const Weight> weights,
                     unsigned thread_count)
    : m_topology(&topology), m_thread_count(resolve_threads(thread_count)) {
    customize(weights);
}

void CchMetric::customize(std::span<const Weight> weights) {
    basic_customize(weights);
    perfect_customize(nullptr);
}

void CchMetric::basic_customize(std::span<const Weight> weights) {
    const CchTopology& topo = *m_topology;
    if (weights.size() != topo.input_arc_count())
        throw std::invalid_argument("CchMetric: " + std::to_string(weights.size()) +
                                    " weights for " + std::to_string(topo.input_arc_count()) +
                                    " arcs");
    const std::size_t m = topo.arc_count();
    m_up_weight.assign(m, infinite_weight);
    m_down_weight.assign(m, infinite_weight);
    m_up_via.assign(m, invalid_index);
    m_down_via.assign(m, invalid_index);
    // Input arcs first: on ties the original arc wins over shortcuts (strict <
    // below), and among parallel arcs the lowest index.
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const std::uint32_t slot = topo.input_arc_slot(static_cast<ArcIndex>(i));
        if (slot == invalid_index) continue;
        const ArcIndex c = slot >> 1;
        Weight& w = (slot & 1U) != 0 ? m_down_weight[c] : m_up_weight[c];
        std::uint32_t& via = (slot & 1U) != 0 ? m_down_via[c] : m_up_via[c];
        if (weights[i] < w) {
            w = weights[i];
            via = static_cast<std::uint32_t>(i);
        }
    }

    const std::size_t n = topo.node_count();
    const unsigned threads =
        static_cast<unsigned>(std::min<std::size_t>(m_thread_count, std::max<std::size_t>(1, n)));
    Weight* up_w = m_up_weight.data();
    Weight* down_w = m_down_weight.data();
    std::uint32_t* up_via = m_up_via.data();
    std::uint32_t* down_via = m_down_via.data();

    if (threads <= 1) {
        std::vector<ArcIndex> mark(n, invalid_index);
        const std::span<const ArcIndex> first_out = topo.up_first_out();
        for (NodeIndex y = 0; y < n; ++y)
            relax_lower_triangles(topo, y, first_out[y], first_out[y + 1], up_w, down_w, up_via,
                                  down_via, mark);
        return;
    }
    // Children before parents: a rank's lower triangles lie in its subtree.
    std::vector<std::vector<ArcIndex>> marks(threads, std::vector<ArcIndex>(n, invalid_index));
    const std::span<const ArcIndex> first_out = topo.up_first_out();
    run_tree_schedule(topo.m_schedule, true, threads, [&](NodeIndex y, unsigned t) {
        relax_lower_triangles(topo, y, first_out[y], first_out[y + 1], up_w, down_w, up_via,
                              down_via, marks[t]);
    });
}

// Partial re-customization. A CCH arc's weight is a function of its input
// arcs and of the lower arcs of its lower triangles, whose tails are lower
// ranks. Re-deriving every arc of a dirty rank from its input arcs and then
// relaxing its lower triangles exactly as customize() does (same order,
// strict <) gives identical weights and vias; ranks ascending see every
// dependency final. When an arc {y, z} changes, the arcs {z, w}, w another
// upward neighbour of y, depend on it: their tails, all upward neighbours of
// y, become dirty.
std::size_t CchMetric::customize_changed(std::span<const Weight> weights,
                                         std::span<const ArcIndex> changed_arcs) {
    const CchTopology& topo = *m_topology;
    if (weights.size() != topo.input_arc_count())
        throw std::invalid_argument("CchMetric: " + std::to_string(weights.size()) +
                                    " weights for " + std::to_string(topo.input_arc_count()) +
                                    " arcs");
    const std::size_t n = topo.node_count();
    // Set by a rank's descendants, possibly on two threads at once.
    std::vector<std::atomic<std::uint8_t>> dirty(n);
    for (ArcIndex a : changed_arcs) {
        if (a >= weights.size())
            throw std::out_of_range("CchMetric: changed arc " + std::to_string(a) +
                                    " is not in the graph (" + std::to_string(weights.size()) +
                                    " arcs)");
        const std::uint32_t slot = topo.input_arc_slot(a);
        if (slot == invalid_index) continue;
        dirty[topo.tail_of(slot >> 1)].store(1, std::memory_order_relaxed);
    }
    const ArcIndex* first_out = topo.m_up_first_out.data();
    const NodeIndex* head = topo.m_up_head.data();
    std::vector<std::uint8_t> changed(n, 0);
    const unsigned threads =
        static_cast<unsigned>(std::min<std::size_t>(m_thread_count, std::max<std::size_t>(1, n)));
    struct Scratch {
        std::vector<ArcIndex> mark;
        std::vector<Weight> old_up;
        std::vector<Weight> old_down;
        std::size_t evaluated = 0;
    };
    std::vector<Scratch> scratch(threads);
    for (Scratch& s : scratch)
        s.mark.assign(n, invalid_index);
    auto redo = [&](NodeIndex y, unsigned t) {
        if (dirty[y].load(std::memory_order_relaxed) == 0) return;
        Scratch& s = scratch[t];
        const ArcIndex begin = first_out[y];
        const ArcIndex end = first_out[y + 1];
        s.evaluated += end - begin;
        s.old_up.assign(m_up_weight.begin() + begin, m_up_weight.begin() + end);
        s.old_down.assign(m_down_weight.begin() + begin, m_down_weight.begin() + end);
        for (ArcIndex a = begin; a < end; ++a) {
            m_up_weight[a] = m_down_weight[a] = infinite_weight;
            m_up_via[a] = m_down_via[a] = invalid_index;
        }
        // The input arcs of y's CCH arcs are one run of the sorted slot list.
        const std::uint64_t first_slot = std::uint64_t{begin} << 1;
        auto it =
            std::lower_bound(topo.m_slot_input.begin(), topo.m_slot_input.end(), first_slot << 32);
        for (; it != topo.m_slot_input.end() && (*it >> 33) < end; ++it) {
            const auto slot = static_cast<std::uint32_t>(*it >> 32);
            const auto i = static_cast<ArcIndex>(*it & 0xFFFFFFFFU);
            const ArcIndex c = slot >> 1;
            Weight& w = (slot & 1U) != 0 ? m_down_weight[c] : m_up_weight[c];
            std::uint32_t& via = (slot & 1U) != 0 ? m_down_via[c] : m_up_via[c];
            if (weights[i] < w) {
                w = weights[i];
                via = i;
            }
        }
        relax_lower_triangles(topo, y, begin, end, m_up_weight.data(), m_down_weight.data(),
                              m_up_via.data(), m_down_via.data(), s.mark);
        for (ArcIndex a = begin; a < end; ++a) {
            if (m_up_weight[a] == s.old_up[a - begin] && m_down_weight[a] == s.old_down[a - begin])
                continue;
            for (ArcIndex b = begin; b < end; ++b)
                dirty[head[b]].store(1, std::memory_order_relaxed);
            changed[y] = 1;
            break;
        }
    };
    if (threads <= 1) {
        for (NodeIndex y = 0; y < n; ++y)
            redo(y, 0);
    } else {
        // Children before parents, as in customize(); a rank's dirty flag is
        // final once its subtree is done.
        run_tree_schedule(topo.m_schedule, true, threads, redo);
    }
    std::size_t evaluated = 0;
    for (const Scratch& s : scratch)
        evaluated += s.evaluated;
    // When the basic pass touched much of the hierarchy, nearly every rank
    // sees a changed perfect weight; the full top-down pass (one sweep over
    // the triangles, no per-rank checks) is then cheaper and gives the same
    // result.
    perfect_customize(evaluated * 4 > topo.arc_count() ? nullptr : &changed);
    return evaluated;
}

std::size_t CchMetric::memory_bytes() const {
    std::size_t search_bytes = 0;
    for (const CchSearchGraph& s : m_search)
        search_bytes += s.first_out.capacity() * sizeof(ArcIndex) +
                        s.arcs.capacity() * sizeof(CchSearchArc) +
                        s.cch_arc.capacity() * sizeof(ArcIndex);
    return (m_up_weight.capacity() + m_down_weight.capacity() + m_perfect_up.capacity() +
            m_perfect_down.capacity()) *
               sizeof(Weight) +
           (m_up_via.capacity() + m_down_via.capacity()) * sizeof(std::uint32_t) + search_bytes;
}

} // namespace breathline::geo::road
