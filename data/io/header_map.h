#pragma once
/// Maps the column headers of an import file to canonical field keys. A column may be headed
/// by the canonical English key of data::person_fields() / supporter_fields() /
/// facility_fields(), by the Japanese header of that table (as on forms 第1号/第2号/第3号), or by
/// one of the documented aliases (docs/import-format.md). Headers are compared after folding
/// full-width to half-width, dropping every space and lower-casing ASCII, so "電話（自宅）",
/// "電話 (自宅)" and "電話(自宅)" are the same column. Pure: no I/O, thread-safe.

#include "data/io/import_kind.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data {

/// One column the importer understands.
struct ImportColumn {
    std::string_view key;       ///< canonical key (person_fields() key or an import-only key)
    std::string_view header_ja; ///< primary Japanese header
    std::vector<std::string_view> aliases; ///< further accepted spellings
    bool required = false; ///< the column must be present (its cells may still be blank)
};

/// Columns accepted for `kind`, in documentation order. Besides the field-table keys there are
/// import-only keys: "other_devices" (その他医療機器等, persons), "person_external_ids"
/// (支援対象者, supporters) and "link_role" (役割, supporters).
const std::vector<ImportColumn>& import_columns(ImportKind kind);

/// The comparison form of a header: half-width, no spaces, ASCII lower case.
std::string normalize_header(std::string_view header);

/// The result of matching a header row.
struct HeaderMap {
    std::vector<std::string> headers; ///< as written in the file, one per column
    std::vector<std::string> keys;    ///< canonical key per column; "" for an unknown column
    std::vector<std::size_t> unknown_columns; ///< indexes of columns with no key
    /// Columns that name a key already taken by an earlier column: (earlier, later).
    std::vector<std::pair<std::size_t, std::size_t>> duplicates;
    /// Required keys with no column.
    std::vector<std::string_view> missing_required;

    /// Index of the column holding `key`, or nullopt when the file has none.
    std::optional<std::size_t> column(std::string_view key) const;
    /// The header as written for `key`, or the primary Japanese header when absent.
    std::string header_for(std::string_view key, ImportKind kind) const;
};

/// Matches `headers` (first record of a CSV file, or the field names of an OGR layer).
HeaderMap map_headers(ImportKind kind, const std::vector<std::string>& headers);

/// "登録番号 / external_id / ID / ..." : every accepted spelling of `key`, for error messages.
std::string accepted_spellings(ImportKind kind, std::string_view key);

} // namespace breathline::data
