#pragma once
/// Oxygen equipment lending (issue 6; the Minato seed, 酸素ボンベ等を活用した医療支援): the
/// ward's own stock (酸素ボンベ, 呼吸同調器, 酸素濃縮器) lent to people waiting at home for a
/// hospital bed, through the scheme's nine steps:
///   ① 健康相談 consultation          ② 診療調整 clinic_coordination
///   ③ 診療 clinic_consultation       ④ 入院調整依頼 admission_request
///   ⑤ 往診調整 visit_scheduling       ⑥ 酸素ボンベ等の配達依頼 delivery_request
///   ⑦ 配達 delivered                 ⑧ 往診（酸素療法） therapy_visit
///   ⑨ 回収 collected
/// and `cancelled` (before anything was delivered). Pure rules over values: which transitions
/// are legal, how long the lent cylinders last, and whether the stock covers the loans still
/// on their way to delivery. The store (loan_store.h) applies them in one transaction.
#include "data/model/person.h"
#include "data/ops/clock.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data::dispatch {

enum class EquipmentKind { cylinder, demand_regulator, concentrator };
enum class EquipmentStatus { in_stock, on_loan, maintenance, retired };

std::string_view to_db(EquipmentKind k); ///< cylinder | demand_regulator | concentrator
std::string_view to_db(EquipmentStatus s);
std::optional<EquipmentKind> parse_equipment_kind(std::string_view s); ///< db names, ja labels
std::optional<EquipmentStatus> parse_equipment_status(std::string_view s);
std::string_view label_ja(EquipmentKind k); ///< 酸素ボンベ | 呼吸同調器 | 酸素濃縮器
std::string_view label_en(EquipmentKind k);

/// One item of the stock, identified by its serial number.
struct Equipment {
    RowId id = 0;
    std::string serial;
    EquipmentKind kind = EquipmentKind::cylinder;
    std::optional<double> capacity_l; ///< cylinders: litres of oxygen when full (required)
    std::optional<double> fill_ratio; ///< cylinders: 0..1; unknown counts as full nowhere
    EquipmentStatus status = EquipmentStatus::in_stock;
    std::optional<RowId> depot_facility_id;
    std::string notes;
    std::int64_t row_version = 0;
    bool operator==(const Equipment&) const = default;
};

enum class LoanState {
    consultation,
    clinic_coordination,
    clinic_consultation,
    admission_request,
    visit_scheduling,
    delivery_request,
    delivered,
    therapy_visit,
    collected,
    cancelled
};
/// The nine steps in order (cancelled is not a step).
inline constexpr std::array<LoanState, 9> k_loan_steps{
    LoanState::consultation,      LoanState::clinic_coordination, LoanState::clinic_consultation,
    LoanState::admission_request, LoanState::visit_scheduling,    LoanState::delivery_request,
    LoanState::delivered,         LoanState::therapy_visit,       LoanState::collected};

std::string_view to_db(LoanState s);
/// Database names, step numbers "1".."9" / "①".."⑨", and the Japanese step names.
std::optional<LoanState> parse_loan_state(std::string_view s);
std::string_view label_ja(LoanState s); ///< e.g. "⑦ 配達"
std::string_view label_en(LoanState s); ///< e.g. "7 delivery"
/// 1..9 for the steps, 0 for cancelled.
int step_number(LoanState s);
/// True for collected and cancelled: nothing more happens to the loan.
bool is_closed(LoanState s);

struct Loan {
    RowId id = 0;
    RowId person_id = 0;
    std::optional<RowId> incident_id;
    LoanState state = LoanState::consultation;
    std::string clinic;                          ///< the clinic that examined and prescribed
    std::optional<double> prescribed_flow_l_min; ///< oxygen flow the clinic prescribed
    std::optional<std::string> therapy_ends_at;  ///< UTC ISO-8601, when known
    std::string opened_at;                       ///< UTC ISO-8601
    std::optional<std::string> closed_at;
    std::int64_t row_version = 0;
    bool operator==(const Loan&) const = default;
};

/// One step taken: when, by whom.
struct LoanEvent {
    RowId id = 0;
    RowId loan_id = 0;
    LoanState state = LoanState::consultation;
    std::string at;
    std::string actor;
    std::string notes;
};

/// An item out on a loan (returned_at set once it is back).
struct LoanItem {
    RowId loan_id = 0;
    RowId equipment_id = 0;
    std::string lent_at;
    std::optional<std::string> returned_at;
};

/// A refusal, with the reason in both languages; `ok` when the transition is legal.
struct TransitionCheck {
    bool ok = true;
    std::string reason_ja, reason_en;
};

/// Whether `loan` may move to `to`. Legal: the next step only (no skipping, no going back);
/// `cancelled` from any open state before delivery (after delivery the equipment must be
/// collected: step ⑨). Step requirements: ③ needs the clinic; ⑥ needs the prescribed flow;
/// ⑦ needs at least one cylinder or concentrator among `to_lend`, every item of `to_lend` in
/// stock and listed once; nothing can be lent outside step ⑦. Pure.
TransitionCheck check_transition(const Loan& loan, LoanState to,
                                 const std::vector<Equipment>& to_lend);

/// Hours the cylinders in `lent` last at `flow_l_min`: Σ capacity × fill ÷ (flow × 60). A
/// cylinder with unknown fill counts as empty (the safe side: replacement comes early).
/// nullopt when there is no cylinder or the flow is not positive. A demand regulator saves
/// oxygen, but by how much depends on the patient's breathing: no saving is assumed. Pure.
std::optional<double> cylinder_hours(const std::vector<Equipment>& lent, double flow_l_min);

/// When the lent cylinders run out: `delivered_at` + cylinder_hours. Pure.
std::optional<ops::TimePoint>
replacement_due(ops::TimePoint delivered_at, const std::vector<Equipment>& lent, double flow_l_min);

/// The stock of one kind against the loans still on their way to delivery.
struct StockLine {
    EquipmentKind kind = EquipmentKind::cylinder;
    int in_stock = 0;
    int on_loan = 0;
    int needed_ahead = 0; ///< open loans before ⑦ that will each need one
    int shortfall = 0;    ///< needed_ahead - in_stock when positive
};
/// One line per kind. Each open loan before ⑦ is expected to take one cylinder and one demand
/// regulator (the scheme's standard set; a concentrator only when asked for, so none are
/// counted ahead). A shortfall is the warning, raised while loans are still at steps ①-⑥. Pure.
std::vector<StockLine> stock_forecast(const std::vector<Equipment>& stock,
                                      const std::vector<Loan>& loans);

} // namespace breathline::data::dispatch
