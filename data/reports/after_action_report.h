#pragma once
/// The after-action report of a drill on paper and as data: an A4 PDF with charts drawn by
/// cairo (time to confirm per person, board counts over time, critical stretches per person,
/// team arrival times, deliveries on time vs late) and CSV files for further analysis. Persons
/// appear by registry number only; no name is ever read or drawn. Every file written is one
/// audited export (pdf_document.h: publish_report).
///
/// Thread safety: one Store's thread.

#include "data/drill/after_action.h"
#include "data/store/store.h"

#include <filesystem>
#include <vector>

namespace breathline::data::reports {

/// Language of the PDF's headings (the CSV headers are English field names).
struct AfterActionPdfOptions {
    bool english = false;
};

/// Writes the PDF to `output` (temp file + rename, audited as one export). Throws DataError(io)
/// naming the path. Pages: summary (figures + board chart), confirmations (chart + table),
/// critical runway (timeline chart + table), decisions, teams, deliveries, events.
void write_after_action_pdf(Store& store, const drill::AfterAction& report,
                            const std::filesystem::path& output,
                            const AfterActionPdfOptions& options = {});

/// Writes into directory `dir` (created when missing): summary.csv, confirmations.csv,
/// decisions.csv, critical.csv, teams.csv, deliveries.csv, board.csv, events.csv — UTF-8,
/// header row, RFC 4180 quoting, times as UTC ISO-8601 plus a minutes-after-onset column.
/// One audit entry for the set. Returns the paths written. Throws DataError(io) naming the
/// path.
/// The files start with a UTF-8 BOM, like every CSV export of Breathline (Excel on Japanese
/// Windows needs it; text::CsvReader and pandas' utf-8-sig skip it). Empty cell: no value.
/// The audit entry: action "export", entity the directory, entity id "after_action_csv".
/// The PDF's entry: entity the output path, entity id "after_action_report".
std::vector<std::filesystem::path> write_after_action_csv(Store& store,
                                                          const drill::AfterAction& report,
                                                          const std::filesystem::path& dir);

} // namespace breathline::data::reports
