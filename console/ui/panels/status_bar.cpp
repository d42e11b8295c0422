// The settings and status bar: language, UI scale, drill mode, running jobs with progress,
// characters the font cannot show, and this process's CPU use (it should be ~0 when idle).
#include "console/ui/panels/panel.h"

#include <imgui.h>

namespace breathline::ui {

void draw_status_bar(const PanelContext& ctx, const StatusInfo& info) {
    const ViewModel& v = ctx.view;
    int lang = v.settings.language == Lang::ja ? 0 : 1;
    ImGui::TextUnformatted(ctx.t("status.language"));
    ImGui::SameLine();
    if (ImGui::RadioButton("日本語", &lang, 0)) ctx.emit(cmd::SetLanguage{Lang::ja});
    ImGui::SameLine();
    if (ImGui::RadioButton("English", &lang, 1)) ctx.emit(cmd::SetLanguage{Lang::en});
    ImGui::SameLine();
    float scale = v.settings.ui_scale;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    ImGui::SliderFloat(ctx.label("status.ui_scale").c_str(), &scale, k_min_ui_scale, k_max_ui_scale,
                       "%.2f");
    // Applied on release: rebuilding the font atlas at every slider step would stutter.
    if (ImGui::IsItemDeactivatedAfterEdit()) ctx.emit(cmd::SetUiScale{scale});
    ImGui::SameLine();
    // The role this console acts in (issue 9): what it may not do is disabled in the panels.
    ImGui::TextUnformatted(ctx.lang() == Lang::ja ? "役割: " : "Role: ");
    ImGui::SameLine(0.0f, 0.0f);
    ImGui::TextUnformatted(ctx.lang() == Lang::ja ? data::auth::display_name_ja(v.role)
                                                  : data::auth::display_name_en(v.role));
    ImGui::SameLine();
    bool drill = v.settings.drill_mode;
    if (ImGui::Checkbox(ctx.label("status.drill").c_str(), &drill))
        ctx.emit(cmd::SetDrillMode{drill});
    // The one switch to the wall display (issue 8); F11 or P do the same from the keyboard.
    ImGui::SameLine();
    if (ImGui::Button(ctx.label("status.projector").c_str()))
        ctx.emit(cmd::SetProjectorMode{!v.settings.projector_mode});

    for (const auto& job : v.jobs) {
        ImGui::SameLine();
        ImGui::TextUnformatted(ctx.pick(job.name_ja, job.name_en).c_str());
        ImGui::SameLine();
        ImGui::ProgressBar(job.fraction < 0 ? 0.0f : job.fraction,
                           ImVec2(ImGui::GetFontSize() * 6.0f, 0.0f),
                           job.fraction < 0 ? "…" : nullptr);
    }
    if (info.unshown_characters > 0) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.75f, 0.05f, 0.05f, 1.0f), "%s %zu 〓", ctx.t("status.unshown"),
                           info.unshown_characters);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", info.unshown_description.c_str());
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s %s  CPU %.1f%%  %.1f ms  GPU %.1f MB",
                        v.loaded ? ctx.t("status.db") : ctx.t("status.no_db"), v.db_path.c_str(),
                        info.cpu_percent, info.frame_ms,
                        static_cast<double>(info.gpu_bytes) / (1024.0 * 1024.0));
}

} // namespace breathline::ui
