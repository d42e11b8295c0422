// Local mode in the console (issue 9, "when the server is lost"), in a real (Xvfb) window on the
// throwaway PostgreSQL cluster: the console keeps a replica of the server; the server is lost
// (its database refuses new connections and the console's sessions are terminated); the banner
// gives the replica's age and offers local mode; in local mode a safety check is recorded and a
// registry edit refused; when the server accepts connections again the console replays the check
// on its own, reports it (with the conflict against a later check another coordinator made on
// the server) and shows the server again.

#include "console/ui/app.h"
#include "console/ui/commands.h"
#include "console/ui/live_view.h"
#include "console/ui/view_model.h"
#include "data/ops/clock.h"
#include "data/postgres/pg_connection.h"
#include "data/postgres/replica.h"
#include "data/store/store.h"
#include "tests/pg_test_cluster.h"
#include "tests/ui/live_test_support.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

namespace breathline::ui {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDatabase;
using testing::ventilator_person;
using Steady = std::chrono::steady_clock;

std::string iso(std::chrono::system_clock::time_point t) {
    return data::ops::format_time(std::chrono::floor<std::chrono::seconds>(t));
}

// Two persons, an active incident and a check of L-001 ten minutes ago by another coordinator.
void populate(const std::string& conninfo) {
    auto store = data::open_store(conninfo);
    store->set_actor("other-workstation");
    store->registry().upsert_person(ventilator_person("R-001", "池袋太郎", 139.7110, 35.7295));
    store->registry().upsert_person(ventilator_person("R-002", "目白花子", 139.7060, 35.7210));
    data::Incident inc;
    inc.kind = data::IncidentKind::earthquake;
    inc.title = "ローカルモードのテスト";
    inc.onset_at = iso(std::chrono::system_clock::now() - std::chrono::hours(1));
    inc.is_active = true;
    const auto incident = store->incidents().declare_incident(inc);
    data::SafetyCheck check;
    check.incident_id = incident;
    check.person_id = store->registry().person_by_external_id("R-001")->id;
    check.checked_at = iso(std::chrono::system_clock::now() - std::chrono::minutes(10));
    check.vent_running = true;
    check.judgement = data::Judgement::hospitalise;
    store->incidents().record_check(check);
}

bool logged(const ViewModel& v, const std::string& ja_part) {
    return std::any_of(v.log.begin(), v.log.end(), [&](const LogLine& l) {
        return l.text_ja.find(ja_part) != std::string::npos;
    });
}

TEST(ReplicaBanner, GivesTheReplicaAgeAndSaysWhatLocalModeDoes) {
    LiveView live;
    live.lost = true;
    const auto at = std::chrono::sys_days{std::chrono::year{2026} / 11 / 22} +
                    std::chrono::hours(3) + std::chrono::minutes(5);
    live.last_refresh = at;
    EXPECT_FALSE(can_switch_to_local(live)) << "no replica yet";
    live.replica_refreshed_at = at - std::chrono::minutes(1);
    EXPECT_TRUE(can_switch_to_local(live));
    EXPECT_EQ(lost_banner(live, Lang::ja, at + std::chrono::minutes(7)),
              "サーバーに接続できません — 最終更新 12:05 (7分前) の内容を表示中・読み取り専用"
              " — ローカル複製 12:04 (8分前)");
    EXPECT_EQ(lost_banner(live, Lang::en, at + std::chrono::minutes(7)),
              "Cannot reach the server — showing the state of 12:05 (7 min ago), read-only — "
              "local replica of 12:04 (8 min ago)");
    live.local_mode = true;
    live.local_checks = 2;
    EXPECT_FALSE(can_switch_to_local(live));
    EXPECT_EQ(lost_banner(live, Lang::ja, at + std::chrono::minutes(7)),
              "サーバーに接続できません — ローカルモード: 複製 12:04 (8分前) を表示中、"
              "安否確認だけを記録できます (未送信 2 件、サーバー復帰時に送信)");
}

TEST(ReplicaConsole, LocalModeRecordsACheckAndReplaysItWhenTheServerReturns) {
    ScratchDatabase db;
    populate(db.conninfo());
    data::pg::Connection admin(db.conninfo()); // the test's own session: never terminated
    // A database cannot refuse connections from inside itself: the cluster's own database does.
    data::pg::Connection cluster(testing::pg_cluster_conninfo());
    const auto allow_connections = [&](bool allow) {
        cluster.exec("ALTER DATABASE " + data::pg::quote_ident(db.name()) + " ALLOW_CONNECTIONS " +
                     (allow ? "true" : "false"));
    };
    const fs::path replica = fs::temp_directory_path() / ("breathline_replica_console_" +
                                                          std::to_string(::getpid()) + ".sqlite");
    struct RemoveFiles { // at the start (an earlier run) and the end (also an early return)
        fs::path path;
        void operator()() const {
            for (const char* suffix : {"", "-wal", "-shm"})
                fs::remove(path.string() + suffix);
        }
        ~RemoveFiles() { (*this)(); }
    } remove_replica{replica};
    remove_replica();
    const std::string local_checked_at =
        iso(std::chrono::system_clock::now() - std::chrono::minutes(30));

    enum class Stage { refreshing, waiting_lost, waiting_local, waiting_back, done };
    Stage stage = Stage::refreshing;
    Steady::time_point killed_at{}, reopened_at{};
    bool banner_ok = false, refused = false, recorded = false;

    AppOptions options;
    options.db = db.conninfo();
    options.data_dir = BREATHLINE_TEST_DATA_DIR;
    options.actor = "console-alice";
    options.use_settings_file = false;
    options.replica_path = replica.string();
    options.width = 1280;
    options.height = 800;
    options.exit_after_s = 90; // bounds a failure
    options.on_wake = [&](ViewModel& v, Controller& controller) {
        switch (stage) {
        case Stage::refreshing:
            if (!v.loaded || !v.live.attached || !v.live.replica_refreshed_at) return true;
            EXPECT_EQ(v.live.replica_path, replica.string());
            EXPECT_TRUE(data::is_replica(replica.string()));
            // The server goes away: no new connection is accepted, the console's are cut.
            allow_connections(false);
            admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                        "current_database() AND application_name = 'breathline' AND pid <> "
                        "pg_backend_pid()");
            killed_at = Steady::now();
            stage = Stage::waiting_lost;
            return true;
        case Stage::waiting_lost: {
            if (!v.live.lost) return Steady::now() - killed_at < std::chrono::seconds(10);
            const std::string banner =
                lost_banner(v.live, Lang::ja, std::chrono::system_clock::now());
            banner_ok = banner.find("ローカル複製") != std::string::npos &&
                        banner.find("分前)") != std::string::npos;
            EXPECT_TRUE(banner_ok) << banner;
            EXPECT_TRUE(can_switch_to_local(v.live));
            controller.apply(cmd::SwitchToLocalMode{});
            stage = Stage::waiting_local;
            return true;
        }
        case Stage::waiting_local: {
            if (!v.live.local_mode) return Steady::now() - killed_at < std::chrono::seconds(30);
            EXPECT_TRUE(v.live.lost) << "local mode is for the lost server";
            EXPECT_EQ(v.db_path, replica.string());
            EXPECT_EQ(v.persons.size(), 2u);
            // A registry edit is refused: the replica takes safety checks only.
            const std::size_t before = v.log.size();
            controller.apply(cmd::SavePerson{"R-002", 1, {{"name", "書き換え"}}});
            refused = v.log.size() == before + 1 && v.log.back().level == LogLine::Level::error &&
                      v.log.back().text_ja.find("ローカル複製") != std::string::npos;
            EXPECT_TRUE(refused) << v.log.back().text_ja;
            // A safety check is recorded locally, half an hour ago (before the other
            // coordinator's check on the server).
            controller.apply(cmd::OpenCheckForm{"R-001"});
            controller.apply(cmd::SetCheckField{"checked_at", local_checked_at});
            controller.apply(cmd::RecordCheck{});
            recorded = v.live.local_checks == 1;
            EXPECT_TRUE(recorded) << (v.log.empty() ? "" : v.log.back().text_en);
            const std::string banner =
                lost_banner(v.live, Lang::ja, std::chrono::system_clock::now());
            EXPECT_NE(banner.find("未送信 1 件"), std::string::npos) << banner;
            // The server returns.
            allow_connections(true);
            reopened_at = Steady::now();
            stage = Stage::waiting_back;
            return true;
        }
        case Stage::waiting_back:
            if (v.live.lost || v.live.replay_report_ja.empty())
                return Steady::now() - reopened_at < std::chrono::seconds(30);
            EXPECT_FALSE(v.live.local_mode);
            EXPECT_TRUE(v.live.attached);
            EXPECT_TRUE(v.live.replay_needs_attention) << "the conflict needs the coordinator";
            EXPECT_NE(v.live.replay_report_ja.find("送信 1 件、競合 1 件、未送信 0 件"),
                      std::string::npos)
                << v.live.replay_report_ja;
            EXPECT_NE(v.live.replay_report_en.find("other-workstation checked later"),
                      std::string::npos)
                << v.live.replay_report_en;
            EXPECT_TRUE(logged(v, "競合: 登録番号 R-001"));
            EXPECT_TRUE(logged(v, "サーバーに再接続しました"));
            EXPECT_EQ(v.db_path, data::pg::redact_conninfo(db.conninfo()));
            controller.apply(cmd::DismissReplayReport{});
            EXPECT_TRUE(v.live.replay_report_ja.empty());
            stage = Stage::done;
            return false;
        case Stage::done:
            return false;
        }
        return false;
    };
    EXPECT_EQ(run_app(options), 0);
    allow_connections(true);
    EXPECT_EQ(stage, Stage::done) << "the run ended before every stage was reached";
    EXPECT_TRUE(banner_ok);
    EXPECT_TRUE(refused);
    EXPECT_TRUE(recorded);

    // On the server: the local check with its actor, the other coordinator's kept, the refused
    // edit absent.
    const auto checks = admin.query(
        "SELECT s.checked_at, a.actor FROM safety_checks s JOIN audit_log a ON a.entity = "
        "'safety_checks' AND a.entity_id = s.id::text AND a.action = 'record' ORDER BY "
        "s.checked_at");
    ASSERT_EQ(checks.rows(), 2);
    EXPECT_EQ(checks.text(0, 1), "console-alice");
    EXPECT_EQ(checks.text(1, 1), "other-workstation");
    EXPECT_EQ(admin.query_text("SELECT name FROM persons WHERE external_id = 'R-002'"), "目白花子");
    EXPECT_EQ(data::replica_state(replica.string()).pending_checks, 0);
}

} // namespace
} // namespace breathline::ui
