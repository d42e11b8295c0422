#pragma once
/// Safety checks from outside: validation with messages that name the field, and reading
/// checks from a JSON or CSV file whose keys are the form's Japanese labels or the English
/// column names (`breathline check record FILE`). No database: the caller resolves the person
/// and incident and records through IncidentStore.

#include "data/model/incident.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace breathline::data::ops {

/// One problem with one field of one check.
struct FieldProblem {
    std::size_t record = 0; ///< 1-based: CSV line, or JSON array element; 0 for a single value
    std::string field;      ///< canonical (English) field name, e.g. "spo2_pct"
    std::string value;      ///< the offending value as written
    std::string message_ja; ///< names the field and what is expected
    std::string message_en;
};

/// Plausibility of a check before it is recorded: checked_at is an ISO-8601 time, incident and
/// person are set, SpO2 0-100 %, pulse 20-250 /min, blood pressure systolic 50-260 and diastolic
/// 20-160 mmHg with systolic above diastolic, temperature 30-43 °C, every hour figure >= 0,
/// cylinders 0-100, cylinder capacity > 0 L, fill 0-1. Empty when the check is acceptable.
/// Thread-safe (pure).
std::vector<FieldProblem> validate_check(const SafetyCheck& check);

/// A check read from a file, with the registry number that names its person.
struct CheckRecordInput {
    std::size_t record = 0;         ///< as in FieldProblem::record
    std::string person_external_id; ///< 登録番号 / person / external_id
    SafetyCheck check;              ///< person_id and incident_id are left 0
};

struct CheckFileContents {
    std::vector<CheckRecordInput> records; ///< records without problems
    std::vector<FieldProblem> problems;    ///< unparseable values, unknown keys, missing person
};

/// The form's fields in the seed's order, as canonical (English) names: every field
/// read_check_text knows except the combined "blood_pressure" spelling (the form has
/// bp_systolic and bp_diastolic). Thread-safe.
std::vector<std::string_view> check_field_keys();
/// The Japanese label of a field as printed on the seed's form (its first alias), e.g.
/// "確認日時" for "checked_at"; "" for an unknown key. Thread-safe.
std::string_view check_field_label_ja(std::string_view key);
/// One record from (key, value) pairs, parsed exactly as one JSON object of a check file (the
/// console's form uses it, so a value accepted in a file is accepted in the form). Record
/// number 1; blank values leave fields empty. Thread-safe.
CheckFileContents read_check_fields(const std::vector<std::pair<std::string, std::string>>& fields);

/// Reads `path`: ".json" (an object, or an array of objects) or ".csv" (UTF-8 or CP932, header
/// row). Keys: the English field names of SafetyCheck, or the form's Japanese labels (確認日時,
/// 作動中, 電源, 外部電源の残時間, 蘇生バッグ, 血圧 "120/80", 脈拍, SpO2, 体温, 判断 在宅継続/入院/
/// 避難, ...). Values are parsed, not range-checked (validate_check does that). Empty values
/// leave a field blank. Throws DataError(io) when the file cannot be read and
/// DataError(invalid_input) naming the file for malformed JSON/CSV or an unknown extension.
CheckFileContents read_check_file(const std::filesystem::path& path);

/// The same from text already in memory; `json` selects the format. `name` is used in messages.
CheckFileContents read_check_text(const std::string& text, bool json, const std::string& name);

} // namespace breathline::data::ops
