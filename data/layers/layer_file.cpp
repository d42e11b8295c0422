#include "data/layers/layer_file.h"

#include "data/gdal/gdal_support.h"

#include <gdal_priv.h>
#include <memory>

namespace breathline::data::layers {

LayerFileContent probe_layer_file(const std::filesystem::path& path) {
    gdal::register_drivers_once();
    const gdal::QuietErrors quiet;
    LayerFileContent out;
    const auto open = [&](unsigned flags) {
        return std::unique_ptr<GDALDataset>(
            GDALDataset::Open(path.c_str(), flags | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    };
    if (const auto ds = open(GDAL_OF_VECTOR)) out.vector = ds->GetLayerCount() > 0;
    if (const auto ds = open(GDAL_OF_RASTER))
        // A GeoPackage of tiles opens with bands; one with several tile sets
        // lists them as subdatasets instead.
        out.raster = ds->GetRasterCount() > 0 || CSLCount(ds->GetMetadata("SUBDATASETS")) > 0;
    return out;
}

} // namespace breathline::data::layers
