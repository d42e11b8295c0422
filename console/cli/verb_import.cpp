#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/geocode/town_geocoder.h"
#include "data/io/import_error.h"
#include "data/io/importer.h"

#include <optional>
#include <ostream>

namespace breathline::cli {

namespace {

// Row notes (unresolved locations, fallback matches) can number in the thousands; the counts
// say the rest.
constexpr std::size_t k_row_notes_shown = 20;

std::optional<data::ImportKind> parse_kind(const std::string& s) {
    if (s == "persons") return data::ImportKind::persons;
    if (s == "supporters") return data::ImportKind::supporters;
    if (s == "facilities") return data::ImportKind::facilities;
    return std::nullopt;
}

std::string kind_label(const Context& ctx, data::ImportKind kind) {
    switch (kind) {
    case data::ImportKind::persons:
        return ctx.tr("登録者", "persons");
    case data::ImportKind::supporters:
        return ctx.tr("支援者", "supporters");
    case data::ImportKind::facilities:
        return ctx.tr("施設", "facilities");
    }
    return {};
}

// The explicit --geocoder must load; the default one is optional (no shared data: town-level
// geocoding is skipped and the rows stay unresolved, each reported as a note).
std::optional<data::TownGeocoder> load_geocoder(const Context& ctx, const Args& args) {
    if (auto path = args.get("geocoder")) return data::TownGeocoder::load(*path);
    const auto fallback = ctx.data_dir / "real" / "geocoding" / "geolonia_machi_13116_toshima.json";
    std::error_code ec;
    if (!std::filesystem::exists(fallback, ec)) {
        *ctx.err << ctx.tr("注意: 町丁目表 {0} がないため、座標のない行の位置は未確定になります\n",
                           "note: no town table at {0}; rows without coordinates stay unresolved\n",
                           {fallback.string()});
        return std::nullopt;
    }
    return data::TownGeocoder::load(fallback);
}

void print_report(const Context& ctx, const data::ImportReport& r) {
    const bool ja = ctx.lang == Lang::ja;
    auto& out = *ctx.out;
    out << ctx.tr("取り込み: {0} ({1}) {2} {3} 件\n", "import: {0} ({1}), {3} records of {2}\n",
                  {r.file, r.format, kind_label(ctx, r.kind), std::to_string(r.records)});
    for (const auto& n : r.notes)
        if (n.line == 0) out << "  " << (ja ? n.message_ja : n.message_en) << "\n";
    std::size_t shown = 0, row_notes = 0;
    for (const auto& n : r.notes) {
        if (n.line == 0) continue;
        ++row_notes;
        if (shown++ >= k_row_notes_shown) continue;
        out << "  " << r.file << ": " << r.where(n.line, ja) << ": "
            << (ja ? n.message_ja : n.message_en) << "\n";
    }
    if (row_notes > k_row_notes_shown)
        out << ctx.tr("  ... ほか {0} 件の注記\n", "  ... {0} more notes\n",
                      {std::to_string(row_notes - k_row_notes_shown)});

    auto& err = *ctx.err;
    for (const auto& e : r.errors) {
        err << e.file << ": " << r.where(e.line, ja);
        if (!e.column.empty()) err << ": " << (ja ? "列 " : "column ") << e.column;
        if (!e.value.empty()) err << ": '" << e.value << "'";
        err << ": " << (ja ? e.reason_ja : e.reason_en) << "\n";
    }
    if (!r.committed) {
        err << ctx.tr(
            "{0} 行に誤りがあるため取り込みを中止しました。データベースは変更されていません。"
            "誤りを直して再実行するか、--skip-invalid で正しい行だけを取り込んでください\n",
            "{0} rows have errors, so nothing was imported and the database is "
            "unchanged; fix them and run again, or use --skip-invalid to import the "
            "good rows\n",
            {std::to_string(r.rejected)});
        return;
    }
    out << ctx.tr("新規 {0} / 更新 {1} / 変更なし {2} / 除外 {3}\n",
                  "created {0} / updated {1} / unchanged {2} / rejected {3}\n",
                  {std::to_string(r.created), std::to_string(r.updated),
                   std::to_string(r.unchanged), std::to_string(r.rejected)});
    out << ctx.tr("位置: 座標 {0} / 町丁目 {1} / 未確定 {2}\n",
                  "location: exact {0} / town {1} / unresolved {2}\n",
                  {std::to_string(r.located_exact), std::to_string(r.located_town),
                   std::to_string(r.unresolved)});
    if (r.matched_by_fallback > 0)
        out << ctx.tr("登録番号なしで照合 (フリガナ・生年月日・住所): {0} 件\n",
                      "matched by fallback rule (kana, birth date, address): {0}\n",
                      {std::to_string(r.matched_by_fallback)});
    if (r.kind == data::ImportKind::supporters)
        out << ctx.tr("支援者の割り当て: {0} 件\n", "supporter links created or changed: {0}\n",
                      {std::to_string(r.links)});
    if (r.rejects_file)
        out << ctx.tr("除外した {0} 行は {1} に書き出しました\n",
                      "{0} rejected rows were written to {1}\n",
                      {std::to_string(r.rejected), r.rejects_file->string()});
}

int run_import(Context& ctx, const Args& args) {
    if (args.positional.size() < 2)
        throw UsageError{ctx.t("err.missing_arg", {"persons|supporters|facilities FILE"})};
    if (args.positional.size() > 2) throw UsageError{ctx.t("err.extra_arg", {args.positional[2]})};
    const auto kind = parse_kind(args.positional[0]);
    if (!kind) throw UsageError{ctx.t("err.extra_arg", {args.positional[0]})};

    const auto geocoder = load_geocoder(ctx, args);
    data::ImportOptions options;
    options.kind = *kind;
    options.file = args.positional[1];
    options.layer = args.get("layer");
    options.skip_invalid = args.has("skip-invalid");
    if (auto rejects = args.get("rejects")) options.rejects_file = *rejects;
    options.geocoder = geocoder ? &*geocoder : nullptr;

    auto store = ctx.open_store();
    try {
        const auto report = data::import_file(*store, options);
        print_report(ctx, report);
        return report.committed ? exit_ok : exit_bad_input;
    } catch (const data::ImportError& e) {
        *ctx.err << ctx.t("err.prefix") << " [import_failed]: "
                 << (ctx.lang == Lang::ja ? e.message_ja() : std::string(e.what())) << "\n";
        return exit_bad_input;
    }
}

} // namespace

VerbSpec make_import_verb() {
    return {"import",
            "import persons|supporters|facilities FILE [--layer NAME] [--skip-invalid] "
            "[--rejects PATH] [--geocoder PATH]",
            "verb.import",
            {{"layer", true, "opt.import.layer"},
             {"skip-invalid", false, "opt.import.skip_invalid"},
             {"rejects", true, "opt.import.rejects"},
             {"geocoder", true, "opt.import.geocoder"}},
            run_import};
}

} // namespace breathline::cli
