#include "console/render/raster_renderer.h"

#include "console/render/program.h"
#include "console/render/shader_sources.h"

#include <cstdio>

namespace breathline::render {

RasterRenderer::RasterRenderer()
    : m_program(build_program("raster", shaders::raster_vert(), shaders::raster_frag())),
      m_empty(GlVertexArray::create()) {
    m_clip = uniform_location(m_program, "u_clip_from_layer");
    m_bounds = uniform_location(m_program, "u_bounds");
    m_image = uniform_location(m_program, "u_image");
}

void RasterRenderer::upload(RasterBuffers& b, const map::RasterLayer& raster,
                            const geo::PlaneXY& origin) const {
    const auto expected =
        static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.height) * 4;
    GLint max_size = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
    if (raster.width <= 0 || raster.height <= 0 || raster.rgba.size() != expected ||
        raster.width > max_size || raster.height > max_size || raster.bounds.empty()) {
        if (raster.width > max_size || raster.height > max_size)
            std::fprintf(stderr, "raster %dx%d exceeds GL_MAX_TEXTURE_SIZE %d; not drawn\n",
                         raster.width, raster.height, max_size);
        b = RasterBuffers{};
        return;
    }
    if (!b.texture) b.texture = GlTexture::create();
    glBindTexture(GL_TEXTURE_2D, b.texture.get());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, raster.width, raster.height, 0, GL_RGBA,
                 GL_UNSIGNED_BYTE, raster.rgba.data());
    glBindTexture(GL_TEXTURE_2D, 0);
    b.bounds = {static_cast<float>(raster.bounds.min_x - origin.x_east_m),
                static_cast<float>(raster.bounds.min_y - origin.y_north_m),
                static_cast<float>(raster.bounds.max_x - origin.x_east_m),
                static_cast<float>(raster.bounds.max_y - origin.y_north_m)};
    b.present = true;
    b.bytes = expected;
}

void RasterRenderer::draw(const RasterBuffers& b, const FrameParams& frame) const {
    if (!b.present) return;
    glUseProgram(m_program.get());
    glUniformMatrix4fv(m_clip, 1, GL_FALSE, frame.clip_from_layer.data());
    glUniform4fv(m_bounds, 1, b.bounds.data());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, b.texture.get());
    glUniform1i(m_image, 0);
    glBindVertexArray(m_empty.get());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
}

} // namespace breathline::render
