#include "geo/road/components.h"

#include <algorithm>
#include <functional>

namespace breathline::geo::road {

StronglyConnectedComponents strongly_connected_components(const RoadGraph& graph) {
    const std::size_t n = graph.node_count();
    StronglyConnectedComponents result;
    result.component.assign(n, invalid_index);
    // Tarjan with an explicit call stack: each frame is a node and the next
    // out-arc to look at. Recursion would overflow on long chains (a street
    // grid of a million nodes has DFS paths that long).
    std::vector<std::uint32_t> index(n, invalid_index);
    std::vector<std::uint32_t> lowlink(n, 0);
    std::vector<bool> on_stack(n, false);
    std::vector<NodeIndex> tarjan_stack;
    struct Frame {
        NodeIndex node;
        ArcIndex next_arc;
    };
    std::vector<Frame> call_stack;
    std::uint32_t next_index = 0;

    for (NodeIndex root = 0; root < n; ++root) {
        if (index[root] != invalid_index) continue;
        call_stack.push_back({root, graph.first_out[root]});
        index[root] = lowlink[root] = next_index++;
        tarjan_stack.push_back(root);
        on_stack[root] = true;
        while (!call_stack.empty()) {
            Frame& f = call_stack.back();
            const NodeIndex u = f.node;
            if (f.next_arc < graph.first_out[u + 1]) {
                const NodeIndex v = graph.head[f.next_arc++];
                if (index[v] == invalid_index) {
                    index[v] = lowlink[v] = next_index++;
                    tarjan_stack.push_back(v);
                    on_stack[v] = true;
                    call_stack.push_back({v, graph.first_out[v]}); // invalidates f
                } else if (on_stack[v]) {
                    lowlink[u] = std::min(lowlink[u], index[v]);
                }
                continue;
            }
            // All arcs of u done: "return" to the caller.
            if (lowlink[u] == index[u]) {
                const std::uint32_t c = result.count++;
                std::uint32_t size = 0;
                NodeIndex w = invalid_index;
                do {
                    w = tarjan_stack.back();
                    tarjan_stack.pop_back();
                    on_stack[w] = false;
                    result.component[w] = c;
                    ++size;
                } while (w != u);
                result.sizes.push_back(size);
            }
            call_stack.pop_back();
            if (!call_stack.empty()) {
                const NodeIndex parent = call_stack.back().node;
                lowlink[parent] = std::min(lowlink[parent], lowlink[u]);
            }
        }
    }
    for (std::uint32_t c = 0; c < result.count; ++c)
        if (result.largest == invalid_index || result.sizes[c] > result.sizes[result.largest])
            result.largest = c;
    return result;
}

namespace {

// The largest component's nodes, and its report; shared by both entry points.
ComponentReport largest_component(const RoadNetwork& network, const Profile& profile,
                                  std::vector<bool>& in_largest) {
    const RoadGraph graph = build_road_graph(network, profile);
    const StronglyConnectedComponents scc = strongly_connected_components(graph);
    ComponentReport report;
    report.component_count = scc.count;
    in_largest.assign(network.node_count(), false);
    // A lone node is no road network: when even the largest component is a
    // single node (no usable arcs at all), nothing is marked.
    const bool has_network = scc.largest != invalid_index && scc.sizes[scc.largest] > 1;
    for (std::size_t v = 0; v < network.node_count() && has_network; ++v)
        if (scc.component[v] == scc.largest) in_largest[v] = true;
    for (std::uint32_t c = 0; c < scc.count; ++c) {
        if (c == scc.largest) {
            report.largest_size = scc.sizes[c];
        } else {
            report.other_sizes.push_back(scc.sizes[c]);
            report.nodes_outside += scc.sizes[c];
        }
    }
    std::sort(report.other_sizes.begin(), report.other_sizes.end(), std::greater<>());
    return report;
}

} // namespace

ComponentReport mark_largest_scc(RoadNetwork& network, const Profile& car) {
    std::vector<bool> marks;
    ComponentReport report = largest_component(network, car, marks);
    network.in_largest_component = std::move(marks);
    return report;
}

std::vector<bool> largest_component_nodes(const RoadNetwork& network, const Profile& profile) {
    std::vector<bool> marks;
    largest_component(network, profile, marks);
    return marks;
}

} // namespace breathline::geo::road
