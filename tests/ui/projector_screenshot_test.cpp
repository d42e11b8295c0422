// `breathline screenshot --projector` (issue 8) over the demo database, run in-process through
// the CLI as a user runs it: the whole console in projector mode drawn offscreen by the app
// itself. The image must show the five level colours of the tiles (Okabe–Ito) on the
// near-black projector background. Its own test executable: the app opens a hidden GLFW window,
// which must not share a process with another GLFW session.
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/map/ops_layers.h"
#include "console/render/png.h"
#include "console/ui/window_verbs.h"
#include "tests/data/demo/demo_test_data.h"
#include "tests/ui/screenshot_fixture.h"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

namespace breathline::ui {
namespace {

namespace fs = std::filesystem;
namespace ops = data::ops;

class ProjectorScreenshot : public testing::DemoScreenshotTest {};

int count_near(const render::Image& im, const map::Rgba& c, int tolerance) {
    int n = 0;
    for (std::size_t i = 0; i + 3 < im.rgba.size(); i += 4)
        n += std::abs(im.rgba[i] - c.r) <= tolerance &&
             std::abs(im.rgba[i + 1] - c.g) <= tolerance &&
             std::abs(im.rgba[i + 2] - c.b) <= tolerance;
    return n;
}

TEST_F(ProjectorScreenshot, ShowsTheTileColoursOnTheDarkBackground) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const auto png = (s_dir / "wall.png").string();
    ASSERT_EQ(run({"screenshot", "--projector", "--out", png, "--size", "1920x1080"}), cli::exit_ok)
        << err.str();
    EXPECT_NE(out.str().find("1920x1080"), std::string::npos) << out.str();
    const render::Image image = render::read_png(png);
    ASSERT_EQ(image.width, 1920);
    ASSERT_EQ(image.height, 1080);
    // Each tile's frame and shape are drawn in the level's colour: thousands of pixels each.
    for (const auto level :
         {ops::BoardLevel::critical, ops::BoardLevel::urgent, ops::BoardLevel::unconfirmed,
          ops::BoardLevel::watch, ops::BoardLevel::ok}) {
        const auto c = map::board_level_colour(level, map::BoardPalette::projector);
        EXPECT_GT(count_near(image, c, 6), 1000) << ops::to_string(level);
    }
    // The wall is dark: most of the image is the near-black background or overlays on it.
    int dark = 0;
    for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4)
        dark += image.rgba[i] < 48 && image.rgba[i + 1] < 48 && image.rgba[i + 2] < 48;
    EXPECT_GT(dark, image.width * image.height / 3);
    // The normal console's light grey never appears as a background.
    EXPECT_LT(count_near(image, {242, 242, 242, 255}, 3), image.width * image.height / 100);
}

TEST_F(ProjectorScreenshot, RefusesMapOptionsThatDoNotApply) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const auto png = (s_dir / "no.png").string();
    EXPECT_EQ(run({"screenshot", "--projector", "--out", png, "--zoom", "14"}), cli::exit_usage);
    EXPECT_NE(err.str().find("--projector"), std::string::npos) << err.str();
    EXPECT_FALSE(fs::exists(png));
}

} // namespace
} // namespace breathline::ui
