// The profiles file: the repository's data/roads/profiles.ini equals the
// built-in profiles, partial files override only what they state, and every
// mistake names the file and line.

#include "data/error.h"
#include "data/roads/profile_config.h"
#include "tests/data/roads/road_test_support.h"

namespace breathline::data {
namespace {

using geo::road::Profile;
using geo::road::RoadClass;

void expect_same_profile(const Profile& a, const Profile& b) {
    EXPECT_EQ(a.name, b.name);
    for (int i = 0; i < geo::road::road_class_count; ++i)
        EXPECT_EQ(a.speed_kmh[static_cast<std::size_t>(i)],
                  b.speed_kmh[static_cast<std::size_t>(i)])
            << a.name << " " << geo::road::to_string(static_cast<RoadClass>(i));
    EXPECT_EQ(a.use_maxspeed, b.use_maxspeed) << a.name;
    EXPECT_EQ(a.maxspeed_factor, b.maxspeed_factor) << a.name;
    EXPECT_EQ(a.honour_oneway, b.honour_oneway) << a.name;
    EXPECT_EQ(a.access_speed_kmh, b.access_speed_kmh) << a.name;
    EXPECT_EQ(a.detour_factor, b.detour_factor) << a.name;
    EXPECT_EQ(a.approximate_leg_m, b.approximate_leg_m) << a.name;
    EXPECT_EQ(a.max_snap_m, b.max_snap_m) << a.name;
}

double speed(const Profile& p, RoadClass c) {
    return p.speed_kmh[static_cast<std::size_t>(c)].value_or(-1);
}

// Expects parse_profiles(text) to fail with "profiles.ini:<line>:" and `fragment`.
void expect_error(const std::string& text, int line, const std::string& fragment) {
    try {
        parse_profiles(text, "profiles.ini");
        ADD_FAILURE() << "accepted: " << text;
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("profiles.ini:" + std::to_string(line) + ": ", 0), 0u) << what;
        EXPECT_NE(what.find(fragment), std::string::npos) << what;
    }
}

TEST(ProfileConfig, RepositoryFileEqualsTheBuiltInDefaults) {
    const auto path = std::filesystem::path(BREATHLINE_SOURCE_DIR) / "data/roads/profiles.ini";
    const auto profiles = load_profiles(path);
    ASSERT_EQ(profiles.size(), 2u);
    expect_same_profile(find_profile(profiles, "car"), Profile::car());
    expect_same_profile(find_profile(profiles, "walk"), Profile::walk());
}

TEST(ProfileConfig, EmptyFileGivesTheDefaults) {
    const auto profiles = parse_profiles("# nothing\n", "empty.ini");
    expect_same_profile(find_profile(profiles, "car"), Profile::car());
    expect_same_profile(find_profile(profiles, "walk"), Profile::walk());
}

TEST(ProfileConfig, PartialSectionsOverrideOnlyWhatTheyState) {
    const auto profiles = parse_profiles("[walk]\nspeed = 3.6 ; elderly supporters\n"
                                         "[car]\r\nresidential = 15\r\nfootway = 5\r\n"
                                         "motorway = no\noneway = no\n",
                                         "custom.ini");
    const Profile& walk = find_profile(profiles, "walk");
    expect_same_profile(walk, Profile::walk(3.6));
    EXPECT_EQ(walk.access_speed_kmh, 3.6);
    EXPECT_EQ(speed(walk, RoadClass::motorway), -1) << "speed does not reopen excluded classes";
    const Profile& car = find_profile(profiles, "car");
    EXPECT_EQ(speed(car, RoadClass::residential), 15);
    EXPECT_EQ(speed(car, RoadClass::footway), 5);
    EXPECT_EQ(speed(car, RoadClass::motorway), -1);
    EXPECT_EQ(speed(car, RoadClass::primary), 35);
    EXPECT_FALSE(car.honour_oneway);
    EXPECT_TRUE(car.use_maxspeed);
}

TEST(ProfileConfig, LineOrderWithinASectionDoesNotMatter) {
    const auto a = parse_profiles("[walk]\nspeed = 5\ntrunk = 3\n", "a.ini");
    const auto b = parse_profiles("[walk]\ntrunk = 3\nspeed = 5\n", "b.ini");
    expect_same_profile(find_profile(a, "walk"), find_profile(b, "walk"));
    EXPECT_EQ(speed(find_profile(a, "walk"), RoadClass::trunk), 3);
    EXPECT_EQ(speed(find_profile(a, "walk"), RoadClass::residential), 5);
}

TEST(ProfileConfig, MistakesNameFileAndLine) {
    expect_error("[car]\nresidental = 20\n", 2, "unknown key 'residental'");
    expect_error("[car]\nresidential = fast\n", 2, "bad value for 'residential' ('fast')");
    expect_error("[car]\nresidential = -3\n", 2, "bad value");
    expect_error("[car]\nmaxspeed = maybe\n", 2, "write yes or no");
    expect_error("[car]\nprimary = 30\n\nprimary = 35\n", 4, "given twice");
    expect_error("[bicycle]\n", 1, "unknown profile [bicycle]");
    expect_error("primary = 30\n[car]\n", 1, "before any [section]");
    expect_error("[car]\n[car]\n", 2, "appears twice");
    expect_error("[car\n", 1, "not closed");
    expect_error("[walk]\nspeed\n", 2, "not a 'key = value' line");
    expect_error("[walk]\ndetour_factor = 0.5\n", 2, "detour_factor");
}

TEST(ProfileConfig, UnknownProfileAndMissingFile) {
    const auto profiles = parse_profiles("", "x.ini");
    try {
        find_profile(profiles, "bicycle");
        ADD_FAILURE();
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::not_found);
        EXPECT_NE(std::string(e.what()).find("car, walk"), std::string::npos);
    }
    EXPECT_THROW(load_profiles("/nonexistent/profiles.ini"), DataError);
}

} // namespace
} // namespace breathline::data
