// The demo view rendered offscreen exactly as `breathline screenshot` does:
// golden image, a Japanese facility label, and picking that agrees with the
// pixels drawn.
#include "console/map/picking.h"
#include "console/map/scene_builder.h"
#include "console/render/png.h"
#include "geo/projection.h"
#include "tests/map/demo_store.h"
#include "ui_test_support.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <set>

namespace breathline::ui {
namespace {

using testing::colour_distance;
using testing::pixel;
using testing::snapshotter;

constexpr int k_width = 640, k_height = 400;

/// The fixed demo view of the golden image: central Toshima (Ikebukuro to
/// Sugamo) at web zoom 14.
map::Camera demo_camera() {
    const geo::PlaneProjector projector;
    const geo::LonLat center(139.7190, 35.7300);
    return map::Camera(projector.to_plane(center), map::Camera::mpp_for_zoom(14.0, center.lat()),
                       k_width, k_height);
}

const map::Scene& demo_scene() {
    static const map::Scene scene = map::build_scene(map::testing::demo_store(), {});
    return scene;
}

const Snapshot& demo_shot() {
    static const Snapshot shot = snapshotter().render(demo_scene(), demo_camera());
    return shot;
}

std::filesystem::path golden_path() {
    return std::filesystem::path(BREATHLINE_SOURCE_DIR) / "tests/ui/golden/demo_view_640x400.png";
}

// Regenerate the golden image after an intended change of the map's look
// (styles, shaders, label placement) with
//   BREATHLINE_UPDATE_GOLDEN=1 xvfb-run -a -s "-screen 0 1920x1080x24"
//     build/tests/ui/ui_render_tests --gtest_filter=DemoView.MatchesGoldenImage
// (one command line)
// then look at the PNG before committing it.
TEST(DemoView, MatchesGoldenImage) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    const Snapshot& shot = demo_shot();
    ASSERT_EQ(shot.width, k_width);
    ASSERT_EQ(shot.height, k_height);
    if (const char* update = std::getenv("BREATHLINE_UPDATE_GOLDEN"); update && *update == '1') {
        render::write_png(golden_path(), shot.width, shot.height, shot.rgba);
        GTEST_FAIL() << "golden image rewritten: " << golden_path()
                     << " (unset BREATHLINE_UPDATE_GOLDEN and run again)";
    }
    ASSERT_TRUE(std::filesystem::exists(golden_path()))
        << golden_path() << " is missing; regenerate it with BREATHLINE_UPDATE_GOLDEN=1";
    const render::Image golden = render::read_png(golden_path());
    ASSERT_EQ(golden.width, shot.width);
    ASSERT_EQ(golden.height, shot.height);
    // Drivers differ in the last bits of anti-aliased edges and glyph
    // rasterisation; a real change (a missing layer, a moved label, a wrong
    // colour) changes far more than 0.5% of the pixels by far more than 40.
    constexpr int k_channel_tolerance = 40;
    constexpr double k_max_differing = 0.005;
    std::size_t differing = 0;
    for (std::size_t i = 0; i < shot.rgba.size(); i += 4) {
        int d = 0;
        for (std::size_t c = 0; c < 4; ++c)
            d = std::max(d, std::abs(int{shot.rgba[i + c]} - int{golden.rgba[i + c]}));
        if (d > k_channel_tolerance) ++differing;
    }
    const double fraction = static_cast<double>(differing) / (k_width * k_height);
    if (fraction > k_max_differing) {
        const auto actual = std::filesystem::temp_directory_path() / "demo_view_actual.png";
        render::write_png(actual, shot.width, shot.height, shot.rgba);
        ADD_FAILURE() << "actual image written to " << actual;
    }
    EXPECT_LE(fraction, k_max_differing)
        << differing << " pixels differ by more than " << k_channel_tolerance;
}

TEST(DemoView, ShowsAllStandardLayers) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    const Snapshot& shot = demo_shot();
    // The ward fill, roads, facilities and persons each leave their colour:
    // not a blank or single-colour image.
    std::set<std::uint32_t> colours;
    for (std::size_t i = 0; i < shot.rgba.size(); i += 4)
        colours.insert(static_cast<std::uint32_t>(shot.rgba[i]) << 16 |
                       static_cast<std::uint32_t>(shot.rgba[i + 1]) << 8 | shot.rgba[i + 2]);
    EXPECT_GT(colours.size(), 200u);
    EXPECT_GT(snapshotter().renderer().gpu_bytes(), 0u);
}

TEST(DemoView, JapaneseFacilityLabelRenders) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    const Snapshot& shot = demo_shot();
    // 清和小学校 (rescue centre no. 1 of the Toshima seed, 巣鴨3-14-1) is
    // inside the view and wins its place at this zoom.
    const std::string name = "清和小学校";
    const auto label = std::find_if(shot.labels.begin(), shot.labels.end(),
                                    [&](const map::PlacedLabel& l) { return l.text == name; });
    ASSERT_NE(label, shot.labels.end()) << name << " was not placed";
    EXPECT_EQ(label->layer_id, map::facility_layer_id(data::FacilityKind::rescue_centre));
    // The same view without the overlay is the background of the label.
    SnapshotOptions bare;
    bare.overlay = false;
    const Snapshot background = snapshotter().render(demo_scene(), demo_camera(), bare);
    int ink = 0, pixels = 0;
    for (int y = static_cast<int>(label->y); y < static_cast<int>(label->y + label->h); ++y)
        for (int x = static_cast<int>(label->x); x < static_cast<int>(label->x + label->w); ++x) {
            ++pixels;
            if (colour_distance(pixel(shot, x, y), pixel(background, x, y)) > 80 &&
                pixel(shot, x, y).r < 100)
                ++ink;
        }
    // Five kanji at 15 px: about a tenth of the padded box is dark strokes
    // (an empty or tofu-box label would leave far fewer).
    EXPECT_GT(ink, pixels / 16) << ink << " dark pixels of " << pixels;
    EXPECT_GT(ink, 40);
}

/// A drawn point symbol far enough from every other symbol and label that
/// the pixel at its centre can only be its own.
struct Probe {
    std::string layer_id;
    map::FeatureRef feature;
    map::ScreenXY at;
    map::Rgba fill;
};

map::ScreenXY on_screen(const map::Scene& scene, const map::Camera& camera,
                        const map::PointFeature& p) {
    return camera.world_to_screen({scene.origin.x_east_m + static_cast<double>(p.x),
                                   scene.origin.y_north_m + static_cast<double>(p.y)});
}

std::vector<Probe> isolated_symbols(const map::Scene& scene, const map::Camera& camera,
                                    const std::vector<map::PlacedLabel>& labels,
                                    std::string_view layer_prefix) {
    std::vector<map::ScreenXY> all;
    for (const auto& layer : scene.layers)
        for (const auto& p : layer.points.points)
            all.push_back(on_screen(scene, camera, p));
    std::vector<Probe> probes;
    for (const auto& layer : scene.layers) {
        if (!layer.visible || layer.id.rfind(layer_prefix, 0) != 0) continue;
        for (const auto& p : layer.points.points) {
            const map::PointStyle& style = layer.points.styles[p.style];
            if (style.shape == map::Shape::ring) continue; // hollow centre
            const map::ScreenXY at = on_screen(scene, camera, p);
            if (at.x < 30 || at.y < 60 || at.x > camera.width() - 60 || at.y > camera.height() - 40)
                continue;
            int near = 0;
            for (const auto& q : all)
                if (std::hypot(q.x - at.x, q.y - at.y) < 24) ++near;
            bool under_label = false;
            for (const auto& l : labels)
                if ((l.layer_id != layer.id || l.feature != p.feature) &&
                    at.x > static_cast<double>(l.x) - 12 &&
                    at.x < static_cast<double>(l.x + l.w) + 12 &&
                    at.y > static_cast<double>(l.y) - 12 &&
                    at.y < static_cast<double>(l.y + l.h) + 12)
                    under_label = true;
            if (near == 1 && !under_label)
                probes.push_back({layer.id, layer.features[p.feature], at, style.fill});
        }
    }
    return probes;
}

TEST(DemoView, PickingAgreesWithThePixelsDrawn) {
    BREATHLINE_REQUIRE_MAP_DEMO_DATA();
    const map::Scene& scene = demo_scene();
    const map::Camera camera = demo_camera();
    const Snapshot& shot = demo_shot();
    map::Picker picker;
    picker.sync(scene);
    for (std::string_view prefix : {"persons.", "facilities."}) {
        const std::vector<Probe> probes = isolated_symbols(scene, camera, shot.labels, prefix);
        ASSERT_GE(probes.size(), 3u) << "too few isolated " << prefix << " symbols in the view";
        for (const Probe& probe : probes) {
            const auto pick = picker.pick(scene, camera, probe.at, 3.0);
            ASSERT_TRUE(pick.has_value())
                << probe.layer_id << " at " << probe.at.x << "," << probe.at.y;
            EXPECT_EQ(pick->layer_id, probe.layer_id);
            EXPECT_EQ(pick->feature, probe.feature) << probe.feature.external_id;
            EXPECT_TRUE(probe.feature.kind == (prefix == "persons."
                                                   ? map::FeatureRef::Kind::person
                                                   : map::FeatureRef::Kind::facility));
            // The renderer drew that feature's symbol exactly there: its fill
            // colour is at the centre (the pixel holding the centre or one
            // next to it: a 9 px triangle has little pure fill inside its
            // outline).
            int best = 255;
            map::Rgba drawn;
            const int cx = static_cast<int>(std::floor(probe.at.x));
            const int cy = static_cast<int>(std::floor(probe.at.y));
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx)
                    if (const int d = colour_distance(pixel(shot, cx + dx, cy + dy), probe.fill);
                        d < best) {
                        best = d;
                        drawn = pixel(shot, cx + dx, cy + dy);
                    }
            EXPECT_LE(best, 12) << probe.feature.external_id << ": drawn "
                                << testing::to_string(drawn) << ", symbol fill "
                                << testing::to_string(probe.fill);
            // 20 px away there is no symbol: the picker does not return it.
            const auto off = picker.pick(scene, camera, {probe.at.x, probe.at.y - 20}, 3.0);
            if (off) {
                EXPECT_NE(off->feature, probe.feature);
            }
        }
    }
}

} // namespace
} // namespace breathline::ui
