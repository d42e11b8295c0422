#pragma once
/// Point symbols: the layer's PointFeature array is the instance buffer of
/// a screen-aligned quad; shaders/point.frag draws each map::Shape as a
/// signed distance field with fill and outline. Two draw calls per layer
/// (selection ring, symbols).

#include "console/map/scene.h"
#include "console/render/frame_params.h"
#include "console/render/gl_handles.h"

namespace breathline::render {

/// One layer's points on the GPU.
struct PointBuffers {
    GlVertexArray vao;
    GlBuffer instances;
    GlTexture styles;
    GLsizei count = 0;
    std::size_t bytes = 0;
};

class PointRenderer {
public:
    /// Compiles the point program. Precondition: a current GL 3.3 core
    /// context (also for every other member).
    PointRenderer();

    /// Uploads the points as they are (layer order is draw order, which
    /// the picker's tie rule relies on), replacing any previous ones.
    void upload_geometry(PointBuffers& buffers, const map::PointLayer& points) const;
    /// Uploads the style table only.
    void upload_styles(PointBuffers& buffers, const std::vector<map::PointStyle>& styles) const;
    /// Draws the symbols, then the selection ring on top (when set).
    void draw(const PointBuffers& buffers, const FrameParams& frame) const;

private:
    GlProgram m_program;
    GlBuffer m_corners;
    GLint m_clip = -1, m_viewport = -1, m_ui_scale = -1, m_styles = -1, m_pass = -1,
          m_highlight = -1, m_highlight_colour = -1;
};

} // namespace breathline::render
