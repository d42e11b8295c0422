#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "data/io/person_fields.h"

#include <ostream>

namespace breathline::cli {

namespace {

double parse_double_option(const Context& ctx, const Args& args, const std::string& name) {
    const std::string v = *args.get(name);
    try {
        std::size_t used = 0;
        const double d = std::stod(v, &used);
        if (used == v.size()) return d;
    } catch (const std::exception&) {
    }
    throw UsageError{ctx.t("err.bad_number", {name, v})};
}

int list_persons(Context& ctx, const Args& args, data::Store& store) {
    data::PersonFilter filter;
    if (args.has("ventilator")) filter.uses_ventilator = true;
    if (args.has("oxygen")) filter.home_oxygen = true;
    if (auto town = args.get("town")) filter.town = *town;
    if (args.has("max-battery"))
        filter.max_battery_h = parse_double_option(ctx, args, "max-battery");
    if (args.has("limit"))
        filter.limit = static_cast<std::size_t>(parse_double_option(ctx, args, "limit"));
    const bool personal = ctx.shows_personal(args); // masked for roles without see_personal
    const auto persons = store.registry().persons(filter);
    auto& out = *ctx.out;
    out << pad(ctx.tr("登録番号", "registry no"), 12) << pad(ctx.tr("氏名", "name"), 18)
        << pad(ctx.tr("機器", "devices"), 14)
        << pad(ctx.tr("電池(内/外 h)", "battery (int/ext h)"), 20) << ctx.tr("町丁目", "town")
        << "\n";
    for (const auto& p : persons) {
        std::string devices =
            p.uses_ventilator ? std::string(p.ventilator_mode ? to_db(*p.ventilator_mode) : "vent")
                              : "";
        if (p.home_oxygen) devices += devices.empty() ? "HOT" : "+HOT";
        const std::string battery =
            (p.internal_battery_h ? data::format_number(p.internal_battery_h) : "-") + " / " +
            (p.external_battery_h ? data::format_number(p.external_battery_h) : "-");
        out << pad(p.external_id, 12) << pad(personal ? p.name : masked(p.external_id), 18)
            << pad(devices, 14) << pad(p.uses_ventilator ? battery : "", 20) << p.town << "\n";
    }
    out << ctx.tr("{0} 人\n", "{0} persons\n", {std::to_string(persons.size())});
    return exit_ok;
}

int list_facilities(Context& ctx, const Args& args, data::Store& store) {
    data::FacilityFilter filter;
    if (auto kind = args.get("kind")) {
        filter.kind = data::parse_enum<data::FacilityKind>(*kind);
        if (!filter.kind)
            throw UsageError{
                ctx.tr("不明な施設種別 '{0}'", "unknown facility kind '{0}'", {*kind})};
    }
    if (args.has("unresolved")) filter.precision = data::GeocodePrecision::unresolved;
    if (args.has("relief-station")) filter.relief_station = true;
    const auto facilities = store.facilities().facilities(filter);
    auto& out = *ctx.out;
    for (const auto& f : facilities) {
        const std::string kind(ctx.lang == Lang::ja ? data::label_ja(f.kind)
                                                    : data::label_en(f.kind));
        out << pad(f.external_id, 34) << pad(kind, 20) << pad(f.name, 32)
            << pad(f.address.empty() ? "-" : f.address, 20)
            << pad(std::string(data::to_db(f.geocode_precision)), 11)
            << (f.relief_station ? ctx.tr(" 医療救護所", " relief-station") : "")
            << (f.oxygen_depot ? ctx.tr(" 酸素拠点", " oxygen-depot") : "") << "\n";
    }
    out << ctx.tr("{0} 施設\n", "{0} facilities\n", {std::to_string(facilities.size())});
    return exit_ok;
}

} // namespace

VerbSpec make_list_verb() {
    return {"list",
            "list persons|facilities [filters]",
            "verb.list",
            {{"ventilator", false, "opt.list.ventilator"},
             {"oxygen", false, "opt.list.oxygen"},
             {"town", true, "opt.list.town"},
             {"max-battery", true, "opt.list.max_battery"},
             {"limit", true, "opt.list.limit"},
             {"include-personal", false, "opt.include_personal"},
             {"kind", true, "opt.list.kind"},
             {"unresolved", false, "opt.list.unresolved"},
             {"relief-station", false, "opt.list.relief_station"}},
            [](Context& ctx, const Args& args) {
                if (args.positional.size() != 1)
                    throw UsageError{ctx.t("err.missing_arg", {"persons|facilities"})};
                auto store = ctx.open_store();
                const std::string& what = args.positional[0];
                if (what == "persons") return list_persons(ctx, args, *store);
                if (what == "facilities") return list_facilities(ctx, args, *store);
                throw UsageError{ctx.t("err.extra_arg", {what})};
            }};
}

} // namespace breathline::cli
