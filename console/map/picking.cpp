#include "console/map/picking.h"

#include "geo/point_index.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <vector>

namespace breathline::map {

namespace {

// Items bucketed by cell, stored flat (offsets into one array) so that a grid over a million
// segments is two allocations.
struct Buckets {
    std::vector<std::uint32_t> offsets; // size cells + 1
    std::vector<std::uint32_t> items;

    template <typename ForEachCell>
    void build(std::size_t cells, std::size_t count, ForEachCell&& for_each_cell) {
        offsets.assign(cells + 1, 0);
        for (std::size_t i = 0; i < count; ++i)
            for_each_cell(i, [&](std::size_t c) { ++offsets[c + 1]; });
        for (std::size_t c = 0; c < cells; ++c)
            offsets[c + 1] += offsets[c];
        items.resize(offsets.back());
        std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
        for (std::size_t i = 0; i < count; ++i)
            for_each_cell(i,
                          [&](std::size_t c) { items[fill[c]++] = static_cast<std::uint32_t>(i); });
    }
};

double segment_distance(double px, double py, const Segment& s) {
    const double x0 = s.x0, y0 = s.y0, x1 = s.x1, y1 = s.y1;
    const double dx = x1 - x0, dy = y1 - y0;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

std::uint64_t vertex_key(float x, float y) {
    return (std::uint64_t{std::bit_cast<std::uint32_t>(x)} << 32) | std::bit_cast<std::uint32_t>(y);
}

} // namespace

struct Picker::LayerIndex {
    std::uint64_t revision = 0;

    geo::PointIndex points;
    float max_symbol_px = 0;

    // Uniform grid over segments (layer coordinates).
    double min_x = 0, min_y = 0, cell = 1;
    std::size_t nx = 0, ny = 0;
    Buckets grid;
    float max_half_width_px = 0;

    // Even-odd inside test for area features: their outline segments bucketed by y band.
    std::vector<std::uint32_t> area_segments; // segment indices of areal features
    double band_min_y = 0, band_height = 1;
    std::size_t bands = 0;
    Buckets band_index; // items index into area_segments

    void build(const Layer& layer) {
        revision = layer.revision;
        build_points(layer);
        build_segments(layer);
        if (!layer.fill.triangles.empty()) build_areas(layer);
    }

    void build_points(const Layer& layer) {
        std::vector<geo::PlaneXY> xy;
        xy.reserve(layer.points.points.size());
        for (const auto& p : layer.points.points)
            xy.push_back({p.x, p.y});
        points = geo::PointIndex(xy);
        for (const auto& s : layer.points.styles)
            max_symbol_px = std::max(max_symbol_px, s.size_px);
    }

    void build_segments(const Layer& layer) {
        const auto& segs = layer.lines.segments;
        for (const auto& s : layer.lines.styles)
            max_half_width_px =
                std::max(max_half_width_px, s.width_px / 2 + (s.casing.a > 0 ? s.casing_px : 0));
        if (segs.empty()) return;
        double max_x = -std::numeric_limits<double>::infinity();
        double max_y = max_x;
        min_x = min_y = std::numeric_limits<double>::infinity();
        double sum_extent = 0;
        for (const auto& s : segs) {
            min_x = std::min({min_x, double{s.x0}, double{s.x1}});
            min_y = std::min({min_y, double{s.y0}, double{s.y1}});
            max_x = std::max({max_x, double{s.x0}, double{s.x1}});
            max_y = std::max({max_y, double{s.y0}, double{s.y1}});
            sum_extent += std::max(std::abs(double{s.x1} - double{s.x0}),
                                   std::abs(double{s.y1} - double{s.y0}));
        }
        const double w = max_x - min_x, h = max_y - min_y;
        const auto n = static_cast<double>(segs.size());
        // About one segment per cell, but never cells much smaller than a segment (each
        // segment would then be copied into many cells).
        cell = std::max({std::sqrt(std::max(w * h, 1.0) / n), sum_extent / n, 1e-3});
        nx = static_cast<std::size_t>(w / cell) + 1;
        ny = static_cast<std::size_t>(h / cell) + 1;
        grid.build(nx * ny, segs.size(), [&](std::size_t i, auto&& add) {
            const Segment& s = segs[i];
            const auto [cx0, cy0] = cell_of(std::min(s.x0, s.x1), std::min(s.y0, s.y1));
            const auto [cx1, cy1] = cell_of(std::max(s.x0, s.x1), std::max(s.y0, s.y1));
            for (std::size_t cy = cy0; cy <= cy1; ++cy)
                for (std::size_t cx = cx0; cx <= cx1; ++cx)
                    add(cy * nx + cx);
        });
    }

    std::pair<std::size_t, std::size_t> cell_of(double x, double y) const {
        const double fx = std::clamp(std::floor((x - min_x) / cell), 0.0, double(nx - 1));
        const double fy = std::clamp(std::floor((y - min_y) / cell), 0.0, double(ny - 1));
        return {static_cast<std::size_t>(fx), static_cast<std::size_t>(fy)};
    }

    // A feature is an area when its outline segments form closed rings: every vertex is the
    // end of an even number of its segments. Polylines have odd ends and are left out.
    void build_areas(const Layer& layer) {
        const auto& segs = layer.lines.segments;
        struct End {
            std::uint32_t feature;
            std::uint64_t key;
            bool operator<(const End& o) const {
                return feature != o.feature ? feature < o.feature : key < o.key;
            }
            bool operator==(const End& o) const = default;
        };
        std::vector<End> ends;
        ends.reserve(segs.size() * 2);
        for (const auto& s : segs) {
            ends.push_back({s.feature, vertex_key(s.x0, s.y0)});
            ends.push_back({s.feature, vertex_key(s.x1, s.y1)});
        }
        std::sort(ends.begin(), ends.end());
        std::vector<bool> open(layer.features.size(), false);
        for (std::size_t i = 0; i < ends.size();) {
            std::size_t j = i;
            while (j < ends.size() && ends[j] == ends[i])
                ++j;
            if ((j - i) % 2 == 1 && ends[i].feature < open.size()) open[ends[i].feature] = true;
            i = j;
        }
        double max_y = -std::numeric_limits<double>::infinity();
        band_min_y = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < segs.size(); ++i) {
            const Segment& s = segs[i];
            if (s.feature >= open.size() || open[s.feature]) continue;
            area_segments.push_back(static_cast<std::uint32_t>(i));
            band_min_y = std::min({band_min_y, double{s.y0}, double{s.y1}});
            max_y = std::max({max_y, double{s.y0}, double{s.y1}});
        }
        if (area_segments.empty()) return;
        bands = std::clamp<std::size_t>(
            static_cast<std::size_t>(std::sqrt(double(area_segments.size()))), 1, 4096);
        band_height = std::max((max_y - band_min_y) / double(bands), 1e-6);
        band_index.build(bands, area_segments.size(), [&](std::size_t i, auto&& add) {
            const Segment& s = segs[area_segments[i]];
            const std::size_t b0 = band_of(std::min(s.y0, s.y1));
            const std::size_t b1 = band_of(std::max(s.y0, s.y1));
            for (std::size_t b = b0; b <= b1; ++b)
                add(b);
        });
    }

    std::size_t band_of(double y) const {
        return static_cast<std::size_t>(
            std::clamp(std::floor((y - band_min_y) / band_height), 0.0, double(bands - 1)));
    }

    // Index of the last feature whose rings contain (x, y) by the even-odd rule, or -1.
    std::int64_t area_at(const Layer& layer, double x, double y) const {
        if (bands == 0) return -1;
        const auto b = band_of(y);
        std::vector<std::uint32_t> crossings; // feature of each crossing, few per band
        for (std::uint32_t k = band_index.offsets[b]; k < band_index.offsets[b + 1]; ++k) {
            const Segment& s = layer.lines.segments[area_segments[band_index.items[k]]];
            // Half-open in y so a ray through a shared vertex counts once.
            const double x0 = s.x0, y0 = s.y0, x1 = s.x1, y1 = s.y1;
            if ((y0 > y) != (y1 > y)) {
                const double xc = x0 + (y - y0) * (x1 - x0) / (y1 - y0);
                if (x < xc) crossings.push_back(s.feature);
            }
        }
        std::sort(crossings.begin(), crossings.end());
        std::int64_t best = -1;
        for (std::size_t i = 0; i < crossings.size();) {
            std::size_t j = i;
            while (j < crossings.size() && crossings[j] == crossings[i])
                ++j;
            if ((j - i) % 2 == 1) best = std::max<std::int64_t>(best, crossings[i]);
            i = j;
        }
        return best;
    }
};

Picker::Picker() = default;
Picker::~Picker() = default;
Picker::Picker(Picker&&) noexcept = default;
Picker& Picker::operator=(Picker&&) noexcept = default;

void Picker::sync(const Scene& scene) {
    std::map<std::string, std::unique_ptr<LayerIndex>, std::less<>> next;
    for (const Layer& layer : scene.layers) {
        auto it = m_layers.find(layer.id);
        if (it != m_layers.end() && it->second->revision == layer.revision) {
            next.emplace(layer.id, std::move(it->second));
            continue;
        }
        auto index = std::make_unique<LayerIndex>();
        index->build(layer);
        next.emplace(layer.id, std::move(index));
    }
    m_layers = std::move(next);
}

std::optional<Pick> Picker::pick(const Scene& scene, const Camera& camera, ScreenXY at,
                                 double radius_px, float ui_scale) const {
    const double mpp = camera.metres_per_pixel();
    const geo::PlaneXY world = camera.screen_to_world(at);
    const double qx = world.x_east_m - scene.origin.x_east_m;
    const double qy = world.y_north_m - scene.origin.y_north_m;
    const double scale = ui_scale;

    for (auto it = scene.layers.rbegin(); it != scene.layers.rend(); ++it) {
        const Layer& layer = *it;
        if (!layer.visible || !(layer.opacity > 0)) continue;
        const auto found = m_layers.find(layer.id);
        if (found == m_layers.end() || found->second->revision != layer.revision) continue;
        const LayerIndex& index = *found->second;

        // Points: nearest centre among the symbols the cursor touches.
        if (!index.points.empty()) {
            const double reach_px = radius_px + double{index.max_symbol_px} * scale / 2;
            const auto near = index.points.nearest_within({qx, qy}, 64, reach_px * mpp);
            std::optional<Pick> best;
            std::uint32_t best_feature = 0;
            for (const auto& n : near) {
                const PointFeature& p = layer.points.points[n.index];
                const double half = p.style < layer.points.styles.size()
                                        ? double{layer.points.styles[p.style].size_px} * scale / 2
                                        : 0.0;
                const double d_px = n.distance_m / mpp;
                if (d_px - half > radius_px || p.feature >= layer.features.size()) continue;
                if (!best || d_px < best->distance_px ||
                    (d_px == best->distance_px && p.feature > best_feature)) {
                    best = Pick{layer.id, layer.features[p.feature], d_px};
                    best_feature = p.feature;
                }
            }
            if (best) return best;
        }

        // Lines: nearest visible segment within reach.
        if (index.nx > 0) {
            const double reach_m = (radius_px + double{index.max_half_width_px} * scale) * mpp;
            const auto [cx0, cy0] = index.cell_of(qx - reach_m, qy - reach_m);
            const auto [cx1, cy1] = index.cell_of(qx + reach_m, qy + reach_m);
            double best_px = std::numeric_limits<double>::infinity();
            std::int64_t best_seg = -1;
            for (std::size_t cy = cy0; cy <= cy1; ++cy)
                for (std::size_t cx = cx0; cx <= cx1; ++cx) {
                    const std::size_t c = cy * index.nx + cx;
                    for (std::uint32_t k = index.grid.offsets[c]; k < index.grid.offsets[c + 1];
                         ++k) {
                        const std::uint32_t si = index.grid.items[k];
                        const Segment& s = layer.lines.segments[si];
                        if (s.style >= layer.lines.styles.size()) continue;
                        const LineStyle& st = layer.lines.styles[s.style];
                        if (mpp > double{st.max_mpp}) continue; // hidden at this zoom
                        const double half =
                            double{st.width_px / 2 + (st.casing.a > 0 ? st.casing_px : 0.0f)} *
                            scale;
                        const double d_px = segment_distance(qx, qy, s) / mpp;
                        if (d_px - half > radius_px) continue;
                        if (d_px < best_px || (d_px == best_px && si > best_seg)) {
                            best_px = d_px;
                            best_seg = si;
                        }
                    }
                }
            if (best_seg >= 0) {
                const Segment& s = layer.lines.segments[static_cast<std::size_t>(best_seg)];
                if (s.feature < layer.features.size())
                    return Pick{layer.id, layer.features[s.feature], best_px};
            }
        }

        // Fills: the area containing the cursor.
        if (!layer.fill.triangles.empty() && layer.fill.colour.a > 0) {
            const std::int64_t f = index.area_at(layer, qx, qy);
            if (f >= 0 && static_cast<std::size_t>(f) < layer.features.size())
                return Pick{layer.id, layer.features[static_cast<std::size_t>(f)], 0.0};
        }
    }
    return std::nullopt;
}

} // namespace breathline::map
