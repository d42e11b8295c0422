#include "data/io/ogr_record_source.h"

#include "data/gdal/gdal_support.h"
#include "data/io/import_error.h"

#include <cpl_error.h>
#include <cstdio>
#include <gdal.h>
#include <mutex>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

namespace breathline::data {

namespace {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
};
struct FeatureDeleter {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* ct) const {
        OGRCoordinateTransformation::DestroyCT(ct);
    }
};

class OgrRecordSource final : public RecordSource {
public:
    OgrRecordSource(const std::filesystem::path& file, const std::optional<std::string>& layer)
        : m_file(file) {
        gdal::register_drivers_once();
        const std::string name = "'" + file.string() + "'";
        std::error_code ec;
        if (!std::filesystem::exists(file, ec))
            throw ImportError("ファイル " + name + " が見つかりません。パスを確認してください",
                              "file " + name + " does not exist; check the path");
        {
            gdal::QuietErrors quiet;
            m_dataset.reset(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
            if (!m_dataset) {
                const std::string why = CPLGetLastErrorMsg();
                throw ImportError(
                    "ファイル " + name +
                        " を開けません。CSV, GeoJSON, GeoPackage, Shapefile のいずれかを指定して"
                        "ください" +
                        (why.empty() ? "" : " (" + why + ")"),
                    "cannot open " + name + " as CSV, GeoJSON, GeoPackage or Shapefile" +
                        (why.empty() ? "" : " (" + why + ")"));
            }
        }
        if (m_dataset->GetLayerCount() == 0)
            throw ImportError("ファイル " + name + " にレイヤーがありません",
                              "file " + name + " has no layers");
        m_layer = layer ? m_dataset->GetLayerByName(layer->c_str()) : m_dataset->GetLayer(0);
        if (!m_layer) {
            std::string names;
            for (int i = 0; i < m_dataset->GetLayerCount(); ++i)
                names += (i ? ", " : "") + std::string(m_dataset->GetLayer(i)->GetName());
            throw ImportError(
                "ファイル " + name + " にレイヤー '" + *layer +
                    "' はありません。--layer に次のいずれかを指定してください: " + names,
                "file " + name + " has no layer '" + *layer + "'; give --layer one of: " + names);
        }
        OGRFeatureDefn* defn = m_layer->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            m_columns.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
        m_has_geometry = defn->GetGeomFieldCount() > 0 && m_layer->GetGeomType() != wkbNone;
        set_up_transform();
        rewind();
    }

    const std::vector<std::string>& columns() const override { return m_columns; }

    std::optional<SourceRecord> next() override {
        std::unique_ptr<OGRFeature, FeatureDeleter> f(m_layer->GetNextFeature());
        if (!f) return std::nullopt;
        SourceRecord rec;
        rec.line = ++m_index;
        rec.values.resize(m_columns.size());
        for (int i = 0; i < static_cast<int>(m_columns.size()); ++i)
            if (f->IsFieldSetAndNotNull(i))
                rec.values[static_cast<std::size_t>(i)] = field_text(*f, i);
        read_geometry(*f, rec);
        return rec;
    }

    // Drivers that type dates (GeoJSON, GeoPackage) print them as
    // "1948/05/02 00:00:00"; the importer's date fields expect ISO dates.
    static std::string field_text(OGRFeature& f, int i) {
        const OGRFieldType type = f.GetFieldDefnRef(i)->GetType();
        if (type == OFTDate || type == OFTDateTime) {
            int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
            float sec = 0;
            if (f.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &sec, &tz) && y > 0) {
                char buf[48];
                std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
                return buf;
            }
        }
        return f.GetFieldAsString(i);
    }

    void rewind() override {
        m_layer->ResetReading();
        m_index = 0;
    }

    RecordUnit unit() const override { return RecordUnit::feature; }
    std::string format() const override {
        return std::string(m_dataset->GetDriver() ? m_dataset->GetDriver()->GetDescription()
                                                  : "OGR") +
               " layer '" + m_layer->GetName() + "'";
    }
    bool has_geometry() const override { return m_has_geometry; }

private:
    void set_up_transform() {
        const OGRSpatialReference* srs = m_layer->GetSpatialRef();
        if (!srs) return; // unknown CRS: coordinates are checked per feature
        m_crs_known = true;
        OGRSpatialReference source(*srs);
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        // JGD2011 and WGS 84 geographic agree within a metre here; only projected CRSs
        // (e.g. EPSG:6677) need a transformation.
        if (source.IsGeographic()) return;
        gdal::QuietErrors quiet;
        m_transform.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
        if (!m_transform)
            throw ImportError("'" + m_file.string() + "' のレイヤー '" + m_layer->GetName() +
                                  "' の座標系を経緯度 (EPSG:4326) に変換できません",
                              "'" + m_file.string() + "', layer '" + m_layer->GetName() +
                                  "': its CRS cannot be transformed to lon/lat (EPSG:4326)");
    }

    void read_geometry(OGRFeature& f, SourceRecord& rec) {
        const OGRGeometry* g = f.GetGeometryRef();
        if (!g || g->IsEmpty()) return;
        double x = 0, y = 0;
        if (wkbFlatten(g->getGeometryType()) == wkbPoint) {
            const auto* p = g->toPoint();
            x = p->getX();
            y = p->getY();
        } else {
            OGRPoint c;
            if (g->Centroid(&c) != OGRERR_NONE) {
                rec.geometry_problem = "centroid";
                return;
            }
            x = c.getX();
            y = c.getY();
        }
        if (m_transform && !m_transform->Transform(1, &x, &y)) {
            rec.geometry_problem = "transform";
            return;
        }
        const bool lon_lat = x >= -180 && x <= 180 && y >= -90 && y <= 90;
        if (!m_crs_known && !lon_lat) {
            const std::string where =
                "'" + m_file.string() + "' feature " + std::to_string(rec.line);
            throw ImportError("'" + m_file.string() + "' の " + std::to_string(rec.line) +
                                  " 番目の地物: レイヤーに座標系の指定がなく、座標 (" +
                                  std::to_string(x) + ", " + std::to_string(y) +
                                  ") は経緯度ではありません。.prj などで座標系を付けてください",
                              where + ": the layer has no CRS and the coordinates (" +
                                  std::to_string(x) + ", " + std::to_string(y) +
                                  ") are not lon/lat; attach the CRS (e.g. a .prj file)");
        }
        if (!lon_lat) {
            rec.geometry_problem = "range";
            return;
        }
        rec.geometry = geo::LonLat(x, y);
    }

    std::filesystem::path m_file;
    std::unique_ptr<GDALDataset, DatasetCloser> m_dataset;
    OGRLayer* m_layer = nullptr; // owned by m_dataset
    std::vector<std::string> m_columns;
    bool m_has_geometry = false;
    bool m_crs_known = false;
    std::unique_ptr<OGRCoordinateTransformation, TransformDeleter> m_transform;
    std::size_t m_index = 0;
};

} // namespace

std::unique_ptr<RecordSource> open_ogr_record_source(const std::filesystem::path& file,
                                                     const std::optional<std::string>& layer) {
    return std::make_unique<OgrRecordSource>(file, layer);
}

} // namespace breathline::data
