#include "console/map/scene_builder.h"
#include "console/map/style.h"
#include "data/roads/road_store.h"
#include "data/spatialite/wkb.h"
#include "geo/triangulate.h"
#include "tests/map/demo_store.h"
#include "tests/map/style_compare.h"

#include <cmath>
#include <gtest/gtest.h>
#include <optional>
#include <set>

namespace breathline::map {
namespace {

using testing::demo_store;

std::vector<std::string> layer_ids(const Scene& scene) {
    std::vector<std::string> ids;
    for (const auto& l : scene.layers)
        ids.push_back(l.id);
    return ids;
}

TEST(SceneBuilder, DemoSceneHasTheStandardLayersInOrder) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    const Scene scene = build_scene(demo_store(), {});
    const std::vector<std::string> expected{"ward",
                                            "outages",
                                            "roads",
                                            "facilities.rescue_centre",
                                            "facilities.welfare_rescue_centre",
                                            "facilities.triage_point",
                                            "facilities.disaster_base_hospital",
                                            "facilities.disaster_cooperating_hospital",
                                            "facilities.health_centre",
                                            "persons.tppv",
                                            "persons.nppv",
                                            "persons.oxygen",
                                            "persons.other"};
    EXPECT_EQ(layer_ids(scene), expected);
    for (const auto& l : scene.layers) {
        EXPECT_FALSE(l.name_ja.empty()) << l.id;
        EXPECT_FALSE(l.name_en.empty()) << l.id;
        EXPECT_FALSE(l.legend.empty()) << l.id;
    }
    // Toshima in CS IX: west and south of the origin of the zone (139°50'E, 36°N).
    EXPECT_LT(scene.origin.x_east_m, 0);
    EXPECT_LT(scene.origin.y_north_m, 0);
    EXPECT_FALSE(scene.home.empty());
    // The ward is about 6 km across.
    EXPECT_GT(scene.home.max_x - scene.home.min_x, 4000);
    EXPECT_LT(scene.home.max_x - scene.home.min_x, 9000);
}

TEST(SceneBuilder, EveryLocatedPersonAndFacilityIsDrawnOnce) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    data::Store& store = demo_store();
    const Scene scene = build_scene(store, {});

    std::size_t located_persons = 0;
    std::set<std::int64_t> person_ids;
    for (const auto& p : store.registry().persons({}))
        if (p.location) ++located_persons;
    std::size_t drawn_persons = 0;
    for (const DeviceGroup g : k_device_groups) {
        const Layer* layer = scene.find(person_layer_id(g));
        ASSERT_NE(layer, nullptr);
        EXPECT_EQ(layer->points.points.size(), layer->features.size());
        EXPECT_TRUE(layer->labels.empty()) << "no labels on persons";
        drawn_persons += layer->points.points.size();
        for (const auto& f : layer->features) {
            EXPECT_EQ(f.kind, FeatureRef::Kind::person);
            EXPECT_TRUE(person_ids.insert(f.id).second);
            const auto person = store.registry().person(f.id);
            ASSERT_TRUE(person.has_value());
            EXPECT_EQ(f.external_id, person->external_id);
            EXPECT_EQ(device_group(*person), g);
        }
    }
    EXPECT_EQ(drawn_persons, located_persons);
    EXPECT_EQ(located_persons, 140u);
    EXPECT_GT(scene.find("persons.tppv")->features.size(), 0u);
    EXPECT_GT(scene.find("persons.nppv")->features.size(), 0u);
    EXPECT_GT(scene.find("persons.oxygen")->features.size(), 0u);

    std::size_t located_facilities = 0;
    for (const auto& f : store.facilities().facilities({}))
        if (f.location) ++located_facilities;
    std::size_t drawn_facilities = 0, facility_labels = 0;
    for (const auto& l : scene.layers)
        if (l.id.starts_with("facilities.")) {
            drawn_facilities += l.points.points.size();
            facility_labels += l.labels.size();
        }
    EXPECT_EQ(drawn_facilities, located_facilities);
    EXPECT_EQ(located_facilities, 65u - 24u); // 24 stay unresolved in the demo
    EXPECT_EQ(facility_labels, drawn_facilities);
}

TEST(SceneBuilder, PointsSitWhereTheStoreSays) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    data::Store& store = demo_store();
    const Scene scene = build_scene(store, {});
    const geo::PlaneProjector projector;
    // The demo locates the rescue centres (GSI shelters); hospitals have no address in the
    // seed and stay unresolved until a planner places them.
    EXPECT_TRUE(scene.find("facilities.disaster_base_hospital")->points.points.empty());
    const Layer* rescue = scene.find("facilities.rescue_centre");
    ASSERT_NE(rescue, nullptr);
    ASSERT_EQ(rescue->points.points.size(), 36u);
    for (std::size_t i = 0; i < rescue->points.points.size(); ++i) {
        const auto& p = rescue->points.points[i];
        const auto f = store.facilities().facility(rescue->features[p.feature].id);
        ASSERT_TRUE(f && f->location);
        EXPECT_EQ(rescue->features[p.feature].external_id, f->external_id);
        const auto xy = projector.to_plane(*f->location);
        EXPECT_NEAR(double{p.x} + scene.origin.x_east_m, xy.x_east_m, 0.01);
        EXPECT_NEAR(double{p.y} + scene.origin.y_north_m, xy.y_north_m, 0.01);
        const auto& label = rescue->labels[i];
        EXPECT_EQ(label.feature, p.feature);
        EXPECT_EQ(label.text, f->name);
        EXPECT_NEAR(label.anchor.x_east_m, xy.x_east_m, 1e-6);
    }
}

TEST(SceneBuilder, NoPersonNameOrAddressAppearsAnywhereInTheScene) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    data::Store& store = demo_store();
    for (const bool mask : {false, true}) {
        const Scene scene = build_scene(store, {mask});
        std::vector<std::string> strings;
        for (const auto& l : scene.layers) {
            strings.push_back(l.name_ja);
            strings.push_back(l.name_en);
            for (const auto& f : l.features)
                strings.push_back(f.external_id);
            for (const auto& lab : l.labels)
                strings.push_back(lab.text);
            for (const auto& e : l.legend) {
                strings.push_back(e.label_ja);
                strings.push_back(e.label_en);
            }
        }
        for (const auto& p : store.registry().persons({}))
            for (const auto& s : strings) {
                ASSERT_EQ(s.find(p.name), std::string::npos) << s;
                ASSERT_EQ(s.find(p.name_kana), std::string::npos) << s;
                ASSERT_TRUE(p.address.empty() || s.find(p.address) == std::string::npos) << s;
            }
    }
}

TEST(SceneBuilder, WardFillCoversTheRealBoundaryExactly) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    data::Store& store = demo_store();
    const auto wards = store.areas().areas("ward_boundary");
    ASSERT_EQ(wards.size(), 1u);
    const geo::MultiPolygon ward = data::spatialite::parse_wkb_multipolygon(wards[0].wkb);
    const geo::PlaneProjector projector;
    const double expected = ward.area_m2(projector);
    EXPECT_GT(expected, 12.0e6); // 豊島区: 13.01 km²
    EXPECT_LT(expected, 14.0e6);

    // Straight through geo::triangulate on the doubles.
    double sum = 0;
    std::size_t vertices = 0;
    for (const auto& part : ward.parts) {
        vertices += part.outer.points.size();
        for (const auto& t : geo::triangulate(part, projector)) {
            EXPECT_GT(geo::signed_area(t), 0);
            sum += geo::signed_area(t);
        }
    }
    EXPECT_GT(vertices, 100u) << "the real boundary, not a box";
    EXPECT_NEAR(sum, expected, expected * 1e-6);

    // And as drawn: float triangles relative to the origin.
    const Scene scene = build_scene(store, {});
    const Layer* layer = scene.find("ward");
    ASSERT_NE(layer, nullptr);
    ASSERT_EQ(layer->fill.triangles.size() % 3, 0u);
    double drawn = 0;
    for (std::size_t i = 0; i < layer->fill.triangles.size(); i += 3) {
        const auto& a = layer->fill.triangles[i];
        const auto& b = layer->fill.triangles[i + 1];
        const auto& c = layer->fill.triangles[i + 2];
        drawn += 0.5 * ((double{b[0]} - double{a[0]}) * (double{c[1]} - double{a[1]}) -
                        (double{c[0]} - double{a[0]}) * (double{b[1]} - double{a[1]}));
    }
    EXPECT_NEAR(drawn, expected, expected * 1e-5); // float rounding of ~5 km coordinates
    EXPECT_GE(layer->lines.segments.size(), vertices - ward.parts.size());
    ASSERT_EQ(layer->features.size(), 1u);
    EXPECT_EQ(layer->features[0].kind, FeatureRef::Kind::area);
    EXPECT_EQ(layer->features[0].id, wards[0].id);
}

TEST(SceneBuilder, RoadsAreStyledByClassWithOneFeaturePerEdge) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    data::Store& store = demo_store();
    const auto network = data::road_store(store)->load_network();
    const Scene scene = build_scene(store, {});
    const Layer* roads = scene.find("roads");
    ASSERT_NE(roads, nullptr);
    EXPECT_EQ(roads->features.size(), network.edge_count());
    ASSERT_EQ(roads->lines.styles.size(), std::size_t{geo::road::road_class_count});
    for (const auto& s : roads->lines.segments) {
        ASSERT_LT(s.feature, network.edge_count());
        EXPECT_EQ(s.style, static_cast<std::uint32_t>(network.edges[s.feature].road_class));
    }
    for (int c = 0; c < geo::road::road_class_count; ++c)
        EXPECT_TRUE(testing::same(roads->lines.styles[static_cast<std::size_t>(c)],
                                  road_style(static_cast<geo::road::RoadClass>(c))));
    // Street names are labels for high zoom only.
    for (const auto& l : roads->labels) {
        EXPECT_FALSE(l.text.empty());
        EXPECT_LE(l.max_mpp, 5.0f);
    }
}

TEST(SceneBuilder, RebuildReplacesContentBumpsRevisionAndKeepsPanelState) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    testing::DemoStore store("rebuild");
    Scene scene = build_scene(*store, {});
    Layer* tppv = scene.find("persons.tppv");
    ASSERT_NE(tppv, nullptr);
    tppv->visible = false;
    tppv->opacity = 0.5f;
    const auto revision = tppv->revision;
    const auto before = tppv->features.size();
    ASSERT_GT(before, 0u);

    // Hospitalise one TPPV user and move them: the status colour and position follow.
    auto person = store->registry().person(tppv->features[0].id);
    ASSERT_TRUE(person.has_value());
    person->status = data::PersonStatus::hospitalised;
    person->location = geo::LonLat(139.7200, 35.7300);
    store->registry().upsert_person(*person);
    const auto facilities_revision = scene.find("facilities.rescue_centre")->revision;
    rebuild_persons(scene, *store, {});

    tppv = scene.find("persons.tppv");
    EXPECT_NE(tppv->revision, revision);
    EXPECT_FALSE(tppv->visible);
    EXPECT_FLOAT_EQ(tppv->opacity, 0.5f);
    EXPECT_EQ(tppv->features.size(), before);
    const auto& point = tppv->points.points[0];
    EXPECT_TRUE(testing::same(tppv->points.styles[point.style],
                              person_style(DeviceGroup::tppv, data::PersonStatus::hospitalised)));
    const auto xy = geo::PlaneProjector().to_plane(geo::LonLat(139.7200, 35.7300));
    EXPECT_NEAR(double{point.x} + scene.origin.x_east_m, xy.x_east_m, 0.01);
    EXPECT_EQ(scene.find("facilities.rescue_centre")->revision, facilities_revision);

    // A rescue centre marked closed gets the closed symbol and a legend entry for it.
    const Layer* rescue = scene.find("facilities.rescue_centre");
    auto facility = store->facilities().facility(rescue->features[0].id);
    ASSERT_TRUE(facility.has_value());
    facility->status = data::FacilityStatus::closed;
    store->facilities().upsert_facility(*facility);
    // A planner places the disaster base hospital by hand; it is full.
    auto hospital = store->facilities().facility_by_external_id("disaster_base_hospital-01");
    ASSERT_TRUE(hospital.has_value());
    ASSERT_FALSE(hospital->location.has_value());
    hospital->location = geo::LonLat(139.7290, 35.7255);
    hospital->geocode_precision = data::GeocodePrecision::manual;
    hospital->status = data::FacilityStatus::full;
    store->facilities().upsert_facility(*hospital);
    const auto base_revision = scene.find("facilities.disaster_base_hospital")->revision;
    rebuild_facilities(scene, *store, {});

    rescue = scene.find("facilities.rescue_centre");
    EXPECT_NE(rescue->revision, facilities_revision);
    const FacilitySymbol symbol = facility_symbol(facility->kind, facility->relief_station);
    std::optional<std::uint32_t> style;
    for (const auto& p : rescue->points.points)
        if (rescue->features[p.feature].id == facility->id) style = p.style;
    ASSERT_TRUE(style.has_value());
    EXPECT_TRUE(testing::same(rescue->points.styles[*style],
                              facility_style(symbol, data::FacilityStatus::closed)));
    bool listed = false;
    for (const auto& e : rescue->legend)
        listed = listed || (e.style == *style &&
                            e.label_ja == std::string(facility_label_ja(symbol)) + "（閉鎖）" &&
                            e.label_en == std::string(facility_label_en(symbol)) + " (closed)");
    EXPECT_TRUE(listed);

    const Layer* base = scene.find("facilities.disaster_base_hospital");
    EXPECT_NE(base->revision, base_revision);
    ASSERT_EQ(base->points.points.size(), 1u);
    EXPECT_EQ(base->features[0].id, hospital->id);
    EXPECT_TRUE(testing::same(
        base->points.styles[base->points.points[0].style],
        facility_style(FacilitySymbol::disaster_base_hospital, data::FacilityStatus::full)));
    ASSERT_EQ(base->labels.size(), 1u);
    EXPECT_EQ(base->labels[0].text, "都立大塚病院");
}

TEST(SceneBuilder, ReliefStationsHaveTheirOwnSymbolInTheRescueCentreLayer) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    data::Store& store = demo_store();
    const Scene scene = build_scene(store, {});
    const Layer* rescue = scene.find("facilities.rescue_centre");
    ASSERT_NE(rescue, nullptr);
    const PointStyle relief = facility_style(FacilitySymbol::relief_station);
    int relief_points = 0;
    for (const auto& p : rescue->points.points) {
        const auto f = store.facilities().facility(rescue->features[p.feature].id);
        ASSERT_TRUE(f.has_value());
        EXPECT_EQ(testing::same(rescue->points.styles[p.style], relief), f->relief_station)
            << f->name;
        relief_points += f->relief_station ? 1 : 0;
    }
    EXPECT_GT(relief_points, 0);
    ASSERT_GE(rescue->legend.size(), 2u);
    EXPECT_EQ(rescue->legend[0].label_ja, "救援センター");
    EXPECT_EQ(rescue->legend[1].label_ja, "救援センター（医療救護所）");
}

TEST(SceneBuilder, EmptyStoreGivesEmptyButStableLayers) {
    const auto path = testing::temp_db_path("empty");
    {
        auto store = data::open_store(path.string());
        const Scene scene = build_scene(*store, {});
        // No ward, no roads: the (empty) outage layer, 6 facility and 4 person layers.
        EXPECT_EQ(scene.layers.size(), 11u);
        EXPECT_TRUE(scene.home.empty());
        for (const auto& l : scene.layers)
            EXPECT_TRUE(l.features.empty()) << l.id;
    }
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path.string() + suffix);
}

TEST(SceneBuilder, OutageAreasOfTheActiveIncidentAreDrawnUntilRestored) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    testing::DemoStore store("outages");
    Scene scene = build_scene(*store, {});
    ASSERT_NE(scene.find("outages"), nullptr);
    EXPECT_TRUE(scene.find("outages")->features.empty()); // no incident yet

    data::Incident incident;
    incident.title = "訓練";
    incident.onset_at = "2026-11-22T00:00:00Z";
    incident.is_drill = true;
    incident.is_active = true;
    const auto incident_id = store->incidents().declare_incident(incident);
    const auto square = [](double lon, double lat) {
        geo::Polygon p;
        p.outer.points = {geo::LonLat(lon, lat), geo::LonLat(lon + 0.01, lat),
                          geo::LonLat(lon + 0.01, lat + 0.01), geo::LonLat(lon, lat + 0.01),
                          geo::LonLat(lon, lat)};
        return geo::MultiPolygon{{p}};
    };
    data::OutageArea a;
    a.incident_id = incident_id;
    a.name = "池袋停電";
    a.starts_at = "2026-11-22T00:05:00Z";
    a.area = square(139.70, 35.72);
    const auto kept = store->incidents().add_outage_area(a);
    a.name = "目白停電";
    a.area = square(139.69, 35.71);
    const auto restored = store->incidents().add_outage_area(a);
    ASSERT_TRUE(store->incidents().restore_outage_area(restored, "2026-11-22T03:00:00Z"));

    const auto old_revision = scene.find("outages")->revision;
    rebuild_outages(scene, *store, {});
    const Layer* outages = scene.find("outages");
    ASSERT_NE(outages, nullptr);
    EXPECT_NE(outages->revision, old_revision);
    ASSERT_EQ(outages->features.size(), 1u);
    EXPECT_EQ(outages->features[0].id, kept);
    EXPECT_EQ(outages->features[0].external_id, "outage:" + std::to_string(kept));
    // One square: two triangles whose area is the square's (about 1,000 m x 1,100 m).
    ASSERT_EQ(outages->fill.triangles.size(), 6u);
    double area = 0;
    for (std::size_t i = 0; i < 6; i += 3) {
        const auto& p0 = outages->fill.triangles[i];
        const auto& p1 = outages->fill.triangles[i + 1];
        const auto& p2 = outages->fill.triangles[i + 2];
        area += 0.5 * std::abs(double{p1[0] - p0[0]} * double{p2[1] - p0[1]} -
                               double{p2[0] - p0[0]} * double{p1[1] - p0[1]});
    }
    EXPECT_NEAR(area, geo::MultiPolygon(square(139.70, 35.72)).area_m2(geo::PlaneProjector()),
                area * 1e-4);
    ASSERT_EQ(outages->labels.size(), 1u);
    EXPECT_EQ(outages->labels[0].text, "池袋停電");
    // Built from scratch the layer sits right above the ward.
    const Scene again = build_scene(*store, {});
    ASSERT_GE(again.layers.size(), 2u);
    EXPECT_EQ(again.layers[1].id, "outages");
    EXPECT_EQ(again.layers[1].features.size(), 1u);
}

} // namespace
} // namespace breathline::map
