#include "data/ops/runway.h"

#include <algorithm>

namespace breathline::data::ops {

namespace {

// One battery on the registry form: "none" is a known zero, "present" without hours unknown.
std::optional<double> battery_hours(std::optional<bool> present, std::optional<double> hours) {
    if (present && !*present) return 0.0;
    if (hours) return *hours;
    return std::nullopt;
}

double at_least_zero(double h) {
    return std::max(0.0, h);
}

} // namespace

double OutageExposure::hours_without_power_since(TimePoint from) const {
    double h = 0;
    for (const auto& [start, end] : intervals) {
        const TimePoint s = std::max(start, from);
        if (end > s) h += hours_between(s, end);
    }
    return h;
}

OutageExposure outage_exposure(const Person& person, const std::vector<OutageArea>& outages,
                               TimePoint now) {
    OutageExposure e;
    e.located = person.location.has_value();
    if (!e.located) {
        // Without a location the home may be in any area; with no outage begun it is in none.
        e.located = std::none_of(outages.begin(), outages.end(), [&](const OutageArea& o) {
            const auto start = parse_time(o.starts_at);
            return start && *start <= now;
        });
        return e;
    }
    std::vector<std::pair<TimePoint, TimePoint>> raw;
    for (const auto& o : outages) {
        const auto start = parse_time(o.starts_at);
        if (!start || *start > now) continue;
        if (!o.area.contains(*person.location)) continue;
        TimePoint end = now;
        if (o.restored_at)
            if (const auto r = parse_time(*o.restored_at)) end = std::min(*r, now);
        if (end < *start) continue;
        raw.emplace_back(*start, end);
    }
    std::sort(raw.begin(), raw.end());
    for (const auto& iv : raw) {
        if (!e.intervals.empty() && iv.first <= e.intervals.back().second)
            e.intervals.back().second = std::max(e.intervals.back().second, iv.second);
        else
            e.intervals.push_back(iv);
    }
    // Still without power: an unrestored area reaches `now` (restored ones end before it or
    // exactly at it, when power is back).
    for (const auto& o : outages) {
        const auto start = parse_time(o.starts_at);
        if (!start || *start > now || !o.area.contains(*person.location)) continue;
        const auto restored = o.restored_at ? parse_time(*o.restored_at) : std::nullopt;
        if (!restored || *restored > now) e.in_outage_now = true;
    }
    if (e.in_outage_now && !e.intervals.empty()) e.outage_since = e.intervals.back().first;
    return e;
}

Runway power_runway(const Person& person, const std::optional<SafetyCheck>& latest,
                    const OutageExposure& exposure) {
    Runway r;
    if (!person.uses_ventilator) return r;
    const std::optional<double> internal =
        battery_hours(person.internal_battery, person.internal_battery_h);
    std::optional<double> external;
    std::optional<TimePoint> reference;
    r.basis = "registry";
    if (latest && latest->external_power_left_h) {
        if (const auto checked = parse_time(latest->checked_at)) {
            external = *latest->external_power_left_h;
            reference = checked;
            r.basis = "check";
        }
    }
    if (!reference) {
        external = battery_hours(person.external_battery, person.external_battery_h);
        if (!exposure.intervals.empty()) reference = exposure.intervals.front().first;
    }
    double extras = 0;
    if (latest && latest->generator_h) extras += *latest->generator_h;
    if (latest && latest->car_charger_h) extras += *latest->car_charger_h;

    std::optional<double> left;
    if (internal && external) {
        const double used = reference ? exposure.hours_without_power_since(*reference) : 0.0;
        left = at_least_zero(*internal + *external + extras - used);
    }
    if (!exposure.located) {
        r.state = RunwayState::unknown;
        return r;
    }
    if (!exposure.in_outage_now) {
        r.state = RunwayState::no_deadline;
        r.hours = left;
        return r;
    }
    r.state = left ? RunwayState::known : RunwayState::unknown;
    r.hours = left;
    return r;
}

Runway oxygen_runway(const Person& person, const std::optional<SafetyCheck>& latest,
                     const OutageExposure& exposure) {
    Runway r;
    if (!person.home_oxygen) return r;
    r.basis = "check";
    std::optional<double> supply;
    std::optional<TimePoint> checked;
    if (latest) {
        checked = parse_time(latest->checked_at);
        if (latest->oxygen_cylinders && *latest->oxygen_cylinders == 0) {
            supply = 0.0;
        } else if (latest->oxygen_cylinders && latest->oxygen_cylinder_l &&
                   latest->oxygen_fill_ratio && person.oxygen_flow_l_min &&
                   *person.oxygen_flow_l_min > 0) {
            supply = *latest->oxygen_cylinders * *latest->oxygen_cylinder_l *
                     *latest->oxygen_fill_ratio / *person.oxygen_flow_l_min / 60.0;
        } else if (latest->oxygen_hours_usable) {
            supply = *latest->oxygen_hours_usable;
        }
    }
    std::optional<double> left;
    if (supply && checked)
        left = at_least_zero(*supply - exposure.hours_without_power_since(*checked));
    if (!exposure.located) {
        r.state = RunwayState::unknown;
        return r;
    }
    if (!exposure.in_outage_now) {
        r.state = RunwayState::no_deadline;
        r.hours = left;
        return r;
    }
    r.state = left ? RunwayState::known : RunwayState::unknown;
    r.hours = left;
    return r;
}

} // namespace breathline::data::ops
