#pragma once
/// Filled polygons: the layer's triangle list (triangulated once when the
/// layer was built) in one vertex buffer, one draw call, colour as a uniform.

#include "console/map/scene.h"
#include "console/render/frame_params.h"
#include "console/render/gl_handles.h"

namespace breathline::render {

struct FillBuffers {
    GlVertexArray vao;
    GlBuffer vertices;
    GLsizei count = 0; ///< vertices, 3 per triangle
    std::size_t bytes = 0;
};

class FillRenderer {
public:
    /// Compiles the fill program. Precondition: a current GL 3.3 core
    /// context (also for every other member).
    FillRenderer();
    /// Uploads the triangle list (replacing any previous one).
    void upload_geometry(FillBuffers& buffers, const map::FillLayer& fill) const;
    /// Draws the triangles in `colour` (straight alpha).
    void draw(const FillBuffers& buffers, map::Rgba colour, const FrameParams& frame) const;

private:
    GlProgram m_program;
    GLint m_clip = -1, m_colour = -1;
};

} // namespace breathline::render
