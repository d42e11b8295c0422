#include "console/cli/ops_args.h"

#include "console/cli/routing_args.h"
#include "data/drill/drill_clock.h"
#include "data/drill/drill_store.h"
#include "data/error.h"
#include "data/spatialite/wkb.h"

namespace breathline::cli {

data::ops::TimePoint now_of(const Context& ctx) {
    if (!ctx.now.empty())
        if (const auto t = data::ops::parse_time(ctx.now)) return *t;
    // While a drill runs, every verb works in its scenario time, so what the HQ records
    // during the drill lines up with the scenario's events.
    if (const auto clock = data::drill::running_drill_clock(ctx.db_path.string()))
        return data::drill::DrillClock(*clock).now();
    return data::ops::SystemClock().now();
}

data::ops::TimePoint time_option(const Context& ctx, const Args& args, const std::string& name,
                                 data::ops::TimePoint fallback) {
    const auto text = args.get(name);
    if (!text) return fallback;
    const auto t = data::ops::parse_time(*text);
    if (!t)
        throw UsageError{
            ctx.tr("--{0} '{1}' は日時として読めません (例: 2026-11-22T12:30 は日本時間、"
                   "2026-11-22T03:30Z は UTC)",
                   "--{0} '{1}' is not a date and time (e.g. 2026-11-22T12:30 in "
                   "Japan time, 2026-11-22T03:30Z in UTC)",
                   {name, *text})};
    return *t;
}

data::Incident incident_for(const Context& ctx, data::Store& store, const Args& args) {
    if (const auto id_text = args.get("incident")) {
        const auto id = static_cast<data::RowId>(parse_count(ctx, "incident", *id_text));
        if (auto inc = store.incidents().incident(id)) return *inc;
        throw data::DataError(data::ErrorCode::not_found, "no incident " + std::to_string(id) +
                                                              " in '" + store.location() +
                                                              "'; see `breathline incident list`");
    }
    if (auto inc = store.incidents().active_incident()) return *inc;
    throw data::DataError(data::ErrorCode::not_found,
                          "no active incident in '" + store.location() +
                              "'; declare one with `breathline incident declare` or name one "
                              "with --incident ID");
}

geo::MultiPolygon ward_boundary(data::Store& store) {
    const auto wards = store.areas().areas("ward_boundary");
    if (wards.empty() || wards.front().wkb.empty())
        throw data::DataError(data::ErrorCode::not_found,
                              "no ward boundary in '" + store.location() +
                                  "'; build the demo or give the area as a file");
    // Area::wkb is plain ISO WKB; the decoder lives with the SpatiaLite backend but is pure
    // geometry code.
    return data::spatialite::parse_wkb_multipolygon(wards.front().wkb);
}

std::vector<data::Person> persons_at_home(data::Store& store) {
    data::PersonFilter filter;
    filter.status = data::PersonStatus::active;
    return store.registry().persons(filter);
}

} // namespace breathline::cli
