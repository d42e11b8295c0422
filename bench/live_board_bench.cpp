// Benchmark (not a test; scripts/bench-live-board.sh prepares the databases): how soon the
// console's operations board shows a change made on another workstation (issue 9), with
// several writers busy at once, on PostgreSQL. The console side is the same Controller the
// app runs (console/ui/live_commands.cpp: change feed → reload → board), without a window.
//
//   bench_live_board FILE CONNINFO [SECONDS] [WRITERS] [EDIT_EVERY]
//
// FILE and CONNINFO hold the same database (the script copies one into the other) with an
// active incident. Printed:
//  - one board refresh (cmd::RefreshBoard) on the SpatiaLite file and on the server, idle,
//    median of 15, and their ratio (the peer is the single-machine file);
//  - with WRITERS writer threads (each its own store session, like a workstation) recording
//    safety checks, every EDIT_EVERY-th write (default 10; 0: none) an edit of a person, for
//    SECONDS: the latency from each
//    write's commit to the end of the console tick that showed it, and the time of those
//    ticks' refreshes.
#include "console/ui/commands.h"
#include "console/ui/jobs.h"
#include "console/ui/live_view.h"
#include "console/ui/view_model.h"
#include "data/model/incident.h"
#include "data/ops/clock.h"
#include "data/store/store.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace breathline;
using Steady = std::chrono::steady_clock;

double ms_since(Steady::time_point t0, Steady::time_point t1) {
    return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

// The console as the app opens it: load on the worker, install on this thread.
struct Console {
    ui::ViewModel view;
    ui::JobRunner jobs;
    ui::Controller controller{view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "bench-console"};

    explicit Console(const std::string& location) {
        controller.apply(ui::cmd::OpenDatabase{location});
        jobs.wait_idle();
        std::string error;
        jobs.poll([&](const std::string&, const std::string& what, const std::string& e) {
            error = what + ": " + e;
        });
        if (!view.loaded) throw std::runtime_error("cannot open " + location + ": " + error);
        if (!view.ops.board) throw std::runtime_error(location + " has no active incident");
    }

    double median_refresh_ms(int runs) {
        std::vector<double> ms;
        for (int i = 0; i < runs; ++i) {
            const auto t0 = Steady::now();
            controller.apply(ui::cmd::RefreshBoard{});
            ms.push_back(ms_since(t0, Steady::now()));
        }
        return percentile(ms, 0.5);
    }
};

struct Commits {
    std::mutex mutex;
    std::vector<Steady::time_point> pending; // committed, not yet shown
    std::atomic<int> total{0};
    std::atomic<int> failed{0};
};

void writer(const std::string& location, int index, int edit_every, Steady::time_point until,
            Commits& commits) {
    auto store = data::open_store(location);
    store->set_actor("bench-writer-" + std::to_string(index));
    const auto incident = store->incidents().active_incident();
    std::vector<data::Person> persons = store->registry().persons();
    std::mt19937 rng(static_cast<unsigned>(index) * 7919u + 1u);
    std::uniform_int_distribution<std::size_t> pick(0, persons.size() - 1);
    int n = 0;
    while (Steady::now() < until) {
        try {
            auto& p = persons[pick(rng)];
            if (edit_every > 0 && ++n % edit_every == 0) {
                // A coordinator correcting a record: the registry rows reload too.
                p.notes = "bench edit " + std::to_string(n);
                store->registry().upsert_person(p);
                p = *store->registry().person(p.id);
            } else {
                data::SafetyCheck c;
                c.incident_id = incident->id;
                c.person_id = p.id;
                c.checked_at = data::ops::format_time(
                    std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
                c.vent_running = true;
                store->incidents().record_check(c);
            }
            const std::lock_guard lock(commits.mutex);
            commits.pending.push_back(Steady::now());
            ++commits.total;
        } catch (const std::exception&) {
            // A row-version refusal when two writers edit the same person: counted, not shown.
            ++commits.failed;
        }
        // About five writes a second per coordinator, far above a phone-based pace.
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_live_board FILE CONNINFO [SECONDS] [WRITERS] [EDIT_EVERY]\n");
        return 2;
    }
    const std::string file = argv[1];
    const std::string server = argv[2];
    const int seconds = argc > 3 ? std::atoi(argv[3]) : 30;
    const int writers = argc > 4 ? std::atoi(argv[4]) : 5;
    const int edit_every = argc > 5 ? std::atoi(argv[5]) : 10;
    try {
        double file_ms = 0;
        {
            Console local(file);
            std::printf("persons on the board: %zu\n", local.view.ops.board->rows.size());
            file_ms = local.median_refresh_ms(15);
        }
        Console live(server);
        if (!live.view.live.attached) throw std::runtime_error("the console did not attach live");
        const double server_ms = live.median_refresh_ms(15);
        std::printf("board refresh, idle, median of 15: SpatiaLite file %.1f ms, PostgreSQL "
                    "%.1f ms, ratio %.2f\n",
                    file_ms, server_ms, server_ms / file_ms);

        Commits commits;
        const auto until = Steady::now() + std::chrono::seconds(seconds);
        std::vector<std::thread> threads;
        for (int i = 0; i < writers; ++i)
            threads.emplace_back(writer, server, i, edit_every, until, std::ref(commits));
        std::vector<double> latency_ms, tick_ms;
        // The app wakes every k_live_poll_interval_s to poll; the bench polls as often, so
        // the figures are the console's own wake-up plus the reload.
        const auto grace = until + std::chrono::seconds(3);
        while (Steady::now() < grace) {
            std::vector<Steady::time_point> before;
            {
                const std::lock_guard lock(commits.mutex);
                before.swap(commits.pending);
            }
            const auto t0 = Steady::now();
            const bool changed = live.controller.tick_live();
            const auto t1 = Steady::now();
            if (changed) {
                tick_ms.push_back(ms_since(t0, t1));
                for (const auto& c : before)
                    latency_ms.push_back(ms_since(c, t1));
            } else {
                // Not shown yet: they wait for the next tick that refreshes.
                const std::lock_guard lock(commits.mutex);
                commits.pending.insert(commits.pending.begin(), before.begin(), before.end());
            }
            if (live.view.live.lost) throw std::runtime_error("the console lost the server");
            std::this_thread::sleep_for(std::chrono::duration<double>(ui::k_live_poll_interval_s));
        }
        for (auto& t : threads)
            t.join();
        std::printf("%d writers for %d s: %d writes committed (%d refused), %zu shown\n", writers,
                    seconds, commits.total.load(), commits.failed.load(), latency_ms.size());
        std::printf("commit → board shown: p50 %.0f ms, p95 %.0f ms, max %.0f ms\n",
                    percentile(latency_ms, 0.5), percentile(latency_ms, 0.95),
                    percentile(latency_ms, 1.0));
        std::printf("refreshing ticks under load: %zu, p50 %.1f ms, p95 %.1f ms (ratio to the "
                    "idle file refresh %.2f)\n",
                    tick_ms.size(), percentile(tick_ms, 0.5), percentile(tick_ms, 0.95),
                    percentile(tick_ms, 0.5) / file_ms);
        return latency_ms.size() == static_cast<std::size_t>(commits.total.load()) ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_live_board: %s\n", e.what());
        return 1;
    }
}
