#include "geo/road/profile.h"

#include "geo/road/road_graph.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace breathline::geo::road {

namespace {

void set(Profile& p, RoadClass c, double kmh) {
    p.speed_kmh[static_cast<std::size_t>(c)] = kmh;
}

} // namespace

Profile Profile::car() {
    Profile p;
    p.name = "car";
    // Links are driven at their parent class's speed: in Tokyo a ramp is as
    // slow as the road it joins. `other` (OSM highway=road, an unverified
    // way) and every pedestrian class stay unset: an ambulance plan must not
    // rely on them.
    set(p, RoadClass::motorway, 60);
    set(p, RoadClass::motorway_link, 60);
    set(p, RoadClass::trunk, 40);
    set(p, RoadClass::trunk_link, 40);
    set(p, RoadClass::primary, 35);
    set(p, RoadClass::primary_link, 35);
    set(p, RoadClass::secondary, 30);
    set(p, RoadClass::secondary_link, 30);
    set(p, RoadClass::tertiary, 25);
    set(p, RoadClass::tertiary_link, 25);
    set(p, RoadClass::unclassified, 20);
    set(p, RoadClass::residential, 20);
    set(p, RoadClass::living_street, 10);
    set(p, RoadClass::service, 10);
    p.use_maxspeed = true;
    p.honour_oneway = true;
    return p;
}

Profile Profile::walk(double speed_kmh) {
    if (!(speed_kmh > 0) || !std::isfinite(speed_kmh))
        throw std::invalid_argument("walking speed must be a positive number of km/h, got " +
                                    std::to_string(speed_kmh));
    Profile p;
    p.name = "walk";
    p.speed_kmh.fill(speed_kmh);
    // Pedestrians are banned from expressways and their ramps; trunk links in
    // Tokyo are mostly grade-separated ramps without sidewalks. Trunk roads
    // themselves (national routes) have sidewalks and stay walkable.
    p.speed_kmh[static_cast<std::size_t>(RoadClass::motorway)] = std::nullopt;
    p.speed_kmh[static_cast<std::size_t>(RoadClass::motorway_link)] = std::nullopt;
    p.speed_kmh[static_cast<std::size_t>(RoadClass::trunk_link)] = std::nullopt;
    p.use_maxspeed = false;
    p.honour_oneway = false;
    p.access_speed_kmh = speed_kmh;
    return p;
}

std::optional<double> Profile::speed_for(const RoadEdge& edge) const {
    const auto i = static_cast<std::size_t>(edge.road_class);
    if (i >= speed_kmh.size() || !speed_kmh[i]) return std::nullopt;
    double kmh = *speed_kmh[i];
    // maxspeed only ever lowers the class speed: a 60 km/h sign on a Tokyo
    // street does not mean 60 km/h is driven, but a 30 km/h zone does slow
    // traffic below the class default.
    if (use_maxspeed && edge.maxspeed_kmh && *edge.maxspeed_kmh > 0)
        kmh = std::min(kmh, *edge.maxspeed_kmh * maxspeed_factor);
    if (!(kmh > 0)) return std::nullopt;
    return kmh;
}

RoadGraph build_road_graph(const RoadNetwork& network, const Profile& profile) {
    struct Arc {
        NodeIndex tail;
        NodeIndex head;
        Weight time_ms;
        float length_m;
        EdgeIndex edge;
    };
    std::vector<Arc> arcs;
    arcs.reserve(network.edges.size() * 2);
    const auto node_count = static_cast<NodeIndex>(network.nodes.size());
    for (std::size_t e = 0; e < network.edges.size(); ++e) {
        const RoadEdge& edge = network.edges[e];
        if (edge.from >= node_count || edge.to >= node_count)
            throw std::invalid_argument("road edge " + std::to_string(e) +
                                        " refers to a node outside the network");
        const std::optional<double> kmh = profile.speed_for(edge);
        if (!kmh) continue;
        const double ms = std::round(edge.length_m / (*kmh / 3.6) * 1000.0);
        const Weight time_ms =
            static_cast<Weight>(std::clamp(ms, 1.0, static_cast<double>(infinite_weight - 1)));
        const bool forward = !(profile.honour_oneway && edge.oneway == Oneway::backward);
        const bool backward = !(profile.honour_oneway && edge.oneway == Oneway::forward);
        const auto length = static_cast<float>(edge.length_m);
        const auto index = static_cast<EdgeIndex>(e);
        if (forward) arcs.push_back({edge.from, edge.to, time_ms, length, index});
        if (backward) arcs.push_back({edge.to, edge.from, time_ms, length, index});
    }
    // Counting sort by tail keeps arcs of one node in edge order: deterministic
    // and O(arcs).
    RoadGraph g;
    g.first_out.assign(node_count + 1, 0);
    for (const Arc& a : arcs)
        ++g.first_out[a.tail + 1];
    for (std::size_t v = 0; v < node_count; ++v)
        g.first_out[v + 1] += g.first_out[v];
    g.head.resize(arcs.size());
    g.travel_time_ms.resize(arcs.size());
    g.length_m.resize(arcs.size());
    g.edge.resize(arcs.size());
    std::vector<ArcIndex> next(g.first_out.begin(), g.first_out.end() - 1);
    for (const Arc& a : arcs) {
        const ArcIndex i = next[a.tail]++;
        g.head[i] = a.head;
        g.travel_time_ms[i] = a.time_ms;
        g.length_m[i] = a.length_m;
        g.edge[i] = a.edge;
    }
    g.node_position = network.nodes;
    return g;
}

} // namespace breathline::geo::road
