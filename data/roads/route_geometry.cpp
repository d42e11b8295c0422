#include "data/roads/route_geometry.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace breathline::data::roads {

namespace {

using geo::LonLat;

// Local equirectangular metres: only shares of an edge are needed here, and
// within one edge the scale of the plane does not change measurably.
double approx_distance_m(const LonLat& a, const LonLat& b) {
    constexpr double k_m_per_deg = 111'320.0;
    const double mean_lat = (a.lat() + b.lat()) * 0.5 * std::numbers::pi / 180.0;
    const double dx = (b.lon() - a.lon()) * k_m_per_deg * std::cos(mean_lat);
    const double dy = (b.lat() - a.lat()) * k_m_per_deg;
    return std::hypot(dx, dy);
}

LonLat lerp(const LonLat& a, const LonLat& b, double t) {
    return LonLat(a.lon() + (b.lon() - a.lon()) * t, a.lat() + (b.lat() - a.lat()) * t);
}

} // namespace

std::vector<LonLat> slice_edge(const geo::road::RoadNetwork& network, geo::road::EdgeIndex edge,
                               double begin_m, double end_m) {
    const geo::road::RoadEdge& e = network.edges[edge];
    std::vector<LonLat> points;
    points.reserve(e.shape.size() + 2);
    points.push_back(network.nodes[e.from]);
    points.insert(points.end(), e.shape.begin(), e.shape.end());
    points.push_back(network.nodes[e.to]);

    // Cumulative offsets on the scale of the stored length_m, which is what
    // snap offsets are measured in.
    std::vector<double> at(points.size(), 0.0);
    for (std::size_t i = 1; i < points.size(); ++i)
        at[i] = at[i - 1] + approx_distance_m(points[i - 1], points[i]);
    const double total = at.back();
    const double scale = total > 0 ? e.length_m / total : 0.0;
    for (double& a : at)
        a *= scale;

    const double length = e.length_m;
    const double lo = std::clamp(std::min(begin_m, end_m), 0.0, length);
    const double hi = std::clamp(std::max(begin_m, end_m), 0.0, length);
    auto position = [&](double offset) {
        for (std::size_t i = 1; i < points.size(); ++i)
            if (offset <= at[i] || i + 1 == points.size()) {
                const double seg = at[i] - at[i - 1];
                const double t = seg > 0 ? std::clamp((offset - at[i - 1]) / seg, 0.0, 1.0) : 0.0;
                return lerp(points[i - 1], points[i], t);
            }
        return points.back();
    };

    std::vector<LonLat> out{position(lo)};
    for (std::size_t i = 1; i + 1 < points.size(); ++i)
        if (at[i] > lo && at[i] < hi) out.push_back(points[i]);
    out.push_back(position(hi));
    if (begin_m > end_m) std::reverse(out.begin(), out.end());
    return out;
}

void append_polyline(std::vector<LonLat>& line, const std::vector<LonLat>& piece) {
    auto from = piece.begin();
    if (!line.empty() && from != piece.end() && *from == line.back()) ++from;
    line.insert(line.end(), from, piece.end());
}

void append_street_name(std::vector<std::string>& names, const std::string& name) {
    if (name.empty() || (!names.empty() && names.back() == name)) return;
    names.push_back(name);
}

} // namespace breathline::data::roads
