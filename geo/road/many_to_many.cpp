#include "geo/road/many_to_many.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <thread>

namespace breathline::geo::road {

namespace {

struct BucketEntry {
    std::uint32_t target;
    Weight time_ms;
};

/// Elimination-tree walk from one seed; calls visit(rank, time) for every
/// reached rank in ascending order. `dist` is all infinite_weight on entry and
/// exit (only the walked ranks are touched).
template <typename Visit>
void walk(const CchTopology& topo, const Weight* weight, Endpoint seed, std::vector<Weight>& dist,
          std::vector<NodeIndex>& path, Visit&& visit) {
    path.clear();
    for (NodeIndex v = topo.rank_of(seed.node); v != invalid_index; v = topo.elimination_parent(v))
        path.push_back(v);
    dist[path.front()] = seed.offset_ms;
    const ArcIndex* first_out = topo.up_first_out().data();
    const NodeIndex* head = topo.up_head().data();
    for (NodeIndex v : path) {
        const std::uint64_t dv = dist[v];
        if (dv == infinite_weight) continue;
        visit(v, static_cast<Weight>(dv));
        for (ArcIndex a = first_out[v]; a < first_out[v + 1]; ++a) {
            const std::uint64_t c = dv + weight[a];
            if (c < dist[head[a]]) dist[head[a]] = static_cast<Weight>(c);
        }
    }
    for (NodeIndex v : path)
        dist[v] = infinite_weight;
}

void check_nodes(const CchTopology& topo, std::span<const Endpoint> endpoints) {
    for (const Endpoint& e : endpoints)
        if (e.node >= topo.node_count())
            throw std::out_of_range("many_to_many: node " + std::to_string(e.node) +
                                    " is not in the graph (" + std::to_string(topo.node_count()) +
                                    " nodes)");
}

/// Runs body(thread, begin, end) on `count` items split into equal ranges.
template <typename Body> void parallel_ranges(std::size_t count, unsigned threads, Body&& body) {
    if (threads <= 1 || count < 2) {
        body(0U, std::size_t{0}, count);
        return;
    }
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back([&body, t, threads, count] {
            body(t, count * t / threads, count * (t + 1) / threads);
        });
    body(0U, std::size_t{0}, count / threads);
    for (std::thread& th : pool)
        th.join();
}

} // namespace

std::vector<Weight> many_to_many(const CchMetric& metric, std::span<const NodeIndex> sources,
                                 std::span<const NodeIndex> targets, unsigned thread_count) {
    std::vector<Endpoint> s(sources.size());
    std::vector<Endpoint> t(targets.size());
    for (std::size_t i = 0; i < sources.size(); ++i)
        s[i] = Endpoint{sources[i], 0};
    for (std::size_t j = 0; j < targets.size(); ++j)
        t[j] = Endpoint{targets[j], 0};
    return many_to_many(metric, s, t, thread_count);
}

std::vector<Weight> many_to_many(const CchMetric& metric, std::span<const Endpoint> sources,
                                 std::span<const Endpoint> targets, unsigned thread_count) {
    const CchTopology& topo = metric.topology();
    check_nodes(topo, sources);
    check_nodes(topo, targets);
    const std::size_t n = topo.node_count();
    const std::size_t cols = targets.size();
    std::vector<Weight> matrix(sources.size() * cols, infinite_weight);
    if (matrix.empty()) return matrix;
    const unsigned threads = std::max(
        1U, std::min(thread_count != 0 ? thread_count : std::thread::hardware_concurrency(), 64U));

    // Backward walks from the targets, each thread keeping its own entries
    // (rank, target, time) in target order.
    struct Entry {
        NodeIndex rank;
        BucketEntry bucket;
    };
    std::vector<std::vector<Entry>> entries(threads);
    parallel_ranges(cols, threads, [&](unsigned th, std::size_t begin, std::size_t end) {
        std::vector<Weight> dist(n, infinite_weight);
        std::vector<NodeIndex> path;
        for (std::size_t j = begin; j < end; ++j)
            walk(topo, metric.down_weight().data(), targets[j], dist, path,
                 [&](NodeIndex v, Weight d) {
                     entries[th].push_back(Entry{v, {static_cast<std::uint32_t>(j), d}});
                 });
    });

    // Buckets by rank (counting sort; stable, so each bucket is in target order).
    std::vector<std::uint32_t> first(n + 1, 0);
    std::size_t total = 0;
    for (const auto& list : entries) {
        total += list.size();
        for (const Entry& e : list)
            ++first[e.rank + 1];
    }
    for (std::size_t r = 0; r < n; ++r)
        first[r + 1] += first[r];
    std::vector<BucketEntry> buckets(total);
    {
        std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
        for (auto& list : entries) {
            for (const Entry& e : list)
                buckets[fill[e.rank]++] = e.bucket;
            std::vector<Entry>().swap(list);
        }
    }

    // Forward walks from the sources scan the buckets they meet.
    parallel_ranges(sources.size(), threads, [&](unsigned, std::size_t begin, std::size_t end) {
        std::vector<Weight> dist(n, infinite_weight);
        std::vector<NodeIndex> path;
        for (std::size_t i = begin; i < end; ++i) {
            Weight* row = matrix.data() + i * cols;
            walk(topo, metric.up_weight().data(), sources[i], dist, path,
                 [&](NodeIndex v, Weight d) {
                     for (std::uint32_t k = first[v]; k < first[v + 1]; ++k) {
                         const std::uint64_t c = std::uint64_t{d} + buckets[k].time_ms;
                         if (c < row[buckets[k].target])
                             row[buckets[k].target] = static_cast<Weight>(c);
                     }
                 });
        }
    });
    return matrix;
}

} // namespace breathline::geo::road
