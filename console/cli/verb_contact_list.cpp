// `contact-list`: the 様式1 contact list (関係者及び緊急時の医療機関等の連絡リスト) as PDF,
// personal data masked unless --include-personal. Audited as an export.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/reports/medical_notice.h"

#include <ostream>

namespace breathline::cli {

namespace {

int run_contact_list(Context& ctx, const Args& args) {
    if (!args.positional.empty())
        throw UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
    const auto out_path = args.get("out");
    if (!out_path || out_path->empty())
        throw UsageError{ctx.tr("--out ファイル.pdf を指定してください", "give --out FILE.pdf")};
    data::reports::ContactListOptions options;
    options.output = *out_path;
    options.include_personal = args.has("include-personal");
    if (auto p = args.get("person")) options.person_ids.push_back(*p);
    auto store = ctx.open_store();
    const auto result = data::reports::write_contact_list(*store, options);
    *ctx.out << ctx.tr("連絡リスト (様式1) を書き出しました: {0} ({1} ページ)\n",
                       "wrote the contact list (様式1): {0} ({1} pages)\n",
                       {result.path.string(), std::to_string(result.pages)});
    *ctx.out << (options.include_personal
                     ? ctx.tr("個人情報を含みます (監査ログに記録)\n",
                              "personal data included (recorded in the audit log)\n")
                     : ctx.tr("個人情報はマスクしています\n", "personal data masked\n"));
    return exit_ok;
}

} // namespace

VerbSpec make_contact_list_verb() {
    return {"contact-list",
            "contact-list --out FILE.pdf [--person ID] [--include-personal]",
            "verb.contact_list",
            {{"out", true, "opt.notice.out"},
             {"person", true, "opt.contact_list.person"},
             {"include-personal", false, "opt.notice.include_personal"}},
            run_contact_list};
}

} // namespace breathline::cli
