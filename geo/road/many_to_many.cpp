#include "geo/road/many_to_many.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>

namespace breathline::geo::road {

namespace {

struct BucketEntry {
    std::uint32_t target;
    Weight time_ms;
};

/// Seeds walked together: the walks of one batch share the ranks near the
/// top of the elimination tree, so each of those ranks' arcs is read once
/// for all of them and relaxed in eight lanes at a time.
constexpr std::size_t lanes = 8;

/// dist[h * lanes + k] = min(itself, from[k] + weight) for every arc (h,
/// weight) of one rank, sums saturating at infinite_weight. `local` maps a
/// rank to its row in `dist`. Compiled for AVX2 and plain x86-64, picked at
/// load time by the CPU.
__attribute__((target_clones("avx2", "default"))) void
relax_lanes(const CchSearchArc* arcs, std::size_t count, const std::uint32_t* local,
            Weight* __restrict dist, const Weight* __restrict from) {
    for (std::size_t a = 0; a < count; ++a) {
        Weight* to = dist + std::size_t{local[arcs[a].head]} * lanes;
        const Weight w = arcs[a].weight_ms;
        for (std::size_t k = 0; k < lanes; ++k) {
            const Weight sum = from[k] + w;
            to[k] = std::min(to[k], sum < w ? infinite_weight : sum);
        }
    }
}

/// Elimination-tree walks over a pruned search graph (cch.h) from up to
/// `lanes` seeds at once; calls visit(rank, times) for every rank one of
/// them reaches, ranks ascending, times[k] being seed k's time
/// (infinite_weight where it does not reach the rank). Reusable; one per
/// thread.
class BatchWalker {
public:
    BatchWalker(const CchTopology& topo, const CchSearchGraph& graph)
        : m_topo(&topo), m_graph(&graph), m_local(topo.node_count(), invalid_index) {}

    template <typename Visit> void run(std::span<const Endpoint> seeds, Visit&& visit) {
        // The union of the seeds' root paths: a path stops where it meets a
        // rank already taken, whose ancestors are all in.
        m_ranks.clear();
        for (const Endpoint& seed : seeds)
            for (NodeIndex v = m_topo->rank_of(seed.node);
                 v != invalid_index && m_local[v] == invalid_index;
                 v = m_topo->elimination_parent(v)) {
                m_local[v] = 0;
                m_ranks.push_back(v);
            }
        std::sort(m_ranks.begin(), m_ranks.end());
        for (std::size_t i = 0; i < m_ranks.size(); ++i)
            m_local[m_ranks[i]] = static_cast<std::uint32_t>(i);
        m_dist.assign(m_ranks.size() * lanes, infinite_weight);
        for (std::size_t k = 0; k < seeds.size(); ++k) {
            Weight& d = m_dist[std::size_t{m_local[m_topo->rank_of(seeds[k].node)]} * lanes + k];
            d = std::min(d, seeds[k].offset_ms);
        }
        const ArcIndex* first_out = m_graph->first_out.data();
        const CchSearchArc* arcs = m_graph->arcs.data();
        for (std::size_t i = 0; i < m_ranks.size(); ++i) {
            const NodeIndex v = m_ranks[i];
            const Weight* times = m_dist.data() + i * lanes;
            if (*std::min_element(times, times + lanes) == infinite_weight) continue;
            visit(v, times);
            relax_lanes(arcs + first_out[v], first_out[v + 1] - first_out[v], m_local.data(),
                        m_dist.data(), times);
        }
        for (const NodeIndex v : m_ranks)
            m_local[v] = invalid_index;
    }

private:
    const CchTopology* m_topo;
    const CchSearchGraph* m_graph;
    std::vector<std::uint32_t> m_local; // rank -> row in m_dist; invalid_index when not walked
    std::vector<NodeIndex> m_ranks;
    std::vector<Weight> m_dist;
};

/// row[j] = min(row[j], d + times[j]) for j < cols, the sum saturating at
/// infinite_weight. The hot loop of large matrices; compiled twice, for
/// AVX2 (eight lanes with an unsigned min instruction) and for plain x86-64,
/// and picked at load time by the CPU.
__attribute__((target_clones("avx2", "default"))) void
scan_dense(Weight* __restrict row, const Weight* __restrict times, std::size_t cols, Weight d) {
    for (std::size_t j = 0; j < cols; ++j) {
        const Weight sum = d + times[j];
        row[j] = std::min(row[j], sum < d ? infinite_weight : sum);
    }
}

void check_nodes(const CchTopology& topo, std::span<const Endpoint> endpoints) {
    for (const Endpoint& e : endpoints)
        if (e.node >= topo.node_count())
            throw std::out_of_range("many_to_many: node " + std::to_string(e.node) +
                                    " is not in the graph (" + std::to_string(topo.node_count()) +
                                    " nodes)");
}

/// Indices of `endpoints` ordered by the rank of their node: endpoints in
/// one cell of the nested dissection have close ranks and share most of
/// their root paths, so batches of neighbours in this order share work.
std::vector<std::uint32_t> by_rank(const CchTopology& topo, std::span<const Endpoint> endpoints) {
    std::vector<std::uint32_t> order(endpoints.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<std::uint32_t>(i);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return topo.rank_of(endpoints[a].node) < topo.rank_of(endpoints[b].node);
    });
    return order;
}

/// Runs body(thread, begin, end) on `count` items in batches of `lanes`,
/// which the threads claim one after another (batches differ in cost: the
/// walks of some cells are longer).
template <typename Body> void parallel_batches(std::size_t count, unsigned threads, Body&& body) {
    std::atomic<std::size_t> next{0};
    auto worker = [&](unsigned t) {
        for (;;) {
            const std::size_t begin = next.fetch_add(lanes, std::memory_order_relaxed);
            if (begin >= count) return;
            body(t, begin, std::min(count, begin + lanes));
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t * lanes < count; ++t)
        pool.emplace_back(worker, t);
    worker(0);
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
    const std::vector<std::uint32_t> target_order = by_rank(topo, targets);
    std::vector<BatchWalker> walkers(threads, BatchWalker(topo, metric.backward_graph()));
    parallel_batches(cols, threads, [&](unsigned th, std::size_t j0, std::size_t end) {
        Endpoint batch[lanes];
        const std::size_t count = end - j0;
        for (std::size_t k = 0; k < count; ++k)
            batch[k] = targets[target_order[j0 + k]];
        walkers[th].run({batch, count}, [&](NodeIndex v, const Weight* times) {
            for (std::size_t k = 0; k < count; ++k)
                if (times[k] != infinite_weight)
                    entries[th].push_back(Entry{v, {target_order[j0 + k], times[k]}});
        });
    });

    // Buckets by rank (counting sort; stable, so each bucket is in target
    // order). Ranks that many targets reach (the separators near the top,
    // which every walk passes) get a dense bucket instead: one time per
    // target, infinite_weight where the target's walk did not reach the
    // rank, scanned without indirection.
    std::vector<std::uint32_t> first(n + 1, 0);
    for (const auto& list : entries)
        for (const Entry& e : list)
            ++first[e.rank + 1];
    const std::size_t dense_min = std::max<std::size_t>(16, cols / 8);
    std::vector<std::uint32_t> dense_of(n, invalid_index);
    std::uint32_t dense_count = 0;
    for (std::size_t r = 0; r < n; ++r) {
        if (first[r + 1] >= dense_min) {
            dense_of[r] = dense_count++;
            first[r + 1] = 0;
        }
    }
    for (std::size_t r = 0; r < n; ++r)
        first[r + 1] += first[r];
    std::vector<BucketEntry> buckets(first[n]);
    std::vector<Weight> dense(std::size_t{dense_count} * cols, infinite_weight);
    {
        std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
        for (auto& list : entries) {
            for (const Entry& e : list) {
                if (dense_of[e.rank] != invalid_index)
                    dense[std::size_t{dense_of[e.rank]} * cols + e.bucket.target] =
                        e.bucket.time_ms;
                else
                    buckets[fill[e.rank]++] = e.bucket;
            }
            std::vector<Entry>().swap(list);
        }
    }

    // Forward walks from the sources scan the buckets they meet.
    const std::vector<std::uint32_t> source_order = by_rank(topo, sources);
    std::vector<BatchWalker> forward(threads, BatchWalker(topo, metric.forward_graph()));
    parallel_batches(sources.size(), threads, [&](unsigned th, std::size_t i0, std::size_t end) {
        Endpoint batch[lanes];
        const std::size_t count = end - i0;
        for (std::size_t k = 0; k < count; ++k)
            batch[k] = sources[source_order[i0 + k]];
        forward[th].run({batch, count}, [&](NodeIndex v, const Weight* times) {
            for (std::size_t k = 0; k < count; ++k) {
                const Weight d = times[k];
                if (d == infinite_weight) continue;
                Weight* row = matrix.data() + std::size_t{source_order[i0 + k]} * cols;
                if (dense_of[v] != invalid_index) {
                    scan_dense(row, dense.data() + std::size_t{dense_of[v]} * cols, cols, d);
                    continue;
                }
                for (std::uint32_t b = first[v]; b < first[v + 1]; ++b) {
                    const std::uint64_t c = std::uint64_t{d} + buckets[b].time_ms;
                    if (c < row[buckets[b].target]) row[buckets[b].target] = static_cast<Weight>(c);
                }
            }
        });
    });
    return matrix;
}

} // namespace breathline::geo::road
