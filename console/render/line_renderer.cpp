#include "console/render/line_renderer.h"

#include "console/render/program.h"
#include "console/render/shader_sources.h"
#include "console/render/style_table.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace breathline::render {

namespace {
// Triangle strip: (start, -side), (end, -side), (start, +side), (end, +side).
constexpr std::array<float, 8> k_corners{0, -1, 1, -1, 0, 1, 1, 1};
static_assert(sizeof(map::Segment) == 24, "the shader reads Segment as 4 floats + 2 uints");

void point_instances_at(std::size_t first) {
    constexpr GLsizei stride = sizeof(map::Segment);
    const std::size_t base = first * sizeof(map::Segment);
    glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<const void*>(base + offsetof(map::Segment, x0)));
    glVertexAttribIPointer(2, 1, GL_UNSIGNED_INT, stride,
                           reinterpret_cast<const void*>(base + offsetof(map::Segment, style)));
    glVertexAttribIPointer(3, 1, GL_UNSIGNED_INT, stride,
                           reinterpret_cast<const void*>(base + offsetof(map::Segment, feature)));
}
} // namespace

TiledSegments tile_segments(const std::vector<map::Segment>& segments,
                            std::size_t target_per_tile) {
    TiledSegments out;
    if (segments.empty()) return out;
    float min_x = std::numeric_limits<float>::max(), min_y = min_x;
    float max_x = std::numeric_limits<float>::lowest(), max_y = max_x;
    std::uint32_t styles = 1;
    for (const auto& s : segments) {
        const float mx = 0.5f * (s.x0 + s.x1), my = 0.5f * (s.y0 + s.y1);
        min_x = std::min(min_x, mx);
        max_x = std::max(max_x, mx);
        min_y = std::min(min_y, my);
        max_y = std::max(max_y, my);
        styles = std::max(styles, s.style + 1);
    }
    const auto per_axis = static_cast<std::uint32_t>(std::clamp(
        std::sqrt(static_cast<double>(segments.size()) / static_cast<double>(target_per_tile)), 1.0,
        32.0));
    const float cell_w = std::max(1e-3f, (max_x - min_x) / static_cast<float>(per_axis));
    const float cell_h = std::max(1e-3f, (max_y - min_y) / static_cast<float>(per_axis));
    const auto tile_of = [&](const map::Segment& s) {
        const float mx = 0.5f * (s.x0 + s.x1), my = 0.5f * (s.y0 + s.y1);
        const auto tx = std::min(per_axis - 1, static_cast<std::uint32_t>((mx - min_x) / cell_w));
        const auto ty = std::min(per_axis - 1, static_cast<std::uint32_t>((my - min_y) / cell_h));
        return ty * per_axis + tx;
    };
    // Counting sort by (tile, style), stable so each range keeps the
    // layer's order.
    const std::size_t buckets = static_cast<std::size_t>(per_axis) * per_axis * styles;
    std::vector<std::uint32_t> key(segments.size());
    std::vector<std::size_t> start(buckets + 1, 0);
    for (std::size_t i = 0; i < segments.size(); ++i) {
        key[i] = tile_of(segments[i]) * styles + segments[i].style;
        ++start[key[i] + 1];
    }
    for (std::size_t b = 0; b < buckets; ++b)
        start[b + 1] += start[b];
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    out.segments.resize(segments.size());
    for (std::size_t i = 0; i < segments.size(); ++i)
        out.segments[next[key[i]]++] = segments[i];
    out.tile_bounds.assign(static_cast<std::size_t>(per_axis) * per_axis,
                           {std::numeric_limits<float>::max(), std::numeric_limits<float>::max(),
                            std::numeric_limits<float>::lowest(),
                            std::numeric_limits<float>::lowest()});
    for (std::size_t b = 0; b < buckets; ++b) {
        if (start[b + 1] == start[b]) continue;
        const auto tile = static_cast<std::uint32_t>(b / styles);
        out.ranges.push_back({tile, static_cast<std::uint32_t>(b % styles),
                              static_cast<std::uint32_t>(start[b]),
                              static_cast<std::uint32_t>(start[b + 1] - start[b])});
        auto& tb = out.tile_bounds[tile];
        for (std::size_t i = start[b]; i < start[b + 1]; ++i) {
            const auto& s = out.segments[i];
            tb[0] = std::min({tb[0], s.x0, s.x1});
            tb[1] = std::min({tb[1], s.y0, s.y1});
            tb[2] = std::max({tb[2], s.x0, s.x1});
            tb[3] = std::max({tb[3], s.y0, s.y1});
        }
    }
    return out;
}

LineRenderer::LineRenderer()
    : m_program(build_program("line", shaders::line_vert(), shaders::line_frag())),
      m_corners(GlBuffer::create()) {
    glBindBuffer(GL_ARRAY_BUFFER, m_corners.get());
    glBufferData(GL_ARRAY_BUFFER, sizeof(k_corners), k_corners.data(), GL_STATIC_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    m_clip = uniform_location(m_program, "u_clip_from_layer");
    m_viewport = uniform_location(m_program, "u_viewport");
    m_mpp = uniform_location(m_program, "u_mpp");
    m_ui_scale = uniform_location(m_program, "u_ui_scale");
    m_styles = uniform_location(m_program, "u_styles");
    m_pass = uniform_location(m_program, "u_pass");
    m_highlight = uniform_location(m_program, "u_highlight");
    m_highlight_colour = uniform_location(m_program, "u_highlight_colour");
}

void LineRenderer::upload_geometry(LineBuffers& b, const map::LineLayer& lines) const {
    TiledSegments tiled = tile_segments(lines.segments);
    if (!b.vao) b.vao = GlVertexArray::create();
    if (!b.instances) b.instances = GlBuffer::create();
    glBindVertexArray(b.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, m_corners.get());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glBindBuffer(GL_ARRAY_BUFFER, b.instances.get());
    const auto bytes = tiled.segments.size() * sizeof(map::Segment);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(bytes), tiled.segments.data(),
                 GL_STATIC_DRAW);
    for (GLuint a = 1; a <= 3; ++a) {
        glEnableVertexAttribArray(a);
        glVertexAttribDivisor(a, 1);
    }
    point_instances_at(0);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    b.count = static_cast<GLsizei>(tiled.segments.size());
    b.ranges = std::move(tiled.ranges);
    b.tile_bounds = std::move(tiled.tile_bounds);
    b.bytes = bytes;
}

void LineRenderer::upload_styles(LineBuffers& b, const std::vector<map::LineStyle>& styles) const {
    upload_style_table(b.styles, line_style_table(styles), static_cast<int>(styles.size()), 3);
    b.style_info.clear();
    for (const auto& s : styles) {
        const bool casing = s.casing.a > 0 && s.casing_px > 0;
        b.style_info.push_back(
            {s.max_mpp, casing, 0.5f * s.width_px + (casing ? s.casing_px : 0.0f) + 1.0f});
    }
}

void LineRenderer::draw(const LineBuffers& b, const FrameParams& frame,
                        const std::array<float, 4>& view) const {
    if (b.count == 0 || !b.styles) return;
    glUseProgram(m_program.get());
    glUniformMatrix4fv(m_clip, 1, GL_FALSE, frame.clip_from_layer.data());
    glUniform2f(m_viewport, frame.viewport_w, frame.viewport_h);
    glUniform1f(m_mpp, frame.mpp);
    glUniform1f(m_ui_scale, frame.ui_scale);
    glUniform1ui(m_highlight, frame.highlight);
    glUniform4fv(m_highlight_colour, 1, k_highlight_colour.data());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, b.styles.get());
    glUniform1i(m_styles, 0);
    glBindVertexArray(b.vao.get());
    glBindBuffer(GL_ARRAY_BUFFER, b.instances.get());

    // Tiles whose segments (plus the widest line's reach) touch the view.
    float reach_px = 5.0f; // the selection glow
    for (const auto& s : b.style_info)
        reach_px = std::max(reach_px, s.reach_px);
    const float margin = (reach_px * frame.ui_scale + 1.0f) * frame.mpp;
    std::vector<bool> tile_visible(b.tile_bounds.size());
    for (std::size_t t = 0; t < b.tile_bounds.size(); ++t) {
        const auto& tb = b.tile_bounds[t];
        tile_visible[t] = tb[0] - margin <= view[2] && tb[2] + margin >= view[0] &&
                          tb[1] - margin <= view[3] && tb[3] + margin >= view[1];
    }
    const auto style_shown = [&](std::uint32_t style) {
        return style < b.style_info.size() && frame.mpp <= b.style_info[style].max_mpp;
    };
    // One draw per run of consecutive wanted ranges (ranges are contiguous
    // in the buffer, so neighbours merge).
    const auto draw_pass = [&](int pass, auto wanted) {
        glUniform1i(m_pass, pass);
        std::size_t run_begin = 0, run_count = 0;
        const auto flush = [&] {
            if (run_count == 0) return;
            point_instances_at(run_begin);
            glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(run_count));
            run_count = 0;
        };
        for (const auto& r : b.ranges) {
            if (!tile_visible[r.tile] || !wanted(r.style)) {
                flush();
                continue;
            }
            if (run_count == 0) run_begin = r.begin;
            run_count += r.count;
        }
        flush();
    };
    // Casings are a whole pass under all lines so that crossing roads of
    // one class merge instead of each segment's casing cutting the other.
    if (frame.highlight != k_no_feature) draw_pass(0, [](std::uint32_t) { return true; });
    draw_pass(1, [&](std::uint32_t s) { return style_shown(s) && b.style_info[s].casing; });
    draw_pass(2, style_shown);
    point_instances_at(0);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

} // namespace breathline::render
