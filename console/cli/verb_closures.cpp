#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/routing_args.h"
#include "data/error.h"
#include "data/roads/polygon_file.h"
#include "data/roads/road_store.h"

#include <ostream>

namespace breathline::cli {

namespace {

// Edge ids on the command line are road_edges.id (what QGIS and exports
// show): the dense edge index + 1.
geo::road::EdgeIndex parse_edge_id(const Context& ctx, const std::string& text) {
    const std::size_t id = parse_count(ctx, "edge", text);
    if (id > geo::road::invalid_index) throw UsageError{ctx.t("err.bad_number", {"edge", text})};
    return static_cast<geo::road::EdgeIndex>(id - 1);
}

int closures_add(Context& ctx, const Args& args) {
    if (args.has("edge") == args.has("polygon"))
        throw UsageError{ctx.tr("--edge ID か --polygon FILE のどちらか一方を指定してください",
                                "give exactly one of --edge ID or --polygon FILE")};
    data::RoadClosure closure;
    if (auto e = args.get("edge")) closure.edge = parse_edge_id(ctx, *e);
    // Read the file before opening the database, so a bad file changes nothing.
    if (auto p = args.get("polygon")) closure.area = data::read_polygon_file(*p);
    closure.reason = args.get("reason").value_or("");
    auto store = ctx.open_store();
    auto roads = data::road_store(*store);
    if (!roads->source())
        throw data::DataError(data::ErrorCode::not_found,
                              "no road network in '" + store->location() +
                                  "'; import one with `breathline roads import FILE` first");
    const data::RowId id = roads->add_closure(closure);
    std::size_t edges = 1;
    if (closure.area) edges = roads->edges_crossing(*closure.area).size();
    *ctx.out << ctx.tr("通行止め {0} を登録しました (道路区間 {1} 本)\n",
                       "added closure {0} ({1} road sections closed)\n",
                       {std::to_string(id), std::to_string(edges)});
    return exit_ok;
}

int closures_list(Context& ctx, const Args& args) {
    auto store = ctx.open_store();
    auto roads = data::road_store(*store);
    const auto list = roads->closures(args.has("all"));
    auto& out = *ctx.out;
    for (const auto& c : list) {
        const std::string what =
            c.edge ? ctx.tr("道路区間 {0}", "edge {0}", {std::to_string(*c.edge + 1)})
                   : ctx.tr("区域 (道路区間 {0} 本)", "area ({0} road sections)",
                            {std::to_string(roads->edges_crossing(*c.area).size())});
        out << pad(std::to_string(c.id), 6) << pad(what, 28) << pad(c.created_at, 22)
            << pad(c.actor, 12) << (c.active ? "" : ctx.tr("[解除済] ", "[reopened] ")) << c.reason
            << "\n";
    }
    if (list.empty()) {
        out << ctx.tr("通行止めはありません\n", "no road closures\n");
        return exit_findings;
    }
    out << ctx.tr("通行止めの道路区間 計 {0} 本\n", "{0} road sections closed in all\n",
                  {std::to_string(roads->closed_edges().size())});
    return exit_ok;
}

int run_closures(Context& ctx, const Args& args) {
    if (args.positional.empty())
        throw UsageError{ctx.t("err.missing_arg", {"add|remove|list|clear"})};
    const std::string& sub = args.positional[0];
    const std::size_t expected = sub == "remove" ? 2 : 1;
    if (args.positional.size() < expected) throw UsageError{ctx.t("err.missing_arg", {"ID"})};
    if (args.positional.size() > expected)
        throw UsageError{ctx.t("err.extra_arg", {args.positional[expected]})};
    if (sub == "add") return closures_add(ctx, args);
    if (sub == "list") return closures_list(ctx, args);
    if (sub == "remove") {
        const std::size_t id = parse_count(ctx, "ID", args.positional[1]);
        auto store = ctx.open_store();
        if (!data::road_store(*store)->remove_closure(static_cast<data::RowId>(id))) {
            *ctx.err << ctx.tr("有効な通行止め {0} はありません (closures list で確認できます)\n",
                               "no active closure {0} (see closures list)\n", {std::to_string(id)});
            return exit_findings;
        }
        *ctx.out << ctx.tr("通行止め {0} を解除しました\n", "reopened closure {0}\n",
                           {std::to_string(id)});
        return exit_ok;
    }
    if (sub == "clear") {
        auto store = ctx.open_store();
        const std::size_t n = data::road_store(*store)->clear_closures();
        *ctx.out << ctx.tr("通行止め {0} 件をすべて解除しました\n", "reopened all {0} closures\n",
                           {std::to_string(n)});
        return exit_ok;
    }
    throw UsageError{
        ctx.tr("closures の後には add, remove, list, clear のどれかを指定します ('{0}' は不可)",
               "closures takes add, remove, list or clear, not '{0}'", {sub})};
}

} // namespace

VerbSpec make_closures_verb() {
    return {"closures",
            "closures add --edge ID|--polygon FILE [--reason TEXT] | remove ID | list [--all] | "
            "clear",
            "verb.closures",
            {{"edge", true, "opt.closures.edge"},
             {"polygon", true, "opt.closures.polygon"},
             {"reason", true, "opt.closures.reason"},
             {"all", false, "opt.closures.all"}},
            run_closures};
}

} // namespace breathline::cli
