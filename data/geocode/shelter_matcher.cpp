#include "data/geocode/shelter_matcher.h"

#include "data/text/normalize.h"

#include <algorithm>

namespace breathline::data {

namespace {

// Removes parenthesised remarks, full-width （…） or ASCII (…), which GSI
// appends to names ("（連携校）") and which are not part of the name.
std::string without_remarks(std::string_view s) {
    std::string out;
    int depth = 0;
    for (std::size_t i = 0; i < s.size();) {
        if (s.substr(i, 3) == "（" || s[i] == '(') {
            ++depth;
            i += s[i] == '(' ? 1 : 3;
        } else if (s.substr(i, 3) == "）" || s[i] == ')') {
            if (depth > 0) --depth;
            i += s[i] == ')' ? 1 : 3;
        } else {
            if (depth == 0) out += s[i];
            ++i;
        }
    }
    return out;
}

std::string without_spaces(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\t') out += c;
    return out;
}

std::string short_form(std::string s) {
    for (auto [long_suffix, short_suffix] :
         {std::pair<std::string_view, std::string_view>{"小学校", "小"}, {"中学校", "中"}}) {
        if (s.size() > long_suffix.size() && s.ends_with(long_suffix)) {
            s.replace(s.size() - long_suffix.size(), long_suffix.size(), short_suffix);
            break;
        }
    }
    return s;
}

// Splits at '・' (U+30FB) and spaces; empty parts are dropped.
std::vector<std::string> components(std::string_view s) {
    std::vector<std::string> parts;
    std::string current;
    for (std::size_t i = 0; i < s.size();) {
        if (s.substr(i, 3) == "・") {
            parts.push_back(current);
            current.clear();
            i += 3;
        } else if (s[i] == ' ' || s[i] == '\t') {
            parts.push_back(current);
            current.clear();
            ++i;
        } else {
            current += s[i++];
        }
    }
    parts.push_back(current);
    std::erase_if(parts, [](const std::string& p) { return p.empty(); });
    return parts;
}

} // namespace

std::vector<std::string> shelter_name_keys(std::string_view name, bool short_form_keys) {
    const std::string folded = without_remarks(text::to_halfwidth_ascii(name));
    std::vector<std::string> keys{without_spaces(folded)};
    const auto parts = components(folded);
    if (parts.size() > 1) keys.insert(keys.end(), parts.begin(), parts.end());
    if (short_form_keys)
        for (auto& k : keys)
            k = short_form(std::move(k));
    std::erase_if(keys, [](const std::string& k) { return k.empty(); });
    return keys;
}

ShelterMatcher::ShelterMatcher(std::vector<std::vector<ShelterPoint>> sources)
    : m_sources(std::move(sources)) {}

ShelterMatch ShelterMatcher::match(std::string_view facility_name) const {
    ShelterMatch result;
    for (const bool short_keys : {false, true}) {
        const auto wanted = shelter_name_keys(facility_name, short_keys);
        if (wanted.empty()) return result;
        const std::string& key = wanted.front(); // the facility's whole name
        for (const auto& source : m_sources) {
            // Whole-name hits first: a GSI point named exactly like the
            // facility beats a combined entry that merely mentions it.
            for (const bool component_step : {false, true}) {
                std::vector<const ShelterPoint*> hits;
                for (const auto& point : source) {
                    const auto keys = shelter_name_keys(point.name, short_keys);
                    if (keys.empty()) continue;
                    const bool hit =
                        component_step ? std::find(keys.begin() + 1, keys.end(), key) != keys.end()
                                       : keys.front() == key;
                    const bool seen = std::any_of(hits.begin(), hits.end(), [&](const auto* h) {
                        return h->name == point.name;
                    });
                    if (hit && !seen) hits.push_back(&point);
                }
                if (hits.size() == 1) {
                    result.point = *hits.front();
                    result.via_short_form = short_keys;
                    result.via_component = component_step;
                    return result;
                }
                if (hits.size() > 1) {
                    for (const auto* h : hits)
                        result.ambiguous.push_back(h->name);
                    return result;
                }
            }
        }
    }
    return result;
}

} // namespace breathline::data
