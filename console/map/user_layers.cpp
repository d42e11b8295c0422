#include "console/map/user_layers.h"

#include "console/map/style.h"
#include "data/error.h"
#include "data/layers/layer_file.h"
#include "geo/projection.h"
#include "geo/triangulate.h"

namespace breathline::map {

namespace {

std::array<float, 2> rel(const geo::PlaneXY& p, const geo::PlaneXY& origin) {
    return {static_cast<float>(p.x_east_m - origin.x_east_m),
            static_cast<float>(p.y_north_m - origin.y_north_m)};
}

std::vector<geo::PlaneXY> project(const std::vector<geo::LonLat>& pts,
                                  const geo::PlaneProjector& projector, bool close) {
    std::vector<geo::PlaneXY> out(pts.size());
    if (!out.empty()) projector.to_plane(pts, out);
    if (close && out.size() > 1 && !(out.front() == out.back())) out.push_back(out.front());
    return out;
}

void add_polyline(LineLayer& lines, const std::vector<geo::PlaneXY>& pts,
                  const geo::PlaneXY& origin, std::uint32_t style, std::uint32_t feature) {
    for (std::size_t i = 1; i < pts.size(); ++i) {
        const auto a = rel(pts[i - 1], origin);
        const auto b = rel(pts[i], origin);
        if (a == b) continue;
        lines.segments.push_back({a[0], a[1], b[0], b[1], style, feature});
    }
}

constexpr std::uint32_t k_line_style = 0;
constexpr std::uint32_t k_outline_style = 1;

} // namespace

std::string user_layer_id(const std::filesystem::path& path) {
    return "user:" + path.string();
}

Layer make_vector_layer(const data::layers::VectorFile& file, const std::string& id,
                        const std::string& name, const geo::PlaneXY& origin) {
    const geo::PlaneProjector projector;
    Layer layer;
    layer.id = id;
    layer.name_ja = name;
    layer.name_en = name;
    layer.fill.colour = user_fill_colour();
    layer.lines.styles = {user_line_style(), user_outline_style()};
    layer.points.styles = {user_point_style()};
    bool has_points = false, has_lines = false, has_polygons = false;

    for (const auto& f : file.features) {
        const auto feature = static_cast<std::uint32_t>(layer.features.size());
        layer.features.push_back({FeatureRef::Kind::user_feature, f.fid, f.label});
        std::optional<geo::PlaneXY> anchor;
        if (!f.points.empty()) {
            has_points = true;
            for (const auto& p : project(f.points, projector, false)) {
                const auto r = rel(p, origin);
                layer.points.points.push_back({r[0], r[1], 0, feature});
                if (!anchor) anchor = p;
            }
        }
        for (const auto& line : f.lines) {
            has_lines = true;
            const auto pts = project(line, projector, false);
            add_polyline(layer.lines, pts, origin, k_line_style, feature);
            if (!anchor && !pts.empty()) anchor = pts[pts.size() / 2];
        }
        for (const auto& poly : f.polygons) {
            has_polygons = true;
            for (const auto& t : geo::triangulate(poly, projector))
                for (const auto& v : t)
                    layer.fill.triangles.push_back(rel(v, origin));
            const auto outer = project(poly.outer.points, projector, true);
            add_polyline(layer.lines, outer, origin, k_outline_style, feature);
            for (const auto& hole : poly.holes)
                add_polyline(layer.lines, project(hole.points, projector, true), origin,
                             k_outline_style, feature);
            if (!anchor && !outer.empty()) anchor = outer.front();
        }
        if (!f.label.empty() && anchor)
            layer.labels.push_back({f.label, *anchor, 1.0f, 1e9f, feature});
    }
    if (has_points) layer.legend.push_back({"点", "points", LegendEntry::Kind::point, 0});
    if (has_lines) layer.legend.push_back({"線", "lines", LegendEntry::Kind::line, k_line_style});
    if (has_polygons)
        layer.legend.push_back({"面", "areas", LegendEntry::Kind::fill, k_outline_style});
    return layer;
}

Layer load_vector_layer(const std::filesystem::path& path, const geo::PlaneXY& origin) {
    const auto file = data::layers::read_vector_file(path);
    return make_vector_layer(file, user_layer_id(path), path.filename().string(), origin);
}

Layer load_raster_layer(const std::filesystem::path& path,
                        const data::layers::RasterOptions& options) {
    auto image = data::layers::read_raster_file(path, options);
    Layer layer;
    layer.id = user_layer_id(path);
    layer.name_ja = path.filename().string();
    layer.name_en = layer.name_ja;
    layer.raster.width = image.width;
    layer.raster.height = image.height;
    layer.raster.rgba = std::move(image.rgba);
    layer.raster.bounds = {image.min_x, image.min_y, image.max_x, image.max_y};
    layer.legend.push_back({"画像", "image", LegendEntry::Kind::raster, 0});
    return layer;
}

Layer load_user_layer(const std::filesystem::path& path, const geo::PlaneXY& origin) {
    const auto content = data::layers::probe_layer_file(path);
    if (content.vector) return load_vector_layer(path, origin);
    if (content.raster) return load_raster_layer(path);
    throw data::DataError(data::ErrorCode::io,
                          path.string() + ": GDAL reads neither vector features nor a raster "
                                          "image from this file (GeoPackage, GeoJSON, Shapefile, "
                                          "GeoTIFF or MBTiles expected)");
}

} // namespace breathline::map
