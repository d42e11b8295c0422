#pragma once
/// Writing RGBA pixels to a PNG file (libpng, fast settings) and reading one
/// back (cairo) for golden-image tests.

#include <cstdint>
#include <filesystem>
#include <vector>

namespace breathline::render {

/// Writes `rgba` (straight alpha, width*height*4 bytes, top row first) as a
/// PNG (8-bit RGBA). Throws std::invalid_argument when the size does not
/// match and std::runtime_error naming the path when the file cannot be
/// written (no partial file is left). Thread-safe.
void write_png(const std::filesystem::path& path, int width, int height,
               const std::vector<std::uint8_t>& rgba);

/// An image read from a PNG file.
struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba; ///< straight alpha, top row first
};

/// Reads a PNG written by write_png (any PNG cairo reads). Throws
/// std::runtime_error naming the path when it cannot be read.
Image read_png(const std::filesystem::path& path);

} // namespace breathline::render
