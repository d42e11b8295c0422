// FacilityStore::nearest (the R*Tree path) against a brute-force scan of all
// located facilities with the same metric (EPSG:6677 through PlaneProjector)
// and the same tie-break (id).

#include "geo/projection.h"
#include "geo/random.h"
#include "tests/data/store/store_test_support.h"

#include <algorithm>
#include <array>
#include <gtest/gtest.h>

namespace breathline::data {
namespace {

constexpr std::array<FacilityKind, 4> k_kinds = {
    FacilityKind::rescue_centre, FacilityKind::welfare_rescue_centre, FacilityKind::triage_point,
    FacilityKind::disaster_cooperating_hospital};

struct Located {
    RowId id;
    FacilityKind kind;
    geo::PlaneXY xy;
};

std::vector<std::pair<RowId, double>> brute_force(const std::vector<Located>& all,
                                                  const geo::PlaneXY& q,
                                                  std::optional<FacilityKind> kind, std::size_t k) {
    std::vector<std::pair<RowId, double>> out;
    for (const auto& f : all)
        if (!kind || f.kind == *kind) out.emplace_back(f.id, geo::distance_m(q, f.xy));
    const std::size_t take = std::min(k, out.size());
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(take), out.end(),
                      [](const auto& a, const auto& b) {
                          return a.second != b.second ? a.second < b.second : a.first < b.first;
                      });
    out.resize(take);
    return out;
}

class NearestTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test::TempDir;
        s_store = test::open_spatialite(s_dir->file("nearest.sqlite")).release();
        geo::Rng rng(6677);
        const geo::PlaneProjector projector;
        auto uow = s_store->begin();
        auto add = [&](Facility f) {
            const RowId id = s_store->facilities().upsert_facility(f).id;
            if (f.location) s_located->push_back({id, f.kind, projector.to_plane(*f.location)});
        };
        s_located = new std::vector<Located>;
        int n = 0;
        for (; n < 2000; ++n) {
            // Within Toshima's box and up to ~5 km around it.
            Facility f =
                test::make_facility(n, rng.uniform(139.62, 139.81), rng.uniform(35.66, 35.79));
            f.kind = k_kinds[static_cast<std::size_t>(rng.uniform_int(0, 3))];
            add(f);
        }
        // Exact duplicates and equal distances: ties must break by id.
        for (int d = 0; d < 3; ++d)
            add(test::make_facility(n++, 139.7300, 35.7300));
        // Unresolved facilities are never returned.
        for (int u = 0; u < 5; ++u) {
            Facility f = test::make_facility(n++, 0, 0);
            f.location.reset();
            f.geocode_precision = GeocodePrecision::unresolved;
            add(f);
        }
        // One health centre only: k larger than the count for that kind.
        Facility hc = test::make_facility(n++, 139.7184, 35.7262);
        hc.kind = FacilityKind::health_centre;
        add(hc);
        uow->commit();
    }
    static void TearDownTestSuite() {
        delete s_store;
        delete s_located;
        delete s_dir;
    }

    void expect_same(const geo::LonLat& q, std::optional<FacilityKind> kind, std::size_t k,
                     const geo::PlaneProjector& projector) {
        const auto got = s_store->facilities().nearest(q, kind, k);
        const auto want = brute_force(*s_located, projector.to_plane(q), kind, k);
        ASSERT_EQ(got.size(), want.size()) << "query " << q.lon() << "," << q.lat() << " k=" << k;
        for (std::size_t i = 0; i < got.size(); ++i) {
            ASSERT_EQ(got[i].facility.id, want[i].first)
                << "query " << q.lon() << "," << q.lat() << " k=" << k << " rank " << i
                << " distances " << got[i].distance_m << " vs " << want[i].second;
            ASSERT_NEAR(got[i].distance_m, want[i].second, 1e-6);
            ASSERT_TRUE(got[i].facility.location.has_value());
            if (kind) {
                ASSERT_EQ(got[i].facility.kind, *kind);
            }
        }
    }

    static test::TempDir* s_dir;
    static spatialite::SpatialiteStore* s_store;
    static std::vector<Located>* s_located;
};

test::TempDir* NearestTest::s_dir = nullptr;
spatialite::SpatialiteStore* NearestTest::s_store = nullptr;
std::vector<Located>* NearestTest::s_located = nullptr;

TEST_F(NearestTest, EqualsBruteForceOnRandomQueries) {
    const geo::PlaneProjector projector;
    geo::Rng rng(35735893);
    const std::array<std::size_t, 3> ks = {1, 3, 7};
    constexpr int k_queries = 10000;
    for (int i = 0; i < k_queries; ++i) {
        geo::LonLat q(0, 0);
        const double where = rng.uniform01();
        if (where < 0.8) { // Toshima (bbox 139.67–139.76 E, 35.70–35.75 N)
            q = geo::LonLat(rng.uniform(139.67, 139.76), rng.uniform(35.70, 35.75));
        } else if (where < 0.97) { // around it, Tokyo-wide
            q = geo::LonLat(rng.uniform(139.40, 140.00), rng.uniform(35.50, 35.95));
        } else { // far outside the data: Osaka
            q = geo::LonLat(rng.uniform(135.40, 135.60), rng.uniform(34.60, 34.75));
        }
        const std::size_t k = ks[static_cast<std::size_t>(i) % ks.size()];
        std::optional<FacilityKind> kind;
        if (i % 2 == 1) kind = k_kinds[static_cast<std::size_t>(rng.uniform_int(0, 3))];
        expect_same(q, kind, k, projector);
        if (HasFatalFailure()) return;
    }
}

TEST_F(NearestTest, KLargerThanTheCount) {
    const geo::PlaneProjector projector;
    const geo::LonLat q(139.73294, 35.735893);
    const auto one = s_store->facilities().nearest(q, FacilityKind::health_centre, 5);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].facility.kind, FacilityKind::health_centre);
    EXPECT_EQ(s_store->facilities().nearest(q, FacilityKind::disaster_base_hospital, 3).size(), 0u);
    const std::size_t located = s_located->size();
    const auto everything = s_store->facilities().nearest(q, std::nullopt, located + 100);
    EXPECT_EQ(everything.size(), located);
    expect_same(q, std::nullopt, located + 100, projector);
    expect_same(geo::LonLat(135.5, 34.69), FacilityKind::welfare_rescue_centre, 5000, projector);
    EXPECT_TRUE(s_store->facilities().nearest(q, std::nullopt, 0).empty());
}

TEST_F(NearestTest, TiesBreakById) {
    const auto found = s_store->facilities().nearest(geo::LonLat(139.7300, 35.7300),
                                                     FacilityKind::rescue_centre, 3);
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].distance_m, 0.0);
    EXPECT_EQ(found[2].distance_m, 0.0);
    EXPECT_LT(found[0].facility.id, found[1].facility.id);
    EXPECT_LT(found[1].facility.id, found[2].facility.id);
}

TEST(NearestEmpty, EmptyStoreFindsNothing) {
    test::TempDir dir;
    auto store = test::open_spatialite(dir.file("empty.sqlite"));
    EXPECT_TRUE(store->facilities().nearest(geo::LonLat(139.7, 35.7), std::nullopt, 3).empty());
    Facility f = test::make_facility(1, 0, 0);
    f.location.reset();
    store->facilities().upsert_facility(f);
    EXPECT_TRUE(store->facilities().nearest(geo::LonLat(139.7, 35.7), std::nullopt, 3).empty());
}

} // namespace
} // namespace breathline::data
