#pragma once
/// What is under the cursor: the feature a click selects and a hover describes. Indexes are
/// built per layer when its revision changes (sync), so a pick costs a tree or grid lookup,
/// not a scan of every feature.

#include "console/map/camera.h"
#include "console/map/scene.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace breathline::map {

struct Pick {
    std::string layer_id;
    FeatureRef feature;
    double distance_px = 0; ///< from the pick position to the point, line or area (0 inside)
};

/// Spatial indexes over the scene's layers: a k-d tree (geo::PointIndex) per point layer, a
/// uniform grid over segments per line layer, and per area feature its outline segments for
/// an exact even-odd inside test. Not thread-safe for sync(); pick() is const and may run
/// concurrently with other pick() calls.
class Picker {
public:
    Picker();
    ~Picker();
    Picker(Picker&&) noexcept;
    Picker& operator=(Picker&&) noexcept;

    /// Rebuilds the indexes of layers whose revision changed or that are new, and drops those
    /// of layers no longer in the scene. Cost proportional to the changed layers.
    void sync(const Scene& scene);

    /// The feature drawn at `at` (screen pixels, y down) within `radius_px` of its symbol
    /// edge or line edge. Only visible layers (Layer::visible, opacity > 0) are searched; the
    /// top-most layer (last in Scene::layers) wins; within a layer points come before lines
    /// before fills, and the nearest candidate wins (ties: the later feature, drawn on top).
    /// Symbol sizes and line widths are taken at UI scale `ui_scale`; line classes hidden at
    /// this zoom (LineStyle::max_mpp) are not picked. Layers not yet synced are skipped.
    /// nullopt when nothing is there.
    std::optional<Pick> pick(const Scene& scene, const Camera& camera, ScreenXY at,
                             double radius_px, float ui_scale = 1.0f) const;

private:
    struct LayerIndex;
    std::map<std::string, std::unique_ptr<LayerIndex>, std::less<>> m_layers;
};

} // namespace breathline::map
