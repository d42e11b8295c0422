// The message log: what the console did (opened, saved, refused and why), newest last.
#include "console/ui/panels/panel.h"

#include <ctime>
#include <imgui.h>

namespace breathline::ui {

void draw_message_log(const PanelContext& ctx) {
    if (ImGui::SmallButton(ctx.label("log.clear").c_str())) ctx.emit(cmd::ClearLog{});
    ImGui::BeginChild("log_lines", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    for (const auto& line : ctx.view.log) {
        const std::time_t t = std::chrono::system_clock::to_time_t(line.at);
        std::tm local{};
        localtime_r(&t, &local);
        char stamp[16];
        std::strftime(stamp, sizeof stamp, "%H:%M:%S", &local);
        ImVec4 colour = ImGui::GetStyleColorVec4(ImGuiCol_Text);
        if (line.level == LogLine::Level::warning) colour = ImVec4(0.7f, 0.35f, 0.0f, 1.0f);
        if (line.level == LogLine::Level::error) colour = ImVec4(0.75f, 0.05f, 0.05f, 1.0f);
        ImGui::TextDisabled("%s", stamp);
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextUnformatted(ctx.show(ctx.pick(line.text_ja, line.text_en)).c_str());
        ImGui::PopStyleColor();
    }
    // Follow new lines unless the user scrolled up to read.
    if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1.0f) ImGui::SetScrollHereY(1.0f);
    ImGui::EndChild();
}

} // namespace breathline::ui
