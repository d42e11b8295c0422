#include "data/roads/road_import.h"

#include "data/audit/sha256.h"
#include "data/error.h"
#include "data/roads/network_builder.h"
#include "data/roads/road_readers.h"
#include "data/text/encoding.h"
#include "geo/road/components.h"
#include "geo/road/profile.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

namespace breathline::data {

namespace fs = std::filesystem;

const char* to_string(RoadSourceFormat format) {
    switch (format) {
    case RoadSourceFormat::osm_pbf:
        return "osm_pbf";
    case RoadSourceFormat::osm_xml:
        return "osm_xml";
    case RoadSourceFormat::ogr_lines:
        return "ogr_lines";
    case RoadSourceFormat::uxsim_csv:
        return "uxsim_csv";
    }
    return "unknown";
}

namespace {

std::string lower_name(const fs::path& path) {
    std::string s = path.filename().string();
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Streams the files through SHA-256 (a country extract is hundreds of MB).
std::string files_sha256(const std::vector<fs::path>& paths) {
    Sha256 hash;
    std::vector<char> buffer(1 << 20);
    for (const fs::path& p : paths) {
        std::ifstream in(p, std::ios::binary);
        while (in) {
            in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
        }
    }
    static const char* digits = "0123456789abcdef";
    std::string hex;
    for (const std::uint8_t b : hash.finish()) {
        hex += digits[b >> 4];
        hex += digits[b & 15];
    }
    return hex;
}

bool text_equal_after_decoding(const std::string& a, const std::string& b) {
    try {
        return text::decode_to_utf8(a) == text::decode_to_utf8(b);
    } catch (const text::TextError&) {
        return false;
    }
}

// The other table of a UXsim pair: the files beside `given` whose name has
// `want` where `given` has `have` ("nodes" <-> "links").
fs::path find_partner(const fs::path& given, const std::string& have, const std::string& want) {
    const std::string name = given.filename().string();
    const std::size_t at = name.rfind(have);
    if (at == std::string::npos)
        throw DataError(ErrorCode::import_failed,
                        "'" + given.string() +
                            "': a UXsim import needs the node table (…_nodes.csv) and the link "
                            "table (…_links.csv); name the other one explicitly");
    const std::string prefix = name.substr(0, at) + want;
    const fs::path dir = given.has_parent_path() ? given.parent_path() : fs::path(".");
    std::vector<fs::path> candidates;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string n = entry.path().filename().string();
        if (n.starts_with(prefix) && lower_name(entry.path()).ends_with(".csv"))
            candidates.push_back(entry.path());
    }
    std::sort(candidates.begin(), candidates.end());
    if (candidates.empty())
        throw DataError(ErrorCode::import_failed,
                        "'" + given.string() + "': no " + want + " table (" + prefix +
                            "*.csv) beside it; a UXsim import needs both tables");
    // The Tokyo set ships the link table twice (CP932 and its UTF-8 copy):
    // several candidates are fine when they hold the same text.
    const std::string first = roads::read_file_bytes(candidates[0]);
    for (std::size_t i = 1; i < candidates.size(); ++i) {
        if (text_equal_after_decoding(first, roads::read_file_bytes(candidates[i]))) continue;
        throw DataError(ErrorCode::import_failed,
                        "'" + given.string() + "': several different " + want +
                            " tables beside it (" + candidates[0].filename().string() + ", " +
                            candidates[i].filename().string() + "); name the one to use");
    }
    return candidates[0];
}

} // namespace

RoadSourceFormat detect_road_format(const fs::path& path) {
    const std::string n = lower_name(path);
    if (n.ends_with(".pbf")) return RoadSourceFormat::osm_pbf;
    if (n.ends_with(".osm") || n.ends_with(".osm.bz2") || n.ends_with(".osm.gz"))
        return RoadSourceFormat::osm_xml;
    if (n.ends_with(".csv")) return RoadSourceFormat::uxsim_csv;
    return RoadSourceFormat::ogr_lines;
}

namespace roads {

std::string read_file_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw DataError(ErrorCode::import_failed,
                        "'" + path.string() + "' cannot be read: check the path and permissions");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace roads

geo::road::RoadNetwork import_roads(const RoadImportOptions& options, RoadImportReport* out) {
    RoadImportReport report;
    report.path = options.path;
    report.format = options.format.value_or(detect_road_format(options.path));
    std::error_code ec;
    if (!fs::is_regular_file(options.path, ec))
        throw DataError(ErrorCode::import_failed,
                        "'" + options.path.string() + "': no such road file; check the path");
    if (!std::isfinite(options.clip_margin_m) || options.clip_margin_m < 0)
        throw DataError(ErrorCode::invalid_input, "clip margin " +
                                                      std::to_string(options.clip_margin_m) +
                                                      " m: the margin must be 0 or more metres");

    roads::NetworkBuilder builder;
    std::vector<fs::path> hashed{options.path};
    switch (report.format) {
    case RoadSourceFormat::osm_pbf:
    case RoadSourceFormat::osm_xml:
        roads::read_osm(options.path, report.format, builder, report);
        break;
    case RoadSourceFormat::ogr_lines:
        roads::read_ogr_lines(options.path, options.layer, builder, report);
        break;
    case RoadSourceFormat::uxsim_csv: {
        fs::path nodes = options.path;
        fs::path links = options.links_path;
        const std::string name = lower_name(options.path);
        if (links.empty()) {
            if (name.find("links") != std::string::npos &&
                name.find("nodes") == std::string::npos) {
                links = options.path;
                nodes = find_partner(options.path, "links", "nodes");
            } else {
                links = find_partner(options.path, "nodes", "links");
            }
        }
        report.path = nodes;
        report.links_path = links;
        hashed = {nodes, links};
        roads::read_uxsim(nodes, links, builder, report);
        break;
    }
    }
    report.sha256 = files_sha256(hashed);

    const std::string file = "'" + report.path.string() + "'";
    if (builder.way_count() == 0)
        throw DataError(ErrorCode::import_failed,
                        file + " has no routable ways (" + std::to_string(report.ways_read) +
                            " read, none a road that a profile can use, e.g. highway=residential): "
                            "check that it is a road file");

    const geo::PlaneProjector projector;
    geo::road::RoadNetwork network =
        builder.build(projector, report.format != RoadSourceFormat::ogr_lines);
    if (options.clip) {
        report.edges_clipped =
            roads::clip_network(network, *options.clip, options.clip_margin_m, projector);
        if (network.edges.empty())
            throw DataError(ErrorCode::import_failed,
                            file + " has no routable ways inside the clip polygon (plus " +
                                std::to_string(options.clip_margin_m) +
                                " m): check that the clip polygon and the road file cover the "
                                "same area");
    }
    roads::compact_names(network);

    const geo::road::ComponentReport components =
        geo::road::mark_largest_scc(network, geo::road::Profile::car());
    report.nodes = network.node_count();
    report.edges = network.edge_count();
    report.component_count = components.component_count;
    report.largest_component_nodes = components.largest_size;
    report.nodes_outside_largest = components.nodes_outside;
    report.other_component_sizes = components.other_sizes;
    if (out) *out = std::move(report);
    return network;
}

} // namespace breathline::data
