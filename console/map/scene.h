#pragma once
/// What the map shows, as plain values: layers of segments, point symbols,
/// filled triangles and raster images in display coordinates, plus labels,
/// legend entries and the feature each drawn item stands for. Built on the
/// CPU (scene_builder.h, user_layers.h) and uploaded to the GPU by
/// console/render once per layer revision, so that a frame costs no CPU work
/// proportional to the number of features. Knows nothing of GL or ImGui.
///
/// Display CRS: EPSG:6677 (JGD2011 / Japan Plane Rectangular CS IX), x east,
/// y north, metres. Toshima lies inside zone IX, where the projection is
/// conformal with scale error below 1/10,000, so the scale bar, buffers and
/// road lengths drawn on the map are true without per-latitude correction;
/// Web Mercator would be 1.23x off at 35.7°N and would need a second
/// projection for every metric computation the data layer already does in
/// 6677. Raster layers in other CRSs are warped to 6677 when loaded.
///
/// Coordinates inside a layer are floats relative to Scene::origin (metres):
/// within 100 km of the origin a float keeps better than 1 cm, which the GPU
/// needs (32-bit) and which doubles in absolute 6677 metres would not give
/// after a float cast.

#include "geo/coordinates.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace breathline::map {

/// Straight RGBA colour, 0-255 per channel.
struct Rgba {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    friend bool operator==(const Rgba&, const Rgba&) = default;
};

/// An axis-aligned box in display coordinates (EPSG:6677 metres, absolute).
struct PlaneBox {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    bool empty() const { return !(max_x >= min_x && max_y >= min_y); }
    void extend(double x, double y);
    static PlaneBox none() { return {1, 1, 0, 0}; } ///< empty; extend() fills it
};

/// What a drawn item stands for; picking and selection answer with this.
struct FeatureRef {
    enum class Kind : std::uint8_t { none, person, facility, road_edge, area, user_feature };
    Kind kind = Kind::none;
    std::int64_t id = 0;     ///< RowId (person/facility/area), edge index, or OGR FID
    std::string external_id; ///< registry/facility id as shown to users ("" for others)
    friend bool operator==(const FeatureRef&, const FeatureRef&) = default;
};

/// How a class of lines is drawn. Width in screen pixels at UI scale 1;
/// `min_mpp`/`max_mpp` hide the class outside a zoom range (metres per pixel).
struct LineStyle {
    Rgba colour;
    float width_px = 1.0f;
    Rgba casing{0, 0, 0, 0}; ///< drawn wider underneath when alpha > 0
    float casing_px = 0.0f;  ///< extra width of the casing on each side
    float max_mpp = 1e9f;    ///< hidden when zoomed out beyond this
};

/// One straight piece of a polyline; polylines are split into segments when
/// the layer is built. Round joins and caps come from the shader, so shared
/// end points join without gaps.
struct Segment {
    float x0, y0, x1, y1;  ///< relative to Scene::origin, metres
    std::uint32_t style;   ///< index into LineLayer::styles
    std::uint32_t feature; ///< index into Layer::features
};

struct LineLayer {
    std::vector<LineStyle> styles;
    std::vector<Segment> segments;
};

/// Point symbol shapes; the fragment shader draws each as a signed distance
/// field so every shape is anti-aliased at any size.
enum class Shape : std::uint8_t { circle, square, triangle, diamond, star, cross, hexagon, ring };

struct PointStyle {
    Shape shape = Shape::circle;
    Rgba fill;
    Rgba outline{255, 255, 255, 255};
    float size_px = 10.0f; ///< diameter at UI scale 1
};

struct PointFeature {
    float x, y;            ///< relative to Scene::origin, metres
    std::uint32_t style;   ///< index into PointLayer::styles
    std::uint32_t feature; ///< index into Layer::features
};

struct PointLayer {
    std::vector<PointStyle> styles;
    std::vector<PointFeature> points;
};

/// Filled polygons, triangulated once when the layer is built
/// (geo/triangulate.h); outlines go into the layer's LineLayer.
struct FillLayer {
    Rgba colour;
    std::vector<std::array<float, 2>> triangles; ///< 3 vertices per triangle, relative to origin
};

/// A raster already warped to EPSG:6677, drawn as one texture.
struct RasterLayer {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba; ///< row 0 is the northern edge
    PlaneBox bounds;                ///< absolute 6677 metres covered by the image
};

/// A text placed on the map by label placement (labels.h).
struct LabelCandidate {
    std::string text;      ///< UTF-8
    geo::PlaneXY anchor;   ///< absolute 6677 metres
    float priority = 0.0f; ///< higher wins collisions
    float max_mpp = 1e9f;  ///< only shown when zoomed in at least this far
    std::uint32_t feature = 0;
};

struct LegendEntry {
    std::string label_ja, label_en;
    enum class Kind : std::uint8_t { line, point, fill, raster } kind = Kind::point;
    std::uint32_t style = 0; ///< index into the layer's styles for line/point
};

/// A revision never handed out before in this process (thread-safe).
std::uint64_t next_layer_revision();

/// One entry of the layer panel. Layers are drawn in Scene::layers order
/// (first is bottom); inside a layer: fill, then lines, then points.
struct Layer {
    std::string id; ///< stable key: "ward", "roads", "facilities.rescue_centre", "persons.tppv",
                    ///< "user:<path>"
    std::string name_ja, name_en;
    bool visible = true;
    float opacity = 1.0f;
    /// Replaced by a new value (next_layer_revision()) whenever geometry or
    /// styles change; the renderer and the picker rebuild a layer only when
    /// this differs from what they hold. Values are unique in the process,
    /// so a layer rebuilt from scratch under the same id never matches the
    /// buffers of its predecessor.
    std::uint64_t revision = next_layer_revision();
    FillLayer fill;
    LineLayer lines;
    PointLayer points;
    RasterLayer raster;
    std::vector<FeatureRef> features;
    std::vector<LabelCandidate> labels;
    std::vector<LegendEntry> legend;
};

struct Scene {
    geo::PlaneXY origin; ///< absolute 6677 metres that layer coordinates are relative to
    PlaneBox home;       ///< what "fit the ward" shows
    std::vector<Layer> layers;

    Layer* find(std::string_view id);
    const Layer* find(std::string_view id) const;
};

} // namespace breathline::map
