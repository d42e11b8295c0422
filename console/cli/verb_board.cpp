// `board [--at T] [--since T]`: the operations board as a text table, sorted by time to
// critical. Registry numbers only, never names (the board may be projected).

#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/ops_args.h"
#include "data/ops/board.h"

#include <cstdio>
#include <cstdlib>
#include <ostream>

namespace breathline::cli {

namespace {

// The board's stable reason codes (data/ops/board.h) as the coordinator reads them.
std::string reason_text(const Context& ctx, std::string_view code) {
    static constexpr struct {
        std::string_view code, ja, en;
    } k_reasons[] = {
        {"circuit_fault", "回路・カニューレ異常", "circuit or cannula fault"},
        {"vent_stopped", "呼吸器停止", "ventilator stopped"},
        {"no_bag", "蘇生バッグなし", "no resuscitation bag"},
        {"caregiver_cannot_continue", "介護継続困難", "caregiver cannot continue"},
        {"low_spo2", "SpO2低下", "low SpO2"},
        {"judgement_hospitalise", "入院判断", "to be hospitalised"},
        {"judgement_evacuate", "避難判断", "to be evacuated"},
        {"runway_unknown", "残時間不明", "hours left unknown"},
        {"runway_short", "残時間わずか", "few hours left"},
    };
    for (const auto& r : k_reasons)
        if (r.code == code) return ctx.tr(r.ja, r.en);
    return std::string(code);
}

namespace ops = data::ops;

std::string hours_text(double h) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1fh", h);
    return buf;
}

std::string runway_text(const Context& ctx, const ops::Runway& r) {
    switch (r.state) {
    case ops::RunwayState::not_applicable:
        return "-";
    case ops::RunwayState::no_deadline:
        return ctx.tr("通電中", "on mains");
    case ops::RunwayState::known:
        return hours_text(*r.hours);
    case ops::RunwayState::unknown:
        return ctx.tr("不明", "unknown");
    }
    return "";
}

std::string level_text(const Context& ctx, ops::BoardLevel level) {
    return std::string(ctx.lang == Lang::ja ? ops::label_ja(level) : ops::to_string(level));
}

std::string judgement_text(const Context& ctx, const std::optional<data::SafetyCheck>& c) {
    if (!c || !c->judgement) return "";
    switch (*c->judgement) {
    case data::Judgement::stay_home:
        return ctx.tr("在宅継続", "stay home");
    case data::Judgement::hospitalise:
        return ctx.tr("入院", "hospitalise");
    case data::Judgement::evacuate:
        return ctx.tr("避難", "evacuate");
    }
    return "";
}

double hours_option(const Context& ctx, const Args& args, const std::string& name,
                    double fallback) {
    const auto text = args.get(name);
    if (!text) return fallback;
    char* end = nullptr;
    const double v = std::strtod(text->c_str(), &end);
    if (text->empty() || *end != '\0' || !(v >= 0))
        throw UsageError{ctx.tr("--{0} '{1}' は 0 以上の時間数ではありません",
                                "--{0} '{1}' is not a number of hours (0 or more)", {name, *text})};
    return v;
}

int run_board(Context& ctx, const Args& args) {
    if (!args.positional.empty())
        throw UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
    ops::BoardThresholds t;
    t.critical_h = hours_option(ctx, args, "critical", t.critical_h);
    t.urgent_h = hours_option(ctx, args, "urgent", t.urgent_h);
    t.watch_h = hours_option(ctx, args, "watch", t.watch_h);
    if (!(t.critical_h <= t.urgent_h && t.urgent_h <= t.watch_h))
        throw UsageError{ctx.tr("しきい値は --critical ≦ --urgent ≦ --watch にしてください",
                                "thresholds must satisfy --critical <= --urgent <= --watch")};
    const ops::TimePoint at = time_option(ctx, args, "at", now_of(ctx));
    auto store = ctx.open_store();
    const data::Incident inc = incident_for(ctx, *store, args);
    const auto persons = persons_at_home(*store);
    const auto checks = store->incidents().latest_checks(inc.id);
    const auto outages = store->incidents().outage_areas(inc.id);
    const ops::Board board = ops::evaluate_board(persons, checks, outages, at, t);

    auto& out = *ctx.out;
    out << ctx.tr("災害 {0}{1} の安否確認ボード ({2})\n", "board of incident {0}{1} at {2}\n",
                  {std::to_string(inc.id), inc.is_drill ? ctx.tr(" [訓練]", " [drill]") : "",
                   ops::format_time_jst(at)});
    out << pad(ctx.tr("区分", "level"), 13) << pad(ctx.tr("登録番号", "registry no"), 13)
        << pad(ctx.tr("呼吸器", "power"), 10) << pad(ctx.tr("酸素", "oxygen"), 10)
        << pad(ctx.tr("停電", "outage"), 8) << pad(ctx.tr("最終確認", "last check"), 22)
        << pad(ctx.tr("判断", "judgement"), 12) << ctx.tr("理由", "reasons") << "\n";
    for (const auto& r : board.rows) {
        std::string reasons;
        for (const auto& code : r.reasons)
            reasons += (reasons.empty() ? "" : ",") + reason_text(ctx, code);
        if (r.air_mattress_reminder)
            reasons += (reasons.empty() ? "" : ",") + ctx.tr("エアマット", "air mattress");
        std::string checked;
        if (r.latest_check)
            if (const auto c = ops::parse_time(r.latest_check->checked_at))
                checked = ops::format_time_jst(*c);
        out << pad(level_text(ctx, r.level), 13) << pad(masked(r.external_id), 13)
            << pad(runway_text(ctx, r.power), 10) << pad(runway_text(ctx, r.oxygen), 10)
            << pad(r.in_outage ? ctx.tr("停電", "yes") : "", 8) << pad(checked, 22)
            << pad(judgement_text(ctx, r.latest_check), 12) << reasons << "\n";
    }
    out << ctx.tr("危険 {0}、緊急 {1}、未確認 {2}、要注意 {3}、問題なし {4} (計 {5} 人)\n",
                  "critical {0}, urgent {1}, unconfirmed {2}, watch {3}, ok {4} ({5} persons)\n",
                  {std::to_string(board.count(ops::BoardLevel::critical)),
                   std::to_string(board.count(ops::BoardLevel::urgent)),
                   std::to_string(board.count(ops::BoardLevel::unconfirmed)),
                   std::to_string(board.count(ops::BoardLevel::watch)),
                   std::to_string(board.count(ops::BoardLevel::ok)),
                   std::to_string(board.rows.size())});
    int reminders = 0;
    for (const auto& r : board.rows)
        if (r.air_mattress_reminder) ++reminders;
    if (reminders > 0)
        out << ctx.tr("エアマット {0} 人: ", "air mattress, {0} persons: ",
                      {std::to_string(reminders)})
            << (ctx.lang == Lang::ja ? ops::air_mattress_reminder_ja()
                                     : ops::air_mattress_reminder_en())
            << "\n";
    if (args.has("since")) {
        const ops::TimePoint since = time_option(ctx, args, "since", at);
        const ops::Board before = ops::evaluate_board(persons, checks, outages, since, t);
        for (const auto& a : ops::threshold_alarms(before, board))
            out << ctx.tr("警報: {0} が {1} → {2}\n", "alarm: {0} {1} -> {2}\n",
                          {masked(a.external_id), level_text(ctx, a.from), level_text(ctx, a.to)});
    }
    return exit_ok;
}

} // namespace

VerbSpec make_board_verb() {
    return {"board",
            "board [--at T] [--since T] [--incident ID] [--critical H] [--urgent H] [--watch H]",
            "verb.board",
            {{"at", true, "opt.board.at"},
             {"since", true, "opt.board.since"},
             {"incident", true, "opt.incident.id"},
             {"critical", true, "opt.board.critical"},
             {"urgent", true, "opt.board.urgent"},
             {"watch", true, "opt.board.watch"}},
            run_board};
}

} // namespace breathline::cli
