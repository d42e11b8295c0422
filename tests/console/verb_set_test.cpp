// `breathline set`: a valid edit is saved and audited, an invalid value exits 3 naming the
// field and the value (in both languages), a stale --expect-version is refused with exit code 7
// and the message naming who changed what, and an unknown record exits 1.

#include "cli_test_support.h"
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/store/store.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

namespace breathline::cli {
namespace {

using testing::contains;
using testing::Result;

class SetVerbTest : public ::testing::Test {
protected:
    void SetUp() override {
        ::unsetenv("BREATHLINE_LANG");
        m_dir = std::filesystem::temp_directory_path() /
                ("breathline-set-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_db = (m_dir / "set.sqlite").string();
        auto store = data::open_store(m_db);
        store->set_actor("fixture");
        data::Person p;
        p.external_id = "T-0001";
        p.name = "豊島 花子";
        p.home_oxygen = true;
        store->registry().upsert_person(p);
        data::Facility f;
        f.external_id = "rescue_centre-09";
        f.name = "未配置小学校";
        store->facilities().upsert_facility(f);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    Result run(const std::vector<std::string>& words) {
        return testing::run_breathline(
            {"--db", m_db, "--actor", "planner-1", "--data-dir", BREATHLINE_TEST_DATA_DIR}, words);
    }
    std::unique_ptr<data::Store> store() { return data::open_store(m_db); }

    std::filesystem::path m_dir;
    std::string m_db;
};

TEST_F(SetVerbTest, ValidEditIsSavedAndAuditedUnderTheActor) {
    const Result r = run({"set", "person", "T-0001", "酸素流量=2.5", "resuscitation_bag=有"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    EXPECT_TRUE(contains(r.out, "登録者 T-0001 を保存しました")) << r.out;
    EXPECT_TRUE(contains(r.out, "oxygen_flow_l_min: ∅ → 2.5")) << r.out;
    auto s = store();
    const auto p = s->registry().person_by_external_id("T-0001");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->oxygen_flow_l_min, 2.5);
    EXPECT_EQ(p->resuscitation_bag, true);
    const auto entry = s->audit().entries().back();
    EXPECT_EQ(entry.actor, "planner-1");
    EXPECT_EQ(entry.entity_id, "T-0001");
    EXPECT_TRUE(contains(entry.summary, "resuscitation_bag: ∅ → 1")) << entry.summary;
}

TEST_F(SetVerbTest, InvalidValueExitsThreeNamingFieldAndValue) {
    const auto audit_before = store()->audit().count();
    Result r = run({"set", "person", "T-0001", "oxygen_flow_l_min=たくさん"});
    EXPECT_EQ(r.code, exit_bad_input);
    EXPECT_TRUE(contains(r.err, "酸素流量 (oxygen_flow_l_min) = 'たくさん'")) << r.err;
    EXPECT_TRUE(contains(r.err, "何も保存していません")) << r.err;
    r = run({"--lang", "en", "set", "person", "T-0001", "oxygen_flow_l_min=たくさん"});
    EXPECT_EQ(r.code, exit_bad_input);
    EXPECT_TRUE(contains(r.err, "(oxygen_flow_l_min) = 'たくさん'")) << r.err;
    EXPECT_TRUE(contains(r.err, "nothing was saved")) << r.err;
    EXPECT_EQ(store()->audit().count(), audit_before);
}

TEST_F(SetVerbTest, FacilityIsPlacedByCoordinates) {
    const Result r = run({"set", "facility", "rescue_centre-09", "lon=139.72", "lat=35.73"});
    ASSERT_EQ(r.code, exit_ok) << r.err;
    const auto f = store()->facilities().facility_by_external_id("rescue_centre-09");
    ASSERT_TRUE(f && f->location);
    EXPECT_EQ(f->geocode_precision, data::GeocodePrecision::manual);
}

TEST_F(SetVerbTest, StaleVersionUnknownRecordAndMalformedArguments) {
    const auto version = store()->registry().person_by_external_id("T-0001")->row_version;
    ASSERT_EQ(run({"set", "person", "T-0001", "disease=ALS"}).code, exit_ok);
    const auto audit_before = store()->audit().count();
    Result r = run(
        {"set", "person", "T-0001", "disease=SMA", "--expect-version", std::to_string(version)});
    // Refused with its own exit code and the conflict message: who changed what (issue 9).
    EXPECT_EQ(r.code, exit_conflict);
    EXPECT_TRUE(contains(r.err, "他の操作で変更されています")) << r.err;
    EXPECT_TRUE(contains(r.err, "T-0001 は planner-1 が ")) << r.err;
    EXPECT_TRUE(contains(r.err, "(版 " + std::to_string(version) + " → " +
                                    std::to_string(version + 1) + "): disease: ∅ → ALS"))
        << r.err;
    r = run({"--lang", "en", "set", "person", "T-0001", "disease=SMA", "--expect-version",
             std::to_string(version)});
    EXPECT_EQ(r.code, exit_conflict);
    EXPECT_TRUE(contains(r.err, "T-0001 was changed by planner-1 at ")) << r.err;
    EXPECT_TRUE(contains(r.err, "): disease: ∅ → ALS")) << r.err;
    EXPECT_EQ(store()->registry().person_by_external_id("T-0001")->disease, "ALS");
    EXPECT_EQ(store()->audit().count(), audit_before); // the refused save is not audited
    // With the current version the same edit saves.
    r = run({"set", "person", "T-0001", "disease=SMA", "--expect-version",
             std::to_string(version + 1)});
    EXPECT_EQ(r.code, exit_ok) << r.err;
    EXPECT_EQ(store()->registry().person_by_external_id("T-0001")->disease, "SMA");

    r = run({"set", "person", "T-9999", "disease=x"});
    EXPECT_EQ(r.code, exit_findings);
    EXPECT_TRUE(contains(r.err, "T-9999")) << r.err;
    EXPECT_EQ(run({"set", "person", "T-0001", "disease"}).code, exit_usage);
    EXPECT_EQ(run({"set", "person", "T-0001"}).code, exit_usage);
    EXPECT_EQ(run({"set", "vehicle", "V-1", "a=b"}).code, exit_usage);
    EXPECT_EQ(run({"set", "person", "T-0001", "a=b", "--expect-version", "x"}).code, exit_usage);
}

} // namespace
} // namespace breathline::cli
