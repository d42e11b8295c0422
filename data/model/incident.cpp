#include "data/model/incident.h"

#include <array>
#include <utility>

namespace breathline::data {

namespace {

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view s) {
    for (const auto& [value, name] : table)
        if (name == s) return value;
    return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
    for (const auto& [value, name] : table)
        if (value == v) return name;
    return {};
}

constexpr std::array<std::pair<IncidentKind, std::string_view>, 5> k_kinds{{
    {IncidentKind::earthquake, "earthquake"},
    {IncidentKind::storm_flood, "storm_flood"},
    {IncidentKind::power_outage, "power_outage"},
    {IncidentKind::pandemic, "pandemic"},
    {IncidentKind::other, "other"},
}};

constexpr std::array<std::pair<EvacuationLevel, std::string_view>, 4> k_levels{{
    {EvacuationLevel::none, "none"},
    {EvacuationLevel::elderly_evacuation, "elderly_evacuation"},
    {EvacuationLevel::evacuation_instruction, "evacuation_instruction"},
    {EvacuationLevel::emergency_safety, "emergency_safety"},
}};

constexpr std::array<std::pair<VentilatorPower, std::string_view>, 3> k_powers{{
    {VentilatorPower::ac, "ac"},
    {VentilatorPower::external_battery, "external_battery"},
    {VentilatorPower::internal_battery, "internal_battery"},
}};

constexpr std::array<std::pair<Judgement, std::string_view>, 3> k_judgements{{
    {Judgement::stay_home, "stay_home"},
    {Judgement::hospitalise, "hospitalise"},
    {Judgement::evacuate, "evacuate"},
}};

} // namespace

std::string_view to_db(IncidentKind v) {
    return name_of(k_kinds, v);
}
std::string_view to_db(EvacuationLevel v) {
    return name_of(k_levels, v);
}
std::string_view to_db(VentilatorPower v) {
    return name_of(k_powers, v);
}
std::string_view to_db(Judgement v) {
    return name_of(k_judgements, v);
}
std::optional<IncidentKind> parse_incident_kind(std::string_view s) {
    return lookup(k_kinds, s);
}
std::optional<EvacuationLevel> parse_evacuation_level_db(std::string_view s) {
    return lookup(k_levels, s);
}
std::optional<VentilatorPower> parse_ventilator_power(std::string_view s) {
    return lookup(k_powers, s);
}
std::optional<Judgement> parse_judgement(std::string_view s) {
    return lookup(k_judgements, s);
}

} // namespace breathline::data
