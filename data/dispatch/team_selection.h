#pragma once
/// Supporter teams for moving a ventilator user (issue 6; Toshima seed III-1-2: at least four
/// supporters are needed to carry a person with a ventilator). Pure rules over values: no SQL,
/// no routing; the caller measures the travel times and reads the links and availability.
///
/// The objective of one team (documented once here; the tests check it against brute force):
///
///   eligible  — a candidate is eligible when it is available now, reachable, and its travel
///               time is at most the time limit. Nobody else is ever chosen.
///   effective — a candidate's effective time is its travel time, minus the link bonus
///               (TeamOptions::linked_bonus_s) when it is linked to the person.
///   1. minimise the largest effective time in the team (the effective arrival of the k-th,
///      i.e. last, member): the team can lift the person when the k-th member is there;
///   2. among those, maximise the number of linked members;
///   3. then minimise the sum of the members' real travel times;
///   4. then (determinism only) prefer lower link priorities, then lower supporter ids.
///
/// So a linked supporter is preferred over an unlinked one when it arrives no more than
/// linked_bonus_s later, and the team's real k-th arrival is never more than linked_bonus_s
/// later than the fastest possible team's. Default 5 minutes: a linked supporter knows the
/// person, the home and the device and has the individual support plan (個別支援計画), which
/// saves a briefing at the door of about that order; 5 minutes is small against the 30-minute
/// default limit and the hours of battery runway the board shows, and large enough to keep the
/// planned helpers over a stranger who happens to live two streets closer.
///
/// Joint assignment of several requests: requests are served one by one in runway order
/// (shortest runway first; an unknown deadline sorts first, as urgent, like ops/board.h; no
/// deadline sorts last), each picking its team from the candidates no earlier request booked.
/// A request that cannot get team_size eligible members keeps the best partial team (every
/// eligible candidate, fastest first): the most urgent person keeps whoever can come, and the
/// HQ adds the missing members from outside the registry (ward staff, fire brigade). It is
/// flagged with how many are missing and why each other candidate could not come.
///
/// Availability windows (Supporter::availability), a simple syntax in Japan time:
///
///   text    := group (sep group)*  ;  ';' '；' and new lines end a group, any other
///                                     separator (spaces , 、 ・ / ／) only separates words
///   group   := day-word* time-word*   (days only: the whole day; times only: every day)
///   day     := 平日 | weekday(s) (Mon-Fri) ; 土日 | 土日祝 | 休日 | 週末 | weekend(s) (Sat, Sun);
///              毎日 | daily (every day) ; 月 火 水 木 金 土 日 (曜/曜日 optional) | mon..sun ;
///              a range of two of those with - 〜 ～ ~ (月-金, mon-fri)
///   time    := H[:MM][時]-H[:MM][時] (also 〜 ～ ~ から; 9-18時, 09:00-17:00; an end at or
///              before the start runs past midnight and belongs to the day it starts) ;
///              終日 | 常時 | 24時間 | いつでも | always | all day (the whole day) ;
///              日中 | daytime (09:00-18:00) ; 夜間 | night(s) (18:00-09:00) ;
///              午前 (09:00-12:00) ; 午後 (12:00-18:00) ;
///              勤務時間(内) | office hours (weekdays 08:30-17:15, the ward office's hours)
///   Text in parentheses is a remark and ignored. A group with a day word after a time word
///   starts a new group: "平日夜間・休日" is weekday nights plus Saturday and Sunday all day.
///   National holidays are not known: 休日 means Saturday and Sunday.
///
/// Text that does not follow this syntax, and empty text, is *unknown* and counts as available:
/// a supporter is never left out because of how someone wrote their hours; the call list and
/// `supporters list` say that the availability was not understood so the caller checks on the
/// phone.
///
/// Thread safety: every function is pure and thread-safe.

#include "data/model/person.h"
#include "data/ops/clock.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data::dispatch {

/// One supporter as a candidate for one request.
struct Candidate {
    RowId supporter_id = 0;
    /// Travel time from the supporter's home to the person's, seconds; nullopt when no open
    /// road leads there or the home could not be placed on a road.
    std::optional<double> travel_s;
    bool linked = false;   ///< linked to this person (person_supporters)
    int link_priority = 0; ///< the link's priority (1 = call first; 0 = not set); linked only
    bool available = true; ///< available now by the availability windows
};

struct TeamOptions {
    int team_size = k_supporters_needed_for_transport; ///< at least 1
    double time_limit_s = 30 * 60.0;                   ///< farther candidates are not chosen
    double linked_bonus_s = 5 * 60.0;                  ///< see the objective above; >= 0
};

struct TeamMember {
    RowId supporter_id = 0;
    double eta_s = 0;
    bool linked = false;
    int link_priority = 0;
    bool operator==(const TeamMember&) const = default;
};

/// Why a candidate is not in the team.
enum class LeftOut {
    unavailable,  ///< outside its availability windows now
    unreachable,  ///< no travel time (no road, or the home is not located)
    beyond_limit, ///< farther than the time limit
    booked,       ///< already in the team of a more urgent request
    not_needed    ///< eligible, but the team was complete without it
};

/// "unavailable", "unreachable", "beyond_limit", "booked", "not_needed".
std::string_view to_string(LeftOut reason);

struct LeftOutCandidate {
    RowId supporter_id = 0;
    LeftOut reason = LeftOut::not_needed;
    bool linked = false;
    bool operator==(const LeftOutCandidate&) const = default;
};

struct TeamChoice {
    std::vector<TeamMember> members; ///< by ETA, then supporter id
    int missing = 0;                 ///< team_size - members.size() (0: complete)
    /// Everyone not chosen and why, linked candidates first, then by supporter id.
    std::vector<LeftOutCandidate> left_out;
    bool complete() const { return missing == 0; }
    /// Arrival of the last member (the team can lift the person); nullopt for an empty team.
    std::optional<double> last_arrival_s() const;
};

/// Whether `c` may be chosen under `options` (available, reachable, within the limit).
bool eligible(const Candidate& c, const TeamOptions& options);

/// The candidate's effective time under the objective (travel time minus the link bonus).
/// Precondition: c.travel_s.
double effective_time(const Candidate& c, const TeamOptions& options);

/// The team for one request under the objective above. Candidates with the same supporter id
/// twice: the first counts. Throws std::invalid_argument for team_size < 1 or a negative
/// bonus or limit.
TeamChoice select_team(const std::vector<Candidate>& candidates, const TeamOptions& options = {});

/// The runway of a request's person, as the board gives it (ops::BoardRow).
struct RequestRunway {
    std::optional<double> hours_left; ///< the shorter known deadline, hours from now
    bool unknown_deadline = false;    ///< a deadline applies but is unknown: sorts first
};

/// True when `a` is served before `b`: unknown deadline first, then known hours ascending,
/// then no deadline. Equal runways keep the caller's order.
bool runs_out_sooner(const RequestRunway& a, const RequestRunway& b);

struct TeamRequest {
    RowId request_id = 0;
    RequestRunway runway;
    std::vector<Candidate> candidates;
};

struct TeamAssignment {
    RowId request_id = 0;
    RequestRunway runway;
    TeamChoice team;
};

/// Assigns teams to `requests` jointly: in runway order (ties: the order given), greedy, never
/// booking a supporter twice. `already_booked` supporters (teams of requests not being
/// assigned now) are booked from the start. The answer is in the order served.
std::vector<TeamAssignment> assign_teams(const std::vector<TeamRequest>& requests,
                                         const std::vector<RowId>& already_booked,
                                         const TeamOptions& options = {});

// ---- availability windows ------------------------------------------------------------------

/// One weekly window in Japan time: the days it starts on (bit 0 = Monday ... bit 6 = Sunday)
/// and [start, end) in minutes after midnight; end <= start runs past midnight into the next
/// day; start 0, end 1440 is the whole day.
struct AvailabilityWindow {
    std::uint8_t days = 0x7f;
    int start_min = 0;
    int end_min = 24 * 60;
    bool operator==(const AvailabilityWindow&) const = default;
};

struct Availability {
    enum class Kind {
        windows, ///< understood: available only inside `windows`
        unknown  ///< empty or not understood: available (see above)
    };
    Kind kind = Kind::unknown;
    std::vector<AvailabilityWindow> windows;
    bool operator==(const Availability&) const = default;
};

/// Parses the syntax above. Never throws (except std::bad_alloc).
Availability parse_availability(std::string_view text);

/// Whether `a` is available at `weekday` (0 = Monday ... 6 = Sunday) `minute` (0..1439) of
/// Japan time, counting windows that started the day before and run past midnight.
bool available_at(const Availability& a, int weekday, int minute);

/// Whether `a` is available at the UTC instant `t` (converted to Japan time, UTC+9).
bool available_at(const Availability& a, ops::TimePoint t);

} // namespace breathline::data::dispatch
