// `outage add|list|restore`: power outage areas of an incident. Everyone whose home lies inside
// runs on battery from the start until the restoration.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/ops_args.h"
#include "console/cli/routing_args.h"
#include "data/error.h"
#include "data/ops/outage_shape.h"
#include "data/roads/polygon_file.h"

#include <ostream>

namespace breathline::cli {

namespace {

namespace ops = data::ops;

int outage_add(Context& ctx, const Args& args) {
    const auto name = args.get("name");
    if (!name || name->empty())
        throw UsageError{
            ctx.tr("--name で停電区域の名称を指定してください", "give the outage area a --name")};
    if (int(args.has("from")) + int(args.has("ward")) + int(args.has("coords")) != 1)
        throw UsageError{
            ctx.tr("--from FILE、--coords 経度,緯度;… か --ward のどれか一つを指定してください",
                   "give exactly one of --from FILE, --coords LON,LAT;... or --ward")};
    data::OutageArea area;
    area.name = *name;
    // Read the file before opening the database, so a bad file changes nothing.
    if (auto file = args.get("from")) area.area = data::read_polygon_file(*file);
    // The same shape rules as a polygon drawn on the console's map.
    if (auto coords = args.get("coords"))
        area.area = ops::outage_polygon(ops::parse_lonlat_list(*coords));
    area.starts_at = ops::format_time(time_option(ctx, args, "start", now_of(ctx)));
    auto store = ctx.open_store();
    const data::Incident inc = incident_for(ctx, *store, args);
    if (args.has("ward")) area.area = ward_boundary(*store);
    area.incident_id = inc.id;
    const data::RowId id = store->incidents().add_outage_area(area);
    int inside = 0;
    for (const auto& p : persons_at_home(*store))
        if (p.location && area.area.contains(*p.location)) ++inside;
    *ctx.out << ctx.tr("停電区域 {0} を登録しました (災害 {1}、開始 {2}、区域内の登録者 {3} 人)\n",
                       "added outage area {0} (incident {1}, from {2}, {3} registered persons "
                       "inside)\n",
                       {std::to_string(id), std::to_string(inc.id),
                        ops::format_time_jst(*ops::parse_time(area.starts_at)),
                        std::to_string(inside)});
    return exit_ok;
}

int outage_list(Context& ctx, const Args& args) {
    auto store = ctx.open_store();
    const data::Incident inc = incident_for(ctx, *store, args);
    const auto areas = store->incidents().outage_areas(inc.id);
    const auto persons = persons_at_home(*store);
    auto& out = *ctx.out;
    for (const auto& a : areas) {
        int inside = 0;
        for (const auto& p : persons)
            if (p.location && a.area.contains(*p.location)) ++inside;
        const auto start = ops::parse_time(a.starts_at);
        const auto restored = a.restored_at ? ops::parse_time(*a.restored_at) : std::nullopt;
        out << pad(std::to_string(a.id), 6) << pad(a.name, 24)
            << pad(start ? ops::format_time_jst(*start) : a.starts_at, 22)
            << pad(restored ? ctx.tr("復旧 ", "restored ") + ops::format_time_jst(*restored)
                            : ctx.tr("停電中", "no power"),
                   30)
            << ctx.tr("{0} 人", "{0} persons", {std::to_string(inside)}) << "\n";
    }
    if (areas.empty()) {
        out << ctx.tr("災害 {0} の停電区域はありません\n", "no outage areas in incident {0}\n",
                      {std::to_string(inc.id)});
        return exit_findings;
    }
    return exit_ok;
}

int run_outage(Context& ctx, const Args& args) {
    if (args.positional.empty()) throw UsageError{ctx.t("err.missing_arg", {"add|list|restore"})};
    const std::string& sub = args.positional[0];
    const std::size_t expected = sub == "restore" ? 2 : 1;
    if (args.positional.size() < expected) throw UsageError{ctx.t("err.missing_arg", {"ID"})};
    if (args.positional.size() > expected)
        throw UsageError{ctx.t("err.extra_arg", {args.positional[expected]})};
    if (sub == "add") return outage_add(ctx, args);
    if (sub == "list") return outage_list(ctx, args);
    if (sub == "restore") {
        const auto id = static_cast<data::RowId>(parse_count(ctx, "ID", args.positional[1]));
        const std::string at = ops::format_time(time_option(ctx, args, "at", now_of(ctx)));
        auto store = ctx.open_store();
        if (!store->incidents().restore_outage_area(id, at)) {
            *ctx.err << ctx.tr("停電中の区域 {0} はありません (outage list で確認できます)\n",
                               "no outage area {0} without power (see outage list)\n",
                               {std::to_string(id)});
            return exit_findings;
        }
        *ctx.out << ctx.tr("停電区域 {0} を復旧にしました ({1})\n",
                           "outage area {0} restored ({1})\n",
                           {std::to_string(id), ops::format_time_jst(*ops::parse_time(at))});
        return exit_ok;
    }
    throw UsageError{
        ctx.tr("outage の後には add, list, restore のどれかを指定します ('{0}' は不可)",
               "outage takes add, list or restore, not '{0}'", {sub})};
}

} // namespace

VerbSpec make_outage_verb() {
    return {"outage",
            "outage add --name N --from FILE|--coords LON,LAT;...|--ward [--start T] | list | "
            "restore ID [--at T]",
            "verb.outage",
            {{"name", true, "opt.outage.name"},
             {"from", true, "opt.outage.from"},
             {"ward", false, "opt.outage.ward"},
             {"coords", true, "opt.outage.coords"},
             {"start", true, "opt.outage.start"},
             {"at", true, "opt.incident.at"},
             {"incident", true, "opt.incident.id"}},
            run_outage};
}

} // namespace breathline::cli
