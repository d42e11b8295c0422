#include "geo/road/cch_order.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <utility>

namespace breathline::geo::road {

namespace {

// Cells smaller than this are ordered as they come: their fill is negligible.
constexpr std::size_t base_cell_size = 3;
// Cells at least this large go to the shared stack so both threads get work;
// smaller ones stay with the thread that made them (no locking per cell).
constexpr std::size_t shared_cell_size = 20000;
// The smaller half of a bisection holds at least this share of the cell.
constexpr double min_balance = 0.3;
constexpr std::uint32_t done_cell = 0;

struct Cell {
    std::vector<NodeIndex> nodes;
    NodeIndex rank_lo = 0;
    bool connected = false;
};

/// Symmetric adjacency without loops and parallel arcs.
struct UndirectedGraph {
    std::vector<std::uint32_t> first;
    std::vector<NodeIndex> adj;
};

UndirectedGraph make_undirected(const RoadGraph& graph) {
    const std::size_t n = graph.node_count();
    std::vector<std::uint32_t> degree(n + 1, 0);
    for (NodeIndex u = 0; u < n; ++u)
        for (NodeIndex v : graph.out_heads(u))
            if (u != v) {
                ++degree[u];
                ++degree[v];
            }
    UndirectedGraph g;
    g.first.assign(n + 1, 0);
    for (std::size_t v = 0; v < n; ++v)
        g.first[v + 1] = g.first[v] + degree[v];
    g.adj.resize(g.first[n]);
    std::vector<std::uint32_t> fill(g.first.begin(), g.first.end() - 1);
    for (NodeIndex u = 0; u < n; ++u)
        for (NodeIndex v : graph.out_heads(u))
            if (u != v) {
                g.adj[fill[u]++] = v;
                g.adj[fill[v]++] = u;
            }
    // Sort and deduplicate each list, compacting in place.
    std::uint32_t out = 0;
    for (std::size_t v = 0; v < n; ++v) {
        const std::uint32_t begin = g.first[v];
        const std::uint32_t end = g.first[v + 1];
        std::sort(g.adj.begin() + begin, g.adj.begin() + end);
        const auto last = std::unique(g.adj.begin() + begin, g.adj.begin() + end);
        g.first[v] = out;
        for (auto it = g.adj.begin() + begin; it != last; ++it)
            g.adj[out++] = *it;
    }
    g.first[n] = out;
    g.adj.resize(out);
    g.adj.shrink_to_fit();
    return g;
}

/// Maps a float to an unsigned integer with the same order (IEEE-754 trick).
std::uint32_t ordered_bits(float f) {
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(f);
    return (bits & 0x80000000U) != 0 ? ~bits : bits | 0x80000000U;
}

class Dissector {
public:
    Dissector(const RoadGraph& graph, std::vector<NodeIndex>& order)
        : m_graph(make_undirected(graph)), m_order(order) {
        const std::size_t n = graph.node_count();
        m_cell.resize(n, done_cell);
        m_pos.resize(n, 0);
        m_x.resize(n);
        m_y.resize(n);
        double lat_sum = 0;
        for (const LonLat& p : graph.node_position)
            lat_sum += p.lat();
        const double lat0 = n == 0 ? 0.0 : lat_sum / static_cast<double>(n);
        const double kx = std::cos(lat0 * 3.14159265358979323846 / 180.0);
        // Positions may be missing (a graph built without them): fall back to
        // the node index, which still gives a valid (if poorer) order.
        const bool has_positions = graph.node_position.size() == n;
        for (std::size_t v = 0; v < n; ++v) {
            m_x[v] = has_positions ? graph.node_position[v].lon() * kx : static_cast<double>(v);
            m_y[v] = has_positions ? graph.node_position[v].lat() : 0.0;
        }
    }

    void run(unsigned thread_count) {
        const std::size_t n = m_cell.size();
        if (n == 0) return;
        Cell root;
        root.nodes.resize(n);
        std::iota(root.nodes.begin(), root.nodes.end(), NodeIndex{0});
        m_shared.push_back(std::move(root));
        m_pending = 1;
        std::vector<std::thread> threads;
        for (unsigned i = 1; i < thread_count; ++i)
            threads.emplace_back([this] { work(); });
        work();
        for (std::thread& t : threads)
            t.join();
    }

private:
    struct Scratch {
        std::vector<std::uint64_t> sorted;
        std::vector<std::uint64_t> best_sorted;
        std::vector<NodeIndex> queue;
        std::vector<Cell> local;
    };

    std::uint32_t cell_of(NodeIndex v) const {
        return std::atomic_ref<const std::uint32_t>(m_cell[v]).load(std::memory_order_relaxed);
    }
    void set_cell(NodeIndex v, std::uint32_t id) {
        std::atomic_ref<std::uint32_t>(m_cell[v]).store(id, std::memory_order_relaxed);
    }

    void work() {
        Scratch scratch;
        for (;;) {
            Cell cell;
            {
                std::unique_lock lock(m_mutex);
                m_cv.wait(lock, [this] { return !m_shared.empty() || m_pending == 0; });
                if (m_shared.empty()) return;
                cell = std::move(m_shared.back());
                m_shared.pop_back();
            }
            scratch.local.push_back(std::move(cell));
            while (!scratch.local.empty()) {
                Cell c = std::move(scratch.local.back());
                scratch.local.pop_back();
                process(std::move(c), scratch);
            }
            std::lock_guard lock(m_mutex);
            if (--m_pending == 0) m_cv.notify_all();
        }
    }

    void emit(Cell&& child, Scratch& scratch) {
        if (child.nodes.empty()) return;
        if (child.nodes.size() >= shared_cell_size) {
            std::lock_guard lock(m_mutex);
            ++m_pending;
            m_shared.push_back(std::move(child));
            m_cv.notify_one();
        } else {
            scratch.local.push_back(std::move(child));
        }
    }

    void process(Cell cell, Scratch& scratch) {
        std::vector<NodeIndex>& nodes = cell.nodes;
        const std::size_t n = nodes.size();
        if (n <= base_cell_size) {
            for (std::size_t i = 0; i < n; ++i)
                m_order[cell.rank_lo + i] = nodes[i];
            for (NodeIndex v : nodes)
                set_cell(v, done_cell);
            return;
        }
        const std::uint32_t id = m_next_id.fetch_add(1, std::memory_order_relaxed);
        for (NodeIndex v : nodes)
            set_cell(v, id);

        if (!cell.connected && split_components(cell, id, scratch)) return;

        // Sweep four directions; keep the position with the fewest crossing
        // edges within the balance window (ties: the more balanced, then the
        // first direction).
        static constexpr double dirs[4][2] = {{1, 0},
                                              {0, 1},
                                              {0.70710678118654752, 0.70710678118654752},
                                              {0.70710678118654752, -0.70710678118654752}};
        const std::size_t k_lo = std::max<std::size_t>(
            1, static_cast<std::size_t>(std::ceil(static_cast<double>(n) * min_balance)));
        const std::size_t k_hi = n - k_lo;
        std::size_t best_cut = SIZE_MAX;
        std::size_t best_k = n / 2;
        std::size_t best_imbalance = SIZE_MAX;
        scratch.sorted.resize(n);
        for (const auto& d : dirs) {
            for (std::size_t i = 0; i < n; ++i) {
                const NodeIndex v = nodes[i];
                const float key = static_cast<float>(m_x[v] * d[0] + m_y[v] * d[1]);
                scratch.sorted[i] = (std::uint64_t{ordered_bits(key)} << 32) | v;
            }
            std::sort(scratch.sorted.begin(), scratch.sorted.end());
            for (std::size_t i = 0; i < n; ++i)
                m_pos[static_cast<NodeIndex>(scratch.sorted[i])] = static_cast<std::uint32_t>(i);
            std::int64_t crossing = 0;
            bool improved = false;
            for (std::size_t i = 0; i + 1 < n && i < k_hi; ++i) {
                const NodeIndex u = static_cast<NodeIndex>(scratch.sorted[i]);
                for (std::uint32_t e = m_graph.first[u]; e < m_graph.first[u + 1]; ++e) {
                    const NodeIndex v = m_graph.adj[e];
                    if (cell_of(v) != id) continue;
                    crossing += m_pos[v] > i ? 1 : -1;
                }
                const std::size_t k = i + 1;
                if (k < k_lo) continue;
                const std::size_t cut = static_cast<std::size_t>(crossing);
                const std::size_t imbalance = k > n - k ? 2 * k - n : n - 2 * k;
                if (cut < best_cut || (cut == best_cut && imbalance < best_imbalance)) {
                    best_cut = cut;
                    best_k = k;
                    best_imbalance = imbalance;
                    improved = true;
                }
            }
            if (improved) scratch.best_sorted = scratch.sorted;
        }

        // Separator: the endpoints of crossing edges on the side with fewer of them.
        for (std::size_t i = 0; i < n; ++i)
            m_pos[static_cast<NodeIndex>(scratch.best_sorted[i])] = static_cast<std::uint32_t>(i);
        std::size_t left_ends = 0;
        std::size_t right_ends = 0;
        // m_pos high bit marks "endpoint of a crossing edge".
        constexpr std::uint32_t end_flag = 0x80000000U;
        for (std::size_t i = 0; i < best_k; ++i) {
            const NodeIndex u = static_cast<NodeIndex>(scratch.best_sorted[i]);
            for (std::uint32_t e = m_graph.first[u]; e < m_graph.first[u + 1]; ++e) {
                const NodeIndex v = m_graph.adj[e];
                if (cell_of(v) != id || (m_pos[v] & ~end_flag) < best_k) continue;
                if ((m_pos[u] & end_flag) == 0) {
                    m_pos[u] |= end_flag;
                    ++left_ends;
                }
                if ((m_pos[v] & end_flag) == 0) {
                    m_pos[v] |= end_flag;
                    ++right_ends;
                }
            }
        }
        const bool separator_left = left_ends <= right_ends;
        Cell left;
        Cell right;
        std::vector<NodeIndex> separator;
        separator.reserve(separator_left ? left_ends : right_ends);
        left.nodes.reserve(best_k);
        right.nodes.reserve(n - best_k);
        for (std::size_t i = 0; i < n; ++i) {
            const NodeIndex v = static_cast<NodeIndex>(scratch.best_sorted[i]);
            const bool is_left = i < best_k;
            const bool is_end = (m_pos[v] & end_flag) != 0;
            if (is_end && is_left == separator_left)
                separator.push_back(v);
            else
                (is_left ? left : right).nodes.push_back(v);
        }
        const std::size_t sep_lo = cell.rank_lo + n - separator.size();
        for (std::size_t i = 0; i < separator.size(); ++i) {
            m_order[sep_lo + i] = separator[i];
            set_cell(separator[i], done_cell);
        }
        left.rank_lo = cell.rank_lo;
        right.rank_lo = static_cast<NodeIndex>(cell.rank_lo + left.nodes.size());
        emit(std::move(left), scratch);
        emit(std::move(right), scratch);
    }

    /// Splits a disconnected cell into one child per component (consecutive
    /// rank ranges, in order of discovery); false when it is connected.
    bool split_components(const Cell& cell, std::uint32_t id, Scratch& scratch) {
        // Visited nodes carry the next id while the search runs.
        const std::uint32_t seen = m_next_id.fetch_add(1, std::memory_order_relaxed);
        std::vector<Cell> parts;
        std::size_t done = 0;
        for (NodeIndex start : cell.nodes) {
            if (cell_of(start) != id) continue;
            Cell part;
            part.connected = true;
            part.nodes.push_back(start);
            set_cell(start, seen);
            for (std::size_t head = 0; head < part.nodes.size(); ++head) {
                const NodeIndex u = part.nodes[head];
                for (std::uint32_t e = m_graph.first[u]; e < m_graph.first[u + 1]; ++e) {
                    const NodeIndex v = m_graph.adj[e];
                    if (cell_of(v) != id) continue;
                    set_cell(v, seen);
                    part.nodes.push_back(v);
                }
            }
            done += part.nodes.size();
            if (parts.empty() && done == cell.nodes.size()) {
                // Connected: keep the cell's own node order and id.
                for (NodeIndex v : cell.nodes)
                    set_cell(v, id);
                return false;
            }
            parts.push_back(std::move(part));
        }
        NodeIndex rank = cell.rank_lo;
        for (Cell& part : parts) {
            part.rank_lo = rank;
            rank += static_cast<NodeIndex>(part.nodes.size());
            // Children keep their relative order so the result is deterministic.
            std::sort(part.nodes.begin(), part.nodes.end());
            emit(std::move(part), scratch);
        }
        return true;
    }

    UndirectedGraph m_graph;
    std::vector<NodeIndex>& m_order;
    std::vector<std::uint32_t> m_cell; // id of the cell a node is in; done_cell once ranked
    std::vector<std::uint32_t> m_pos;  // sweep position within the node's cell
    std::vector<double> m_x;
    std::vector<double> m_y;
    std::atomic<std::uint32_t> m_next_id{1};

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<Cell> m_shared;
    std::size_t m_pending = 0;
};

} // namespace

std::vector<NodeIndex> compute_nested_dissection_order(const RoadGraph& graph) {
    std::vector<NodeIndex> order(graph.node_count(), invalid_index);
    Dissector dissector(graph, order);
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1U, 2U);
    dissector.run(threads);
    return order;
}

std::vector<NodeIndex> ranks_of_order(std::span<const NodeIndex> order) {
    std::vector<NodeIndex> rank(order.size(), invalid_index);
    for (std::size_t r = 0; r < order.size(); ++r)
        rank[order[r]] = static_cast<NodeIndex>(r);
    return rank;
}

} // namespace breathline::geo::road
