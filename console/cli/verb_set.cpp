// `breathline set person|facility ID key=value ...`: the console's field edit as a verb, so
// scripts and tests can change a record exactly as the person and facility panels do
// (data/io/record_edit.h: same parsers as an import, audited, optimistic row_version check).
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/demo/demo_builder.h"
#include "data/error.h"
#include "data/geocode/town_geocoder.h"
#include "data/io/record_edit.h"

#include <charconv>
#include <ostream>

namespace breathline::cli {

namespace {

data::FieldValues parse_assignments(const Context& ctx, const std::vector<std::string>& words) {
    data::FieldValues values;
    for (std::size_t i = 2; i < words.size(); ++i) {
        const auto eq = words[i].find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError{
                ctx.tr("'{0}' は 項目=値 の形ではありません (例: 内部バッテリー=有(8時間))",
                       "'{0}' is not key=value (e.g. internal_battery=8h)", {words[i]})};
        values.emplace_back(words[i].substr(0, eq), words[i].substr(eq + 1));
    }
    if (values.empty()) throw UsageError{ctx.t("err.missing_arg", {"key=value ..."})};
    return values;
}

std::optional<std::int64_t> parse_version(const Context& ctx, const Args& args) {
    const auto text = args.get("expect-version");
    if (!text) return std::nullopt;
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || end != text->data() + text->size() || v < 0)
        throw UsageError{ctx.tr("--expect-version には 0 以上の整数を指定してください: '{0}'",
                                "--expect-version needs a non-negative integer: '{0}'", {*text})};
    return v;
}

// A changed address is located at town level when the shared town table is there; without
// it the row becomes unresolved, which the message below says.
std::optional<data::TownGeocoder> load_geocoder(const Context& ctx) {
    const auto path = data::demo::DemoSources::in(ctx.data_dir).town_table;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::nullopt;
    try {
        return data::TownGeocoder::load(path);
    } catch (const data::DataError&) {
        return std::nullopt;
    }
}

int run_set(Context& ctx, const Args& args) {
    if (args.positional.size() < 2)
        throw UsageError{ctx.t("err.missing_arg", {"person|facility ID key=value ..."})};
    const std::string& what = args.positional[0];
    const std::string& id = args.positional[1];
    if (what != "person" && what != "facility") throw UsageError{ctx.t("err.extra_arg", {what})};
    const auto values = parse_assignments(ctx, args.positional);
    data::EditOptions options;
    options.expected_row_version = parse_version(ctx, args);
    const auto geocoder = load_geocoder(ctx);
    if (geocoder) options.geocoder = &*geocoder;

    auto store = ctx.open_store();
    const auto outcome = what == "person" ? data::edit_person(*store, id, values, options)
                                          : data::edit_facility(*store, id, values, options);
    const std::string subject = what == "person" ? ctx.tr("登録者 {0}", "person {0}", {id})
                                                 : ctx.tr("施設 {0}", "facility {0}", {id});
    switch (outcome.status) {
    case data::EditStatus::saved:
        *ctx.out << ctx.tr("{0} を保存しました (版 {1}): {2}\n", "{0} saved (version {1}): {2}\n",
                           {subject, std::to_string(outcome.row_version), outcome.summary});
        return exit_ok;
    case data::EditStatus::unchanged:
        *ctx.out << ctx.tr("{0} は変更なし (版 {1})\n", "{0} unchanged (version {1})\n",
                           {subject, std::to_string(outcome.row_version)});
        return exit_ok;
    case data::EditStatus::not_found:
        *ctx.err << ctx.tr("{0} は見つかりません\n", "no {0}\n", {subject});
        return exit_findings;
    case data::EditStatus::conflict:
        // The same message the console's conflict box shows: who changed what since the
        // version given (row_conflict.h), so the coordinator can decide what to re-apply.
        if (outcome.conflict)
            *ctx.err << (ctx.lang == Lang::ja ? outcome.conflict->message_ja()
                                              : std::string(outcome.conflict->what()))
                     << "\n";
        *ctx.err << ctx.tr("{0} は他の操作で変更されています (現在の版 {1})。"
                           "内容を確認してからやり直してください。何も保存していません\n",
                           "{0} was changed by someone else (now version {1}); check it and "
                           "try again. Nothing was saved\n",
                           {subject, std::to_string(outcome.row_version)});
        return exit_conflict;
    case data::EditStatus::invalid:
        break;
    }
    for (const auto& e : outcome.errors) {
        const std::string field =
            e.field.empty() ? ctx.tr("(全体)", "(record)") : e.header_ja + " (" + e.field + ")";
        *ctx.err << ctx.t("err.prefix") << ": " << field << " = '" << e.value
                 << "': " << (ctx.lang == Lang::ja ? e.reason_ja : e.reason_en) << "\n";
    }
    *ctx.err << ctx.tr("{0}: 何も保存していません。値を直してやり直してください\n",
                       "{0}: nothing was saved; correct the values and try again\n", {subject});
    return exit_bad_input;
}

} // namespace

VerbSpec make_set_verb() {
    return {"set",
            "set person|facility ID key=value ...",
            "verb.set",
            {{"expect-version", true, "opt.set.expect_version"}},
            run_set};
}

} // namespace breathline::cli
