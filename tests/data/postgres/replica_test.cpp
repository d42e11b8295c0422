// The workstation's local replica (issue 9, "when the server is lost") against the real
// throwaway cluster: a refresh makes an identical copy and keeps the old one when the copy
// fails; checks recorded locally are replayed with their actor, never twice (also after a replay
// killed between the server's commit and the local mark); a later check by another coordinator is
// reported as a conflict and both survive; a check for an incident closed on the server stays
// pending with the reason; other writes to a replica are refused; the CLI verbs. Also prints the
// refresh time of the demo database and of 10,000 persons (a measurement, not asserted).
#include "console/cli/exit_codes.h"
#include "data/demo/demo_builder.h"
#include "data/error.h"
#include "data/postgres/db_copy.h"
#include "data/postgres/pg_connection.h"
#include "data/postgres/replica.h"
#include "data/sqlite/database.h"
#include "tests/console/cli_test_support.h"
#include "tests/data/demo/demo_test_data.h"
#include "tests/pg_test_cluster.h"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace breathline::data {
namespace {

namespace fs = std::filesystem;
using breathline::cli::testing::contains;
using breathline::cli::testing::run_breathline;
using breathline::testing::ScratchDatabase;

fs::path temp_file(const std::string& tag) {
    const fs::path p =
        fs::temp_directory_path() /
        ("breathline_replica_test_" + std::to_string(::getpid()) + "_" + tag + ".sqlite");
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(p.string() + suffix);
    return p;
}

/// The demo database with an active incident and one check, built once per executable.
struct DemoFile {
    fs::path path = temp_file("demo");
    RowId incident = 0;
    DemoFile() {
        auto store = open_store(path.string());
        store->set_actor("replica-test");
        demo::build_demo(*store, demo::testing::demo_inputs());
        Incident inc;
        inc.kind = IncidentKind::earthquake;
        inc.title = "首都直下地震 (replica test)";
        inc.onset_at = "2026-11-22T03:00:00Z";
        inc.is_active = true;
        incident = store->incidents().declare_incident(inc);
        SafetyCheck check;
        check.incident_id = incident;
        check.person_id = store->registry().persons().front().id;
        check.checked_at = "2026-11-22T04:00:00Z";
        check.vent_running = true;
        store->incidents().record_check(check);
    }
    ~DemoFile() {
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(path.string() + suffix);
    }
};

const DemoFile& demo_file() {
    static const DemoFile file;
    return file;
}

/// A scratch server holding the demo, and a replica path beside it (removed afterwards).
struct Server {
    ScratchDatabase db;
    fs::path replica;
    explicit Server(const std::string& tag) : replica(temp_file(tag)) {
        CopyOptions o;
        o.actor = "replica-test";
        copy_database(demo_file().path.string(), db.conninfo(), o);
    }
    ~Server() {
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(replica.string() + suffix);
    }
    const std::string& location() const { return db.conninfo(); }
};

SafetyCheck make_check(RowId incident, RowId person, const std::string& at) {
    SafetyCheck c;
    c.incident_id = incident;
    c.person_id = person;
    c.checked_at = at;
    c.vent_running = true;
    c.vent_power = VentilatorPower::internal_battery;
    c.external_power_left_h = 2.5;
    c.judgement = Judgement::stay_home;
    c.notes = "ローカルモードで記録";
    return c;
}

/// Records `c` in the replica as `actor` (local mode: the replica opened as a store).
RowId record_local(const fs::path& replica, const SafetyCheck& c, const std::string& actor) {
    auto store = open_store(replica.string());
    store->set_actor(actor);
    return store->incidents().record_check(c);
}

std::string check_actor(Store& store, RowId check_id) {
    for (const auto& e : store.audit().entries_for("safety_checks", std::to_string(check_id), 0))
        if (e.action == "record") return e.actor;
    return "";
}

/// The server's checks of one person that carry `notes`, with their recording actor.
std::vector<std::pair<SafetyCheck, std::string>>
server_checks(const std::string& server, RowId person, const std::string& notes) {
    auto store = open_store(server);
    std::vector<std::pair<SafetyCheck, std::string>> out;
    for (auto& c : store->incidents().check_history(person))
        if (c.notes == notes) out.emplace_back(c, check_actor(*store, c.id));
    return out;
}

TEST(Replica, RefreshMakesAnIdenticalCopyAndKeepsTheOldOneWhenTheCopyFails) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    Server server("identical");
    const ReplicaRefresh r =
        refresh_replica(server.location(), server.replica.string(), {"replica-test", nullptr});
    std::printf("[measure] demo database replica refresh: %.3f s (%lld rows)\n", r.seconds,
                static_cast<long long>(r.rows));
    EXPECT_GT(r.rows, 1000);

    const auto on_server = count_table_rows(server.location());
    const auto on_replica = count_table_rows(server.replica.string());
    ASSERT_EQ(on_server.size(), on_replica.size());
    for (std::size_t i = 0; i < on_server.size(); ++i) {
        ASSERT_TRUE(on_server[i].rows && on_replica[i].rows) << on_server[i].name;
        if (on_server[i].name == "audit_log")
            EXPECT_EQ(*on_replica[i].rows, *on_server[i].rows + 1) << "the copy's own entry";
        else if (on_server[i].name == "meta")
            EXPECT_EQ(*on_replica[i].rows, *on_server[i].rows + 3) << "the replica's stamps";
        else
            EXPECT_EQ(*on_replica[i].rows, *on_server[i].rows) << on_server[i].name;
    }

    const ReplicaState s = replica_state(server.replica.string());
    EXPECT_TRUE(s.exists);
    EXPECT_TRUE(s.is_replica);
    EXPECT_EQ(s.replica_of, pg::redact_conninfo(server.location()));
    EXPECT_EQ(s.refreshed_at, r.refreshed_at);
    ASSERT_TRUE(s.age.has_value());
    EXPECT_GE(s.age->count(), 0);
    EXPECT_EQ(s.pending_checks, 0);
    pg::Connection c(server.location());
    EXPECT_EQ(s.high_water, c.query_int64("SELECT MAX(id) FROM safety_checks").value_or(-1));
    EXPECT_TRUE(is_replica(server.replica.string()));
    EXPECT_FALSE(is_replica(demo_file().path.string()));
    EXPECT_FALSE(is_replica(server.location()));

    // A copy that fails (a database that does not exist on the cluster) keeps the old replica
    // exactly and leaves no temporary file behind.
    const std::string missing =
        breathline::testing::pg_conninfo_for(server.location(), "breathline_no_such_db");
    EXPECT_THROW(refresh_replica(missing, server.replica.string()), DataError);
    const ReplicaState kept = replica_state(server.replica.string());
    EXPECT_TRUE(kept.is_replica);
    EXPECT_EQ(kept.refreshed_at, r.refreshed_at);
    EXPECT_EQ(count_table_rows(server.replica.string()).size(), on_replica.size());
    for (const auto& entry : fs::directory_iterator(server.replica.parent_path()))
        EXPECT_EQ(entry.path().string().find(server.replica.filename().string() + ".refresh-"),
                  std::string::npos)
            << "temporary left behind: " << entry.path();

    // A refresh killed part-way (SIGKILL in the middle of the copy, after the persons table)
    // leaves the old replica whole and usable.
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        RefreshOptions o;
        o.progress = [](const std::string& line) {
            if (line.rfind("persons:", 0) == 0) ::kill(::getpid(), SIGKILL);
        };
        try {
            refresh_replica(server.location(), server.replica.string(), o);
        } catch (...) {
        }
        ::_exit(0); // not reached when the kill came
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;
    const ReplicaState after_kill = replica_state(server.replica.string());
    EXPECT_TRUE(after_kill.is_replica);
    EXPECT_EQ(after_kill.refreshed_at, r.refreshed_at);
    const auto after_kill_rows = count_table_rows(server.replica.string());
    for (std::size_t i = 0; i < on_replica.size(); ++i)
        EXPECT_EQ(after_kill_rows[i].rows, on_replica[i].rows) << on_replica[i].name;
    EXPECT_TRUE(open_store(server.replica.string())->audit().verify().ok);
    // The next refresh clears what the killed one left beside the replica.
    const std::string left = server.replica.string() + ".refresh-" + std::to_string(child) + ".tmp";
    EXPECT_TRUE(fs::exists(left)) << "the killed refresh wrote its temporary";
    EXPECT_NO_THROW(refresh_replica(server.location(), server.replica.string()));
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        EXPECT_FALSE(fs::exists(left + suffix)) << left << suffix;

    // A database that is not a replica is never overwritten.
    const fs::path plain = temp_file("plain");
    fs::copy_file(demo_file().path, plain);
    try {
        refresh_replica(server.location(), plain.string());
        ADD_FAILURE() << "a non-replica file was overwritten";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
        EXPECT_TRUE(contains(e.what(), plain.string())) << e.what();
    }
    fs::remove(plain);
}

TEST(Replica, LocalChecksAreReplayedOnceWithTheirActor) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    Server server("replay");
    refresh_replica(server.location(), server.replica.string());
    const RowId incident = demo_file().incident;
    RowId p1 = 0, p2 = 0;
    {
        auto replica = open_store(server.replica.string());
        const auto persons = replica->registry().persons();
        p1 = persons.at(1).id;
        p2 = persons.at(2).id;
    }
    const std::string notes = "ローカルモードで記録";
    record_local(server.replica, make_check(incident, p2, "2026-11-22T05:10:00Z"), "local-alice");
    record_local(server.replica, make_check(incident, p1, "2026-11-22T05:00:00Z"), "local-carol");
    EXPECT_EQ(replica_state(server.replica.string()).pending_checks, 2);

    // A replica with local checks is not refreshed over them.
    try {
        refresh_replica(server.location(), server.replica.string());
        ADD_FAILURE() << "a refresh dropped unreplayed local checks";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::constraint);
        EXPECT_TRUE(contains(e.what(), server.replica.string())) << e.what();
        EXPECT_TRUE(contains(e.what(), "2 safety checks")) << e.what();
    }

    const ReplayReport first =
        replay_local_checks(server.location(), server.replica.string(), "fallback");
    ASSERT_EQ(first.replayed.size(), 2u);
    EXPECT_TRUE(first.pending.empty());
    EXPECT_TRUE(first.conflicts.empty());
    // checked_at order, not the order of recording.
    EXPECT_EQ(first.replayed[0].actor, "local-carol");
    EXPECT_EQ(first.replayed[1].actor, "local-alice");
    const auto on_server1 = server_checks(server.location(), p1, notes);
    ASSERT_EQ(on_server1.size(), 1u);
    EXPECT_EQ(on_server1[0].second, "local-carol");
    EXPECT_EQ(on_server1[0].first.checked_at, "2026-11-22T05:00:00Z");
    EXPECT_EQ(on_server1[0].first.external_power_left_h, 2.5);
    const auto on_server2 = server_checks(server.location(), p2, notes);
    ASSERT_EQ(on_server2.size(), 1u);
    EXPECT_EQ(on_server2[0].second, "local-alice");
    EXPECT_EQ(on_server2[0].first.id, first.replayed[1].server_id);
    {
        auto s = open_store(server.location());
        EXPECT_TRUE(s->audit().verify().ok);
    }

    // Twice sends nothing twice.
    const ReplayReport second =
        replay_local_checks(server.location(), server.replica.string(), "fallback");
    EXPECT_TRUE(second.replayed.empty());
    EXPECT_TRUE(second.already_sent.empty());
    EXPECT_EQ(server_checks(server.location(), p1, notes).size(), 1u);
    EXPECT_EQ(replica_state(server.replica.string()).pending_checks, 0);
    EXPECT_EQ(replica_state(server.replica.string()).replayed_checks, 2);

    // A replay killed after the server committed a check but before the replica marked it: the
    // next replay finds it on the server and only marks it.
    const SafetyCheck third = make_check(incident, p1, "2026-11-22T06:00:00Z");
    record_local(server.replica, third, "local-carol");
    {
        auto s = open_store(server.location());
        s->set_actor("local-carol");
        s->incidents().record_check(third); // what the interrupted replay had sent
    }
    const ReplayReport resumed =
        replay_local_checks(server.location(), server.replica.string(), "fallback");
    EXPECT_TRUE(resumed.replayed.empty());
    ASSERT_EQ(resumed.already_sent.size(), 1u);
    EXPECT_EQ(resumed.already_sent[0].checked_at, "2026-11-22T06:00:00Z");
    EXPECT_EQ(server_checks(server.location(), p1, notes).size(), 2u);
    EXPECT_EQ(replica_state(server.replica.string()).pending_checks, 0);

    // With everything replayed, the replica refreshes again.
    EXPECT_NO_THROW(refresh_replica(server.location(), server.replica.string()));
    EXPECT_EQ(replica_state(server.replica.string()).replayed_checks, 0);
}

TEST(Replica, ALaterServerCheckByAnotherCoordinatorIsReportedAndBothSurvive) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    Server server("conflict");
    refresh_replica(server.location(), server.replica.string());
    const RowId incident = demo_file().incident;
    RowId person = 0;
    {
        auto replica = open_store(server.replica.string());
        person = replica->registry().persons().at(3).id;
    }
    record_local(server.replica, make_check(incident, person, "2026-11-22T05:00:00Z"),
                 "local-alice");
    // Meanwhile on the server: Bob called the same person later and sent them to hospital.
    SafetyCheck bob = make_check(incident, person, "2026-11-22T05:30:00Z");
    bob.judgement = Judgement::hospitalise;
    bob.notes = "サーバーで記録";
    RowId bob_id = 0;
    {
        auto s = open_store(server.location());
        s->set_actor("server-bob");
        bob_id = s->incidents().record_check(bob);
    }

    const ReplayReport r =
        replay_local_checks(server.location(), server.replica.string(), "fallback");
    ASSERT_EQ(r.replayed.size(), 1u);
    ASSERT_EQ(r.conflicts.size(), 1u);
    EXPECT_TRUE(r.pending.empty());
    const ReplayConflict& k = r.conflicts[0];
    EXPECT_EQ(k.check.actor, "local-alice");
    EXPECT_EQ(k.other_actor, "server-bob");
    EXPECT_EQ(k.other_checked_at, "2026-11-22T05:30:00Z");
    EXPECT_EQ(k.other_status, "hospitalise");
    EXPECT_EQ(k.other_check_id, bob_id);

    // Both are history on the server; the latest is still Bob's.
    auto s = open_store(server.location());
    std::vector<std::string> actors;
    for (const auto& c : s->incidents().check_history(person))
        if (c.incident_id == incident) actors.push_back(check_actor(*s, c.id));
    EXPECT_EQ(actors, (std::vector<std::string>{"local-alice", "server-bob"}));
    const auto latest = s->incidents().latest_check(incident, person);
    ASSERT_TRUE(latest.has_value());
    EXPECT_EQ(latest->id, bob_id);
}

TEST(Replica, ACheckForAnIncidentClosedOnTheServerStaysPendingWithTheReason) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    Server server("closed");
    refresh_replica(server.location(), server.replica.string());
    const RowId incident = demo_file().incident;
    RowId person = 0;
    {
        auto replica = open_store(server.replica.string());
        person = replica->registry().persons().at(4).id;
    }
    record_local(server.replica, make_check(incident, person, "2026-11-22T05:00:00Z"),
                 "local-alice");
    {
        auto s = open_store(server.location());
        s->set_actor("server-bob");
        ASSERT_TRUE(s->incidents().close_incident(incident, "2026-11-22T04:30:00Z", "終了"));
    }
    const ReplayReport r =
        replay_local_checks(server.location(), server.replica.string(), "fallback");
    EXPECT_TRUE(r.replayed.empty());
    ASSERT_EQ(r.pending.size(), 1u);
    EXPECT_TRUE(contains(r.pending[0].reason, "closed")) << r.pending[0].reason;
    EXPECT_EQ(r.pending[0].check.actor, "local-alice");
    EXPECT_EQ(replica_state(server.replica.string()).pending_checks, 1);
    EXPECT_TRUE(server_checks(server.location(), person, "ローカルモードで記録").empty());
    // Still pending: a second replay tries again and reports it again; nothing was dropped.
    EXPECT_EQ(replay_local_checks(server.location(), server.replica.string(), "x").pending.size(),
              1u);
    // And the CLI's replay says so with exit code 1.
    const auto cli = run_breathline({"--lang", "en", "--db", server.location()},
                                    {"replica", "replay", "--replica", server.replica.string()});
    EXPECT_EQ(cli.code, cli::exit_findings) << cli.err;
    EXPECT_TRUE(contains(cli.out, "pending: 1")) << cli.out;
    EXPECT_TRUE(contains(cli.out, "closed")) << cli.out;
}

TEST(Replica, CliVerbsAndOnlyChecksAreWrittenToAReplica) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    Server server("cli");
    const std::string file = server.replica.string();
    auto r = run_breathline({"--lang", "en", "--db", server.location(), "--actor", "cli-test"},
                            {"replica", "refresh", "--replica", file});
    ASSERT_EQ(r.code, cli::exit_ok) << r.err;
    EXPECT_TRUE(contains(r.out, "replica refreshed")) << r.out;
    r = run_breathline({"--lang", "en"}, {"replica", "status", "--replica", file});
    ASSERT_EQ(r.code, cli::exit_ok) << r.err;
    EXPECT_TRUE(contains(r.out, "local checks not yet replayed: 0")) << r.out;

    // Local mode: a check is recorded with the ordinary verb ...
    std::string person;
    {
        auto replica = open_store(file);
        person = replica->registry().persons().at(5).external_id;
    }
    const fs::path csv = fs::temp_directory_path() /
                         ("breathline_replica_check_" + std::to_string(::getpid()) + ".json");
    std::ofstream(csv) << R"([{"person": ")" << person
                       << R"(", "checked_at": "2026-11-22T05:00:00Z"}])";
    r = run_breathline({"--lang", "en", "--db", file, "--actor", "local-dan"},
                       {"check", "record", csv.string()});
    EXPECT_EQ(r.code, cli::exit_ok) << r.err << r.out;
    fs::remove(csv);
    // ... every other change is refused, in either language, and nothing is written.
    r = run_breathline({"--lang", "en", "--db", file},
                       {"set", "person", person, "phone_home=03-1111-2222"});
    EXPECT_EQ(r.code, cli::exit_refused);
    EXPECT_TRUE(contains(r.err, "local replica")) << r.err;
    r = run_breathline({"--lang", "ja", "--db", file}, {"incident", "declare", "--title", "x"});
    EXPECT_EQ(r.code, cli::exit_refused);
    EXPECT_TRUE(contains(r.err, "ローカル複製")) << r.err;
    {
        auto replica = open_store(file);
        EXPECT_EQ(replica->incidents().incidents().size(), 1u);
        EXPECT_TRUE(replica->registry().person_by_external_id(person)->phone_home !=
                    "03-1111-2222");
    }
    r = run_breathline({"--lang", "en"}, {"replica", "status", "--replica", file});
    EXPECT_TRUE(contains(r.out, "local checks not yet replayed: 1")) << r.out;

    r = run_breathline({"--lang", "en", "--db", server.location()},
                       {"replica", "replay", "--replica", file});
    EXPECT_EQ(r.code, cli::exit_ok) << r.err << r.out;
    EXPECT_TRUE(contains(r.out, "replayed: 1")) << r.out;
    EXPECT_TRUE(contains(r.out, "by local-dan")) << r.out;
    // The server takes writes as before.
    r = run_breathline({"--lang", "en", "--db", server.location()},
                       {"replica", "refresh", "--replica", file});
    EXPECT_EQ(r.code, cli::exit_ok) << r.err;
    r = run_breathline({"--lang", "en", "--db", demo_file().path.string()},
                       {"replica", "refresh", "--replica", file});
    EXPECT_EQ(r.code, cli::exit_usage) << "the source must be a server";
}

/// Measurement, not a timed test: refresh of a server holding 10,000 persons.
TEST(Replica, MeasureRefreshOfTenThousandPersons) {
    const fs::path source = temp_file("bench_source");
    {
        auto store = open_store(source.string());
        store->set_actor("bench");
        auto tx = store->begin();
        for (int i = 0; i < 10000; ++i) {
            Person p;
            char id[32];
            std::snprintf(id, sizeof id, "BENCH-%06d", i);
            p.external_id = id;
            p.name = "ベンチ 太郎 " + std::to_string(i);
            p.uses_ventilator = i % 3 != 2;
            p.home_oxygen = i % 3 == 2;
            p.location = geo::LonLat{139.700 + (i % 100) * 0.0003, 35.722 + (i / 100) * 0.00012};
            p.geocode_precision = GeocodePrecision::manual;
            store->registry().upsert_person(p);
        }
        tx->commit();
    }
    ScratchDatabase db;
    copy_database(source.string(), db.conninfo(), {});
    const fs::path replica = temp_file("bench_replica");
    const ReplicaRefresh r = refresh_replica(db.conninfo(), replica.string());
    std::printf("[measure] 10,000 persons replica refresh: %.3f s (%lld rows)\n", r.seconds,
                static_cast<long long>(r.rows));
    auto rows = count_table_rows(replica.string());
    for (const auto& t : rows)
        if (t.name == "persons") {
            EXPECT_EQ(t.rows.value_or(-1), 10000);
        }
    for (const auto& p : {source, replica})
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(p.string() + suffix);
}

} // namespace
} // namespace breathline::data
