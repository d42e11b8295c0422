// The layer panel: visibility, drawing order, opacity and the legend of every map layer, top
// layer first; user layers (vector or raster files read through data/layers) are added by
// path and can be removed again.
#include "console/ui/panels/panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace breathline::ui {

namespace {

ImU32 to_imgui(const map::Rgba& c) {
    return IM_COL32(c.r, c.g, c.b, c.a);
}

void draw_swatch(const map::Layer& layer, const map::LegendEntry& e) {
    const float s = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    switch (e.kind) {
    case map::LegendEntry::Kind::point:
        if (e.style < layer.points.styles.size()) {
            const auto& st = layer.points.styles[e.style];
            dl->AddCircleFilled(ImVec2(p.x + s * 0.5f, p.y + s * 0.5f), s * 0.38f,
                                to_imgui(st.fill));
            dl->AddCircle(ImVec2(p.x + s * 0.5f, p.y + s * 0.5f), s * 0.38f, to_imgui(st.outline));
        }
        break;
    case map::LegendEntry::Kind::line:
        if (e.style < layer.lines.styles.size())
            dl->AddLine(ImVec2(p.x, p.y + s * 0.5f), ImVec2(p.x + s, p.y + s * 0.5f),
                        to_imgui(layer.lines.styles[e.style].colour),
                        std::max(2.0f, layer.lines.styles[e.style].width_px));
        break;
    case map::LegendEntry::Kind::fill:
        dl->AddRectFilled(ImVec2(p.x + 2, p.y + 2), ImVec2(p.x + s - 2, p.y + s - 2),
                          to_imgui(layer.fill.colour));
        break;
    case map::LegendEntry::Kind::raster:
        dl->AddRect(ImVec2(p.x + 2, p.y + 2), ImVec2(p.x + s - 2, p.y + s - 2),
                    IM_COL32(90, 90, 90, 255));
        break;
    }
    ImGui::Dummy(ImVec2(s, s));
}

} // namespace

void draw_layer_panel(const PanelContext& ctx) {
    const auto& layers = ctx.view.scene.layers;
    // Top of the list = drawn last = on top of the map.
    for (std::size_t k = layers.size(); k-- > 0;) {
        const map::Layer& l = layers[k];
        ImGui::PushID(l.id.c_str());
        bool visible = l.visible;
        if (ImGui::Checkbox("##visible", &visible)) ctx.emit(cmd::SetLayerVisible{l.id, visible});
        ImGui::SameLine();
        ImGui::BeginDisabled(k + 1 >= layers.size());
        if (ImGui::ArrowButton("##up", ImGuiDir_Up)) ctx.emit(cmd::MoveLayer{l.id, +1});
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(k == 0);
        if (ImGui::ArrowButton("##down", ImGuiDir_Down)) ctx.emit(cmd::MoveLayer{l.id, -1});
        ImGui::EndDisabled();
        ImGui::SameLine();
        const bool open =
            ImGui::TreeNode("##legend", "%s", ctx.show(ctx.pick(l.name_ja, l.name_en)).c_str());
        if (open) {
            float opacity = l.opacity;
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
            // Live while dragging; the settings file is written once, on release.
            if (ImGui::SliderFloat(ctx.label("layers.opacity").c_str(), &opacity, 0.0f, 1.0f,
                                   "%.2f"))
                ctx.emit(cmd::SetLayerOpacity{l.id, opacity, false});
            if (ImGui::IsItemDeactivatedAfterEdit())
                ctx.emit(cmd::SetLayerOpacity{l.id, opacity, true});
            for (const auto& e : l.legend) {
                draw_swatch(l, e);
                ImGui::SameLine();
                ImGui::TextUnformatted(ctx.show(ctx.pick(e.label_ja, e.label_en)).c_str());
            }
            if (l.id.rfind("user:", 0) == 0 &&
                ImGui::SmallButton(ctx.label("layers.remove").c_str()))
                ctx.emit(cmd::RemoveUserLayer{l.id});
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
    ImGui::Separator();
    // No native file dialog in the window stack: the path is typed or pasted.
    static std::string path;
    ImGui::TextUnformatted(ctx.t("layers.add_hint"));
    ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 5.0f);
    const bool enter = ImGui::InputText("##path", &path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(ctx.label("layers.add").c_str()) || enter) && !path.empty()) {
        ctx.emit(cmd::AddUserLayer{path});
        path.clear();
    }
}

} // namespace breathline::ui
