#include "console/map/ops_layers.h"

#include <algorithm>
#include <unordered_map>

namespace breathline::map {

namespace {

std::array<float, 2> rel(const geo::PlaneXY& p, const geo::PlaneXY& origin) {
    return {static_cast<float>(p.x_east_m - origin.x_east_m),
            static_cast<float>(p.y_north_m - origin.y_north_m)};
}

constexpr std::array<data::ops::BoardLevel, data::ops::k_board_level_count> k_levels{
    data::ops::BoardLevel::critical, data::ops::BoardLevel::urgent,
    data::ops::BoardLevel::unconfirmed, data::ops::BoardLevel::watch, data::ops::BoardLevel::ok};

std::string_view level_label_en(data::ops::BoardLevel level) {
    switch (level) {
    case data::ops::BoardLevel::critical:
        return "critical";
    case data::ops::BoardLevel::urgent:
        return "urgent";
    case data::ops::BoardLevel::unconfirmed:
        return "unconfirmed";
    case data::ops::BoardLevel::watch:
        return "watch";
    case data::ops::BoardLevel::ok:
        return "ok";
    }
    return {};
}

// Adds the polyline p0..pn (optionally closed) as segments of style 0 / feature 0.
void add_polyline(LineLayer& lines, const std::vector<geo::PlaneXY>& points, bool closed,
                  const geo::PlaneXY& origin) {
    const std::size_t n = points.size();
    if (n < 2) return;
    const std::size_t edges = closed ? n : n - 1;
    for (std::size_t i = 0; i < edges; ++i) {
        const auto a = rel(points[i], origin);
        const auto b = rel(points[(i + 1) % n], origin);
        lines.segments.push_back({a[0], a[1], b[0], b[1], 0, 0});
    }
}

} // namespace

Rgba board_level_colour(data::ops::BoardLevel level) {
    // Severity reads red → orange → grey → yellow → green, as on paper triage boards; grey
    // for "unconfirmed" because nothing is known yet, not because nothing is wrong.
    switch (level) {
    case data::ops::BoardLevel::critical:
        return {214, 39, 40, 255};
    case data::ops::BoardLevel::urgent:
        return {255, 127, 14, 255};
    case data::ops::BoardLevel::unconfirmed:
        return {127, 127, 127, 255};
    case data::ops::BoardLevel::watch:
        return {230, 200, 30, 255};
    case data::ops::BoardLevel::ok:
        return {44, 160, 44, 255};
    }
    return {};
}

Rgba board_level_colour(data::ops::BoardLevel level, BoardPalette palette) {
    if (palette == BoardPalette::normal) return board_level_colour(level);
    // Okabe & Ito (2002), "Color Universal Design": the order of severity keeps the warm
    // hues for the levels that need action and the cool ones for "unknown" and "fine".
    switch (level) {
    case data::ops::BoardLevel::critical:
        return {0xD5, 0x5E, 0x00, 255}; // vermillion
    case data::ops::BoardLevel::urgent:
        return {0xE6, 0x9F, 0x00, 255}; // orange
    case data::ops::BoardLevel::unconfirmed:
        return {0x56, 0xB4, 0xE9, 255}; // sky blue
    case data::ops::BoardLevel::watch:
        return {0xF0, 0xE4, 0x42, 255}; // yellow
    case data::ops::BoardLevel::ok:
        return {0x00, 0x9E, 0x73, 255}; // bluish green
    }
    return {};
}

Shape board_level_shape(data::ops::BoardLevel level) {
    switch (level) {
    case data::ops::BoardLevel::critical:
        return Shape::triangle;
    case data::ops::BoardLevel::urgent:
        return Shape::diamond;
    case data::ops::BoardLevel::unconfirmed:
        return Shape::ring;
    case data::ops::BoardLevel::watch:
        return Shape::square;
    case data::ops::BoardLevel::ok:
        return Shape::circle;
    }
    return Shape::ring;
}

bool apply_board_palette(Scene& scene, BoardPalette palette, float size_px) {
    Layer* layer = nullptr;
    for (auto& l : scene.layers)
        if (l.id == k_board_layer_id) layer = &l;
    if (layer == nullptr) return false;
    bool changed = false;
    for (std::size_t i = 0; i < layer->points.styles.size() && i < k_levels.size(); ++i) {
        const auto level = static_cast<data::ops::BoardLevel>(i);
        PointStyle want;
        want.fill = board_level_colour(level, palette);
        want.outline = want.fill;
        if (palette == BoardPalette::projector) {
            // Filled shapes under the person symbol: a halo whose outline tells the level.
            // The hollow ring stays for "unconfirmed"; the others get a black edge so two
            // touching halos stay apart on the dark map.
            want.shape = board_level_shape(level);
            if (want.shape != Shape::ring) want.outline = k_projector_background;
            want.size_px = size_px;
        } else {
            want.shape = Shape::ring;
            want.size_px = 22.0f;
        }
        PointStyle& have = layer->points.styles[i];
        if (have.shape != want.shape || !(have.fill == want.fill) ||
            !(have.outline == want.outline) || have.size_px != want.size_px) {
            have = want;
            changed = true;
        }
    }
    if (changed) layer->revision = next_layer_revision();
    return changed;
}

Layer empty_board_layer() {
    Layer layer;
    layer.id = std::string(k_board_layer_id);
    layer.name_ja = "安否確認ボード";
    layer.name_en = "Operations board";
    for (const auto level : k_levels) {
        PointStyle style;
        style.shape = Shape::ring;
        style.fill = board_level_colour(level);
        style.outline = board_level_colour(level);
        // Larger than a person symbol (10 px), so the ring shows around it.
        style.size_px = 22.0f;
        layer.points.styles.push_back(style);
        layer.legend.push_back({std::string(data::ops::label_ja(level)),
                                std::string(level_label_en(level)), LegendEntry::Kind::point,
                                static_cast<std::uint32_t>(level)});
    }
    return layer;
}

Layer build_board_layer(const data::ops::Board& board,
                        const std::vector<std::pair<data::RowId, geo::PlaneXY>>& positions,
                        const geo::PlaneXY& origin) {
    Layer layer = empty_board_layer();
    std::unordered_map<data::RowId, geo::PlaneXY> where(positions.begin(), positions.end());
    // Least severe first so that, where homes overlap, the most severe ring is drawn last.
    for (auto it = board.rows.rbegin(); it != board.rows.rend(); ++it) {
        const auto found = where.find(it->person_id);
        if (found == where.end()) continue;
        const auto feature = static_cast<std::uint32_t>(layer.features.size());
        layer.features.push_back({FeatureRef::Kind::person, it->person_id, it->external_id});
        const auto r = rel(found->second, origin);
        layer.points.points.push_back({r[0], r[1], static_cast<std::uint32_t>(it->level), feature});
    }
    return layer;
}

Layer build_route_layer(const std::vector<geo::PlaneXY>& route, const geo::PlaneXY& origin) {
    Layer layer;
    layer.id = std::string(k_route_layer_id);
    layer.name_ja = "推奨経路";
    layer.name_en = "Recommended route";
    LineStyle line;
    line.colour = {31, 119, 255, 255};
    line.width_px = 5.0f;
    line.casing = {255, 255, 255, 230};
    line.casing_px = 2.0f;
    layer.lines.styles.push_back(line);
    PointStyle home, facility;
    home.shape = Shape::circle;
    home.fill = {31, 119, 255, 255};
    home.size_px = 12.0f;
    facility.shape = Shape::square;
    facility.fill = {31, 119, 255, 255};
    facility.size_px = 14.0f;
    layer.points.styles = {home, facility};
    layer.legend.push_back({"推奨経路", "recommended route", LegendEntry::Kind::line, 0});
    if (route.size() < 2) return layer;
    layer.features.push_back({FeatureRef::Kind::none, 0, ""});
    add_polyline(layer.lines, route, false, origin);
    const auto a = rel(route.front(), origin);
    const auto b = rel(route.back(), origin);
    layer.points.points.push_back({a[0], a[1], 0, 0});
    layer.points.points.push_back({b[0], b[1], 1, 0});
    return layer;
}

Layer build_teams_layer(const std::vector<std::vector<geo::PlaneXY>>& walks,
                        const geo::PlaneXY& origin) {
    Layer layer;
    layer.id = std::string(k_teams_layer_id);
    layer.name_ja = "支援者の移動経路";
    layer.name_en = "Supporter teams";
    LineStyle walk;
    walk.colour = {148, 60, 200, 255};
    walk.width_px = 3.0f;
    walk.casing = {255, 255, 255, 200};
    walk.casing_px = 1.0f;
    layer.lines.styles.push_back(walk);
    PointStyle home;
    home.shape = Shape::triangle;
    home.fill = {148, 60, 200, 255};
    home.size_px = 11.0f;
    layer.points.styles.push_back(home);
    layer.legend.push_back(
        {"支援者の徒歩経路", "supporter walking to the person", LegendEntry::Kind::line, 0});
    if (walks.empty()) return layer;
    layer.features.push_back({FeatureRef::Kind::none, 0, ""});
    for (const auto& w : walks) {
        if (w.empty()) continue;
        add_polyline(layer.lines, w, false, origin);
        const auto r = rel(w.front(), origin);
        layer.points.points.push_back({r[0], r[1], 0, 0});
    }
    return layer;
}

Layer build_drawing_layer(const std::vector<geo::PlaneXY>& vertices, const geo::PlaneXY& origin) {
    Layer layer;
    layer.id = std::string(k_drawing_layer_id);
    layer.name_ja = "停電範囲の作図";
    layer.name_en = "Outage being drawn";
    LineStyle edge;
    edge.colour = {200, 0, 0, 255};
    edge.width_px = 2.5f;
    edge.casing = {255, 255, 255, 200};
    edge.casing_px = 1.0f;
    layer.lines.styles.push_back(edge);
    PointStyle vertex;
    vertex.shape = Shape::square;
    vertex.fill = {255, 255, 255, 255};
    vertex.outline = {200, 0, 0, 255};
    vertex.size_px = 9.0f;
    layer.points.styles.push_back(vertex);
    if (vertices.empty()) return layer;
    layer.features.push_back({FeatureRef::Kind::none, 0, ""});
    add_polyline(layer.lines, vertices, vertices.size() >= 3, origin);
    for (const auto& v : vertices) {
        const auto r = rel(v, origin);
        layer.points.points.push_back({r[0], r[1], 0, 0});
    }
    return layer;
}

void put_ops_layer(Scene& scene, Layer layer) {
    auto& layers = scene.layers;
    const auto same = std::find_if(layers.begin(), layers.end(),
                                   [&](const Layer& l) { return l.id == layer.id; });
    if (same != layers.end()) {
        layer.visible = same->visible;
        layer.opacity = same->opacity;
        *same = std::move(layer);
        return;
    }
    if (layer.id == k_board_layer_id) {
        const auto persons = std::find_if(layers.begin(), layers.end(), [](const Layer& l) {
            return l.id.rfind("persons.", 0) == 0;
        });
        layers.insert(persons, std::move(layer));
        return;
    }
    layers.push_back(std::move(layer));
}

} // namespace breathline::map
