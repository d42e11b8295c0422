// Spatial index check and repair. The documented trap: PRAGMA integrity_check
// does not look inside R*Tree virtual tables, so a damaged index passes it
// while nearest queries silently miss facilities. check() must find it and
// repair_spatial_indexes() must fix it.

#include "data/error.h"
#include "geo/random.h"
#include "tests/data/store/store_test_support.h"

#include <gtest/gtest.h>

namespace breathline::data {
namespace {

// 大塚 (seed: the disaster base hospital's neighbourhood) and a target
// facility that is clearly the nearest one to it.
const geo::LonLat k_origin(139.7294, 35.7260);

class SpatialIndexTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_store = test::open_spatialite(m_dir.file("rtree.sqlite"));
        geo::Rng rng(20260901);
        auto uow = m_store->begin();
        // Real Toshima longitudes, where a 32-bit float box is ~1.5e-5
        // degrees coarse: the check must not mistake that for damage.
        for (int i = 0; i < 400; ++i)
            m_store->facilities().upsert_facility(
                test::make_facility(i, rng.uniform(139.67, 139.76), rng.uniform(35.70, 35.75)));
        m_target = m_store->facilities()
                       .upsert_facility(test::make_facility(9999, 139.72945, 35.72605))
                       .id;
        for (int i = 0; i < 50; ++i) {
            Person p = test::make_person(i);
            p.location = geo::LonLat(rng.uniform(139.67, 139.76), rng.uniform(35.70, 35.75));
            m_store->registry().upsert_person(p);
        }
        uow->commit();
    }
    sqlite::Database& db() { return m_store->database(); }
    std::string integrity_check() { return db().query_text("PRAGMA integrity_check").value_or(""); }
    std::vector<std::string> spatial_errors() {
        std::vector<std::string> out;
        for (const auto& f : m_store->check().findings)
            if (f.severity == CheckFinding::Severity::error) {
                EXPECT_EQ(f.code, "spatial_index") << f.message;
                out.push_back(f.message);
            }
        return out;
    }
    static bool any_mentions(const std::vector<std::string>& v, const std::string& a,
                             const std::string& b) {
        for (const auto& m : v)
            if (m.find(a) != std::string::npos && m.find(b) != std::string::npos) return true;
        return false;
    }
    static std::string joined(const std::vector<std::string>& v) {
        std::string s;
        for (const auto& m : v)
            s += m + "\n";
        return s;
    }
    RowId nearest_id() {
        const auto found = m_store->facilities().nearest(k_origin, std::nullopt, 1);
        return found.empty() ? 0 : found[0].facility.id;
    }
    void repair_and_expect_clean() {
        const auto lines = m_store->repair_spatial_indexes();
        EXPECT_EQ(lines.size(), spatialite::spatial_indexed_columns().size());
        EXPECT_TRUE(any_mentions(lines, "idx_facilities_geom", "401")) << joined(lines);
        EXPECT_TRUE(spatial_errors().empty()) << joined(spatial_errors());
        EXPECT_FALSE(m_store->check().has_errors());
        EXPECT_EQ(nearest_id(), m_target);
        EXPECT_TRUE(m_store->audit().verify().ok);
        EXPECT_EQ(m_store->audit().entries(1).at(0).action, "repair");
    }

    test::TempDir m_dir;
    std::unique_ptr<spatialite::SpatialiteStore> m_store;
    RowId m_target = 0;
};

TEST_F(SpatialIndexTest, GoodDatabasePasses) {
    const CheckReport report = m_store->check();
    EXPECT_FALSE(report.has_errors()) << [&] {
        std::string s;
        for (const auto& f : report.findings)
            s += f.code + ": " + f.message + "\n";
        return s;
    }();
    EXPECT_FALSE(report.has_warnings());
    EXPECT_EQ(integrity_check(), "ok");
    EXPECT_EQ(nearest_id(), m_target);
}

TEST_F(SpatialIndexTest, DeletedEntryIsFoundAndRepaired) {
    db().exec("DELETE FROM idx_facilities_geom WHERE pkid=" + std::to_string(m_target));
    EXPECT_EQ(integrity_check(), "ok") << "the trap: integrity_check misses R*Tree damage";
    const auto errors = spatial_errors();
    ASSERT_FALSE(errors.empty());
    EXPECT_TRUE(any_mentions(errors, "facilities", "row " + std::to_string(m_target)))
        << joined(errors);
    EXPECT_NE(nearest_id(), m_target) << "damage should hide the facility from nearest()";
    repair_and_expect_clean();
}

TEST_F(SpatialIndexTest, ShiftedBoxIsFoundAndRepaired) {
    db().exec("UPDATE idx_facilities_geom SET xmin = xmin + 0.02, xmax = xmax + 0.02 WHERE pkid=" +
              std::to_string(m_target));
    EXPECT_EQ(integrity_check(), "ok");
    const auto errors = spatial_errors();
    ASSERT_EQ(errors.size(), 1u) << joined(errors);
    EXPECT_TRUE(any_mentions(errors, "idx_facilities_geom", "row " + std::to_string(m_target)))
        << joined(errors);
    EXPECT_NE(nearest_id(), m_target);
    repair_and_expect_clean();
}

TEST_F(SpatialIndexTest, SmallShiftIsStillFound) {
    // About 10 m: larger than float rounding, small enough to go unnoticed on a map.
    db().exec("UPDATE idx_facilities_geom SET ymin = ymin + 0.0001, ymax = ymax + 0.0001 "
              "WHERE pkid=" +
              std::to_string(m_target));
    const auto errors = spatial_errors();
    ASSERT_EQ(errors.size(), 1u) << joined(errors);
    EXPECT_TRUE(any_mentions(errors, "facilities", std::to_string(m_target)));
    repair_and_expect_clean();
}

TEST_F(SpatialIndexTest, OrphanEntryIsFoundAndRepaired) {
    db().exec("INSERT INTO idx_facilities_geom(pkid, xmin, xmax, ymin, ymax) "
              "VALUES (777777, 139.70, 139.70, 35.72, 35.72)");
    EXPECT_EQ(integrity_check(), "ok");
    const auto errors = spatial_errors();
    ASSERT_EQ(errors.size(), 1u) << joined(errors);
    EXPECT_TRUE(any_mentions(errors, "idx_facilities_geom", "777777")) << joined(errors);
    repair_and_expect_clean();
    EXPECT_EQ(db().query_int64("SELECT COUNT(*) FROM idx_facilities_geom WHERE pkid=777777"),
              std::optional<std::int64_t>(0));
}

TEST_F(SpatialIndexTest, AllThreeDamagesAtOnceInTwoTables) {
    const std::string target = std::to_string(m_target);
    db().exec("DELETE FROM idx_facilities_geom WHERE pkid=" + target);
    db().exec("UPDATE idx_facilities_geom SET xmax = xmax + 0.5 WHERE pkid=" +
              std::to_string(m_target - 1));
    db().exec("INSERT INTO idx_facilities_geom(pkid, xmin, xmax, ymin, ymax) "
              "VALUES (888888, 139.70, 139.70, 35.72, 35.72)");
    db().exec("DELETE FROM idx_persons_geom WHERE pkid=3");
    EXPECT_EQ(integrity_check(), "ok");
    const auto errors = spatial_errors();
    EXPECT_TRUE(any_mentions(errors, "facilities", "row " + target)) << joined(errors);
    EXPECT_TRUE(any_mentions(errors, "facilities", "row " + std::to_string(m_target - 1)))
        << joined(errors);
    EXPECT_TRUE(any_mentions(errors, "facilities", "888888")) << joined(errors);
    EXPECT_TRUE(any_mentions(errors, "idx_persons_geom", "row 3")) << joined(errors);
    repair_and_expect_clean();
}

TEST_F(SpatialIndexTest, IndexFollowsUpdatesAndClearedLocations) {
    Facility moved = *m_store->facilities().facility(m_target);
    moved.location = geo::LonLat(139.6801, 35.7452);
    m_store->facilities().upsert_facility(moved);
    EXPECT_NE(nearest_id(), m_target);
    // Read again: the saved row is at a new version, and a save of the old one is a conflict.
    moved = *m_store->facilities().facility(m_target);
    moved.location.reset();
    moved.geocode_precision = GeocodePrecision::unresolved;
    m_store->facilities().upsert_facility(moved);
    const CheckReport report = m_store->check();
    EXPECT_FALSE(report.has_errors());
    EXPECT_TRUE(report.has_warnings()); // the unlocated facility
    EXPECT_EQ(db().query_int64("SELECT COUNT(*) FROM idx_facilities_geom WHERE pkid=" +
                               std::to_string(m_target)),
              std::optional<std::int64_t>(0));
}

} // namespace
} // namespace breathline::data
