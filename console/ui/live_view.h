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
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace breathline::ui {

/// While attached the app sleeps at most this long between polls of the feed, so a remote
/// change shows within 2 s (issue 9) even when nobody touches the console.
constexpr double k_live_poll_interval_s = 0.25;
/// How often a lost console tries to reach the server again.
constexpr double k_reconnect_interval_s = 5.0;
/// The local replica is copied again at most this often (a full copy: the demo takes about a
/// second), after the changes that made it stale: remote batches and this console's own writes.
constexpr double k_replica_refresh_interval_s = 30.0;

/// Where a workstation keeps its replica unless the settings (`replica = PATH` in console.ini)
/// or `open --replica` say otherwise: replica.sqlite beside the default database
/// ($XDG_DATA_HOME/breathline/, else ~/.local/share/breathline/). Thread-safe.
std::filesystem::path default_replica_path();

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

    // The local replica (console/ui/replica_commands.cpp).
    /// Where this workstation keeps its replica of the server ("": none, not a server store).
    std::string replica_path;
    /// When the replica last matched the server; nullopt: no usable replica of this server.
    std::optional<WallTime> replica_refreshed_at;
    /// Local mode (ローカルモード): the server is lost and the replica is the store; only safety
    /// checks are recorded, and they are replayed to the server when it returns.
    bool local_mode = false;
    /// Checks recorded in local mode and not yet on the server.
    std::int64_t local_checks = 0;
    /// The report of the last replay after the server came back, shown until dismissed.
    std::string replay_report_ja, replay_report_en;
    /// The replay found conflicts or left checks pending: the report needs the coordinator.
    bool replay_needs_attention = false;
};

/// Whether the banner offers "ローカルモードへ切替 / Switch to local mode".
bool can_switch_to_local(const LiveView& live);

/// "サーバーに接続できません — 最終更新 HH:MM (N分前) の内容を表示中・読み取り専用" (JST), or the
/// English; "" when the server is not lost. `now`: the wall clock.
std::string lost_banner(const LiveView& live, Lang lang, LiveView::WallTime now);

} // namespace breathline::ui
