#include "data/demo/synthetic_registry.h"
#include "data/text/address.h"
#include "demo_test_data.h"
#include "geo/projection.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace breathline::data::demo {
namespace {

using testing::demo_inputs;

const SyntheticRegistry& registry() {
    static const SyntheticRegistry r =
        make_synthetic_registry(demo_inputs().towns, demo_inputs().ward.polygon);
    return r;
}

TEST(SyntheticRegistry, HasEightyVentilatorAndSixtyOxygenUsers) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    int ventilator = 0, oxygen_only = 0;
    for (const auto& p : registry().persons) {
        EXPECT_TRUE(p.uses_ventilator || p.home_oxygen) << p.external_id;
        if (p.uses_ventilator)
            ++ventilator;
        else
            ++oxygen_only;
    }
    EXPECT_EQ(ventilator, 80);
    EXPECT_EQ(oxygen_only, 60);
}

TEST(SyntheticRegistry, IsDeterministicAndDependsOnTheSeed) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const auto again = make_synthetic_registry(demo_inputs().towns, demo_inputs().ward.polygon);
    EXPECT_EQ(again, registry());
    SyntheticRegistryOptions other;
    other.seed = 7;
    const auto different =
        make_synthetic_registry(demo_inputs().towns, demo_inputs().ward.polygon, other);
    EXPECT_NE(different.persons, registry().persons);
}

TEST(SyntheticRegistry, EveryoneLivesInsideTheWardNearTheirTown) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    geo::PlaneProjector projector;
    for (const auto& p : registry().persons) {
        ASSERT_TRUE(p.location.has_value()) << p.external_id;
        EXPECT_TRUE(demo_inputs().ward.polygon.contains(*p.location)) << p.external_id;
        const auto town_point = demo_inputs().towns.locate_town(p.town);
        ASSERT_TRUE(town_point.has_value()) << p.town;
        // Normal jitter of 40 m: 250 m is more than six standard deviations.
        EXPECT_LT(geo::distance_m(projector.to_plane(*p.location), projector.to_plane(*town_point)),
                  250.0)
            << p.external_id;
        // The written address names the same town the point is around.
        const auto parsed = text::normalize_address(p.address);
        ASSERT_TRUE(parsed.has_value()) << p.address << ": " << parsed.error();
        EXPECT_EQ(parsed->town_key(), p.town);
        EXPECT_EQ(parsed->canonical(), p.address_normalized);
        EXPECT_TRUE(p.address.starts_with("豊島区")) << p.address;
    }
    for (const auto& s : registry().supporters) {
        ASSERT_TRUE(s.location.has_value()) << s.external_id;
        EXPECT_TRUE(demo_inputs().ward.polygon.contains(*s.location)) << s.external_id;
    }
}

TEST(SyntheticRegistry, NamesAreObviouslyFictitious) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    std::set<std::string> names;
    for (const auto& p : registry().persons) {
        EXPECT_TRUE(p.name.starts_with("デモ ")) << p.name;
        EXPECT_TRUE(p.name_kana.starts_with("デモ ")) << p.name_kana;
        EXPECT_TRUE(names.insert(p.name).second) << "duplicate " << p.name;
        EXPECT_NE(p.phone_home.find("-0000-"), std::string::npos);
    }
    for (const auto& s : registry().supporters)
        EXPECT_TRUE(s.name.starts_with("デモ ")) << s.name;
    for (const auto& [id, contacts] : registry().contacts)
        for (const auto& c : contacts)
            EXPECT_NE(c.organisation.find("デモ"), std::string::npos) << c.organisation;
}

TEST(SyntheticRegistry, VentilatorAndOxygenValuesAreRealistic) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    int tppv = 0, nppv = 0, tppv_24h = 0, nppv_night = 0, neither_battery = 0;
    for (const auto& p : registry().persons) {
        if (p.uses_ventilator) {
            ASSERT_TRUE(p.ventilator_mode && p.ventilator_hours_per_day) << p.external_id;
            const double h = *p.ventilator_hours_per_day;
            EXPECT_GE(h, 8.0);
            EXPECT_LE(h, 24.0);
            if (*p.ventilator_mode == VentilatorMode::tppv) {
                ++tppv;
                if (h == 24.0) ++tppv_24h;
            } else {
                ++nppv;
                if (h <= 12.0) ++nppv_night;
            }
            ASSERT_TRUE(p.internal_battery && p.external_battery);
            EXPECT_EQ(*p.internal_battery, p.internal_battery_h.has_value());
            EXPECT_EQ(*p.external_battery, p.external_battery_h.has_value());
            if (p.internal_battery_h) {
                EXPECT_GE(*p.internal_battery_h, 0.5);
                EXPECT_LE(*p.internal_battery_h, 8.0);
            }
            if (p.external_battery_h) {
                EXPECT_GE(*p.external_battery_h, 4.0);
                EXPECT_LE(*p.external_battery_h, 16.0);
            }
            if (!*p.internal_battery && !*p.external_battery) ++neither_battery;
            EXPECT_EQ(registry().contacts.at(p.external_id).size() >= 3, true) << p.external_id;
        }
        if (p.home_oxygen) {
            ASSERT_TRUE(p.oxygen_flow_l_min.has_value());
            EXPECT_GE(*p.oxygen_flow_l_min, 0.5);
            EXPECT_LE(*p.oxygen_flow_l_min, 5.0);
        }
    }
    EXPECT_GT(tppv, 20);
    EXPECT_GT(nppv, 20);
    EXPECT_GT(tppv_24h * 10, tppv * 7);   // TPPV: mostly around the clock
    EXPECT_GT(nppv_night * 10, nppv * 4); // NPPV: often at night only
    EXPECT_GT(neither_battery, 0);
}

TEST(SyntheticRegistry, SomeVentilatorUsersFallShortOfFourSupporters) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    std::map<std::string, int> count;
    std::set<std::pair<std::string, std::string>> pairs;
    for (const auto& l : registry().links) {
        ++count[l.person_external_id];
        EXPECT_TRUE(pairs.insert({l.person_external_id, l.supporter_external_id}).second);
    }
    int short_of = 0, enough = 0;
    for (const auto& p : registry().persons) {
        if (!p.uses_ventilator) continue;
        EXPECT_LE(count[p.external_id], 6);
        (count[p.external_id] < k_supporters_needed_for_transport ? short_of : enough)++;
    }
    EXPECT_GT(short_of, 5);
    EXPECT_GT(enough, 30);
}

TEST(SyntheticRegistry, FamilyAndNeighboursLiveNearTheirPerson) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    std::map<std::string, const Person*> persons;
    for (const auto& p : registry().persons)
        persons[p.external_id] = &p;
    std::map<std::string, const Supporter*> supporters;
    for (const auto& s : registry().supporters)
        supporters[s.external_id] = &s;
    geo::PlaneProjector projector;
    std::set<SupporterKind> kinds;
    for (const auto& l : registry().links) {
        const Person& p = *persons.at(l.person_external_id);
        const Supporter& s = *supporters.at(l.supporter_external_id);
        kinds.insert(s.kind);
        const double d =
            geo::distance_m(projector.to_plane(*p.location), projector.to_plane(*s.location));
        if (s.kind == SupporterKind::family) {
            EXPECT_LT(d, 300.0) << l.supporter_external_id;
        }
        if (s.kind == SupporterKind::neighbour) {
            EXPECT_LT(d, 800.0) << l.supporter_external_id;
        }
        EXPECT_LT(d, 5000.0) << l.supporter_external_id;
    }
    EXPECT_EQ(kinds.size(), 6u); // family, 近所, 民生委員, 町会, 訪問看護, 区職員
}

} // namespace
} // namespace breathline::data::demo
