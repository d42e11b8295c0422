#pragma once
// The demo database, built once per test executable into a temporary file, for the map tests
// that need real Toshima data (ward boundary, facilities, synthetic registry, arterial roads).
// Tests must not modify it; tests that edit build their own copy as a DemoStore.

#include "data/demo/demo_builder.h"
#include "tests/data/demo/demo_test_data.h"

#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

namespace breathline::map::testing {

inline std::filesystem::path temp_db_path(const std::string& tag) {
    const auto p = std::filesystem::temp_directory_path() /
                   ("breathline_map_test_" + std::to_string(::getpid()) + "_" + tag + ".sqlite");
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(p.string() + suffix);
    return p;
}

/// A demo store in its own temporary file; the file goes when the object does.
class DemoStore {
public:
    explicit DemoStore(const std::string& tag) : m_path(temp_db_path(tag)) {
        m_store = data::open_store(m_path.string());
        m_store->set_actor("map-test");
        data::demo::build_demo(*m_store, data::demo::testing::demo_inputs());
    }
    ~DemoStore() {
        m_store.reset();
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            std::filesystem::remove(m_path.string() + suffix);
    }
    DemoStore(const DemoStore&) = delete;
    DemoStore& operator=(const DemoStore&) = delete;
    data::Store& operator*() { return *m_store; }
    data::Store* operator->() { return m_store.get(); }

private:
    std::filesystem::path m_path;
    std::unique_ptr<data::Store> m_store;
};

/// The shared read-only demo store, built on first use.
inline data::Store& demo_store() {
    static DemoStore store("shared");
    return *store;
}

} // namespace breathline::map::testing

// Fails the current test when the shared real data is missing (never skips).
#define BREATHLINE_REQUIRE_MAP_DEMO_DATA() BREATHLINE_REQUIRE_DEMO_DATA()
