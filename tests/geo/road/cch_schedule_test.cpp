#include "geo/road/cch.h"
#include "geo/road/cch_schedule.h"
#include "geo/road/grid_generator.h"
#include "geo/road/profile.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <mutex>
#include <vector>

namespace breathline::geo::road {
namespace {

std::vector<NodeIndex> elimination_parents(const CchTopology& topology) {
    std::vector<NodeIndex> parent(topology.node_count());
    for (NodeIndex r = 0; r < topology.node_count(); ++r)
        parent[r] = topology.elimination_parent(r);
    return parent;
}

CchTopology city_topology() {
    GridCityOptions options;
    options.rows = options.cols = 30;
    options.arterial_every = 6;
    options.expressway_every = 12;
    options.ramp_every = 4;
    static const RoadGraph graph = build_road_graph(generate_city_grid(options), Profile::car());
    return CchTopology(graph);
}

// Every rank lies in exactly one unit, ascending within it; a unit is one
// rank or a whole subtree of at most the limit; unit parents follow the
// elimination tree.
TEST(CchTreeSchedule, UnitsPartitionTheTreeIntoSmallSubtreesAndSingleRanks) {
    const CchTopology topology = city_topology();
    const std::vector<NodeIndex> parent = elimination_parents(topology);
    const std::size_t limit = 50;
    const CchTreeSchedule s = make_tree_schedule(parent, limit);
    const std::size_t n = parent.size();
    ASSERT_EQ(s.rank.size(), n);
    std::vector<std::uint32_t> unit_of(n, invalid_index);
    for (std::uint32_t u = 0; u < s.unit_count(); ++u) {
        ASSERT_LT(s.first[u], s.first[u + 1]) << "empty unit " << u;
        for (std::uint32_t i = s.first[u]; i < s.first[u + 1]; ++i) {
            ASSERT_EQ(unit_of[s.rank[i]], invalid_index) << "rank in two units";
            unit_of[s.rank[i]] = u;
            if (i > s.first[u]) {
                EXPECT_LT(s.rank[i - 1], s.rank[i]);
            }
        }
        EXPECT_TRUE(s.first[u + 1] - s.first[u] == 1 || s.first[u + 1] - s.first[u] <= limit);
    }
    std::size_t singles = 0;
    for (std::uint32_t u = 0; u < s.unit_count(); ++u) {
        singles += s.first[u + 1] - s.first[u] == 1 ? 1 : 0;
        // Every rank but the unit's top has its parent inside the unit.
        for (std::uint32_t i = s.first[u]; i + 1 < s.first[u + 1]; ++i)
            EXPECT_EQ(unit_of[parent[s.rank[i]]], u);
        const NodeIndex top = s.rank[s.first[u + 1] - 1];
        EXPECT_EQ(s.parent[u], parent[top] == invalid_index ? invalid_index : unit_of[parent[top]]);
        for (std::uint32_t c = s.child_first[u]; c < s.child_first[u + 1]; ++c)
            EXPECT_EQ(s.parent[s.child[c]], u);
    }
    // A 900-node city has separators above the 50-rank subtrees.
    EXPECT_GT(singles, 10U);
    EXPECT_LT(s.unit_count(), n / 2);
}

// On two threads every rank runs once, after all its children (bottom-up)
// or after its parent (top-down).
TEST(CchTreeSchedule, RunsChildrenBeforeParentsOrTheReverseOnTwoThreads) {
    const CchTopology topology = city_topology();
    const std::vector<NodeIndex> parent = elimination_parents(topology);
    const CchTreeSchedule s = make_tree_schedule(parent, 40);
    const std::size_t n = parent.size();
    for (const bool bottom_up : {true, false}) {
        SCOPED_TRACE(bottom_up ? "bottom-up" : "top-down");
        std::mutex mutex;
        std::vector<std::uint32_t> position(n, invalid_index);
        std::uint32_t next = 0;
        run_tree_schedule(s, bottom_up, 2, [&](NodeIndex r, unsigned t) {
            const std::lock_guard lock(mutex);
            ASSERT_LT(t, 2U);
            ASSERT_EQ(position[r], invalid_index) << "rank " << r << " ran twice";
            position[r] = next++;
        });
        ASSERT_EQ(next, n);
        for (NodeIndex r = 0; r < n; ++r) {
            if (parent[r] == invalid_index) continue;
            if (bottom_up) {
                EXPECT_LT(position[r], position[parent[r]]) << "rank " << r;
            } else {
                EXPECT_GT(position[r], position[parent[r]]) << "rank " << r;
            }
        }
    }
}

} // namespace
} // namespace breathline::geo::road
