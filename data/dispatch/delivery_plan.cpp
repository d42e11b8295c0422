#include "data/dispatch/delivery_plan.h"

#include "data/error.h"
#include "data/ops/board.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace breathline::data::dispatch {

namespace {

namespace vrp = geo::vrp;
using ops::TimePoint;

constexpr std::string_view k_depot_name = "池袋保健所";

double seconds_between(TimePoint from, TimePoint to) {
    return static_cast<double>((to - from).count());
}

TimePoint at_offset(TimePoint origin, double seconds) {
    return origin + std::chrono::seconds(std::llround(seconds));
}

std::string hours_text(double h) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", h);
    return buf;
}

std::string km_text(double m) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f km", m / 1000.0);
    return buf;
}

// The time a served row was (or, en route, will be) at the door.
std::optional<TimePoint> served_time(const DeliveryRow& r) {
    const auto& text = r.status == DeliveryStatus::done ? r.done_at : r.planned_at;
    return text ? ops::parse_time(*text) : std::nullopt;
}

// Why a home has no usable location, kept for the unassigned message.
struct HomeProblem {
    bool no_location = false;
    double road_distance_m = 0;
    double limit_m = 0;
};

// Which runway gave a delivery its deadline.
struct DeadlineSource {
    bool oxygen = true;
    double hours = 0;
};

} // namespace

std::string vehicle_name(std::size_t index) {
    return "van-" + std::to_string(index + 1);
}

std::string_view reason_name(vrp::UnassignedReason r) {
    return vrp::to_string(r);
}

std::string_view reason_ja(vrp::UnassignedReason r) {
    switch (r) {
    case vrp::UnassignedReason::capacity:
        return "積載量不足";
    case vrp::UnassignedReason::deadline:
        return "期限に間に合わない";
    case vrp::UnassignedReason::unreachable:
        return "道路で到達できない";
    case vrp::UnassignedReason::time_window:
        return "勤務時間内に収まらない";
    }
    return "?";
}

std::optional<vrp::UnassignedReason> parse_reason(std::string_view s) {
    for (auto r : {vrp::UnassignedReason::capacity, vrp::UnassignedReason::deadline,
                   vrp::UnassignedReason::unreachable, vrp::UnassignedReason::time_window})
        if (reason_name(r) == s) return r;
    return std::nullopt;
}

std::optional<Depot> default_depot(Store& store) {
    FacilityFilter filter;
    filter.kind = FacilityKind::health_centre;
    for (const auto& f : store.facilities().facilities(filter))
        if (f.name.find(k_depot_name) != std::string::npos && f.location)
            return Depot{*f.location, "facility " + f.external_id + " (" + f.name + ")"};
    return std::nullopt;
}

DeliveryPlan plan_deliveries(Store& store, RoutingService& routing,
                             const DeliveryPlanOptions& options) {
    if (options.vehicles < 1) throw std::invalid_argument("at least one vehicle is needed");
    if (options.capacity < 0) throw std::invalid_argument("capacity must be 0 or more");
    const TimePoint origin = options.now;
    const TimePoint shift_start = options.shift_start.value_or(origin);
    const TimePoint shift_end = options.shift_end.value_or(origin + std::chrono::hours(8));
    if (shift_end <= shift_start) throw std::invalid_argument("the shift must end after it starts");

    DeliveryPlan plan;
    plan.origin = origin;
    auto deliveries = delivery_store(store);
    std::vector<DeliveryRow> open = deliveries->deliveries_in(
        {DeliveryStatus::pending, DeliveryStatus::planned}, options.drill_incident);
    std::vector<DeliveryRow> served;
    const auto under_way = deliveries->deliveries_in(
        {DeliveryStatus::done, DeliveryStatus::en_route}, options.drill_incident);
    const TimePoint since = options.served_since.value_or(origin - std::chrono::hours(12));
    for (const auto& r : under_way) {
        if (!options.replan) {
            plan.left_en_route += r.status == DeliveryStatus::en_route;
            continue;
        }
        const auto t = served_time(r);
        // A row served without a van (loan advanced to ⑦ by hand) is not part of any route.
        if (r.vehicle.empty() || !t || *t < since) continue;
        served.push_back(r);
    }

    // Runways of the active incident's board (the same evaluation as `breathline board`).
    std::map<RowId, ops::BoardRow> board;
    std::optional<Incident> incident;
    if (options.drill_incident)
        incident = store.incidents().incident(*options.drill_incident);
    else if (auto active = store.incidents().active_incident(); active && !active->is_drill)
        incident = std::move(active); // a drill's board never sets real deadlines
    if (incident) {
        plan.incident_id = incident->id;
        PersonFilter at_home;
        at_home.status = PersonStatus::active;
        const auto b = ops::evaluate_board(store.registry().persons(at_home),
                                           store.incidents().latest_checks(incident->id),
                                           store.incidents().outage_areas(incident->id), origin);
        for (const auto& row : b.rows)
            board[row.person_id] = row;
    }

    // Locations: the depot, then one per person's home in row order.
    const auto depot_snap = routing.snap(options.depot.position, options.profile);
    if (!depot_snap.ok())
        throw DataError(ErrorCode::invalid_input, "depot " + options.depot.label + ": " +
                                                      depot_snap.error().message() +
                                                      "; give --depot LON,LAT on a road");
    plan.locations.push_back(options.depot.position);
    std::vector<RoutePoint> points{{options.depot.position, "depot " + options.depot.label}};
    std::vector<std::size_t> point_of_location{0}; // location → index in points, or SIZE_MAX
    std::map<RowId, vrp::LocationIndex> location_of_person;
    std::map<RowId, HomeProblem> home_problems;
    auto add_home = [&](const DeliveryRow& r) {
        if (location_of_person.count(r.person_id)) return;
        const auto person = store.registry().person(r.person_id);
        const auto index = static_cast<vrp::LocationIndex>(plan.locations.size());
        location_of_person[r.person_id] = index;
        if (!person || !person->location) {
            plan.locations.push_back(options.depot.position);
            point_of_location.push_back(SIZE_MAX);
            home_problems[r.person_id] = {true, 0, 0};
            return;
        }
        plan.locations.push_back(*person->location);
        const auto snap = routing.snap(*person->location, options.profile);
        if (!snap.ok()) {
            point_of_location.push_back(SIZE_MAX);
            home_problems[r.person_id] = {false, snap.error().distance_m, snap.error().limit_m};
            return;
        }
        point_of_location.push_back(points.size());
        points.push_back({*person->location, "person " + r.registry_number});
    };
    for (const auto& r : open)
        add_home(r);
    for (const auto& r : served)
        add_home(r);

    // The matrix in seconds; a home that could not be placed on a road keeps no_road.
    const std::size_t n = plan.locations.size();
    plan.problem.matrix = vrp::Matrix(n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            plan.problem.matrix.at(i, j) = i == j ? 0.0 : vrp::no_road;
    {
        const auto m = routing.matrix(points, points, options.profile);
        if (!m.ok())
            throw DataError(ErrorCode::invalid_input,
                            m.failure().label + ": " + m.failure().error.message());
        const auto& times = m.value();
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) {
                const std::size_t a = point_of_location[i], b = point_of_location[j];
                if (i == j || a == SIZE_MAX || b == SIZE_MAX) continue;
                const auto w = times.at(a, b);
                if (w != geo::road::infinite_weight)
                    plan.problem.matrix.at(i, j) = static_cast<double>(w) / 1000.0;
            }
    }

    // Jobs: the rows to plan, then the served ones (their place in the routes is fixed).
    std::map<vrp::JobIndex, DeadlineSource> deadline_source;
    auto add_job = [&](const DeliveryRow& r) {
        vrp::Job job;
        job.location = location_of_person.at(r.person_id);
        job.kind = r.collection ? vrp::JobKind::pickup : vrp::JobKind::delivery;
        job.amount = std::max(0, r.cylinders);
        job.service = std::max(0, r.service_s);
        job.priority = std::max(0, r.priority);
        const auto due = r.due_by ? ops::parse_time(*r.due_by) : std::nullopt;
        const auto index = static_cast<vrp::JobIndex>(plan.problem.jobs.size());
        if (r.collection) {
            // Therapy ends then: the equipment is still in use before it.
            if (due) job.ready = seconds_between(origin, *due);
        } else {
            const auto b = board.find(r.person_id);
            if (b != board.end()) {
                const auto& oxygen = b->second.oxygen;
                const auto& power = b->second.power;
                std::optional<DeadlineSource> src;
                if (oxygen.state == ops::RunwayState::known && oxygen.hours)
                    src = DeadlineSource{true, *oxygen.hours};
                else if (power.state == ops::RunwayState::known && power.hours)
                    src = DeadlineSource{false, *power.hours};
                if (src) {
                    job.deadline = src->hours * 3600.0;
                    deadline_source[index] = *src;
                    ++plan.runway_deadlines;
                }
            }
            if (due) job.deadline = std::min(job.deadline, seconds_between(origin, *due));
        }
        plan.problem.jobs.push_back(job);
        plan.jobs.push_back(r);
    };
    for (const auto& r : open)
        add_job(r);
    const std::size_t first_served = plan.jobs.size();
    for (const auto& r : served)
        add_job(r);

    // Vans: van-1..van-N, plus any van that served a stop in this shift under another name.
    for (int i = 0; i < options.vehicles; ++i)
        plan.vehicle_names.push_back(vehicle_name(static_cast<std::size_t>(i)));
    for (const auto& r : served)
        if (std::find(plan.vehicle_names.begin(), plan.vehicle_names.end(), r.vehicle) ==
            plan.vehicle_names.end())
            plan.vehicle_names.push_back(r.vehicle);
    plan.routes.resize(plan.vehicle_names.size());
    for (std::size_t v = 0; v < plan.vehicle_names.size(); ++v) {
        vrp::Vehicle van;
        van.start = van.end = 0;
        van.capacity = options.capacity;
        van.shift_start = seconds_between(origin, shift_start);
        van.shift_end = seconds_between(origin, shift_end);
        std::vector<vrp::JobIndex> mine;
        for (std::size_t j = first_served; j < plan.jobs.size(); ++j)
            if (plan.jobs[j].vehicle == plan.vehicle_names[v])
                mine.push_back(static_cast<vrp::JobIndex>(j));
        std::stable_sort(mine.begin(), mine.end(), [&](vrp::JobIndex a, vrp::JobIndex b) {
            return *served_time(plan.jobs[a]) < *served_time(plan.jobs[b]);
        });
        if (!mine.empty()) {
            vrp::ServedPrefix prefix;
            for (const auto j : mine) {
                prefix.jobs.push_back(j);
                prefix.service_starts.push_back(
                    seconds_between(origin, *served_time(plan.jobs[j])));
            }
            const auto& last = plan.problem.jobs[mine.back()];
            prefix.current_location = last.location;
            prefix.current_time = std::max(0.0, prefix.service_starts.back() + last.service);
            // The van left the depot before its first served stop.
            const auto& first = plan.problem.jobs[mine.front()];
            const double leg = plan.problem.matrix.at(0, first.location);
            van.shift_start = std::min(van.shift_start, prefix.service_starts.front() -
                                                            (leg == vrp::no_road ? 0.0 : leg));
            const auto at = at_offset(origin, prefix.current_time);
            const std::string& who = plan.jobs[mine.back()].registry_number;
            plan.routes[v].position_note_en =
                std::to_string(mine.size()) + " stop(s) served; taken to be at the home of " + who +
                " (last served stop), free to leave " + ops::format_time_jst(at);
            plan.routes[v].position_note_ja =
                std::to_string(mine.size()) + " 件 対応済み。最後の対応先 (" + who +
                " 宅) にいるものとし、" + ops::format_time_jst(at) + " から移動可";
            van.served = std::move(prefix);
        }
        plan.problem.vehicles.push_back(van);
    }

    plan.solution = vrp::solve(plan.problem, options.solver);

    for (const auto& route : plan.solution.routes) {
        VehicleRoute& out = plan.routes[route.vehicle];
        out.name = plan.vehicle_names[route.vehicle];
        out.departure = at_offset(origin, route.departure);
        out.back_at_depot = at_offset(origin, route.arrival);
        for (const auto& s : route.stops) {
            PlannedStop stop;
            stop.row = plan.jobs[s.job];
            stop.job = s.job;
            stop.start = at_offset(origin, s.start);
            stop.arrival = at_offset(origin, s.arrival);
            stop.position = plan.locations[plan.problem.jobs[s.job].location];
            stop.load_after = static_cast<int>(s.load);
            stop.served = s.served;
            out.stops.push_back(std::move(stop));
        }
    }
    for (std::size_t v = 0; v < plan.routes.size(); ++v)
        if (plan.routes[v].name.empty()) plan.routes[v].name = plan.vehicle_names[v];

    // The reasons, with the figures a coordinator needs to act on them.
    const double earliest_out = seconds_between(origin, shift_start);
    for (const auto& u : plan.solution.unassigned) {
        UnassignedDelivery d;
        d.row = plan.jobs[u.job];
        d.reason = u.reason;
        const auto& job = plan.problem.jobs[u.job];
        const std::string& who = d.row.registry_number;
        switch (u.reason) {
        case vrp::UnassignedReason::unreachable: {
            const auto hp = home_problems.find(d.row.person_id);
            if (hp != home_problems.end() && hp->second.no_location) {
                d.detail_en = "the home of " + who +
                              " has no location (place it with "
                              "`breathline set person " +
                              who + " lon=... lat=...`)";
                d.detail_ja = who + " の自宅の位置が未登録です (breathline set person " + who +
                              " lon=... lat=... で配置)";
            } else if (hp != home_problems.end()) {
                d.detail_en = "the home of " + who + " is " + km_text(hp->second.road_distance_m) +
                              " from the nearest road (limit " + km_text(hp->second.limit_m) + ")";
                d.detail_ja = who + " の自宅は最寄りの道路から " +
                              km_text(hp->second.road_distance_m) + " (上限 " +
                              km_text(hp->second.limit_m) + ")";
            } else {
                d.detail_en = "no open road leads from the depot to the home of " + who +
                              " and back (closures?)";
                d.detail_ja = "拠点から " + who + " 宅への通行可能な道路がありません (通行止め?)";
            }
            break;
        }
        case vrp::UnassignedReason::deadline: {
            const double leg = plan.problem.matrix.at(0, job.location);
            const auto ends = at_offset(origin, job.deadline);
            const auto src = deadline_source.find(u.job);
            const bool oxygen = src == deadline_source.end() || src->second.oxygen;
            const std::string h =
                src == deadline_source.end() ? "" : " (" + hours_text(src->second.hours) + " h)";
            const std::string there =
                leg == vrp::no_road ? "-"
                                    : ops::format_time_jst(at_offset(origin, earliest_out + leg));
            d.detail_en = std::string(oxygen ? "oxygen" : "power") + " of " + who + " runs out " +
                          ops::format_time_jst(ends) + h + "; the earliest a van can be there is " +
                          there;
            d.detail_ja = who + " の" + (oxygen ? "酸素" : "電源") + "は " +
                          ops::format_time_jst(ends) + h + " に尽きます。車両の最短到着は " + there;
            break;
        }
        case vrp::UnassignedReason::capacity:
            if (job.amount > options.capacity) {
                d.detail_en = "needs " + std::to_string(job.amount) + " cylinders; a van carries " +
                              std::to_string(options.capacity);
                d.detail_ja = "ボンベ " + std::to_string(job.amount) + " 本が必要、車両の積載は " +
                              std::to_string(options.capacity) + " 本";
            } else {
                d.detail_en = "every van is full (" + std::to_string(options.capacity) +
                              " cylinders each): add a van or a second round";
                d.detail_ja = "全車両が満載 (各 " + std::to_string(options.capacity) +
                              " 本): 車両を増やすか二便目を";
            }
            break;
        case vrp::UnassignedReason::time_window: {
            const std::string end = ops::format_time_jst(shift_end);
            if (d.row.collection && d.row.due_by) {
                d.detail_en = "therapy ends " + ops::format_time_jst(at_offset(origin, job.ready)) +
                              "; it does not fit before the shift ends " + end;
                d.detail_ja = "療法終了 " + ops::format_time_jst(at_offset(origin, job.ready)) +
                              "。勤務終了 " + end + " までに収まりません";
            } else {
                d.detail_en = "does not fit before the shift ends " + end;
                d.detail_ja = "勤務終了 " + end + " までに収まりません";
            }
            break;
        }
        }
        plan.unassigned.push_back(std::move(d));
    }
    return plan;
}

std::size_t write_delivery_plan(DeliveryStore& deliveries, const DeliveryPlan& plan) {
    std::vector<PlannedRow> rows;
    std::string summary = "plan at " + ops::format_time(plan.origin) + ":";
    for (const auto& route : plan.routes) {
        summary += " " + route.name + ":";
        std::string ids;
        for (const auto& s : route.stops) {
            ids += (ids.empty() ? " " : ", ") + s.row.registry_number +
                   (s.row.collection ? " (collect)" : "") + (s.served ? " (served)" : "");
            if (!s.served) rows.push_back({s.row.id, route.name, ops::format_time(s.start), ""});
        }
        summary += (ids.empty() ? " -" : ids) + ";";
    }
    if (!plan.unassigned.empty()) {
        summary += " unassigned:";
        for (const auto& u : plan.unassigned) {
            summary +=
                " " + u.row.registry_number + " (" + std::string(reason_name(u.reason)) + ")";
            rows.push_back({u.row.id, "", "", std::string(reason_name(u.reason))});
        }
    }
    return deliveries.write_plan(rows, summary);
}

} // namespace breathline::data::dispatch
