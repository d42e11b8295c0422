#pragma once
/// Storage of the oxygen stock and its loans (tables equipment, loans, loan_events, loan_items
/// and deliveries of migration 4). Every write is one transaction with one audit entry (entity
/// "equipment" / "loans", the person's registry number, never a name). A loan moves only as
/// loan.h's check_transition allows; the schema's partial unique index is the last guard
/// against one item on two loans.
///
/// Deliveries: reaching ⑥ adds a pending delivery of the loan (the van's job: VRP); ⑦ marks it
/// done; reaching ⑧ with a known therapy end adds a pending collection due then; ⑨ marks it
/// done and returns every item to stock.
///
/// Thread safety: like the Store it shares, one thread.
#include "data/dispatch/loan.h"
#include "data/store/store.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data::dispatch {

/// One step to take.
struct LoanAdvance {
    RowId loan_id = 0;
    LoanState to = LoanState::consultation;
    std::string at;                          ///< UTC ISO-8601
    std::string notes;                       ///< who/what, for the event (no personal names)
    std::vector<std::string> lend_serials;   ///< items handed over at ⑦
    std::optional<std::string> clinic;       ///< sets Loan::clinic first
    std::optional<double> flow_l_min;        ///< sets the prescribed flow first
    std::optional<std::string> therapy_ends; ///< sets therapy_ends_at first (UTC ISO-8601)
};

/// A pending or done delivery/collection of a loan.
struct LoanDelivery {
    RowId id = 0;
    RowId loan_id = 0;
    RowId person_id = 0;
    bool collection = false;
    int cylinders = 0;
    std::optional<std::string> due_by;
    std::string status; ///< pending | planned | en_route | done | failed | cancelled
};

class LoanStore {
public:
    virtual ~LoanStore() = default;
    /// Adds an item (id ignored). Throws DataError(invalid_input) naming the serial when it is
    /// already registered, or a cylinder has no capacity.
    virtual RowId add_equipment(const Equipment& item) = 0;
    /// Every item, ordered by kind then serial.
    virtual std::vector<Equipment> equipment() = 0;
    virtual std::optional<Equipment> equipment_by_serial(std::string_view serial) = 0;

    /// Opens a loan at ① for `loan.person_id` (state, id ignored); records the first event.
    /// Throws DataError(invalid_input) for an unknown person.
    virtual RowId open_loan(const Loan& loan) = 0;
    virtual std::optional<Loan> loan(RowId id) = 0;
    /// Ordered by id; closed ones only when `include_closed`.
    virtual std::vector<Loan> loans(bool include_closed) = 0;
    virtual std::vector<LoanEvent> events(RowId loan_id) = 0;
    virtual std::vector<LoanItem> items(RowId loan_id) = 0;
    virtual std::vector<LoanDelivery> deliveries(RowId loan_id) = 0;

    /// Takes one step. Throws DataError(invalid_input) with check_transition's reason (both
    /// languages) when it is not allowed, DataError(not_found) for an unknown loan or serial;
    /// nothing changes then. Returns the loan after the step.
    virtual Loan advance(const LoanAdvance& step) = 0;
};

/// The loan store of `store`, sharing its connection, actor and audit log; it must not
/// outlive `store`. Throws DataError(open_failed) for a backend without these tables.
std::unique_ptr<LoanStore> loan_store(Store& store);

/// The Minato programme's starting stock (20 cylinders, 10 demand regulators, 2 concentrators)
/// with serials "O2-CYL-01".. "O2-REG-01".. "O2-CON-01".. Cylinders: 500 L full (an assumed
/// common portable size: the seed gives counts, not sizes). Adds only serials not yet present.
/// Returns how many items were added.
int add_minato_starting_stock(LoanStore& loans, std::optional<RowId> depot_facility_id);

} // namespace breathline::data::dispatch
