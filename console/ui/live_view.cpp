#include "console/ui/live_view.h"

#include "data/ops/clock.h"

#include <algorithm>

namespace breathline::ui {

std::string lost_banner(const LiveView& live, Lang lang, LiveView::WallTime now) {
    if (!live.lost) return {};
    const bool ja = lang == Lang::ja;
    const std::string head = ja ? "サーバーに接続できません — " : "Cannot reach the server — ";
    if (!live.last_refresh)
        return head +
               (ja ? "表示できる内容はありません・読み取り専用" : "nothing to show; read-only");
    const auto at = std::chrono::floor<std::chrono::seconds>(*live.last_refresh);
    const auto minutes = std::max<long long>(
        0, std::chrono::duration_cast<std::chrono::minutes>(now - *live.last_refresh).count());
    const std::string clock = data::ops::format_clock_jst(at);
    if (ja)
        return head + "最終更新 " + clock + " (" + std::to_string(minutes) +
               "分前) の内容を表示中・読み取り専用";
    return head + "showing the state of " + clock + " (" + std::to_string(minutes) +
           " min ago), read-only";
}

} // namespace breathline::ui
