// The hash-chained audit log: a fresh chain verifies, and every way of
// tampering around the append-only triggers (edit, delete in the middle,
// delete at the end) is found and named.

#include "data/error.h"
#include "tests/data/store/store_test_support.h"

#include <gtest/gtest.h>

namespace breathline::data {
namespace {

constexpr int k_entries = 12;

class AuditChainTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_store = test::open_spatialite(m_dir.file("audit.sqlite"));
        m_store->set_actor("auditor");
        for (int i = 1; i <= k_entries; ++i) {
            AuditEntry e;
            e.action = "note";
            e.entity = "test";
            e.entity_id = std::to_string(i);
            e.summary = "entry " + std::to_string(i);
            EXPECT_EQ(m_store->audit().append(e), i);
        }
    }
    // Tampering as another tool would do it: without the triggers.
    void drop_triggers() {
        m_store->database().exec("DROP TRIGGER audit_log_no_update;"
                                 "DROP TRIGGER audit_log_no_delete;");
    }
    static bool mentions(const AuditVerification& v, const std::string& text) {
        for (const auto& p : v.problems)
            if (p.find(text) != std::string::npos) return true;
        return false;
    }
    static std::string all(const AuditVerification& v) {
        std::string s;
        for (const auto& p : v.problems)
            s += p + "\n";
        return s;
    }

    test::TempDir m_dir;
    std::unique_ptr<spatialite::SpatialiteStore> m_store;
};

TEST_F(AuditChainTest, FreshChainVerifies) {
    const AuditVerification v = m_store->audit().verify();
    EXPECT_TRUE(v.ok) << all(v);
    EXPECT_EQ(v.rows, k_entries);
    EXPECT_TRUE(v.problems.empty());
    const auto entries = m_store->audit().entries();
    ASSERT_EQ(entries.size(), static_cast<std::size_t>(k_entries));
    EXPECT_EQ(entries[0].prev_hash, std::string(64, '0'));
    for (std::size_t i = 1; i < entries.size(); ++i) {
        EXPECT_EQ(entries[i].prev_hash, entries[i - 1].hash);
        EXPECT_EQ(entries[i].actor, "auditor");
    }
    // entries(limit) gives the newest, oldest first.
    const auto last3 = m_store->audit().entries(3);
    ASSERT_EQ(last3.size(), 3u);
    EXPECT_EQ(last3[0].id, k_entries - 2);
    EXPECT_EQ(last3[2].id, k_entries);
    EXPECT_EQ(m_store->audit().count(), k_entries);
    EXPECT_FALSE(m_store->check().has_errors());
}

TEST_F(AuditChainTest, EmptyLogVerifies) {
    test::TempDir dir;
    auto store = test::open_spatialite(dir.file("empty.sqlite"));
    const AuditVerification v = store->audit().verify();
    EXPECT_TRUE(v.ok);
    EXPECT_EQ(v.rows, 0);
}

TEST_F(AuditChainTest, TriggersRefuseUpdateAndDelete) {
    auto& db = m_store->database();
    for (const char* sql : {"UPDATE audit_log SET summary='x' WHERE id=3",
                            "DELETE FROM audit_log WHERE id=3", "DELETE FROM audit_log"}) {
        SCOPED_TRACE(sql);
        try {
            db.exec(sql);
            FAIL() << "the append-only trigger let it through";
        } catch (const DataError& e) {
            EXPECT_NE(std::string(e.what()).find("append-only"), std::string::npos) << e.what();
        }
    }
    EXPECT_EQ(m_store->audit().count(), k_entries);
    EXPECT_TRUE(m_store->audit().verify().ok);
}

TEST_F(AuditChainTest, EditedRowIsDetectedByItsId) {
    drop_triggers();
    m_store->database().exec("UPDATE audit_log SET summary='entry 5 (harmless)' WHERE id=5");
    const AuditVerification v = m_store->audit().verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.rows, k_entries);
    EXPECT_TRUE(mentions(v, "row 5")) << all(v);
    EXPECT_TRUE(mentions(v, "edited")) << all(v);
    EXPECT_FALSE(mentions(v, "row 6")) << all(v); // the chain itself is intact
    // check() reports the same as an error.
    const CheckReport report = m_store->check();
    EXPECT_TRUE(report.has_errors());
    bool found = false;
    for (const auto& f : report.findings)
        found |= f.code == "audit_chain" && f.message.find("row 5") != std::string::npos;
    EXPECT_TRUE(found);
}

TEST_F(AuditChainTest, EditRecomputingTheHashStillBreaksTheChain) {
    drop_triggers();
    // A forger who recomputes row 5's hash cannot also fix row 6's prev_hash
    // without rewriting everything after it.
    m_store->database().exec("UPDATE audit_log SET hash='" + std::string(64, 'a') + "' WHERE id=5");
    const AuditVerification v = m_store->audit().verify();
    EXPECT_FALSE(v.ok);
    EXPECT_TRUE(mentions(v, "row 5")) << all(v);
    EXPECT_TRUE(mentions(v, "row 6")) << all(v);
}

TEST_F(AuditChainTest, DeletedMiddleRowIsDetected) {
    drop_triggers();
    m_store->database().exec("DELETE FROM audit_log WHERE id=7");
    const AuditVerification v = m_store->audit().verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.rows, k_entries - 1);
    EXPECT_TRUE(mentions(v, "7")) << all(v);
    EXPECT_TRUE(mentions(v, "deleted")) << all(v);
    EXPECT_TRUE(mentions(v, "row 8")) << all(v); // its prev_hash now points nowhere
}

TEST_F(AuditChainTest, DeletedFirstRowIsDetected) {
    drop_triggers();
    m_store->database().exec("DELETE FROM audit_log WHERE id=1");
    const AuditVerification v = m_store->audit().verify();
    EXPECT_FALSE(v.ok);
    EXPECT_TRUE(mentions(v, "1")) << all(v);
}

TEST_F(AuditChainTest, DeletedLastRowIsDetectedThroughTheHead) {
    drop_triggers();
    m_store->database().exec("DELETE FROM audit_log WHERE id=" + std::to_string(k_entries));
    const AuditVerification v = m_store->audit().verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.rows, k_entries - 1);
    EXPECT_TRUE(mentions(v, "head")) << all(v);
    EXPECT_TRUE(mentions(v, std::to_string(k_entries))) << all(v);
}

TEST_F(AuditChainTest, DeletedHeadWithRowsIsDetected) {
    m_store->database().exec("DELETE FROM audit_head");
    const AuditVerification v = m_store->audit().verify();
    EXPECT_FALSE(v.ok);
    EXPECT_TRUE(mentions(v, "audit_head")) << all(v);
}

TEST_F(AuditChainTest, ChainContinuesAcrossReopen) {
    m_store.reset();
    auto store = test::open_spatialite(m_dir.file("audit.sqlite"));
    AuditEntry e;
    e.action = "note";
    e.entity = "test";
    EXPECT_EQ(store->audit().append(e), k_entries + 1);
    EXPECT_TRUE(store->audit().verify().ok);
}

} // namespace
} // namespace breathline::data
