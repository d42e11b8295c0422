#include "tests/geo/road/ascii_grid.h"

#include "geo/projection.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace breathline::geo::road::testing {

namespace {

bool is_node_char(char ch) {
    return ch != 'v' && std::isalnum(static_cast<unsigned char>(ch)) != 0;
}
bool is_horizontal(char ch) {
    return ch == '-' || ch == '<' || ch == '>';
}
bool is_vertical(char ch) {
    return ch == '|' || ch == 'v' || ch == '^';
}

[[noreturn]] void fail(std::size_t line, std::size_t col, const std::string& what) {
    throw std::invalid_argument("ASCII grid line " + std::to_string(line + 1) + ", column " +
                                std::to_string(col + 1) + ": " + what);
}

std::vector<std::string> split_drawing(std::string_view drawing) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= drawing.size()) {
        const std::size_t end = std::min(drawing.find('\n', start), drawing.size());
        std::string line(drawing.substr(start, end - start));
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r'))
            line.pop_back();
        lines.push_back(line);
        start = end + 1;
    }
    while (!lines.empty() && lines.front().empty())
        lines.erase(lines.begin());
    while (!lines.empty() && lines.back().empty())
        lines.pop_back();
    std::size_t indent = std::string::npos;
    for (const std::string& l : lines)
        if (!l.empty()) indent = std::min(indent, l.find_first_not_of(' '));
    for (std::string& l : lines)
        l = l.size() >= indent ? l.substr(indent) : std::string();
    return lines;
}

struct Pending {
    char a, b;
    Oneway oneway;
};

} // namespace

NodeIndex AsciiGrid::node(char name) const {
    const auto it = nodes.find(name);
    if (it == nodes.end())
        throw std::out_of_range(std::string("ASCII grid has no node '") + name + "'");
    return it->second;
}

EdgeIndex AsciiGrid::edge(char a, char b) const {
    const NodeIndex na = node(a);
    const NodeIndex nb = node(b);
    for (std::size_t e = 0; e < network.edges.size(); ++e) {
        const RoadEdge& edge = network.edges[e];
        if ((edge.from == na && edge.to == nb) || (edge.from == nb && edge.to == na))
            return static_cast<EdgeIndex>(e);
    }
    throw std::out_of_range(std::string("ASCII grid has no edge ") + a + "-" + b);
}

LonLat AsciiGrid::near(char name, double east_m, double north_m) const {
    node(name); // throws for an unknown name
    const PlaneXY p = plane.at(name);
    return PlaneProjector().to_lonlat({p.x_east_m + east_m, p.y_north_m + north_m});
}

AsciiGrid parse_ascii_grid(std::string_view drawing, const AsciiGridOptions& options) {
    const std::vector<std::string> lines = split_drawing(drawing);
    const PlaneProjector projector;
    const PlaneXY origin = projector.to_plane(options.origin);
    const double dx = options.cell_m / 4.0;
    const double dy = options.cell_m / 2.0;

    AsciiGrid grid;
    std::vector<std::vector<bool>> used(lines.size());
    for (std::size_t l = 0; l < lines.size(); ++l) {
        used[l].assign(lines[l].size(), false);
        for (std::size_t c = 0; c < lines[l].size(); ++c) {
            const char ch = lines[l][c];
            if (!is_node_char(ch)) {
                if (ch != ' ' && !is_horizontal(ch) && !is_vertical(ch))
                    fail(l, c, std::string("unexpected character '") + ch + "'");
                continue;
            }
            if (grid.nodes.count(ch) != 0)
                fail(l, c, std::string("node '") + ch + "' appears twice");
            const PlaneXY p{origin.x_east_m + dx * static_cast<double>(c),
                            origin.y_north_m - dy * static_cast<double>(l)};
            grid.nodes[ch] = static_cast<NodeIndex>(grid.network.nodes.size());
            grid.plane[ch] = p;
            grid.network.nodes.push_back(projector.to_lonlat(p));
            grid.network.node_source_ids.push_back(grid.network.nodes.size());
            used[l][c] = true;
        }
    }

    std::vector<Pending> pending;
    const auto arrows = [&](std::size_t l, std::size_t c, bool seen_fwd, bool seen_back) {
        if (seen_fwd && seen_back) fail(l, c, "contradictory one-way arrows");
        return seen_fwd ? Oneway::forward : seen_back ? Oneway::backward : Oneway::no;
    };
    // Horizontal segments: consecutive nodes on one line.
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const std::string& s = lines[l];
        std::size_t prev = std::string::npos;
        for (std::size_t c = 0; c < s.size(); ++c) {
            if (!is_node_char(s[c])) continue;
            if (prev != std::string::npos) {
                bool any = false, fwd = false, back = false;
                for (std::size_t k = prev + 1; k < c; ++k) {
                    if (!is_horizontal(s[k])) continue;
                    any = true;
                    fwd = fwd || s[k] == '>';
                    back = back || s[k] == '<';
                    used[l][k] = true;
                }
                if (any) pending.push_back({s[prev], s[c], arrows(l, prev, fwd, back)});
            }
            prev = c;
        }
    }
    // Vertical segments: consecutive nodes in one column.
    std::size_t width = 0;
    for (const std::string& s : lines)
        width = std::max(width, s.size());
    const auto at = [&](std::size_t l, std::size_t c) {
        return c < lines[l].size() ? lines[l][c] : ' ';
    };
    for (std::size_t c = 0; c < width; ++c) {
        std::size_t prev = std::string::npos;
        for (std::size_t l = 0; l < lines.size(); ++l) {
            if (!is_node_char(at(l, c))) continue;
            if (prev != std::string::npos) {
                bool any = false, fwd = false, back = false;
                for (std::size_t k = prev + 1; k < l; ++k) {
                    const char ch = at(k, c);
                    if (!is_vertical(ch)) continue;
                    any = true;
                    fwd = fwd || ch == 'v';
                    back = back || ch == '^';
                    used[k][c] = true;
                }
                if (any) pending.push_back({at(prev, c), at(l, c), arrows(prev, c, fwd, back)});
            }
            prev = l;
        }
    }
    for (std::size_t l = 0; l < lines.size(); ++l)
        for (std::size_t c = 0; c < lines[l].size(); ++c)
            if (lines[l][c] != ' ' && !used[l][c])
                fail(l, c, std::string("connector '") + lines[l][c] + "' joins no two nodes");

    for (const Pending& p : pending) {
        RoadEdge e;
        e.from = grid.nodes.at(p.a);
        e.to = grid.nodes.at(p.b);
        const PlaneXY pa = grid.plane.at(p.a);
        const PlaneXY pb = grid.plane.at(p.b);
        e.length_m = std::hypot(pa.x_east_m - pb.x_east_m, pa.y_north_m - pb.y_north_m);
        e.road_class = RoadClass::residential;
        e.oneway = p.oneway;
        e.source_id = grid.network.edges.size() + 1;
        grid.network.edges.push_back(std::move(e));
    }
    return grid;
}

} // namespace breathline::geo::road::testing
