// The operations board: classification, sorting by time to critical, configurable thresholds,
// alarms on crossing, the 3-hour air-mattress reminder.

#include "data/ops/board.h"
#include "tests/data/ops/ops_test_support.h"

#include <gtest/gtest.h>

namespace breathline::data::ops {
namespace {

using test::at_h;
using test::iso_h;
using test::outage;
using test::vent_user;

SafetyCheck check_for(RowId person, double at, std::optional<double> external_left = {}) {
    SafetyCheck c;
    c.incident_id = 1;
    c.person_id = person;
    c.checked_at = iso_h(at);
    c.external_power_left_h = external_left;
    c.judgement = Judgement::stay_home;
    return c;
}

const BoardRow& row_of(const Board& b, RowId id) {
    for (const auto& r : b.rows)
        if (r.person_id == id) return r;
    throw std::runtime_error("no row");
}

TEST(Board, ClassifiesAndSortsByTimeToCritical) {
    Person unknown = vent_user(5, 2.0, std::nullopt);
    unknown.external_battery = true; // hours not known
    const std::vector<Person> persons = {
        vent_user(1, 10.0, 10.0), // 20 h: ok once checked
        vent_user(2, 1.0, 1.5),   // 2.5 h: urgent
        vent_user(3, 0.5, 0.0),   // 0.5 h: critical
        vent_user(4, 4.0, 4.0),   // 8 h: watch
        unknown,                  // unknown: urgent, first among the urgent
        vent_user(6, 20.0, 20.0), // no check: unconfirmed
    };
    const std::vector<SafetyCheck> checks = {check_for(1, 0), check_for(2, 0), check_for(3, 0),
                                             check_for(4, 0), check_for(5, 0)};
    const Board b = evaluate_board(persons, checks, {outage(0)}, at_h(0));
    std::vector<RowId> order;
    for (const auto& r : b.rows)
        order.push_back(r.person_id);
    EXPECT_EQ(order, (std::vector<RowId>{3, 5, 2, 6, 4, 1}));
    EXPECT_EQ(row_of(b, 3).level, BoardLevel::critical);
    EXPECT_EQ(row_of(b, 5).level, BoardLevel::urgent);
    EXPECT_TRUE(row_of(b, 5).unknown_deadline);
    EXPECT_FALSE(row_of(b, 5).hours_left.has_value());
    EXPECT_EQ(row_of(b, 2).level, BoardLevel::urgent);
    EXPECT_EQ(row_of(b, 6).level, BoardLevel::unconfirmed);
    EXPECT_EQ(row_of(b, 4).level, BoardLevel::watch);
    EXPECT_EQ(row_of(b, 1).level, BoardLevel::ok);
    EXPECT_EQ(b.count(BoardLevel::urgent), 2);
}

TEST(Board, ThresholdsAreConfigurable) {
    const std::vector<Person> persons = {vent_user(1, 1.0, 1.5)}; // 2.5 h
    const std::vector<SafetyCheck> checks = {check_for(1, 0)};
    EXPECT_EQ(evaluate_board(persons, checks, {outage(0)}, at_h(0)).rows[0].level,
              BoardLevel::urgent);
    BoardThresholds t;
    t.critical_h = 3.0;
    t.urgent_h = 6.0;
    EXPECT_EQ(evaluate_board(persons, checks, {outage(0)}, at_h(0), t).rows[0].level,
              BoardLevel::critical);
    t = {};
    t.urgent_h = 2.0;
    EXPECT_EQ(evaluate_board(persons, checks, {outage(0)}, at_h(0), t).rows[0].level,
              BoardLevel::watch);
}

TEST(Board, ProblemsOnTheFormGiveWatch) {
    SafetyCheck c = check_for(1, 0);
    c.spo2_pct = 85;
    c.circuit_fault = true;
    const Board b = evaluate_board({vent_user(1, 10.0, 10.0)}, {c}, {}, at_h(1));
    EXPECT_EQ(b.rows[0].level, BoardLevel::watch);
    EXPECT_EQ(b.rows[0].reasons, (std::vector<std::string>{"circuit_fault", "low_spo2"}));
}

TEST(Board, AlarmWhenCrossingAThreshold) {
    const std::vector<Person> persons = {vent_user(1, 2.0, 2.0), vent_user(2, 30.0, 30.0)};
    const std::vector<SafetyCheck> checks = {check_for(1, 0), check_for(2, 0)};
    const Board early = evaluate_board(persons, checks, {outage(0)}, at_h(0.5)); // 3.5 h: watch
    const Board later = evaluate_board(persons, checks, {outage(0)}, at_h(1.5)); // 2.5 h: urgent
    const Board last = evaluate_board(persons, checks, {outage(0)}, at_h(3.5));  // 0.5: critical
    const auto alarms = threshold_alarms(early, later);
    ASSERT_EQ(alarms.size(), 1u);
    EXPECT_EQ(alarms[0].person_id, 1);
    EXPECT_EQ(alarms[0].from, BoardLevel::watch);
    EXPECT_EQ(alarms[0].to, BoardLevel::urgent);
    EXPECT_EQ(threshold_alarms(later, last).at(0).to, BoardLevel::critical);
    EXPECT_TRUE(threshold_alarms(later, later).empty()) << "no crossing, no alarm";
    EXPECT_TRUE(threshold_alarms(last, early).empty()) << "improving raises no alarm";
}

TEST(Board, AirMattressReminderAfterThreeHoursWithoutPower) {
    Person p = vent_user(1, 30.0, 30.0);
    p.air_mattress = true;
    const std::vector<SafetyCheck> checks = {check_for(1, 0)};
    EXPECT_FALSE(
        evaluate_board({p}, checks, {outage(0)}, at_h(2.99)).rows[0].air_mattress_reminder);
    EXPECT_TRUE(evaluate_board({p}, checks, {outage(0)}, at_h(3.0)).rows[0].air_mattress_reminder);
    // Power back: no reminder.
    EXPECT_FALSE(
        evaluate_board({p}, checks, {outage(0, 3.5)}, at_h(4.0)).rows[0].air_mattress_reminder);
    p.air_mattress = false;
    EXPECT_FALSE(evaluate_board({p}, checks, {outage(0)}, at_h(5.0)).rows[0].air_mattress_reminder);
}

TEST(Board, OnlyTheChecksGivenCount) {
    // The caller passes one incident's checks; another person's checks do not confirm anyone.
    SafetyCheck other = check_for(99, 0);
    const Board b = evaluate_board({vent_user(1, 10.0, 10.0)}, {other}, {}, at_h(1));
    EXPECT_EQ(b.rows[0].level, BoardLevel::unconfirmed);
    EXPECT_FALSE(b.rows[0].latest_check.has_value());
}

} // namespace
} // namespace breathline::data::ops
