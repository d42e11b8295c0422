// `drill start|advance|pause|resume|speed|status|end|report|list`: training drills on a
// scenario clock (issue 8). A drill is an incident of its own, flagged and isolated; its clock
// lives with the run in the database, so the console, `drill run` and these verbs all see one
// scenario time, and every other verb works in it while the drill runs (ops_args.h now_of).

#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/ops_args.h"
#include "console/cli/routing_args.h"
#include "data/drill/after_action.h"
#include "data/drill/drill_clock.h"
#include "data/drill/drill_engine.h"
#include "data/drill/drill_store.h"
#include "data/drill/scenario.h"
#include "data/error.h"
#include "data/ops/board.h"
#include "data/ops/phase.h"
#include "data/reports/after_action_report.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <sstream>
#include <thread>

namespace breathline::cli {

namespace {

namespace drill = data::drill;
namespace ops = data::ops;

std::string speed_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "x%g", v);
    return buf;
}

double speed_option(const Context& ctx, const std::string& text) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !(v >= drill::k_min_speed && v <= drill::k_max_speed))
        throw UsageError{
            ctx.tr("速度 '{0}' は 1〜60 の数です", "speed '{0}' must be 1 to 60", {text})};
    return v;
}

// "90m", "1h30m", "45s", "2h".
std::chrono::seconds duration_option(const Context& ctx, const std::string& text) {
    long long total = 0, number = -1;
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            number = (number < 0 ? 0 : number * 10) + (c - '0');
            continue;
        }
        const long long unit = c == 'h' ? 3600 : c == 'm' ? 60 : c == 's' ? 1 : 0;
        if (!unit || number < 0)
            throw UsageError{ctx.tr("--by '{0}' は 90m、1h30m、45s のような長さです",
                                    "--by '{0}' is a duration like 90m, 1h30m or 45s", {text})};
        total += number * unit;
        number = -1;
    }
    if (number >= 0 || total <= 0)
        throw UsageError{ctx.tr("--by '{0}' は 90m、1h30m、45s のような長さです",
                                "--by '{0}' is a duration like 90m, 1h30m or 45s", {text})};
    return std::chrono::seconds(total);
}

void print_fired(const Context& ctx, const std::vector<drill::FiredAction>& fired) {
    for (const auto& f : fired)
        *ctx.out << "  " << ops::format_clock_jst(f.at) << "  "
                 << (ctx.lang == Lang::ja ? f.text_ja : f.text_en)
                 << (f.applied ? "" : "  [" + f.result + "]") << "\n";
}

// The running drill, or a usage error saying how to start one.
drill::DrillRun running_run(const Context& ctx, data::Store& store) {
    const auto run = drill::drill_store(store)->running();
    if (!run)
        throw UsageError{ctx.tr("実行中の訓練はありません (drill start シナリオ.toml で開始)",
                                "no drill is running (start one with drill start SCENARIO.toml)")};
    return *run;
}

data::RowId incident_option(const Context& ctx, const Args& args, data::Store& store) {
    if (const auto text = args.get("incident"))
        return static_cast<data::RowId>(parse_count(ctx, "--incident", *text));
    if (const auto run = drill::drill_store(store)->running()) return run->incident_id;
    // The latest drill, ended or not.
    const auto runs = drill::drill_store(store)->runs();
    if (runs.empty())
        throw UsageError{ctx.tr("訓練の記録がありません", "there is no drill in this database")};
    return runs.back().incident_id;
}

int write_report(Context& ctx, const Args& args, data::Store& store, data::RowId incident_id,
                 ops::TimePoint end) {
    const auto pdf = args.get("pdf");
    const auto csv = args.get("csv");
    if (!pdf && !csv) return exit_ok;
    const auto report =
        drill::compute_after_action(drill::load_after_action_input(store, incident_id, end));
    if (pdf) {
        data::reports::AfterActionPdfOptions options;
        options.english = ctx.lang == Lang::en;
        data::reports::write_after_action_pdf(store, report, *pdf, options);
        *ctx.out << ctx.tr("事後検証レポート (PDF): {0}\n", "after-action report (PDF): {0}\n",
                           {*pdf});
    }
    if (csv) {
        const auto files = data::reports::write_after_action_csv(store, report, *csv);
        *ctx.out << ctx.tr("事後検証データ (CSV {0} 件): {1}\n",
                           "after-action data ({0} CSV files): {1}\n",
                           {std::to_string(files.size()), *csv});
    }
    *ctx.out << ctx.tr("確認済み {0}/{1} 人、危険域に入った人 {2} 人、配送 期限内 {3}・遅延 {4}\n",
                       "confirmed {0}/{1}, {2} went critical, deliveries on time {3}, late {4}\n",
                       {std::to_string(report.confirmed), std::to_string(report.total),
                        std::to_string(report.critical.size()),
                        std::to_string(report.deliveries_on_time),
                        std::to_string(report.deliveries_late)});
    return exit_ok;
}

int drill_start(Context& ctx, const Args& args) {
    if (args.positional.size() < 2)
        throw UsageError{ctx.tr("drill start の後にシナリオファイルを指定してください",
                                "give the scenario file after drill start")};
    const std::string file = args.positional[1];
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw data::DataError(data::ErrorCode::io, "cannot read the scenario file '" + file + "'");
    std::ostringstream text;
    text << in.rdbuf();
    // Every problem of the file, then of its references, each with its line and field in the
    // user's language; nothing is written unless there are none.
    const auto report = [&](const std::vector<drill::ScenarioProblem>& problems) {
        for (const auto& p : problems)
            *ctx.err << (ctx.lang == Lang::ja ? drill::format_problem_ja(file, p)
                                              : drill::format_problem(file, p))
                     << "\n";
        *ctx.err << ctx.tr("シナリオに {0} 件の問題があります: 訓練は開始していません\n",
                           "{0} problems in the scenario: the drill was not started\n",
                           {std::to_string(problems.size())});
        return exit_bad_input;
    };
    auto parsed = drill::parse_scenario(text.str(), file);
    if (!parsed.scenario) return report(parsed.problems);
    const drill::Scenario& scenario = *parsed.scenario;
    drill::StartOptions options;
    if (const auto s = args.get("speed")) options.speed = speed_option(ctx, *s);

    auto store = ctx.open_store();
    if (const auto problems = drill::check_references(scenario, *store); !problems.empty())
        return report(problems);
    const auto id = drill::start_drill(*store, scenario, file, text.str(), options);
    drill::DrillEngine engine(*store, id);
    const auto fired = engine.advance_to(scenario.onset);
    auto& out = *ctx.out;
    out << ctx.tr("訓練 #{0} を開始しました: {1}\n", "drill #{0} started: {1}\n",
                  {std::to_string(id), scenario.title})
        << ctx.tr("  発災 {0}、終了 {1}、速度 {2}、イベント {3} 件\n",
                  "  onset {0}, end {1}, speed {2}, {3} actions\n",
                  {ops::format_time_jst(scenario.onset), ops::format_time_jst(scenario.end),
                   speed_text(engine.run().clock.speed), std::to_string(engine.total())});
    print_fired(ctx, fired);
    out << ctx.tr(
        "時計は進んでいます: breathline open で表示、drill advance / pause / resume で操作\n",
        "the clock is running: breathline open shows it; drill advance / pause / "
        "resume drive it\n");
    return exit_ok;
}

int drill_advance(Context& ctx, const Args& args) {
    auto store = ctx.open_store();
    const auto run = running_run(ctx, *store);
    drill::DrillEngine engine(*store, run.incident_id);
    drill::DrillClock clock(run.clock);
    ops::TimePoint target = clock.now();
    if (args.has("to-end"))
        target = engine.scenario().end;
    else if (const auto to = args.get("to"))
        target = time_option(ctx, args, "to", target);
    else if (const auto by = args.get("by"))
        target = clock.now() + duration_option(ctx, *by);
    if (target > engine.scenario().end) target = engine.scenario().end;
    clock.jump_to(target);
    engine.save_clock(clock.state(), true);
    const auto fired = engine.advance_to(target);
    *ctx.out << ctx.tr("訓練時刻 {0} (実行済み {1}/{2})\n", "scenario time {0} ({1}/{2} fired)\n",
                       {ops::format_time_jst(target), std::to_string(engine.fired_count()),
                        std::to_string(engine.total())});
    print_fired(ctx, fired);
    return exit_ok;
}

int drill_clock_change(Context& ctx, const Args& args, const std::string& sub) {
    auto store = ctx.open_store();
    const auto run = running_run(ctx, *store);
    drill::DrillEngine engine(*store, run.incident_id);
    drill::DrillClock clock(run.clock);
    if (sub == "pause") clock.pause();
    if (sub == "resume") clock.resume();
    if (sub == "speed") {
        if (args.positional.size() < 2)
            throw UsageError{ctx.tr("drill speed の後に 1〜60 を指定してください",
                                    "give 1 to 60 after drill speed")};
        clock.set_speed(speed_option(ctx, args.positional[1]));
    }
    engine.save_clock(clock.state(), true);
    const auto fired = engine.advance_to(clock.now());
    *ctx.out << ctx.tr("訓練時刻 {0}、速度 {1}{2}\n", "scenario time {0}, speed {1}{2}\n",
                       {ops::format_time_jst(clock.now()), speed_text(clock.speed()),
                        clock.paused() ? ctx.tr("、一時停止中", ", paused") : ""});
    print_fired(ctx, fired);
    return exit_ok;
}

int drill_status(Context& ctx, const Args& args) {
    (void)args;
    auto store = ctx.open_store();
    const auto run = running_run(ctx, *store);
    drill::DrillEngine engine(*store, run.incident_id);
    const drill::DrillClock clock(run.clock);
    const auto now = std::min(clock.now(), engine.scenario().end);
    // Actions due by now fire before the status is told, as in the console.
    const auto fired = engine.advance_to(now);
    auto& out = *ctx.out;
    out << ctx.tr("訓練 #{0}: {1}\n", "drill #{0}: {1}\n",
                  {std::to_string(run.incident_id), engine.scenario().title});
    out << ctx.tr("  訓練時刻 {0}、速度 {1}{2}、実行済み {3}/{4}\n",
                  "  scenario time {0}, speed {1}{2}, {3}/{4} fired\n",
                  {ops::format_time_jst(now), speed_text(clock.speed()),
                   clock.paused() ? ctx.tr("、一時停止中", ", paused") : "",
                   std::to_string(engine.fired_count()), std::to_string(engine.total())});
    if (const auto phase = ops::phase_number(now - engine.scenario().onset)) {
        const auto& info = ops::phase_info(*phase);
        out << ctx.tr("  フェーズ {0}: {1}\n", "  phase {0}: {1}\n",
                      {std::to_string(*phase),
                       std::string(ctx.lang == Lang::ja ? info.name_ja : info.name_en)});
    }
    if (const auto next = engine.next_due())
        out << ctx.tr("  次のイベント {0}\n", "  next action {0}\n", {ops::format_time_jst(*next)});
    const auto board = ops::evaluate_board(persons_at_home(*store),
                                           store->incidents().latest_checks(run.incident_id),
                                           store->incidents().outage_areas(run.incident_id), now);
    out << ctx.tr("  危険 {0}・緊急 {1}・未確認 {2}・要注意 {3}・問題なし {4}\n",
                  "  critical {0}, urgent {1}, unconfirmed {2}, watch {3}, ok {4}\n",
                  {std::to_string(board.count(ops::BoardLevel::critical)),
                   std::to_string(board.count(ops::BoardLevel::urgent)),
                   std::to_string(board.count(ops::BoardLevel::unconfirmed)),
                   std::to_string(board.count(ops::BoardLevel::watch)),
                   std::to_string(board.count(ops::BoardLevel::ok))});
    print_fired(ctx, fired);
    return exit_ok;
}

int drill_end(Context& ctx, const Args& args) {
    auto store = ctx.open_store();
    const auto run = running_run(ctx, *store);
    drill::DrillEngine engine(*store, run.incident_id);
    const auto now = std::min(drill::DrillClock(run.clock).now(), engine.scenario().end);
    print_fired(ctx, engine.advance_to(now));
    drill::end_drill(*store, run.incident_id, now);
    *ctx.out << ctx.tr("訓練 #{0} を {1} に終了しました\n", "drill #{0} ended at {1}\n",
                       {std::to_string(run.incident_id), ops::format_time_jst(now)});
    return write_report(ctx, args, *store, run.incident_id, now);
}

int drill_report(Context& ctx, const Args& args) {
    if (!args.has("pdf") && !args.has("csv"))
        throw UsageError{ctx.tr("--pdf ファイル または --csv フォルダ を指定してください",
                                "give --pdf FILE or --csv DIR")};
    auto store = ctx.open_store();
    const auto id = incident_option(ctx, args, *store);
    const auto run = drill::drill_store(*store)->run(id);
    if (!run) {
        *ctx.err << ctx.tr("災害 #{0} は訓練ではありません\n", "incident #{0} is not a drill\n",
                           {std::to_string(id)});
        return exit_findings;
    }
    drill::DrillEngine engine(*store, id);
    const auto end = run->ended_at
                         ? ops::parse_time(*run->ended_at).value_or(engine.scenario().end)
                         : std::min(drill::DrillClock(run->clock).now(), engine.scenario().end);
    return write_report(ctx, args, *store, id, end);
}

int drill_list(Context& ctx, const Args& args) {
    (void)args;
    auto store = ctx.open_store();
    const auto runs = drill::drill_store(*store)->runs();
    for (const auto& r : runs) {
        const auto inc = store->incidents().incident(r.incident_id);
        *ctx.out << "#" << r.incident_id << "  " << (inc ? inc->title : "") << "  "
                 << (r.ended_at ? ctx.tr("終了 ", "ended ") +
                                      ops::format_time_jst(
                                          ops::parse_time(*r.ended_at).value_or(ops::TimePoint{}))
                                : ctx.tr("実行中", "running"))
                 << "  " << std::filesystem::path(r.scenario_file).filename().string() << "\n";
    }
    if (runs.empty()) *ctx.out << ctx.tr("訓練はありません\n", "no drills\n");
    return exit_ok;
}

// `drill run`: the clock ticks in this process until the scenario ends (a headless drill on a
// terminal or a second screen); pause/resume/speed from another shell take effect at once,
// because the clock is re-read from the database on every tick.
int drill_run(Context& ctx, const Args& args) {
    (void)args;
    auto store = ctx.open_store();
    auto run = running_run(ctx, *store);
    drill::DrillEngine engine(*store, run.incident_id);
    for (;;) {
        const auto stored = drill::drill_store(*store)->run(run.incident_id);
        if (!stored || stored->ended_at) break;
        const drill::DrillClock clock(stored->clock);
        const auto now = std::min(clock.now(), engine.scenario().end);
        print_fired(ctx, engine.advance_to(now));
        ctx.out->flush();
        if (now >= engine.scenario().end) {
            *ctx.out << ctx.tr("シナリオの終わりに達しました (drill end で終了)\n",
                               "the scenario has reached its end (drill end closes it)\n");
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return exit_ok;
}

int run_drill(Context& ctx, const Args& args) {
    if (args.positional.empty())
        throw UsageError{ctx.tr("drill の後には start, run, advance, pause, resume, speed, status, "
                                "end, report, list のどれかを指定します",
                                "drill takes start, run, advance, pause, resume, speed, status, "
                                "end, report or list")};
    const std::string sub = args.positional[0];
    if (sub == "start") return drill_start(ctx, args);
    if (sub == "run") return drill_run(ctx, args);
    if (sub == "advance") return drill_advance(ctx, args);
    if (sub == "pause" || sub == "resume" || sub == "speed")
        return drill_clock_change(ctx, args, sub);
    if (sub == "status") return drill_status(ctx, args);
    if (sub == "end") return drill_end(ctx, args);
    if (sub == "report") return drill_report(ctx, args);
    if (sub == "list") return drill_list(ctx, args);
    throw UsageError{ctx.tr("drill の後には start, run, advance, pause, resume, speed, status, "
                            "end, report, list のどれかを指定します ('{0}' は不可)",
                            "drill takes start, run, advance, pause, resume, speed, status, end, "
                            "report or list, not '{0}'",
                            {sub})};
}

} // namespace

VerbSpec make_drill_verb() {
    return {"drill",
            "drill start SCENARIO.toml [--speed 1..60] | run | advance [--to T | --by 30m | "
            "--to-end] | pause | resume | speed N | status | end [--pdf F --csv DIR] | report "
            "[--incident ID] [--pdf F] [--csv DIR] | list",
            "verb.drill",
            {{"speed", true, "opt.drill.speed"},
             {"to", true, "opt.drill.to"},
             {"by", true, "opt.drill.by"},
             {"to-end", false, "opt.drill.to_end"},
             {"pdf", true, "opt.drill.pdf"},
             {"csv", true, "opt.drill.csv"},
             {"incident", true, "opt.drill.incident"}},
            run_drill};
}

} // namespace breathline::cli
