// `facilities status`: the facility status board as a text table (status, capacity,
// occupancy, free places, power). Edits go through `set facility ID occupancy=.. power=..`.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "data/ops/recommend.h"

#include <algorithm>
#include <ostream>

namespace breathline::cli {

namespace {

std::string status_label(const Context& ctx, data::FacilityStatus s) {
    using S = data::FacilityStatus;
    switch (s) {
    case S::normal:
        return ctx.tr("通常", "normal");
    case S::open:
        return ctx.tr("開設", "open");
    case S::full:
        return ctx.tr("満員", "full");
    case S::closed:
        return ctx.tr("閉鎖", "closed");
    case S::damaged:
        return ctx.tr("被災", "damaged");
    case S::unknown:
        return ctx.tr("不明", "unknown");
    }
    return "?";
}

std::string power_label(const Context& ctx, const std::optional<data::FacilityPower>& p) {
    if (!p) return ctx.tr("未報告", "not reported");
    switch (*p) {
    case data::FacilityPower::grid:
        return ctx.tr("商用電源", "grid");
    case data::FacilityPower::generator:
        return ctx.tr("発電機", "generator");
    case data::FacilityPower::none:
        return ctx.tr("なし", "none");
    }
    return "?";
}

std::string opt_int(const std::optional<int>& v) {
    return v ? std::to_string(*v) : "-";
}

int run_facilities(Context& ctx, const Args& args) {
    if (args.positional.size() != 1 || args.positional.front() != "status")
        throw UsageError{ctx.tr("使い方: facilities status [--kind 種別]",
                                "usage: facilities status [--kind KIND]")};
    data::FacilityFilter filter;
    if (auto k = args.get("kind")) {
        filter.kind = data::parse_enum<data::FacilityKind>(*k);
        if (!filter.kind)
            throw UsageError{ctx.tr("不明な施設種別 '{0}'", "unknown facility kind '{0}'", {*k})};
    }
    auto store = ctx.open_store();
    const auto all = store->facilities().facilities(filter);
    auto& out = *ctx.out;
    out << pad("ID", 34) << pad(ctx.tr("名称", "name"), 30) << pad(ctx.tr("状態", "status"), 10)
        << pad(ctx.tr("収容人数", "capacity"), 10) << pad(ctx.tr("収容者数", "occupancy"), 10)
        << pad(ctx.tr("空き", "free"), 8) << pad(ctx.tr("電源", "power"), 12)
        << ctx.tr("受入", "accepts") << "\n";
    int accepting = 0;
    for (const auto& f : all) {
        std::string free = "-";
        if (f.capacity && f.occupancy)
            free = std::to_string(std::max(0, *f.capacity - *f.occupancy));
        const bool accepts = data::ops::facility_accepts(f);
        accepting += accepts ? 1 : 0;
        out << pad(f.external_id, 34) << pad(f.name, 30) << pad(status_label(ctx, f.status), 10)
            << pad(opt_int(f.capacity), 10) << pad(opt_int(f.occupancy), 10) << pad(free, 8)
            << pad(power_label(ctx, f.power), 12)
            << (accepts ? ctx.tr("可", "yes") : ctx.tr("不可", "no")) << "\n";
    }
    out << ctx.tr("{0} 施設 (受入可能 {1})\n", "{0} facilities ({1} accepting)\n",
                  {std::to_string(all.size()), std::to_string(accepting)});
    return all.empty() ? exit_findings : exit_ok;
}

} // namespace

VerbSpec make_facilities_verb() {
    return {"facilities",
            "facilities status [--kind KIND]",
            "verb.facilities",
            {{"kind", true, "opt.nearest.kind"}},
            run_facilities};
}

} // namespace breathline::cli
