#pragma once
/// Power and oxygen runways (Toshima seed IV, Minato seed): how many hours a person has left
/// before the ventilator's batteries or the oxygen run out, at a given instant. Pure functions
/// of the registry row, the latest safety check and the outage areas; no database.
///
/// Unknown inputs give an unknown runway (std::nullopt hours), never 0 or infinity: the board
/// sorts them with the urgent.

#include "data/model/incident.h"
#include "data/model/person.h"
#include "data/ops/clock.h"

#include <optional>
#include <vector>

namespace breathline::data::ops {

/// Whether a runway is a deadline now.
enum class RunwayState {
    not_applicable, ///< the person does not use the device
    no_deadline,    ///< on mains power (no outage at home now): nothing runs down
    known,          ///< hours is set
    unknown         ///< a deadline applies but an input is missing: hours is empty
};

struct Runway {
    RunwayState state = RunwayState::not_applicable;
    /// Hours left from `now` (>= 0; 0 means exhausted). Set for known; also set for no_deadline
    /// when the stored capacity is known (what would be left if the power failed now).
    std::optional<double> hours;
    /// Where the figures came from: "check" (latest safety check) or "registry".
    std::string_view basis;
};

/// The person's home against the outage areas at `now`.
struct OutageExposure {
    /// Exposure is known: the person has a location, or no outage has started yet.
    bool located = false;
    bool in_outage_now = false;
    /// Start of the current unbroken stretch without power (overlapping areas merge); set when
    /// in_outage_now.
    std::optional<TimePoint> outage_since;
    /// Every interval without power at home, merged and clipped to [.., now], in time order.
    std::vector<std::pair<TimePoint, TimePoint>> intervals;
    /// Hours without power at home between `from` and now.
    double hours_without_power_since(TimePoint from) const;
};

/// Which outage areas contain the person's home (boundary: geo::MultiPolygon::contains) and
/// when. Areas starting after `now` are ignored; an area restored at or before `now` counts up
/// to its restoration. Unparseable times are treated as missing (area ignored / not restored).
/// Thread-safe (pure).
OutageExposure outage_exposure(const Person& person, const std::vector<OutageArea>& outages,
                               TimePoint now);

/// Ventilator power runway at the instant `exposure` was computed for:
/// capacity = internal battery (registry: hours, or 0 when the form says none) + external
/// battery (the latest check's 外部電源の残時間 when given, measured at its checked_at; else the
/// registry), + generator_h + car_charger_h of the latest check;
/// runway = capacity − hours without power since the reference time (checked_at when the
/// check gave the external hours, else the first outage start), floored at 0. Batteries are
/// taken as full at the reference time; recharging during restored power is not credited until
/// a new check reports it. No deadline while the home has power. Unknown when the internal or
/// external battery is present but its hours are not known, or the person has no location
/// while an outage exists. Thread-safe (pure).
Runway power_runway(const Person& person, const std::optional<SafetyCheck>& latest,
                    const OutageExposure& exposure);

/// Oxygen runway (at the exposure's instant) for home-oxygen users: supply = cylinders × capacity
/// (L) × fill ÷ flow (L/min, registry) ÷ 60 when the latest check gives all of them, else the
/// check's 利用可能時間; runway = supply − hours without power at home since the check (a
/// concentrator needs mains power; cylinders are used while it is off), floored at 0. No deadline
/// while the home has power; unknown during an outage without those figures.
Runway oxygen_runway(const Person& person, const std::optional<SafetyCheck>& latest,
                     const OutageExposure& exposure);

} // namespace breathline::data::ops
