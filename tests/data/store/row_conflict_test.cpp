// Row versions on SpatiaLite (issue 9): two Store handles on one file are two coordinators. A
// save based on a version another coordinator has moved on is refused with ConflictError naming
// that coordinator, the time and the field change, in English and Japanese; nothing of the
// refused save is written or audited. Applying on top keeps both changes; imports (version 0)
// apply over anything. Then two writer processes hammer the same persons on one WAL file.

#include "../concurrency_hammer.h"
#include "data/io/record_edit.h"
#include "data/sqlite/database.h"
#include "data/store/row_conflict.h"
#include "store_test_support.h"

#include <gtest/gtest.h>
#include <string>

namespace breathline::data::test {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class RowConflictTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_path = m_dir.file("shared.sqlite");
        auto seed = open_store(m_path);
        seed->set_actor("seed");
        Person p = make_person(1);
        p.disease = "ALS";
        p.care_situation = "在宅";
        seed->registry().upsert_person(p);
        seed->facilities().upsert_facility(make_facility(1, 139.72, 35.73));
        m_a = open_store(m_path);
        m_a->set_actor("coordinator-A");
        m_b = open_store(m_path);
        m_b->set_actor("田中");
    }

    TempDir m_dir;
    std::string m_path;
    std::unique_ptr<Store> m_a, m_b; ///< two coordinators on the same file
};

TEST_F(RowConflictTest, StaleUpsertIsRefusedNamingTheOtherCoordinatorAndNothingIsWritten) {
    // A reads; B edits and saves; A saves what it read with its own change.
    Person a_read = *m_a->registry().person_by_external_id("P-000001");
    ASSERT_EQ(a_read.row_version, 1);
    Person b_read = *m_b->registry().person_by_external_id("P-000001");
    b_read.disease = "SMA";
    ASSERT_TRUE(m_b->registry().upsert_person(b_read).changed);

    const auto audit_before = m_a->audit().count();
    a_read.care_situation = "入院中";
    try {
        m_a->registry().upsert_person(a_read);
        FAIL() << "a stale save was accepted";
    } catch (const ConflictError& e) {
        EXPECT_EQ(e.code(), ErrorCode::conflict);
        EXPECT_EQ(e.table(), "persons");
        EXPECT_EQ(e.external_id(), "P-000001");
        EXPECT_EQ(e.based_on_version(), 1);
        EXPECT_EQ(e.current_version(), 2);
        ASSERT_EQ(e.changes().size(), 1u);
        EXPECT_EQ(e.changes()[0].actor, "田中");
        EXPECT_EQ(e.changes()[0].summary, "disease: ALS → SMA");
        const std::string en = e.what();
        EXPECT_TRUE(contains(en, "P-000001 was changed by 田中 at " + e.changes()[0].at +
                                     " (version 1 → 2): disease: ALS → SMA"))
            << en;
        EXPECT_TRUE(contains(e.message_ja(), "P-000001 は 田中 が " + e.changes()[0].at +
                                                 " に変更しました (版 1 → 2): disease: ALS → SMA"))
            << e.message_ja();
    }
    // Nothing of A's save: B's value stands, A's is not there, the version and the audit log
    // are as B left them.
    const auto stored = *m_b->registry().person_by_external_id("P-000001");
    EXPECT_EQ(stored.disease, "SMA");
    EXPECT_EQ(stored.care_situation, "在宅");
    EXPECT_EQ(stored.row_version, 2);
    EXPECT_EQ(m_a->audit().count(), audit_before);
    EXPECT_TRUE(m_a->audit().verify().ok);
}

TEST_F(RowConflictTest, SeveralChangesAreNamedOldestFirstWithTheirVersions) {
    const Person a_read = *m_a->registry().person_by_external_id("P-000001");
    EditOptions none;
    ASSERT_EQ(edit_person(*m_b, "P-000001", {{"disease", "SMA"}}, none).status, EditStatus::saved);
    m_b->set_actor("佐藤");
    ASSERT_EQ(edit_person(*m_b, "P-000001", {{"phone_home", "03-2222-0000"}}, none).status,
              EditStatus::saved);
    EditOptions stale;
    stale.expected_row_version = a_read.row_version;
    const auto out = edit_person(*m_a, "P-000001", {{"care_situation", "入院中"}}, stale);
    ASSERT_EQ(out.status, EditStatus::conflict);
    ASSERT_TRUE(out.conflict);
    ASSERT_EQ(out.conflict->changes().size(), 2u);
    EXPECT_EQ(out.conflict->changes()[0].actor, "田中");
    EXPECT_EQ(out.conflict->changes()[1].actor, "佐藤");
    const std::string en = out.conflict->what();
    EXPECT_TRUE(contains(en, "by 田中 at")) << en;
    EXPECT_TRUE(contains(en, "(version 1 → 2): disease: ALS → SMA")) << en;
    // A personal field is named, its values are not (the audit log never holds them).
    EXPECT_TRUE(contains(en, "then by 佐藤 at")) << en;
    EXPECT_TRUE(contains(en, "(version 2 → 3): phone_home.")) << en;
    EXPECT_FALSE(contains(en, "03-2222")) << en;
    EXPECT_EQ(m_a->registry().person_by_external_id("P-000001")->care_situation, "在宅");
}

TEST_F(RowConflictTest, ApplyOnTopKeepsTheOtherCoordinatorsChangeAndMine) {
    const Person a_read = *m_a->registry().person_by_external_id("P-000001");
    ASSERT_EQ(edit_person(*m_b, "P-000001", {{"disease", "SMA"}}).status, EditStatus::saved);
    EditOptions options;
    options.expected_row_version = a_read.row_version;
    const FieldValues mine = {{"care_situation", "入院中"}};
    auto out = edit_person(*m_a, "P-000001", mine, options);
    ASSERT_EQ(out.status, EditStatus::conflict);
    // Apply on top: my changed fields over the current version.
    options.expected_row_version = out.conflict->current_version();
    out = edit_person(*m_a, "P-000001", mine, options);
    ASSERT_EQ(out.status, EditStatus::saved);
    const auto stored = *m_b->registry().person_by_external_id("P-000001");
    EXPECT_EQ(stored.disease, "SMA");
    EXPECT_EQ(stored.care_situation, "入院中");
    EXPECT_EQ(stored.row_version, 3);
    const auto last = m_b->audit().entries(1).front();
    EXPECT_EQ(last.actor, "coordinator-A");
    EXPECT_EQ(last.summary, "care_situation: 在宅 → 入院中");
    EXPECT_TRUE(m_b->audit().verify().ok);
}

TEST_F(RowConflictTest, FacilitiesAreCheckedTheSameWay) {
    Facility a_read =
        *m_a->facilities().facility_by_external_id(make_facility(1, 0, 0).external_id);
    Facility b_read = *m_b->facilities().facility_by_external_id(a_read.external_id);
    b_read.capacity = 120;
    m_b->facilities().upsert_facility(b_read);
    a_read.status = FacilityStatus::open;
    try {
        m_a->facilities().upsert_facility(a_read);
        FAIL() << "a stale facility save was accepted";
    } catch (const ConflictError& e) {
        EXPECT_EQ(e.table(), "facilities");
        ASSERT_EQ(e.changes().size(), 1u);
        EXPECT_TRUE(contains(e.changes()[0].summary, "capacity: ")) << e.changes()[0].summary;
        EXPECT_TRUE(contains(e.what(), "by 田中")) << e.what();
    }
    EXPECT_EQ(m_b->facilities().facility_by_external_id(a_read.external_id)->status,
              make_facility(1, 0, 0).status);
}

TEST_F(RowConflictTest, VersionZeroIsNotCheckedAndTheCurrentVersionSaves) {
    ASSERT_EQ(edit_person(*m_b, "P-000001", {{"disease", "SMA"}}).status, EditStatus::saved);
    // An import (or a new record) carries version 0: it applies over whatever is stored.
    Person imported = make_person(1);
    imported.row_version = 0;
    imported.disease = "DMD";
    EXPECT_TRUE(m_a->registry().upsert_person(imported).changed);
    EXPECT_EQ(m_b->registry().person_by_external_id("P-000001")->disease, "DMD");
    // A fresh read saves (the single-user flow).
    Person fresh = *m_a->registry().person_by_external_id("P-000001");
    fresh.disease = "ALS";
    EXPECT_TRUE(m_a->registry().upsert_person(fresh).changed);
    EXPECT_EQ(m_b->registry().person_by_external_id("P-000001")->row_version, 4);
}

// The writer process of the hammer below (spawned with BREATHLINE_HAMMER_*). Run directly, it
// writes for a second alone on its own file: every token it reports lands exactly once.
TEST(SpatialiteHammerWriter, WritesItsTokensWithoutLosingOne) {
    if (hammer::writer_mode()) {
        const auto stats = hammer::run_writer_from_env();
        EXPECT_GT(stats.updates, 0);
        return;
    }
    TempDir dir;
    const std::string path = dir.file("alone.sqlite");
    hammer::seed(*open_store(path));
    const auto stats = hammer::write_for(path, "S", dir.file("s.tokens"), 1.0);
    EXPECT_GT(stats.updates, 0);
    EXPECT_EQ(stats.conflicts, 0); // alone: nobody moves a version under it
    auto store = open_store(path);
    hammer::verify(*store, {hammer::read_tokens(dir.file("s.tokens"))});
}

TEST(SpatialiteHammer, TwoWriterProcessesOnOneWalFileLoseNoUpdate) {
    TempDir dir;
    const std::string path = dir.file("hammer.sqlite");
    {
        auto store = open_store(path);
        store->set_actor("seed");
        hammer::seed(*store);
    }
    {
        // WAL is a property of the file: both writers' connections use it from now on.
        sqlite::Database db(
            path, sqlite::OpenOptions{.create_if_missing = false, .read_only = false, .wal = true});
        EXPECT_EQ(db.query_text("PRAGMA journal_mode").value_or(""), "wal");
    }
    constexpr double k_seconds = 20.0;
    const pid_t a =
        hammer::spawn_writer("SpatialiteHammerWriter", path, "A", dir.file("a.tokens"), k_seconds);
    const pid_t b =
        hammer::spawn_writer("SpatialiteHammerWriter", path, "B", dir.file("b.tokens"), k_seconds);
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
    std::printf("[ hammer   ] SpatiaLite %.0f s: A %lld updates (%lld conflicts retried), B %lld "
                "updates (%lld conflicts retried)\n",
                k_seconds, static_cast<long long>(ta.count), static_cast<long long>(ta.conflicts),
                static_cast<long long>(tb.count), static_cast<long long>(tb.conflicts));
    auto store = open_store(path);
    hammer::verify(*store, {ta, tb});
}

} // namespace
} // namespace breathline::data::test
