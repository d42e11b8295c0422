#pragma once
/// Strongly connected components of a road graph. A node outside the largest
/// component can be left or not reached again (a one-way trap, an island cut
/// off by missing data), so routing snaps only onto the largest one.

#include "geo/road/profile.h"
#include "geo/road/road_graph.h"
#include "geo/road/road_network.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace breathline::geo::road {

/// Component of every node: component[v] in [0, count). Numbering is
/// deterministic for a given graph (Tarjan order: a component gets its number
/// when it is completed). Every node belongs to exactly one component; a node
/// without usable arcs is a component of its own.
struct StronglyConnectedComponents {
    std::vector<std::uint32_t> component; ///< size node_count
    std::uint32_t count = 0;
    /// Number of nodes in each component, size count.
    std::vector<std::uint32_t> sizes;
    /// The component with the most nodes (the lowest number on a tie);
    /// invalid_index for an empty graph.
    std::uint32_t largest = invalid_index;
};

/// Tarjan's algorithm, iterative (an explicit stack instead of recursion, so
/// a 1,000,000-node graph cannot overflow the call stack). O(nodes + arcs)
/// time and memory. Arcs are used whatever their weight (closures are not a
/// topology change). Pure; thread-safe.
StronglyConnectedComponents strongly_connected_components(const RoadGraph& graph);

/// What mark_largest_scc found.
struct ComponentReport {
    std::size_t component_count = 0; ///< all components, singletons included
    std::size_t largest_size = 0;    ///< nodes in the largest component
    /// Sizes of the other components, largest first.
    std::vector<std::size_t> other_sizes;
    /// Nodes outside the largest component (sum of other_sizes).
    std::size_t nodes_outside = 0;
};

/// Builds `car`'s graph of `network` (any profile works; the stored flag is
/// the car's), finds its strongly connected components
/// and sets network.in_largest_component (resized to node_count) to true
/// exactly for the nodes of the largest one. Nodes that no car-usable edge
/// touches count as singleton components and are marked false. Not
/// thread-safe with respect to `network` (it writes it).
ComponentReport mark_largest_scc(RoadNetwork& network, const Profile& car);

/// Nodes of the largest strongly connected component of `profile`'s graph
/// of `network` (size node_count, true = in it), by the same rules as
/// mark_largest_scc: walking uses both directions and footways, so its
/// component differs from the car's. All false when no node has a usable
/// arc. Pure; thread-safe. O(nodes + edges).
std::vector<bool> largest_component_nodes(const RoadNetwork& network, const Profile& profile);

} // namespace breathline::geo::road
