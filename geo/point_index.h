#pragma once
/// Static nearest-neighbour index over points on the EPSG:6677 plane (metres): facilities,
/// hydrants, registered patients. Built once, immutable afterwards.

#include "geo/coordinates.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <vector>

namespace breathline::geo {

/// Sentinel for "no point"; a PointIndex never holds this many points.
inline constexpr std::uint32_t invalid_index = std::numeric_limits<std::uint32_t>::max();

/// One query result: the dense index of a point (its position in the array the index was
/// built from) and its Euclidean distance on the plane in metres.
struct Neighbor {
    std::uint32_t index = invalid_index;
    double distance_m = 0.0;
    bool operator==(const Neighbor&) const = default;
};

/// Optional filter on dense point indices (e.g. "is an AED"); empty means accept all.
using PointFilter = std::function<bool(std::uint32_t)>;

/// Immutable 2-D k-d tree over PlaneXY points, stored flat (no per-node allocation).
///
/// Results are exact and deterministic: sorted by distance, then by index, so duplicate
/// points and equal distances always come out in the same order on every platform, and
/// equal to brute_force_nearest(). Distances are compared as squared metres and reported as
/// their square root.
///
/// Thread safety: all const member functions may run concurrently; each query keeps its
/// search state on its own stack.
class PointIndex {
public:
    /// An empty index: every query returns no neighbours.
    PointIndex() = default;

    /// Builds the tree over a copy of `points` in O(n log n). Point i keeps dense index i.
    /// Throws std::invalid_argument when a coordinate is not finite, and std::length_error
    /// when there are invalid_index or more points.
    explicit PointIndex(std::span<const PlaneXY> points);

    /// Number of indexed points.
    std::size_t size() const { return m_points.size(); }
    /// True when no point is indexed.
    bool empty() const { return m_points.empty(); }
    /// The point with dense index `index`, as given to the constructor.
    /// Precondition: index < size().
    const PlaneXY& point(std::uint32_t index) const { return m_points[index]; }

    /// The min(k, size()) points nearest to q (EPSG:6677 metres), sorted by distance then
    /// index. k = 0 gives an empty result. Throws std::invalid_argument when q is not finite.
    std::vector<Neighbor> nearest(PlaneXY q, std::size_t k) const;

    /// Like nearest(), but only points with distance <= max_distance_m (compared squared)
    /// for which `filter` returns true (an empty filter accepts all) are returned, so the
    /// result may hold fewer than k neighbours or none. `filter` is called only for points
    /// that could enter the result, at most once per point, on the calling thread.
    /// max_distance_m may be +infinity. Throws std::invalid_argument when q is not finite or
    /// max_distance_m is NaN or negative.
    std::vector<Neighbor> nearest_within(PlaneXY q, std::size_t k, double max_distance_m,
                                         const PointFilter& filter = {}) const;

private:
    struct Search;
    void search(Search& s, std::uint32_t lo, std::uint32_t hi) const;

    // Points in their original order, for point().
    std::vector<PlaneXY> m_points;
    // The tree is implicit over positions [0, n): a range [lo, hi) longer than the leaf size
    // splits at mid = lo + (hi - lo) / 2 on axis m_split_axis[mid] (0 = x, 1 = y); positions
    // left of mid are <= the split point on that axis, positions right of it are >=.
    std::vector<PlaneXY> m_tree_points;      // points in tree order, for cache locality
    std::vector<std::uint32_t> m_tree_index; // dense index of m_tree_points[pos]
    std::vector<std::uint8_t> m_split_axis;  // meaningful only at split positions
};

/// Reference implementation by linear scan, O(n log k) per query, with exactly the same
/// contract and ordering as PointIndex::nearest_within (the defaults make it nearest()).
/// Used by tests and benchmarks to check and measure the tree. Thread-safe.
std::vector<Neighbor>
brute_force_nearest(std::span<const PlaneXY> points, PlaneXY q, std::size_t k,
                    double max_distance_m = std::numeric_limits<double>::infinity(),
                    const PointFilter& filter = {});

} // namespace breathline::geo
