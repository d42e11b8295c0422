// road_network_hash (declared in road_store.h): the fingerprint graph files
// and the store compare to know whether a network changed.

#include "data/audit/sha256.h"
#include "data/roads/road_store.h"

#include <bit>
#include <cstring>

namespace breathline::data {

namespace {

// Buffers the canonical bytes and feeds SHA-256 in large pieces.
class Hasher {
public:
    template <typename T> void add(T value) {
        char bytes[sizeof(T)];
        std::memcpy(bytes, &value, sizeof(T));
        m_buffer.append(bytes, sizeof(T));
        flush_if_full();
    }
    void add(double value) { add(std::bit_cast<std::uint64_t>(value)); }
    void add(const geo::LonLat& p) {
        add(p.lon());
        add(p.lat());
    }
    void add_text(const std::string& s) {
        add(static_cast<std::uint64_t>(s.size()));
        m_buffer += s;
        flush_if_full();
    }
    std::string hex() {
        m_sha.update(m_buffer);
        static const char* digits = "0123456789abcdef";
        std::string out;
        for (const std::uint8_t b : m_sha.finish()) {
            out += digits[b >> 4];
            out += digits[b & 15];
        }
        return out;
    }

private:
    void flush_if_full() {
        if (m_buffer.size() < (1u << 16)) return;
        m_sha.update(m_buffer);
        m_buffer.clear();
    }
    Sha256 m_sha;
    std::string m_buffer;
};

} // namespace

std::string road_network_hash(const geo::road::RoadNetwork& network) {
    Hasher h;
    h.add_text("breathline road network v1");
    h.add(static_cast<std::uint64_t>(network.nodes.size()));
    for (std::size_t v = 0; v < network.nodes.size(); ++v) {
        h.add(network.nodes[v]);
        h.add(v < network.node_source_ids.size() ? network.node_source_ids[v] : std::uint64_t{0});
    }
    h.add(static_cast<std::uint64_t>(network.edges.size()));
    for (const geo::road::RoadEdge& e : network.edges) {
        h.add(e.from);
        h.add(e.to);
        h.add(e.length_m);
        h.add(static_cast<std::uint8_t>(e.road_class));
        h.add(static_cast<std::uint8_t>(e.oneway));
        h.add(static_cast<std::uint8_t>(e.maxspeed_kmh.has_value()));
        h.add(e.maxspeed_kmh.value_or(0.0));
        h.add(static_cast<std::uint8_t>(e.bridge));
        h.add(static_cast<std::uint8_t>(e.tunnel));
        h.add_text(e.name_id < network.names.size() ? network.names[e.name_id] : std::string());
        h.add(e.source_id);
        h.add(static_cast<std::uint64_t>(e.shape.size()));
        for (const geo::LonLat& p : e.shape)
            h.add(p);
    }
    return h.hex();
}

} // namespace breathline::data
