#include "data/plans/plan.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

namespace breathline::data::plans {

namespace {

using namespace std::chrono;

struct StepName {
    PlanStep step;
    std::string_view db, ja, en, short_ja;
    int form;
};
constexpr StepName k_steps[] = {
    {PlanStep::application, "application", "第3号 申請・同意", "form 3 application and consent",
     "申請", 3},
    {PlanStep::decision_notice, "decision_notice", "第4号 決定通知", "form 4 decision notice",
     "決定通知", 4},
    {PlanStep::nurse_request, "nurse_request", "第5号 作成業務依頼",
     "form 5 request to the nurse station", "依頼", 5},
    {PlanStep::plan, "plan", "第6号 計画作成 (新規)", "form 6 plan (new)", "計画作成", 6},
    {PlanStep::update, "update", "第6号 計画更新 (第7条)", "form 6 plan update (art. 7)", "更新",
     6},
    {PlanStep::invoice, "invoice", "第7号 請求", "form 7 invoice", "請求", 7},
    {PlanStep::evaluation, "evaluation", "第8号 報告・評価", "form 8 report and evaluation", "評価",
     8},
};

struct StateName {
    PlanState state;
    std::string_view db, ja, en;
};
constexpr StateName k_states[] = {
    {PlanState::applied, "applied", "申請受付", "applied"},
    {PlanState::decided, "decided", "決定通知済", "decided"},
    {PlanState::nurse_requested, "nurse_requested", "作成依頼済", "nurse requested"},
    {PlanState::planned, "planned", "計画作成済", "planned"},
    {PlanState::updated, "updated", "更新済", "updated"},
    {PlanState::invoiced, "invoiced", "請求済", "invoiced"},
    {PlanState::evaluated, "evaluated", "評価済", "evaluated"},
    {PlanState::withdrawn, "withdrawn", "取下げ", "withdrawn"},
};

const StepName& step_name(PlanStep s) {
    for (const auto& n : k_steps)
        if (n.step == s) return n;
    return k_steps[0];
}
const StateName& state_name(PlanState s) {
    for (const auto& n : k_states)
        if (n.state == s) return n;
    return k_states[0];
}

bool has_plan(PlanState s) {
    return s == PlanState::planned || s == PlanState::updated || s == PlanState::invoiced ||
           s == PlanState::evaluated;
}

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::optional<year_month_day> parse_date(std::string_view s) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::from_chars(s.data(), s.data() + 4, y).ec != std::errc{} ||
        std::from_chars(s.data() + 5, s.data() + 7, m).ec != std::errc{} ||
        std::from_chars(s.data() + 8, s.data() + 10, d).ec != std::errc{})
        return std::nullopt;
    const year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

std::string date_text(const year_month_day& ymd) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

StepCheck refuse(std::string ja, std::string en) {
    return {false, std::move(ja), std::move(en)};
}

} // namespace

std::string_view to_db(PlanStep s) {
    return step_name(s).db;
}
std::string_view to_db(PlanState s) {
    return state_name(s).db;
}
std::string_view label_ja(PlanStep s) {
    return step_name(s).ja;
}
std::string_view label_en(PlanStep s) {
    return step_name(s).en;
}
std::string_view label_ja(PlanState s) {
    return state_name(s).ja;
}
std::string_view label_en(PlanState s) {
    return state_name(s).en;
}
int form_number(PlanStep s) {
    return step_name(s).form;
}

std::optional<PlanStep> parse_plan_step(std::string_view s) {
    for (const auto& n : k_steps)
        if (s == n.db || s == n.ja || s == n.short_ja) return n.step;
    // A form number names its step; 6 is the plan (an update is asked for by name).
    for (const auto& n : k_steps) {
        if (n.step == PlanStep::update) continue;
        const std::string num = std::to_string(n.form);
        if (s == num || s == "第" + num + "号") return n.step;
    }
    return std::nullopt;
}

std::optional<PlanState> parse_plan_state(std::string_view s) {
    for (const auto& n : k_states)
        if (s == n.db || s == n.ja) return n.state;
    return std::nullopt;
}

PlanState state_after(PlanStep s) {
    switch (s) {
    case PlanStep::application:
        return PlanState::applied;
    case PlanStep::decision_notice:
        return PlanState::decided;
    case PlanStep::nurse_request:
        return PlanState::nurse_requested;
    case PlanStep::plan:
        return PlanState::planned;
    case PlanStep::update:
        return PlanState::updated;
    case PlanStep::invoice:
        return PlanState::invoiced;
    case PlanStep::evaluation:
        return PlanState::evaluated;
    }
    return PlanState::applied;
}

std::vector<std::string> missing_items(const PlanContent& c, bool japanese) {
    std::vector<std::string> out;
    auto need = [&](const std::string& v, const char* ja, const char* en) {
        if (blank(v)) out.emplace_back(japanese ? ja : en);
    };
    need(c.safety_check_method, "(1) 安否確認の方法", "(1) safety-check method");
    need(c.contact_list, "(2) 連絡リスト", "(2) contact list");
    need(c.supplies, "(3) 準備しておく物のリスト", "(3) supplies to prepare");
    need(c.outage_procedure, "(4) 停電時の対応方法", "(4) outage procedure");
    need(c.hazard_procedures, "(5) 災害種別ごとの対応方法", "(5) procedure per hazard");
    need(c.ventilator_info, "(6) 人工呼吸器の機種等・医療情報", "(6) ventilator and medical info");
    return out;
}

PlanContent draft_from_registry(const Person& p) {
    auto hours = [](const std::optional<bool>& has, const std::optional<double>& h) {
        if (!has) return std::string("不明");
        if (!*has) return std::string("無");
        if (!h) return std::string("有 (時間不明)");
        char buf[32];
        std::snprintf(buf, sizeof buf, "有 (%g 時間)", *h);
        return std::string(buf);
    };
    auto yes_no = [](const std::optional<bool>& v) {
        return v ? std::string(*v ? "有" : "無") : std::string("不明");
    };
    PlanContent c;
    c.safety_check_method = "災害発生後、訪問看護ステーションが電話で安否を確認する。"
                            "つながらない場合は地区担当保健師が訪問する。";
    c.contact_list = "様式1 (連絡リスト) のとおり。主治医、訪問看護ステーション、"
                     "人工呼吸器取扱業者、ケアマネジャー、地区担当保健師。";
    c.supplies = "外部バッテリー (充電済み)\n蘇生バッグ\n足踏み式吸引器\n"
                 "吸引カテーテル・衛生材料 (7日分)\n車のシガーライターケーブル\n"
                 "常用薬 (7日分)\n懐中電灯・ラジオ・電池";
    std::string vent = p.uses_ventilator ? "人工呼吸器: " : "人工呼吸器: 使用なし";
    if (p.uses_ventilator) {
        vent += p.ventilator_model.empty() ? "機種未登録" : p.ventilator_model;
        if (p.ventilator_mode)
            vent +=
                p.ventilator_mode == VentilatorMode::tppv ? " (TPPV 気管切開)" : " (NPPV マスク)";
        if (p.ventilator_hours_per_day) {
            char buf[48];
            std::snprintf(buf, sizeof buf, "、使用時間 %g 時間/日", *p.ventilator_hours_per_day);
            vent += buf;
        }
        vent += "\n内部バッテリー " + hours(p.internal_battery, p.internal_battery_h) +
                "、外部バッテリー " + hours(p.external_battery, p.external_battery_h);
        vent += "\n吸引器 内部バッテリー " + yes_no(p.suction_internal_battery) + "、足踏み式等 " +
                yes_no(p.suction_non_electric) + "、蘇生バッグ " + yes_no(p.resuscitation_bag);
    }
    std::string others;
    auto add = [&](bool on, const char* name) {
        if (on) others += (others.empty() ? "" : "・") + std::string(name);
    };
    add(p.home_oxygen, "在宅酸素");
    add(p.infusion_pump, "輸液ポンプ");
    add(p.pulse_oximeter, "パルスオキシメーター");
    add(p.low_pressure_suction, "低圧持続吸引機");
    add(p.inhaler, "吸入器");
    add(p.tube_feeding != TubeFeeding::none, "経管栄養");
    add(p.cough_assist, "排痰補助装置");
    if (!others.empty()) vent += "\nその他の医療機器: " + others;
    if (!p.disease.empty()) vent += "\n病名: " + p.disease;
    c.ventilator_info = vent;
    c.outage_procedure =
        "1. 人工呼吸器が内部・外部バッテリーで作動していることを確認する。\n"
        "2. 外部バッテリーへ切り替え、残り時間を記録する (内部 " +
        hours(p.internal_battery, p.internal_battery_h) + "、外部 " +
        hours(p.external_battery, p.external_battery_h) +
        ")。\n3. 吸引は充電式または足踏み式に切り替える。エアマットは3時間で要確認。\n"
        "4. 停電が長引きそうな場合: 車のシガーライターケーブル・発電機で充電し、"
        "バッテリー残りが3時間を切る前に訪問看護ステーションへ連絡し、"
        "入院または電源のある施設への避難を調整する。";
    c.hazard_procedures =
        "地震: 人工呼吸器と回路の外れ・転倒を確認し、周囲の落下物を除く。"
        "停電なら上の停電時の対応へ。建物が危険なら蘇生バッグで換気しつつ避難する。\n"
        "風水害: 警報の段階で外部バッテリーを満充電にし、浸水のおそれがあれば"
        "高齢者等避難の段階で早めに避難・入院を調整する。";
    return c;
}

StepCheck check_step(const SupportPlan& plan, PlanStep step, const PlanContent* content,
                     int uninvoiced_work) {
    const PlanState s = plan.state;
    if (s == PlanState::withdrawn)
        return refuse("取下げ済みの計画は進められません", "the plan was withdrawn");
    auto order = [&](PlanState needed, const char* ja_prev, const char* en_prev) -> StepCheck {
        if (s == needed) return {};
        return refuse(std::string("「") + std::string(label_ja(step)) + "」の前に「" + ja_prev +
                          "」が必要です (現在: " + std::string(label_ja(s)) + ")",
                      std::string(label_en(step)) + " needs " + en_prev +
                          " first (now: " + std::string(label_en(s)) + ")");
    };
    StepCheck c;
    switch (step) {
    case PlanStep::application:
        return refuse("申請 (第3号) は計画を作るときだけです",
                      "an application (form 3) only opens a plan");
    case PlanStep::decision_notice:
        return order(PlanState::applied, "第3号 申請", "the form 3 application");
    case PlanStep::nurse_request:
        c = order(PlanState::decided, "第4号 決定通知", "the form 4 decision notice");
        if (c.ok && blank(plan.nurse_station))
            return refuse("第5号 依頼には訪問看護ステーションが必要です",
                          "form 5 needs the visiting nurse station");
        return c;
    case PlanStep::plan:
        if (has_plan(s))
            return refuse("計画は作成済みです。見直しは「更新」で行います",
                          "the plan exists; a revision is an update");
        c = order(PlanState::nurse_requested, "第5号 依頼", "the form 5 request");
        break;
    case PlanStep::update:
        if (!has_plan(s))
            return refuse(
                "更新の前に計画 (第6号) の作成が必要です (現在: " + std::string(label_ja(s)) + ")",
                "an update needs the form 6 plan first (now: " + std::string(label_en(s)) + ")");
        break;
    case PlanStep::invoice:
    case PlanStep::evaluation:
        if (!has_plan(s))
            return refuse("「" + std::string(label_ja(step)) +
                              "」の前に計画 (第6号) の作成が必要です",
                          std::string(label_en(step)) + " needs the form 6 plan first");
        if (step == PlanStep::invoice && uninvoiced_work <= 0)
            return refuse("請求していない作成・更新がありません",
                          "no plan or update is waiting to be invoiced");
        return {};
    }
    if (!c.ok) return c;
    if (!content)
        return refuse("計画の内容 (第5条) がありません", "the plan needs its content (art. 5)");
    const auto missing = missing_items(*content, true);
    if (!missing.empty()) {
        std::string ja, en;
        for (const auto& m : missing)
            ja += (ja.empty() ? "" : "、") + m;
        for (const auto& m : missing_items(*content, false))
            en += (en.empty() ? "" : ", ") + m;
        return refuse("計画の内容が足りません: " + ja, "the plan lacks: " + en);
    }
    return {};
}

std::string jst_date(ops::TimePoint t) {
    return date_text(year_month_day(floor<days>(t + hours{9})));
}

std::string next_review_after(ops::TimePoint at) {
    const year_month_day d(floor<days>(at + hours{9}));
    year_month_day next = d + years{1};
    if (!next.ok()) next = next.year() / next.month() / last; // 29 Feb → 28 Feb
    return date_text(next);
}

std::optional<int> days_between(std::string_view from, std::string_view to) {
    const auto a = parse_date(from), b = parse_date(to);
    if (!a || !b) return std::nullopt;
    return static_cast<int>((sys_days(*b) - sys_days(*a)).count());
}

std::vector<DueEntry> due_list(const std::vector<SupportPlan>& plans,
                               const std::vector<Person>& persons, std::string_view today,
                               int within_days) {
    std::vector<DueEntry> overdue, due, none;
    std::set<RowId> planned;
    for (const auto& p : plans) {
        if (p.state == PlanState::withdrawn) continue;
        planned.insert(p.person_id);
        if (!has_plan(p.state) || !p.next_review_due) continue;
        const auto d = days_between(today, *p.next_review_due);
        if (!d) continue;
        DueEntry e;
        e.person_id = p.person_id;
        e.plan_id = p.id;
        e.review_due = p.next_review_due;
        e.days = *d;
        for (const auto& person : persons)
            if (person.id == p.person_id) e.registry_number = person.external_id;
        if (*d < 0) {
            e.kind = DueKind::overdue;
            overdue.push_back(e);
        } else if (*d <= within_days) {
            e.kind = DueKind::due;
            due.push_back(e);
        }
    }
    for (const auto& person : persons) {
        if (!person.uses_ventilator || person.status != PersonStatus::active) continue;
        if (planned.count(person.id)) continue;
        DueEntry e;
        e.kind = DueKind::no_plan;
        e.person_id = person.id;
        e.registry_number = person.external_id;
        none.push_back(e);
    }
    auto by_days = [](const DueEntry& a, const DueEntry& b) {
        return a.days != b.days ? a.days < b.days : a.registry_number < b.registry_number;
    };
    std::sort(overdue.begin(), overdue.end(), by_days);
    std::sort(due.begin(), due.end(), by_days);
    std::sort(none.begin(), none.end(), [](const DueEntry& a, const DueEntry& b) {
        return a.registry_number < b.registry_number;
    });
    std::vector<DueEntry> out = std::move(overdue);
    out.insert(out.end(), due.begin(), due.end());
    out.insert(out.end(), none.begin(), none.end());
    return out;
}

// --- evaluation --------------------------------------------------------------------------------

std::string_view to_db(EvalResult r) {
    switch (r) {
    case EvalResult::ok:
        return "ok";
    case EvalResult::problem:
        return "problem";
    case EvalResult::not_applicable:
        return "not_applicable";
    }
    return "ok";
}

std::optional<EvalResult> parse_eval_result(std::string_view s) {
    for (std::string_view ok : {"ok", "問題なし", "揃っている", "準備済", "使用可能", "有"})
        if (s == ok) return EvalResult::ok;
    for (std::string_view bad : {"problem", "問題あり", "不足あり", "使用不可", "なし", "無", "ng"})
        if (s == bad) return EvalResult::problem;
    for (std::string_view na : {"not_applicable", "na", "n/a", "該当なし"})
        if (s == na) return EvalResult::not_applicable;
    return std::nullopt;
}

const std::vector<EvalItemSpec>& evaluation_items() {
    static const std::vector<EvalItemSpec> items = {
        {"supplies_complete", "様式1", "①必要品目・個数", "supplies: items and quantities",
         "揃っている", "不足あり"},
        {"supplies_expiry", "様式1", "②消費期限", "supplies: expiry dates", "問題なし", "問題あり"},
        {"supplies_usable", "様式1", "③使用状態", "supplies: usable", "問題なし", "問題あり"},
        {"external_battery_charged", "様式2", "①外部バッテリーの充電", "external battery charged",
         "問題なし", "問題あり"},
        {"external_battery_tested", "様式2", "②外部バッテリーの作動確認", "external battery tested",
         "問題なし", "問題あり"},
        {"oxygen_cylinder_switch", "様式2", "③酸素ボンベへの切り替え", "switch to oxygen cylinder",
         "問題なし", "問題あり"},
        {"rechargeable_suction", "様式2", "④充電式吸引器", "rechargeable suction", "問題なし",
         "問題あり"},
        {"foot_suction", "様式2", "⑤足踏み式吸引器", "foot suction", "問題なし", "問題あり"},
        {"car_cable", "様式3", "①車のシガーライターケーブル", "car cigarette-lighter cable",
         "使用可能", "使用不可"},
        {"generator", "様式3", "②発電機", "generator", "使用可能", "使用不可"},
        {"ventilator_fault_procedure", "様式4", "①人工呼吸器異常時の対応手順",
         "ventilator fault procedure", "問題なし", "問題あり"},
        {"bag_practice", "様式4", "②蘇生バッグ使用の実践", "resuscitation bag practice", "問題なし",
         "問題あり"},
        {"falling_objects", "様式4", "③患者の周囲の転倒物・落下物",
         "falling objects around the patient", "問題なし", "問題あり"},
        {"bed_manual_operation", "様式4", "④電動ベッドの緊急手動操作",
         "manual operation of the electric bed", "問題なし", "問題あり"},
        {"safety_contact_method", "様式4", "⑤安否の連絡方法", "how to report safety", "問題なし",
         "問題あり"},
        {"go_bag", "その他", "①避難時の持ち出しセット", "go-bag for evacuation", "準備済",
         "不足あり"},
        {"transport_means", "その他", "②移送の手段", "transport means", "問題なし", "問題あり"},
        {"outings", "その他", "③外出の機会", "opportunities to go out", "有", "なし"},
        {"neighbour_helpers", "その他", "④近隣の支援者", "neighbours who can help", "有", "なし"},
    };
    return items;
}

const EvalItemSpec* find_evaluation_item(std::string_view key) {
    for (const auto& i : evaluation_items())
        if (i.key == key) return &i;
    return nullptr;
}

std::vector<std::string> validate_evaluation(const std::vector<EvalItem>& items) {
    std::vector<std::string> reasons;
    std::set<std::string> seen;
    for (const auto& i : items) {
        const auto* spec = find_evaluation_item(i.key);
        if (!spec) {
            reasons.push_back(i.key + ": 第8号の項目ではありません / not an item of form 8");
            continue;
        }
        if (!seen.insert(i.key).second)
            reasons.push_back(i.key + ": 2回記入されています / listed twice");
        if (i.result == EvalResult::problem && blank(i.note))
            reasons.push_back(i.key +
                              ": 問題ありには内容 (カッコ内) が必要です / a problem needs a note");
    }
    for (const auto& spec : evaluation_items())
        if (!seen.count(std::string(spec.key)))
            reasons.push_back(std::string(spec.key) + ": 未記入 (" + std::string(spec.label_ja) +
                              ") / missing");
    return reasons;
}

std::vector<EvalItem> follow_ups(const Evaluation& e) {
    std::vector<EvalItem> out;
    for (const auto& i : e.items)
        if (i.result == EvalResult::problem) out.push_back(i);
    return out;
}

// --- invoice -----------------------------------------------------------------------------------

std::string Quarter::first_day() const {
    return date_text(std::chrono::year_month_day{
        std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(q * 3 - 2)},
        std::chrono::day{1}});
}
std::string Quarter::last_day() const {
    return date_text(std::chrono::year_month_day{std::chrono::year_month_day_last{
        std::chrono::year{year},
        std::chrono::month_day_last{std::chrono::month{static_cast<unsigned>(q * 3)}}}});
}
std::string Quarter::text() const {
    return std::to_string(year) + "Q" + std::to_string(q);
}

std::optional<Quarter> parse_quarter(std::string_view s) {
    if (s.size() != 6 || (s[4] != 'Q' && s[4] != 'q')) return std::nullopt;
    Quarter out;
    if (std::from_chars(s.data(), s.data() + 4, out.year).ec != std::errc{}) return std::nullopt;
    out.q = s[5] - '0';
    if (out.q < 1 || out.q > 4 || out.year < 2000) return std::nullopt;
    return out;
}

InvoiceTotals invoice_totals(const std::vector<PlanStepRecord>& steps, std::string_view station,
                             const Quarter& quarter) {
    InvoiceTotals t;
    t.nurse_station = std::string(station);
    t.quarter = quarter;
    const std::string first = quarter.first_day(), last = quarter.last_day();
    for (const auto& s : steps) {
        if (s.step != PlanStep::plan && s.step != PlanStep::update) continue;
        if (s.nurse_station != station) continue;
        const auto at = ops::parse_time(s.at);
        if (!at) continue;
        const std::string d = jst_date(*at);
        if (d < first || d > last) continue;
        (s.step == PlanStep::plan ? t.new_plans : t.updates) += 1;
    }
    t.subtotal_yen = t.new_plans * k_new_plan_yen + t.updates * k_update_yen;
    t.tax_yen = t.subtotal_yen * k_tax_percent / 100;
    t.total_yen = t.subtotal_yen + t.tax_yen;
    return t;
}

std::string yen(std::int64_t v) {
    std::string digits = std::to_string(v < 0 ? -v : v), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return v < 0 ? "-" + out : out;
}

} // namespace breathline::data::plans
