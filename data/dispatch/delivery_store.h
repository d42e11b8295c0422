#pragma once
/// Storage of the van's jobs: the oxygen deliveries and collections in the `deliveries` table of
/// migration 4 (rows are created by the loan store at steps ⑥ and ⑧, loan_store.h). This store
/// reads them for planning (delivery_plan.h), writes a plan (vehicle and planned time per row,
/// or the reason a row stays unplanned) and marks a stop served. Every write is one transaction
/// with one audit entry (entity "deliveries"); entries name registry numbers, never names.
///
/// Thread safety: like the Store it shares, one thread.
#include "data/store/store.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data::dispatch {

enum class DeliveryStatus { pending, planned, en_route, done, failed, cancelled };

std::string_view to_db(DeliveryStatus s); ///< pending | planned | en_route | done | ...
std::optional<DeliveryStatus> parse_delivery_status(std::string_view s);

/// One row of `deliveries`, with the person's registry number joined in (for messages and
/// audit entries; the name is never read here).
struct DeliveryRow {
    RowId id = 0;
    std::optional<RowId> loan_id;
    RowId person_id = 0;
    std::string registry_number;
    /// A collection (pickup of the lent equipment when therapy ends) rather than a delivery.
    bool collection = false;
    int cylinders = 0;
    int service_s = 600; ///< time at the door, seconds
    /// UTC ISO-8601. A delivery: the latest time it may arrive (rarely set; the runway gives
    /// the deadline). A collection: when the therapy ends, i.e. the earliest useful visit.
    std::optional<std::string> due_by;
    int priority = 0; ///< higher first when not everything fits
    DeliveryStatus status = DeliveryStatus::pending;
    std::string vehicle;                   ///< empty when unassigned
    std::optional<std::string> planned_at; ///< UTC ISO-8601: planned start at the door
    std::optional<std::string> done_at;    ///< UTC ISO-8601: when it was served
    std::string notes; ///< "unassigned:<reason>" after a plan that could not place it
    std::int64_t row_version = 0;
    /// The drill this row belongs to (issue 8); empty for real rows. Drill rows are never
    /// planned, listed or printed with real ones.
    std::optional<RowId> incident_id;
    std::optional<std::string> requested_at; ///< UTC ISO-8601 (drill requests)
};

/// The outcome of one plan for one row.
struct PlannedRow {
    RowId id = 0;
    std::string vehicle;    ///< empty: unassigned
    std::string planned_at; ///< UTC ISO-8601; empty when unassigned
    std::string reason;     ///< unassigned: capacity | deadline | unreachable | time_window
};

class DeliveryStore {
public:
    virtual ~DeliveryStore() = default;
    /// Real rows (no drill) whose status is one of `statuses`, ordered by id.
    std::vector<DeliveryRow> deliveries(const std::vector<DeliveryStatus>& statuses) {
        return deliveries_in(statuses, std::nullopt);
    }
    /// Rows of drill `drill_incident` (or, empty, real rows) whose status is one of
    /// `statuses`, ordered by id.
    virtual std::vector<DeliveryRow> deliveries_in(const std::vector<DeliveryStatus>& statuses,
                                                   std::optional<RowId> drill_incident) = 0;
    /// A delivery requested by a drill scenario (no loan): pending, `cylinders` for the person,
    /// due by `due_by` when given. Audited ("drill_request"). Returns its id. Throws
    /// DataError(invalid_input) when `incident_id` is not a drill.
    virtual RowId add_drill_delivery(RowId incident_id, RowId person_id, int cylinders,
                                     const std::optional<std::string>& due_by,
                                     const std::string& requested_at) = 0;
    virtual std::optional<DeliveryRow> delivery(RowId id) = 0;
    /// Writes a plan in one transaction with one audit entry (action "plan", `summary`, which
    /// must name registry numbers only): an assigned row becomes planned with its vehicle and
    /// planned time; an unassigned one becomes pending without vehicle, its notes holding
    /// "unassigned:<reason>". Only rows still pending or planned are touched (a stop served
    /// meanwhile is never overwritten); returns how many rows were written.
    virtual std::size_t write_plan(const std::vector<PlannedRow>& rows,
                                   const std::string& summary) = 0;
    /// Marks a row served at `at` (UTC ISO-8601), keeping its vehicle, audited. Throws
    /// DataError(not_found) for an unknown id, DataError(invalid_input) naming the status when
    /// it is already done, failed or cancelled. Returns the row after the change.
    virtual DeliveryRow mark_done(RowId id, const std::string& at) = 0;
};

/// The delivery store of `store`, sharing its connection, actor and audit log; it must not
/// outlive `store`. Throws DataError(open_failed) for a backend without these tables.
std::unique_ptr<DeliveryStore> delivery_store(Store& store);

} // namespace breathline::data::dispatch
