#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/ops_args.h"

#include <ostream>

namespace breathline::cli {

namespace {

int run_check(Context& ctx, const Args& args) {
    // `check record FILE` records safety checks (verb_check_record.cpp).
    if (!args.positional.empty() && args.positional.front() == "record")
        return run_check_record(ctx, args);
    if (!args.positional.empty())
        throw UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
    auto store = ctx.open_store();
    auto& out = *ctx.out;
    if (args.has("repair")) {
        for (const auto& line : store->repair_spatial_indexes())
            out << ctx.tr("修復: ", "repaired: ") << line << "\n";
    }
    const data::CheckReport report = store->check();
    int errors = 0;
    int warnings = 0;
    for (const auto& f : report.findings) {
        const bool is_error = f.severity == data::CheckFinding::Severity::error;
        (is_error ? errors : warnings)++;
        out << (is_error ? ctx.tr("[エラー] ", "[error] ") : ctx.tr("[警告] ", "[warning] "))
            << f.code << ": " << (ctx.lang == Lang::ja ? f.message_ja : f.message) << "\n";
    }
    out << ctx.tr("検査結果 {0}: エラー {1} 件、警告 {2} 件\n",
                  "check of {0}: {1} errors, {2} warnings\n",
                  {store->location(), std::to_string(errors), std::to_string(warnings)});
    if (errors > 0) {
        out << ctx.tr("空間インデックスの不整合は --repair で再構築できます\n",
                      "spatial index findings can be fixed with --repair\n");
        return exit_findings;
    }
    if (warnings > 0 && args.has("strict")) return exit_findings;
    return exit_ok;
}

} // namespace

VerbSpec make_check_verb() {
    return {"check",
            "check [--repair] [--strict] | check record FILE [--incident ID]",
            "verb.check",
            {{"repair", false, "opt.check.repair"},
             {"strict", false, "opt.check.strict"},
             {"incident", true, "opt.incident.id"}},
            run_check};
}

} // namespace breathline::cli
