#pragma once
/// The three road readers behind import_roads(). Each fills a NetworkBuilder
/// and its share of the report, and throws DataError(import_failed) naming
/// the file and the problem. Internal to data/roads.

#include "data/roads/network_builder.h"
#include "data/roads/road_import.h"

#include <filesystem>
#include <string>

namespace breathline::data::roads {

/// The whole file; throws DataError(import_failed) naming it when it is
/// missing or unreadable.
std::string read_file_bytes(const std::filesystem::path& path);

/// OSM PBF or XML through libosmium, in two passes (ways, then the
/// locations of the nodes they use), so memory grows with the roads, not
/// with the whole extract. Node keys are OSM node ids.
void read_osm(const std::filesystem::path& path, RoadSourceFormat format, NetworkBuilder& builder,
              RoadImportReport& report);

/// A GDAL line layer; node keys come from identical coordinates. Reprojects
/// to EPSG:4326; a layer without CRS must hold plausible lon/lat degrees.
void read_ogr_lines(const std::filesystem::path& path, const std::string& layer_name,
                    NetworkBuilder& builder, RoadImportReport& report);

/// UXsim node and link tables (UTF-8 or CP932). A link present in both
/// directions is one two-way edge, in one direction a one-way edge; the name
/// is the link name without its leading index. Node keys are the node names
/// (OSM node ids in the Tokyo arterial set).
void read_uxsim(const std::filesystem::path& nodes_path, const std::filesystem::path& links_path,
                NetworkBuilder& builder, RoadImportReport& report);

} // namespace breathline::data::roads
