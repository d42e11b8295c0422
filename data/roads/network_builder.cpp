#include "data/roads/network_builder.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace breathline::data::roads {

using geo::LonLat;
using geo::PlaneXY;
using geo::road::NodeIndex;
using geo::road::RoadEdge;
using geo::road::RoadNetwork;

void NetworkBuilder::add_way(const std::vector<WayPoint>& points, WayAttributes attributes) {
    const std::size_t first = m_points.size();
    for (const WayPoint& p : points) {
        // A repeated point adds no length and would make a zero-length edge.
        if (m_points.size() > first && m_points.back().key == p.key) continue;
        m_points.push_back(p);
    }
    const std::size_t count = m_points.size() - first;
    if (count < 2) {
        m_points.resize(first);
        return;
    }
    m_ways.push_back({first, count, std::move(attributes)});
}

double polyline_length_m(const LonLat& from, const std::vector<LonLat>& shape, const LonLat& to,
                         const geo::PlaneProjector& projector) {
    PlaneXY prev = projector.to_plane(from);
    double sum = 0;
    for (const LonLat& p : shape) {
        const PlaneXY next = projector.to_plane(p);
        sum += geo::distance_m(prev, next);
        prev = next;
    }
    return sum + geo::distance_m(prev, projector.to_plane(to));
}

RoadNetwork NetworkBuilder::build(const geo::PlaneProjector& projector, bool keep_node_keys) const {
    std::unordered_map<std::uint64_t, std::uint32_t> uses;
    uses.reserve(m_points.size());
    for (const WayPoint& p : m_points)
        ++uses[p.key];

    RoadNetwork network;
    std::unordered_map<std::uint64_t, NodeIndex> node_of;
    auto node = [&](const WayPoint& p) {
        const auto [it, added] =
            node_of.try_emplace(p.key, static_cast<NodeIndex>(network.nodes.size()));
        if (added) {
            network.nodes.push_back(p.position);
            network.node_source_ids.push_back(keep_node_keys ? p.key : 0);
        }
        return it->second;
    };
    std::unordered_map<std::string, std::uint32_t> name_of;
    auto name_id = [&](const std::string& name) -> std::uint32_t {
        if (name.empty()) return 0;
        const auto [it, added] =
            name_of.try_emplace(name, static_cast<std::uint32_t>(network.names.size()));
        if (added) network.names.push_back(name);
        return it->second;
    };
    auto add_edge = [&](const Way& way, const WayPoint& from, const WayPoint* shape_begin,
                        const WayPoint* shape_end, const WayPoint& to) {
        RoadEdge e;
        e.from = node(from);
        e.to = node(to);
        e.road_class = way.attributes.road_class;
        e.oneway = way.attributes.oneway;
        e.maxspeed_kmh = way.attributes.maxspeed_kmh;
        e.bridge = way.attributes.bridge;
        e.tunnel = way.attributes.tunnel;
        e.name_id = name_id(way.attributes.name);
        e.source_id = way.attributes.source_id;
        for (const WayPoint* p = shape_begin; p != shape_end; ++p)
            e.shape.push_back(p->position);
        e.length_m = polyline_length_m(from.position, e.shape, to.position, projector);
        network.edges.push_back(std::move(e));
    };

    for (const Way& way : m_ways) {
        const WayPoint* pts = m_points.data() + way.first;
        std::size_t start = 0;
        for (std::size_t i = 1; i < way.count; ++i) {
            if (i + 1 < way.count && uses.at(pts[i].key) < 2) continue;
            if (pts[start].key == pts[i].key) {
                // A loop back to its own junction: split it at its middle point
                // so that it stays two ordinary edges (a self-loop is useless
                // for routing and would hide the loop's addresses from snapping).
                const std::size_t mid = start + (i - start) / 2;
                if (mid != start) {
                    add_edge(way, pts[start], pts + start + 1, pts + mid, pts[mid]);
                    add_edge(way, pts[mid], pts + mid + 1, pts + i, pts[i]);
                }
            } else {
                add_edge(way, pts[start], pts + start + 1, pts + i, pts[i]);
            }
            start = i;
        }
    }
    return network;
}

namespace {

double point_segment_distance(const PlaneXY& p, const PlaneXY& a, const PlaneXY& b) {
    const double dx = b.x_east_m - a.x_east_m;
    const double dy = b.y_north_m - a.y_north_m;
    const double len2 = dx * dx + dy * dy;
    double t = 0;
    if (len2 > 0)
        t = std::clamp(((p.x_east_m - a.x_east_m) * dx + (p.y_north_m - a.y_north_m) * dy) / len2,
                       0.0, 1.0);
    return geo::distance_m(p, {a.x_east_m + t * dx, a.y_north_m + t * dy});
}

double cross(const PlaneXY& o, const PlaneXY& a, const PlaneXY& b) {
    return (a.x_east_m - o.x_east_m) * (b.y_north_m - o.y_north_m) -
           (a.y_north_m - o.y_north_m) * (b.x_east_m - o.x_east_m);
}

bool segments_cross(const PlaneXY& a, const PlaneXY& b, const PlaneXY& c, const PlaneXY& d) {
    const double d1 = cross(c, d, a);
    const double d2 = cross(c, d, b);
    const double d3 = cross(a, b, c);
    const double d4 = cross(a, b, d);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

double segment_distance(const PlaneXY& a, const PlaneXY& b, const PlaneXY& c, const PlaneXY& d) {
    if (segments_cross(a, b, c, d)) return 0;
    return std::min({point_segment_distance(a, c, d), point_segment_distance(b, c, d),
                     point_segment_distance(c, a, b), point_segment_distance(d, a, b)});
}

// The clip polygon's boundary on the plane, for the margin test.
struct PlaneSegment {
    PlaneXY a, b;
};

} // namespace

std::size_t clip_network(RoadNetwork& network, const geo::MultiPolygon& clip, double margin_m,
                         const geo::PlaneProjector& projector) {
    std::vector<PlaneSegment> boundary;
    auto add_ring = [&](const geo::Ring& ring) {
        for (std::size_t i = 0; i < ring.points.size(); ++i)
            boundary.push_back({projector.to_plane(ring.points[i]),
                                projector.to_plane(ring.points[(i + 1) % ring.points.size()])});
    };
    for (const geo::Polygon& part : clip.parts) {
        add_ring(part.outer);
        for (const geo::Ring& hole : part.holes)
            add_ring(hole);
    }
    // The box in degrees, widened by the margin with room to spare (a degree
    // of longitude is at least 85 km below 40°N, where Breathline works).
    geo::LonLatBox box = clip.bbox();
    const double pad_deg = margin_m / 85000.0 + 1e-9;
    box.min_lon -= pad_deg;
    box.max_lon += pad_deg;
    box.min_lat -= pad_deg;
    box.max_lat += pad_deg;

    auto keep_edge = [&](const RoadEdge& e) {
        std::vector<LonLat> pts;
        pts.reserve(e.shape.size() + 2);
        pts.push_back(network.nodes[e.from]);
        pts.insert(pts.end(), e.shape.begin(), e.shape.end());
        pts.push_back(network.nodes[e.to]);
        geo::LonLatBox edge_box = geo::LonLatBox::empty_box();
        for (const LonLat& p : pts)
            edge_box.expand(p);
        if (edge_box.max_lon < box.min_lon || edge_box.min_lon > box.max_lon ||
            edge_box.max_lat < box.min_lat || edge_box.min_lat > box.max_lat)
            return false;
        for (const LonLat& p : pts)
            if (clip.contains(p)) return true;
        // No point inside: the edge may still cross the boundary or pass
        // within the margin of it.
        std::vector<PlaneXY> plane(pts.size());
        projector.to_plane(pts, plane);
        for (std::size_t i = 0; i + 1 < plane.size(); ++i)
            for (const PlaneSegment& s : boundary)
                if (segment_distance(plane[i], plane[i + 1], s.a, s.b) <= margin_m) return true;
        return false;
    };

    std::vector<RoadEdge> kept;
    kept.reserve(network.edges.size());
    for (RoadEdge& e : network.edges)
        if (keep_edge(e)) kept.push_back(std::move(e));
    const std::size_t removed = network.edges.size() - kept.size();

    std::vector<NodeIndex> renumber(network.nodes.size(), geo::road::invalid_index);
    for (const RoadEdge& e : kept) {
        renumber[e.from] = 0;
        renumber[e.to] = 0;
    }
    RoadNetwork out;
    for (std::size_t v = 0; v < network.nodes.size(); ++v) {
        if (renumber[v] == geo::road::invalid_index) continue;
        renumber[v] = static_cast<NodeIndex>(out.nodes.size());
        out.nodes.push_back(network.nodes[v]);
        out.node_source_ids.push_back(network.node_source_ids[v]);
    }
    for (RoadEdge& e : kept) {
        e.from = renumber[e.from];
        e.to = renumber[e.to];
    }
    out.edges = std::move(kept);
    out.names = std::move(network.names);
    network = std::move(out);
    compact_names(network);
    return removed;
}

void compact_names(RoadNetwork& network) {
    std::vector<std::string> names{""};
    std::vector<std::uint32_t> renumber(network.names.size(), geo::road::invalid_index);
    if (!renumber.empty()) renumber[0] = 0;
    for (RoadEdge& e : network.edges) {
        std::uint32_t& id = renumber.at(e.name_id);
        if (id == geo::road::invalid_index) {
            id = static_cast<std::uint32_t>(names.size());
            names.push_back(network.names[e.name_id]);
        }
        e.name_id = id;
    }
    network.names = std::move(names);
}

} // namespace breathline::data::roads
