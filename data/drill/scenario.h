#pragma once
/// Drill scenarios (issue 8): a human-editable text file that describes a disaster for a
/// training drill — onset, clock speed, power outages with start and restoration, closed roads,
/// facility status changes and events that arrive at given scenario times (a person calls in,
/// a supporter becomes unavailable, a hospital fills up, an oxygen delivery request, a note).
/// The format is a small subset of TOML, documented in docs/scenario-format.md:
///
///   # comment
///   title = "深夜の地震"              top-level keys: title, kind, onset, end | duration, speed
///   onset = "2026-12-05T02:30"       times: ISO-8601, JST unless a zone is given
///   duration = "6h"                  durations / offsets: "90m", "1h30m", "45s", "2h"
///   speed = 30                       1..60 (scenario seconds per real second)
///   [[outage]]                       name, at, restore (optional), area = "ward" | coords
///   [[closure]]                      reason, at, reopen (optional), coords
///   [[event]]                        at, kind, and the kind's keys (see ScenarioEvent)
///
/// `at`, `restore`, `reopen` and `deadline` take an offset from the onset ("+15m") or an
/// absolute time. `coords` is "LON,LAT; LON,LAT; ..." (degrees, EPSG:4326; at least three
/// corners; the ring closes itself), the syntax of `outage add --coords`.
/// Values: "strings" (with \" and \\ escapes), integers, decimals, true/false. Unknown keys
/// and sections are errors (a typo must not silently drop an event).
///
/// Thread-safe (pure functions over values), except check_references (one Store's thread).

#include "data/model/enums.h"
#include "data/model/incident.h"
#include "data/ops/clock.h"
#include "geo/coordinates.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace breathline::data {
class Store;
}

namespace breathline::data::drill {

/// One problem in a scenario file: the line (1-based; 0 for the file as a whole, e.g. a
/// missing `onset`) and the key or section it is about.
struct ScenarioProblem {
    int line = 0;
    std::string field;   ///< e.g. "onset", "event.person", "outage.coords", "[[evnt]]"
    std::string message; ///< English, names the offending value
    std::string message_ja;
};

/// "FILE:LINE: field: message" (or "FILE: field: message" for line 0).
std::string format_problem(std::string_view file, const ScenarioProblem& p);
/// The same with the Japanese message (for `--lang ja`).
std::string format_problem_ja(std::string_view file, const ScenarioProblem& p);

struct ScenarioOutage {
    int line = 0; ///< of the [[outage]] header
    std::string name;
    ops::TimePoint starts;
    std::optional<ops::TimePoint> restores;
    bool whole_ward = false;          ///< area = "ward": the ward boundary from the database
    std::vector<geo::LonLat> corners; ///< when not whole_ward; ≥ 3, not closed (no repeat)
};

struct ScenarioClosure {
    int line = 0;
    std::string reason;
    ops::TimePoint starts;
    std::optional<ops::TimePoint> reopens;
    std::vector<geo::LonLat> corners; ///< the closed area; ≥ 3 corners
};

enum class EventKind {
    call_in,               ///< a person calls in: a safety check with the given fields
    supporter_unavailable, ///< a supporter can no longer come (for the rest of the drill)
    facility_status,       ///< a facility's status / occupancy / power changes
    delivery_request,      ///< an oxygen delivery is requested for a person
    note                   ///< a message for the ticker only
};
std::string_view to_string(EventKind k); ///< call_in | supporter_unavailable | ...
std::optional<EventKind> parse_event_kind(std::string_view s);

/// One [[event]]. Which keys a kind takes (others are errors):
///   call_in:               person (registry number), any safety-check field by its English
///                          key (data/ops/check_input.h check_field_keys(), e.g. vent_power =
///                          "internal_battery", external_power_left_h = 2.5, judgement =
///                          "hospitalise"); checked_at is the event time.
///   supporter_unavailable: supporter (supporter number)
///   facility_status:       facility (external id), and at least one of status (normal |
///                          open | full | closed | damaged | unknown), occupancy (≥ 0), power
///                          (grid | generator | none)
///   delivery_request:      person, cylinders (default 1, ≥ 1), deadline (optional)
///   note:                  text (required)
/// Every kind takes `text` (the ticker line in Japanese; a default is made when absent) and
/// `text_en` (English ticker line, optional).
struct ScenarioEvent {
    int line = 0;
    /// Line of the person / supporter / facility key (check_references reports there); the
    /// header's line when the kind has no such key.
    int reference_line = 0;
    ops::TimePoint at;
    EventKind kind = EventKind::note;
    std::string person;    ///< registry number (call_in, delivery_request)
    std::string supporter; ///< supporter number
    std::string facility;  ///< facility external id
    std::optional<FacilityStatus> status;
    std::optional<int> occupancy;
    std::optional<FacilityPower> power;
    int cylinders = 1;
    std::optional<ops::TimePoint> deadline;
    /// call_in: the check fields as written (key, value text), in file order, for
    /// ops::read_check_fields; validated while parsing (a bad value is a problem on its line).
    std::vector<std::pair<std::string, std::string>> check_fields;
    std::string text;
    std::string text_en;
};

struct Scenario {
    std::string title;
    IncidentKind kind = IncidentKind::earthquake;
    ops::TimePoint onset;
    ops::TimePoint end; ///< onset + duration, or `end`; after the onset
    double speed = 1;   ///< 1..60
    std::vector<ScenarioOutage> outages;
    std::vector<ScenarioClosure> closures;
    std::vector<ScenarioEvent> events; ///< file order
};

/// Parses scenario text. `file` only names the source in problems. Every problem found is
/// reported (not just the first): the result holds either the scenario or ≥ 1 problem.
/// Checks: syntax, unknown sections/keys, required keys, value types and ranges, times
/// (restore after start, events not before the onset nor after the end), coordinates.
struct ParseResult {
    std::optional<Scenario> scenario;
    std::vector<ScenarioProblem> problems; ///< ordered by line
};
ParseResult parse_scenario(std::string_view text, std::string_view file);

/// Reads and parses `path`. Throws DataError(invalid_input) whose message lists every problem
/// as format_problem() lines (at most 20, then "... and N more"); DataError(io) naming the path
/// when it cannot be read.
Scenario load_scenario(const std::filesystem::path& path);

/// Problems with the database: unknown persons, supporters or facilities (by the key's line),
/// area = "ward" without a ward boundary in the store. Empty when everything resolves.
std::vector<ScenarioProblem> check_references(const Scenario& scenario, Store& store);

/// What happens when, flattened: an outage gives outage_start (+ outage_restore), a closure
/// closure_start (+ closure_end), an event its own kind.
enum class ActionKind {
    outage_start,
    outage_restore,
    closure_start,
    closure_end,
    event
};
struct TimedAction {
    ops::TimePoint at;
    ActionKind kind = ActionKind::event;
    std::size_t index = 0; ///< into outages, closures or events by kind
    int line = 0;          ///< of the source entry (ties are fired in file order)
};
/// Every action of `scenario` sorted by time, then line, then kind order above. Pure.
std::vector<TimedAction> timeline(const Scenario& scenario);

/// The ticker line for an action (Japanese or English): the event's text when given, else a
/// default naming registry numbers / facility ids only, never names.
std::string ticker_text(const Scenario& scenario, const TimedAction& action, bool english);

/// The sample scenarios shipped with the project (data/drill/scenarios/*.toml), by file name
/// without extension: "night_earthquake", "covid_oxygen". Their directory in the source tree
/// (compiled in as BREATHLINE_SOURCE_DIR) — the README's commands use these paths.
std::filesystem::path sample_scenario_dir();

} // namespace breathline::data::drill
