#include "console/render/style_table.h"

#include <algorithm>

namespace breathline::render {

std::array<float, 4> to_float(map::Rgba c) {
    return {c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, c.a / 255.0f};
}

namespace {

void put(std::vector<float>& table, std::size_t columns, std::size_t row, std::size_t column,
         std::array<float, 4> v) {
    std::copy(v.begin(), v.end(),
              table.begin() + static_cast<std::ptrdiff_t>((row * columns + column) * 4));
}

} // namespace

std::vector<float> line_style_table(const std::vector<map::LineStyle>& styles) {
    const std::size_t n = std::max<std::size_t>(1, styles.size());
    std::vector<float> table(n * 3 * 4, 0.0f);
    for (std::size_t i = 0; i < styles.size(); ++i) {
        const auto& s = styles[i];
        put(table, n, 0, i, to_float(s.colour));
        put(table, n, 1, i, to_float(s.casing));
        put(table, n, 2, i, {s.width_px, s.casing_px, s.max_mpp, 0.0f});
    }
    return table;
}

std::vector<float> point_style_table(const std::vector<map::PointStyle>& styles) {
    const std::size_t n = std::max<std::size_t>(1, styles.size());
    std::vector<float> table(n * 3 * 4, 0.0f);
    for (std::size_t i = 0; i < styles.size(); ++i) {
        const auto& s = styles[i];
        put(table, n, 0, i, to_float(s.fill));
        put(table, n, 1, i, to_float(s.outline));
        put(table, n, 2, i, {s.size_px, static_cast<float>(s.shape), 0.0f, 0.0f});
    }
    return table;
}

void upload_style_table(GlTexture& texture, const std::vector<float>& table, int columns,
                        int rows) {
    if (!texture) texture = GlTexture::create();
    glBindTexture(GL_TEXTURE_2D, texture.get());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, std::max(1, columns), rows, 0, GL_RGBA, GL_FLOAT,
                 table.data());
    glBindTexture(GL_TEXTURE_2D, 0);
}

} // namespace breathline::render
