// Hand-drawn outage areas: what a coordinator's clicks may and may not make.

#include "data/error.h"
#include "data/ops/check_input.h"
#include "data/ops/outage_shape.h"

#include <gtest/gtest.h>

namespace breathline::data::ops {
namespace {

std::string refusal(std::vector<geo::LonLat> v) {
    try {
        outage_polygon(std::move(v));
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
        return e.what();
    }
    return "";
}

TEST(OutageShape, ABoxIsOneAreaThatContainsItsMiddle) {
    const auto mp = outage_polygon({{139.70, 35.72},
                                    {139.72, 35.72},
                                    {139.72, 35.74},
                                    {139.70, 35.74},
                                    {139.70, 35.72}}); // closing repeat dropped
    ASSERT_EQ(mp.parts.size(), 1u);
    EXPECT_EQ(mp.parts[0].outer.points.size(), 4u);
    EXPECT_TRUE(mp.contains({139.71, 35.73}));
    EXPECT_FALSE(mp.contains({139.73, 35.73}));
}

TEST(OutageShape, DegenerateAndCrossingDrawingsAreRefusedWithTheReason) {
    EXPECT_NE(refusal({{139.70, 35.72}, {139.72, 35.72}}).find("at least 3"), std::string::npos);
    // A double click repeats a corner: still only two distinct corners.
    EXPECT_NE(refusal({{139.70, 35.72}, {139.72, 35.72}, {139.72, 35.72}}).find("at least 3"),
              std::string::npos);
    EXPECT_NE(refusal({{139.70, 35.72}, {139.71, 35.73}, {139.72, 35.74}}).find("no area"),
              std::string::npos);
    const std::string bow =
        refusal({{139.70, 35.72}, {139.72, 35.74}, {139.72, 35.72}, {139.70, 35.74}});
    EXPECT_NE(bow.find("edges 1 and 3"), std::string::npos) << bow;
    EXPECT_NE(bow.find("交差"), std::string::npos) << bow;
    // An edge running back over an earlier corner touches it: refused too.
    EXPECT_FALSE(
        refusal(
            {{139.70, 35.72}, {139.74, 35.72}, {139.74, 35.74}, {139.72, 35.72}, {139.70, 35.74}})
            .empty());
}

TEST(OutageShape, CornerListsParseOrNameThePiece) {
    const auto v = parse_lonlat_list(" 139.70,35.72 ;139.72, 35.72;139.72,35.74; ");
    ASSERT_EQ(v.size(), 3u);
    EXPECT_EQ(v[1], geo::LonLat(139.72, 35.72));
    for (const char* bad : {"139.70;35.72", "139.7x,35.72", "139.70,", "400,35.7"}) {
        try {
            parse_lonlat_list(bad);
            ADD_FAILURE() << bad << " was accepted";
        } catch (const DataError& e) {
            EXPECT_EQ(e.code(), ErrorCode::invalid_input) << bad;
        }
    }
}

// The console's form reads one record exactly as a file's JSON object is read.
TEST(CheckFormFields, FormAndFileReadTheSameValues) {
    const auto from_form = read_check_fields({{"person", "DEMO-V001"},
                                              {"checked_at", "2026-11-22T12:10"},
                                              {"vent_power", "external_battery"},
                                              {"spo2_pct", "96"},
                                              {"blood_pressure", "120/80"},
                                              {"judgement", "入院"}});
    const auto from_file = read_check_text(
        R"({"person": "DEMO-V001", "checked_at": "2026-11-22T12:10", "vent_power":
            "external_battery", "spo2_pct": 96, "blood_pressure": "120/80", "判断": "入院"})",
        true, "x.json");
    ASSERT_TRUE(from_form.problems.empty()) << from_form.problems[0].message_en;
    ASSERT_EQ(from_form.records.size(), 1u);
    ASSERT_EQ(from_file.records.size(), 1u);
    EXPECT_EQ(from_form.records[0].check, from_file.records[0].check);
    EXPECT_EQ(from_form.records[0].check.bp_diastolic, 80);
    const auto bad = read_check_fields({{"person", "DEMO-V001"}, {"spo2_pct", "ninety"}});
    ASSERT_EQ(bad.problems.size(), 1u);
    EXPECT_EQ(bad.problems[0].field, "spo2_pct");
    // Every key of the form has its Japanese label from the seed's form.
    const auto keys = check_field_keys();
    EXPECT_EQ(std::count(keys.begin(), keys.end(), "blood_pressure"), 0);
    for (const auto key : keys)
        EXPECT_FALSE(check_field_label_ja(key).empty()) << key;
    EXPECT_EQ(check_field_label_ja("checked_at"), "確認日時");
}

} // namespace
} // namespace breathline::data::ops
