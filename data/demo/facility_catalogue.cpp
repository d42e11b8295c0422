#include "data/demo/facility_catalogue.h"

#include "data/error.h"
#include "data/text/address.h"
#include "data/text/csv.h"
#include "data/text/normalize.h"

#include <array>
#include <charconv>
#include <map>
#include <set>

namespace breathline::data::demo {

namespace {

constexpr std::array<std::string_view, 8> k_required_columns = {
    "external_id", "kind", "seed_no", "name", "address", "relief_station", "oxygen_depot", "notes"};

struct CsvContext {
    std::string_view file;
    std::size_t line;
    std::string_view column;
    std::string_view value;
    DataError error(const std::string& what_to_do) const {
        return DataError(ErrorCode::invalid_input, std::string(file) + " line " +
                                                       std::to_string(line) + ", column " +
                                                       std::string(column) + ": value '" +
                                                       std::string(value) + "' " + what_to_do);
    }
};

bool parse_flag(const CsvContext& at) {
    if (at.value == "1") return true;
    if (at.value == "0" || at.value.empty()) return false;
    throw at.error("is not a flag; write 1 or 0");
}

std::optional<int> parse_optional_int(const CsvContext& at) {
    if (at.value.empty()) return std::nullopt;
    int v = 0;
    const auto [end, ec] = std::from_chars(at.value.data(), at.value.data() + at.value.size(), v);
    if (ec != std::errc() || end != at.value.data() + at.value.size() || v < 0)
        throw at.error("is not a non-negative whole number; write digits only or leave it empty");
    return v;
}

std::string canonical_or_empty(std::string_view address) {
    const auto parsed = text::normalize_address(address);
    return parsed ? parsed->canonical() : std::string();
}

std::string lon_lat_text(const geo::LonLat& p) {
    return "(" + std::to_string(p.lon()) + ", " + std::to_string(p.lat()) + ")";
}

} // namespace

std::vector<Facility> parse_facility_csv(std::string_view csv_text, std::string_view file_name) {
    std::vector<text::CsvRecord> records;
    try {
        records = text::read_csv(csv_text);
    } catch (const text::CsvError& e) {
        throw DataError(ErrorCode::invalid_input, std::string(file_name) + " line " +
                                                      std::to_string(e.line()) + ": " + e.what());
    }
    if (records.empty())
        throw DataError(ErrorCode::invalid_input,
                        std::string(file_name) + " is empty; expected a header row");

    std::map<std::string, std::size_t, std::less<>> column;
    for (std::size_t i = 0; i < records.front().fields.size(); ++i)
        column.emplace(text::trim(records.front().fields[i]), i);
    for (const auto name : k_required_columns)
        if (!column.contains(name))
            throw DataError(ErrorCode::invalid_input, std::string(file_name) +
                                                          " line 1: the header lacks the column '" +
                                                          std::string(name) + "'; add it");
    const auto phone_column = column.find("phone");

    std::vector<Facility> facilities;
    std::set<std::string, std::less<>> seen;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& rec = records[r];
        auto at = [&](std::string_view name) {
            const std::size_t i = column.find(name)->second;
            const std::string_view value =
                i < rec.fields.size() ? std::string_view(rec.fields[i]) : std::string_view();
            return CsvContext{file_name, rec.line, name, value};
        };
        Facility f;
        f.external_id = text::trim(at("external_id").value);
        if (f.external_id.empty()) throw at("external_id").error("is empty; every row needs one");
        if (!seen.insert(f.external_id).second)
            throw at("external_id").error("appears twice; external ids must be unique");
        const auto kind = parse_enum<FacilityKind>(text::trim(at("kind").value));
        if (!kind)
            throw at("kind").error(
                "is not a facility kind; use rescue_centre, welfare_rescue_centre, triage_point, "
                "disaster_base_hospital, disaster_cooperating_hospital or health_centre");
        f.kind = *kind;
        f.seed_no = parse_optional_int(at("seed_no"));
        f.name = text::trim(at("name").value);
        if (f.name.empty()) throw at("name").error("is empty; every facility needs its name");
        f.address = text::trim(at("address").value);
        f.relief_station = parse_flag(at("relief_station"));
        f.oxygen_depot = parse_flag(at("oxygen_depot"));
        f.notes = text::trim(at("notes").value);
        if (phone_column != column.end()) f.phone = text::trim(at("phone").value);
        facilities.push_back(std::move(f));
    }
    return facilities;
}

FacilityCatalogue locate_facilities(std::vector<Facility> facilities,
                                    const ShelterMatcher& shelters, const TownGeocoder& towns,
                                    const geo::MultiPolygon& ward) {
    using Kind = CatalogueNotice::Kind;
    FacilityCatalogue catalogue;
    auto notice = [&](Kind kind, const Facility& f, std::string detail) {
        catalogue.notices.push_back({kind, f.external_id, f.name, std::move(detail)});
    };

    for (Facility& f : facilities) {
        f.location.reset();
        f.geocode_precision = GeocodePrecision::unresolved;
        f.geocode_source.clear();

        const ShelterMatch match = shelters.match(f.name);
        if (!match.ambiguous.empty()) {
            std::string names;
            for (const auto& n : match.ambiguous)
                names += (names.empty() ? "" : ", ") + n;
            notice(Kind::ambiguous_name, f, names);
        }
        if (match.point) {
            const ShelterPoint& p = *match.point;
            f.location = p.location;
            f.geocode_precision = GeocodePrecision::exact;
            f.geocode_source = "gsi:" + p.name;
            catalogue.gsi_matches.push_back({f.external_id, f.name, p.name, p.source,
                                             match.via_short_form, match.via_component});
            const std::string gsi_address = canonical_or_empty(p.address);
            if (f.address.empty() && !gsi_address.empty()) {
                f.address = gsi_address;
                f.notes += std::string(f.notes.empty() ? "" : "。") + "所在地は国土地理院データ (" +
                           p.name + ") による";
                notice(Kind::address_from_gsi, f, gsi_address + " (" + p.name + ")");
            } else if (!gsi_address.empty() && canonical_or_empty(f.address) != gsi_address) {
                notice(Kind::address_differs, f,
                       "seed " + f.address + ", GSI " + gsi_address + " (" + p.name + ")");
            }
        } else if (!f.address.empty()) {
            const auto parsed = text::normalize_address(f.address);
            if (!parsed) {
                notice(Kind::address_unparsed, f, f.address + ": " + parsed.error());
            } else if (const auto point = towns.locate_town(parsed->town_key())) {
                f.location = *point;
                f.geocode_precision = GeocodePrecision::town;
                f.geocode_source = "geolonia:" + parsed->town_key();
            } else {
                notice(Kind::town_not_found, f, parsed->town_key());
            }
        }

        if (f.location && !ward.contains(*f.location)) {
            notice(Kind::outside_ward, f, f.geocode_source + " " + lon_lat_text(*f.location));
            f.location.reset();
            f.geocode_precision = GeocodePrecision::unresolved;
            f.geocode_source.clear();
        }
    }
    catalogue.facilities = std::move(facilities);
    return catalogue;
}

} // namespace breathline::data::demo
