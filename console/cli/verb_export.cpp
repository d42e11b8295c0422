#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "data/io/exporter.h"

#include <ostream>

namespace breathline::cli {

namespace {

data::ExportOptions parse_options(const Context& ctx, const Args& args) {
    if (args.positional.size() < 2)
        throw UsageError{
            ctx.t("err.missing_arg",
                  {args.positional.empty() ? "persons|supporters|facilities|ward|map" : "OUTPUT"})};
    if (args.positional.size() > 2) throw UsageError{ctx.t("err.extra_arg", {args.positional[2]})};

    data::ExportOptions options;
    const auto layer = data::parse_export_layer(args.positional[0]);
    if (!layer)
        throw UsageError{ctx.tr("不明なレイヤー '{0}': persons, supporters, facilities, ward, map "
                                "のいずれかを指定してください",
                                "unknown layer '{0}': use persons, supporters, facilities, ward "
                                "or map",
                                {args.positional[0]})};
    options.layer = *layer;
    options.output = args.positional[1];
    if (auto f = args.get("format")) {
        options.format = data::parse_export_format(*f);
        if (!options.format)
            throw UsageError{
                ctx.tr("--format は gpkg, geojson, csv, kml のいずれかです ('{0}' は不可)",
                       "--format must be gpkg, geojson, csv or kml, not '{0}'", {*f})};
    }
    if (auto h = args.get("headers")) {
        if (*h != "ja" && *h != "en")
            throw UsageError{ctx.tr("--headers は ja または en です ('{0}' は不可)",
                                    "--headers must be ja or en, not '{0}'", {*h})};
        options.japanese_headers = *h == "ja";
    }
    if (auto e = args.get("encoding")) {
        if (*e != "utf8" && *e != "cp932")
            throw UsageError{ctx.tr("--encoding は utf8 または cp932 です ('{0}' は不可)",
                                    "--encoding must be utf8 or cp932, not '{0}'", {*e})};
        options.cp932 = *e == "cp932";
    }
    options.include_personal = args.has("include-personal");
    options.overwrite = args.has("force");
    return options;
}

} // namespace

VerbSpec make_export_verb() {
    return {"export",
            "export persons|supporters|facilities|ward|map OUTPUT [--format gpkg|geojson|csv|kml] "
            "[--include-personal] [--headers ja|en] [--encoding utf8|cp932] [--force]",
            "verb.export",
            {{"format", true, "opt.export.format"},
             {"include-personal", false, "opt.include_personal"},
             {"headers", true, "opt.export.headers"},
             {"encoding", true, "opt.export.encoding"},
             {"force", false, "opt.export.force"}},
            [](Context& ctx, const Args& args) {
                const data::ExportOptions options = parse_options(ctx, args);
                auto store = ctx.open_store();
                const data::ExportReport report = data::export_layer(*store, options);
                auto& out = *ctx.out;
                std::string layers;
                for (const auto& l : report.layers_written)
                    layers += (layers.empty() ? "" : ", ") + l;
                out << ctx.tr("{0} に書き出しました ({1}, レイヤー: {2}, {3} 件)\n",
                              "wrote {0} ({1}, layers: {2}, {3} rows)\n",
                              {options.output.string(), std::string(data::to_string(report.format)),
                               layers, std::to_string(report.rows)});
                // Facilities and the ward boundary hold no personal data.
                const bool has_people = options.layer == data::ExportLayer::persons ||
                                        options.layer == data::ExportLayer::supporters ||
                                        options.layer == data::ExportLayer::map;
                if (!has_people) return static_cast<int>(exit_ok);
                if (options.include_personal)
                    out << ctx.tr(
                        "注意: このファイルには氏名・生年月日・電話番号などの個人情報が含まれます。"
                        "同意の範囲内でのみ共有し、不要になったら削除してください "
                        "(書き出しは監査ログに記録されました)。\n",
                        "note: this file contains personal data (names, birth dates, "
                        "phone numbers). Share it only within the consent given and "
                        "delete it when no longer needed (the export was recorded in "
                        "the audit log).\n");
                else
                    out << ctx.tr(
                        "氏名・生年月日・電話番号はマスクしました (住所と位置は含まれます)。\n",
                        "names, birth dates and phone numbers were masked (address and "
                        "location are included).\n");
                return static_cast<int>(exit_ok);
            }};
}

} // namespace breathline::cli
