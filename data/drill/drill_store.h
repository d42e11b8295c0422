#pragma once
/// Storage of drills (issue 8; tables of migration 10): the run of a drill incident (the
/// scenario as started, its clock), its timeline of actions with when each fired, and what the
/// scenario changed in the drill's world — facility status, supporters who fell out, closed
/// roads. None of these touch the real rows (facilities, supporters, road_closures): a drill
/// is isolated from real operations. Every write is one transaction with one audit entry
/// (entity "drill_runs", entity id the incident id); entries never name persons.
///
/// Thread safety: like the Store it shares, one thread.

#include "data/drill/drill_clock.h"
#include "data/model/facility.h"
#include "data/store/store.h"
#include "geo/polygon.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data::drill {

struct DrillRun {
    RowId incident_id = 0;
    std::string scenario_file; ///< as given to `drill start`
    std::string scenario_text; ///< the file's text when the drill started
    std::string started_at;    ///< real UTC ISO-8601
    DrillClockState clock;
    std::optional<std::string> ended_at; ///< scenario UTC ISO-8601 when the drill ended
};

/// One entry of the drill's timeline (scenario.h timeline(), in order: seq = index).
struct ActionRecord {
    int seq = 0;
    std::string due_at;  ///< scenario UTC ISO-8601
    std::string kind;    ///< outage_start | outage_restore | closure_start | closure_end | an
                         ///< EventKind name
    std::string subject; ///< registry / supporter number, facility id or outage name
    std::string text_ja, text_en;
    int line = 0;
    std::optional<std::string> fired_at; ///< scenario time it fired; empty: not yet
    std::string result; ///< what it did ("outage #3", "check #12") or why it could not
};

/// A facility's status as the drill changed it (only the fields the scenario set).
struct FacilityOverride {
    RowId facility_id = 0;
    std::optional<FacilityStatus> status;
    std::optional<int> occupancy;
    std::optional<FacilityPower> power;
};

class DrillStore {
public:
    virtual ~DrillStore() = default;
    /// Creates the drill incident (is_drill = true, active) with its run and timeline in one
    /// transaction. Returns the incident id. Throws DataError(invalid_input) when a real
    /// (non-drill) incident is active: a drill never deactivates real operations.
    virtual RowId start(const Incident& incident, const DrillRun& run,
                        const std::vector<ActionRecord>& actions) = 0;
    virtual std::optional<DrillRun> run(RowId incident_id) = 0;
    /// The run of the active incident when it is a drill that has not ended.
    virtual std::optional<DrillRun> running() = 0;
    /// Every run, by incident id.
    virtual std::vector<DrillRun> runs() = 0;
    /// Saves the clock (pause, resume, speed, jumps). Audited only when `audited`.
    virtual void save_clock(RowId incident_id, const DrillClockState& clock, bool audited) = 0;
    virtual std::vector<ActionRecord> actions(RowId incident_id) = 0;
    /// Marks an action fired. Joins an open transaction (the engine wraps the action's effect
    /// and this mark in one unit of work, so an action fires exactly once).
    virtual void mark_fired(RowId incident_id, int seq, const std::string& fired_at,
                            const std::string& result) = 0;
    /// Marks the run ended at scenario time `ended_at` (the incident is closed separately).
    virtual void end(RowId incident_id, const std::string& ended_at) = 0;

    virtual void set_facility_override(RowId incident_id, const FacilityOverride& o,
                                       const std::string& at) = 0;
    virtual std::vector<FacilityOverride> facility_overrides(RowId incident_id) = 0;
    virtual void add_unavailable_supporter(RowId incident_id, RowId supporter_id,
                                           const std::string& since) = 0;
    /// Ascending ids.
    virtual std::vector<RowId> unavailable_supporters(RowId incident_id) = 0;
    virtual void add_closure(RowId incident_id, int seq, const std::string& reason,
                             const std::vector<geo::LonLat>& corners,
                             const std::string& starts_at) = 0;
    virtual void end_closure(RowId incident_id, int seq, const std::string& ends_at) = 0;
    /// Closures of the drill in force (started, not ended), as polygons in degrees.
    virtual std::vector<geo::MultiPolygon> active_closures(RowId incident_id) = 0;
};

/// The drill store of `store` (shares its connection, actor and audit log; must not outlive
/// it). Throws DataError(open_failed) for a backend without the drill tables.
std::unique_ptr<DrillStore> drill_store(Store& store);

/// `facility` with the drill's override applied (unchanged when there is none).
Facility apply_override(Facility facility, const std::vector<FacilityOverride>& overrides);

/// The clock of the running drill at `path` (a SpatiaLite file or a PostgreSQL location;
/// read-only, no migration), so verbs take "now" from the drill without opening the full
/// store; nullopt when there is no running drill (or no drill tables). Never throws.
std::optional<DrillClockState> running_drill_clock(const std::string& path);

} // namespace breathline::data::drill
