// bench_peer_ours SPEC DIR
// Our side of scripts/bench-peers.sh on the graph bench_export_graph wrote to
// DIR from the same SPEC: reads DIR/pairs.csv and DIR/sample{100,1000}.csv
// (ids = node index + 1) and measures CCH ordering + topology, customization,
// re-customization after closing 1% of the edges, one-to-one queries (median),
// 100×100 and 1000×1000 matrices (sample × same sample, as
// pgr_dijkstraCostMatrix does), memory and graph file load time. Prints the
// figures as key=value lines and a table; writes DIR/ours_pairs.csv and
// DIR/ours_m100.csv (source,target,cost in seconds) for the answer check.

#include "data/roads/graph_file.h"
#include "geo/random.h"
#include "geo/road/cch.h"
#include "geo/road/cch_order.h"
#include "geo/road/dijkstra.h"
#include "geo/road/many_to_many.h"
#include "peer_graph.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace {

using namespace breathline;
using namespace breathline::geo::road;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

std::vector<NodeIndex> read_ids(const std::filesystem::path& path, bool header) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::vector<NodeIndex> ids;
    std::string line;
    if (header) std::getline(in, line);
    while (std::getline(in, line)) {
        std::size_t start = 0;
        while (start < line.size()) {
            const std::size_t comma = std::min(line.find(',', start), line.size());
            ids.push_back(
                static_cast<NodeIndex>(std::stoul(line.substr(start, comma - start)) - 1));
            start = comma + 1;
        }
    }
    return ids;
}

std::string cost_s(Weight ms) {
    if (ms == infinite_weight) return "inf";
    char text[32];
    std::snprintf(text, sizeof text, "%u.%03u", ms / 1000, ms % 1000);
    return text;
}

void figure(const char* key, double value, const char* unit) {
    // Counts print in full; times and sizes to four digits.
    if (value == static_cast<double>(static_cast<long long>(value)) && value >= 1e4)
        std::printf("%s=%lld\t# %s\n", key, static_cast<long long>(value), unit);
    else
        std::printf("%s=%.4g\t# %s\n", key, value, unit);
}

std::size_t graph_bytes(const RoadGraph& g) {
    return g.first_out.size() * sizeof(ArcIndex) + g.head.size() * sizeof(NodeIndex) +
           g.travel_time_ms.size() * sizeof(Weight) + g.length_m.size() * sizeof(float) +
           g.edge.size() * sizeof(EdgeIndex) + g.node_position.size() * sizeof(geo::LonLat);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s grid:N|ROAD_FILE DIR\n", argv[0]);
        return 2;
    }
    try {
        const std::filesystem::path dir = argv[2];
        auto start = Clock::now();
        const bench::PeerGraph peer = bench::load_peer_graph(argv[1]);
        const RoadGraph& graph = peer.graph;
        figure("import_s", seconds_since(start), "s, import or generate + build_road_graph");
        figure("nodes", static_cast<double>(graph.node_count()), "nodes");
        figure("arcs", static_cast<double>(graph.arc_count()), "arcs");

        start = Clock::now();
        const std::vector<NodeIndex> order = compute_nested_dissection_order(graph);
        const double order_s = seconds_since(start);
        start = Clock::now();
        const CchTopology topology(graph, order);
        const double topology_s = seconds_since(start);
        figure("order_s", order_s, "s, nested dissection order");
        figure("topology_s", topology_s, "s, CCH contraction");
        figure("preprocessing_s", order_s + topology_s, "s, metric-independent");

        start = Clock::now();
        CchMetric metric(topology, graph.travel_time_ms);
        figure("customize_s", seconds_since(start), "s, first customization");

        // 1% of the road edges closed (every arc of each), as bench_routing does.
        geo::Rng rng(7);
        std::vector<bool> closed(peer.network.edge_count(), false);
        const auto m = static_cast<std::int64_t>(peer.network.edge_count());
        for (std::size_t i = 0; i < peer.network.edge_count() / 100; ++i)
            closed[static_cast<std::size_t>(rng.uniform_int(0, m - 1))] = true;
        std::vector<Weight> closed_weights = graph.travel_time_ms;
        for (std::size_t a = 0; a < graph.arc_count(); ++a)
            if (closed[graph.edge[a]]) closed_weights[a] = infinite_weight;
        start = Clock::now();
        metric.customize(closed_weights);
        figure("recustomize_s", seconds_since(start), "s, after closing 1% of edges");
        metric.customize(graph.travel_time_ms);

        const std::vector<NodeIndex> pair_ids = read_ids(dir / "pairs.csv", true);
        CchQuery query(metric);
        std::vector<double> route_us;
        std::vector<double> time_us;
        std::ofstream pairs_out(dir / "ours_pairs.csv");
        pairs_out << "source,target,cost\n";
        for (std::size_t i = 0; i + 1 < pair_ids.size(); i += 2) {
            const NodeIndex s = pair_ids[i];
            const NodeIndex t = pair_ids[i + 1];
            auto q = Clock::now();
            const RouteResult route = query.route(s, t);
            route_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - q).count());
            q = Clock::now();
            const Weight ms = query.time_ms(s, t);
            time_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - q).count());
            if (route.reachable && route.time_ms != ms)
                std::fprintf(stderr, "route/time_ms disagree on %u→%u\n", s + 1, t + 1);
            pairs_out << s + 1 << ',' << t + 1 << ',' << cost_s(ms) << '\n';
        }
        figure("pairs", static_cast<double>(route_us.size()), "pairs");
        figure("one_to_one_us", median(route_us), "us, median, with path");
        figure("one_to_one_time_only_us", median(time_us), "us, median, time only");

        std::vector<double> dijkstra_us;
        DijkstraQuery dijkstra(graph);
        for (std::size_t i = 0; i + 1 < pair_ids.size() && i < 40; i += 2) {
            const auto q = Clock::now();
            const RouteResult route = dijkstra.route(pair_ids[i], pair_ids[i + 1]);
            dijkstra_us.push_back(
                std::chrono::duration<double, std::micro>(Clock::now() - q).count());
            if (route.time_ms != query.time_ms(pair_ids[i], pair_ids[i + 1]))
                std::fprintf(stderr, "Dijkstra and CCH disagree on pair %zu\n", i / 2);
        }
        figure("dijkstra_us", median(dijkstra_us), "us, median of our Dijkstra (20 pairs)");

        const std::vector<NodeIndex> s100 = read_ids(dir / "sample100.csv", false);
        const std::vector<NodeIndex> s1000 = read_ids(dir / "sample1000.csv", false);
        start = Clock::now();
        const std::vector<Weight> m100 = many_to_many(metric, s100, s100);
        figure("matrix100_s", seconds_since(start), "s, 100x100");
        start = Clock::now();
        const std::vector<Weight> m1000 = many_to_many(metric, s1000, s1000);
        figure("matrix1000_s", seconds_since(start), "s, 1000x1000");
        std::ofstream m100_out(dir / "ours_m100.csv");
        m100_out << "source,target,cost\n";
        for (std::size_t i = 0; i < s100.size(); ++i)
            for (std::size_t j = 0; j < s100.size(); ++j)
                if (i != j)
                    m100_out << s100[i] + 1 << ',' << s100[j] + 1 << ','
                             << cost_s(m100[i * s100.size() + j]) << '\n';

        const std::filesystem::path file = dir / "ours.graph";
        // Any 64-hex-digit content hash: this file is only read back here.
        const std::string hash(64, '0');
        data::write_graph_file(file, graph, hash);
        std::vector<double> load_ms;
        for (int i = 0; i < 5; ++i) {
            const auto q = Clock::now();
            const auto loaded = data::read_graph_file(file, hash);
            load_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - q).count());
            if (!loaded) throw std::runtime_error("graph file did not read back");
        }
        std::filesystem::remove(file);
        figure("graph_load_ms", median(load_ms), "ms, median of 5 reads of the graph file");
        figure("graph_MB", static_cast<double>(graph_bytes(graph)) / 1e6, "MB, RoadGraph");
        figure("topology_MB", static_cast<double>(topology.memory_bytes()) / 1e6, "MB");
        figure("metric_MB", static_cast<double>(metric.memory_bytes()) / 1e6, "MB");
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        figure("peak_rss_MB", static_cast<double>(usage.ru_maxrss) / 1e3, "MB, whole process");
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench_peer_ours: %s\n", error.what());
        return 1;
    }
    return 0;
}
