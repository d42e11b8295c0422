#include "data/roads/profile_config.h"

#include "data/error.h"
#include "data/text/normalize.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

namespace breathline::data {

using geo::road::Profile;
using geo::road::RoadClass;

namespace {

constexpr const char* k_setting_keys =
    "speed, maxspeed, maxspeed_factor, oneway, access_speed_kmh, detour_factor, "
    "approximate_leg_m, max_snap_m";

std::string class_list() {
    std::string s;
    for (int i = 0; i < geo::road::road_class_count; ++i)
        s += std::string(i ? ", " : "") + geo::road::to_string(static_cast<RoadClass>(i));
    return s;
}

std::optional<RoadClass> class_named(const std::string& key) {
    for (int i = 0; i < geo::road::road_class_count; ++i)
        if (key == geo::road::to_string(static_cast<RoadClass>(i)))
            return static_cast<RoadClass>(i);
    return std::nullopt;
}

// 0.5 -> "0.5", 200 -> "200".
std::string plain(double d) {
    std::ostringstream out;
    out << d;
    return out.str();
}

// One section's lines, applied to the built-in profile once the section is
// complete so that the result does not depend on the order of its lines.
struct Section {
    Profile profile;
    std::size_t line = 0;
    std::optional<double> speed;
    std::map<RoadClass, std::optional<double>> classes;
    bool access_given = false;
    std::set<std::string> keys;
};

class Parser {
public:
    explicit Parser(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(std::size_t line, const std::string& problem,
                           const std::string& todo) const {
        throw DataError(ErrorCode::invalid_input,
                        m_file + ":" + std::to_string(line) + ": " + problem + ": " + todo);
    }

    double number(std::size_t line, const std::string& key, const std::string& value, double min,
                  double max, bool min_inclusive) const {
        double d = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), d);
        const bool ok = !value.empty() && ec == std::errc() && end == value.data() + value.size() &&
                        std::isfinite(d) && (min_inclusive ? d >= min : d > min) && d <= max;
        if (!ok)
            fail(line, "bad value for '" + key + "' ('" + value + "')",
                 "give a number " + std::string(min_inclusive ? "from " : "above ") + plain(min) +
                     " up to " + plain(max));
        return d;
    }

    bool flag(std::size_t line, const std::string& key, const std::string& value) const {
        if (value == "yes" || value == "true") return true;
        if (value == "no" || value == "false") return false;
        fail(line, "bad value for '" + key + "' ('" + value + "')", "write yes or no");
    }

    void set(Section& s, std::size_t line, const std::string& key, const std::string& value) {
        if (!s.keys.insert(key).second)
            fail(line, "'" + key + "' is given twice in [" + s.profile.name + "]",
                 "keep one of the lines");
        Profile& p = s.profile;
        if (const auto c = class_named(key)) {
            s.classes[*c] = value == "no"
                                ? std::nullopt
                                : std::optional<double>(number(line, key, value, 0, 200, false));
        } else if (key == "speed") {
            s.speed = number(line, key, value, 0, 200, false);
        } else if (key == "maxspeed") {
            p.use_maxspeed = flag(line, key, value);
        } else if (key == "maxspeed_factor") {
            p.maxspeed_factor = number(line, key, value, 0, 1.5, false);
        } else if (key == "oneway") {
            p.honour_oneway = flag(line, key, value);
        } else if (key == "access_speed_kmh") {
            p.access_speed_kmh = number(line, key, value, 0, 200, false);
            s.access_given = true;
        } else if (key == "detour_factor") {
            p.detour_factor = number(line, key, value, 1, 10, true);
        } else if (key == "approximate_leg_m") {
            p.approximate_leg_m = number(line, key, value, 0, 100000, true);
        } else if (key == "max_snap_m") {
            p.max_snap_m = number(line, key, value, 0, 100000, false);
        } else {
            fail(line, "unknown key '" + key + "' in [" + p.name + "] (value '" + value + "')",
                 "use a road class (" + class_list() + ") or one of " + k_setting_keys);
        }
    }

    static Profile finish(Section& s) {
        Profile& p = s.profile;
        for (int i = 0; i < geo::road::road_class_count; ++i) {
            const auto c = static_cast<RoadClass>(i);
            auto& speed = p.speed_kmh[static_cast<std::size_t>(i)];
            if (const auto it = s.classes.find(c); it != s.classes.end())
                speed = it->second;
            else if (s.speed && speed)
                speed = s.speed;
        }
        // Walking pace is also the pace of the leg to the road (Profile::walk).
        if (s.speed && p.name == "walk" && !s.access_given) p.access_speed_kmh = *s.speed;
        return p;
    }

    std::vector<Profile> parse(std::string_view text) {
        std::vector<Section> sections;
        std::size_t line_no = 0;
        std::size_t pos = 0;
        while (pos <= text.size()) {
            const std::size_t eol = std::min(text.find('\n', pos), text.size());
            std::string line(text.substr(pos, eol - pos));
            pos = eol + 1;
            ++line_no;
            if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
            if (const std::size_t c = line.find_first_of("#;"); c != std::string::npos)
                line.erase(c);
            line = text::trim(line);
            if (line.empty()) continue;
            if (line.front() == '[') {
                if (line.back() != ']')
                    fail(line_no, "section header '" + line + "' is not closed",
                         "write [car] or [walk]");
                const std::string name = text::trim(line.substr(1, line.size() - 2));
                if (name != "car" && name != "walk")
                    fail(line_no, "unknown profile [" + name + "]",
                         "the profiles are [car] and [walk]");
                for (const Section& s : sections)
                    if (s.profile.name == name)
                        fail(line_no,
                             "[" + name + "] appears twice (first on line " +
                                 std::to_string(s.line) + ")",
                             "merge the two sections");
                sections.push_back({name == "car" ? Profile::car() : Profile::walk(),
                                    line_no,
                                    std::nullopt,
                                    {},
                                    false,
                                    {}});
                continue;
            }
            const std::size_t eq = line.find('=');
            if (eq == std::string::npos)
                fail(line_no, "'" + line + "' is not a 'key = value' line",
                     "write e.g. 'residential = 20'");
            if (sections.empty())
                fail(line_no, "'" + line + "' comes before any [section]",
                     "put it under [car] or [walk]");
            const std::string key = text::trim(line.substr(0, eq));
            const std::string value = text::trim(line.substr(eq + 1));
            set(sections.back(), line_no, key, value);
        }
        std::vector<Profile> out;
        for (Section& s : sections)
            out.push_back(finish(s));
        for (const char* name : {"car", "walk"}) {
            bool found = false;
            for (const Profile& p : out)
                found = found || p.name == name;
            if (!found)
                out.push_back(std::string(name) == "car" ? Profile::car() : Profile::walk());
        }
        return out;
    }

private:
    std::string m_file;
};

} // namespace

std::vector<Profile> parse_profiles(std::string_view text, const std::string& file_name) {
    return Parser(file_name).parse(text);
}

std::vector<Profile> load_profiles(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw DataError(ErrorCode::io, "profile file '" + path.string() +
                                           "' cannot be read: check the path "
                                           "(the default is data/roads/profiles.ini)");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return parse_profiles(text, path.string());
}

const Profile& find_profile(const std::vector<Profile>& profiles, std::string_view name) {
    std::string known;
    for (const Profile& p : profiles) {
        if (p.name == name) return p;
        known += (known.empty() ? "" : ", ") + p.name;
    }
    throw DataError(ErrorCode::not_found,
                    "no travel profile '" + std::string(name) + "'; known profiles: " + known);
}

} // namespace breathline::data
