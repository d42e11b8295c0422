#include "console/ui/live_view.h"

#include "data/ops/clock.h"
#include "data/paths.h"

#include <algorithm>

namespace breathline::ui {

namespace {

long long minutes_between(LiveView::WallTime from, LiveView::WallTime to) {
    return std::max<long long>(0,
                               std::chrono::duration_cast<std::chrono::minutes>(to - from).count());
}

std::string clock_of(LiveView::WallTime t) {
    return data::ops::format_clock_jst(std::chrono::floor<std::chrono::seconds>(t));
}

// The replica's age, appended to the lost banner: what local mode would show.
std::string replica_suffix(const LiveView& live, bool ja, LiveView::WallTime now) {
    if (!live.replica_refreshed_at) return {};
    const std::string at = clock_of(*live.replica_refreshed_at);
    const std::string age = std::to_string(minutes_between(*live.replica_refreshed_at, now));
    return ja ? " — ローカル複製 " + at + " (" + age + "分前)"
              : " — local replica of " + at + " (" + age + " min ago)";
}

} // namespace

std::filesystem::path default_replica_path() {
    return data::default_database_path().parent_path() / "replica.sqlite";
}

bool can_switch_to_local(const LiveView& live) {
    return live.lost && !live.local_mode && live.replica_refreshed_at.has_value();
}

std::string lost_banner(const LiveView& live, Lang lang, LiveView::WallTime now) {
    if (!live.lost) return {};
    const bool ja = lang == Lang::ja;
    const std::string head = ja ? "サーバーに接続できません — " : "Cannot reach the server — ";
    if (live.local_mode && live.replica_refreshed_at) {
        const std::string at = clock_of(*live.replica_refreshed_at);
        const std::string age = std::to_string(minutes_between(*live.replica_refreshed_at, now));
        const std::string n = std::to_string(live.local_checks);
        if (ja)
            return head + "ローカルモード: 複製 " + at + " (" + age +
                   "分前) を表示中、安否確認だけを記録できます (未送信 " + n +
                   " 件、サーバー復帰時に送信)";
        return head + "local mode: showing the replica of " + at + " (" + age +
               " min ago); only safety checks can be recorded (" + n +
               " waiting, sent when the server returns)";
    }
    if (!live.last_refresh)
        return head +
               (ja ? "表示できる内容はありません・読み取り専用" : "nothing to show; read-only") +
               replica_suffix(live, ja, now);
    const auto at = std::chrono::floor<std::chrono::seconds>(*live.last_refresh);
    const auto minutes = std::max<long long>(
        0, std::chrono::duration_cast<std::chrono::minutes>(now - *live.last_refresh).count());
    const std::string clock = data::ops::format_clock_jst(at);
    if (ja)
        return head + "最終更新 " + clock + " (" + std::to_string(minutes) +
               "分前) の内容を表示中・読み取り専用" + replica_suffix(live, ja, now);
    return head + "showing the state of " + clock + " (" + std::to_string(minutes) +
           " min ago), read-only" + replica_suffix(live, ja, now);
}

} // namespace breathline::ui
