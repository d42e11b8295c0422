// The lost-server banner (issue 9): red, across the top of the map, as long as the server cannot
// be reached; it says how old the rows on screen are and that nothing can be changed, gives the
// local replica's age and offers local mode. After the server returned from local mode, the
// replay's report (replayed, conflicts with who/when, pending with the reason) until dismissed.
#include "console/ui/panels/panel.h"

#include <imgui.h>

namespace breathline::ui {

void draw_live_banner(const PanelContext& ctx) {
    const LiveView& live = ctx.view.live;
    const std::string text = lost_banner(live, ctx.lang(), std::chrono::system_clock::now());
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    if (!text.empty()) ImGui::TextWrapped("%s", ctx.show(text).c_str());
    if (can_switch_to_local(live)) {
        if (ImGui::Button(ctx.lang() == Lang::ja ? "ローカルモードへ切替" : "Switch to local mode"))
            ctx.emit(cmd::SwitchToLocalMode{});
    }
    if (!live.replay_report_ja.empty()) {
        ImGui::TextWrapped(
            "%s", ctx.show(ctx.pick(live.replay_report_ja, live.replay_report_en)).c_str());
        if (ImGui::Button(ctx.lang() == Lang::ja ? "閉じる##replay" : "Dismiss##replay"))
            ctx.emit(cmd::DismissReplayReport{});
    }
    ImGui::PopStyleColor();
}

} // namespace breathline::ui
