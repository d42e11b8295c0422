#pragma once
/// Move-only owners of OpenGL object names (buffers, vertex arrays, shaders,
/// programs, textures, framebuffers): the name is deleted when the owner is
/// destroyed, so no GPU object outlives the code that made it and no early
/// return leaks one.
///
/// Thread safety: like every GL call, construction and destruction must
/// happen on the thread whose context is current, with that context current.

#include <GL/glcorearb.h>
#include <utility>

namespace breathline::render {

/// Owns one GL name made by `Gen` and deleted by `Del` (both 1-name calls).
template <typename Traits> class GlHandle {
public:
    GlHandle() = default;
    /// Creates a new GL object. Precondition: a current GL context.
    static GlHandle create() {
        GlHandle h;
        h.m_name = Traits::create();
        return h;
    }
    ~GlHandle() { reset(); }
    GlHandle(GlHandle&& o) noexcept : m_name(std::exchange(o.m_name, 0)) {}
    GlHandle& operator=(GlHandle&& o) noexcept {
        if (this != &o) {
            reset();
            m_name = std::exchange(o.m_name, 0);
        }
        return *this;
    }
    GlHandle(const GlHandle&) = delete;
    GlHandle& operator=(const GlHandle&) = delete;

    /// The GL name, 0 when empty.
    GLuint get() const { return m_name; }
    explicit operator bool() const { return m_name != 0; }
    /// Deletes the object (if any) and leaves the handle empty.
    void reset() {
        if (m_name != 0) Traits::destroy(m_name);
        m_name = 0;
    }

private:
    GLuint m_name = 0;
};

struct BufferTraits {
    static GLuint create() {
        GLuint n = 0;
        glGenBuffers(1, &n);
        return n;
    }
    static void destroy(GLuint n) { glDeleteBuffers(1, &n); }
};
struct VertexArrayTraits {
    static GLuint create() {
        GLuint n = 0;
        glGenVertexArrays(1, &n);
        return n;
    }
    static void destroy(GLuint n) { glDeleteVertexArrays(1, &n); }
};
struct TextureTraits {
    static GLuint create() {
        GLuint n = 0;
        glGenTextures(1, &n);
        return n;
    }
    static void destroy(GLuint n) { glDeleteTextures(1, &n); }
};
struct FramebufferTraits {
    static GLuint create() {
        GLuint n = 0;
        glGenFramebuffers(1, &n);
        return n;
    }
    static void destroy(GLuint n) { glDeleteFramebuffers(1, &n); }
};
struct ProgramTraits {
    static GLuint create() { return glCreateProgram(); }
    static void destroy(GLuint n) { glDeleteProgram(n); }
};

using GlBuffer = GlHandle<BufferTraits>;
using GlVertexArray = GlHandle<VertexArrayTraits>;
using GlTexture = GlHandle<TextureTraits>;
using GlFramebuffer = GlHandle<FramebufferTraits>;
using GlProgram = GlHandle<ProgramTraits>;

/// A shader object; the type is chosen at creation, so it has its own owner.
class GlShader {
public:
    GlShader() = default;
    /// Creates an empty shader of `type` (GL_VERTEX_SHADER, GL_FRAGMENT_SHADER).
    explicit GlShader(GLenum type) : m_name(glCreateShader(type)) {}
    ~GlShader() {
        if (m_name != 0) glDeleteShader(m_name);
    }
    GlShader(GlShader&& o) noexcept : m_name(std::exchange(o.m_name, 0)) {}
    GlShader& operator=(GlShader&& o) noexcept {
        if (this != &o) {
            if (m_name != 0) glDeleteShader(m_name);
            m_name = std::exchange(o.m_name, 0);
        }
        return *this;
    }
    GlShader(const GlShader&) = delete;
    GlShader& operator=(const GlShader&) = delete;
    /// The GL name, 0 when empty.
    GLuint get() const { return m_name; }

private:
    GLuint m_name = 0;
};

} // namespace breathline::render
