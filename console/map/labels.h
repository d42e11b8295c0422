#pragma once
/// Label placement: which of the scene's LabelCandidates are drawn at the current view, and
/// where, so that no two labels overlap. Pure CPU work on values (the text is measured by a
/// callback, so no font or ImGui is needed here); console/ui/map_overlay draws the result.

#include "console/map/camera.h"
#include "console/map/scene.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace breathline::map {

/// Size (width, height) in screen pixels of `text` as it will be drawn (font and UI scale
/// already applied by the caller).
using MeasureText = std::function<std::pair<float, float>(std::string_view)>;

struct PlacedLabel {
    std::string text;
    float x, y, w, h; ///< screen pixels, top-left corner and size
    std::string layer_id;
    std::uint32_t feature; ///< index into the layer's features
};

/// Places labels greedily: candidates of visible layers (Layer::visible, opacity > 0) whose
/// max_mpp is not exceeded by the camera's metres per pixel are sorted by priority (higher
/// first), then top-most layer, then feature index and text, and each is kept when its box
/// lies wholly inside the viewport and overlaps no label kept before (a uniform grid of
/// screen cells makes the test O(1) per label). Labels of point layers sit to the right of the
/// symbol (half its size plus a gap, times `ui_scale`), vertically centred on it; other
/// labels are centred on their anchor. Boxes carry `2 * ui_scale` pixels of padding in the
/// overlap test so that kept labels never touch. Deterministic: the same inputs give the same
/// output. Thread-safe if `measure` is.
std::vector<PlacedLabel> place_labels(const Scene& scene, const Camera& camera,
                                      const MeasureText& measure, float ui_scale);

} // namespace breathline::map
