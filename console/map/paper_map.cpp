#include "console/map/paper_map.h"

#include <algorithm>
#include <cairo.h>
#include <cmath>

namespace breathline::map {

namespace {

constexpr double k_pi = 3.14159265358979323846;

// Luminance of a scene colour as a grey level (0 black .. 1 white).
double grey(const Rgba& c) {
    return (0.299 * c.r + 0.587 * c.g + 0.114 * c.b) / 255.0;
}

std::string_view shape_glyph(Shape s) {
    switch (s) {
    case Shape::circle:
        return "●";
    case Shape::square:
        return "■";
    case Shape::triangle:
        return "▲";
    case Shape::diamond:
        return "◆";
    case Shape::star:
        return "★";
    case Shape::cross:
        return "✕";
    case Shape::hexagon:
        return "⬢";
    case Shape::ring:
        return "○";
    }
    return "●";
}

void shape_path(cairo_t* cr, Shape s, double x, double y, double r) {
    auto regular = [&](int n, double phase, double radius) {
        for (int i = 0; i < n; ++i) {
            const double a = phase + 2 * k_pi * i / n;
            const double px = x + radius * std::cos(a), py = y + radius * std::sin(a);
            if (i == 0)
                cairo_move_to(cr, px, py);
            else
                cairo_line_to(cr, px, py);
        }
        cairo_close_path(cr);
    };
    switch (s) {
    case Shape::circle:
    case Shape::ring:
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * k_pi);
        break;
    case Shape::square:
        cairo_rectangle(cr, x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
        break;
    case Shape::triangle:
        regular(3, -k_pi / 2, r * 1.1);
        break;
    case Shape::diamond:
        regular(4, 0, r * 1.1);
        break;
    case Shape::hexagon:
        regular(6, 0, r);
        break;
    case Shape::star:
        for (int i = 0; i < 10; ++i) {
            const double a = -k_pi / 2 + k_pi * i / 5;
            const double rr = i % 2 ? r * 0.45 : r * 1.15;
            if (i == 0)
                cairo_move_to(cr, x + rr * std::cos(a), y + rr * std::sin(a));
            else
                cairo_line_to(cr, x + rr * std::cos(a), y + rr * std::sin(a));
        }
        cairo_close_path(cr);
        break;
    case Shape::cross:
        cairo_move_to(cr, x - r, y - r);
        cairo_line_to(cr, x + r, y + r);
        cairo_move_to(cr, x + r, y - r);
        cairo_line_to(cr, x - r, y + r);
        break;
    }
}

} // namespace

data::reports::MapDrawn draw_scene_on_paper(data::reports::PdfDocument& doc, const Scene& scene,
                                            const data::reports::PaperRect& rect,
                                            const PaperMapOptions& o) {
    data::reports::MapDrawn drawn;
    PlaneBox view = o.view.empty() ? scene.home : o.view;
    if (view.empty()) {
        drawn.notes.push_back("地図に描くものがありません / nothing to draw");
        return drawn;
    }
    const double vw = std::max(view.max_x - view.min_x, 1.0);
    const double vh = std::max(view.max_y - view.min_y, 1.0);
    const double mpm = std::max(vw / rect.w, vh / rect.h); // metres per millimetre
    drawn.metres_per_mm = mpm;
    const double cx = (view.min_x + view.max_x) / 2, cy = (view.min_y + view.max_y) / 2;
    // Plane (absolute metres, y north) → page (mm, y down).
    auto px = [&](double x) { return rect.x + rect.w / 2 + (x - cx) / mpm; };
    auto py = [&](double y) { return rect.y + rect.h / 2 - (y - cy) / mpm; };
    const double ox = scene.origin.x_east_m, oy = scene.origin.y_north_m;
    // Scene coordinates are floats relative to the scene's origin.
    auto rx = [&](float x) { return px(static_cast<double>(x) + ox); };
    auto ry = [&](float y) { return py(static_cast<double>(y) + oy); };

    cairo_t* cr = doc.cairo();
    cairo_save(cr);
    cairo_rectangle(cr, rect.x, rect.y, rect.w, rect.h);
    cairo_clip(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    struct Label {
        double x, y;
        std::string text;
    };
    std::vector<Label> labels;
    for (const auto& layer : scene.layers) {
        if (!layer.visible) continue;
        if (!o.show_persons && layer.id.rfind("persons.", 0) == 0) continue;
        // Fills: light grey so that lines and symbols stay legible over them.
        if (!layer.fill.triangles.empty()) {
            const double g = 0.75 + 0.2 * grey(layer.fill.colour);
            cairo_set_source_rgb(cr, g, g, g);
            const auto& t = layer.fill.triangles;
            for (std::size_t i = 0; i + 2 < t.size(); i += 3) {
                cairo_move_to(cr, rx(t[i][0]), ry(t[i][1]));
                cairo_line_to(cr, rx(t[i + 1][0]), ry(t[i + 1][1]));
                cairo_line_to(cr, rx(t[i + 2][0]), ry(t[i + 2][1]));
                cairo_close_path(cr);
            }
            cairo_fill_preserve(cr);
            cairo_set_line_width(cr, 0.05); // hides hairline seams between triangles
            cairo_stroke(cr);
        }
        for (const auto& seg : layer.lines.segments) {
            const auto& st = layer.lines.styles[seg.style];
            if (st.max_mpp < 1e8f && mpm * 0.25 > static_cast<double>(st.max_mpp)) continue;
            const double g = std::min(0.55, grey(st.colour) * 0.6);
            cairo_set_source_rgb(cr, g, g, g);
            cairo_set_line_width(cr,
                                 std::clamp(static_cast<double>(st.width_px) * 0.12, 0.15, 0.8));
            cairo_move_to(cr, rx(seg.x0), ry(seg.y0));
            cairo_line_to(cr, rx(seg.x1), ry(seg.y1));
            cairo_stroke(cr);
        }
        for (const auto& pt : layer.points.points) {
            const auto& st = layer.points.styles[pt.style];
            const double x = rx(pt.x), y = ry(pt.y);
            if (x < rect.x || x > rect.x + rect.w || y < rect.y || y > rect.y + rect.h) continue;
            const double r = std::clamp(static_cast<double>(st.size_px) * 0.13, 0.9, 2.2);
            shape_path(cr, st.shape, x, y, r);
            const bool open = st.shape == Shape::ring || st.shape == Shape::cross;
            if (!open) {
                const double g = std::min(0.8, grey(st.fill));
                cairo_set_source_rgb(cr, g, g, g);
                cairo_fill_preserve(cr);
            }
            cairo_set_source_rgb(cr, 0, 0, 0);
            cairo_set_line_width(cr, open ? 0.45 : 0.2);
            cairo_stroke(cr);
            const auto& f = layer.features[pt.feature];
            if (f.kind == FeatureRef::Kind::person && o.person_label) {
                const std::string l = o.person_label(f);
                if (!l.empty()) labels.push_back({x + r + 0.6, y + 1, l});
            }
        }
        if (o.facility_labels)
            for (const auto& l : layer.labels) {
                if (l.feature >= layer.features.size() ||
                    layer.features[l.feature].kind != FeatureRef::Kind::facility)
                    continue;
                const double x = px(l.anchor.x_east_m), y = py(l.anchor.y_north_m);
                if (x < rect.x || x > rect.x + rect.w || y < rect.y || y > rect.y + rect.h)
                    continue;
                labels.push_back({x + 2.2, y + 1, l.text});
            }
    }
    if (o.route.size() >= 2) {
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.9);
        const double dash[] = {2.0, 1.0};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, px(o.route[0].x_east_m), py(o.route[0].y_north_m));
        for (std::size_t i = 1; i < o.route.size(); ++i)
            cairo_line_to(cr, px(o.route[i].x_east_m), py(o.route[i].y_north_m));
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
    }
    if (o.home) {
        const double x = px(o.home->x_east_m), y = py(o.home->y_north_m);
        cairo_set_source_rgb(cr, 0, 0, 0);
        shape_path(cr, Shape::star, x, y, 3.0);
        cairo_fill(cr);
        labels.push_back({x + 3.5, y + 1.2, o.home_label});
    }
    // Labels last, on a white halo, so that no line runs through the text.
    for (const auto& l : labels) {
        const double w = doc.text_width_mm(6.5, l.text);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
        cairo_rectangle(cr, l.x - 0.3, l.y - 2.2, w + 0.6, 2.9);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        doc.text(l.x, l.y, 6.5, l.text);
    }
    cairo_restore(cr);
    return drawn;
}

std::vector<std::string> paper_legend(const Scene& scene) {
    std::vector<std::string> out;
    for (const auto& layer : scene.layers) {
        if (!layer.visible) continue;
        if (layer.id.rfind("facilities.", 0) == 0 || layer.id.rfind("persons.", 0) == 0) {
            if (layer.points.styles.empty()) continue;
            out.push_back(std::string(shape_glyph(layer.points.styles.front().shape)) + " " +
                          layer.name_ja);
        } else if (layer.id == "roads") {
            out.push_back("— 道路 (幹線)");
        } else if (layer.id == "ward") {
            out.push_back("▒ 区域");
        }
    }
    out.push_back("★ 自宅 / - - 経路");
    return out;
}

} // namespace breathline::map
