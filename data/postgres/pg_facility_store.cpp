// Facilities and areas on PostgreSQL/PostGIS: the same columns, audit entries
// and orderings as data/spatialite/facility_store.cpp. nearest() walks the
// GiST index by KNN and ranks by the metric distance in EPSG:6677.

#include "data/error.h"
#include "data/postgres/pg_stores.h"
#include "data/postgres/pg_upsert.h"

#include <algorithm>
#include <cmath>

namespace breathline::data::pg {

namespace {

constexpr std::string_view k_facility_columns =
    "external_id, kind, seed_no, name, name_kana, address, phone, capacity, status, "
    "relief_station, oxygen_depot, geocode_precision, geocode_source, notes, occupancy, power";
constexpr int k_facility_column_count = 16;

void bind_facility(Params& q, const Facility& f) {
    q.add(f.external_id);
    q.add(to_db(f.kind));
    q.add(f.seed_no);
    q.add(f.name);
    q.add(f.name_kana);
    q.add(f.address);
    q.add(f.phone);
    q.add(f.capacity);
    q.add(to_db(f.status));
    q.add(b01(f.relief_station));
    q.add(b01(f.oxygen_depot));
    q.add(to_db(f.geocode_precision));
    q.add(f.geocode_source);
    q.add(f.notes);
    q.add(f.occupancy);
    if (f.power)
        q.add(to_db(*f.power));
    else
        q.add_null();
}

Facility read_facility(const Result& r, int row) {
    RowReader c(r, row);
    Facility f;
    f.id = c.int64();
    f.row_version = c.int64();
    f.location = c.point();
    f.external_id = c.text();
    f.kind = c.enum_or(FacilityKind::rescue_centre);
    f.seed_no = c.opt_int();
    f.name = c.text();
    f.name_kana = c.text();
    f.address = c.text();
    f.phone = c.text();
    f.capacity = c.opt_int();
    f.status = c.enum_or(FacilityStatus::unknown);
    f.relief_station = c.flag();
    f.oxygen_depot = c.flag();
    f.geocode_precision = c.enum_or(GeocodePrecision::unresolved);
    f.geocode_source = c.text();
    f.notes = c.text();
    f.occupancy = c.opt_int();
    if (auto power = c.opt_text()) f.power = parse_enum<FacilityPower>(*power);
    return f;
}

std::string facility_select() {
    return "SELECT id, row_version, ST_X(geom), ST_Y(geom), " + std::string(k_facility_columns) +
           " FROM facilities";
}

// Metres per degree, deliberately on the small side (as in the SpatiaLite
// store): a point within r metres (EPSG:6677) of the origin around Tokyo is
// within r / (this · cos(lat)) degrees of it in the planar degree metric the
// KNN operator uses.
constexpr double k_m_per_deg_lower_bound = 109'000.0;
constexpr double k_deg = 3.14159265358979323846 / 180.0;

} // namespace

UpsertResult PgFacilityStore::upsert_facility(const Facility& facility) {
    return upsert_row(m_s, m_audit, "facilities", k_facility_columns, k_facility_column_count,
                      facility, facility_by_external_id(facility.external_id), facility_fields(),
                      bind_facility);
}

std::optional<Facility> PgFacilityStore::facility(RowId id) {
    const Result r = m_s.conn.query(facility_select() + " WHERE id=$1", Params().add(id));
    if (r.rows() == 0) return std::nullopt;
    return read_facility(r, 0);
}

std::optional<Facility> PgFacilityStore::facility_by_external_id(std::string_view external_id) {
    const Result r =
        m_s.conn.query(facility_select() + " WHERE external_id=$1", Params().add(external_id));
    if (r.rows() == 0) return std::nullopt;
    return read_facility(r, 0);
}

std::vector<Facility> PgFacilityStore::facilities(const FacilityFilter& filter) {
    std::string sql = facility_select() + " WHERE 1=1";
    Params q;
    int n = 1;
    if (filter.kind) {
        sql += " AND kind=$" + std::to_string(n++);
        q.add(to_db(*filter.kind));
    }
    if (filter.precision) {
        sql += " AND geocode_precision=$" + std::to_string(n++);
        q.add(to_db(*filter.precision));
    }
    if (filter.relief_station)
        sql += *filter.relief_station ? " AND relief_station=1" : " AND relief_station=0";
    // COLLATE "C": byte order, as SQLite compares text, so both backends list alike.
    sql += " ORDER BY kind COLLATE \"C\", COALESCE(seed_no, 1000000), id";
    const Result r = m_s.conn.query(sql, q);
    std::vector<Facility> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(read_facility(r, i));
    return out;
}

std::vector<NearestFacility>
PgFacilityStore::nearest(const geo::LonLat& from, std::optional<FacilityKind> kind, std::size_t k) {
    std::vector<NearestFacility> out;
    if (k == 0) return out;
    // Candidates in KNN order of the GiST index (planar degrees, `<->`), each
    // with its true distance in EPSG:6677. Degrees and metres rank differently
    // (a degree of longitude is shorter), so the batch grows until no
    // facility beyond it can be nearer than the k-th metric distance.
    const std::string origin = "ST_SetSRID(ST_MakePoint($1::float8,$2::float8),4326)";
    std::string sql = "SELECT id, geom <-> " + origin +
                      ", ST_Distance(ST_Transform(geom, 6677), ST_Transform(" + origin +
                      ", 6677)) FROM facilities WHERE geom IS NOT NULL";
    if (kind) sql += " AND kind=$4";
    // No tie-breaker here: a second sort key would stop the planner from walking
    // the index in distance order. Ties are broken by id after the metric sort.
    sql += " ORDER BY geom <-> " + origin + " LIMIT $3";
    struct Candidate {
        RowId id;
        double distance_m;
    };
    auto closer = [](const Candidate& a, const Candidate& b) {
        return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.id < b.id;
    };
    const double cos_lat = std::max(std::cos(from.lat() * k_deg), 0.01);
    std::vector<Candidate> candidates;
    std::size_t batch = std::max<std::size_t>(k * 2, 16);
    for (;;) {
        Params q;
        q.add(from.lon()).add(from.lat()).add(static_cast<std::int64_t>(batch));
        if (kind) q.add(to_db(*kind));
        const Result r = m_s.conn.query(sql, q);
        candidates.clear();
        double farthest_deg = 0;
        for (int i = 0; i < r.rows(); ++i) {
            candidates.push_back({r.int64(i, 0), r.dbl(i, 2)});
            farthest_deg = std::max(farthest_deg, r.dbl(i, 1));
        }
        std::sort(candidates.begin(), candidates.end(), closer);
        const bool all = static_cast<std::size_t>(r.rows()) < batch;
        if (all) break;
        if (candidates.size() >= k) {
            // Anything not fetched lies at least farthest_deg away in degrees,
            // hence at least farthest_deg · 109 km · cos(lat) in metres.
            const double kth = candidates[k - 1].distance_m;
            if (kth < farthest_deg * k_m_per_deg_lower_bound * cos_lat) break;
        }
        batch *= 4;
    }
    if (candidates.size() > k) candidates.resize(k);
    for (const Candidate& c : candidates)
        if (auto f = facility(c.id)) out.push_back({std::move(*f), c.distance_m});
    return out;
}

// ---- areas ------------------------------------------------------------------

namespace {

// ST_AsText keeps every significant digit of the stored doubles (PostGIS 3);
// the WKB keeps them bit for bit.
constexpr std::string_view k_area_select =
    "SELECT id, kind, name, COALESCE(source,''), ST_AsText(geom), "
    "encode(ST_AsBinary(geom, 'NDR'), 'hex') FROM areas";

Area read_area(const Result& r, int row) {
    Area a{r.int64(row, 0), r.text(row, 1), r.text(row, 2), r.text(row, 3), r.text(row, 4), {}};
    if (!r.is_null(row, 5)) a.wkb = from_hex(r.text(row, 5));
    return a;
}

// The area's WKT as a MultiPolygon (a Polygon is promoted, like SpatiaLite's
// CastToMultiPolygon); nullopt when it is no valid (multi)polygon text. Runs in
// a savepoint so a parse error does not abort the caller's transaction.
bool is_polygon_wkt(Connection& conn, const std::string& wkt) {
    try {
        WriteScope probe(conn);
        const auto type =
            conn.query_text("SELECT GeometryType(ST_GeomFromText($1, 4326))", Params().add(wkt));
        probe.commit();
        return type && (*type == "POLYGON" || *type == "MULTIPOLYGON");
    } catch (const DataError& e) {
        if (e.code() == ErrorCode::sql) return false;
        throw;
    }
}

} // namespace

UpsertResult PgAreaStore::upsert_area(const Area& area) {
    if (!is_polygon_wkt(m_s.conn, area.wkt))
        throw DataError(ErrorCode::invalid_input,
                        "area '" + area.name + "': geometry is not a valid (multi)polygon WKT");
    const std::string geom = "ST_Multi(ST_GeomFromText($1, 4326))";
    WriteScope scope(m_s.conn);
    UpsertResult result;
    auto existing = this->area(area.kind, area.name);
    if (existing && existing->source == area.source) {
        // Compare geometries as stored (WKB), since text forms round.
        const auto same =
            m_s.conn.query_int64("SELECT (ST_AsBinary(" + geom +
                                     ", 'NDR') = ST_AsBinary(geom, 'NDR'))::int FROM areas "
                                     "WHERE id=$2",
                                 Params().add(area.wkt).add(existing->id));
        if (same.value_or(0) == 1) {
            result.id = existing->id;
            return result;
        }
    }
    if (existing) {
        m_s.conn.query("UPDATE areas SET source=$2, geom=" + geom + " WHERE id=$3",
                       Params().add(area.wkt).add(area.source).add(existing->id));
        result.id = existing->id;
        result.changed = true;
    } else {
        result.id =
            m_s.conn
                .query_int64("INSERT INTO areas(kind, name, source, geom) VALUES ($2, "
                             "$3, $4, " +
                                 geom + ") RETURNING id",
                             Params().add(area.wkt).add(area.kind).add(area.name).add(area.source))
                .value_or(0);
        result.created = true;
    }
    m_audit.record(result.created ? "create" : "update", "areas", area.kind + ":" + area.name,
                   "source: " + area.source);
    scope.commit();
    return result;
}

std::optional<Area> PgAreaStore::area(std::string_view kind, std::string_view name) {
    const Result r = m_s.conn.query(std::string(k_area_select) + " WHERE kind=$1 AND name=$2",
                                    Params().add(kind).add(name));
    if (r.rows() == 0) return std::nullopt;
    return read_area(r, 0);
}

std::vector<Area> PgAreaStore::areas(std::string_view kind) {
    const Result r = m_s.conn.query(std::string(k_area_select) + " WHERE kind=$1 ORDER BY id",
                                    Params().add(kind));
    std::vector<Area> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(read_area(r, i));
    return out;
}

bool PgAreaStore::area_contains(RowId area_id, const geo::LonLat& point) {
    return m_s.conn
               .query_int64("SELECT ST_Covers(geom, ST_SetSRID(ST_MakePoint($1::float8, "
                            "$2::float8), 4326))::int FROM areas WHERE id=$3",
                            Params().add(point.lon()).add(point.lat()).add(area_id))
               .value_or(0) == 1;
}

} // namespace breathline::data::pg
