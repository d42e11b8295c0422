#pragma once
/// The console's side of a running drill (issue 8): the scenario clock the whole console reads
/// (board, phase, check times), the engine that fires the scenario's actions as the clock
/// reaches them, and the DrillView panels draw. The clock state is written to the database on
/// every pause, resume and speed change, so `drill status`/`drill advance` from a shell and the
/// console agree on scenario time.
///
/// Thread safety: main thread (it uses the Controller's store).

#include "console/ui/drill_view.h"
#include "data/drill/drill_clock.h"
#include "data/drill/drill_engine.h"

#include <memory>
#include <optional>
#include <vector>

namespace breathline::ui {

class DrillSession {
public:
    /// Attaches to drill `incident_id` of `store`, restoring its stored clock. Throws
    /// DataError(not_found) when it is not a drill. `real_now`: tests pass their own.
    DrillSession(data::Store& store, data::RowId incident_id, data::drill::RealNow real_now = {});

    /// The running drill of `store`, if any.
    static std::unique_ptr<DrillSession> attach_running(data::Store& store,
                                                        data::drill::RealNow real_now = {});

    data::RowId incident_id() const { return m_engine.incident_id(); }
    /// The scenario clock (shared with the Controller's incident operations).
    std::shared_ptr<const data::ops::Clock> clock() const { return m_clock; }
    data::ops::TimePoint now() const;

    /// Fires every action due by now (capped at the scenario's end). Returns what fired.
    std::vector<data::drill::FiredAction> tick();
    void toggle_pause();
    /// Throws std::invalid_argument outside 1..60.
    void set_speed(double speed);
    void faster();
    void slower();
    /// Moves scenario time to `t` (fires nothing by itself: tick() does).
    void jump_to(data::ops::TimePoint t);
    bool finished() const;

    /// Fills `view` (clock, counts, ticker newest first, at most 50 lines).
    void fill(DrillView& view) const;

private:
    void save(bool audited);

    data::Store& m_store;
    data::drill::DrillEngine m_engine;
    std::shared_ptr<data::drill::DrillClock> m_clock;
};

} // namespace breathline::ui
