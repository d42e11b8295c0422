#pragma once
/// What a file a user adds to the map holds: vector features, raster
/// images, or both (a GeoPackage may carry tiles and features). The console
/// asks this before choosing a reader, so a file is recognised by its
/// content, not its extension. GDAL stays behind this header.

#include <filesystem>

namespace breathline::data::layers {

struct LayerFileContent {
    bool vector = false; ///< at least one OGR vector layer
    bool raster = false; ///< at least one raster band or raster subdataset
};

/// Opens `path` read-only with GDAL and reports what it holds; both false
/// when GDAL cannot read it as either (a text file, a missing path).
/// Never throws. Thread-safe.
LayerFileContent probe_layer_file(const std::filesystem::path& path);

} // namespace breathline::data::layers
