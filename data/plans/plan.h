#pragma once
/// Individual support plans (災害時個別支援計画, Toshima 要領 第5条–第9条, forms 第3号–第8号):
/// the cycle each plan goes through, its versioned content, the yearly-review due list, the
/// 第8号 evaluation checklist and the quarterly 第7号 invoice amounts. Pure rules over values;
/// the store (plan_store.h) applies them in one transaction per write.
///
/// The cycle:
///   application (第3号 申請書兼同意書) → decision_notice (第4号 決定通知書)
///   → nurse_request (第5号 作成業務依頼書, names the visiting nurse station)
///   → plan (第6号, version 1, "新規") → then, in any order and repeatedly:
///     update (第7条: yearly, or on any change of condition; a new version, "更新"),
///     invoice (第7号, quarterly), evaluation (第8号 業務報告書兼評価書).
///   withdrawn ends the plan from any state.
#include "data/model/person.h"
#include "data/ops/clock.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data::plans {

enum class PlanStep {
    application,
    decision_notice,
    nurse_request,
    plan,
    update,
    invoice,
    evaluation
};
enum class PlanState {
    applied,
    decided,
    nurse_requested,
    planned,
    updated,
    invoiced,
    evaluated,
    withdrawn
};

std::string_view to_db(PlanStep s);
std::string_view to_db(PlanState s);
/// Database names, Japanese names (申請, 決定通知, 依頼, 計画作成, 更新, 請求, 評価) and form
/// numbers ("3".."8", "第3号"; "6" is the plan).
std::optional<PlanStep> parse_plan_step(std::string_view s);
std::optional<PlanState> parse_plan_state(std::string_view s);
std::string_view label_ja(PlanStep s); ///< e.g. "第4号 決定通知"
std::string_view label_en(PlanStep s);
std::string_view label_ja(PlanState s); ///< e.g. "計画作成済"
std::string_view label_en(PlanState s);
/// The form (様式) number of the step's document: 3, 4, 5, 6 (plan and update), 7 or 8.
int form_number(PlanStep s);
/// The state a plan is in after `s`.
PlanState state_after(PlanStep s);

/// Content of one version (第5条 (1)–(7)). Free text per item; lists are one entry a line.
struct PlanContent {
    std::string safety_check_method; ///< (1) 安否確認の方法
    std::string contact_list; ///< (2) 関係者及び緊急時の医療機関等の連絡リスト
    std::string supplies;     ///< (3) 災害時に備えて準備しておく物のリスト
    std::string outage_procedure;  ///< (4) 停電時の対応方法 (長引く場合を含む)
    std::string hazard_procedures; ///< (5) 地震、風水害等災害種別ごとの対応方法
    std::string ventilator_info;   ///< (6) 人工呼吸器の機種等の情報及び医療情報
    std::string other_items;       ///< (7) その他
    bool operator==(const PlanContent&) const = default;
};

/// Which content items are empty, as "(1) 安否確認の方法"-style names (ja) / English names.
std::vector<std::string> missing_items(const PlanContent& c, bool japanese);
/// A starting draft from the registry: ventilator model, mode, hours, batteries, suction,
/// resuscitation bag, other devices; the outage procedure with the person's battery hours; the
/// per-hazard procedures. The planner edits it; nothing personal beyond the registry's own.
PlanContent draft_from_registry(const Person& p);

struct SupportPlan {
    RowId id = 0;
    RowId person_id = 0;
    PlanState state = PlanState::applied;
    std::string nurse_station; ///< 訪問看護ステーション (named at 第5号)
    std::optional<std::string> next_review_due; ///< YYYY-MM-DD (JST date)
    std::string created_at;
    std::int64_t row_version = 0;
    bool operator==(const SupportPlan&) const = default;
};

/// One step taken: its date, actor and document.
struct PlanStepRecord {
    RowId id = 0;
    RowId plan_id = 0;
    PlanStep step = PlanStep::application;
    int form_no = 0;
    std::string at; ///< UTC ISO-8601
    std::string actor;
    std::string document_ref; ///< e.g. 豊保健発第12号, a file name
    std::string notes;
    std::string nurse_station; ///< the station that did the work (plan, update, invoice)
};

struct PlanVersion {
    RowId id = 0;
    RowId plan_id = 0;
    int version_no = 0;
    std::string created_at;
    std::string author;
    bool update = false; ///< false: 新規 (new)
    PlanContent content;
};

/// A refusal with the reason in both languages; `ok` when legal.
struct StepCheck {
    bool ok = true;
    std::string reason_ja, reason_en;
};

/// Whether `plan` may take `step`. Legal: application only to open a plan (never as a step of
/// an existing one); the next of decision_notice → nurse_request → plan, in order; after the
/// plan: update, invoice and evaluation. Requirements: nurse_request and later need the nurse
/// station; plan and update need `content` (every item of 第5条 (1)–(6) filled); invoice needs
/// `uninvoiced_work` > 0 (a plan or update not yet invoiced). Nothing after withdrawn. Pure.
StepCheck check_step(const SupportPlan& plan, PlanStep step, const PlanContent* content,
                     int uninvoiced_work);

/// The JST calendar date of `t`, YYYY-MM-DD.
std::string jst_date(ops::TimePoint t);
/// The yearly review date after a plan or update made at `at`: the same JST date a year later
/// (29 February → 28 February).
std::string next_review_after(ops::TimePoint at);
/// Whole days from JST date `from` to JST date `to` (YYYY-MM-DD); nullopt for a bad date.
std::optional<int> days_between(std::string_view from, std::string_view to);

// --- due list --------------------------------------------------------------------------------

enum class DueKind { overdue, due, no_plan };
struct DueEntry {
    DueKind kind = DueKind::due;
    RowId person_id = 0;
    std::string registry_number;
    std::optional<RowId> plan_id;
    std::optional<std::string> review_due; ///< YYYY-MM-DD
    int days = 0;                          ///< days until due (negative: overdue)
};
/// The due list at `today` (JST date): plans (not withdrawn, with a plan made) whose review is
/// due within `within_days` (0 ≤ days ≤ within_days: due; days < 0: overdue), then active
/// ventilator users in `persons` with no plan that is not withdrawn. Overdue first (most
/// overdue first), then due (soonest first), then no plan (by registry number). Pure.
std::vector<DueEntry> due_list(const std::vector<SupportPlan>& plans,
                               const std::vector<Person>& persons, std::string_view today,
                               int within_days);

// --- evaluation (第8号) ------------------------------------------------------------------------

enum class EvalResult { ok, problem, not_applicable };
std::string_view to_db(EvalResult r);
/// ok / problem / not_applicable, and 問題なし/揃っている/準備済/使用可能/有 (ok),
/// 問題あり/不足あり/使用不可/なし (problem), 該当なし/na (not applicable).
std::optional<EvalResult> parse_eval_result(std::string_view s);

struct EvalItemSpec {
    std::string_view key;      ///< e.g. "supplies_complete"
    std::string_view section;  ///< 様式1 … 様式4, その他
    std::string_view label_ja; ///< as on the form
    std::string_view label_en;
    std::string_view ok_ja; ///< the form's "good" box (揃っている, 問題なし, 使用可能 …)
    std::string_view problem_ja; ///< the form's "bad" box (不足あり, 問題あり, 使用不可 …)
};
/// Every checklist item of the 第8号 form, in the form's order (19 items).
const std::vector<EvalItemSpec>& evaluation_items();
const EvalItemSpec* find_evaluation_item(std::string_view key);

struct EvalItem {
    std::string key;
    EvalResult result = EvalResult::ok;
    std::string note;
};
struct Evaluation {
    RowId plan_id = 0;
    std::string evaluated_at; ///< UTC ISO-8601; one evaluation = the rows sharing this time
    std::vector<EvalItem> items;
};
/// Refuses unknown keys, an item listed twice, a problem without a note; requires every item
/// of the form. Returns the reasons (empty: valid). Pure.
std::vector<std::string> validate_evaluation(const std::vector<EvalItem>& items);
/// Items with a problem: the follow-up list. Pure.
std::vector<EvalItem> follow_ups(const Evaluation& e);

// --- invoice (第7号) ---------------------------------------------------------------------------

inline constexpr std::int64_t k_new_plan_yen = 16560;
inline constexpr std::int64_t k_update_yen = 5520;
inline constexpr int k_tax_percent = 10;

/// A calendar quarter: "2026Q3" is July–September 2026 (JST dates).
struct Quarter {
    int year = 0;
    int q = 1;
    std::string first_day() const; ///< YYYY-MM-DD
    std::string last_day() const;
    std::string text() const; ///< 2026Q3
};
std::optional<Quarter> parse_quarter(std::string_view s);
/// The work for one station in one quarter: counted from plan and update steps.
struct InvoiceTotals {
    std::string nurse_station;
    Quarter quarter;
    int new_plans = 0;
    int updates = 0;
    std::int64_t subtotal_yen = 0; ///< tax excluded
    std::int64_t tax_yen = 0;      ///< 10 %, rounded down to the yen
    std::int64_t total_yen = 0;
};
/// Totals over `steps` (of every plan): plan steps count as new, update steps as updates, when
/// their station is `station` and their JST date falls in `quarter`. Pure.
InvoiceTotals invoice_totals(const std::vector<PlanStepRecord>& steps, std::string_view station,
                             const Quarter& quarter);
/// "16,560" style thousands separators.
std::string yen(std::int64_t v);

} // namespace breathline::data::plans
