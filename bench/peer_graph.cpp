#include "peer_graph.h"

#include "data/roads/road_import.h"
#include "geo/random.h"
#include "geo/road/components.h"
#include "geo/road/grid_generator.h"
#include "geo/road/profile.h"

#include <algorithm>
#include <stdexcept>

namespace breathline::bench {

using namespace geo::road;

PeerGraph load_peer_graph(const std::string& spec) {
    PeerGraph peer;
    const std::string grid_prefix = "grid:";
    if (spec.rfind(grid_prefix, 0) == 0) {
        GridCityOptions options;
        options.rows = options.cols =
            static_cast<std::uint32_t>(std::stoul(spec.substr(grid_prefix.size())));
        peer.network = generate_city_grid(options);
        mark_largest_scc(peer.network, Profile::car());
    } else {
        data::RoadImportOptions options;
        options.path = spec;
        // import_roads marks the largest component itself.
        peer.network = data::import_roads(options);
    }
    peer.graph = build_road_graph(peer.network, Profile::car());
    return peer;
}

PeerSamples draw_peer_samples(const PeerGraph& peer, std::size_t pair_count, std::uint64_t seed) {
    std::vector<NodeIndex> candidates;
    for (NodeIndex v = 0; v < peer.graph.node_count(); ++v)
        if (v < peer.network.in_largest_component.size() && peer.network.in_largest_component[v])
            candidates.push_back(v);
    if (candidates.size() < 2) throw std::invalid_argument("graph has no component to sample");
    geo::Rng rng(seed);
    const auto last = static_cast<std::int64_t>(candidates.size()) - 1;
    PeerSamples samples;
    while (samples.pairs.size() < pair_count) {
        const NodeIndex s = candidates[static_cast<std::size_t>(rng.uniform_int(0, last))];
        const NodeIndex t = candidates[static_cast<std::size_t>(rng.uniform_int(0, last))];
        if (s != t) samples.pairs.emplace_back(s, t);
    }
    // Partial Fisher-Yates: the first k of one shuffle, so sample100 is a prefix of sample1000.
    std::vector<NodeIndex> shuffled = candidates;
    const std::size_t k = std::min<std::size_t>(1000, shuffled.size());
    for (std::size_t i = 0; i < k; ++i) {
        const auto j =
            static_cast<std::size_t>(rng.uniform_int(static_cast<std::int64_t>(i), last));
        std::swap(shuffled[i], shuffled[j]);
    }
    samples.sample1000.assign(shuffled.begin(), shuffled.begin() + static_cast<std::ptrdiff_t>(k));
    samples.sample100.assign(samples.sample1000.begin(),
                             samples.sample1000.begin() +
                                 static_cast<std::ptrdiff_t>(std::min<std::size_t>(100, k)));
    return samples;
}

} // namespace breathline::bench
