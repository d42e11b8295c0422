#include "console/ui/map_overlay.h"

#include "geo/projection.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace breathline::ui {

namespace {

const ImU32 k_text = IM_COL32(30, 30, 30, 255);
const ImU32 k_halo = IM_COL32(255, 255, 255, 230);
const ImU32 k_panel = IM_COL32(255, 255, 255, 200);

ImVec2 add(ImVec2 a, float x, float y) {
    return ImVec2(a.x + x, a.y + y);
}

/// Text with a one-pixel light halo so it stays readable over roads and fills.
void halo_text(ImDrawList* dl, ImFont* font, float size, ImVec2 at, const std::string& text,
               float halo) {
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
            if (dx != 0 || dy != 0)
                dl->AddText(font, size,
                            add(at, static_cast<float>(dx) * halo, static_cast<float>(dy) * halo),
                            k_halo, text.c_str());
    dl->AddText(font, size, at, k_text, text.c_str());
}

std::string metres_text(double m) {
    char buf[32];
    if (m >= 1000)
        std::snprintf(buf, sizeof buf, "%g km", m / 1000);
    else
        std::snprintf(buf, sizeof buf, "%g m", m);
    return buf;
}

} // namespace

double scale_bar_metres(double metres_per_pixel, double max_px) {
    const double max_m = metres_per_pixel * max_px;
    if (!(max_m > 0) || !std::isfinite(max_m)) return 0;
    const double decade = std::pow(10.0, std::floor(std::log10(max_m)));
    for (double step : {5.0, 2.0, 1.0})
        if (step * decade <= max_m) return step * decade;
    return decade;
}

std::vector<map::PlacedLabel> place_map_labels(const map::Scene& scene, const map::Camera& camera,
                                               const Fonts& fonts, ImFont* font, float ui_scale) {
    const float size = font->FontSize;
    return map::place_labels(
        scene, camera,
        [&](std::string_view text) {
            const std::string shown = fonts.displayable(text);
            const ImVec2 s =
                font->CalcTextSizeA(size, 1e9f, 0.0f, shown.c_str(), shown.c_str() + shown.size());
            return std::pair<float, float>(s.x, s.y);
        },
        ui_scale);
}

void draw_map_overlay(ImDrawList* dl, const map::Scene& scene, const map::Camera& camera,
                      const std::vector<map::PlacedLabel>& labels, const Fonts& fonts, ImFont* font,
                      const OverlayOptions& options) {
    (void)scene;
    const float s = options.ui_scale;
    const float size = font->FontSize;
    const ImVec2 o = options.origin;
    for (const auto& l : labels)
        halo_text(dl, font, size, add(o, l.x, l.y), fonts.displayable(l.text), std::max(1.0f, s));

    const auto w = static_cast<float>(camera.width());
    const auto h = static_cast<float>(camera.height());
    const float margin = 12.0f * s;

    // Scale bar, bottom left: true length on the plane (EPSG:6677 is
    // conformal with scale error < 1/10,000 over the ward, see scene.h).
    const double bar_m =
        scale_bar_metres(camera.metres_per_pixel(), 120.0 * static_cast<double>(s));
    if (bar_m > 0) {
        const auto bar_px = static_cast<float>(bar_m / camera.metres_per_pixel());
        const ImVec2 left = add(o, margin, h - margin);
        const std::string text = metres_text(bar_m);
        const ImVec2 ts = font->CalcTextSizeA(size, 1e9f, 0.0f, text.c_str());
        dl->AddRectFilled(add(left, -4 * s, -ts.y - 10 * s), add(left, bar_px + 4 * s, 3 * s),
                          k_panel, 3 * s);
        dl->AddLine(left, add(left, bar_px, 0), k_text, 2 * s);
        dl->AddLine(left, add(left, 0, -5 * s), k_text, 2 * s);
        dl->AddLine(add(left, bar_px, 0), add(left, bar_px, -5 * s), k_text, 2 * s);
        dl->AddText(font, size, add(left, (bar_px - ts.x) * 0.5f, -ts.y - 6 * s), k_text,
                    text.c_str());
    }

    // North arrow, top right.
    {
        const ImVec2 c = add(o, w - margin - 14 * s, margin + 30 * s);
        dl->AddCircleFilled(c, 16 * s, k_panel);
        dl->AddTriangleFilled(add(c, 0, -14 * s), add(c, -7 * s, 8 * s), add(c, 0, 3 * s), k_text);
        dl->AddTriangle(add(c, 0, -14 * s), add(c, 7 * s, 8 * s), add(c, 0, 3 * s), k_text,
                        1.2f * s);
        const char* n = options.japanese ? "北" : "N";
        const ImVec2 ns = font->CalcTextSizeA(size, 1e9f, 0.0f, n);
        halo_text(dl, font, size, add(c, -ns.x * 0.5f, -16 * s - ns.y - 2 * s), n, 1.0f);
    }

    // Cursor position, bottom right, in degrees (JGD2011 ~ WGS 84 to < 1 m).
    if (options.cursor && options.projector != nullptr) {
        std::string text;
        try {
            const auto ll = options.projector->to_lonlat(camera.screen_to_world(*options.cursor));
            char buf[96];
            if (options.japanese)
                std::snprintf(buf, sizeof buf, "北緯 %.5f°  東経 %.5f°", ll.lat(), ll.lon());
            else
                std::snprintf(buf, sizeof buf, "%.5f° N  %.5f° E", ll.lat(), ll.lon());
            text = buf;
        } catch (const std::exception&) {
            text = "—";
        }
        const ImVec2 ts = font->CalcTextSizeA(size, 1e9f, 0.0f, text.c_str());
        const ImVec2 at = add(o, w - margin - ts.x, h - margin - ts.y);
        dl->AddRectFilled(add(at, -4 * s, -2 * s), add(at, ts.x + 4 * s, ts.y + 2 * s), k_panel,
                          3 * s);
        dl->AddText(font, size, at, k_text, text.c_str());
    }
}

} // namespace breathline::ui
