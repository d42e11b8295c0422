#include "console/map/scene_builder.h"

#include "console/map/style.h"
#include "data/roads/road_store.h"
#include "data/spatialite/wkb.h"
#include "geo/triangulate.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

namespace breathline::map {

namespace {

using data::FacilityKind;

constexpr std::array<FacilityKind, 6> k_facility_kinds{FacilityKind::rescue_centre,
                                                       FacilityKind::welfare_rescue_centre,
                                                       FacilityKind::triage_point,
                                                       FacilityKind::disaster_base_hospital,
                                                       FacilityKind::disaster_cooperating_hospital,
                                                       FacilityKind::health_centre};

// Layer coordinates are floats relative to the origin (scene.h): the subtraction happens in
// double first, so nothing of the absolute 6677 value is lost in the cast.
std::array<float, 2> rel(const geo::PlaneXY& p, const geo::PlaneXY& origin) {
    return {static_cast<float>(p.x_east_m - origin.x_east_m),
            static_cast<float>(p.y_north_m - origin.y_north_m)};
}

void add_polyline(LineLayer& lines, const std::vector<geo::PlaneXY>& points,
                  const geo::PlaneXY& origin, std::uint32_t style, std::uint32_t feature) {
    for (std::size_t i = 1; i < points.size(); ++i) {
        const auto a = rel(points[i - 1], origin);
        const auto b = rel(points[i], origin);
        if (a == b) continue; // zero-length pieces draw nothing and confuse picking
        lines.segments.push_back({a[0], a[1], b[0], b[1], style, feature});
    }
}

std::vector<geo::PlaneXY> project_ring(const geo::Ring& ring,
                                       const geo::PlaneProjector& projector) {
    std::vector<geo::PlaneXY> out(ring.points.size());
    if (!out.empty()) projector.to_plane(ring.points, out);
    // Close the ring explicitly so the outline has its last edge.
    if (out.size() > 1 && !(out.front() == out.back())) out.push_back(out.front());
    return out;
}

std::optional<geo::MultiPolygon> area_polygon(const data::Area& area) {
    if (area.wkb.empty()) return std::nullopt;
    return data::spatialite::parse_wkb_multipolygon(area.wkb);
}

PlaneBox box_of(const Layer& layer, const geo::PlaneXY& origin) {
    PlaneBox box = PlaneBox::none();
    for (const auto& s : layer.lines.segments) {
        box.extend(double{s.x0} + origin.x_east_m, double{s.y0} + origin.y_north_m);
        box.extend(double{s.x1} + origin.x_east_m, double{s.y1} + origin.y_north_m);
    }
    for (const auto& p : layer.points.points)
        box.extend(double{p.x} + origin.x_east_m, double{p.y} + origin.y_north_m);
    return box;
}

void merge_box(PlaneBox& into, const PlaneBox& other) {
    if (other.empty()) return;
    into.extend(other.min_x, other.min_y);
    into.extend(other.max_x, other.max_y);
}

// Keeps what the user set in the layer panel when a layer's content is replaced.
void replace_layer(Scene& scene, Layer fresh) {
    if (Layer* old = scene.find(fresh.id)) {
        fresh.visible = old->visible;
        fresh.opacity = old->opacity;
        fresh.revision = next_layer_revision();
        *old = std::move(fresh);
    } else {
        scene.layers.push_back(std::move(fresh));
    }
}

std::vector<data::Area> ward_areas(data::Store& store) {
    return store.areas().areas("ward_boundary");
}

// The centre of the ward's bounding box, else of every located facility and person, rounded
// to whole metres so that the origin does not move by noise between builds.
geo::PlaneXY choose_origin(const std::vector<data::Area>& wards,
                           const std::vector<data::Facility>& facilities,
                           const std::vector<data::Person>& persons,
                           const geo::PlaneProjector& projector) {
    geo::LonLatBox box = geo::LonLatBox::empty_box();
    for (const auto& a : wards)
        if (auto mp = area_polygon(a)) box.expand(mp->bbox());
    if (box.is_empty()) {
        for (const auto& f : facilities)
            if (f.location) box.expand(*f.location);
        for (const auto& p : persons)
            if (p.location) box.expand(*p.location);
    }
    if (box.is_empty()) return {0, 0};
    const geo::PlaneXY c = projector.to_plane(
        geo::LonLat((box.min_lon + box.max_lon) / 2, (box.min_lat + box.max_lat) / 2));
    return {std::round(c.x_east_m), std::round(c.y_north_m)};
}

float road_label_max_mpp(geo::road::RoadClass c) {
    using geo::road::RoadClass;
    switch (c) {
    case RoadClass::motorway:
    case RoadClass::trunk:
    case RoadClass::primary:
        return 4.0f;
    case RoadClass::secondary:
    case RoadClass::tertiary:
        return 2.5f;
    default:
        return 1.5f;
    }
}

// Midpoint of a polyline by length, where a street name sits best.
geo::PlaneXY polyline_middle(const std::vector<geo::PlaneXY>& pts) {
    double total = 0;
    for (std::size_t i = 1; i < pts.size(); ++i)
        total += geo::distance_m(pts[i - 1], pts[i]);
    double half = total / 2;
    for (std::size_t i = 1; i < pts.size(); ++i) {
        const double d = geo::distance_m(pts[i - 1], pts[i]);
        if (d >= half && d > 0) {
            const double t = half / d;
            return {pts[i - 1].x_east_m + t * (pts[i].x_east_m - pts[i - 1].x_east_m),
                    pts[i - 1].y_north_m + t * (pts[i].y_north_m - pts[i - 1].y_north_m)};
        }
        half -= d;
    }
    return pts.front();
}

std::string join_label(std::string_view base, std::string_view suffix, bool ja) {
    std::string s(base);
    if (suffix.empty()) return s;
    s += ja ? "（" : " (";
    s += suffix;
    s += ja ? "）" : ")";
    return s;
}

// Fills `area` (triangulated) and outlines its rings with line style 0, all as `feature`.
void add_area(Layer& layer, const geo::MultiPolygon& area, std::uint32_t feature,
              const geo::PlaneXY& origin, const geo::PlaneProjector& projector) {
    for (const auto& part : area.parts) {
        for (const auto& t : geo::triangulate(part, projector))
            for (const auto& v : t)
                layer.fill.triangles.push_back(rel(v, origin));
        add_polyline(layer.lines, project_ring(part.outer, projector), origin, 0, feature);
        for (const auto& hole : part.holes)
            add_polyline(layer.lines, project_ring(hole, projector), origin, 0, feature);
    }
}

} // namespace

std::string facility_layer_id(data::FacilityKind kind) {
    return "facilities." + std::string(data::to_db(kind));
}

std::string person_layer_id(DeviceGroup group) {
    return "persons." + std::string(to_id(group));
}

Layer build_ward_layer(const std::vector<data::Area>& areas, const geo::PlaneXY& origin,
                       const geo::PlaneProjector& projector) {
    Layer layer;
    layer.id = std::string(k_ward_layer);
    layer.name_ja = "区境界";
    layer.name_en = "Ward boundary";
    layer.fill.colour = ward_fill_colour();
    layer.lines.styles.push_back(ward_outline_style());
    for (const auto& a : areas) {
        const auto mp = area_polygon(a);
        if (!mp) continue;
        const auto feature = static_cast<std::uint32_t>(layer.features.size());
        layer.features.push_back({FeatureRef::Kind::area, a.id, ""});
        add_area(layer, *mp, feature, origin, projector);
    }
    layer.legend.push_back({"区域", "Ward area", LegendEntry::Kind::fill, 0});
    layer.legend.push_back({"区境界", "Ward boundary", LegendEntry::Kind::line, 0});
    return layer;
}

Layer build_outage_layer(const std::vector<data::OutageArea>& areas, const geo::PlaneXY& origin,
                         const geo::PlaneProjector& projector) {
    Layer layer;
    layer.id = std::string(k_outages_layer);
    layer.name_ja = "停電区域";
    layer.name_en = "Power outages";
    layer.fill.colour = outage_fill_colour();
    layer.lines.styles.push_back(outage_outline_style());
    for (const auto& a : areas) {
        if (a.restored_at) continue;
        const auto feature = static_cast<std::uint32_t>(layer.features.size());
        layer.features.push_back({FeatureRef::Kind::area, a.id, "outage:" + std::to_string(a.id)});
        add_area(layer, a.area, feature, origin, projector);
        if (!a.area.parts.empty() && !a.area.parts.front().outer.points.empty())
            layer.labels.push_back({a.name,
                                    projector.to_plane(a.area.parts.front().outer.points.front()),
                                    5.0f, 1e9f, feature});
    }
    layer.legend.push_back({"停電中の区域", "Area without power", LegendEntry::Kind::fill, 0});
    return layer;
}

namespace {
std::vector<data::OutageArea> active_outages(data::Store& store) {
    const auto incident = store.incidents().active_incident();
    if (!incident) return {};
    return store.incidents().outage_areas(incident->id);
}
} // namespace

Layer build_road_layer(const geo::road::RoadNetwork& network, const geo::PlaneXY& origin,
                       const geo::PlaneProjector& projector) {
    using geo::road::RoadClass;
    Layer layer;
    layer.id = std::string(k_roads_layer);
    layer.name_ja = "道路";
    layer.name_en = "Roads";
    for (int c = 0; c < geo::road::road_class_count; ++c)
        layer.lines.styles.push_back(road_style(static_cast<RoadClass>(c)));

    std::vector<geo::PlaneXY> nodes(network.nodes.size());
    if (!nodes.empty()) projector.to_plane(network.nodes, nodes);

    std::array<bool, geo::road::road_class_count> present{};
    layer.features.reserve(network.edges.size());
    layer.lines.segments.reserve(network.edges.size() * 2);
    std::vector<geo::PlaneXY> pts;
    for (std::size_t e = 0; e < network.edges.size(); ++e) {
        const auto& edge = network.edges[e];
        if (edge.from >= nodes.size() || edge.to >= nodes.size()) continue;
        pts.clear();
        pts.push_back(nodes[edge.from]);
        for (const auto& s : edge.shape)
            pts.push_back(projector.to_plane(s));
        pts.push_back(nodes[edge.to]);
        const auto feature = static_cast<std::uint32_t>(layer.features.size());
        layer.features.push_back({FeatureRef::Kind::road_edge, static_cast<std::int64_t>(e), ""});
        const auto style = static_cast<std::uint32_t>(edge.road_class);
        add_polyline(layer.lines, pts, origin, style, feature);
        present[style] = true;
        if (edge.name_id != 0 && edge.name_id < network.names.size() &&
            !network.names[edge.name_id].empty()) {
            // Major roads win label collisions over minor ones.
            const float priority = 20.0f - static_cast<float>(style) * 0.5f;
            layer.labels.push_back({network.names[edge.name_id], polyline_middle(pts), priority,
                                    road_label_max_mpp(edge.road_class), feature});
        }
    }
    for (int c = 0; c < geo::road::road_class_count; ++c)
        if (present[static_cast<std::size_t>(c)])
            layer.legend.push_back({std::string(road_label_ja(static_cast<RoadClass>(c))),
                                    std::string(road_label_en(static_cast<RoadClass>(c))),
                                    LegendEntry::Kind::line, static_cast<std::uint32_t>(c)});
    return layer;
}

std::vector<Layer> build_facility_layers(const std::vector<data::Facility>& facilities,
                                         const geo::PlaneXY& origin,
                                         const geo::PlaneProjector& projector) {
    std::vector<Layer> layers;
    for (const FacilityKind kind : k_facility_kinds) {
        Layer layer;
        layer.id = facility_layer_id(kind);
        layer.name_ja = std::string(data::label_ja(kind));
        layer.name_en = std::string(data::label_en(kind));
        // (symbol, status) -> style index; the normal symbols come first so the legend always
        // shows what the kind looks like, status variants follow as they occur.
        std::map<std::pair<FacilitySymbol, data::FacilityStatus>, std::uint32_t> styles;
        auto style_for = [&](FacilitySymbol sym, data::FacilityStatus st) {
            if (st == data::FacilityStatus::open) st = data::FacilityStatus::normal;
            const auto key = std::make_pair(sym, st);
            if (auto it = styles.find(key); it != styles.end()) return it->second;
            const auto index = static_cast<std::uint32_t>(layer.points.styles.size());
            layer.points.styles.push_back(facility_style(sym, st));
            layer.legend.push_back(
                {join_label(facility_label_ja(sym), facility_status_label_ja(st), true),
                 join_label(facility_label_en(sym), facility_status_label_en(st), false),
                 LegendEntry::Kind::point, index});
            styles.emplace(key, index);
            return index;
        };
        style_for(facility_symbol(kind, false), data::FacilityStatus::normal);
        if (kind == FacilityKind::rescue_centre)
            style_for(FacilitySymbol::relief_station, data::FacilityStatus::normal);

        for (const auto& f : facilities) {
            if (f.kind != kind || !f.location) continue;
            const FacilitySymbol sym = facility_symbol(f.kind, f.relief_station);
            const auto feature = static_cast<std::uint32_t>(layer.features.size());
            layer.features.push_back({FeatureRef::Kind::facility, f.id, f.external_id});
            const geo::PlaneXY p = projector.to_plane(*f.location);
            const auto xy = rel(p, origin);
            layer.points.points.push_back({xy[0], xy[1], style_for(sym, f.status), feature});
            if (!f.name.empty())
                layer.labels.push_back({f.name, p, facility_label_priority(sym),
                                        facility_label_max_mpp(sym), feature});
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

std::vector<Layer> build_person_layers(const std::vector<data::Person>& persons,
                                       const geo::PlaneXY& origin,
                                       const geo::PlaneProjector& projector) {
    std::vector<Layer> layers;
    for (const DeviceGroup group : k_device_groups) {
        Layer layer;
        layer.id = person_layer_id(group);
        layer.name_ja = std::string(device_group_label_ja(group));
        layer.name_en = std::string(device_group_label_en(group));
        for (std::size_t s = 0; s < k_person_statuses.size(); ++s) {
            layer.points.styles.push_back(person_style(group, k_person_statuses[s]));
            layer.legend.push_back({std::string(person_status_label_ja(k_person_statuses[s])),
                                    std::string(person_status_label_en(k_person_statuses[s])),
                                    LegendEntry::Kind::point, static_cast<std::uint32_t>(s)});
        }
        layers.push_back(std::move(layer));
    }

    // Batch projection: one PROJ call for every located person.
    std::vector<geo::LonLat> where;
    std::vector<const data::Person*> located;
    where.reserve(persons.size());
    located.reserve(persons.size());
    for (const auto& p : persons)
        if (p.location) {
            where.push_back(*p.location);
            located.push_back(&p);
        }
    std::vector<geo::PlaneXY> xy(where.size());
    if (!xy.empty()) projector.to_plane(where, xy);

    for (std::size_t i = 0; i < located.size(); ++i) {
        const data::Person& p = *located[i];
        Layer& layer = layers[static_cast<std::size_t>(device_group(p))];
        const auto status_index = static_cast<std::uint32_t>(
            std::find(k_person_statuses.begin(), k_person_statuses.end(), p.status) -
            k_person_statuses.begin());
        const auto feature = static_cast<std::uint32_t>(layer.features.size());
        layer.features.push_back({FeatureRef::Kind::person, p.id, p.external_id});
        const auto r = rel(xy[i], origin);
        layer.points.points.push_back({r[0], r[1], status_index, feature});
    }
    return layers;
}

namespace {
// Drill/projector modes: the persons as the scene may hold them (see SceneOptions::mask).
std::vector<data::Person> masked(std::vector<data::Person> persons, const SceneOptions& options) {
    if (options.mask)
        for (auto& p : persons)
            p = data::privacy::mask_person(p, *options.mask);
    return persons;
}
} // namespace

Scene build_scene(data::Store& store, const SceneOptions& options) {
    const geo::PlaneProjector projector;
    const auto wards = ward_areas(store);
    const auto facilities = store.facilities().facilities({});
    const auto persons = masked(store.registry().persons({}), options);

    Scene scene;
    scene.origin = choose_origin(wards, facilities, persons, projector);
    if (!wards.empty()) scene.layers.push_back(build_ward_layer(wards, scene.origin, projector));
    scene.layers.push_back(build_outage_layer(active_outages(store), scene.origin, projector));

    const auto roads = data::road_store(store);
    if (roads->source()) {
        const auto network = roads->load_network();
        if (network.edge_count() > 0)
            scene.layers.push_back(build_road_layer(network, scene.origin, projector));
    }
    for (auto& l : build_facility_layers(facilities, scene.origin, projector))
        scene.layers.push_back(std::move(l));
    for (auto& l : build_person_layers(persons, scene.origin, projector))
        scene.layers.push_back(std::move(l));

    PlaneBox home = PlaneBox::none();
    if (const Layer* ward = scene.find(k_ward_layer)) home = box_of(*ward, scene.origin);
    if (home.empty())
        for (const auto& l : scene.layers)
            if (l.id != k_roads_layer && l.id != k_outages_layer)
                merge_box(home, box_of(l, scene.origin));
    scene.home = home;
    return scene;
}

void rebuild_persons(Scene& scene, data::Store& store, const SceneOptions& options) {
    const geo::PlaneProjector projector;
    for (auto& l : build_person_layers(masked(store.registry().persons({}), options), scene.origin,
                                       projector))
        replace_layer(scene, std::move(l));
}

void rebuild_facilities(Scene& scene, data::Store& store, const SceneOptions& options) {
    (void)options;
    const geo::PlaneProjector projector;
    for (auto& l :
         build_facility_layers(store.facilities().facilities({}), scene.origin, projector))
        replace_layer(scene, std::move(l));
}

void rebuild_outages(Scene& scene, data::Store& store, const SceneOptions& options) {
    (void)options;
    const geo::PlaneProjector projector;
    Layer fresh = build_outage_layer(active_outages(store), scene.origin, projector);
    if (scene.find(k_outages_layer)) {
        replace_layer(scene, std::move(fresh));
        return;
    }
    // Keep the layer just above the ward, as build_scene places it.
    auto at = scene.layers.begin();
    if (!scene.layers.empty() && scene.layers.front().id == k_ward_layer) ++at;
    scene.layers.insert(at, std::move(fresh));
}

} // namespace breathline::map
