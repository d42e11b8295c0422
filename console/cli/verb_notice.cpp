// `notice`: the PDF notice to the ward's disaster medical HQ for one person, with the name
// never drawn (Toshima seed: 氏名欄は黒塗). Audited as an export.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/reports/medical_notice.h"

#include <ostream>

namespace breathline::cli {

namespace {

int run_notice(Context& ctx, const Args& args) {
    if (!args.positional.empty())
        throw UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
    const auto person = args.get("person");
    const auto out_path = args.get("out");
    if (!person || person->empty() || !out_path || out_path->empty())
        throw UsageError{ctx.tr("--person ID と --out ファイル.pdf を指定してください",
                                "give --person ID and --out FILE.pdf")};
    data::reports::NoticeOptions options;
    options.output = *out_path;
    options.include_personal = args.has("include-personal");
    if (auto j = args.get("judgement")) {
        options.judgement = data::parse_judgement(*j);
        if (!options.judgement)
            throw UsageError{ctx.tr("--judgement は stay_home / hospitalise / evacuate です "
                                    "('{0}' は不可)",
                                    "--judgement takes stay_home, hospitalise or evacuate, not "
                                    "'{0}'",
                                    {*j})};
    }
    auto store = ctx.open_store();
    const auto p = store->registry().person_by_external_id(*person);
    if (!p) {
        *ctx.err << ctx.tr("登録者 '{0}' は見つかりません\n", "no person '{0}'\n", {*person});
        return exit_findings;
    }
    if (const auto incident = store->incidents().active_incident())
        options.latest_check = store->incidents().latest_check(incident->id, p->id);
    const auto result = data::reports::write_medical_notice(*store, *person, options);
    *ctx.out << ctx.tr("医療対策本部あて通知を書き出しました: {0} ({1} ページ、氏名は記載なし)\n",
                       "wrote the medical HQ notice: {0} ({1} pages, name withheld)\n",
                       {result.path.string(), std::to_string(result.pages)});
    if (options.include_personal)
        *ctx.out << ctx.tr("住所・電話番号を含みます (監査ログに記録)\n",
                           "address and phone included (recorded in the audit log)\n");
    return exit_ok;
}

} // namespace

VerbSpec make_notice_verb() {
    return {"notice",
            "notice --person ID --out FILE.pdf [--include-personal] [--judgement J]",
            "verb.notice",
            {{"person", true, "opt.notice.person"},
             {"out", true, "opt.notice.out"},
             {"include-personal", false, "opt.notice.include_personal"},
             {"judgement", true, "opt.notice.judgement"}},
            run_notice};
}

} // namespace breathline::cli
