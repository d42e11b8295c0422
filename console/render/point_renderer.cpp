#include "console/render/point_renderer.h"

#include "console/render/program.h"
#include "console/render/shader_sources.h"
#include "console/render/style_table.h"

#include <array>
#include <cstddef>

namespace breathline::render {

namespace {
constexpr std::array<float, 8> k_corners{-1, -1, 1, -1, -1, 1, 1, 1};
static_assert(sizeof(map::PointFeature) == 16,
              "the shader reads PointFeature as 2 floats + 2 uints");
} // namespace

PointRenderer::PointRenderer()
    : m_program(build_program("point", shaders::point_vert(), shaders::point_frag())),
      m_corners(GlBuffer::create()) {
    glBindBuffer(GL_ARRAY_BUFFER, m_corners.get());
    glBufferData(GL_ARRAY_BUFFER, sizeof(k_corners), k_corners.data(), GL_STATIC_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    m_clip = uniform_location(m_program, "u_clip_from_layer");
    m_viewport = uniform_location(m_program, "u_viewport");
    m_ui_scale = uniform_location(m_program, "u_ui_scale");
    m_styles = uniform_location(m_program, "u_styles");
    m_pass = uniform_location(m_program, "u_pass");
    m_highlight = uniform_location(m_program, "u_highlight");
    m_highlight_colour = uniform_location(m_program, "u_highlight_colour");
}

void PointRenderer::upload_geometry(PointBuffers& b, const map::PointLayer& points) const {
    if (!b.vao) b.vao = GlVertexArray::create();
    if (!b.instances) b.instances = GlBuffer::create();
    glBindVertexArray(b.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, m_corners.get());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glBindBuffer(GL_ARRAY_BUFFER, b.instances.get());
    const auto bytes = points.points.size() * sizeof(map::PointFeature);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(bytes), points.points.data(),
                 GL_STATIC_DRAW);
    constexpr GLsizei stride = sizeof(map::PointFeature);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<const void*>(offsetof(map::PointFeature, x)));
    glVertexAttribDivisor(1, 1);
    glEnableVertexAttribArray(2);
    glVertexAttribIPointer(2, 1, GL_UNSIGNED_INT, stride,
                           reinterpret_cast<const void*>(offsetof(map::PointFeature, style)));
    glVertexAttribDivisor(2, 1);
    glEnableVertexAttribArray(3);
    glVertexAttribIPointer(3, 1, GL_UNSIGNED_INT, stride,
                           reinterpret_cast<const void*>(offsetof(map::PointFeature, feature)));
    glVertexAttribDivisor(3, 1);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    b.count = static_cast<GLsizei>(points.points.size());
    b.bytes = bytes;
}

void PointRenderer::upload_styles(PointBuffers& b,
                                  const std::vector<map::PointStyle>& styles) const {
    upload_style_table(b.styles, point_style_table(styles), static_cast<int>(styles.size()), 3);
}

void PointRenderer::draw(const PointBuffers& b, const FrameParams& frame) const {
    if (b.count == 0 || !b.styles) return;
    glUseProgram(m_program.get());
    glUniformMatrix4fv(m_clip, 1, GL_FALSE, frame.clip_from_layer.data());
    glUniform2f(m_viewport, frame.viewport_w, frame.viewport_h);
    glUniform1f(m_ui_scale, frame.ui_scale);
    glUniform1ui(m_highlight, frame.highlight);
    glUniform4fv(m_highlight_colour, 1, k_highlight_colour.data());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, b.styles.get());
    glUniform1i(m_styles, 0);
    glBindVertexArray(b.vao.get());
    glUniform1i(m_pass, 1);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, b.count);
    // The ring goes on top so a selected person under a crowd stays visible.
    if (frame.highlight != k_no_feature) {
        glUniform1i(m_pass, 0);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, b.count);
    }
    glBindVertexArray(0);
}

} // namespace breathline::render
