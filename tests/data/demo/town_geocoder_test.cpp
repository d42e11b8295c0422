#include "data/error.h"
#include "data/geocode/town_geocoder.h"
#include "demo_test_data.h"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>

namespace breathline::data {
namespace {

namespace fs = std::filesystem;

class TempFile {
public:
    explicit TempFile(const std::string& content) {
        m_path = fs::temp_directory_path() /
                 ("town_geocoder_test_" +
                  std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json");
        std::ofstream(m_path, std::ios::binary) << content;
    }
    ~TempFile() { fs::remove(m_path); }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

TEST(TownGeocoder, LoadsTheEightyThreeToshimaTowns) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const auto geocoder = TownGeocoder::load(demo::testing::demo_sources().town_table);
    const auto towns = geocoder.towns();
    EXPECT_EQ(towns.size(), 83u);
    EXPECT_TRUE(std::is_sorted(towns.begin(), towns.end()));
    EXPECT_NE(std::find(towns.begin(), towns.end(), "雑司が谷一丁目"), towns.end());
}

TEST(TownGeocoder, LocatesSugamoSanchome) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const auto geocoder = TownGeocoder::load(demo::testing::demo_sources().town_table);
    const auto p = geocoder.locate_town("巣鴨三丁目");
    ASSERT_TRUE(p.has_value());
    // 清和小学校 (巣鴨3-14-1) is at (139.73294, 35.735893) per GSI; the
    // town's representative point lies within a few hundred metres of it.
    EXPECT_NEAR(p->lon(), 139.73294, 0.005);
    EXPECT_NEAR(p->lat(), 35.735893, 0.005);
    EXPECT_EQ(geocoder.locate_town("  巣鴨三丁目 "), p);
}

TEST(TownGeocoder, UnknownTownIsNotFound) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const auto geocoder = TownGeocoder::load(demo::testing::demo_sources().town_table);
    EXPECT_FALSE(geocoder.locate_town("巣鴨九丁目").has_value());
    EXPECT_FALSE(geocoder.locate_town("巣鴨").has_value()); // the key needs its 丁目
    EXPECT_FALSE(geocoder.locate_town("").has_value());
}

TEST(TownGeocoder, WholeTownRowWinsOverKoazaRow) {
    const TempFile f(R"([{"town":"巣鴨一丁目","koaza":"字A","lat":35.1,"lng":139.1},
                        {"town":"巣鴨一丁目","koaza":"","lat":35.7,"lng":139.7},
                        {"town":"巣鴨二丁目","koaza":"","lat":35.71,"lng":139.71},
                        {"town":"巣鴨二丁目","koaza":"字B","lat":35.2,"lng":139.2}])");
    const auto geocoder = TownGeocoder::load(f.path());
    EXPECT_EQ(geocoder.towns().size(), 2u);
    EXPECT_EQ(geocoder.locate_town("巣鴨一丁目"), geo::LonLat(139.7, 35.7));
    EXPECT_EQ(geocoder.locate_town("巣鴨二丁目"), geo::LonLat(139.71, 35.71));
}

void expect_error(const fs::path& path, ErrorCode code, const std::string& fragment) {
    try {
        (void)TownGeocoder::load(path);
        ADD_FAILURE() << "no error for " << path;
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), code) << e.what();
        EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

TEST(TownGeocoder, MissingFileIsAnIoErrorNamingTheFile) {
    expect_error(fs::temp_directory_path() / "no_such_town_table.json", ErrorCode::io,
                 "cannot read");
}

TEST(TownGeocoder, MalformedFilesAreInvalidInputNamingFileAndEntry) {
    expect_error(TempFile("{not json").path(), ErrorCode::invalid_input, "not valid JSON");
    expect_error(TempFile(R"({"town":"x"})").path(), ErrorCode::invalid_input, "not an array");
    expect_error(TempFile("[]").path(), ErrorCode::invalid_input, "empty");
    expect_error(
        TempFile(
            R"([{"town":"巣鴨一丁目","lat":35.7,"lng":139.7},{"town":"巣鴨二丁目","lat":"x","lng":139.7}])")
            .path(),
        ErrorCode::invalid_input, "entry 1 (巣鴨二丁目)");
    expect_error(TempFile(R"([{"town":"巣鴨一丁目","lat":135.7,"lng":139.7}])").path(),
                 ErrorCode::invalid_input, "latitude out of range");
}

} // namespace
} // namespace breathline::data
