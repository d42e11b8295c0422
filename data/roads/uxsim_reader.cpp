#include "data/error.h"
#include "data/roads/road_readers.h"
#include "data/text/csv.h"
#include "data/text/encoding.h"
#include "data/text/normalize.h"

#include <charconv>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace breathline::data::roads {

namespace {

// The text of a table as UTF-8 records, with errors naming the file.
std::vector<text::CsvRecord> read_table(const std::filesystem::path& path) {
    const std::string bytes = read_file_bytes(path);
    try {
        return text::read_csv(text::decode_to_utf8(bytes));
    } catch (const text::CsvError& e) {
        throw DataError(ErrorCode::import_failed, "'" + path.string() + "' line " +
                                                      std::to_string(e.line()) + ": " + e.what() +
                                                      ": fix the CSV quoting");
    } catch (const text::TextError& e) {
        throw DataError(ErrorCode::import_failed,
                        "'" + path.string() + "' is neither UTF-8 nor CP932 text (byte " +
                            std::to_string(e.byte_offset()) + "): save it as UTF-8 or CP932");
    }
}

// Column positions by header name; a missing column is an error naming it.
class Columns {
public:
    Columns(const std::filesystem::path& path, const std::vector<text::CsvRecord>& rows)
        : m_path(path) {
        if (rows.empty())
            throw DataError(ErrorCode::import_failed,
                            "'" + path.string() + "' is empty: a UXsim table needs a header line");
        for (std::size_t i = 0; i < rows[0].fields.size(); ++i)
            m_index[text::trim(rows[0].fields[i])] = i;
    }
    std::size_t at(const std::string& name) const {
        const auto it = m_index.find(name);
        if (it == m_index.end())
            throw DataError(ErrorCode::import_failed,
                            "'" + m_path.string() + "' line 1: column '" + name +
                                "' is missing; UXsim node tables need name,x,y and link tables "
                                "name,start,end");
        return it->second;
    }

private:
    std::filesystem::path m_path;
    std::map<std::string, std::size_t> m_index;
};

std::string field_of(const std::filesystem::path& path, const text::CsvRecord& row,
                     std::size_t index, const std::string& column) {
    if (index >= row.fields.size())
        throw DataError(ErrorCode::import_failed, "'" + path.string() + "' line " +
                                                      std::to_string(row.line) + ": column '" +
                                                      column + "' is missing from this row");
    return text::trim(row.fields[index]);
}

[[noreturn]] void bad_value(const std::filesystem::path& path, const text::CsvRecord& row,
                            const std::string& column, const std::string& value,
                            const std::string& what) {
    throw DataError(ErrorCode::import_failed, "'" + path.string() + "' line " +
                                                  std::to_string(row.line) + ", column '" + column +
                                                  "', value '" + value + "': " + what);
}

std::uint64_t parse_id(const std::filesystem::path& path, const text::CsvRecord& row,
                       std::size_t index, const std::string& column) {
    const std::string v = field_of(path, row, index, column);
    std::uint64_t id = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size())
        bad_value(path, row, column, v, "a node id must be a whole number");
    return id;
}

double parse_degrees(const std::filesystem::path& path, const text::CsvRecord& row,
                     std::size_t index, const std::string& column, double limit) {
    const std::string v = field_of(path, row, index, column);
    double d = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || !(std::abs(d) <= limit))
        bad_value(path, row, column, v,
                  "expected " + std::string(limit > 90 ? "longitude" : "latitude") +
                      " in degrees (x = longitude, y = latitude, EPSG:4326)");
    return d;
}

} // namespace

void read_uxsim(const std::filesystem::path& nodes_path, const std::filesystem::path& links_path,
                NetworkBuilder& builder, RoadImportReport& report) {
    const auto node_rows = read_table(nodes_path);
    const Columns node_cols(nodes_path, node_rows);
    const std::size_t c_name = node_cols.at("name");
    const std::size_t c_x = node_cols.at("x");
    const std::size_t c_y = node_cols.at("y");
    std::unordered_map<std::uint64_t, geo::LonLat> position;
    std::unordered_map<std::uint64_t, std::size_t> line_of;
    for (std::size_t r = 1; r < node_rows.size(); ++r) {
        const auto& row = node_rows[r];
        const std::uint64_t id = parse_id(nodes_path, row, c_name, "name");
        const double lon = parse_degrees(nodes_path, row, c_x, "x", 180);
        const double lat = parse_degrees(nodes_path, row, c_y, "y", 90);
        if (const auto [it, added] = line_of.try_emplace(id, row.line); !added)
            bad_value(nodes_path, row, "name", std::to_string(id),
                      "node id already used on line " + std::to_string(it->second) +
                          "; node ids must be unique");
        position.emplace(id, geo::LonLat(lon, lat));
    }

    const auto link_rows = read_table(links_path);
    const Columns link_cols(links_path, link_rows);
    const std::size_t l_name = link_cols.at("name");
    const std::size_t l_start = link_cols.at("start");
    const std::size_t l_end = link_cols.at("end");

    struct Link {
        std::uint64_t from, to;
        WayAttributes attributes;
    };
    std::vector<Link> links;
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::size_t> link_of;
    for (std::size_t r = 1; r < link_rows.size(); ++r) {
        const auto& row = link_rows[r];
        ++report.ways_read;
        const std::string name = field_of(links_path, row, l_name, "name");
        std::uint64_t ends[2] = {};
        const char* columns[2] = {"start", "end"};
        for (int k = 0; k < 2; ++k) {
            ends[k] = parse_id(links_path, row, k == 0 ? l_start : l_end, columns[k]);
            if (!position.contains(ends[k]))
                bad_value(links_path, row, columns[k], std::to_string(ends[k]),
                          "no node with this id in '" + nodes_path.string() +
                              "'; the node and link tables must come from the same network");
        }
        if (ends[0] == ends[1] || link_of.contains({ends[0], ends[1]})) {
            ++report.ways_dropped;
            continue;
        }
        ++report.ways_routable;
        // UXsim writes the link index in front of the road name ("0新大橋通り").
        std::size_t digits = 0;
        while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9')
            ++digits;
        std::uint64_t index = row.line - 1;
        if (digits > 0) std::from_chars(name.data(), name.data() + digits, index);
        if (const auto reverse = link_of.find({ends[1], ends[0]}); reverse != link_of.end()) {
            // The same road the other way: one two-way edge.
            links[reverse->second].attributes.oneway = geo::road::Oneway::no;
            link_of.emplace(std::pair{ends[0], ends[1]}, reverse->second);
            continue;
        }
        WayAttributes a;
        // The set holds arterials only (幹線道路); free-flow speed u is a
        // simulation parameter, not a legal limit, so maxspeed stays unset.
        a.road_class = geo::road::RoadClass::primary;
        a.oneway = geo::road::Oneway::forward;
        a.name = name.substr(digits);
        a.source_id = index;
        link_of.emplace(std::pair{ends[0], ends[1]}, links.size());
        links.push_back({ends[0], ends[1], std::move(a)});
    }
    for (const Link& l : links)
        builder.add_way({{l.from, position.at(l.from)}, {l.to, position.at(l.to)}}, l.attributes);
}

} // namespace breathline::data::roads
