#include "console/map/labels.h"
#include "console/map/scene_builder.h"
#include "geo/random.h"
#include "tests/map/demo_store.h"

#include <gtest/gtest.h>

namespace breathline::map {
namespace {

// 8 px per byte, 14 px high: simple and exact.
const MeasureText k_measure = [](std::string_view s) {
    return std::pair<float, float>{8.0f * static_cast<float>(s.size()), 14.0f};
};

bool overlap(const PlacedLabel& a, const PlacedLabel& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

void expect_no_overlaps(const std::vector<PlacedLabel>& placed) {
    for (std::size_t i = 0; i < placed.size(); ++i)
        for (std::size_t j = i + 1; j < placed.size(); ++j)
            EXPECT_FALSE(overlap(placed[i], placed[j]))
                << placed[i].text << " / " << placed[j].text;
}

Layer label_layer(std::string id, bool with_points) {
    Layer l;
    l.id = std::move(id);
    if (with_points) l.points.styles = {PointStyle{Shape::circle, {}, {}, 10.0f}};
    return l;
}

void add(Layer& l, std::string text, double x, double y, float priority, float max_mpp = 1e9f) {
    const auto f = static_cast<std::uint32_t>(l.features.size());
    l.features.push_back({});
    if (!l.points.styles.empty())
        l.points.points.push_back({static_cast<float>(x), static_cast<float>(y), 0, f});
    l.labels.push_back({std::move(text), {x, y}, priority, max_mpp, f});
}

TEST(Labels, HigherPriorityWinsACollision) {
    Scene scene;
    Layer streets = label_layer("streets", false);
    add(streets, "LOW", 0, 0, 1.0f);
    add(streets, "HIGH", 5, 0, 9.0f); // overlaps LOW on screen
    add(streets, "ALONE", 0, 200, 0.5f);
    scene.layers = {streets};
    const Camera camera({0, 0}, 1.0, 800, 600);
    const auto placed = place_labels(scene, camera, k_measure, 1.0f);
    ASSERT_EQ(placed.size(), 2u);
    EXPECT_EQ(placed[0].text, "HIGH");
    EXPECT_EQ(placed[1].text, "ALONE");
    // Centred on the anchor: HIGH is 32 x 14 around screen (405, 300).
    EXPECT_FLOAT_EQ(placed[0].x, 405.0f - 16.0f);
    EXPECT_FLOAT_EQ(placed[0].y, 300.0f - 7.0f);
    EXPECT_FLOAT_EQ(placed[0].w, 32.0f);
    EXPECT_EQ(placed[0].layer_id, "streets");
    EXPECT_EQ(placed[0].feature, 1u);
}

TEST(Labels, PointLabelsSitRightOfTheSymbol) {
    Scene scene;
    Layer pois = label_layer("pois", true);
    add(pois, "P", 0, 0, 1.0f);
    scene.layers = {pois};
    const Camera camera({0, 0}, 1.0, 800, 600);
    for (const float scale : {1.0f, 2.0f}) {
        const auto placed = place_labels(scene, camera, k_measure, scale);
        ASSERT_EQ(placed.size(), 1u);
        EXPECT_FLOAT_EQ(placed[0].x, 400.0f + (5.0f + 3.0f) * scale);
        EXPECT_FLOAT_EQ(placed[0].y, 300.0f - 7.0f);
    }
}

TEST(Labels, ZoomAndViewportCulling) {
    Scene scene;
    Layer streets = label_layer("streets", false);
    add(streets, "ZOOMED", 0, 0, 1.0f, 2.0f); // shown only at 2 m/px or closer
    add(streets, "EDGE", 395, 0, 1.0f);       // box would stick out of the right edge
    add(streets, "OUTSIDE", 5000, 0, 1.0f);
    scene.layers = {streets};
    Camera camera({0, 0}, 1.0, 800, 600);
    auto placed = place_labels(scene, camera, k_measure, 1.0f);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_EQ(placed[0].text, "ZOOMED");
    camera.set_metres_per_pixel(2.5);
    placed = place_labels(scene, camera, k_measure, 1.0f);
    ASSERT_EQ(placed.size(), 1u); // EDGE now fits; ZOOMED is culled by zoom
    EXPECT_EQ(placed[0].text, "EDGE");
    for (const auto& p : placed) {
        EXPECT_GE(p.x, 0);
        EXPECT_LE(p.x + p.w, 800);
    }
}

TEST(Labels, HiddenLayersHaveNoLabels) {
    Scene scene;
    Layer a = label_layer("a", false);
    add(a, "A", 0, 0, 1.0f);
    Layer b = label_layer("b", false);
    add(b, "B", 0, 100, 1.0f);
    b.visible = false;
    scene.layers = {a, b};
    const auto placed = place_labels(scene, Camera({0, 0}, 1.0, 800, 600), k_measure, 1.0f);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_EQ(placed[0].text, "A");
}

TEST(Labels, EqualPriorityTopMostLayerFirst) {
    Scene scene;
    Layer bottom = label_layer("bottom", false);
    add(bottom, "BOTTOM", 0, 0, 5.0f);
    Layer top = label_layer("top", false);
    add(top, "TOP", 0, 0, 5.0f);
    scene.layers = {bottom, top};
    const auto placed = place_labels(scene, Camera({0, 0}, 1.0, 800, 600), k_measure, 1.0f);
    ASSERT_EQ(placed.size(), 1u);
    EXPECT_EQ(placed[0].text, "TOP");
}

TEST(Labels, ThousandsOfRandomLabelsNeverOverlapAndAreDeterministic) {
    Scene scene;
    Layer pois = label_layer("pois", true);
    Layer streets = label_layer("streets", false);
    geo::Rng rng(3);
    for (int i = 0; i < 3000; ++i) {
        const double x = rng.uniform01() * 1600 - 800, y = rng.uniform01() * 1200 - 600;
        const auto len = static_cast<std::size_t>(1 + rng.uniform_int(0, 12));
        add(i % 2 ? pois : streets, std::string(len, static_cast<char>('a' + i % 26)), x, y,
            static_cast<float>(rng.uniform_int(0, 5)));
    }
    scene.layers = {streets, pois};
    const Camera camera({0, 0}, 1.0, 1280, 800);
    const auto placed = place_labels(scene, camera, k_measure, 1.0f);
    EXPECT_GT(placed.size(), 50u);
    EXPECT_LT(placed.size(), 3000u);
    expect_no_overlaps(placed);
    for (const auto& p : placed) {
        EXPECT_GE(p.x, 0);
        EXPECT_GE(p.y, 0);
        EXPECT_LE(p.x + p.w, 1280);
        EXPECT_LE(p.y + p.h, 800);
    }
    // Greedy by priority: every dropped label of the top priority collides with a kept one of
    // at least the same priority; so the highest priority present is among the kept ones.
    float best = -1;
    for (const auto& l : scene.layers)
        for (const auto& c : l.labels)
            best = std::max(best, c.priority);
    bool kept_best = false;
    for (const auto& p : placed)
        for (const auto& c : scene.find(p.layer_id)->labels)
            if (c.feature == p.feature && c.priority == best) kept_best = true;
    EXPECT_TRUE(kept_best);

    const auto again = place_labels(scene, camera, k_measure, 1.0f);
    ASSERT_EQ(again.size(), placed.size());
    for (std::size_t i = 0; i < placed.size(); ++i) {
        EXPECT_EQ(again[i].text, placed[i].text);
        EXPECT_EQ(again[i].x, placed[i].x);
        EXPECT_EQ(again[i].y, placed[i].y);
        EXPECT_EQ(again[i].layer_id, placed[i].layer_id);
    }
}

TEST(Labels, DemoFacilityNamesAppearWhenZoomedInAndPersonsNever) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    const Scene scene = build_scene(testing::demo_store(), {});
    Camera camera({0, 0}, 1.0, 1280, 800);
    camera.fit(scene.home);
    // Japanese text: about 14 px per character (3 bytes each in UTF-8).
    const MeasureText measure = [](std::string_view s) {
        return std::pair<float, float>{14.0f * static_cast<float>(s.size()) / 3.0f, 16.0f};
    };
    auto placed = place_labels(scene, camera, measure, 1.0f);
    expect_no_overlaps(placed);
    ASSERT_LT(camera.metres_per_pixel(), 6.0); // the ward fills the view
    std::size_t facility_labels = 0;
    for (const auto& p : placed) {
        EXPECT_FALSE(p.layer_id.starts_with("persons.")) << p.text;
        EXPECT_NE(p.layer_id, "roads") << "street names only at high zoom";
        facility_labels += p.layer_id.starts_with("facilities.") ? 1 : 0;
    }
    EXPECT_GT(facility_labels, 5u);
    // 36 rescue centres cannot all be named at ward scale without collisions.
    EXPECT_LT(facility_labels, 41u);

    // Zoomed in: more room, still no overlaps.
    camera.set_metres_per_pixel(2.0);
    placed = place_labels(scene, camera, measure, 1.0f);
    expect_no_overlaps(placed);
    EXPECT_FALSE(placed.empty());
    // Zoomed out beyond every facility's max_mpp: no labels at all.
    camera.set_metres_per_pixel(50.0);
    EXPECT_TRUE(place_labels(scene, camera, measure, 1.0f).empty());
}

} // namespace
} // namespace breathline::map
