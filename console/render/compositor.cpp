#include "console/render/compositor.h"

#include "console/render/program.h"
#include "console/render/shader_sources.h"

namespace breathline::render {

Compositor::Compositor()
    : m_program(build_program("composite", shaders::composite_vert(), shaders::composite_frag())),
      m_empty(GlVertexArray::create()) {
    m_image = uniform_location(m_program, "u_image");
    m_opacity = uniform_location(m_program, "u_opacity");
}

void Compositor::draw(GLuint texture, float opacity) const {
    glUseProgram(m_program.get());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture);
    glUniform1i(m_image, 0);
    glUniform1f(m_opacity, opacity);
    glBindVertexArray(m_empty.get());
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
}

} // namespace breathline::render
