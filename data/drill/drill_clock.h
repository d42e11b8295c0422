#pragma once
/// The scenario clock of a drill: scenario time runs `speed` times faster than real time
/// (×1 to ×60), can be paused and resumed, changed in speed without a jump, and moved by hand
/// (fast-forward for scripted runs). Its state is a value (DrillClockState) so it can be kept
/// in the database between CLI invocations and restored exactly.
///
/// Thread-safe: every member locks one mutex.

#include "data/ops/clock.h"

#include <chrono>
#include <functional>
#include <mutex>

namespace breathline::data::drill {

inline constexpr double k_min_speed = 1.0;
inline constexpr double k_max_speed = 60.0;
/// The speeds the console steps through with + and -.
inline constexpr double k_speed_steps[] = {1, 2, 5, 10, 20, 30, 60};

/// Where the clock was anchored: scenario time = anchor_scenario + (real - anchor_real) × speed
/// while running; anchor_scenario while paused.
struct DrillClockState {
    std::chrono::system_clock::time_point anchor_real;
    ops::TimePoint anchor_scenario;
    double speed = 1;
    bool paused = false;
    bool operator==(const DrillClockState&) const = default;
};

using RealNow = std::function<std::chrono::system_clock::time_point()>;

class DrillClock final : public ops::Clock {
public:
    /// Starts running (not paused) at `scenario_start` now. Throws std::invalid_argument for a
    /// speed outside k_min_speed..k_max_speed. `real_now` defaults to the system clock; tests
    /// pass their own.
    DrillClock(ops::TimePoint scenario_start, double speed, RealNow real_now = {});
    /// Restores a saved state.
    DrillClock(const DrillClockState& state, RealNow real_now = {});

    /// Scenario time, floored to whole seconds.
    ops::TimePoint now() const override;
    void pause();  ///< no effect when paused
    void resume(); ///< no effect when running
    bool paused() const;
    /// Changes the speed from now on (scenario time does not jump). Throws
    /// std::invalid_argument outside k_min_speed..k_max_speed.
    void set_speed(double speed);
    double speed() const;
    /// The next / previous entry of k_speed_steps from the current speed (clamped).
    double faster_step() const;
    double slower_step() const;
    /// Moves scenario time to `t` (forward or back), keeping speed and paused state.
    void jump_to(ops::TimePoint t);
    DrillClockState state() const;

private:
    mutable std::mutex m_mutex;
    RealNow m_real_now;
    DrillClockState m_state;
};

} // namespace breathline::data::drill
