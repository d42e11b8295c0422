#pragma once
/// How the map draws each kind of thing: road classes, facility kinds and their operating
/// status, persons by device group and registry status, the ward, user layers. One table per
/// subject, so the legend, the screenshot tests and the renderer all agree. Colours are chosen
/// to stay apart from each other on the light background and for the common colour-vision
/// deficiencies as far as a few hues allow; every facility kind also has its own shape, so
/// the map reads without colour.
///
/// Sizes are screen pixels at UI scale 1; the renderer multiplies them by the UI scale.

#include "console/map/scene.h"
#include "data/model/enums.h"
#include "data/model/person.h"
#include "geo/road/road_network.h"

#include <array>
#include <string_view>

namespace breathline::map {

/// Line style of a road class: fill colour and width, a darker casing for major roads, and
/// the zoom beyond which the class is hidden (Camera metres per pixel). Thread-safe (static
/// table).
const LineStyle& road_style(geo::road::RoadClass road_class);

/// Japanese and English legend names of a road class (e.g. "幹線道路 (primary)"). Thread-safe.
std::string_view road_label_ja(geo::road::RoadClass road_class);
std::string_view road_label_en(geo::road::RoadClass road_class);

/// The symbol classes of facilities on the map: the six data::FacilityKind values plus rescue
/// centres that host a medical relief station (医療救護所), which coordinators look for
/// separately in phase 2 and later (DOMAIN.md).
enum class FacilitySymbol {
    rescue_centre,
    relief_station,
    welfare_rescue_centre,
    triage_point,
    disaster_base_hospital,
    disaster_cooperating_hospital,
    health_centre
};
inline constexpr std::array<FacilitySymbol, 7> k_facility_symbols{
    FacilitySymbol::rescue_centre,          FacilitySymbol::relief_station,
    FacilitySymbol::welfare_rescue_centre,  FacilitySymbol::triage_point,
    FacilitySymbol::disaster_base_hospital, FacilitySymbol::disaster_cooperating_hospital,
    FacilitySymbol::health_centre};

/// The symbol class of a facility of `kind` (relief_station only matters for rescue centres).
FacilitySymbol facility_symbol(data::FacilityKind kind, bool relief_station);

/// Symbol of a facility class in normal operation: its own shape and colour, white outline.
/// Thread-safe.
PointStyle facility_style(FacilitySymbol symbol);
/// The same symbol marked with an operating status: closed is grey, damaged is dark grey with
/// a red outline, full keeps its colour with a black outline, unknown is washed out (half
/// transparent); normal and open are facility_style(symbol). Thread-safe.
PointStyle facility_style(FacilitySymbol symbol, data::FacilityStatus status);

/// Legend names, as in the Toshima seed (救援センター, 医療救護所, 福祉救援センター,
/// トリアージ場所, 災害拠点病院, 災害拠点連携病院等, 保健所). Thread-safe.
std::string_view facility_label_ja(FacilitySymbol symbol);
std::string_view facility_label_en(FacilitySymbol symbol);
/// Legend suffix of a status ("" for normal and open; "閉鎖" / "closed", ...). Thread-safe.
std::string_view facility_status_label_ja(data::FacilityStatus status);
std::string_view facility_status_label_en(data::FacilityStatus status);

/// Label priority of a facility class: hospitals and the health centre win collisions over
/// rescue centres, as coordinators need them first. Thread-safe.
float facility_label_priority(FacilitySymbol symbol);
/// Zoom (metres per pixel) up to which a facility class's name is shown. Thread-safe.
float facility_label_max_mpp(FacilitySymbol symbol);

/// The device groups the persons layers are split by (DOMAIN.md: ventilator TPPV / NPPV, home
/// oxygen, other medical devices).
enum class DeviceGroup { tppv, nppv, oxygen, other };
inline constexpr std::array<DeviceGroup, 4> k_device_groups{
    DeviceGroup::tppv, DeviceGroup::nppv, DeviceGroup::oxygen, DeviceGroup::other};

/// The group a person belongs to: a ventilator user by mode (a ventilator user with an unknown
/// mode, and everyone without ventilator or home oxygen, is `other`); home oxygen only when
/// there is no ventilator, since the ventilator is the more urgent dependency. Thread-safe.
DeviceGroup device_group(const data::Person& person);

/// Stable spelling used in layer ids ("tppv", "nppv", "oxygen", "other"). Thread-safe.
std::string_view to_id(DeviceGroup group);
/// Layer names (在宅人工呼吸器使用者 (TPPV), ...). Thread-safe.
std::string_view device_group_label_ja(DeviceGroup group);
std::string_view device_group_label_en(DeviceGroup group);

/// Symbol of a person: shape by device group, colour by registry status, dark outline so that
/// persons read apart from the larger white-outlined facility symbols. Thread-safe.
PointStyle person_style(DeviceGroup group, data::PersonStatus status);
/// Colour of a registry status. Thread-safe.
Rgba person_status_colour(data::PersonStatus status);
/// Legend names of a status (在宅 / active, 入院中 / hospitalised, ...). Thread-safe.
std::string_view person_status_label_ja(data::PersonStatus status);
std::string_view person_status_label_en(data::PersonStatus status);
/// Every PersonStatus, in legend order.
inline constexpr std::array<data::PersonStatus, 5> k_person_statuses{
    data::PersonStatus::active, data::PersonStatus::hospitalised, data::PersonStatus::moved,
    data::PersonStatus::inactive, data::PersonStatus::deceased};

/// The ward boundary: translucent fill and a solid outline.
Rgba ward_fill_colour();
const LineStyle& ward_outline_style();
/// Outage areas of the active incident: translucent red fill, dashed-looking dark red edge.
Rgba outage_fill_colour();
const LineStyle& outage_outline_style();

/// Default styles of a user vector layer (lines, polygon outlines, polygon fill, points).
const LineStyle& user_line_style();
const LineStyle& user_outline_style();
Rgba user_fill_colour();
PointStyle user_point_style();

} // namespace breathline::map
