#pragma once
/// What the console shows of a running drill (issue 8): the scenario clock, its speed and
/// pause state, and the ticker of scenario events as they fired. Filled by the drill session
/// (console/ui/drill_session.h) on every tick; panels (the projector layout, the drill panel)
/// only read it. Ticker lines name registry numbers, supporter numbers and facility ids only.

#include "data/model/person.h"
#include "data/ops/clock.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace breathline::ui {

struct TickerLine {
    data::ops::TimePoint at; ///< scenario time the event fired
    std::string text_ja;
    std::string text_en;
};

struct DrillView {
    bool running = false; ///< a drill session is attached (its incident is open)
    data::RowId incident_id = 0;
    std::string title;
    std::string scenario_file;
    data::ops::TimePoint onset;
    data::ops::TimePoint end;
    data::ops::TimePoint now; ///< scenario time at the last tick
    double speed = 1;
    bool paused = false;
    bool finished = false; ///< scenario time reached `end`
    std::size_t actions_fired = 0;
    std::size_t actions_total = 0;
    std::vector<TickerLine> ticker; ///< newest first, at most 50
    /// The after-action report written when the drill ended (PDF path), if any.
    std::string report_pdf;
};

} // namespace breathline::ui
