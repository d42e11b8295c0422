#pragma once
/// The route sheet of one oxygen van (issue 6), as PDF for the driver: the stops in planned
/// order with the time at the door (JST), what to deliver or collect (cylinders), the
/// registry number and the address at town level (町丁目), and on the first page a map of the
/// route drawn with cairo: the ward outline, the roads, the driven line from the routing
/// service's route geometry (depot → stops → depot), numbered stops, north arrow, scale bar
/// and credits (© OpenStreetMap contributors). Names and full addresses are drawn only for the
/// driver's own sheet (`driver_names`); otherwise they are left out, not covered. Written to a
/// temporary file and published with one audit entry (action "export", report
/// "route_sheet"). Thread safety: one thread per store.

#include "data/dispatch/delivery_plan.h"
#include "data/reports/medical_notice.h"
#include "data/roads/routing_service.h"
#include "data/store/store.h"

#include <filesystem>
#include <optional>
#include <string>

namespace breathline::data::reports {

struct RouteSheetOptions {
    std::filesystem::path output;
    std::string vehicle; ///< e.g. "van-1"
    dispatch::Depot depot;
    /// The person's name and full address for each stop (the driver's copy); recorded in
    /// the audit entry.
    bool driver_names = false;
    /// Stops served before this belong to an earlier shift and are left off.
    ops::TimePoint since;
    /// The drill whose van is printed (issue 8); empty: the real van.
    std::optional<RowId> drill_incident;
    std::string profile = "car";
};

/// Writes the route sheet of `options.vehicle`: its planned, en-route and done stops (done
/// ones since `options.since`), in the order of their times. Throws DataError(not_found) when
/// the van has no stop (plan first: `breathline deliveries plan`), DataError(io) for files
/// and fonts.
ReportResult write_route_sheet(Store& store, RoutingService& routing,
                               const RouteSheetOptions& options);

} // namespace breathline::data::reports
