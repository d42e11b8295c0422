#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"

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
    const auto found = store->facilities().nearest(*from, kind, k);
    auto& out = *ctx.out;
    int rank = 1;
    for (const auto& n : found) {
        char dist[32];
        std::snprintf(dist, sizeof dist, "%8.0f m", n.distance_m);
        const std::string kind_label(ctx.lang == Lang::ja ? data::label_ja(n.facility.kind)
                                                          : data::label_en(n.facility.kind));
        out << rank++ << ". " << dist << "  " << pad(kind_label, 20) << pad(n.facility.name, 30)
            << n.facility.external_id << "\n";
    }
    if (found.empty()) {
        out << ctx.tr("該当する施設はありません\n", "no facility found\n");
        return exit_findings;
    }
    return exit_ok;
}

} // namespace

VerbSpec make_nearest_verb() {
    return {"nearest",
            "nearest --from LON,LAT | --person ID [--kind KIND] [-k N]",
            "verb.nearest",
            {{"from", true, "opt.nearest.from"},
             {"person", true, "opt.nearest.person"},
             {"kind", true, "opt.nearest.kind"},
             {"k", true, "opt.nearest.k"}},
            run_nearest};
}

} // namespace breathline::cli
