#pragma once
// Values shared by the incident-operations suites: a ventilator user at a known point, a
// square outage area around it, and times on a fixed scenario day.

#include "data/model/incident.h"
#include "data/model/person.h"
#include "data/ops/clock.h"

#include <chrono>
#include <string>

namespace breathline::data::ops::test {

/// 2026-11-22T00:00:00Z plus `h` hours.
inline TimePoint at_h(double h) {
    return *parse_time("2026-11-22T00:00:00Z") +
           std::chrono::seconds(static_cast<std::int64_t>(h * 3600));
}

inline std::string iso_h(double h) {
    return format_time(at_h(h));
}

/// A ventilator user at (139.72, 35.73) with `internal_h` and `external_h` of battery.
inline Person vent_user(RowId id, std::optional<double> internal_h,
                        std::optional<double> external_h) {
    Person p;
    p.id = id;
    p.external_id = "P-" + std::to_string(id);
    p.uses_ventilator = true;
    p.internal_battery = internal_h ? std::optional<bool>(*internal_h > 0) : std::nullopt;
    p.internal_battery_h = internal_h;
    p.external_battery = external_h ? std::optional<bool>(*external_h > 0) : std::nullopt;
    p.external_battery_h = external_h;
    p.location = geo::LonLat(139.72, 35.73);
    return p;
}

/// A square of ±0.01° around `centre`.
inline geo::MultiPolygon square_around(geo::LonLat centre) {
    const double x = centre.lon(), y = centre.lat(), d = 0.01;
    geo::Polygon poly;
    poly.outer.points = {geo::LonLat(x - d, y - d), geo::LonLat(x + d, y - d),
                         geo::LonLat(x + d, y + d), geo::LonLat(x - d, y + d)};
    return {{poly}};
}

/// An outage over (139.72, 35.73) from `start_h`, restored at `restored_h` when given.
inline OutageArea outage(double start_h, std::optional<double> restored_h = std::nullopt) {
    OutageArea o;
    o.id = 1;
    o.incident_id = 1;
    o.name = "test";
    o.starts_at = iso_h(start_h);
    if (restored_h) o.restored_at = iso_h(*restored_h);
    o.area = square_around(geo::LonLat(139.72, 35.73));
    return o;
}

} // namespace breathline::data::ops::test
