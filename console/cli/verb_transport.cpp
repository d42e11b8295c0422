// `transport request|assign|list|status|call-list`: moving a ventilator user needs a team of at
// least four supporters (Toshima seed III-1-2). A request is made for a person in the active
// incident; `assign` picks the teams of every open request jointly, shortest runway first
// (data/dispatch/team_selection.h), from walking times over the road network; the call list
// is a PDF for the coordinator's phone calls. Registry and supporter numbers only, never
// names, unless --include-personal is given.

#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "console/cli/labels.h"
#include "console/cli/ops_args.h"
#include "console/cli/routing_args.h"
#include "data/dispatch/team_selection.h"
#include "data/dispatch/transport_store.h"
#include "data/drill/drill_store.h"
#include "data/error.h"
#include "data/ops/board.h"
#include "data/ops/destination.h"
#include "data/reports/team_call_list.h"
#include "geo/projection.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <ostream>
#include <set>

namespace breathline::cli {

namespace {

namespace dispatch = data::dispatch;

// Every supporter is timed walking, those who registered a car included: after an earthquake
// roads are blocked and private cars are kept off the emergency routes, and the team carries the
// person by hand (要領). The travel mode stays in the registry for the coordinator's call.
constexpr std::string_view k_profile = "walk";

std::string status_text(const Context& ctx, dispatch::RequestStatus s) {
    using S = dispatch::RequestStatus;
    switch (s) {
    case S::open:
        return ctx.tr("未編成", "open");
    case S::team_assigned:
        return ctx.tr("編成済み", "team assigned");
    case S::in_transit:
        return ctx.tr("搬送中", "in transit");
    case S::arrived:
        return ctx.tr("到着", "arrived");
    case S::cancelled:
        return ctx.tr("取消", "cancelled");
    case S::short_of_supporters:
        return ctx.tr("人員不足", "short of supporters");
    }
    return "?";
}

std::string left_out_text(const Context& ctx, dispatch::LeftOut r) {
    using L = dispatch::LeftOut;
    switch (r) {
    case L::unavailable:
        return ctx.tr("対応時間外", "outside availability");
    case L::unreachable:
        return ctx.tr("道路で到達できない", "no road leads there");
    case L::beyond_limit:
        return ctx.tr("制限時間超過", "beyond the time limit");
    case L::booked:
        return ctx.tr("他の依頼に編成済み", "in another team");
    case L::not_needed:
        return ctx.tr("不要", "not needed");
    }
    return "?";
}

std::string minutes(double s) {
    return std::to_string(std::lround(s / 60.0));
}

std::string runway_text(const Context& ctx, const dispatch::RequestRunway& r) {
    if (r.unknown_deadline) return ctx.tr("残時間不明", "runway unknown");
    if (!r.hours_left) return ctx.tr("期限なし", "no deadline");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", *r.hours_left);
    return ctx.tr("残り {0} 時間", "{0} h left", {buf});
}

double minutes_option(const Context& ctx, const Args& args, const std::string& name,
                      double fallback) {
    const auto text = args.get(name);
    if (!text) return fallback;
    char* end = nullptr;
    const double v = std::strtod(text->c_str(), &end);
    if (text->empty() || *end != '\0' || !(v >= 0) || v > 24 * 60)
        throw UsageError{ctx.tr("--{0} '{1}' は 0〜1440 の分数ではありません",
                                "--{0} '{1}' is not a number of minutes (0 to 1440)",
                                {name, *text})};
    return v;
}

data::RowId request_id_option(const Context& ctx, const Args& args) {
    const auto text = args.get("request");
    if (!text)
        throw UsageError{ctx.tr("--request 依頼番号 を指定してください", "give --request ID")};
    std::string digits = *text;
    if (!digits.empty() && digits.front() == '#') digits.erase(0, 1);
    return static_cast<data::RowId>(parse_count(ctx, "request", digits));
}

int transport_request(Context& ctx, const Args& args) {
    const auto person_id = args.get("person");
    if (!person_id || person_id->empty())
        throw UsageError{ctx.tr("--person 登録番号 を指定してください", "give --person ID")};
    auto store = ctx.open_store();
    const data::Incident incident = incident_for(ctx, *store, args);
    const auto person = store->registry().person_by_external_id(*person_id);
    if (!person) {
        *ctx.err << ctx.tr("登録者 '{0}' は見つかりません\n", "no person '{0}'\n", {*person_id});
        return exit_findings;
    }
    auto transport = dispatch::transport_store(*store);
    for (const auto& r : transport->requests(incident.id))
        if (r.person_id == person->id && r.status != dispatch::RequestStatus::arrived &&
            r.status != dispatch::RequestStatus::cancelled) {
            *ctx.err << ctx.tr(
                "登録者 {0} には移送依頼 #{1} ({2}) があります\n",
                "person {0} already has transport request #{1} ({2})\n",
                {person->external_id, std::to_string(r.id), status_text(ctx, r.status)});
            return exit_bad_input;
        }
    dispatch::TransportRequest r;
    r.incident_id = incident.id;
    r.person_id = person->id;
    r.requested_at = data::ops::format_time(now_of(ctx));
    std::string destination;
    if (auto d = args.get("destination")) {
        const auto f = store->facilities().facility_by_external_id(*d);
        if (!f) {
            *ctx.err << ctx.tr("施設 '{0}' は見つかりません\n", "no facility '{0}'\n", {*d});
            return exit_findings;
        }
        r.destination_facility_id = f->id;
        destination = f->external_id;
    } else if (const auto decision = data::ops::decision_store(*store)->latest(person->id)) {
        // The coordinator's decided destination (recommend --confirm/--override).
        r.destination_facility_id = decision->chosen_facility_id;
        if (const auto f = store->facilities().facility(decision->chosen_facility_id))
            destination = f->external_id;
    }
    const auto id = transport->create_request(r);
    *ctx.out << ctx.tr("移送依頼 #{0} を登録しました: 登録者 {1} (災害 {2}){3}\n",
                       "transport request #{0} created: person {1} (incident {2}){3}\n",
                       {std::to_string(id), person->external_id, std::to_string(incident.id),
                        destination.empty() ? ctx.tr("、搬送先未定", ", no destination yet")
                                            : ctx.tr("、搬送先 {0}", " to {0}", {destination})});
    *ctx.out << ctx.tr("支援者の編成: breathline transport assign\n",
                       "pick the team: breathline transport assign\n");
    return exit_ok;
}

// A GeoJSON FeatureCollection of the team's walking routes (supporter home → person's home).
struct RouteFeature {
    data::RowId request_id = 0;
    std::string person;
    std::string supporter;
    double eta_s = 0;
    bool linked = false;
    std::vector<geo::LonLat> line;
};

std::string routes_geojson(const std::vector<RouteFeature>& routes) {
    std::string s = "{\"type\":\"FeatureCollection\",\"features\":[";
    for (std::size_t i = 0; i < routes.size(); ++i) {
        const auto& r = routes[i];
        if (i) s += ",";
        s +=
            "{\"type\":\"Feature\",\"properties\":{\"request\":" + std::to_string(r.request_id) +
            ",\"person\":" + json_string(r.person) + ",\"supporter\":" + json_string(r.supporter) +
            ",\"eta_s\":" + std::to_string(r.eta_s) +
            ",\"linked\":" + (r.linked ? "true" : "false") +
            "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":" + geojson_positions(r.line) +
            "}}";
    }
    return s + "]}\n";
}

int transport_assign(Context& ctx, const Args& args) {
    if (args.has("request") && args.has("all"))
        throw UsageError{ctx.tr("--request と --all は同時に指定できません",
                                "--request and --all exclude each other")};
    dispatch::TeamOptions options;
    if (auto t = args.get("team-size")) {
        options.team_size = static_cast<int>(parse_count(ctx, "team-size", *t));
        if (options.team_size > 20)
            throw UsageError{ctx.tr("--team-size は 1〜20 です", "--team-size takes 1 to 20")};
    }
    options.time_limit_s = 60.0 * minutes_option(ctx, args, "limit-min", 30);
    options.linked_bonus_s = 60.0 * minutes_option(ctx, args, "linked-bonus-min", 5);
    const auto now = now_of(ctx);

    auto store = ctx.open_store();
    const data::Incident incident = incident_for(ctx, *store, args);
    auto transport = dispatch::transport_store(*store);

    // The requests to (re)assign: one, or every open or short one of the incident.
    std::vector<dispatch::TransportRequest> todo;
    if (args.has("request")) {
        const auto r = transport->request(request_id_option(ctx, args));
        if (!r) {
            *ctx.err << ctx.tr("移送依頼 #{0} はありません\n", "no transport request #{0}\n",
                               {*args.get("request")});
            return exit_findings;
        }
        if (r->status == dispatch::RequestStatus::arrived ||
            r->status == dispatch::RequestStatus::cancelled) {
            *ctx.err << ctx.tr("移送依頼 #{0} は {1} です\n", "transport request #{0} is {1}\n",
                               {std::to_string(r->id), status_text(ctx, r->status)});
            return exit_bad_input;
        }
        todo.push_back(*r);
    } else {
        for (const auto& r : transport->requests(incident.id))
            if (r.status == dispatch::RequestStatus::open ||
                r.status == dispatch::RequestStatus::short_of_supporters)
                todo.push_back(r);
    }
    if (todo.empty()) {
        *ctx.out << ctx.tr("編成する移送依頼はありません (transport request で登録)\n",
                           "no transport request to assign (create one with transport request)\n");
        return exit_ok;
    }

    // Runways from the board of the incident the requests belong to.
    const data::RowId board_incident = todo.front().incident_id;
    const auto board = data::ops::evaluate_board(
        persons_at_home(*store), store->incidents().latest_checks(board_incident),
        store->incidents().outage_areas(board_incident), now);
    std::map<data::RowId, dispatch::RequestRunway> runway;
    for (const auto& row : board.rows)
        runway[row.person_id] = {row.hours_left, row.unknown_deadline};

    // Supporters: active ones with a home that a walking route can start from.
    auto routing = open_routing(ctx, *store, args);
    struct Source {
        data::Supporter supporter;
        bool available = true;
    };
    std::vector<Source> snapped;
    std::vector<data::Supporter> unplaced;
    // In a drill, supporters the scenario took out (ill, unreachable) cannot come.
    std::set<data::RowId> drill_unavailable;
    if (incident.is_drill)
        for (auto id : data::drill::drill_store(*store)->unavailable_supporters(incident.id))
            drill_unavailable.insert(id);
    for (const auto& s : store->registry().supporters()) {
        if (!s.active) continue;
        if (s.location && routing->snap(*s.location, k_profile).ok())
            snapped.push_back(
                {s, !drill_unavailable.count(s.id) &&
                        dispatch::available_at(dispatch::parse_availability(s.availability), now)});
        else
            unplaced.push_back(s);
    }
    std::vector<data::RoutePoint> sources;
    for (const auto& s : snapped)
        sources.push_back({*s.supporter.location, "supporter " + s.supporter.external_id});

    std::map<data::RowId, data::Person> persons;
    std::vector<data::RoutePoint> targets;
    std::vector<std::size_t> target_of(todo.size(), SIZE_MAX);
    for (std::size_t i = 0; i < todo.size(); ++i) {
        const auto p = store->registry().person(todo[i].person_id);
        if (!p) continue;
        persons[p->id] = *p;
        if (p->location && routing->snap(*p->location, k_profile).ok()) {
            target_of[i] = targets.size();
            targets.push_back({*p->location, "person " + p->external_id});
        }
    }
    std::vector<geo::road::Weight> times;
    if (!sources.empty() && !targets.empty()) {
        const auto m = routing->matrix(sources, targets, k_profile);
        if (!m.ok()) return report_snap_failure(ctx, m.failure());
        times = m.value().time_ms;
    }

    // The teams being reassigned give their members back first; the rest stay booked.
    std::set<data::RowId> reassigned;
    for (const auto& r : todo)
        for (const auto& m : transport->members(r.id))
            reassigned.insert(m.supporter_id);
    std::vector<data::RowId> booked;
    // Bookings of the requests' own world: a drill's teams never block real ones and back.
    for (auto id : transport->booked_supporters(todo.front().id))
        if (!reassigned.count(id)) booked.push_back(id);

    const geo::road::Profile& walk = routing->profile(k_profile);
    std::vector<dispatch::TeamRequest> requests;
    for (std::size_t i = 0; i < todo.size(); ++i) {
        dispatch::TeamRequest q;
        q.request_id = todo[i].id;
        const auto rw = runway.find(todo[i].person_id);
        if (rw != runway.end()) q.runway = rw->second;
        std::map<data::RowId, data::SupporterLink> links;
        for (const auto& l : store->registry().supporter_links(todo[i].person_id))
            links[l.supporter_id] = l;
        for (std::size_t j = 0; j < snapped.size(); ++j) {
            dispatch::Candidate c;
            c.supporter_id = snapped[j].supporter.id;
            c.available = snapped[j].available;
            const auto link = links.find(c.supporter_id);
            c.linked = link != links.end();
            c.link_priority = c.linked ? link->second.priority : 0;
            if (target_of[i] != SIZE_MAX) {
                const auto w = times[j * targets.size() + target_of[i]];
                if (w != geo::road::infinite_weight) c.travel_s = static_cast<double>(w) / 1000.0;
                // A neighbour walks straight over: the engine's access legs are themselves
                // straight-line guesses, and on a network of arterials only (the demo's) two
                // homes 30 m apart would otherwise be routed via a road a kilometre away and
                // back. Within the profile's approximate_leg_m the direct walk (straight line
                // x detour factor at access speed) is trusted as the engine trusts a leg.
                const auto& home = *persons.at(todo[i].person_id).location;
                const double d = geo::geodesic_distance_m(*snapped[j].supporter.location, home);
                if (d <= walk.approximate_leg_m) {
                    const double direct = d * walk.detour_factor / (walk.access_speed_kmh / 3.6);
                    c.travel_s = c.travel_s ? std::min(*c.travel_s, direct) : direct;
                }
            }
            q.candidates.push_back(c);
        }
        // Linked supporters without a usable home are candidates that cannot come: listed as
        // missing, never silently dropped.
        for (const auto& s : unplaced)
            if (links.count(s.id)) q.candidates.push_back({s.id, std::nullopt, true, 0, true});
        requests.push_back(std::move(q));
    }
    const auto assignments = dispatch::assign_teams(requests, booked, options);

    std::map<data::RowId, data::Supporter> supporter_by_id;
    for (const auto& s : store->registry().supporters())
        supporter_by_id[s.id] = s;
    std::map<data::RowId, const dispatch::TransportRequest*> request_by_id;
    for (const auto& r : todo)
        request_by_id[r.id] = &r;

    // Write every team in one unit of work: all teams or none.
    {
        auto work = store->begin();
        for (const auto& r : todo)
            if (r.status != dispatch::RequestStatus::open)
                transport->set_status(r.id, dispatch::RequestStatus::open);
        for (const auto& a : assignments) {
            std::vector<dispatch::TeamMemberRecord> members;
            for (const auto& m : a.team.members)
                members.push_back(
                    {a.request_id, m.supporter_id, m.eta_s, dispatch::MemberStatus::called});
            transport->assign_team(a.request_id, members, a.team.missing,
                                   data::ops::format_time(now));
        }
        work->commit();
    }

    auto& out = *ctx.out;
    out << ctx.tr("移送チームの編成 (災害 {0}、{1}、{2} 名/チーム、制限 {3} 分、徒歩)\n",
                  "transport teams (incident {0}, {1}, {2} per team, limit {3} min, walking)\n",
                  {std::to_string(board_incident), data::ops::format_time_jst(now),
                   std::to_string(options.team_size), minutes(options.time_limit_s)});
    int short_count = 0;
    std::vector<RouteFeature> routes;
    const auto geojson = args.get("geojson");
    for (const auto& a : assignments) {
        const auto& r = *request_by_id.at(a.request_id);
        const auto& p = persons.at(r.person_id);
        out << ctx.tr("#{0} 登録者 {1} ({2}): ", "#{0} person {1} ({2}): ",
                      {std::to_string(a.request_id), p.external_id, runway_text(ctx, a.runway)});
        if (a.team.complete())
            out << ctx.tr(
                "{0} 名編成、{1} 分で全員到着\n", "team of {0}, all there in {1} min\n",
                {std::to_string(a.team.members.size()), minutes(*a.team.last_arrival_s())});
        else {
            ++short_count;
            out << ctx.tr("人員不足: {0} 名編成、あと {1} 名必要\n",
                          "SHORT: {0} found, {1} missing\n",
                          {std::to_string(a.team.members.size()), std::to_string(a.team.missing)});
            if (target_of[static_cast<std::size_t>(&r - todo.data())] == SIZE_MAX)
                out << ctx.tr("  自宅の位置が未登録か道路から遠いため、所要時間を計算できません\n",
                              "  the home has no location or no road near it: no walking "
                              "times\n");
        }
        for (const auto& m : a.team.members) {
            const auto& s = supporter_by_id.at(m.supporter_id);
            out << "  " << pad(s.external_id, 13) << pad(supporter_kind_text(ctx, s.kind), 12)
                << ctx.tr("{0} 分", "{0} min", {minutes(m.eta_s)})
                << (m.linked ? ctx.tr("  割当済み支援者", "  linked") : "") << "\n";
            if (geojson && p.location && s.location) {
                const auto route =
                    routing->route({*s.location, "supporter " + s.external_id},
                                   {*p.location, "person " + p.external_id}, k_profile);
                if (route.ok() && route.value().reachable)
                    routes.push_back({a.request_id, p.external_id, s.external_id, m.eta_s, m.linked,
                                      route.value().geometry});
            }
        }
        if (!a.team.complete()) {
            // Who is missing: the linked supporters who cannot come, and why.
            for (const auto& l : a.team.left_out)
                if (l.linked && l.reason != dispatch::LeftOut::not_needed)
                    out << ctx.tr("  来られない割当済み支援者 {0}: {1}\n",
                                  "  linked supporter {0} cannot come: {1}\n",
                                  {supporter_by_id.at(l.supporter_id).external_id,
                                   left_out_text(ctx, l.reason)});
        }
    }
    if (geojson) {
        write_text_file(*geojson, routes_geojson(routes));
        out << ctx.tr("経路を {0} に書き出しました (地図にレイヤーとして追加できます)\n",
                      "routes written to {0} (add it to the map as a layer)\n", {*geojson});
    }
    if (short_count > 0)
        out << ctx.tr("{0} 件の依頼が人員不足です: 区職員・消防等に応援を依頼してください\n",
                      "{0} requests are short of supporters: ask ward staff or the fire "
                      "brigade for help\n",
                      {std::to_string(short_count)});
    return short_count > 0 ? exit_findings : exit_ok;
}

int transport_list(Context& ctx, const Args& args) {
    auto store = ctx.open_store();
    const bool personal = ctx.shows_personal(args); // masked for roles without see_personal
    const data::Incident incident = incident_for(ctx, *store, args);
    auto transport = dispatch::transport_store(*store);
    const auto requests = transport->requests(incident.id);
    auto& out = *ctx.out;
    out << ctx.tr("災害 {0} の移送依頼\n", "transport requests of incident {0}\n",
                  {std::to_string(incident.id)});
    out << pad(ctx.tr("依頼", "request"), 8) << pad(ctx.tr("登録番号", "registry no"), 13)
        << pad(ctx.tr("状態", "status"), 22) << pad(ctx.tr("人数", "team"), 7)
        << pad(ctx.tr("全員到着", "all there"), 11) << ctx.tr("搬送先", "destination") << "\n";
    for (const auto& r : requests) {
        const auto p = store->registry().person(r.person_id);
        const auto members = transport->members(r.id);
        double last = 0;
        for (const auto& m : members)
            last = std::max(last, m.eta_s.value_or(0));
        std::string destination = "-";
        if (r.destination_facility_id)
            if (const auto f = store->facilities().facility(*r.destination_facility_id))
                destination = f->external_id;
        out << pad("#" + std::to_string(r.id), 8) << pad(p ? p->external_id : "?", 13)
            << pad(status_text(ctx, r.status), 22)
            << pad(std::to_string(members.size()) + "/" +
                       std::to_string(data::k_supporters_needed_for_transport),
                   7)
            << pad(members.empty() ? "-" : ctx.tr("{0} 分", "{0} min", {minutes(last)}), 11)
            << destination << "\n";
        for (const auto& m : members) {
            const auto s = store->registry().supporter(m.supporter_id);
            if (!s) continue;
            out << "    " << pad(s->external_id, 13)
                << pad(personal ? s->name : "", personal ? 20 : 0)
                << pad(supporter_kind_text(ctx, s->kind), 12)
                << (m.eta_s ? ctx.tr("{0} 分", "{0} min", {minutes(*m.eta_s)}) : "-") << "  "
                << std::string(dispatch::to_db(m.status)) << "\n";
        }
    }
    out << ctx.tr("{0} 件\n", "{0} requests\n", {std::to_string(requests.size())});
    return exit_ok;
}

int transport_status(Context& ctx, const Args& args) {
    const auto id = request_id_option(ctx, args);
    if (args.positional.size() < 2)
        throw UsageError{ctx.t("err.missing_arg", {"in_transit|arrived|cancelled"})};
    const auto status = dispatch::parse_request_status(args.positional[1]);
    if (!status || *status == dispatch::RequestStatus::team_assigned ||
        *status == dispatch::RequestStatus::short_of_supporters)
        throw UsageError{
            ctx.tr("状態は open / in_transit / arrived / cancelled です ('{0}' は不可; "
                   "編成は transport assign)",
                   "status takes open, in_transit, arrived or cancelled, not '{0}' "
                   "(teams come from transport assign)",
                   {args.positional[1]})};
    auto store = ctx.open_store();
    auto transport = dispatch::transport_store(*store);
    if (!transport->set_status(id, *status)) {
        *ctx.err << ctx.tr("移送依頼 #{0} はありません\n", "no transport request #{0}\n",
                           {std::to_string(id)});
        return exit_findings;
    }
    *ctx.out << ctx.tr("移送依頼 #{0}: {1}\n", "transport request #{0}: {1}\n",
                       {std::to_string(id), status_text(ctx, *status)});
    return exit_ok;
}

int transport_call_list(Context& ctx, const Args& args) {
    const auto id = request_id_option(ctx, args);
    const auto out_path = args.get("out");
    if (!out_path || out_path->empty())
        throw UsageError{ctx.tr("--out ファイル.pdf を指定してください", "give --out FILE.pdf")};
    data::reports::CallListOptions options;
    options.output = *out_path;
    options.include_personal = args.has("include-personal");
    auto store = ctx.open_store();
    const auto result = data::reports::write_team_call_list(*store, id, options);
    *ctx.out << ctx.tr(
        "呼出しリストを書き出しました: {0} ({1} ページ、{2})\n",
        "wrote the call list: {0} ({1} pages, {2})\n",
        {result.path.string(), std::to_string(result.pages),
         options.include_personal
             ? ctx.tr("個人情報を含む、監査ログに記録", "personal data included, audited")
             : ctx.tr("氏名なし・電話番号マスク", "no names, phones masked")});
    return exit_ok;
}

int run_transport(Context& ctx, const Args& args) {
    if (args.positional.empty())
        throw UsageError{ctx.t("err.missing_arg", {"request|assign|list|status|call-list"})};
    const std::string& sub = args.positional.front();
    if (sub != "status" && args.positional.size() > 1)
        throw UsageError{ctx.t("err.extra_arg", {args.positional[1]})};
    if (sub == "request") return transport_request(ctx, args);
    if (sub == "assign") return transport_assign(ctx, args);
    if (sub == "list") return transport_list(ctx, args);
    if (sub == "status") return transport_status(ctx, args);
    if (sub == "call-list") return transport_call_list(ctx, args);
    throw UsageError{ctx.t("err.extra_arg", {sub})};
}

} // namespace

VerbSpec make_transport_verb() {
    return {"transport",
            "transport request --person ID [--destination FACILITY] | transport assign "
            "[--request ID | --all] [--team-size 4] [--limit-min 30] [--geojson F] | transport "
            "list | transport status --request ID open|in_transit|arrived|cancelled | transport "
            "call-list --request ID --out F.pdf [--include-personal]",
            "verb.transport",
            {{"person", true, "opt.transport.person"},
             {"destination", true, "opt.transport.destination"},
             {"incident", true, "opt.transport.incident"},
             {"request", true, "opt.transport.request"},
             {"all", false, "opt.transport.all"},
             {"team-size", true, "opt.transport.team_size"},
             {"limit-min", true, "opt.transport.limit_min"},
             {"linked-bonus-min", true, "opt.transport.linked_bonus_min"},
             {"geojson", true, "opt.transport.geojson"},
             {"profiles", true, "opt.route.profiles"},
             {"out", true, "opt.transport.out"},
             {"include-personal", false, "opt.include_personal"}},
            run_transport};
}

} // namespace breathline::cli
