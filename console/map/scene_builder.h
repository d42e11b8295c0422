#pragma once
/// Builds the map's Scene from a Store: the ward boundary, the road network, one layer per
/// facility kind and one per person device group, in that order (bottom to top). Everything
/// is projected to EPSG:6677 here, once, so that drawing and picking need no projection.
///
/// Personal data: the scene never contains a person's name, kana, address or phone. A person
/// is a point with a status colour and a FeatureRef (database id and registry number); the
/// app looks the record up when one is selected. Labels exist only for facilities (public
/// places) and street names.

#include "console/map/scene.h"
#include "console/map/style.h"
#include "data/model/facility.h"
#include "data/model/incident.h"
#include "data/model/person.h"
#include "data/privacy/mask.h"
#include "data/store/store.h"
#include "geo/projection.h"
#include "geo/road/road_network.h"

#include <optional>
#include <string>
#include <vector>

namespace breathline::map {

struct SceneOptions {
    /// Drill mode on a projected display. The scene holds no person names in any mode (see
    /// the file comment), so this changes nothing in the scene itself; it travels with the
    /// options so the app's tooltips and panels built from the same options mask too.
    bool mask_names = false;
    /// Drill and projector modes (issue 8): when set, every person passes through
    /// data::privacy::mask_person before it is placed, so the symbols sit at the displaced
    /// homes and no later lookup in the scene can find a true location.
    std::optional<data::privacy::MaskOptions> mask = std::nullopt;
};

/// Layer ids of the standard layers.
inline constexpr std::string_view k_ward_layer = "ward";
inline constexpr std::string_view k_roads_layer = "roads";
inline constexpr std::string_view k_outages_layer = "outages";
/// "facilities.<data::to_db(kind)>", e.g. "facilities.rescue_centre".
std::string facility_layer_id(data::FacilityKind kind);
/// "persons.<to_id(group)>", e.g. "persons.tppv" (see style.h DeviceGroup).
std::string person_layer_id(DeviceGroup group);

/// Reads the store and builds the whole scene: "ward" (areas of kind "ward_boundary", fill and
/// outline), "outages" (the active incident's areas still without power; always present) and
/// "roads" (data::road_store(store)->load_network(), street-name labels at high
/// zoom) when the store has them, then the six facility layers in data::FacilityKind order and
/// the four person layers (tppv, nppv, oxygen, other), which exist even when empty so that
/// the layer panel is stable. Facilities and persons without a location are not drawn.
/// Scene::origin is the centre of the ward (or of the data) rounded to metres; Scene::home
/// is the ward's bounding box (or the data's). Throws what the store throws (DataError) and
/// std::runtime_error when PROJ cannot be set up. Not thread-safe (uses `store`).
Scene build_scene(data::Store& store, const SceneOptions& options);

/// Replaces the content of the person layers with the store's current registry and bumps
/// their revisions (after an edit or import); visibility and opacity are kept. Missing person
/// layers are appended. Same errors and thread safety as build_scene.
void rebuild_persons(Scene& scene, data::Store& store, const SceneOptions& options);

/// The same for the facility layers (after a facility was edited, placed or changed status).
void rebuild_facilities(Scene& scene, data::Store& store, const SceneOptions& options);

/// The same for the "outages" layer: the outage areas of the active incident that are not yet
/// restored (none when no incident is active). build_scene adds the layer after "ward".
void rebuild_outages(Scene& scene, data::Store& store, const SceneOptions& options);

// The pure builders behind build_scene, for tests and benchmarks: no store, no I/O. `origin`
// is Scene::origin (EPSG:6677 metres); `projector` is used on the calling thread only.

/// The "ward" layer from areas holding WKB multipolygons (Area::wkb as read from a store).
/// Throws DataError(sql) for a broken WKB blob.
Layer build_ward_layer(const std::vector<data::Area>& areas, const geo::PlaneXY& origin,
                       const geo::PlaneProjector& projector);
/// The "outages" layer: each area still out at the time of the call (no restored_at) filled
/// and outlined, one FeatureRef per area (Kind::area, id = outage area id, external_id
/// "outage:<id>") with its name as a label.
Layer build_outage_layer(const std::vector<data::OutageArea>& areas, const geo::PlaneXY& origin,
                         const geo::PlaneProjector& projector);
/// The "roads" layer: one segment per polyline piece, styled by road class (style index =
/// RoadClass value), one feature per edge (FeatureRef::id = edge index), one street-name
/// label candidate per named edge at its middle.
Layer build_road_layer(const geo::road::RoadNetwork& network, const geo::PlaneXY& origin,
                       const geo::PlaneProjector& projector);
/// The six facility layers, in data::FacilityKind order.
std::vector<Layer> build_facility_layers(const std::vector<data::Facility>& facilities,
                                         const geo::PlaneXY& origin,
                                         const geo::PlaneProjector& projector);
/// The four person layers, in DeviceGroup order; point style index = position of the
/// person's status in k_person_statuses.
std::vector<Layer> build_person_layers(const std::vector<data::Person>& persons,
                                       const geo::PlaneXY& origin,
                                       const geo::PlaneProjector& projector);

} // namespace breathline::map
