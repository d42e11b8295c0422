#pragma once
/// The operations board (issue 5): every active registered person of one incident classified
/// as critical / urgent / unconfirmed / watch / ok and sorted by time to critical, the alarms
/// raised when someone crosses a threshold between two evaluations, and the seed's 3-hour
/// air-mattress reminder (section IV). Pure logic over values; the caller loads them from the
/// store for one incident only, so drill checks never reach a real incident's board.

#include "data/model/incident.h"
#include "data/model/person.h"
#include "data/ops/clock.h"
#include "data/ops/runway.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data::ops {

/// Board levels, most severe first (the enum order is the sort order).
enum class BoardLevel { critical, urgent, unconfirmed, watch, ok };

inline constexpr std::size_t k_board_level_count = 5;

std::string_view to_string(BoardLevel level); ///< critical | urgent | unconfirmed | watch | ok
std::string_view label_ja(BoardLevel level); ///< 危険 | 緊急 | 未確認 | 要注意 | 問題なし

/// Hour thresholds; configurable per board. Precondition: 0 <= critical_h <= urgent_h <=
/// watch_h.
struct BoardThresholds {
    double critical_h = 1.0;     ///< runway below this: critical
    double urgent_h = 3.0;       ///< runway below this: urgent
    double watch_h = 12.0;       ///< runway below this: watch
    double air_mattress_h = 3.0; ///< seed IV: after 3 h without power, see to the air mattress
};

struct BoardRow {
    RowId person_id = 0;
    std::string external_id; ///< the registry number; the board never carries names
    BoardLevel level = BoardLevel::unconfirmed;
    Runway power;
    Runway oxygen;
    /// The shorter known deadline of the two runways (hours from now); empty when none is known.
    std::optional<double> hours_left;
    /// A deadline applies but is unknown (sorted with the urgent, shown as unknown).
    bool unknown_deadline = false;
    bool in_outage = false;
    std::optional<SafetyCheck> latest_check; ///< in this incident
    bool air_mattress_reminder = false;
    /// Why the row is at watch or worse, as stable codes: circuit_fault, vent_stopped,
    /// no_bag, caregiver_cannot_continue, low_spo2, judgement_hospitalise, judgement_evacuate,
    /// runway_unknown, runway_short.
    std::vector<std::string> reasons;
};

struct Board {
    TimePoint at;
    BoardThresholds thresholds;
    std::vector<BoardRow> rows; ///< sorted: level, then hours_left (unknown first), then id
    std::array<int, k_board_level_count> counts{}; ///< per BoardLevel
    int count(BoardLevel level) const { return counts[static_cast<std::size_t>(level)]; }
};

/// Evaluates the board at `now` for the persons given (the caller passes the active registry),
/// the latest check per person in this incident (`latest_checks`, any order) and the incident's
/// outage areas. Classification: a known deadline below critical_h / urgent_h gives critical /
/// urgent; an unknown deadline gives urgent; otherwise a person without a check is unconfirmed;
/// a check with a problem (circuit fault, ventilator stopped, resuscitation bag unusable,
/// caregiver cannot continue, SpO2 < 90, judgement hospitalise or evacuate) or a deadline below
/// watch_h gives watch; else ok. Thread-safe (pure).
Board evaluate_board(const std::vector<Person>& persons,
                     const std::vector<SafetyCheck>& latest_checks,
                     const std::vector<OutageArea>& outages, TimePoint now,
                     const BoardThresholds& thresholds = {});

/// Someone who crossed a threshold: their level became more severe, into watch, urgent or
/// critical, between two evaluations.
struct Alarm {
    RowId person_id = 0;
    std::string external_id;
    BoardLevel from = BoardLevel::ok;
    BoardLevel to = BoardLevel::ok;
    std::optional<double> hours_left;
};

/// The alarms between an earlier and a later board of the same incident, in the later board's
/// order. Persons on only one of the boards raise none. Thread-safe (pure).
std::vector<Alarm> threshold_alarms(const Board& before, const Board& after);

/// The seed's air-mattress instruction (section IV): 停電が3時間を超えるとき、エアマットの設定を
/// 「厚手」「静止」モードへ (ホースを折り曲げ、テープで留める等).
std::string_view air_mattress_reminder_ja();
std::string_view air_mattress_reminder_en();

} // namespace breathline::data::ops
