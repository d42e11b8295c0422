#include "geo/road/isochrone.h"

#include "geo/projection.h"
#include "geo/road/snapping.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>

namespace breathline::geo::road {

namespace {

struct Interval {
    double begin, end;
};

// Reachable stretches of every edge, from arcs whose tail is within the limit.
std::vector<EdgePiece> reachable_pieces(const RoadNetwork& network, const RoadGraph& graph,
                                        std::span<const Weight> dist, Weight limit_ms,
                                        std::span<const Weight> w,
                                        const std::optional<IsochroneStart>& start) {
    std::map<EdgeIndex, std::vector<Interval>> by_edge;
    for (NodeIndex u = 0; u < graph.node_count(); ++u) {
        if (dist[u] > limit_ms) continue;
        for (ArcIndex a = graph.first_out[u]; a < graph.first_out[u + 1]; ++a) {
            if (w[a] == infinite_weight) continue;
            const EdgeIndex e = graph.edge[a];
            const double length = network.edges[e].length_m;
            const double share =
                std::min(1.0, static_cast<double>(limit_ms - dist[u]) / static_cast<double>(w[a]));
            // An arc leaves either end of its edge; a self-loop counts as forward.
            if (network.edges[e].from == u)
                by_edge[e].push_back({0.0, share * length});
            else
                by_edge[e].push_back({length - share * length, length});
        }
    }
    if (start && start->edge < network.edges.size() && start->access_ms <= limit_ms) {
        const RoadEdge& edge = network.edges[start->edge];
        const double length = edge.length_m;
        const double budget = static_cast<double>(limit_ms - start->access_ms);
        const double o = std::clamp(start->offset_m, 0.0, length);
        const ArcIndex fwd = find_arc(graph, edge.from, edge.to, start->edge);
        const ArcIndex bwd = find_arc(graph, edge.to, edge.from, start->edge);
        by_edge[start->edge].push_back({o, o}); // the start point itself
        if (fwd != invalid_index && w[fwd] != infinite_weight)
            by_edge[start->edge].push_back(
                {o, std::min(length, o + budget / static_cast<double>(w[fwd]) * length)});
        if (bwd != invalid_index && w[bwd] != infinite_weight)
            by_edge[start->edge].push_back(
                {std::max(0.0, o - budget / static_cast<double>(w[bwd]) * length), o});
    }
    std::vector<EdgePiece> pieces;
    for (auto& [e, intervals] : by_edge) {
        std::sort(intervals.begin(), intervals.end(),
                  [](const Interval& x, const Interval& y) { return x.begin < y.begin; });
        Interval cur = intervals.front();
        for (std::size_t i = 1; i < intervals.size(); ++i) {
            if (intervals[i].begin <= cur.end) {
                cur.end = std::max(cur.end, intervals[i].end);
            } else {
                pieces.push_back({e, cur.begin, cur.end});
                cur = intervals[i];
            }
        }
        pieces.push_back({e, cur.begin, cur.end});
    }
    return pieces;
}

// Plane points every `step_m` along the piece's stretch of its edge polyline,
// both ends included.
void sample_piece(const RoadNetwork& network, const EdgePiece& piece,
                  const PlaneProjector& projector, double step_m, std::vector<PlaneXY>& out) {
    const RoadEdge& edge = network.edges[piece.edge];
    std::vector<PlaneXY> line;
    line.reserve(edge.shape.size() + 2);
    line.push_back(projector.to_plane(network.nodes[edge.from]));
    for (const LonLat& p : edge.shape)
        line.push_back(projector.to_plane(p));
    line.push_back(projector.to_plane(network.nodes[edge.to]));
    double plane_length = 0;
    for (std::size_t i = 1; i < line.size(); ++i)
        plane_length += distance_m(line[i - 1], line[i]);
    // Offsets are in the edge's stored length; positions follow the same share
    // of the plane polyline (as in EdgeSnapper).
    const double scale = edge.length_m > 0 ? plane_length / edge.length_m : 0.0;
    const double begin = piece.begin_m * scale;
    const double end = piece.end_m * scale;
    const auto point_at = [&](double along) {
        for (std::size_t i = 1; i < line.size(); ++i) {
            const double seg = distance_m(line[i - 1], line[i]);
            if (along <= seg || i + 1 == line.size()) {
                const double t = seg > 0 ? std::clamp(along / seg, 0.0, 1.0) : 0.0;
                return PlaneXY{line[i - 1].x_east_m + t * (line[i].x_east_m - line[i - 1].x_east_m),
                               line[i - 1].y_north_m +
                                   t * (line[i].y_north_m - line[i - 1].y_north_m)};
            }
            along -= seg;
        }
        return line.back();
    };
    const auto steps = static_cast<std::size_t>(std::ceil((end - begin) / step_m));
    for (std::size_t k = 0; k <= steps; ++k)
        out.push_back(point_at(std::min(end, begin + static_cast<double>(k) * step_m)));
    // Polyline corners inside the piece, so that a bend is never cut.
    double along = 0;
    for (std::size_t i = 1; i + 1 < line.size(); ++i) {
        along += distance_m(line[i - 1], line[i]);
        if (along > begin && along < end) out.push_back(line[i]);
    }
}

// Raster of filled cells traced into rings (see build_isochrone's contract).
class CellRaster {
public:
    CellRaster(double x0, double y0, double cell, std::int64_t nx, std::int64_t ny)
        : m_x0(x0), m_y0(y0), m_cell(cell), m_nx(nx), m_ny(ny),
          m_filled(static_cast<std::size_t>(nx * ny), 0) {}

    void fill_box(double x_min, double y_min, double x_max, double y_max) {
        const std::int64_t i0 = cell_of(x_min - m_x0), i1 = cell_of(x_max - m_x0);
        const std::int64_t j0 = cell_of(y_min - m_y0), j1 = cell_of(y_max - m_y0);
        for (std::int64_t j = std::max<std::int64_t>(0, j0); j <= std::min(m_ny - 1, j1); ++j)
            for (std::int64_t i = std::max<std::int64_t>(0, i0); i <= std::min(m_nx - 1, i1); ++i)
                m_filled[static_cast<std::size_t>(j * m_nx + i)] = 1;
    }

    MultiPolygon trace(const PlaneProjector& projector) const;

private:
    std::int64_t cell_of(double offset) const {
        return static_cast<std::int64_t>(std::floor(offset / m_cell));
    }
    bool filled(std::int64_t i, std::int64_t j) const {
        return i >= 0 && j >= 0 && i < m_nx && j < m_ny &&
               m_filled[static_cast<std::size_t>(j * m_nx + i)] != 0;
    }

    double m_x0, m_y0, m_cell;
    std::int64_t m_nx, m_ny;
    std::vector<std::uint8_t> m_filled;
};

using Vertex = std::array<std::int64_t, 2>; // lattice point (i, j)

// Twice the signed area of a lattice ring: > 0 counter-clockwise.
std::int64_t twice_area(const std::vector<Vertex>& ring) {
    std::int64_t a = 0;
    for (std::size_t k = 0; k < ring.size(); ++k) {
        const Vertex& p = ring[k];
        const Vertex& q = ring[(k + 1) % ring.size()];
        a += p[0] * q[1] - q[0] * p[1];
    }
    return a;
}

// Even-odd test of a point with half-integer coordinates (a cell centre),
// which never lies on a lattice edge.
bool contains_centre(const std::vector<Vertex>& ring, double x, double y) {
    bool inside = false;
    for (std::size_t k = 0, prev = ring.size() - 1; k < ring.size(); prev = k++) {
        const auto xi = static_cast<double>(ring[k][0]), yi = static_cast<double>(ring[k][1]);
        const auto xj = static_cast<double>(ring[prev][0]), yj = static_cast<double>(ring[prev][1]);
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
}

// Splits a closed lattice walk at every vertex it visits twice into simple
// closed walks, in order; a walk without repeats comes back unchanged.
std::vector<std::vector<Vertex>> split_at_pinches(const std::vector<Vertex>& walk) {
    std::vector<std::vector<Vertex>> loops;
    std::vector<Vertex> stack;
    std::map<Vertex, std::size_t> position; // vertex -> index in stack
    for (const Vertex& v : walk) {
        const auto it = position.find(v);
        if (it == position.end()) {
            position.emplace(v, stack.size());
            stack.push_back(v);
            continue;
        }
        // stack[it->second] == v: the stretch from there closes a loop at v.
        const std::size_t from = it->second;
        std::vector<Vertex> loop(stack.begin() + static_cast<std::ptrdiff_t>(from), stack.end());
        for (std::size_t k = from + 1; k < stack.size(); ++k)
            position.erase(stack[k]);
        stack.resize(from + 1);
        loops.push_back(std::move(loop));
    }
    loops.push_back(std::move(stack));
    return loops;
}

// The corners of a closed lattice walk (collinear vertices dropped).
std::vector<Vertex> drop_collinear(const std::vector<Vertex>& ring) {
    std::vector<Vertex> simple;
    for (std::size_t k = 0; k < ring.size(); ++k) {
        const Vertex& a = ring[(k + ring.size() - 1) % ring.size()];
        const Vertex& b = ring[k];
        const Vertex& c = ring[(k + 1) % ring.size()];
        const std::int64_t cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
        if (cross != 0) simple.push_back(b);
    }
    return simple;
}

MultiPolygon CellRaster::trace(const PlaneProjector& projector) const {
    // Directed boundary edges with the filled cell on the left: outer rings run
    // counter-clockwise, holes clockwise. Directions: 0 E, 1 N, 2 W, 3 S.
    constexpr std::array<std::array<std::int64_t, 2>, 4> step{{{1, 0}, {0, 1}, {-1, 0}, {0, -1}}};
    std::map<Vertex, std::vector<int>> out; // vertex -> unused outgoing directions
    for (std::int64_t j = 0; j < m_ny; ++j)
        for (std::int64_t i = 0; i < m_nx; ++i) {
            if (!filled(i, j)) continue;
            if (!filled(i, j - 1)) out[{i, j}].push_back(0);
            if (!filled(i + 1, j)) out[{i + 1, j}].push_back(1);
            if (!filled(i, j + 1)) out[{i + 1, j + 1}].push_back(2);
            if (!filled(i - 1, j)) out[{i, j + 1}].push_back(3);
        }
    std::vector<std::vector<Vertex>> rings;
    // A saddle (two filled cells touching only at a corner) has two outgoing
    // edges; rings start only at ordinary vertices, which every ring has (its
    // convex corners), so that arriving back at the start closes the ring.
    std::vector<Vertex> starts;
    for (const auto& [v, dirs] : out)
        if (dirs.size() == 1) starts.push_back(v);
    for (const Vertex& first : starts) {
        std::vector<int>& dirs = out[first];
        if (dirs.empty()) continue; // already part of a traced ring
        {
            std::vector<Vertex> ring;
            Vertex v = first;
            int dir = dirs.back();
            dirs.pop_back();
            for (;;) {
                ring.push_back(v);
                v = {v[0] + step[static_cast<std::size_t>(dir)][0],
                     v[1] + step[static_cast<std::size_t>(dir)][1]};
                if (v == first) break;
                std::vector<int>& next = out[v];
                // Prefer a left turn, then straight, then right: at a saddle
                // this keeps the two filled cells apart, so every ring is simple.
                int chosen = -1;
                for (const int turn : {1, 0, 3}) {
                    const int want = (dir + turn) % 4;
                    const auto it = std::find(next.begin(), next.end(), want);
                    if (it != next.end()) {
                        chosen = want;
                        next.erase(it);
                        break;
                    }
                }
                if (chosen < 0)
                    throw std::logic_error("isochrone: open boundary while tracing cells");
                dir = chosen;
            }
            // A walk may pass a saddle vertex twice (the left turns keep the
            // filled cells apart, so the boundary of one region comes back
            // to the corner it left): such a ring touches itself, which OGC
            // forbids. Split it there into simple rings; each keeps its
            // orientation, so a pinched-off empty pocket becomes a hole
            // touching its shell at one point, which is valid.
            for (std::vector<Vertex>& loop : split_at_pinches(ring)) {
                std::vector<Vertex> simple = drop_collinear(loop);
                if (simple.size() >= 4) rings.push_back(std::move(simple));
            }
        }
    }
    std::vector<std::size_t> outers, holes;
    for (std::size_t k = 0; k < rings.size(); ++k)
        (twice_area(rings[k]) > 0 ? outers : holes).push_back(k);
    std::vector<std::vector<std::size_t>> holes_of(outers.size());
    for (const std::size_t h : holes) {
        // The cell to the right of the hole's first unit step is empty and
        // inside it. (The middle of the whole first edge would lie on a
        // lattice line for an even length, where the even-odd test is unsure.)
        const Vertex& a = rings[h][0];
        const Vertex& b = rings[h][1];
        const double dx = static_cast<double>(b[0] - a[0] != 0 ? (b[0] > a[0] ? 1 : -1) : 0);
        const double dy = static_cast<double>(b[1] - a[1] != 0 ? (b[1] > a[1] ? 1 : -1) : 0);
        const double mx = static_cast<double>(a[0]) + 0.5 * dx;
        const double my = static_cast<double>(a[1]) + 0.5 * dy;
        // Right of direction (dx, dy) is (dy, -dx); the centre is half a cell in.
        const double cx = mx + 0.5 * dy, cy = my - 0.5 * dx;
        std::size_t best = outers.size();
        std::int64_t best_area = std::numeric_limits<std::int64_t>::max();
        for (std::size_t o = 0; o < outers.size(); ++o) {
            const std::int64_t area = twice_area(rings[outers[o]]);
            if (area < best_area && contains_centre(rings[outers[o]], cx, cy)) {
                best = o;
                best_area = area;
            }
        }
        if (best < outers.size()) holes_of[best].push_back(h);
    }
    const auto to_ring = [&](const std::vector<Vertex>& lattice) {
        Ring r;
        r.points.reserve(lattice.size() + 1);
        for (const Vertex& v : lattice)
            r.points.push_back(projector.to_lonlat({m_x0 + static_cast<double>(v[0]) * m_cell,
                                                    m_y0 + static_cast<double>(v[1]) * m_cell}));
        r.points.push_back(r.points.front());
        return r;
    };
    MultiPolygon mp;
    for (std::size_t o = 0; o < outers.size(); ++o) {
        Polygon p;
        p.outer = to_ring(rings[outers[o]]);
        for (const std::size_t h : holes_of[o])
            p.holes.push_back(to_ring(rings[h]));
        mp.parts.push_back(std::move(p));
    }
    return mp;
}

} // namespace

Isochrone build_isochrone(const RoadNetwork& network, const RoadGraph& graph,
                          std::span<const Weight> dist, Weight limit_ms,
                          std::span<const Weight> weights, std::optional<IsochroneStart> start,
                          const IsochroneOptions& options) {
    if (dist.size() != graph.node_count())
        throw std::invalid_argument("build_isochrone: dist has " + std::to_string(dist.size()) +
                                    " entries but the graph has " +
                                    std::to_string(graph.node_count()) + " nodes");
    if (!weights.empty() && weights.size() != graph.arc_count())
        throw std::invalid_argument("build_isochrone: weights has " +
                                    std::to_string(weights.size()) + " entries but the graph has " +
                                    std::to_string(graph.arc_count()) + " arcs");
    if (!(options.cell_m > 0) || !(options.buffer_m >= 0))
        throw std::invalid_argument(
            "build_isochrone: cell_m must be positive and buffer_m not negative");
    const std::span<const Weight> w = weights.empty() ? graph.travel_time_ms : weights;

    Isochrone iso;
    iso.limit_ms = limit_ms;
    for (NodeIndex v = 0; v < graph.node_count(); ++v)
        if (dist[v] <= limit_ms) iso.nodes.push_back(v);
    iso.pieces = reachable_pieces(network, graph, dist, limit_ms, w, start);

    const PlaneProjector projector;
    std::vector<PlaneXY> samples;
    for (const NodeIndex v : iso.nodes)
        samples.push_back(projector.to_plane(network.nodes[v]));
    for (const EdgePiece& piece : iso.pieces)
        sample_piece(network, piece, projector, options.cell_m / 2.0, samples);
    if (samples.empty()) return iso;

    double min_x = std::numeric_limits<double>::infinity(), min_y = min_x;
    double max_x = -min_x, max_y = -min_x;
    for (const PlaneXY& p : samples) {
        min_x = std::min(min_x, p.x_east_m);
        max_x = std::max(max_x, p.x_east_m);
        min_y = std::min(min_y, p.y_north_m);
        max_y = std::max(max_y, p.y_north_m);
    }
    // One empty cell of margin on every side keeps the tracing free of border cases.
    const double c = options.cell_m;
    const double b = options.buffer_m;
    const double x0 = std::floor((min_x - b) / c) * c - c;
    const double y0 = std::floor((min_y - b) / c) * c - c;
    const auto nx = static_cast<std::int64_t>(std::ceil((max_x + b - x0) / c)) + 2;
    const auto ny = static_cast<std::int64_t>(std::ceil((max_y + b - y0) / c)) + 2;
    CellRaster raster(x0, y0, c, nx, ny);
    for (const PlaneXY& p : samples)
        raster.fill_box(p.x_east_m - b, p.y_north_m - b, p.x_east_m + b, p.y_north_m + b);
    iso.area = raster.trace(projector);
    return iso;
}

} // namespace breathline::geo::road
