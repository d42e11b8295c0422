// The SpatiaLite RoadStore (interface in data/roads/road_store.h): the road
// network in road_sources/road_nodes/road_edges, closures in road_closures
// (migration 6).

#include "data/roads/road_store.h"

#include "data/error.h"
#include "data/spatialite/wkb.h"
#include "data/store/sql_session.h"
#include "data/store/store.h"

#include <algorithm>
#include <unordered_map>

namespace breathline::data {

namespace {

using geo::road::EdgeIndex;
using geo::road::Oneway;
using geo::road::RoadClass;
using geo::road::RoadEdge;
using geo::road::RoadNetwork;

const char* oneway_text(Oneway o) {
    switch (o) {
    case Oneway::forward:
        return "forward";
    case Oneway::backward:
        return "backward";
    case Oneway::no:
        break;
    }
    return "no";
}

Oneway parse_oneway_text(const std::string& s) {
    if (s == "forward") return Oneway::forward;
    if (s == "backward") return Oneway::backward;
    return Oneway::no;
}

RoadClass parse_class_text(const std::string& s) {
    for (int i = 0; i < geo::road::road_class_count; ++i)
        if (s == geo::road::to_string(static_cast<RoadClass>(i))) return static_cast<RoadClass>(i);
    throw DataError(ErrorCode::sql, "road_edges holds an unknown class '" + s + "'");
}

constexpr std::string_view k_source_columns =
    "SELECT id, path, format, file_sha256, clip, imported_at, node_count, edge_count, "
    "network_sha256 FROM road_sources";

RoadSourceInfo read_source(sql::Statement& st) {
    RoadSourceInfo s;
    s.id = st.column_int64(0);
    s.path = st.column_text(1);
    s.format = st.column_text(2);
    s.file_sha256 = st.column_text(3);
    s.clip = st.column_text(4);
    s.imported_at = st.column_text(5);
    s.node_count = st.column_int64(6);
    s.edge_count = st.column_int64(7);
    s.network_sha256 = st.column_text(8);
    return s;
}

bool has_polygon(const geo::MultiPolygon& area) {
    for (const geo::Polygon& p : area.parts)
        if (p.outer.points.size() >= 3) return true;
    return false;
}

class SqlRoadStore final : public RoadStore {
public:
    explicit SqlRoadStore(sql::Session& sql) : m_sql(sql) {}

    RoadSourceInfo replace_network(const RoadNetwork& network,
                                   const RoadSourceInfo& source) override {
        validate(network);
        RoadSourceInfo stored = source;
        stored.imported_at = sql::utc_now_iso();
        stored.node_count = static_cast<std::int64_t>(network.node_count());
        stored.edge_count = static_cast<std::int64_t>(network.edge_count());
        stored.network_sha256 = road_network_hash(network);

        auto scope = m_sql.write_scope();
        const int reopened = reopen_edge_closures();
        // Edges first: they refer to the nodes.
        m_sql.exec("DELETE FROM road_edges; DELETE FROM road_nodes;");
        stored.id =
            m_sql
                .prepare(
                    "INSERT INTO road_sources(path, format, file_sha256, network_sha256, clip, "
                    "imported_at, node_count, edge_count) VALUES (?,?,?,?,?,?,?,?) RETURNING id")
                .bind(1, stored.path)
                .bind(2, stored.format)
                .bind(3, stored.file_sha256)
                .bind(4, stored.network_sha256)
                .bind(5, stored.clip)
                .bind(6, stored.imported_at)
                .bind(7, stored.node_count)
                .bind(8, stored.edge_count)
                .run_returning_id();
        {
            auto st = m_sql.prepare("INSERT INTO road_nodes(id, source_node_id, "
                                    "in_largest_component, geom) VALUES (?,?,?," +
                                    m_sql.make_point("?", "?") + ")");
            for (std::size_t v = 0; v < network.nodes.size(); ++v) {
                const std::uint64_t source_id =
                    v < network.node_source_ids.size() ? network.node_source_ids[v] : 0;
                const bool largest =
                    v < network.in_largest_component.size() && network.in_largest_component[v];
                st.reset();
                st.bind(1, static_cast<std::int64_t>(v + 1));
                if (source_id)
                    st.bind(2, static_cast<std::int64_t>(source_id));
                else
                    st.bind_null(2);
                st.bind(3, largest ? 1 : 0)
                    .bind(4, network.nodes[v].lon())
                    .bind(5, network.nodes[v].lat())
                    .run();
            }
        }
        {
            auto st = m_sql.prepare(
                "INSERT INTO road_edges(id, from_node, to_node, class, name, oneway, maxspeed_kmh, "
                "bridge, tunnel, length_m, source_id, geom) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?," +
                m_sql.geom_from_wkb("?") + ")");
            std::vector<geo::LonLat> line;
            for (std::size_t i = 0; i < network.edges.size(); ++i) {
                const RoadEdge& e = network.edges[i];
                line.clear();
                line.push_back(network.nodes[e.from]);
                line.insert(line.end(), e.shape.begin(), e.shape.end());
                line.push_back(network.nodes[e.to]);
                const std::string wkb = spatialite::wkb_linestring(line);
                st.reset();
                st.bind(1, static_cast<std::int64_t>(i + 1))
                    .bind(2, static_cast<std::int64_t>(e.from) + 1)
                    .bind(3, static_cast<std::int64_t>(e.to) + 1)
                    .bind(4, geo::road::to_string(e.road_class))
                    .bind(5, network.names[e.name_id])
                    .bind(6, oneway_text(e.oneway))
                    .bind(7, e.maxspeed_kmh)
                    .bind(8, e.bridge ? 1 : 0)
                    .bind(9, e.tunnel ? 1 : 0)
                    .bind(10, e.length_m)
                    .bind(11, static_cast<std::int64_t>(e.source_id))
                    .bind_blob(12, wkb.data(), static_cast<int>(wkb.size()))
                    .run();
            }
        }
        m_sql.audit("replace", "road_network", std::to_string(stored.id),
                    "source " + stored.path + " (" + stored.format + ", sha256 " +
                        stored.file_sha256.substr(0, 12) + "), " +
                        std::to_string(stored.node_count) + " nodes, " +
                        std::to_string(stored.edge_count) + " edges" +
                        (stored.clip.empty() ? "" : ", clip " + stored.clip) +
                        (reopened ? ", " + std::to_string(reopened) +
                                        " edge closures of the previous network reopened"
                                  : ""));
        scope->commit();
        return stored;
    }

    std::optional<RoadSourceInfo> source() override {
        auto st = m_sql.prepare(std::string(k_source_columns) + " ORDER BY id DESC LIMIT 1");
        if (!st.step()) return std::nullopt;
        return read_source(st);
    }

    std::vector<RoadSourceInfo> sources() override {
        auto st = m_sql.prepare(std::string(k_source_columns) + " ORDER BY id");
        std::vector<RoadSourceInfo> out;
        while (st.step())
            out.push_back(read_source(st));
        return out;
    }

    RoadNetwork load_network() override {
        RoadNetwork network;
        {
            auto st = m_sql.prepare("SELECT id, source_node_id, in_largest_component, ST_X(geom), "
                                    "ST_Y(geom) FROM road_nodes ORDER BY id");
            while (st.step()) {
                if (st.column_int64(0) != static_cast<std::int64_t>(network.nodes.size()) + 1)
                    throw DataError(ErrorCode::sql, "road_nodes ids are not dense (id " +
                                                        st.column_text(0) +
                                                        "): import the road network again");
                network.node_source_ids.push_back(
                    static_cast<std::uint64_t>(st.column_opt_int64(1).value_or(0)));
                network.in_largest_component.push_back(st.column_int64(2) != 0);
                network.nodes.emplace_back(st.column_double(3), st.column_double(4));
            }
        }
        std::unordered_map<std::string, std::uint32_t> name_id;
        auto st = m_sql.prepare("SELECT id, from_node, to_node, class, name, oneway, maxspeed_kmh, "
                                "bridge, tunnel, length_m, source_id, " +
                                m_sql.as_wkb("geom") + " FROM road_edges ORDER BY id");
        while (st.step()) {
            if (st.column_int64(0) != static_cast<std::int64_t>(network.edges.size()) + 1)
                throw DataError(ErrorCode::sql, "road_edges ids are not dense (id " +
                                                    st.column_text(0) +
                                                    "): import the road network again");
            RoadEdge e;
            e.from = static_cast<geo::road::NodeIndex>(st.column_int64(1) - 1);
            e.to = static_cast<geo::road::NodeIndex>(st.column_int64(2) - 1);
            e.road_class = parse_class_text(st.column_text(3));
            const std::string name = st.column_text(4);
            if (!name.empty()) {
                const auto [it, added] =
                    name_id.try_emplace(name, static_cast<std::uint32_t>(network.names.size()));
                if (added) network.names.push_back(name);
                e.name_id = it->second;
            }
            e.oneway = parse_oneway_text(st.column_text(5));
            e.maxspeed_kmh = st.column_opt_double(6);
            e.bridge = st.column_int64(7) != 0;
            e.tunnel = st.column_int64(8) != 0;
            e.length_m = st.column_double(9);
            e.source_id = static_cast<std::uint64_t>(st.column_int64(10));
            const std::vector<geo::LonLat> line =
                spatialite::parse_wkb_linestring(st.column_blob(11));
            if (line.size() > 2) e.shape.assign(line.begin() + 1, line.end() - 1);
            network.edges.push_back(std::move(e));
        }
        return network;
    }

    RowId add_closure(const RoadClosure& closure) override {
        if (closure.edge.has_value() == closure.area.has_value())
            throw DataError(ErrorCode::invalid_input,
                            "a road closure names exactly one edge or one area");
        if (closure.edge) {
            const auto found = m_sql.query_int64("SELECT COUNT(*) FROM road_edges WHERE id = " +
                                                 std::to_string(std::int64_t{*closure.edge} + 1));
            if (found.value_or(0) == 0)
                throw DataError(ErrorCode::invalid_input,
                                "edge " + std::to_string(*closure.edge) +
                                    " does not exist: the road network has " +
                                    std::to_string(edge_count()) + " edges (0 to " +
                                    std::to_string(edge_count() - 1) +
                                    "); check `roads info` for the current network");
        }
        if (closure.area && !has_polygon(*closure.area))
            throw DataError(ErrorCode::invalid_input,
                            "the closure area has no polygon with at least 3 points");
        auto scope = m_sql.write_scope();
        const std::string now = sql::utc_now_iso();
        auto st = m_sql.prepare("INSERT INTO road_closures(edge_id, road_source_id, reason, "
                                "created_at, actor, active, geom) "
                                "VALUES (?, (SELECT MAX(id) FROM road_sources), ?, ?, ?, 1, " +
                                m_sql.geom_from_wkb("?") + ") RETURNING id");
        if (closure.edge)
            st.bind(1, static_cast<std::int64_t>(*closure.edge) + 1);
        else
            st.bind_null(1);
        st.bind(2, closure.reason)
            .bind(3, now)
            .bind(4, m_sql.actor().empty() ? "unknown" : m_sql.actor());
        std::string wkb;
        if (closure.area) {
            wkb = spatialite::wkb_multipolygon(*closure.area);
            st.bind_blob(5, wkb.data(), static_cast<int>(wkb.size()));
        } else {
            st.bind_null(5);
        }
        const RowId id = st.run_returning_id();
        m_sql.audit("create", "road_closures", std::to_string(id),
                    (closure.edge ? "edge " + std::to_string(*closure.edge) + " closed"
                                  : "area closed (" + std::to_string(closure.area->parts.size()) +
                                        " polygons)") +
                        (closure.reason.empty() ? "" : ": " + closure.reason));
        scope->commit();
        return id;
    }

    bool remove_closure(RowId id) override {
        auto scope = m_sql.write_scope();
        const std::int64_t changed =
            m_sql
                .prepare("UPDATE road_closures SET active = 0, reopened_at = ? "
                         "WHERE id = ? AND active = 1")
                .bind(1, sql::utc_now_iso())
                .bind(2, id)
                .run();
        if (changed == 0) return false;
        m_sql.audit("reopen", "road_closures", std::to_string(id), "closure reopened");
        scope->commit();
        return true;
    }

    std::vector<RoadClosure> closures(bool include_inactive) override {
        auto st =
            m_sql.prepare(std::string("SELECT id, edge_id, reason, created_at, actor, active, ") +
                          m_sql.as_wkb("geom") + " FROM road_closures" +
                          (include_inactive ? "" : " WHERE active = 1") + " ORDER BY id");
        std::vector<RoadClosure> out;
        while (st.step()) {
            RoadClosure c;
            c.id = st.column_int64(0);
            if (const auto edge = st.column_opt_int64(1))
                c.edge = static_cast<EdgeIndex>(*edge - 1);
            c.reason = st.column_text(2);
            c.created_at = st.column_text(3);
            c.actor = st.column_text(4);
            c.active = st.column_int64(5) != 0;
            if (!st.is_null(6)) c.area = spatialite::parse_wkb_multipolygon(st.column_blob(6));
            out.push_back(std::move(c));
        }
        return out;
    }

    std::size_t clear_closures() override {
        auto scope = m_sql.write_scope();
        const auto n = static_cast<int>(
            m_sql.prepare("UPDATE road_closures SET active = 0, reopened_at = ? WHERE active = 1")
                .bind(1, sql::utc_now_iso())
                .run());
        if (n > 0)
            m_sql.audit("reopen", "road_closures", "",
                        std::to_string(n) + " closures reopened (all)");
        scope->commit();
        return static_cast<std::size_t>(n);
    }

    std::vector<EdgeIndex> edges_crossing(const geo::MultiPolygon& area) override {
        if (!has_polygon(area)) return {};
        const std::string wkb = spatialite::wkb_multipolygon(area);
        const geo::LonLatBox box = area.bbox();
        // The R*Tree narrows to candidate boxes; GEOS decides on the exact
        // geometry (inside or crossing the boundary).
        auto st = m_sql.prepare("SELECT e.id FROM road_edges e WHERE " +
                                m_sql.intersects_indexed("road_edges", "e", "geom",
                                                         m_sql.geom_from_wkb("?5"), "?1", "?3",
                                                         "?2", "?4") +
                                " ORDER BY e.id");
        st.bind(1, box.min_lon).bind(2, box.max_lon).bind(3, box.min_lat).bind(4, box.max_lat);
        st.bind_blob(5, wkb.data(), static_cast<int>(wkb.size()));
        std::vector<EdgeIndex> out;
        while (st.step())
            out.push_back(static_cast<EdgeIndex>(st.column_int64(0) - 1));
        return out;
    }

    std::vector<EdgeIndex> closed_edges() override {
        std::vector<EdgeIndex> out;
        for (const RoadClosure& c : closures(false)) {
            if (c.edge) out.push_back(*c.edge);
            if (c.area) {
                const auto crossing = edges_crossing(*c.area);
                out.insert(out.end(), crossing.begin(), crossing.end());
            }
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

private:
    static void validate(const RoadNetwork& network) {
        const std::size_t n = network.nodes.size();
        if (!network.node_source_ids.empty() && network.node_source_ids.size() != n)
            throw DataError(ErrorCode::invalid_input,
                            "road network: node_source_ids has " +
                                std::to_string(network.node_source_ids.size()) + " entries for " +
                                std::to_string(n) + " nodes");
        if (network.names.empty() || !network.names[0].empty())
            throw DataError(ErrorCode::invalid_input,
                            "road network: names[0] must be the empty name");
        for (std::size_t i = 0; i < network.edges.size(); ++i) {
            const RoadEdge& e = network.edges[i];
            if (e.from >= n || e.to >= n || e.name_id >= network.names.size() || !(e.length_m >= 0))
                throw DataError(ErrorCode::invalid_input,
                                "road network: edge " + std::to_string(i) +
                                    " names a missing node or name, or has a negative length");
        }
    }

    std::int64_t edge_count() {
        return m_sql.query_int64("SELECT COUNT(*) FROM road_edges").value_or(0);
    }

    int reopen_edge_closures() {
        return static_cast<int>(m_sql
                                    .prepare("UPDATE road_closures SET active = 0, reopened_at = "
                                             "? WHERE active = 1 AND edge_id IS NOT NULL")
                                    .bind(1, sql::utc_now_iso())
                                    .run());
    }

    sql::Session& m_sql;
};

} // namespace

std::unique_ptr<RoadStore> road_store(Store& store) {
    return std::make_unique<SqlRoadStore>(store.sql());
}

} // namespace breathline::data
