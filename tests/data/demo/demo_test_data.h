#pragma once
// Shared access to the real data the demo tests read. A missing data
// directory is a test failure with a clear message, never a skip.

#include "data/demo/demo_builder.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <optional>
#include <string>

namespace breathline::data::demo::testing {

inline std::filesystem::path real_data_dir() {
    return BREATHLINE_TEST_DATA_DIR;
}

inline DemoSources demo_sources() {
    return DemoSources::in(real_data_dir());
}

/// Empty string when every demo input exists; otherwise what is missing.
inline std::string missing_inputs() {
    const DemoSources s = demo_sources();
    std::string missing;
    for (const auto& p : {s.ward_boundary, s.gsi_shelters, s.gsi_evacuation_sites, s.town_table,
                          s.road_nodes, s.road_links})
        if (!std::filesystem::exists(p)) missing += " " + p.string();
    return missing.empty() ? ""
                           : "shared real data missing (set BREATHLINE_TEST_DATA_DIR or "
                             "restore ../shared/data/real):" +
                                 missing;
}

/// The demo inputs, read once per test executable (they are immutable).
inline const DemoInputs& demo_inputs() {
    static const DemoInputs inputs = load_demo_inputs(demo_sources());
    return inputs;
}

} // namespace breathline::data::demo::testing

// Fails the current test (and returns from it) when the shared data is missing.
#define BREATHLINE_REQUIRE_DEMO_DATA()                                                             \
    do {                                                                                           \
        const std::string missing_ = ::breathline::data::demo::testing::missing_inputs();          \
        ASSERT_TRUE(missing_.empty()) << missing_;                                                 \
    } while (false)
