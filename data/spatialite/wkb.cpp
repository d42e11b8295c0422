#include "data/spatialite/wkb.h"

#include "data/error.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace breathline::data::spatialite {

namespace {

static_assert(std::endian::native == std::endian::little,
              "the WKB writer assumes a little-endian machine");

constexpr std::uint32_t k_linestring = 2;
constexpr std::uint32_t k_polygon = 3;
constexpr std::uint32_t k_multipolygon = 6;

template <typename T> void put(std::string& out, T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

void put_header(std::string& out, std::uint32_t type) {
    out.push_back(1); // little-endian
    put(out, type);
}

void put_ring(std::string& out, const geo::Ring& ring) {
    const bool closed = ring.points.size() > 1 && ring.points.front() == ring.points.back();
    put(out, static_cast<std::uint32_t>(ring.points.size() + (closed ? 0 : 1)));
    for (const geo::LonLat& p : ring.points) {
        put(out, p.lon());
        put(out, p.lat());
    }
    if (!closed && !ring.points.empty()) {
        put(out, ring.points.front().lon());
        put(out, ring.points.front().lat());
    }
}

class Reader {
public:
    explicit Reader(std::string_view wkb) : m_wkb(wkb) {}
    template <typename T> T get() {
        if (m_pos + sizeof(T) > m_wkb.size())
            throw DataError(ErrorCode::sql, "truncated geometry blob in the road tables");
        T value;
        std::memcpy(&value, m_wkb.data() + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return value;
    }
    std::uint32_t header() {
        if (get<std::uint8_t>() != 1)
            throw DataError(ErrorCode::sql, "big-endian geometry blob in the road tables");
        return get<std::uint32_t>() % 1000; // ISO Z/M codes are not written here
    }
    geo::LonLat point() {
        const double lon = get<double>();
        const double lat = get<double>();
        return geo::LonLat(lon, lat);
    }
    geo::Ring ring() {
        geo::Ring r;
        const std::uint32_t n = get<std::uint32_t>();
        for (std::uint32_t i = 0; i < n; ++i)
            r.points.push_back(point());
        return r;
    }
    geo::Polygon polygon() {
        geo::Polygon p;
        const std::uint32_t rings = get<std::uint32_t>();
        for (std::uint32_t i = 0; i < rings; ++i) {
            if (i == 0)
                p.outer = ring();
            else
                p.holes.push_back(ring());
        }
        return p;
    }

private:
    std::string_view m_wkb;
    std::size_t m_pos = 0;
};

} // namespace

std::string wkb_linestring(const std::vector<geo::LonLat>& points) {
    std::string out;
    out.reserve(9 + points.size() * 16);
    put_header(out, k_linestring);
    put(out, static_cast<std::uint32_t>(points.size()));
    for (const geo::LonLat& p : points) {
        put(out, p.lon());
        put(out, p.lat());
    }
    return out;
}

std::string wkb_multipolygon(const geo::MultiPolygon& area) {
    std::string out;
    put_header(out, k_multipolygon);
    put(out, static_cast<std::uint32_t>(area.parts.size()));
    for (const geo::Polygon& part : area.parts) {
        put_header(out, k_polygon);
        put(out, static_cast<std::uint32_t>(1 + part.holes.size()));
        put_ring(out, part.outer);
        for (const geo::Ring& hole : part.holes)
            put_ring(out, hole);
    }
    return out;
}

std::vector<geo::LonLat> parse_wkb_linestring(std::string_view wkb) {
    Reader r(wkb);
    if (r.header() != k_linestring)
        throw DataError(ErrorCode::sql, "a road edge geometry is not a LINESTRING");
    const std::uint32_t n = r.get<std::uint32_t>();
    std::vector<geo::LonLat> points;
    points.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i)
        points.push_back(r.point());
    return points;
}

geo::MultiPolygon parse_wkb_multipolygon(std::string_view wkb) {
    Reader r(wkb);
    geo::MultiPolygon area;
    const std::uint32_t type = r.header();
    if (type == k_polygon) {
        area.parts.push_back(r.polygon());
        return area;
    }
    if (type != k_multipolygon)
        throw DataError(ErrorCode::sql, "a road closure geometry is not a (MULTI)POLYGON");
    const std::uint32_t n = r.get<std::uint32_t>();
    for (std::uint32_t i = 0; i < n; ++i) {
        if (r.header() != k_polygon)
            throw DataError(ErrorCode::sql,
                            "a road closure geometry has a part that is not a POLYGON");
        area.parts.push_back(r.polygon());
    }
    return area;
}

} // namespace breathline::data::spatialite
