#include "data/spatialite/row_sql.h"

#include <algorithm>
#include <cmath>

namespace breathline::data::spatialite {

namespace {

constexpr std::string_view k_facility_columns =
    "external_id, kind, seed_no, name, name_kana, address, phone, capacity, status, "
    "relief_station, oxygen_depot, geocode_precision, geocode_source, notes, occupancy, power";
constexpr int k_facility_column_count = 16;

int bind_facility(sqlite::Statement& st, const Facility& f) {
    int i = 1;
    st.bind(i++, f.external_id);
    st.bind(i++, to_db(f.kind));
    if (f.seed_no)
        st.bind(i++, *f.seed_no);
    else
        st.bind_null(i++);
    st.bind(i++, f.name);
    st.bind(i++, f.name_kana);
    st.bind(i++, f.address);
    st.bind(i++, f.phone);
    if (f.capacity)
        st.bind(i++, *f.capacity);
    else
        st.bind_null(i++);
    st.bind(i++, to_db(f.status));
    st.bind(i++, f.relief_station ? 1 : 0);
    st.bind(i++, f.oxygen_depot ? 1 : 0);
    st.bind(i++, to_db(f.geocode_precision));
    st.bind(i++, f.geocode_source);
    st.bind(i++, f.notes);
    if (f.occupancy)
        st.bind(i++, *f.occupancy);
    else
        st.bind_null(i++);
    if (f.power)
        st.bind(i++, to_db(*f.power));
    else
        st.bind_null(i++);
    return i;
}

Facility read_facility(const sqlite::Statement& st) {
    Facility f;
    int i = 0;
    f.id = st.column_int64(i++);
    f.row_version = st.column_int64(i++);
    f.location = read_point(st, i, i + 1);
    i += 2;
    f.external_id = st.column_text(i++);
    f.kind = enum_col(st, i++, FacilityKind::rescue_centre);
    if (!st.is_null(i)) f.seed_no = st.column_int(i);
    ++i;
    f.name = st.column_text(i++);
    f.name_kana = st.column_text(i++);
    f.address = st.column_text(i++);
    f.phone = st.column_text(i++);
    if (!st.is_null(i)) f.capacity = st.column_int(i);
    ++i;
    f.status = enum_col(st, i++, FacilityStatus::unknown);
    f.relief_station = st.column_int64(i++) != 0;
    f.oxygen_depot = st.column_int64(i++) != 0;
    f.geocode_precision = enum_col(st, i++, GeocodePrecision::unresolved);
    f.geocode_source = st.column_text(i++);
    f.notes = st.column_text(i++);
    if (!st.is_null(i)) f.occupancy = st.column_int(i);
    ++i;
    if (!st.is_null(i)) f.power = parse_enum<FacilityPower>(st.column_text(i));
    ++i;
    return f;
}

std::string facility_select() {
    return "SELECT id, row_version, X(geom), Y(geom), " + std::string(k_facility_columns) +
           " FROM facilities";
}

// Metres per degree, deliberately on the small side so a box of half-width
// r metres in degrees always contains the circle of radius r in EPSG:6677
// around Tokyo (true values: ~110,950 m/deg lat, ~111,400·cos(lat) m/deg lon;
// the plane's scale factor is 0.9999 near the central meridian).
constexpr double k_m_per_deg_lower_bound = 109'000.0;
constexpr double k_deg = 3.14159265358979323846 / 180.0;

} // namespace

UpsertResult SpatialiteFacilityStore::upsert_facility(const Facility& facility) {
    return upsert_row(
        m_db, m_audit, "facilities", k_facility_columns, k_facility_column_count, facility,
        [&] { return facility_by_external_id(facility.external_id); }, facility_fields(),
        bind_facility);
}

std::optional<Facility> SpatialiteFacilityStore::facility(RowId id) {
    auto st = m_db.prepare(facility_select() + " WHERE id=?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_facility(st);
}

std::optional<Facility>
SpatialiteFacilityStore::facility_by_external_id(std::string_view external_id) {
    auto st = m_db.prepare(facility_select() + " WHERE external_id=?");
    st.bind(1, external_id);
    if (!st.step()) return std::nullopt;
    return read_facility(st);
}

std::vector<Facility> SpatialiteFacilityStore::facilities(const FacilityFilter& filter) {
    std::string sql = facility_select() + " WHERE 1=1";
    if (filter.kind) sql += " AND kind=:kind";
    if (filter.precision) sql += " AND geocode_precision=:precision";
    if (filter.relief_station)
        sql += *filter.relief_station ? " AND relief_station=1" : " AND relief_station=0";
    sql += " ORDER BY kind, COALESCE(seed_no, 1000000), id";
    auto st = m_db.prepare(sql);
    int i = 1;
    if (filter.kind) st.bind(i++, to_db(*filter.kind));
    if (filter.precision) st.bind(i++, to_db(*filter.precision));
    std::vector<Facility> out;
    while (st.step())
        out.push_back(read_facility(st));
    return out;
}

std::vector<NearestFacility> SpatialiteFacilityStore::nearest(const geo::LonLat& from,
                                                              std::optional<FacilityKind> kind,
                                                              std::size_t k) {
    std::vector<NearestFacility> out;
    if (k == 0) return out;
    // Candidates come from the R*Tree only: that is the index whose damage
    // `check` detects, and it keeps the query sub-linear for large tables.
    // Only id and point are read per candidate; whole rows are read for the
    // k results alone, since a growing box may hold thousands of candidates.
    std::string sql = "SELECT id, X(geom), Y(geom) FROM facilities WHERE id IN (SELECT pkid "
                      "FROM idx_facilities_geom WHERE xmin <= ?1 AND xmax >= ?2 AND ymin <= ?3 "
                      "AND ymax >= ?4)";
    if (kind) sql += " AND kind = ?5";
    // Cached: preparing these two statements cost more than running them.
    auto& st = m_db.cached(sql);
    struct Candidate {
        RowId id;
        geo::LonLat location;
        double distance_m;
    };
    auto closer = [](const Candidate& a, const Candidate& b) {
        return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.id < b.id;
    };
    std::vector<Candidate> candidates;
    // No MIN/MAX over the index to find its extent: SQLite answers that with
    // a scan of every R*Tree entry, which made each query linear in the
    // number of facilities. The box grows instead until it covers the globe.
    const geo::PlaneXY origin = m_projector.to_plane(from);
    const double cos_lat = std::cos(from.lat() * k_deg);
    // Start small: in dense data (100,000 points over the ward) a 500 m box
    // already holds thousands of candidates, while in sparse data a few
    // extra empty R*Tree probes cost microseconds each.
    double radius_m = 50.0;
    for (;;) {
        const double dlat = radius_m / k_m_per_deg_lower_bound;
        const double dlon = radius_m / (k_m_per_deg_lower_bound * std::max(cos_lat, 0.01));
        st.reset();
        st.bind(1, from.lon() + dlon).bind(2, from.lon() - dlon);
        st.bind(3, from.lat() + dlat).bind(4, from.lat() - dlat);
        if (kind) st.bind(5, to_db(*kind));
        candidates.clear();
        while (st.step()) {
            const auto location = read_point(st, 1, 2);
            if (!location) continue;
            candidates.push_back({st.column_int64(0), *location,
                                  geo::distance_m(origin, m_projector.to_plane(*location))});
        }
        const std::size_t take = std::min(k, candidates.size());
        std::partial_sort(candidates.begin(),
                          candidates.begin() + static_cast<std::ptrdiff_t>(take), candidates.end(),
                          closer);
        candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(take), candidates.end());
        // Everything within radius_m of the origin is inside the box, so the
        // first k are final once the k-th lies within the radius.
        const bool enough = take == k && candidates[k - 1].distance_m <= radius_m;
        const bool whole_globe = dlon >= 360.0 && dlat >= 180.0;
        if (enough || whole_globe) break;
        radius_m = take == k ? candidates[k - 1].distance_m * 1.0001 : radius_m * 4.0;
    }
    static const std::string row_sql = facility_select() + " WHERE id=?";
    auto& row = m_db.cached(row_sql);
    for (const Candidate& c : candidates) {
        row.reset();
        row.bind(1, c.id);
        if (row.step()) out.push_back({read_facility(row), c.distance_m});
    }
    row.reset(); // release the read snapshot
    return out;
}

// ---- areas ------------------------------------------------------------------

UpsertResult SpatialiteAreaStore::upsert_area(const Area& area) {
    WriteScope scope(m_db);
    UpsertResult result;
    auto existing = this->area(area.kind, area.name);
    if (existing && existing->source == area.source) {
        // Compare geometries as stored (WKB), since text forms round.
        auto same = m_db.prepare("SELECT AsBinary(CastToMultiPolygon(GeomFromText(?, 4326))) = "
                                 "AsBinary(geom) FROM areas WHERE id=?");
        same.bind(1, area.wkt).bind(2, existing->id);
        if (same.step() && !same.is_null(0) && same.column_int64(0) == 1) {
            result.id = existing->id;
            return result;
        }
    }
    if (existing) {
        m_db.prepare("UPDATE areas SET source=?, geom=CastToMultiPolygon(GeomFromText(?, 4326)) "
                     "WHERE id=?")
            .bind(1, area.source)
            .bind(2, area.wkt)
            .bind(3, existing->id)
            .run();
        result.id = existing->id;
        result.changed = true;
    } else {
        m_db.prepare("INSERT INTO areas(kind, name, source, geom) VALUES (?, ?, ?, "
                     "CastToMultiPolygon(GeomFromText(?, 4326)))")
            .bind(1, area.kind)
            .bind(2, area.name)
            .bind(3, area.source)
            .bind(4, area.wkt)
            .run();
        result.id = m_db.last_insert_rowid();
        result.created = true;
    }
    if (m_db.query_int64("SELECT geom IS NULL FROM areas WHERE id=" + std::to_string(result.id))
            .value_or(1) != 0)
        throw DataError(ErrorCode::invalid_input,
                        "area '" + area.name + "': geometry is not a valid (multi)polygon WKT");
    m_audit.record(result.created ? "create" : "update", "areas", area.kind + ":" + area.name,
                   "source: " + area.source);
    scope.commit();
    return result;
}

namespace {

// AsText rounds to 6 decimals (about 10 cm); AsWKT keeps ~15 significant
// digits and the WKB keeps the stored doubles exactly.
constexpr std::string_view k_area_select =
    "SELECT id, kind, name, COALESCE(source,''), AsWKT(geom), Hex(AsBinary(geom)) FROM areas";

std::string from_hex(std::string_view hex) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    std::string out(hex.size() / 2, '\0');
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<char>(nibble(hex[2 * i]) * 16 + nibble(hex[2 * i + 1]));
    return out;
}

Area read_area(const sqlite::Statement& st) {
    Area a{st.column_int64(0), st.column_text(1), st.column_text(2),
           st.column_text(3),  st.column_text(4), {}};
    if (!st.is_null(5)) a.wkb = from_hex(st.column_text(5));
    return a;
}

} // namespace

std::optional<Area> SpatialiteAreaStore::area(std::string_view kind, std::string_view name) {
    auto st = m_db.prepare(std::string(k_area_select) + " WHERE kind=? AND name=?");
    st.bind(1, kind).bind(2, name);
    if (!st.step()) return std::nullopt;
    return read_area(st);
}

std::vector<Area> SpatialiteAreaStore::areas(std::string_view kind) {
    auto st = m_db.prepare(std::string(k_area_select) + " WHERE kind=? ORDER BY id");
    st.bind(1, kind);
    std::vector<Area> out;
    while (st.step())
        out.push_back(read_area(st));
    return out;
}

bool SpatialiteAreaStore::area_contains(RowId area_id, const geo::LonLat& point) {
    auto st = m_db.prepare("SELECT ST_Covers(geom, MakePoint(?, ?, 4326)) FROM areas WHERE id=?");
    st.bind(1, point.lon()).bind(2, point.lat()).bind(3, area_id);
    return st.step() && st.column_int64(0) == 1;
}

} // namespace breathline::data::spatialite
