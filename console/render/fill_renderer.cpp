#include "console/render/fill_renderer.h"

#include "console/render/program.h"
#include "console/render/shader_sources.h"
#include "console/render/style_table.h"

namespace breathline::render {

FillRenderer::FillRenderer()
    : m_program(build_program("fill", shaders::fill_vert(), shaders::fill_frag())) {
    m_clip = uniform_location(m_program, "u_clip_from_layer");
    m_colour = uniform_location(m_program, "u_colour");
}

void FillRenderer::upload_geometry(FillBuffers& b, const map::FillLayer& fill) const {
    if (!b.vao) b.vao = GlVertexArray::create();
    if (!b.vertices) b.vertices = GlBuffer::create();
    glBindVertexArray(b.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, b.vertices.get());
    const auto bytes = fill.triangles.size() * sizeof(fill.triangles[0]);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(bytes), fill.triangles.data(),
                 GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    // A trailing partial triangle would be a builder bug; draw whole ones only.
    b.count = static_cast<GLsizei>(fill.triangles.size() / 3 * 3);
    b.bytes = bytes;
}

void FillRenderer::draw(const FillBuffers& b, map::Rgba colour, const FrameParams& frame) const {
    if (b.count == 0 || colour.a == 0) return;
    glUseProgram(m_program.get());
    glUniformMatrix4fv(m_clip, 1, GL_FALSE, frame.clip_from_layer.data());
    glUniform4fv(m_colour, 1, to_float(colour).data());
    glBindVertexArray(b.vao.get());
    glDrawArrays(GL_TRIANGLES, 0, b.count);
    glBindVertexArray(0);
}

} // namespace breathline::render
