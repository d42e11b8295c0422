// Power and oxygen runway arithmetic (issue 5): no battery, unknown hours, power restored,
// generator added, oxygen cylinders.

#include "data/ops/runway.h"
#include "tests/data/ops/ops_test_support.h"

#include <gtest/gtest.h>

namespace breathline::data::ops {
namespace {

using test::at_h;
using test::iso_h;
using test::outage;
using test::vent_user;

Runway power_at(const Person& p, const std::vector<OutageArea>& areas, double now_h,
                const std::optional<SafetyCheck>& check = std::nullopt) {
    return power_runway(p, check, outage_exposure(p, areas, at_h(now_h)));
}

TEST(PowerRunway, BatteriesMinusTimeWithoutPower) {
    const Person p = vent_user(1, 4.0, 8.0);
    const Runway r = power_at(p, {outage(0)}, 2.5);
    ASSERT_EQ(r.state, RunwayState::known);
    EXPECT_DOUBLE_EQ(*r.hours, 9.5); // 4 + 8 - 2.5
    EXPECT_EQ(r.basis, "registry");
}

TEST(PowerRunway, NoBatteryIsZeroNotUnknown) {
    Person p = vent_user(1, std::nullopt, std::nullopt);
    p.internal_battery = false;
    p.external_battery = false;
    const Runway r = power_at(p, {outage(0)}, 0.0);
    ASSERT_EQ(r.state, RunwayState::known);
    EXPECT_DOUBLE_EQ(*r.hours, 0.0);
}

TEST(PowerRunway, ExhaustedFloorsAtZero) {
    const Runway r = power_at(vent_user(1, 1.0, 1.0), {outage(0)}, 5.0);
    ASSERT_EQ(r.state, RunwayState::known);
    EXPECT_DOUBLE_EQ(*r.hours, 0.0);
}

TEST(PowerRunway, UnknownHoursStayUnknown) {
    Person p = vent_user(1, 4.0, std::nullopt);
    p.external_battery = true; // present, hours not written on the form
    const Runway r = power_at(p, {outage(0)}, 1.0);
    EXPECT_EQ(r.state, RunwayState::unknown);
    EXPECT_FALSE(r.hours.has_value()) << "unknown must never read as 0 or infinity";
    // Blank on the form (neither yes nor no) is unknown as well.
    EXPECT_EQ(power_at(vent_user(2, std::nullopt, 3.0), {outage(0)}, 1.0).state,
              RunwayState::unknown);
}

TEST(PowerRunway, NoOutageMeansNoDeadline) {
    const Runway r = power_at(vent_user(1, 4.0, 8.0), {}, 3.0);
    EXPECT_EQ(r.state, RunwayState::no_deadline);
    ASSERT_TRUE(r.hours.has_value());
    EXPECT_DOUBLE_EQ(*r.hours, 12.0);
}

TEST(PowerRunway, OutageElsewhereOrLaterDoesNotCount) {
    OutageArea far = outage(0);
    far.area = test::square_around(geo::LonLat(139.60, 35.60));
    EXPECT_EQ(power_at(vent_user(1, 4.0, 8.0), {far}, 3.0).state, RunwayState::no_deadline);
    EXPECT_EQ(power_at(vent_user(1, 4.0, 8.0), {outage(5)}, 3.0).state, RunwayState::no_deadline);
}

TEST(PowerRunway, PowerRestoredEndsTheDeadlineAndKeepsTheUse) {
    const Person p = vent_user(1, 4.0, 8.0);
    // Out from 0 h to 4 h: at 6 h the home has power again.
    const Runway restored = power_at(p, {outage(0, 4.0)}, 6.0);
    EXPECT_EQ(restored.state, RunwayState::no_deadline);
    ASSERT_TRUE(restored.hours.has_value());
    EXPECT_DOUBLE_EQ(*restored.hours, 8.0); // 12 - 4 used; recharging not credited
    // A second outage from 8 h: at 9 h, 4 + 1 hours have been used.
    const Runway second = power_at(p, {outage(0, 4.0), outage(8.0)}, 9.0);
    ASSERT_EQ(second.state, RunwayState::known);
    EXPECT_DOUBLE_EQ(*second.hours, 7.0);
    // Restored exactly now: power is back.
    EXPECT_EQ(power_at(p, {outage(0, 4.0)}, 4.0).state, RunwayState::no_deadline);
}

TEST(PowerRunway, OverlappingAreasCountOnce) {
    const Runway r = power_at(vent_user(1, 4.0, 8.0), {outage(0), outage(1.0)}, 3.0);
    ASSERT_EQ(r.state, RunwayState::known);
    EXPECT_DOUBLE_EQ(*r.hours, 9.0);
}

TEST(PowerRunway, CheckHoursReplaceTheRegistryFromTheCheckTime) {
    const Person p = vent_user(1, 4.0, 8.0);
    SafetyCheck c;
    c.checked_at = iso_h(2.0);
    c.external_power_left_h = 3.0; // measured at 2 h
    const Runway r = power_at(p, {outage(0)}, 3.0, c);
    ASSERT_EQ(r.state, RunwayState::known);
    EXPECT_DOUBLE_EQ(*r.hours, 6.0); // 4 internal + 3 external - 1 h since the check
    EXPECT_EQ(r.basis, "check");
}

TEST(PowerRunway, GeneratorAndCarChargerAdd) {
    const Person p = vent_user(1, 2.0, 0.0);
    SafetyCheck c;
    c.checked_at = iso_h(0.5);
    c.generator_h = 5.0;
    const Runway with_generator = power_at(p, {outage(0)}, 1.0, c);
    ASSERT_EQ(with_generator.state, RunwayState::known);
    EXPECT_DOUBLE_EQ(*with_generator.hours, 6.0); // 2 + 0 + 5 - 1
    c.car_charger_h = 2.5;
    EXPECT_DOUBLE_EQ(*power_at(p, {outage(0)}, 1.0, c).hours, 8.5);
}

TEST(PowerRunway, NotAVentilatorUser) {
    Person p = vent_user(1, 4.0, 8.0);
    p.uses_ventilator = false;
    p.home_oxygen = true;
    EXPECT_EQ(power_at(p, {outage(0)}, 1.0).state, RunwayState::not_applicable);
}

TEST(PowerRunway, UnlocatedPersonDuringAnOutageIsUnknown) {
    Person p = vent_user(1, 4.0, 8.0);
    p.location.reset();
    EXPECT_EQ(power_at(p, {outage(0)}, 1.0).state, RunwayState::unknown);
    EXPECT_EQ(power_at(p, {}, 1.0).state, RunwayState::no_deadline);
}

Person oxygen_user(double flow) {
    Person p = vent_user(7, std::nullopt, std::nullopt);
    p.uses_ventilator = false;
    p.home_oxygen = true;
    p.oxygen_flow_l_min = flow;
    return p;
}

TEST(OxygenRunway, CylindersTimesCapacityTimesFillOverFlow) {
    const Person p = oxygen_user(2.0);
    SafetyCheck c;
    c.checked_at = iso_h(1.0);
    c.oxygen_cylinders = 2;
    c.oxygen_cylinder_l = 500;
    c.oxygen_fill_ratio = 0.9;
    const Runway r = oxygen_runway(p, c, outage_exposure(p, {outage(0)}, at_h(2.0)));
    ASSERT_EQ(r.state, RunwayState::known);
    // 2 x 500 L x 0.9 / 2 L/min = 450 min = 7.5 h, minus 1 h since the check.
    EXPECT_DOUBLE_EQ(*r.hours, 6.5);
}

TEST(OxygenRunway, HoursUsableWhenCapacityIsMissing) {
    const Person p = oxygen_user(2.0);
    SafetyCheck c;
    c.checked_at = iso_h(1.0);
    c.oxygen_cylinders = 3;
    c.oxygen_hours_usable = 5.0;
    const Runway r = oxygen_runway(p, c, outage_exposure(p, {outage(0)}, at_h(3.0)));
    ASSERT_EQ(r.state, RunwayState::known);
    EXPECT_DOUBLE_EQ(*r.hours, 3.0);
}

TEST(OxygenRunway, UnknownDuringOutageWithoutFigures) {
    const Person p = oxygen_user(2.0);
    EXPECT_EQ(oxygen_runway(p, std::nullopt, outage_exposure(p, {outage(0)}, at_h(1.0))).state,
              RunwayState::unknown);
    EXPECT_EQ(oxygen_runway(p, std::nullopt, outage_exposure(p, {}, at_h(1.0))).state,
              RunwayState::no_deadline);
}

} // namespace
} // namespace breathline::data::ops
