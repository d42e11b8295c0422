#pragma once
/// Parallel passes over a CCH elimination tree without level barriers
/// (internal to the CCH implementation). Customization passes need every
/// child processed before its parent (basic customization, bottom-up) or
/// every parent before its children (perfect customization, top-down).
/// Ranks are grouped into units: each maximal subtree of at most
/// `max_unit_ranks` ranks is one unit (processed whole by one thread, in
/// rank order), every other rank (the separators near the top) is a unit of
/// its own. Threads take ready units from a shared queue, so a thread that
/// the operating system pauses delays only its own unit, not a barrier
/// that every thread waits at.

#include "geo/road/road_network.h"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace breathline::geo::road {

/// The units of an elimination tree, built once per topology.
struct CchTreeSchedule {
    /// Ranks of unit u: rank[first[u]] .. rank[first[u+1]-1], ascending.
    std::vector<std::uint32_t> first;
    std::vector<NodeIndex> rank;
    /// Unit of the parent of the unit's highest rank; invalid_index for roots.
    std::vector<std::uint32_t> parent;
    /// Children of unit u: child[child_first[u]] .. child[child_first[u+1]-1].
    std::vector<std::uint32_t> child_first;
    std::vector<std::uint32_t> child;

    std::size_t unit_count() const { return parent.size(); }
};

/// Units for the elimination tree given by `parent` (parent[rank] > rank or
/// invalid_index). O(n).
CchTreeSchedule make_tree_schedule(std::span<const NodeIndex> parent, std::size_t max_unit_ranks);

/// Calls body(rank, thread) for every rank, children before parents
/// (bottom_up) or parents before children (!bottom_up), on `threads` threads
/// (thread = 0 .. threads-1; 1 = the calling thread only). Ranks of one unit
/// run on one thread in ascending (bottom_up) or descending order.
template <typename Body>
void run_tree_schedule(const CchTreeSchedule& s, bool bottom_up, unsigned threads, Body&& body) {
    const std::size_t units = s.unit_count();
    auto run_unit = [&](std::uint32_t u, unsigned t) {
        if (bottom_up) {
            for (std::uint32_t i = s.first[u]; i < s.first[u + 1]; ++i)
                body(s.rank[i], t);
        } else {
            for (std::uint32_t i = s.first[u + 1]; i-- > s.first[u];)
                body(s.rank[i], t);
        }
    };
    std::vector<std::uint32_t> pending(units, 0);
    std::vector<std::uint32_t> ready;
    for (std::uint32_t u = 0; u < units; ++u) {
        pending[u] = s.child_first[u + 1] - s.child_first[u];
        if (bottom_up ? pending[u] == 0 : s.parent[u] == invalid_index) ready.push_back(u);
    }
    // Largest units last: they are taken first.
    std::sort(ready.begin(), ready.end(), [&](std::uint32_t a, std::uint32_t b) {
        return s.first[a + 1] - s.first[a] < s.first[b + 1] - s.first[b];
    });
    auto release = [&](std::uint32_t u, std::vector<std::uint32_t>& out) {
        if (bottom_up) {
            const std::uint32_t p = s.parent[u];
            if (p != invalid_index && --pending[p] == 0) out.push_back(p);
        } else {
            for (std::uint32_t i = s.child_first[u]; i < s.child_first[u + 1]; ++i)
                out.push_back(s.child[i]);
        }
    };
    if (threads <= 1) {
        while (!ready.empty()) {
            const std::uint32_t u = ready.back();
            ready.pop_back();
            run_unit(u, 0);
            release(u, ready);
        }
        return;
    }
    std::mutex mutex;
    std::condition_variable wake;
    std::size_t remaining = units;
    auto worker = [&](unsigned t) {
        std::unique_lock lock(mutex);
        for (;;) {
            wake.wait(lock, [&] { return !ready.empty() || remaining == 0; });
            if (ready.empty()) return;
            const std::uint32_t u = ready.back();
            ready.pop_back();
            lock.unlock();
            run_unit(u, t);
            lock.lock();
            const std::size_t before = ready.size();
            release(u, ready);
            --remaining;
            if (remaining == 0)
                wake.notify_all();
            else if (ready.size() > before + 1)
                wake.notify_all();
            else if (ready.size() > before)
                wake.notify_one();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(worker, t);
    worker(0);
    for (std::thread& th : pool)
        th.join();
}

} // namespace breathline::geo::road
