#pragma once
// The fixture of the screenshot verb suites: the demo database built once per executable in a
// temporary directory, the window verbs registered, and `breathline --db DEMO WORDS...` run in
// process with its output captured.

#include "console/cli/cli.h"
#include "console/ui/window_verbs.h"
#include "data/store/store.h"
#include "tests/data/demo/demo_test_data.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace breathline::ui::testing {

class DemoScreenshotTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = std::filesystem::temp_directory_path() /
                ("breathline_screenshot_test_" + std::to_string(::getpid()));
        std::filesystem::create_directories(s_dir);
        if (!data::demo::testing::missing_inputs().empty()) return;
        auto store = data::open_store((s_dir / "demo.sqlite").string());
        store->set_actor("screenshot-test");
        data::demo::build_demo(*store, data::demo::testing::demo_inputs());
        cli::register_verb(make_screenshot_verb());
    }
    static void TearDownTestSuite() { std::filesystem::remove_all(s_dir); }

    int run(const std::vector<std::string>& words) {
        std::vector<const char*> argv{"breathline", "--db", db.c_str()};
        for (const auto& w : words)
            argv.push_back(w.c_str());
        out.str("");
        err.str("");
        return cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    }

    static inline std::filesystem::path s_dir;
    std::string db = (s_dir / "demo.sqlite").string();
    std::ostringstream out, err;
};

} // namespace breathline::ui::testing
