#include "console/map/camera.h"

#include <cmath>
#include <gtest/gtest.h>

namespace breathline::map {
namespace {

TEST(Camera, ScreenAndWorldRoundTripWithYDown) {
    const Camera cam({-10'000.0, -30'000.0}, 2.0, 800, 600);
    const auto w = cam.screen_to_world({0, 0});
    EXPECT_DOUBLE_EQ(w.x_east_m, -10'000.0 - 400 * 2.0);
    EXPECT_DOUBLE_EQ(w.y_north_m, -30'000.0 + 300 * 2.0); // top of the screen is north
    const auto s = cam.world_to_screen({-9'000.0, -30'500.0});
    EXPECT_DOUBLE_EQ(s.x, 400 + 500.0);
    EXPECT_DOUBLE_EQ(s.y, 300 + 250.0);
    const auto back = cam.screen_to_world(s);
    EXPECT_NEAR(back.x_east_m, -9'000.0, 1e-9);
    EXPECT_NEAR(back.y_north_m, -30'500.0, 1e-9);
}

TEST(Camera, ZoomAtKeepsThePointUnderTheCursor) {
    Camera cam({0, 0}, 10.0, 1000, 800);
    const ScreenXY cursor{123, 654};
    const auto before = cam.screen_to_world(cursor);
    cam.zoom_at(cursor, 2.5);
    EXPECT_DOUBLE_EQ(cam.metres_per_pixel(), 4.0);
    const auto after = cam.screen_to_world(cursor);
    EXPECT_NEAR(after.x_east_m, before.x_east_m, 1e-9);
    EXPECT_NEAR(after.y_north_m, before.y_north_m, 1e-9);
}

TEST(Camera, ZoomIsClampedAndIgnoresNonsense) {
    Camera cam({0, 0}, 1.0, 100, 100);
    cam.zoom_at({50, 50}, 1e9);
    EXPECT_DOUBLE_EQ(cam.metres_per_pixel(), Camera::min_mpp);
    cam.zoom_at({50, 50}, 0.0);
    cam.zoom_at({50, 50}, std::nan(""));
    EXPECT_DOUBLE_EQ(cam.metres_per_pixel(), Camera::min_mpp);
    cam.set_metres_per_pixel(1e12);
    EXPECT_DOUBLE_EQ(cam.metres_per_pixel(), Camera::max_mpp);
}

TEST(Camera, PanFollowsTheDrag) {
    Camera cam({100, 200}, 3.0, 640, 480);
    const auto grabbed = cam.screen_to_world({300, 200});
    cam.pan_pixels(40, -25);
    const auto now = cam.world_to_screen(grabbed);
    EXPECT_NEAR(now.x, 340, 1e-9);
    EXPECT_NEAR(now.y, 175, 1e-9);
}

TEST(Camera, FitShowsTheWholeBoxWithMargins) {
    Camera cam({0, 0}, 1.0, 1000, 500);
    const PlaneBox box{-12'000, -36'000, -8'000, -33'000}; // 4 km x 3 km
    cam.fit(box, 50);
    // Height is the binding side: 3000 m over 400 px.
    EXPECT_DOUBLE_EQ(cam.metres_per_pixel(), 7.5);
    const auto vis = cam.visible_box();
    EXPECT_LE(vis.min_x, box.min_x);
    EXPECT_GE(vis.max_x, box.max_x);
    EXPECT_NEAR(cam.world_to_screen({box.min_x, box.max_y}).y, 50, 1e-9);
}

TEST(Camera, WebZoomLevelsAtToshima) {
    // Zoom 15 at 35.73°N is about 3.88 m per pixel.
    const double mpp = Camera::mpp_for_zoom(15, 35.73);
    EXPECT_NEAR(mpp, 3.879, 0.01);
    EXPECT_NEAR(Camera::zoom_for_mpp(mpp, 35.73), 15.0, 1e-12);
}

TEST(Camera, ClipMatrixMapsTheViewportCornersToUnitSquare) {
    const geo::PlaneXY origin{-11'000, -34'000};
    const Camera cam({-10'000, -33'000}, 5.0, 400, 200);
    const auto m = cam.clip_from_layer(origin);
    const auto clip = [&](double wx, double wy) {
        const double lx = wx - origin.x_east_m, ly = wy - origin.y_north_m;
        return std::pair{double{m[0]} * lx + double{m[12]}, double{m[5]} * ly + double{m[13]}};
    };
    const auto box = cam.visible_box();
    auto [x0, y0] = clip(box.min_x, box.min_y);
    auto [x1, y1] = clip(box.max_x, box.max_y);
    EXPECT_NEAR(x0, -1, 1e-6);
    EXPECT_NEAR(y0, -1, 1e-6);
    EXPECT_NEAR(x1, 1, 1e-6);
    EXPECT_NEAR(y1, 1, 1e-6);
}

} // namespace
} // namespace breathline::map
