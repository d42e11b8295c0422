#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/routing_args.h"
#include "geo/projection.h"

#include <cmath>
#include <cstdio>
#include <ostream>

namespace breathline::cli {

namespace {

std::string ring_positions(const geo::Ring& ring) {
    std::vector<geo::LonLat> points = ring.points;
    // GeoJSON rings repeat their first position at the end.
    if (!points.empty() && !(points.front() == points.back())) points.push_back(points.front());
    return geojson_positions(points);
}

std::string isochrone_geojson(const data::IsochroneAnswer& a, double minutes,
                              const std::string& profile) {
    std::string polygons;
    for (const auto& part : a.isochrone.area.parts) {
        std::string rings = ring_positions(part.outer);
        for (const auto& hole : part.holes)
            rings += "," + ring_positions(hole);
        polygons += (polygons.empty() ? "[" : ",[") + rings + "]";
    }
    char props[200];
    std::snprintf(props, sizeof props,
                  "\"minutes\":%g,\"node_count\":%zu,\"from_lon\":%.7f,\"from_lat\":%.7f", minutes,
                  a.isochrone.nodes.size(), a.from_snap.on_road.lon(), a.from_snap.on_road.lat());
    return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{"
           "\"profile\":" +
           json_string(profile) + "," + props +
           "},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" + polygons + "]}}]}\n";
}

int run_isochrone(Context& ctx, const Args& args) {
    if (!args.positional.empty())
        throw UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
    const auto from_text = args.get("from");
    if (!from_text) throw UsageError{ctx.t("err.missing_arg", {"--from"})};
    const auto minutes_text = args.get("minutes");
    if (!minutes_text) throw UsageError{ctx.t("err.missing_arg", {"--minutes"})};
    double minutes = 0;
    try {
        std::size_t used = 0;
        minutes = std::stod(*minutes_text, &used);
        if (used != minutes_text->size()) minutes = 0;
    } catch (const std::exception&) {
        minutes = 0;
    }
    if (!(minutes > 0) || minutes > 24 * 60)
        throw UsageError{ctx.tr("--minutes は 0 より大きく 1440 以下の分数です ('{0}' は不可)",
                                "--minutes takes minutes above 0 up to 1440, not '{0}'",
                                {*minutes_text})};

    auto store = ctx.open_store();
    const data::RoutePoint from = resolve_point(ctx, *store, "--from", *from_text);
    auto service = open_routing(ctx, *store, args);
    const std::string profile = chosen_profile(ctx, *service, args);
    const auto outcome = service->isochrone(from, minutes, profile);
    if (!outcome.ok()) return report_snap_failure(ctx, outcome.failure());
    const auto& a = outcome.value();

    const geo::PlaneProjector projector;
    const double area_km2 = a.isochrone.area.area_m2(projector) / 1e6;
    char area[32];
    std::snprintf(area, sizeof area, "%.2f", area_km2);
    *ctx.out << ctx.tr(
        "{0} から {1} 分 ({2}) で到達できる範囲: 交差点 {3} 箇所、面積 {4} km²\n",
        "reachable from {0} within {1} min ({2}): {3} junctions, area {4} km²\n",
        {from.label, *minutes_text, profile, std::to_string(a.isochrone.nodes.size()), area});
    if (a.from_snap.approximate)
        *ctx.out << ctx.tr("  出発地は道路から {0} 離れています (概算)\n",
                           "  the origin is {0} from the road (approximate)\n",
                           {format_distance(a.from_snap.distance_m)});
    if (auto path = args.get("out")) {
        write_text_file(*path, isochrone_geojson(a, minutes, profile));
        *ctx.out << ctx.tr("  範囲を {0} に書き出しました\n", "  wrote the area to {0}\n", {*path});
    }
    return a.isochrone.nodes.empty() && a.isochrone.area.parts.empty() ? exit_findings : exit_ok;
}

} // namespace

VerbSpec make_isochrone_verb() {
    std::vector<OptionSpec> options = {
        {"from", true, "opt.route.from"},
        {"minutes", true, "opt.isochrone.minutes"},
        {"out", true, "opt.isochrone.out"},
    };
    for (auto& o : profile_options())
        options.push_back(o);
    return {"isochrone",
            "isochrone --from LON,LAT|person:ID|facility:ID --minutes T [--profile car|walk] "
            "[--out FILE.geojson]",
            "verb.isochrone", std::move(options), run_isochrone};
}

} // namespace breathline::cli
