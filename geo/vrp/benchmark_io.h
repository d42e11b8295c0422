#pragma once
/// Readers for the VRPTW benchmark formats, turning them into vrp::Problem:
/// - Solomon and Gehring–Homberger text instances ("C101", "VEHICLE", "CUSTOMER" blocks):
///   Euclidean distances as doubles, not rounded, travel time = distance;
/// - VRPLIB (.vrp, TYPE VRPTW, EDGE_WEIGHT_TYPE EUC_2D) as in the DIMACS challenge's
///   Gehring–Homberger 1000-customer set: distances truncated to one decimal, travel time =
///   distance;
/// - VRPLIB solutions (.sol: "Route #k: c1 c2 ...", "Cost X").
/// Every instance has one depot (node 0 in Solomon files, the DEPOT_SECTION node in VRPLIB);
/// all jobs are deliveries; the fleet is the instance's vehicle count, each vehicle's shift is
/// the depot's window. Location index i is the i-th node of the file (depot = 0) and job j is at
/// location j + 1.
///
/// Errors throw std::runtime_error naming the file and line.

#include "geo/vrp/problem.h"

#include <filesystem>
#include <string>
#include <vector>

namespace breathline::geo::vrp {

enum class DistanceRule : std::uint8_t {
    exact,                ///< Euclidean, full double precision (Solomon convention for BKS)
    truncate_one_decimal, ///< floor(10·d)/10 (DIMACS VRPTW convention)
};

struct BenchmarkInstance {
    std::string name; ///< from the file ("C101", "C1_10_1")
    Problem problem;
    std::vector<double> x, y; ///< coordinates per location
    std::size_t vehicle_limit = 0;
};

/// Reads a Solomon / Gehring–Homberger text instance.
BenchmarkInstance read_solomon(const std::filesystem::path& path,
                               DistanceRule rule = DistanceRule::exact);

/// Reads a VRPLIB VRPTW instance (.vrp).
BenchmarkInstance read_vrplib(const std::filesystem::path& path,
                              DistanceRule rule = DistanceRule::truncate_one_decimal);

/// Reads either format, by content (a NAME : line or a "key : value" header → VRPLIB).
BenchmarkInstance read_instance(const std::filesystem::path& path);

struct BenchmarkSolution {
    /// Per route, the customers as numbered in the .sol file (1-based customers; 0 is the depot).
    std::vector<std::vector<std::size_t>> routes;
    double cost = 0.0; ///< the stated "Cost", or NaN when the file has none
};

/// Reads a VRPLIB solution file.
BenchmarkSolution read_vrplib_solution(const std::filesystem::path& path);

/// Turns a .sol's routes into job sequences for vrp::evaluate (customer c → job c - 1, route k →
/// vehicle k). Throws std::runtime_error when a customer is out of range or there are more routes
/// than vehicles.
std::vector<std::vector<JobIndex>> sequences_from_solution(const BenchmarkSolution& sol,
                                                           const Problem& problem);

/// Benchmark class of an instance name: "C1", "C2", "R1", "R2", "RC1", "RC2" for Solomon;
/// Gehring–Homberger names keep their size ("rc1_10_1" → "RC1_10").
std::string benchmark_class(const std::string& name);

} // namespace breathline::geo::vrp
