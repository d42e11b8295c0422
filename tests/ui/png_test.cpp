// PNG writing (libpng) and reading back (cairo): exact round trip of
// straight-alpha RGBA, errors naming the path.
#include "console/render/png.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

namespace breathline::render {
namespace {

TEST(Png, RoundTripKeepsEveryOpaquePixel) {
    const int w = 37, h = 11; // odd sizes: no row padding assumed
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w * h * 4));
    for (std::size_t i = 0; i < rgba.size(); ++i)
        rgba[i] = (i % 4 == 3) ? 255 : static_cast<std::uint8_t>((i * 37) % 256);
    // One half-transparent pixel: straight alpha survives within rounding.
    rgba[0] = 200, rgba[1] = 100, rgba[2] = 50, rgba[3] = 128;
    const auto path = std::filesystem::temp_directory_path() /
                      ("png_test_" + std::to_string(::getpid()) + ".png");
    write_png(path, w, h, rgba);
    const Image back = read_png(path);
    std::filesystem::remove(path);
    ASSERT_EQ(back.width, w);
    ASSERT_EQ(back.height, h);
    ASSERT_EQ(back.rgba.size(), rgba.size());
    for (std::size_t i = 4; i < rgba.size(); ++i)
        ASSERT_EQ(back.rgba[i], rgba[i]) << i;
    EXPECT_EQ(back.rgba[3], 128);
    for (std::size_t c = 0; c < 3; ++c)
        EXPECT_NEAR(back.rgba[c], rgba[c], 2);
}

TEST(Png, ErrorsNameThePath) {
    const std::vector<std::uint8_t> rgba(4 * 4 * 4, 255);
    try {
        write_png("/nonexistent-dir/map.png", 4, 4, rgba);
        FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/map.png"), std::string::npos);
    }
    EXPECT_THROW(write_png("/tmp/x.png", 5, 4, rgba), std::invalid_argument);
    EXPECT_THROW(read_png("/nonexistent-dir/map.png"), std::runtime_error);
}

} // namespace
} // namespace breathline::render
