#include "tests/data/store/store_test_support.h"

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <unistd.h>

namespace breathline::data::test {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    // pid + counter: ctest runs test cases as separate processes in parallel.
    const std::string name =
        "breathline-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    m_path = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::unique_ptr<spatialite::SpatialiteStore> open_spatialite(const std::string& path) {
    return std::make_unique<spatialite::SpatialiteStore>(path);
}

Person make_person(int n) {
    char id[32];
    std::snprintf(id, sizeof id, "P-%06d", n);
    Person p;
    p.external_id = id;
    p.name = "試験 太郎" + std::to_string(n);
    p.name_kana = "シケン タロウ";
    p.sex = Sex::male;
    p.birth_date = "1950-04-01";
    p.address = "豊島区南大塚2-36-1";
    p.town = "南大塚二丁目";
    p.uses_ventilator = true;
    p.ventilator_mode = VentilatorMode::tppv;
    p.ventilator_hours_per_day = 24.0;
    p.location = geo::LonLat(139.7289, 35.7302);
    p.geocode_precision = GeocodePrecision::exact;
    return p;
}

Facility make_facility(int n, double lon, double lat) {
    Facility f;
    f.external_id = "F-" + std::to_string(n);
    f.kind = FacilityKind::rescue_centre;
    f.name = "施設" + std::to_string(n);
    f.location = geo::LonLat(lon, lat);
    f.geocode_precision = GeocodePrecision::exact;
    return f;
}

std::vector<char> read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::int64_t count_rows(sqlite::Database& db, const std::string& table) {
    return db.query_int64("SELECT COUNT(*) FROM " + table).value_or(-1);
}

} // namespace breathline::data::test
