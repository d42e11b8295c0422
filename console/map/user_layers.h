#pragma once
/// Layers the user adds from files: any vector file GDAL reads (GeoPackage, GeoJSON,
/// Shapefile, ...) drawn as points, lines and filled polygons, and rasters (GeoTIFF, MBTiles,
/// GeoPackage tiles) drawn as one texture. Reading happens in data/layers (GDAL lives only in
/// the data layer); this file turns what was read into a map::Layer on the display plane.
/// Loading can take seconds for big files: call these off the frame (a job).

#include "console/map/scene.h"
#include "data/layers/raster_file.h"
#include "data/layers/vector_file.h"
#include "geo/coordinates.h"

#include <filesystem>
#include <string>

namespace breathline::map {

/// The layer id of a user file: "user:<path as given>".
std::string user_layer_id(const std::filesystem::path& path);

/// A vector file as a layer: one FeatureRef (Kind::user_feature, id = OGR FID, external_id =
/// the feature's label) per feature; points with user_point_style(), lines with
/// user_line_style() (style 0), polygons filled with user_fill_colour() and outlined with
/// user_outline_style() (style 1); holes are left open. Features with a label (a name field)
/// get a label candidate at their first point, line middle vertex or outer ring's first vertex.
/// Coordinates relative to `origin` (Scene::origin, EPSG:6677 metres). The layer is named
/// after the file. Throws what data::layers::read_vector_file throws (DataError naming the
/// file) and std::runtime_error when PROJ fails. Thread-safe (own projector, own dataset).
Layer load_vector_layer(const std::filesystem::path& path, const geo::PlaneXY& origin);

/// The same from an already read file (for tests and for callers that read elsewhere).
Layer make_vector_layer(const data::layers::VectorFile& file, const std::string& id,
                        const std::string& name, const geo::PlaneXY& origin);

/// A raster file as a layer with a RasterLayer (already warped to EPSG:6677) and a raster
/// legend entry. Throws what data::layers::read_raster_file throws (DataError naming the
/// file). Thread-safe.
Layer load_raster_layer(const std::filesystem::path& path,
                        const data::layers::RasterOptions& options = {});

/// A file the user adds, read by what it holds (data::layers::probe_layer_file): rasters
/// (GeoTIFF, MBTiles, GeoPackage tiles) through load_raster_layer, vector files through
/// load_vector_layer; a file with both is shown as vectors (its features are what can be
/// picked). Throws DataError(io) naming the file when GDAL can read it as neither.
Layer load_user_layer(const std::filesystem::path& path, const geo::PlaneXY& origin);

} // namespace breathline::map
