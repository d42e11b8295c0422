// Perfect customization and search-graph pruning of a CchMetric (Dibbelt,
// Strasser, Wagner 2016, §5), after the basic customization in cch.cpp.
//
// Top-down: the perfect weight of arc x-y (x below y) is the minimum of its
// basic weight and, over every other upward neighbour z of x, the basic
// weight of x-z plus the perfect weight of z-y (z and y are adjacent: x's
// upward neighbours form a clique). Why that suffices: after basic
// customization a shortest x -> y path can be taken up-down, so its
// interior lies above x; its first arc x -> z is an arc of x, the rest is a
// z -> y path no shorter than the perfect weight of z-y. Only basic weights
// of x's own arcs are read, so the order among x's arcs does not matter.
//
// The full pass enumerates these triangles by their middle rank, as basic
// customization does, ranks descending; a partial pass recomputes single
// ranks. Both give the same weights.

#include "geo/road/cch.h"
#include "geo/road/cch_schedule.h"

#include <algorithm>

namespace breathline::geo::road {

namespace {

Weight add(Weight a, Weight b) {
    const std::uint64_t c = std::uint64_t{a} + b;
    return c >= infinite_weight ? infinite_weight : static_cast<Weight>(c);
}

struct PerfectArrays {
    const ArcIndex* first_out;
    const NodeIndex* head;
    const ArcIndex* down_first;
    const NodeIndex* down_tail;
    const ArcIndex* down_arc;
    const Weight* basic_up;
    const Weight* basic_down;
    Weight* perfect_up;
    Weight* perfect_down;
};

/// Full pass, the mirror image of basic customization: with y as the middle
/// rank of triangles {x < y < z}, lowers arcs x-y and x-z (x in
/// down_first[y] + [k_lo, k_hi)) through arc y-z, whose perfect weight is
/// final once every rank above y was a middle rank. Writes only arcs of
/// the x's. `mark` is all invalid_index on entry and exit.
void relax_as_middle(const PerfectArrays& g, NodeIndex y, ArcIndex k_lo, ArcIndex k_hi,
                     std::vector<ArcIndex>& mark) {
    if (k_lo >= k_hi) return;
    const ArcIndex y_end = g.first_out[y + 1];
    for (ArcIndex a = g.first_out[y]; a < y_end; ++a)
        mark[g.head[a]] = a;
    for (ArcIndex k = k_lo; k < k_hi; ++k) {
        const NodeIndex x = g.down_tail[k];
        const ArcIndex a_xy = g.down_arc[k];
        // Sums in 64 bits: a minimum is never above the 32-bit value it
        // starts from, so no sum needs saturating.
        const std::uint64_t b_xy_up = g.basic_up[a_xy];
        const std::uint64_t b_xy_down = g.basic_down[a_xy];
        std::uint64_t xy_up = g.perfect_up[a_xy];
        std::uint64_t xy_down = g.perfect_down[a_xy];
        const ArcIndex x_end = g.first_out[x + 1];
        for (ArcIndex a_xz = a_xy + 1; a_xz < x_end; ++a_xz) {
            const ArcIndex a_yz = mark[g.head[a_xz]];
            const std::uint64_t p_yz_up = g.perfect_up[a_yz];     // y -> z
            const std::uint64_t p_yz_down = g.perfect_down[a_yz]; // z -> y
            // x -> z -> y and y -> z -> x.
            xy_up = std::min(xy_up, g.basic_up[a_xz] + p_yz_down);
            xy_down = std::min(xy_down, p_yz_up + g.basic_down[a_xz]);
            // x -> y -> z and z -> y -> x.
            g.perfect_up[a_xz] =
                static_cast<Weight>(std::min<std::uint64_t>(g.perfect_up[a_xz], b_xy_up + p_yz_up));
            g.perfect_down[a_xz] = static_cast<Weight>(
                std::min<std::uint64_t>(g.perfect_down[a_xz], p_yz_down + b_xy_down));
        }
        g.perfect_up[a_xy] = static_cast<Weight>(xy_up);
        g.perfect_down[a_xy] = static_cast<Weight>(xy_down);
    }
    for (ArcIndex a = g.first_out[y]; a < y_end; ++a)
        mark[g.head[a]] = invalid_index;
}

/// Partial pass for one rank x: recomputes the perfect weights of x's arcs
/// from their basic weights and the (final) perfect weights of the arcs
/// between x's upward neighbours; appends to `moved_heads` the higher end of
/// every arc of x whose perfect weight changed.
void redo_rank(const PerfectArrays& g, NodeIndex x, std::vector<Weight>& up,
               std::vector<Weight>& down, std::vector<NodeIndex>& moved_heads) {
    const ArcIndex a0 = g.first_out[x];
    const ArcIndex a_end = g.first_out[x + 1];
    up.assign(g.basic_up + a0, g.basic_up + a_end);
    down.assign(g.basic_down + a0, g.basic_down + a_end);
    for (ArcIndex a_xy = a0; a_xy < a_end; ++a_xy) {
        const NodeIndex y = g.head[a_xy];
        const ArcIndex i = a_xy - a0;
        // Every later upward neighbour z of x is an upward neighbour of y.
        const NodeIndex* yz = g.head + g.first_out[y];
        for (ArcIndex a_xz = a_xy + 1; a_xz < a_end; ++a_xz) {
            const NodeIndex z = g.head[a_xz];
            while (*yz != z)
                ++yz;
            const auto a_yz = static_cast<ArcIndex>(yz - g.head);
            const ArcIndex j = a_xz - a0;
            const Weight p_yz_up = g.perfect_up[a_yz];
            const Weight p_yz_down = g.perfect_down[a_yz];
            up[i] = std::min(up[i], add(g.basic_up[a_xz], p_yz_down));
            down[i] = std::min(down[i], add(p_yz_up, g.basic_down[a_xz]));
            up[j] = std::min(up[j], add(g.basic_up[a_xy], p_yz_up));
            down[j] = std::min(down[j], add(p_yz_down, g.basic_down[a_xy]));
        }
    }
    for (ArcIndex a = a0; a < a_end; ++a) {
        if (g.perfect_up[a] == up[a - a0] && g.perfect_down[a] == down[a - a0]) continue;
        moved_heads.push_back(g.head[a]);
        g.perfect_up[a] = up[a - a0];
        g.perfect_down[a] = down[a - a0];
    }
}

} // namespace

void CchMetric::perfect_customize(const std::vector<std::uint8_t>* changed_ranks) {
    const CchTopology& topo = *m_topology;
    const std::size_t n = topo.node_count();
    const std::size_t m = topo.arc_count();
    const bool full = changed_ranks == nullptr || m_perfect_up.size() != m;
    if (full) {
        m_perfect_up.assign(m_up_weight.begin(), m_up_weight.end());
        m_perfect_down.assign(m_down_weight.begin(), m_down_weight.end());
    }
    const PerfectArrays g{
        topo.m_up_first_out.data(), topo.m_up_head.data(),  topo.m_down_first_out.data(),
        topo.m_down_tail.data(),    topo.m_down_arc.data(), m_up_weight.data(),
        m_down_weight.data(),       m_perfect_up.data(),    m_perfect_down.data()};
    const unsigned threads =
        static_cast<unsigned>(std::min<std::size_t>(m_thread_count, std::max<std::size_t>(1, n)));

    if (!full) {
        // A rank is redone when its basic weights changed or an arc between
        // two of its upward neighbours changed its perfect weight. Parents
        // before children: every upward neighbour is final first. moved[y]
        // lists the higher ends of y's arcs whose perfect weight changed.
        std::vector<std::vector<NodeIndex>> moved(n);
        struct Scratch {
            std::vector<NodeIndex> stamp;
            std::vector<Weight> up;
            std::vector<Weight> down;
        };
        std::vector<Scratch> scratch(threads);
        for (Scratch& sc : scratch)
            sc.stamp.assign(n, invalid_index);
        auto visit = [&](NodeIndex x, unsigned t) {
            Scratch& sc = scratch[t];
            const ArcIndex a0 = g.first_out[x];
            const ArcIndex a_end = g.first_out[x + 1];
            bool work = (*changed_ranks)[x] != 0;
            if (!work) {
                for (ArcIndex a = a0; a < a_end; ++a)
                    sc.stamp[g.head[a]] = x;
                for (ArcIndex a = a0; !work && a < a_end; ++a)
                    for (const NodeIndex w : moved[g.head[a]])
                        if (sc.stamp[w] == x) {
                            work = true;
                            break;
                        }
            }
            if (work) redo_rank(g, x, sc.up, sc.down, moved[x]);
        };
        if (threads <= 1) {
            for (NodeIndex x = static_cast<NodeIndex>(n); x-- > 0;)
                visit(x, 0);
        } else {
            run_tree_schedule(topo.m_schedule, false, threads, visit);
        }
        build_search_graphs();
        return;
    }

    if (threads <= 1) {
        std::vector<ArcIndex> mark(n, invalid_index);
        for (NodeIndex y = static_cast<NodeIndex>(n); y-- > 0;)
            relax_as_middle(g, y, g.down_first[y], g.down_first[y + 1], mark);
    } else {
        // Parents before children: y's own arcs are final once every
        // ancestor was a middle rank, and y writes only arcs of its subtree.
        std::vector<std::vector<ArcIndex>> marks(threads, std::vector<ArcIndex>(n, invalid_index));
        run_tree_schedule(topo.m_schedule, false, threads, [&](NodeIndex y, unsigned t) {
            relax_as_middle(g, y, g.down_first[y], g.down_first[y + 1], marks[t]);
        });
    }
    build_search_graphs();
}

void CchMetric::build_search_graphs() {
    const CchTopology& topo = *m_topology;
    const std::size_t n = topo.node_count();
    const ArcIndex* first_out = topo.m_up_first_out.data();
    const NodeIndex* head = topo.m_up_head.data();
    const Weight* basic[2] = {m_up_weight.data(), m_down_weight.data()};
    const Weight* perfect[2] = {m_perfect_up.data(), m_perfect_down.data()};
    // An arc is kept when its basic weight is finite and already the
    // shortest distance. A shortest up-down path never needs the others:
    // replace such an arc x-y by the detour x-z (tight) and z-y (a higher
    // lower end; where z is above y, z-y-w merges into z-w); each step trades
    // one arc for a tight arc from the same rank and arcs with higher lower
    // ends, so it ends with tight arcs only. (Also dropping tight arcs with
    // an equally short detour through a higher rank removed 0.002% more
    // arcs on the generated cities: not worth a flag per arc.)
    for (int d = 0; d < 2; ++d) {
        CchSearchGraph& s = m_search[d];
        s.first_out.assign(n + 1, 0);
        s.arcs.clear();
        s.cch_arc.clear();
        for (std::size_t r = 0; r < n; ++r) {
            s.first_out[r] = static_cast<ArcIndex>(s.arcs.size());
            for (ArcIndex a = first_out[r]; a < first_out[r + 1]; ++a) {
                const Weight w = basic[d][a];
                if (w == infinite_weight || w != perfect[d][a]) continue;
                s.arcs.push_back(CchSearchArc{head[a], w});
                s.cch_arc.push_back(a);
            }
        }
        s.first_out[n] = static_cast<ArcIndex>(s.arcs.size());
        s.arcs.shrink_to_fit();
        s.cch_arc.shrink_to_fit();
    }
}

} // namespace breathline::geo::road
