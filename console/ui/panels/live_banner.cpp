// The lost-server banner (issue 9): red, across the top of the map, as long as the server cannot
// be reached; it says how old the rows on screen are and that nothing can be changed.
#include "console/ui/panels/panel.h"

#include <imgui.h>

namespace breathline::ui {

void draw_live_banner(const PanelContext& ctx) {
    const std::string text =
        lost_banner(ctx.view.live, ctx.lang(), std::chrono::system_clock::now());
    if (text.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    ImGui::TextWrapped("%s", ctx.show(text).c_str());
    ImGui::PopStyleColor();
}

} // namespace breathline::ui
