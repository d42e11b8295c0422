#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/routing_args.h"
#include "data/demo/demo_builder.h"
#include "data/error.h"
#include "data/roads/road_import.h"
#include "data/roads/road_store.h"
#include "data/roads/routing_service.h"
#include "geo/road/components.h"

#include <array>
#include <cstdio>
#include <ostream>

namespace breathline::cli {

namespace {

// The ward to clip to: the boundary stored in the database (demo or a ward's
// own), else the N03 boundary of Toshima in the data directory.
geo::MultiPolygon ward_for_clip(const Context& ctx, data::Store& store) {
    if (auto stored = data::stored_ward_boundary(store)) return *stored;
    return data::load_ward_boundary(data::demo::DemoSources::in(ctx.data_dir).ward_boundary)
        .polygon;
}

std::string component_line(const Context& ctx, const data::RoadImportReport& r) {
    std::string others;
    for (std::size_t i = 0; i < r.other_component_sizes.size() && i < 5; ++i)
        others += (others.empty() ? "" : ", ") + std::to_string(r.other_component_sizes[i]);
    if (r.other_component_sizes.size() > 5) others += ", …";
    return ctx.tr("  強連結成分 {0} 個: 最大 {1} 交差点 (経路探索に使用)、ほか {2} 交差点 [{3}]\n",
                  "  strongly connected components: {0}; largest {1} nodes (used for routing), "
                  "{2} nodes elsewhere [{3}]\n",
                  {std::to_string(r.component_count), std::to_string(r.largest_component_nodes),
                   std::to_string(r.nodes_outside_largest), others});
}

int roads_import(Context& ctx, const Args& args) {
    if (args.positional.size() < 2) throw UsageError{ctx.t("err.missing_arg", {"FILE"})};
    if (args.positional.size() > 2) throw UsageError{ctx.t("err.extra_arg", {args.positional[2]})};
    data::RoadImportOptions options;
    options.path = args.positional[1];
    if (auto l = args.get("links")) options.links_path = *l;
    if (auto l = args.get("layer")) options.layer = *l;
    if (auto m = args.get("clip-margin")) {
        if (!args.has("clip-ward"))
            throw UsageError{ctx.tr("--clip-margin は --clip-ward と一緒に使います",
                                    "--clip-margin goes with --clip-ward")};
        try {
            std::size_t used = 0;
            options.clip_margin_m = std::stod(*m, &used);
            if (used != m->size() || !(options.clip_margin_m >= 0)) throw std::invalid_argument(*m);
        } catch (const std::exception&) {
            throw UsageError{ctx.t("err.bad_number", {"clip-margin", *m})};
        }
    }
    auto store = ctx.open_store();
    std::string clip_text;
    if (args.has("clip-ward")) {
        options.clip = ward_for_clip(ctx, *store);
        char buf[64];
        std::snprintf(buf, sizeof buf, "ward boundary + %.0f m", options.clip_margin_m);
        clip_text = buf;
    }
    data::RoadImportReport report;
    const geo::road::RoadNetwork network = data::import_roads(options, &report);
    data::RoadSourceInfo source;
    source.path = report.path.string();
    source.format = data::to_string(report.format);
    source.file_sha256 = report.sha256;
    source.clip = clip_text;
    auto roads = data::road_store(*store);
    const auto stored = roads->replace_network(network, source);

    auto& out = *ctx.out;
    out << ctx.tr("道路網を取り込みました: {0} ({1})\n", "imported the road network: {0} ({1})\n",
                  {source.path, source.format});
    out << ctx.tr(
        "  読んだ道路 {0} 本、使用 {1}、除外 {2}、途中で切れた道路 {3}、範囲外で削除した区間 {4}\n",
        "  ways read {0}, routable {1}, dropped {2}, incomplete {3}, edges clipped {4}\n",
        {std::to_string(report.ways_read), std::to_string(report.ways_routable),
         std::to_string(report.ways_dropped), std::to_string(report.ways_incomplete),
         std::to_string(report.edges_clipped)});
    out << ctx.tr("  交差点 {0}、道路区間 {1}\n", "  nodes {0}, edges {1}\n",
                  {std::to_string(report.nodes), std::to_string(report.edges)});
    out << component_line(ctx, report);
    out << ctx.tr("  経路グラフは最初の経路探索で作成されます ({0}.roads.*.graph)\n",
                  "  route graphs are built on the first query ({0}.roads.*.graph)\n",
                  {store->location()});
    (void)stored;
    return exit_ok;
}

int roads_info(Context& ctx, const Args& args) {
    if (args.positional.size() > 1) throw UsageError{ctx.t("err.extra_arg", {args.positional[1]})};
    auto store = ctx.open_store();
    auto roads = data::road_store(*store);
    auto& out = *ctx.out;
    const auto source = roads->source();
    if (!source) {
        out << ctx.tr(
            "道路網はまだ取り込まれていません。breathline roads import FILE で取り込んでください\n",
            "no road network yet; import one with breathline roads import FILE\n");
        return exit_findings;
    }
    out << ctx.tr("道路網: {0} ({1}, {2} 取り込み)\n", "road network: {0} ({1}, imported {2})\n",
                  {source->path, source->format, source->imported_at});
    if (!source->clip.empty())
        out << ctx.tr("  範囲: {0}\n", "  clipped to: {0}\n", {source->clip});
    geo::road::RoadNetwork network = roads->load_network();
    out << ctx.tr("  交差点 {0}、道路区間 {1}\n", "  nodes {0}, edges {1}\n",
                  {std::to_string(network.node_count()), std::to_string(network.edge_count())});
    std::array<std::size_t, geo::road::road_class_count> per_class{};
    double total_m = 0;
    for (const auto& e : network.edges) {
        ++per_class[static_cast<std::size_t>(e.road_class)];
        total_m += e.length_m;
    }
    out << ctx.tr("  道路種別ごとの区間数 (総延長 {0}):\n",
                  "  edges per class (total length {0}):\n", {format_distance(total_m)});
    for (int c = 0; c < geo::road::road_class_count; ++c)
        if (per_class[static_cast<std::size_t>(c)])
            out << "    " << pad(geo::road::to_string(static_cast<geo::road::RoadClass>(c)), 16)
                << per_class[static_cast<std::size_t>(c)] << "\n";
    if (source->format == "uxsim_csv")
        out << ctx.tr("  注意: 幹線道路のみの道路網です。生活道路までの経路には区の OpenStreetMap "
                      "データを取り込んでください\n",
                      "  note: arterial roads only; import the ward's OpenStreetMap extract for "
                      "street-level routing\n");

    // Car rules first (what the database marks); walking uses both directions and footways, so
    // its largest component differs. mark_largest_scc rewrites the flags of this local copy only.
    for (const auto& [label, profile] :
         {std::pair{ctx.tr("車", "car"), geo::road::Profile::car()},
          std::pair{ctx.tr("徒歩", "walk"), geo::road::Profile::walk()}}) {
        const auto components = geo::road::mark_largest_scc(network, profile);
        data::RoadImportReport r;
        r.component_count = components.component_count;
        r.largest_component_nodes = components.largest_size;
        r.nodes_outside_largest = components.nodes_outside;
        r.other_component_sizes = components.other_sizes;
        out << "  " << label << ":" << component_line(ctx, r).substr(1);
    }

    const auto closures = roads->closures();
    out << ctx.tr("  通行止め {0} 件 (道路区間 {1} 本)\n", "  closures: {0} ({1} road sections)\n",
                  {std::to_string(closures.size()), std::to_string(roads->closed_edges().size())});

    data::RoutingServiceOptions options;
    if (auto p = args.get("profiles")) options.profiles_path = *p;
    const auto profiles = data::load_routing_profiles(options.profiles_path);
    for (const auto& s : data::graph_file_statuses(store->location(), *source, profiles)) {
        if (s.problem == data::GraphFileProblem::none)
            out << ctx.tr("  経路グラフ {0}: 最新 ({1} 交差点、{2} 弧) {3}\n",
                          "  graph {0}: current ({1} nodes, {2} arcs) {3}\n",
                          {s.profile, std::to_string(s.node_count), std::to_string(s.arc_count),
                           s.path.string()});
        else
            out << ctx.tr("  経路グラフ {0}: 次回の探索で作成 ({1}) {2}\n",
                          "  graph {0}: built on the next query ({1}) {2}\n",
                          {s.profile, data::to_string(s.problem), s.path.string()});
    }
    return exit_ok;
}

int run_roads(Context& ctx, const Args& args) {
    if (args.positional.empty()) throw UsageError{ctx.t("err.missing_arg", {"import|info"})};
    if (args.positional[0] == "import") return roads_import(ctx, args);
    if (args.positional[0] == "info") return roads_info(ctx, args);
    throw UsageError{ctx.tr("roads の後には import か info を指定します ('{0}' は不可)",
                            "roads takes import or info, not '{0}'", {args.positional[0]})};
}

} // namespace

VerbSpec make_roads_verb() {
    return {"roads",
            "roads import FILE [--links LINKS.csv] [--layer L] [--clip-ward] [--clip-margin M] | "
            "roads info [--profiles FILE]",
            "verb.roads",
            {{"links", true, "opt.roads.links"},
             {"layer", true, "opt.roads.layer"},
             {"clip-ward", false, "opt.roads.clip_ward"},
             {"clip-margin", true, "opt.roads.clip_margin"},
             {"profiles", true, "opt.route.profiles"}},
            run_roads};
}

} // namespace breathline::cli
