#include "data/dispatch/team_selection.h"

#include "data/text/normalize.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <set>
#include <stdexcept>

namespace breathline::data::dispatch {

std::string_view to_string(LeftOut reason) {
    switch (reason) {
    case LeftOut::unavailable:
        return "unavailable";
    case LeftOut::unreachable:
        return "unreachable";
    case LeftOut::beyond_limit:
        return "beyond_limit";
    case LeftOut::booked:
        return "booked";
    case LeftOut::not_needed:
        return "not_needed";
    }
    return "?";
}

std::optional<double> TeamChoice::last_arrival_s() const {
    if (members.empty()) return std::nullopt;
    double last = 0;
    for (const auto& m : members)
        last = std::max(last, m.eta_s);
    return last;
}

bool eligible(const Candidate& c, const TeamOptions& options) {
    return c.available && c.travel_s && *c.travel_s >= 0 && *c.travel_s <= options.time_limit_s;
}

double effective_time(const Candidate& c, const TeamOptions& options) {
    return *c.travel_s - (c.linked ? options.linked_bonus_s : 0.0);
}

namespace {

// Unset priorities (0) after every set one: a planned order beats none.
int priority_key(const Candidate& c) {
    return c.linked && c.link_priority > 0 ? c.link_priority : INT_MAX;
}

// Real time, then link priority, then id: criteria 3 and 4 of the objective.
bool faster(const Candidate& a, const Candidate& b) {
    if (*a.travel_s != *b.travel_s) return *a.travel_s < *b.travel_s;
    if (priority_key(a) != priority_key(b)) return priority_key(a) < priority_key(b);
    return a.supporter_id < b.supporter_id;
}

TeamMember member_of(const Candidate& c) {
    return {c.supporter_id, *c.travel_s, c.linked, c.linked ? c.link_priority : 0};
}

} // namespace

TeamChoice select_team(const std::vector<Candidate>& candidates, const TeamOptions& options) {
    if (options.team_size < 1) throw std::invalid_argument("team_size must be at least 1");
    if (!(options.linked_bonus_s >= 0)) throw std::invalid_argument("linked_bonus_s must be >= 0");
    if (!(options.time_limit_s >= 0)) throw std::invalid_argument("time_limit_s must be >= 0");
    const auto k = static_cast<std::size_t>(options.team_size);

    TeamChoice choice;
    std::vector<Candidate> pool;
    std::set<RowId> seen;
    for (const Candidate& c : candidates) {
        if (!seen.insert(c.supporter_id).second) continue;
        if (eligible(c, options)) {
            pool.push_back(c);
            continue;
        }
        LeftOut why = !c.available                     ? LeftOut::unavailable
                      : !c.travel_s || *c.travel_s < 0 ? LeftOut::unreachable
                                                       : LeftOut::beyond_limit;
        choice.left_out.push_back({c.supporter_id, why, c.linked});
    }

    std::vector<Candidate> chosen;
    if (pool.size() <= k) {
        // Short (or exactly enough): everyone eligible comes.
        chosen = pool;
    } else {
        // 1. The smallest possible largest effective time is the k-th smallest effective time.
        std::vector<double> eff;
        for (const auto& c : pool)
            eff.push_back(effective_time(c, options));
        std::nth_element(eff.begin(), eff.begin() + static_cast<std::ptrdiff_t>(k - 1), eff.end());
        const double bound = eff[k - 1];
        // 2-4. Inside that bound: as many linked as fit, then the fastest of each group.
        std::vector<Candidate> linked, unlinked;
        for (const auto& c : pool)
            if (effective_time(c, options) <= bound) (c.linked ? linked : unlinked).push_back(c);
        std::sort(linked.begin(), linked.end(), faster);
        std::sort(unlinked.begin(), unlinked.end(), faster);
        const std::size_t m = std::min(k, linked.size());
        chosen.assign(linked.begin(), linked.begin() + static_cast<std::ptrdiff_t>(m));
        chosen.insert(chosen.end(), unlinked.begin(),
                      unlinked.begin() + static_cast<std::ptrdiff_t>(k - m));
    }
    std::sort(chosen.begin(), chosen.end(), [](const Candidate& a, const Candidate& b) {
        if (*a.travel_s != *b.travel_s) return *a.travel_s < *b.travel_s;
        return a.supporter_id < b.supporter_id;
    });
    std::set<RowId> in_team;
    for (const auto& c : chosen) {
        choice.members.push_back(member_of(c));
        in_team.insert(c.supporter_id);
    }
    for (const auto& c : pool)
        if (!in_team.count(c.supporter_id))
            choice.left_out.push_back({c.supporter_id, LeftOut::not_needed, c.linked});
    std::sort(choice.left_out.begin(), choice.left_out.end(),
              [](const LeftOutCandidate& a, const LeftOutCandidate& b) {
                  if (a.linked != b.linked) return a.linked;
                  return a.supporter_id < b.supporter_id;
              });
    choice.missing = static_cast<int>(k - choice.members.size());
    return choice;
}

bool runs_out_sooner(const RequestRunway& a, const RequestRunway& b) {
    // Rank: 0 unknown deadline, 1 known, 2 none.
    auto rank = [](const RequestRunway& r) {
        return r.unknown_deadline ? 0 : r.hours_left ? 1 : 2;
    };
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (rank(a) == 1) return *a.hours_left < *b.hours_left;
    return false;
}

std::vector<TeamAssignment> assign_teams(const std::vector<TeamRequest>& requests,
                                         const std::vector<RowId>& already_booked,
                                         const TeamOptions& options) {
    std::vector<std::size_t> order(requests.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return runs_out_sooner(requests[a].runway, requests[b].runway);
    });
    std::set<RowId> booked(already_booked.begin(), already_booked.end());
    std::vector<TeamAssignment> out;
    for (std::size_t i : order) {
        const TeamRequest& r = requests[i];
        std::vector<Candidate> free;
        std::vector<LeftOutCandidate> taken;
        std::set<RowId> seen;
        for (const auto& c : r.candidates) {
            if (!seen.insert(c.supporter_id).second) continue;
            if (booked.count(c.supporter_id))
                taken.push_back({c.supporter_id, LeftOut::booked, c.linked});
            else
                free.push_back(c);
        }
        TeamAssignment a;
        a.request_id = r.request_id;
        a.runway = r.runway;
        a.team = select_team(free, options);
        for (const auto& m : a.team.members)
            booked.insert(m.supporter_id);
        a.team.left_out.insert(a.team.left_out.end(), taken.begin(), taken.end());
        std::sort(a.team.left_out.begin(), a.team.left_out.end(),
                  [](const LeftOutCandidate& x, const LeftOutCandidate& y) {
                      if (x.linked != y.linked) return x.linked;
                      return x.supporter_id < y.supporter_id;
                  });
        out.push_back(std::move(a));
    }
    return out;
}

// ---- availability windows ------------------------------------------------------------------

namespace {

constexpr std::uint8_t k_weekdays = 0x1f; // Mon..Fri
constexpr std::uint8_t k_weekend = 0x60;  // Sat, Sun
constexpr std::uint8_t k_all_days = 0x7f;
constexpr int k_day_min = 24 * 60;

struct Group {
    std::uint8_t days = 0;
    std::vector<std::pair<int, int>> times;
    std::uint8_t implied_days = 0; // 勤務時間: weekdays unless days were given
};

// A parse of the whole text; fails on the first word it does not know.
class AvailabilityParser {
public:
    explicit AvailabilityParser(std::string text) : m_s(std::move(text)) {}

    std::optional<std::vector<AvailabilityWindow>> run() {
        while (m_i < m_s.size()) {
            if (skip_remark() || skip_separator()) continue;
            if (hard_separator()) {
                end_group();
                continue;
            }
            if (const auto d = day_word()) {
                if (!m_group.times.empty()) end_group();
                m_group.days |= *d;
                continue;
            }
            if (time_word()) continue;
            return std::nullopt;
        }
        end_group();
        if (m_windows.empty()) return std::nullopt;
        return m_windows;
    }

private:
    bool at(std::string_view word) const { return m_s.compare(m_i, word.size(), word) == 0; }
    bool take(std::string_view word) {
        if (!at(word)) return false;
        m_i += word.size();
        return true;
    }
    bool take_ci(std::string_view word) {
        if (m_i + word.size() > m_s.size()) return false;
        for (std::size_t k = 0; k < word.size(); ++k)
            if (std::tolower(static_cast<unsigned char>(m_s[m_i + k])) != word[k]) return false;
        // A word must end here: "sat" must not eat the start of "saturday" halfway.
        const std::size_t end = m_i + word.size();
        if (end < m_s.size() && std::isalpha(static_cast<unsigned char>(m_s[end]))) return false;
        m_i = end;
        return true;
    }

    bool skip_remark() {
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 2> k_pairs = {
            {{"(", ")"}, {"（", "）"}}};
        for (const auto& [open, close] : k_pairs) {
            if (!at(open)) continue;
            const auto end = m_s.find(close, m_i + open.size());
            m_i = end == std::string::npos ? m_s.size() : end + close.size();
            return true;
        }
        return false;
    }
    bool skip_separator() {
        for (std::string_view sep : {" ", "\t", ",", "、", "・", "/", "／", "，", "及び", "と"})
            if (take(sep)) return true;
        if (take_ci("and")) return true;
        return false;
    }
    bool hard_separator() {
        for (std::string_view sep : {";", "；", "\n", "\r", "。"})
            if (take(sep)) return true;
        return false;
    }

    // Single day names, Monday = 0.
    std::optional<int> single_day() {
        static constexpr std::array<std::string_view, 7> k_ja = {"月", "火", "水", "木",
                                                                 "金", "土", "日"};
        static constexpr std::array<std::string_view, 7> k_en = {"mon", "tue", "wed", "thu",
                                                                 "fri", "sat", "sun"};
        static constexpr std::array<std::string_view, 7> k_en_long = {
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
        for (int d = 0; d < 7; ++d) {
            if (take_ci(k_en_long[static_cast<std::size_t>(d)]) ||
                take_ci(std::string(k_en_long[static_cast<std::size_t>(d)]) + "s") ||
                take_ci(k_en[static_cast<std::size_t>(d)]))
                return d;
            // 日 alone is Sunday only when it is not the start of 日中.
            if (at(k_ja[static_cast<std::size_t>(d)]) && !(d == 6 && at("日中"))) {
                take(k_ja[static_cast<std::size_t>(d)]);
                if (!take("曜日")) take("曜");
                return d;
            }
        }
        return std::nullopt;
    }

    bool range_dash() {
        for (std::string_view dash : {"-", "~", "〜", "から"})
            if (take(dash)) return true;
        return false;
    }

    std::optional<std::uint8_t> day_word() {
        static constexpr std::array<std::pair<std::string_view, std::uint8_t>, 7> k_ja_words = {
            {{"土日祝日", k_weekend},
             {"土日祝", k_weekend},
             {"土日", k_weekend},
             {"平日", k_weekdays},
             {"休日", k_weekend},
             {"週末", k_weekend},
             {"毎日", k_all_days}}};
        for (const auto& [word, days] : k_ja_words)
            if (take(word)) return days;
        for (std::string_view w : {"weekdays", "weekday"})
            if (take_ci(w)) return k_weekdays;
        for (std::string_view w : {"weekends", "weekend"})
            if (take_ci(w)) return k_weekend;
        for (std::string_view w : {"daily", "everyday"})
            if (take_ci(w)) return k_all_days;
        const auto first = single_day();
        if (!first) return std::nullopt;
        const std::size_t after_first = m_i;
        if (range_dash()) {
            if (const auto last = single_day()) {
                std::uint8_t days = 0;
                for (int d = *first;; d = (d + 1) % 7) {
                    days |= static_cast<std::uint8_t>(1u << d);
                    if (d == *last) break;
                }
                return days;
            }
            m_i = after_first; // "月-" followed by a time: only the day
        }
        return static_cast<std::uint8_t>(1u << *first);
    }

    std::optional<int> number() {
        int v = 0;
        std::size_t n = 0;
        while (m_i < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_i])) && n < 3) {
            v = v * 10 + (m_s[m_i] - '0');
            ++m_i;
            ++n;
        }
        if (n == 0) return std::nullopt;
        return v;
    }

    // H[:MM][時[半]] → minutes after midnight; 24:00 allowed as an end.
    std::optional<int> clock_time() {
        const std::size_t start = m_i;
        const auto h = number();
        if (!h || *h > 24) {
            m_i = start;
            return std::nullopt;
        }
        int minute = 0;
        if (take(":") || take("：")) {
            const auto mm = number();
            if (!mm || *mm > 59) {
                m_i = start;
                return std::nullopt;
            }
            minute = *mm;
        } else if (take("時")) {
            if (take("半"))
                minute = 30;
            else if (const std::size_t before = m_i; const auto mm = number()) {
                if (*mm <= 59 && take("分"))
                    minute = *mm;
                else
                    m_i = before;
            }
        }
        take("時");
        if (*h == 24 && minute != 0) {
            m_i = start;
            return std::nullopt;
        }
        return *h * 60 + minute;
    }

    void add_time(int start, int end) { m_group.times.emplace_back(start, end); }

    bool time_word() {
        for (std::string_view w : {"終日", "常時", "24時間", "いつでも", "随時"})
            if (take(w)) {
                add_time(0, k_day_min);
                return true;
            }
        for (std::string_view w : {"always", "all day", "anytime", "24h"})
            if (take_ci(w)) {
                add_time(0, k_day_min);
                return true;
            }
        if (take("勤務時間内") || take("勤務時間") || take_ci("office hours")) {
            add_time(8 * 60 + 30, 17 * 60 + 15);
            m_group.implied_days = k_weekdays;
            return true;
        }
        if (take("日中") || take_ci("daytime")) {
            add_time(9 * 60, 18 * 60);
            return true;
        }
        if (take("夜間") || take_ci("nights") || take_ci("night")) {
            add_time(18 * 60, 9 * 60);
            return true;
        }
        if (take("午前") || take_ci("mornings") || take_ci("morning")) {
            add_time(9 * 60, 12 * 60);
            return true;
        }
        if (take("午後") || take_ci("afternoons") || take_ci("afternoon")) {
            add_time(12 * 60, 18 * 60);
            return true;
        }
        const std::size_t start = m_i;
        const auto from = clock_time();
        if (!from) return false;
        if (!range_dash()) {
            m_i = start;
            return false;
        }
        const auto to = clock_time();
        if (!to) {
            m_i = start;
            return false;
        }
        take("まで");
        add_time(*from % k_day_min, *to == k_day_min ? k_day_min : *to);
        return true;
    }

    void end_group() {
        if (m_group.days == 0 && m_group.times.empty() && m_group.implied_days == 0) return;
        std::uint8_t days = m_group.days;
        if (days == 0) days = m_group.implied_days ? m_group.implied_days : k_all_days;
        if (m_group.times.empty()) m_group.times.emplace_back(0, k_day_min);
        for (const auto& [s, e] : m_group.times)
            m_windows.push_back({days, s, e});
        m_group = {};
    }

    std::string m_s;
    std::size_t m_i = 0;
    Group m_group;
    std::vector<AvailabilityWindow> m_windows;
};

bool in_window(const AvailabilityWindow& w, int weekday, int minute) {
    auto on = [&](int day) { return (w.days >> day) & 1u; };
    if (w.start_min == 0 && w.end_min >= k_day_min) return on(weekday);
    if (w.end_min > w.start_min) return on(weekday) && minute >= w.start_min && minute < w.end_min;
    // Past midnight: the evening part on its own day, the morning part on the next.
    if (on(weekday) && minute >= w.start_min) return true;
    const int yesterday = (weekday + 6) % 7;
    return on(yesterday) && minute < w.end_min;
}

} // namespace

Availability parse_availability(std::string_view text) {
    Availability a;
    std::string folded;
    try {
        folded = text::trim(text::to_halfwidth_ascii(text));
    } catch (const std::exception&) {
        return a; // not UTF-8: unknown
    }
    if (folded.empty()) return a;
    if (auto windows = AvailabilityParser(folded).run()) {
        a.kind = Availability::Kind::windows;
        a.windows = std::move(*windows);
    }
    return a;
}

bool available_at(const Availability& a, int weekday, int minute) {
    if (a.kind == Availability::Kind::unknown) return true;
    for (const auto& w : a.windows)
        if (in_window(w, weekday, minute)) return true;
    return false;
}

bool available_at(const Availability& a, ops::TimePoint t) {
    const auto jst = t + std::chrono::hours(9);
    const auto day = std::chrono::floor<std::chrono::days>(jst);
    const std::chrono::weekday wd{day};
    const int weekday = static_cast<int>(wd.iso_encoding()) - 1; // Monday = 0
    const int minute =
        static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(jst - day).count());
    return available_at(a, weekday, minute);
}

} // namespace breathline::data::dispatch
