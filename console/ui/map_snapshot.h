#pragma once
/// Offscreen rendering of a map view to pixels: a hidden window's context,
/// the GPU map renderer, the overlay (labels, scale bar, north arrow) and a
/// Framebuffer read back as RGBA. Used by `breathline screenshot` and by the
/// window tests, so what they check is exactly what the verb writes.
///
/// Thread safety: one per process, on the main thread (GLFW, ImGui).

#include "console/map/camera.h"
#include "console/map/labels.h"
#include "console/map/scene.h"
#include "console/render/map_renderer.h"
#include "console/ui/fonts.h"
#include "console/ui/imgui_session.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace breathline::ui {

struct SnapshotOptions {
    float ui_scale = 1.0f;
    float font_px = 15.0f; ///< label font size at UI scale 1
    bool japanese = true;
    bool overlay = true; ///< labels, scale bar, north arrow
    std::optional<map::FeatureRef> selection;
};

struct Snapshot {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;       ///< straight RGBA, top row first
    std::vector<map::PlacedLabel> labels; ///< where labels were drawn (screen px)
};

class MapSnapshotter {
public:
    /// Opens a hidden window (throws std::runtime_error without a display:
    /// run under xvfb-run) and loads the UI font (throws when
    /// fonts-noto-cjk is missing).
    MapSnapshotter();
    ~MapSnapshotter();
    MapSnapshotter(const MapSnapshotter&) = delete;
    MapSnapshotter& operator=(const MapSnapshotter&) = delete;

    /// Renders `scene` as `camera` sees it, camera.width() x camera.height()
    /// pixels. Syncs the renderer (uploads only changed layers) and rebuilds
    /// the font atlas when the scene's label texts need new glyphs.
    Snapshot render(const map::Scene& scene, const map::Camera& camera,
                    const SnapshotOptions& options = {});

    /// The renderer (tests read its upload counters).
    render::MapRenderer& renderer();
    /// The fonts, with the coverage of the last rendered scene's labels.
    Fonts& fonts();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Every label text of the scene (what the font must cover).
std::vector<std::string> scene_label_texts(const map::Scene& scene);

} // namespace breathline::ui
