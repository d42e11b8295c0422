#include "data/drill/after_action.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <tuple>

namespace breathline::data::drill {

namespace {

using ops::TimePoint;

double minutes_between(TimePoint from, TimePoint to) {
    return static_cast<double>((to - from).count()) / 60.0;
}

// Seconds of a travel time as a whole-second offset (the store's resolution), rounded to the
// nearest second so that 59.6 s is a minute, not 59 s.
std::chrono::seconds whole_seconds(double s) {
    return std::chrono::seconds(static_cast<std::int64_t>(std::llround(s)));
}

std::string registry_number(const std::map<RowId, const Person*>& persons, RowId id) {
    const auto it = persons.find(id);
    // A person outside the board's population (withdrawn since) still needs a stable label;
    // the database id is not personal.
    return it != persons.end() ? it->second->external_id : "#" + std::to_string(id);
}

// Nearest-rank percentile of an ascending, non-empty list: the smallest value with at least
// p of the values at or below it (no interpolation, so it is always an observed value).
double nearest_rank(const std::vector<double>& sorted, double p) {
    const auto n = static_cast<double>(sorted.size());
    auto rank = static_cast<std::size_t>(std::ceil(p * n));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

double median(const std::vector<double>& sorted) {
    const std::size_t n = sorted.size();
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

// The outages as they stood at `t`: areas not yet started are left out, and a restoration
// still ahead of `t` is not known yet.
std::vector<OutageArea> outages_at(const std::vector<OutageArea>& outages, TimePoint t) {
    std::vector<OutageArea> out;
    for (const auto& o : outages) {
        const auto start = ops::parse_time(o.starts_at);
        if (!start || *start > t) continue;
        OutageArea copy = o;
        if (copy.restored_at) {
            const auto restored = ops::parse_time(*copy.restored_at);
            if (!restored || *restored > t) copy.restored_at.reset();
        }
        out.push_back(std::move(copy));
    }
    return out;
}

std::vector<TimePoint> sample_instants(TimePoint onset, TimePoint end, std::chrono::seconds step) {
    std::vector<TimePoint> out;
    for (TimePoint t = onset; t < end; t += step)
        out.push_back(t);
    out.push_back(end); // the end is always a sample, on the grid or not
    return out;
}

} // namespace

AfterAction compute_after_action(const AfterActionInput& input) {
    if (input.end < input.onset)
        throw std::invalid_argument("after-action report: the end (" + ops::format_time(input.end) +
                                    ") is before the onset (" + ops::format_time(input.onset) +
                                    ")");
    if (input.board_step <= std::chrono::seconds::zero())
        throw std::invalid_argument("after-action report: board_step must be positive, not " +
                                    std::to_string(input.board_step.count()) + " s");

    AfterAction r;
    r.title = input.incident.title;
    r.onset = input.onset;
    r.end = input.end;

    std::map<RowId, const Person*> persons;
    for (const auto& p : input.persons)
        persons[p.id] = &p;

    // Checks in time order (then id), unparseable or after the end left out: the report covers
    // onset..end, as the replay does.
    struct TimedCheck {
        TimePoint at;
        const SafetyCheck* check;
    };
    std::vector<TimedCheck> checks;
    for (const auto& c : input.checks) {
        if (!persons.count(c.person_id)) continue;
        const auto at = ops::parse_time(c.checked_at);
        if (!at || *at > input.end) continue;
        checks.push_back({*at, &c});
    }
    std::stable_sort(checks.begin(), checks.end(), [](const TimedCheck& a, const TimedCheck& b) {
        return std::tie(a.at, a.check->id) < std::tie(b.at, b.check->id);
    });

    // --- Confirmations.
    std::map<RowId, TimePoint> first_check;
    for (const auto& c : checks)
        first_check.emplace(c.check->person_id, c.at); // the first in time order wins
    std::vector<double> minutes;
    for (const auto& p : input.persons) {
        Confirmation c;
        c.person_id = p.id;
        c.external_id = p.external_id;
        if (const auto it = first_check.find(p.id); it != first_check.end()) {
            c.first_check_at = it->second;
            c.minutes = minutes_between(input.onset, it->second);
            minutes.push_back(*c.minutes);
        }
        r.confirmations.push_back(std::move(c));
    }
    std::stable_sort(r.confirmations.begin(), r.confirmations.end(),
                     [](const Confirmation& a, const Confirmation& b) {
                         if (a.first_check_at.has_value() != b.first_check_at.has_value())
                             return a.first_check_at.has_value();
                         if (a.first_check_at && *a.first_check_at != *b.first_check_at)
                             return *a.first_check_at < *b.first_check_at;
                         return a.external_id < b.external_id;
                     });
    r.total = static_cast<int>(input.persons.size());
    r.confirmed = static_cast<int>(minutes.size());
    std::sort(minutes.begin(), minutes.end());
    if (!minutes.empty()) {
        r.median_confirm_minutes = median(minutes);
        r.p90_confirm_minutes = nearest_rank(minutes, 0.9);
        if (r.confirmed == r.total) r.all_confirmed_minutes = minutes.back();
    }

    // --- Decisions.
    std::map<RowId, const Facility*> facilities;
    for (const auto& f : input.facilities)
        facilities[f.id] = &f;
    struct TimedDecision {
        TimePoint at;
        const ops::DestinationDecision* d;
    };
    std::vector<TimedDecision> decisions;
    for (const auto& d : input.decisions)
        if (const auto at = ops::parse_time(d.decided_at)) decisions.push_back({*at, &d});
    std::stable_sort(decisions.begin(), decisions.end(),
                     [](const TimedDecision& a, const TimedDecision& b) {
                         return std::tie(a.at, a.d->id) < std::tie(b.at, b.d->id);
                     });
    for (const auto& [at, d] : decisions) {
        DecisionRow row;
        row.at = at;
        row.minutes = minutes_between(input.onset, at);
        row.external_id = registry_number(persons, d->person_id);
        row.judgement = d->judgement;
        const auto f = facilities.find(d->chosen_facility_id);
        row.facility = f != facilities.end() ? f->second->external_id
                                             : "#" + std::to_string(d->chosen_facility_id);
        row.overridden = d->overridden;
        row.reason = d->reason;
        if (d->eta_s) row.eta_min = *d->eta_s / 60.0;
        r.decisions.push_back(std::move(row));
    }

    // --- Board replay and critical spans.
    std::map<RowId, CriticalPerson> critical;
    std::map<RowId, bool> was_critical;
    std::map<RowId, SafetyCheck> latest; // up to the current instant
    std::size_t next_check = 0;
    const auto instants = sample_instants(input.onset, input.end, input.board_step);
    for (const TimePoint t : instants) {
        while (next_check < checks.size() && checks[next_check].at <= t) {
            latest[checks[next_check].check->person_id] = *checks[next_check].check;
            ++next_check;
        }
        std::vector<SafetyCheck> latest_checks;
        latest_checks.reserve(latest.size());
        for (const auto& [id, c] : latest)
            latest_checks.push_back(c);
        const ops::Board board = ops::evaluate_board(
            input.persons, latest_checks, outages_at(input.outages, t), t, input.thresholds);
        r.board.push_back({t, board.counts});
        for (const auto& row : board.rows) {
            const bool now_critical = row.level == ops::BoardLevel::critical;
            bool& before = was_critical[row.person_id];
            if (now_critical && !before) {
                auto& cp = critical[row.person_id];
                cp.person_id = row.person_id;
                cp.external_id = row.external_id;
                cp.spans.push_back({t, t, false});
            } else if (!now_critical && before) {
                critical[row.person_id].spans.back().to = t;
            }
            before = now_critical;
        }
    }
    for (auto& [id, cp] : critical) {
        if (was_critical[id]) {
            cp.spans.back().to = input.end;
            cp.spans.back().open_at_end = true;
        }
        for (const auto& s : cp.spans)
            cp.total_minutes += minutes_between(s.from, s.to);
        r.critical.push_back(std::move(cp));
    }
    std::stable_sort(r.critical.begin(), r.critical.end(),
                     [](const CriticalPerson& a, const CriticalPerson& b) {
                         if (a.total_minutes != b.total_minutes)
                             return a.total_minutes > b.total_minutes;
                         return a.external_id < b.external_id;
                     });

    // --- Teams.
    for (const auto& t : input.teams) {
        TeamRow row;
        row.request_id = t.request_id;
        row.external_id = registry_number(persons, t.person_id);
        row.requested_at = t.requested_at;
        row.members = static_cast<int>(t.member_eta_s.size());
        row.missing = std::max(0, t.team_size - row.members);
        row.status = t.status;
        std::vector<double> eta = t.member_eta_s;
        std::sort(eta.begin(), eta.end());
        if (t.assigned_at && !eta.empty()) {
            row.first_arrival = *t.assigned_at + whole_seconds(eta.front());
            if (t.team_size > 0 && row.members >= t.team_size) {
                row.team_complete =
                    *t.assigned_at + whole_seconds(eta[static_cast<std::size_t>(t.team_size) - 1]);
                row.minutes_to_complete = minutes_between(t.requested_at, *row.team_complete);
            }
        }
        r.teams.push_back(std::move(row));
    }
    std::stable_sort(r.teams.begin(), r.teams.end(), [](const TeamRow& a, const TeamRow& b) {
        return std::tie(a.requested_at, a.request_id) < std::tie(b.requested_at, b.request_id);
    });

    // --- Deliveries.
    for (const auto& d : input.deliveries) {
        DeliveryRowResult row;
        row.id = d.id;
        row.external_id = registry_number(persons, d.person_id);
        row.requested_at = d.requested_at;
        row.deadline = d.deadline;
        row.arrival_at = d.arrival_at;
        row.vehicle = d.vehicle;
        row.served = d.served;
        row.unassigned_reason = d.unassigned_reason;
        // A planned arrival after the end has not happened yet; one at or before it has (the
        // drill's van runs on its plan).
        const bool arrived = d.arrival_at && (d.served || *d.arrival_at <= input.end);
        using Outcome = DeliveryRowResult::Outcome;
        if (arrived) {
            if (d.deadline && *d.arrival_at > *d.deadline) {
                row.outcome = Outcome::late;
                row.late_minutes = minutes_between(*d.deadline, *d.arrival_at);
            } else {
                row.outcome = Outcome::on_time;
            }
        } else if (d.deadline && *d.deadline < input.end) {
            row.outcome = Outcome::late;
        } else {
            row.outcome = Outcome::pending;
        }
        switch (row.outcome) {
        case Outcome::on_time:
            ++r.deliveries_on_time;
            break;
        case Outcome::late:
            ++r.deliveries_late;
            break;
        case Outcome::pending:
            ++r.deliveries_pending;
            break;
        }
        r.deliveries.push_back(std::move(row));
    }
    std::stable_sort(r.deliveries.begin(), r.deliveries.end(),
                     [](const DeliveryRowResult& a, const DeliveryRowResult& b) {
                         return std::tie(a.requested_at, a.id) < std::tie(b.requested_at, b.id);
                     });

    r.events = input.events;
    std::stable_sort(
        r.events.begin(), r.events.end(),
        [](const FiredEventInput& a, const FiredEventInput& b) { return a.at < b.at; });
    return r;
}

} // namespace breathline::data::drill
