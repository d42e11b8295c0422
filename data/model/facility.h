#pragma once
/// A place on the map from the Toshima seed, section II, or the health centre.

#include "data/model/enums.h"
#include "data/model/person.h"
#include "geo/coordinates.h"

#include <optional>
#include <string>

namespace breathline::data {

struct Facility {
    RowId id = 0;
    std::string external_id; ///< stable key, e.g. "rescue_centre-01"
    FacilityKind kind = FacilityKind::rescue_centre;
    std::optional<int> seed_no; ///< 番号 in the seed's table, when it has one
    std::string name;
    std::string name_kana;
    std::string address;
    std::string phone;
    std::optional<int> capacity;  ///< people it can take (収容人数)
    std::optional<int> occupancy; ///< people there now (収容者数); empty = not reported
    FacilityStatus status = FacilityStatus::normal;
    std::optional<FacilityPower> power; ///< grid / generator / none; empty = not reported
    bool relief_station = false;        ///< hosts a 医療救護所 (12 rescue centres)
    bool oxygen_depot = false;          ///< start/end of oxygen deliveries
    std::optional<geo::LonLat> location;
    GeocodePrecision geocode_precision = GeocodePrecision::unresolved;
    std::string geocode_source; ///< e.g. "gsi_shelter:清和小学校", "geolonia:巣鴨三丁目"
    std::string notes;
    std::int64_t row_version = 0;

    bool operator==(const Facility&) const = default;
    /// True when both capacity and occupancy are known and no place is left.
    bool at_capacity() const { return capacity && occupancy && *occupancy >= *capacity; }
};

/// A polygon area (ward boundary, district): MULTIPOLYGON in EPSG:4326, lon/lat order.
struct Area {
    RowId id = 0;
    std::string kind; ///< ward_boundary | district | other
    std::string name;
    std::string source;
    std::string wkt; ///< input for upserts; on reads about 15 significant digits
    std::string wkb; ///< on reads only: ISO WKB with every bit of the stored doubles
};

} // namespace breathline::data
