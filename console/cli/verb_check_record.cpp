// `check record FILE [--incident ID]`: safety checks (安否確認チェック表) from a JSON or CSV
// file. Every record is read and validated first; any problem records nothing and names the
// record, field and value. Each check is then committed on its own, so a crash part-way loses
// none already reported as recorded.

#include "console/cli/exit_codes.h"
#include "console/cli/ops_args.h"
#include "data/error.h"
#include "data/ops/check_input.h"

#include <map>
#include <ostream>

namespace breathline::cli {

namespace {

void print_problem(const Context& ctx, const std::string& file, const data::ops::FieldProblem& p) {
    *ctx.err << file << ": " << ctx.tr("{0} 件目", "record {0}", {std::to_string(p.record)}) << ": "
             << (ctx.lang == Lang::ja ? p.message_ja : p.message_en) << "\n";
}

} // namespace

int run_check_record(Context& ctx, const Args& args) {
    if (args.positional.size() < 2) throw UsageError{ctx.t("err.missing_arg", {"FILE"})};
    if (args.positional.size() > 2) throw UsageError{ctx.t("err.extra_arg", {args.positional[2]})};
    const std::string file = args.positional[1];
    // Read the file before opening the database, so a bad file changes nothing.
    data::ops::CheckFileContents contents = data::ops::read_check_file(file);
    auto store = ctx.open_store();
    const data::Incident inc = incident_for(ctx, *store, args);
    if (inc.closed_at)
        throw data::DataError(data::ErrorCode::invalid_input,
                              "incident " + std::to_string(inc.id) +
                                  " is closed; record checks in an open incident (--incident ID)");
    std::map<std::string, data::RowId> ids;
    for (auto& rec : contents.records) {
        auto it = ids.find(rec.person_external_id);
        if (it == ids.end()) {
            const auto person = store->registry().person_by_external_id(rec.person_external_id);
            it = ids.emplace(rec.person_external_id, person ? person->id : 0).first;
        }
        if (it->second == 0) {
            contents.problems.push_back(
                {rec.record, "person", rec.person_external_id,
                 "登録番号 (person) '" + rec.person_external_id + "' は名簿にありません",
                 "person '" + rec.person_external_id + "' is not in the registry"});
            continue;
        }
        rec.check.incident_id = inc.id;
        rec.check.person_id = it->second;
        for (auto p : data::ops::validate_check(rec.check)) {
            p.record = rec.record;
            contents.problems.push_back(std::move(p));
        }
    }
    if (!contents.problems.empty()) {
        for (const auto& p : contents.problems)
            print_problem(ctx, file, p);
        *ctx.err << ctx.tr("問題が {0} 件あるため、何も記録していません\n",
                           "{0} problems: nothing was recorded\n",
                           {std::to_string(contents.problems.size())});
        return exit_bad_input;
    }
    for (const auto& rec : contents.records)
        store->incidents().record_check(rec.check);
    *ctx.out << ctx.tr("安否確認 {0} 件を災害 {1} に記録しました{2}\n",
                       "recorded {0} safety checks in incident {1}{2}\n",
                       {std::to_string(contents.records.size()), std::to_string(inc.id),
                        inc.is_drill ? ctx.tr(" (訓練)", " (drill)") : ""});
    return exit_ok;
}

} // namespace breathline::cli
