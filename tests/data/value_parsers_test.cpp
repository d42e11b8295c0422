// The cell parsers of the importer, without a database.

#include "data/io/header_map.h"
#include "data/io/value_parsers.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace breathline::data {
namespace {

TEST(ParseBool, AcceptsFormAndSpreadsheetSpellings) {
    for (const char* yes :
         {"有", "あり", "有り", "○", "〇", "はい", "yes", "YES", "true", "1", "１", "　有　"})
        EXPECT_EQ(parse_bool_value(yes).value, true) << yes;
    for (const char* no : {"無", "なし", "無し", "×", "いいえ", "no", "False", "0", "０"})
        EXPECT_EQ(parse_bool_value(no).value, false) << no;
}

TEST(ParseBool, RejectsOtherTextWithReasonsInBothLanguages) {
    const auto r = parse_bool_value("たぶん");
    EXPECT_FALSE(r);
    EXPECT_NE(r.reason_ja.find("たぶん"), std::string::npos);
    EXPECT_NE(r.reason_en.find("yes/no"), std::string::npos);
}

TEST(ParseSex, JapaneseEnglishAndLetters) {
    EXPECT_EQ(parse_sex_value("男").value, Sex::male);
    EXPECT_EQ(parse_sex_value("女性").value, Sex::female);
    EXPECT_EQ(parse_sex_value("M").value, Sex::male);
    EXPECT_EQ(parse_sex_value("ｆ").value, Sex::female);
    EXPECT_EQ(parse_sex_value("female").value, Sex::female);
    EXPECT_FALSE(parse_sex_value("X"));
}

TEST(ParseVentilatorMode, FormWordsMapToModes) {
    EXPECT_EQ(parse_ventilator_mode_value("TPPV").value, VentilatorMode::tppv);
    EXPECT_EQ(parse_ventilator_mode_value("気管切開").value, VentilatorMode::tppv);
    EXPECT_EQ(parse_ventilator_mode_value("TPPV (気管切開)").value, VentilatorMode::tppv);
    EXPECT_EQ(parse_ventilator_mode_value("ｎｐｐｖ").value, VentilatorMode::nppv);
    EXPECT_EQ(parse_ventilator_mode_value("マスク").value, VentilatorMode::nppv);
    EXPECT_EQ(parse_ventilator_mode_value("マスク使用").value, VentilatorMode::nppv);
    EXPECT_FALSE(parse_ventilator_mode_value("CPAP"));
}

TEST(ParseHours, UnitsAndFullWidth) {
    EXPECT_EQ(parse_hours_value("8時間", 24).value, 8.0);
    EXPECT_EQ(parse_hours_value("８ｈ", 24).value, 8.0);
    EXPECT_EQ(parse_hours_value("24", 24).value, 24.0);
    EXPECT_EQ(parse_hours_value("24時間", 24).value, 24.0);
    EXPECT_EQ(parse_hours_value("その他 12時間", 24).value, 12.0);
    EXPECT_EQ(parse_hours_value("その他(10)", 24).value, 10.0);
    EXPECT_EQ(parse_hours_value("7.5h", 24).value, 7.5);
}

TEST(ParseHours, NegativeAndImplausibleAreRejected) {
    const auto negative = parse_hours_value("-1", 24);
    EXPECT_FALSE(negative);
    EXPECT_NE(negative.reason_en.find("negative"), std::string::npos);
    const auto too_many = parse_hours_value("25", 24);
    EXPECT_FALSE(too_many);
    EXPECT_NE(too_many.reason_en.find("implausible"), std::string::npos);
    EXPECT_FALSE(parse_hours_value("たくさん", 24));
}

TEST(ParseBattery, FormNotationPresenceAndHours) {
    EXPECT_EQ(parse_battery_value("有(8時間)").value, (BatteryValue{true, 8.0}));
    EXPECT_EQ(parse_battery_value("有（８時間）").value, (BatteryValue{true, 8.0}));
    EXPECT_EQ(parse_battery_value("有 (3h)").value, (BatteryValue{true, 3.0}));
    EXPECT_EQ(parse_battery_value("有").value, (BatteryValue{true, std::nullopt}));
    EXPECT_EQ(parse_battery_value("無").value, (BatteryValue{false, std::nullopt}));
    EXPECT_EQ(parse_battery_value("8h").value, (BatteryValue{true, 8.0}));
    EXPECT_EQ(parse_battery_value("1").value, (BatteryValue{true, std::nullopt}));
    EXPECT_EQ(parse_battery_value("0").value, (BatteryValue{false, std::nullopt}));
    EXPECT_EQ(parse_battery_value("12").value, (BatteryValue{true, 12.0}));
}

TEST(ParseBattery, RangeAndContradictions) {
    EXPECT_FALSE(parse_battery_value("-2h"));
    EXPECT_FALSE(parse_battery_value("201時間"));
    EXPECT_TRUE(parse_battery_value("200時間"));
    EXPECT_FALSE(parse_battery_value("無(4時間)"));
    EXPECT_FALSE(parse_battery_value("たぶん"));
}

TEST(ParseTubeFeeding, FormChoices) {
    EXPECT_EQ(parse_tube_feeding_value("胃ろう").value, TubeFeeding::gastrostomy);
    EXPECT_EQ(parse_tube_feeding_value("経管栄養(経鼻)").value, TubeFeeding::nasal);
    EXPECT_EQ(parse_tube_feeding_value("なし").value, TubeFeeding::none);
    EXPECT_FALSE(parse_tube_feeding_value("点滴"));
}

TEST(ParseOtherDevices, ListWithParenthesisedChoice) {
    const auto r =
        parse_other_devices_value("在宅酸素・パルスオキシメーター・経管栄養(胃ろう)、排痰補助装置");
    ASSERT_TRUE(r) << r.reason_en;
    EXPECT_TRUE(r.value->home_oxygen);
    EXPECT_TRUE(r.value->pulse_oximeter);
    EXPECT_TRUE(r.value->cough_assist);
    EXPECT_FALSE(r.value->infusion_pump);
    EXPECT_EQ(r.value->tube_feeding, TubeFeeding::gastrostomy);
    const auto bad = parse_other_devices_value("在宅酸素・電動ベッド");
    EXPECT_FALSE(bad);
    EXPECT_NE(bad.reason_ja.find("電動ベッド"), std::string::npos);
}

TEST(ParseDate, WarekiAndFullWidth) {
    EXPECT_EQ(parse_date_value("令和3年4月1日").value, "2021-04-01");
    EXPECT_EQ(parse_date_value("平成31年4月30日").value, "2019-04-30");
    EXPECT_EQ(parse_date_value("令和元年5月1日").value, "2019-05-01");
    EXPECT_EQ(parse_date_value("R3.4.1").value, "2021-04-01");
    EXPECT_EQ(parse_date_value("昭和２２年１１月３日").value, "1947-11-03");
    EXPECT_EQ(parse_date_value("1950/2/3").value, "1950-02-03");
}

TEST(ParseDate, InvalidDatesCarryTheParserReason) {
    const auto r = parse_date_value("令和3年2月30日");
    EXPECT_FALSE(r);
    EXPECT_NE(r.reason_en.find("day"), std::string::npos);
    EXPECT_FALSE(parse_date_value("1850-01-01"));
    EXPECT_FALSE(parse_date_value("そのうち"));
}

TEST(ParseLonLat, RangeAndJapan) {
    const auto ok = parse_lon_lat_value("139.7278", "３５.７３３");
    ASSERT_TRUE(ok);
    EXPECT_DOUBLE_EQ(ok.value->first, 139.7278);
    EXPECT_DOUBLE_EQ(ok.value->second, 35.733);
    EXPECT_NE(parse_lon_lat_value("190", "35").reason_en.find("out of range"), std::string::npos);
    EXPECT_NE(parse_lon_lat_value("139", "95").reason_en.find("out of range"), std::string::npos);
    EXPECT_NE(parse_lon_lat_value("35.7", "139.7").reason_en.find("swapped"), std::string::npos);
    EXPECT_NE(parse_lon_lat_value("2.35", "48.85").reason_en.find("outside Japan"),
              std::string::npos);
    EXPECT_FALSE(parse_lon_lat_value("abc", "35"));
}

TEST(ParseEnums, FacilityKindLabels) {
    EXPECT_EQ(parse_facility_kind_value("救援センター").value, FacilityKind::rescue_centre);
    EXPECT_EQ(parse_facility_kind_value("rescue_centre").value, FacilityKind::rescue_centre);
    EXPECT_EQ(parse_facility_kind_value("災害拠点連携病院等").value,
              FacilityKind::disaster_cooperating_hospital);
    EXPECT_EQ(parse_facility_kind_value("緊急医療救護所").value, FacilityKind::triage_point);
    EXPECT_FALSE(parse_facility_kind_value("コンビニ"));
    EXPECT_EQ(parse_supporter_kind_value("民生委員").value, SupporterKind::minsei_iin);
    EXPECT_EQ(parse_travel_mode_value("車").value, TravelMode::car);
    EXPECT_EQ(parse_person_status_value("入院").value, PersonStatus::hospitalised);
}

TEST(ParseNumbers, IntegersWithUnits) {
    EXPECT_EQ(parse_int_value("2級", 1, 7, {"級"}).value, 2);
    EXPECT_FALSE(parse_int_value("8級", 1, 7, {"級"}));
    EXPECT_FALSE(parse_int_value("2.5", 1, 7));
    EXPECT_EQ(parse_number_value("１.５", 0.01, 20).value, 1.5);
    EXPECT_FALSE(parse_number_value("-1", 0.01, 20));
}

TEST(SplitIdList, SemicolonsAndIdeographicComma) {
    EXPECT_EQ(split_id_list("P-001;P-002、Ｐ-003 ; "),
              (std::vector<std::string>{"P-001", "P-002", "P-003"}));
    EXPECT_TRUE(split_id_list("  ").empty());
}

TEST(HeaderMap, JapaneseEnglishAliasesAndWidth) {
    const auto map =
        map_headers(ImportKind::persons, {"登録番号", "名前", "電話（自宅）", "電話 (携帯)",
                                          "ＬＯＮ", "latitude", "吸引器 内部バッテリー", "趣味"});
    EXPECT_EQ(map.keys[0], "external_id");
    EXPECT_EQ(map.keys[1], "name");
    EXPECT_EQ(map.keys[2], "phone_home");
    EXPECT_EQ(map.keys[3], "phone_mobile");
    EXPECT_EQ(map.keys[4], "lon");
    EXPECT_EQ(map.keys[5], "lat");
    EXPECT_EQ(map.keys[6], "suction_internal_battery");
    EXPECT_EQ(map.unknown_columns, (std::vector<std::size_t>{7}));
    EXPECT_TRUE(map.missing_required.empty());
}

TEST(HeaderMap, MissingRequiredAndDuplicateColumns) {
    const auto facilities = map_headers(ImportKind::facilities, {"施設名", "所在地"});
    EXPECT_EQ(facilities.missing_required, (std::vector<std::string_view>{"external_id", "kind"}));
    const auto persons = map_headers(ImportKind::persons, {"external_id", "氏名", "名前"});
    ASSERT_EQ(persons.duplicates.size(), 1u);
    EXPECT_EQ(persons.duplicates[0], (std::pair<std::size_t, std::size_t>{1, 2}));
    EXPECT_NE(accepted_spellings(ImportKind::persons, "external_id").find("登録番号"),
              std::string::npos);
}

// docs/import-format.md is the users' reference: every spelling the code accepts is in it.
TEST(HeaderMap, EverySpellingIsDocumented) {
    std::ifstream in(std::filesystem::path(BREATHLINE_SOURCE_DIR) / "docs" / "import-format.md");
    ASSERT_TRUE(in) << "docs/import-format.md is missing";
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = normalize_header(text.str());
    for (auto kind : {ImportKind::persons, ImportKind::supporters, ImportKind::facilities}) {
        for (const auto& c : import_columns(kind)) {
            EXPECT_NE(doc.find(normalize_header(c.key)), std::string::npos) << c.key;
            EXPECT_NE(doc.find(normalize_header(c.header_ja)), std::string::npos) << c.header_ja;
            for (auto alias : c.aliases)
                EXPECT_NE(doc.find(normalize_header(alias)), std::string::npos)
                    << to_string(kind) << " " << c.key << " alias " << alias;
        }
    }
}

} // namespace
} // namespace breathline::data
