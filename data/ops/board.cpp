#include "data/ops/board.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace breathline::data::ops {

std::string_view to_string(BoardLevel level) {
    switch (level) {
    case BoardLevel::critical:
        return "critical";
    case BoardLevel::urgent:
        return "urgent";
    case BoardLevel::unconfirmed:
        return "unconfirmed";
    case BoardLevel::watch:
        return "watch";
    case BoardLevel::ok:
        return "ok";
    }
    return "";
}

std::string_view label_ja(BoardLevel level) {
    switch (level) {
    case BoardLevel::critical:
        return "危険";
    case BoardLevel::urgent:
        return "緊急";
    case BoardLevel::unconfirmed:
        return "未確認";
    case BoardLevel::watch:
        return "要注意";
    case BoardLevel::ok:
        return "問題なし";
    }
    return "";
}

std::string_view air_mattress_reminder_ja() {
    return "停電が3時間を超えました: エアマットの設定を「厚手」「静止」モードへ "
           "(ホースを折り曲げ、テープで留める等。メーカーに確認)";
}

std::string_view air_mattress_reminder_en() {
    return "power out for over 3 hours: set the air mattress to 'thick' and 'static' mode "
           "(fold the hose and tape it; check with the maker)";
}

namespace {

// Problems on the form that need the coordinator's attention even with power.
std::vector<std::string> check_problems(const SafetyCheck& c) {
    std::vector<std::string> out;
    if (c.circuit_fault.value_or(false)) out.emplace_back("circuit_fault");
    if (c.vent_running && !*c.vent_running) out.emplace_back("vent_stopped");
    if ((c.bag_at_hand && !*c.bag_at_hand) ||
        (c.caregiver_can_use_bag && !*c.caregiver_can_use_bag))
        out.emplace_back("no_bag");
    if (c.caregiver_can_continue && !*c.caregiver_can_continue)
        out.emplace_back("caregiver_cannot_continue");
    if (c.spo2_pct && *c.spo2_pct < 90) out.emplace_back("low_spo2");
    if (c.judgement == Judgement::hospitalise) out.emplace_back("judgement_hospitalise");
    if (c.judgement == Judgement::evacuate) out.emplace_back("judgement_evacuate");
    return out;
}

BoardRow evaluate_row(const Person& p, const std::optional<SafetyCheck>& check,
                      const std::vector<OutageArea>& outages, TimePoint now,
                      const BoardThresholds& t) {
    BoardRow row;
    row.person_id = p.id;
    row.external_id = p.external_id;
    row.latest_check = check;
    const OutageExposure exposure = outage_exposure(p, outages, now);
    row.in_outage = exposure.in_outage_now;
    row.power = power_runway(p, check, exposure);
    row.oxygen = oxygen_runway(p, check, exposure);
    for (const Runway* r : {&row.power, &row.oxygen}) {
        if (r->state == RunwayState::unknown) row.unknown_deadline = true;
        if (r->state == RunwayState::known)
            row.hours_left = row.hours_left ? std::min(*row.hours_left, *r->hours) : *r->hours;
    }
    const bool has_mattress = p.air_mattress || (check && !check->air_mattress.empty());
    row.air_mattress_reminder = has_mattress && exposure.outage_since &&
                                hours_between(*exposure.outage_since, now) >= t.air_mattress_h;

    if (row.hours_left && *row.hours_left < t.critical_h) {
        row.level = BoardLevel::critical;
        row.reasons.emplace_back("runway_short");
    } else if (row.hours_left && *row.hours_left < t.urgent_h) {
        row.level = BoardLevel::urgent;
        row.reasons.emplace_back("runway_short");
    } else if (row.unknown_deadline) {
        row.level = BoardLevel::urgent;
        row.reasons.emplace_back("runway_unknown");
    } else if (!check) {
        row.level = BoardLevel::unconfirmed;
    } else {
        row.reasons = check_problems(*check);
        if (row.hours_left && *row.hours_left < t.watch_h) row.reasons.emplace_back("runway_short");
        row.level = row.reasons.empty() ? BoardLevel::ok : BoardLevel::watch;
    }
    return row;
}

} // namespace

Board evaluate_board(const std::vector<Person>& persons,
                     const std::vector<SafetyCheck>& latest_checks,
                     const std::vector<OutageArea>& outages, TimePoint now,
                     const BoardThresholds& thresholds) {
    std::map<RowId, const SafetyCheck*> by_person;
    for (const auto& c : latest_checks) {
        auto& slot = by_person[c.person_id];
        // Tolerate callers passing a whole history: keep the latest (time, then id).
        if (!slot || std::tie(slot->checked_at, slot->id) < std::tie(c.checked_at, c.id)) slot = &c;
    }
    Board board;
    board.at = now;
    board.thresholds = thresholds;
    for (const auto& p : persons) {
        const auto it = by_person.find(p.id);
        std::optional<SafetyCheck> check;
        if (it != by_person.end()) check = *it->second;
        board.rows.push_back(evaluate_row(p, check, outages, now, thresholds));
        ++board.counts[static_cast<std::size_t>(board.rows.back().level)];
    }
    std::stable_sort(board.rows.begin(), board.rows.end(),
                     [](const BoardRow& a, const BoardRow& b) {
                         if (a.level != b.level) return a.level < b.level;
                         // Unknown deadlines first: they may be zero.
                         if (a.unknown_deadline != b.unknown_deadline) return a.unknown_deadline;
                         if (a.hours_left.has_value() != b.hours_left.has_value())
                             return a.hours_left.has_value();
                         if (a.hours_left && *a.hours_left != *b.hours_left)
                             return *a.hours_left < *b.hours_left;
                         return a.external_id < b.external_id;
                     });
    return board;
}

std::vector<Alarm> threshold_alarms(const Board& before, const Board& after) {
    std::map<RowId, BoardLevel> earlier;
    for (const auto& r : before.rows)
        earlier[r.person_id] = r.level;
    std::vector<Alarm> out;
    for (const auto& r : after.rows) {
        const auto it = earlier.find(r.person_id);
        if (it == earlier.end()) continue;
        const bool alarming = r.level == BoardLevel::critical || r.level == BoardLevel::urgent ||
                              r.level == BoardLevel::watch;
        if (alarming && r.level < it->second)
            out.push_back({r.person_id, r.external_id, it->second, r.level, r.hours_left});
    }
    return out;
}

} // namespace breathline::data::ops
