#include "data/demo/facility_catalogue.h"
#include "data/error.h"
#include "demo_test_data.h"
#include "geo/projection.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace breathline::data::demo {
namespace {

using testing::demo_inputs;

const std::vector<Facility>& catalogue() {
    return demo_inputs().catalogue.facilities;
}

const Facility& by_name(std::string_view name) {
    const auto& all = catalogue();
    const auto it =
        std::find_if(all.begin(), all.end(), [&](const Facility& f) { return f.name == name; });
    if (it == all.end()) throw std::runtime_error("no facility named " + std::string(name));
    return *it;
}

TEST(FacilityCatalogue, HasEveryFacilityOfTheSeedWithTheRightKinds) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    std::map<FacilityKind, int> per_kind;
    for (const auto& f : catalogue())
        ++per_kind[f.kind];
    EXPECT_EQ(per_kind[FacilityKind::rescue_centre], 36);
    EXPECT_EQ(per_kind[FacilityKind::welfare_rescue_centre], 8);
    EXPECT_EQ(per_kind[FacilityKind::triage_point], 10);
    EXPECT_EQ(per_kind[FacilityKind::disaster_base_hospital], 1);
    EXPECT_EQ(per_kind[FacilityKind::disaster_cooperating_hospital], 9);
    EXPECT_EQ(per_kind[FacilityKind::health_centre], 1);
    EXPECT_EQ(catalogue().size(), 65u);

    std::set<std::string> ids;
    for (const auto& f : catalogue())
        EXPECT_TRUE(ids.insert(f.external_id).second) << "duplicate " << f.external_id;
}

TEST(FacilityCatalogue, RescueCentresCarryTheirSeedNumbersAndAddresses) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    std::set<int> numbers;
    for (const auto& f : catalogue())
        if (f.kind == FacilityKind::rescue_centre) numbers.insert(f.seed_no.value_or(-1));
    EXPECT_EQ(numbers.size(), 36u);
    EXPECT_EQ(*numbers.begin(), 1);
    EXPECT_EQ(*numbers.rbegin(), 36);

    EXPECT_EQ(by_name("清和小学校").seed_no, 1);
    EXPECT_EQ(by_name("清和小学校").address, "巣鴨3-14-1");
    EXPECT_EQ(by_name("西巣鴨中学校").seed_no, 36);
    EXPECT_EQ(by_name("西巣鴨中学校").address, "南大塚1-18-1"); // the seed's, not GSI's
    EXPECT_EQ(by_name("池袋中学校").seed_no, 34);
    EXPECT_EQ(by_name("区立心身障害者福祉センター").seed_no, 1);
    EXPECT_EQ(by_name("雑司ヶ谷デイサポートセンター").seed_no, 8);
}

TEST(FacilityCatalogue, TwelveRescueCentresHostAReliefStation) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const std::set<std::string> expected = {
        "清和小学校", "朋有小学校", "南池袋小学校", "目白小学校",     "長崎小学校", "椎名町小学校",
        "千早小学校", "高松小学校", "駒込小学校",   "池袋本町小学校", "巣鴨小学校", "西池袋中学校"};
    std::set<std::string> actual;
    for (const auto& f : catalogue())
        if (f.relief_station) {
            EXPECT_EQ(f.kind, FacilityKind::rescue_centre) << f.name;
            actual.insert(f.name);
        }
    EXPECT_EQ(actual, expected);
}

TEST(FacilityCatalogue, HealthCentreIsTheOxygenDepotWithTheSeedPhone) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const Facility& hc = by_name("池袋保健所");
    EXPECT_EQ(hc.kind, FacilityKind::health_centre);
    EXPECT_TRUE(hc.oxygen_depot);
    EXPECT_EQ(hc.phone, "03-3987-4231");
    for (const auto& f : catalogue())
        if (f.external_id != hc.external_id) {
            EXPECT_FALSE(f.oxygen_depot) << f.name;
        }
}

TEST(FacilityCatalogue, EveryLocatedFacilityIsInsideTheWard) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    int located = 0;
    for (const auto& f : catalogue()) {
        if (!f.location) continue;
        ++located;
        EXPECT_TRUE(demo_inputs().ward.polygon.contains(*f.location)) << f.name;
        EXPECT_NE(f.geocode_precision, GeocodePrecision::unresolved) << f.name;
    }
    EXPECT_EQ(located, 41); // 36 rescue centres by GSI name, 5 welfare centres by town
}

TEST(FacilityCatalogue, UnresolvedFacilitiesStayWithoutGeometry) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    std::set<std::string> unresolved;
    for (const auto& f : catalogue()) {
        if (f.geocode_precision != GeocodePrecision::unresolved) continue;
        unresolved.insert(f.name);
        EXPECT_FALSE(f.location.has_value()) << f.name;
        EXPECT_TRUE(f.geocode_source.empty()) << f.name;
    }
    EXPECT_EQ(unresolved.size(), 24u);
    // The seed gives no address for these; nothing was invented.
    for (const char* name : {"目白生活実習所", "目白福祉作業所", "駒込福祉作業所", "都立大塚病院",
                             "東池袋公園", "池袋保健所", "高田馬場病院"})
        EXPECT_TRUE(unresolved.contains(name)) << name;
}

TEST(FacilityCatalogue, SeiwaElementaryMatchesGsiGroundTruthWithinMetres) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const Facility& f = by_name("清和小学校");
    ASSERT_TRUE(f.location.has_value());
    EXPECT_EQ(f.geocode_precision, GeocodePrecision::exact);
    EXPECT_EQ(f.geocode_source, "gsi:清和小学校");
    geo::PlaneProjector projector;
    const double d = geo::distance_m(projector.to_plane(*f.location),
                                     projector.to_plane(geo::LonLat(139.73294, 35.735893)));
    EXPECT_LT(d, 5.0);
}

TEST(FacilityCatalogue, CombinedGsiNameLocatesBothLinkedSchools) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const Facility& honcho = by_name("池袋本町小学校");
    const Facility& chugaku = by_name("池袋中学校");
    EXPECT_EQ(honcho.geocode_source, "gsi:池袋本町小学校・池袋中学校（連携校）");
    EXPECT_EQ(chugaku.geocode_source, honcho.geocode_source);
    EXPECT_EQ(chugaku.location, honcho.location);
    EXPECT_EQ(chugaku.address, "池袋本町1-43-1"); // from GSI: the seed leaves it blank

    using Kind = CatalogueNotice::Kind;
    const auto& notices = demo_inputs().catalogue.notices;
    auto has = [&](Kind kind, std::string_view name) {
        return std::any_of(notices.begin(), notices.end(), [&](const CatalogueNotice& n) {
            return n.kind == kind && n.facility_name == name;
        });
    };
    EXPECT_TRUE(has(Kind::address_from_gsi, "池袋中学校"));
    EXPECT_TRUE(has(Kind::address_differs, "池袋本町小学校"));
    EXPECT_TRUE(has(Kind::address_differs, "西巣鴨中学校"));
}

TEST(FacilityCatalogue, WelfareCentresWithAnAddressAreLocatedByTown) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const Facility& f = by_name("区立心身障害者福祉センター");
    EXPECT_EQ(f.geocode_precision, GeocodePrecision::town);
    EXPECT_EQ(f.geocode_source, "geolonia:目白五丁目");
    EXPECT_EQ(f.location, demo_inputs().towns.locate_town("目白五丁目"));
}

TEST(FacilityCatalogue, ParseErrorsNameFileLineColumnAndValue) {
    const std::string header =
        "external_id,kind,seed_no,name,address,relief_station,oxygen_depot,notes\n";
    auto message = [&](const std::string& body) -> std::string {
        try {
            (void)parse_facility_csv(header + body, "facilities.csv");
        } catch (const DataError& e) {
            EXPECT_EQ(e.code(), ErrorCode::invalid_input);
            return e.what();
        }
        return "(no error)";
    };
    EXPECT_EQ(message("a,rescue_centre,1,A,,0,0,\nb,hospital,,B,,0,0,\n"),
              "facilities.csv line 3, column kind: value 'hospital' is not a facility kind; use "
              "rescue_centre, welfare_rescue_centre, triage_point, disaster_base_hospital, "
              "disaster_cooperating_hospital or health_centre");
    EXPECT_NE(message("a,rescue_centre,x1,A,,0,0,\n").find("line 2, column seed_no: value 'x1'"),
              std::string::npos);
    EXPECT_NE(message("a,rescue_centre,1,A,,yes,0,\n").find("column relief_station: value 'yes'"),
              std::string::npos);
    EXPECT_NE(
        message("a,rescue_centre,1,A,,0,0,\na,rescue_centre,2,B,,0,0,\n").find("appears twice"),
        std::string::npos);
    try {
        (void)parse_facility_csv("external_id,kind\n", "f.csv");
        ADD_FAILURE();
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("f.csv line 1: the header lacks the column 'seed_no'"),
                  std::string::npos)
            << e.what();
    }
}

TEST(ShelterMatcher, ShortFormsMatchOnlyWhenUnambiguous) {
    auto point = [](std::string name, double lon) {
        return ShelterPoint{std::move(name), "", geo::LonLat(lon, 35.73), "test"};
    };
    const ShelterMatcher matcher({{point("清和小", 139.70), point("西池袋中", 139.71),
                                   point("西池袋中学校", 139.72), point("目白小・目白中", 139.73)},
                                  {point("清和小学校", 139.74)}});
    // The exact name in the second source beats the short form in the first.
    EXPECT_EQ(matcher.match("清和小学校").point->name, "清和小学校");
    // An exact whole name wins over a short form of the same school.
    const auto nishi = matcher.match("西池袋中学校");
    EXPECT_EQ(nishi.point->name, "西池袋中学校");
    EXPECT_FALSE(nishi.via_short_form);
    // 目白小学校 only matches the short-form component of a combined name.
    const auto mejiro = matcher.match("目白小学校");
    ASSERT_TRUE(mejiro.point.has_value());
    EXPECT_TRUE(mejiro.via_short_form);
    EXPECT_TRUE(mejiro.via_component);
    EXPECT_FALSE(matcher.match("目白病院").point.has_value());

    const ShelterMatcher ambiguous(
        {{point("高松小", 139.70), point("高松小学校（第二）", 139.71)}});
    // "高松小学校（第二）" folds to 高松小学校 → exact whole-name match, unique.
    EXPECT_EQ(ambiguous.match("高松小学校").point->location.lon(), 139.71);
    const ShelterMatcher two({{point("長崎小・長崎中", 139.70), point("長崎小 分校", 139.71)}});
    const auto m = two.match("長崎小学校");
    EXPECT_FALSE(m.point.has_value());
    EXPECT_EQ(m.ambiguous.size(), 2u);
}

} // namespace
} // namespace breathline::data::demo
