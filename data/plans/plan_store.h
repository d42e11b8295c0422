#pragma once
/// Storage of individual support plans (tables support_plans, plan_steps, plan_versions,
/// plan_evaluations and invoices of migration 5; plan_steps.nurse_station of migration 9).
/// Every write is one transaction with one audit entry (entity "support_plans" / "invoices",
/// the person's registry number, never a name). A plan moves only as plan.h's check_step
/// allows; content is versioned (plan_versions rows are immutable: a trigger refuses updates).
///
/// Thread safety: like the Store it shares, one thread.
#include "data/plans/plan.h"
#include "data/store/store.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data::plans {

/// One step to take on an existing plan.
struct PlanAdvance {
    RowId plan_id = 0;
    PlanStep step = PlanStep::decision_notice;
    std::string at;                           ///< UTC ISO-8601; empty: now
    std::string document_ref;                 ///< e.g. 豊保健発第12号
    std::string notes;                        ///< no personal names
    std::optional<std::string> nurse_station; ///< sets the plan's station first (第5号)
    std::optional<PlanContent> content;       ///< plan / update: the new version
};

class PlanStore {
public:
    virtual ~PlanStore() = default;
    /// Opens a plan at the 第3号 application for `person_id`. Throws DataError(invalid_input)
    /// for an unknown person or one who already has a plan that is not withdrawn.
    virtual RowId create_plan(RowId person_id, const std::string& at,
                              const std::string& document_ref, const std::string& notes) = 0;
    virtual std::optional<SupportPlan> plan(RowId id) = 0;
    /// Every plan, ordered by id.
    virtual std::vector<SupportPlan> plans() = 0;
    /// The person's newest plan that is not withdrawn, else nullopt.
    virtual std::optional<SupportPlan> current_plan(RowId person_id) = 0;
    virtual std::vector<PlanStepRecord> steps(RowId plan_id) = 0;
    /// Steps of every plan (for invoices), ordered by id.
    virtual std::vector<PlanStepRecord> all_steps() = 0;
    /// Every version, oldest first.
    virtual std::vector<PlanVersion> versions(RowId plan_id) = 0;

    /// Takes one step. Throws DataError(invalid_input) with check_step's reason (both
    /// languages) when it is not allowed, DataError(not_found) for an unknown plan; nothing
    /// changes then. A plan or update adds a version and sets the next review a year on.
    virtual SupportPlan advance(const PlanAdvance& step) = 0;
    /// Ends the plan (state withdrawn); the history stays.
    virtual SupportPlan withdraw(RowId plan_id, const std::string& at,
                                 const std::string& reason) = 0;

    /// Records a 第8号 evaluation (every item, validated) and the evaluation step, in one
    /// transaction. Throws DataError(invalid_input) naming every invalid item.
    virtual void record_evaluation(const Evaluation& evaluation,
                                   const std::string& document_ref) = 0;
    /// Every evaluation of the plan, oldest first (items in the form's order).
    virtual std::vector<Evaluation> evaluations(RowId plan_id) = 0;

    /// Records the invoice of `totals` (one row) and an invoice step on each plan whose work it
    /// counts. Throws DataError(invalid_input) when this station's quarter was already
    /// invoiced or there is nothing to invoice. Returns the invoice id.
    virtual RowId record_invoice(const InvoiceTotals& totals, const std::string& at) = 0;
    /// Whether an invoice was recorded for the station and quarter.
    virtual bool invoiced(const std::string& station, const Quarter& quarter) = 0;
};

/// The plan store of `store`, sharing its connection, actor and audit log; it must not
/// outlive `store`. Throws DataError(open_failed) for a backend without these tables.
std::unique_ptr<PlanStore> plan_store(Store& store);

} // namespace breathline::data::plans
