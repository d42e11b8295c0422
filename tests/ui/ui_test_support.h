#pragma once
// Shared pieces of the window tests: one offscreen snapshotter per test
// process (hidden GLFW window: run under xvfb-run without a display), pixel
// access and image comparison.

#include "console/ui/map_snapshot.h"

#include <cstdint>
#include <cstdlib>
#include <gtest/gtest.h>
#include <string>

namespace breathline::ui::testing {

/// The process's snapshotter, created on first use.
inline MapSnapshotter& snapshotter() {
    static MapSnapshotter s;
    return s;
}

/// RGBA of pixel (x, y) (top-left origin) of `shot`.
inline map::Rgba pixel(const Snapshot& shot, int x, int y) {
    const auto i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(shot.width) +
                    static_cast<std::size_t>(x)) *
                   4;
    return {shot.rgba[i], shot.rgba[i + 1], shot.rgba[i + 2], shot.rgba[i + 3]};
}

/// Largest per-channel difference of the colour channels (alpha ignored).
inline int colour_distance(map::Rgba a, map::Rgba b) {
    return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
}

inline std::string to_string(map::Rgba c) {
    return "rgba(" + std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) +
           "," + std::to_string(c.a) + ")";
}

} // namespace breathline::ui::testing
