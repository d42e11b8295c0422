#pragma once
// Internal to the importer: turns one SourceRecord into a Person, Supporter or Facility,
// collecting every bad value of the row as a RowError. Columns present in the file define
// their fields (a blank cell clears the field); columns absent from the file leave the
// fields of `base` (the existing row, or a default one) unchanged.

#include "data/io/header_map.h"
#include "data/io/importer.h"
#include "data/io/record_source.h"
#include "data/io/value_parsers.h"
#include "data/model/facility.h"
#include "data/model/person.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace breathline::data {

/// Column lookup by canonical key, built once per import.
class ColumnIndex {
public:
    ColumnIndex(const HeaderMap& map, ImportKind kind);
    /// Index of the column for `key`, or -1 when the file has none.
    int find(std::string_view key) const;
    /// Header as written (or the primary Japanese header when the column is absent).
    const std::string& header(std::string_view key) const;

private:
    std::unordered_map<std::string, int> m_index;
    std::unordered_map<std::string, std::string> m_header;
};

/// Reads cells of one record by key and records errors against the row.
class RowReader {
public:
    RowReader(const ColumnIndex& columns, const SourceRecord& record, const std::string& file);

    bool has(std::string_view key) const { return m_columns.find(key) >= 0; }
    /// The cell as written ("" when the column is absent).
    std::string_view raw(std::string_view key) const;
    /// The cell trimmed (not width-folded: names and addresses keep their characters).
    std::string text(std::string_view key) const;
    /// The cell folded to half-width and trimmed (phones, postal codes, ids).
    std::string folded(std::string_view key) const;
    bool blank(std::string_view key) const { return is_blank(raw(key)); }

    /// The parsed value, or nullopt after recording the failure against `key`.
    template <typename T> std::optional<T> take(std::string_view key, ValueResult<T> result) {
        if (result) return std::move(result.value);
        error(key, std::string(raw(key)), std::move(result.reason_ja), std::move(result.reason_en));
        return std::nullopt;
    }
    void error(std::string_view key, std::string value, std::string ja, std::string en);
    const std::vector<RowError>& errors() const { return m_errors; }
    std::vector<RowError>& errors() { return m_errors; }
    const SourceRecord& record() const { return m_record; }
    const ColumnIndex& columns() const { return m_columns; }

private:
    const ColumnIndex& m_columns;
    const SourceRecord& m_record;
    const std::string& m_file;
    std::vector<RowError> m_errors;
};

/// Overlays the person columns of the row onto `p` (address normalised, devices and batteries
/// parsed). Location columns are handled by apply_location().
void apply_person_columns(RowReader& r, Person& p);
/// Overlays the supporter columns of the row onto `s` (except location and links).
void apply_supporter_columns(RowReader& r, Supporter& s);
/// Overlays the facility columns of the row onto `f` (except location).
void apply_facility_columns(RowReader& r, Facility& f);

/// Where a row's location comes from.
struct LocationOutcome {
    std::optional<geo::LonLat> location;
    GeocodePrecision precision = GeocodePrecision::unresolved;
    std::string town;  ///< the town key used for town-level geocoding
    bool kept = false; ///< the existing row's location was kept
};

/// Resolves a row's location: lon/lat columns, else the feature geometry (both exact, or the
/// geocode_precision column's manual), else the existing exact/manual location when the
/// address did not change, else the town of `address` through `geocoder`, else unresolved.
/// Records errors for bad coordinates.
LocationOutcome resolve_location(RowReader& r, const std::optional<geo::LonLat>& existing,
                                 GeocodePrecision existing_precision, bool address_changed,
                                 const std::string& address, const TownGeocoder* geocoder);

/// The fallback match key of a person without an external id: name kana (spaces removed,
/// hiragana folded to katakana) + birth date + normalised address, joined by '|'; "" when any
/// part is missing.
std::string person_fallback_key(std::string_view name_kana,
                                const std::optional<std::string>& birth_date,
                                std::string_view address_normalized);

/// The fallback key computed from a row's cells (for the duplicate pass); "" when incomplete
/// or when a part does not parse.
std::string person_fallback_key_of_row(const RowReader& r);

} // namespace breathline::data
