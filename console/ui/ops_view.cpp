#include "console/ui/ops_view.h"

#include <algorithm>

namespace breathline::ui {

namespace {
const std::string k_empty;

std::optional<std::size_t> key_index(const std::vector<std::string>& keys, std::string_view key) {
    const auto it = std::find(keys.begin(), keys.end(), key);
    if (it == keys.end()) return std::nullopt;
    return static_cast<std::size_t>(it - keys.begin());
}

// "2026-11-22 12:00 JST" → "2026-11-22T12:00", the spelling parse_time reads as JST and a
// person types back.
std::string form_time(data::ops::TimePoint t) {
    std::string s = data::ops::format_time_jst(t);
    if (s.size() >= 16) s = s.substr(0, 10) + "T" + s.substr(11, 5);
    return s;
}
} // namespace

const std::string& CheckForm::value(std::string_view key) const {
    const auto i = key_index(keys, key);
    return i && *i < values.size() ? values[*i] : k_empty;
}

void CheckForm::set(std::string_view key, std::string text) {
    if (const auto i = key_index(keys, key); i && *i < values.size()) values[*i] = std::move(text);
}

const data::ops::FieldProblem* CheckForm::problem_for(std::string_view key) const {
    for (const auto& p : problems)
        if (p.field == key) return &p;
    return nullptr;
}

CheckForm make_check_form(data::RowId person_id, std::string external_id, data::ops::TimePoint now,
                          const data::SafetyCheck* previous) {
    CheckForm form;
    form.person_id = person_id;
    form.person_external_id = std::move(external_id);
    for (const auto key : data::ops::check_field_keys())
        form.keys.emplace_back(key);
    form.values.assign(form.keys.size(), std::string());
    form.set("checked_at", form_time(now));
    if (previous) {
        form.set("checker_affiliation", previous->checker_affiliation);
        form.set("checker_name", previous->checker_name);
    }
    return form;
}

const data::ops::BoardRow* OpsView::board_row(data::RowId person_id) const {
    if (!board) return nullptr;
    for (const auto& row : board->rows)
        if (row.person_id == person_id) return &row;
    return nullptr;
}

} // namespace breathline::ui
