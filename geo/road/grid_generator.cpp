#include "geo/road/grid_generator.h"

#include "geo/projection.h"
#include "geo/random.h"
#include "geo/road/profile.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace breathline::geo::road {

namespace {

void check(const GridCityOptions& o) {
    if (o.rows < 2 || o.cols < 2)
        throw std::invalid_argument("generate_city_grid: rows and cols must be at least 2, got " +
                                    std::to_string(o.rows) + " x " + std::to_string(o.cols));
    if (!(o.spacing_m > 0))
        throw std::invalid_argument("generate_city_grid: spacing_m must be positive");
    const auto share_ok = [](double s) { return s >= 0 && s <= 1; };
    if (!share_ok(o.missing_share) || !share_ok(o.oneway_share) || !share_ok(o.noise))
        throw std::invalid_argument(
            "generate_city_grid: missing_share, oneway_share and noise must be in [0, 1]");
    if (o.arterial_every == 0)
        throw std::invalid_argument("generate_city_grid: arterial_every must be at least 1");
    if (o.expressway_every > 0 && o.ramp_every == 0)
        throw std::invalid_argument("generate_city_grid: ramp_every must be at least 1");
}

class Builder {
public:
    Builder(const GridCityOptions& o) : m_o(o), m_rng(o.seed), m_car(Profile::car()) {}

    std::uint32_t name_id(const std::string& name) {
        const auto [it, inserted] =
            m_names.emplace(name, static_cast<std::uint32_t>(m_net.names.size()));
        if (inserted) m_net.names.push_back(name);
        return it->second;
    }

    // Draws the same number of random values for every edge, used or not, so
    // that changing one share does not reshuffle every other edge.
    void add(NodeIndex from, NodeIndex to, double straight_m, RoadClass c, std::uint32_t name,
             bool may_vanish) {
        const double u_missing = m_rng.uniform01();
        const double u_oneway = m_rng.uniform01();
        const double u_direction = m_rng.uniform01();
        const double u_length = m_rng.uniform01();
        const double u_speed = m_rng.uniform01();
        if (may_vanish && u_missing < m_o.missing_share) return;
        RoadEdge e;
        e.from = from;
        e.to = to;
        e.length_m = straight_m * (1.0 + m_o.noise * u_length);
        e.road_class = c;
        if (may_vanish && u_oneway < m_o.oneway_share)
            e.oneway = u_direction < 0.5 ? Oneway::forward : Oneway::backward;
        const auto& class_speed = m_car.speed_kmh[static_cast<std::size_t>(c)];
        if (class_speed) e.maxspeed_kmh = *class_speed * (1.0 + m_o.noise * (2.0 * u_speed - 1.0));
        e.name_id = name;
        e.source_id = m_net.edges.size() + 1;
        m_net.edges.push_back(std::move(e));
    }

    RoadNetwork build() {
        const std::uint32_t rows = m_o.rows;
        const std::uint32_t cols = m_o.cols;
        const double s = m_o.spacing_m;
        const PlaneProjector projector;
        const PlaneXY origin = projector.to_plane(m_o.origin);
        const auto grid = [cols](std::uint32_t r, std::uint32_t c) {
            return static_cast<NodeIndex>(std::uint64_t{r} * cols + c);
        };
        const auto plane = [&](std::uint32_t r, std::uint32_t c) {
            return PlaneXY{origin.x_east_m + s * c, origin.y_north_m + s * r};
        };
        m_net.nodes.reserve(std::size_t{rows} * cols);
        for (std::uint32_t r = 0; r < rows; ++r)
            for (std::uint32_t c = 0; c < cols; ++c)
                m_net.nodes.push_back(projector.to_lonlat(plane(r, c)));

        const std::uint32_t a = m_o.arterial_every;
        const auto line_class = [a](std::uint32_t i) {
            if (i % a != 0) return RoadClass::residential;
            return (i / a) % 2 == 0 ? RoadClass::primary : RoadClass::secondary;
        };
        m_net.edges.reserve(std::size_t{rows} * cols * 2);
        for (std::uint32_t r = 0; r < rows; ++r) {
            const RoadClass c = line_class(r);
            const std::uint32_t name =
                c == RoadClass::residential ? 0 : name_id("Arterial R" + std::to_string(r));
            for (std::uint32_t col = 0; col + 1 < cols; ++col)
                add(grid(r, col), grid(r, col + 1), s, c, name, c == RoadClass::residential);
        }
        for (std::uint32_t col = 0; col < cols; ++col) {
            const RoadClass c = line_class(col);
            const std::uint32_t name =
                c == RoadClass::residential ? 0 : name_id("Arterial C" + std::to_string(col));
            for (std::uint32_t r = 0; r + 1 < rows; ++r)
                add(grid(r, col), grid(r + 1, col), s, c, name, c == RoadClass::residential);
        }
        if (m_o.expressway_every > 0) add_expressways(grid);

        m_net.node_source_ids.resize(m_net.nodes.size());
        for (std::size_t v = 0; v < m_net.nodes.size(); ++v)
            m_net.node_source_ids[v] = v + 1;
        return std::move(m_net);
    }

private:
    template <typename GridIndex> void add_expressways(const GridIndex& grid) {
        const std::uint32_t e = m_o.expressway_every;
        const std::uint32_t ramp = m_o.ramp_every;
        std::vector<std::uint32_t> row_lines, col_lines;
        for (std::uint32_t r = e / 2; r < m_o.rows; r += e)
            row_lines.push_back(r);
        for (std::uint32_t c = e / 2; c < m_o.cols; c += e)
            col_lines.push_back(c);
        const auto is_line = [](const std::vector<std::uint32_t>& lines, std::uint32_t i) {
            return std::binary_search(lines.begin(), lines.end(), i);
        };
        // Expressway nodes sit above grid node (r, c) at ramp positions and at
        // interchanges; keyed by the grid node so that crossing lines share one.
        std::map<NodeIndex, NodeIndex> elevated;
        const auto at = [&](std::uint32_t r, std::uint32_t c) {
            const NodeIndex below = grid(r, c);
            const auto [it, inserted] =
                elevated.emplace(below, static_cast<NodeIndex>(m_net.nodes.size()));
            if (inserted) m_net.nodes.push_back(m_net.nodes[below]);
            return it->second;
        };
        for (const std::uint32_t r : row_lines) {
            const std::uint32_t name = name_id("Expressway R" + std::to_string(r));
            std::uint32_t prev_c = 0;
            NodeIndex prev = invalid_index;
            for (std::uint32_t c = 0; c < m_o.cols; ++c) {
                if (c % ramp != 0 && !is_line(col_lines, c) && c + 1 != m_o.cols) continue;
                const NodeIndex v = at(r, c);
                if (prev != invalid_index)
                    add(prev, v, m_o.spacing_m * (c - prev_c), RoadClass::motorway, name, false);
                prev = v;
                prev_c = c;
            }
        }
        for (const std::uint32_t c : col_lines) {
            const std::uint32_t name = name_id("Expressway C" + std::to_string(c));
            std::uint32_t prev_r = 0;
            NodeIndex prev = invalid_index;
            for (std::uint32_t r = 0; r < m_o.rows; ++r) {
                if (r % ramp != 0 && !is_line(row_lines, r) && r + 1 != m_o.rows) continue;
                const NodeIndex v = at(r, c);
                if (prev != invalid_index)
                    add(prev, v, m_o.spacing_m * (r - prev_r), RoadClass::motorway, name, false);
                prev = v;
                prev_r = r;
            }
        }
        // Ramps at the ramp positions only (interchanges and line ends are
        // not exits). A ramp climbs about 150 m to reach the viaduct.
        for (const auto& [below, v] : elevated) {
            const std::uint32_t r = below / m_o.cols;
            const std::uint32_t c = below % m_o.cols;
            const bool ramp_here = (is_line(row_lines, r) && c % ramp == 0) ||
                                   (is_line(col_lines, c) && r % ramp == 0);
            if (ramp_here) add(below, v, 150.0, RoadClass::motorway_link, 0, false);
        }
    }

    const GridCityOptions& m_o;
    Rng m_rng;
    Profile m_car;
    RoadNetwork m_net;
    std::map<std::string, std::uint32_t> m_names;
};

} // namespace

RoadNetwork generate_city_grid(const GridCityOptions& options) {
    check(options);
    return Builder(options).build();
}

} // namespace breathline::geo::road
