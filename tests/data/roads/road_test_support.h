#pragma once
// Shared helpers of the road suites: the real networks in ../shared/data,
// temporary files, and a store holding an imported network.

#include "data/roads/road_import.h"
#include "data/roads/road_store.h"
#include "tests/data/store/store_test_support.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <string>

namespace breathline::data::test {

/// A file under ../shared/data (BREATHLINE_TEST_DATA_DIR), e.g. "bench/osm/monaco.osm.pbf".
std::filesystem::path shared_data(const std::string& relative);
/// A fixture under tests/data/roads/fixtures.
std::filesystem::path road_fixture(const std::string& name);

std::filesystem::path monaco_pbf();
std::filesystem::path nerima_osm();
std::filesystem::path uxsim_nodes();
std::filesystem::path uxsim_links_cp932();
std::filesystem::path uxsim_links_utf8();
std::filesystem::path toshima_boundary();

/// Writes `text` to `path` (binary, replacing it).
void write_text(const std::filesystem::path& path, const std::string& text);

/// The UXsim arterials, imported with the CP932 link table.
geo::road::RoadNetwork import_uxsim(RoadImportReport* report = nullptr);

/// A RoadSourceInfo for `report` as the CLI would fill it.
RoadSourceInfo source_info(const RoadImportReport& report, const std::string& clip = "");

/// Node counts and attributes of two networks are identical (names compared
/// as text); gtest failures name the first difference.
void expect_same_network(const geo::road::RoadNetwork& a, const geo::road::RoadNetwork& b);

} // namespace breathline::data::test

/// Fails the test (never skips) when a file of the shared data is missing.
#define REQUIRE_DATA(path)                                                                         \
    ASSERT_TRUE(std::filesystem::exists(path))                                                     \
        << "shared test data missing: " << (path)                                                  \
        << " (the road suites need ../shared/data; see ../shared/data/real/SOURCES.md)"
