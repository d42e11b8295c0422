#include "data/model/enums.h"

#include "data/model/supporter_labels.h"

#include <array>
#include <utility>

namespace breathline::data {

namespace {

template <typename E, size_t N> using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<Sex, 4> k_sex{{{Sex::male, "male"},
                               {Sex::female, "female"},
                               {Sex::other, "other"},
                               {Sex::unknown, "unknown"}}};
constexpr Table<VentilatorMode, 2> k_vent{
    {{VentilatorMode::tppv, "TPPV"}, {VentilatorMode::nppv, "NPPV"}}};
constexpr Table<TubeFeeding, 4> k_tube{{{TubeFeeding::none, "none"},
                                        {TubeFeeding::gastrostomy, "gastrostomy"},
                                        {TubeFeeding::nasal, "nasal"},
                                        {TubeFeeding::other, "other"}}};
constexpr Table<PersonStatus, 5> k_status{{{PersonStatus::active, "active"},
                                           {PersonStatus::hospitalised, "hospitalised"},
                                           {PersonStatus::moved, "moved"},
                                           {PersonStatus::deceased, "deceased"},
                                           {PersonStatus::inactive, "inactive"}}};
constexpr Table<GeocodePrecision, 4> k_precision{{{GeocodePrecision::exact, "exact"},
                                                  {GeocodePrecision::town, "town"},
                                                  {GeocodePrecision::manual, "manual"},
                                                  {GeocodePrecision::unresolved, "unresolved"}}};
constexpr Table<SupporterKind, 7> k_supporter{{{SupporterKind::family, "family"},
                                               {SupporterKind::neighbour, "neighbour"},
                                               {SupporterKind::minsei_iin, "minsei_iin"},
                                               {SupporterKind::chokai, "chokai"},
                                               {SupporterKind::visiting_nurse, "visiting_nurse"},
                                               {SupporterKind::ward_staff, "ward_staff"},
                                               {SupporterKind::other, "other"}}};
constexpr Table<TravelMode, 2> k_travel{{{TravelMode::walk, "walk"}, {TravelMode::car, "car"}}};
constexpr Table<ContactKind, 8> k_contact{
    {{ContactKind::attending_physician, "attending_physician"},
     {ContactKind::specialist, "specialist"},
     {ContactKind::care_manager, "care_manager"},
     {ContactKind::visiting_nurse_station, "visiting_nurse_station"},
     {ContactKind::equipment_vendor, "equipment_vendor"},
     {ContactKind::home_helper, "home_helper"},
     {ContactKind::district_nurse, "district_nurse"},
     {ContactKind::other, "other"}}};
constexpr Table<FacilityKind, 6> k_fkind{
    {{FacilityKind::rescue_centre, "rescue_centre"},
     {FacilityKind::welfare_rescue_centre, "welfare_rescue_centre"},
     {FacilityKind::triage_point, "triage_point"},
     {FacilityKind::disaster_base_hospital, "disaster_base_hospital"},
     {FacilityKind::disaster_cooperating_hospital, "disaster_cooperating_hospital"},
     {FacilityKind::health_centre, "health_centre"}}};
constexpr Table<FacilityStatus, 6> k_fstatus{{{FacilityStatus::normal, "normal"},
                                              {FacilityStatus::open, "open"},
                                              {FacilityStatus::full, "full"},
                                              {FacilityStatus::closed, "closed"},
                                              {FacilityStatus::damaged, "damaged"},
                                              {FacilityStatus::unknown, "unknown"}}};
constexpr Table<FacilityPower, 3> k_fpower{{{FacilityPower::grid, "grid"},
                                            {FacilityPower::generator, "generator"},
                                            {FacilityPower::none, "none"}}};

template <typename E, size_t N> std::string_view lookup(const Table<E, N>& t, E v) {
    for (const auto& [e, s] : t)
        if (e == v) return s;
    return "?";
}
template <typename E, size_t N> std::optional<E> reverse(const Table<E, N>& t, std::string_view s) {
    for (const auto& [e, name] : t)
        if (name == s) return e;
    return std::nullopt;
}

} // namespace

std::string_view to_db(Sex v) {
    return lookup(k_sex, v);
}
std::string_view to_db(VentilatorMode v) {
    return lookup(k_vent, v);
}
std::string_view to_db(TubeFeeding v) {
    return lookup(k_tube, v);
}
std::string_view to_db(PersonStatus v) {
    return lookup(k_status, v);
}
std::string_view to_db(GeocodePrecision v) {
    return lookup(k_precision, v);
}
std::string_view to_db(SupporterKind v) {
    return lookup(k_supporter, v);
}
std::string_view to_db(TravelMode v) {
    return lookup(k_travel, v);
}
std::string_view to_db(ContactKind v) {
    return lookup(k_contact, v);
}
std::string_view to_db(FacilityKind v) {
    return lookup(k_fkind, v);
}
std::string_view to_db(FacilityStatus v) {
    return lookup(k_fstatus, v);
}
std::string_view to_db(FacilityPower v) {
    return lookup(k_fpower, v);
}

template <> std::optional<Sex> parse_enum<Sex>(std::string_view s) {
    return reverse(k_sex, s);
}
template <> std::optional<VentilatorMode> parse_enum<VentilatorMode>(std::string_view s) {
    return reverse(k_vent, s);
}
template <> std::optional<TubeFeeding> parse_enum<TubeFeeding>(std::string_view s) {
    return reverse(k_tube, s);
}
template <> std::optional<PersonStatus> parse_enum<PersonStatus>(std::string_view s) {
    return reverse(k_status, s);
}
template <> std::optional<GeocodePrecision> parse_enum<GeocodePrecision>(std::string_view s) {
    return reverse(k_precision, s);
}
template <> std::optional<SupporterKind> parse_enum<SupporterKind>(std::string_view s) {
    return reverse(k_supporter, s);
}
template <> std::optional<TravelMode> parse_enum<TravelMode>(std::string_view s) {
    return reverse(k_travel, s);
}
template <> std::optional<ContactKind> parse_enum<ContactKind>(std::string_view s) {
    return reverse(k_contact, s);
}
template <> std::optional<FacilityKind> parse_enum<FacilityKind>(std::string_view s) {
    return reverse(k_fkind, s);
}
template <> std::optional<FacilityStatus> parse_enum<FacilityStatus>(std::string_view s) {
    return reverse(k_fstatus, s);
}
template <> std::optional<FacilityPower> parse_enum<FacilityPower>(std::string_view s) {
    return reverse(k_fpower, s);
}

std::string_view label_ja(FacilityKind v) {
    switch (v) {
    case FacilityKind::rescue_centre:
        return "救援センター";
    case FacilityKind::welfare_rescue_centre:
        return "福祉救援センター";
    case FacilityKind::triage_point:
        return "トリアージ場所";
    case FacilityKind::disaster_base_hospital:
        return "災害拠点病院";
    case FacilityKind::disaster_cooperating_hospital:
        return "災害拠点連携病院等";
    case FacilityKind::health_centre:
        return "保健所";
    }
    return "?";
}

std::string_view label_ja(SupporterKind v) {
    switch (v) {
    case SupporterKind::family:
        return "家族";
    case SupporterKind::neighbour:
        return "近隣住民";
    case SupporterKind::minsei_iin:
        return "民生委員";
    case SupporterKind::chokai:
        return "町会";
    case SupporterKind::visiting_nurse:
        return "訪問看護師";
    case SupporterKind::ward_staff:
        return "区職員";
    case SupporterKind::other:
        return "その他";
    }
    return "?";
}

std::string_view label_en(SupporterKind v) {
    switch (v) {
    case SupporterKind::family:
        return "family";
    case SupporterKind::neighbour:
        return "neighbour";
    case SupporterKind::minsei_iin:
        return "minsei-iin";
    case SupporterKind::chokai:
        return "chokai";
    case SupporterKind::visiting_nurse:
        return "visiting nurse";
    case SupporterKind::ward_staff:
        return "ward staff";
    case SupporterKind::other:
        return "other";
    }
    return "?";
}

std::string_view label_en(FacilityKind v) {
    switch (v) {
    case FacilityKind::rescue_centre:
        return "rescue centre";
    case FacilityKind::welfare_rescue_centre:
        return "welfare rescue centre";
    case FacilityKind::triage_point:
        return "triage point";
    case FacilityKind::disaster_base_hospital:
        return "disaster base hospital";
    case FacilityKind::disaster_cooperating_hospital:
        return "disaster base cooperating hospital";
    case FacilityKind::health_centre:
        return "health centre";
    }
    return "?";
}

} // namespace breathline::data
