#include "geo/vrp/feasibility.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace breathline::geo::vrp {

namespace {

bool later(Time a, Time b) { // a > b beyond rounding
    return a > b + 1e-6 * (1.0 + std::fabs(b));
}

std::string str(Time t) {
    std::ostringstream o;
    o.precision(10);
    o << t;
    return o.str();
}

} // namespace

const char* to_string(ViolationKind kind) {
    switch (kind) {
    case ViolationKind::bad_index:
        return "bad_index";
    case ViolationKind::duplicate_job:
        return "duplicate_job";
    case ViolationKind::missing_job:
        return "missing_job";
    case ViolationKind::capacity:
        return "capacity";
    case ViolationKind::time_window:
        return "time_window";
    case ViolationKind::deadline:
        return "deadline";
    case ViolationKind::shift:
        return "shift";
    case ViolationKind::unreachable_leg:
        return "unreachable_leg";
    case ViolationKind::served_prefix:
        return "served_prefix";
    case ViolationKind::cost_mismatch:
        return "cost_mismatch";
    case ViolationKind::load_mismatch:
        return "load_mismatch";
    }
    return "?";
}

std::vector<Violation> check_solution(const Problem& problem, const Solution& solution) {
    std::vector<Violation> out;
    const auto add = [&](ViolationKind k, std::string d) { out.push_back({k, std::move(d)}); };
    const std::size_t nj = problem.jobs.size();
    const Matrix& m = problem.matrix;
    std::vector<int> seen(nj, 0);

    if (solution.routes.size() != problem.vehicles.size())
        add(ViolationKind::bad_index, "expected " + std::to_string(problem.vehicles.size()) +
                                          " routes (one per vehicle), got " +
                                          std::to_string(solution.routes.size()));
    Time total = 0.0;
    for (std::size_t ri = 0; ri < solution.routes.size(); ++ri) {
        const Route& r = solution.routes[ri];
        if (r.vehicle != ri || r.vehicle >= problem.vehicles.size()) {
            add(ViolationKind::bad_index,
                "route " + std::to_string(ri) + " names vehicle " + std::to_string(r.vehicle));
            continue;
        }
        const Vehicle& v = problem.vehicles[r.vehicle];
        const std::string vname = "vehicle " + std::to_string(r.vehicle);
        bool bad = false;
        for (const Stop& s : r.stops)
            if (s.job >= nj) {
                add(ViolationKind::bad_index, vname + ": job index " + std::to_string(s.job));
                bad = true;
            }
        if (bad) continue;
        for (const Stop& s : r.stops)
            ++seen[s.job];

        // Served prefix: the route must begin with it, same order, same service starts.
        std::size_t prefix = 0;
        if (v.served) {
            const ServedPrefix& sp = *v.served;
            prefix = sp.jobs.size();
            bool kept = r.stops.size() >= prefix;
            for (std::size_t k = 0; kept && k < prefix; ++k)
                kept = r.stops[k].job == sp.jobs[k] && r.stops[k].served &&
                       std::fabs(r.stops[k].start - sp.service_starts[k]) <=
                           1e-6 * (1.0 + std::fabs(sp.service_starts[k]));
            if (!kept) {
                add(ViolationKind::served_prefix, vname + ": the served stops are not kept");
                prefix = 0; // check the rest as an ordinary route
            }
        }
        for (std::size_t k = prefix; k < r.stops.size(); ++k)
            if (r.stops[k].served)
                add(ViolationKind::served_prefix,
                    vname + ": job " + std::to_string(r.stops[k].job) +
                        " marked served outside the vehicle's served prefix");

        // Loads: deliveries on board from the start, pickups from their stop.
        Amount load = 0;
        for (const Stop& s : r.stops)
            if (problem.jobs[s.job].kind == JobKind::delivery) load += problem.jobs[s.job].amount;
        if (load != r.start_load)
            add(ViolationKind::load_mismatch, vname + ": start load " +
                                                  std::to_string(r.start_load) + ", recomputed " +
                                                  std::to_string(load));
        if (load > v.capacity)
            add(ViolationKind::capacity, vname + ": leaves with " + std::to_string(load) +
                                             " > capacity " + std::to_string(v.capacity));
        for (const Stop& s : r.stops) {
            const Job& job = problem.jobs[s.job];
            load += job.kind == JobKind::pickup ? job.amount : -job.amount;
            if (load > v.capacity || load < 0)
                add(ViolationKind::capacity, vname + ": load " + std::to_string(load) +
                                                 " after job " + std::to_string(s.job) +
                                                 " (capacity " + std::to_string(v.capacity) + ")");
            if (load != s.load)
                add(ViolationKind::load_mismatch, vname + ": job " + std::to_string(s.job) +
                                                      " reports load " + std::to_string(s.load) +
                                                      ", recomputed " + std::to_string(load));
        }

        // Times and cost, leg by leg.
        Time cost = 0.0;
        LocationIndex at = v.start;
        Time time = v.shift_start;
        if (later(v.shift_start, r.departure))
            add(ViolationKind::shift, vname + ": departs at " + str(r.departure) +
                                          " before the shift start " + str(v.shift_start));
        time = std::max(time, r.departure);
        const auto leg = [&](LocationIndex from, LocationIndex to, const std::string& what) {
            const Time t = m.at(from, to);
            if (t == no_road) {
                add(ViolationKind::unreachable_leg, vname + ": no road " + what);
                return 0.0;
            }
            cost += t;
            return t;
        };
        for (std::size_t k = 0; k < r.stops.size(); ++k) {
            const Stop& s = r.stops[k];
            const Job& job = problem.jobs[s.job];
            const std::string jname = "job " + std::to_string(s.job);
            if (k < prefix) {
                // Served: times are what happened; only the legs count towards the cost.
                leg(at, job.location, "to " + jname);
                at = job.location;
                time = s.start + job.service;
                if (k + 1 == prefix) {
                    at = v.served->current_location;
                    time = std::max(time, v.served->current_time);
                }
                continue;
            }
            if (k == 0 && v.served && prefix == 0 && v.served->jobs.empty()) {
                at = v.served->current_location;
                time = std::max(time, v.served->current_time);
            }
            const Time earliest = time + leg(at, job.location, "to " + jname);
            if (later(earliest, s.arrival) || later(s.arrival, s.start))
                add(ViolationKind::time_window,
                    vname + ": " + jname + " arrival " + str(s.arrival) + " / start " +
                        str(s.start) + " earlier than possible (" + str(earliest) + ")");
            const Time start = std::max(std::max(earliest, job.ready), s.start);
            if (later(job.ready, s.start))
                add(ViolationKind::time_window, vname + ": " + jname + " starts at " +
                                                    str(s.start) + " before ready " +
                                                    str(job.ready));
            if (later(start, job.due))
                add(ViolationKind::time_window, vname + ": " + jname + " starts at " + str(start) +
                                                    " after due " + str(job.due));
            if (later(start, job.deadline))
                add(ViolationKind::deadline, vname + ": " + jname + " starts at " + str(start) +
                                                 " after its deadline " + str(job.deadline));
            time = start + job.service;
            at = job.location;
        }
        const bool used = !r.stops.empty() || v.served.has_value();
        if (used) {
            if (v.served && v.served->jobs.empty()) {
                at = v.served->current_location;
                time = std::max(time, v.served->current_time);
            }
            time += leg(at, v.end, "to the end location");
            if (later(time, v.shift_end))
                add(ViolationKind::shift, vname + ": reaches its end at " + str(time) +
                                              " after the shift end " + str(v.shift_end));
        }
        if (std::fabs(cost - r.cost) > 1e-6 * (1.0 + cost))
            add(ViolationKind::cost_mismatch,
                vname + ": cost " + str(r.cost) + ", recomputed " + str(cost));
        total += cost;
    }
    if (std::fabs(total - solution.cost) > 1e-6 * (1.0 + total))
        add(ViolationKind::cost_mismatch,
            "total cost " + str(solution.cost) + ", recomputed " + str(total));

    for (const Unassigned& u : solution.unassigned) {
        if (u.job >= nj) {
            add(ViolationKind::bad_index, "unassigned job index " + std::to_string(u.job));
            continue;
        }
        ++seen[u.job];
    }
    for (std::size_t j = 0; j < nj; ++j) {
        if (seen[j] > 1)
            add(ViolationKind::duplicate_job,
                "job " + std::to_string(j) + " appears " + std::to_string(seen[j]) + " times");
        if (seen[j] == 0)
            add(ViolationKind::missing_job,
                "job " + std::to_string(j) + " is neither in a route nor unassigned");
    }
    return out;
}

} // namespace breathline::geo::vrp
