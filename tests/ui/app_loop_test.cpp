// The interactive console's loop in a real (Xvfb) window over the demo database: it opens the
// database on the job worker, installs it on the main thread, draws the map view and every
// panel, writes its settings, and exits on its own (exit_after_s). Needs a display: the test
// command runs it under xvfb-run.

#include "../data/demo/demo_test_data.h"
#include "console/ui/app.h"
#include "console/ui/settings.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

namespace breathline::ui {
namespace {

TEST(AppLoop, OpensTheDemoDrawsAndRemembersTheDatabase) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const auto dir = std::filesystem::temp_directory_path() /
                     ("breathline-app-loop-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string db = (dir / "demo.sqlite").string();
    {
        auto store = data::open_store(db);
        store->set_actor("app-loop-test");
        data::demo::build_demo(*store, data::demo::testing::demo_inputs());
    }
    Settings saved;
    saved.drill_mode = true;
    saved.language = Lang::en;
    ASSERT_EQ(save_settings(saved, dir / "console.ini"), "");

    AppOptions options;
    options.db = db;
    options.data_dir = BREATHLINE_TEST_DATA_DIR;
    options.actor = "app-loop-test";
    options.settings_path = dir / "console.ini";
    options.width = 1280;
    options.height = 800;
    // Draws continuously; exit_after_s ends the run once loaded, max_frames bounds a failure.
    options.max_frames = 3000;
    options.exit_after_s = 0.5;
    EXPECT_EQ(run_app(options), 0);

    // The database was installed (it is remembered) and the other settings survived.
    const Settings after = load_settings(dir / "console.ini");
    EXPECT_EQ(after.last_db, db);
    EXPECT_TRUE(after.drill_mode);
    EXPECT_EQ(after.language, Lang::en);
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace breathline::ui
