#pragma once
/// Shared by the peer-comparison tools (scripts/bench-peers.sh): the car graph
/// of one benchmark input and the node samples every engine is timed on.

#include "geo/road/road_graph.h"
#include "geo/road/road_network.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace breathline::bench {

/// The car graph of one benchmark input and the network it came from.
struct PeerGraph {
    geo::road::RoadNetwork network;
    geo::road::RoadGraph graph;
};

/// `spec` is "grid:N" (generate_city_grid, N × N grid nodes, seed 1) or the
/// path of a road file import_roads() reads (OSM PBF/XML, ...). Builds the
/// car graph and marks the largest strongly connected component. Throws
/// DataError or std::invalid_argument for a bad spec or file.
PeerGraph load_peer_graph(const std::string& spec);

/// Deterministic samples (geo::Rng with `seed`) drawn from the nodes of the
/// largest component, so that every pair is reachable in every engine.
struct PeerSamples {
    std::vector<std::pair<geo::road::NodeIndex, geo::road::NodeIndex>> pairs;
    std::vector<geo::road::NodeIndex> sample100;
    std::vector<geo::road::NodeIndex> sample1000;
};

/// `pair_count` random (source, target) pairs with source != target, and
/// 100- and 1000-node samples without repetition (fewer when the component
/// is smaller). Pure; deterministic for equal arguments.
PeerSamples draw_peer_samples(const PeerGraph& peer, std::size_t pair_count, std::uint64_t seed);

} // namespace breathline::bench
