// Frame time while panning over a generated layer of 1,000,000 road
// segments and 100,000 points: MapRenderer (instanced segments and SDF
// symbols, buffers uploaded once) against a baseline that draws the same
// with ImGui draw lists (AddLine / AddCircleFilled, rebuilt every frame as
// an immediate-mode map would). Both draw into the same 1280x800 offscreen
// framebuffer of a hidden window; a frame ends with glFinish so GPU time is
// included. Run under xvfb-run without a display (Mesa llvmpipe there:
// software rasterisation, so absolute times are CPU-bound; the ratio is
// what the README reports).
//
//   xvfb-run -a -s "-screen 0 1920x1080x24" build-bench/bench/bench_render
#include "console/map/camera.h"
#include "console/map/scene.h"
#include "console/map/scene_builder.h"
#include "console/render/framebuffer.h"
#include "console/render/map_renderer.h"
#include "console/render/png.h"
#include "console/ui/imgui_session.h"
#include "console/ui/map_snapshot.h"
#include "data/demo/demo_builder.h"
#include "data/store/store.h"
#include "geo/projection.h"
#include "geo/random.h"

#include <GL/glcorearb.h>
#include <backends/imgui_impl_opengl3.h>
#include <benchmark/benchmark.h>
#include <cmath>
#include <filesystem>
#include <imgui.h>
#include <memory>
#include <unistd.h>

namespace {

using namespace breathline;

constexpr int k_width = 1280, k_height = 800;
constexpr std::size_t k_segments = 1'000'000;
constexpr std::size_t k_points = 100'000;
constexpr double k_extent_m = 20'000; // a 20 km square city

/// Polylines of 20 segments wandering through the square (roads), styled in
/// four classes; points scattered uniformly in eight styles.
map::Scene generated_scene() {
    map::Scene scene;
    scene.origin = {0, 0};
    scene.home = {-k_extent_m / 2, -k_extent_m / 2, k_extent_m / 2, k_extent_m / 2};
    geo::Rng rng(20240601);
    map::Layer roads;
    roads.id = "roads";
    const map::Rgba colours[4] = {
        {230, 120, 60, 255}, {240, 200, 80, 255}, {255, 255, 255, 255}, {200, 200, 200, 255}};
    for (int c = 0; c < 4; ++c) {
        map::LineStyle s;
        s.colour = colours[c];
        s.width_px = 4.0f - static_cast<float>(c) * 0.8f;
        s.casing = {120, 120, 120, 255};
        s.casing_px = c < 2 ? 1.0f : 0.0f;
        roads.lines.styles.push_back(s);
    }
    roads.lines.segments.reserve(k_segments);
    std::uint32_t feature = 0;
    while (roads.lines.segments.size() < k_segments) {
        double x = (rng.uniform01() - 0.5) * k_extent_m, y = (rng.uniform01() - 0.5) * k_extent_m;
        double heading = rng.uniform01() * 6.283185307;
        const auto style = static_cast<std::uint32_t>(rng.uniform_int(0, 3));
        for (int i = 0; i < 20 && roads.lines.segments.size() < k_segments; ++i) {
            heading += (rng.uniform01() - 0.5) * 0.6;
            const double nx = x + std::cos(heading) * 40, ny = y + std::sin(heading) * 40;
            roads.lines.segments.push_back({static_cast<float>(x), static_cast<float>(y),
                                            static_cast<float>(nx), static_cast<float>(ny), style,
                                            feature});
            x = nx;
            y = ny;
        }
        roads.features.push_back({map::FeatureRef::Kind::road_edge, feature, ""});
        ++feature;
    }
    map::Layer points;
    points.id = "points";
    for (int s = 0; s < 8; ++s)
        points.points.styles.push_back({static_cast<map::Shape>(s),
                                        {static_cast<std::uint8_t>(30 * s), 80, 200, 255},
                                        {255, 255, 255, 255},
                                        9.0f});
    for (std::size_t i = 0; i < k_points; ++i) {
        points.points.points.push_back({static_cast<float>((rng.uniform01() - 0.5) * k_extent_m),
                                        static_cast<float>((rng.uniform01() - 0.5) * k_extent_m),
                                        static_cast<std::uint32_t>(i % 8),
                                        static_cast<std::uint32_t>(i)});
        points.features.push_back(
            {map::FeatureRef::Kind::person, static_cast<std::int64_t>(i), ""});
    }
    scene.layers.push_back(std::move(roads));
    scene.layers.push_back(std::move(points));
    return scene;
}

struct Fixture {
    ui::ImguiSession session{ui::SessionOptions{"bench", 64, 64, false, false}};
    render::Framebuffer target{k_width, k_height};
    map::Scene scene = generated_scene();
    Fixture() {
        ImGui::GetIO().Fonts->AddFontDefault();
        ImGui::GetIO().Fonts->Build();
    }
};

bool g_fixture_made = false;

Fixture& fixture() {
    static Fixture f;
    g_fixture_made = true;
    return f;
}

/// The camera for frame `frame`: panning 7 px per frame across the city at
/// `mpp` metres per pixel (state.range(0) is mpp x 100).
map::Camera camera_for(int frame, double mpp) {
    map::Camera camera({0, 0}, mpp, k_width, k_height);
    camera.pan_pixels(7.0 * (frame % 200) - 700.0, 3.0 * (frame % 200) - 300.0);
    return camera;
}

/// What an immediate-mode map does every frame: transform every feature,
/// skip those wholly off-screen, add the rest to the draw list.
void add_baseline_drawing(ImDrawList* dl, const map::Scene& scene, const map::Camera& camera) {
    const map::Layer& roads = scene.layers[0];
    const map::Layer& points = scene.layers[1];
    const double inv = 1.0 / camera.metres_per_pixel();
    const double cx = camera.center().x_east_m, cy = camera.center().y_north_m;
    const auto sx = [&](float x) {
        return static_cast<float>((static_cast<double>(x) - cx) * inv + k_width / 2.0);
    };
    const auto sy = [&](float y) {
        return static_cast<float>((cy - static_cast<double>(y)) * inv + k_height / 2.0);
    };
    // Culling what lies wholly off-screen is the least an immediate-mode
    // map does; everything visible is added every frame.
    for (const auto& s : roads.lines.segments) {
        const float x0 = sx(s.x0), y0 = sy(s.y0), x1 = sx(s.x1), y1 = sy(s.y1);
        if ((x0 < 0 && x1 < 0) || (y0 < 0 && y1 < 0) || (x0 > k_width && x1 > k_width) ||
            (y0 > k_height && y1 > k_height))
            continue;
        const auto& st = roads.lines.styles[s.style];
        dl->AddLine({x0, y0}, {x1, y1},
                    IM_COL32(st.colour.r, st.colour.g, st.colour.b, st.colour.a), st.width_px);
    }
    for (const auto& p : points.points.points) {
        const float x = sx(p.x), y = sy(p.y);
        if (x < -5 || y < -5 || x > k_width + 5 || y > k_height + 5) continue;
        const auto& st = points.points.styles[p.style];
        dl->AddCircleFilled({x, y}, st.size_px * 0.5f,
                            IM_COL32(st.fill.r, st.fill.g, st.fill.b, 255), 12);
    }
}

void BM_MapRenderer(benchmark::State& state) {
    Fixture& f = fixture();
    const double mpp = static_cast<double>(state.range(0)) / 100.0;
    render::MapRenderer renderer;
    renderer.sync(f.scene); // once: buffers are built per layer revision
    f.target.bind();
    int frame = 0;
    for (auto _ : state) {
        renderer.sync(f.scene); // a no-op while nothing changes
        renderer.render(f.scene, camera_for(frame++, mpp), {});
        glFinish();
    }
    state.counters["gpu_MB"] = static_cast<double>(renderer.gpu_bytes()) / 1e6;
    state.counters["fps"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

/// The ImGui baseline's CPU floor: building the draw lists (transform,
/// cull, AddLine / AddCircleFilled, ImGui::Render) without drawing them. On
/// any GPU, however fast, a frame of the baseline costs at least this; the
/// MapRenderer's CPU work per frame is a few hundred draw calls at most.
void BM_ImDrawListBuildOnly(benchmark::State& state) {
    Fixture& f = fixture();
    const double mpp = static_cast<double>(state.range(0)) / 100.0;
    int frame = 0;
    for (auto _ : state) {
        f.session.new_offscreen_frame(k_width, k_height);
        add_baseline_drawing(ImGui::GetBackgroundDrawList(), f.scene, camera_for(frame++, mpp));
        ImGui::Render();
        benchmark::DoNotOptimize(ImGui::GetDrawData()->TotalVtxCount);
    }
}

void BM_ImDrawList(benchmark::State& state) {
    Fixture& f = fixture();
    const double mpp = static_cast<double>(state.range(0)) / 100.0;
    int frame = 0;
    for (auto _ : state) {
        const map::Camera camera = camera_for(frame++, mpp);
        f.session.new_offscreen_frame(k_width, k_height);
        add_baseline_drawing(ImGui::GetBackgroundDrawList(), f.scene, camera);
        f.target.bind();
        glClearColor(0.95f, 0.94f, 0.91f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        f.session.render();
        glFinish();
    }
    state.counters["fps"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

/// Render-to-PNG of the demo view (what scripts/bench-mapnik.sh compares
/// with Mapnik's render + save): draw the scene with its overlay, read the
/// framebuffer back and write the PNG. The database, the scene and the
/// window are set up once, as Mapnik's map object is. Uses its own hidden
/// window, so it runs in a process of its own:
///   bench_render --benchmark_filter=DemoViewToPng
void BM_DemoViewToPng(benchmark::State& state) {
    namespace fs = std::filesystem;
    if (g_fixture_made) {
        state.SkipWithError("needs its own process: --benchmark_filter=DemoViewToPng");
        return;
    }
    const fs::path dir = fs::temp_directory_path() / ("bench_render_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    map::Scene scene;
    {
        auto store = data::open_store((dir / "demo.sqlite").string());
        data::demo::build_demo(*store, data::demo::load_demo_inputs(
                                           data::demo::DemoSources::in(BREATHLINE_TEST_DATA_DIR)));
        scene = map::build_scene(*store, {});
    }
    const geo::PlaneProjector projector;
    const geo::LonLat centre(139.7190, 35.7300);
    const map::Camera camera(projector.to_plane(centre),
                             map::Camera::mpp_for_zoom(14.0, centre.lat()), k_width, k_height);
    ui::MapSnapshotter snapshotter;
    for (auto _ : state) {
        const ui::Snapshot shot = snapshotter.render(scene, camera);
        render::write_png(dir / "view.png", shot.width, shot.height, shot.rgba);
    }
    fs::remove_all(dir);
}

// First, before fixture() opens the shared window (one GLFW/ImGui session
// at a time per process).
BENCHMARK(BM_DemoViewToPng)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();
// 1600 = 16 m/px: the whole 20 km city in view (every feature drawn);
// 200 = 2 m/px: about 1/60 of it in view (culling matters).
BENCHMARK(BM_MapRenderer)
    ->Arg(1600)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0)
    ->UseRealTime();
BENCHMARK(BM_ImDrawList)
    ->Arg(1600)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0)
    ->UseRealTime();
BENCHMARK(BM_ImDrawListBuildOnly)->Arg(1600)->Arg(200)->Unit(benchmark::kMillisecond)->MinTime(3.0);

} // namespace

BENCHMARK_MAIN();
