#include "geo/vrp/solver.h"

#include "geo/random.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <thread>

namespace breathline::geo::vrp {

namespace {

using Clock = std::chrono::steady_clock;

// Where a vehicle's free part of the route begins: its depot at the shift start, or, when
// re-optimising, its current position and time after the served prefix.
struct Origin {
    LocationIndex location = 0;
    Time time = 0.0;
    Amount carried = 0;     // pickups of the served prefix, on board from the origin on
    Amount prefix_peak = 0; // max over the prefix of (deliveries still to make there + pickups)
    Time prefix_cost = 0.0; // legs depot -> served stops (sunk, but part of the route's cost)
    bool has_served = false;
    int vehicle_class = 0; // vehicles of one class are interchangeable while empty
};

// Read-only data shared by every thread.
struct Context {
    const Problem& problem;
    const Matrix& m;
    std::vector<Time> latest; // min(due, deadline) per job
    std::vector<Origin> origins;
    std::vector<char> served; // per job: fixed in a prefix
    std::vector<JobIndex> free_jobs;
    std::vector<std::vector<JobIndex>> neighbours; // free jobs by closeness, self first
    Time penalty_base = 0.0;

    explicit Context(const Problem& p) : problem(p), m(p.matrix) {}

    Time penalty(JobIndex j) const {
        return penalty_base * (1.0 + static_cast<Time>(problem.jobs[j].priority));
    }
};

// One route's free part with per-node caches. Node 0 is the origin, nodes 1..n the jobs,
// node n+1 the vehicle's end.
struct RouteState {
    VehicleIndex vehicle = 0;
    std::vector<JobIndex> jobs;
    std::vector<LocationIndex> loc;
    std::vector<Time> departure; // earliest departure from node (origin: origin time)
    std::vector<Time> latest;    // latest service start keeping the rest feasible
    std::vector<Amount> load;    // on board when leaving node
    std::vector<Amount> fmax;    // max load over nodes 0..i (prefix peak folded in)
    std::vector<Amount> bmax;    // max load over nodes i..n
    Time cost = 0.0;             // travel of the free part (0 for an unused vehicle)
    bool feasible = true;
};

void update_route(const Context& ctx, RouteState& r) {
    const auto& p = ctx.problem;
    const Vehicle& v = p.vehicles[r.vehicle];
    const Origin& o = ctx.origins[r.vehicle];
    const std::size_t n = r.jobs.size();
    r.loc.resize(n + 2);
    r.departure.resize(n + 2);
    r.latest.resize(n + 2);
    r.load.resize(n + 1);
    r.fmax.resize(n + 1);
    r.bmax.resize(n + 1);
    r.loc[0] = o.location;
    for (std::size_t i = 0; i < n; ++i)
        r.loc[i + 1] = p.jobs[r.jobs[i]].location;
    r.loc[n + 1] = v.end;

    Amount deliveries = 0;
    for (JobIndex j : r.jobs)
        if (p.jobs[j].kind == JobKind::delivery) deliveries += p.jobs[j].amount;
    r.load[0] = o.carried + deliveries;
    r.fmax[0] = std::max(r.load[0], o.prefix_peak + deliveries);
    for (std::size_t i = 1; i <= n; ++i) {
        const Job& job = p.jobs[r.jobs[i - 1]];
        r.load[i] = r.load[i - 1] + (job.kind == JobKind::pickup ? job.amount : -job.amount);
        r.fmax[i] = std::max(r.fmax[i - 1], r.load[i]);
    }
    r.bmax[n] = r.load[n];
    for (std::size_t i = n; i-- > 0;)
        r.bmax[i] = std::max(r.bmax[i + 1], r.load[i]);

    r.feasible = r.fmax[n] <= v.capacity;
    r.departure[0] = o.time;
    Time cost = 0.0;
    for (std::size_t i = 1; i <= n + 1; ++i) {
        const Time t = ctx.m.at(r.loc[i - 1], r.loc[i]);
        cost += t;
        const Time arrival = r.departure[i - 1] + t;
        if (i <= n) {
            const Job& job = p.jobs[r.jobs[i - 1]];
            const Time start = std::max(arrival, job.ready);
            if (start > ctx.latest[r.jobs[i - 1]]) r.feasible = false;
            r.departure[i] = start + job.service;
        } else {
            r.departure[i] = arrival;
            if (arrival > v.shift_end) r.feasible = false;
        }
    }
    r.cost = (n == 0 && !o.has_served) ? 0.0 : cost;
    r.latest[n + 1] = v.shift_end;
    for (std::size_t i = n + 1; i-- > 1;) {
        const Job& job = p.jobs[r.jobs[i - 1]];
        r.latest[i] = std::min(ctx.latest[r.jobs[i - 1]],
                               r.latest[i + 1] - ctx.m.at(r.loc[i], r.loc[i + 1]) - job.service);
    }
    r.latest[0] = r.latest[1] - ctx.m.at(r.loc[0], r.loc[1]); // latest departure from origin
}

// Cost increase of inserting job j after node i (0..n), or +inf when infeasible.
inline Time insertion_delta(const Context& ctx, const RouteState& r, JobIndex j, std::size_t i) {
    const Job& job = ctx.problem.jobs[j];
    const Amount cap = ctx.problem.vehicles[r.vehicle].capacity;
    if (job.kind == JobKind::delivery ? r.fmax[i] + job.amount > cap : r.bmax[i] + job.amount > cap)
        return no_road;
    const Time t_in = ctx.m.at(r.loc[i], job.location);
    const Time t_out = ctx.m.at(job.location, r.loc[i + 1]);
    if (t_in == no_road || t_out == no_road) return no_road;
    const Time start = std::max(r.departure[i] + t_in, job.ready);
    if (!(start <= ctx.latest[j])) return no_road;
    if (!(start + job.service + t_out <= r.latest[i + 1])) return no_road;
    const bool unused = r.jobs.empty() && !ctx.origins[r.vehicle].has_served;
    return t_in + t_out - (unused ? 0.0 : ctx.m.at(r.loc[i], r.loc[i + 1]));
}

Context make_context(const Problem& p) {
    Context ctx(p);
    const std::size_t nl = p.matrix.size;
    const auto check_loc = [&](LocationIndex l, const char* what) {
        if (l >= nl)
            throw std::invalid_argument(std::string("vrp::solve: ") + what +
                                        " location index outside the matrix");
    };
    if (p.matrix.values.size() != nl * nl)
        throw std::invalid_argument("vrp::solve: matrix.values must hold size × size entries");
    ctx.latest.resize(p.jobs.size());
    Time max_service = 0.0;
    for (std::size_t j = 0; j < p.jobs.size(); ++j) {
        const Job& job = p.jobs[j];
        check_loc(job.location, "a job's");
        if (job.amount < 0 || job.priority < 0)
            throw std::invalid_argument("vrp::solve: job amounts and priorities must be >= 0");
        ctx.latest[j] = std::min(job.due, job.deadline);
        max_service = std::max(max_service, job.service);
    }
    ctx.served.assign(p.jobs.size(), 0);
    ctx.origins.resize(p.vehicles.size());
    for (std::size_t vi = 0; vi < p.vehicles.size(); ++vi) {
        const Vehicle& v = p.vehicles[vi];
        check_loc(v.start, "a vehicle's start");
        check_loc(v.end, "a vehicle's end");
        Origin& o = ctx.origins[vi];
        o.location = v.start;
        o.time = v.shift_start;
        if (v.served) {
            const ServedPrefix& s = *v.served;
            check_loc(s.current_location, "a vehicle's current");
            if (s.service_starts.size() != s.jobs.size())
                throw std::invalid_argument("vrp::solve: served jobs and service starts differ");
            o.has_served = true;
            o.location = s.current_location;
            o.time = s.current_time;
            // Loads over the prefix, relative to the deliveries of the free part.
            Amount prefix_deliveries = 0;
            for (JobIndex j : s.jobs) {
                if (j >= p.jobs.size() || ctx.served[j])
                    throw std::invalid_argument("vrp::solve: a served job is invalid or repeated");
                ctx.served[j] = 1;
                if (p.jobs[j].kind == JobKind::delivery) prefix_deliveries += p.jobs[j].amount;
            }
            Amount load = prefix_deliveries;
            o.prefix_peak = load;
            LocationIndex at = v.start;
            for (JobIndex j : s.jobs) {
                const Job& job = p.jobs[j];
                load += job.kind == JobKind::pickup ? job.amount : -job.amount;
                o.prefix_peak = std::max(o.prefix_peak, load);
                o.prefix_cost += p.matrix.at(at, job.location);
                at = job.location;
            }
            o.carried = load;
        }
    }
    // Vehicle classes: identical unused vehicles need to be tried only once per insertion.
    for (std::size_t vi = 0; vi < p.vehicles.size(); ++vi) {
        const Vehicle& v = p.vehicles[vi];
        ctx.origins[vi].vehicle_class = static_cast<int>(vi);
        if (v.served) continue;
        for (std::size_t w = 0; w < vi; ++w) {
            const Vehicle& u = p.vehicles[w];
            if (!u.served && u.start == v.start && u.end == v.end && u.capacity == v.capacity &&
                u.shift_start == v.shift_start && u.shift_end == v.shift_end) {
                ctx.origins[vi].vehicle_class = ctx.origins[w].vehicle_class;
                break;
            }
        }
    }
    Time max_entry = 0.0;
    for (Time t : p.matrix.values)
        if (t != no_road) max_entry = std::max(max_entry, t);
    ctx.penalty_base =
        p.unassigned_penalty > 0 ? p.unassigned_penalty : 100.0 * (max_entry + max_service + 1.0);

    for (std::size_t j = 0; j < p.jobs.size(); ++j)
        if (!ctx.served[j]) ctx.free_jobs.push_back(static_cast<JobIndex>(j));
    // Closeness: the shorter of the two directions, so asymmetric matrices still find the
    // jobs a string removal should take together.
    ctx.neighbours.resize(p.jobs.size());
    std::vector<std::pair<Time, JobIndex>> tmp;
    for (JobIndex a : ctx.free_jobs) {
        tmp.clear();
        const LocationIndex la = p.jobs[a].location;
        for (JobIndex b : ctx.free_jobs) {
            const LocationIndex lb = p.jobs[b].location;
            tmp.emplace_back(a == b ? -1.0 : std::min(p.matrix.at(la, lb), p.matrix.at(lb, la)), b);
        }
        std::sort(tmp.begin(), tmp.end());
        auto& nb = ctx.neighbours[a];
        nb.reserve(tmp.size());
        for (const auto& e : tmp)
            nb.push_back(e.second);
    }
    return ctx;
}

// One annealing run (one thread).
class Search {
public:
    Search(const Context& ctx, std::uint64_t seed) : m_ctx(ctx), m_rng(seed) {
        const auto& p = ctx.problem;
        m_routes.resize(p.vehicles.size());
        for (std::size_t v = 0; v < m_routes.size(); ++v) {
            m_routes[v].vehicle = static_cast<VehicleIndex>(v);
            update_route(ctx, m_routes[v]);
        }
        m_route_of.assign(p.jobs.size(), no_index);
        m_unassigned_flag.assign(p.jobs.size(), 0);
        m_touched.assign(p.vehicles.size(), 0);
        m_backup.resize(p.vehicles.size());
        m_seen_class.assign(p.vehicles.size(), 0);
        m_candidate.assign(p.vehicles.size(), 0);
        // Distance of each job from the depot for the recreate orderings.
        m_depot_dist.assign(p.jobs.size(), 0.0);
        for (JobIndex j : ctx.free_jobs) {
            const LocationIndex d = p.vehicles.empty() ? 0 : p.vehicles[0].start;
            m_depot_dist[j] = ctx.m.at(d, p.jobs[j].location);
        }
    }

    void run(const SolverOptions& opt, Clock::time_point start, std::atomic<bool>& stop) {
        m_granular = opt.neighbour_routes;
        std::vector<JobIndex> removed = m_ctx.free_jobs;
        recreate(removed, opt.blink_rate);
        for (std::size_t v : m_touched_list)
            m_touched[v] = 0;
        m_touched_list.clear();
        m_current = objective();
        save_best();
        // Temperatures relative to the mean leg of the first plan (see SolverOptions).
        std::size_t legs = 0;
        for (const auto& r : m_routes)
            if (!r.jobs.empty()) legs += r.jobs.size() + 1;
        Time travel = 0.0;
        for (const auto& r : m_routes)
            travel += r.cost;
        const Time leg = legs > 0 ? travel / static_cast<Time>(legs) : 1.0;
        const double t0 = opt.start_temperature * leg, tf = opt.final_temperature * leg;

        double fraction = 0.0;
        for (std::uint64_t it = 0;; ++it) {
            if (opt.iterations > 0 && it >= opt.iterations) break;
            if ((it & 63) == 0) {
                if (stop.load(std::memory_order_relaxed)) break;
                double f_time = 0.0, f_iter = 0.0;
                if (opt.time_limit_s > 0) {
                    f_time = std::chrono::duration<double>(Clock::now() - start).count() /
                             opt.time_limit_s;
                    if (f_time >= 1.0) break;
                }
                if (opt.iterations > 0)
                    f_iter = static_cast<double>(it) / static_cast<double>(opt.iterations);
                fraction = std::max(f_time, f_iter);
                if ((it & 1023) == 0 && opt.progress && !opt.progress(fraction)) {
                    stop.store(true);
                    break;
                }
                if (opt.iterations == 0 && opt.time_limit_s <= 0) break; // nothing bounds it
            }
            const double temperature = t0 * std::pow(tf / t0, fraction);
            iterate(opt, temperature);
            ++m_iterations;
        }
        finish();
    }

    // Puts the best plan back and tries once more, without blinks, to place what it left
    // out: a blink may have hidden the only place a job fits.
    void finish() {
        for (std::size_t v = 0; v < m_routes.size(); ++v) {
            m_routes[v].jobs = m_best[v];
            update_route(m_ctx, m_routes[v]);
        }
        std::fill(m_route_of.begin(), m_route_of.end(), no_index);
        for (std::size_t v = 0; v < m_routes.size(); ++v)
            for (JobIndex j : m_routes[v].jobs)
                m_route_of[j] = static_cast<std::uint32_t>(v);
        std::vector<JobIndex> left;
        for (JobIndex j : m_ctx.free_jobs)
            if (m_route_of[j] == no_index) left.push_back(j);
        m_unassigned.clear();
        std::fill(m_unassigned_flag.begin(), m_unassigned_flag.end(), 0);
        if (left.empty()) return;
        recreate(left, 0.0);
        for (std::size_t v : m_touched_list)
            m_touched[v] = 0;
        m_touched_list.clear();
        const Time candidate = objective();
        if (candidate < m_best_objective) {
            m_current = candidate;
            save_best();
        }
    }

    Time best_objective() const { return m_best_objective; }
    const std::vector<std::vector<JobIndex>>& best() const { return m_best; }
    std::uint64_t iterations() const { return m_iterations; }

private:
    Time objective() const {
        Time c = 0.0;
        for (const auto& r : m_routes)
            c += r.cost;
        for (JobIndex j : m_unassigned)
            c += m_ctx.penalty(j);
        return c;
    }

    void save_best() {
        m_best_objective = m_current;
        m_best.resize(m_routes.size());
        for (std::size_t v = 0; v < m_routes.size(); ++v)
            m_best[v] = m_routes[v].jobs;
    }

    void touch(std::size_t v) {
        if (m_touched[v]) return;
        m_touched[v] = 1;
        m_touched_list.push_back(v);
        m_backup[v] = m_routes[v].jobs;
    }

    void iterate(const SolverOptions& opt, double temperature) {
        m_touched_list.clear();
        m_unassigned_backup = m_unassigned;
        std::vector<JobIndex>& removed = m_removed;
        removed.clear();
        ruin(opt, removed);
        // Jobs that were unassigned go back in too: recreate may find room for them now.
        for (JobIndex j : m_unassigned)
            removed.push_back(j);
        m_unassigned.clear();
        for (JobIndex j : removed)
            m_unassigned_flag[j] = 0;
        recreate(removed, opt.blink_rate);
        const Time candidate = objective();
        // Simulated annealing: accept worse plans by less than T·(-ln U).
        const double u = std::max(m_rng.uniform01(), 1e-300);
        if (candidate < m_current - temperature * std::log(u)) {
            m_current = candidate;
            if (candidate < m_best_objective - 1e-9) save_best();
        } else {
            for (std::size_t v : m_touched_list) {
                m_routes[v].jobs = m_backup[v];
                for (JobIndex j : m_routes[v].jobs)
                    m_route_of[j] = static_cast<std::uint32_t>(v);
                update_route(m_ctx, m_routes[v]);
            }
            for (JobIndex j : m_unassigned)
                m_unassigned_flag[j] = 0;
            m_unassigned = m_unassigned_backup;
            for (JobIndex j : m_unassigned) {
                m_unassigned_flag[j] = 1;
                m_route_of[j] = no_index;
            }
        }
        for (std::size_t v : m_touched_list)
            m_touched[v] = 0;
    }

    void ruin(const SolverOptions& opt, std::vector<JobIndex>& removed) {
        const auto& free = m_ctx.free_jobs;
        if (free.empty()) return;
        std::size_t used = 0, assigned = 0;
        for (const auto& r : m_routes)
            if (!r.jobs.empty()) {
                ++used;
                assigned += r.jobs.size();
            }
        if (used == 0) return;
        const double avg_len = static_cast<double>(assigned) / static_cast<double>(used);
        const double ls_max = std::min(opt.max_string, avg_len);
        const double ks_max = 4.0 * opt.avg_removed / (1.0 + ls_max) - 1.0;
        const auto ks = static_cast<std::size_t>(std::floor(m_rng.uniform(1.0, ks_max + 1.0)));
        const JobIndex seed = free[static_cast<std::size_t>(
            m_rng.uniform_int(0, static_cast<std::int64_t>(free.size()) - 1))];
        std::size_t ruined = 0;
        for (JobIndex j : m_ctx.neighbours[seed]) {
            if (ruined >= ks) break;
            const std::uint32_t v = m_route_of[j];
            if (v == no_index || m_touched[v]) continue;
            touch(v);
            remove_string(opt, m_routes[v], j, ls_max, removed);
            ++ruined;
        }
        for (std::size_t v : m_touched_list)
            update_route(m_ctx, m_routes[v]);
    }

    void remove_string(const SolverOptions& opt, RouteState& r, JobIndex j, double ls_max,
                       std::vector<JobIndex>& removed) {
        const std::size_t n = r.jobs.size();
        const std::size_t pos =
            static_cast<std::size_t>(std::find(r.jobs.begin(), r.jobs.end(), j) - r.jobs.begin());
        const double lt_max = std::min(static_cast<double>(n), ls_max);
        auto l = static_cast<std::size_t>(std::floor(m_rng.uniform(1.0, lt_max + 1.0)));
        l = std::clamp<std::size_t>(l, 1, n);
        std::size_t m = 0;
        if (l < n && m_rng.uniform01() < 0.5) { // split string: keep m stops inside the window
            m = 1;
            while (l + m < n && m_rng.uniform01() >= opt.split_depth)
                ++m;
        }
        const std::size_t window = l + m;
        const std::size_t lo = pos + 1 >= window ? pos + 1 - window : 0;
        const std::size_t hi = std::min(pos, n - window);
        const auto first = static_cast<std::size_t>(
            m_rng.uniform_int(static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)));
        std::size_t keep_from = window, keep_to = window; // kept sub-range, relative
        if (m > 0) {
            keep_from = static_cast<std::size_t>(
                m_rng.uniform_int(0, static_cast<std::int64_t>(window - m)));
            keep_to = keep_from + m;
        }
        std::vector<JobIndex> kept;
        kept.reserve(n - l);
        for (std::size_t i = 0; i < n; ++i) {
            const bool in_window = i >= first && i < first + window;
            const std::size_t rel = i - first;
            if (in_window && !(rel >= keep_from && rel < keep_to)) {
                removed.push_back(r.jobs[i]);
                m_route_of[r.jobs[i]] = no_index;
            } else {
                kept.push_back(r.jobs[i]);
            }
        }
        r.jobs.swap(kept);
    }

    void recreate(std::vector<JobIndex>& removed, double blink) {
        // Orderings of the SISR paper with its weights: random 4, demand 4, far 2, close 1.
        const auto pick = m_rng.uniform_int(0, 10);
        for (std::size_t i = removed.size(); i > 1; --i) // random order as a tie-break base
            std::swap(removed[i - 1], removed[static_cast<std::size_t>(
                                          m_rng.uniform_int(0, static_cast<std::int64_t>(i) - 1))]);
        const auto& jobs = m_ctx.problem.jobs;
        if (pick >= 4 && pick < 8)
            std::stable_sort(removed.begin(), removed.end(), [&](JobIndex a, JobIndex b) {
                return jobs[a].amount > jobs[b].amount;
            });
        else if (pick >= 8 && pick < 10)
            std::stable_sort(removed.begin(), removed.end(), [&](JobIndex a, JobIndex b) {
                return m_depot_dist[a] > m_depot_dist[b];
            });
        else if (pick == 10)
            std::stable_sort(removed.begin(), removed.end(), [&](JobIndex a, JobIndex b) {
                return m_depot_dist[a] < m_depot_dist[b];
            });
        // Higher priorities first whatever the ordering: they must get the room.
        std::stable_sort(removed.begin(), removed.end(), [&](JobIndex a, JobIndex b) {
            return jobs[a].priority > jobs[b].priority;
        });

        const bool granular = m_granular > 0 && m_ctx.free_jobs.size() > 200;
        for (JobIndex j : removed) {
            Time best = no_road;
            std::size_t best_v = 0, best_pos = 0;
            std::fill(m_seen_class.begin(), m_seen_class.end(), 0);
            if (granular) {
                // Large instances: only the routes serving one of the job's nearest jobs (and
                // one unused vehicle per class) are tried; a far route rarely wins and scanning
                // all of them dominates the iteration time.
                std::fill(m_candidate.begin(), m_candidate.end(), 0);
                const auto& nb = m_ctx.neighbours[j];
                const std::size_t k = std::min(nb.size(), m_granular + 1);
                for (std::size_t i = 1; i < k; ++i)
                    if (m_route_of[nb[i]] != no_index) m_candidate[m_route_of[nb[i]]] = 1;
            }
            for (std::size_t v = 0; v < m_routes.size(); ++v) {
                const RouteState& r = m_routes[v];
                if (granular && !m_candidate[v] &&
                    !(r.jobs.empty() && !m_ctx.origins[v].has_served) &&
                    !m_ctx.origins[v].has_served)
                    continue;
                if (r.jobs.empty() && !m_ctx.origins[v].has_served) {
                    const int c = m_ctx.origins[v].vehicle_class;
                    if (m_seen_class[static_cast<std::size_t>(c)]) continue;
                    m_seen_class[static_cast<std::size_t>(c)] = 1;
                }
                for (std::size_t i = 0; i <= r.jobs.size(); ++i) {
                    const Time d = insertion_delta(m_ctx, r, j, i);
                    if (d < best) {
                        if (blink > 0 && m_rng.uniform01() < blink) continue;
                        best = d;
                        best_v = v;
                        best_pos = i;
                    }
                }
            }
            if (best == no_road) {
                m_unassigned.push_back(j);
                m_unassigned_flag[j] = 1;
                m_route_of[j] = no_index;
                continue;
            }
            touch(best_v);
            RouteState& r = m_routes[best_v];
            r.jobs.insert(r.jobs.begin() + static_cast<std::ptrdiff_t>(best_pos), j);
            m_route_of[j] = static_cast<std::uint32_t>(best_v);
            update_route(m_ctx, r);
        }
    }

    const Context& m_ctx;
    Rng m_rng;
    std::vector<RouteState> m_routes;
    std::vector<std::uint32_t> m_route_of;
    std::vector<char> m_unassigned_flag;
    std::vector<JobIndex> m_unassigned, m_unassigned_backup, m_removed;
    std::vector<char> m_touched;
    std::vector<std::size_t> m_touched_list;
    std::vector<std::vector<JobIndex>> m_backup;
    std::vector<char> m_seen_class;
    std::vector<char> m_candidate;
    std::size_t m_granular = 0;
    std::vector<Time> m_depot_dist;
    Time m_current = 0.0;
    Time m_best_objective = no_road;
    std::vector<std::vector<JobIndex>> m_best;
    std::uint64_t m_iterations = 0;
};

// Why job j could not be placed, given the final plan.
UnassignedReason diagnose(const Context& ctx, const std::vector<RouteState>& routes, JobIndex j) {
    const auto& p = ctx.problem;
    const Job& job = p.jobs[j];
    bool reachable = false, fits_capacity = false;
    for (std::size_t v = 0; v < p.vehicles.size(); ++v) {
        const Origin& o = ctx.origins[v];
        if (ctx.m.at(o.location, job.location) != no_road &&
            ctx.m.at(job.location, p.vehicles[v].end) != no_road)
            reachable = true;
        if (job.amount <= p.vehicles[v].capacity) fits_capacity = true;
    }
    if (!reachable) return UnassignedReason::unreachable;
    if (!fits_capacity) return UnassignedReason::capacity;
    // Alone in a vehicle (after its served prefix): which constraint forbids it?
    bool alone_deadline_only = false, alone_ok = false, alone_capacity_only = false;
    for (std::size_t v = 0; v < p.vehicles.size(); ++v) {
        const Origin& o = ctx.origins[v];
        const Vehicle& veh = p.vehicles[v];
        const Time t_in = ctx.m.at(o.location, job.location);
        const Time t_out = ctx.m.at(job.location, veh.end);
        if (t_in == no_road || t_out == no_road) continue;
        const Time start = std::max(o.time + t_in, job.ready);
        const bool time_ok_no_deadline =
            start <= job.due && start + job.service + t_out <= veh.shift_end;
        const bool deadline_ok = start <= job.deadline;
        const Amount peak = job.kind == JobKind::delivery
                                ? std::max(o.prefix_peak, o.carried) + job.amount
                                : o.carried + job.amount;
        const bool cap_ok = peak <= veh.capacity;
        if (time_ok_no_deadline && deadline_ok && cap_ok) alone_ok = true;
        if (time_ok_no_deadline && !deadline_ok) alone_deadline_only = true;
        if (time_ok_no_deadline && deadline_ok && !cap_ok) alone_capacity_only = true;
    }
    if (!alone_ok) {
        if (alone_deadline_only) return UnassignedReason::deadline;
        if (alone_capacity_only) return UnassignedReason::capacity;
        return UnassignedReason::time_window;
    }
    // It fits alone but not into the plan: report what blocked the places that were close.
    bool capacity_blocked = false, deadline_blocked = false;
    for (const RouteState& r : routes)
        for (std::size_t i = 0; i <= r.jobs.size(); ++i) {
            const Time t_in = ctx.m.at(r.loc[i], job.location);
            const Time t_out = ctx.m.at(job.location, r.loc[i + 1]);
            if (t_in == no_road || t_out == no_road) continue;
            const Time start = std::max(r.departure[i] + t_in, job.ready);
            const bool time_ok = start <= job.due && start + job.service + t_out <= r.latest[i + 1];
            const Amount cap = p.vehicles[r.vehicle].capacity;
            const bool cap_ok = job.kind == JobKind::delivery ? r.fmax[i] + job.amount <= cap
                                                              : r.bmax[i] + job.amount <= cap;
            if (time_ok && !cap_ok) capacity_blocked = true;
            if (time_ok && start > job.deadline) deadline_blocked = true;
        }
    if (capacity_blocked) return UnassignedReason::capacity;
    if (deadline_blocked) return UnassignedReason::deadline;
    return UnassignedReason::time_window;
}

Solution build_solution(const Context& ctx, const std::vector<std::vector<JobIndex>>& sequences) {
    const auto& p = ctx.problem;
    Solution s;
    std::vector<RouteState> states(p.vehicles.size());
    std::vector<char> assigned = ctx.served;
    for (std::size_t v = 0; v < p.vehicles.size(); ++v) {
        states[v].vehicle = static_cast<VehicleIndex>(v);
        if (v < sequences.size()) states[v].jobs = sequences[v];
        for (JobIndex j : states[v].jobs)
            assigned[j] = 1;
        update_route(ctx, states[v]);
    }
    s.routes.resize(p.vehicles.size());
    for (std::size_t v = 0; v < p.vehicles.size(); ++v) {
        const Vehicle& veh = p.vehicles[v];
        const Origin& o = ctx.origins[v];
        const RouteState& st = states[v];
        Route& route = s.routes[v];
        route.vehicle = static_cast<VehicleIndex>(v);
        route.departure = veh.shift_start;
        Amount deliveries = 0;
        const auto add_delivery = [&](JobIndex j) {
            if (p.jobs[j].kind == JobKind::delivery) deliveries += p.jobs[j].amount;
        };
        if (veh.served)
            for (JobIndex j : veh.served->jobs)
                add_delivery(j);
        for (JobIndex j : st.jobs)
            add_delivery(j);
        route.start_load = deliveries;
        Amount load = deliveries;
        const auto apply = [&](const Job& job) {
            load += job.kind == JobKind::pickup ? job.amount : -job.amount;
        };
        if (veh.served)
            for (std::size_t k = 0; k < veh.served->jobs.size(); ++k) {
                const JobIndex j = veh.served->jobs[k];
                Stop stop;
                stop.job = j;
                stop.arrival = stop.start = veh.served->service_starts[k];
                stop.departure = stop.start + p.jobs[j].service;
                apply(p.jobs[j]);
                stop.load = load;
                stop.served = true;
                route.stops.push_back(stop);
            }
        if (!veh.served) route.departure = o.time;
        for (std::size_t i = 0; i < st.jobs.size(); ++i) {
            const Job& job = p.jobs[st.jobs[i]];
            Stop stop;
            stop.job = st.jobs[i];
            stop.arrival = st.departure[i] + ctx.m.at(st.loc[i], st.loc[i + 1]);
            stop.start = std::max(stop.arrival, job.ready);
            stop.departure = st.departure[i + 1];
            apply(job);
            stop.load = load;
            route.stops.push_back(stop);
        }
        const std::size_t n = st.jobs.size();
        route.arrival = (n == 0 && !o.has_served) ? route.departure : st.departure[n + 1];
        route.cost = st.cost + o.prefix_cost;
        s.cost += route.cost;
        if (!route.stops.empty()) ++s.vehicles_used;
    }
    for (JobIndex j : ctx.free_jobs)
        if (!assigned[j]) {
            s.unassigned.push_back({j, diagnose(ctx, states, j)});
            s.penalty += ctx.penalty(j);
        }
    return s;
}

} // namespace

Solution evaluate(const Problem& problem, const std::vector<std::vector<JobIndex>>& sequences) {
    const Context ctx = make_context(problem);
    return build_solution(ctx, sequences);
}

Solution solve(const Problem& problem, const SolverOptions& options) {
    const auto start = Clock::now();
    const Context ctx = make_context(problem);
    const unsigned threads = std::max(1U, options.threads);
    std::vector<std::unique_ptr<Search>> runs;
    for (unsigned t = 0; t < threads; ++t)
        runs.push_back(std::make_unique<Search>(ctx, options.seed * 0x9E3779B97F4A7C15ULL +
                                                         static_cast<std::uint64_t>(t)));
    std::atomic<bool> stop{false};
    if (threads == 1) {
        runs[0]->run(options, start, stop);
    } else {
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t)
            pool.emplace_back([&, t] { runs[t]->run(options, start, stop); });
        for (auto& th : pool)
            th.join();
    }
    std::size_t best = 0;
    std::uint64_t iterations = 0;
    for (std::size_t t = 0; t < runs.size(); ++t) {
        iterations += runs[t]->iterations();
        if (runs[t]->best_objective() < runs[best]->best_objective()) best = t;
    }
    Solution s = build_solution(ctx, runs[best]->best());
    s.iterations = iterations;
    return s;
}

} // namespace breathline::geo::vrp
