// The console's local replica and local mode (issue 9, "when the server is lost"). On a
// PostgreSQL store the Controller keeps a SpatiaLite replica of the server (data/postgres/
// replica.h), refreshed on the job worker after remote change batches and its own writes, at
// most every k_replica_refresh_interval_s, never on the main thread. When the server is lost the
// banner gives the replica's age and offers local mode: the replica becomes the store, read-only
// but for safety checks. The reconnection attempts go on; when one succeeds the reconnect job
// replays the local checks first (live_commands.cpp) and finish_local_mode() reports the result.
#include "console/ui/command_permissions.h"
#include "console/ui/commands.h"
#include "console/ui/live_view.h"
#include "console/ui/replica_report.h"
#include "console/ui/view_mask.h"
#include "data/error.h"
#include "data/ops/clock.h"
#include "data/postgres/pg_connection.h"
#include "data/postgres/replica.h"

namespace breathline::ui {

namespace {

using SteadyClock = std::chrono::steady_clock;

SteadyClock::duration seconds(double s) {
    return std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(s));
}

std::optional<LiveView::WallTime> wall_time(const std::string& iso) {
    if (const auto t = data::ops::parse_time(iso)) return LiveView::WallTime(*t);
    return std::nullopt;
}

// What a replica may run, as on the command line (console/cli/verb_permissions.cpp): reads, and
// the recording of safety checks.
bool replica_allows(cli::Permission need) {
    using P = cli::Permission;
    return need == P::none || need == P::see_personal || need == P::export_personal ||
           need == P::record_checks;
}

} // namespace

void Controller::attach_replica() {
    LiveView& live = m_view.live;
    live.replica_path = m_replica_path;
    if (m_replica_path.empty()) return;
    // A replica of this server from an earlier session is usable at once, before the first
    // refresh; one of another server is not (it is replaced by the refresh, unless it holds
    // unreplayed checks: then the refresh says so).
    try {
        const data::ReplicaState s = data::replica_state(m_replica_path);
        if (s.is_replica && s.replica_of == data::pg::redact_conninfo(m_live_location))
            live.replica_refreshed_at = wall_time(s.refreshed_at);
    } catch (const std::exception&) {
        // Unreadable: the refresh below reports why.
    }
    m_replica_dirty = true; // copied again right after opening
    m_replica_warned = false;
    m_next_replica_refresh = SteadyClock::now();
}

void Controller::maybe_refresh_replica() {
    LiveView& live = m_view.live;
    if (live.replica_path.empty() || live.lost || !m_feed || m_replica_refreshing ||
        !m_replica_dirty || SteadyClock::now() < m_next_replica_refresh)
        return;
    m_replica_refreshing = true;
    m_replica_dirty = false;
    m_next_replica_refresh = SteadyClock::now() + seconds(k_replica_refresh_interval_s);
    const std::string location = m_live_location;
    const std::string path = live.replica_path;
    const std::string actor = m_actor;
    const int generation = m_live_generation;
    m_jobs.submit("ローカル複製を更新しています", "refreshing the local replica",
                  [this, location, path, actor, generation](JobContext&) -> Completion {
                      try {
                          data::RefreshOptions options;
                          options.actor = actor;
                          const data::ReplicaRefresh r =
                              data::refresh_replica(location, path, options);
                          return [this, r, generation] {
                              m_replica_refreshing = false;
                              if (generation != m_live_generation) return; // another database since
                              m_view.live.replica_refreshed_at = wall_time(r.refreshed_at);
                              m_replica_warned = false;
                          };
                      } catch (const std::exception& e) {
                          const std::string why = e.what();
                          return [this, why, generation] {
                              m_replica_refreshing = false;
                              if (generation != m_live_generation || m_replica_warned) return;
                              m_replica_warned = true; // once until a refresh succeeds again
                              m_view.warning("ローカル複製を更新できません: " + why,
                                             "the local replica could not be refreshed: " + why);
                          };
                      }
                  });
}

void Controller::note_command_done(const Command& command) {
    if (!command_need(command)) return; // the view only
    m_replica_dirty = true;
    LiveView& live = m_view.live;
    if (!live.local_mode) return;
    try {
        live.local_checks = data::replica_state(live.replica_path).pending_checks;
    } catch (const std::exception&) {
        // The count is only shown; the replay reads the replica itself.
    }
}

bool Controller::refused_in_local_mode(const Command& command) {
    const auto need = command_need(command);
    if (!need || replica_allows(need->need)) return false;
    const std::string& path = m_view.live.replica_path;
    m_view.error(data::replica_write_refusal_ja(path), data::replica_write_refusal(path));
    return true;
}

template <> void Controller::on(const cmd::SwitchToLocalMode&) {
    const LiveView& live = m_view.live;
    if (live.local_mode) return;
    if (!live.lost) {
        m_view.warning("サーバーに接続しています: ローカルモードはサーバーが停止したときのものです",
                       "the server is reachable: local mode is for when it is lost");
        return;
    }
    if (!live.replica_refreshed_at) {
        m_view.error("このサーバーのローカル複製がありません: ローカルモードに切り替えられません",
                     "there is no local replica of this server: local mode is not available");
        return;
    }
    const std::string path = live.replica_path;
    const auto data_dir = m_data_dir;
    const auto actor = m_actor;
    const auto mask = mask_options(m_view.settings);
    const auto role = m_view.role; // the server's role holds in local mode too
    m_jobs.submit("ローカル複製を開いています", "opening the local replica",
                  [this, path, data_dir, actor, mask, role](JobContext& job) -> Completion {
                      auto model = std::make_shared<LoadedModel>(
                          load_model(path, data_dir, actor, mask, &job, role));
                      return [this, model] { install_local(std::move(*model)); };
                  });
}

template <> void Controller::on(const cmd::DismissReplayReport&) {
    LiveView& live = m_view.live;
    live.replay_report_ja.clear();
    live.replay_report_en.clear();
    live.replay_needs_attention = false;
}

void Controller::install_local(LoadedModel model) {
    // install() treats the replica as a newly opened database; what belongs to the lost server
    // (where to reconnect, the banner's state, the database to open next time) is kept.
    const LiveView kept = m_view.live;
    const std::string server = m_live_location;
    const std::string last_db = m_view.settings.last_db;
    if (!kept.lost) {
        // The server came back while the replica was loading: stay on the server.
        m_view.info("サーバーが復帰したため、ローカルモードには切り替えません",
                    "the server is back: local mode is not needed");
        return;
    }
    install(std::move(model));
    m_live_location = server;
    LiveView& live = m_view.live;
    live = kept;
    live.local_mode = true;
    try {
        live.local_checks = data::replica_state(live.replica_path).pending_checks;
    } catch (const std::exception&) {
        live.local_checks = 0;
    }
    m_reconnecting = false;
    m_next_reconnect = SteadyClock::now() + seconds(k_reconnect_interval_s);
    if (m_view.settings.last_db != last_db) {
        m_view.settings.last_db = last_db;
        save_settings_now();
    }
    const auto now = std::chrono::system_clock::now();
    m_view.warning("ローカルモードに切り替えました: " + lost_banner(live, Lang::ja, now),
                   "switched to local mode: " + lost_banner(live, Lang::en, now));
}

void Controller::finish_local_mode(const std::optional<data::ReplayReport>& report,
                                   const std::string& replay_error) {
    LiveView& live = m_view.live;
    live.local_mode = false;
    live.local_checks = 0;
    m_replica_dirty = true;
    m_view.db_path = m_store ? m_store->location() : m_view.db_path; // the server again
    if (!replay_error.empty()) {
        live.replay_report_ja =
            "ローカルモードの安否確認を送信できませんでした (複製に残っています): " + replay_error;
        live.replay_report_en =
            "the safety checks of local mode could not be sent (they stay in the replica): " +
            replay_error;
        live.replay_needs_attention = true;
        m_view.error(live.replay_report_ja, live.replay_report_en);
        return;
    }
    if (!report) return;
    const ReplayReportText text = replay_report_text(*report);
    live.replay_report_ja = text.summary_ja;
    live.replay_report_en = text.summary_en;
    live.replay_needs_attention = text.needs_attention;
    for (std::size_t i = 0; i < text.details_ja.size(); ++i) {
        live.replay_report_ja += "\n" + text.details_ja[i];
        live.replay_report_en += "\n" + text.details_en[i];
    }
    if (text.needs_attention)
        m_view.warning(text.summary_ja, text.summary_en);
    else
        m_view.info(text.summary_ja, text.summary_en);
    for (std::size_t i = 0; i < text.details_ja.size(); ++i)
        m_view.warning(text.details_ja[i], text.details_en[i]);
    // A check recorded while the replay ran, or one the server refused, is still in the replica:
    // say how to send it (the replica is not refreshed over it).
    try {
        const auto left = data::replica_state(live.replica_path).pending_checks;
        if (left > 0)
            m_view.warning("ローカル複製に未送信の安否確認が " + std::to_string(left) +
                               " 件残っています: breathline replica replay --db SERVER --replica " +
                               live.replica_path + " で再送してください",
                           std::to_string(left) +
                               " safety checks are still only in the local replica: send them with "
                               "breathline replica replay --db SERVER --replica " +
                               live.replica_path);
    } catch (const std::exception&) {
        // The count is advice only.
    }
}

} // namespace breathline::ui
