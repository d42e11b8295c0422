#include "console/render/framebuffer.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace breathline::render {

Framebuffer::Framebuffer(int width, int height)
    : m_fbo(GlFramebuffer::create()), m_texture(GlTexture::create()) {
    resize(width, height);
}

void Framebuffer::resize(int width, int height) {
    width = std::max(1, width);
    height = std::max(1, height);
    if (width == m_width && height == m_height) return;
    GLint previous = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous);
    glBindTexture(GL_TEXTURE_2D, m_texture.get());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glBindTexture(GL_TEXTURE_2D, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_texture.get(), 0);
    const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
    if (status != GL_FRAMEBUFFER_COMPLETE)
        throw std::runtime_error("offscreen framebuffer " + std::to_string(width) + "x" +
                                 std::to_string(height) + " is incomplete (status 0x" +
                                 [&] {
                                     char hex[16];
                                     std::snprintf(hex, sizeof hex, "%x", status);
                                     return std::string(hex);
                                 }() +
                                 ")");
    m_width = width;
    m_height = height;
}

void Framebuffer::bind() const {
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.get());
    glViewport(0, 0, m_width, m_height);
}

std::vector<std::uint8_t> Framebuffer::read_rgba() const {
    const auto w = static_cast<std::size_t>(m_width);
    const auto h = static_cast<std::size_t>(m_height);
    std::vector<std::uint8_t> bottom_up(w * h * 4);
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.get());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, m_width, m_height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
    std::vector<std::uint8_t> top_down(bottom_up.size());
    const std::size_t row = w * 4;
    for (std::size_t y = 0; y < h; ++y)
        std::memcpy(top_down.data() + y * row, bottom_up.data() + (h - 1 - y) * row, row);
    return top_down;
}

} // namespace breathline::render
