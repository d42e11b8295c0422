#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/routing_args.h"

#include <ostream>

namespace breathline::cli {

namespace {

// --from, or the --person / --facility shorthands for it.
std::string origin_text(const Context& ctx, const Args& args) {
    const int given = int{args.has("from")} + int{args.has("person")} + int{args.has("facility")};
    if (given != 1)
        throw UsageError{
            ctx.tr("出発地を --from, --person, --facility のどれか一つで指定してください",
                   "give the origin with exactly one of --from, --person, --facility")};
    if (auto p = args.get("person")) return "person:" + *p;
    if (auto f = args.get("facility")) return "facility:" + *f;
    return *args.get("from");
}

std::string route_geojson(const data::RouteAnswer& r, const std::string& profile,
                          const data::RoadSourceInfo& source) {
    std::string names;
    for (const auto& n : r.street_names)
        names += (names.empty() ? "" : ",") + json_string(n);
    std::string edges;
    for (auto e : r.edges)
        edges += (edges.empty() ? "" : ",") + std::to_string(e + 1);
    char numbers[160];
    std::snprintf(numbers, sizeof numbers,
                  "\"time_s\":%.3f,\"road_distance_m\":%.1f,\"from_approximate\":%s,"
                  "\"to_approximate\":%s",
                  static_cast<double>(r.time_ms) / 1000.0, r.road_distance_m,
                  r.from_approximate() ? "true" : "false", r.to_approximate() ? "true" : "false");
    return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{"
           "\"profile\":" +
           json_string(profile) + "," + numbers + ",\"street_names\":[" + names +
           "],\"edge_ids\":[" + edges + "],\"road_source\":" + json_string(source.path) +
           "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":" +
           geojson_positions(r.geometry) + "}}]}\n";
}

int run_route(Context& ctx, const Args& args) {
    if (!args.positional.empty())
        throw UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
    const std::string from_text = origin_text(ctx, args);
    const auto to_text = args.get("to");
    if (!to_text) throw UsageError{ctx.t("err.missing_arg", {"--to"})};

    auto store = ctx.open_store();
    const data::RoutePoint from = resolve_point(ctx, *store, "--from", from_text);
    const data::RoutePoint to = resolve_point(ctx, *store, "--to", *to_text);
    auto service = open_routing(ctx, *store, args);
    const std::string profile = chosen_profile(ctx, *service, args);

    const auto outcome = service->route(from, to, profile);
    if (!outcome.ok()) return report_snap_failure(ctx, outcome.failure());
    const data::RouteAnswer& r = outcome.value();
    auto& out = *ctx.out;
    if (!r.reachable) {
        out << ctx.tr("{0} から {1} へは通れる道がありません (通行止め {2} 区間)\n",
                      "no open road leads from {0} to {1} ({2} road sections closed)\n",
                      {from.label, to.label, std::to_string(service->closed_edges().size())});
        return exit_findings;
    }
    out << ctx.tr("経路 ({0}): {1} → {2}\n", "route ({0}): {1} → {2}\n",
                  {profile, from.label, to.label});
    out << ctx.tr("  所要時間 {0}、道路距離 {1}\n", "  time {0}, road distance {1}\n",
                  {format_duration(ctx, r.time_ms), format_distance(r.road_distance_m)});
    std::string names;
    for (const auto& n : r.street_names)
        names += (names.empty() ? "" : " → ") + n;
    out << ctx.tr("  経由する道路: {0}\n", "  along: {0}\n",
                  {names.empty() ? ctx.tr("(名称なし)", "(unnamed)") : names});
    auto leg = [&](const char* ja, const char* en, const geo::road::SnapResult& s) {
        out << ctx.tr(ja, en, {format_distance(s.distance_m)});
        if (s.approximate)
            out << ctx.tr(" (概算: 道路から遠く、直線距離からの推定)",
                          " (approximate: far from the road, estimated from the straight line)");
        out << "\n";
    };
    leg("  出発地から道路まで {0}", "  origin to road {0}", r.from_snap);
    leg("  道路から目的地まで {0}", "  road to destination {0}", r.to_snap);
    if (args.has("edges")) {
        std::string ids;
        for (auto e : r.edges)
            ids += (ids.empty() ? "" : ",") + std::to_string(e + 1);
        out << ctx.tr("  道路区間 ID: {0}\n", "  edge ids: {0}\n", {ids});
    }
    if (auto path = args.get("geojson")) {
        write_text_file(*path, route_geojson(r, profile, *service->roads().source()));
        out << ctx.tr("  経路を {0} に書き出しました\n", "  wrote the route to {0}\n", {*path});
    }
    return exit_ok;
}

} // namespace

VerbSpec make_route_verb() {
    std::vector<OptionSpec> options = {
        {"from", true, "opt.route.from"},         {"person", true, "opt.route.person"},
        {"facility", true, "opt.route.facility"}, {"to", true, "opt.route.to"},
        {"geojson", true, "opt.route.geojson"},   {"edges", false, "opt.route.edges"},
    };
    for (auto& o : profile_options())
        options.push_back(o);
    return {"route",
            "route --from LON,LAT|person:ID|facility:ID (or --person ID | --facility ID) --to "
            "LON,LAT|person:ID|facility:ID [--profile car|walk] [--geojson OUT] [--edges]",
            "verb.route", std::move(options), run_route};
}

} // namespace breathline::cli
