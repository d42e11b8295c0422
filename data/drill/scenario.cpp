#include "data/drill/scenario.h"

#include "data/error.h"
#include "data/ops/check_input.h"
#include "data/ops/outage_shape.h"
#include "data/store/store.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace breathline::data::drill {

namespace {

// ---- pass 1: lines into sections of key/value entries -------------------------------------

enum class ValueType { string, integer, decimal, boolean };

struct Value {
    ValueType type = ValueType::string;
    std::string text; ///< the string's content (unescaped) or the literal as written
};

struct Entry {
    int line = 0;
    std::string key;
    Value value;
};

struct Section {
    std::string name; ///< "" for the top level, else outage | closure | event
    int line = 0;
    std::vector<Entry> entries;
    /// Keys written on a line that could not be read: already reported, so not "missing" too.
    std::set<std::string, std::less<>> broken;
};

class Problems {
public:
    void add(int line, std::string field, std::string en, std::string ja) {
        m_list.push_back({line, std::move(field), std::move(en), std::move(ja)});
    }
    std::size_t size() const { return m_list.size(); }
    std::vector<ScenarioProblem> take() {
        // Stable: problems on one line keep the order they were found in.
        std::stable_sort(m_list.begin(), m_list.end(),
                         [](const auto& a, const auto& b) { return a.line < b.line; });
        return std::move(m_list);
    }

private:
    std::vector<ScenarioProblem> m_list;
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string qualified(const std::string& section, std::string_view key) {
    return section.empty() ? std::string(key) : section + "." + std::string(key);
}

// The rest of a line after a value or header may hold only blanks and a comment.
bool only_comment(std::string_view rest) {
    rest = trim(rest);
    return rest.empty() || rest.front() == '#';
}

// Parses the value at the start of `s`; on success `rest` is what follows it.
std::optional<Value> parse_value(std::string_view s, std::string_view& rest, std::string& why_en,
                                 std::string& why_ja) {
    if (s.empty()) {
        why_en = "no value after '='";
        why_ja = "'=' の後に値がありません";
        return std::nullopt;
    }
    if (s.front() == '"') {
        Value v;
        for (std::size_t i = 1; i < s.size(); ++i) {
            const char c = s[i];
            if (c == '"') {
                rest = s.substr(i + 1);
                return v;
            }
            if (c == '\\') {
                if (i + 1 >= s.size()) break;
                const char e = s[++i];
                if (e == '"' || e == '\\') {
                    v.text += e;
                } else {
                    why_en = std::string("unknown escape '\\") + e +
                             "' in a string (only \\\" and \\\\ are allowed)";
                    why_ja = std::string("文字列の中の '\\") + e +
                             "' は使えません (使えるのは \\\" と \\\\ だけです)";
                    return std::nullopt;
                }
                continue;
            }
            v.text += c;
        }
        why_en = "the string is not closed with '\"' on this line";
        why_ja = "文字列がこの行の '\"' で閉じられていません";
        return std::nullopt;
    }
    std::size_t n = 0;
    while (n < s.size() && s[n] != ' ' && s[n] != '\t' && s[n] != '#')
        ++n;
    const std::string_view word = s.substr(0, n);
    rest = s.substr(n);
    if (word == "true" || word == "false") return Value{ValueType::boolean, std::string(word)};
    std::size_t i = 0;
    if (i < word.size() && (word[i] == '+' || word[i] == '-')) ++i;
    const std::size_t int_start = i;
    while (i < word.size() && is_digit(word[i]))
        ++i;
    bool ok = i > int_start;
    bool decimal = false;
    if (ok && i < word.size() && word[i] == '.') {
        decimal = true;
        const std::size_t frac = ++i;
        while (i < word.size() && is_digit(word[i]))
            ++i;
        ok = i > frac;
    }
    if (ok && i == word.size())
        return Value{decimal ? ValueType::decimal : ValueType::integer, std::string(word)};
    why_en = "'" + std::string(word) +
             "' is not a value: write text in double quotes (\"...\"), a number or true/false";
    why_ja = "'" + std::string(word) +
             "' は値として読めません: 文字列は \"...\" で囲み、数値か true/false を書いてください";
    return std::nullopt;
}

const std::set<std::string, std::less<>> k_sections = {"outage", "closure", "event"};

std::vector<Section> split_sections(std::string_view text, Problems& problems) {
    std::vector<Section> sections(1);
    // Entries after an unknown header are dropped: their keys would only add noise to the one
    // problem that matters (the header).
    bool discarding = false;
    std::map<std::string, int, std::less<>> seen; // keys of the current section → line
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    int line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t eol = std::min(text.find('\n', pos), text.size());
        const std::string_view raw = text.substr(pos, eol - pos);
        pos = eol + 1;
        ++line_no;
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#') {
            if (eol >= text.size()) break;
            continue;
        }
        if (line.front() == '[') {
            const bool array = line.starts_with("[[");
            const std::size_t close = line.find(array ? "]]" : "]");
            const std::size_t open_len = array ? 2 : 1;
            const std::string name(
                close == std::string_view::npos
                    ? std::string(trim(line.substr(open_len)))
                    : std::string(trim(line.substr(open_len, close - open_len))));
            const std::string shown = array ? "[[" + name + "]]" : "[" + name + "]";
            discarding = true;
            if (close == std::string_view::npos) {
                problems.add(line_no, shown, "the section header is not closed with ']]'",
                             "セクション見出しが ']]' で閉じられていません");
            } else if (!only_comment(line.substr(close + (array ? 2 : 1)))) {
                problems.add(line_no, shown, "unexpected text after the section header",
                             "セクション見出しの後に余分な文字があります");
            } else if (!array) {
                problems.add(line_no, shown,
                             "'" + shown +
                                 "' is not a section of a scenario: sections are [[outage]], "
                                 "[[closure]] and [[event]] (with double brackets)",
                             "'" + shown +
                                 "' はシナリオのセクションではありません: [[outage]]、"
                                 "[[closure]]、[[event]] (二重括弧) のどれかです");
            } else if (!k_sections.contains(name)) {
                problems.add(line_no, shown,
                             "unknown section '" + shown +
                                 "': sections are [[outage]], [[closure]] and [[event]]",
                             "'" + shown +
                                 "' は未知のセクションです: [[outage]]、[[closure]]、"
                                 "[[event]] のどれかです");
            } else {
                discarding = false;
                sections.push_back({name, line_no, {}, {}});
                seen.clear();
            }
            if (eol >= text.size()) break;
            continue;
        }
        std::size_t k = 0;
        while (k < line.size() && is_key_char(line[k]))
            ++k;
        const std::string key(line.substr(0, k));
        std::string_view after = trim(line.substr(k));
        const std::string field = key.empty() ? "syntax" : qualified(sections.back().name, key);
        if (!key.empty()) sections.back().broken.insert(key);
        if (key.empty() || after.empty() || after.front() != '=') {
            if (!discarding)
                problems.add(line_no, field,
                             "expected 'key = value' or a section header such as [[event]]",
                             "'キー = 値' か [[event]] のようなセクション見出しを書いてください");
            if (eol >= text.size()) break;
            continue;
        }
        after = trim(after.substr(1));
        std::string_view rest;
        std::string why_en, why_ja;
        const auto value = parse_value(after, rest, why_en, why_ja);
        if (discarding) {
            // Already reported as an unknown section.
        } else if (!value) {
            problems.add(line_no, field, why_en, why_ja);
        } else if (!only_comment(rest)) {
            problems.add(line_no, field,
                         "unexpected text after the value: '" + std::string(trim(rest)) + "'",
                         "値の後に余分な文字があります: '" + std::string(trim(rest)) + "'");
        } else if (const auto it = seen.find(key); it != seen.end()) {
            problems.add(line_no, field,
                         "'" + key + "' is given twice (first on line " +
                             std::to_string(it->second) + ")",
                         "'" + key + "' が二度書かれています (最初は " +
                             std::to_string(it->second) + " 行目)");
        } else {
            sections.back().broken.erase(key);
            seen.emplace(key, line_no);
            sections.back().entries.push_back({line_no, key, *value});
        }
        if (eol >= text.size()) break;
    }
    return sections;
}

// ---- pass 2: values ---------------------------------------------------------------------

std::string_view type_en(ValueType t) {
    switch (t) {
    case ValueType::string:
        return "a string";
    case ValueType::integer:
        return "an integer";
    case ValueType::decimal:
        return "a decimal number";
    case ValueType::boolean:
        return "true/false";
    }
    return "?";
}

std::string_view type_ja(ValueType t) {
    switch (t) {
    case ValueType::string:
        return "文字列";
    case ValueType::integer:
        return "整数";
    case ValueType::decimal:
        return "小数";
    case ValueType::boolean:
        return "true/false";
    }
    return "?";
}

std::string shown_value(const Value& v) {
    return v.type == ValueType::string ? "\"" + v.text + "\"" : v.text;
}

// Durations and offsets: groups of a whole number and a unit, largest unit first, each unit
// at most once ("1d6h", "1h30m", "90m", "45s"). Seconds; nullopt when not that syntax.
std::optional<std::int64_t> parse_duration_text(std::string_view s) {
    if (s.empty()) return std::nullopt;
    constexpr std::pair<char, std::int64_t> units[] = {
        {'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};
    std::size_t next_unit = 0;
    std::int64_t total = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t start = i;
        while (i < s.size() && is_digit(s[i]))
            ++i;
        if (i == start || i - start > 9 || i >= s.size()) return std::nullopt;
        const std::int64_t n = std::stoll(std::string(s.substr(start, i - start)));
        const char u = s[i++];
        std::size_t k = next_unit;
        while (k < std::size(units) && units[k].first != u)
            ++k;
        if (k == std::size(units)) return std::nullopt;
        total += n * units[k].second;
        next_unit = k + 1;
    }
    return total;
}

// An offset from the onset: an optional sign and a duration. Seconds.
std::optional<std::int64_t> parse_offset_text(std::string_view s) {
    int sign = 1;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        sign = s.front() == '-' ? -1 : 1;
        s.remove_prefix(1);
    }
    const auto d = parse_duration_text(s);
    if (!d) return std::nullopt;
    return sign * *d;
}

std::string hhmm(ops::TimePoint t) {
    // "2026-11-22 12:00 JST" → "12:00": the ticker runs within one drill, the date adds noise.
    const std::string s = ops::format_time_jst(t);
    return s.size() >= 16 ? s.substr(11, 5) : s;
}

std::string jst(ops::TimePoint t) {
    return ops::format_time_jst(t);
}

// Splits a DataError message of the form "ja / en" (data/ops/outage_shape.cpp).
std::pair<std::string, std::string> split_ja_en(const std::string& msg) {
    const auto sep = msg.find(" / ");
    if (sep == std::string::npos) return {msg, msg};
    return {msg.substr(0, sep), msg.substr(sep + 3)};
}

const std::vector<std::string_view> k_top_keys = {"title", "kind",     "onset",
                                                  "end",   "duration", "speed"};
const std::vector<std::string_view> k_outage_keys = {"name", "at", "restore", "area", "coords"};
const std::vector<std::string_view> k_closure_keys = {"reason", "at", "reopen", "coords"};
const std::vector<std::string_view> k_event_common = {"at", "kind", "text", "text_en"};

std::vector<std::string_view> kind_keys(EventKind k) {
    switch (k) {
    case EventKind::call_in:
        return {"person"};
    case EventKind::supporter_unavailable:
        return {"supporter"};
    case EventKind::facility_status:
        return {"facility", "status", "occupancy", "power"};
    case EventKind::delivery_request:
        return {"person", "cylinders", "deadline"};
    case EventKind::note:
        return {};
    }
    return {};
}

bool is_check_key(std::string_view key) {
    if (key == "checked_at") return false; // the event's `at` is the check's time
    for (auto k : ops::check_field_keys())
        if (k == key) return true;
    return false;
}

std::string join(const std::vector<std::string_view>& v) {
    std::string out;
    for (auto s : v) {
        if (!out.empty()) out += ", ";
        out += s;
    }
    return out;
}

constexpr EventKind k_all_kinds[] = {EventKind::call_in, EventKind::supporter_unavailable,
                                     EventKind::facility_status, EventKind::delivery_request,
                                     EventKind::note};

// Reads one section's entries with typed accessors that report problems on the key's line.
class Reader {
public:
    Reader(const Section& section, Problems& problems, std::optional<ops::TimePoint> onset)
        : m_section(section), m_problems(problems), m_onset(onset) {}

    const Entry* find(std::string_view key) const {
        for (const auto& e : m_section.entries)
            if (e.key == key) return &e;
        return nullptr;
    }
    std::string field(std::string_view key) const { return qualified(m_section.name, key); }

    void missing(std::string_view key, const std::string& hint_en = {},
                 const std::string& hint_ja = {}) {
        if (m_section.broken.contains(key)) return;
        const std::string where =
            m_section.name.empty() ? "the scenario" : "this [[" + m_section.name + "]]";
        const std::string where_ja =
            m_section.name.empty() ? "シナリオ" : "この [[" + m_section.name + "]]";
        m_problems.add(m_section.line, field(key),
                       "missing required key '" + std::string(key) + "' in " + where + hint_en,
                       where_ja + " に必須のキー '" + std::string(key) + "' がありません" +
                           hint_ja);
    }

    bool expect_type(const Entry& e, std::initializer_list<ValueType> types,
                     std::string_view example) {
        for (auto t : types)
            if (e.value.type == t) return true;
        std::string want_en, want_ja;
        for (auto t : types) {
            if (!want_en.empty()) {
                want_en += " or ";
                want_ja += "か";
            }
            want_en += type_en(t);
            want_ja += type_ja(t);
        }
        m_problems.add(e.line, field(e.key),
                       "expected " + want_en + " (e.g. " + std::string(example) + "), got " +
                           std::string(type_en(e.value.type)) + " " + shown_value(e.value),
                       std::string(want_ja) + "を書いてください (例: " + std::string(example) +
                           ")。" + shown_value(e.value) + " は" +
                           std::string(type_ja(e.value.type)) + "です");
        return false;
    }

    std::optional<std::string> string(std::string_view key, bool required,
                                      std::string_view example) {
        const Entry* e = find(key);
        if (!e) {
            if (required) missing(key);
            return std::nullopt;
        }
        if (!expect_type(*e, {ValueType::string}, example)) return std::nullopt;
        return e->value.text;
    }

    std::optional<double> number(std::string_view key, std::string_view example) {
        const Entry* e = find(key);
        if (!e || !expect_type(*e, {ValueType::integer, ValueType::decimal}, example))
            return std::nullopt;
        return std::stod(e->value.text);
    }

    std::optional<long long> integer(std::string_view key, std::string_view example) {
        const Entry* e = find(key);
        if (!e || !expect_type(*e, {ValueType::integer}, example)) return std::nullopt;
        try {
            return std::stoll(e->value.text);
        } catch (const std::exception&) {
            bad(*e, "is too large", "は大きすぎます");
            return std::nullopt;
        }
    }

    void bad(const Entry& e, const std::string& en, const std::string& ja) {
        m_problems.add(e.line, field(e.key), shown_value(e.value) + " " + en,
                       shown_value(e.value) + " " + ja);
    }

    /// A time: an offset from the onset or an absolute time. nullopt when missing, bad, or
    /// relative while the onset is unknown (that problem is reported once, at the onset).
    std::optional<ops::TimePoint> time(std::string_view key, bool required) {
        const Entry* e = find(key);
        if (!e) {
            if (required) missing(key);
            return std::nullopt;
        }
        if (!expect_type(*e, {ValueType::string}, "\"+15m\" or \"2026-12-05T02:45\""))
            return std::nullopt;
        if (const auto t = ops::parse_time(e->value.text)) return t;
        if (const auto off = parse_offset_text(e->value.text)) {
            if (!m_onset) return std::nullopt; // reported once, at the onset
            return *m_onset + std::chrono::seconds(*off);
        }
        bad(*e,
            "is neither an offset from the onset (\"+15m\", \"+1h30m\", \"+1d2h\") nor a date "
            "and time (\"2026-12-05T02:45\", JST unless a zone such as \"Z\" or \"+09:00\" is "
            "given)",
            "は発災からの経過 (\"+15m\"、\"+1h30m\"、\"+1d2h\") でも日時 "
            "(\"2026-12-05T02:45\"、ゾーン指定がなければ日本時間) でもありません");
        return std::nullopt;
    }

    int line_of(std::string_view key) const {
        const Entry* e = find(key);
        return e ? e->line : m_section.line;
    }

private:
    const Section& m_section;
    Problems& m_problems;
    std::optional<ops::TimePoint> m_onset;
};

void unknown_keys(const Section& s, const std::vector<std::string_view>& allowed,
                  const std::string& context_en, const std::string& context_ja,
                  Problems& problems) {
    for (const auto& e : s.entries) {
        if (std::find(allowed.begin(), allowed.end(), e.key) != allowed.end()) continue;
        problems.add(e.line, qualified(s.name, e.key),
                     "unknown key '" + e.key + "' " + context_en + " (keys: " + join(allowed) + ")",
                     "'" + e.key + "' は" + context_ja +
                         "のキーではありません (使えるキー: " + join(allowed) + ")");
    }
}

std::vector<geo::LonLat> read_corners(Reader& r, const Entry& e, Problems& problems,
                                      const std::string& what_en) {
    std::vector<geo::LonLat> corners;
    try {
        corners = ops::parse_lonlat_list(e.value.text);
        // The ring closes itself; a repeated first corner at the end is the same ring.
        if (corners.size() > 1 && corners.front() == corners.back()) corners.pop_back();
        (void)ops::outage_polygon(corners); // the shape rules of a polygon drawn on the map
        return corners;
    } catch (const DataError& err) {
        auto [ja, en] = split_ja_en(err.what());
        problems.add(e.line, r.field("coords"), what_en + ": " + en, ja);
    }
    return {};
}

void check_window(Problems& problems, int line, const std::string& field, ops::TimePoint t,
                  const Scenario& sc, bool after_end_allowed) {
    if (t < sc.onset)
        problems.add(line, field, jst(t) + " is before the onset (" + jst(sc.onset) + ")",
                     jst(t) + " は発災 (" + jst(sc.onset) + ") より前です");
    else if (!after_end_allowed && t > sc.end)
        problems.add(line, field,
                     jst(t) + " is after the end of the scenario (" + jst(sc.end) + ")",
                     jst(t) + " はシナリオの終了 (" + jst(sc.end) + ") より後です");
}

void read_top(const Section& top, Scenario& sc, bool& onset_ok, bool& end_ok, Problems& problems) {
    unknown_keys(top, k_top_keys, "at the top of a scenario", "シナリオ冒頭", problems);
    Reader r(top, problems, std::nullopt);
    if (auto t = r.string("title", true, "\"深夜の地震\"")) sc.title = *t;
    if (auto k = r.string("kind", false, "\"earthquake\"")) {
        if (auto kind = parse_incident_kind(*k))
            sc.kind = *kind;
        else
            r.bad(*r.find("kind"),
                  "is not an incident kind (earthquake, storm_flood, power_outage, pandemic, "
                  "other)",
                  "は災害の種類ではありません (earthquake, storm_flood, power_outage, "
                  "pandemic, other)");
    }
    if (auto s = r.string("onset", true, "\"2026-12-05T02:30\"")) {
        if (auto t = ops::parse_time(*s)) {
            sc.onset = *t;
            onset_ok = true;
        } else {
            r.bad(
                *r.find("onset"),
                "is not a date and time (e.g. \"2026-12-05T02:30\", JST unless a zone is "
                "given)",
                "は日時として読めません (例: \"2026-12-05T02:30\"、ゾーン指定がなければ日本時間)");
        }
    }
    const Entry* end = r.find("end");
    const Entry* duration = r.find("duration");
    if (end && duration) {
        const Entry* later = end->line > duration->line ? end : duration;
        problems.add(later->line, r.field(later->key), "give either end or duration, not both",
                     "end と duration はどちらか一方だけを書いてください");
    } else if (!end && !duration) {
        r.missing("duration", " (or 'end'), e.g. duration = \"6h\"",
                  " (または 'end')。例: duration = \"6h\"");
    } else if (duration) {
        if (r.expect_type(*duration, {ValueType::string}, "\"6h\"")) {
            const auto d = parse_duration_text(duration->value.text);
            if (!d || *d <= 0)
                r.bad(*duration,
                      "is not a duration above zero (e.g. \"6h\", \"90m\", \"1h30m\", \"2d\")",
                      "は 0 より長い時間の長さではありません (例: \"6h\"、\"90m\"、\"1h30m\"、"
                      "\"2d\")");
            else if (onset_ok) {
                sc.end = sc.onset + std::chrono::seconds(*d);
                end_ok = true;
            }
        }
    } else {
        Reader rt(top, problems, onset_ok ? std::optional(sc.onset) : std::nullopt);
        if (auto t = rt.time("end", true); t && onset_ok) {
            if (*t <= sc.onset)
                problems.add(end->line, "end",
                             "the end " + jst(*t) + " is not after the onset " + jst(sc.onset),
                             "終了 " + jst(*t) + " が発災 " + jst(sc.onset) +
                                 " より後ではありません");
            else {
                sc.end = *t;
                end_ok = true;
            }
        }
    }
    if (const Entry* e = r.find("speed")) {
        if (auto v = r.number("speed", "30")) {
            if (!(*v >= 1 && *v <= 60))
                r.bad(*e, "is outside 1..60 (scenario seconds per real second)",
                      "は 1〜60 (実時間 1 秒あたりのシナリオ秒数) の範囲外です");
            else
                sc.speed = *v;
        }
    }
}

void read_outage(const Section& s, Scenario& sc, bool onset_ok, bool end_ok, Problems& problems) {
    unknown_keys(s, k_outage_keys, "in [[outage]]", "[[outage]] ", problems);
    Reader r(s, problems, onset_ok ? std::optional(sc.onset) : std::nullopt);
    ScenarioOutage o;
    o.line = s.line;
    if (auto n = r.string("name", true, "\"池袋駅周辺\"")) o.name = *n;
    const auto at = r.time("at", true);
    const auto restore = r.time("restore", false);
    const Entry* area = r.find("area");
    const Entry* coords = r.find("coords");
    if (area && coords) {
        problems.add(std::max(area->line, coords->line), r.field("area"),
                     "give either area = \"ward\" or coords, not both",
                     "area = \"ward\" と coords はどちらか一方だけを書いてください");
    } else if (!area && !coords) {
        r.missing("coords", " (or area = \"ward\" for the whole ward)",
                  " (区全域なら area = \"ward\")");
    } else if (area) {
        if (r.expect_type(*area, {ValueType::string}, "\"ward\"")) {
            if (area->value.text == "ward")
                o.whole_ward = true;
            else
                r.bad(*area,
                      "is not an area: the only named area is \"ward\" (the whole ward); "
                      "draw any other area with coords",
                      "は区域名ではありません: 名前で指定できるのは \"ward\" (区全域) だけです。"
                      "ほかの区域は coords で書いてください");
        }
    } else if (r.expect_type(*coords, {ValueType::string},
                             "\"139.70,35.72; 139.72,35.72; 139.71,35.74\"")) {
        o.corners = read_corners(r, *coords, problems, "outage area");
    }
    if (at) {
        o.starts = *at;
        if (end_ok) check_window(problems, r.line_of("at"), r.field("at"), *at, sc, false);
    }
    if (restore) {
        o.restores = *restore;
        if (at && *restore <= *at)
            problems.add(r.line_of("restore"), r.field("restore"),
                         "restoration " + jst(*restore) + " is not after the start " + jst(*at),
                         "復旧 " + jst(*restore) + " が停電開始 " + jst(*at) +
                             " より後ではありません");
    }
    sc.outages.push_back(std::move(o));
}

void read_closure(const Section& s, Scenario& sc, bool onset_ok, bool end_ok, Problems& problems) {
    unknown_keys(s, k_closure_keys, "in [[closure]]", "[[closure]] ", problems);
    Reader r(s, problems, onset_ok ? std::optional(sc.onset) : std::nullopt);
    ScenarioClosure c;
    c.line = s.line;
    if (auto n = r.string("reason", true, "\"建物倒壊\"")) c.reason = *n;
    const auto at = r.time("at", true);
    const auto reopen = r.time("reopen", false);
    if (const Entry* coords = r.find("coords")) {
        if (r.expect_type(*coords, {ValueType::string},
                          "\"139.70,35.72; 139.72,35.72; 139.71,35.74\""))
            c.corners = read_corners(r, *coords, problems, "closed area");
    } else {
        r.missing("coords");
    }
    if (at) {
        c.starts = *at;
        if (end_ok) check_window(problems, r.line_of("at"), r.field("at"), *at, sc, false);
    }
    if (reopen) {
        c.reopens = *reopen;
        if (at && *reopen <= *at)
            problems.add(r.line_of("reopen"), r.field("reopen"),
                         "reopening " + jst(*reopen) + " is not after the closure " + jst(*at),
                         "再開 " + jst(*reopen) + " が閉鎖 " + jst(*at) + " より後ではありません");
    }
    sc.closures.push_back(std::move(c));
}

void read_call_in_fields(const Section& s, Reader& r, ScenarioEvent& ev,
                         std::optional<ops::TimePoint> at, Problems& problems) {
    std::map<std::string, int, std::less<>> line_of;
    std::vector<std::pair<std::string, std::string>> readable;
    for (const auto& e : s.entries) {
        if (!is_check_key(e.key)) continue;
        line_of[e.key] = e.line;
        ev.check_fields.emplace_back(e.key, e.value.text);
        // One field at a time, so that each problem lands on its own line.
        const auto one = ops::read_check_fields({{"person", "x"}, {e.key, e.value.text}});
        for (const auto& p : one.problems)
            problems.add(e.line, r.field(e.key), p.message_en, p.message_ja);
        if (one.problems.empty()) readable.emplace_back(e.key, e.value.text);
    }
    if (readable.empty()) return;
    // Ranges (SpO2 0-100, ...) are checked on the readable fields together, as a check file
    // would be, so that one unreadable value does not hide an implausible one.
    auto all = readable;
    all.emplace_back("person", "x");
    auto read = ops::read_check_fields(all);
    if (read.records.empty()) return;
    SafetyCheck check = read.records.front().check;
    check.checked_at = ops::format_time(at.value_or(ops::TimePoint{}));
    check.incident_id = 1;
    check.person_id = 1;
    for (const auto& p : ops::validate_check(check)) {
        const auto it = line_of.find(p.field);
        const int line = it != line_of.end() ? it->second : s.line;
        problems.add(line, r.field(p.field), p.message_en, p.message_ja);
    }
}

void read_event(const Section& s, Scenario& sc, bool onset_ok, bool end_ok, Problems& problems) {
    Reader r(s, problems, onset_ok ? std::optional(sc.onset) : std::nullopt);
    ScenarioEvent ev;
    ev.line = s.line;
    ev.reference_line = s.line;
    std::optional<EventKind> kind;
    if (auto k = r.string("kind", true, "\"call_in\"")) {
        kind = parse_event_kind(*k);
        if (!kind)
            r.bad(*r.find("kind"),
                  "is not an event kind (call_in, supporter_unavailable, facility_status, "
                  "delivery_request, note)",
                  "はイベントの種類ではありません (call_in, supporter_unavailable, "
                  "facility_status, delivery_request, note)");
    }
    // The keys this event may have: its kind's, or every kind's while the kind is unknown (so
    // that a typo in `kind` does not turn every other key into a problem).
    std::vector<std::string_view> allowed = k_event_common;
    for (EventKind k : k_all_kinds) {
        if (kind && k != *kind) continue;
        for (auto key : kind_keys(k))
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
                allowed.push_back(key);
    }
    const bool takes_check = !kind || *kind == EventKind::call_in;
    for (const auto& e : s.entries) {
        if (std::find(allowed.begin(), allowed.end(), e.key) != allowed.end()) continue;
        if (takes_check && is_check_key(e.key)) continue;
        const std::string kind_name = kind ? std::string(to_string(*kind)) : "";
        if (e.key == "checked_at" && takes_check)
            problems.add(e.line, r.field(e.key),
                         "a call_in's check time is the event's 'at'; remove checked_at",
                         "call_in の確認日時はイベントの 'at' です。checked_at を消してください");
        else if (kind && is_check_key(e.key))
            problems.add(e.line, r.field(e.key),
                         "safety-check field '" + e.key + "' belongs to a call_in event, not to " +
                             kind_name,
                         "安否確認の項目 '" + e.key +
                             "' は call_in のイベントにだけ書けます (この"
                             "イベントは " +
                             kind_name + ")");
        else
            problems.add(e.line, r.field(e.key),
                         "unknown key '" + e.key + "' for " +
                             (kind ? "a " + kind_name + " event" : "an event") +
                             " (keys: " + join(allowed) +
                             (takes_check ? " and the safety-check fields" : "") + ")",
                         "'" + e.key + "' は" + (kind ? kind_name + " の" : "") +
                             "イベントのキーではありません (使えるキー: " + join(allowed) +
                             (takes_check ? " と安否確認の項目" : "") + ")");
    }
    const auto at = r.time("at", true);
    if (at) {
        ev.at = *at;
        if (end_ok) check_window(problems, r.line_of("at"), r.field("at"), *at, sc, false);
    }
    if (auto t = r.string("text", kind == EventKind::note, "\"池袋駅で帰宅困難者が滞留\""))
        ev.text = *t;
    if (auto t = r.string("text_en", false, "\"Stranded commuters at Ikebukuro\"")) ev.text_en = *t;
    if (!kind) {
        sc.events.push_back(std::move(ev));
        return;
    }
    ev.kind = *kind;
    switch (*kind) {
    case EventKind::call_in:
        if (auto p = r.string("person", true, "\"DEMO-V001\"")) ev.person = *p;
        ev.reference_line = r.line_of("person");
        read_call_in_fields(s, r, ev, at, problems);
        break;
    case EventKind::supporter_unavailable:
        if (auto p = r.string("supporter", true, "\"DEMO-S0001\"")) ev.supporter = *p;
        ev.reference_line = r.line_of("supporter");
        break;
    case EventKind::facility_status: {
        if (auto p = r.string("facility", true, "\"base_hospital-01\"")) ev.facility = *p;
        ev.reference_line = r.line_of("facility");
        if (auto st = r.string("status", false, "\"full\"")) {
            ev.status = parse_enum<FacilityStatus>(*st);
            if (!ev.status)
                r.bad(*r.find("status"),
                      "is not a facility status (normal, open, full, closed, damaged, unknown)",
                      "は施設の状況ではありません (normal, open, full, closed, damaged, "
                      "unknown)");
        }
        if (auto occ = r.integer("occupancy", "40")) {
            if (*occ < 0 || *occ > 100000)
                r.bad(*r.find("occupancy"), "is not an occupancy (0 or more people)",
                      "は収容人数ではありません (0 人以上)");
            else
                ev.occupancy = static_cast<int>(*occ);
        }
        if (auto pw = r.string("power", false, "\"generator\"")) {
            ev.power = parse_enum<FacilityPower>(*pw);
            if (!ev.power)
                r.bad(*r.find("power"), "is not a power source (grid, generator, none)",
                      "は電源の種類ではありません (grid, generator, none)");
        }
        if (!r.find("status") && !r.find("occupancy") && !r.find("power"))
            problems.add(s.line, r.field("status"),
                         "a facility_status event needs at least one of status, occupancy, "
                         "power",
                         "facility_status のイベントには status、occupancy、power の少なくとも"
                         "一つが必要です");
        break;
    }
    case EventKind::delivery_request:
        if (auto p = r.string("person", true, "\"DEMO-O001\"")) ev.person = *p;
        ev.reference_line = r.line_of("person");
        if (r.find("cylinders")) {
            if (auto c = r.integer("cylinders", "2")) {
                if (*c < 1 || *c > 100)
                    r.bad(*r.find("cylinders"), "is not a number of cylinders (1 to 100)",
                          "はボンベの本数ではありません (1〜100 本)");
                else
                    ev.cylinders = static_cast<int>(*c);
            }
        }
        if (auto d = r.time("deadline", false)) {
            ev.deadline = *d;
            if (at && *d <= *at)
                problems.add(r.line_of("deadline"), r.field("deadline"),
                             "the deadline " + jst(*d) + " is not after the request " + jst(*at),
                             "期限 " + jst(*d) + " が依頼 " + jst(*at) + " より後ではありません");
        }
        break;
    case EventKind::note:
        break;
    }
    sc.events.push_back(std::move(ev));
}

// ---- ticker texts -------------------------------------------------------------------------

std::string_view status_ja(FacilityStatus s) {
    switch (s) {
    case FacilityStatus::normal:
        return "通常";
    case FacilityStatus::open:
        return "開設";
    case FacilityStatus::full:
        return "満床";
    case FacilityStatus::closed:
        return "閉鎖";
    case FacilityStatus::damaged:
        return "被災";
    case FacilityStatus::unknown:
        return "不明";
    }
    return "";
}

std::string_view status_en(FacilityStatus s) {
    switch (s) {
    case FacilityStatus::normal:
        return "normal";
    case FacilityStatus::open:
        return "open";
    case FacilityStatus::full:
        return "full";
    case FacilityStatus::closed:
        return "closed";
    case FacilityStatus::damaged:
        return "damaged";
    case FacilityStatus::unknown:
        return "unknown";
    }
    return "";
}

std::string_view power_ja(FacilityPower p) {
    switch (p) {
    case FacilityPower::grid:
        return "商用電源";
    case FacilityPower::generator:
        return "発電機";
    case FacilityPower::none:
        return "電源なし";
    }
    return "";
}

std::string_view power_en(FacilityPower p) {
    switch (p) {
    case FacilityPower::grid:
        return "grid power";
    case FacilityPower::generator:
        return "generator";
    case FacilityPower::none:
        return "no power";
    }
    return "";
}

std::string number_text(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

// What a call-in reports, from its structured fields only: free text (notes, the checker's
// name) could name someone and never reaches the wall.
std::string call_in_summary(const ScenarioEvent& ev, bool english) {
    auto fields = ev.check_fields;
    fields.emplace_back("person", ev.person.empty() ? "x" : ev.person);
    const auto read = ops::read_check_fields(fields);
    if (read.records.empty()) return "";
    const SafetyCheck& c = read.records.front().check;
    std::vector<std::string> parts;
    if (c.vent_power) {
        switch (*c.vent_power) {
        case VentilatorPower::ac:
            parts.push_back(english ? "on mains power" : "AC電源で稼働");
            break;
        case VentilatorPower::external_battery:
            parts.push_back(english ? "on external battery" : "外部バッテリー稼働");
            break;
        case VentilatorPower::internal_battery:
            parts.push_back(english ? "on internal battery" : "内部バッテリー稼働");
            break;
        }
    }
    if (c.external_power_left_h)
        parts.push_back(english
                            ? "external power " + number_text(*c.external_power_left_h) + " h left"
                            : "外部電源残り " + number_text(*c.external_power_left_h) + " 時間");
    if (c.circuit_fault && *c.circuit_fault)
        parts.push_back(english ? "circuit fault" : "回路の異常");
    if (c.spo2_pct) parts.push_back("SpO2 " + std::to_string(*c.spo2_pct) + (english ? " %" : "%"));
    if (c.oxygen_hours_usable)
        parts.push_back(english ? "oxygen " + number_text(*c.oxygen_hours_usable) + " h left"
                                : "酸素残り " + number_text(*c.oxygen_hours_usable) + " 時間");
    if (c.judgement) {
        switch (*c.judgement) {
        case Judgement::stay_home:
            parts.push_back(english ? "stays home" : "在宅継続");
            break;
        case Judgement::hospitalise:
            parts.push_back(english ? "to hospital" : "入院が必要");
            break;
        case Judgement::evacuate:
            parts.push_back(english ? "to evacuate" : "避難が必要");
            break;
        }
    }
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += english ? ", " : "、";
        out += p;
    }
    return out;
}

std::string default_event_text(const ScenarioEvent& ev, bool english) {
    switch (ev.kind) {
    case EventKind::call_in: {
        const std::string what = call_in_summary(ev, english);
        if (english) return ev.person + " called in" + (what.empty() ? "" : ": " + what);
        return ev.person + " から連絡" + (what.empty() ? "" : ": " + what);
    }
    case EventKind::supporter_unavailable:
        return english ? "Supporter " + ev.supporter + " can no longer come"
                       : "支援者 " + ev.supporter + " が対応できなくなりました";
    case EventKind::facility_status: {
        std::vector<std::string> parts;
        if (ev.status) parts.emplace_back(english ? status_en(*ev.status) : status_ja(*ev.status));
        if (ev.occupancy)
            parts.push_back(english ? "occupancy " + std::to_string(*ev.occupancy)
                                    : "収容 " + std::to_string(*ev.occupancy) + " 人");
        if (ev.power) parts.emplace_back(english ? power_en(*ev.power) : power_ja(*ev.power));
        std::string what;
        for (const auto& p : parts) {
            if (!what.empty()) what += english ? ", " : "、";
            what += p;
        }
        return english ? "Facility " + ev.facility + ": " + what
                       : "施設 " + ev.facility + ": " + what;
    }
    case EventKind::delivery_request: {
        const std::string by = ev.deadline ? hhmm(*ev.deadline) : "";
        if (english)
            return "Oxygen delivery requested for " + ev.person + ": " +
                   std::to_string(ev.cylinders) + " cylinder" + (ev.cylinders == 1 ? "" : "s") +
                   (by.empty() ? "" : " by " + by);
        return ev.person + " へ酸素ボンベ " + std::to_string(ev.cylinders) + " 本の配送依頼" +
               (by.empty() ? "" : " (期限 " + by + ")");
    }
    case EventKind::note:
        return ev.text; // a note's text is required; English falls back to it
    }
    return "";
}

} // namespace

std::string format_problem(std::string_view file, const ScenarioProblem& p) {
    std::string out(file);
    if (p.line > 0) out += ":" + std::to_string(p.line);
    return out + ": " + p.field + ": " + p.message;
}

std::string format_problem_ja(std::string_view file, const ScenarioProblem& p) {
    std::string out(file);
    if (p.line > 0) out += ":" + std::to_string(p.line);
    return out + ": " + p.field + ": " + p.message_ja;
}

std::string_view to_string(EventKind k) {
    switch (k) {
    case EventKind::call_in:
        return "call_in";
    case EventKind::supporter_unavailable:
        return "supporter_unavailable";
    case EventKind::facility_status:
        return "facility_status";
    case EventKind::delivery_request:
        return "delivery_request";
    case EventKind::note:
        return "note";
    }
    return "note";
}

std::optional<EventKind> parse_event_kind(std::string_view s) {
    for (EventKind k : k_all_kinds)
        if (to_string(k) == s) return k;
    return std::nullopt;
}

ParseResult parse_scenario(std::string_view text, std::string_view /*file*/) {
    Problems problems;
    const std::vector<Section> sections = split_sections(text, problems);
    Scenario sc;
    bool onset_ok = false;
    bool end_ok = false;
    read_top(sections.front(), sc, onset_ok, end_ok, problems);
    for (std::size_t i = 1; i < sections.size(); ++i) {
        const Section& s = sections[i];
        if (s.name == "outage")
            read_outage(s, sc, onset_ok, end_ok, problems);
        else if (s.name == "closure")
            read_closure(s, sc, onset_ok, end_ok, problems);
        else
            read_event(s, sc, onset_ok, end_ok, problems);
    }
    ParseResult result;
    if (problems.size() == 0)
        result.scenario = std::move(sc);
    else
        result.problems = problems.take();
    return result;
}

Scenario load_scenario(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw DataError(ErrorCode::io,
                        "cannot read scenario '" + path.string() + "': check the path");
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw DataError(ErrorCode::io, "cannot read scenario '" + path.string() + "'");
    ParseResult r = parse_scenario(buf.str(), path.string());
    if (r.scenario) return std::move(*r.scenario);
    constexpr std::size_t k_max_listed = 20;
    std::string msg;
    for (std::size_t i = 0; i < r.problems.size() && i < k_max_listed; ++i) {
        if (!msg.empty()) msg += '\n';
        msg += format_problem(path.string(), r.problems[i]);
    }
    if (r.problems.size() > k_max_listed)
        msg += "\n... and " + std::to_string(r.problems.size() - k_max_listed) + " more";
    throw DataError(ErrorCode::invalid_input, msg);
}

std::vector<ScenarioProblem> check_references(const Scenario& scenario, Store& store) {
    std::vector<ScenarioProblem> out;
    bool ward_known = false;
    bool has_ward = false;
    for (const auto& o : scenario.outages) {
        if (!o.whole_ward) continue;
        if (!ward_known) {
            const auto wards = store.areas().areas("ward_boundary");
            has_ward = !wards.empty() && !wards.front().wkb.empty();
            ward_known = true;
        }
        if (!has_ward)
            out.push_back({o.line, "outage.area",
                           "area = \"ward\" but the database has no ward boundary (build the "
                           "demo or import one)",
                           "area = \"ward\" ですがデータベースに区の境界がありません (デモを作成"
                           "するか境界を読み込んでください)"});
    }
    for (const auto& ev : scenario.events) {
        if (!ev.person.empty() && !store.registry().person_by_external_id(ev.person))
            out.push_back({ev.reference_line, "event.person",
                           "no person with registry number '" + ev.person + "' in the database",
                           "登録番号 '" + ev.person + "' の利用者はデータベースにいません"});
        if (!ev.supporter.empty() && !store.registry().supporter_by_external_id(ev.supporter))
            out.push_back({ev.reference_line, "event.supporter",
                           "no supporter with number '" + ev.supporter + "' in the database",
                           "支援者番号 '" + ev.supporter + "' の支援者はデータベースにいません"});
        if (!ev.facility.empty() && !store.facilities().facility_by_external_id(ev.facility))
            out.push_back({ev.reference_line, "event.facility",
                           "no facility with id '" + ev.facility + "' in the database",
                           "施設 ID '" + ev.facility + "' の施設はデータベースにありません"});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.line < b.line; });
    return out;
}

std::vector<TimedAction> timeline(const Scenario& scenario) {
    std::vector<TimedAction> out;
    for (std::size_t i = 0; i < scenario.outages.size(); ++i) {
        const auto& o = scenario.outages[i];
        out.push_back({o.starts, ActionKind::outage_start, i, o.line});
        if (o.restores) out.push_back({*o.restores, ActionKind::outage_restore, i, o.line});
    }
    for (std::size_t i = 0; i < scenario.closures.size(); ++i) {
        const auto& c = scenario.closures[i];
        out.push_back({c.starts, ActionKind::closure_start, i, c.line});
        if (c.reopens) out.push_back({*c.reopens, ActionKind::closure_end, i, c.line});
    }
    for (std::size_t i = 0; i < scenario.events.size(); ++i)
        out.push_back({scenario.events[i].at, ActionKind::event, i, scenario.events[i].line});
    std::stable_sort(out.begin(), out.end(), [](const TimedAction& a, const TimedAction& b) {
        if (a.at != b.at) return a.at < b.at;
        if (a.line != b.line) return a.line < b.line;
        return static_cast<int>(a.kind) < static_cast<int>(b.kind);
    });
    return out;
}

std::string ticker_text(const Scenario& scenario, const TimedAction& action, bool english) {
    std::string body;
    switch (action.kind) {
    case ActionKind::outage_start: {
        const auto& o = scenario.outages.at(action.index);
        const std::string where =
            o.whole_ward ? (english ? " (whole ward)" : " (区内全域)") : std::string();
        body = english ? "Power outage: " + o.name + where : "停電発生: " + o.name + where;
        break;
    }
    case ActionKind::outage_restore: {
        const auto& o = scenario.outages.at(action.index);
        body = english ? "Power restored: " + o.name : "停電復旧: " + o.name;
        break;
    }
    case ActionKind::closure_start: {
        const auto& c = scenario.closures.at(action.index);
        body = english ? "Road closed: " + c.reason : "道路閉鎖: " + c.reason;
        break;
    }
    case ActionKind::closure_end: {
        const auto& c = scenario.closures.at(action.index);
        body = english ? "Road reopened: " + c.reason : "道路再開: " + c.reason;
        break;
    }
    case ActionKind::event: {
        const auto& ev = scenario.events.at(action.index);
        if (english && !ev.text_en.empty())
            body = ev.text_en;
        else if (!english && !ev.text.empty())
            body = ev.text;
        else
            body = default_event_text(ev, english);
        break;
    }
    }
    return body;
}

std::filesystem::path sample_scenario_dir() {
    return std::filesystem::path(BREATHLINE_SOURCE_DIR) / "data" / "drill" / "scenarios";
}

} // namespace breathline::data::drill
