#include "geo/road/cch_schedule.h"

namespace breathline::geo::road {

CchTreeSchedule make_tree_schedule(std::span<const NodeIndex> parent, std::size_t max_unit_ranks) {
    const std::size_t n = parent.size();
    // Subtree sizes: every child has a lower rank than its parent.
    std::vector<std::uint32_t> size(n, 1);
    for (std::size_t r = 0; r < n; ++r)
        if (parent[r] != invalid_index) size[parent[r]] += size[r];
    // Units from the top down: a rank with a large subtree is a unit of its
    // own, the root of a small subtree starts a unit, the rest join their
    // parent's.
    std::vector<std::uint32_t> unit_of(n, 0);
    std::uint32_t units = 0;
    for (std::size_t r = n; r-- > 0;) {
        const NodeIndex p = parent[r];
        if (size[r] > max_unit_ranks || p == invalid_index || size[p] > max_unit_ranks)
            unit_of[r] = units++;
        else
            unit_of[r] = unit_of[p];
    }
    CchTreeSchedule s;
    s.first.assign(units + 1, 0);
    for (std::size_t r = 0; r < n; ++r)
        ++s.first[unit_of[r] + 1];
    for (std::uint32_t u = 0; u < units; ++u)
        s.first[u + 1] += s.first[u];
    s.rank.resize(n);
    {
        std::vector<std::uint32_t> fill(s.first.begin(), s.first.end() - 1);
        for (std::size_t r = 0; r < n; ++r)
            s.rank[fill[unit_of[r]]++] = static_cast<NodeIndex>(r);
    }
    s.parent.assign(units, invalid_index);
    s.child_first.assign(units + 1, 0);
    for (std::uint32_t u = 0; u < units; ++u) {
        // The unit's highest rank is its subtree root.
        const NodeIndex top = s.rank[s.first[u + 1] - 1];
        if (parent[top] == invalid_index) continue;
        s.parent[u] = unit_of[parent[top]];
        ++s.child_first[s.parent[u] + 1];
    }
    for (std::uint32_t u = 0; u < units; ++u)
        s.child_first[u + 1] += s.child_first[u];
    s.child.resize(s.child_first[units]);
    {
        std::vector<std::uint32_t> fill(s.child_first.begin(), s.child_first.end() - 1);
        for (std::uint32_t u = 0; u < units; ++u)
            if (s.parent[u] != invalid_index) s.child[fill[s.parent[u]]++] = u;
    }
    return s;
}

} // namespace breathline::geo::road
