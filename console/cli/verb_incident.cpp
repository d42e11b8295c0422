// `incident declare|list|activate|close|status|level`: the incidents of the operations board.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/ops_args.h"
#include "console/cli/routing_args.h"
#include "data/error.h"
#include "data/ops/board.h"
#include "data/ops/phase.h"

#include <cstdio>
#include <ostream>

namespace breathline::cli {

namespace {

namespace ops = data::ops;

std::string kind_label(const Context& ctx, data::IncidentKind kind) {
    switch (kind) {
    case data::IncidentKind::earthquake:
        return ctx.tr("地震", "earthquake");
    case data::IncidentKind::storm_flood:
        return ctx.tr("風水害", "storm/flood");
    case data::IncidentKind::power_outage:
        return ctx.tr("停電", "power outage");
    case data::IncidentKind::pandemic:
        return ctx.tr("感染症", "pandemic");
    case data::IncidentKind::other:
        return ctx.tr("その他", "other");
    }
    return "";
}

std::string level_label(const Context& ctx, data::EvacuationLevel level) {
    return std::string(ctx.lang == Lang::ja ? ops::label_ja(level) : ops::label_en(level));
}

data::EvacuationLevel parse_level(const Context& ctx, const std::string& text) {
    const auto level = ops::parse_evacuation_level(text);
    if (!level)
        throw UsageError{ctx.tr("避難情報 '{0}' は読めません: 高齢者等避難・避難指示・緊急安全確保 "
                                "(旧称の避難勧告なども可) か none を指定してください",
                                "evacuation level '{0}' is unknown: give 高齢者等避難, 避難指示, "
                                "緊急安全確保 (older terms such as 避難勧告 accepted) or none",
                                {text})};
    return *level;
}

data::RowId parse_id(const Context& ctx, const std::string& text) {
    return static_cast<data::RowId>(parse_count(ctx, "ID", text));
}

std::string hours_text(double h) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", h);
    return buf;
}

int incident_declare(Context& ctx, const Args& args) {
    const auto title = args.get("title");
    if (!title || title->empty())
        throw UsageError{
            ctx.tr("--title で災害の名称を指定してください", "give the incident a --title")};
    data::Incident inc;
    inc.title = *title;
    const std::string kind_text = args.get("kind").value_or("earthquake");
    const auto kind = data::parse_incident_kind(kind_text);
    if (!kind)
        throw UsageError{ctx.tr("--kind '{0}' は不明です: earthquake, storm_flood, power_outage, "
                                "pandemic, other のどれか",
                                "--kind '{0}' is unknown: earthquake, storm_flood, power_outage, "
                                "pandemic or other",
                                {kind_text})};
    inc.kind = *kind;
    inc.onset_at = ops::format_time(time_option(ctx, args, "onset", now_of(ctx)));
    inc.is_drill = args.has("drill");
    inc.is_active = !args.has("no-activate");
    if (auto level = args.get("level")) inc.evacuation_level = parse_level(ctx, *level);
    auto store = ctx.open_store();
    const data::RowId id = store->incidents().declare_incident(inc);
    *ctx.out << ctx.tr("{0} {1} を宣言しました (発災 {2}{3})\n",
                       "declared {0} {1} (onset {2}{3})\n",
                       {inc.is_drill ? ctx.tr("訓練", "drill") : ctx.tr("災害", "incident"),
                        std::to_string(id), ops::format_time_jst(*ops::parse_time(inc.onset_at)),
                        inc.is_active ? ctx.tr("、現在の災害", ", active") : ""});
    return exit_ok;
}

int incident_list(Context& ctx, const Args& args) {
    auto store = ctx.open_store();
    const auto list = store->incidents().incidents(args.has("all"));
    auto& out = *ctx.out;
    for (const auto& inc : list) {
        const auto onset = ops::parse_time(inc.onset_at);
        out << (inc.is_active ? "* " : "  ") << pad(std::to_string(inc.id), 5)
            << pad(inc.is_drill ? ctx.tr("[訓練]", "[drill]") : "", 9)
            << pad(kind_label(ctx, inc.kind), 14)
            << pad(onset ? ops::format_time_jst(*onset) : inc.onset_at, 22)
            << pad(inc.closed_at ? ctx.tr("終了", "closed") : "", 8) << inc.title << "\n";
    }
    if (list.empty()) {
        out << ctx.tr("災害は登録されていません\n", "no incidents\n");
        return exit_findings;
    }
    return exit_ok;
}

int incident_status(Context& ctx, const Args& args) {
    auto store = ctx.open_store();
    const data::Incident inc = incident_for(ctx, *store, args);
    const ops::TimePoint now = now_of(ctx);
    auto& out = *ctx.out;
    const auto onset = ops::parse_time(inc.onset_at);
    out << ctx.tr("災害 {0}: {1} ({2}){3}\n", "incident {0}: {1} ({2}){3}\n",
                  {std::to_string(inc.id), inc.title, kind_label(ctx, inc.kind),
                   inc.is_drill ? ctx.tr(" [訓練]", " [drill]") : ""});
    out << ctx.tr("発災: {0}  現在: {1}\n", "onset: {0}  now: {1}\n",
                  {onset ? ops::format_time_jst(*onset) : inc.onset_at, ops::format_time_jst(now)});
    if (inc.closed_at)
        out << ctx.tr("終了: {0} {1}\n", "closed: {0} {1}\n", {*inc.closed_at, inc.close_summary});
    if (onset) {
        const auto phase = ops::phase_number(now - *onset);
        if (!phase) {
            out << ctx.tr("フェーズ: 発災前\n", "phase: before onset\n");
        } else {
            const ops::PhaseInfo& p = ops::phase_info(*phase);
            const bool ja = ctx.lang == Lang::ja;
            out << ctx.tr("フェーズ {0}: {1} ({2})、経過 {3} 時間\n",
                          "phase {0}: {1} ({2}), {3} h since onset\n",
                          {std::to_string(p.number), std::string(ja ? p.name_ja : p.name_en),
                           std::string(ja ? p.range_ja : p.range_en),
                           hours_text(ops::hours_between(*onset, now))});
            out << ctx.tr("医療ニーズ: {0} / {1}\n", "medical needs: {0} / {1}\n",
                          {std::string(ja ? p.needs_ja : p.needs_en),
                           std::string(ja ? p.post_ja : p.post_en)});
            out << ctx.tr("優先事項: {0}\n", "priorities: {0}\n",
                          {std::string(ja ? p.priorities_ja : p.priorities_en)});
        }
    }
    out << ctx.tr("避難情報: {0}\n", "evacuation level: {0}\n",
                  {level_label(ctx, inc.evacuation_level)});
    const auto outages = store->incidents().outage_areas(inc.id);
    int active_outages = 0;
    for (const auto& o : outages) {
        const auto start = ops::parse_time(o.starts_at);
        const auto restored = o.restored_at ? ops::parse_time(*o.restored_at) : std::nullopt;
        if (start && *start <= now && (!restored || *restored > now)) ++active_outages;
    }
    // Only this incident's checks: a drill's checks never count on a real incident.
    const auto board = ops::evaluate_board(persons_at_home(*store),
                                           store->incidents().latest_checks(inc.id), outages, now);
    const int total = static_cast<int>(board.rows.size());
    out << ctx.tr("停電区域: {0} (うち停電中 {1})\n", "outage areas: {0} ({1} without power now)\n",
                  {std::to_string(outages.size()), std::to_string(active_outages)});
    int confirmed = 0;
    for (const auto& r : board.rows)
        if (r.latest_check) ++confirmed;
    out << ctx.tr(
        "安否確認済み {0} / {1} 人、未確認 {2} 人\n",
        "{0} of {1} persons confirmed, {2} unconfirmed\n",
        {std::to_string(confirmed), std::to_string(total), std::to_string(total - confirmed)});
    out << ctx.tr("危険 {0}、緊急 {1}、未確認 {2}、要注意 {3}、問題なし {4}\n",
                  "critical {0}, urgent {1}, unconfirmed {2}, watch {3}, ok {4}\n",
                  {std::to_string(board.count(ops::BoardLevel::critical)),
                   std::to_string(board.count(ops::BoardLevel::urgent)),
                   std::to_string(board.count(ops::BoardLevel::unconfirmed)),
                   std::to_string(board.count(ops::BoardLevel::watch)),
                   std::to_string(board.count(ops::BoardLevel::ok))});
    return exit_ok;
}

int run_incident(Context& ctx, const Args& args) {
    if (args.positional.empty())
        throw UsageError{ctx.t("err.missing_arg", {"declare|list|activate|close|status|level"})};
    const std::string& sub = args.positional[0];
    auto expect = [&](std::size_t min, std::size_t max) {
        if (args.positional.size() < min + 1) throw UsageError{ctx.t("err.missing_arg", {"ID"})};
        if (args.positional.size() > max + 1)
            throw UsageError{ctx.t("err.extra_arg", {args.positional[max + 1]})};
    };
    if (sub == "declare") {
        expect(0, 0);
        return incident_declare(ctx, args);
    }
    if (sub == "list") {
        expect(0, 0);
        return incident_list(ctx, args);
    }
    if (sub == "status") {
        expect(0, 0);
        return incident_status(ctx, args);
    }
    if (sub == "activate") {
        expect(1, 1);
        const data::RowId id = parse_id(ctx, args.positional[1]);
        auto store = ctx.open_store();
        if (!store->incidents().activate_incident(id)) {
            *ctx.err << ctx.tr("災害 {0} はありません (incident list で確認できます)\n",
                               "no incident {0} (see incident list)\n", {std::to_string(id)});
            return exit_findings;
        }
        *ctx.out << ctx.tr("災害 {0} を現在の災害にしました\n", "incident {0} is now active\n",
                           {std::to_string(id)});
        return exit_ok;
    }
    if (sub == "close") {
        expect(0, 1);
        const auto summary = args.get("summary");
        if (!summary || summary->empty())
            throw UsageError{
                ctx.tr("--summary で終了時のまとめを書いてください", "give a closing --summary")};
        auto store = ctx.open_store();
        const data::RowId id = args.positional.size() > 1 ? parse_id(ctx, args.positional[1])
                                                          : incident_for(ctx, *store, args).id;
        const std::string at = ops::format_time(time_option(ctx, args, "at", now_of(ctx)));
        if (!store->incidents().close_incident(id, at, *summary)) {
            *ctx.err << ctx.tr("終了していない災害 {0} はありません\n", "no open incident {0}\n",
                               {std::to_string(id)});
            return exit_findings;
        }
        *ctx.out << ctx.tr("災害 {0} を終了しました\n", "closed incident {0}\n",
                           {std::to_string(id)});
        return exit_ok;
    }
    if (sub == "level") {
        expect(1, 1);
        const data::EvacuationLevel level = parse_level(ctx, args.positional[1]);
        auto store = ctx.open_store();
        const data::Incident inc = incident_for(ctx, *store, args);
        store->incidents().set_evacuation_level(inc.id, level);
        *ctx.out << ctx.tr("災害 {0} の避難情報: {1}\n", "incident {0} evacuation level: {1}\n",
                           {std::to_string(inc.id), level_label(ctx, level)});
        return exit_ok;
    }
    throw UsageError{ctx.tr("incident の後には declare, list, activate, close, status, level の"
                            "どれかを指定します ('{0}' は不可)",
                            "incident takes declare, list, activate, close, status or level, not "
                            "'{0}'",
                            {sub})};
}

} // namespace

VerbSpec make_incident_verb() {
    return {"incident",
            "incident declare --title T [--kind K] [--onset T] [--drill] [--level L] "
            "[--no-activate] | list [--all] | activate ID | close [ID] --summary S [--at T] | "
            "status [--incident ID] | level L [--incident ID]",
            "verb.incident",
            {{"title", true, "opt.incident.title"},
             {"kind", true, "opt.incident.kind"},
             {"onset", true, "opt.incident.onset"},
             {"drill", false, "opt.incident.drill"},
             {"level", true, "opt.incident.level"},
             {"no-activate", false, "opt.incident.no_activate"},
             {"summary", true, "opt.incident.summary"},
             {"at", true, "opt.incident.at"},
             {"all", false, "opt.incident.all"},
             {"incident", true, "opt.incident.id"}},
            run_incident};
}

} // namespace breathline::cli
