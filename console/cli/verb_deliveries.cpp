// `deliveries plan|show|done|sheet`: the oxygen van's deliveries and collections (issue 6).
// The loans create the rows (steps ⑥ and ⑧, verb_loan.cpp); `plan` routes them over the road
// network with the vehicle-routing solver (data/dispatch/delivery_plan.h), `show` lists the
// routes, `done` records a served stop (so `plan --replan` keeps it), and `sheet` writes a
// van's route sheet as PDF. Registry numbers only, never names, unless --driver-names is given.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/ops_args.h"
#include "console/cli/routing_args.h"
#include "data/dispatch/delivery_plan.h"
#include "data/drill/drill_store.h"
#include "data/error.h"
#include "data/reports/route_sheet.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <ostream>

namespace breathline::cli {

namespace {

namespace dispatch = data::dispatch;
namespace ops = data::ops;
namespace vrp = geo::vrp;

// Stops served before this belong to an earlier shift (as in the plan's default).
constexpr auto k_shift_memory = std::chrono::hours(12);

std::string clock_jst(ops::TimePoint t) {
    const std::string s = ops::format_time_jst(t);
    return s.size() >= 16 ? s.substr(11, 5) : s;
}

std::string kind_text(const Context& ctx, const dispatch::DeliveryRow& r) {
    return r.collection ? ctx.tr("回収", "collect") : ctx.tr("配達", "deliver");
}

std::string status_text(const Context& ctx, dispatch::DeliveryStatus s) {
    using S = dispatch::DeliveryStatus;
    switch (s) {
    case S::pending:
        return ctx.tr("未計画", "pending");
    case S::planned:
        return ctx.tr("予定", "planned");
    case S::en_route:
        return ctx.tr("移動中", "en route");
    case S::done:
        return ctx.tr("完了", "done");
    case S::failed:
        return ctx.tr("不成功", "failed");
    case S::cancelled:
        return ctx.tr("取消", "cancelled");
    }
    return "?";
}

std::string reason_text(const Context& ctx, vrp::UnassignedReason r) {
    return ctx.lang == Lang::ja ? std::string(dispatch::reason_ja(r))
                                : std::string(dispatch::reason_name(r));
}

std::string town_of(const Context& ctx, data::Store& store, data::RowId person_id) {
    const auto p = store.registry().person(person_id);
    if (!p || p->town.empty()) return ctx.tr("町丁目不明", "town unknown");
    return p->town;
}

int int_option(const Context& ctx, const Args& args, const std::string& name, int fallback,
               int max) {
    const auto text = args.get(name);
    if (!text) return fallback;
    const auto v = parse_count(ctx, name, *text);
    if (v > static_cast<std::size_t>(max))
        throw UsageError{
            ctx.tr("--{0} は 1〜{1} です", "--{0} takes 1 to {1}", {name, std::to_string(max)})};
    return static_cast<int>(v);
}

// The depot: --depot FACILITY|LON,LAT, else the located 池袋保健所.
dispatch::Depot depot_of(const Context& ctx, data::Store& store, const Args& args) {
    if (const auto d = args.get("depot")) {
        if (const auto ll = parse_lonlat_text(*d)) return {*ll, "--depot " + *d};
        const auto f = store.facilities().facility_by_external_id(*d);
        if (!f)
            throw UsageError{ctx.tr("--depot '{0}' は施設IDでも 経度,緯度 でもありません",
                                    "--depot '{0}' is neither a facility id nor LON,LAT", {*d})};
        if (!f->location)
            throw UsageError{ctx.tr("--depot: 施設 {0} には位置がありません (経度,緯度 で指定)",
                                    "--depot: facility {0} has no location (give LON,LAT)", {*d})};
        return {*f->location, "facility " + f->external_id + " (" + f->name + ")"};
    }
    if (auto d = dispatch::default_depot(store)) return *d;
    throw UsageError{
        ctx.tr("拠点の池袋保健所に位置が登録されていません: --depot 経度,緯度 (または施設ID) を"
               "指定するか、breathline set facility health_centre-01 lon=... lat=... で配置して"
               "ください",
               "the depot 池袋保健所 has no location: give --depot LON,LAT (or a facility id), or "
               "place it with breathline set facility health_centre-01 lon=... lat=...")};
}

vrp::SolverOptions solver_options(const Context& ctx, const Args& args) {
    vrp::SolverOptions o;
    if (const auto s = args.get("seed")) o.seed = parse_count(ctx, "seed", *s);
    if (const auto i = args.get("iterations")) o.iterations = parse_count(ctx, "iterations", *i);
    if (const auto t = args.get("time-limit")) {
        char* end = nullptr;
        const double v = std::strtod(t->c_str(), &end);
        if (t->empty() || *end != '\0' || !(v > 0) || v > 600)
            throw UsageError{ctx.tr("--time-limit '{0}' は 0〜600 秒の数です",
                                    "--time-limit '{0}' is not a number of seconds (0 to 600)",
                                    {*t})};
        o.time_limit_s = v;
    } else if (o.iterations == 0) {
        // Without either, a short search: the instances are a few dozen stops.
        o.time_limit_s = 2.0;
    }
    return o;
}

void print_route(const Context& ctx, data::Store& store, const dispatch::VehicleRoute& r) {
    auto& out = *ctx.out;
    if (r.stops.empty()) {
        out << r.name << ctx.tr(": 停車なし\n", ": no stops\n");
        return;
    }
    out << r.name
        << ctx.tr(": 出発 {0}、帰着 {1}、{2} か所\n", ": leaves {0}, back {1}, {2} stops\n",
                  {clock_jst(r.departure), clock_jst(r.back_at_depot),
                   std::to_string(r.stops.size())});
    if (r.position_note_en)
        out << "  " << (ctx.lang == Lang::ja ? *r.position_note_ja : *r.position_note_en) << "\n";
    int n = 0;
    for (const auto& s : r.stops)
        out << "  " << pad(std::to_string(++n), 4) << pad(clock_jst(s.start), 7)
            << pad(kind_text(ctx, s.row), 9)
            << pad(ctx.tr("{0} 本", "{0} cyl", {std::to_string(s.row.cylinders)}), 8)
            << pad(s.row.registry_number, 13) << pad(town_of(ctx, store, s.row.person_id), 20)
            << (s.served ? ctx.tr("対応済み", "served") : "") << "\n";
}

// While a drill runs, the van plans and lists the drill's deliveries; real rows otherwise.
std::optional<data::RowId> drill_scope(data::Store& store) {
    if (const auto run = data::drill::drill_store(store)->running()) return run->incident_id;
    return std::nullopt;
}

int deliveries_plan(Context& ctx, const Args& args) {
    const auto now = now_of(ctx);
    dispatch::DeliveryPlanOptions options;
    options.now = now;
    options.vehicles = int_option(ctx, args, "vehicles", 2, 50);
    options.capacity = int_option(ctx, args, "capacity", 6, 1000);
    if (args.has("shift-start")) options.shift_start = time_option(ctx, args, "shift-start", now);
    if (args.has("shift-end")) options.shift_end = time_option(ctx, args, "shift-end", now);
    const auto start = options.shift_start.value_or(now);
    const auto end = options.shift_end.value_or(now + std::chrono::hours(8));
    if (end <= start)
        throw UsageError{ctx.tr("勤務終了 {0} が開始 {1} より前です",
                                "the shift ends {0}, before it starts {1}",
                                {ops::format_time_jst(end), ops::format_time_jst(start)})};
    options.replan = args.has("replan");
    options.served_since = time_option(ctx, args, "served-since", now - k_shift_memory);
    options.solver = solver_options(ctx, args);

    auto store = ctx.open_store();
    options.depot = depot_of(ctx, *store, args);
    options.drill_incident = drill_scope(*store);
    auto routing = open_routing(ctx, *store, args);
    const auto plan = dispatch::plan_deliveries(*store, *routing, options);

    auto& out = *ctx.out;
    out << ctx.tr("配達計画 ({0}、車両 {1} 台 × ボンベ {2} 本、勤務 {3}〜{4}、拠点 {5})\n",
                  "delivery plan ({0}, {1} vans × {2} cylinders, shift {3} to {4}, depot {5})\n",
                  {ops::format_time_jst(now), std::to_string(options.vehicles),
                   std::to_string(options.capacity), clock_jst(start), clock_jst(end),
                   options.depot.label});
    if (plan.incident_id)
        out << ctx.tr("期限: 災害 {0} の安否ボードの残時間から {1} 件\n",
                      "deadlines: {1} from the runways on the board of incident {0}\n",
                      {std::to_string(*plan.incident_id), std::to_string(plan.runway_deadlines)});
    else
        out << ctx.tr("発生中の災害がないため、残時間による期限はありません\n",
                      "no active incident: no runway deadlines\n");
    if (plan.jobs.empty()) {
        out << ctx.tr("計画する配達・回収はありません (loan advance で ⑥ 配達依頼 に進めると"
                      "作成されます)\n",
                      "nothing to plan (a loan at step 6, delivery request, creates a "
                      "delivery)\n");
        return exit_ok;
    }
    if (options.replan)
        out << ctx.tr("再計画: 対応済み・移動中の停車は順序と時刻をそのまま残します\n",
                      "replanning: served and en-route stops stay, in order, with their times\n");
    for (const auto& r : plan.routes)
        print_route(ctx, *store, r);
    if (!plan.unassigned.empty()) {
        out << ctx.tr("未割当 {0} 件:\n", "unassigned: {0}\n",
                      {std::to_string(plan.unassigned.size())});
        for (const auto& u : plan.unassigned)
            out << "  #" << pad(std::to_string(u.row.id), 5) << pad(u.row.registry_number, 13)
                << pad(kind_text(ctx, u.row), 9) << reason_text(ctx, u.reason) << ": "
                << (ctx.lang == Lang::ja ? u.detail_ja : u.detail_en) << "\n";
    }
    if (plan.left_en_route > 0)
        out << ctx.tr("移動中の {0} 件はそのままです (対応済みを残して組み直すには --replan)\n",
                      "{0} en-route stops left as they are (use --replan to keep served stops "
                      "and replan around them)\n",
                      {std::to_string(plan.left_en_route)});
    auto deliveries = dispatch::delivery_store(*store);
    const auto written = dispatch::write_delivery_plan(*deliveries, plan);
    out << ctx.tr("{0} 行を書き込みました (監査ログに記録)。ルート表: breathline deliveries "
                  "sheet --vehicle van-1 --out van-1.pdf\n",
                  "{0} rows written (audited). Route sheet: breathline deliveries sheet "
                  "--vehicle van-1 --out van-1.pdf\n",
                  {std::to_string(written)});
    return plan.unassigned.empty() ? exit_ok : exit_findings;
}

std::optional<ops::TimePoint> row_time(const dispatch::DeliveryRow& r) {
    const auto& text = r.status == dispatch::DeliveryStatus::done ? r.done_at : r.planned_at;
    return text ? ops::parse_time(*text) : std::nullopt;
}

int deliveries_show(Context& ctx, const Args& args) {
    (void)args;
    const auto now = now_of(ctx);
    auto store = ctx.open_store();
    auto deliveries = dispatch::delivery_store(*store);
    using S = dispatch::DeliveryStatus;
    std::map<std::string, std::vector<dispatch::DeliveryRow>> by_vehicle;
    std::vector<dispatch::DeliveryRow> waiting;
    for (auto& r : deliveries->deliveries_in({S::pending, S::planned, S::en_route, S::done},
                                             drill_scope(*store))) {
        if (r.status == S::pending) {
            waiting.push_back(std::move(r));
            continue;
        }
        const auto t = row_time(r);
        if (r.vehicle.empty() || !t || *t < now - k_shift_memory) continue;
        by_vehicle[r.vehicle].push_back(std::move(r));
    }
    auto& out = *ctx.out;
    out << ctx.tr("配達・回収の計画 ({0} 現在)\n", "deliveries and collections (as of {0})\n",
                  {ops::format_time_jst(now)});
    for (auto& [vehicle, rows] : by_vehicle) {
        std::stable_sort(rows.begin(), rows.end(),
                         [](const auto& a, const auto& b) { return *row_time(a) < *row_time(b); });
        out << vehicle << ctx.tr(": {0} か所\n", ": {0} stops\n", {std::to_string(rows.size())});
        int n = 0;
        for (const auto& r : rows)
            out << "  " << pad(std::to_string(++n), 4) << pad(clock_jst(*row_time(r)), 7)
                << pad(kind_text(ctx, r), 9)
                << pad(ctx.tr("{0} 本", "{0} cyl", {std::to_string(r.cylinders)}), 8)
                << pad(r.registry_number, 13) << pad(town_of(ctx, *store, r.person_id), 20)
                << pad(status_text(ctx, r.status), 10) << "#" << r.id << "\n";
    }
    if (by_vehicle.empty())
        out << ctx.tr("計画済みの停車はありません (breathline deliveries plan)\n",
                      "no planned stops (breathline deliveries plan)\n");
    if (!waiting.empty()) {
        out << ctx.tr("未割当 {0} 件:\n", "not assigned: {0}\n", {std::to_string(waiting.size())});
        for (const auto& r : waiting) {
            std::string why = ctx.tr("まだ計画していません", "not planned yet");
            const std::string prefix = "unassigned:";
            if (r.notes.rfind(prefix, 0) == 0)
                if (const auto reason = dispatch::parse_reason(r.notes.substr(prefix.size())))
                    why = reason_text(ctx, *reason);
            out << "  #" << pad(std::to_string(r.id), 5) << pad(r.registry_number, 13)
                << pad(kind_text(ctx, r), 9) << pad(town_of(ctx, *store, r.person_id), 20) << why
                << "\n";
        }
    }
    return exit_ok;
}

int deliveries_done(Context& ctx, const Args& args) {
    if (args.positional.size() < 2) throw UsageError{ctx.t("err.missing_arg", {"ID"})};
    std::string digits = args.positional[1];
    if (!digits.empty() && digits.front() == '#') digits.erase(0, 1);
    const auto id = static_cast<data::RowId>(parse_count(ctx, "ID", digits));
    const auto at = time_option(ctx, args, "at", now_of(ctx));
    auto store = ctx.open_store();
    auto deliveries = dispatch::delivery_store(*store);
    const auto r = deliveries->mark_done(id, ops::format_time(at));
    *ctx.out << ctx.tr("#{0} ({1} {2}) を {3} に完了として記録しました{4}\n",
                       "#{0} ({1}, {2}) recorded as done at {3}{4}\n",
                       {std::to_string(r.id), kind_text(ctx, r), r.registry_number,
                        ops::format_time_jst(at),
                        r.vehicle.empty() ? ""
                                          : ctx.tr("、{0} (再計画で保持されます)",
                                                   " by {0} (replanning keeps it)", {r.vehicle})});
    return exit_ok;
}

int deliveries_sheet(Context& ctx, const Args& args) {
    const auto vehicle = args.get("vehicle");
    const auto out_path = args.get("out");
    if (!vehicle || vehicle->empty() || !out_path || out_path->empty())
        throw UsageError{ctx.tr("--vehicle 車両名 と --out ファイル.pdf を指定してください",
                                "give --vehicle NAME and --out FILE.pdf")};
    auto store = ctx.open_store();
    data::reports::RouteSheetOptions options;
    options.output = *out_path;
    options.vehicle = *vehicle;
    options.depot = depot_of(ctx, *store, args);
    options.driver_names = args.has("driver-names");
    options.since = now_of(ctx) - k_shift_memory;
    options.drill_incident = drill_scope(*store);
    auto routing = open_routing(ctx, *store, args);
    const auto result = data::reports::write_route_sheet(*store, *routing, options);
    *ctx.out << ctx.tr("ルート表を書き出しました: {0} ({1} ページ、{2})\n",
                       "wrote the route sheet: {0} ({1} pages, {2})\n",
                       {result.path.string(), std::to_string(result.pages),
                        options.driver_names ? ctx.tr("運転者用: 氏名・住所を含む、監査ログに記録",
                                                      "driver's copy: names and addresses, audited")
                                             : ctx.tr("氏名なし・住所は町丁目まで",
                                                      "no names, town-level addresses")});
    return exit_ok;
}

int run_deliveries(Context& ctx, const Args& args) {
    if (args.positional.empty())
        throw UsageError{ctx.t("err.missing_arg", {"plan|show|done|sheet"})};
    const std::string& sub = args.positional.front();
    const std::size_t expected = sub == "done" ? 2 : 1;
    if (args.positional.size() > expected)
        throw UsageError{ctx.t("err.extra_arg", {args.positional[expected]})};
    if (sub == "plan") return deliveries_plan(ctx, args);
    if (sub == "show") return deliveries_show(ctx, args);
    if (sub == "done") return deliveries_done(ctx, args);
    if (sub == "sheet") return deliveries_sheet(ctx, args);
    throw UsageError{
        ctx.tr("deliveries の後には plan, show, done, sheet のどれかを指定します ('{0}' は不可)",
               "deliveries takes plan, show, done or sheet, not '{0}'", {sub})};
}

} // namespace

VerbSpec make_deliveries_verb() {
    return {"deliveries",
            "deliveries plan [--vehicles 2 --capacity 6 --shift-start T --shift-end T --depot "
            "FACILITY|LON,LAT --time-limit S --iterations N --seed N --replan] | show | done ID "
            "[--at T] | sheet --vehicle NAME --out F.pdf [--driver-names]",
            "verb.deliveries",
            {{"vehicles", true, "opt.deliveries.vehicles"},
             {"capacity", true, "opt.deliveries.capacity"},
             {"shift-start", true, "opt.deliveries.shift_start"},
             {"shift-end", true, "opt.deliveries.shift_end"},
             {"depot", true, "opt.deliveries.depot"},
             {"time-limit", true, "opt.deliveries.time_limit"},
             {"iterations", true, "opt.deliveries.iterations"},
             {"seed", true, "opt.deliveries.seed"},
             {"replan", false, "opt.deliveries.replan"},
             {"served-since", true, "opt.deliveries.served_since"},
             {"at", true, "opt.incident.at"},
             {"vehicle", true, "opt.deliveries.vehicle"},
             {"out", true, "opt.transport.out"},
             {"driver-names", false, "opt.deliveries.driver_names"},
             {"profiles", true, "opt.route.profiles"}},
            run_deliveries};
}

} // namespace breathline::cli
