// `breathline screenshot` run in-process through the CLI, as a user runs
// it: a PNG of the asked size, layer selection, usage errors. Its own test
// executable: the verb opens (and closes) its own hidden window, which must
// not share a process with another GLFW session.
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/render/png.h"
#include "console/ui/window_verbs.h"
#include "tests/data/demo/demo_test_data.h"
#include "tests/ui/screenshot_fixture.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

namespace breathline::ui {
namespace {

namespace fs = std::filesystem;

class ScreenshotVerb : public testing::DemoScreenshotTest {};

TEST_F(ScreenshotVerb, WritesAPngOfTheAskedSize) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const auto png = (s_dir / "a.png").string();
    ASSERT_EQ(run({"screenshot", "--out", png, "--size", "320x200", "--center", "139.7190,35.7300",
                   "--zoom", "14"}),
              cli::exit_ok)
        << err.str();
    const render::Image image = render::read_png(png);
    EXPECT_EQ(image.width, 320);
    EXPECT_EQ(image.height, 200);
    EXPECT_NE(out.str().find("320x200"), std::string::npos) << out.str();
    // Only the ward layer: no orange road pixels remain.
    const auto ward_only = (s_dir / "b.png").string();
    ASSERT_EQ(run({"screenshot", "--out", ward_only, "--size", "320x200", "--layers", "ward"}),
              cli::exit_ok)
        << err.str();
    const auto count_road = [](const render::Image& im) {
        int n = 0;
        for (std::size_t i = 0; i < im.rgba.size(); i += 4)
            n += im.rgba[i] > 200 && im.rgba[i + 1] > 130 && im.rgba[i + 1] < 220 &&
                 im.rgba[i + 2] < 140;
        return n;
    };
    EXPECT_GT(count_road(image), 100);
    EXPECT_EQ(count_road(render::read_png(ward_only)), 0);
}

TEST_F(ScreenshotVerb, RejectsBadOptionsNamingTheValue) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    const auto png = (s_dir / "c.png").string();
    EXPECT_EQ(run({"screenshot", "--out", png, "--size", "12x12"}), cli::exit_usage);
    EXPECT_NE(err.str().find("12x12"), std::string::npos) << err.str();
    EXPECT_EQ(run({"screenshot", "--out", png, "--layers", "ward,nope"}), cli::exit_usage);
    EXPECT_NE(err.str().find("nope"), std::string::npos);
    EXPECT_NE(err.str().find("persons.tppv"), std::string::npos) << "lists the layers";
    EXPECT_EQ(run({"screenshot", "--out", png, "--zoom", "40"}), cli::exit_usage);
    EXPECT_EQ(run({"screenshot", "--out", png, "--center", "east"}), cli::exit_usage);
    EXPECT_EQ(run({"screenshot"}), cli::exit_usage);
    EXPECT_FALSE(fs::exists(png));
    EXPECT_EQ(
        run({"screenshot", "--out", (s_dir / "missing" / "d.png").string(), "--size", "64x64"}),
        cli::exit_io);
    EXPECT_NE(err.str().find("d.png"), std::string::npos) << err.str();
}

} // namespace
} // namespace breathline::ui
