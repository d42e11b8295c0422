#pragma once
/// The call list of one transport team (issue 6), as PDF for the coordinator who phones the
/// supporters: the request, the person's registry number and town (町丁目), the destination,
/// and for each member the supporter number, kind, phone, ETA in minutes and whether the
/// supporter is linked to the person (knows the home and the plan), plus what is missing when
/// the team is short. Names — the person's and the supporters' — are drawn only when personal
/// data is requested; otherwise they are left out (not covered), and phones keep only their
/// punctuation (export_masking.h). Written to a temporary file and published with one audit
/// entry (action "export", report "team_call_list"). Thread safety: one thread per store.

#include "data/reports/medical_notice.h"
#include "data/store/store.h"

#include <filesystem>

namespace breathline::data::reports {

struct CallListOptions {
    std::filesystem::path output;
    /// Names, full address and phone numbers; recorded in the audit entry.
    bool include_personal = false;
};

/// Writes the call list of transport request `request_id`. Throws DataError(not_found) for an
/// unknown request, DataError(io) for files and fonts.
ReportResult write_team_call_list(Store& store, RowId request_id, const CallListOptions& options);

} // namespace breathline::data::reports
