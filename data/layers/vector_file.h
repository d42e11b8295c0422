#pragma once
/// Reading any OGR vector file (GeoPackage, GeoJSON, Shapefile, KML, ...) for display as a user
/// layer on the map: every feature's geometry in EPSG:4326 degrees plus a label text. Every
/// geometry type is accepted: points, lines and polygons, their multi* forms, geometry
/// collections, and curves (linearised). GDAL stays behind this header.

#include "geo/coordinates.h"
#include "geo/polygon.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace breathline::data::layers {

/// One feature, its parts split by dimension (a GeometryCollection may fill all three).
struct VectorFeature {
    std::size_t layer = 0; ///< index into VectorFile::layer_names
    std::int64_t fid = 0;  ///< OGR feature id within its layer
    /// Value of the first field called name / NAME / 名称 / title (case-insensitive), else "".
    std::string label;
    std::vector<geo::LonLat> points;
    std::vector<std::vector<geo::LonLat>> lines;
    std::vector<geo::Polygon> polygons;
};

struct VectorFile {
    std::vector<std::string> layer_names;     ///< the vector layers read, in dataset order
    std::vector<VectorFeature> features;      ///< layer by layer, in each layer's reading order
    std::size_t skipped_without_geometry = 0; ///< features with no or an empty geometry
};

/// Reads every vector layer of `path`, reprojecting to EPSG:4326 (longitude first) when a
/// layer states another CRS; a layer without CRS is taken as longitude/latitude already.
/// Throws DataError(io) naming the file when GDAL cannot open it as a vector dataset (a
/// raster, a text file, a missing path), and DataError(invalid_input) naming the file, layer
/// and feature when a CRS cannot be converted or a coordinate is not a longitude/latitude
/// (e.g. a projected file without its .prj). Thread-safe (each call opens its own dataset).
VectorFile read_vector_file(const std::filesystem::path& path);

} // namespace breathline::data::layers
