// MapRenderer on hand-made scenes: what each primitive draws, where, in
// which colour; uploads only on revision changes; per-layer opacity,
// culling and the selection highlight.
#include "console/render/line_renderer.h"
#include "console/render/map_renderer.h"
#include "console/render/png.h"
#include "ui_test_support.h"

#include <cstdlib>
#include <gtest/gtest.h>

namespace breathline::ui {
namespace {

using testing::colour_distance;
using testing::pixel;
using testing::snapshotter;
using testing::to_string;

constexpr map::Rgba k_bg{242, 239, 233, 255};
constexpr map::Rgba k_red{200, 30, 30, 255};
constexpr map::Rgba k_blue{30, 60, 200, 255};
constexpr map::Rgba k_white{255, 255, 255, 255};

/// 200 x 100 pixels at 1 m per pixel, origin at the view's centre: layer
/// coordinate (x, y) is screen pixel (100 + x, 50 - y).
map::Camera test_camera() {
    return map::Camera({1000, 2000}, 1.0, 200, 100);
}

map::Scene empty_scene() {
    map::Scene scene;
    scene.origin = {1000, 2000};
    return scene;
}

/// A layer id no other test used: the renderer is shared by the whole
/// process and keys its buffers by layer id and revision.
std::string fresh(const std::string& prefix) {
    static int n = 0;
    return prefix + "." + std::to_string(++n);
}

map::Layer line_layer(std::string id, std::vector<map::Segment> segments, float width = 10.0f) {
    map::Layer l;
    l.id = std::move(id);
    map::LineStyle s;
    s.colour = k_red;
    s.width_px = width;
    l.lines.styles.push_back(s);
    l.lines.segments = std::move(segments);
    l.features.push_back({map::FeatureRef::Kind::road_edge, 7, ""});
    return l;
}

map::Layer point_layer(std::string id, map::Shape shape, float x, float y, float size = 20.0f) {
    map::Layer l;
    l.id = std::move(id);
    l.points.styles.push_back({shape, k_blue, k_white, size});
    l.points.points.push_back({x, y, 0, 0});
    l.features.push_back({map::FeatureRef::Kind::person, 42, "T-0042"});
    return l;
}

/// Renders without the overlay. With BREATHLINE_TEST_DUMP_DIR set, each
/// image is also written there as <test>_<n>.png, to look at.
Snapshot draw(const map::Scene& scene, const SnapshotOptions& options = {},
              const map::Camera& camera = test_camera()) {
    SnapshotOptions o = options;
    o.overlay = false;
    Snapshot shot = snapshotter().render(scene, camera, o);
    if (const char* dir = std::getenv("BREATHLINE_TEST_DUMP_DIR")) {
        static int n = 0;
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        render::write_png(std::string(dir) + "/" + info->name() + "_" + std::to_string(++n) +
                              ".png",
                          shot.width, shot.height, shot.rgba);
    }
    return shot;
}

TEST(MapRenderer, DrawsThickLinesWithRoundCaps) {
    map::Scene scene = empty_scene();
    scene.layers.push_back(line_layer(fresh("l"), {{-50, 0, 50, 0, 0, 0}}));
    const Snapshot shot = draw(scene);
    // On the line, 4 px off its axis (half width 5), beyond the end inside
    // the round cap, and outside the cap's corner.
    EXPECT_LE(colour_distance(pixel(shot, 100, 50), k_red), 2) << to_string(pixel(shot, 100, 50));
    EXPECT_LE(colour_distance(pixel(shot, 100, 46), k_red), 2);
    EXPECT_LE(colour_distance(pixel(shot, 152, 50), k_red), 2) << "round cap";
    EXPECT_LE(colour_distance(pixel(shot, 100, 40), k_bg), 2) << "beyond the half width";
    EXPECT_LE(colour_distance(pixel(shot, 154, 45), k_bg), 2) << "the cap is round, not square";
    EXPECT_LE(colour_distance(pixel(shot, 10, 50), k_bg), 2);
}

TEST(MapRenderer, DrawsCasingUnderLines) {
    map::Scene scene = empty_scene();
    map::Layer l = line_layer(fresh("l"), {{-50, 0, 50, 0, 0, 0}}, 6.0f);
    l.lines.styles[0].casing = k_blue;
    l.lines.styles[0].casing_px = 3.0f;
    scene.layers.push_back(l);
    const Snapshot shot = draw(scene);
    EXPECT_LE(colour_distance(pixel(shot, 100, 50), k_red), 2);
    EXPECT_LE(colour_distance(pixel(shot, 100, 45), k_blue), 2) << to_string(pixel(shot, 100, 45));
    EXPECT_LE(colour_distance(pixel(shot, 100, 40), k_bg), 2);
}

TEST(MapRenderer, HidesLineClassesBeyondTheirZoomRange) {
    map::Scene scene = empty_scene();
    map::Layer l = line_layer(fresh("l"), {{-50, 0, 50, 0, 0, 0}});
    l.lines.styles[0].max_mpp = 0.5f; // the view is at 1 m/px
    scene.layers.push_back(l);
    EXPECT_LE(colour_distance(pixel(draw(scene), 100, 50), k_bg), 2);
}

TEST(MapRenderer, DrawsEveryShapeWithFillAndOutline) {
    for (int s = 0; s <= static_cast<int>(map::Shape::ring); ++s) {
        const auto shape = static_cast<map::Shape>(s);
        map::Scene scene = empty_scene();
        scene.layers.push_back(point_layer(fresh("p"), shape, 0, 0, 30.0f));
        const Snapshot shot = draw(scene);
        int blue = 0, white = 0;
        for (int y = 0; y < shot.height; ++y)
            for (int x = 0; x < shot.width; ++x) {
                if (colour_distance(pixel(shot, x, y), k_blue) <= 2) ++blue;
                if (colour_distance(pixel(shot, x, y), k_white) <= 2) ++white;
                // Nothing outside the symbol's 30 px diameter (+1 AA).
                if (std::abs(x + 0.5 - 100) > 16.5 || std::abs(y + 0.5 - 50) > 16.5) {
                    ASSERT_LE(colour_distance(pixel(shot, x, y), k_bg), 2)
                        << "shape " << s << " at " << x << "," << y;
                }
            }
        if (shape == map::Shape::ring) {
            EXPECT_LE(colour_distance(pixel(shot, 100, 50), k_bg), 2) << "a ring is hollow";
            EXPECT_GT(blue, 60) << "ring";
        } else {
            EXPECT_LE(colour_distance(pixel(shot, 100, 50), k_blue), 2) << "shape " << s;
            EXPECT_GT(blue, 80) << "shape " << s;
            EXPECT_GT(white, 20) << "outline of shape " << s;
        }
    }
}

TEST(MapRenderer, ShapesDiffer) {
    // Each shape covers a different set of pixels (a distinct symbol).
    std::vector<std::vector<bool>> masks;
    for (int s = 0; s <= static_cast<int>(map::Shape::ring); ++s) {
        map::Scene scene = empty_scene();
        scene.layers.push_back(point_layer(fresh("p"), static_cast<map::Shape>(s), 0, 0, 30.0f));
        const Snapshot shot = draw(scene);
        std::vector<bool> mask;
        for (int y = 0; y < shot.height; ++y)
            for (int x = 0; x < shot.width; ++x)
                mask.push_back(colour_distance(pixel(shot, x, y), k_bg) > 30);
        masks.push_back(std::move(mask));
    }
    for (std::size_t a = 0; a < masks.size(); ++a)
        for (std::size_t b = a + 1; b < masks.size(); ++b) {
            std::size_t diff = 0;
            for (std::size_t i = 0; i < masks[a].size(); ++i)
                diff += masks[a][i] != masks[b][i];
            EXPECT_GT(diff, 40u) << "shapes " << a << " and " << b;
        }
}

TEST(MapRenderer, FillsTrianglesAndDrawsRasters) {
    map::Scene scene = empty_scene();
    map::Layer fill;
    fill.id = fresh("fill");
    fill.fill.colour = {40, 160, 60, 255};
    // Left half of the view: x from -100 to 0.
    fill.fill.triangles = {{-100, -50}, {0, -50}, {0, 50}, {-100, -50}, {0, 50}, {-100, 50}};
    scene.layers.push_back(fill);
    map::Layer raster;
    raster.id = fresh("raster");
    raster.raster.width = 2;
    raster.raster.height = 1;
    raster.raster.rgba = {255, 0, 0, 255, 0, 0, 255, 255};
    // Right half, 1010..1090 east: left texel red, right texel blue.
    raster.raster.bounds = {1010, 1960, 1090, 2040};
    scene.layers.push_back(raster);
    const Snapshot shot = draw(scene);
    EXPECT_LE(colour_distance(pixel(shot, 50, 50), fill.fill.colour), 2);
    EXPECT_LE(colour_distance(pixel(shot, 112, 50), {255, 0, 0, 255}), 3)
        << to_string(pixel(shot, 112, 50));
    EXPECT_LE(colour_distance(pixel(shot, 188, 50), {0, 0, 255, 255}), 3);
    EXPECT_LE(colour_distance(pixel(shot, 195, 50), k_bg), 2) << "outside the raster's bounds";
    EXPECT_LE(colour_distance(pixel(shot, 112, 5), k_bg), 2);
}

TEST(MapRenderer, LayerOpacityBlendsTheLayerOnce) {
    map::Scene scene = empty_scene();
    // Two overlapping segments meeting at a join: at layer opacity 0.5 the
    // overlap must look like the rest of the line, not darker.
    map::Layer l = line_layer(fresh("l"), {{-50, 0, 0, 0, 0, 0}, {0, 0, 50, 0, 0, 0}});
    l.opacity = 0.5f;
    scene.layers.push_back(l);
    const Snapshot shot = draw(scene);
    const map::Rgba expected{static_cast<std::uint8_t>((k_red.r + k_bg.r) / 2),
                             static_cast<std::uint8_t>((k_red.g + k_bg.g) / 2),
                             static_cast<std::uint8_t>((k_red.b + k_bg.b) / 2), 255};
    EXPECT_LE(colour_distance(pixel(shot, 75, 50), expected), 3) << to_string(pixel(shot, 75, 50));
    EXPECT_LE(colour_distance(pixel(shot, 100, 50), expected), 3)
        << "join drawn twice: " << to_string(pixel(shot, 100, 50));
    scene.layers[0].visible = false;
    EXPECT_LE(colour_distance(pixel(draw(scene), 75, 50), k_bg), 2) << "hidden layer drawn";
}

TEST(MapRenderer, HighlightsTheSelection) {
    map::Scene scene = empty_scene();
    scene.layers.push_back(point_layer(fresh("p"), map::Shape::circle, 0, 0, 20.0f));
    const Snapshot plain = draw(scene);
    SnapshotOptions selected;
    selected.selection = map::FeatureRef{map::FeatureRef::Kind::person, 42, "T-0042"};
    const Snapshot shot = draw(scene, selected);
    // The ring sits 6 px outside the 10 px radius: at 14 px it is amber.
    const map::Rgba amber{255, 184, 0, 255};
    EXPECT_LE(colour_distance(pixel(plain, 114, 50), k_bg), 2);
    EXPECT_LT(colour_distance(pixel(shot, 114, 50), amber), 40) << to_string(pixel(shot, 114, 50));
    SnapshotOptions other;
    other.selection = map::FeatureRef{map::FeatureRef::Kind::person, 43, "T-0043"};
    EXPECT_LE(colour_distance(pixel(draw(scene, other), 114, 50), k_bg), 2);
}

TEST(MapRenderer, UploadsGeometryOnlyWhenTheRevisionChanges) {
    render::MapRenderer& r = snapshotter().renderer();
    map::Scene scene = empty_scene();
    scene.layers.push_back(line_layer("upload.lines", {{-50, 0, 50, 0, 0, 0}}));
    scene.layers.push_back(point_layer("upload.points", map::Shape::circle, 0, 0));
    r.sync(scene);
    const auto geometry = r.geometry_uploads();
    const auto styles = r.style_uploads();
    // Same revisions: nothing is uploaded, however often we sync and draw.
    r.sync(scene);
    draw(scene);
    EXPECT_EQ(r.geometry_uploads(), geometry);
    EXPECT_EQ(r.style_uploads(), styles);
    // A style change with a revision bump uploads the style table only.
    scene.layers[0].lines.styles[0].colour = k_blue;
    ++scene.layers[0].revision;
    const Snapshot restyled = draw(scene);
    EXPECT_EQ(r.geometry_uploads(), geometry);
    EXPECT_EQ(r.style_uploads(), styles + 1);
    EXPECT_LE(colour_distance(pixel(restyled, 60, 50), k_blue), 2) << "new style not drawn";
    // A geometry change uploads that layer only.
    scene.layers[1].points.points[0].x = 30;
    ++scene.layers[1].revision;
    r.sync(scene);
    EXPECT_EQ(r.geometry_uploads(), geometry + 1);
    // Changed content without a revision bump is not uploaded (the contract).
    scene.layers[1].points.points[0].x = -30;
    r.sync(scene);
    EXPECT_EQ(r.geometry_uploads(), geometry + 1);
}

TEST(MapRenderer, ASceneRebuiltFromScratchUnderTheSameIdsIsUploadedAgain) {
    render::MapRenderer& r = snapshotter().renderer();
    map::Scene first = empty_scene();
    first.layers.push_back(point_layer("rebuilt.points", map::Shape::circle, -30, 0));
    r.sync(first);
    const auto geometry = r.geometry_uploads();
    // A new scene (as after reopening a database) reuses the layer id; its
    // layer carries a revision never seen before, so the old buffers go.
    map::Scene second = empty_scene();
    second.layers.push_back(point_layer("rebuilt.points", map::Shape::circle, 30, 0));
    EXPECT_NE(second.layers[0].revision, first.layers[0].revision);
    r.sync(second);
    EXPECT_EQ(r.geometry_uploads(), geometry + 1);
}

TEST(MapRenderer, FreesLayersThatLeaveTheScene) {
    render::MapRenderer& r = snapshotter().renderer();
    map::Scene scene = empty_scene();
    std::vector<map::Segment> many(1000, map::Segment{-50, 0, 50, 0, 0, 0});
    scene.layers.push_back(line_layer("free.lines", many));
    r.sync(scene);
    const auto with = r.gpu_bytes();
    EXPECT_GE(with, 1000 * sizeof(map::Segment));
    scene.layers.clear();
    r.sync(scene);
    EXPECT_EQ(r.gpu_bytes(), 0u);
}

TEST(LineTiles, SortsSegmentsIntoTilesAndStylesKeepingEverySegment) {
    std::vector<map::Segment> segments;
    for (std::uint32_t i = 0; i < 50'000; ++i) {
        const auto x = static_cast<float>((i * 7919u) % 10'000);
        const auto y = static_cast<float>((i * 104'729u) % 8'000);
        segments.push_back({x, y, x + 30, y + 10, i % 3, i});
    }
    const render::TiledSegments tiled = render::tile_segments(segments, 4096);
    ASSERT_EQ(tiled.segments.size(), segments.size());
    EXPECT_EQ(tiled.tile_bounds.size(), 9u); // sqrt(50,000 / 4096) -> 3 x 3
    std::vector<bool> seen(segments.size());
    std::uint32_t expected_begin = 0;
    for (std::size_t r = 0; r < tiled.ranges.size(); ++r) {
        const auto& range = tiled.ranges[r];
        EXPECT_EQ(range.begin, expected_begin) << "ranges tile the buffer in order";
        expected_begin += range.count;
        if (r > 0) {
            const auto& prev = tiled.ranges[r - 1];
            EXPECT_TRUE(prev.tile < range.tile ||
                        (prev.tile == range.tile && prev.style < range.style));
        }
        const auto& b = tiled.tile_bounds[range.tile];
        std::uint32_t last_feature = 0;
        for (std::uint32_t i = range.begin; i < range.begin + range.count; ++i) {
            const auto& seg = tiled.segments[i];
            EXPECT_EQ(seg.style, range.style);
            EXPECT_TRUE(seg.x0 >= b[0] && seg.x1 <= b[2] && seg.y0 >= b[1] && seg.y1 <= b[3]);
            if (i > range.begin) {
                EXPECT_GT(seg.feature, last_feature) << "stable order";
            }
            last_feature = seg.feature;
            EXPECT_FALSE(seen[seg.feature]);
            seen[seg.feature] = true;
        }
    }
    EXPECT_EQ(expected_begin, segments.size());
    EXPECT_TRUE(render::tile_segments({}).ranges.empty());
}

TEST(MapRenderer, DrawsTheVisibleTilesOfALargeLayer) {
    // 40,000 segments over 20 km x 20 km (several tiles); views of two far
    // apart corners each show their own segments and nothing is lost.
    map::Scene scene = empty_scene();
    std::vector<map::Segment> grid;
    for (int j = 0; j < 200; ++j)
        for (int i = 0; i < 200; ++i) {
            const auto x = static_cast<float>(i * 100 - 10'000);
            const auto y = static_cast<float>(j * 100 - 10'000);
            grid.push_back({x, y, x + 40, y, 0, 0});
        }
    scene.layers.push_back(line_layer(fresh("grid"), grid, 6.0f));
    SnapshotOptions o;
    o.overlay = false;
    for (const auto& [x, y] :
         {std::pair{-10'000.0, -10'000.0}, std::pair{9'900.0, 9'900.0}, std::pair{0.0, 0.0}}) {
        // Camera centred 20 m east of a segment's start: its middle.
        const map::Camera camera({1000 + x + 20, 2000 + y}, 1.0, 200, 100);
        const Snapshot shot = snapshotter().render(scene, camera, o);
        EXPECT_LE(colour_distance(pixel(shot, 100, 50), k_red), 2) << x << "," << y;
        EXPECT_LE(colour_distance(pixel(shot, 100, 40), k_bg), 2) << x << "," << y;
    }
}

} // namespace
} // namespace breathline::ui
