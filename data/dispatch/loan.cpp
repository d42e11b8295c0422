#include "data/dispatch/loan.h"

#include <algorithm>
#include <set>

namespace breathline::data::dispatch {

namespace {

struct StateName {
    LoanState state;
    std::string_view db, ja, en, digit, circled, name_ja;
};

constexpr StateName k_states[] = {
    {LoanState::consultation, "consultation", "① 健康相談", "1 consultation", "1", "①", "健康相談"},
    {LoanState::clinic_coordination, "clinic_coordination", "② 診療調整", "2 clinic coordination",
     "2", "②", "診療調整"},
    {LoanState::clinic_consultation, "clinic_consultation", "③ 診療", "3 clinic consultation", "3",
     "③", "診療"},
    {LoanState::admission_request, "admission_request", "④ 入院調整依頼", "4 admission request",
     "4", "④", "入院調整依頼"},
    {LoanState::visit_scheduling, "visit_scheduling", "⑤ 往診調整", "5 visit scheduling", "5", "⑤",
     "往診調整"},
    {LoanState::delivery_request, "delivery_request", "⑥ 酸素ボンベ等の配達依頼",
     "6 delivery request", "6", "⑥", "配達依頼"},
    {LoanState::delivered, "delivered", "⑦ 配達", "7 delivery", "7", "⑦", "配達"},
    {LoanState::therapy_visit, "therapy_visit", "⑧ 往診（酸素療法）", "8 oxygen-therapy visit", "8",
     "⑧", "往診"},
    {LoanState::collected, "collected", "⑨ 回収", "9 collection", "9", "⑨", "回収"},
    {LoanState::cancelled, "cancelled", "取消", "cancelled", "", "", "取消"},
};

const StateName& name_of(LoanState s) {
    for (const auto& n : k_states)
        if (n.state == s) return n;
    return k_states[0];
}

TransitionCheck refuse(std::string ja, std::string en) {
    return {false, std::move(ja), std::move(en)};
}

} // namespace

std::string_view to_db(EquipmentKind k) {
    switch (k) {
    case EquipmentKind::cylinder:
        return "cylinder";
    case EquipmentKind::demand_regulator:
        return "demand_regulator";
    case EquipmentKind::concentrator:
        return "concentrator";
    }
    return {};
}

std::string_view to_db(EquipmentStatus s) {
    switch (s) {
    case EquipmentStatus::in_stock:
        return "in_stock";
    case EquipmentStatus::on_loan:
        return "on_loan";
    case EquipmentStatus::maintenance:
        return "maintenance";
    case EquipmentStatus::retired:
        return "retired";
    }
    return {};
}

std::optional<EquipmentKind> parse_equipment_kind(std::string_view s) {
    for (const auto k :
         {EquipmentKind::cylinder, EquipmentKind::demand_regulator, EquipmentKind::concentrator})
        if (s == to_db(k) || s == label_ja(k)) return k;
    if (s == "ボンベ") return EquipmentKind::cylinder;
    if (s == "regulator" || s == "同調器") return EquipmentKind::demand_regulator;
    return std::nullopt;
}

std::optional<EquipmentStatus> parse_equipment_status(std::string_view s) {
    for (const auto v : {EquipmentStatus::in_stock, EquipmentStatus::on_loan,
                         EquipmentStatus::maintenance, EquipmentStatus::retired})
        if (s == to_db(v)) return v;
    return std::nullopt;
}

std::string_view label_ja(EquipmentKind k) {
    switch (k) {
    case EquipmentKind::cylinder:
        return "酸素ボンベ";
    case EquipmentKind::demand_regulator:
        return "呼吸同調器";
    case EquipmentKind::concentrator:
        return "酸素濃縮器";
    }
    return {};
}

std::string_view label_en(EquipmentKind k) {
    switch (k) {
    case EquipmentKind::cylinder:
        return "oxygen cylinder";
    case EquipmentKind::demand_regulator:
        return "demand regulator";
    case EquipmentKind::concentrator:
        return "oxygen concentrator";
    }
    return {};
}

std::string_view to_db(LoanState s) {
    return name_of(s).db;
}
std::string_view label_ja(LoanState s) {
    return name_of(s).ja;
}
std::string_view label_en(LoanState s) {
    return name_of(s).en;
}

std::optional<LoanState> parse_loan_state(std::string_view s) {
    for (const auto& n : k_states)
        if (s == n.db || s == n.ja || s == n.name_ja || (!n.digit.empty() && s == n.digit) ||
            (!n.circled.empty() && s == n.circled))
            return n.state;
    return std::nullopt;
}

int step_number(LoanState s) {
    const auto it = std::find(k_loan_steps.begin(), k_loan_steps.end(), s);
    return it == k_loan_steps.end() ? 0 : static_cast<int>(it - k_loan_steps.begin()) + 1;
}

bool is_closed(LoanState s) {
    return s == LoanState::collected || s == LoanState::cancelled;
}

TransitionCheck check_transition(const Loan& loan, LoanState to,
                                 const std::vector<Equipment>& to_lend) {
    const std::string from_ja(label_ja(loan.state)), from_en(label_en(loan.state));
    const std::string to_ja(label_ja(to)), to_en(label_en(to));
    if (is_closed(loan.state))
        return refuse("貸与 " + std::to_string(loan.id) + " は「" + from_ja + "」で終了しています",
                      "loan " + std::to_string(loan.id) + " is closed (" + from_en + ")");
    if (!to_lend.empty() && to != LoanState::delivered)
        return refuse("機器を貸し出せるのは「⑦ 配達」のときだけです",
                      "equipment is lent only at step 7 (delivery)");
    if (to == LoanState::cancelled) {
        if (step_number(loan.state) >= step_number(LoanState::delivered))
            return refuse("配達済みの貸与は取り消せません。「⑨ 回収」で機器を回収してください",
                          "a delivered loan cannot be cancelled; collect the equipment (step 9)");
        return {};
    }
    if (step_number(to) != step_number(loan.state) + 1)
        return refuse("「" + from_ja + "」から「" + to_ja + "」へは進めません (次は「" +
                          std::string(label_ja(k_loan_steps[step_number(loan.state)])) + "」)",
                      "cannot go from " + from_en + " to " + to_en + " (next is " +
                          std::string(label_en(k_loan_steps[step_number(loan.state)])) + ")");
    if (to == LoanState::clinic_consultation &&
        loan.clinic.find_first_not_of(" \t") == std::string::npos)
        return refuse("「③ 診療」には医療機関 (clinic) の記録が必要です",
                      "step 3 needs the clinic (give --clinic)");
    if (to == LoanState::delivery_request &&
        !(loan.prescribed_flow_l_min && *loan.prescribed_flow_l_min > 0))
        return refuse("「⑥ 配達依頼」には処方された酸素流量 (L/分) が必要です",
                      "step 6 needs the prescribed oxygen flow (give --flow L/min)");
    if (to == LoanState::delivered) {
        const bool supplies = std::any_of(to_lend.begin(), to_lend.end(), [](const Equipment& e) {
            return e.kind == EquipmentKind::cylinder || e.kind == EquipmentKind::concentrator;
        });
        if (!supplies)
            return refuse("「⑦ 配達」には酸素ボンベか酸素濃縮器が1台以上必要です (--lend)",
                          "step 7 needs at least one cylinder or concentrator (give --lend)");
        std::set<std::string> seen;
        for (const auto& e : to_lend) {
            if (!seen.insert(e.serial).second)
                return refuse("機器 " + e.serial + " が2回指定されています",
                              "item " + e.serial + " is listed twice");
            if (e.status != EquipmentStatus::in_stock)
                return refuse("機器 " + e.serial + " は在庫にありません (" +
                                  std::string(to_db(e.status)) + ")",
                              "item " + e.serial + " is not in stock (" +
                                  std::string(to_db(e.status)) + ")");
        }
    }
    return {};
}

std::optional<double> cylinder_hours(const std::vector<Equipment>& lent, double flow_l_min) {
    if (!(flow_l_min > 0)) return std::nullopt;
    double litres = 0;
    bool any = false;
    for (const auto& e : lent) {
        if (e.kind != EquipmentKind::cylinder) continue;
        any = true;
        if (e.capacity_l && e.fill_ratio) litres += *e.capacity_l * *e.fill_ratio;
    }
    if (!any) return std::nullopt;
    return litres / (flow_l_min * 60.0);
}

std::optional<ops::TimePoint> replacement_due(ops::TimePoint delivered_at,
                                              const std::vector<Equipment>& lent,
                                              double flow_l_min) {
    const auto hours = cylinder_hours(lent, flow_l_min);
    if (!hours) return std::nullopt;
    return delivered_at + std::chrono::seconds(static_cast<std::int64_t>(*hours * 3600.0));
}

std::vector<StockLine> stock_forecast(const std::vector<Equipment>& stock,
                                      const std::vector<Loan>& loans) {
    int ahead = 0;
    for (const auto& l : loans)
        if (!is_closed(l.state) && step_number(l.state) < step_number(LoanState::delivered))
            ++ahead;
    std::vector<StockLine> out;
    for (const auto kind :
         {EquipmentKind::cylinder, EquipmentKind::demand_regulator, EquipmentKind::concentrator}) {
        StockLine line;
        line.kind = kind;
        for (const auto& e : stock) {
            if (e.kind != kind) continue;
            if (e.status == EquipmentStatus::in_stock) ++line.in_stock;
            if (e.status == EquipmentStatus::on_loan) ++line.on_loan;
        }
        line.needed_ahead = kind == EquipmentKind::concentrator ? 0 : ahead;
        line.shortfall = std::max(0, line.needed_ahead - line.in_stock);
        out.push_back(line);
    }
    return out;
}

} // namespace breathline::data::dispatch
