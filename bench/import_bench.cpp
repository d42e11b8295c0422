// Import throughput: 100,000 persons from CSV into a fresh SpatiaLite database.
//
// Run (it takes about a minute; one iteration per line is enough at this size):
//   ninja -C build-bench bench_import && build-bench/bench/bench_import
//   --benchmark_counters_tabular=true
// or scripts/bench.sh --benchmark_filter=Import.
//
// Rows, read side by side in one run:
//   Import/Utf8     import_file() of a UTF-8 CSV: decode, CSV, header map, value parsing, address
//                   normalisation, match lookup, upsert with change audit, summary entry.
//   Import/Cp932    the same rows as CP932 (adds the iconv conversion of the whole file).
//   RawSqliteInsert the peer: the same 100,000 rows, already parsed, inserted with one prepared
//                   INSERT in one transaction; no parsing, no lookup, no audit.
// rows_per_second is the figure to compare; Import/Utf8 ÷ RawSqliteInsert is the cost of
// everything the importer does on top of writing the rows.

#include "data/io/importer.h"
#include "data/spatialite/spatialite_store.h"
#include "data/text/encoding.h"
#include "geo/random.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace breathline;

constexpr std::size_t k_rows = 100'000;

// Toshima towns with their chome counts and a representative point (degrees).
struct Town {
    const char* name;
    int chome;
    double lon, lat;
};
constexpr Town k_towns[] = {
    {"巣鴨", 5, 139.7335, 35.7331},   {"池袋", 4, 139.7128, 35.7354},
    {"南大塚", 3, 139.7290, 35.7265}, {"目白", 5, 139.7070, 35.7200},
    {"西池袋", 5, 139.7060, 35.7290}, {"駒込", 7, 139.7450, 35.7380},
};
const char* const k_kanji_digits[] = {"", "一", "二", "三", "四", "五", "六", "七"};

struct Row {
    std::string id, name, kana, sex, birth, address, address_normalized, town;
    bool ventilator;
    std::string mode;
    double hours, internal_h, lon, lat;
};

std::vector<Row> make_rows() {
    geo::Rng rng(20240401);
    std::vector<Row> rows;
    rows.reserve(k_rows);
    for (std::size_t i = 0; i < k_rows; ++i) {
        const Town& t = k_towns[rng.uniform_int(0, std::size(k_towns) - 1)];
        const int chome = static_cast<int>(rng.uniform_int(1, t.chome));
        const int block = static_cast<int>(rng.uniform_int(1, 40));
        const int number = static_cast<int>(rng.uniform_int(1, 20));
        Row r;
        r.id = "B-" + std::to_string(100000 + i);
        r.name = "デモ 太郎" + std::to_string(i);
        r.kana = "デモ タロウ";
        r.sex = rng.uniform01() < 0.5 ? "男" : "女";
        r.birth = "昭和" + std::to_string(rng.uniform_int(10, 60)) + "年" +
                  std::to_string(rng.uniform_int(1, 12)) + "月" +
                  std::to_string(rng.uniform_int(1, 28)) + "日";
        // Half the rows use each spelling, as ward spreadsheets do.
        r.address_normalized = std::string(t.name) + std::to_string(chome) + "-" +
                               std::to_string(block) + "-" + std::to_string(number);
        r.address = i % 2 ? r.address_normalized
                          : std::string(t.name) + k_kanji_digits[chome] + "丁目" +
                                std::to_string(block) + "番" + std::to_string(number) + "号";
        r.town = std::string(t.name) + k_kanji_digits[chome] + "丁目";
        r.ventilator = rng.uniform01() < 0.6;
        r.mode = r.ventilator ? (rng.uniform01() < 0.5 ? "TPPV" : "NPPV") : "";
        r.hours = r.ventilator ? 24 : 0;
        r.internal_h = static_cast<double>(rng.uniform_int(0, 12));
        r.lon = t.lon + rng.uniform(-0.003, 0.003);
        r.lat = t.lat + rng.uniform(-0.003, 0.003);
        rows.push_back(std::move(r));
    }
    return rows;
}

const std::vector<Row>& rows() {
    static const std::vector<Row> r = make_rows();
    return r;
}

std::string csv_text() {
    std::string out =
        "登録番号,氏名,フリガナ,性別,生年月日,住所,人工呼吸器,使用時間,内部バッテリー,"
        "その他医療機器,経度,緯度\n";
    char coords[64];
    for (const auto& r : rows()) {
        std::snprintf(coords, sizeof coords, "%.6f,%.6f", r.lon, r.lat);
        out +=
            r.id + "," + r.name + "," + r.kana + "," + r.sex + "," + r.birth + "," + r.address +
            "," + (r.ventilator ? r.mode : "無") + "," + (r.ventilator ? "24時間" : "") + "," +
            (r.ventilator ? "有(" + std::to_string(static_cast<int>(r.internal_h)) + "時間)" : "") +
            "," + (r.ventilator ? "" : "在宅酸素") + "," + coords + "\n";
    }
    return out;
}

// The generated files live for the whole run and are removed at exit.
struct Files {
    fs::path dir, utf8, cp932;
    Files() {
        dir = fs::temp_directory_path() / ("breathline_import_bench_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        const std::string text = csv_text();
        utf8 = dir / "persons_utf8.csv";
        cp932 = dir / "persons_cp932.csv";
        std::ofstream(utf8, std::ios::binary) << text;
        std::ofstream(cp932, std::ios::binary) << text::utf8_to_cp932(text);
    }
    Files(const Files&) = delete;
    Files& operator=(const Files&) = delete;
    Files(Files&&) = delete;
    Files& operator=(Files&&) = delete;
    ~Files() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const Files& files() {
    static const Files f;
    return f;
}

std::unique_ptr<data::Store> fresh_store(const char* name) {
    const fs::path db = files().dir / name;
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(db.string() + suffix);
    return data::open_store(db.string());
}

void run_import(benchmark::State& state, const fs::path& file) {
    for (auto _ : state) {
        state.PauseTiming();
        auto store = fresh_store("import.sqlite");
        state.ResumeTiming();
        data::ImportOptions options;
        options.kind = data::ImportKind::persons;
        options.file = file;
        const auto report = data::import_file(*store, options);
        if (!report.committed || report.created != k_rows)
            state.SkipWithError("import did not create every row");
        state.PauseTiming();
        store.reset();
        state.ResumeTiming();
    }
    state.counters["rows_per_second"] = benchmark::Counter(
        static_cast<double>(k_rows * state.iterations()), benchmark::Counter::kIsRate);
}

void bm_import_utf8(benchmark::State& state) {
    run_import(state, files().utf8);
}
void bm_import_cp932(benchmark::State& state) {
    run_import(state, files().cp932);
}

void bm_raw_sqlite_insert(benchmark::State& state) {
    for (auto _ : state) {
        state.PauseTiming();
        auto store = fresh_store("raw.sqlite");
        auto& db = dynamic_cast<data::spatialite::SpatialiteStore&>(*store).database();
        state.ResumeTiming();
        data::sqlite::Transaction tx(db);
        auto st = db.prepare(
            "INSERT INTO persons(external_id, name, name_kana, sex, birth_date, address, "
            "address_normalized, town, uses_ventilator, ventilator_mode, ventilator_hours_per_day, "
            "internal_battery, internal_battery_h, home_oxygen, geocode_precision, geom) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'exact',MakePoint(?,?,4326))");
        for (const auto& r : rows()) {
            st.reset();
            st.bind(1, r.id).bind(2, r.name).bind(3, r.kana).bind(4, r.sex == "男" ? "male"
                                                                                   : "female");
            st.bind(5, "1950-01-01")
                .bind(6, r.address)
                .bind(7, r.address_normalized)
                .bind(8, r.town);
            st.bind(9, r.ventilator ? 1 : 0);
            if (r.ventilator) {
                st.bind(10, r.mode).bind(11, r.hours).bind(12, 1).bind(13, r.internal_h);
            } else {
                st.bind_null(10).bind_null(11).bind_null(12).bind_null(13);
            }
            st.bind(14, r.ventilator ? 0 : 1).bind(15, r.lon).bind(16, r.lat);
            st.run();
        }
        tx.commit();
        state.PauseTiming();
        store.reset();
        state.ResumeTiming();
    }
    state.counters["rows_per_second"] = benchmark::Counter(
        static_cast<double>(k_rows * state.iterations()), benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(bm_import_utf8)
    ->Name("Import/Utf8")
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);
BENCHMARK(bm_import_cp932)
    ->Name("Import/Cp932")
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);
BENCHMARK(bm_raw_sqlite_insert)
    ->Name("RawSqliteInsert")
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

BENCHMARK_MAIN();
