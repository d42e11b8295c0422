#pragma once
/// Draws a map::Scene with OpenGL 3.3 core: thick anti-aliased lines with
/// round joins and caps (instanced segments), instanced SDF point symbols,
/// triangulated fills and raster textures, plus the selection highlight.
/// GPU buffers are built per layer and rebuilt only when Layer::revision
/// changes (sync()); render() issues a fixed number of draw calls per layer
/// and no CPU work proportional to the number of features.
///
/// Requires a current OpenGL 3.3+ core context on the calling thread for the
/// whole lifetime of the object (construct, sync, render and destroy there).

#include "console/map/camera.h"
#include "console/map/scene.h"

#include <cstdint>
#include <memory>
#include <optional>

namespace breathline::render {

struct RenderOptions {
    map::Rgba background{242, 239, 233, 255};
    float ui_scale = 1.0f; ///< multiplies line widths and symbol sizes
    /// Highlighted feature (ring around a point, glow on a line), if any.
    std::optional<map::FeatureRef> selection;
};

class MapRenderer {
public:
    MapRenderer();
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    /// Uploads every layer whose revision differs from the uploaded one and
    /// frees buffers of layers no longer in the scene. Cost is proportional
    /// to the changed layers only.
    void sync(const map::Scene& scene);
    /// Draws the scene into the currently bound framebuffer, viewport
    /// camera.width() x camera.height(). Layers not yet synced are skipped.
    void render(const map::Scene& scene, const map::Camera& camera, const RenderOptions& options);

    /// Bytes of GPU buffers held (for the status line and benchmarks).
    std::size_t gpu_bytes() const;

    /// Layers whose geometry (segments, points, triangles, raster) was sent
    /// to the GPU since construction. A revision bump that changed only
    /// styles uploads the style tables and does not count here; tests use
    /// this to prove that an unchanged scene uploads nothing.
    std::uint64_t geometry_uploads() const;
    /// Style-table uploads (line or point tables) since construction.
    std::uint64_t style_uploads() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace breathline::render
