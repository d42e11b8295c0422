#pragma once
// Shared helpers of the import tests: a temporary directory and database per test, fixture
// paths, and a snapshot of the database's row and audit counts ("nothing changed" checks).

#include "data/geocode/town_geocoder.h"
#include "data/io/importer.h"
#include "data/store/store.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <memory>
#include <string>

namespace breathline::data::test {

/// Path of a file under tests/data/fixtures/.
std::filesystem::path fixture(const std::string& name);

/// The real Toshima town table; the test fails (not skips) when the shared data is missing.
const TownGeocoder& toshima_geocoder();

/// Row counts of every table an import touches, and the audit log length.
struct Counts {
    std::int64_t persons = 0, supporters = 0, facilities = 0, audit = 0;
    bool operator==(const Counts&) const = default;
};
Counts counts(Store& store);
std::ostream& operator<<(std::ostream& os, const Counts& c);

/// A fresh directory and database per test, removed afterwards.
class ImportTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;
    /// Writes `content` (bytes as given) to a file in the test's directory; returns its path.
    std::filesystem::path write_file(const std::string& name, const std::string& content);
    ImportReport import(ImportKind kind, const std::filesystem::path& file,
                        bool skip_invalid = false, const TownGeocoder* geocoder = nullptr);

    std::filesystem::path m_dir;
    std::unique_ptr<Store> m_store;
};

/// The first error of the report on `line`, or nullptr.
const RowError* error_on_line(const ImportReport& report, std::size_t line);

} // namespace breathline::data::test
