#pragma once
/// Reading a georeferenced raster (GeoTIFF, MBTiles, GeoPackage tiles, anything GDAL reads)
/// as one RGBA image warped to EPSG:6677, the map's display plane, for drawing as a texture.
/// GDAL stays behind this header.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace breathline::data::layers {

struct RasterOptions {
    /// Longest side of the output image in pixels; larger rasters are resampled (GDAL uses
    /// overviews or lower zoom levels where the file has them). One GPU texture must hold it.
    int max_size_px = 4096;
    /// When set, only this box of EPSG:6677 metres (min_x, min_y, max_x, max_y; x east,
    /// y north) is read, e.g. the ward, so that a world-wide MBTiles file stays usable.
    std::optional<std::array<double, 4>> clip_6677;
};

/// An image on the EPSG:6677 plane: pixel (col, row) covers easting
/// min_x + col * (max_x - min_x) / width, row 0 being the northern edge.
struct RasterImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t>
        rgba; ///< width * height * 4 bytes, straight (not premultiplied) alpha
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0; ///< EPSG:6677 metres, x east, y north
};

/// Opens `path`, expands colour tables to RGBA, stretches non-byte bands to 0-255 (min to max),
/// and warps to EPSG:6677 with bilinear resampling; pixels outside the source are
/// transparent. Grey images become grey RGB. Throws DataError(io) naming the file when GDAL
/// cannot open it as a raster, and DataError(invalid_input) naming the file when it has no
/// georeferencing (no CRS or geotransform), cannot be warped to EPSG:6677, or the clip box
/// does not overlap it. Thread-safe (each call opens its own datasets).
RasterImage read_raster_file(const std::filesystem::path& path, const RasterOptions& options = {});

} // namespace breathline::data::layers
