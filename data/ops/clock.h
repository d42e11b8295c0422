#pragma once
/// The injectable clock of incident operations: real time for the console, a scenario clock
/// that drills and tests set and advance, and the ISO-8601 text the store keeps times in.

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace breathline::data::ops {

/// A UTC instant with whole seconds (the store's resolution).
using TimePoint = std::chrono::sys_seconds;

class Clock {
public:
    virtual ~Clock() = default;
    /// The current instant (UTC). Thread safety: implementations below are thread-safe.
    virtual TimePoint now() const = 0;
};

/// The system clock, truncated to seconds.
class SystemClock final : public Clock {
public:
    /// std::chrono::system_clock::now() floored to whole seconds. Thread-safe.
    TimePoint now() const override;
};

/// A clock that stands still until set or advanced: drills run a scenario hours ahead in
/// seconds, and tests pin "now" exactly. Thread-safe (atomic).
class ScenarioClock final : public Clock {
public:
    /// Starts at `start`.
    explicit ScenarioClock(TimePoint start) : m_seconds(start.time_since_epoch().count()) {}
    /// The instant last set or advanced to.
    TimePoint now() const override { return TimePoint(std::chrono::seconds(m_seconds.load())); }
    /// Jumps to `t` (earlier or later).
    void set(TimePoint t) { m_seconds.store(t.time_since_epoch().count()); }
    /// Moves forward (or back, for a negative `by`) by `by`.
    void advance(std::chrono::seconds by) { m_seconds.fetch_add(by.count()); }

private:
    std::atomic<std::int64_t> m_seconds;
};

/// Parses "YYYY-MM-DDTHH:MM[:SS]" with an optional zone "Z" or "+HH:MM"/"-HH:MM"; a space may
/// stand for the "T". Without a zone the time is Japan Standard Time (+09:00), as written on
/// the seed's forms. nullopt for anything else or an impossible date/time. Thread-safe.
std::optional<TimePoint> parse_time(std::string_view text);

/// `t` as stored: UTC ISO-8601 with seconds, e.g. "2026-11-22T03:00:00Z". Thread-safe.
std::string format_time(TimePoint t);

/// `t` in Japan Standard Time for people, e.g. "2026-11-22 12:00 JST". Thread-safe.
std::string format_time_jst(TimePoint t);

/// The wall-clock time of `t` in Japan Standard Time, "HH:MM" (tickers, chart axes, the
/// projector's clock). Thread-safe.
std::string format_clock_jst(TimePoint t);

/// Hours from `from` to `to` (negative when `to` is earlier).
inline double hours_between(TimePoint from, TimePoint to) {
    return static_cast<double>((to - from).count()) / 3600.0;
}

} // namespace breathline::data::ops
