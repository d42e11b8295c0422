#pragma once
/// Shared command-line helpers of the incident verbs (incident, outage, check record, board):
/// the scenario clock from --now / $BREATHLINE_NOW, time options, and which incident a verb
/// works on.

#include "console/cli/cli.h"
#include "data/ops/clock.h"
#include "data/store/store.h"
#include "geo/polygon.h"

#include <optional>
#include <string>
#include <vector>

namespace breathline::cli {

/// "Now" for the incident verbs: the global --now (or $BREATHLINE_NOW) when given, so scripts,
/// drills and tests run on a scenario clock; otherwise the system clock.
data::ops::TimePoint now_of(const Context& ctx);

/// The time in option `name` (ISO-8601; without a zone, Japan time), or `fallback` when the
/// option is absent. Throws UsageError naming the option and value when it is not a time.
data::ops::TimePoint time_option(const Context& ctx, const Args& args, const std::string& name,
                                 data::ops::TimePoint fallback);

/// The incident named by --incident ID, else the active one. Throws UsageError for a malformed
/// id, DataError(not_found) naming what to do when there is no such incident / none is active.
data::Incident incident_for(const Context& ctx, data::Store& store, const Args& args);

/// Registered persons who are at home (status active), ordered by id: the board's rows.
std::vector<data::Person> persons_at_home(data::Store& store);

/// The ward's stored boundary (the demo's ward_boundary area) as an outage area shape. Throws
/// DataError(not_found) naming the database when there is none.
geo::MultiPolygon ward_boundary(data::Store& store);

/// `check record FILE [--incident ID]` (dispatched by the check verb).
int run_check_record(Context& ctx, const Args& args);

} // namespace breathline::cli
