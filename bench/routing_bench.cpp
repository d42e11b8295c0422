// Routing on a generated city (generate_city_grid, 1000 × 1000 = 1,000,000 grid nodes by
// default; BREATHLINE_BENCH_GRID=200 for a quick run): metric-independent ordering, CCH
// topology, graph file load, customization (basic + perfect, with the pruned search
// graphs), re-customization after closing 10 edges or 1% of the edges, one-to-one queries
// (CCH vs Dijkstra vs A* on the same random pairs; Dijkstra and A* on the first
// BREATHLINE_BENCH_REF_PAIRS pairs, default 100, since each takes ~0.1 s here), and
// 100×100 and 1000×1000 matrices. Each benchmark runs one measured pass and reports its
// figures as counters:
//   bench_routing --benchmark_counters_tabular=true
// Read Query/Dijkstra's and Query/AStar's "x_cch" counter as "times slower than CCH", and
// the cpu_s counters as CPU seconds of all threads (wall times swing with other processes
// on a shared machine; CPU time is what the work costs).

#include "data/roads/graph_file.h"
#include "geo/random.h"
#include "geo/road/cch.h"
#include "geo/road/cch_order.h"
#include "geo/road/dijkstra.h"
#include "geo/road/grid_generator.h"
#include "geo/road/many_to_many.h"
#include "geo/road/profile.h"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace breathline::geo::road;
using breathline::geo::Rng;
using Clock = std::chrono::steady_clock;

std::uint32_t env_or(const char* name, std::uint32_t fallback) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return fallback;
    return static_cast<std::uint32_t>(std::strtoul(value, nullptr, 10));
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// CPU seconds of the whole process (all threads) so far. On a loaded
/// machine, wall times of the parallel phases swing with other processes;
/// CPU time says what the work itself costs.
double process_cpu_s() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

/// Everything built once, in phase order, with the time each phase took.
struct City {
    RoadNetwork network;
    RoadGraph graph;
    std::vector<NodeIndex> order;
    std::unique_ptr<CchTopology> topology;
    std::unique_ptr<CchMetric> metric;
    std::vector<Weight> closed_weights;
    std::vector<ArcIndex> closed_arcs;
    // A coordinator's closures: 10 random road edges (all their arcs).
    std::vector<ArcIndex> few_closed_arcs;
    double order_s = 0;
    double topology_s = 0;
    double customize_s = 0;
    double customize_cpu_s = 0;
    std::vector<std::pair<NodeIndex, NodeIndex>> pairs;
    double cch_median_us = 0;
};

City& city() {
    static City c = [] {
        City city;
        GridCityOptions options;
        options.rows = options.cols = env_or("BREATHLINE_BENCH_GRID", 1000);
        city.network = generate_city_grid(options);
        city.graph = build_road_graph(city.network, Profile::car());
        auto start = Clock::now();
        city.order = compute_nested_dissection_order(city.graph);
        city.order_s = seconds_since(start);
        start = Clock::now();
        city.topology = std::make_unique<CchTopology>(city.graph, city.order);
        city.topology_s = seconds_since(start);
        start = Clock::now();
        const double cpu_start = process_cpu_s();
        city.metric = std::make_unique<CchMetric>(*city.topology, city.graph.travel_time_ms);
        city.customize_s = seconds_since(start);
        city.customize_cpu_s = process_cpu_s() - cpu_start;
        Rng rng(42);
        const auto n = static_cast<std::int64_t>(city.graph.node_count());
        for (int i = 0; i < 1000; ++i)
            city.pairs.emplace_back(static_cast<NodeIndex>(rng.uniform_int(0, n - 1)),
                                    static_cast<NodeIndex>(rng.uniform_int(0, n - 1)));
        // 1% of the road edges closed, every arc of each.
        std::vector<bool> closed(city.network.edge_count(), false);
        const auto m = static_cast<std::int64_t>(city.network.edge_count());
        for (std::size_t i = 0; i < city.network.edge_count() / 100; ++i)
            closed[static_cast<std::size_t>(rng.uniform_int(0, m - 1))] = true;
        city.closed_weights = city.graph.travel_time_ms;
        for (std::size_t a = 0; a < city.graph.arc_count(); ++a)
            if (closed[city.graph.edge[a]]) {
                city.closed_weights[a] = infinite_weight;
                city.closed_arcs.push_back(static_cast<ArcIndex>(a));
            }
        std::vector<bool> few(city.network.edge_count(), false);
        for (int i = 0; i < 10; ++i)
            few[static_cast<std::size_t>(rng.uniform_int(0, m - 1))] = true;
        for (std::size_t a = 0; a < city.graph.arc_count(); ++a)
            if (few[city.graph.edge[a]]) city.few_closed_arcs.push_back(static_cast<ArcIndex>(a));
        return city;
    }();
    return c;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void report_one_pass(benchmark::State& state, double seconds) {
    state.SetIterationTime(seconds);
}

void bm_preprocessing(benchmark::State& state) {
    City& c = city();
    for (auto _ : state)
        report_one_pass(state, c.order_s + c.topology_s);
    state.counters["nodes"] = static_cast<double>(c.graph.node_count());
    state.counters["arcs"] = static_cast<double>(c.graph.arc_count());
    state.counters["order_s"] = c.order_s;
    state.counters["topology_s"] = c.topology_s;
    state.counters["first_customize_s"] = c.customize_s;
    state.counters["first_customize_cpu_s"] = c.customize_cpu_s;
    state.counters["cch_arcs"] = static_cast<double>(c.topology->arc_count());
    state.counters["tree_height"] = static_cast<double>(c.topology->elimination_tree_height());
    state.counters["topology_MB"] = static_cast<double>(c.topology->memory_bytes()) / 1e6;
    double triangles = 0;
    for (NodeIndex r = 0; r < c.topology->node_count(); ++r) {
        const double d = c.topology->up_first_out()[r + 1] - c.topology->up_first_out()[r];
        triangles += d * (d - 1) / 2;
    }
    state.counters["triangles"] = triangles;
    state.counters["fwd_arcs"] = static_cast<double>(c.metric->forward_graph().arcs.size());
    state.counters["bwd_arcs"] = static_cast<double>(c.metric->backward_graph().arcs.size());
    state.counters["metric_MB"] = static_cast<double>(c.metric->memory_bytes()) / 1e6;
}

void bm_customize(benchmark::State& state) {
    City& c = city();
    const bool closures = state.range(0) != 0;
    double cpu = 0;
    for (auto _ : state) {
        const auto start = Clock::now();
        const double cpu_start = process_cpu_s();
        c.metric->customize(closures ? c.closed_weights : c.graph.travel_time_ms);
        state.SetIterationTime(seconds_since(start));
        cpu += process_cpu_s() - cpu_start;
    }
    state.counters["cpu_s"] = cpu / static_cast<double>(state.iterations());
    c.metric->customize(c.graph.travel_time_ms);
    state.SetLabel(closures ? "1% of edges closed" : "free flow");
}

/// Partial re-customization: range(0) = 0 closes 10 edges and reopens them
/// (customize_changed, both steps timed, reported per step), 1 closes 1% of
/// the edges and reopens them.
void bm_customize_changed(benchmark::State& state) {
    City& c = city();
    const bool many = state.range(0) != 0;
    std::vector<Weight> closed = c.graph.travel_time_ms;
    for (ArcIndex a : c.few_closed_arcs)
        closed[a] = infinite_weight;
    std::size_t evaluated = 0;
    double cpu = 0;
    for (auto _ : state) {
        const auto start = Clock::now();
        const double cpu_start = process_cpu_s();
        if (many) {
            evaluated = c.metric->customize_changed(c.closed_weights, c.closed_arcs);
            c.metric->customize_changed(c.graph.travel_time_ms, c.closed_arcs);
        } else {
            evaluated = c.metric->customize_changed(closed, c.few_closed_arcs);
            c.metric->customize_changed(c.graph.travel_time_ms, c.few_closed_arcs);
        }
        state.SetIterationTime(seconds_since(start) / 2);
        cpu += (process_cpu_s() - cpu_start) / 2;
    }
    state.counters["cpu_s"] = cpu / static_cast<double>(state.iterations());
    state.counters["arcs_evaluated"] = static_cast<double>(evaluated);
    state.SetLabel(many ? "1% of edges, customize_changed()" : "10 edges, customize_changed()");
}

void bm_query_cch(benchmark::State& state) {
    City& c = city();
    CchQuery query(*c.metric);
    std::vector<double> times;
    for (auto _ : state) {
        times.clear();
        const auto all = Clock::now();
        for (const auto& [s, t] : c.pairs) {
            const auto start = Clock::now();
            benchmark::DoNotOptimize(query.route(s, t));
            times.push_back(
                std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        }
        state.SetIterationTime(seconds_since(all));
    }
    c.cch_median_us = median(times);
    state.counters["median_us"] = c.cch_median_us;
    state.counters["pairs"] = static_cast<double>(times.size());
}

template <typename Query> void bm_query_reference(benchmark::State& state) {
    City& c = city();
    Query query(c.graph);
    const std::size_t pairs =
        std::min<std::size_t>(c.pairs.size(), env_or("BREATHLINE_BENCH_REF_PAIRS", 100));
    std::vector<double> times;
    for (auto _ : state) {
        times.clear();
        const auto all = Clock::now();
        for (std::size_t i = 0; i < pairs; ++i) {
            const auto start = Clock::now();
            benchmark::DoNotOptimize(query.route(c.pairs[i].first, c.pairs[i].second));
            times.push_back(
                std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        }
        state.SetIterationTime(seconds_since(all));
    }
    state.counters["median_us"] = median(times);
    state.counters["pairs"] = static_cast<double>(times.size());
    if (c.cch_median_us > 0) state.counters["x_cch"] = median(times) / c.cch_median_us;
}

void bm_matrix(benchmark::State& state) {
    City& c = city();
    const auto size = static_cast<std::size_t>(state.range(0));
    Rng rng(static_cast<std::uint64_t>(size));
    const auto n = static_cast<std::int64_t>(c.graph.node_count());
    std::vector<NodeIndex> sources(size);
    std::vector<NodeIndex> targets(size);
    for (NodeIndex& s : sources)
        s = static_cast<NodeIndex>(rng.uniform_int(0, n - 1));
    for (NodeIndex& t : targets)
        t = static_cast<NodeIndex>(rng.uniform_int(0, n - 1));
    double cpu = 0;
    for (auto _ : state) {
        const auto start = Clock::now();
        const double cpu_start = process_cpu_s();
        benchmark::DoNotOptimize(many_to_many(*c.metric, sources, targets));
        state.SetIterationTime(seconds_since(start));
        cpu += process_cpu_s() - cpu_start;
    }
    state.counters["cpu_s"] = cpu / static_cast<double>(state.iterations());
}

/// Graph file (data/roads/graph_file.h) written once, then read back five
/// times; reports the median read and the CCH topology build that follows
/// a load.
void bm_graph_load(benchmark::State& state) {
    City& c = city();
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() /
        ("bench_routing_" + std::to_string(c.graph.node_count()) + ".graph");
    const std::string hash(64, '0');
    breathline::data::write_graph_file(file, c.graph, hash, c.order);
    std::vector<double> times;
    for (auto _ : state) {
        times.clear();
        for (int i = 0; i < 5; ++i) {
            std::vector<NodeIndex> order;
            const auto start = Clock::now();
            auto graph = breathline::data::read_graph_file(file, hash, nullptr, &order);
            times.push_back(seconds_since(start));
            if (!graph || graph->arc_count() != c.graph.arc_count())
                state.SkipWithError("graph file did not read back");
        }
        state.SetIterationTime(median(times));
    }
    state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(file)) / 1e6;
    state.counters["topology_s"] = c.topology_s;
    std::filesystem::remove(file);
}

BENCHMARK(bm_preprocessing)
    ->Name("CCH/Preprocessing")
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(bm_graph_load)
    ->Name("GraphFile/Load")
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(bm_customize)
    ->Name("CCH/Customize")
    ->Arg(0)
    ->Arg(1)
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(bm_customize_changed)
    ->Name("CCH/CustomizeChanged")
    ->Arg(0)
    ->Arg(1)
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(bm_query_cch)
    ->Name("Query/CCH")
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(bm_query_reference<DijkstraQuery>)
    ->Name("Query/Dijkstra")
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(bm_query_reference<AStarQuery>)
    ->Name("Query/AStar")
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(bm_matrix)->Name("Matrix")->Arg(100)->Arg(1000)->UseManualTime()->Iterations(1)->Unit(
    benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
