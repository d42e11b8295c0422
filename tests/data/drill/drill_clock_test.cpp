// The scenario clock of a drill against an injected real clock: speed, pause and resume, speed
// changes and jumps without a jump in scenario time, saved state, speed bounds and steps.

#include "data/drill/drill_clock.h"

#include <atomic>
#include <cmath>
#include <gtest/gtest.h>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

namespace breathline::data::drill {
namespace {

using namespace std::chrono_literals;
using Real = std::chrono::system_clock::time_point;

// A real clock the test moves by hand (shared by value with the clock under test).
struct FakeReal {
    std::shared_ptr<std::atomic<std::int64_t>> ns =
        std::make_shared<std::atomic<std::int64_t>>(1'800'000'000'000'000'000LL);
    RealNow fn() const {
        auto p = ns;
        return [p] { return Real(std::chrono::nanoseconds(p->load())); };
    }
    void advance(std::chrono::nanoseconds d) const { ns->fetch_add(d.count()); }
    Real now() const { return Real(std::chrono::nanoseconds(ns->load())); }
};

const ops::TimePoint k_start = *ops::parse_time("2026-12-05T02:30");

TEST(DrillClock, SpeedThirtyMapsTenRealSecondsToFiveMinutes) {
    FakeReal real;
    DrillClock clock(k_start, 30, real.fn());
    EXPECT_EQ(clock.now(), k_start);
    real.advance(10s);
    EXPECT_EQ(clock.now(), k_start + 300s);
    EXPECT_FALSE(clock.paused());
    EXPECT_EQ(clock.speed(), 30);
}

TEST(DrillClock, FloorsToWholeScenarioSeconds) {
    FakeReal real;
    DrillClock clock(k_start, 1, real.fn());
    real.advance(999ms);
    EXPECT_EQ(clock.now(), k_start);
    real.advance(1ms);
    EXPECT_EQ(clock.now(), k_start + 1s);
    // ×30: 33 ms real is 0.99 scenario seconds, 34 ms is 1.02.
    DrillClock fast(k_start, 30, real.fn());
    real.advance(33ms);
    EXPECT_EQ(fast.now(), k_start);
    real.advance(1ms);
    EXPECT_EQ(fast.now(), k_start + 1s);
}

TEST(DrillClock, PauseFreezesAndResumeContinuesWithoutAJump) {
    FakeReal real;
    DrillClock clock(k_start, 30, real.fn());
    real.advance(10s);
    clock.pause();
    EXPECT_TRUE(clock.paused());
    const auto frozen = clock.now();
    EXPECT_EQ(frozen, k_start + 300s);
    real.advance(1h);
    EXPECT_EQ(clock.now(), frozen);
    clock.pause(); // no effect when paused
    EXPECT_EQ(clock.now(), frozen);
    clock.resume();
    EXPECT_FALSE(clock.paused());
    EXPECT_EQ(clock.now(), frozen);
    real.advance(2s);
    EXPECT_EQ(clock.now(), frozen + 60s);
    clock.resume(); // no effect when running
    EXPECT_EQ(clock.now(), frozen + 60s);
}

TEST(DrillClock, SetSpeedMidRunDoesNotJump) {
    FakeReal real;
    DrillClock clock(k_start, 30, real.fn());
    real.advance(10500ms); // 315 scenario seconds
    EXPECT_EQ(clock.now(), k_start + 315s);
    clock.set_speed(60);
    EXPECT_EQ(clock.now(), k_start + 315s);
    EXPECT_EQ(clock.speed(), 60);
    real.advance(1s);
    EXPECT_EQ(clock.now(), k_start + 375s);
    // A fraction of a scenario second is kept across the change: 10 ms at ×60 is 0.6 s,
    // then 10 ms at ×40 is 0.4 s more: exactly one second.
    clock.set_speed(60);
    real.advance(10ms);
    clock.set_speed(40);
    EXPECT_EQ(clock.now(), k_start + 375s);
    real.advance(10ms);
    EXPECT_EQ(clock.now(), k_start + 376s);
}

TEST(DrillClock, SetSpeedWhilePausedAppliesAfterResume) {
    FakeReal real;
    DrillClock clock(k_start, 10, real.fn());
    real.advance(6s);
    clock.pause();
    clock.set_speed(2);
    real.advance(100s);
    EXPECT_EQ(clock.now(), k_start + 60s);
    clock.resume();
    real.advance(5s);
    EXPECT_EQ(clock.now(), k_start + 70s);
}

TEST(DrillClock, JumpToMovesForwardAndBackKeepingSpeedAndPause) {
    FakeReal real;
    DrillClock clock(k_start, 20, real.fn());
    real.advance(3s);
    clock.jump_to(k_start + 2h);
    EXPECT_EQ(clock.now(), k_start + 2h);
    real.advance(1s);
    EXPECT_EQ(clock.now(), k_start + 2h + 20s);
    clock.pause();
    clock.jump_to(k_start + 30min);
    EXPECT_TRUE(clock.paused());
    EXPECT_EQ(clock.speed(), 20);
    real.advance(10s);
    EXPECT_EQ(clock.now(), k_start + 30min);
    clock.resume();
    real.advance(1s);
    EXPECT_EQ(clock.now(), k_start + 30min + 20s);
}

TEST(DrillClock, StateRoundTripRestoresExactly) {
    FakeReal real;
    DrillClock clock(k_start, 30, real.fn());
    real.advance(7s);
    clock.set_speed(5);
    real.advance(1234ms);
    const DrillClockState saved = clock.state();
    const auto before = clock.now();
    DrillClock restored(saved, real.fn());
    EXPECT_EQ(restored.state(), saved);
    EXPECT_EQ(restored.now(), before);
    real.advance(4s);
    EXPECT_EQ(restored.now(), clock.now());
    EXPECT_EQ(restored.now(), before + 20s);

    clock.pause();
    DrillClock paused(clock.state(), real.fn());
    EXPECT_TRUE(paused.paused());
    real.advance(1h);
    EXPECT_EQ(paused.now(), clock.now());
}

TEST(DrillClock, SpeedBoundsThrow) {
    FakeReal real;
    EXPECT_THROW(DrillClock(k_start, 0, real.fn()), std::invalid_argument);
    EXPECT_THROW(DrillClock(k_start, 0.5, real.fn()), std::invalid_argument);
    EXPECT_THROW(DrillClock(k_start, 61, real.fn()), std::invalid_argument);
    EXPECT_NO_THROW(DrillClock(k_start, 1, real.fn()));
    EXPECT_NO_THROW(DrillClock(k_start, 60, real.fn()));
    DrillClock clock(k_start, 10, real.fn());
    EXPECT_THROW(clock.set_speed(0), std::invalid_argument);
    EXPECT_THROW(clock.set_speed(60.5), std::invalid_argument);
    EXPECT_THROW(clock.set_speed(std::nan("")), std::invalid_argument);
    EXPECT_EQ(clock.speed(), 10);
    DrillClockState bad = clock.state();
    bad.speed = 100;
    EXPECT_THROW(DrillClock(bad, real.fn()), std::invalid_argument);
}

TEST(DrillClock, SpeedStepsClamp) {
    FakeReal real;
    DrillClock clock(k_start, 1, real.fn());
    EXPECT_EQ(clock.slower_step(), 1);
    EXPECT_EQ(clock.faster_step(), 2);
    clock.set_speed(30);
    EXPECT_EQ(clock.faster_step(), 60);
    EXPECT_EQ(clock.slower_step(), 20);
    clock.set_speed(60);
    EXPECT_EQ(clock.faster_step(), 60);
    EXPECT_EQ(clock.slower_step(), 30);
    clock.set_speed(7); // between steps
    EXPECT_EQ(clock.faster_step(), 10);
    EXPECT_EQ(clock.slower_step(), 5);
    // Stepping all the way up and down visits every step.
    clock.set_speed(1);
    std::vector<double> seen{clock.speed()};
    while (clock.faster_step() != clock.speed()) {
        clock.set_speed(clock.faster_step());
        seen.push_back(clock.speed());
    }
    EXPECT_EQ(seen, (std::vector<double>{1, 2, 5, 10, 20, 30, 60}));
}

TEST(DrillClock, SystemClockByDefault) {
    // Ordering only (no durations): the anchor is the system clock read at construction.
    const Real before = std::chrono::system_clock::now();
    DrillClock clock(k_start, 60);
    const Real after = std::chrono::system_clock::now();
    EXPECT_GE(clock.state().anchor_real, before);
    EXPECT_LE(clock.state().anchor_real, after);
    EXPECT_GE(clock.now(), k_start);
}

TEST(DrillClock, ConcurrentUseIsConsistent) {
    FakeReal real;
    DrillClock clock(k_start, 10, real.fn());
    std::atomic<bool> stop{false};
    std::atomic<bool> backwards{false};
    std::thread reader([&] {
        auto last = clock.now();
        while (!stop) {
            const auto n = clock.now();
            if (n < last) backwards = true;
            last = n;
        }
    });
    for (int i = 0; i < 2000; ++i) {
        real.advance(7ms);
        clock.set_speed(i % 2 ? 10 : 20);
        if (i % 10 == 0) {
            clock.pause();
            clock.resume();
        }
    }
    stop = true;
    reader.join();
    EXPECT_FALSE(backwards);
    EXPECT_GT(clock.now(), k_start);
}

} // namespace
} // namespace breathline::data::drill
