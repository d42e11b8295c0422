// Disaster phases at their exact boundaries (Toshima seed II-1) and evacuation levels.

#include "data/ops/clock.h"
#include "data/ops/phase.h"

#include <gtest/gtest.h>

namespace breathline::data::ops {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

TEST(Phase, ExactBoundaries) {
    EXPECT_EQ(phase_number(seconds{0}), 0);
    const struct {
        hours boundary;
        int phase;
    } cases[] = {{hours{6}, 1},
                 {hours{72}, 2},
                 {hours{7 * 24}, 3},
                 {hours{30 * 24}, 4},
                 {hours{90 * 24}, 5}};
    for (const auto& c : cases) {
        EXPECT_EQ(phase_number(c.boundary - seconds{1}), c.phase - 1)
            << "one second before " << c.boundary.count() << " h";
        EXPECT_EQ(phase_number(c.boundary), c.phase) << "exactly " << c.boundary.count() << " h";
    }
    EXPECT_EQ(phase_number(hours{24 * 365}), 5);
    EXPECT_FALSE(phase_number(seconds{-1}).has_value()) << "before onset there is no phase";
}

TEST(Phase, DescriptionsFollowTheSeed) {
    EXPECT_EQ(phase_info(0).name_ja, "発災直後");
    EXPECT_EQ(phase_info(1).range_ja, "～72時間");
    EXPECT_EQ(phase_info(2).needs_ja, "外傷治療・救命救急のニーズ");
    EXPECT_EQ(phase_info(3).needs_ja, "慢性疾患治療・被災者の健康管理等");
    EXPECT_EQ(phase_info(2).post_ja, "緊急医療救護所");
    EXPECT_EQ(phase_info(3).post_ja, "医療救護所");
    for (int n = 0; n <= 5; ++n) {
        EXPECT_EQ(phase_info(n).number, n);
        EXPECT_FALSE(phase_info(n).priorities_ja.empty());
        EXPECT_FALSE(phase_info(n).priorities_en.empty());
    }
}

TEST(EvacuationLevel, CurrentAndOlderTerms) {
    using L = EvacuationLevel;
    EXPECT_EQ(parse_evacuation_level("高齢者等避難"), L::elderly_evacuation);
    EXPECT_EQ(parse_evacuation_level("避難指示"), L::evacuation_instruction);
    EXPECT_EQ(parse_evacuation_level("緊急安全確保"), L::emergency_safety);
    // The seed's older terms (before the 2021 revision).
    EXPECT_EQ(parse_evacuation_level("避難準備・高齢者等避難開始"), L::elderly_evacuation);
    EXPECT_EQ(parse_evacuation_level("「避難勧告」"), L::evacuation_instruction);
    EXPECT_EQ(parse_evacuation_level("避難指示（緊急）"), L::evacuation_instruction);
    EXPECT_EQ(parse_evacuation_level("警戒レベル５"), L::emergency_safety);
    EXPECT_EQ(parse_evacuation_level("evacuation_instruction"), L::evacuation_instruction);
    EXPECT_EQ(parse_evacuation_level("none"), L::none);
    EXPECT_FALSE(parse_evacuation_level("避難"));
    EXPECT_EQ(label_ja(L::emergency_safety), "緊急安全確保");
}

TEST(Clock, ParsesZonesAndFormatsUtc) {
    EXPECT_EQ(format_time(*parse_time("2026-11-22T12:00")), "2026-11-22T03:00:00Z"); // JST
    EXPECT_EQ(format_time(*parse_time("2026-11-22 03:00:30Z")), "2026-11-22T03:00:30Z");
    EXPECT_EQ(format_time(*parse_time("2026-11-22T03:00-01:30")), "2026-11-22T04:30:00Z");
    EXPECT_EQ(format_time_jst(*parse_time("2026-11-22T15:30:00Z")), "2026-11-23 00:30 JST");
    // The wall clock wraps at JST midnight and drops the seconds.
    EXPECT_EQ(format_clock_jst(*parse_time("2026-11-22T15:30:59Z")), "00:30");
    EXPECT_EQ(format_clock_jst(*parse_time("2026-11-22T14:59:00Z")), "23:59");
    EXPECT_FALSE(parse_time("2026-02-30T00:00Z"));
    EXPECT_FALSE(parse_time("2026-11-22T24:00Z"));
    EXPECT_FALSE(parse_time("yesterday"));
    ScenarioClock clock(*parse_time("2026-11-22T00:00Z"));
    clock.advance(hours{6});
    EXPECT_EQ(format_time(clock.now()), "2026-11-22T06:00:00Z");
    clock.set(*parse_time("2026-12-01T00:00Z"));
    EXPECT_EQ(format_time(clock.now()), "2026-12-01T00:00:00Z");
}

} // namespace
} // namespace breathline::data::ops
