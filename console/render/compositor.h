#pragma once
/// Per-layer opacity: a layer with opacity < 1 is drawn alone into an
/// offscreen framebuffer, then blended onto the map once with its opacity,
/// so its own overlapping joins and casings do not darken.

#include "console/render/gl_handles.h"

namespace breathline::render {

/// Blends a layer drawn offscreen (premultiplied) with an opacity.
class Compositor {
public:
    /// Compiles the composite program. Precondition: a current GL context.
    Compositor();
    /// Draws `texture` over the bound framebuffer's whole viewport.
    void draw(GLuint texture, float opacity) const;

private:
    GlProgram m_program;
    GlVertexArray m_empty;
    GLint m_image = -1, m_opacity = -1;
};

} // namespace breathline::render
