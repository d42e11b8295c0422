// bench_export_graph SPEC OUT_DIR [PAIRS] [SEED]
// Writes the car graph of SPEC ("grid:N" or a road file, see peer_graph.h) for
// the peer engines of scripts/bench-peers.sh, ids = node index + 1:
//   edges.csv      id,source,target,cost,reverse_cost   (seconds; -1 = no such direction)
//   nodes.csv      id,lon,lat                           (EPSG:4326)
//   pairs.csv      source,target                        (PAIRS random pairs, default 1000)
//   sample100.csv, sample1000.csv   one node id per line
// Deterministic for equal arguments (seed default 42).

#include "peer_graph.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using namespace breathline;
using geo::road::ArcIndex;
using geo::road::NodeIndex;
using geo::road::Weight;

std::string seconds(Weight ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%u.%03u", ms / 1000, ms % 1000);
    return text;
}

void write_sample(const std::filesystem::path& path, const std::vector<NodeIndex>& nodes) {
    std::ofstream out(path);
    for (const NodeIndex v : nodes)
        out << v + 1 << '\n';
}

void export_graph(const bench::PeerGraph& peer, const std::filesystem::path& dir) {
    const auto& graph = peer.graph;
    // Arcs back to their road edge: forward (from → to) and reverse cost.
    constexpr Weight none = geo::road::infinite_weight;
    std::vector<Weight> forward(peer.network.edge_count(), none);
    std::vector<Weight> reverse(peer.network.edge_count(), none);
    for (NodeIndex u = 0; u < graph.node_count(); ++u)
        for (ArcIndex a = graph.first_out[u]; a < graph.first_out[u + 1]; ++a) {
            const auto& edge = peer.network.edges[graph.edge[a]];
            // A loop's two arcs have the same ends: the first counts as forward.
            const bool is_forward =
                edge.from == u && (edge.from != edge.to || forward[graph.edge[a]] == none);
            (is_forward ? forward : reverse)[graph.edge[a]] = graph.travel_time_ms[a];
        }
    std::ofstream edges(dir / "edges.csv");
    edges << "id,source,target,cost,reverse_cost\n";
    for (std::size_t e = 0; e < peer.network.edge_count(); ++e) {
        if (forward[e] == none && reverse[e] == none) continue;
        const auto& edge = peer.network.edges[e];
        edges << e + 1 << ',' << edge.from + 1 << ',' << edge.to + 1 << ','
              << (forward[e] == none ? "-1" : seconds(forward[e])) << ','
              << (reverse[e] == none ? "-1" : seconds(reverse[e])) << '\n';
    }
    std::ofstream nodes(dir / "nodes.csv");
    nodes << "id,lon,lat\n";
    nodes.precision(10);
    for (NodeIndex v = 0; v < graph.node_count(); ++v)
        nodes << v + 1 << ',' << graph.node_position[v].lon() << ',' << graph.node_position[v].lat()
              << '\n';
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s grid:N|ROAD_FILE OUT_DIR [PAIRS] [SEED]\n", argv[0]);
        return 2;
    }
    try {
        const std::filesystem::path dir = argv[2];
        std::filesystem::create_directories(dir);
        const std::size_t pair_count = argc > 3 ? std::stoul(argv[3]) : 1000;
        const std::uint64_t seed = argc > 4 ? std::stoull(argv[4]) : 42;
        const bench::PeerGraph peer = bench::load_peer_graph(argv[1]);
        export_graph(peer, dir);
        const bench::PeerSamples samples = bench::draw_peer_samples(peer, pair_count, seed);
        std::ofstream pairs(dir / "pairs.csv");
        pairs << "source,target\n";
        for (const auto& [s, t] : samples.pairs)
            pairs << s + 1 << ',' << t + 1 << '\n';
        write_sample(dir / "sample100.csv", samples.sample100);
        write_sample(dir / "sample1000.csv", samples.sample1000);
        std::printf("nodes=%zu arcs=%zu edges=%zu\n", peer.graph.node_count(),
                    peer.graph.arc_count(), peer.network.edge_count());
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench_export_graph: %s\n", error.what());
        return 1;
    }
    return 0;
}
