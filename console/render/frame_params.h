#pragma once
/// Per-frame values every primitive renderer needs, computed once per frame
/// by MapRenderer from the camera and the render options.

#include <array>
#include <cstdint>

namespace breathline::render {

/// Feature index meaning "nothing selected in this layer".
inline constexpr std::uint32_t k_no_feature = 0xffffffffu;

struct FrameParams {
    std::array<float, 16> clip_from_layer{}; ///< column-major, see Camera::clip_from_layer
    float viewport_w = 1, viewport_h = 1;    ///< pixels
    float mpp = 1;                           ///< metres per pixel
    float ui_scale = 1;
    std::uint32_t highlight = k_no_feature; ///< feature index in the layer being drawn
};

/// Colour of the selection glow and ring (straight RGBA, 0-1): amber, which
/// no facility kind or person status uses.
inline constexpr std::array<float, 4> k_highlight_colour{1.0f, 0.72f, 0.0f, 0.9f};

} // namespace breathline::render
