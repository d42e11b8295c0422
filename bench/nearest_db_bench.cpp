// k-nearest facilities three ways on the same points, so the ratios can be
// read side by side from one run:
//   bench_nearest_db --benchmark_counters_tabular=true
// Store_nearest: FacilityStore::nearest, the R*Tree path through SQLite and
//   SpatiaLite, whole Facility rows for the k results (what the CLI and the
//   console call).
// PointIndex_nearest: geo::PointIndex (in-memory k-d tree on EPSG:6677).
// BruteForce_nearest: geo::brute_force_nearest, a linear scan.
// Arguments: /points/k. Each run cycles through the same 100,000 random
// query points over Toshima; the databases are built once per size in a
// temporary directory (about 10 s for 100,000 facilities).

#include "data/store/store.h"
#include "geo/point_index.h"
#include "geo/projection.h"
#include "geo/random.h"

#include <benchmark/benchmark.h>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <unistd.h>
#include <vector>

namespace {

using breathline::geo::LonLat;
using breathline::geo::PlaneProjector;
using breathline::geo::PlaneXY;
using breathline::geo::PointIndex;
using breathline::geo::Rng;

constexpr std::size_t k_query_count = 100000;

// Toshima's bounding box, degrees.
LonLat random_toshima(Rng& rng) {
    return LonLat(rng.uniform(139.67, 139.76), rng.uniform(35.70, 35.75));
}

struct Dataset {
    std::filesystem::path dir;
    std::unique_ptr<breathline::data::Store> store;
    std::vector<PlaneXY> points; // same points, same order as the facility ids
    PointIndex index;

    explicit Dataset(std::size_t n) {
        dir = std::filesystem::temp_directory_path() /
              ("breathline-bench-nearest-" + std::to_string(::getpid()) + "-" + std::to_string(n));
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        store = breathline::data::open_store((dir / "bench.sqlite").string());
        const PlaneProjector projector;
        Rng rng(n);
        auto uow = store->begin();
        points.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            breathline::data::Facility f;
            f.external_id = "F-" + std::to_string(i);
            f.name = "施設" + std::to_string(i);
            f.location = random_toshima(rng);
            f.geocode_precision = breathline::data::GeocodePrecision::exact;
            store->facilities().upsert_facility(f);
            points.push_back(projector.to_plane(*f.location));
        }
        uow->commit();
        index = PointIndex(points);
    }
    ~Dataset() {
        store.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

Dataset& dataset(std::size_t n) {
    static std::map<std::size_t, std::unique_ptr<Dataset>> sets;
    auto& slot = sets[n];
    if (!slot) slot = std::make_unique<Dataset>(n);
    return *slot;
}

const std::vector<LonLat>& query_lonlats() {
    static const std::vector<LonLat> q = [] {
        Rng rng(35735893);
        std::vector<LonLat> out;
        out.reserve(k_query_count);
        for (std::size_t i = 0; i < k_query_count; ++i)
            out.push_back(random_toshima(rng));
        return out;
    }();
    return q;
}

const std::vector<PlaneXY>& query_points() {
    static const std::vector<PlaneXY> q = [] {
        const PlaneProjector projector;
        std::vector<PlaneXY> out;
        for (const LonLat& p : query_lonlats())
            out.push_back(projector.to_plane(p));
        return out;
    }();
    return q;
}

void finish(benchmark::State& state) {
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetLabel("items = queries");
}

void bm_store_nearest(benchmark::State& state) {
    Dataset& d = dataset(static_cast<std::size_t>(state.range(0)));
    const auto k = static_cast<std::size_t>(state.range(1));
    const auto& q = query_lonlats();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(d.store->facilities().nearest(q[i], std::nullopt, k));
        i = i + 1 == q.size() ? 0 : i + 1;
    }
    finish(state);
}

void bm_point_index_nearest(benchmark::State& state) {
    Dataset& d = dataset(static_cast<std::size_t>(state.range(0)));
    const auto k = static_cast<std::size_t>(state.range(1));
    const auto& q = query_points();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(d.index.nearest(q[i], k));
        i = i + 1 == q.size() ? 0 : i + 1;
    }
    finish(state);
}

void bm_brute_force_nearest(benchmark::State& state) {
    Dataset& d = dataset(static_cast<std::size_t>(state.range(0)));
    const auto k = static_cast<std::size_t>(state.range(1));
    const auto& q = query_points();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(breathline::geo::brute_force_nearest(d.points, q[i], k));
        i = i + 1 == q.size() ? 0 : i + 1;
    }
    finish(state);
}

// 100,000 queries each for the store and the k-d tree; the linear scan over
// 100,000 points would take minutes at that count, so it runs by time.
void args(benchmark::internal::Benchmark* b) {
    for (const std::int64_t n : {1000, 100000})
        for (const std::int64_t k : {1, 5})
            b->Args({n, k});
    b->ArgNames({"points", "k"});
}

BENCHMARK(bm_store_nearest)
    ->Name("Store_nearest")
    ->Apply(args)
    ->Iterations(k_query_count)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_point_index_nearest)
    ->Name("PointIndex_nearest")
    ->Apply(args)
    ->Iterations(k_query_count)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_brute_force_nearest)
    ->Name("BruteForce_nearest")
    ->Apply(args)
    ->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
