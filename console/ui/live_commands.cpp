// The Controller's live updates (issue 9): on a PostgreSQL store it listens for the changes of
// other workstations (data/postgres/change_feed.h) and refreshes what depends on the changed
// tables; when the server goes away it keeps the last rows on screen, refuses every command
// that needs the server, and reconnects every k_reconnect_interval_s on the job worker (a
// connection attempt to a dead host can block for minutes: never on the main thread).

#include "console/map/scene_builder.h"
#include "console/ui/commands.h"
#include "console/ui/live_view.h"
#include "console/ui/view_mask.h"
#include "data/dispatch/delivery_store.h"
#include "data/dispatch/loan_store.h"
#include "data/dispatch/transport_store.h"
#include "data/drill/drill_store.h"
#include "data/error.h"
#include "data/ops/destination.h"
#include "data/plans/plan_store.h"
#include "data/postgres/change_feed.h"
#include "data/postgres/postgres_store.h"
#include "data/roads/road_store.h"
#include "data/roads/routing_service.h"

#include <algorithm>
#include <type_traits>

namespace breathline::ui {

namespace {

using SteadyClock = std::chrono::steady_clock;

// Tables every audited write touches: on their own they change nothing the console shows.
bool audit_table(const std::string& t) {
    return t == "audit_log" || t == "audit_head";
}

// The server session of a PostgreSQL store (0 for other backends): its own notifications are
// skipped by the feed, since the command that wrote already refreshed what it changed.
int store_session(data::Store& store) {
    if (auto* pg = dynamic_cast<data::pg::PostgresStore*>(&store))
        return pg->connection().backend_pid();
    return 0;
}

// Commands that touch nothing but the view (camera, layers, filters, typed text, settings):
// the only ones a console without its server still runs. A different database may be opened.
bool runs_without_server(const Command& command) {
    return std::visit(
        [](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            return std::is_same_v<T, cmd::OpenDatabase> || std::is_same_v<T, cmd::ClearSelection> ||
                   std::is_same_v<T, cmd::SetPersonField> ||
                   std::is_same_v<T, cmd::SetFacilityField> ||
                   std::is_same_v<T, cmd::CancelPlacing> || std::is_same_v<T, cmd::PanPixels> ||
                   std::is_same_v<T, cmd::ZoomAt> || std::is_same_v<T, cmd::FitWard> ||
                   std::is_same_v<T, cmd::SetViewport> || std::is_same_v<T, cmd::SetLayerVisible> ||
                   std::is_same_v<T, cmd::SetLayerOpacity> || std::is_same_v<T, cmd::MoveLayer> ||
                   std::is_same_v<T, cmd::AddUserLayer> ||
                   std::is_same_v<T, cmd::RemoveUserLayer> || std::is_same_v<T, cmd::SetLanguage> ||
                   std::is_same_v<T, cmd::SetUiScale> ||
                   std::is_same_v<T, cmd::SetRegistryFilter> ||
                   std::is_same_v<T, cmd::SetRegistrySort> ||
                   std::is_same_v<T, cmd::SetFacilitySort> || std::is_same_v<T, cmd::SetSearch> ||
                   std::is_same_v<T, cmd::ClearLog> || std::is_same_v<T, cmd::AcknowledgeAlarms> ||
                   std::is_same_v<T, cmd::SetCheckField> ||
                   std::is_same_v<T, cmd::CloseCheckForm> ||
                   std::is_same_v<T, cmd::AddOutageVertex> ||
                   std::is_same_v<T, cmd::UndoOutageVertex> ||
                   std::is_same_v<T, cmd::CancelOutageDrawing> ||
                   std::is_same_v<T, cmd::ShowOption> ||
                   std::is_same_v<T, cmd::ClearRecommendation> ||
                   // Local mode opens the replica; the replay report is the view's own.
                   std::is_same_v<T, cmd::SwitchToLocalMode> ||
                   std::is_same_v<T, cmd::DismissReplayReport>;
        },
        command);
}

// The scene as the settings want it: masked persons in drill and projector modes.
map::SceneOptions scene_options_for(const Settings& settings) {
    map::SceneOptions options;
    options.mask_names = settings.masks_personal_data();
    options.mask = mask_options(settings);
    return options;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

} // namespace

bool is_connection_lost(const std::exception& e) {
    const auto* d = dynamic_cast<const data::DataError*>(&e);
    return d && d->code() == data::ErrorCode::connection_lost;
}

void Controller::attach_live(std::unique_ptr<data::pg::ChangeFeed> feed, std::string location) {
    ++m_live_generation; // a reconnection still under way belongs to the previous database
    m_reconnecting = false;
    m_feed = std::move(feed);
    m_live_location = std::move(location);
    LiveView& live = m_view.live;
    live = LiveView{};
    live.last_refresh = std::chrono::system_clock::now();
    if (m_feed && m_store) {
        m_feed->ignore_backend(store_session(*m_store));
        live.attached = true;
        m_view.info("他の端末の変更を自動で反映します (" + m_store->location() + ")",
                    "changes from other workstations show here as they happen (" +
                        m_store->location() + ")");
        attach_replica(); // issue 9: the local replica of this server, refreshed from now on
    }
}

std::optional<double> Controller::live_wake_interval() const {
    if (m_view.live.lost || m_feed) return k_live_poll_interval_s;
    return std::nullopt;
}

bool Controller::tick_live() {
    LiveView& live = m_view.live;
    if (live.lost) {
        if (!m_reconnecting && SteadyClock::now() >= m_next_reconnect) start_reconnect();
        // The banner says how old the rows are, to the minute.
        const auto minute =
            std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now());
        if (minute == m_banner_minute) return false;
        m_banner_minute = minute;
        return true;
    }
    if (!m_feed) return false;
    maybe_refresh_replica();
    data::pg::ChangeBatch batch;
    try {
        batch = m_feed->poll(0);
    } catch (const std::exception& e) {
        // The feed only fails when its session is gone: the server, or the network to it.
        enter_lost(e.what());
        return true;
    }
    if (batch.empty()) return false;
    try {
        apply_remote_changes(batch.tables);
        m_replica_dirty = true;
    } catch (const std::exception& e) {
        if (is_connection_lost(e))
            enter_lost(e.what());
        else
            m_view.error(std::string("他の端末の変更を反映できません: ") + e.what(),
                         std::string("cannot show another workstation's change: ") + e.what());
    }
    return true;
}

void Controller::enter_lost(const std::string& reason) {
    LiveView& live = m_view.live;
    if (live.lost) return;
    live.lost = true;
    live.attached = false;
    live.lost_since = std::chrono::system_clock::now();
    live.reason = reason;
    live.reconnect_attempts = 0;
    m_feed.reset();
    m_next_reconnect =
        SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(
                                 std::chrono::duration<double>(k_reconnect_interval_s));
    m_banner_minute = std::chrono::floor<std::chrono::minutes>(live.lost_since);
    const auto now = std::chrono::system_clock::now();
    m_view.error(lost_banner(live, Lang::ja, now) + " (" + reason + ")",
                 lost_banner(live, Lang::en, now) + " (" + reason + ")");
}

bool Controller::refused_while_lost(const Command& command) {
    if (!m_view.live.lost) return false;
    // Local mode reads and records checks on the replica (replica_commands.cpp).
    if (m_view.live.local_mode) return refused_in_local_mode(command);
    // The board's minute refresh reads the server: it waits for the reconnection silently.
    if (std::holds_alternative<cmd::RefreshBoard>(command)) return true;
    if (runs_without_server(command)) return false;
    const auto now = std::chrono::system_clock::now();
    m_view.error(lost_banner(m_view.live, Lang::ja, now), lost_banner(m_view.live, Lang::en, now));
    return true;
}

void Controller::start_reconnect() {
    if (m_live_location.empty()) return;
    m_reconnecting = true;
    const std::string location = m_live_location;
    const std::string actor = m_actor;
    const auto role = m_requested_role;
    const int generation = m_live_generation;
    // Local mode: the checks recorded meanwhile go to the server before it is shown again.
    const std::string replica = m_view.live.local_mode ? m_view.live.replica_path : "";
    m_jobs.submit(
        "サーバーに再接続しています", "reconnecting to the server",
        [this, location, actor, role, generation, replica](JobContext&) -> Completion {
            struct Fresh {
                std::unique_ptr<data::Store> store;
                std::unique_ptr<data::pg::ChangeFeed> feed;
                std::optional<data::ReplayReport> replay;
                std::string replay_error;
            };
            auto fresh = std::make_shared<Fresh>();
            try {
                // LISTEN before anything is read again: nothing committed in between is missed.
                fresh->feed = std::make_unique<data::pg::ChangeFeed>(location);
                fresh->store = data::open_store(location);
                fresh->store->set_actor(actor);
                if (role) fresh->store->set_role(*role);
                if (!replica.empty()) {
                    try {
                        fresh->replay = data::replay_local_checks(location, replica, actor);
                    } catch (const std::exception& e) {
                        if (is_connection_lost(e)) throw; // gone again: stay in local mode
                        fresh->replay_error = e.what();   // the checks stay in the replica
                    }
                }
            } catch (const std::exception& e) {
                const std::string why = e.what();
                return [this, why, generation] {
                    if (generation != m_live_generation) return;
                    m_reconnecting = false;
                    ++m_view.live.reconnect_attempts;
                    m_view.live.reason = why;
                    m_next_reconnect = SteadyClock::now() +
                                       std::chrono::duration_cast<SteadyClock::duration>(
                                           std::chrono::duration<double>(k_reconnect_interval_s));
                };
            }
            return [this, fresh, generation] {
                if (generation != m_live_generation) return; // another database opened since
                m_reconnecting = false;
                m_routing.reset(); // holds the lost store
                m_drill.reset();
                m_store = std::move(fresh->store);
                m_feed = std::move(fresh->feed);
                m_feed->ignore_backend(store_session(*m_store));
                LiveView& live = m_view.live;
                const auto lost_for = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now() - live.lost_since);
                live.lost = false;
                live.attached = true;
                live.reason.clear();
                if (live.local_mode) finish_local_mode(fresh->replay, fresh->replay_error);
                try {
                    attach_drill();
                    apply_remote_changes({"*"}, false);
                } catch (const std::exception& e) {
                    if (is_connection_lost(e)) {
                        enter_lost(e.what());
                        return;
                    }
                    m_view.error(std::string("再接続後の読み込みに失敗しました: ") + e.what(),
                                 std::string("reading after the reconnection failed: ") + e.what());
                }
                m_view.info("サーバーに再接続しました (" + std::to_string(lost_for.count()) +
                                " 秒間切断)。最新の内容を表示しています",
                            "reconnected to the server (lost for " +
                                std::to_string(lost_for.count()) + " s); showing the latest state");
            };
        });
}

void Controller::apply_remote_changes(const std::set<std::string>& tables, bool log) {
    if (!m_store || !m_projector) return;
    std::vector<std::string> shown;
    for (const auto& t : tables)
        if (!audit_table(t)) shown.push_back(t);
    if (shown.empty()) return; // an audited read (export) or a chain check: nothing to show
    const auto any = [&](std::initializer_list<const char*> names) {
        if (tables.count("*")) return true;
        return std::any_of(names.begin(), names.end(),
                           [&](const char* n) { return tables.count(n) > 0; });
    };
    const bool scene = any({"areas", "road_edges", "road_nodes", "road_sources", "road_closures"});
    const bool persons = any({"persons", "supporters", "person_supporters", "contacts",
                              "support_plans", "plan_versions", "plan_steps"});
    const bool facilities = any({"facilities"});
    const bool drills = any({"drill_runs", "drill_actions", "drill_closures",
                             "drill_facility_status", "drill_unavailable_supporters"});
    if (scene) {
        // The ward, roads and closures: the whole scene again, the user's own layers kept
        // when they still sit on the same origin (else loaded again from their files).
        map::Scene fresh = map::build_scene(*m_store, scene_options_for(m_view.settings));
        const bool same_origin = fresh.origin == m_view.scene.origin;
        for (auto& l : m_view.scene.layers)
            if (l.id.rfind("user:", 0) == 0 && same_origin) fresh.layers.push_back(std::move(l));
        m_view.scene = std::move(fresh);
        apply_layer_settings(m_view.settings, m_view.scene);
        if (!same_origin)
            for (const auto& path : m_view.settings.user_layers)
                load_user_layer(path);
        m_routing.reset(); // the road network is read again on the next route
        m_scene_changed = true;
    }
    if (persons || scene) reload_person_rows();
    if (facilities || scene) {
        std::vector<FacilityRow> rows;
        for (const auto& f : m_store->facilities().facilities())
            rows.push_back(make_facility_row(
                f, f.location ? std::optional(m_projector->to_plane(*f.location)) : std::nullopt));
        m_view.facilities = std::move(rows);
        map::rebuild_facilities(m_view.scene, *m_store, scene_options_for(m_view.settings));
        m_scene_changed = true;
    }
    if (drills) attach_drill();
    if (facilities || drills) show_drill_facilities();
    // The panels show the stored record again; what the user has typed stays (select() keeps a
    // dirty edit of the same record, and its save meets the row-version check).
    if (m_view.selection) {
        const map::FeatureRef selection = *m_view.selection;
        select(selection, false);
    }
    refresh_ops(true); // any change may move the board: checks, outages, persons, incidents
    if (persons || any({"support_plans", "plan_versions", "plan_steps"})) refresh_plans_due();
    LiveView& live = m_view.live;
    live.last_refresh = std::chrono::system_clock::now();
    if (!log) return;
    ++live.remote_batches;
    m_view.info("他の端末の変更を反映: " + joined(shown),
                "changes from another workstation: " + joined(shown));
}

} // namespace breathline::ui
