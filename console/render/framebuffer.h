#pragma once
/// An offscreen render target: a framebuffer object with one RGBA8 colour
/// texture. The map is drawn into one (then shown as an ImGui image or read
/// back for a screenshot); MapRenderer uses another for layer opacity.
///
/// Thread safety: GL rules; construct, use and destroy with the same context
/// current.

#include "console/render/gl_handles.h"

#include <cstdint>
#include <vector>

namespace breathline::render {

class Framebuffer {
public:
    /// Creates a width x height target (each clamped to at least 1 pixel).
    /// Throws std::runtime_error when the driver reports it incomplete.
    Framebuffer(int width, int height);

    /// Reallocates the colour texture when the size differs; contents are
    /// undefined afterwards. Same errors as the constructor.
    void resize(int width, int height);
    /// Size in pixels.
    int width() const { return m_width; }
    int height() const { return m_height; }
    /// The colour texture (RGBA8, row 0 at the bottom as GL stores it: show
    /// it with ImGui::Image(id, size, ImVec2(0, 1), ImVec2(1, 0))).
    GLuint texture() const { return m_texture.get(); }
    /// The framebuffer object's GL name.
    GLuint id() const { return m_fbo.get(); }
    /// Binds it for drawing and reading and sets the viewport to its size.
    void bind() const;
    /// Reads the colour texture back: width*height*4 bytes, straight RGBA,
    /// top row first (as PNG files and screen coordinates expect). Leaves
    /// this framebuffer bound.
    std::vector<std::uint8_t> read_rgba() const;

private:
    GlFramebuffer m_fbo;
    GlTexture m_texture;
    int m_width = 0, m_height = 0;
};

} // namespace breathline::render
