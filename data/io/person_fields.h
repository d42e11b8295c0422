#pragma once
/// Field tables for Person, Supporter and Facility: the one place that names
/// each field (database/CSV key, the Japanese header used on the forms, and
/// whether it is personal data). Export, import header mapping, masking and
/// the audit log's change summaries all read these tables, so a new field is
/// added once.

#include "data/model/facility.h"
#include "data/model/person.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data {

template <typename T> struct FieldDef {
    std::string_view key;       ///< canonical column name (English, snake_case)
    std::string_view header_ja; ///< header as on the forms (第1号様式 etc.)
    bool personal;              ///< masked in exports unless personal data is requested
    std::function<std::string(const T&)> get; ///< canonical text; "" for empty
};

const std::vector<FieldDef<Person>>& person_fields();
const std::vector<FieldDef<Supporter>>& supporter_fields();
const std::vector<FieldDef<Facility>>& facility_fields();

/// Text forms shared by export and the change summaries.
std::string format_bool(const std::optional<bool>& v);     ///< "1", "0" or ""
std::string format_number(const std::optional<double>& v); ///< shortest round-trip, "" when empty

/// "field: before → after" lines for the fields that differ; personal fields
/// are named but their values are never written (the audit log must not
/// leak them).
template <typename T>
std::string change_summary(const std::vector<FieldDef<T>>& fields, const T& before,
                           const T& after) {
    std::string out;
    for (const auto& f : fields) {
        const std::string a = f.get(before);
        const std::string b = f.get(after);
        if (a == b) continue;
        if (!out.empty()) out += "; ";
        out += f.key;
        if (!f.personal)
            out += ": " + (a.empty() ? std::string("∅") : a) + " → " +
                   (b.empty() ? std::string("∅") : b);
    }
    return out;
}

} // namespace breathline::data
