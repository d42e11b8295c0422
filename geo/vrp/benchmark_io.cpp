#include "geo/vrp/benchmark_io.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace breathline::geo::vrp {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, std::size_t line,
                       const std::string& what) {
    throw std::runtime_error(path.string() + (line > 0 ? ":" + std::to_string(line) : "") + ": " +
                             what);
}

std::vector<std::string> read_lines(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path.string() + ": cannot open the file");
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

std::string trim(const std::string& s) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a])))
        ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1])))
        --b;
    return s.substr(a, b - a);
}

std::vector<double> numbers(const std::filesystem::path& path, std::size_t line_no,
                            const std::string& line) {
    std::istringstream in(line);
    std::vector<double> v;
    std::string tok;
    while (in >> tok) {
        char* end = nullptr;
        const double d = std::strtod(tok.c_str(), &end);
        if (end == tok.c_str() || *end != '\0')
            fail(path, line_no, "expected a number, found '" + tok + "'");
        v.push_back(d);
    }
    return v;
}

double distance(double dx, double dy, DistanceRule rule) {
    const double d = std::sqrt(dx * dx + dy * dy);
    if (rule == DistanceRule::exact) return d;
    // DIMACS: truncate to one decimal. The small epsilon keeps exact tenths (e.g. 5.0 from a
    // 3-4-5 triangle) from dropping a tenth through rounding of sqrt.
    return std::floor(d * 10.0 + 1e-9) / 10.0;
}

void build_matrix(BenchmarkInstance& inst, DistanceRule rule) {
    const std::size_t n = inst.x.size();
    inst.problem.matrix = Matrix(n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            inst.problem.matrix.at(i, j) =
                i == j ? 0.0 : distance(inst.x[i] - inst.x[j], inst.y[i] - inst.y[j], rule);
}

void make_fleet(BenchmarkInstance& inst, std::size_t count, Amount capacity, Time shift_end) {
    inst.vehicle_limit = count;
    inst.problem.vehicles.assign(count, Vehicle{});
    for (Vehicle& v : inst.problem.vehicles) {
        v.start = v.end = 0;
        v.capacity = capacity;
        v.shift_start = 0.0;
        v.shift_end = shift_end;
    }
}

} // namespace

BenchmarkInstance read_solomon(const std::filesystem::path& path, DistanceRule rule) {
    const auto lines = read_lines(path);
    BenchmarkInstance inst;
    std::size_t i = 0;
    while (i < lines.size() && trim(lines[i]).empty())
        ++i;
    if (i == lines.size()) fail(path, 0, "empty file; expected a Solomon instance");
    inst.name = trim(lines[i++]);
    // VEHICLE block: a header line, then "NUMBER CAPACITY".
    while (i < lines.size() && trim(lines[i]) != "VEHICLE")
        ++i;
    if (i == lines.size()) fail(path, 0, "no VEHICLE line; is this a Solomon instance?");
    std::size_t vehicles = 0;
    Amount capacity = 0;
    bool have_fleet = false;
    for (++i; i < lines.size(); ++i) {
        const std::string t = trim(lines[i]);
        if (t.empty() || !std::isdigit(static_cast<unsigned char>(t[0]))) {
            if (t == "CUSTOMER") break;
            continue;
        }
        const auto v = numbers(path, i + 1, t);
        if (v.size() != 2) fail(path, i + 1, "expected 'NUMBER CAPACITY'");
        vehicles = static_cast<std::size_t>(v[0]);
        capacity = static_cast<Amount>(v[1]);
        have_fleet = true;
    }
    if (!have_fleet) fail(path, 0, "no vehicle number and capacity under VEHICLE");
    Time depot_due = no_limit;
    for (++i; i < lines.size(); ++i) {
        const std::string t = trim(lines[i]);
        if (t.empty() || !std::isdigit(static_cast<unsigned char>(t[0]))) continue;
        const auto v = numbers(path, i + 1, t);
        if (v.size() != 7)
            fail(path, i + 1,
                 "expected 7 columns (number, x, y, demand, ready, due, service), found " +
                     std::to_string(v.size()));
        if (static_cast<std::size_t>(v[0]) != inst.x.size())
            fail(path, i + 1, "customers must be numbered 0, 1, 2, ... in order");
        inst.x.push_back(v[1]);
        inst.y.push_back(v[2]);
        if (inst.x.size() == 1) {
            depot_due = v[5];
            continue;
        }
        if (v[3] < 0) fail(path, i + 1, "negative demand");
        Job job;
        job.location = static_cast<LocationIndex>(inst.x.size() - 1);
        job.amount = static_cast<Amount>(v[3]);
        job.ready = v[4];
        job.due = v[5];
        job.service = v[6];
        inst.problem.jobs.push_back(job);
    }
    if (inst.x.empty()) fail(path, 0, "no depot or customers under CUSTOMER");
    make_fleet(inst, vehicles, capacity, depot_due);
    build_matrix(inst, rule);
    return inst;
}

BenchmarkInstance read_vrplib(const std::filesystem::path& path, DistanceRule rule) {
    const auto lines = read_lines(path);
    BenchmarkInstance inst;
    std::size_t dimension = 0, vehicles = 0;
    Amount capacity = 0;
    Time global_service = 0.0;
    std::string section;
    std::vector<double> demand, ready, due, service;
    std::vector<bool> have_coord;
    std::size_t depot = 0;
    bool depot_seen = false;
    const auto node = [&](std::size_t line_no, double id) {
        if (id < 1 || id > static_cast<double>(dimension) || id != std::floor(id))
            fail(path, line_no, "node number out of range 1.." + std::to_string(dimension));
        return static_cast<std::size_t>(id) - 1;
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string t = trim(lines[i]);
        if (t.empty()) continue;
        if (t == "EOF") break;
        const auto colon = t.find(':');
        if (colon != std::string::npos) {
            const std::string key = trim(t.substr(0, colon));
            const std::string value = trim(t.substr(colon + 1));
            try {
                if (key == "NAME")
                    inst.name = value;
                else if (key == "DIMENSION")
                    dimension = std::stoul(value);
                else if (key == "VEHICLES")
                    vehicles = std::stoul(value);
                else if (key == "CAPACITY")
                    capacity = std::stoll(value);
                else if (key == "SERVICE_TIME")
                    global_service = std::stod(value);
                else if (key == "EDGE_WEIGHT_TYPE" && value != "EUC_2D")
                    fail(path, i + 1, "EDGE_WEIGHT_TYPE " + value + " not supported (EUC_2D)");
            } catch (const std::logic_error&) {
                fail(path, i + 1, "bad value '" + value + "' for " + key);
            }
            section.clear();
            continue;
        }
        if (t.size() > 8 && t.substr(t.size() - 8) == "_SECTION") {
            section = t;
            if (dimension == 0) fail(path, i + 1, "DIMENSION must come before " + t);
            if (inst.x.empty()) {
                demand.assign(dimension, 0.0);
                inst.x.assign(dimension, 0.0);
                inst.y.assign(dimension, 0.0);
                have_coord.assign(dimension, false);
                ready.assign(dimension, 0.0);
                due.assign(dimension, no_limit);
                service.assign(dimension, global_service);
            }
            continue;
        }
        const auto v = numbers(path, i + 1, t);
        if (section == "NODE_COORD_SECTION") {
            if (v.size() != 3) fail(path, i + 1, "expected 'node x y'");
            const auto k = node(i + 1, v[0]);
            inst.x[k] = v[1];
            inst.y[k] = v[2];
            have_coord[k] = true;
        } else if (section == "DEMAND_SECTION") {
            if (v.size() != 2) fail(path, i + 1, "expected 'node demand'");
            demand[node(i + 1, v[0])] = v[1];
        } else if (section == "TIME_WINDOW_SECTION") {
            if (v.size() != 3) fail(path, i + 1, "expected 'node ready due'");
            const auto k = node(i + 1, v[0]);
            ready[k] = v[1];
            due[k] = v[2];
        } else if (section == "SERVICE_TIME_SECTION") {
            if (v.size() != 2) fail(path, i + 1, "expected 'node service'");
            service[node(i + 1, v[0])] = v[1];
        } else if (section == "DEPOT_SECTION") {
            if (v.size() != 1) fail(path, i + 1, "expected one node number");
            if (v[0] < 0) continue;
            if (depot_seen) fail(path, i + 1, "only one depot is supported");
            depot = node(i + 1, v[0]);
            depot_seen = true;
        } else {
            fail(path, i + 1, "data outside a known section: '" + t + "'");
        }
    }
    if (dimension == 0 || inst.x.empty()) fail(path, 0, "no DIMENSION or NODE_COORD_SECTION");
    for (std::size_t k = 0; k < dimension; ++k)
        if (!have_coord[k]) fail(path, 0, "node " + std::to_string(k + 1) + " has no coordinates");
    if (depot != 0) {
        // Keep the convention "depot = location 0" by swapping it to the front.
        std::swap(inst.x[0], inst.x[depot]);
        std::swap(inst.y[0], inst.y[depot]);
        std::swap(demand[0], demand[depot]);
        std::swap(ready[0], ready[depot]);
        std::swap(due[0], due[depot]);
        std::swap(service[0], service[depot]);
    }
    if (vehicles == 0) vehicles = dimension - 1; // VRPLIB: unlimited fleet
    for (std::size_t k = 1; k < dimension; ++k) {
        Job job;
        job.location = static_cast<LocationIndex>(k);
        job.amount = static_cast<Amount>(demand[k]);
        job.ready = ready[k];
        job.due = due[k];
        job.service = service[k];
        inst.problem.jobs.push_back(job);
    }
    make_fleet(inst, vehicles, capacity, due[0]);
    build_matrix(inst, rule);
    return inst;
}

BenchmarkInstance read_instance(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path.string() + ": cannot open the file");
    std::string line;
    while (std::getline(in, line))
        if (!trim(line).empty()) break;
    if (line.find(':') != std::string::npos) return read_vrplib(path);
    return read_solomon(path);
}

BenchmarkSolution read_vrplib_solution(const std::filesystem::path& path) {
    const auto lines = read_lines(path);
    BenchmarkSolution sol;
    sol.cost = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string t = trim(lines[i]);
        if (t.rfind("Route", 0) == 0) {
            const auto colon = t.find(':');
            if (colon == std::string::npos) fail(path, i + 1, "expected 'Route #k: c1 c2 ...'");
            std::vector<std::size_t> route;
            for (double c : numbers(path, i + 1, t.substr(colon + 1))) {
                if (c < 1 || c != std::floor(c)) fail(path, i + 1, "bad customer number");
                route.push_back(static_cast<std::size_t>(c));
            }
            sol.routes.push_back(std::move(route));
        } else if (t.rfind("Cost", 0) == 0) {
            const auto v = numbers(path, i + 1, t.substr(4));
            if (v.size() != 1) fail(path, i + 1, "expected 'Cost X'");
            sol.cost = v[0];
        }
    }
    return sol;
}

std::vector<std::vector<JobIndex>> sequences_from_solution(const BenchmarkSolution& sol,
                                                           const Problem& problem) {
    if (sol.routes.size() > problem.vehicles.size())
        throw std::runtime_error("the solution has " + std::to_string(sol.routes.size()) +
                                 " routes, the instance " +
                                 std::to_string(problem.vehicles.size()) + " vehicles");
    std::vector<std::vector<JobIndex>> seq(problem.vehicles.size());
    for (std::size_t r = 0; r < sol.routes.size(); ++r)
        for (std::size_t c : sol.routes[r]) {
            if (c < 1 || c > problem.jobs.size())
                throw std::runtime_error("customer " + std::to_string(c) + " out of range");
            seq[r].push_back(static_cast<JobIndex>(c - 1));
        }
    return seq;
}

std::string benchmark_class(const std::string& name) {
    std::string up;
    for (char c : name)
        up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string cls;
    std::size_t i = 0;
    while (i < up.size() && std::isalpha(static_cast<unsigned char>(up[i])))
        cls += up[i++];
    if (i < up.size() && std::isdigit(static_cast<unsigned char>(up[i]))) cls += up[i++];
    // Gehring–Homberger "C1_10_1": keep the size, so that sets are not averaged together.
    if (i < up.size() && up[i] == '_') {
        const std::size_t next = up.find('_', i + 1);
        if (next != std::string::npos) cls += up.substr(i, next - i);
    }
    return cls;
}

} // namespace breathline::geo::vrp
