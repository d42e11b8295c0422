#include "data/error.h"
#include "data/gdal/gdal_support.h"
#include "data/roads/road_readers.h"
#include "data/roads/road_tags.h"

#include <bit>
#include <cmath>
#include <gdal_priv.h>
#include <memory>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <string>
#include <unordered_map>
#include <vector>

namespace breathline::data::roads {

namespace {

struct DatasetCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};

bool is_line_type(OGRwkbGeometryType t) {
    const OGRwkbGeometryType flat = wkbFlatten(t);
    return flat == wkbLineString || flat == wkbMultiLineString;
}

bool layer_has_lines(OGRLayer& layer) {
    if (is_line_type(layer.GetGeomType())) return true;
    if (wkbFlatten(layer.GetGeomType()) != wkbUnknown) return false;
    // Mixed or undeclared geometry types (GeoJSON, CSV): look at the features.
    layer.ResetReading();
    bool found = false;
    while (std::unique_ptr<OGRFeature> f{layer.GetNextFeature()}) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (g && is_line_type(g->getGeometryType())) {
            found = true;
            break;
        }
    }
    layer.ResetReading();
    return found;
}

std::string describe_layers(GDALDataset& ds) {
    std::string s;
    for (int i = 0; i < ds.GetLayerCount(); ++i) {
        OGRLayer* l = ds.GetLayer(i);
        if (!s.empty()) s += ", ";
        s += std::string(l->GetName()) + " (" + OGRGeometryTypeToName(l->GetGeomType()) + ")";
    }
    return s.empty() ? "none" : s;
}

// Field lookup by the names road files use: OSM tags, Geofabrik's shapefile
// columns (fclass, T/F flags), and a few common spellings.
class FieldMap {
public:
    explicit FieldMap(OGRFeatureDefn& defn) {
        auto find = [&](std::initializer_list<const char*> names) {
            for (const char* n : names) {
                const int i = defn.GetFieldIndex(n);
                if (i >= 0) return i;
            }
            return -1;
        };
        m_highway = find({"highway", "fclass", "road_class", "class"});
        m_name = find({"name", "name_ja"});
        m_name_ja = find({"name:ja", "name_ja"});
        m_oneway = find({"oneway"});
        m_maxspeed = find({"maxspeed"});
        m_bridge = find({"bridge"});
        m_tunnel = find({"tunnel"});
        m_junction = find({"junction"});
        m_area = find({"area"});
    }
    bool has_classes() const { return m_highway >= 0; }
    std::optional<std::string_view> get(const OGRFeature& f, std::string_view key) const {
        const int i = index(key);
        if (i < 0 || !f.IsFieldSetAndNotNull(i)) return std::nullopt;
        const char* v = f.GetFieldAsString(i);
        if (!v || !*v) return std::nullopt;
        return std::string_view(v);
    }

private:
    int index(std::string_view key) const {
        if (key == "highway") return m_highway;
        if (key == "name") return m_name;
        if (key == "name:ja") return m_name_ja;
        if (key == "oneway") return m_oneway;
        if (key == "maxspeed") return m_maxspeed;
        if (key == "bridge") return m_bridge;
        if (key == "tunnel") return m_tunnel;
        if (key == "junction") return m_junction;
        if (key == "area") return m_area;
        return -1;
    }
    int m_highway, m_name, m_name_ja, m_oneway, m_maxspeed, m_bridge, m_tunnel, m_junction, m_area;
};

struct CoordinateKeyHash {
    std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& k) const {
        return std::hash<std::uint64_t>()(k.first * 0x9e3779b97f4a7c15ULL ^ k.second);
    }
};

} // namespace

void read_ogr_lines(const std::filesystem::path& path, const std::string& layer_name,
                    NetworkBuilder& builder, RoadImportReport& report) {
    const std::string file = "'" + path.string() + "'";
    gdal::register_drivers_once();
    const gdal::QuietErrors quiet;
    std::unique_ptr<GDALDataset, DatasetCloser> ds(GDALDataset::Open(
        path.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) {
        const std::string reason = gdal::QuietErrors::last_message();
        throw DataError(ErrorCode::import_failed,
                        file + " cannot be opened as a GIS line layer" +
                            (reason.empty() ? "" : " (" + reason + ")") +
                            ": road files must be OSM (.osm.pbf, .osm), UXsim CSV, or a format "
                            "GDAL reads (GeoJSON, GeoPackage, Shapefile)");
    }

    OGRLayer* layer = nullptr;
    if (!layer_name.empty()) {
        layer = ds->GetLayerByName(layer_name.c_str());
        if (!layer)
            throw DataError(ErrorCode::import_failed,
                            file + " has no layer '" + layer_name +
                                "'; its layers are: " + describe_layers(*ds));
        if (!layer_has_lines(*layer))
            throw DataError(ErrorCode::import_failed,
                            file + ": layer '" + layer_name +
                                "' has no lines (roads must be LineString or MultiLineString "
                                "features); layers: " +
                                describe_layers(*ds));
    } else {
        for (int i = 0; i < ds->GetLayerCount() && !layer; ++i)
            if (layer_has_lines(*ds->GetLayer(i))) layer = ds->GetLayer(i);
        if (!layer)
            throw DataError(ErrorCode::import_failed,
                            file +
                                " has no layer with lines (roads must be LineString or "
                                "MultiLineString features); layers: " +
                                describe_layers(*ds));
    }
    const std::string where = file + ", layer '" + layer->GetName() + "'";

    std::unique_ptr<OGRCoordinateTransformation> to_lonlat;
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (srs) {
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        to_lonlat.reset(OGRCreateCoordinateTransformation(srs, &wgs84));
        if (!to_lonlat)
            throw DataError(ErrorCode::import_failed,
                            where +
                                ": its coordinate reference system cannot be converted to "
                                "longitude/latitude (" +
                                gdal::QuietErrors::last_message() +
                                "); reproject the file to EPSG:4326 or EPSG:6677 first");
    }

    FieldMap fields(*layer->GetLayerDefn());
    // A ward's own centre-line file usually has no OSM classes: every line is
    // then an ordinary street that both profiles may use.
    const std::optional<geo::road::RoadClass> missing_class =
        fields.has_classes()
            ? std::nullopt
            : std::optional<geo::road::RoadClass>(geo::road::RoadClass::unclassified);

    std::unordered_map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t, CoordinateKeyHash>
        key_of;
    std::vector<double> xs, ys;
    std::vector<WayPoint> points;
    std::uint64_t feature_no = 0;
    layer->ResetReading();
    while (std::unique_ptr<OGRFeature> f{layer->GetNextFeature()}) {
        ++feature_no;
        ++report.ways_read;
        const OGRGeometry* g = f->GetGeometryRef();
        if (!g || !is_line_type(g->getGeometryType())) {
            ++report.ways_dropped;
            continue;
        }
        const OGRFeature& feature = *f;
        const TagLookup lookup = [&](std::string_view key) { return fields.get(feature, key); };
        auto attributes = road_attributes(lookup, missing_class);
        if (!attributes) {
            ++report.ways_dropped;
            continue;
        }
        ++report.ways_routable;
        attributes->source_id =
            f->GetFID() == OGRNullFID ? feature_no : static_cast<std::uint64_t>(f->GetFID());

        std::vector<const OGRLineString*> parts;
        if (wkbFlatten(g->getGeometryType()) == wkbLineString) {
            parts.push_back(g->toLineString());
        } else {
            for (const OGRLineString* part : *g->toMultiLineString())
                parts.push_back(part);
        }
        for (const OGRLineString* line : parts) {
            const int n = line->getNumPoints();
            xs.resize(static_cast<std::size_t>(n));
            ys.resize(static_cast<std::size_t>(n));
            points.clear();
            for (int i = 0; i < n; ++i) {
                xs[static_cast<std::size_t>(i)] = line->getX(i);
                ys[static_cast<std::size_t>(i)] = line->getY(i);
            }
            std::vector<std::pair<std::uint64_t, std::uint64_t>> keys(xs.size());
            for (std::size_t i = 0; i < xs.size(); ++i)
                keys[i] = {std::bit_cast<std::uint64_t>(xs[i] + 0.0),
                           std::bit_cast<std::uint64_t>(ys[i] + 0.0)};
            if (to_lonlat && n > 0 && !to_lonlat->Transform(n, xs.data(), ys.data()))
                throw DataError(ErrorCode::import_failed,
                                where + ", feature " + std::to_string(feature_no) +
                                    ": its coordinates cannot be converted to longitude/latitude "
                                    "from the layer's CRS; check the CRS the file states");
            for (std::size_t i = 0; i < xs.size(); ++i) {
                const double lon = xs[i];
                const double lat = ys[i];
                if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180 ||
                    std::abs(lat) > 90) {
                    const std::string at = "(" + std::to_string(line->getX(static_cast<int>(i))) +
                                           ", " + std::to_string(line->getY(static_cast<int>(i))) +
                                           ") in feature " + std::to_string(feature_no);
                    if (!srs)
                        throw DataError(
                            ErrorCode::import_failed,
                            where + " has no coordinate reference system and its coordinates " +
                                at +
                                " are not longitude/latitude degrees (unknown CRS): add the "
                                "CRS (a .prj file for a Shapefile, or reproject to EPSG:4326)");
                    throw DataError(ErrorCode::import_failed,
                                    where + ": coordinates " + at +
                                        " are not valid longitude/latitude after conversion from "
                                        "the CRS the file states (unknown or wrong CRS): fix the "
                                        "CRS of the file");
                }
                const auto [it, added] = key_of.try_emplace(keys[i], key_of.size() + 1);
                points.push_back({it->second, geo::LonLat(lon, lat)});
            }
            builder.add_way(points, *attributes);
        }
    }
}

} // namespace breathline::data::roads
