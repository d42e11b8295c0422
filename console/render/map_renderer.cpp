#include "console/render/map_renderer.h"

#include "console/render/compositor.h"
#include "console/render/fill_renderer.h"
#include "console/render/framebuffer.h"
#include "console/render/line_renderer.h"
#include "console/render/point_renderer.h"
#include "console/render/raster_renderer.h"

#include <array>
#include <cstring>
#include <map>
#include <string>

namespace breathline::render {

namespace {

/// 64-bit hash of a trivially copyable array, 8 bytes at a time: cheap
/// enough (a few ms for a million segments, far less than re-uploading
/// them) to tell a style-only revision bump from a geometry change.
template <typename T> std::uint64_t hash_bytes(const std::vector<T>& v, std::uint64_t h) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(v.data());
    const std::size_t n = v.size() * sizeof(T);
    std::size_t i = 0;
    auto mix = [&h](std::uint64_t word) {
        h ^= word + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
        h *= 0xff51afd7ed558ccdull;
    };
    for (; i + 8 <= n; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes + i, 8);
        mix(word);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, bytes + i, n - i);
    mix(tail ^ (static_cast<std::uint64_t>(n) << 8));
    return h;
}

std::uint64_t geometry_hash(const map::Layer& layer, const geo::PlaneXY& origin) {
    std::uint64_t h = 0x243f6a8885a308d3ull;
    h = hash_bytes(layer.lines.segments, h);
    h = hash_bytes(layer.points.points, h);
    h = hash_bytes(layer.fill.triangles, h);
    h = hash_bytes(layer.raster.rgba, h);
    const std::vector<double> extra{static_cast<double>(layer.raster.width),
                                    static_cast<double>(layer.raster.height),
                                    layer.raster.bounds.min_x,
                                    layer.raster.bounds.min_y,
                                    layer.raster.bounds.max_x,
                                    layer.raster.bounds.max_y,
                                    origin.x_east_m,
                                    origin.y_north_m};
    return hash_bytes(extra, h);
}

bool same_line_styles(const std::vector<map::LineStyle>& a, const std::vector<map::LineStyle>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].colour != b[i].colour || a[i].width_px != b[i].width_px ||
            a[i].casing != b[i].casing || a[i].casing_px != b[i].casing_px ||
            a[i].max_mpp != b[i].max_mpp)
            return false;
    return true;
}

bool same_point_styles(const std::vector<map::PointStyle>& a,
                       const std::vector<map::PointStyle>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].shape != b[i].shape || a[i].fill != b[i].fill || a[i].outline != b[i].outline ||
            a[i].size_px != b[i].size_px)
            return false;
    return true;
}

} // namespace

/// What one scene layer holds on the GPU, keyed by Layer::id.
struct LayerGpu {
    std::uint64_t revision = 0;
    std::uint64_t hash = 0;
    bool uploaded = false;
    std::vector<map::LineStyle> line_styles;
    std::vector<map::PointStyle> point_styles;
    LineBuffers lines;
    PointBuffers points;
    FillBuffers fill;
    RasterBuffers raster;
    // The selection resolved to a feature index, cached so a frame does not
    // scan Layer::features: recomputed only when the selection or the
    // layer's revision changes.
    std::optional<map::FeatureRef> selection_key;
    std::uint64_t selection_revision = 0;
    const void* selection_features = nullptr;
    std::uint32_t selection_index = k_no_feature;

    std::size_t bytes() const { return lines.bytes + points.bytes + fill.bytes + raster.bytes; }
};

struct MapRenderer::Impl {
    LineRenderer line;
    PointRenderer point;
    FillRenderer fill;
    RasterRenderer raster;
    Compositor compositor;
    std::map<std::string, LayerGpu, std::less<>> layers;
    std::optional<Framebuffer> scratch; // layers with opacity < 1 are drawn here first
    std::uint64_t geometry_uploads = 0;
    std::uint64_t style_uploads = 0;

    void sync_layer(LayerGpu& gpu, const map::Layer& layer, const geo::PlaneXY& origin);
    std::uint32_t selection_index(LayerGpu& gpu, const map::Layer& layer,
                                  const std::optional<map::FeatureRef>& selection) const;
    void draw_layer(const LayerGpu& gpu, const map::Layer& layer, const FrameParams& frame,
                    const std::array<float, 4>& view) const;
};

void MapRenderer::Impl::sync_layer(LayerGpu& gpu, const map::Layer& layer,
                                   const geo::PlaneXY& origin) {
    const std::uint64_t hash = geometry_hash(layer, origin);
    if (!gpu.uploaded || hash != gpu.hash) {
        line.upload_geometry(gpu.lines, layer.lines);
        point.upload_geometry(gpu.points, layer.points);
        fill.upload_geometry(gpu.fill, layer.fill);
        raster.upload(gpu.raster, layer.raster, origin);
        gpu.hash = hash;
        ++geometry_uploads;
    }
    if (!gpu.uploaded || !same_line_styles(gpu.line_styles, layer.lines.styles)) {
        line.upload_styles(gpu.lines, layer.lines.styles);
        gpu.line_styles = layer.lines.styles;
        ++style_uploads;
    }
    if (!gpu.uploaded || !same_point_styles(gpu.point_styles, layer.points.styles)) {
        point.upload_styles(gpu.points, layer.points.styles);
        gpu.point_styles = layer.points.styles;
        ++style_uploads;
    }
    gpu.revision = layer.revision;
    gpu.uploaded = true;
}

std::uint32_t
MapRenderer::Impl::selection_index(LayerGpu& gpu, const map::Layer& layer,
                                   const std::optional<map::FeatureRef>& selection) const {
    if (!selection) return k_no_feature;
    if (gpu.selection_key != selection || gpu.selection_revision != layer.revision ||
        gpu.selection_features != layer.features.data()) {
        gpu.selection_key = selection;
        gpu.selection_revision = layer.revision;
        gpu.selection_features = layer.features.data();
        gpu.selection_index = k_no_feature;
        for (std::size_t i = 0; i < layer.features.size(); ++i)
            if (layer.features[i] == *selection) {
                gpu.selection_index = static_cast<std::uint32_t>(i);
                break;
            }
    }
    return gpu.selection_index;
}

void MapRenderer::Impl::draw_layer(const LayerGpu& gpu, const map::Layer& layer,
                                   const FrameParams& frame,
                                   const std::array<float, 4>& view) const {
    // Inside a layer: raster, fill, lines, points (scene.h).
    raster.draw(gpu.raster, frame);
    fill.draw(gpu.fill, layer.fill.colour, frame);
    line.draw(gpu.lines, frame, view);
    point.draw(gpu.points, frame);
}

MapRenderer::MapRenderer() : m_impl(std::make_unique<Impl>()) {}
MapRenderer::~MapRenderer() = default;

void MapRenderer::sync(const map::Scene& scene) {
    // Free layers that left the scene.
    for (auto it = m_impl->layers.begin(); it != m_impl->layers.end();) {
        if (scene.find(it->first) == nullptr)
            it = m_impl->layers.erase(it);
        else
            ++it;
    }
    for (const auto& layer : scene.layers) {
        LayerGpu& gpu = m_impl->layers[layer.id];
        if (gpu.uploaded && gpu.revision == layer.revision) continue;
        m_impl->sync_layer(gpu, layer, scene.origin);
    }
}

void MapRenderer::render(const map::Scene& scene, const map::Camera& camera,
                         const RenderOptions& options) {
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    glViewport(0, 0, camera.width(), camera.height());
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    // Straight colour in, premultiplied accumulation out: the alpha channel
    // then composes correctly when a layer is drawn offscreen for opacity.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    const auto bg = options.background;
    glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, bg.a / 255.0f);
    glClear(GL_COLOR_BUFFER_BIT);

    FrameParams frame;
    frame.clip_from_layer = camera.clip_from_layer(scene.origin);
    frame.viewport_w = static_cast<float>(camera.width());
    frame.viewport_h = static_cast<float>(camera.height());
    frame.mpp = static_cast<float>(camera.metres_per_pixel());
    frame.ui_scale = options.ui_scale;
    // The visible box in layer coordinates, for the line tiles' culling.
    const map::PlaneBox box = camera.visible_box();
    const std::array<float, 4> view{static_cast<float>(box.min_x - scene.origin.x_east_m),
                                    static_cast<float>(box.min_y - scene.origin.y_north_m),
                                    static_cast<float>(box.max_x - scene.origin.x_east_m),
                                    static_cast<float>(box.max_y - scene.origin.y_north_m)};

    for (const auto& layer : scene.layers) {
        if (!layer.visible || layer.opacity <= 0.0f) continue;
        auto it = m_impl->layers.find(layer.id);
        if (it == m_impl->layers.end() || !it->second.uploaded) continue;
        LayerGpu& gpu = it->second;
        frame.highlight = m_impl->selection_index(gpu, layer, options.selection);
        if (layer.opacity >= 1.0f) {
            m_impl->draw_layer(gpu, layer, frame, view);
            continue;
        }
        // Drawn alone first, then blended once: overlapping joins and
        // casings of a translucent layer do not darken where they overlap.
        if (!m_impl->scratch)
            m_impl->scratch.emplace(camera.width(), camera.height());
        else
            m_impl->scratch->resize(camera.width(), camera.height());
        m_impl->scratch->bind();
        glClearColor(0, 0, 0, 0);
        glClear(GL_COLOR_BUFFER_BIT);
        m_impl->draw_layer(gpu, layer, frame, view);
        glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(target));
        glViewport(0, 0, camera.width(), camera.height());
        glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        m_impl->compositor.draw(m_impl->scratch->texture(), layer.opacity);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    }
    glUseProgram(0);
    glBindTexture(GL_TEXTURE_2D, 0);
}

std::size_t MapRenderer::gpu_bytes() const {
    std::size_t total = 0;
    for (const auto& [id, gpu] : m_impl->layers)
        total += gpu.bytes();
    return total;
}

std::uint64_t MapRenderer::geometry_uploads() const {
    return m_impl->geometry_uploads;
}
std::uint64_t MapRenderer::style_uploads() const {
    return m_impl->style_uploads;
}

} // namespace breathline::render
