// `breathline db copy FROM TO [--replace]` and `breathline db info [LOCATION]` (issue 9): move a
// whole database between SpatiaLite and PostgreSQL/PostGIS, verified, and describe one.
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "data/auth/roles.h"
#include "data/postgres/db_copy.h"
#include "data/postgres/pg_connection.h"

#include <cstdio>
#include <ostream>

namespace breathline::cli {

namespace {

std::string right(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", s);
    return buf;
}

/// Locations as they may be shown: a server's password never reaches the terminal.
std::string shown(const std::string& location) {
    return data::pg::redact_conninfo(location);
}

int run_copy(Context& ctx, const Args& args) {
    if (args.positional.size() < 3)
        throw UsageError{
            ctx.tr("db copy にはコピー元とコピー先が必要です: db copy FROM TO "
                   "[--replace]",
                   "db copy needs a source and a target: db copy FROM TO [--replace]")};
    if (args.positional.size() > 3) throw UsageError{ctx.t("err.extra_arg", {args.positional[3]})};
    const std::string& from = args.positional[1];
    const std::string& to = args.positional[2];

    data::CopyOptions options;
    options.replace = args.has("replace");
    options.actor = ctx.actor;
    options.progress = [&ctx](const std::string& line) { *ctx.err << "  " << line << "\n"; };
    *ctx.out << ctx.tr("{0} → {1} をコピーします\n", "copying {0} → {1}\n",
                       {shown(from), shown(to)});
    const data::CopyReport report = data::copy_database(from, to, options);

    auto& out = *ctx.out;
    out << pad(ctx.tr("表", "table"), 30) << right(ctx.tr("コピー元", "source"), 10)
        << right(ctx.tr("コピー先", "target"), 10) << right(ctx.tr("図形照合", "geometries"), 12)
        << "\n";
    std::int64_t geometries = 0;
    for (const auto& t : report.tables) {
        out << pad(t.name, 30) << right(std::to_string(t.source_rows), 10)
            << right(std::to_string(t.target_rows), 10)
            << right(std::to_string(t.geometries_compared), 12) << "\n";
        geometries += t.geometries_compared;
    }
    out << ctx.tr("合計: {0} 行 ({1} 表)、図形 {2} 件を WKB で照合、全列の値を行ごとに照合、"
                  "監査ログ {3} 件の連鎖を検証 ({4} 秒)\n",
                  "total: {0} rows in {1} tables, {2} geometries compared as WKB, every value "
                  "compared row by row, audit chain of {3} entries verified ({4} s)\n",
                  {std::to_string(report.total_rows), std::to_string(report.tables.size()),
                   std::to_string(geometries), std::to_string(report.audit.rows),
                   seconds_text(report.seconds)});
    return exit_ok;
}

int run_info(Context& ctx, const Args& args) {
    if (args.positional.size() > 2) throw UsageError{ctx.t("err.extra_arg", {args.positional[2]})};
    const std::string location =
        args.positional.size() == 2 ? args.positional[1] : ctx.db_path.string();
    // Straight to the data layer: Context::open_store would create directories for a path,
    // and a server location is not one.
    auto store = data::open_store(location);
    store->set_actor(ctx.actor);
    auto& out = *ctx.out;
    const auto role = store->role();
    out << ctx.tr("方式:       {0}\n", "backend:  {0}\n", {store->backend()})
        << ctx.tr("場所:       {0}\n", "location: {0}\n", {store->location()})
        << ctx.tr("スキーマ版: {0}\n", "schema:   version {0}\n",
                  {std::to_string(store->schema_version())})
        << ctx.tr("権限:       {0} ({1})\n", "role:     {0} ({1})\n",
                  {ctx.lang == Lang::ja ? data::auth::display_name_ja(role)
                                        : data::auth::display_name_en(role),
                   data::auth::to_string(role)});
    store.reset();
    out << ctx.tr("表ごとの行数:\n", "rows per table:\n");
    std::int64_t total = 0;
    for (const auto& t : data::count_table_rows(location)) {
        out << "  " << pad(t.name, 30);
        if (t.rows) {
            out << right(std::to_string(*t.rows), 10) << "\n";
            total += *t.rows;
        } else {
            out << ctx.tr("  (この権限では読めません)\n", "  (not readable in this role)\n");
        }
    }
    out << ctx.tr("合計 {0} 行\n", "total {0} rows\n", {std::to_string(total)});
    return exit_ok;
}

int run_db(Context& ctx, const Args& args) {
    const std::string sub = args.positional.empty() ? "" : args.positional.front();
    if (sub == "copy") return run_copy(ctx, args);
    if (sub == "info") return run_info(ctx, args);
    throw UsageError{
        ctx.tr("db の後には copy または info を指定してください", "db needs copy or info")};
}

} // namespace

VerbSpec make_db_verb() {
    return {"db",
            "db copy FROM TO [--replace] | info [LOCATION]",
            "verb.db",
            {{"replace", false, "opt.db.replace"}},
            run_db};
}

} // namespace breathline::cli
