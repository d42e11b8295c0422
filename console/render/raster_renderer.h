#pragma once
/// Raster layers (GeoTIFF, MBTiles, GeoPackage tiles already warped to
/// EPSG:6677): one RGBA texture per layer and one quad over its bounds.

#include "console/map/scene.h"
#include "console/render/frame_params.h"
#include "console/render/gl_handles.h"

#include <array>

namespace breathline::render {

/// Raster layers: one RGBA texture and one quad over the layer's bounds.
struct RasterBuffers {
    GlTexture texture;
    std::array<float, 4> bounds{}; ///< relative to Scene::origin: min x, min y, max x, max y
    bool present = false;
    std::size_t bytes = 0;
};

class RasterRenderer {
public:
    /// Compiles the raster program. Precondition: a current GL 3.3 core
    /// context (also for every other member).
    RasterRenderer();
    /// Uploads the image; an empty raster (width or height 0) frees it.
    /// Images larger than GL_MAX_TEXTURE_SIZE are not uploaded (the loader
    /// caps raster size well below it) and stay absent.
    void upload(RasterBuffers& buffers, const map::RasterLayer& raster,
                const geo::PlaneXY& origin) const;
    /// Draws the texture over its bounds (nothing when absent).
    void draw(const RasterBuffers& buffers, const FrameParams& frame) const;

private:
    GlProgram m_program;
    GlVertexArray m_empty; // core profile needs a bound VAO even without attributes
    GLint m_clip = -1, m_bounds = -1, m_image = -1;
};

} // namespace breathline::render
