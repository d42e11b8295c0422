#include "data/roads/graph_file.h"

#include "data/audit/sha256.h"
#include "data/error.h"
#include "data/roads/road_store.h"
#include "data/store/store.h"
#include "geo/road/cch_order.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace breathline::data {

namespace fs = std::filesystem;
using geo::road::RoadGraph;

namespace {

static_assert(std::endian::native == std::endian::little,
              "graph files are written little-endian, as the machine's arrays are");

constexpr char k_magic[8] = {'B', 'R', 'L', 'N', 'G', 'R', 'P', 'H'};
constexpr std::uint32_t k_byte_order_mark = 0x01020304;

struct Header {
    char magic[8];
    std::uint32_t version;
    std::uint32_t byte_order;
    char content_hash[64];
    std::uint64_t node_count;
    std::uint64_t arc_count;
    std::uint64_t payload_bytes;
    std::uint64_t checksum;
    char reserved[16];
};
static_assert(sizeof(Header) == 128);

constexpr std::size_t padded(std::size_t bytes) {
    return (bytes + 7) / 8 * 8;
}

// Bytes of the arrays in file order: first_out, head, travel_time_ms,
// length_m, edge, node_position, cch order.
std::size_t payload_size(std::uint64_t n, std::uint64_t m) {
    return padded((n + 1) * 4) + 4 * padded(m * 4) + n * 16 + padded(n * 4);
}

// True when `order` holds each of 0 .. n-1 exactly once.
bool is_permutation_of_nodes(std::span<const geo::road::NodeIndex> order, std::size_t n) {
    if (order.size() != n) return false;
    std::vector<bool> seen(n, false);
    for (const geo::road::NodeIndex v : order) {
        if (v >= n || seen[v]) return false;
        seen[v] = true;
    }
    return true;
}

// A 4-lane multiply-rotate checksum (the round function of xxHash64): it
// runs at memory speed, so a 1,000,000-node file still loads in
// milliseconds, and catches any corrupted word, which the structural checks
// below cannot for weights and lengths. Fed in pieces (the arrays as they
// are read), it equals one pass over the concatenated bytes.
class Checksum {
public:
    void update(const unsigned char* data, std::size_t size) {
        m_size += size;
        if (m_carry_size > 0) {
            const std::size_t take = std::min(size, sizeof m_carry - m_carry_size);
            std::memcpy(m_carry + m_carry_size, data, take);
            m_carry_size += take;
            data += take;
            size -= take;
            if (m_carry_size < sizeof m_carry) return;
            block(m_carry);
            m_carry_size = 0;
        }
        for (; size >= 32; data += 32, size -= 32)
            block(data);
        std::memcpy(m_carry, data, size);
        m_carry_size = size;
    }

    std::uint64_t finish() const {
        std::uint64_t h = m_size;
        for (const std::uint64_t l : m_lane)
            h = std::rotl(h ^ (std::rotl(l * p2, 31) * p1), 27) * p1 + p2;
        for (std::size_t i = 0; i < m_carry_size; ++i)
            h = std::rotl(h ^ (m_carry[i] * p1), 11) * p2;
        return h ^ (h >> 29);
    }

private:
    static constexpr std::uint64_t p1 = 0x9E3779B185EBCA87ULL;
    static constexpr std::uint64_t p2 = 0xC2B2AE3D27D4EB4FULL;

    void block(const unsigned char* data) {
        for (int k = 0; k < 4; ++k) {
            std::uint64_t w;
            std::memcpy(&w, data + 8 * k, 8);
            m_lane[k] = std::rotl(m_lane[k] + w * p2, 31) * p1;
        }
    }

    std::uint64_t m_lane[4] = {p1, p2, p1 ^ p2, p1 + p2};
    unsigned char m_carry[32] = {};
    std::size_t m_carry_size = 0;
    std::uint64_t m_size = 0;
};

std::uint64_t checksum(const unsigned char* data, std::size_t size) {
    Checksum sum;
    sum.update(data, size);
    return sum.finish();
}

std::string hex(const std::array<std::uint8_t, 32>& digest) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (const std::uint8_t b : digest) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

template <typename T> void append_array(std::string& out, const std::vector<T>& v) {
    const std::size_t bytes = v.size() * sizeof(T);
    out.append(reinterpret_cast<const char*>(v.data()), bytes);
    out.append(padded(bytes) - bytes, '\0');
}

bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

fs::path graph_file_path(const std::string& db_location, const std::string& profile_name) {
    const bool ok =
        !profile_name.empty() && std::all_of(profile_name.begin(), profile_name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '_' || c == '-';
        });
    if (!ok)
        throw DataError(ErrorCode::invalid_input,
                        "profile name '" + profile_name +
                            "' cannot name a graph file: use letters, digits, _ and -");
    return fs::path(db_location + ".roads." + profile_name + ".graph");
}

std::string graph_content_hash(const std::string& network_sha256,
                               const geo::road::Profile& profile) {
    std::string text = "breathline graph file v" + std::to_string(graph_file_version) + "\n";
    text += network_sha256 + "\n" + profile.name + "\n";
    auto number = [&](double d) { text += std::to_string(std::bit_cast<std::uint64_t>(d)) + " "; };
    for (const auto& speed : profile.speed_kmh) {
        if (speed)
            number(*speed);
        else
            text += "- ";
    }
    text += profile.use_maxspeed ? "M" : "m";
    text += profile.honour_oneway ? "O" : "o";
    number(profile.maxspeed_factor);
    number(profile.access_speed_kmh);
    number(profile.detour_factor);
    number(profile.approximate_leg_m);
    number(profile.max_snap_m);
    Sha256 sha;
    sha.update(text);
    return hex(sha.finish());
}

const char* to_string(GraphFileProblem problem) {
    switch (problem) {
    case GraphFileProblem::none:
        return "up to date";
    case GraphFileProblem::missing:
        return "missing";
    case GraphFileProblem::unreadable:
        return "unreadable";
    case GraphFileProblem::bad_magic:
        return "not a Breathline graph file";
    case GraphFileProblem::other_version:
        return "written by another version";
    case GraphFileProblem::other_content:
        return "built from another network or profile";
    case GraphFileProblem::truncated:
        return "truncated";
    case GraphFileProblem::corrupt:
        return "corrupt";
    }
    return "unknown";
}

void write_graph_file(const fs::path& path, const RoadGraph& graph, const std::string& content_hash,
                      std::span<const geo::road::NodeIndex> cch_order) {
    const std::uint64_t n = graph.node_count();
    const std::uint64_t m = graph.arc_count();
    if (content_hash.size() != 64 || graph.first_out.size() != n + 1 || graph.head.size() != m ||
        graph.travel_time_ms.size() != m || graph.length_m.size() != m || graph.edge.size() != m ||
        graph.node_position.size() != n)
        throw DataError(ErrorCode::invalid_input,
                        "graph for '" + path.string() + "' has inconsistent array sizes");
    std::vector<geo::road::NodeIndex> computed;
    if (cch_order.empty() && n > 0) {
        computed = geo::road::compute_nested_dissection_order(graph);
        cch_order = computed;
    }
    if (!is_permutation_of_nodes(cch_order, n))
        throw DataError(ErrorCode::invalid_input,
                        "CCH order for '" + path.string() +
                            "' is not a permutation of the graph's nodes");

    std::string payload;
    payload.reserve(payload_size(n, m));
    append_array(payload, graph.first_out);
    append_array(payload, graph.head);
    append_array(payload, graph.travel_time_ms);
    append_array(payload, graph.length_m);
    append_array(payload, graph.edge);
    for (const geo::LonLat& p : graph.node_position) {
        const double xy[2] = {p.lon(), p.lat()};
        payload.append(reinterpret_cast<const char*>(xy), sizeof xy);
    }
    append_array(payload, std::vector<geo::road::NodeIndex>(cch_order.begin(), cch_order.end()));

    Header h{};
    std::memcpy(h.magic, k_magic, sizeof k_magic);
    h.version = graph_file_version;
    h.byte_order = k_byte_order_mark;
    std::memcpy(h.content_hash, content_hash.data(), 64);
    h.node_count = n;
    h.arc_count = m;
    h.payload_bytes = payload.size();
    h.checksum = checksum(reinterpret_cast<const unsigned char*>(payload.data()), payload.size());

    // Unique per process and call: two writers never share a temporary file,
    // and rename() makes whichever finishes last the file readers see.
    static std::atomic<unsigned> counter{0};
    const fs::path tmp = path.string() + ".tmp." + std::to_string(::getpid()) + "." +
                         std::to_string(counter.fetch_add(1));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool ok = fd >= 0;
    ok = ok && write_all(fd, reinterpret_cast<const char*>(&h), sizeof h);
    ok = ok && write_all(fd, payload.data(), payload.size());
    ok = ok && ::fsync(fd) == 0;
    const int saved = errno;
    if (fd >= 0 && ::close(fd) != 0) ok = false;
    std::error_code ec;
    if (ok) fs::rename(tmp, path, ec);
    if (!ok || ec) {
        fs::remove(tmp, ec);
        throw DataError(ErrorCode::io, "cannot write the road graph file '" + path.string() +
                                           "' (" + std::strerror(ok ? ec.value() : saved) +
                                           "): check free space and write permission beside "
                                           "the database");
    }
}

namespace {

/// Reads consecutive parts of a file straight into their destination and
/// checksums them on the way, so a load touches every byte once.
class PayloadReader {
public:
    explicit PayloadReader(int fd) : m_fd(fd) {}

    /// Reads exactly `size` bytes into `dst`; false on an error or end of file.
    bool read(void* dst, std::size_t size) {
        auto* out = static_cast<unsigned char*>(dst);
        std::size_t done = 0;
        while (done < size) {
            const ssize_t n = ::read(m_fd, out + done, size - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            done += static_cast<std::size_t>(n);
        }
        m_sum.update(out, size);
        return true;
    }

    /// An array of `count` elements and the zero padding after it.
    template <typename T> bool read_array(std::vector<T>& v, std::size_t count) {
        v.resize(count);
        const std::size_t bytes = count * sizeof(T);
        unsigned char pad[8];
        return read(v.data(), bytes) && read(pad, padded(bytes) - bytes);
    }

    std::uint64_t checksum() const { return m_sum.finish(); }

private:
    int m_fd;
    Checksum m_sum;
};

} // namespace

std::optional<RoadGraph> read_graph_file(const fs::path& path, const std::string& expected_hash,
                                         GraphFileProblem* problem,
                                         std::vector<geo::road::NodeIndex>* cch_order) {
    GraphFileProblem dummy;
    GraphFileProblem& why = problem ? *problem : dummy;
    why = GraphFileProblem::none;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        why = errno == ENOENT ? GraphFileProblem::missing : GraphFileProblem::unreadable;
        return std::nullopt;
    }
    // Closes the file on every return.
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        why = GraphFileProblem::unreadable;
        return std::nullopt;
    }
    const auto file_size = static_cast<std::uint64_t>(st.st_size);
    // The arrays are read one by one straight into the graph's vectors (no
    // copy of the whole file), checksummed on the way; only the header is
    // read on its own first.
    Header h{};
    const std::size_t header_bytes = std::min<std::uint64_t>(file_size, sizeof h);
    std::size_t got = 0;
    while (got < header_bytes) {
        const ssize_t r = ::read(fd, reinterpret_cast<char*>(&h) + got, header_bytes - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
            why = GraphFileProblem::unreadable;
            return std::nullopt;
        }
        got += static_cast<std::size_t>(r);
    }
    if (header_bytes < sizeof h) {
        // A cut-off header still starts with (part of) the magic.
        const std::size_t prefix = std::min(header_bytes, sizeof k_magic);
        why = std::memcmp(h.magic, k_magic, prefix) == 0 ? GraphFileProblem::truncated
                                                         : GraphFileProblem::bad_magic;
        return std::nullopt;
    }
    if (std::memcmp(h.magic, k_magic, sizeof k_magic) != 0 || h.byte_order != k_byte_order_mark) {
        why = GraphFileProblem::bad_magic;
        return std::nullopt;
    }
    if (h.version != graph_file_version) {
        why = GraphFileProblem::other_version;
        return std::nullopt;
    }
    if (expected_hash.size() != 64 || std::memcmp(h.content_hash, expected_hash.data(), 64) != 0) {
        why = GraphFileProblem::other_content;
        return std::nullopt;
    }
    const std::uint64_t n = h.node_count;
    const std::uint64_t m = h.arc_count;
    // Counts beyond 2^32 cannot be indexed by NodeIndex/ArcIndex; checking
    // them first also keeps payload_size() from overflowing.
    if (n >= geo::road::invalid_index || m >= geo::road::invalid_index ||
        h.payload_bytes != payload_size(n, m)) {
        why = GraphFileProblem::corrupt;
        return std::nullopt;
    }
    if (file_size - sizeof h != h.payload_bytes) {
        why = file_size - sizeof h < h.payload_bytes ? GraphFileProblem::truncated
                                                     : GraphFileProblem::corrupt;
        return std::nullopt;
    }

    RoadGraph g;
    PayloadReader in(fd);
    bool read_ok = in.read_array(g.first_out, n + 1) && in.read_array(g.head, m) &&
                   in.read_array(g.travel_time_ms, m) && in.read_array(g.length_m, m) &&
                   in.read_array(g.edge, m);
    // Positions in chunks, validated as LonLat on the way (a bad one is
    // corruption, reported after the checksum so a damaged file reads as
    // corrupt either way).
    bool valid = true;
    g.node_position.reserve(n);
    {
        constexpr std::size_t chunk = 4096;
        std::vector<double> xy(2 * chunk);
        for (std::size_t v = 0; read_ok && v < n; v += chunk) {
            const std::size_t count = std::min<std::size_t>(chunk, n - v);
            read_ok = in.read(xy.data(), count * 16);
            for (std::size_t i = 0; read_ok && valid && i < count; ++i) {
                try {
                    g.node_position.emplace_back(xy[2 * i], xy[2 * i + 1]);
                } catch (const std::invalid_argument&) {
                    valid = false;
                }
            }
        }
    }
    std::vector<geo::road::NodeIndex> order;
    read_ok = read_ok && in.read_array(order, n);
    if (!read_ok) {
        // The size matched, so the file changed under us or the disk failed.
        why = GraphFileProblem::unreadable;
        return std::nullopt;
    }
    if (in.checksum() != h.checksum) {
        why = GraphFileProblem::corrupt;
        return std::nullopt;
    }
    valid = valid && g.first_out.front() == 0 && g.first_out.back() == m;
    for (std::size_t v = 0; valid && v < n; ++v)
        valid = g.first_out[v] <= g.first_out[v + 1];
    for (std::size_t a = 0; valid && a < m; ++a)
        valid = g.head[a] < n;
    valid = valid && is_permutation_of_nodes(order, n);
    if (!valid) {
        why = GraphFileProblem::corrupt;
        return std::nullopt;
    }
    if (cch_order) *cch_order = std::move(order);
    return g;
}

LoadedGraph load_or_build_graph(Store& store, const geo::road::Profile& profile) {
    const auto start = std::chrono::steady_clock::now();
    auto elapsed_ms = [&] {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count();
    };
    auto roads = road_store(store);
    const auto source = roads->source();
    if (!source)
        throw DataError(ErrorCode::not_found,
                        "'" + store.location() +
                            "' has no road network: import one first (breathline roads import "
                            "<file>)");
    LoadedGraph out;
    out.path = graph_file_path(store.location(), profile.name);
    const std::string hash = graph_content_hash(source->network_sha256, profile);
    if (auto graph = read_graph_file(out.path, hash, &out.why_rebuilt, &out.cch_order)) {
        out.graph = std::move(*graph);
        out.milliseconds = elapsed_ms();
        return out;
    }
    out.graph = geo::road::build_road_graph(roads->load_network(), profile);
    out.cch_order = geo::road::compute_nested_dissection_order(out.graph);
    write_graph_file(out.path, out.graph, hash, out.cch_order);
    out.rebuilt = true;
    out.milliseconds = elapsed_ms();
    return out;
}

} // namespace breathline::data
