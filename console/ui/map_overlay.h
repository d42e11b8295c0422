#pragma once
/// What is drawn over the map with an ImDrawList rather than the GPU map
/// renderer: labels (placed by console/map/labels.h), the scale bar, the
/// north arrow and the cursor position in lon/lat. Used by the console's map
/// view and by `breathline screenshot`, so both show the same overlay.
///
/// Thread safety: ImGui's (UI thread, inside a frame).

#include "console/map/camera.h"
#include "console/map/labels.h"
#include "console/map/scene.h"
#include "console/ui/fonts.h"

#include <imgui.h>
#include <optional>
#include <vector>

namespace breathline::geo {
class PlaneProjector;
}

namespace breathline::ui {

struct OverlayOptions {
    /// Where the map's top-left pixel is in ImGui screen coordinates (the
    /// map view's image position; 0,0 for a screenshot).
    ImVec2 origin{0.0f, 0.0f};
    float ui_scale = 1.0f;
    bool japanese = true;
    /// Cursor over the map (map pixels), shown as lon/lat when a projector
    /// is given; nothing is shown when either is absent.
    std::optional<map::ScreenXY> cursor;
    const geo::PlaneProjector* projector = nullptr;
};

/// Places the scene's labels for `camera`, measuring the displayable text
/// (Fonts::displayable) with `font` at its size. What draw_map_overlay
/// expects as `labels`; the caller may cache it while the view is still.
std::vector<map::PlacedLabel> place_map_labels(const map::Scene& scene, const map::Camera& camera,
                                               const Fonts& fonts, ImFont* font, float ui_scale);

/// Draws labels (dark text with a light halo), the scale bar (bottom left),
/// the north arrow (top right) and the cursor position (bottom right) into
/// `draw_list`. Display north (EPSG:6677 grid north) differs from true north
/// by under 0.1° over Toshima (meridian convergence near the zone's central
/// meridian 139°50'E), so the arrow points straight up.
void draw_map_overlay(ImDrawList* draw_list, const map::Scene& scene, const map::Camera& camera,
                      const std::vector<map::PlacedLabel>& labels, const Fonts& fonts, ImFont* font,
                      const OverlayOptions& options);

/// The scale bar's length in metres for a bar at most `max_px` pixels long:
/// the largest 1, 2 or 5 x 10^n metres that fits.
double scale_bar_metres(double metres_per_pixel, double max_px);

} // namespace breathline::ui
