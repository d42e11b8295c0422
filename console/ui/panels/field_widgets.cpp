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

namespace {

// "phone_home; disease: ALS → SMA" (an audit change summary) as one line per field, each named
// by its label in the UI's language; personal fields carry no values in the log.
std::vector<std::string> summary_lines(const PanelContext& ctx, const std::string& summary,
                                       cmd::EditTarget target) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < summary.size()) {
        std::size_t end = summary.find("; ", start);
        if (end == std::string::npos) end = summary.size();
        const std::string part = summary.substr(start, end - start);
        const auto colon = part.find(": ");
        const std::string key = part.substr(0, colon);
        const std::string label = target == cmd::EditTarget::person
                                      ? person_field_label(ctx.lang(), key)
                                      : facility_field_label(ctx.lang(), key);
        out.push_back(colon == std::string::npos ? label : label + part.substr(colon));
        start = end + 2;
    }
    return out;
}

} // namespace

void draw_conflict_box(const PanelContext& ctx, const EditBuffer& buffer, cmd::EditTarget target) {
    if (buffer.conflict_ja.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0.85f, 0.45f, 0.0f, 1.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 2.0f);
    // Tall enough for every line, so the buttons are never scrolled away (1.86 has no
    // auto-resizing child): title (may wrap), per change a head and its fields, hint, buttons.
    float lines = 3.5f;
    if (buffer.conflict && !buffer.conflict->changes.empty())
        for (const auto& c : buffer.conflict->changes)
            lines += 1.0f + static_cast<float>(summary_lines(ctx, c.summary, target).size());
    else
        lines += 3.0f;
    const float height = ImGui::GetTextLineHeightWithSpacing() * lines +
                         ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y * 2;
    ImGui::BeginChild("conflict_box", ImVec2(0, height), true);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.7f, 0.35f, 0.0f, 1.0f));
    ImGui::TextWrapped("%s", ctx.t("conflict.title"));
    ImGui::PopStyleColor();
    if (buffer.conflict && !buffer.conflict->changes.empty()) {
        std::int64_t version =
            buffer.conflict->current - static_cast<std::int64_t>(buffer.conflict->changes.size());
        for (const auto& c : buffer.conflict->changes) {
            const std::string head = c.actor + "  " + c.at + "  (" + ctx.t("person.version") + " " +
                                     std::to_string(version) + " → " + std::to_string(version + 1) +
                                     ")";
            ++version;
            ImGui::BulletText("%s", ctx.show(head).c_str());
            ImGui::Indent();
            for (const auto& line : summary_lines(ctx, c.summary, target))
                ImGui::TextWrapped("%s", ctx.show(line).c_str());
            ImGui::Unindent();
        }
    } else {
        ImGui::TextWrapped("%s",
                           ctx.show(ctx.pick(buffer.conflict_ja, buffer.conflict_en)).c_str());
    }
    ImGui::TextDisabled("%s", ctx.t("conflict.hint"));
    if (ImGui::Button(ctx.label("conflict.reload").c_str())) ctx.emit(cmd::ReloadEdit{target});
    ImGui::SameLine();
    // Applying on top is a save: the role that may not save may not apply either.
    const bool may_save = target == cmd::EditTarget::person ? ctx.allowed(cmd::SavePerson{})
                                                            : ctx.allowed(cmd::SaveFacility{});
    ImGui::BeginDisabled(!may_save || !buffer.conflict);
    if (ImGui::Button(ctx.label("conflict.apply").c_str())) ctx.emit(cmd::ApplyEditOnTop{target});
    ImGui::EndDisabled();
    ImGui::EndChild();
    ImGui::PopStyleVar();
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
