// Benchmark readers against the real files in ../shared/data/bench/vrptw.
#include "geo/vrp/benchmark_io.h"
#include "geo/vrp/solver.h"
#include "tests/geo/vrp/vrp_test_support.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace breathline::geo::vrp {
namespace {

const std::string k_bench = BREATHLINE_TEST_DATA_DIR "/bench/vrptw/";

TEST(VrpBenchmarkIo, ReadsSolomonC101) {
    const BenchmarkInstance inst = read_solomon(k_bench + "solomon/C101.txt");
    EXPECT_EQ(inst.name, "C101");
    ASSERT_EQ(inst.problem.jobs.size(), 100U);
    ASSERT_EQ(inst.problem.vehicles.size(), 25U);
    EXPECT_EQ(inst.problem.vehicles[0].capacity, 200);
    EXPECT_EQ(inst.problem.vehicles[0].shift_end, 1236.0);
    // Customer 1: (45, 68), demand 10, window [912, 967], service 90.
    const Job& c1 = inst.problem.jobs[0];
    EXPECT_EQ(c1.location, 1U);
    EXPECT_EQ(c1.amount, 10);
    EXPECT_EQ(c1.ready, 912.0);
    EXPECT_EQ(c1.due, 967.0);
    EXPECT_EQ(c1.service, 90.0);
    EXPECT_DOUBLE_EQ(inst.problem.matrix.at(0, 1), std::hypot(5.0, 18.0));
    EXPECT_EQ(benchmark_class(inst.name), "C1");
    EXPECT_EQ(benchmark_class("RC208"), "RC2");
    EXPECT_EQ(benchmark_class("rc1_10_1"), "RC1_10");
}

TEST(VrpBenchmarkIo, SolvesAndEvaluatesC101) {
    const BenchmarkInstance inst = read_instance(k_bench + "solomon/C101.txt");
    const Solution s = solve(inst.problem, [] {
        SolverOptions o;
        o.iterations = 1500;
        return o;
    }());
    test::expect_feasible(inst.problem, s, "C101");
    EXPECT_TRUE(s.unassigned.empty());
    // Never below the proven optimum 828.94 (rounded to cents), and near it.
    EXPECT_GE(s.cost, 828.94 - 0.005);
    EXPECT_LT(s.cost, 828.94 * 1.05);
    // Re-evaluating the solver's own sequences gives the same plan.
    std::vector<std::vector<JobIndex>> seq(inst.problem.vehicles.size());
    for (const Route& r : s.routes)
        for (const Stop& st : r.stops)
            seq[r.vehicle].push_back(st.job);
    EXPECT_NEAR(evaluate(inst.problem, seq).cost, s.cost, 1e-9);
}

// DIMACS convention: distances truncated to one decimal; the .sol's stated cost must equal our
// evaluation of its routes.
TEST(VrpBenchmarkIo, VrplibSolutionEvaluatesToItsStatedCost) {
    for (const char* name : {"C1_10_1", "R2_10_1"}) {
        const BenchmarkInstance inst = read_instance(k_bench + "gh1000_vrplib/" + name + ".vrp");
        ASSERT_EQ(inst.problem.jobs.size(), 1000U) << name;
        const BenchmarkSolution sol =
            read_vrplib_solution(k_bench + "gh1000_vrplib/" + name + ".sol");
        const Solution s = evaluate(inst.problem, sequences_from_solution(sol, inst.problem));
        test::expect_feasible(inst.problem, s, name);
        EXPECT_TRUE(s.unassigned.empty()) << name;
        EXPECT_NEAR(s.cost, sol.cost, 1e-6) << name;
    }
}

TEST(VrpBenchmarkIo, ErrorsNameFileAndLine) {
    const auto dir = std::filesystem::temp_directory_path() / "breathline_vrp_io_test";
    std::filesystem::create_directories(dir);
    const auto path = dir / "bad.txt";
    {
        std::ofstream out(path);
        out << "BAD\n\nVEHICLE\nNUMBER CAPACITY\n 2 10\n\nCUSTOMER\nCUST NO.\n"
            << "0 0 0 0 0 100 0\n1 1 1 x 0 50 0\n";
    }
    try {
        (void)read_solomon(path);
        ADD_FAILURE() << "no error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("bad.txt:10"), std::string::npos) << e.what();
    }
    std::filesystem::remove_all(dir);
    EXPECT_THROW((void)read_instance(k_bench + "missing.txt"), std::runtime_error);
}

} // namespace
} // namespace breathline::geo::vrp
