#include "geo/point_index.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace breathline::geo {

namespace {

// Ranges this short are scanned linearly: below about 8 points a scan is cheaper than
// descending further, and it keeps the split-axis bookkeeping small.
constexpr std::uint32_t leaf_size = 8;

struct Candidate {
    double d2;
    std::uint32_t index;
};

// Strict total order on (squared distance, index): the deterministic tie-break.
bool closer(const Candidate& a, const Candidate& b) {
    return a.d2 < b.d2 || (a.d2 == b.d2 && a.index < b.index);
}

double squared_distance(const PlaneXY& a, const PlaneXY& b) {
    const double dx = a.x_east_m - b.x_east_m;
    const double dy = a.y_north_m - b.y_north_m;
    return dx * dx + dy * dy;
}

// The k best candidates seen so far, as a max-heap under closer(): the front is the worst
// kept one, which is the one a better candidate evicts.
class KBest {
public:
    KBest(std::size_t k, double max_d2, const PointFilter& filter)
        : m_k(k), m_max_d2(max_d2), m_filter(filter) {
        m_heap.reserve(std::min<std::size_t>(k, 1024));
    }

    // Largest squared distance a new candidate may have and still enter the result. Equal
    // distances must stay admissible because a smaller index wins the tie.
    double bound_d2() const { return m_heap.size() < m_k ? m_max_d2 : m_heap.front().d2; }

    void offer(double d2, std::uint32_t index) {
        if (d2 > m_max_d2) return;
        const Candidate c{d2, index};
        if (m_heap.size() < m_k) {
            if (m_filter && !m_filter(index)) return;
            m_heap.push_back(c);
            std::push_heap(m_heap.begin(), m_heap.end(), closer);
            return;
        }
        if (!closer(c, m_heap.front())) return;
        // The filter runs last: it is a std::function call, the most expensive test here.
        if (m_filter && !m_filter(index)) return;
        std::pop_heap(m_heap.begin(), m_heap.end(), closer);
        m_heap.back() = c;
        std::push_heap(m_heap.begin(), m_heap.end(), closer);
    }

    std::vector<Neighbor> take_sorted() {
        std::sort_heap(m_heap.begin(), m_heap.end(), closer);
        std::vector<Neighbor> out;
        out.reserve(m_heap.size());
        for (const Candidate& c : m_heap)
            out.push_back({c.index, std::sqrt(c.d2)});
        return out;
    }

private:
    std::size_t m_k;
    double m_max_d2;
    const PointFilter& m_filter;
    std::vector<Candidate> m_heap;
};

void check_query(PlaneXY q, double max_distance_m, const char* who) {
    if (!std::isfinite(q.x_east_m) || !std::isfinite(q.y_north_m))
        throw std::invalid_argument(std::string(who) + ": query point is not finite (" +
                                    std::to_string(q.x_east_m) + ", " +
                                    std::to_string(q.y_north_m) + ")");
    if (std::isnan(max_distance_m) || max_distance_m < 0.0)
        throw std::invalid_argument(std::string(who) + ": max_distance_m must be >= 0, got " +
                                    std::to_string(max_distance_m));
}

double axis_value(const PlaneXY& p, std::uint8_t axis) {
    return axis == 0 ? p.x_east_m : p.y_north_m;
}

struct Builder {
    const std::vector<PlaneXY>& points;
    std::vector<std::uint32_t>& order;
    std::vector<std::uint8_t>& split_axis;

    void build(std::uint32_t lo, std::uint32_t hi) {
        if (hi - lo <= leaf_size) return;
        // Split across the wider extent rather than alternating axes: addresses cluster
        // along streets, and this keeps cells closer to square for them.
        double min_x = points[order[lo]].x_east_m, max_x = min_x;
        double min_y = points[order[lo]].y_north_m, max_y = min_y;
        for (std::uint32_t pos = lo + 1; pos < hi; ++pos) {
            const PlaneXY& p = points[order[pos]];
            min_x = std::min(min_x, p.x_east_m);
            max_x = std::max(max_x, p.x_east_m);
            min_y = std::min(min_y, p.y_north_m);
            max_y = std::max(max_y, p.y_north_m);
        }
        const std::uint8_t axis = (max_x - min_x) >= (max_y - min_y) ? 0 : 1;
        const std::uint32_t mid = lo + (hi - lo) / 2;
        // Ties broken by index make the layout a pure function of the input (useful when
        // debugging); correctness does not depend on it.
        std::nth_element(order.begin() + lo, order.begin() + mid, order.begin() + hi,
                         [&](std::uint32_t a, std::uint32_t b) {
                             const double va = axis_value(points[a], axis);
                             const double vb = axis_value(points[b], axis);
                             return va < vb || (va == vb && a < b);
                         });
        split_axis[mid] = axis;
        build(lo, mid);
        build(mid + 1, hi);
    }
};

} // namespace

struct PointIndex::Search {
    PlaneXY q;
    KBest best;
};

PointIndex::PointIndex(std::span<const PlaneXY> points) : m_points(points.begin(), points.end()) {
    if (m_points.size() >= invalid_index)
        throw std::length_error("PointIndex: " + std::to_string(m_points.size()) +
                                " points do not fit 32-bit indices");
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        const PlaneXY& p = m_points[i];
        if (!std::isfinite(p.x_east_m) || !std::isfinite(p.y_north_m))
            throw std::invalid_argument("PointIndex: point " + std::to_string(i) +
                                        " is not finite (" + std::to_string(p.x_east_m) + ", " +
                                        std::to_string(p.y_north_m) + ")");
    }
    const auto n = static_cast<std::uint32_t>(m_points.size());
    m_tree_index.resize(n);
    std::iota(m_tree_index.begin(), m_tree_index.end(), 0U);
    m_split_axis.assign(n, 0);
    Builder{m_points, m_tree_index, m_split_axis}.build(0, n);
    m_tree_points.resize(n);
    for (std::uint32_t pos = 0; pos < n; ++pos)
        m_tree_points[pos] = m_points[m_tree_index[pos]];
}

void PointIndex::search(Search& s, std::uint32_t lo, std::uint32_t hi) const {
    if (hi - lo <= leaf_size) {
        for (std::uint32_t pos = lo; pos < hi; ++pos)
            s.best.offer(squared_distance(s.q, m_tree_points[pos]), m_tree_index[pos]);
        return;
    }
    const std::uint32_t mid = lo + (hi - lo) / 2;
    const std::uint8_t axis = m_split_axis[mid];
    const double diff = axis_value(s.q, axis) - axis_value(m_tree_points[mid], axis);
    // Near side first so that the bound tightens before the far side is considered. Every
    // far-side point is at least |diff| away on this axis, hence the pruning test; it is
    // inclusive because a point at exactly the bound may still win on index.
    const bool left_is_near = diff < 0.0;
    if (left_is_near)
        search(s, lo, mid);
    else
        search(s, mid + 1, hi);
    s.best.offer(squared_distance(s.q, m_tree_points[mid]), m_tree_index[mid]);
    if (diff * diff <= s.best.bound_d2()) {
        if (left_is_near)
            search(s, mid + 1, hi);
        else
            search(s, lo, mid);
    }
}

std::vector<Neighbor> PointIndex::nearest(PlaneXY q, std::size_t k) const {
    return nearest_within(q, k, std::numeric_limits<double>::infinity());
}

std::vector<Neighbor> PointIndex::nearest_within(PlaneXY q, std::size_t k, double max_distance_m,
                                                 const PointFilter& filter) const {
    check_query(q, max_distance_m, "PointIndex::nearest_within");
    if (k == 0 || m_points.empty()) return {};
    Search s{q, KBest(k, max_distance_m * max_distance_m, filter)};
    search(s, 0, static_cast<std::uint32_t>(m_tree_points.size()));
    return s.best.take_sorted();
}

std::vector<Neighbor> brute_force_nearest(std::span<const PlaneXY> points, PlaneXY q, std::size_t k,
                                          double max_distance_m, const PointFilter& filter) {
    check_query(q, max_distance_m, "brute_force_nearest");
    if (k == 0 || points.empty()) return {};
    if (points.size() >= invalid_index)
        throw std::length_error("brute_force_nearest: too many points for 32-bit indices");
    KBest best(k, max_distance_m * max_distance_m, filter);
    for (std::size_t i = 0; i < points.size(); ++i)
        best.offer(squared_distance(q, points[i]), static_cast<std::uint32_t>(i));
    return best.take_sorted();
}

} // namespace breathline::geo
