// Nearest-neighbour and projection throughput. Run all of it in one go so that the ratios
// between neighbouring lines can be read directly from items_per_second:
//   bench_geo --benchmark_min_time=0.2
// PointIndex/k vs BruteForce/k: the k-d tree's speed-up on 100,000 points.
// Project/Single vs Project/Batch: per-point proj_trans vs one proj_trans_generic call.

#include "geo/point_index.h"
#include "geo/projection.h"
#include "geo/random.h"

#include <benchmark/benchmark.h>
#include <cstdint>
#include <vector>

namespace {

using breathline::geo::LonLat;
using breathline::geo::PlaneProjector;
using breathline::geo::PlaneXY;
using breathline::geo::PointIndex;
using breathline::geo::Rng;

constexpr std::size_t point_count = 100000;
constexpr std::size_t query_count = 4096; // a power of two: cycling uses a mask

// Toshima-sized window of the EPSG:6677 plane (metres).
std::vector<PlaneXY> random_plane_points(std::uint64_t seed, std::size_t n) {
    Rng rng(seed);
    std::vector<PlaneXY> points(n);
    for (PlaneXY& p : points)
        p = {rng.uniform(-14500.0, -6500.0), rng.uniform(-32000.0, -28000.0)};
    return points;
}

const std::vector<PlaneXY>& points() {
    static const std::vector<PlaneXY> p = random_plane_points(1, point_count);
    return p;
}
const std::vector<PlaneXY>& queries() {
    static const std::vector<PlaneXY> q = random_plane_points(2, query_count);
    return q;
}
const PointIndex& index() {
    static const PointIndex i(points());
    return i;
}

void bm_point_index_nearest(benchmark::State& state) {
    const auto k = static_cast<std::size_t>(state.range(0));
    const PointIndex& idx = index();
    const std::vector<PlaneXY>& q = queries();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(idx.nearest(q[i++ & (query_count - 1)], k));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetLabel("100k points, items = queries");
}
BENCHMARK(bm_point_index_nearest)->Name("PointIndex_nearest")->Arg(1)->Arg(5);

void bm_brute_force_nearest(benchmark::State& state) {
    const auto k = static_cast<std::size_t>(state.range(0));
    const std::vector<PlaneXY>& p = points();
    const std::vector<PlaneXY>& q = queries();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            breathline::geo::brute_force_nearest(p, q[i++ & (query_count - 1)], k));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetLabel("100k points, items = queries");
}
BENCHMARK(bm_brute_force_nearest)->Name("BruteForce_nearest")->Arg(1)->Arg(5);

void bm_point_index_build(benchmark::State& state) {
    const std::vector<PlaneXY>& p = points();
    for (auto _ : state) {
        PointIndex idx(p);
        benchmark::DoNotOptimize(idx.size());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * point_count));
    state.SetLabel("items = points");
}
BENCHMARK(bm_point_index_build)->Name("PointIndex_build")->Unit(benchmark::kMillisecond);

constexpr std::size_t projected_count = 10000;

std::vector<LonLat> random_lonlats() {
    Rng rng(3);
    std::vector<LonLat> out;
    out.reserve(projected_count);
    for (std::size_t i = 0; i < projected_count; ++i)
        out.emplace_back(rng.uniform(139.677, 139.753), rng.uniform(35.712, 35.746));
    return out;
}

void bm_project_single(benchmark::State& state) {
    const PlaneProjector projector;
    const std::vector<LonLat> in = random_lonlats();
    std::vector<PlaneXY> out(in.size());
    for (auto _ : state) {
        for (std::size_t i = 0; i < in.size(); ++i)
            out[i] = projector.to_plane(in[i]);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
    state.SetLabel("items = points");
}
BENCHMARK(bm_project_single)->Name("Project_single")->Unit(benchmark::kMillisecond);

void bm_project_batch(benchmark::State& state) {
    const PlaneProjector projector;
    const std::vector<LonLat> in = random_lonlats();
    std::vector<PlaneXY> out(in.size());
    for (auto _ : state) {
        projector.to_plane(in, out);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
    state.SetLabel("items = points");
}
BENCHMARK(bm_project_batch)->Name("Project_batch")->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
