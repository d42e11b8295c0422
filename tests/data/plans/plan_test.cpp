// Individual support plans: the whole cycle for one person from the 第3号 application to the
// second yearly update, illegal jumps refused, versions kept, due-list boundaries, the 第8号
// evaluation and the 第7号 invoice against hand-computed totals, and the audit entries.

#include "data/error.h"
#include "data/plans/plan_store.h"
#include "data/spatialite/spatialite_store.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

namespace breathline::data::plans {
namespace {

PlanContent content(const std::string& tag) {
    PlanContent c;
    c.safety_check_method = "電話で確認 " + tag;
    c.contact_list = "様式1のとおり";
    c.supplies = "外部バッテリー";
    c.outage_procedure = "外部バッテリーへ切替、長引けば入院調整";
    c.hazard_procedures = "地震: 回路確認 / 風水害: 早めの避難";
    c.ventilator_info = "Trilogy100 TPPV";
    c.other_items = tag;
    return c;
}

std::vector<EvalItem> all_ok() {
    std::vector<EvalItem> items;
    for (const auto& spec : evaluation_items())
        items.push_back({std::string(spec.key), EvalResult::ok, ""});
    return items;
}

TEST(PlanRules, StepsOnlyInTheSeedsOrder) {
    SupportPlan p;
    p.state = PlanState::applied;
    const PlanContent c = content("x");
    EXPECT_FALSE(check_step(p, PlanStep::plan, &c, 0).ok) << "plan before decision";
    EXPECT_FALSE(check_step(p, PlanStep::nurse_request, nullptr, 0).ok);
    EXPECT_FALSE(check_step(p, PlanStep::update, &c, 0).ok);
    EXPECT_FALSE(check_step(p, PlanStep::evaluation, nullptr, 0).ok);
    EXPECT_FALSE(check_step(p, PlanStep::application, nullptr, 0).ok);
    EXPECT_TRUE(check_step(p, PlanStep::decision_notice, nullptr, 0).ok);
    p.state = PlanState::decided;
    const auto no_station = check_step(p, PlanStep::nurse_request, nullptr, 0);
    EXPECT_FALSE(no_station.ok);
    EXPECT_NE(no_station.reason_en.find("nurse station"), std::string::npos);
    p.nurse_station = "ST-1";
    EXPECT_TRUE(check_step(p, PlanStep::nurse_request, nullptr, 0).ok);
    p.state = PlanState::nurse_requested;
    EXPECT_FALSE(check_step(p, PlanStep::plan, nullptr, 0).ok) << "no content";
    PlanContent partial = c;
    partial.outage_procedure.clear();
    const auto lacks = check_step(p, PlanStep::plan, &partial, 0);
    EXPECT_FALSE(lacks.ok);
    EXPECT_NE(lacks.reason_ja.find("停電時の対応方法"), std::string::npos) << lacks.reason_ja;
    EXPECT_TRUE(check_step(p, PlanStep::plan, &c, 0).ok);
    p.state = PlanState::planned;
    EXPECT_FALSE(check_step(p, PlanStep::plan, &c, 1).ok) << "a second new plan";
    EXPECT_TRUE(check_step(p, PlanStep::update, &c, 1).ok);
    EXPECT_TRUE(check_step(p, PlanStep::invoice, nullptr, 1).ok);
    EXPECT_FALSE(check_step(p, PlanStep::invoice, nullptr, 0).ok) << "nothing to invoice";
    EXPECT_TRUE(check_step(p, PlanStep::evaluation, nullptr, 0).ok);
    p.state = PlanState::withdrawn;
    EXPECT_FALSE(check_step(p, PlanStep::update, &c, 1).ok);
}

TEST(PlanRules, ReviewIsAYearOnInJapanTime) {
    // 2026-03-31T20:00Z is 1 April in Tokyo.
    EXPECT_EQ(next_review_after(*ops::parse_time("2026-03-31T20:00:00Z")), "2027-04-01");
    EXPECT_EQ(next_review_after(*ops::parse_time("2028-02-29T10:00:00+09:00")), "2029-02-28");
    EXPECT_EQ(days_between("2026-12-31", "2027-01-01"), 1);
    EXPECT_EQ(days_between("2027-01-01", "2026-12-31"), -1);
}

TEST(PlanRules, DueListBoundaries) {
    std::vector<Person> persons(4);
    for (int i = 0; i < 4; ++i) {
        persons[static_cast<std::size_t>(i)].id = i + 1;
        persons[static_cast<std::size_t>(i)].external_id = "P-" + std::to_string(i + 1);
        persons[static_cast<std::size_t>(i)].uses_ventilator = true;
    }
    persons[3].status = PersonStatus::moved; // not active: never "no plan"
    std::vector<SupportPlan> plans(2);
    plans[0].id = 10;
    plans[0].person_id = 1;
    plans[0].state = PlanState::planned;
    plans[0].next_review_due = "2026-12-31"; // exactly 28 days after 2026-12-03
    plans[1].id = 11;
    plans[1].person_id = 2;
    plans[1].state = PlanState::evaluated;
    plans[1].next_review_due = "2026-12-02"; // overdue by one day
    const auto list = due_list(plans, persons, "2026-12-03", 28);
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].kind, DueKind::overdue);
    EXPECT_EQ(list[0].registry_number, "P-2");
    EXPECT_EQ(list[0].days, -1);
    EXPECT_EQ(list[1].kind, DueKind::due);
    EXPECT_EQ(list[1].registry_number, "P-1");
    EXPECT_EQ(list[1].days, 28);
    EXPECT_EQ(list[2].kind, DueKind::no_plan);
    EXPECT_EQ(list[2].registry_number, "P-3");
    // One day fewer and the exact-N plan is out; the overdue one stays.
    const auto shorter = due_list(plans, persons, "2026-12-03", 27);
    ASSERT_EQ(shorter.size(), 2u);
    EXPECT_EQ(shorter[0].kind, DueKind::overdue);
    EXPECT_EQ(shorter[1].kind, DueKind::no_plan);
    // Due today is due, not overdue.
    const auto today = due_list(plans, persons, "2026-12-31", 0);
    ASSERT_GE(today.size(), 2u);
    EXPECT_EQ(today[0].kind, DueKind::overdue);
    EXPECT_EQ(today[1].kind, DueKind::due);
    EXPECT_EQ(today[1].days, 0);
}

TEST(PlanRules, EvaluationNeedsEveryItemAndNotesForProblems) {
    EXPECT_EQ(evaluation_items().size(), 19u);
    auto items = all_ok();
    EXPECT_TRUE(validate_evaluation(items).empty());
    items[3].result = EvalResult::problem; // external battery charged, no note
    EXPECT_EQ(validate_evaluation(items).size(), 1u);
    items[3].note = "充電されていない";
    EXPECT_TRUE(validate_evaluation(items).empty());
    auto missing = items;
    missing.pop_back();
    EXPECT_EQ(validate_evaluation(missing).size(), 1u);
    auto unknown = items;
    unknown.push_back({"teleport", EvalResult::ok, ""});
    EXPECT_FALSE(validate_evaluation(unknown).empty());
    Evaluation e;
    e.items = items;
    const auto fu = follow_ups(e);
    ASSERT_EQ(fu.size(), 1u);
    EXPECT_EQ(fu[0].key, "external_battery_charged");
    EXPECT_EQ(parse_eval_result("不足あり"), EvalResult::problem);
    EXPECT_EQ(parse_eval_result("使用可能"), EvalResult::ok);
}

TEST(PlanRules, InvoiceTotalsByHand) {
    const auto q = parse_quarter("2026Q3");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->first_day(), "2026-07-01");
    EXPECT_EQ(q->last_day(), "2026-09-30");
    EXPECT_FALSE(parse_quarter("2026Q5"));
    auto rec = [](PlanStep s, const char* at, const char* station) {
        PlanStepRecord r;
        r.step = s;
        r.at = at;
        r.nurse_station = station;
        return r;
    };
    const std::vector<PlanStepRecord> steps = {
        rec(PlanStep::plan, "2026-07-01T00:00:00+09:00", "A"),   // first day: in
        rec(PlanStep::plan, "2026-08-15T10:00:00+09:00", "A"),   // in
        rec(PlanStep::update, "2026-09-30T23:59:00+09:00", "A"), // last minute: in
        rec(PlanStep::update, "2026-09-30T15:30:00Z", "A"),      // 1 Oct in Tokyo: out
        rec(PlanStep::update, "2026-06-30T14:59:00Z", "A"),      // 30 Jun 23:59 JST: out
        rec(PlanStep::plan, "2026-08-01T10:00:00+09:00", "B"),   // other station
        rec(PlanStep::evaluation, "2026-08-01T10:00:00+09:00", "A"),
    };
    const auto t = invoice_totals(steps, "A", *q);
    EXPECT_EQ(t.new_plans, 2);
    EXPECT_EQ(t.updates, 1);
    EXPECT_EQ(t.subtotal_yen, 2 * 16560 + 5520); // 38,640
    EXPECT_EQ(t.tax_yen, 3864);
    EXPECT_EQ(t.total_yen, 42504);
    EXPECT_EQ(yen(t.total_yen), "42,504");
    const auto none = invoice_totals(steps, "C", *q);
    EXPECT_EQ(none.total_yen, 0);
    // Odd totals: tax is rounded down (one update: 552 exactly; three new + one update).
    const std::vector<PlanStepRecord> one = {rec(PlanStep::update, "2026-07-02T00:00:00Z", "A")};
    EXPECT_EQ(invoice_totals(one, "A", *q).tax_yen, 552);
}

class PlanStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = std::filesystem::temp_directory_path() /
                ("breathline-plans-" + std::to_string(::getpid()) + "-" + info->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_store = open_store((m_dir / "plans.sqlite").string());
        m_store->set_actor("hoken-1");
        for (const char* id : {"V-1", "V-2"}) {
            Person p;
            p.external_id = id;
            p.name = std::string("呼吸 花子") + id;
            p.uses_ventilator = true;
            m_store->registry().upsert_person(p);
        }
        m_plans = plan_store(*m_store);
    }
    void TearDown() override {
        m_plans.reset();
        m_store.reset();
        std::filesystem::remove_all(m_dir);
    }
    RowId person(const char* id) { return m_store->registry().person_by_external_id(id)->id; }
    SupportPlan step(RowId plan, PlanStep s, const char* at,
                     std::optional<PlanContent> c = std::nullopt,
                     std::optional<std::string> station = std::nullopt) {
        PlanAdvance a;
        a.plan_id = plan;
        a.step = s;
        a.at = at;
        a.content = std::move(c);
        a.nurse_station = std::move(station);
        a.document_ref = "豊保健発第1号";
        return m_plans->advance(a);
    }

    std::filesystem::path m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<PlanStore> m_plans;
};

TEST_F(PlanStoreTest, WholeCycleToTheSecondYearlyUpdate) {
    const auto audit_before = m_store->audit().count();
    const RowId id = m_plans->create_plan(person("V-1"), "2026-04-01T01:00:00Z", "申請1", "");
    EXPECT_THROW(m_plans->create_plan(person("V-1"), "", "", ""), DataError)
        << "one open plan per person";
    // An illegal jump is refused with a message and changes nothing.
    try {
        step(id, PlanStep::plan, "2026-04-02T01:00:00Z", content("v1"));
        FAIL() << "plan before the decision notice was accepted";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("第5号"), std::string::npos) << e.what();
    }
    EXPECT_EQ(m_plans->plan(id)->state, PlanState::applied);
    step(id, PlanStep::decision_notice, "2026-04-10T01:00:00Z");
    EXPECT_THROW(step(id, PlanStep::nurse_request, "2026-04-11T01:00:00Z"), DataError)
        << "form 5 needs the station";
    step(id, PlanStep::nurse_request, "2026-04-11T01:00:00Z", std::nullopt, "ST-池袋");
    auto p = step(id, PlanStep::plan, "2026-05-20T01:00:00Z", content("v1"));
    EXPECT_EQ(p.state, PlanState::planned);
    EXPECT_EQ(p.next_review_due, "2027-05-20");
    Evaluation e;
    e.plan_id = id;
    e.evaluated_at = "2026-05-25T01:00:00Z";
    e.items = all_ok();
    e.items[9].result = EvalResult::problem; // generator
    e.items[9].note = "発電機なし";
    m_plans->record_evaluation(e, "第8号");
    EXPECT_EQ(m_plans->plan(id)->state, PlanState::evaluated);
    const auto evs = m_plans->evaluations(id);
    ASSERT_EQ(evs.size(), 1u);
    ASSERT_EQ(follow_ups(evs[0]).size(), 1u);
    EXPECT_EQ(follow_ups(evs[0])[0].key, "generator");
    // Invoice for the quarter of the new plan (Apr–Jun).
    const auto q2 = invoice_totals(m_plans->all_steps(), "ST-池袋", *parse_quarter("2026Q2"));
    EXPECT_EQ(q2.new_plans, 1);
    EXPECT_EQ(q2.subtotal_yen, 16560);
    m_plans->record_invoice(q2, "2026-07-05T01:00:00Z");
    EXPECT_THROW(m_plans->record_invoice(q2, ""), DataError) << "invoiced twice";
    EXPECT_EQ(m_plans->plan(id)->state, PlanState::invoiced);
    EXPECT_THROW(step(id, PlanStep::invoice, "2026-07-06T01:00:00Z"), DataError)
        << "nothing left to invoice";
    // First yearly update, then a second one a year later.
    p = step(id, PlanStep::update, "2027-05-18T01:00:00Z", content("v2"));
    EXPECT_EQ(p.state, PlanState::updated);
    EXPECT_EQ(p.next_review_due, "2028-05-18");
    p = step(id, PlanStep::update, "2028-05-10T01:00:00Z", content("v3"));
    EXPECT_EQ(p.next_review_due, "2029-05-10");
    const auto versions = m_plans->versions(id);
    ASSERT_EQ(versions.size(), 3u);
    EXPECT_FALSE(versions[0].update);
    EXPECT_TRUE(versions[1].update);
    EXPECT_EQ(versions[0].content.other_items, "v1") << "the first version is kept";
    EXPECT_EQ(versions[2].content.other_items, "v3");
    const auto steps = m_plans->steps(id);
    std::vector<PlanStep> kinds;
    for (const auto& s : steps) {
        kinds.push_back(s.step);
        EXPECT_EQ(s.actor, "hoken-1");
        EXPECT_FALSE(s.at.empty());
    }
    EXPECT_EQ(kinds,
              (std::vector<PlanStep>{PlanStep::application, PlanStep::decision_notice,
                                     PlanStep::nurse_request, PlanStep::plan, PlanStep::evaluation,
                                     PlanStep::invoice, PlanStep::update, PlanStep::update}));
    EXPECT_EQ(steps[3].form_no, 6);
    EXPECT_EQ(steps[5].form_no, 7);
    // Audit: one entry per write, registry number never the name.
    const auto entries = m_store->audit().entries();
    EXPECT_EQ(m_store->audit().count() - audit_before, 8);
    for (const auto& en : entries)
        EXPECT_EQ(en.summary.find("呼吸"), std::string::npos) << en.summary;
    EXPECT_TRUE(m_store->audit().verify().ok);
}

TEST_F(PlanStoreTest, VersionsCannotBeRewrittenOrDeleted) {
    const RowId id = m_plans->create_plan(person("V-2"), "2026-04-01T01:00:00Z", "", "");
    step(id, PlanStep::decision_notice, "2026-04-02T01:00:00Z");
    step(id, PlanStep::nurse_request, "2026-04-03T01:00:00Z", std::nullopt, "ST-1");
    step(id, PlanStep::plan, "2026-04-04T01:00:00Z", content("v1"));
    auto* sl = dynamic_cast<spatialite::SpatialiteStore*>(m_store.get());
    ASSERT_NE(sl, nullptr);
    EXPECT_ANY_THROW(sl->database().exec("UPDATE plan_versions SET supplies='x'"));
    EXPECT_ANY_THROW(sl->database().exec("DELETE FROM plan_versions"));
    EXPECT_EQ(m_plans->versions(id).size(), 1u);
    m_plans->withdraw(id, "2026-05-01T00:00:00Z", "moved");
    EXPECT_EQ(m_plans->plan(id)->state, PlanState::withdrawn);
    EXPECT_THROW(step(id, PlanStep::update, "2026-05-02T01:00:00Z", content("v2")), DataError);
    EXPECT_FALSE(m_plans->current_plan(person("V-2")));
    EXPECT_EQ(m_plans->versions(id).size(), 1u);
}

} // namespace
} // namespace breathline::data::plans
