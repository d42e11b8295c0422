#pragma once
/// Import of persons (forms 第1号/第2号/第3号), supporters and facilities from CSV (UTF-8 or
/// CP932), GeoJSON, GeoPackage and Shapefile into a Store. The column headers, accepted values
/// and the match rules are documented in docs/import-format.md.
///
/// One import is one transaction: either every row goes in, or nothing changes and the report
/// lists every bad row (file, line or feature, column, value, reason in Japanese and English).
/// With skip_invalid the good rows are committed and the bad ones are written to a rejects file.
/// Rows are matched on the external id (登録番号 / 支援者番号 / 施設ID), so importing a file
/// twice creates nothing new; persons without an external id fall back to name kana + birth
/// date + normalised address. Each created or updated row is audited by the store, and one
/// "import" entry with the counts is appended in the same transaction.

#include "data/io/import_kind.h"
#include "data/io/record_source.h"
#include "data/store/store.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data {

class TownGeocoder;

struct ImportOptions {
    ImportKind kind = ImportKind::persons;
    std::filesystem::path file;
    std::optional<std::string> layer; ///< OGR layer name (default: the first layer)
    bool skip_invalid = false;        ///< commit the good rows, write the bad ones to a file
    /// Where rejected rows go with skip_invalid; default FILE.rejected.csv beside the input.
    std::optional<std::filesystem::path> rejects_file;
    /// Town-level geocoder for rows without coordinates; nullptr: such rows stay unresolved.
    /// Must outlive the import_file() call.
    const TownGeocoder* geocoder = nullptr;
    /// Called with the number of records processed, every 1,000 records and at the end.
    std::function<void(std::size_t done)> progress;
};

/// One bad row (or one bad value of a row).
struct RowError {
    std::string file;
    std::size_t line = 0; ///< CSV physical line, or 1-based feature index for OGR formats
    std::string column;   ///< the header as written in the file ("" for the whole row)
    std::string value;
    std::string reason_ja, reason_en;
};

/// Something worth knowing that is not an error: an unknown column, an unresolved location,
/// a row matched by the fallback rule.
struct ImportNote {
    std::size_t line = 0; ///< 0 for notes about the whole file
    std::string column;
    std::string message_ja, message_en;
};

struct ImportReport {
    std::string file;
    ImportKind kind = ImportKind::persons;
    std::string format; ///< e.g. "CSV (CP932)", "GPKG layer 'persons'"
    RecordUnit unit = RecordUnit::line;
    std::size_t records = 0; ///< data records read (header excluded)
    /// Counts of what the committed transaction did; all zero when committed is false.
    std::size_t created = 0, updated = 0, unchanged = 0;
    std::size_t rejected = 0;            ///< records with at least one error
    std::size_t matched_by_fallback = 0; ///< persons matched by kana + birth date + address
    std::size_t links = 0;               ///< supporter links created or changed
    std::size_t located_exact = 0, located_town = 0, unresolved = 0;
    std::vector<RowError> errors; ///< every error, in file order
    std::vector<ImportNote> notes;
    bool committed = false;
    std::optional<std::filesystem::path> rejects_file; ///< written with skip_invalid

    /// "line 12" / "feature 12" (English) or "12 行目" / "12 番目の地物" (Japanese).
    std::string where(std::size_t line, bool japanese) const;
};

/// Imports `options.file` into `store`. Precondition: no UnitOfWork is open on the store.
/// Throws DataError(import_failed) (an ImportError with both languages) for whole-file
/// problems: missing or unreadable file, undecodable encoding, malformed CSV, a missing
/// required column, an unknown layer, a layer without a CRS whose coordinates are not lon/lat,
/// or a rejects file that cannot be written. Row problems are returned in the report, with
/// committed = false and the database unchanged unless skip_invalid is set. Not thread-safe
/// (the store belongs to one thread).
ImportReport import_file(Store& store, const ImportOptions& options);

/// The default rejects path: FILE.rejected.csv, i.e. ".rejected.csv" appended to the whole
/// file name ("persons.csv" → "persons.csv.rejected.csv"), beside the input.
std::filesystem::path default_rejects_path(const std::filesystem::path& file);

} // namespace breathline::data
