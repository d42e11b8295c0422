#include "console/map/style.h"

namespace breathline::map {

namespace {

using geo::road::RoadClass;

constexpr Rgba no_casing{0, 0, 0, 0};

// Indexed by RoadClass. Major roads follow the colour order readers know from OpenStreetMap's
// standard style (motorway red-pink, trunk salmon, primary orange, secondary yellow) with
// darker casings, so they stay readable over aerial rasters too; minor roads are white with a
// thin grey casing and disappear when zoomed out, where they would only be noise.
const std::array<LineStyle, geo::road::road_class_count> k_roads{{
    {{226, 122, 143, 255}, 5.0f, {163, 57, 83, 255}, 1.0f, 1e9f},    // motorway
    {{226, 122, 143, 255}, 3.0f, {163, 57, 83, 255}, 0.75f, 30.0f},  // motorway_link
    {{245, 160, 130, 255}, 4.5f, {176, 92, 62, 255}, 1.0f, 1e9f},    // trunk
    {{245, 160, 130, 255}, 2.8f, {176, 92, 62, 255}, 0.75f, 30.0f},  // trunk_link
    {{252, 200, 120, 255}, 4.0f, {165, 120, 40, 255}, 1.0f, 1e9f},   // primary
    {{252, 200, 120, 255}, 2.6f, {165, 120, 40, 255}, 0.75f, 30.0f}, // primary_link
    {{246, 240, 150, 255}, 3.5f, {140, 135, 60, 255}, 0.9f, 60.0f},  // secondary
    {{246, 240, 150, 255}, 2.4f, {140, 135, 60, 255}, 0.75f, 20.0f}, // secondary_link
    {{255, 255, 255, 255}, 3.0f, {150, 150, 150, 255}, 0.8f, 25.0f}, // tertiary
    {{255, 255, 255, 255}, 2.2f, {150, 150, 150, 255}, 0.7f, 15.0f}, // tertiary_link
    {{255, 255, 255, 255}, 2.2f, {175, 175, 175, 255}, 0.6f, 10.0f}, // unclassified
    {{255, 255, 255, 255}, 2.0f, {175, 175, 175, 255}, 0.6f, 8.0f},  // residential
    {{240, 240, 240, 255}, 1.8f, {175, 175, 175, 255}, 0.5f, 5.0f},  // living_street
    {{255, 255, 255, 255}, 1.3f, no_casing, 0.0f, 3.0f},             // service
    {{214, 214, 228, 255}, 2.0f, {170, 170, 190, 255}, 0.5f, 4.0f},  // pedestrian
    {{232, 110, 98, 255}, 1.0f, no_casing, 0.0f, 2.5f},              // footway
    {{60, 80, 230, 255}, 1.0f, no_casing, 0.0f, 2.5f},               // cycleway
    {{150, 105, 70, 255}, 1.0f, no_casing, 0.0f, 2.5f},              // path
    {{200, 60, 50, 255}, 1.6f, no_casing, 0.0f, 2.0f},               // steps
    {{140, 95, 10, 255}, 1.2f, no_casing, 0.0f, 3.0f},               // track
    {{170, 170, 170, 255}, 1.0f, no_casing, 0.0f, 5.0f},             // other
}};

struct RoadLabel {
    std::string_view ja, en;
};
const std::array<RoadLabel, geo::road::road_class_count> k_road_labels{{
    {"高速道路", "motorway"},
    {"高速道路ランプ", "motorway link"},
    {"国道・主要幹線", "trunk road"},
    {"国道・主要幹線（連絡路）", "trunk link"},
    {"主要地方道", "primary road"},
    {"主要地方道（連絡路）", "primary link"},
    {"一般都道", "secondary road"},
    {"一般都道（連絡路）", "secondary link"},
    {"区道（幹線）", "tertiary road"},
    {"区道（幹線・連絡路）", "tertiary link"},
    {"一般道路", "unclassified road"},
    {"生活道路", "residential street"},
    {"歩行者優先道路", "living street"},
    {"私道・構内道路", "service road"},
    {"歩行者専用道路", "pedestrian street"},
    {"歩道", "footway"},
    {"自転車道", "cycleway"},
    {"小道", "path"},
    {"階段", "steps"},
    {"農道・林道", "track"},
    {"その他の道路", "other road"},
}};

std::size_t road_index(RoadClass c) {
    const auto i = static_cast<std::size_t>(c);
    return i < k_roads.size() ? i : k_roads.size() - 1;
}

struct FacilityDef {
    Shape shape;
    Rgba fill;
    float size_px;
    std::string_view ja, en;
    float priority;
    float max_mpp;
};

// Indexed by FacilitySymbol. Shapes are all different; hues are far apart (green, red,
// blue, orange, crimson, purple, teal).
const std::array<FacilityDef, 7> k_facilities{{
    {Shape::square, {46, 125, 50, 255}, 13.0f, "救援センター", "rescue centre", 40.0f, 6.0f},
    {Shape::cross,
     {211, 47, 47, 255},
     15.0f,
     "救援センター（医療救護所）",
     "rescue centre with medical relief station",
     60.0f,
     10.0f},
    {Shape::hexagon,
     {21, 101, 192, 255},
     14.0f,
     "福祉救援センター",
     "welfare rescue centre",
     50.0f,
     8.0f},
    {Shape::triangle, {239, 124, 0, 255}, 15.0f, "トリアージ場所", "triage point", 70.0f, 10.0f},
    {Shape::star,
     {156, 20, 60, 255},
     19.0f,
     "災害拠点病院",
     "disaster base hospital",
     100.0f,
     40.0f},
    {Shape::diamond,
     {106, 27, 154, 255},
     16.0f,
     "災害拠点連携病院等",
     "disaster base cooperating hospital",
     80.0f,
     20.0f},
    {Shape::ring, {0, 121, 107, 255}, 16.0f, "保健所", "health centre", 90.0f, 40.0f},
}};

const FacilityDef& def(FacilitySymbol s) {
    return k_facilities[static_cast<std::size_t>(s)];
}

} // namespace

const LineStyle& road_style(RoadClass road_class) {
    return k_roads[road_index(road_class)];
}

std::string_view road_label_ja(RoadClass road_class) {
    return k_road_labels[road_index(road_class)].ja;
}

std::string_view road_label_en(RoadClass road_class) {
    return k_road_labels[road_index(road_class)].en;
}

FacilitySymbol facility_symbol(data::FacilityKind kind, bool relief_station) {
    switch (kind) {
    case data::FacilityKind::rescue_centre:
        return relief_station ? FacilitySymbol::relief_station : FacilitySymbol::rescue_centre;
    case data::FacilityKind::welfare_rescue_centre:
        return FacilitySymbol::welfare_rescue_centre;
    case data::FacilityKind::triage_point:
        return FacilitySymbol::triage_point;
    case data::FacilityKind::disaster_base_hospital:
        return FacilitySymbol::disaster_base_hospital;
    case data::FacilityKind::disaster_cooperating_hospital:
        return FacilitySymbol::disaster_cooperating_hospital;
    case data::FacilityKind::health_centre:
        return FacilitySymbol::health_centre;
    }
    return FacilitySymbol::rescue_centre;
}

PointStyle facility_style(FacilitySymbol symbol) {
    const FacilityDef& d = def(symbol);
    return {d.shape, d.fill, {255, 255, 255, 255}, d.size_px};
}

PointStyle facility_style(FacilitySymbol symbol, data::FacilityStatus status) {
    PointStyle s = facility_style(symbol);
    switch (status) {
    case data::FacilityStatus::normal:
    case data::FacilityStatus::open:
        break;
    case data::FacilityStatus::full:
        s.outline = {0, 0, 0, 255};
        break;
    case data::FacilityStatus::closed:
        s.fill = {158, 158, 158, 255};
        s.outline = {97, 97, 97, 255};
        break;
    case data::FacilityStatus::damaged:
        s.fill = {90, 90, 90, 255};
        s.outline = {229, 0, 0, 255};
        break;
    case data::FacilityStatus::unknown:
        s.fill.a = 128;
        s.outline = {255, 255, 255, 160};
        break;
    }
    return s;
}

std::string_view facility_label_ja(FacilitySymbol symbol) {
    return def(symbol).ja;
}

std::string_view facility_label_en(FacilitySymbol symbol) {
    return def(symbol).en;
}

std::string_view facility_status_label_ja(data::FacilityStatus status) {
    switch (status) {
    case data::FacilityStatus::normal:
    case data::FacilityStatus::open:
        return "";
    case data::FacilityStatus::full:
        return "満員";
    case data::FacilityStatus::closed:
        return "閉鎖";
    case data::FacilityStatus::damaged:
        return "被災";
    case data::FacilityStatus::unknown:
        return "状況不明";
    }
    return "";
}

std::string_view facility_status_label_en(data::FacilityStatus status) {
    switch (status) {
    case data::FacilityStatus::normal:
    case data::FacilityStatus::open:
        return "";
    case data::FacilityStatus::full:
        return "full";
    case data::FacilityStatus::closed:
        return "closed";
    case data::FacilityStatus::damaged:
        return "damaged";
    case data::FacilityStatus::unknown:
        return "status unknown";
    }
    return "";
}

float facility_label_priority(FacilitySymbol symbol) {
    return def(symbol).priority;
}

float facility_label_max_mpp(FacilitySymbol symbol) {
    return def(symbol).max_mpp;
}

DeviceGroup device_group(const data::Person& person) {
    if (person.uses_ventilator) {
        if (person.ventilator_mode == data::VentilatorMode::tppv) return DeviceGroup::tppv;
        if (person.ventilator_mode == data::VentilatorMode::nppv) return DeviceGroup::nppv;
        return DeviceGroup::other;
    }
    if (person.home_oxygen) return DeviceGroup::oxygen;
    return DeviceGroup::other;
}

std::string_view to_id(DeviceGroup group) {
    switch (group) {
    case DeviceGroup::tppv:
        return "tppv";
    case DeviceGroup::nppv:
        return "nppv";
    case DeviceGroup::oxygen:
        return "oxygen";
    case DeviceGroup::other:
        return "other";
    }
    return "other";
}

std::string_view device_group_label_ja(DeviceGroup group) {
    switch (group) {
    case DeviceGroup::tppv:
        return "在宅人工呼吸器使用者（TPPV）";
    case DeviceGroup::nppv:
        return "在宅人工呼吸器使用者（NPPV）";
    case DeviceGroup::oxygen:
        return "在宅酸素療法";
    case DeviceGroup::other:
        return "その他の医療機器";
    }
    return "";
}

std::string_view device_group_label_en(DeviceGroup group) {
    switch (group) {
    case DeviceGroup::tppv:
        return "Home ventilator users (TPPV)";
    case DeviceGroup::nppv:
        return "Home ventilator users (NPPV)";
    case DeviceGroup::oxygen:
        return "Home oxygen therapy";
    case DeviceGroup::other:
        return "Other medical devices";
    }
    return "";
}

Rgba person_status_colour(data::PersonStatus status) {
    switch (status) {
    case data::PersonStatus::active:
        return {216, 27, 96, 255}; // magenta: the people to check on first
    case data::PersonStatus::hospitalised:
        return {3, 155, 229, 255};
    case data::PersonStatus::moved:
        return {141, 110, 99, 255};
    case data::PersonStatus::inactive:
        return {189, 189, 189, 255};
    case data::PersonStatus::deceased:
        return {33, 33, 33, 255};
    }
    return {0, 0, 0, 255};
}

PointStyle person_style(DeviceGroup group, data::PersonStatus status) {
    Shape shape = Shape::circle;
    switch (group) {
    case DeviceGroup::tppv:
        shape = Shape::circle;
        break;
    case DeviceGroup::nppv:
        shape = Shape::diamond;
        break;
    case DeviceGroup::oxygen:
        shape = Shape::triangle;
        break;
    case DeviceGroup::other:
        shape = Shape::square;
        break;
    }
    return {shape, person_status_colour(status), {40, 40, 40, 255}, 9.0f};
}

std::string_view person_status_label_ja(data::PersonStatus status) {
    switch (status) {
    case data::PersonStatus::active:
        return "在宅";
    case data::PersonStatus::hospitalised:
        return "入院中";
    case data::PersonStatus::moved:
        return "転出";
    case data::PersonStatus::inactive:
        return "登録休止";
    case data::PersonStatus::deceased:
        return "死亡";
    }
    return "";
}

std::string_view person_status_label_en(data::PersonStatus status) {
    switch (status) {
    case data::PersonStatus::active:
        return "at home";
    case data::PersonStatus::hospitalised:
        return "hospitalised";
    case data::PersonStatus::moved:
        return "moved away";
    case data::PersonStatus::inactive:
        return "inactive";
    case data::PersonStatus::deceased:
        return "deceased";
    }
    return "";
}

Rgba ward_fill_colour() {
    return {255, 253, 245, 150};
}

const LineStyle& ward_outline_style() {
    static const LineStyle style{{111, 66, 160, 255}, 2.5f, {255, 255, 255, 200}, 1.0f, 1e9f};
    return style;
}

Rgba outage_fill_colour() {
    return {220, 40, 40, 60};
}

const LineStyle& outage_outline_style() {
    static const LineStyle style{{180, 20, 20, 230}, 2.0f, no_casing, 0.0f, 1e9f};
    return style;
}

const LineStyle& user_line_style() {
    static const LineStyle style{{0, 137, 123, 255}, 2.0f, no_casing, 0.0f, 1e9f};
    return style;
}

const LineStyle& user_outline_style() {
    static const LineStyle style{{0, 105, 92, 255}, 1.5f, no_casing, 0.0f, 1e9f};
    return style;
}

Rgba user_fill_colour() {
    return {0, 150, 136, 70};
}

PointStyle user_point_style() {
    return {Shape::circle, {0, 137, 123, 255}, {255, 255, 255, 255}, 8.0f};
}

} // namespace breathline::map
