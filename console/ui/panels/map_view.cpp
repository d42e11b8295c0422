#include "console/ui/panels/map_view.h"

#include "console/ui/map_overlay.h"

#define GLFW_INCLUDE_NONE
#include <GL/glcorearb.h>
#include <GLFW/glfw3.h>
#include <cmath>
#include <cstdio>

namespace breathline::ui {

namespace {

// Pixels the arrow keys pan by, and the zoom step of +/- and one wheel notch.
constexpr double k_key_pan_px = 120.0;
constexpr double k_zoom_step = 1.25;
// A click that moved less than this is a click, not a drag.
constexpr float k_click_slop_px = 4.0f;
constexpr double k_pick_radius_px = 6.0;

std::uint64_t revision_sum(const map::Scene& scene, std::size_t& visible) {
    std::uint64_t sum = 0;
    visible = 0;
    for (std::size_t i = 0; i < scene.layers.size(); ++i) {
        sum += scene.layers[i].revision * (i + 1);
        if (scene.layers[i].visible) visible += i + 1;
    }
    return sum;
}

} // namespace

Command map_click_command(const ViewModel& view, const geo::PlaneXY& world,
                          const std::optional<map::Pick>& pick) {
    // Drawing an outage wins over everything: a vertex may well lie on a person or facility.
    if (view.ops.drawing) return cmd::AddOutageVertex{world};
    if (view.placing_facility) return cmd::PlaceAt{world};
    // A click on the ward's inside is a click on "nothing", not on the ward.
    if (pick && pick->feature.kind != map::FeatureRef::Kind::area)
        return cmd::Select{pick->feature, false};
    return cmd::ClearSelection{};
}

std::size_t MapView::framebuffer_bytes() const {
    return m_target ? static_cast<std::size_t>(m_target->width()) * m_target->height() * 4 : 0;
}

void MapView::draw(const PanelContext& ctx, render::MapRenderer& renderer, const Fonts& fonts,
                   ImFont* font, const geo::PlaneProjector* projector,
                   const MapViewOptions& view_options) {
    const ViewModel& v = ctx.view;
    const float scale = view_options.scale.value_or(v.settings.ui_scale);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const int w = std::max(1, static_cast<int>(avail.x));
    const int h = std::max(1, static_cast<int>(avail.y));
    if (w != v.camera.width() || h != v.camera.height()) ctx.emit(cmd::SetViewport{w, h});
    // Cheap when nothing changed: only layers with a new revision are re-indexed.
    m_picker.sync(v.scene);

    // Draw the map into its framebuffer, then hand the texture to ImGui.
    if (!m_target)
        m_target.emplace(w, h);
    else
        m_target->resize(w, h);
    renderer.sync(v.scene);
    m_target->bind();
    render::RenderOptions options;
    options.ui_scale = scale;
    options.selection = v.selection;
    if (view_options.background) options.background = *view_options.background;
    renderer.render(v.scene, v.camera, options);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    // GL stores row 0 at the bottom: flip the texture vertically.
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(m_target->texture())),
                 origin, ImVec2(origin.x + static_cast<float>(w), origin.y + static_cast<float>(h)),
                 ImVec2(0, 1), ImVec2(1, 0));
    ImGui::InvisibleButton("map", ImVec2(static_cast<float>(w), static_cast<float>(h)),
                           ImGuiButtonFlags_MouseButtonLeft);
    handle_input(ctx, origin, ImVec2(static_cast<float>(w), static_cast<float>(h)), scale,
                 view_options.keys);

    LabelKey key{v.camera.center().x_east_m,
                 v.camera.center().y_north_m,
                 v.camera.metres_per_pixel(),
                 v.camera.width(),
                 v.camera.height(),
                 scale,
                 0,
                 0};
    key.revisions = revision_sum(v.scene, key.visible);
    if (!(key == m_label_key)) {
        m_labels = place_map_labels(v.scene, v.camera, fonts, font, scale);
        m_label_key = key;
    }
    OverlayOptions oo;
    oo.origin = origin;
    oo.ui_scale = scale;
    oo.japanese = ctx.lang() == Lang::ja;
    oo.cursor = m_cursor;
    oo.projector = projector;
    dl->PushClipRect(
        origin, ImVec2(origin.x + static_cast<float>(w), origin.y + static_cast<float>(h)), true);
    draw_map_overlay(dl, v.scene, v.camera, m_labels, fonts, font, oo);
    if (v.ops.drawing) {
        const std::string text = ctx.show(std::string(ctx.t("outage.drawing_hint")) + " (" +
                                          std::to_string(v.ops.drawing->size()) + ")");
        dl->AddText(ImVec2(origin.x + 12, origin.y + 12), IM_COL32(20, 80, 200, 255), text.c_str());
    } else if (v.placing_facility) {
        const std::string text = *v.placing_facility + " " + ctx.t("facility.placing");
        dl->AddText(ImVec2(origin.x + 12, origin.y + 12), IM_COL32(20, 80, 200, 255), text.c_str());
    }
    dl->PopClipRect();
}

void MapView::handle_input(const PanelContext& ctx, ImVec2 origin, ImVec2 size, float scale,
                           bool keys_wanted) {
    const ViewModel& v = ctx.view;
    ImGuiIO& io = ImGui::GetIO();
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    m_cursor.reset();
    if (hovered) m_cursor = map::ScreenXY{io.MousePos.x - origin.x, io.MousePos.y - origin.y};

    if (ImGui::IsItemActivated()) m_dragged = false;
    if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left, k_click_slop_px)) {
        m_dragged = true;
        if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)
            ctx.emit(cmd::PanPixels{io.MouseDelta.x, io.MouseDelta.y});
    }
    if (ImGui::IsItemDeactivated() && !m_dragged && m_cursor) {
        const geo::PlaneXY world = v.camera.screen_to_world(*m_cursor);
        // Picking is only worth its cost when the click may select something.
        std::optional<map::Pick> pick;
        if (!v.ops.drawing && !v.placing_facility)
            pick = m_picker.pick(v.scene, v.camera, *m_cursor, k_pick_radius_px, scale);
        ctx.emit(map_click_command(v, world, pick));
    }
    // While drawing, the right button takes back the last vertex (no context menu on the map).
    if (v.ops.drawing && hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right))
        ctx.emit(cmd::UndoOutageVertex{});
    if (hovered && io.MouseWheel != 0.0f && m_cursor)
        ctx.emit(cmd::ZoomAt{*m_cursor, std::pow(k_zoom_step, static_cast<double>(io.MouseWheel))});
    // The ward fill is under every point: a tooltip saying so would follow the cursor around.
    if (hovered && !active && m_cursor)
        if (auto pick = m_picker.pick(v.scene, v.camera, *m_cursor, k_pick_radius_px, scale);
            pick && pick->feature.kind != map::FeatureRef::Kind::area)
            draw_tooltip(ctx, *pick);

    // Keys only when the map window has focus and no text field wants them.
    const bool keys = keys_wanted && ImGui::IsWindowFocused() && !io.WantTextInput;
    if (!keys) return;
    const map::ScreenXY centre{static_cast<double>(size.x) * 0.5,
                               static_cast<double>(size.y) * 0.5};
    // ImGui 1.86 indexes keys by the backend's key codes (GLFW's); named keys via GetKeyIndex.
    auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); };
    if (pressed(ImGuiKey_LeftArrow)) ctx.emit(cmd::PanPixels{k_key_pan_px, 0});
    if (pressed(ImGuiKey_RightArrow)) ctx.emit(cmd::PanPixels{-k_key_pan_px, 0});
    if (pressed(ImGuiKey_UpArrow)) ctx.emit(cmd::PanPixels{0, k_key_pan_px});
    if (pressed(ImGuiKey_DownArrow)) ctx.emit(cmd::PanPixels{0, -k_key_pan_px});
    if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD))
        ctx.emit(cmd::ZoomAt{centre, k_zoom_step});
    if (ImGui::IsKeyPressed(GLFW_KEY_MINUS) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT))
        ctx.emit(cmd::ZoomAt{centre, 1.0 / k_zoom_step});
    if (pressed(ImGuiKey_Home)) ctx.emit(cmd::FitWard{});
    if (pressed(ImGuiKey_Escape) && v.ops.drawing) {
        ctx.emit(cmd::CancelOutageDrawing{});
    } else if (pressed(ImGuiKey_Escape) && v.placing_facility) {
        ctx.emit(cmd::CancelPlacing{});
    }
}

void MapView::draw_tooltip(const PanelContext& ctx, const map::Pick& pick) const {
    const ViewModel& v = ctx.view;
    const auto& f = pick.feature;
    ImGui::BeginTooltip();
    if (f.kind == map::FeatureRef::Kind::person) {
        if (auto i = v.person_index(f.id)) {
            const PersonRow& p = v.persons[*i];
            ImGui::TextUnformatted(ctx.show(display_name(p, ctx.drill())).c_str());
            ImGui::TextDisabled("%s", p.external_id.c_str());
            ImGui::Text("%s / %s", std::string(group_label(ctx, p.group)).c_str(),
                        std::string(status_label(ctx, p.status)).c_str());
            if (p.battery_h) ImGui::Text("%s: %.1f h", ctx.t("person.battery_total"), *p.battery_h);
            ImGui::Text("%s: %d", ctx.t("person.supporters"), p.supporters);
        }
    } else if (f.kind == map::FeatureRef::Kind::facility) {
        if (auto i = v.facility_index(f.id)) {
            const FacilityRow& r = v.facilities[*i];
            ImGui::TextUnformatted(ctx.show(r.name).c_str());
            ImGui::Text("%s / %s", std::string(kind_label(ctx, r.kind)).c_str(),
                        std::string(facility_status_label(ctx, r.status)).c_str());
            ImGui::TextUnformatted(ctx.show(r.address).c_str());
        }
    } else {
        const map::Layer* l = v.scene.find(pick.layer_id);
        ImGui::TextUnformatted(
            ctx.show(l ? ctx.pick(l->name_ja, l->name_en) : pick.layer_id).c_str());
        if (!f.external_id.empty()) ImGui::TextUnformatted(ctx.show(f.external_id).c_str());
    }
    ImGui::EndTooltip();
}

} // namespace breathline::ui
