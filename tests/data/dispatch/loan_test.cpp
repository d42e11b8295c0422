// Oxygen loans: every transition of the nine-step scheme checked against the rule (legal:
// the next step, or cancelled before delivery), step requirements, no item lent twice (by the
// rules and by the schema), cylinder hours, the stock forecast, and the store's transaction,
// events, deliveries and audit entries.

#include "data/dispatch/loan_store.h"
#include "data/error.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

namespace breathline::data::dispatch {
namespace {

constexpr LoanState k_all[] = {LoanState::consultation,        LoanState::clinic_coordination,
                               LoanState::clinic_consultation, LoanState::admission_request,
                               LoanState::visit_scheduling,    LoanState::delivery_request,
                               LoanState::delivered,           LoanState::therapy_visit,
                               LoanState::collected,           LoanState::cancelled};

Equipment item(std::string serial, EquipmentKind kind, double litres = 500, double fill = 1) {
    Equipment e;
    e.serial = std::move(serial);
    e.kind = kind;
    if (kind == EquipmentKind::cylinder) {
        e.capacity_l = litres;
        e.fill_ratio = fill;
    }
    return e;
}

// A loan at `state` with every requirement of the earlier steps met.
Loan loan_at(LoanState state) {
    Loan l;
    l.id = 7;
    l.state = state;
    l.clinic = "池袋クリニック";
    l.prescribed_flow_l_min = 2.0;
    return l;
}

TEST(LoanRules, EveryTransitionIsLegalExactlyWhenTheSchemeAllowsIt) {
    const std::vector<Equipment> cylinder = {item("C1", EquipmentKind::cylinder)};
    int legal = 0;
    for (const auto from : k_all)
        for (const auto to : k_all) {
            const bool expected =
                !is_closed(from) &&
                (to == LoanState::cancelled ? step_number(from) < 7
                                            : step_number(to) == step_number(from) + 1);
            const auto lend = to == LoanState::delivered ? cylinder : std::vector<Equipment>{};
            const auto check = check_transition(loan_at(from), to, lend);
            EXPECT_EQ(check.ok, expected)
                << to_db(from) << " → " << to_db(to) << ": " << check.reason_en;
            if (!check.ok) {
                EXPECT_FALSE(check.reason_ja.empty());
                EXPECT_FALSE(check.reason_en.empty());
            }
            legal += check.ok;
        }
    EXPECT_EQ(legal, 8 + 6); // eight forward steps, cancellation from steps 1-6
}

TEST(LoanRules, StepRequirementsNameWhatIsMissing) {
    Loan l = loan_at(LoanState::clinic_coordination);
    l.clinic = " ";
    EXPECT_NE(check_transition(l, LoanState::clinic_consultation, {}).reason_en.find("clinic"),
              std::string::npos);
    l = loan_at(LoanState::visit_scheduling);
    l.prescribed_flow_l_min.reset();
    EXPECT_NE(check_transition(l, LoanState::delivery_request, {}).reason_en.find("flow"),
              std::string::npos);
    l = loan_at(LoanState::delivery_request);
    // A regulator alone supplies no oxygen.
    EXPECT_FALSE(
        check_transition(l, LoanState::delivered, {item("R1", EquipmentKind::demand_regulator)})
            .ok);
    EXPECT_TRUE(
        check_transition(l, LoanState::delivered, {item("K1", EquipmentKind::concentrator)}).ok);
    auto lent = item("C1", EquipmentKind::cylinder);
    lent.status = EquipmentStatus::on_loan;
    EXPECT_NE(check_transition(l, LoanState::delivered, {lent}).reason_en.find("not in stock"),
              std::string::npos);
    const auto c = item("C2", EquipmentKind::cylinder);
    EXPECT_NE(check_transition(l, LoanState::delivered, {c, c}).reason_en.find("twice"),
              std::string::npos);
    // Nothing is handed over outside step 7.
    EXPECT_FALSE(
        check_transition(loan_at(LoanState::consultation), LoanState::clinic_coordination, {c}).ok);
}

TEST(LoanRules, CylinderHoursAndReplacementTime) {
    const std::vector<Equipment> lent = {item("C1", EquipmentKind::cylinder, 500, 1.0),
                                         item("C2", EquipmentKind::cylinder, 500, 0.5),
                                         item("R1", EquipmentKind::demand_regulator)};
    // 750 L at 2.5 L/min: 300 min.
    EXPECT_DOUBLE_EQ(*cylinder_hours(lent, 2.5), 5.0);
    EXPECT_FALSE(cylinder_hours(lent, 0));
    EXPECT_FALSE(cylinder_hours({item("K1", EquipmentKind::concentrator)}, 2));
    // Unknown fill counts as empty: replacement comes early, never late.
    auto unknown = item("C3", EquipmentKind::cylinder);
    unknown.fill_ratio.reset();
    EXPECT_DOUBLE_EQ(*cylinder_hours({unknown}, 2), 0.0);
    const auto t0 = *ops::parse_time("2026-12-03T10:00");
    EXPECT_EQ(ops::format_time_jst(*replacement_due(t0, lent, 2.5)), "2026-12-03 15:00 JST");
}

TEST(LoanRules, StockForecastWarnsWhileLoansAreStillBeforeDelivery) {
    std::vector<Equipment> stock = {item("C1", EquipmentKind::cylinder),
                                    item("R1", EquipmentKind::demand_regulator)};
    std::vector<Loan> loans = {loan_at(LoanState::consultation),
                               loan_at(LoanState::visit_scheduling), loan_at(LoanState::delivered),
                               loan_at(LoanState::cancelled)};
    const auto lines = stock_forecast(stock, loans);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].kind, EquipmentKind::cylinder);
    EXPECT_EQ(lines[0].needed_ahead, 2);
    EXPECT_EQ(lines[0].shortfall, 1);
    EXPECT_EQ(lines[1].shortfall, 1);
    EXPECT_EQ(lines[2].shortfall, 0);
}

class LoanStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = std::filesystem::temp_directory_path() /
                ("breathline-loans-" + std::to_string(::getpid()) + "-" + info->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_store = open_store((m_dir / "loans.sqlite").string());
        m_store->set_actor("nurse-2");
        for (const char* id : {"P-1", "P-2"}) {
            Person p;
            p.external_id = id;
            p.name = std::string("酸素 太郎") + id;
            p.home_oxygen = true;
            m_store->registry().upsert_person(p);
        }
        m_loans = loan_store(*m_store);
        EXPECT_EQ(add_minato_starting_stock(*m_loans, std::nullopt), 32);
        EXPECT_EQ(add_minato_starting_stock(*m_loans, std::nullopt), 0); // idempotent
    }
    void TearDown() override {
        m_loans.reset();
        m_store.reset();
        std::filesystem::remove_all(m_dir);
    }
    RowId open_for(const char* person) {
        Loan l;
        l.person_id = m_store->registry().person_by_external_id(person)->id;
        l.opened_at = "2026-12-03T00:00:00Z";
        return m_loans->open_loan(l);
    }
    Loan step(RowId id, LoanState to, std::vector<std::string> lend = {}) {
        LoanAdvance a;
        a.loan_id = id;
        a.to = to;
        a.at = "2026-12-03T01:00:00Z";
        a.lend_serials = std::move(lend);
        if (to == LoanState::clinic_consultation) a.clinic = "池袋クリニック";
        if (to == LoanState::delivery_request) a.flow_l_min = 2.0;
        if (to == LoanState::therapy_visit) a.therapy_ends = "2026-12-05T01:00:00Z";
        return m_loans->advance(a);
    }
    void to_delivery_request(RowId id) {
        for (const auto s : {LoanState::clinic_coordination, LoanState::clinic_consultation,
                             LoanState::admission_request, LoanState::visit_scheduling,
                             LoanState::delivery_request})
            step(id, s);
    }

    std::filesystem::path m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<LoanStore> m_loans;
};

TEST_F(LoanStoreTest, AFullLoanLendsDeliversCollectsAndAuditsEveryStep) {
    const RowId id = open_for("P-1");
    to_delivery_request(id);
    auto d = m_loans->deliveries(id);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_FALSE(d[0].collection);
    EXPECT_EQ(d[0].status, "pending");
    step(id, LoanState::delivered, {"O2-CYL-01", "O2-REG-01"});
    EXPECT_EQ(m_loans->equipment_by_serial("O2-CYL-01")->status, EquipmentStatus::on_loan);
    EXPECT_EQ(m_loans->deliveries(id)[0].status, "done");
    step(id, LoanState::therapy_visit);
    d = m_loans->deliveries(id);
    ASSERT_EQ(d.size(), 2u);
    EXPECT_TRUE(d[1].collection);
    EXPECT_EQ(d[1].due_by, "2026-12-05T01:00:00Z");
    const Loan closed = step(id, LoanState::collected);
    EXPECT_TRUE(closed.closed_at);
    EXPECT_EQ(m_loans->equipment_by_serial("O2-CYL-01")->status, EquipmentStatus::in_stock);
    for (const auto& i : m_loans->items(id))
        EXPECT_TRUE(i.returned_at);
    EXPECT_EQ(m_loans->deliveries(id)[1].status, "done");
    const auto events = m_loans->events(id);
    ASSERT_EQ(events.size(), 9u);
    for (std::size_t i = 0; i < events.size(); ++i) {
        EXPECT_EQ(events[i].state, k_loan_steps[i]);
        EXPECT_EQ(events[i].actor, "nurse-2");
    }
    // One audit entry per write, by registry number, never the name.
    const auto audit = m_store->audit().entries();
    int loan_entries = 0;
    for (const auto& e : audit)
        if (e.entity == "loans") {
            ++loan_entries;
            EXPECT_EQ(e.entity_id, "P-1");
            EXPECT_EQ(e.summary.find("酸素 太郎"), std::string::npos);
        }
    EXPECT_EQ(loan_entries, 9);
    EXPECT_TRUE(m_store->audit().verify().ok);
    // Closed: nothing more happens.
    EXPECT_THROW(step(id, LoanState::cancelled), DataError);
}

TEST_F(LoanStoreTest, NoItemIsLentTwiceAndARefusedStepChangesNothing) {
    const RowId a = open_for("P-1");
    const RowId b = open_for("P-2");
    to_delivery_request(a);
    to_delivery_request(b);
    step(a, LoanState::delivered, {"O2-CYL-01"});
    const auto audit_before = m_store->audit().count();
    try {
        step(b, LoanState::delivered, {"O2-CYL-02", "O2-CYL-01"});
        FAIL() << "a cylinder on loan was lent again";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("O2-CYL-01"), std::string::npos) << e.what();
    }
    EXPECT_EQ(m_loans->loan(b)->state, LoanState::delivery_request);
    EXPECT_EQ(m_loans->equipment_by_serial("O2-CYL-02")->status, EquipmentStatus::in_stock);
    EXPECT_TRUE(m_loans->items(b).empty());
    EXPECT_EQ(m_store->audit().count(), audit_before);
    EXPECT_THROW(step(b, LoanState::delivered, {"NO-SUCH"}), DataError);
    // Cancelling before delivery cancels the pending van job too.
    step(b, LoanState::cancelled);
    EXPECT_EQ(m_loans->deliveries(b)[0].status, "cancelled");
    EXPECT_EQ(m_loans->loans(false).size(), 1u);
    EXPECT_EQ(m_loans->loans(true).size(), 2u);
}

TEST_F(LoanStoreTest, EquipmentIsValidatedAndSerialsAreUnique) {
    EXPECT_THROW(m_loans->add_equipment(item("O2-CYL-01", EquipmentKind::cylinder)), DataError);
    auto no_capacity = item("X-1", EquipmentKind::cylinder);
    no_capacity.capacity_l.reset();
    EXPECT_THROW(m_loans->add_equipment(no_capacity), DataError);
    auto overfull = item("X-2", EquipmentKind::cylinder);
    overfull.fill_ratio = 1.5;
    EXPECT_THROW(m_loans->add_equipment(overfull), DataError);
    EXPECT_EQ(m_loans->equipment().size(), 32u);
}

} // namespace
} // namespace breathline::data::dispatch
