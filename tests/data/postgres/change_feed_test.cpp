// Live updates (issue 9): a ChangeFeed on one connection sees what another connection commits,
// folds one transaction's changes into one batch, and says so when its session is killed.
#include "data/error.h"
#include "data/postgres/change_feed.h"
#include "data/postgres/pg_connection.h"
#include "data/store/store.h"
#include "tests/pg_test_cluster.h"

#include <chrono>
#include <cstdio>
#include <gtest/gtest.h>

namespace breathline::data::pg {
namespace {

using testing::ScratchDatabase;
using Clock = std::chrono::steady_clock;

// The functional deadline of issue 9: a change shows on the other workstations within 2 s.
constexpr auto k_deadline = std::chrono::seconds(2);

void notify(Connection& c, const std::string& table, const std::string& op) {
    c.query("SELECT pg_notify('breathline_change', $1)",
            Params().add("{\"table\":\"" + table + "\",\"op\":\"" + op + "\"}"));
}

// Polls as the console does (short waits) until a batch arrives or the deadline passes.
ChangeBatch first_batch(ChangeFeed& feed, Clock::time_point deadline) {
    while (Clock::now() < deadline) {
        auto batch = feed.poll(50);
        if (!batch.empty()) return batch;
    }
    return {};
}

// A registry row as another workstation writes it, through the store (real triggers).
Person person(const std::string& external_id, const std::string& name) {
    Person p;
    p.external_id = external_id;
    p.name = name;
    p.address = "南池袋一丁目";
    p.town = "南池袋一丁目";
    p.location = geo::LonLat(139.7110, 35.7295);
    p.geocode_precision = GeocodePrecision::manual;
    p.uses_ventilator = true; // the registry holds medical-device users only
    return p;
}

bool contains(const ChangeBatch& batch, const std::string& table) {
    return batch.tables.count(table) > 0;
}

TEST(ChangeFeed, WriteOnAnotherConnectionArrives) {
    ScratchDatabase db;
    auto other = open_store(db.conninfo()); // migrates: the triggers exist from here on
    other->set_actor("other-workstation");
    ChangeFeed feed(db.conninfo());
    EXPECT_TRUE(feed.poll(0).empty());
    const auto t0 = Clock::now();
    other->registry().upsert_person(person("CF-001", "池袋太郎"));
    const auto batch = first_batch(feed, t0 + k_deadline);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    std::printf("[ measured ] change feed latency (write to batch): %.1f ms\n", ms);
    ASSERT_FALSE(batch.empty()) << "no change within 2 s";
    EXPECT_TRUE(contains(batch, "persons"));
    EXPECT_TRUE(contains(batch, "audit_log")); // the same transaction, the same batch
    EXPECT_FALSE(contains(batch, "facilities"));
    EXPECT_TRUE(feed.poll(100).empty()) << "a change was reported twice";
}

TEST(ChangeFeed, OneTransactionIsOneBatch) {
    ScratchDatabase db;
    auto other = open_store(db.conninfo());
    other->set_actor("other-workstation");
    Incident inc;
    inc.title = "feed";
    inc.onset_at = "2026-11-22T03:00:00Z";
    inc.is_active = true;
    const RowId incident = other->incidents().declare_incident(inc);
    const RowId p1 = other->registry().upsert_person(person("CF-001", "池袋太郎")).id;
    ChangeFeed feed(db.conninfo());
    {
        auto unit = other->begin();
        SafetyCheck check;
        check.incident_id = incident;
        check.person_id = p1;
        check.checked_at = "2026-11-22T04:00:00Z";
        check.vent_running = true;
        other->incidents().record_check(check);
        other->registry().upsert_person(person("CF-001", "池袋太朗"));
        other->registry().upsert_person(person("CF-002", "目白花子"));
        // Nothing is sent before the commit: the other workstations never see a change that
        // may still roll back.
        EXPECT_TRUE(feed.poll(200).empty());
        unit->commit();
    }
    const auto batch = first_batch(feed, Clock::now() + k_deadline);
    EXPECT_TRUE(contains(batch, "persons"));
    EXPECT_TRUE(contains(batch, "safety_checks"));
    EXPECT_FALSE(contains(batch, "incidents"));
    EXPECT_TRUE(feed.poll(100).empty()) << "one transaction arrived as two batches";
    // A rolled-back transaction sends nothing at all.
    {
        auto unit = other->begin();
        other->registry().upsert_person(person("CF-003", "巣鴨次郎"));
    }
    EXPECT_TRUE(feed.poll(300).empty());
}

TEST(ChangeFeed, ReadsTheTableWhateverTheSpacing) {
    ScratchDatabase db;
    ChangeFeed feed(db.conninfo());
    Connection writer(db.conninfo());
    {
        Transaction tx(writer);
        writer.query("SELECT pg_notify('breathline_change', $1)",
                     Params().add(R"({ "table" : "outage_areas" , "op" : "DELETE" })"));
        writer.query("SELECT pg_notify('breathline_change', $1)",
                     Params().add(R"({"op":"INSERT","table":"audit_log"})"));
        // Not ours to understand: the feed asks for a full reload ("*") rather than drop it.
        writer.query("SELECT pg_notify('breathline_change', $1)", Params().add("garbage"));
        // Another channel never reaches the feed.
        writer.query("SELECT pg_notify('breathline_other', $1)",
                     Params().add(R"({"table":"persons"})"));
        tx.commit();
    }
    const auto batch = first_batch(feed, Clock::now() + k_deadline);
    EXPECT_EQ(batch.tables, (std::set<std::string>{"*", "audit_log", "outage_areas"}));
}

TEST(ChangeFeed, SkipsTheIgnoredSession) {
    ScratchDatabase db;
    ChangeFeed feed(db.conninfo());
    Connection own(db.conninfo());   // the console's own store session
    Connection other(db.conninfo()); // another workstation
    feed.ignore_backend(own.backend_pid());
    notify(own, "persons", "UPDATE");
    EXPECT_TRUE(feed.poll(300).empty()) << "the console's own change came back as a remote one";
    notify(other, "facilities", "UPDATE");
    EXPECT_EQ(first_batch(feed, Clock::now() + k_deadline).tables,
              (std::set<std::string>{"facilities"}));
}

TEST(ChangeFeed, ReportsConnectionLostWhenItsSessionIsKilled) {
    ScratchDatabase db;
    ChangeFeed feed(db.conninfo());
    ASSERT_TRUE(feed.ok());
    Connection admin(db.conninfo());
    // Every other session of this scratch database is the feed's.
    const auto killed = admin.query(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND application_name = 'breathline' "
        "AND pid <> pg_backend_pid()");
    ASSERT_EQ(killed.int64(0, 0), 1);
    const auto t0 = Clock::now();
    bool lost = false;
    while (!lost && Clock::now() < t0 + k_deadline) {
        try {
            feed.poll(50);
        } catch (const DataError& e) {
            EXPECT_EQ(e.code(), ErrorCode::connection_lost) << e.what();
            lost = true;
        }
    }
    EXPECT_TRUE(lost) << "a killed session was not reported within 2 s";
    EXPECT_FALSE(feed.ok());
    // And it stays lost: every later poll says so rather than report an empty batch.
    EXPECT_THROW(feed.poll(0), DataError);
}

TEST(ChangeFeed, RefusesAnUnreachableServer) {
    try {
        ChangeFeed feed("host=/nonexistent-breathline-dir port=1 dbname=x");
        FAIL() << "a feed opened without a server";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::open_failed) << e.what();
    }
}

} // namespace
} // namespace breathline::data::pg
