#pragma once
/// A synthetic, deterministic registry for the demo and for tests: home-ventilator users
/// (TPPV and NPPV) and home-oxygen users in Toshima ward with their supporters and contacts.
/// Every name is obviously fictitious ("デモ 太郎 001"); organisations carry デモ; phone numbers
/// use the unassigned 0000 exchange. People are placed a few tens of metres around a real town
/// point (Geolonia) and always inside the ward polygon. Pure: no database, no I/O.

#include "data/geocode/town_geocoder.h"
#include "data/model/person.h"
#include "geo/polygon.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace breathline::data::demo {

struct SyntheticRegistryOptions {
    std::uint64_t seed = 20190301; ///< geo::Rng seed; the same seed gives the same registry
    int ventilator_users = 80;
    int oxygen_users = 60;
    /// Standard deviation (metres) of a home around its town's representative point.
    double home_jitter_m = 40.0;
};

/// A supporter linked to a person, by external ids (the database ids do not exist yet).
struct SyntheticLink {
    std::string person_external_id;
    std::string supporter_external_id;
    std::string role; ///< Japanese, e.g. "家族 (配偶者)"
    int priority = 0; ///< 1 = call first
    bool operator==(const SyntheticLink&) const = default;
};

struct SyntheticRegistry {
    std::vector<Person> persons;       ///< ventilator users DEMO-V001.., then DEMO-O001..
    std::vector<Supporter> supporters; ///< DEMO-S0001..; 民生委員 and 町会 are shared per town
    std::vector<SyntheticLink> links;  ///< in person order, then priority
    /// Contacts per person external id (主治医, ケアマネジャー, 訪問看護ステーション, 業者).
    std::map<std::string, std::vector<Contact>> contacts;
    bool operator==(const SyntheticRegistry&) const = default;
};

/// Generates the registry. Deterministic: the same towns, ward and options give identical
/// values on every run and platform (geo::Rng, no std:: distributions, no clock; ages are
/// counted at the fixed reference date 2024-04-01). Ventilator users have 0-6 supporters, so
/// that some fall short of the four needed for transport (k_supporters_needed_for_transport).
/// Throws DataError(invalid_input) when `towns` is empty or a town's point lies outside `ward`
/// (then no home can be placed around it). Thread-safe (no shared state).
SyntheticRegistry make_synthetic_registry(const TownGeocoder& towns, const geo::MultiPolygon& ward,
                                          const SyntheticRegistryOptions& options = {});

} // namespace breathline::data::demo
