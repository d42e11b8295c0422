#pragma once
/// The compact CSR road graph of one profile in a versioned binary file
/// beside the database (`<db>.roads.<profile>.graph`), so that the console
/// and the CLI load it in milliseconds instead of rebuilding it from the
/// tables. Layout (little-endian, arrays raw and 8-byte aligned): a header
/// with magic "BRLNGRPH", format version, the content hash the graph was
/// built from, counts and a payload checksum; then first_out, head,
/// travel_time_ms, length_m, edge, node_position (lon, lat as doubles) and,
/// since version 2, the CCH nested-dissection order (order[rank] = node):
/// it depends only on the topology and node positions, so it is computed
/// once with the graph instead of on every start.

#include "geo/road/profile.h"
#include "geo/road/road_graph.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace breathline::data {

class Store;

/// Version written into every graph file; files of another version are
/// rebuilt. 2: the CCH order follows the CSR arrays.
inline constexpr std::uint32_t graph_file_version = 2;

/// `<db>.roads.<profile name>.graph` for a store at `db_location`.
/// Precondition: the profile name is non-empty and made of [A-Za-z0-9_-].
std::filesystem::path graph_file_path(const std::string& db_location,
                                      const std::string& profile_name);

/// Lower-case hex SHA-256 of everything the graph depends on: the network
/// content hash (RoadSourceInfo::network_sha256), every profile parameter
/// (exact bits) and graph_file_version. Pure; thread-safe.
std::string graph_content_hash(const std::string& network_sha256,
                               const geo::road::Profile& profile);

/// Writes `graph` and its CCH order `cch_order` (order[rank] = node, a
/// permutation of the nodes; empty = computed here with
/// compute_nested_dissection_order) with `content_hash` in its header,
/// atomically: a temporary file in the same directory, flushed, then renamed
/// over `path`, so readers see the old file or the new one, never a partial
/// one. Throws DataError(invalid_input) for inconsistent arrays or an order
/// that is not a permutation, DataError(io) naming the path when it cannot
/// be written.
void write_graph_file(const std::filesystem::path& path, const geo::road::RoadGraph& graph,
                      const std::string& content_hash,
                      std::span<const geo::road::NodeIndex> cch_order = {});

/// Why read_graph_file() gave no graph.
enum class GraphFileProblem : std::uint8_t {
    none,
    missing,
    unreadable,
    bad_magic,
    other_version,
    other_content,
    truncated,
    corrupt
};
/// English phrase for messages ("missing", "built from another network or profile", ...).
const char* to_string(GraphFileProblem problem);

/// Reads a graph file straight into the graph's arrays (one read per array,
/// no intermediate copy of the file, checksummed on the way: ~20 ms for the
/// 1,000,000-node city's 83 MB). Returns the graph only when the file
/// exists, has this format version, was built for `expected_hash`, has the
/// size its header states, its checksum matches and its arrays are a valid
/// CSR graph with a permutation as its CCH order; otherwise nullopt and
/// `problem` (when given) says why. The order goes to `cch_order` when given
/// (left alone on failure). Never throws for a bad file. Thread-safe for
/// distinct paths.
std::optional<geo::road::RoadGraph>
read_graph_file(const std::filesystem::path& path, const std::string& expected_hash,
                GraphFileProblem* problem = nullptr,
                std::vector<geo::road::NodeIndex>* cch_order = nullptr);

/// A graph from load_or_build_graph().
struct LoadedGraph {
    geo::road::RoadGraph graph;
    /// Nested-dissection order of `graph` (order[rank] = node), as
    /// compute_nested_dissection_order() gives it; read from the file.
    std::vector<geo::road::NodeIndex> cch_order;
    std::filesystem::path path; ///< the graph file
    bool rebuilt = false;       ///< built now (and written) instead of read
    GraphFileProblem why_rebuilt = GraphFileProblem::none;
    double milliseconds = 0; ///< wall time of the read (or of load+build+write)
};

/// The graph of `profile` for the network stored in `store`: read from its
/// graph file when that matches the current network and profile, otherwise
/// (missing, truncated, corrupt, other version, network or profile changed)
/// built from the stored network, ordered for the CCH and written back. Closures are not part of
/// the graph (they are applied as weights). Throws DataError(not_found) when
/// the store has no road network, DataError(io) when the rebuilt file cannot
/// be written. Not thread-safe with respect to `store`.
LoadedGraph load_or_build_graph(Store& store, const geo::road::Profile& profile);

} // namespace breathline::data
