#include "data/text/address.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <set>
#include <sstream>

namespace breathline::text {
namespace {

struct Expected {
    std::string_view input;
    std::string_view canonical;
    std::string_view town_key;
};

TEST(NormalizeAddress, BriefExamples) {
    const Expected cases[] = {
        {"巣鴨3-14-1", "巣鴨3-14-1", "巣鴨三丁目"},
        {"巣鴨三丁目14番1号", "巣鴨3-14-1", "巣鴨三丁目"},
        {"東京都豊島区巣鴨３－１４－１", "巣鴨3-14-1", "巣鴨三丁目"},
        {"豊島区南大塚一丁目24番10号", "南大塚1-24-10", "南大塚一丁目"},
        {"池袋本町4-43-1", "池袋本町4-43-1", "池袋本町四丁目"},
        {"西池袋3丁目14-3", "西池袋3-14-3", "西池袋三丁目"},
        {"目白5-24-12", "目白5-24-12", "目白五丁目"},
    };
    for (const auto& [input, canonical, town_key] : cases) {
        const auto result = normalize_address(input);
        ASSERT_TRUE(result) << input << ": " << result.error();
        EXPECT_EQ(result->canonical(), canonical) << input;
        EXPECT_EQ(result->town_key(), town_key) << input;
        EXPECT_EQ(result->rest, "") << input;
    }
}

TEST(NormalizeAddress, SplitsIntoParts) {
    const auto result = normalize_address("東京都豊島区南大塚一丁目24番10号");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->prefecture, "東京都");
    EXPECT_EQ(result->city, "豊島区");
    EXPECT_EQ(result->town, "南大塚");
    EXPECT_EQ(result->chome, 1);
    EXPECT_EQ(result->block, "24");
    EXPECT_EQ(result->number, "10");
    EXPECT_EQ(result->rest, "");
    EXPECT_EQ(result->display(), "東京都豊島区南大塚一丁目24番10号");
}

TEST(NormalizeAddress, EquivalentSpellingsAgree) {
    const std::string_view spellings[] = {
        "巣鴨3-14-1",
        "巣鴨３－１４－１",
        "巣鴨3ー14ー1",
        "巣鴨3−14−1",
        "巣鴨3‐14‐1",
        "巣鴨3―14―1",
        "巣鴨3ｰ14ｰ1",
        "巣鴨三丁目十四番一号",
        "巣鴨３丁目１４番１号",
        "巣鴨3丁目14番地1",
        "巣鴨3丁目14番地の1",
        "巣鴨3丁目14の1",
        "巣鴨3丁目-14-1",
        "巣鴨3-14-1号",
        "東京都　豊島区　巣鴨　３－１４－１",
        " 東京都豊島区巣鴨 3-14-1 ",
        "豊島区巣鴨03-014-001",
    };
    for (const auto spelling : spellings) {
        const auto result = normalize_address(spelling);
        ASSERT_TRUE(result) << spelling << ": " << result.error();
        EXPECT_EQ(result->canonical(), "巣鴨3-14-1") << spelling;
        EXPECT_EQ(result->town_key(), "巣鴨三丁目") << spelling;
        EXPECT_EQ(result->rest, "") << spelling;
    }
}

TEST(NormalizeAddress, KeepsBuildingAndRoomInRest) {
    auto result = normalize_address("東池袋3-1-1 サンシャイン60 45F");
    ASSERT_TRUE(result) << result.error();
    EXPECT_EQ(result->canonical(), "東池袋3-1-1");
    EXPECT_EQ(result->rest, "サンシャイン60 45F");
    EXPECT_EQ(result->display(), "東京都豊島区東池袋三丁目1番1号 サンシャイン60 45F");

    result = normalize_address("巣鴨3-14-1-201");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->canonical(), "巣鴨3-14-1");
    EXPECT_EQ(result->rest, "201");

    result = normalize_address("南大塚一丁目24番10号　コーポ豊島１０２号室");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->canonical(), "南大塚1-24-10");
    EXPECT_EQ(result->rest, "コーポ豊島102号室");
}

TEST(NormalizeAddress, PartialNumbers) {
    auto result = normalize_address("巣鴨三丁目");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->canonical(), "巣鴨3");
    EXPECT_EQ(result->town_key(), "巣鴨三丁目");
    EXPECT_EQ(result->block, "");

    result = normalize_address("巣鴨3-14");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->canonical(), "巣鴨3-14");
    EXPECT_EQ(result->number, "");

    result = normalize_address("巣鴨三丁目14番");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->canonical(), "巣鴨3-14");
}

TEST(NormalizeAddress, TownNamesWithKanjiNumeralsOrNoChome) {
    auto result = normalize_address("千川一丁目5-7");
    ASSERT_TRUE(result) << result.error();
    EXPECT_EQ(result->town, "千川");
    EXPECT_EQ(result->town_key(), "千川一丁目");
    EXPECT_EQ(result->canonical(), "千川1-5-7");

    result = normalize_address("千早4-2-1");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->town_key(), "千早四丁目");

    // A town without 丁目, written with 番: no chome.
    result = normalize_address("八丁堀14番1号");
    ASSERT_TRUE(result) << result.error();
    EXPECT_EQ(result->town, "八丁堀");
    EXPECT_EQ(result->chome, 0);
    EXPECT_EQ(result->town_key(), "八丁堀");
    EXPECT_EQ(result->canonical(), "八丁堀14-1");
}

TEST(NormalizeAddress, TwoDigitKanjiChome) {
    const auto result = normalize_address("テスト町十一丁目2-3");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->chome, 11);
    EXPECT_EQ(result->town_key(), "テスト町十一丁目");
}

TEST(NormalizeAddress, TownAliases) {
    for (const std::string_view spelling :
         {"雑司ヶ谷2-7-1", "雑司ケ谷二丁目7番1号", "雑司が谷2-7-1"}) {
        const auto result = normalize_address(spelling);
        ASSERT_TRUE(result) << spelling;
        EXPECT_EQ(result->town_key(), "雑司が谷二丁目") << spelling;
    }
}

TEST(NormalizeAddress, RejectsWithReasonAndNeverThrows) {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"", "empty address"},
        {"　", "empty address"},
        {"東京都豊島区", "missing town name"},
        {"3-14-1", "missing town name"},
        {"巣鴨", "no chome or block number"},
        {"巣鴨駅前", "no chome or block number"},
        {"巣鴨0-14-1", "chome 0 out of range"},
        {"巣鴨100-1-1", "chome 100 out of range"},
        {"東京都北区滝野川1-2-3", "not in 豊島区"},
        {"文京区大塚3-1-1", "not in 豊島区"},
        {"さいたま市浦和区1-1", "not in 豊島区"},
        {"巣鴨\xFF", "invalid UTF-8"},
    };
    for (const auto& [input, reason] : cases) {
        ParseResult<Address> result = ParseResult<Address>::failure("not run");
        EXPECT_NO_THROW(result = normalize_address(input)) << input;
        ASSERT_FALSE(result) << input << " parsed as " << result->canonical();
        EXPECT_NE(result.error().find(reason), std::string::npos)
            << input << ": " << result.error();
    }
}

TEST(NormalizeAddress, NeverThrowsOnArbitraryBytes) {
    // Deterministic pseudo-random byte strings mixed with address fragments.
    const std::string_view pieces[] = {"巣鴨", "三", "丁目",   "番",    "号", "-",
                                       "１",   "9",  "十",     "の",    "　", "\xFF",
                                       "\xE5", "ー", "東京都", "豊島区"};
    unsigned state = 12345;
    for (int i = 0; i < 5000; ++i) {
        std::string input;
        const int length = static_cast<int>(state % 8);
        for (int j = 0; j < length; ++j) {
            state = state * 1103515245U + 12345U;
            input += pieces[(state >> 16U) % std::size(pieces)];
        }
        state = state * 1103515245U + 12345U;
        EXPECT_NO_THROW((void)normalize_address(input)) << input;
    }
}

TEST(NormalizeAddress, EveryGeoloniaTownKeyRoundTrips) {
    const std::filesystem::path path = std::filesystem::path(BREATHLINE_TEST_DATA_DIR) /
                                       "real/geocoding/geolonia_machi_13116_toshima.json";
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "shared data missing (expected ../shared/data beside the repository): "
                    << path;
    std::ostringstream content;
    content << in.rdbuf();
    const std::string json = content.str();

    const std::regex town_pattern("\"town\":\"([^\"]+)\"");
    std::set<std::string> towns;
    for (auto it = std::sregex_iterator(json.begin(), json.end(), town_pattern);
         it != std::sregex_iterator(); ++it) {
        towns.insert((*it)[1].str());
    }
    ASSERT_GT(towns.size(), 50U);
    for (const std::string& town : towns) {
        // Both the kanji form from the table and the hyphen form people type.
        const auto kanji = normalize_address("東京都豊島区" + town + "1番2号");
        ASSERT_TRUE(kanji) << town << ": " << kanji.error();
        EXPECT_EQ(kanji->town_key(), town);
        const auto hyphen = normalize_address(kanji->canonical());
        ASSERT_TRUE(hyphen) << kanji->canonical() << ": " << hyphen.error();
        EXPECT_EQ(hyphen->town_key(), town);
        EXPECT_EQ(*hyphen, *kanji);
    }
}

} // namespace
} // namespace breathline::text
