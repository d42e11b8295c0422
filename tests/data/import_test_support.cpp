#include "import_test_support.h"

#include <atomic>
#include <fstream>
#include <ostream>
#include <unistd.h>

namespace breathline::data::test {

std::filesystem::path fixture(const std::string& name) {
    return std::filesystem::path(BREATHLINE_SOURCE_DIR) / "tests" / "data" / "fixtures" / name;
}

const TownGeocoder& toshima_geocoder() {
    static const TownGeocoder geocoder = [] {
        const auto path = std::filesystem::path(BREATHLINE_TEST_DATA_DIR) / "real" / "geocoding" /
                          "geolonia_machi_13116_toshima.json";
        if (!std::filesystem::exists(path))
            throw std::runtime_error("shared data missing: " + path.string() +
                                     " (the import tests need the real Toshima town table)");
        return TownGeocoder::load(path);
    }();
    return geocoder;
}

Counts counts(Store& store) {
    return {store.registry().count_persons(), store.registry().count_supporters(),
            static_cast<std::int64_t>(store.facilities().facilities({}).size()),
            store.audit().count()};
}

std::ostream& operator<<(std::ostream& os, const Counts& c) {
    return os << "{persons " << c.persons << ", supporters " << c.supporters << ", facilities "
              << c.facilities << ", audit " << c.audit << "}";
}

void ImportTest::SetUp() {
    static std::atomic<int> serial{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    m_dir = std::filesystem::temp_directory_path() /
            ("breathline_import_" + std::to_string(::getpid()) + "_" + std::to_string(serial++) +
             "_" + info->name());
    std::filesystem::remove_all(m_dir);
    std::filesystem::create_directories(m_dir);
    m_store = open_store((m_dir / "test.sqlite").string());
    m_store->set_actor("import-test");
}

void ImportTest::TearDown() {
    m_store.reset();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
}

std::filesystem::path ImportTest::write_file(const std::string& name, const std::string& content) {
    auto path = m_dir / name;
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path;
}

ImportReport ImportTest::import(ImportKind kind, const std::filesystem::path& file,
                                bool skip_invalid, const TownGeocoder* geocoder) {
    ImportOptions options;
    options.kind = kind;
    options.file = file;
    options.skip_invalid = skip_invalid;
    options.geocoder = geocoder;
    return import_file(*m_store, options);
}

const RowError* error_on_line(const ImportReport& report, std::size_t line) {
    for (const auto& e : report.errors)
        if (e.line == line) return &e;
    return nullptr;
}

} // namespace breathline::data::test
