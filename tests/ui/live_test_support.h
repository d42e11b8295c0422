#pragma once
// Shared pieces of the console tests on a PostgreSQL server (live updates, replica): the
// persons they register.

#include "data/model/person.h"
#include "geo/coordinates.h"

#include <string>

namespace breathline::testing {

/// A ventilator user in 南池袋一丁目 with a 4-hour internal battery, located by hand.
inline data::Person ventilator_person(const std::string& external_id, const std::string& name,
                                      double lon, double lat) {
    data::Person p;
    p.external_id = external_id;
    p.name = name;
    p.name_kana = "テスト";
    p.address = "南池袋一丁目";
    p.town = "南池袋一丁目";
    p.uses_ventilator = true;
    p.internal_battery = true;
    p.internal_battery_h = 4;
    p.location = geo::LonLat(lon, lat);
    p.geocode_precision = data::GeocodePrecision::manual;
    return p;
}

} // namespace breathline::testing
