#pragma once
/// Running a drill (issue 8): starting it from a scenario (a drill incident, flagged and
/// isolated from real operations), firing the scenario's actions when scenario time reaches
/// them, ending it, and reading back what the after-action report needs. The clock is the
/// caller's (data/drill/drill_clock.h): the console ticks it live, `drill advance` jumps it.
///
/// What an action does, in the drill's world only:
///   outage_start / outage_restore → an outage area of the drill incident (its board sees it)
///   closure_start / closure_end   → a drill closure; routing services of the drill close
///                                   those roads for their session only (apply_drill_closures)
///   call_in                        → a safety check of the drill incident at the event time
///   supporter_unavailable          → the supporter cannot be called in this drill
///   facility_status                → the facility as the drill sees it (drill_facilities)
///   delivery_request               → a drill delivery for the van (deliveries of the drill)
///   note                           → the ticker only
/// Each action's effect and its "fired" mark are one unit of work: a crash or kill leaves it
/// either done and marked or neither, so a resumed drill fires every action exactly once.
///
/// Thread safety: one Store's thread.

#include "data/drill/after_action.h"
#include "data/drill/drill_store.h"
#include "data/drill/scenario.h"
#include "data/store/store.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data {
class RoutingService;
}

namespace breathline::data::drill {

struct StartOptions {
    std::optional<double> speed; ///< overrides the scenario's speed (1..60)
    std::chrono::system_clock::time_point real_now = std::chrono::system_clock::now();
};

/// Starts a drill of `scenario` read from `file` (its text `text` is kept with the run).
/// Checks the scenario's references against the store first. Returns the drill incident's
/// id. Throws DataError(invalid_input) listing "FILE:LINE: field: message" problems, or when a
/// real incident is active; std::invalid_argument for a speed out of range.
RowId start_drill(Store& store, const Scenario& scenario, const std::string& file,
                  const std::string& text, const StartOptions& options = {});

/// One action as it fired.
struct FiredAction {
    int seq = 0;
    ops::TimePoint at; ///< when it was due (scenario time)
    std::string kind;
    std::string subject;
    std::string text_ja, text_en;
    std::string result; ///< "outage #3", "check #12", or why it could not apply
    bool applied = true;
};

class DrillEngine {
public:
    /// Loads the run of drill incident `incident_id` and re-reads its scenario text. Throws
    /// DataError(not_found) when there is no such drill.
    DrillEngine(Store& store, RowId incident_id);

    RowId incident_id() const { return m_run.incident_id; }
    const Scenario& scenario() const { return m_scenario; }
    const DrillRun& run() const { return m_run; }
    std::size_t total() const { return m_actions.size(); }
    std::size_t fired_count() const;
    /// When the next unfired action is due; empty when all have fired.
    std::optional<ops::TimePoint> next_due() const;
    /// Fires, in order, every unfired action due at or before `now`. An action that cannot
    /// apply (a person moved away meanwhile) is marked fired with the reason, never blocks the
    /// rest. Returns what fired.
    std::vector<FiredAction> advance_to(ops::TimePoint now);
    /// Every action, fired or not, in timeline order (fired ones have fired_at).
    const std::vector<ActionRecord>& actions() const { return m_actions; }
    /// Saves the clock state with the run (pause, resume, speed).
    void save_clock(const DrillClockState& clock, bool audited);

private:
    FiredAction fire(const TimedAction& action, const ActionRecord& record);

    Store& m_store;
    DrillRun m_run;
    Scenario m_scenario;
    std::vector<TimedAction> m_timeline;
    std::vector<ActionRecord> m_actions;
};

/// Ends the drill at scenario time `at`: marks the run ended and closes the drill incident
/// with a summary. Throws DataError(invalid_input) when it has ended already.
void end_drill(Store& store, RowId incident_id, ops::TimePoint at);

/// The facilities a drill changed, as the drill sees them (for RecommendOptions).
std::vector<Facility> drill_facilities(Store& store, RowId incident_id);

/// Closes the running drill's closed roads in `routing` for its session (nothing when no drill
/// runs or it has no closure in force). Returns the number of edges closed.
std::size_t apply_drill_closures(Store& store, RoutingService& routing);

/// Everything the after-action report needs about drill `incident_id`, read from the store,
/// with `end` as the end of the report (the run's end, or now while it still runs).
AfterActionInput load_after_action_input(Store& store, RowId incident_id, ops::TimePoint end);

} // namespace breathline::data::drill
