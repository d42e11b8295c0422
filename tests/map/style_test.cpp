#include "console/map/style.h"
#include "tests/map/style_compare.h"

#include <gtest/gtest.h>
#include <set>
#include <tuple>

namespace breathline::map {
namespace {

using geo::road::RoadClass;

std::tuple<int, int, int> rgb(Rgba c) {
    return {c.r, c.g, c.b};
}

TEST(Style, MajorRoadClassesAreDistinctAndCased) {
    const std::vector<RoadClass> major{RoadClass::motorway, RoadClass::trunk, RoadClass::primary,
                                       RoadClass::secondary, RoadClass::tertiary};
    std::set<std::tuple<int, int, int>> colours;
    float previous_width = 1e9f;
    for (const RoadClass c : major) {
        const LineStyle& s = road_style(c);
        EXPECT_TRUE(colours.insert(rgb(s.colour)).second) << to_string(c);
        EXPECT_GT(s.casing.a, 0) << to_string(c) << " has a casing";
        EXPECT_GT(s.casing_px, 0.0f);
        EXPECT_LT(s.width_px, previous_width) << "major roads get narrower by rank";
        previous_width = s.width_px;
    }
    // Minor classes are thinner than any major road and hidden when zoomed out.
    for (const RoadClass c : {RoadClass::residential, RoadClass::service, RoadClass::footway,
                              RoadClass::cycleway, RoadClass::path, RoadClass::steps}) {
        EXPECT_LT(road_style(c).width_px, road_style(RoadClass::tertiary).width_px) << to_string(c);
        EXPECT_LT(road_style(c).max_mpp, road_style(RoadClass::tertiary).max_mpp) << to_string(c);
    }
    EXPECT_GT(road_style(RoadClass::residential).width_px, road_style(RoadClass::footway).width_px);
    EXPECT_NE(rgb(road_style(RoadClass::footway).colour),
              rgb(road_style(RoadClass::residential).colour));
    EXPECT_NE(rgb(road_style(RoadClass::cycleway).colour),
              rgb(road_style(RoadClass::footway).colour));
    // The demo's arterial network (primary) is visible at every zoom.
    EXPECT_GE(road_style(RoadClass::primary).max_mpp, 1000.0f);
    for (int c = 0; c < geo::road::road_class_count; ++c) {
        EXPECT_FALSE(road_label_ja(static_cast<RoadClass>(c)).empty());
        EXPECT_FALSE(road_label_en(static_cast<RoadClass>(c)).empty());
    }
}

TEST(Style, EveryFacilityClassHasItsOwnShapeAndColour) {
    std::set<Shape> shapes;
    std::set<std::tuple<int, int, int>> colours;
    for (const FacilitySymbol s : k_facility_symbols) {
        const PointStyle st = facility_style(s);
        EXPECT_TRUE(shapes.insert(st.shape).second) << facility_label_en(s);
        EXPECT_TRUE(colours.insert(rgb(st.fill)).second) << facility_label_en(s);
        EXPECT_EQ(st.fill.a, 255);
        EXPECT_GE(st.size_px, 12.0f) << "facilities read larger than persons";
    }
    EXPECT_EQ(facility_symbol(data::FacilityKind::rescue_centre, false),
              FacilitySymbol::rescue_centre);
    EXPECT_EQ(facility_symbol(data::FacilityKind::rescue_centre, true),
              FacilitySymbol::relief_station);
    EXPECT_EQ(facility_symbol(data::FacilityKind::triage_point, true),
              FacilitySymbol::triage_point);
}

TEST(Style, FacilityLegendNamesFollowTheSeed) {
    EXPECT_EQ(facility_label_ja(FacilitySymbol::rescue_centre), "救援センター");
    EXPECT_EQ(facility_label_ja(FacilitySymbol::relief_station), "救援センター（医療救護所）");
    EXPECT_EQ(facility_label_ja(FacilitySymbol::welfare_rescue_centre), "福祉救援センター");
    EXPECT_EQ(facility_label_ja(FacilitySymbol::triage_point), "トリアージ場所");
    EXPECT_EQ(facility_label_ja(FacilitySymbol::disaster_base_hospital), "災害拠点病院");
    EXPECT_EQ(facility_label_ja(FacilitySymbol::disaster_cooperating_hospital),
              "災害拠点連携病院等");
    EXPECT_EQ(facility_label_ja(FacilitySymbol::health_centre), "保健所");
    // The data layer's labels agree for the six kinds.
    for (const auto kind :
         {data::FacilityKind::rescue_centre, data::FacilityKind::welfare_rescue_centre,
          data::FacilityKind::triage_point, data::FacilityKind::disaster_base_hospital,
          data::FacilityKind::disaster_cooperating_hospital, data::FacilityKind::health_centre}) {
        EXPECT_EQ(facility_label_ja(facility_symbol(kind, false)), data::label_ja(kind));
        EXPECT_FALSE(facility_label_en(facility_symbol(kind, false)).empty());
    }
    EXPECT_GT(facility_label_priority(FacilitySymbol::disaster_base_hospital),
              facility_label_priority(FacilitySymbol::rescue_centre));
}

TEST(Style, FacilityStatusIsVisible) {
    using data::FacilityStatus;
    for (const FacilitySymbol s : k_facility_symbols) {
        const PointStyle normal = facility_style(s);
        EXPECT_TRUE(testing::same(facility_style(s, FacilityStatus::normal), normal));
        EXPECT_TRUE(testing::same(facility_style(s, FacilityStatus::open), normal));
        std::set<std::tuple<int, int, int, int, int, int, int, int>> looks;
        for (const auto st : {FacilityStatus::normal, FacilityStatus::full, FacilityStatus::closed,
                              FacilityStatus::damaged, FacilityStatus::unknown}) {
            const PointStyle p = facility_style(s, st);
            EXPECT_EQ(p.shape, normal.shape) << "the kind stays recognisable";
            EXPECT_TRUE(looks
                            .insert({p.fill.r, p.fill.g, p.fill.b, p.fill.a, p.outline.r,
                                     p.outline.g, p.outline.b, p.outline.a})
                            .second);
        }
        const PointStyle closed = facility_style(s, FacilityStatus::closed);
        EXPECT_EQ(closed.fill.r, closed.fill.g); // grey
        EXPECT_EQ(closed.fill.g, closed.fill.b);
        const PointStyle damaged = facility_style(s, FacilityStatus::damaged);
        EXPECT_GT(damaged.outline.r, 200);
        EXPECT_LT(damaged.outline.g, 50);
    }
    EXPECT_EQ(facility_status_label_ja(data::FacilityStatus::closed), "閉鎖");
    EXPECT_EQ(facility_status_label_en(data::FacilityStatus::damaged), "damaged");
    EXPECT_EQ(facility_status_label_ja(data::FacilityStatus::normal), "");
}

TEST(Style, PersonsByDeviceGroupAndStatus) {
    data::Person p;
    EXPECT_EQ(device_group(p), DeviceGroup::other);
    p.home_oxygen = true;
    EXPECT_EQ(device_group(p), DeviceGroup::oxygen);
    p.uses_ventilator = true;
    EXPECT_EQ(device_group(p), DeviceGroup::other) << "mode unknown";
    p.ventilator_mode = data::VentilatorMode::tppv;
    EXPECT_EQ(device_group(p), DeviceGroup::tppv) << "the ventilator is the urgent dependency";
    p.ventilator_mode = data::VentilatorMode::nppv;
    EXPECT_EQ(device_group(p), DeviceGroup::nppv);

    std::set<Shape> shapes;
    for (const DeviceGroup g : k_device_groups) {
        EXPECT_TRUE(shapes.insert(person_style(g, data::PersonStatus::active).shape).second);
        EXPECT_FALSE(device_group_label_ja(g).empty());
        EXPECT_FALSE(device_group_label_en(g).empty());
    }
    EXPECT_EQ(to_id(DeviceGroup::tppv), "tppv");
    EXPECT_EQ(to_id(DeviceGroup::oxygen), "oxygen");
    std::set<std::tuple<int, int, int>> colours;
    for (const auto st : k_person_statuses) {
        EXPECT_TRUE(colours.insert(rgb(person_status_colour(st))).second);
        EXPECT_EQ(person_style(DeviceGroup::nppv, st).fill, person_status_colour(st));
        EXPECT_FALSE(person_status_label_ja(st).empty());
        EXPECT_FALSE(person_status_label_en(st).empty());
        EXPECT_LT(person_style(DeviceGroup::tppv, st).size_px,
                  facility_style(FacilitySymbol::rescue_centre).size_px);
    }
}

} // namespace
} // namespace breathline::map
