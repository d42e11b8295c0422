#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/routing_args.h"

#include <cstdio>
#include <ostream>

namespace breathline::cli {

namespace {

geo::LonLat parse_lonlat(const Context& ctx, const std::string& text) {
    const auto comma = text.find(',');
    try {
        if (comma != std::string::npos) {
            std::size_t a = 0, b = 0;
            const std::string lon_s = text.substr(0, comma), lat_s = text.substr(comma + 1);
            const double lon = std::stod(lon_s, &a);
            const double lat = std::stod(lat_s, &b);
            if (a == lon_s.size() && b == lat_s.size()) return geo::LonLat(lon, lat);
        }
    } catch (const std::exception&) {
    }
    throw UsageError{
        ctx.tr("--from は 経度,緯度 の形で指定します (例: 139.7329,35.7359)。'{0}' は不可",
               "--from must be LON,LAT (e.g. 139.7329,35.7359), not '{0}'", {text})};
}

std::string kind_label(const Context& ctx, data::FacilityKind kind) {
    return std::string(ctx.lang == Lang::ja ? data::label_ja(kind) : data::label_en(kind));
}

// Ranked by travel time over the roads (routing service), closed or full
// facilities skipped.
int nearest_by_road(const Context& ctx, data::Store& store, const Args& args,
                    const data::RoutePoint& from, std::optional<data::FacilityKind> kind,
                    std::size_t k) {
    auto service = open_routing(ctx, store, args);
    const std::string profile = chosen_profile(ctx, *service, args);
    const auto outcome = service->nearest_by_road(from, kind, k, profile);
    if (!outcome.ok()) return report_snap_failure(ctx, outcome.failure());
    const auto& answer = outcome.value();
    auto& out = *ctx.out;
    out << ctx.tr("{0} から道路で最寄りの施設 ({1})\n",
                  "nearest facilities by road from {0} ({1})\n", {from.label, profile});
    out << "    " << pad(ctx.tr("所要時間", "time"), 14) << pad(ctx.tr("道路距離", "road"), 10)
        << pad(ctx.tr("直線", "straight"), 10) << pad(ctx.tr("種別", "kind"), 20)
        << pad(ctx.tr("名称", "name"), 30) << "ID\n";
    int rank = 1;
    for (const auto& f : answer.facilities) {
        char straight[32];
        std::snprintf(straight, sizeof straight, "%.0f m", f.straight_m);
        out << rank++ << ". " << pad(format_duration(ctx, f.time_ms), 14)
            << pad(format_distance(f.road_distance_m), 10) << pad(straight, 10)
            << pad(kind_label(ctx, f.facility.kind), 20) << pad(f.facility.name, 30)
            << f.facility.external_id << (f.approximate ? ctx.tr(" (概算)", " (approximate)") : "")
            << "\n";
    }
    if (answer.skipped_closed_or_full)
        out << ctx.tr("  閉鎖・満員のため除外: {0} 施設\n", "  left out as closed or full: {0}\n",
                      {std::to_string(answer.skipped_closed_or_full)});
    auto list = [](const std::vector<std::string>& ids) {
        std::string s;
        for (const auto& id : ids)
            s += (s.empty() ? "" : ", ") + id;
        return s;
    };
    if (!answer.unsnapped.empty())
        out << ctx.tr("  道路から遠く除外: {0}\n", "  too far from any road: {0}\n",
                      {list(answer.unsnapped)});
    if (!answer.unreachable.empty())
        out << ctx.tr("  通れる道がなく到達不能: {0}\n", "  unreachable (roads closed): {0}\n",
                      {list(answer.unreachable)});
    if (answer.facilities.empty()) {
        out << ctx.tr("該当する施設はありません\n", "no facility found\n");
        return exit_findings;
    }
    return exit_ok;
}

int run_nearest(Context& ctx, const Args& args) {
    if (!args.positional.empty())
        throw UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
    if (args.has("from") == args.has("person"))
        throw UsageError{ctx.tr("--from LON,LAT か --person ID のどちらか一方を指定してください",
                                "give exactly one of --from LON,LAT or --person ID")};
    std::optional<data::FacilityKind> kind;
    if (auto k = args.get("kind")) {
        kind = data::parse_enum<data::FacilityKind>(*k);
        if (!kind)
            throw UsageError{ctx.tr("不明な施設種別 '{0}'", "unknown facility kind '{0}'", {*k})};
    }
    std::size_t k = 3;
    if (auto kv = args.get("k")) {
        // Whole positive numbers only: stoul alone takes "3x" as 3 and "-1"
        // as 18446744073709551615.
        std::size_t used = 0;
        unsigned long parsed = 0;
        try {
            parsed = std::stoul(*kv, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != kv->size() || kv->front() == '-' || parsed == 0)
            throw UsageError{ctx.t("err.bad_number", {"k", *kv})};
        k = static_cast<std::size_t>(parsed);
    }
    const std::string by = args.get("by").value_or("line");
    if (by != "line" && by != "road")
        throw UsageError{ctx.tr("--by は line (直線) か road (道路) です ('{0}' は不可)",
                                "--by takes line (straight) or road, not '{0}'", {by})};
    const bool by_road = by == "road";
    if (!by_road && (args.has("profile") || args.has("profiles")))
        throw UsageError{
            ctx.tr("--profile は --by road と一緒に使います", "--profile goes with --by road")};
    // The command line is checked completely before the database is opened,
    // so a typo never creates or migrates a file.
    std::optional<geo::LonLat> from;
    if (auto f = args.get("from")) from = parse_lonlat(ctx, *f);
    auto store = ctx.open_store();
    if (!from) {
        const std::string id = *args.get("person");
        auto p = store->registry().person_by_external_id(id);
        if (!p) {
            *ctx.err << ctx.tr("登録者 '{0}' は見つかりません\n", "no person '{0}'\n", {id});
            return exit_findings;
        }
        if (!p->location) {
            *ctx.err << ctx.tr("登録者 '{0}' の位置が未登録です\n",
                               "person '{0}' has no location\n", {id});
            return exit_findings;
        }
        from = p->location;
    }
    if (by_road) {
        const std::string label = args.has("person")
                                      ? ctx.tr("登録者 {0}", "person {0}", {*args.get("person")})
                                      : "--from " + *args.get("from");
        return nearest_by_road(ctx, *store, args, {*from, label}, kind, k);
    }
    const auto found = store->facilities().nearest(*from, kind, k);
    auto& out = *ctx.out;
    int rank = 1;
    for (const auto& n : found) {
        char dist[32];
        std::snprintf(dist, sizeof dist, "%8.0f m", n.distance_m);
        out << rank++ << ". " << dist << "  " << pad(kind_label(ctx, n.facility.kind), 20)
            << pad(n.facility.name, 30) << n.facility.external_id << "\n";
    }
    if (found.empty()) {
        out << ctx.tr("該当する施設はありません\n", "no facility found\n");
        return exit_findings;
    }
    return exit_ok;
}

} // namespace

VerbSpec make_nearest_verb() {
    std::vector<OptionSpec> options = {{"from", true, "opt.nearest.from"},
                                       {"person", true, "opt.nearest.person"},
                                       {"kind", true, "opt.nearest.kind"},
                                       {"k", true, "opt.nearest.k"},
                                       {"by", true, "opt.nearest.by"}};
    for (auto& o : profile_options())
        options.push_back(o);
    return {"nearest",
            "nearest --from LON,LAT | --person ID [--kind KIND] [-k N] [--by line|road] "
            "[--profile car|walk]",
            "verb.nearest", std::move(options), run_nearest};
}

} // namespace breathline::cli
