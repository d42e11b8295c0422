#include "console/ui/map_snapshot.h"

#include "console/render/framebuffer.h"
#include "console/ui/map_overlay.h"

#include <GL/glcorearb.h>

namespace breathline::ui {

struct MapSnapshotter::Impl {
    ImguiSession session{SessionOptions{"Breathline screenshot", 64, 64, false, false}};
    // Every string of an image is known before drawing it, so the atlas
    // holds only their characters: building the whole Japanese range would
    // cost more than drawing the map.
    Fonts fonts{default_font_path(), 0, GlyphBase::texts_only};
    render::MapRenderer renderer;
    std::optional<render::Framebuffer> target;
    ImFont* font = nullptr;
    float font_px = 0;
};

MapSnapshotter::MapSnapshotter() : m_impl(std::make_unique<Impl>()) {}
MapSnapshotter::~MapSnapshotter() = default;

render::MapRenderer& MapSnapshotter::renderer() {
    return m_impl->renderer;
}
Fonts& MapSnapshotter::fonts() {
    return m_impl->fonts;
}

std::vector<std::string> scene_label_texts(const map::Scene& scene) {
    std::vector<std::string> texts;
    for (const auto& layer : scene.layers)
        for (const auto& label : layer.labels)
            texts.push_back(label.text);
    return texts;
}

Snapshot MapSnapshotter::render(const map::Scene& scene, const map::Camera& camera,
                                const SnapshotOptions& options) {
    Impl& m = *m_impl;
    const float font_px = options.font_px * options.ui_scale;
    std::vector<std::string> texts = scene_label_texts(scene);
    texts.emplace_back("北"); // the north arrow (digits, units, N are Latin-1)
    const bool glyphs_changed = m.fonts.set_texts(texts);
    if (glyphs_changed || m.font == nullptr || font_px != m.font_px) {
        m.font = m.fonts.build_atlas(*ImGui::GetIO().Fonts, font_px);
        m.font_px = font_px;
        m.session.reload_font_texture();
    }
    if (!m.target)
        m.target.emplace(camera.width(), camera.height());
    else
        m.target->resize(camera.width(), camera.height());

    m.renderer.sync(scene);
    m.target->bind();
    render::RenderOptions ro;
    ro.ui_scale = options.ui_scale;
    ro.selection = options.selection;
    m.renderer.render(scene, camera, ro);

    Snapshot shot;
    m.session.new_offscreen_frame(camera.width(), camera.height());
    if (options.overlay) {
        shot.labels = place_map_labels(scene, camera, m.fonts, m.font, options.ui_scale);
        OverlayOptions oo;
        oo.ui_scale = options.ui_scale;
        oo.japanese = options.japanese;
        draw_map_overlay(ImGui::GetBackgroundDrawList(), scene, camera, shot.labels, m.fonts,
                         m.font, oo);
    }
    m.target->bind();
    m.session.render();
    glFinish();
    shot.width = camera.width();
    shot.height = camera.height();
    shot.rgba = m.target->read_rgba();
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return shot;
}

} // namespace breathline::ui
