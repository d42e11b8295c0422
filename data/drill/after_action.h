#pragma once
/// The after-action report of a drill (issue 8): how fast the team confirmed each person and
/// everyone, which destination decisions were taken and when, who went below the critical
/// runway and for how long, when supporter teams arrived, and whether oxygen deliveries came
/// before their deadline. Pure computation over values loaded by the caller for ONE drill
/// incident (data/drill/drill_store.h: load_after_action_input); registry numbers only, never
/// names. The writers (data/reports/after_action_report.h) turn it into a PDF with charts and
/// CSV files.
///
/// Thread-safe (pure).

#include "data/model/facility.h"
#include "data/model/incident.h"
#include "data/model/person.h"
#include "data/ops/board.h"
#include "data/ops/clock.h"
#include "data/ops/destination.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data::drill {

/// One supporter team sent during the drill (a transport request with its members).
struct TeamInput {
    RowId request_id = 0;
    RowId person_id = 0;
    ops::TimePoint requested_at;
    std::optional<ops::TimePoint> assigned_at; ///< when the team was called; empty: never
    std::vector<double> member_eta_s;          ///< travel time of each member, seconds
    int team_size = 4;                         ///< members needed
    std::string status;                        ///< the request's status (db spelling)
};

/// One oxygen delivery requested during the drill.
struct DeliveryInput {
    RowId id = 0;
    RowId person_id = 0;
    ops::TimePoint requested_at;
    std::optional<ops::TimePoint> deadline;   ///< from the scenario or the runway
    std::optional<ops::TimePoint> arrival_at; ///< served or planned arrival; empty: unplanned
    std::string vehicle;
    bool served = false; ///< arrival_at is the served time (else the planned time)
    std::string unassigned_reason;
};

/// An event of the scenario as it fired (for the timeline and the CSV).
struct FiredEventInput {
    ops::TimePoint at;
    std::string kind; ///< ActionKind / EventKind name
    std::string subject; ///< registry number, supporter number, facility id or outage name
    std::string text;    ///< the ticker line (Japanese)
};

struct AfterActionInput {
    Incident incident; ///< the drill incident (is_drill)
    ops::TimePoint onset;
    ops::TimePoint end; ///< when the drill ended (or now, for a report while running)
    std::vector<Person> persons;             ///< the board's population (active registry)
    std::vector<Facility> facilities;        ///< to name chosen facilities by external id
    std::vector<SafetyCheck> checks;         ///< every check of the incident, any order
    std::vector<OutageArea> outages;         ///< of the incident
    std::vector<ops::DestinationDecision> decisions; ///< of the incident
    std::vector<TeamInput> teams;
    std::vector<DeliveryInput> deliveries;
    std::vector<FiredEventInput> events;
    ops::BoardThresholds thresholds;
    std::chrono::seconds board_step{60}; ///< board replay resolution (> 0)
};

struct Confirmation {
    RowId person_id = 0;
    std::string external_id;
    std::optional<ops::TimePoint> first_check_at; ///< empty: never confirmed
    std::optional<double> minutes;                ///< first_check_at − onset
};

struct DecisionRow {
    ops::TimePoint at; ///< decided_at
    double minutes = 0; ///< after onset
    std::string external_id; ///< person
    Judgement judgement = Judgement::hospitalise;
    std::string facility; ///< chosen facility external id
    bool overridden = false;
    std::string reason;
    std::optional<double> eta_min;
};

/// One stretch during which a person's board level was critical (runway below critical_h).
struct CriticalSpan {
    ops::TimePoint from;
    ops::TimePoint to; ///< the end of the drill when still critical then
    bool open_at_end = false;
};
struct CriticalPerson {
    RowId person_id = 0;
    std::string external_id;
    std::vector<CriticalSpan> spans;
    double total_minutes = 0;
};

struct TeamRow {
    RowId request_id = 0;
    std::string external_id; ///< person
    ops::TimePoint requested_at;
    std::optional<ops::TimePoint> first_arrival; ///< assigned_at + fastest member
    std::optional<ops::TimePoint> team_complete; ///< assigned_at + team_size-th member; empty
                                                 ///< when fewer members than team_size
    std::optional<double> minutes_to_complete;   ///< team_complete − requested_at
    int members = 0;
    int missing = 0;
    std::string status;
};

struct DeliveryRowResult {
    RowId id = 0;
    std::string external_id;
    ops::TimePoint requested_at;
    std::optional<ops::TimePoint> deadline;
    std::optional<ops::TimePoint> arrival_at;
    std::string vehicle;
    bool served = false;
    /// on_time: arrival ≤ deadline (or no deadline and arrived); late: arrival > deadline, or no
    /// arrival and the deadline passed before the end; pending: neither yet.
    enum class Outcome { on_time, late, pending } outcome = Outcome::pending;
    std::optional<double> late_minutes; ///< arrival − deadline when late and arrived
    std::string unassigned_reason;
};

/// Board counts at one replay instant.
struct BoardSample {
    ops::TimePoint at;
    std::array<int, ops::k_board_level_count> counts{};
};

struct AfterAction {
    std::string title; ///< the incident title
    ops::TimePoint onset;
    ops::TimePoint end;
    std::vector<Confirmation> confirmations; ///< every person, confirmed first by time, then
                                             ///< never-confirmed by registry number
    int confirmed = 0;
    int total = 0;
    std::optional<double> all_confirmed_minutes; ///< when the last person was first confirmed
    std::optional<double> median_confirm_minutes;
    std::optional<double> p90_confirm_minutes;
    std::vector<DecisionRow> decisions; ///< by time
    std::vector<CriticalPerson> critical; ///< persons critical at least once, longest first
    std::vector<TeamRow> teams;           ///< by request time
    std::vector<DeliveryRowResult> deliveries; ///< by request time
    int deliveries_on_time = 0, deliveries_late = 0, deliveries_pending = 0;
    std::vector<BoardSample> board; ///< onset..end every board_step (end included)
    std::vector<FiredEventInput> events; ///< by time
};

/// Computes the report. The board is replayed with ops::evaluate_board at every board_step
/// from onset to end, each time with the checks recorded (checked_at) up to that instant and
/// the outages as they stood then (restored_at after the instant counts as still out).
/// Throws std::invalid_argument when end < onset or board_step ≤ 0.
///
/// Details the fields above leave open:
/// - Checks count only for persons of `persons`, with a parseable checked_at at or before
///   `end` (later ones are outside the report, as in the replay). A check dated before the
///   onset gives negative minutes (kept, not hidden).
/// - median_confirm_minutes: the median of the confirmed persons' minutes (mean of the two
///   middle values for an even count). p90_confirm_minutes: nearest rank, i.e. the
///   ⌈0.9·n⌉-th smallest of the n confirmed persons' minutes (always an observed value).
///   Both empty when nobody is confirmed; all_confirmed_minutes empty unless everyone is (and
///   there is at least one person).
/// - Samples: onset, onset + step, … while before end, then end itself (on the grid or not).
///   A critical span starts at the first critical sample and ends (`to`) at the first sample
///   that is not critical; still critical at the end sample: to = end, open_at_end.
///   total_minutes sums the spans. A person critical at a single sample between two that are
///   not has a span one step long.
/// - Decisions with an unparseable decided_at are left out; a person or facility not among the
///   inputs is named "#<database id>" (never a name).
/// - Teams: member ETAs are rounded to whole seconds; first_arrival needs assigned_at and at
///   least one member; missing = max(0, team_size − members).
/// - Deliveries: an arrival counts when served, or when planned at or before `end` (the drill's
///   van runs on its plan); a planned arrival after `end` has not happened yet (pending, or
///   late when the deadline is before `end`). "The deadline passed" means deadline < end.
/// - Sorting ties: decisions by id, teams by request id, deliveries by id, events stable.
AfterAction compute_after_action(const AfterActionInput& input);

} // namespace breathline::data::drill
