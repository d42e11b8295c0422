// Concurrency on the shared PostgreSQL backend (issue 9), against the throwaway cluster: a
// stale edit is refused with the same ConflictError and message as on SpatiaLite; two safety
// checks of one person at the same checked_at from two connections both survive (history, not
// overwrite); and two writer processes hammer the same five persons for a minute with no lost
// update, every version accounted for and the audit chain intact.

#include "../concurrency_hammer.h"
#include "data/io/record_edit.h"
#include "data/store/row_conflict.h"
#include "tests/pg_test_cluster.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <thread>
#include <unistd.h>

namespace breathline::data::test {
namespace {

using breathline::testing::ScratchDatabase;

Person oxygen_user(const std::string& id) {
    Person p;
    p.external_id = id;
    p.name = "共有 花子";
    p.home_oxygen = true;
    p.disease = "COPD";
    p.care_situation = "在宅";
    return p;
}

// A fresh directory for the writers' token files, removed afterwards.
struct TokenDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("breathline-pg-hammer-" + std::to_string(::getpid()));
    TokenDir() {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TokenDir() { std::filesystem::remove_all(path); }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

TEST(PgConcurrency, StaleEditIsRefusedWithTheSameMessageAsSpatialite) {
    ScratchDatabase db;
    auto seed = open_store(db.conninfo());
    ASSERT_EQ(seed->backend(), "postgresql");
    seed->set_actor("seed");
    seed->registry().upsert_person(oxygen_user("PG-0001"));

    auto a = open_store(db.conninfo());
    a->set_actor("coordinator-A");
    auto b = open_store(db.conninfo());
    b->set_actor("田中");
    Person a_read = *a->registry().person_by_external_id("PG-0001");
    Person b_read = *b->registry().person_by_external_id("PG-0001");
    ASSERT_EQ(a_read.row_version, 1);
    b_read.disease = "ALS";
    ASSERT_TRUE(b->registry().upsert_person(b_read).changed);

    const auto audit_before = a->audit().count();
    a_read.care_situation = "入院中";
    try {
        a->registry().upsert_person(a_read);
        FAIL() << "a stale save was accepted";
    } catch (const ConflictError& e) {
        EXPECT_EQ(e.code(), ErrorCode::conflict);
        EXPECT_EQ(e.table(), "persons");
        EXPECT_EQ(e.based_on_version(), 1);
        EXPECT_EQ(e.current_version(), 2);
        ASSERT_EQ(e.changes().size(), 1u);
        EXPECT_EQ(e.changes()[0].actor, "田中");
        EXPECT_EQ(e.changes()[0].summary, "disease: COPD → ALS");
        // Word for word the SpatiaLite message (row_conflict.cpp builds both).
        EXPECT_EQ(std::string(e.what()),
                  "PG-0001 was changed by 田中 at " + e.changes()[0].at +
                      " (version 1 → 2): disease: COPD → ALS. Your edit was not saved: reload "
                      "the record, or apply your changes on top.");
        EXPECT_EQ(e.message_ja(), "PG-0001 は 田中 が " + e.changes()[0].at +
                                      " に変更しました (版 1 → 2): disease: COPD → "
                                      "ALS。あなたの編集は保存されていません。再読み込みするか、"
                                      "変更を上書きして適用してください。");
    }
    const auto stored = *b->registry().person_by_external_id("PG-0001");
    EXPECT_EQ(stored.disease, "ALS");
    EXPECT_EQ(stored.care_situation, "在宅");
    EXPECT_EQ(stored.row_version, 2);
    EXPECT_EQ(a->audit().count(), audit_before);

    // The console's path: the edit is refused with the conflict, then applied on top.
    EditOptions options;
    options.expected_row_version = 1;
    auto out = edit_person(*a, "PG-0001", {{"care_situation", "入院中"}}, options);
    ASSERT_EQ(out.status, EditStatus::conflict);
    ASSERT_TRUE(out.conflict);
    EXPECT_EQ(out.conflict->changes().at(0).actor, "田中");
    options.expected_row_version = out.conflict->current_version();
    out = edit_person(*a, "PG-0001", {{"care_situation", "入院中"}}, options);
    ASSERT_EQ(out.status, EditStatus::saved);
    const auto both = *b->registry().person_by_external_id("PG-0001");
    EXPECT_EQ(both.disease, "ALS");
    EXPECT_EQ(both.care_situation, "入院中");
    EXPECT_TRUE(b->audit().verify().ok);
}

TEST(PgConcurrency, TwoChecksOfOnePersonAtTheSameTimeFromTwoConnectionsBothSurvive) {
    ScratchDatabase db;
    RowId person_id = 0;
    Incident inc;
    {
        auto seed = open_store(db.conninfo());
        seed->set_actor("seed");
        person_id = seed->registry().upsert_person(oxygen_user("PG-0002")).id;
        inc.title = "同時確認";
        inc.onset_at = "2026-11-22T03:00:00Z";
        inc.is_active = true;
        inc.id = seed->incidents().declare_incident(inc);
    }
    // Two coordinators phone the same person and record at the same minute, each on its own
    // connection, at the same moment.
    auto record = [&](const std::string& actor, int spo2, RowId& id) {
        auto store = open_store(db.conninfo());
        store->set_actor(actor);
        SafetyCheck c;
        c.incident_id = inc.id;
        c.person_id = person_id;
        c.checked_at = "2026-11-22T05:00:00Z";
        c.spo2_pct = spo2;
        c.checker_name = actor;
        id = store->incidents().record_check(c);
    };
    RowId first = 0, second = 0;
    std::thread t1([&] { record("coordinator-A", 95, first); });
    std::thread t2([&] { record("coordinator-B", 91, second); });
    t1.join();
    t2.join();
    EXPECT_NE(first, 0);
    EXPECT_NE(second, 0);
    EXPECT_NE(first, second);
    auto store = open_store(db.conninfo());
    const auto history = store->incidents().check_history(person_id);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].checked_at, history[1].checked_at);
    std::vector<int> spo2 = {*history[0].spo2_pct, *history[1].spo2_pct};
    std::sort(spo2.begin(), spo2.end());
    EXPECT_EQ(spo2, (std::vector<int>{91, 95}));
    // The latest of the two is one of them (ties broken by id), not a merge.
    const auto latest = store->incidents().latest_check(inc.id, person_id);
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->id, std::max(first, second));
    EXPECT_TRUE(store->audit().verify().ok);
}

// The writer process of the hammer below (spawned with BREATHLINE_HAMMER_*). Run directly, it
// writes alone for a second on a scratch database: every token it reports lands exactly once.
TEST(PgHammerWriter, WritesItsTokensWithoutLosingOne) {
    if (hammer::writer_mode()) {
        const auto stats = hammer::run_writer_from_env();
        EXPECT_GT(stats.updates, 0);
        return;
    }
    ScratchDatabase db;
    TokenDir dir;
    hammer::seed(*open_store(db.conninfo()));
    const auto stats = hammer::write_for(db.conninfo(), "S", dir.file("s.tokens"), 1.0);
    EXPECT_GT(stats.updates, 0);
    EXPECT_EQ(stats.conflicts, 0);
    auto store = open_store(db.conninfo());
    hammer::verify(*store, {hammer::read_tokens(dir.file("s.tokens"))});
}

TEST(PgHammer, TwoWriterProcessesForAMinuteLoseNoUpdate) {
    ScratchDatabase db;
    TokenDir dir;
    {
        auto store = open_store(db.conninfo());
        store->set_actor("seed");
        hammer::seed(*store);
    }
    constexpr double k_seconds = 60.0;
    const pid_t a =
        hammer::spawn_writer("PgHammerWriter", db.conninfo(), "A", dir.file("a.tokens"), k_seconds);
    const pid_t b =
        hammer::spawn_writer("PgHammerWriter", db.conninfo(), "B", dir.file("b.tokens"), k_seconds);
    ASSERT_GT(a, 0);
    ASSERT_GT(b, 0);
    EXPECT_EQ(hammer::wait_writer(a), 0);
    EXPECT_EQ(hammer::wait_writer(b), 0);
    const auto ta = hammer::read_tokens(dir.file("a.tokens"));
    const auto tb = hammer::read_tokens(dir.file("b.tokens"));
    EXPECT_GT(ta.count, 0);
    EXPECT_GT(tb.count, 0);
    EXPECT_GE(ta.conflicts, 0) << "writer A did not finish its loop";
    EXPECT_GE(tb.conflicts, 0) << "writer B did not finish its loop";
    std::printf("[ hammer   ] PostgreSQL %.0f s: A %lld updates (%lld conflicts retried), B %lld "
                "updates (%lld conflicts retried)\n",
                k_seconds, static_cast<long long>(ta.count), static_cast<long long>(ta.conflicts),
                static_cast<long long>(tb.count), static_cast<long long>(tb.conflicts));
    auto store = open_store(db.conninfo());
    hammer::verify(*store, {ta, tb});
}

} // namespace
} // namespace breathline::data::test
