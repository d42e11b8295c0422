#pragma once
// Value comparison of map styles for tests (scene.h gives the style structs no operator==).

#include "console/map/scene.h"

namespace breathline::map::testing {

inline bool same(const PointStyle& a, const PointStyle& b) {
    return a.shape == b.shape && a.fill == b.fill && a.outline == b.outline &&
           a.size_px == b.size_px;
}

inline bool same(const LineStyle& a, const LineStyle& b) {
    return a.colour == b.colour && a.width_px == b.width_px && a.casing == b.casing &&
           a.casing_px == b.casing_px && a.max_mpp == b.max_mpp;
}

} // namespace breathline::map::testing
