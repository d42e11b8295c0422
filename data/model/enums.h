#pragma once
/// Domain enumerations with their stable database spelling. `parse_*`
/// returns nullopt for an unknown spelling; callers turn that into an error
/// that names the field and value.

#include <optional>
#include <string_view>

namespace breathline::data {

enum class Sex { male, female, other, unknown };
enum class VentilatorMode { tppv, nppv }; ///< TPPV: tracheostomy; NPPV: mask
enum class TubeFeeding { none, gastrostomy, nasal, other };
enum class PersonStatus { active, hospitalised, moved, deceased, inactive };
enum class GeocodePrecision { exact, town, manual, unresolved };
enum class SupporterKind {
    family,
    neighbour,
    minsei_iin,
    chokai,
    visiting_nurse,
    ward_staff,
    other
};
enum class TravelMode { walk, car };
enum class ContactKind {
    attending_physician,
    specialist,
    care_manager,
    visiting_nurse_station,
    equipment_vendor,
    home_helper,
    district_nurse,
    other
};
/// The places of the Toshima seed, section II (DOMAIN.md table). A medical
/// relief station is a rescue centre with `relief_station` set.
enum class FacilityKind {
    rescue_centre,
    welfare_rescue_centre,
    triage_point,
    disaster_base_hospital,
    disaster_cooperating_hospital,
    health_centre
};
enum class FacilityStatus { normal, open, full, closed, damaged, unknown };
/// What a facility runs on during an outage (facility status board).
enum class FacilityPower { grid, generator, none };

std::string_view to_db(Sex v);
std::string_view to_db(VentilatorMode v);
std::string_view to_db(TubeFeeding v);
std::string_view to_db(PersonStatus v);
std::string_view to_db(GeocodePrecision v);
std::string_view to_db(SupporterKind v);
std::string_view to_db(TravelMode v);
std::string_view to_db(ContactKind v);
std::string_view to_db(FacilityKind v);
std::string_view to_db(FacilityStatus v);
std::string_view to_db(FacilityPower v);

template <typename E> std::optional<E> parse_enum(std::string_view s);

/// Japanese label as used on the forms and in the seed (e.g. 救援センター).
std::string_view label_ja(FacilityKind v);
std::string_view label_en(FacilityKind v);

} // namespace breathline::data
