#include "console/ui/panels/field_widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace breathline::ui {

void draw_field_error(const PanelContext& ctx, const EditBuffer& buffer, const std::string& key) {
    const auto* e = buffer.error_for(key);
    if (!e) return;
    const std::string text = "'" + e->value + "': " + ctx.pick(e->reason_ja, e->reason_en);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.05f, 0.05f, 1.0f));
    ImGui::TextWrapped("%s", ctx.show(text).c_str());
    ImGui::PopStyleColor();
}

void draw_field(const PanelContext& ctx, const EditBuffer& buffer, const std::string& key,
                const std::string& label, const FieldWidget& widget, bool read_only,
                const std::function<void(const std::string&, const std::string&)>& emit_text) {
    const std::string& value = buffer.value(key);
    const bool has_error = buffer.error_for(key) != nullptr;
    ImGui::PushID(key.c_str());
    ImGui::AlignTextToFramePadding();
    if (has_error) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.05f, 0.05f, 1.0f));
    ImGui::TextUnformatted(ctx.show(label).c_str());
    if (has_error) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", key.c_str());
    ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.45f);
    ImGui::SetNextItemWidth(-1.0f);
    if (read_only) {
        ImGui::TextDisabled("%s", value.empty() ? "—" : ctx.show(value).c_str());
    } else {
        switch (widget.kind) {
        case FieldWidget::Kind::flag: {
            bool on = value == "1";
            if (ImGui::Checkbox("##v", &on)) emit_text(key, on ? "1" : "0");
            break;
        }
        case FieldWidget::Kind::choice: {
            const char* preview = value.c_str();
            for (const auto& c : widget.choices)
                if (c.value == value) preview = ctx.t(c.label_key);
            if (ImGui::BeginCombo("##v", preview)) {
                for (const auto& c : widget.choices)
                    if (ImGui::Selectable(ctx.t(c.label_key), c.value == value))
                        emit_text(key, c.value);
                ImGui::EndCombo();
            }
            break;
        }
        case FieldWidget::Kind::multiline: {
            std::string text = value;
            if (ImGui::InputTextMultiline("##v", &text,
                                          ImVec2(-1.0f, ImGui::GetTextLineHeight() * 3)))
                emit_text(key, text);
            break;
        }
        case FieldWidget::Kind::text: {
            std::string text = value;
            if (ImGui::InputText("##v", &text)) emit_text(key, text);
            break;
        }
        }
    }
    draw_field_error(ctx, buffer, key);
    ImGui::PopID();
}

} // namespace breathline::ui
