// `breathline vrp solve FILE...`: runs the vehicle-routing solver (geo/vrp) on VRPTW benchmark
// instances and compares with best-known values. The solver itself never sees files or JSON;
// the best-known table (BKS.json) and the .sol files are read here.
#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "geo/vrp/benchmark_io.h"
#include "geo/vrp/feasibility.h"
#include "geo/vrp/solver.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <ostream>
#include <stdexcept>

namespace breathline::cli {

namespace {

namespace vrp = geo::vrp;

struct Reference {
    double cost = 0.0;
    std::size_t vehicles = 0;
    bool distance_only = false; ///< distance-minimising value (else vehicles first)
    std::string source;
};

// BKS.json: an object of objects, {"C101": {"best_known_cost": 828.94, ...}, ...}. Only the
// two numbers we need are read; anything else in an entry is skipped. Plain scanning keeps
// the console free of a JSON dependency for this one file.
std::map<std::string, Reference> read_bks(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open the best-known table");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::map<std::string, Reference> out;
    std::size_t line = 1, depth = 0, i = 0;
    std::string key, inner_key, current;
    Reference ref;
    const auto fail = [&](const std::string& what) {
        throw std::runtime_error(path + ":" + std::to_string(line) + ": " + what);
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\n') ++line;
        if (c == '"') {
            const std::size_t end = text.find('"', i + 1);
            if (end == std::string::npos) fail("unterminated string");
            const std::string s = text.substr(i + 1, end - i - 1);
            if (depth == 1) current = s;
            if (depth == 2) inner_key = s;
            i = end + 1;
            continue;
        }
        if (c == '{') {
            ++depth;
            if (depth == 2) ref = Reference{};
        } else if (c == '}') {
            if (depth == 0) fail("unbalanced '}'");
            if (depth == 2 && ref.cost > 0) {
                ref.source = "BKS.json " + current;
                out[current] = ref;
            }
            --depth;
        } else if (c == ':' && depth == 2) {
            std::size_t j = i + 1;
            while (j < text.size() && (text[j] == ' ' || text[j] == '\t'))
                ++j;
            char* end = nullptr;
            const double v = std::strtod(text.c_str() + j, &end);
            if (end != text.c_str() + j) {
                if (inner_key == "best_known_cost") ref.cost = v;
                if (inner_key == "solved_with_vehicles") ref.vehicles = static_cast<std::size_t>(v);
            }
        }
        ++i;
    }
    if (depth != 0) fail("unbalanced braces at the end of the file");
    return out;
}

std::optional<std::string> default_bks(const std::filesystem::path& instance) {
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(instance, ec);
    for (auto dir = absolute.parent_path(); !dir.empty(); dir = dir.parent_path()) {
        if (std::filesystem::exists(dir / "BKS.json")) return (dir / "BKS.json").string();
        if (dir == dir.parent_path()) break;
    }
    return std::nullopt;
}

std::string upper(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// The value to compare with: the .sol beside a VRPLIB file (distance-minimising, DIMACS), else
// the `_distance` entry of BKS.json (Solomon), else the plain entry (vehicles first).
std::optional<Reference> find_reference(const std::filesystem::path& file, const std::string& name,
                                        const std::map<std::string, Reference>& bks) {
    auto sol = file;
    sol.replace_extension(".sol");
    if (file.extension() == ".vrp" && std::filesystem::exists(sol)) {
        const auto s = vrp::read_vrplib_solution(sol);
        if (!std::isnan(s.cost))
            return Reference{s.cost, s.routes.size(), true, sol.filename().string()};
    }
    for (const std::string& k : {name, upper(name), file.stem().string()}) {
        if (auto it = bks.find(k + "_distance"); it != bks.end()) {
            Reference r = it->second;
            r.distance_only = true;
            return r;
        }
        if (auto it = bks.find(k); it != bks.end()) return it->second;
    }
    return std::nullopt;
}

double number_option(const Context& ctx, const Args& args, const std::string& name, double dflt) {
    const auto v = args.get(name);
    if (!v) return dflt;
    char* end = nullptr;
    const double d = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0' || d < 0) throw UsageError{ctx.t("err.bad_number", {name, *v})};
    return d;
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Pads to a display width: a UTF-8 lead byte of a non-ASCII character counts 2 columns
// (the Japanese headers are full-width), continuation bytes none.
std::string pad(std::string s, std::size_t width, bool right = false) {
    std::size_t shown = 0;
    for (unsigned char c : s)
        shown += c < 0x80 ? 1 : ((c & 0xC0) == 0xC0 ? 2 : 0);
    if (shown < width) {
        const std::string fill(width - shown, ' ');
        s = right ? fill + s : s + fill;
    }
    return s;
}

struct ClassTotals {
    std::size_t instances = 0, with_gap = 0, vehicles = 0, infeasible = 0;
    double gap_sum = 0.0, time_sum = 0.0;
};

double mean_gap(const ClassTotals& t) {
    const double g = t.gap_sum / static_cast<double>(t.with_gap);
    return std::fabs(g) < 0.005 ? 0.0 : g; // no "-0.00"
}

int run_vrp(Context& ctx, const Args& args) {
    if (args.positional.empty() || args.positional.front() != "solve")
        throw UsageError{ctx.t("err.missing_arg", {"solve FILE..."})};
    if (args.positional.size() < 2) throw UsageError{ctx.t("err.missing_arg", {"FILE"})};
    vrp::SolverOptions opt;
    opt.time_limit_s = number_option(ctx, args, "time-limit", 1.0);
    opt.seed = static_cast<std::uint64_t>(number_option(ctx, args, "seed", 1));
    opt.threads = static_cast<unsigned>(std::max(1.0, number_option(ctx, args, "threads", 1)));
    opt.iterations = static_cast<std::uint64_t>(number_option(ctx, args, "iterations", 0));
    if (args.has("iterations") && !args.has("time-limit")) opt.time_limit_s = 0.0;

    std::map<std::string, Reference> bks;
    std::optional<std::string> bks_path = args.get("bks");
    if (!bks_path) bks_path = default_bks(args.positional[1]);
    try {
        if (bks_path) bks = read_bks(*bks_path);
    } catch (const std::exception& e) {
        *ctx.err << ctx.t("err.prefix") << ": " << e.what() << "\n";
        return exit_io;
    }

    auto& out = *ctx.out;
    out << pad(ctx.tr("問題", "instance"), 12) << pad(ctx.tr("費用", "cost"), 11, true)
        << pad(ctx.tr("台数", "veh"), 5, true) << pad(ctx.tr("参照値", "reference"), 11, true)
        << pad(ctx.tr("台数", "veh"), 5, true) << pad(ctx.tr("差 %", "gap %"), 8, true)
        << pad(ctx.tr("秒", "time s"), 8, true) << pad(ctx.tr("反復", "iterations"), 11, true)
        << "  " << ctx.tr("備考", "notes") << "\n";
    std::map<std::string, ClassTotals> classes;
    ClassTotals all;
    int status = exit_ok;
    for (std::size_t f = 1; f < args.positional.size(); ++f) {
        const std::filesystem::path file = args.positional[f];
        vrp::BenchmarkInstance inst;
        if (!std::filesystem::is_regular_file(file)) {
            *ctx.err << ctx.t("err.prefix") << ": " << file.string() << ": "
                     << ctx.tr("ファイルを読めません", "cannot read the file") << "\n";
            status = exit_io;
            continue;
        }
        try {
            inst = vrp::read_instance(file);
        } catch (const std::exception& e) {
            *ctx.err << ctx.t("err.prefix") << ": " << e.what() << "\n";
            status = exit_bad_input;
            continue;
        }
        const auto t0 = std::chrono::steady_clock::now();
        const vrp::Solution sol = vrp::solve(inst.problem, opt);
        const double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto violations = vrp::check_solution(inst.problem, sol);
        std::optional<Reference> ref;
        try {
            ref = find_reference(file, inst.name, bks);
        } catch (const std::exception& e) {
            *ctx.err << ctx.t("err.prefix") << ": " << e.what() << "\n";
        }
        const std::string cls = vrp::benchmark_class(inst.name);
        std::string notes;
        if (!violations.empty()) {
            notes += ctx.tr("実行不可能 ", "INFEASIBLE ") + std::to_string(violations.size()) +
                     ": " + violations.front().detail + " ";
            status = exit_findings;
        }
        if (!sol.unassigned.empty())
            notes += ctx.tr("未割当 ", "unassigned ") + std::to_string(sol.unassigned.size()) + " ";
        std::string gap = "-";
        ClassTotals& c = classes[cls];
        for (ClassTotals* t : {&c, &all}) {
            ++t->instances;
            t->vehicles += sol.vehicles_used;
            t->time_sum += secs;
            if (!violations.empty() || !sol.unassigned.empty()) ++t->infeasible;
        }
        if (ref) {
            const double g = 100.0 * (sol.cost - ref->cost) / ref->cost;
            gap = fixed(std::fabs(g) < 0.005 ? 0.0 : g, 2); // no "-0.00"
            if (ref->distance_only) {
                for (ClassTotals* t : {&c, &all}) {
                    ++t->with_gap;
                    t->gap_sum += g;
                }
            } else {
                notes += ctx.tr("参照値は台数優先 ", "reference minimises vehicles first ");
            }
        }
        out << pad(inst.name, 12) << pad(fixed(sol.cost, 2), 11, true)
            << pad(std::to_string(sol.vehicles_used), 5, true)
            << pad(ref ? fixed(ref->cost, 2) : "-", 11, true)
            << pad(ref ? std::to_string(ref->vehicles) : "-", 5, true) << pad(gap, 8, true)
            << pad(fixed(secs, 2), 8, true) << pad(std::to_string(sol.iterations), 11, true) << "  "
            << notes << "\n"
            << std::flush;
    }
    out << "\n"
        << pad(ctx.tr("分類", "class"), 8) << pad(ctx.tr("問題数", "n"), 5, true)
        << pad(ctx.tr("平均差 %", "mean gap %"), 12, true)
        << pad(ctx.tr("平均台数", "mean veh"), 10, true) << pad(ctx.tr("平均秒", "mean s"), 9, true)
        << "\n";
    const auto row = [&](const std::string& name, const ClassTotals& t) {
        const double n = static_cast<double>(t.instances);
        out << pad(name, 8) << pad(std::to_string(t.instances), 5, true)
            << pad(t.with_gap ? fixed(mean_gap(t), 2) : "-", 12, true)
            << pad(fixed(static_cast<double>(t.vehicles) / n, 2), 10, true)
            << pad(fixed(t.time_sum / n, 2), 9, true)
            << (t.infeasible
                    ? "  " + ctx.tr("未割当・違反あり ", "with unassigned or violations ") +
                          std::to_string(t.infeasible)
                    : "")
            << "\n";
    };
    for (const auto& [name, t] : classes)
        row(name, t);
    if (all.instances > 0) row(ctx.tr("全体", "all"), all);
    return status;
}

} // namespace

VerbSpec make_vrp_verb() {
    return {"vrp",
            "vrp solve FILE... [--time-limit S] [--seed N] [--threads N] [--iterations N] "
            "[--bks BKS.json]",
            "verb.vrp",
            {
                {"time-limit", true, "opt.vrp.time_limit"},
                {"seed", true, "opt.vrp.seed"},
                {"threads", true, "opt.vrp.threads"},
                {"iterations", true, "opt.vrp.iterations"},
                {"bks", true, "opt.vrp.bks"},
            },
            run_vrp};
}

} // namespace breathline::cli
