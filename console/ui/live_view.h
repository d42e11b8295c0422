#pragma once
/// Live updates and the lost server, as the panels read them (issue 9). On a PostgreSQL store
/// the Controller listens for other workstations' changes (data/postgres/change_feed.h) and
/// refreshes what depends on them; when the server goes away it keeps the last rows on screen,
/// read-only, with their age, and reconnects every k_reconnect_interval_s. Plain values: the
/// banner text is made here so it is tested without ImGui.
///
/// Thread safety: main thread only.

#include "console/ui/settings.h"

#include <chrono>
#include <optional>
#include <string>

namespace breathline::ui {

/// While attached the app sleeps at most this long between polls of the feed, so a remote
/// change shows within 2 s (issue 9) even when nobody touches the console.
constexpr double k_live_poll_interval_s = 0.25;
/// How often a lost console tries to reach the server again.
constexpr double k_reconnect_interval_s = 5.0;

struct LiveView {
    using WallTime = std::chrono::system_clock::time_point;
    /// A change feed is open (PostgreSQL store): other workstations' changes show here.
    bool attached = false;
    /// The server cannot be reached: rows are the last ones read, every edit is refused.
    bool lost = false;
    WallTime lost_since{};
    /// When the rows on screen were last read from the server (open, remote change, reconnect).
    std::optional<WallTime> last_refresh;
    /// Why the connection was given up (the server's or libpq's message), for the log.
    std::string reason;
    /// Failed reconnection attempts since the loss.
    int reconnect_attempts = 0;
    /// Remote change batches applied since the database was opened.
    int remote_batches = 0;
};

/// "サーバーに接続できません — 最終更新 HH:MM (N分前) の内容を表示中・読み取り専用" (JST), or the
/// English; "" when the server is not lost. `now`: the wall clock.
std::string lost_banner(const LiveView& live, Lang lang, LiveView::WallTime now);

} // namespace breathline::ui
