#include "data/ops/outage_shape.h"

#include "data/error.h"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace breathline::data::ops {

namespace {

DataError bad(const std::string& ja, const std::string& en) {
    return DataError(ErrorCode::invalid_input, ja + " / " + en);
}

double cross(const geo::LonLat& o, const geo::LonLat& a, const geo::LonLat& b) {
    return (a.lon() - o.lon()) * (b.lat() - o.lat()) - (a.lat() - o.lat()) * (b.lon() - o.lon());
}

bool on_segment(const geo::LonLat& p, const geo::LonLat& a, const geo::LonLat& b) {
    return std::min(a.lon(), b.lon()) <= p.lon() && p.lon() <= std::max(a.lon(), b.lon()) &&
           std::min(a.lat(), b.lat()) <= p.lat() && p.lat() <= std::max(a.lat(), b.lat());
}

// Closed-segment intersection (touching counts).
bool segments_meet(const geo::LonLat& a, const geo::LonLat& b, const geo::LonLat& c,
                   const geo::LonLat& d) {
    const double d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        return true;
    return (d1 == 0 && on_segment(a, c, d)) || (d2 == 0 && on_segment(b, c, d)) ||
           (d3 == 0 && on_segment(c, a, b)) || (d4 == 0 && on_segment(d, a, b));
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

} // namespace

geo::MultiPolygon outage_polygon(std::vector<geo::LonLat> v) {
    // Consecutive duplicates (a double click) and a closing repeat carry no corner.
    std::vector<geo::LonLat> pts;
    for (const auto& p : v)
        if (pts.empty() || !(pts.back() == p)) pts.push_back(p);
    while (pts.size() > 1 && pts.front() == pts.back())
        pts.pop_back();
    if (pts.size() < 3)
        throw bad("停電範囲には3つ以上の異なる頂点が必要です (" + std::to_string(pts.size()) +
                      " 点)",
                  "an outage area needs at least 3 distinct corners (got " +
                      std::to_string(pts.size()) + ")");
    const std::size_t n = pts.size();
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            // Adjacent edges share a corner by construction.
            if (j == i + 1 || (i == 0 && j == n - 1)) continue;
            if (segments_meet(pts[i], pts[(i + 1) % n], pts[j], pts[(j + 1) % n]))
                throw bad("停電範囲の辺 " + std::to_string(i + 1) + " と " + std::to_string(j + 1) +
                              " が交差しています。描き直してください",
                          "edges " + std::to_string(i + 1) + " and " + std::to_string(j + 1) +
                              " of the outage area cross; draw it again");
        }
    double twice_area = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const auto& a = pts[i];
        const auto& b = pts[(i + 1) % pts.size()];
        twice_area += a.lon() * b.lat() - b.lon() * a.lat();
    }
    if (std::abs(twice_area) < 1e-14)
        throw bad("停電範囲の面積が0です (頂点が一直線上にあります)",
                  "the outage area has no area (its corners lie on one line)");
    geo::MultiPolygon mp;
    geo::Polygon poly;
    poly.outer.points = std::move(pts);
    mp.parts.push_back(std::move(poly));
    return mp;
}

std::vector<geo::LonLat> parse_lonlat_list(std::string_view text) {
    std::vector<geo::LonLat> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(';', start), text.size());
        const std::string piece = trim(text.substr(start, end - start));
        start = end + 1;
        if (piece.empty()) {
            if (end >= text.size()) break;
            continue;
        }
        const auto comma = piece.find(',');
        char* e1 = nullptr;
        char* e2 = nullptr;
        const std::string lon_s = comma == std::string::npos ? piece : trim(piece.substr(0, comma));
        const std::string lat_s = comma == std::string::npos ? "" : trim(piece.substr(comma + 1));
        const double lon = std::strtod(lon_s.c_str(), &e1);
        const double lat = std::strtod(lat_s.c_str(), &e2);
        if (comma == std::string::npos || lon_s.empty() || lat_s.empty() || *e1 || *e2)
            throw bad("'" + piece + "' は「経度,緯度」ではありません",
                      "'" + piece + "' is not 'lon,lat'");
        try {
            out.emplace_back(lon, lat);
        } catch (const std::exception&) {
            throw bad("'" + piece + "' は地球上の座標ではありません",
                      "'" + piece + "' is not a place on Earth");
        }
        if (end >= text.size()) break;
    }
    return out;
}

} // namespace breathline::data::ops
