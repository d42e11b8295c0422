#include "console/map/picking.h"
#include "console/map/scene_builder.h"
#include "geo/random.h"
#include "tests/map/demo_store.h"

#include <gtest/gtest.h>

namespace breathline::map {
namespace {

geo::PlaneXY absolute(const Scene& scene, double x, double y) {
    return {scene.origin.x_east_m + x, scene.origin.y_north_m + y};
}

// A small hand-made scene: a square area, a road through it, two points on the road.
//
//   (0,100) +-----------+ (100,100)
//           |     a  b  |         road: (-50,50) -> (150,50)
//           |-----*--*--|------   a = (50,50) in "pois", b = (70,50) in "pois2" (top-most)
//           |           |
//     (0,0) +-----------+ (100,0)
Scene toy_scene() {
    Scene scene;
    scene.origin = {-10'000, -30'000};
    Layer area;
    area.id = "area";
    area.fill.colour = {200, 200, 200, 255};
    area.fill.triangles = {{0, 0}, {100, 0}, {100, 100}, {0, 0}, {100, 100}, {0, 100}};
    area.lines.styles = {LineStyle{{0, 0, 0, 255}, 1.0f}};
    area.lines.segments = {{0, 0, 100, 0, 0, 0},
                           {100, 0, 100, 100, 0, 0},
                           {100, 100, 0, 100, 0, 0},
                           {0, 100, 0, 0, 0, 0}};
    area.features = {{FeatureRef::Kind::area, 7, ""}};
    Layer road;
    road.id = "road";
    road.lines.styles = {LineStyle{{255, 255, 255, 255}, 4.0f}};
    road.lines.segments = {{-50, 50, 50, 50, 0, 0}, {50, 50, 150, 50, 0, 0}};
    road.features = {{FeatureRef::Kind::road_edge, 3, ""}};
    Layer pois;
    pois.id = "pois";
    pois.points.styles = {PointStyle{Shape::circle, {255, 0, 0, 255}, {}, 10.0f}};
    pois.points.points = {{50, 50, 0, 0}};
    pois.features = {{FeatureRef::Kind::facility, 11, "F-11"}};
    Layer pois2 = pois;
    pois2.id = "pois2";
    pois2.points.points = {{50, 50, 0, 0}, {70, 50, 0, 1}};
    pois2.features = {{FeatureRef::Kind::facility, 21, "F-21"},
                      {FeatureRef::Kind::facility, 22, "F-22"}};
    scene.layers = {area, road, pois, pois2};
    return scene;
}

TEST(Picker, TopMostLayerWinsThenPointsLinesFills) {
    const Scene scene = toy_scene();
    Picker picker;
    picker.sync(scene);
    const Camera camera(absolute(scene, 50, 50), 1.0, 400, 300); // 1 m per pixel

    // Both point layers have a symbol at (50,50): the top-most (pois2) wins.
    auto hit = picker.pick(scene, camera, camera.world_to_screen(absolute(scene, 50, 50)), 3);
    ASSERT_TRUE(hit.has_value());
    EXPECT_EQ(hit->layer_id, "pois2");
    EXPECT_EQ(hit->feature.id, 21);
    EXPECT_EQ(hit->feature.external_id, "F-21");
    EXPECT_NEAR(hit->distance_px, 0, 1e-9);

    // Near b: b.
    hit = picker.pick(scene, camera, camera.world_to_screen(absolute(scene, 68, 51)), 3);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->feature.id, 22);
    EXPECT_NEAR(hit->distance_px, std::hypot(2.0, 1.0), 1e-6);

    // On the road away from the points: the road.
    hit = picker.pick(scene, camera, camera.world_to_screen(absolute(scene, 20, 52)), 3);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->layer_id, "road");
    EXPECT_EQ(hit->feature.kind, FeatureRef::Kind::road_edge);
    EXPECT_NEAR(hit->distance_px, 2.0, 1e-4);

    // Inside the square away from the road: the area.
    hit = picker.pick(scene, camera, camera.world_to_screen(absolute(scene, 20, 80)), 3);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->layer_id, "area");
    EXPECT_EQ(hit->feature.id, 7);

    // Outside everything: nothing.
    EXPECT_FALSE(picker.pick(scene, camera, camera.world_to_screen(absolute(scene, 130, 90)), 3));
    EXPECT_FALSE(picker.pick(scene, camera, camera.world_to_screen(absolute(scene, -20, 20)), 3));
}

TEST(Picker, HiddenLayersAndHiddenRoadClassesAreNotPicked) {
    Scene scene = toy_scene();
    Picker picker;
    picker.sync(scene);
    const Camera camera(absolute(scene, 50, 50), 1.0, 400, 300);
    const ScreenXY at = camera.world_to_screen(absolute(scene, 50, 50));

    scene.find("pois2")->visible = false;
    auto hit = picker.pick(scene, camera, at, 3);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->layer_id, "pois");
    scene.find("pois")->opacity = 0.0f;
    hit = picker.pick(scene, camera, at, 3);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->layer_id, "road");

    // The road class is hidden beyond 0.5 m per pixel: picking falls through to the area.
    scene.find("road")->lines.styles[0].max_mpp = 0.5f;
    scene.find("road")->revision++;
    picker.sync(scene);
    hit = picker.pick(scene, camera, at, 3);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->layer_id, "area");
    scene.find("area")->visible = false;
    EXPECT_FALSE(picker.pick(scene, camera, at, 3));
}

TEST(Picker, SymbolSizeAndRadiusAreInPixelsAtAnyZoom) {
    const Scene scene = toy_scene();
    Picker picker;
    picker.sync(scene);
    for (const double mpp : {0.1, 1.0, 10.0}) {
        const Camera camera(absolute(scene, 70, 50), mpp, 400, 300);
        const ScreenXY centre = camera.world_to_screen(absolute(scene, 70, 50));
        // 10 px symbol: radius 5 px plus 3 px pick radius reaches 8 px, not 9.
        auto hit = picker.pick(scene, camera, {centre.x, centre.y - 7.9}, 3);
        ASSERT_TRUE(hit) << mpp;
        EXPECT_EQ(hit->layer_id, "pois2");
        EXPECT_EQ(hit->feature.id, 22) << mpp;
        hit = picker.pick(scene, camera, {centre.x, centre.y - 8.1}, 3);
        EXPECT_TRUE(!hit || hit->layer_id != "pois2") << mpp;
    }
}

TEST(Picker, StaleLayersAreReindexedOnSync) {
    Scene scene = toy_scene();
    Picker picker;
    picker.sync(scene);
    const Camera camera(absolute(scene, 50, 50), 1.0, 400, 300);
    // Move b far away; until sync the old index (and revision) no longer matches: skipped.
    scene.find("pois2")->points.points[1] = {-500, -500, 0, 1};
    scene.find("pois2")->revision++;
    const ScreenXY old_b = camera.world_to_screen(absolute(scene, 70, 50));
    auto hit = picker.pick(scene, camera, old_b, 2);
    ASSERT_TRUE(hit);
    EXPECT_NE(hit->layer_id, "pois2");
    picker.sync(scene);
    hit = picker.pick(scene, camera, camera.world_to_screen(absolute(scene, -500, -500)), 2);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->feature.id, 22);
}

TEST(Picker, HolesAreNotPartOfTheArea) {
    Scene scene;
    Layer area;
    area.id = "area";
    area.fill.colour = {1, 2, 3, 255};
    area.fill.triangles = {{0, 0}, {1, 0}, {0, 1}}; // only presence matters for the inside test
    area.lines.styles = {LineStyle{}};
    auto ring = [&](std::vector<std::array<float, 2>> pts, std::uint32_t feature) {
        for (std::size_t i = 0; i < pts.size(); ++i) {
            const auto& a = pts[i];
            const auto& b = pts[(i + 1) % pts.size()];
            area.lines.segments.push_back({a[0], a[1], b[0], b[1], 0, feature});
        }
    };
    ring({{0, 0}, {100, 0}, {100, 100}, {0, 100}}, 0);
    ring({{40, 40}, {60, 40}, {60, 60}, {40, 60}}, 0); // hole
    ring({{45, 45}, {55, 45}, {50, 55}}, 1);           // island inside the hole
    // A polyline feature crossing the area must not be taken for an area.
    area.lines.segments.push_back({-10, 20, 110, 20, 0, 2});
    area.features = {{FeatureRef::Kind::user_feature, 100, ""},
                     {FeatureRef::Kind::user_feature, 101, ""},
                     {FeatureRef::Kind::user_feature, 102, ""}};
    scene.layers = {area};
    Picker picker;
    picker.sync(scene);
    const Camera camera({50, 50}, 1.0, 400, 300);
    auto pick_at = [&](double x, double y) {
        return picker.pick(scene, camera, camera.world_to_screen({x, y}), 0.5);
    };
    ASSERT_TRUE(pick_at(10, 80));
    EXPECT_EQ(pick_at(10, 80)->feature.id, 100);
    EXPECT_FALSE(pick_at(42, 58)); // in the hole
    ASSERT_TRUE(pick_at(50, 48));
    EXPECT_EQ(pick_at(50, 48)->feature.id, 101);
    EXPECT_EQ(pick_at(30, 20.2)->feature.id, 102); // on the line
    EXPECT_EQ(pick_at(30, 10)->feature.id, 100);
}

TEST(Picker, DemoPersonAndFacilityArePickedAtTheirScreenPosition) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    data::Store& store = testing::demo_store();
    Scene scene = build_scene(store, {});
    Picker picker;
    picker.sync(scene);
    Camera camera({0, 0}, 1.0, 1280, 800);
    camera.fit(scene.home);

    // A rescue centre (located from the GSI shelters).
    const Layer* rescue = scene.find("facilities.rescue_centre");
    ASSERT_NE(rescue, nullptr);
    ASSERT_FALSE(rescue->points.points.empty());
    const auto rp = rescue->points.points[5];
    camera.set_center(absolute(scene, rp.x, rp.y));
    camera.set_metres_per_pixel(0.5); // zoomed in so no neighbour competes
    auto hit = picker.pick(scene, camera, camera.world_to_screen(absolute(scene, rp.x, rp.y)), 4);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->layer_id, "facilities.rescue_centre");
    EXPECT_EQ(hit->feature.kind, FeatureRef::Kind::facility);
    EXPECT_EQ(hit->feature, rescue->features[rp.feature]);
    // A few pixels off the symbol's centre still hits it; far off does not.
    const auto near = camera.world_to_screen(absolute(scene, rp.x, rp.y));
    hit = picker.pick(scene, camera, {near.x + 6, near.y - 3}, 4);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->feature, rescue->features[rp.feature]);
    hit = picker.pick(scene, camera, {near.x + 40, near.y}, 4);
    EXPECT_TRUE(!hit || hit->layer_id != "facilities.rescue_centre");

    // A known person: the first TPPV user, found by the registry number.
    const Layer* tppv = scene.find("persons.tppv");
    ASSERT_NE(tppv, nullptr);
    ASSERT_FALSE(tppv->points.points.empty());
    const auto person = store.registry().person_by_external_id(tppv->features[0].external_id);
    ASSERT_TRUE(person && person->location);
    const auto where = geo::PlaneProjector().to_plane(*person->location);
    camera.set_center(where);
    camera.set_metres_per_pixel(0.2);
    hit = picker.pick(scene, camera, camera.world_to_screen(where), 3);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->layer_id, "persons.tppv");
    EXPECT_EQ(hit->feature.id, person->id);
    EXPECT_EQ(hit->feature.external_id, person->external_id);

    // Hiding the person layers lets the click fall through to what lies beneath.
    for (auto& l : scene.layers)
        if (l.id.starts_with("persons.")) l.visible = false;
    hit = picker.pick(scene, camera, camera.world_to_screen(where), 3);
    ASSERT_TRUE(hit);
    EXPECT_FALSE(hit->layer_id.starts_with("persons."));
    EXPECT_EQ(hit->layer_id, "ward"); // homes lie inside the ward, off the arterial roads

    // Far outside the ward (east of Tokyo station): nothing.
    const auto far = geo::PlaneProjector().to_plane(geo::LonLat(139.80, 35.68));
    camera.set_center(far);
    EXPECT_FALSE(picker.pick(scene, camera, camera.world_to_screen(far), 3));
}

TEST(Picker, HundredThousandPointsFindTheRightOne) {
    Scene scene;
    Layer layer;
    layer.id = "many";
    layer.points.styles = {PointStyle{Shape::circle, {}, {}, 6.0f}};
    geo::Rng rng(42);
    for (std::uint32_t i = 0; i < 100'000; ++i) {
        layer.points.points.push_back({static_cast<float>(rng.uniform01() * 8000),
                                       static_cast<float>(rng.uniform01() * 8000), 0, i});
        layer.features.push_back({FeatureRef::Kind::person, i, ""});
    }
    scene.layers.push_back(layer);
    Picker picker;
    picker.sync(scene);
    const Camera camera({4000, 4000}, 0.05, 1000, 1000);
    for (std::uint32_t i = 0; i < 100'000; i += 9973) {
        const auto& p = scene.layers[0].points.points[i];
        Camera c = camera;
        c.set_center({p.x, p.y});
        const auto hit = picker.pick(scene, c, c.world_to_screen({p.x, p.y}), 2);
        ASSERT_TRUE(hit);
        // Another point may coincide within 5 cm only by chance; then it is as near.
        const auto& q = scene.layers[0].points.points[static_cast<std::size_t>(hit->feature.id)];
        EXPECT_NEAR(q.x, p.x, 0.05);
        EXPECT_NEAR(q.y, p.y, 0.05);
    }
}

} // namespace
} // namespace breathline::map
