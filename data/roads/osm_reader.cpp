#include "data/error.h"
#include "data/roads/road_readers.h"
#include "data/roads/road_tags.h"

#include <algorithm>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>
#include <string>
#include <vector>

namespace breathline::data::roads {

namespace {

// A kept way before its node locations are known.
struct PendingWay {
    std::size_t first_ref = 0;
    std::size_t ref_count = 0;
    WayAttributes attributes;
};

osmium::io::File osmium_file(const std::filesystem::path& path, RoadSourceFormat format) {
    const std::string name = path.string();
    if (format == RoadSourceFormat::osm_pbf) return osmium::io::File(name, "pbf");
    // osmium picks XML and the compression from the suffix (.osm, .osm.bz2,
    // .osm.gz); any other name is read as plain XML.
    const bool known =
        name.ends_with(".osm") || name.ends_with(".osm.bz2") || name.ends_with(".osm.gz");
    return known ? osmium::io::File(name) : osmium::io::File(name, "osm");
}

} // namespace

void read_osm(const std::filesystem::path& path, RoadSourceFormat format, NetworkBuilder& builder,
              RoadImportReport& report) {
    const char* kind = format == RoadSourceFormat::osm_pbf ? "PBF" : "XML";
    std::vector<std::int64_t> refs;
    std::vector<PendingWay> ways;
    std::vector<std::int64_t> needed;
    std::vector<std::optional<geo::LonLat>> located;
    try {
        {
            osmium::io::Reader reader(osmium_file(path, format), osmium::osm_entity_bits::way);
            while (osmium::memory::Buffer buffer = reader.read()) {
                for (const osmium::Way& way : buffer.select<osmium::Way>()) {
                    ++report.ways_read;
                    const osmium::TagList& tags = way.tags();
                    const TagLookup lookup =
                        [&tags](std::string_view key) -> std::optional<std::string_view> {
                        const char* v = tags.get_value_by_key(std::string(key).c_str());
                        if (!v || !*v) return std::nullopt;
                        return std::string_view(v);
                    };
                    // Ways without a highway tag (buildings, rivers, ...) are
                    // not roads at all; only highway ways count as dropped.
                    if (!tags.has_key("highway")) continue;
                    auto attributes = road_attributes(lookup, std::nullopt);
                    if (!attributes || way.nodes().size() < 2) {
                        ++report.ways_dropped;
                        continue;
                    }
                    ++report.ways_routable;
                    attributes->source_id = static_cast<std::uint64_t>(way.id());
                    PendingWay w{refs.size(), way.nodes().size(), std::move(*attributes)};
                    for (const osmium::NodeRef& r : way.nodes())
                        refs.push_back(r.ref());
                    ways.push_back(std::move(w));
                }
            }
            reader.close();
        }
        needed = refs;
        std::sort(needed.begin(), needed.end());
        needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
        located.resize(needed.size());
        if (!needed.empty()) {
            osmium::io::Reader reader(osmium_file(path, format), osmium::osm_entity_bits::node);
            while (osmium::memory::Buffer buffer = reader.read()) {
                for (const osmium::Node& node : buffer.select<osmium::Node>()) {
                    const auto it = std::lower_bound(needed.begin(), needed.end(), node.id());
                    if (it == needed.end() || *it != node.id() || !node.location().valid())
                        continue;
                    located[static_cast<std::size_t>(it - needed.begin())] =
                        geo::LonLat(node.location().lon(), node.location().lat());
                }
            }
            reader.close();
        }
    } catch (const DataError&) {
        throw;
    } catch (const std::exception& e) {
        throw DataError(
            ErrorCode::import_failed,
            "'" + path.string() + "' is not a readable OpenStreetMap " + kind + " file (" +
                e.what() +
                "): check that the download is complete and that the file name "
                "ends in the right suffix (.osm.pbf for PBF, .osm or .osm.bz2 for XML)");
    }

    // Ways that run off the edge of an extract refer to nodes it lacks: keep
    // the pieces between the missing nodes.
    std::vector<WayPoint> points;
    for (PendingWay& w : ways) {
        bool cut = false;
        points.clear();
        auto flush = [&] {
            if (points.size() >= 2) builder.add_way(points, w.attributes);
            points.clear();
        };
        for (std::size_t i = 0; i < w.ref_count; ++i) {
            const std::int64_t ref = refs[w.first_ref + i];
            const auto it = std::lower_bound(needed.begin(), needed.end(), ref);
            const auto& location = located[static_cast<std::size_t>(it - needed.begin())];
            if (!location) {
                cut = true;
                flush();
                continue;
            }
            points.push_back({static_cast<std::uint64_t>(ref), *location});
        }
        flush();
        if (cut) ++report.ways_incomplete;
    }
}

} // namespace breathline::data::roads
