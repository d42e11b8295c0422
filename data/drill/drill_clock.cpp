#include "data/drill/drill_clock.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string>

namespace breathline::data::drill {

namespace {

using RealTime = std::chrono::system_clock::time_point;

void check_speed(double speed) {
    if (!(speed >= k_min_speed && speed <= k_max_speed))
        throw std::invalid_argument("drill clock speed " + std::to_string(speed) + " is outside " +
                                    std::to_string(k_min_speed) + ".." +
                                    std::to_string(k_max_speed));
}

RealNow or_system(RealNow f) {
    if (f) return f;
    return [] { return std::chrono::system_clock::now(); };
}

// Scenario time elapsed since the anchor, in (fractional) seconds. Real time before the anchor
// (a clock set back) counts as none, so the scenario never runs backwards on its own.
double scenario_elapsed_s(const DrillClockState& s, RealTime real) {
    if (s.paused || real <= s.anchor_real) return 0;
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(real - s.anchor_real);
    return static_cast<double>(ns.count()) * 1e-9 * s.speed;
}

// Whole scenario seconds; the small tolerance keeps e.g. 10 s × 2.2 from flooring to 21 s
// through binary rounding.
std::int64_t whole_seconds(double s) {
    return static_cast<std::int64_t>(std::floor(s + 1e-9));
}

} // namespace

DrillClock::DrillClock(ops::TimePoint scenario_start, double speed, RealNow real_now)
    : m_real_now(or_system(std::move(real_now))) {
    check_speed(speed);
    m_state.anchor_real = m_real_now();
    m_state.anchor_scenario = scenario_start;
    m_state.speed = speed;
    m_state.paused = false;
}

DrillClock::DrillClock(const DrillClockState& state, RealNow real_now)
    : m_real_now(or_system(std::move(real_now))), m_state(state) {
    check_speed(state.speed);
}

ops::TimePoint DrillClock::now() const {
    std::lock_guard lock(m_mutex);
    return m_state.anchor_scenario +
           std::chrono::seconds(whole_seconds(scenario_elapsed_s(m_state, m_real_now())));
}

void DrillClock::pause() {
    std::lock_guard lock(m_mutex);
    if (m_state.paused) return;
    const RealTime real = m_real_now();
    // The scenario stops at the whole second shown; the fraction (under one scenario second)
    // is dropped so that resume() continues from exactly what the wall showed.
    m_state.anchor_scenario +=
        std::chrono::seconds(whole_seconds(scenario_elapsed_s(m_state, real)));
    m_state.anchor_real = real;
    m_state.paused = true;
}

void DrillClock::resume() {
    std::lock_guard lock(m_mutex);
    if (!m_state.paused) return;
    m_state.anchor_real = m_real_now();
    m_state.paused = false;
}

bool DrillClock::paused() const {
    std::lock_guard lock(m_mutex);
    return m_state.paused;
}

void DrillClock::set_speed(double speed) {
    check_speed(speed);
    std::lock_guard lock(m_mutex);
    if (!m_state.paused) {
        // Re-anchor at the last whole scenario second, with the real anchor set back by the
        // fraction at the new speed: the state keeps whole seconds, yet scenario time neither
        // jumps nor loses the fraction it had reached.
        const RealTime real = m_real_now();
        const double elapsed = scenario_elapsed_s(m_state, real);
        const std::int64_t whole = whole_seconds(elapsed);
        const double fraction = std::max(0.0, elapsed - static_cast<double>(whole));
        const auto back = std::chrono::nanoseconds(
            static_cast<std::int64_t>(std::llround(fraction / speed * 1e9)));
        m_state.anchor_scenario += std::chrono::seconds(whole);
        m_state.anchor_real =
            real - std::chrono::duration_cast<std::chrono::system_clock::duration>(back);
    }
    m_state.speed = speed;
}

double DrillClock::speed() const {
    std::lock_guard lock(m_mutex);
    return m_state.speed;
}

double DrillClock::faster_step() const {
    std::lock_guard lock(m_mutex);
    for (double s : k_speed_steps)
        if (s > m_state.speed) return s;
    return std::end(k_speed_steps)[-1];
}

double DrillClock::slower_step() const {
    std::lock_guard lock(m_mutex);
    for (auto it = std::rbegin(k_speed_steps); it != std::rend(k_speed_steps); ++it)
        if (*it < m_state.speed) return *it;
    return k_speed_steps[0];
}

void DrillClock::jump_to(ops::TimePoint t) {
    std::lock_guard lock(m_mutex);
    m_state.anchor_scenario = t;
    m_state.anchor_real = m_real_now();
}

DrillClockState DrillClock::state() const {
    std::lock_guard lock(m_mutex);
    return m_state;
}

} // namespace breathline::data::drill
