#pragma once
/// A seeded synthetic city for tests and benchmarks: a street grid with
/// arterials and expressways and noisy lengths and speeds, the same
/// RoadNetwork for the same options on every platform (geo::Rng).

#include "geo/coordinates.h"
#include "geo/road/road_network.h"

#include <cstdint>

namespace breathline::geo::road {

/// Parameters of generate_city_grid. The defaults make a small town; the
/// benchmark's city-scale graph is rows = cols = 1000 (1,000,000 grid nodes).
struct GridCityOptions {
    std::uint32_t rows = 100; ///< grid lines running east-west (>= 2)
    std::uint32_t cols = 100; ///< grid lines running north-south (>= 2)
    double spacing_m = 100;   ///< distance between neighbouring grid nodes, metres
    /// South-west grid node (Ikebukuro, Toshima). The grid is laid out
    /// axis-parallel on the EPSG:6677 plane from here and converted back to
    /// lon/lat with geo::PlaneProjector.
    LonLat origin{139.70, 35.72};
    std::uint64_t seed = 1;
    /// Every n-th grid line (0, n, 2n, ...) is an arterial: primary and
    /// secondary alternate; arterials are never missing and never one-way.
    std::uint32_t arterial_every = 10;
    /// Every n-th grid line (n/2, n/2 + n, ...) carries an elevated expressway
    /// (motorway, both directions) with its own nodes; 0 = none.
    std::uint32_t expressway_every = 50;
    /// Expressway nodes every n-th grid crossing along an expressway line, plus
    /// one at each line end and at each crossing of two expressways (an
    /// interchange, shared by both). Only the nodes at the n-th crossings have
    /// ramps down to the grid node below (motorway_link, 150 m, both ways).
    std::uint32_t ramp_every = 20;
    double missing_share = 0.05; ///< share of residential segments left out
    double oneway_share = 0.10;  ///< share of residential segments that are one-way
    /// Relative noise: lengths are the straight distance × U[1, 1 + noise]
    /// (streets are never shorter than straight), maxspeed tags are the class
    /// speed × U[1 - noise, 1 + noise].
    double noise = 0.20;
};

/// Generates the city. Node r * cols + c is the grid node in row r (from the
/// south) and column c (from the west); expressway nodes follow after
/// rows * cols. Residential segments carry name_id 0, arterials and
/// expressways a name per line ("Arterial R10", "Expressway C25", ...).
/// source_id is the edge's index + 1; node_source_ids are index + 1.
/// Deterministic for equal options; about 1 s per million nodes.
/// Throws std::invalid_argument for rows or cols < 2, a non-positive spacing or
/// shares outside [0, 1]. Thread-safe (creates its own projector).
RoadNetwork generate_city_grid(const GridCityOptions& options);

} // namespace breathline::geo::road
