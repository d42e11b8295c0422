// Import through GDAL/OGR: GeoJSON, GeoPackage and Shapefile layers, feature numbering,
// geometry as location, reprojection from EPSG:6677, and layers without a CRS.
// Fixtures are written by the tests themselves into the test's temporary directory.

#include "data/io/import_error.h"
#include "geo/projection.h"
#include "import_test_support.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

namespace breathline::data::test {
namespace {

struct FixtureFeature {
    std::string id, name, kind;
    double x = 0, y = 0;
};

// Writes a point layer of facilities with GDAL. `epsg` 0 writes no CRS at all.
void write_facility_layer(const std::filesystem::path& path, const char* driver_name,
                          const char* layer_name, int epsg,
                          const std::vector<FixtureFeature>& features) {
    GDALAllRegister();
    GDALDriverH driver = GDALGetDriverByName(driver_name);
    ASSERT_NE(driver, nullptr) << driver_name;
    GDALDatasetH ds = GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    ASSERT_NE(ds, nullptr) << path;
    OGRSpatialReferenceH srs = nullptr;
    if (epsg != 0) {
        srs = OSRNewSpatialReference(nullptr);
        OSRImportFromEPSG(srs, epsg);
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    }
    char* options[] = {const_cast<char*>("ENCODING=UTF-8"), nullptr};
    OGRLayerH layer =
        GDALDatasetCreateLayer(ds, layer_name, srs, wkbPoint,
                               std::string(driver_name) == "ESRI Shapefile" ? options : nullptr);
    ASSERT_NE(layer, nullptr);
    for (const char* field : {"施設ID", "種別", "施設名"}) {
        OGRFieldDefnH f = OGR_Fld_Create(field, OFTString);
        ASSERT_EQ(OGR_L_CreateField(layer, f, TRUE), OGRERR_NONE);
        OGR_Fld_Destroy(f);
    }
    for (const auto& ff : features) {
        OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
        OGR_F_SetFieldString(feature, 0, ff.id.c_str());
        OGR_F_SetFieldString(feature, 1, ff.kind.c_str());
        OGR_F_SetFieldString(feature, 2, ff.name.c_str());
        OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(point, 0, ff.x, ff.y);
        OGR_F_SetGeometryDirectly(feature, point);
        ASSERT_EQ(OGR_L_CreateFeature(layer, feature), OGRERR_NONE);
        OGR_F_Destroy(feature);
    }
    if (srs) OSRDestroySpatialReference(srs);
    GDALClose(ds);
}

const std::vector<FixtureFeature> k_lonlat_features = {
    {"F-01", "デモ小学校", "救援センター", 139.7321, 35.7348},
    {"F-02", "デモ病院", "disaster_base_hospital", 139.7262, 35.7255},
};

TEST_F(ImportTest, GeoJsonFeaturesUseTheirGeometry) {
    const auto path = write_file("facilities.geojson", R"({
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature", "properties": {"施設ID": "F-01", "種別": "救援センター", "施設名": "デモ小学校", "収容人数": 300},
     "geometry": {"type": "Point", "coordinates": [139.7321, 35.7348]}},
    {"type": "Feature", "properties": {"施設ID": "F-02", "種別": "福祉救援センター", "施設名": "デモ福祉館"},
     "geometry": {"type": "Polygon", "coordinates": [[[139.70, 35.72], [139.71, 35.72], [139.71, 35.73], [139.70, 35.73], [139.70, 35.72]]]}}
  ]
})");
    const auto report = import(ImportKind::facilities, path);
    ASSERT_TRUE(report.committed) << report.errors.front().reason_en;
    EXPECT_EQ(report.unit, RecordUnit::feature);
    EXPECT_EQ(report.created, 2u);
    EXPECT_EQ(report.located_exact, 2u);
    const auto f1 = m_store->facilities().facility_by_external_id("F-01");
    ASSERT_TRUE(f1 && f1->location);
    EXPECT_DOUBLE_EQ(f1->location->lon(), 139.7321);
    EXPECT_DOUBLE_EQ(f1->location->lat(), 35.7348);
    EXPECT_EQ(f1->capacity, 300);
    // A polygon is located at its centroid.
    const auto f2 = m_store->facilities().facility_by_external_id("F-02");
    ASSERT_TRUE(f2 && f2->location);
    EXPECT_NEAR(f2->location->lon(), 139.705, 1e-9);
    EXPECT_NEAR(f2->location->lat(), 35.725, 1e-9);
}

TEST_F(ImportTest, GeoJsonRowErrorsNameTheFeature) {
    const auto path = write_file("bad.geojson", R"({
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature", "properties": {"施設ID": "F-01", "種別": "救援センター", "施設名": "デモ小学校"},
     "geometry": {"type": "Point", "coordinates": [139.7321, 35.7348]}},
    {"type": "Feature", "properties": {"施設ID": "F-02", "種別": "コンビニ", "施設名": "デモ店"},
     "geometry": {"type": "Point", "coordinates": [139.73, 35.73]}}
  ]
})");
    const auto before = counts(*m_store);
    const auto report = import(ImportKind::facilities, path);
    EXPECT_FALSE(report.committed);
    ASSERT_EQ(report.errors.size(), 1u);
    EXPECT_EQ(report.errors[0].line, 2u);
    EXPECT_EQ(report.errors[0].column, "種別");
    EXPECT_EQ(report.errors[0].value, "コンビニ");
    EXPECT_EQ(report.where(2, false), "feature 2");
    EXPECT_EQ(report.where(2, true), "2 番目の地物");
    EXPECT_EQ(counts(*m_store), before);
}

TEST_F(ImportTest, GeoPackageLayerIsImportedByName) {
    const auto path = m_dir / "facilities.gpkg";
    write_facility_layer(path, "GPKG", "shelters", 4326, k_lonlat_features);
    ImportOptions options;
    options.kind = ImportKind::facilities;
    options.file = path;
    options.layer = "shelters";
    const auto report = import_file(*m_store, options);
    ASSERT_TRUE(report.committed) << report.errors.front().reason_en;
    EXPECT_EQ(report.created, 2u);
    EXPECT_NE(report.format.find("shelters"), std::string::npos);
    const auto f2 = m_store->facilities().facility_by_external_id("F-02");
    ASSERT_TRUE(f2 && f2->location);
    EXPECT_EQ(f2->kind, FacilityKind::disaster_base_hospital);
    EXPECT_DOUBLE_EQ(f2->location->lon(), 139.7262);

    options.layer = "missing";
    try {
        import_file(*m_store, options);
        ADD_FAILURE() << "an unknown layer must be an error";
    } catch (const ImportError& e) {
        EXPECT_NE(std::string(e.what()).find("shelters"), std::string::npos);
    }
}

TEST_F(ImportTest, ShapefileIsImported) {
    const auto path = m_dir / "facilities.shp";
    write_facility_layer(path, "ESRI Shapefile", "facilities", 4326, k_lonlat_features);
    const auto report = import(ImportKind::facilities, path);
    ASSERT_TRUE(report.committed) << report.errors.front().reason_en;
    EXPECT_EQ(report.created, 2u);
    const auto f1 = m_store->facilities().facility_by_external_id("F-01");
    ASSERT_TRUE(f1);
    EXPECT_EQ(f1->name, "デモ小学校");
    EXPECT_EQ(f1->kind, FacilityKind::rescue_centre);
}

TEST_F(ImportTest, LayerInEpsg6677IsReprojectedToLonLat) {
    const geo::PlaneProjector projector;
    std::vector<FixtureFeature> projected = k_lonlat_features;
    for (auto& f : projected) {
        const auto xy = projector.to_plane(geo::LonLat(f.x, f.y));
        f.x = xy.x_east_m;
        f.y = xy.y_north_m;
    }
    const auto path = m_dir / "plane.gpkg";
    write_facility_layer(path, "GPKG", "plane", 6677, projected);
    const auto report = import(ImportKind::facilities, path);
    ASSERT_TRUE(report.committed) << report.errors.front().reason_en;
    for (const auto& expected : k_lonlat_features) {
        const auto f = m_store->facilities().facility_by_external_id(expected.id);
        ASSERT_TRUE(f && f->location) << expected.id;
        // 1e-7 degrees is about a centimetre.
        EXPECT_NEAR(f->location->lon(), expected.x, 1e-7) << expected.id;
        EXPECT_NEAR(f->location->lat(), expected.y, 1e-7) << expected.id;
        EXPECT_EQ(f->geocode_precision, GeocodePrecision::exact);
    }
}

TEST_F(ImportTest, LayerWithoutCrsAndPlaneCoordinatesIsAFileError) {
    const geo::PlaneProjector projector;
    std::vector<FixtureFeature> projected = k_lonlat_features;
    for (auto& f : projected) {
        const auto xy = projector.to_plane(geo::LonLat(f.x, f.y));
        f.x = xy.x_east_m;
        f.y = xy.y_north_m;
    }
    const auto path = m_dir / "nocrs.shp";
    write_facility_layer(path, "ESRI Shapefile", "nocrs", 0, projected);
    const auto before = counts(*m_store);
    try {
        import(ImportKind::facilities, path);
        ADD_FAILURE() << "coordinates that are not lon/lat in a layer without CRS must fail";
    } catch (const ImportError& e) {
        EXPECT_NE(std::string(e.what()).find("feature 1"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("no CRS"), std::string::npos) << e.what();
    }
    EXPECT_EQ(counts(*m_store), before);

    // The same layer without CRS but with plausible lon/lat is accepted.
    const auto lonlat = m_dir / "nocrs_lonlat.shp";
    write_facility_layer(lonlat, "ESRI Shapefile", "nocrs_lonlat", 0, k_lonlat_features);
    EXPECT_TRUE(import(ImportKind::facilities, lonlat).committed);
}

} // namespace
} // namespace breathline::data::test
