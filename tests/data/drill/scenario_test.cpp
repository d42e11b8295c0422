// Drill scenario files: every key and event kind, every kind of problem (with the line and the
// field it names), the timeline and ticker texts, and the shipped samples against the demo.

#include "data/demo/demo_builder.h"
#include "data/drill/scenario.h"
#include "data/error.h"
#include "data/store/store.h"
#include "tests/data/demo/demo_test_data.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <unistd.h>

namespace breathline::data::drill {
namespace {

using namespace std::chrono_literals;

ops::TimePoint jst(const char* s) {
    return *ops::parse_time(s);
}

// The 1-based line of the first line of `text` that contains `needle` (so tests name lines by
// their content, not by counting).
int line_of(std::string_view text, std::string_view needle, int nth = 1) {
    int line = 1;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t eol = std::min(text.find('\n', pos), text.size());
        if (text.substr(pos, eol - pos).find(needle) != std::string_view::npos && --nth == 0)
            return line;
        pos = eol + 1;
        ++line;
    }
    ADD_FAILURE() << "no line contains '" << needle << "'";
    return -1;
}

std::string dump(const std::vector<ScenarioProblem>& problems) {
    std::string out;
    for (const auto& p : problems)
        out += format_problem("t.toml", p) + "  |  " + p.message_ja + "\n";
    return out;
}

bool has_problem(const std::vector<ScenarioProblem>& problems, int line, std::string_view field) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const auto& p) { return p.line == line && p.field == field; });
}

// Parses `text` expecting problems; the scenario is absent then.
std::vector<ScenarioProblem> problems_of(std::string_view text) {
    const ParseResult r = parse_scenario(text, "t.toml");
    EXPECT_FALSE(r.scenario.has_value());
    return r.problems;
}

// A valid head that the problem tests append to.
const std::string k_head = R"(title = "テスト"
onset = "2026-12-05T02:30"
duration = "6h"
speed = 30
)";

// The one problem of `head + body`, which must be on the line containing `needle` and name
// `field`.
void expect_single_problem(const std::string& body, std::string_view needle,
                           std::string_view field) {
    const std::string text = k_head + body;
    const auto problems = problems_of(text);
    const int line = line_of(text, needle);
    EXPECT_EQ(problems.size(), 1u) << dump(problems);
    EXPECT_TRUE(has_problem(problems, line, field))
        << "expected line " << line << " field " << field << ", got:\n"
        << dump(problems);
    for (const auto& p : problems) {
        EXPECT_FALSE(p.message.empty());
        EXPECT_FALSE(p.message_ja.empty());
    }
}

// ---- every key and kind -------------------------------------------------------------------

const std::string k_full = R"(# A scenario with every key.
title = "深夜の地震 \"訓練\" \\ A"   # escapes
kind = "earthquake"
onset = "2026-12-05T02:30"
duration = "1d6h"
speed = 2.5

[[outage]]
name = "区内全域"
at = "+0m"
restore = "+5h30m"
area = "ward"

[[outage]]
name = "池袋駅周辺"
at = "2026-12-05T03:00"          # absolute, JST
coords = "139.70,35.72; 139.72,35.72; 139.71,35.74; 139.70,35.72"

[[closure]]
reason = "建物倒壊"
at = "+45s"
reopen = "+2h"
coords = "139.71,35.73;139.712,35.73;139.711,35.732"

[[closure]]
reason = "火災"
at = "2026-12-04T18:00Z"
coords = "139.72,35.725; 139.722,35.725; 139.721,35.727"

[[event]]
at = "+15m"
kind = "call_in"
person = "DEMO-V001"
vent_running = true
vent_power = "internal_battery"
external_power_left_h = 2.5
spo2_pct = 94
pulse_bpm = 88
judgement = "hospitalise"
notes = "家族が付き添い"

[[event]]
at = "+20m"
kind = "supporter_unavailable"
supporter = "DEMO-S0003"
text = "支援者 DEMO-S0003 は負傷のため来られない"
text_en = "Supporter DEMO-S0003 injured"

[[event]]
at = "+1h"
kind = "facility_status"
facility = "disaster_base_hospital-01"
status = "full"
occupancy = 120
power = "generator"

[[event]]
at = "+2h"
kind = "delivery_request"
person = "DEMO-O002"
cylinders = 3
deadline = "+4h"

[[event]]
at = "+1d6h"
kind = "note"
text = "訓練終了"
)";

TEST(ScenarioParse, EveryKeyAndKind) {
    const ParseResult r = parse_scenario(k_full, "full.toml");
    ASSERT_TRUE(r.scenario) << dump(r.problems);
    EXPECT_TRUE(r.problems.empty());
    const Scenario& s = *r.scenario;
    EXPECT_EQ(s.title, "深夜の地震 \"訓練\" \\ A");
    EXPECT_EQ(s.kind, IncidentKind::earthquake);
    EXPECT_EQ(s.onset, jst("2026-12-05T02:30+09:00"));
    EXPECT_EQ(s.end, s.onset + 30h);
    EXPECT_DOUBLE_EQ(s.speed, 2.5);

    ASSERT_EQ(s.outages.size(), 2u);
    EXPECT_EQ(s.outages[0].line, line_of(k_full, "[[outage]]"));
    EXPECT_EQ(s.outages[0].name, "区内全域");
    EXPECT_EQ(s.outages[0].starts, s.onset);
    EXPECT_EQ(s.outages[0].restores, s.onset + 5h + 30min);
    EXPECT_TRUE(s.outages[0].whole_ward);
    EXPECT_TRUE(s.outages[0].corners.empty());
    EXPECT_EQ(s.outages[1].starts, s.onset + 30min);
    EXPECT_FALSE(s.outages[1].restores);
    EXPECT_FALSE(s.outages[1].whole_ward);
    // The repeated first corner closing the ring is dropped.
    ASSERT_EQ(s.outages[1].corners.size(), 3u);
    EXPECT_EQ(s.outages[1].corners[0], geo::LonLat(139.70, 35.72));
    EXPECT_EQ(s.outages[1].corners[2], geo::LonLat(139.71, 35.74));

    ASSERT_EQ(s.closures.size(), 2u);
    EXPECT_EQ(s.closures[0].reason, "建物倒壊");
    EXPECT_EQ(s.closures[0].starts, s.onset + 45s);
    EXPECT_EQ(s.closures[0].reopens, s.onset + 2h);
    EXPECT_EQ(s.closures[0].corners.size(), 3u);
    EXPECT_EQ(s.closures[1].starts, jst("2026-12-05T03:00")); // 18:00Z = 03:00 JST
    EXPECT_FALSE(s.closures[1].reopens);

    ASSERT_EQ(s.events.size(), 5u);
    const auto& call = s.events[0];
    EXPECT_EQ(call.kind, EventKind::call_in);
    EXPECT_EQ(call.line, line_of(k_full, "[[event]]"));
    EXPECT_EQ(call.reference_line, line_of(k_full, "person = \"DEMO-V001\""));
    EXPECT_EQ(call.at, s.onset + 15min);
    EXPECT_EQ(call.person, "DEMO-V001");
    const std::vector<std::pair<std::string, std::string>> fields = {
        {"vent_running", "true"},
        {"vent_power", "internal_battery"},
        {"external_power_left_h", "2.5"},
        {"spo2_pct", "94"},
        {"pulse_bpm", "88"},
        {"judgement", "hospitalise"},
        {"notes", "家族が付き添い"}};
    EXPECT_EQ(call.check_fields, fields);
    EXPECT_TRUE(call.text.empty());

    const auto& sup = s.events[1];
    EXPECT_EQ(sup.kind, EventKind::supporter_unavailable);
    EXPECT_EQ(sup.supporter, "DEMO-S0003");
    EXPECT_EQ(sup.text, "支援者 DEMO-S0003 は負傷のため来られない");
    EXPECT_EQ(sup.text_en, "Supporter DEMO-S0003 injured");

    const auto& fac = s.events[2];
    EXPECT_EQ(fac.kind, EventKind::facility_status);
    EXPECT_EQ(fac.facility, "disaster_base_hospital-01");
    EXPECT_EQ(fac.status, FacilityStatus::full);
    EXPECT_EQ(fac.occupancy, 120);
    EXPECT_EQ(fac.power, FacilityPower::generator);

    const auto& del = s.events[3];
    EXPECT_EQ(del.kind, EventKind::delivery_request);
    EXPECT_EQ(del.person, "DEMO-O002");
    EXPECT_EQ(del.cylinders, 3);
    EXPECT_EQ(del.deadline, s.onset + 4h);

    const auto& note = s.events[4];
    EXPECT_EQ(note.kind, EventKind::note);
    EXPECT_EQ(note.text, "訓練終了");
    EXPECT_EQ(note.at, s.end); // exactly at the end is inside the scenario
}

TEST(ScenarioParse, EndInsteadOfDurationAndDefaults) {
    const std::string text = "\xEF\xBB\xBFtitle = \"t\"\r\nonset = \"2026-08-10T09:00\"\r\n"
                             "end = \"2026-08-10T18:00\"\r\n[[event]]\r\nat = \"+1h\"\r\n"
                             "kind = \"delivery_request\"\r\nperson = \"DEMO-O001\"\r\n";
    const ParseResult r = parse_scenario(text, "t.toml");
    ASSERT_TRUE(r.scenario) << dump(r.problems);
    EXPECT_EQ(r.scenario->end, r.scenario->onset + 9h);
    EXPECT_EQ(r.scenario->kind, IncidentKind::earthquake);
    EXPECT_DOUBLE_EQ(r.scenario->speed, 1);
    ASSERT_EQ(r.scenario->events.size(), 1u);
    EXPECT_EQ(r.scenario->events[0].cylinders, 1);
    EXPECT_FALSE(r.scenario->events[0].deadline);
    // An offset for `end` works too, and every incident kind is accepted.
    for (const char* kind : {"storm_flood", "power_outage", "pandemic", "other"}) {
        const auto r2 = parse_scenario(std::string("title = \"t\"\nkind = \"") + kind +
                                           "\"\nonset = \"2026-08-10T09:00\"\nend = \"+90m\"\n",
                                       "t.toml");
        ASSERT_TRUE(r2.scenario) << kind << dump(r2.problems);
        EXPECT_EQ(r2.scenario->end, r2.scenario->onset + 90min);
        EXPECT_EQ(r2.scenario->kind, *parse_incident_kind(kind));
    }
}

TEST(ScenarioParse, EventKindNames) {
    for (EventKind k : {EventKind::call_in, EventKind::supporter_unavailable,
                        EventKind::facility_status, EventKind::delivery_request, EventKind::note})
        EXPECT_EQ(parse_event_kind(to_string(k)), k);
    EXPECT_FALSE(parse_event_kind("callin"));
    EXPECT_EQ(to_string(EventKind::supporter_unavailable), "supporter_unavailable");
}

// ---- problems: one each, with the line and field --------------------------------------------

TEST(ScenarioProblems, SyntaxErrors) {
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind \"note\"\ntext = \"x\"\n", "kind \"note\"",
                          "event.kind");
    expect_single_problem("@@@ = 1\n", "@@@", "syntax");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"note\"\ntext = \"unclosed\n",
                          "unclosed", "event.text");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = note\ntext = \"x\"\n", "kind = note",
                          "event.kind");
    expect_single_problem("[[event]]\nat = \"+1h\" \"+2h\"\nkind = \"note\"\ntext = \"x\"\n",
                          "\"+2h\"", "event.at");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"note\"\ntext = \"a\\tb\"\n", "a\\tb",
                          "event.text");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"note\"\ntext = \"x\"\ntext = \"y\"\n",
                          "text = \"y\"", "event.text");
    expect_single_problem("[[event\nat = \"+1h\"\n", "[[event", "[[event]]");
}

TEST(ScenarioProblems, UnknownKeysAndSections) {
    expect_single_problem("titel = \"x\"\n", "titel", "titel");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"call_in\"\nperson = \"P\"\n"
                          "spo2 = 90\n",
                          "spo2 = 90", "event.spo2");
    // A check field on another kind of event.
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"note\"\ntext = \"x\"\n"
                          "spo2_pct = 90\n",
                          "spo2_pct", "event.spo2_pct");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"note\"\ntext = \"x\"\n"
                          "person = \"P\"\n",
                          "person", "event.person");
    expect_single_problem("[[outage]]\nname = \"a\"\nat = \"+1h\"\narea = \"ward\"\n"
                          "until = \"+2h\"\n",
                          "until", "outage.until");
    // An unknown section is one problem, not one per key in it.
    expect_single_problem("[[evnt]]\nat = \"+1h\"\nkind = \"note\"\ntext = \"x\"\n", "[[evnt]]",
                          "[[evnt]]");
    expect_single_problem("[outage]\nname = \"a\"\n", "[outage]", "[outage]");
    // checked_at is the event's time.
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"call_in\"\nperson = \"P\"\n"
                          "checked_at = \"2026-12-05T03:00\"\n",
                          "checked_at", "event.checked_at");
}

TEST(ScenarioProblems, WrongTypes) {
    auto replace_speed = [](const std::string& speed) {
        std::string text = k_head;
        text.replace(text.find("speed = 30"), 10, "speed = " + speed);
        return text;
    };
    {
        const std::string text = replace_speed("\"fast\"");
        const auto problems = problems_of(text);
        ASSERT_EQ(problems.size(), 1u) << dump(problems);
        EXPECT_TRUE(has_problem(problems, line_of(text, "speed"), "speed")) << dump(problems);
        EXPECT_NE(problems[0].message.find("expected an integer or a decimal"), std::string::npos)
            << problems[0].message;
    }
    expect_single_problem("[[event]]\nat = 15\nkind = \"note\"\ntext = \"x\"\n", "at = 15",
                          "event.at");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"facility_status\"\n"
                          "facility = \"f\"\noccupancy = \"many\"\n",
                          "occupancy", "event.occupancy");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"facility_status\"\n"
                          "facility = \"f\"\noccupancy = 2.5\n",
                          "occupancy", "event.occupancy");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"delivery_request\"\n"
                          "person = \"P\"\ncylinders = 0\n",
                          "cylinders", "event.cylinders");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"facility_status\"\n"
                          "facility = \"f\"\nstatus = \"crowded\"\n",
                          "crowded", "event.status");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"facility_status\"\n"
                          "facility = \"f\"\npower = \"solar\"\n",
                          "solar", "event.power");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"facility_status\"\n"
                          "facility = \"f\"\n",
                          "[[event]]", "event.status");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"earthquake\"\n", "earthquake",
                          "event.kind");
    expect_single_problem("[[outage]]\nname = \"a\"\nat = \"+1h\"\narea = \"district\"\n",
                          "district", "outage.area");
    expect_single_problem("[[outage]]\nname = 5\nat = \"+1h\"\narea = \"ward\"\n", "name = 5",
                          "outage.name");
}

TEST(ScenarioProblems, Speed) {
    for (const char* speed : {"0", "61", "0.5", "-3"}) {
        std::string text = k_head;
        text.replace(text.find("speed = 30"), 10, std::string("speed = ") + speed);
        const auto problems = problems_of(text);
        ASSERT_EQ(problems.size(), 1u) << speed << "\n" << dump(problems);
        EXPECT_TRUE(has_problem(problems, line_of(text, "speed ="), "speed")) << dump(problems);
        EXPECT_NE(problems[0].message.find("1..60"), std::string::npos);
    }
    for (const char* speed : {"1", "60", "1.5"}) {
        std::string text = k_head;
        text.replace(text.find("speed = 30"), 10, std::string("speed = ") + speed);
        EXPECT_TRUE(parse_scenario(text, "t").scenario) << speed;
    }
}

TEST(ScenarioProblems, BadTimes) {
    expect_single_problem("[[event]]\nat = \"+15x\"\nkind = \"note\"\ntext = \"x\"\n", "+15x",
                          "event.at");
    expect_single_problem("[[event]]\nat = \"+30m15m\"\nkind = \"note\"\ntext = \"x\"\n", "+30m15m",
                          "event.at");
    expect_single_problem("[[event]]\nat = \"2026-12-05T25:00\"\nkind = \"note\"\ntext = \"x\"\n",
                          "T25", "event.at");
    {
        const std::string text = "title = \"t\"\nonset = \"tomorrow\"\nduration = \"6h\"\n";
        const auto problems = problems_of(text);
        ASSERT_EQ(problems.size(), 1u) << dump(problems);
        EXPECT_TRUE(has_problem(problems, 2, "onset"));
    }
    {
        // An offset cannot be resolved without an onset: only the onset is reported.
        const std::string text = "title = \"t\"\nonset = \"+5m\"\nduration = \"6h\"\n"
                                 "[[event]]\nat = \"+1h\"\nkind = \"note\"\ntext = \"x\"\n";
        const auto problems = problems_of(text);
        ASSERT_EQ(problems.size(), 1u) << dump(problems);
        EXPECT_TRUE(has_problem(problems, 2, "onset"));
    }
    {
        std::string text = k_head;
        text.replace(text.find("duration = \"6h\""), 15, "duration = \"0m\"");
        const auto problems = problems_of(text);
        ASSERT_EQ(problems.size(), 1u) << dump(problems);
        EXPECT_TRUE(has_problem(problems, 3, "duration"));
    }
    {
        std::string text = k_head;
        text.replace(text.find("duration = \"6h\""), 15, "end = \"2026-12-05T01:00\"");
        const auto problems = problems_of(text);
        ASSERT_EQ(problems.size(), 1u) << dump(problems);
        EXPECT_TRUE(has_problem(problems, 3, "end"));
    }
    {
        const std::string text = k_head + "end = \"+7h\"\n";
        const auto problems = problems_of(text);
        ASSERT_EQ(problems.size(), 1u) << dump(problems);
        EXPECT_TRUE(has_problem(problems, 5, "end")) << dump(problems);
    }
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"delivery_request\"\n"
                          "person = \"P\"\ndeadline = \"+30m\"\n",
                          "deadline", "event.deadline");
}

TEST(ScenarioProblems, RestoreAndReopenBeforeStart) {
    expect_single_problem("[[outage]]\nname = \"a\"\nat = \"+2h\"\nrestore = \"+1h\"\n"
                          "area = \"ward\"\n",
                          "restore", "outage.restore");
    expect_single_problem("[[outage]]\nname = \"a\"\nat = \"+2h\"\nrestore = \"+2h\"\n"
                          "area = \"ward\"\n",
                          "restore", "outage.restore");
    expect_single_problem("[[closure]]\nreason = \"a\"\nat = \"+2h\"\n"
                          "reopen = \"2026-12-05T03:00\"\n"
                          "coords = \"139.71,35.73;139.712,35.73;139.711,35.732\"\n",
                          "reopen", "closure.reopen");
}

TEST(ScenarioProblems, OutsideTheScenario) {
    expect_single_problem("[[event]]\nat = \"-5m\"\nkind = \"note\"\ntext = \"x\"\n", "-5m",
                          "event.at");
    expect_single_problem("[[event]]\nat = \"2026-12-05T02:00\"\nkind = \"note\"\ntext = \"x\"\n",
                          "02:00", "event.at");
    expect_single_problem("[[event]]\nat = \"+6h1s\"\nkind = \"note\"\ntext = \"x\"\n", "+6h1s",
                          "event.at");
    expect_single_problem("[[outage]]\nname = \"a\"\nat = \"+7h\"\narea = \"ward\"\n", "+7h",
                          "outage.at");
    expect_single_problem("[[closure]]\nreason = \"a\"\nat = \"-1m\"\n"
                          "coords = \"139.71,35.73;139.712,35.73;139.711,35.732\"\n",
                          "-1m", "closure.at");
    // A restoration after the end is allowed: the outage simply lasts the whole drill.
    EXPECT_TRUE(parse_scenario(k_head + "[[outage]]\nname = \"a\"\nat = \"+1h\"\n"
                                        "restore = \"+9h\"\narea = \"ward\"\n",
                               "t")
                    .scenario);
}

TEST(ScenarioProblems, BadCoordinates) {
    expect_single_problem("[[outage]]\nname = \"a\"\nat = \"+1h\"\n"
                          "coords = \"139.70,35.72; 139.72,35.72\"\n",
                          "coords", "outage.coords");
    expect_single_problem("[[outage]]\nname = \"a\"\nat = \"+1h\"\n"
                          "coords = \"139.70,35.72; 139.72; 139.71,35.74\"\n",
                          "coords", "outage.coords");
    expect_single_problem("[[outage]]\nname = \"a\"\nat = \"+1h\"\n"
                          "coords = \"139.70,35.72; 139.72,95.0; 139.71,35.74\"\n",
                          "coords", "outage.coords");
    // A crossing ring (bow tie) and corners on one line.
    expect_single_problem("[[closure]]\nreason = \"a\"\nat = \"+1h\"\n"
                          "coords = \"139.70,35.72; 139.72,35.74; 139.72,35.72; 139.70,35.74\"\n",
                          "coords", "closure.coords");
    expect_single_problem("[[closure]]\nreason = \"a\"\nat = \"+1h\"\n"
                          "coords = \"139.70,35.72; 139.71,35.73; 139.72,35.74\"\n",
                          "coords", "closure.coords");
    expect_single_problem("[[outage]]\nname = \"a\"\nat = \"+1h\"\narea = \"ward\"\n"
                          "coords = \"139.70,35.72; 139.72,35.72; 139.71,35.74\"\n",
                          "coords", "outage.area");
    const std::string text = k_head + "[[outage]]\nname = \"a\"\nat = \"+1h\"\n"
                                      "coords = \"139.70,35.72; 139.72,35.72\"\n";
    const auto problems = problems_of(text);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].message.find("3"), std::string::npos) << problems[0].message;
    EXPECT_NE(problems[0].message_ja.find("3つ以上"), std::string::npos) << problems[0].message_ja;
}

TEST(ScenarioProblems, CheckFieldValues) {
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"call_in\"\nperson = \"P\"\n"
                          "spo2_pct = 150\n",
                          "spo2_pct", "event.spo2_pct");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"call_in\"\nperson = \"P\"\n"
                          "vent_power = \"solar\"\n",
                          "solar", "event.vent_power");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"call_in\"\nperson = \"P\"\n"
                          "vent_running = \"perhaps\"\n",
                          "perhaps", "event.vent_running");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"call_in\"\nperson = \"P\"\n"
                          "external_power_left_h = -2\n",
                          "external_power_left_h", "event.external_power_left_h");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"call_in\"\nperson = \"P\"\n"
                          "judgement = \"wait\"\n",
                          "judgement", "event.judgement");
    // Systolic not above diastolic: reported on the systolic line.
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"call_in\"\nperson = \"P\"\n"
                          "bp_systolic = 70\nbp_diastolic = 90\n",
                          "bp_systolic", "event.bp_systolic");
    const std::string text = k_head + "[[event]]\nat = \"+1h\"\nkind = \"call_in\"\n"
                                      "person = \"P\"\nspo2_pct = 150\n";
    const auto problems = problems_of(text);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].message.find("150"), std::string::npos);
    EXPECT_NE(problems[0].message.find("0 to 100"), std::string::npos) << problems[0].message;
}

TEST(ScenarioProblems, MissingRequiredKeys) {
    {
        const std::string text = "title = \"t\"\nduration = \"6h\"\n";
        const auto problems = problems_of(text);
        ASSERT_EQ(problems.size(), 1u) << dump(problems);
        EXPECT_TRUE(has_problem(problems, 0, "onset"));
        EXPECT_EQ(format_problem("x.toml", problems[0]).rfind("x.toml: onset: ", 0), 0u);
    }
    {
        const std::string text = "title = \"t\"\nonset = \"2026-12-05T02:30\"\n";
        const auto problems = problems_of(text);
        ASSERT_EQ(problems.size(), 1u) << dump(problems);
        EXPECT_TRUE(has_problem(problems, 0, "duration"));
    }
    {
        const std::string text = "onset = \"2026-12-05T02:30\"\nduration = \"6h\"\n";
        const auto problems = problems_of(text);
        ASSERT_EQ(problems.size(), 1u) << dump(problems);
        EXPECT_TRUE(has_problem(problems, 0, "title"));
    }
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"call_in\"\nspo2_pct = 95\n",
                          "[[event]]", "event.person");
    expect_single_problem("[[event]]\nkind = \"note\"\ntext = \"x\"\n", "[[event]]", "event.at");
    expect_single_problem("[[event]]\nat = \"+1h\"\ntext = \"x\"\n", "[[event]]", "event.kind");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"note\"\n", "[[event]]", "event.text");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"supporter_unavailable\"\n",
                          "[[event]]", "event.supporter");
    expect_single_problem("[[event]]\nat = \"+1h\"\nkind = \"facility_status\"\n"
                          "status = \"full\"\n",
                          "[[event]]", "event.facility");
    expect_single_problem("[[outage]]\nat = \"+1h\"\narea = \"ward\"\n", "[[outage]]",
                          "outage.name");
    expect_single_problem("[[outage]]\nname = \"a\"\nat = \"+1h\"\n", "[[outage]]",
                          "outage.coords");
    expect_single_problem("[[closure]]\nreason = \"a\"\nat = \"+1h\"\n", "[[closure]]",
                          "closure.coords");
}

TEST(ScenarioProblems, ManyProblemsInOnePassOrderedByLine) {
    const std::string text = R"(title = "t"
onset = "2026-12-05T02:30"
duration = "6h"
speed = 0
[[outage]]
name = "a"
at = "+2h"
restore = "+1h"
coords = "139.70,35.72; 139.72,35.72"
[[evnt]]
at = "+1h"
[[event]]
at = "-5m"
kind = "call_in"
person = "DEMO-V001"
spo2_pct = 150
vent_power = "solar"
colour = "red"
)";
    const auto problems = problems_of(text);
    EXPECT_EQ(problems.size(), 8u) << dump(problems);
    EXPECT_TRUE(has_problem(problems, 4, "speed"));
    EXPECT_TRUE(has_problem(problems, 8, "outage.restore"));
    EXPECT_TRUE(has_problem(problems, 9, "outage.coords"));
    EXPECT_TRUE(has_problem(problems, 10, "[[evnt]]"));
    EXPECT_TRUE(has_problem(problems, 13, "event.at"));
    EXPECT_TRUE(has_problem(problems, 16, "event.spo2_pct"));
    EXPECT_TRUE(has_problem(problems, 17, "event.vent_power"));
    EXPECT_TRUE(has_problem(problems, 18, "event.colour"));
    EXPECT_TRUE(std::is_sorted(problems.begin(), problems.end(),
                               [](const auto& a, const auto& b) { return a.line < b.line; }));
}

// ---- load_scenario and the message format ------------------------------------------------

std::filesystem::path temp_file(const std::string& name, const std::string& text) {
    const auto p = std::filesystem::temp_directory_path() /
                   ("breathline_scenario_" + std::to_string(::getpid()) + "_" + name);
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

TEST(ScenarioLoad, MessageListsEveryProblemAsFileLineField) {
    const std::string text = k_head + "[[event]]\nat = \"+1h\"\nkind = \"call_in\"\n"
                                      "person = \"P\"\nspo2_pct = 150\n[[evnt]]\n";
    const auto path = temp_file("bad.toml", text);
    try {
        (void)load_scenario(path);
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
        const std::string msg = e.what();
        const std::string f = path.string();
        EXPECT_NE(msg.find(f + ":" + std::to_string(line_of(text, "spo2_pct")) +
                           ": event.spo2_pct: spo2_pct = 150"),
                  std::string::npos)
            << msg;
        EXPECT_NE(msg.find(f + ":" + std::to_string(line_of(text, "[[evnt]]")) + ": [[evnt]]: "),
                  std::string::npos)
            << msg;
        EXPECT_EQ(std::count(msg.begin(), msg.end(), '\n'), 1) << msg; // two lines
    }
    std::filesystem::remove(path);
}

TEST(ScenarioLoad, AtMostTwentyProblemsThenACount) {
    std::string text = k_head;
    for (int i = 0; i < 25; ++i)
        text += "bad_key_" + std::to_string(i) + " = 1\n";
    const auto path = temp_file("many.toml", text);
    try {
        (void)load_scenario(path);
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        const std::string msg = e.what();
        EXPECT_EQ(std::count(msg.begin(), msg.end(), '\n'), 20) << msg;
        EXPECT_NE(msg.find("bad_key_19"), std::string::npos);
        EXPECT_EQ(msg.find("bad_key_20"), std::string::npos);
        EXPECT_NE(msg.find("\n... and 5 more"), std::string::npos) << msg;
    }
    std::filesystem::remove(path);
}

TEST(ScenarioLoad, UnreadableFileIsAnIoErrorNamingThePath) {
    const auto path = std::filesystem::temp_directory_path() / "breathline_no_such_scenario.toml";
    try {
        (void)load_scenario(path);
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::io);
        EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos);
    }
}

TEST(ScenarioLoad, FormatProblem) {
    const ScenarioProblem p{12, "event.person", "no such person", "いません"};
    EXPECT_EQ(format_problem("a.toml", p), "a.toml:12: event.person: no such person");
    EXPECT_EQ(format_problem_ja("a.toml", p), "a.toml:12: event.person: いません");
    const ScenarioProblem whole{0, "onset", "missing", "ありません"};
    EXPECT_EQ(format_problem("a.toml", whole), "a.toml: onset: missing");
}

// ---- timeline and ticker --------------------------------------------------------------------

TEST(ScenarioTimeline, SortedByTimeThenLine) {
    const std::string text = k_head + R"([[event]]
at = "+1h"
kind = "note"
text = "B"
[[outage]]
name = "o"
at = "+1h"
restore = "+3h"
area = "ward"
[[event]]
at = "+30m"
kind = "note"
text = "A"
[[closure]]
reason = "c"
at = "+3h"
reopen = "+4h"
coords = "139.71,35.73;139.712,35.73;139.711,35.732"
[[event]]
at = "+1h"
kind = "note"
text = "C"
)";
    const ParseResult r = parse_scenario(text, "t");
    ASSERT_TRUE(r.scenario) << dump(r.problems);
    const auto tl = timeline(*r.scenario);
    ASSERT_EQ(tl.size(), 7u);
    std::vector<std::string> got;
    for (const auto& a : tl)
        got.push_back(ticker_text(*r.scenario, a, true));
    // +30m A; +1h: B (line 5), outage (line 9), C (line 24); +3h: restore (line 9) before the
    // closure (line 18); +4h reopen.
    EXPECT_EQ(
        got, (std::vector<std::string>{"A", "B", "Power outage: o (whole ward)", "C",
                                       "Power restored: o", "Road closed: c", "Road reopened: c"}));
    EXPECT_EQ(tl[0].kind, ActionKind::event);
    EXPECT_EQ(tl[0].index, 1u);
    EXPECT_EQ(tl[2].kind, ActionKind::outage_start);
    EXPECT_EQ(tl[2].line, line_of(text, "[[outage]]"));
    EXPECT_EQ(tl[4].kind, ActionKind::outage_restore);
    EXPECT_EQ(tl[5].kind, ActionKind::closure_start);
    EXPECT_EQ(tl[6].kind, ActionKind::closure_end);
    for (std::size_t i = 1; i < tl.size(); ++i)
        EXPECT_TRUE(tl[i - 1].at < tl[i].at ||
                    (tl[i - 1].at == tl[i].at && tl[i - 1].line <= tl[i].line));
}

TEST(ScenarioTicker, DefaultTextsJapaneseAndEnglish) {
    const ParseResult r = parse_scenario(k_full, "full.toml");
    ASSERT_TRUE(r.scenario) << dump(r.problems);
    const Scenario& s = *r.scenario;
    std::vector<std::string> ja, en;
    for (const auto& a : timeline(s)) {
        ja.push_back(ticker_text(s, a, false));
        en.push_back(ticker_text(s, a, true));
    }
    const std::vector<std::string> want_ja = {
        "停電発生: 区内全域 (区内全域)",
        "道路閉鎖: 建物倒壊",
        "DEMO-V001 から連絡: 内部バッテリー稼働、外部電源残り 2.5 時間、SpO2 94%、入院が必要",
        "支援者 DEMO-S0003 は負傷のため来られない",
        "停電発生: 池袋駅周辺",
        "道路閉鎖: 火災",
        "施設 disaster_base_hospital-01: 満床、収容 120 人、発電機",
        "道路再開: 建物倒壊",
        "DEMO-O002 へ酸素ボンベ 3 本の配送依頼 (期限 06:30)",
        "停電復旧: 区内全域",
        "訓練終了",
    };
    EXPECT_EQ(ja, want_ja);
    const std::vector<std::string> want_en = {
        "Power outage: 区内全域 (whole ward)",
        "Road closed: 建物倒壊",
        "DEMO-V001 called in: on internal battery, external power 2.5 h left, SpO2 94 %, "
        "to hospital",
        "Supporter DEMO-S0003 injured",
        "Power outage: 池袋駅周辺",
        "Road closed: 火災",
        "Facility disaster_base_hospital-01: full, occupancy 120, generator",
        "Road reopened: 建物倒壊",
        "Oxygen delivery requested for DEMO-O002: 3 cylinders by 06:30",
        "Power restored: 区内全域",
        "訓練終了",
    };
    EXPECT_EQ(en, want_en);
    // The call-in's free text (notes) never reaches the ticker.
    for (const auto& line : ja)
        EXPECT_EQ(line.find("家族"), std::string::npos) << line;
}

TEST(ScenarioTicker, SupporterDefaultAndMinimalCallIn) {
    const std::string text = k_head + R"([[event]]
at = "+15m"
kind = "call_in"
person = "T-0012"
vent_power = "内部バッテリー"
[[event]]
at = "+16m"
kind = "call_in"
person = "T-0013"
[[event]]
at = "+17m"
kind = "supporter_unavailable"
supporter = "S-9"
)";
    const ParseResult r = parse_scenario(text, "t");
    ASSERT_TRUE(r.scenario) << dump(r.problems);
    const auto tl = timeline(*r.scenario);
    ASSERT_EQ(tl.size(), 3u);
    EXPECT_EQ(ticker_text(*r.scenario, tl[0], false), "T-0012 から連絡: 内部バッテリー稼働");
    EXPECT_EQ(ticker_text(*r.scenario, tl[1], false), "T-0013 から連絡");
    EXPECT_EQ(ticker_text(*r.scenario, tl[1], true), "T-0013 called in");
    EXPECT_EQ(ticker_text(*r.scenario, tl[2], false), "支援者 S-9 が対応できなくなりました");
    EXPECT_EQ(ticker_text(*r.scenario, tl[2], true), "Supporter S-9 can no longer come");
}

// ---- the samples against the demo ------------------------------------------------------------

class DemoDb {
public:
    DemoDb(const std::string& tag, bool build)
        : m_path(
              std::filesystem::temp_directory_path() /
              ("breathline_scenario_test_" + std::to_string(::getpid()) + "_" + tag + ".sqlite")) {
        remove_files();
        m_store = open_store(m_path.string());
        m_store->set_actor("scenario-test");
        if (build) demo::build_demo(*m_store, demo::testing::demo_inputs());
    }
    ~DemoDb() {
        m_store.reset();
        remove_files();
    }
    Store& operator*() { return *m_store; }

private:
    void remove_files() {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(m_path.string() + suffix);
    }
    std::filesystem::path m_path;
    std::unique_ptr<Store> m_store;
};

// The demo, built once for this executable.
Store& demo_store() {
    static DemoDb db("demo", true);
    return *db;
}

TEST(ScenarioSamples, BothParseAndResolveAgainstTheDemo) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    Store& store = demo_store();
    for (const char* name : {"night_earthquake", "covid_oxygen"}) {
        SCOPED_TRACE(name);
        const auto path = sample_scenario_dir() / (std::string(name) + ".toml");
        ASSERT_TRUE(std::filesystem::exists(path)) << path;
        const Scenario s = load_scenario(path);
        EXPECT_FALSE(s.title.empty());
        EXPECT_FALSE(s.events.empty());
        const auto problems = check_references(s, store);
        EXPECT_TRUE(problems.empty()) << dump(problems);
        // Every corner lies inside Toshima's box.
        auto inside = [](const geo::LonLat& p) {
            return p.lon() > 139.68 && p.lon() < 139.75 && p.lat() > 35.71 && p.lat() < 35.75;
        };
        for (const auto& o : s.outages)
            for (const auto& c : o.corners)
                EXPECT_TRUE(inside(c)) << o.name;
        for (const auto& c : s.closures)
            for (const auto& p : c.corners)
                EXPECT_TRUE(inside(p)) << c.reason;
    }
}

TEST(ScenarioSamples, ShapeOfTheNightEarthquake) {
    const Scenario s = load_scenario(sample_scenario_dir() / "night_earthquake.toml");
    EXPECT_EQ(s.kind, IncidentKind::earthquake);
    EXPECT_GE(s.outages.size(), 2u);
    EXPECT_TRUE(std::any_of(s.outages.begin(), s.outages.end(),
                            [](const auto& o) { return o.restores.has_value(); }));
    EXPECT_GE(s.closures.size(), 1u);
    auto count = [&](EventKind k) {
        return std::count_if(s.events.begin(), s.events.end(),
                             [&](const auto& e) { return e.kind == k; });
    };
    EXPECT_GE(count(EventKind::call_in), 4);
    EXPECT_GE(count(EventKind::facility_status), 2);
    EXPECT_GE(count(EventKind::supporter_unavailable), 1);
    EXPECT_GE(count(EventKind::note), 1);
    // Some ventilator users are on internal battery.
    EXPECT_TRUE(std::any_of(s.events.begin(), s.events.end(), [](const auto& e) {
        return std::find(e.check_fields.begin(), e.check_fields.end(),
                         std::pair<std::string, std::string>{"vent_power", "internal_battery"}) !=
               e.check_fields.end();
    }));
}

TEST(ScenarioSamples, ShapeOfTheCovidWave) {
    const Scenario s = load_scenario(sample_scenario_dir() / "covid_oxygen.toml");
    EXPECT_EQ(s.kind, IncidentKind::pandemic);
    int cylinders = 0;
    int with_deadline = 0;
    for (const auto& e : s.events)
        if (e.kind == EventKind::delivery_request) {
            cylinders += e.cylinders;
            with_deadline += e.deadline ? 1 : 0;
        }
    EXPECT_GE(with_deadline, 4);
    EXPECT_GT(cylinders, 20); // more than the Minato stock of 20 cylinders
    EXPECT_GE(
        std::count_if(s.events.begin(), s.events.end(),
                      [](const auto& e) { return e.kind == EventKind::supporter_unavailable; }),
        2);
}

TEST(ScenarioSamples, UsersOfTheRightDevice) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    Store& store = demo_store();
    for (const char* name : {"night_earthquake", "covid_oxygen"}) {
        SCOPED_TRACE(name);
        const Scenario s = load_scenario(sample_scenario_dir() / (std::string(name) + ".toml"));
        for (const auto& e : s.events) {
            if (e.person.empty()) continue;
            const auto p = store.registry().person_by_external_id(e.person);
            ASSERT_TRUE(p) << e.person;
            if (e.kind == EventKind::delivery_request) {
                EXPECT_TRUE(p->home_oxygen) << e.person;
            }
            const bool vent_fields =
                std::any_of(e.check_fields.begin(), e.check_fields.end(), [](const auto& f) {
                    return f.first.starts_with("vent_") || f.first == "external_power_left_h";
                });
            if (vent_fields) {
                EXPECT_TRUE(p->uses_ventilator) << e.person;
            }
        }
    }
}

TEST(ScenarioSamples, NoNameInAnyTickerText) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    Store& store = demo_store();
    std::vector<std::string> names;
    for (const auto& p : store.registry().persons()) {
        names.push_back(p.name);
        if (!p.name_kana.empty()) names.push_back(p.name_kana);
    }
    for (const auto& s : store.registry().supporters())
        names.push_back(s.name);
    ASSERT_GT(names.size(), 50u);
    for (const char* name : {"night_earthquake", "covid_oxygen"}) {
        const Scenario s = load_scenario(sample_scenario_dir() / (std::string(name) + ".toml"));
        int lines = 0;
        for (const auto& a : timeline(s))
            for (bool english : {false, true}) {
                const std::string line = ticker_text(s, a, english);
                ++lines;
                for (const auto& n : names)
                    EXPECT_EQ(line.find(n), std::string::npos) << name << ": " << line;
            }
        EXPECT_GT(lines, 20) << name;
    }
}

TEST(ScenarioReferences, UnknownEntriesAreReportedOnTheirKeyLine) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const std::string text = k_head + R"([[outage]]
name = "all"
at = "+0m"
area = "ward"
[[event]]
at = "+1h"
kind = "call_in"
person = "DEMO-V999"
[[event]]
at = "+1h"
kind = "supporter_unavailable"
supporter = "DEMO-S9999"
[[event]]
kind = "facility_status"
at = "+2h"
status = "full"
facility = "hospital-99"
[[event]]
at = "+3h"
kind = "delivery_request"
person = "DEMO-O001"
)";
    const ParseResult r = parse_scenario(text, "t");
    ASSERT_TRUE(r.scenario) << dump(r.problems);
    const auto problems = check_references(*r.scenario, demo_store());
    EXPECT_EQ(problems.size(), 3u) << dump(problems);
    EXPECT_TRUE(has_problem(problems, line_of(text, "DEMO-V999"), "event.person"));
    EXPECT_TRUE(has_problem(problems, line_of(text, "DEMO-S9999"), "event.supporter"));
    EXPECT_TRUE(has_problem(problems, line_of(text, "hospital-99"), "event.facility"));

    // Without a ward boundary, area = "ward" cannot be resolved (nor anyone found).
    DemoDb empty("empty", false);
    const auto none = check_references(*r.scenario, *empty);
    EXPECT_TRUE(has_problem(none, line_of(text, "[[outage]]"), "outage.area")) << dump(none);
    EXPECT_TRUE(has_problem(none, line_of(text, "DEMO-O001"), "event.person")) << dump(none);
    EXPECT_EQ(none.size(), 5u) << dump(none);
}

} // namespace
} // namespace breathline::data::drill
