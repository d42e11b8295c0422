// plans::PlanStore (tables of migrations 5 and 9)., written once in portable SQL over sql::Session
// (data/store/sql_session.h): it runs on SpatiaLite and PostgreSQL/PostGIS alike.

#include "data/plans/plan_store.h"

#include "data/error.h"
#include "data/store/sql_session.h"
#include "data/store/store.h"

namespace breathline::data {

namespace {

using namespace plans;

constexpr std::string_view k_plan_select =
    "SELECT id, person_id, state, nurse_station, next_review_due, created_at, row_version "
    "FROM support_plans";
constexpr std::string_view k_step_select =
    "SELECT id, plan_id, step, form_no, at, actor, document_ref, notes, nurse_station "
    "FROM plan_steps";

SupportPlan read_plan(const sql::Statement& st) {
    SupportPlan p;
    p.id = st.column_int64(0);
    p.person_id = st.column_int64(1);
    p.state = parse_plan_state(st.column_text(2)).value_or(PlanState::applied);
    p.nurse_station = st.column_opt_text(3).value_or("");
    p.next_review_due = st.column_opt_text(4);
    p.created_at = st.column_text(5);
    p.row_version = st.column_int64(6);
    return p;
}

PlanStepRecord read_step(const sql::Statement& st) {
    PlanStepRecord s;
    s.id = st.column_int64(0);
    s.plan_id = st.column_int64(1);
    s.step = parse_plan_step(st.column_text(2)).value_or(PlanStep::application);
    s.form_no = static_cast<int>(st.column_opt_int64(3).value_or(0));
    s.at = st.column_text(4);
    s.actor = st.column_text(5);
    s.document_ref = st.column_opt_text(6).value_or("");
    s.notes = st.column_opt_text(7).value_or("");
    s.nurse_station = st.column_opt_text(8).value_or("");
    return s;
}

class SqlPlanStore final : public PlanStore {
public:
    SqlPlanStore(sql::Session& sql) : m_sql(sql) {}

    RowId create_plan(RowId person_id, const std::string& at_in, const std::string& document_ref,
                      const std::string& notes) override {
        const auto person = registry_number(person_id);
        if (auto existing = current_plan(person_id))
            throw DataError(ErrorCode::invalid_input,
                            "登録者 " + person + " には計画 #" + std::to_string(existing->id) +
                                " があります / person " + person + " already has plan #" +
                                std::to_string(existing->id));
        const std::string at = at_in.empty() ? sql::utc_now_iso() : at_in;
        auto scope = m_sql.write_scope();
        auto st = m_sql.prepare("INSERT INTO support_plans(person_id, state, created_at) VALUES "
                                "(?, 'applied', ?) RETURNING id");
        st.bind(1, person_id);
        st.bind(2, at);
        const RowId id = st.run_returning_id();
        add_step(id, PlanStep::application, at, document_ref, notes, "");
        m_sql.audit("create", "support_plans", person,
                    "plan " + std::to_string(id) + " opened at application (form 3)");
        scope->commit();
        return id;
    }

    std::optional<SupportPlan> plan(RowId id) override {
        auto st = m_sql.prepare(std::string(k_plan_select) + " WHERE id=?");
        st.bind(1, id);
        if (!st.step()) return std::nullopt;
        return read_plan(st);
    }

    std::vector<SupportPlan> plans() override {
        auto st = m_sql.prepare(std::string(k_plan_select) + " ORDER BY id");
        std::vector<SupportPlan> out;
        while (st.step())
            out.push_back(read_plan(st));
        return out;
    }

    std::optional<SupportPlan> current_plan(RowId person_id) override {
        auto st =
            m_sql.prepare(std::string(k_plan_select) +
                          " WHERE person_id=? AND state<>'withdrawn' ORDER BY id DESC LIMIT 1");
        st.bind(1, person_id);
        if (!st.step()) return std::nullopt;
        return read_plan(st);
    }

    std::vector<PlanStepRecord> steps(RowId plan_id) override {
        auto st = m_sql.prepare(std::string(k_step_select) + " WHERE plan_id=? ORDER BY id");
        st.bind(1, plan_id);
        std::vector<PlanStepRecord> out;
        while (st.step())
            out.push_back(read_step(st));
        return out;
    }

    std::vector<PlanStepRecord> all_steps() override {
        auto st = m_sql.prepare(std::string(k_step_select) + " ORDER BY id");
        std::vector<PlanStepRecord> out;
        while (st.step())
            out.push_back(read_step(st));
        return out;
    }

    std::vector<PlanVersion> versions(RowId plan_id) override {
        auto st = m_sql.prepare(
            "SELECT id, plan_id, version_no, created_at, author, kind, safety_check_method, "
            "contact_list, supplies, outage_procedure, hazard_procedures, ventilator_info, "
            "other_items FROM plan_versions WHERE plan_id=? ORDER BY version_no");
        st.bind(1, plan_id);
        std::vector<PlanVersion> out;
        while (st.step()) {
            PlanVersion v;
            v.id = st.column_int64(0);
            v.plan_id = st.column_int64(1);
            v.version_no = static_cast<int>(st.column_int64(2));
            v.created_at = st.column_text(3);
            v.author = st.column_text(4);
            v.update = st.column_text(5) == "update";
            v.content.safety_check_method = st.column_opt_text(6).value_or("");
            v.content.contact_list = st.column_opt_text(7).value_or("");
            v.content.supplies = st.column_opt_text(8).value_or("");
            v.content.outage_procedure = st.column_opt_text(9).value_or("");
            v.content.hazard_procedures = st.column_opt_text(10).value_or("");
            v.content.ventilator_info = st.column_opt_text(11).value_or("");
            v.content.other_items = st.column_opt_text(12).value_or("");
            out.push_back(std::move(v));
        }
        return out;
    }

    SupportPlan advance(const PlanAdvance& a) override {
        auto current = plan(a.plan_id);
        if (!current)
            throw DataError(ErrorCode::not_found,
                            "計画 #" + std::to_string(a.plan_id) + " はありません / plan " +
                                std::to_string(a.plan_id) + " does not exist");
        SupportPlan next = *current;
        if (a.nurse_station) next.nurse_station = *a.nurse_station;
        const StepCheck check =
            check_step(next, a.step, a.content ? &*a.content : nullptr, uninvoiced_work(next.id));
        if (!check.ok)
            throw DataError(ErrorCode::invalid_input, check.reason_ja + " / " + check.reason_en);
        const std::string at = a.at.empty() ? sql::utc_now_iso() : a.at;
        const auto at_time = ops::parse_time(at);
        if (!at_time) throw DataError(ErrorCode::invalid_input, "at: '" + at + "' is not a time");
        const std::string person = registry_number(next.person_id);
        std::string summary =
            "plan " + std::to_string(next.id) + ": " + std::string(to_db(current->state)) + " → " +
            std::string(to_db(state_after(a.step))) + " (" + std::string(to_db(a.step)) +
            ", form " + std::to_string(form_number(a.step)) + ")";

        auto scope = m_sql.write_scope();
        if (a.step == PlanStep::plan || a.step == PlanStep::update) {
            next.next_review_due = next_review_after(*at_time);
            const int version = add_version(next.id, at, a.step == PlanStep::update, *a.content);
            summary +=
                ", version " + std::to_string(version) + ", review due " + *next.next_review_due;
        }
        set_state(next, state_after(a.step));
        add_step(next.id, a.step, at, a.document_ref, a.notes,
                 a.step == PlanStep::application || a.step == PlanStep::decision_notice
                     ? ""
                     : next.nurse_station);
        m_sql.audit("update", "support_plans", person, summary);
        scope->commit();
        return *plan(next.id);
    }

    SupportPlan withdraw(RowId plan_id, const std::string& at, const std::string& reason) override {
        auto current = plan(plan_id);
        if (!current)
            throw DataError(ErrorCode::not_found,
                            "plan " + std::to_string(plan_id) + " does not exist");
        if (current->state == PlanState::withdrawn)
            throw DataError(ErrorCode::invalid_input, "取下げ済みです / already withdrawn");
        const std::string person = registry_number(current->person_id);
        auto scope = m_sql.write_scope();
        set_state(*current, PlanState::withdrawn);
        m_sql.audit("update", "support_plans", person,
                    "plan " + std::to_string(plan_id) + " withdrawn at " +
                        (at.empty() ? sql::utc_now_iso() : at) +
                        (reason.empty() ? "" : " (reason given)"));
        scope->commit();
        return *plan(plan_id);
    }

    void record_evaluation(const Evaluation& e, const std::string& document_ref) override {
        auto current = plan(e.plan_id);
        if (!current)
            throw DataError(ErrorCode::not_found,
                            "plan " + std::to_string(e.plan_id) + " does not exist");
        const auto reasons = validate_evaluation(e.items);
        if (!reasons.empty()) {
            std::string all;
            for (const auto& r : reasons)
                all += (all.empty() ? "" : "\n") + r;
            throw DataError(ErrorCode::invalid_input, all);
        }
        const StepCheck check = check_step(*current, PlanStep::evaluation, nullptr, 0);
        if (!check.ok)
            throw DataError(ErrorCode::invalid_input, check.reason_ja + " / " + check.reason_en);
        const std::string at = e.evaluated_at.empty() ? sql::utc_now_iso() : e.evaluated_at;
        const std::string person = registry_number(current->person_id);
        auto scope = m_sql.write_scope();
        int problems = 0;
        for (const auto& item : e.items) {
            auto st = m_sql.prepare("INSERT INTO plan_evaluations(plan_id, evaluated_at, item, "
                                    "result, note) VALUES (?,?,?,?,?)");
            st.bind(1, e.plan_id);
            st.bind(2, at);
            st.bind(3, item.key);
            st.bind(4, to_db(item.result));
            st.bind(5, item.note);
            st.run();
            problems += item.result == EvalResult::problem;
        }
        set_state(*current, PlanState::evaluated);
        add_step(e.plan_id, PlanStep::evaluation, at, document_ref, "", current->nurse_station);
        m_sql.audit("update", "support_plans", person,
                    "plan " + std::to_string(e.plan_id) + ": evaluation (form 8), " +
                        std::to_string(e.items.size()) + " items, " + std::to_string(problems) +
                        " to follow up");
        scope->commit();
    }

    std::vector<Evaluation> evaluations(RowId plan_id) override {
        auto st = m_sql.prepare("SELECT evaluated_at, item, result, note FROM plan_evaluations "
                                "WHERE plan_id=? ORDER BY evaluated_at, id");
        st.bind(1, plan_id);
        std::vector<Evaluation> out;
        while (st.step()) {
            const std::string at = st.column_text(0);
            if (out.empty() || out.back().evaluated_at != at) {
                out.push_back({});
                out.back().plan_id = plan_id;
                out.back().evaluated_at = at;
            }
            EvalItem item;
            item.key = st.column_text(1);
            item.result = parse_eval_result(st.column_text(2)).value_or(EvalResult::ok);
            item.note = st.column_opt_text(3).value_or("");
            out.back().items.push_back(std::move(item));
        }
        return out;
    }

    RowId record_invoice(const InvoiceTotals& t, const std::string& at_in) override {
        if (invoiced(t.nurse_station, t.quarter))
            throw DataError(ErrorCode::invalid_input,
                            t.nurse_station + " の " + t.quarter.text() +
                                " は請求済みです / already invoiced for " + t.quarter.text());
        if (t.new_plans + t.updates == 0)
            throw DataError(ErrorCode::invalid_input,
                            "請求する作成・更新がありません / nothing to invoice");
        const std::string at = at_in.empty() ? sql::utc_now_iso() : at_in;
        // The plans whose work this invoice counts get their invoice step.
        std::vector<RowId> plan_ids;
        for (const auto& s : all_steps()) {
            if (s.step != PlanStep::plan && s.step != PlanStep::update) continue;
            if (s.nurse_station != t.nurse_station) continue;
            const auto when = ops::parse_time(s.at);
            if (!when) continue;
            const auto d = jst_date(*when);
            if (d < t.quarter.first_day() || d > t.quarter.last_day()) continue;
            if (plan_ids.empty() || plan_ids.back() != s.plan_id) plan_ids.push_back(s.plan_id);
        }
        auto scope = m_sql.write_scope();
        auto st = m_sql.prepare("INSERT INTO invoices(nurse_station, quarter, new_plans, updates, "
                                "amount_yen, issued_at) VALUES (?,?,?,?,?,?) RETURNING id");
        st.bind(1, t.nurse_station);
        st.bind(2, t.quarter.text());
        st.bind(3, t.new_plans);
        st.bind(4, t.updates);
        st.bind(5, t.subtotal_yen);
        st.bind(6, at);
        const RowId id = st.run_returning_id();
        for (const RowId pid : plan_ids) {
            auto p = plan(pid);
            if (!p || p->state == PlanState::withdrawn) continue;
            set_state(*p, PlanState::invoiced);
            add_step(pid, PlanStep::invoice, at, "invoice " + std::to_string(id), "",
                     t.nurse_station);
        }
        m_sql.audit("create", "invoices", t.nurse_station,
                    "invoice " + std::to_string(id) + " " + t.quarter.text() + ": " +
                        std::to_string(t.new_plans) + " new, " + std::to_string(t.updates) +
                        " updates, " + std::to_string(t.subtotal_yen) + " yen before tax");
        scope->commit();
        return id;
    }

    bool invoiced(const std::string& station, const Quarter& quarter) override {
        auto st = m_sql.prepare("SELECT 1 FROM invoices WHERE nurse_station=? AND quarter=?");
        st.bind(1, station);
        st.bind(2, quarter.text());
        return st.step();
    }

private:
    std::string registry_number(RowId person_id) { return sql::registry_number(m_sql, person_id); }

    // Plans and updates made since the plan's last invoice step.
    int uninvoiced_work(RowId plan_id) {
        int work = 0;
        for (const auto& s : steps(plan_id)) {
            if (s.step == PlanStep::plan || s.step == PlanStep::update) ++work;
            if (s.step == PlanStep::invoice) work = 0;
        }
        return work;
    }

    void set_state(const SupportPlan& p, PlanState state) {
        auto st = m_sql.prepare("UPDATE support_plans SET state=?, nurse_station=?, "
                                "next_review_due=?, row_version=row_version+1 WHERE id=? AND "
                                "row_version=?");
        st.bind(1, to_db(state));
        if (p.nurse_station.empty())
            st.bind_null(2);
        else
            st.bind(2, p.nurse_station);
        st.bind(3, p.next_review_due);
        st.bind(4, p.id);
        st.bind(5, p.row_version);
        st.run();
        if (st.changes() != 1)
            throw DataError(ErrorCode::conflict, "plan " + std::to_string(p.id) +
                                                     " was changed by someone else; reload it");
    }

    void add_step(RowId plan_id, PlanStep step, const std::string& at, const std::string& doc,
                  const std::string& notes, const std::string& station) {
        auto st = m_sql.prepare("INSERT INTO plan_steps(plan_id, step, form_no, at, actor, "
                                "document_ref, notes, nurse_station) VALUES (?,?,?,?,?,?,?,?)");
        st.bind(1, plan_id);
        st.bind(2, to_db(step));
        st.bind(3, form_number(step));
        st.bind(4, at);
        st.bind(5, m_sql.actor());
        st.bind(6, doc);
        st.bind(7, notes);
        if (station.empty())
            st.bind_null(8);
        else
            st.bind(8, station);
        st.run();
    }

    int add_version(RowId plan_id, const std::string& at, bool update, const PlanContent& c) {
        const int version = static_cast<int>(
            m_sql
                .query_int64("SELECT COALESCE(MAX(version_no), 0) + 1 FROM plan_versions WHERE "
                             "plan_id=" +
                             std::to_string(plan_id))
                .value_or(1));
        auto st = m_sql.prepare(
            "INSERT INTO plan_versions(plan_id, version_no, created_at, author, kind, "
            "safety_check_method, contact_list, supplies, outage_procedure, hazard_procedures, "
            "ventilator_info, other_items) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
        st.bind(1, plan_id);
        st.bind(2, version);
        st.bind(3, at);
        st.bind(4, m_sql.actor());
        st.bind(5, update ? "update" : "new");
        st.bind(6, c.safety_check_method);
        st.bind(7, c.contact_list);
        st.bind(8, c.supplies);
        st.bind(9, c.outage_procedure);
        st.bind(10, c.hazard_procedures);
        st.bind(11, c.ventilator_info);
        st.bind(12, c.other_items);
        st.run();
        return version;
    }

    sql::Session& m_sql;
};

} // namespace

namespace plans {

std::unique_ptr<PlanStore> plan_store(Store& store) {
    return std::make_unique<SqlPlanStore>(store.sql());
}

} // namespace plans

} // namespace breathline::data
