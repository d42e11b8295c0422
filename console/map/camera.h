#pragma once
/// The map view: which part of the display plane (EPSG:6677, see scene.h)
/// fills a viewport of W x H pixels. Screen coordinates are pixels with the
/// origin at the top-left corner and y pointing down, as in ImGui and PNG
/// files; world y points north. Pure value type, no GL.

#include "console/map/scene.h"
#include "geo/coordinates.h"

#include <array>

namespace breathline::map {

struct ScreenXY {
    double x = 0, y = 0;
};

class Camera {
public:
    /// Limits that keep the view usable: ~5 cm to ~2 km per pixel.
    static constexpr double min_mpp = 0.05;
    static constexpr double max_mpp = 2000.0;

    Camera() = default;
    Camera(geo::PlaneXY center, double metres_per_pixel, int width_px, int height_px);

    geo::PlaneXY center() const { return m_center; }
    double metres_per_pixel() const { return m_mpp; }
    int width() const { return m_width; }
    int height() const { return m_height; }

    void set_viewport(int width_px, int height_px);
    void set_center(geo::PlaneXY center) { m_center = center; }
    /// Clamped to [min_mpp, max_mpp].
    void set_metres_per_pixel(double mpp);

    geo::PlaneXY screen_to_world(ScreenXY p) const;
    ScreenXY world_to_screen(geo::PlaneXY p) const;
    /// The world box the viewport shows.
    PlaneBox visible_box() const;

    /// Moves the view so the content follows a drag of (dx, dy) pixels.
    void pan_pixels(double dx, double dy);
    /// Zooms by `factor` (>1 zooms in) keeping the world point under
    /// `anchor` fixed on screen (wheel zoom around the cursor).
    void zoom_at(ScreenXY anchor, double factor);
    /// Shows all of `box` with `margin_px` pixels free on every side.
    void fit(const PlaneBox& box, double margin_px = 24.0);

    /// Web-map style zoom level Z (256-pixel tiles, 2^Z tiles around the
    /// equator) at latitude `lat_deg`, so `--zoom 15` means what users of
    /// web maps expect: mpp = 40,075,016.686 * cos(lat) / (256 * 2^Z).
    static double mpp_for_zoom(double zoom, double lat_deg);
    static double zoom_for_mpp(double mpp, double lat_deg);

    /// Column-major 4x4 matrix taking layer coordinates (metres relative to
    /// `origin`) to OpenGL clip space, for this viewport.
    std::array<float, 16> clip_from_layer(geo::PlaneXY origin) const;

private:
    geo::PlaneXY m_center{0, 0};
    double m_mpp = 10.0;
    int m_width = 800;
    int m_height = 600;
};

} // namespace breathline::map
