#pragma once
/// Travel-time matrices on a customized CCH with buckets (Knopp, Sanders,
/// Schultes, Schulz, Wagner 2007) over elimination-tree walks on the
/// metric's pruned search graphs (CchMetric::forward_graph/backward_graph):
/// one backward walk per target leaves (target, time) entries in the buckets
/// of the ranks it reaches; one forward walk per source scans the buckets it
/// meets. Walks run eight at a time (endpoints ordered by rank, so a batch
/// shares most of its root paths), relaxing each arc for all eight at once;
/// the ranks most targets reach keep dense buckets (one time per target,
/// scanned with SIMD). Batches of targets, then of sources, are shared out
/// among the threads.

#include "geo/road/cch.h"
#include "geo/road/dijkstra.h"

#include <span>
#include <vector>

namespace breathline::geo::road {

/// Row-major matrix: result[i * targets.size() + j] = fastest travel time in
/// ms from sources[i] to targets[j] (RoadGraph nodes), infinite_weight where
/// unreachable; 0 on a node to itself. Equal to repeated CchQuery::time_ms.
/// `thread_count` 0 = std::thread::hardware_concurrency(). Reads `metric`
/// only: thread-safe as long as nobody re-customizes it meanwhile. Memory:
/// the buckets (8 bytes per rank a target reaches, at most 4 bytes per
/// target and rank in dense ones) plus the result.
/// Precondition: every node < node_count.
std::vector<Weight> many_to_many(const CchMetric& metric, std::span<const NodeIndex> sources,
                                 std::span<const NodeIndex> targets, unsigned thread_count = 0);

/// Same with offsets (snapped points, see snapping.h): entry (i, j) =
/// sources[i].offset_ms + path + targets[j].offset_ms, infinite_weight when
/// unreachable or when the sum reaches infinite_weight. A point snapped to
/// two end nodes is two endpoints; take the minimum of their rows/columns.
std::vector<Weight> many_to_many(const CchMetric& metric, std::span<const Endpoint> sources,
                                 std::span<const Endpoint> targets, unsigned thread_count = 0);

} // namespace breathline::geo::road
