#include "console/map/camera.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace breathline::map {

namespace {
constexpr double equator_m = 40'075'016.686;
}

Camera::Camera(geo::PlaneXY center, double metres_per_pixel, int width_px, int height_px)
    : m_center(center) {
    set_metres_per_pixel(metres_per_pixel);
    set_viewport(width_px, height_px);
}

void Camera::set_viewport(int width_px, int height_px) {
    // A zero-sized viewport (minimised window) would make every transform
    // divide by zero; one pixel keeps them finite.
    m_width = std::max(1, width_px);
    m_height = std::max(1, height_px);
}

void Camera::set_metres_per_pixel(double mpp) {
    if (!std::isfinite(mpp)) return;
    m_mpp = std::clamp(mpp, min_mpp, max_mpp);
}

geo::PlaneXY Camera::screen_to_world(ScreenXY p) const {
    return {m_center.x_east_m + (p.x - m_width * 0.5) * m_mpp,
            m_center.y_north_m - (p.y - m_height * 0.5) * m_mpp};
}

ScreenXY Camera::world_to_screen(geo::PlaneXY p) const {
    return {(p.x_east_m - m_center.x_east_m) / m_mpp + m_width * 0.5,
            (m_center.y_north_m - p.y_north_m) / m_mpp + m_height * 0.5};
}

PlaneBox Camera::visible_box() const {
    const double hw = m_width * 0.5 * m_mpp;
    const double hh = m_height * 0.5 * m_mpp;
    return {m_center.x_east_m - hw, m_center.y_north_m - hh, m_center.x_east_m + hw,
            m_center.y_north_m + hh};
}

void Camera::pan_pixels(double dx, double dy) {
    m_center.x_east_m -= dx * m_mpp;
    m_center.y_north_m += dy * m_mpp;
}

void Camera::zoom_at(ScreenXY anchor, double factor) {
    if (!(factor > 0) || !std::isfinite(factor)) return;
    const geo::PlaneXY before = screen_to_world(anchor);
    set_metres_per_pixel(m_mpp / factor);
    const geo::PlaneXY after = screen_to_world(anchor);
    m_center.x_east_m += before.x_east_m - after.x_east_m;
    m_center.y_north_m += before.y_north_m - after.y_north_m;
}

void Camera::fit(const PlaneBox& box, double margin_px) {
    if (box.empty()) return;
    m_center = {(box.min_x + box.max_x) * 0.5, (box.min_y + box.max_y) * 0.5};
    const double w = std::max(1.0, m_width - 2 * margin_px);
    const double h = std::max(1.0, m_height - 2 * margin_px);
    const double need = std::max((box.max_x - box.min_x) / w, (box.max_y - box.min_y) / h);
    set_metres_per_pixel(need > 0 ? need : min_mpp);
}

double Camera::mpp_for_zoom(double zoom, double lat_deg) {
    return equator_m * std::cos(lat_deg * std::numbers::pi / 180.0) / (256.0 * std::exp2(zoom));
}

double Camera::zoom_for_mpp(double mpp, double lat_deg) {
    return std::log2(equator_m * std::cos(lat_deg * std::numbers::pi / 180.0) / (256.0 * mpp));
}

std::array<float, 16> Camera::clip_from_layer(geo::PlaneXY origin) const {
    // Layer point p maps to clip ((p + origin - center) * 2 / (W * mpp), ...):
    // the offset is computed in double so a far origin loses no precision.
    const double sx = 2.0 / (m_width * m_mpp);
    const double sy = 2.0 / (m_height * m_mpp);
    const double tx = (origin.x_east_m - m_center.x_east_m) * sx;
    const double ty = (origin.y_north_m - m_center.y_north_m) * sy;
    std::array<float, 16> m{};
    m[0] = static_cast<float>(sx);
    m[5] = static_cast<float>(sy);
    m[10] = 1.0f;
    m[12] = static_cast<float>(tx);
    m[13] = static_cast<float>(ty);
    m[15] = 1.0f;
    return m;
}

} // namespace breathline::map
