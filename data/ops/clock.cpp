#include "data/ops/clock.h"

#include <cstdio>

namespace breathline::data::ops {

namespace {

// Reads exactly `n` digits at `pos`; nullopt when any is not a digit.
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

constexpr std::chrono::seconds k_jst{9 * 3600};

} // namespace

TimePoint SystemClock::now() const {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::optional<TimePoint> parse_time(std::string_view s) {
    using namespace std::chrono;
    const auto y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2), h = digits(s, 11, 2),
               mi = digits(s, 14, 2);
    if (!y || !mo || !d || !h || !mi || s[4] != '-' || s[7] != '-' ||
        (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
        return std::nullopt;
    std::size_t pos = 16;
    int sec = 0;
    if (pos < s.size() && s[pos] == ':') {
        const auto ss = digits(s, pos + 1, 2);
        if (!ss) return std::nullopt;
        sec = *ss;
        pos += 3;
    }
    seconds offset = k_jst;
    if (pos < s.size()) {
        if (s[pos] == 'Z' && pos + 1 == s.size()) {
            offset = seconds{0};
        } else if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':') {
            const auto oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
            if (!oh || !om || *oh > 14 || *om > 59) return std::nullopt;
            offset = seconds{(*oh * 60 + *om) * 60};
            if (s[pos] == '-') offset = -offset;
        } else {
            return std::nullopt;
        }
    }
    const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)},
                             day{static_cast<unsigned>(*d)}};
    if (!ymd.ok() || *h > 23 || *mi > 59 || sec > 59) return std::nullopt;
    return TimePoint(sys_days(ymd)) + hours{*h} + minutes{*mi} + seconds{sec} - offset;
}

namespace {

// "YYYY-MM-DD?HH:MM:SS" with `sep` between date and time.
std::string format_parts(TimePoint t, char sep) {
    using namespace std::chrono;
    const sys_days day = floor<days>(t);
    const year_month_day ymd(day);
    const hh_mm_ss<seconds> tod(t - day);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u%c%02d:%02d:%02d", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), sep,
                  static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                  static_cast<int>(tod.seconds().count()));
    return buf;
}

} // namespace

std::string format_time(TimePoint t) {
    return format_parts(t, 'T') + "Z";
}

std::string format_time_jst(TimePoint t) {
    // Seconds are dropped on purpose: a board read by people needs minutes.
    return format_parts(t + k_jst, ' ').substr(0, 16) + " JST";
}

std::string format_clock_jst(TimePoint t) {
    const auto local = t + std::chrono::hours(9);
    const std::chrono::hh_mm_ss hms(local - std::chrono::floor<std::chrono::days>(local));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()));
    return buf;
}

} // namespace breathline::data::ops
