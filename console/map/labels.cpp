#include "console/map/labels.h"

#include <algorithm>
#include <cmath>

namespace breathline::map {

namespace {

struct Candidate {
    const LabelCandidate* label;
    std::size_t layer; // position in Scene::layers
};

struct Box {
    float x0, y0, x1, y1;
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// Kept boxes bucketed by screen cell, so a new label is tested only against its neighbours.
class CollisionGrid {
public:
    CollisionGrid(int width, int height, float cell)
        : m_cell(cell), m_nx(static_cast<int>(std::ceil(float(width) / cell)) + 1),
          m_ny(static_cast<int>(std::ceil(float(height) / cell)) + 1),
          m_cells(static_cast<std::size_t>(m_nx * m_ny)) {}

    bool free(const Box& b) const {
        bool ok = true;
        visit(b, [&](const std::vector<std::uint32_t>& cell) {
            for (const std::uint32_t i : cell)
                if (m_boxes[i].overlaps(b)) ok = false;
        });
        return ok;
    }

    void add(const Box& b) {
        const auto index = static_cast<std::uint32_t>(m_boxes.size());
        m_boxes.push_back(b);
        visit_mut(b, [&](std::vector<std::uint32_t>& cell) { cell.push_back(index); });
    }

private:
    int clamp_x(float v) const { return std::clamp(static_cast<int>(v / m_cell), 0, m_nx - 1); }
    int clamp_y(float v) const { return std::clamp(static_cast<int>(v / m_cell), 0, m_ny - 1); }

    template <typename F> void visit(const Box& b, F&& f) const {
        for (int y = clamp_y(b.y0); y <= clamp_y(b.y1); ++y)
            for (int x = clamp_x(b.x0); x <= clamp_x(b.x1); ++x)
                f(m_cells[static_cast<std::size_t>(y * m_nx + x)]);
    }
    template <typename F> void visit_mut(const Box& b, F&& f) {
        for (int y = clamp_y(b.y0); y <= clamp_y(b.y1); ++y)
            for (int x = clamp_x(b.x0); x <= clamp_x(b.x1); ++x)
                f(m_cells[static_cast<std::size_t>(y * m_nx + x)]);
    }

    float m_cell;
    int m_nx, m_ny;
    std::vector<std::vector<std::uint32_t>> m_cells;
    std::vector<Box> m_boxes;
};

// The symbol size a label must clear: the largest point style of its layer.
float symbol_size(const Layer& layer) {
    float s = 0;
    for (const auto& st : layer.points.styles)
        s = std::max(s, st.size_px);
    return s;
}

} // namespace

std::vector<PlacedLabel> place_labels(const Scene& scene, const Camera& camera,
                                      const MeasureText& measure, float ui_scale) {
    std::vector<PlacedLabel> placed;
    if (!measure) return placed;
    const double mpp = camera.metres_per_pixel();
    const PlaneBox view = camera.visible_box();

    std::vector<Candidate> candidates;
    for (std::size_t li = 0; li < scene.layers.size(); ++li) {
        const Layer& layer = scene.layers[li];
        if (!layer.visible || !(layer.opacity > 0)) continue;
        for (const auto& label : layer.labels) {
            if (label.text.empty() || mpp > double{label.max_mpp}) continue;
            // Cheap world-space cull before any text is measured; the exact box test follows.
            if (label.anchor.x_east_m < view.min_x || label.anchor.x_east_m > view.max_x ||
                label.anchor.y_north_m < view.min_y || label.anchor.y_north_m > view.max_y)
                continue;
            candidates.push_back({&label, li});
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.label->priority != b.label->priority) return a.label->priority > b.label->priority;
        if (a.layer != b.layer) return a.layer > b.layer; // top-most layer first
        if (a.label->feature != b.label->feature) return a.label->feature < b.label->feature;
        return a.label->text < b.label->text;
    });

    const float pad = 2.0f * ui_scale;
    CollisionGrid grid(camera.width(), camera.height(), 64.0f * std::max(ui_scale, 0.25f));
    std::vector<float> layer_symbol(scene.layers.size(), -1.0f);
    for (const Candidate& c : candidates) {
        const Layer& layer = scene.layers[c.layer];
        if (layer_symbol[c.layer] < 0) layer_symbol[c.layer] = symbol_size(layer);
        const auto [w, h] = measure(c.label->text);
        if (!(w > 0) || !(h > 0)) continue;
        const ScreenXY s = camera.world_to_screen(c.label->anchor);
        float x = 0, y = 0;
        if (!layer.points.points.empty()) {
            x = static_cast<float>(s.x) + (layer_symbol[c.layer] / 2 + 3.0f) * ui_scale;
            y = static_cast<float>(s.y) - h / 2;
        } else {
            x = static_cast<float>(s.x) - w / 2;
            y = static_cast<float>(s.y) - h / 2;
        }
        if (x < 0 || y < 0 || x + w > float(camera.width()) || y + h > float(camera.height()))
            continue;
        const Box padded{x - pad, y - pad, x + w + pad, y + h + pad};
        if (!grid.free(padded)) continue;
        grid.add(padded);
        placed.push_back({c.label->text, x, y, w, h, layer.id, c.label->feature});
    }
    return placed;
}

} // namespace breathline::map
