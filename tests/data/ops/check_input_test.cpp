// Safety-check validation messages and reading checks from JSON and CSV with Japanese or
// English keys.

#include "data/error.h"
#include "data/ops/check_input.h"

#include <gtest/gtest.h>

namespace breathline::data::ops {
namespace {

SafetyCheck valid_check() {
    SafetyCheck c;
    c.incident_id = 1;
    c.person_id = 2;
    c.checked_at = "2026-11-22T03:00:00Z";
    c.spo2_pct = 97;
    c.pulse_bpm = 80;
    c.bp_systolic = 120;
    c.bp_diastolic = 80;
    c.temperature_c = 36.5;
    c.external_power_left_h = 6;
    return c;
}

const FieldProblem* problem_for(const std::vector<FieldProblem>& ps, const std::string& field) {
    for (const auto& p : ps)
        if (p.field == field) return &p;
    return nullptr;
}

TEST(ValidateCheck, AcceptsAPlausibleCheck) {
    EXPECT_TRUE(validate_check(valid_check()).empty());
}

TEST(ValidateCheck, MessagesNameTheField) {
    SafetyCheck c = valid_check();
    c.spo2_pct = 101;
    c.pulse_bpm = 400;
    c.temperature_c = 52;
    c.external_power_left_h = -1;
    c.checked_at = "tomorrow";
    const auto ps = validate_check(c);
    for (const char* field :
         {"spo2_pct", "pulse_bpm", "temperature_c", "external_power_left_h", "checked_at"}) {
        const FieldProblem* p = problem_for(ps, field);
        ASSERT_NE(p, nullptr) << field;
        EXPECT_NE(p->message_en.find(field), std::string::npos) << p->message_en;
        EXPECT_NE(p->message_ja.find(field), std::string::npos) << p->message_ja;
    }
    EXPECT_NE(problem_for(ps, "spo2_pct")->message_en.find("0 to 100"), std::string::npos);
    EXPECT_NE(problem_for(ps, "spo2_pct")->message_ja.find("SpO2"), std::string::npos);
    EXPECT_EQ(problem_for(ps, "spo2_pct")->value, "101");
    EXPECT_NE(problem_for(ps, "external_power_left_h")->message_en.find("0 or more"),
              std::string::npos);
}

TEST(ValidateCheck, BloodPressureSwapped) {
    SafetyCheck c = valid_check();
    c.bp_systolic = 70;
    c.bp_diastolic = 110;
    const auto ps = validate_check(c);
    ASSERT_EQ(ps.size(), 1u);
    EXPECT_EQ(ps[0].field, "bp_systolic");
    EXPECT_NE(ps[0].message_en.find("swapped"), std::string::npos);
}

TEST(ReadChecks, JapaneseCsvKeys) {
    const std::string csv = "登録番号,確認日時,作動中,電源,外部電源の残時間,血圧,脈拍,SpO2,体温,"
                            "判断,主治医,確認者氏名\n"
                            "P-1,2026-11-22 12:30,有,外部バッテリー,5時間,118/76,88,96%,36.8℃,"
                            "在宅継続,はい,保健 花子\n";
    const auto got = read_check_text(csv, false, "checks.csv");
    ASSERT_TRUE(got.problems.empty()) << got.problems.front().message_en;
    ASSERT_EQ(got.records.size(), 1u);
    const auto& r = got.records[0];
    EXPECT_EQ(r.record, 2u);
    EXPECT_EQ(r.person_external_id, "P-1");
    EXPECT_EQ(r.check.checked_at, "2026-11-22T03:30:00Z"); // Japan time without a zone
    EXPECT_EQ(r.check.vent_running, true);
    EXPECT_EQ(r.check.vent_power, VentilatorPower::external_battery);
    EXPECT_EQ(r.check.external_power_left_h, 5.0);
    EXPECT_EQ(r.check.bp_systolic, 118);
    EXPECT_EQ(r.check.bp_diastolic, 76);
    EXPECT_EQ(r.check.pulse_bpm, 88);
    EXPECT_EQ(r.check.spo2_pct, 96);
    EXPECT_EQ(r.check.temperature_c, 36.8);
    EXPECT_EQ(r.check.judgement, Judgement::stay_home);
    EXPECT_EQ(r.check.informed_physician, true);
    EXPECT_EQ(r.check.checker_name, "保健 花子");
}

TEST(ReadChecks, EnglishJsonArray) {
    const std::string json = R"([
      {"person": "P-1", "checked_at": "2026-11-22T03:00:00Z", "spo2_pct": 95,
       "oxygen_cylinders": 2, "oxygen_cylinder_l": 500, "oxygen_fill_ratio": "90%",
       "judgement": "hospitalise", "circuit_fault": false},
      {"登録番号": "P-2", "確認日時": "2026-11-22T12:00+09:00", "判断": "避難"}
    ])";
    const auto got = read_check_text(json, true, "checks.json");
    ASSERT_TRUE(got.problems.empty()) << got.problems.front().message_en;
    ASSERT_EQ(got.records.size(), 2u);
    EXPECT_EQ(got.records[0].check.oxygen_cylinders, 2);
    EXPECT_DOUBLE_EQ(*got.records[0].check.oxygen_fill_ratio, 0.9);
    EXPECT_EQ(got.records[0].check.circuit_fault, false);
    EXPECT_EQ(got.records[0].check.judgement, Judgement::hospitalise);
    EXPECT_EQ(got.records[1].person_external_id, "P-2");
    EXPECT_EQ(got.records[1].check.checked_at, "2026-11-22T03:00:00Z");
    EXPECT_EQ(got.records[1].check.judgement, Judgement::evacuate);
}

TEST(ReadChecks, ProblemsNameRecordFieldAndValue) {
    const std::string csv = "person,checked_at,脈拍,判断,favourite_colour\n"
                            "P-1,2026-11-22T03:00Z,fast,帰宅,blue\n"
                            ",2026-11-22T03:00Z,80,在宅,\n";
    const auto got = read_check_text(csv, false, "checks.csv");
    EXPECT_TRUE(got.records.empty());
    ASSERT_EQ(got.problems.size(), 4u);
    EXPECT_EQ(got.problems[0].record, 2u);
    EXPECT_EQ(got.problems[0].field, "pulse_bpm");
    EXPECT_EQ(got.problems[0].value, "fast");
    EXPECT_EQ(got.problems[1].field, "judgement");
    EXPECT_NE(got.problems[1].message_en.find("stay_home"), std::string::npos);
    EXPECT_EQ(got.problems[2].field, "favourite_colour");
    EXPECT_NE(got.problems[2].message_en.find("unknown field"), std::string::npos);
    EXPECT_EQ(got.problems[3].record, 3u);
    EXPECT_EQ(got.problems[3].field, "person");
}

TEST(ReadChecks, MalformedJsonNamesTheFile) {
    try {
        read_check_text("{not json", true, "bad.json");
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
        EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos);
    }
}

} // namespace
} // namespace breathline::data::ops
