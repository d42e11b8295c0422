#pragma once
/// Disaster phases 0-5 of the Toshima seed (section II-1, 医療救護のフェーズ区分) and the
/// evacuation information the ward issues (section III-2-2), with the seed's older terms.

#include "data/model/incident.h"

#include <chrono>
#include <optional>
#include <string_view>

namespace breathline::data::ops {

/// One phase: its number, names and what it prioritises, in Japanese (the seed's words) and
/// English.
struct PhaseInfo {
    int number = 0;            ///< 0..5
    std::string_view name_ja;  ///< e.g. 発災直後
    std::string_view name_en;  ///< e.g. immediately after onset
    std::string_view range_ja; ///< e.g. 発災～6時間
    std::string_view range_en; ///< e.g. onset to 6 h
    std::string_view needs_ja; ///< 医療ニーズ as the seed states it
    std::string_view needs_en;
    std::string_view post_ja; ///< where medical relief happens (緊急医療救護所 / 医療救護所)
    std::string_view post_en;
    std::string_view priorities_ja; ///< what the HQ does first in this phase
    std::string_view priorities_en;
};

/// Phase boundaries: phase n starts at k_phase_starts[n] after onset. Exactly at a boundary
/// the later phase has begun (6 h after onset is phase 1). "About 1 week / 1 month / 3 months"
/// are fixed at 7, 30 and 90 days.
inline constexpr std::chrono::hours k_phase_starts[6] = {
    std::chrono::hours{0},      std::chrono::hours{6},       std::chrono::hours{72},
    std::chrono::hours{7 * 24}, std::chrono::hours{30 * 24}, std::chrono::hours{90 * 24},
};

/// The phase number for `elapsed` since onset; nullopt before onset (negative elapsed).
std::optional<int> phase_number(std::chrono::seconds elapsed);

/// The description of phase `number`. Precondition: 0 <= number <= 5.
const PhaseInfo& phase_info(int number);

/// 高齢者等避難 / 避難指示 / 緊急安全確保 (and "発令なし" for none).
std::string_view label_ja(EvacuationLevel level);
std::string_view label_en(EvacuationLevel level);

/// An evacuation level from any spelling: the database names, the current Japanese terms,
/// 警戒レベル3/4/5 ("level3".."level5"), and the older terms the seed uses, mapped as the 2021
/// revision of the Disaster Countermeasures Basic Act did: 避難準備・高齢者等避難開始 →
/// 高齢者等避難, 避難勧告 and 避難指示（緊急） → 避難指示. Full-width text and brackets are
/// accepted; nullopt for anything else.
std::optional<EvacuationLevel> parse_evacuation_level(std::string_view text);

} // namespace breathline::data::ops
