// `breathline replica refresh|status|replay` (issue 9, "when the server is lost"): the
// workstation's local SpatiaLite replica of the server. Recording a check in local mode is the
// ordinary `check record` with --db pointing at the replica.
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/postgres/pg_connection.h"
#include "data/postgres/replica.h"

#include <cstdio>
#include <ostream>

namespace breathline::cli {

namespace {

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", s);
    return buf;
}

std::string age_text(const Context& ctx, const std::optional<std::chrono::seconds>& age) {
    if (!age) return ctx.tr("不明", "unknown");
    const auto s = age->count();
    if (s < 120) return ctx.tr("{0} 秒前", "{0} s ago", {std::to_string(s)});
    if (s < 7200) return ctx.tr("{0} 分前", "{0} min ago", {std::to_string(s / 60)});
    return ctx.tr("{0} 時間前", "{0} h ago", {std::to_string(s / 3600)});
}

std::string replica_path(const Context& ctx, const Args& args) {
    const auto path = args.get("replica");
    if (!path || path->empty())
        throw UsageError{ctx.tr("--replica FILE (ローカル複製のファイル) が必要です",
                                "--replica FILE (the local replica file) is required")};
    return *path;
}

/// The server named by --db, with the role checked there (the verb's permission row) before
/// anything is copied or sent.
std::string checked_server(const Context& ctx) {
    const std::string server = ctx.db_path.string();
    if (!data::pg::is_postgres_location(server))
        throw UsageError{ctx.tr("--db にはサーバー (postgresql://... または service=...) を指定して"
                                "ください: '{0}'",
                                "--db must name the server (postgresql://... or service=...), "
                                "not '{0}'",
                                {server})};
    ctx.open_store(); // role and permission, then closed again
    return server;
}

std::string line(const Context& ctx, const data::ReplayedCheck& c) {
    return ctx.tr("  確認 #{0} (登録番号 {1}, 災害 {2}, {3}, 記録者 {4})",
                  "  check #{0} (registry {1}, incident {2}, {3}, by {4})",
                  {std::to_string(c.local_id), c.person_external_id, std::to_string(c.incident_id),
                   c.checked_at, c.actor});
}

int run_refresh(Context& ctx, const Args& args) {
    const std::string server = checked_server(ctx);
    const std::string replica = replica_path(ctx, args);
    data::RefreshOptions options;
    options.actor = ctx.actor;
    const auto r = data::refresh_replica(server, replica, options);
    *ctx.out << ctx.tr("ローカル複製を更新しました: {0} ← {1}\n  {2} 行、安否確認 id {3} まで、"
                       "{4} 秒 ({5})\n",
                       "replica refreshed: {0} ← {1}\n  {2} rows, safety checks up to id {3}, "
                       "{4} s ({5})\n",
                       {r.replica_path, r.replica_of, std::to_string(r.rows),
                        std::to_string(r.high_water), seconds_text(r.seconds), r.refreshed_at});
    return exit_ok;
}

int run_status(Context& ctx, const Args& args) {
    const std::string replica = replica_path(ctx, args);
    const auto s = data::replica_state(replica);
    auto& out = *ctx.out;
    if (!s.exists) {
        out << ctx.tr("{0} はまだありません (replica refresh で作成します)\n",
                      "{0} does not exist yet (replica refresh makes it)\n", {replica});
        return exit_findings;
    }
    if (!s.is_replica) {
        out << ctx.tr("{0} はローカル複製ではありません\n", "{0} is not a local replica\n",
                      {replica});
        return exit_findings;
    }
    out << ctx.tr("複製:       {0}\n", "replica:   {0}\n", {s.path})
        << ctx.tr("複製元:     {0}\n", "of:        {0}\n", {s.replica_of})
        << ctx.tr("更新:       {0} ({1})\n", "refreshed: {0} ({1})\n",
                  {s.refreshed_at, age_text(ctx, s.age)})
        << ctx.tr("未送信の安否確認: {0} 件 (送信済み {1} 件)\n",
                  "local checks not yet replayed: {0} ({1} replayed)\n",
                  {std::to_string(s.pending_checks), std::to_string(s.replayed_checks)});
    return exit_ok;
}

int run_replay(Context& ctx, const Args& args) {
    const std::string server = checked_server(ctx);
    const std::string replica = replica_path(ctx, args);
    const auto r = data::replay_local_checks(server, replica, ctx.actor);
    auto& out = *ctx.out;
    out << ctx.tr("サーバーへ送信: {0} 件、送信済みを確認: {1} 件、競合: {2} 件、未送信: {3} 件 "
                  "({4} 秒)\n",
                  "replayed: {0}, already on the server: {1}, conflicts: {2}, pending: {3} "
                  "({4} s)\n",
                  {std::to_string(r.replayed.size()), std::to_string(r.already_sent.size()),
                   std::to_string(r.conflicts.size()), std::to_string(r.pending.size()),
                   seconds_text(r.seconds)});
    for (const auto& c : r.replayed)
        out << line(ctx, c)
            << ctx.tr(" → サーバーの #{0}\n", " → server #{0}\n", {std::to_string(c.server_id)});
    for (const auto& k : r.conflicts)
        out << ctx.tr("競合:", "conflict:") << line(ctx, k.check)
            << ctx.tr(": サーバーには {0} が {1} に記録した後の確認 #{2} (判定 {3}) があります。"
                      "両方を保存しました\n",
                      ": the server holds a later check #{2} by {0} at {1} (judgement {3}); both "
                      "are kept\n",
                      {k.other_actor, k.other_checked_at, std::to_string(k.other_check_id),
                       k.other_status.empty() ? "—" : k.other_status});
    for (const auto& p : r.pending)
        out << ctx.tr("未送信:", "pending:") << line(ctx, p.check) << ": " << p.reason << "\n";
    return r.pending.empty() ? exit_ok : exit_findings;
}

int run_replica(Context& ctx, const Args& args) {
    const std::string sub = args.positional.empty() ? "" : args.positional.front();
    if (args.positional.size() > 1) throw UsageError{ctx.t("err.extra_arg", {args.positional[1]})};
    if (sub == "refresh") return run_refresh(ctx, args);
    if (sub == "status") return run_status(ctx, args);
    if (sub == "replay") return run_replay(ctx, args);
    throw UsageError{ctx.tr("replica の後には refresh, status, replay のどれかを指定してください",
                            "replica needs refresh, status or replay")};
}

} // namespace

VerbSpec make_replica_verb() {
    return {"replica",
            "replica refresh --db SERVER --replica FILE | status --replica FILE | replay --db "
            "SERVER --replica FILE",
            "verb.replica",
            {{"replica", true, "opt.replica.file"}},
            run_replica};
}

} // namespace breathline::cli
