#include "console/map/picking.h"
#include "console/map/user_layers.h"
#include "data/error.h"
#include "data/layers/layer_file.h"
#include "geo/projection.h"

#include <cmath>
#include <fstream>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <numbers>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

namespace breathline::map {
namespace {

namespace fs = std::filesystem;
using data::DataError;
using data::ErrorCode;

class UserLayers : public ::testing::Test {
protected:
    void SetUp() override {
        GDALAllRegister();
        m_dir = fs::temp_directory_path() /
                ("breathline_user_layers_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path file(const std::string& name) const { return m_dir / name; }

    void write_text(const fs::path& p, const std::string& text) const {
        std::ofstream(p, std::ios::binary) << text;
    }

    // A north-up RGB(A) raster: left half `left`, right half `right`, in `epsg`.
    void write_geotiff(const fs::path& p, int epsg, double x0, double y0, double x1, double y1,
                       int size, std::array<GByte, 3> left, std::array<GByte, 3> right,
                       const char* driver = "GTiff") const {
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver);
        ASSERT_NE(drv, nullptr);
        GDALDataset* ds = drv->Create(p.string().c_str(), size, size, 3, GDT_Byte, nullptr);
        ASSERT_NE(ds, nullptr);
        double gt[6] = {x0, (x1 - x0) / size, 0, y1, 0, -(y1 - y0) / size};
        ds->SetGeoTransform(gt);
        OGRSpatialReference srs;
        srs.importFromEPSG(epsg);
        ds->SetSpatialRef(&srs);
        std::vector<GByte> band(static_cast<std::size_t>(size * size));
        for (int b = 0; b < 3; ++b) {
            for (int y = 0; y < size; ++y)
                for (int x = 0; x < size; ++x)
                    band[static_cast<std::size_t>(y * size + x)] =
                        x < size / 2 ? left[static_cast<std::size_t>(b)]
                                     : right[static_cast<std::size_t>(b)];
            ASSERT_EQ(ds->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, size, size, band.data(),
                                                         size, size, GDT_Byte, 0, 0),
                      CE_None);
        }
        GDALClose(ds);
    }

    // The colour of the warped image at a longitude/latitude.
    static std::array<int, 4> colour_at(const data::layers::RasterImage& img, geo::LonLat where) {
        const auto xy = geo::PlaneProjector().to_plane(where);
        const int col =
            static_cast<int>((xy.x_east_m - img.min_x) / (img.max_x - img.min_x) * img.width);
        const int row =
            static_cast<int>((img.max_y - xy.y_north_m) / (img.max_y - img.min_y) * img.height);
        EXPECT_GE(col, 0);
        EXPECT_LT(col, img.width);
        EXPECT_GE(row, 0);
        EXPECT_LT(row, img.height);
        const std::size_t i = (static_cast<std::size_t>(row) * img.width + col) * 4;
        return {img.rgba[i], img.rgba[i + 1], img.rgba[i + 2], img.rgba[i + 3]};
    }

private:
    fs::path m_dir;
};

// Toshima around 池袋: lon 139.70-139.74, lat 35.71-35.75.
constexpr const char* k_geojson = R"({
 "type": "FeatureCollection",
 "features": [
  {"type": "Feature", "properties": {"name": "給水所A"},
   "geometry": {"type": "Point", "coordinates": [139.71, 35.73]}},
  {"type": "Feature", "properties": {"name": "迂回路"},
   "geometry": {"type": "LineString", "coordinates": [[139.70, 35.72], [139.72, 35.72], [139.72, 35.74]]}},
  {"type": "Feature", "properties": {"name": "倒壊区域"},
   "geometry": {"type": "Polygon", "coordinates": [
     [[139.725, 35.715], [139.735, 35.715], [139.735, 35.725], [139.725, 35.725], [139.725, 35.715]],
     [[139.728, 35.718], [139.732, 35.718], [139.732, 35.722], [139.728, 35.722], [139.728, 35.718]]]}},
  {"type": "Feature", "properties": {"name": null},
   "geometry": {"type": "MultiPolygon", "coordinates": [
     [[[139.70, 35.745], [139.705, 35.745], [139.705, 35.75], [139.70, 35.745]]],
     [[[139.71, 35.745], [139.715, 35.745], [139.715, 35.75], [139.71, 35.745]]]]}},
  {"type": "Feature", "properties": {},
   "geometry": {"type": "MultiLineString", "coordinates": [[[139.70, 35.70], [139.71, 35.70]], [[139.72, 35.70], [139.73, 35.70]]]}},
  {"type": "Feature", "properties": {},
   "geometry": {"type": "GeometryCollection", "geometries": [
     {"type": "Point", "coordinates": [139.74, 35.74]},
     {"type": "MultiPoint", "coordinates": [[139.741, 35.741], [139.742, 35.742]]}]}},
  {"type": "Feature", "properties": {}, "geometry": null}
 ]})";

TEST_F(UserLayers, GeoJsonWithEveryGeometryType) {
    const fs::path p = file("layer.geojson");
    write_text(p, k_geojson);
    const auto read = data::layers::read_vector_file(p);
    ASSERT_EQ(read.features.size(), 6u);
    EXPECT_EQ(read.skipped_without_geometry, 1u);
    EXPECT_EQ(read.features[0].label, "給水所A");
    ASSERT_EQ(read.features[0].points.size(), 1u);
    EXPECT_DOUBLE_EQ(read.features[0].points[0].lon(), 139.71);
    ASSERT_EQ(read.features[1].lines.size(), 1u);
    EXPECT_EQ(read.features[1].lines[0].size(), 3u);
    ASSERT_EQ(read.features[2].polygons.size(), 1u);
    EXPECT_EQ(read.features[2].polygons[0].holes.size(), 1u);
    EXPECT_EQ(read.features[3].polygons.size(), 2u);
    EXPECT_EQ(read.features[3].label, "");
    EXPECT_EQ(read.features[4].lines.size(), 2u);
    EXPECT_EQ(read.features[5].points.size(), 3u);

    const geo::PlaneProjector projector;
    const geo::PlaneXY origin = projector.to_plane(geo::LonLat(139.72, 35.73));
    const Layer layer = load_vector_layer(p, origin);
    EXPECT_EQ(layer.id, "user:" + p.string());
    EXPECT_EQ(layer.name_ja, "layer.geojson");
    EXPECT_EQ(layer.features.size(), 6u);
    EXPECT_EQ(layer.points.points.size(), 4u);
    EXPECT_EQ(layer.features[0].kind, FeatureRef::Kind::user_feature);
    // Point position relative to the origin.
    const auto pt = projector.to_plane(geo::LonLat(139.71, 35.73));
    EXPECT_NEAR(layer.points.points[0].x, pt.x_east_m - origin.x_east_m, 0.01);
    EXPECT_NEAR(layer.points.points[0].y, pt.y_north_m - origin.y_north_m, 0.01);
    // Fill: the holed square and two triangles, with exact area.
    double fill = 0;
    for (std::size_t i = 0; i < layer.fill.triangles.size(); i += 3) {
        const auto& a = layer.fill.triangles[i];
        const auto& b = layer.fill.triangles[i + 1];
        const auto& c = layer.fill.triangles[i + 2];
        fill += 0.5 * ((double{b[0]} - double{a[0]}) * (double{c[1]} - double{a[1]}) -
                       (double{c[0]} - double{a[0]}) * (double{b[1]} - double{a[1]}));
    }
    const double expected = read.features[2].polygons[0].area_m2(projector) +
                            read.features[3].polygons[0].area_m2(projector) +
                            read.features[3].polygons[1].area_m2(projector);
    EXPECT_NEAR(fill, expected, expected * 1e-4);
    // Labels only for named features.
    ASSERT_EQ(layer.labels.size(), 3u);
    EXPECT_EQ(layer.labels[0].text, "給水所A");
    EXPECT_EQ(layer.legend.size(), 3u);

    // Picking inside the hole finds nothing of the polygon; inside the ring finds it.
    Scene scene;
    scene.origin = origin;
    scene.layers.push_back(layer);
    Picker picker;
    picker.sync(scene);
    Camera camera(projector.to_plane(geo::LonLat(139.73, 35.72)), 0.5, 800, 600);
    EXPECT_FALSE(picker.pick(
        scene, camera, camera.world_to_screen(projector.to_plane(geo::LonLat(139.73, 35.72))), 2));
    const auto in_ring = projector.to_plane(geo::LonLat(139.7265, 35.7165));
    const auto hit = picker.pick(scene, camera, camera.world_to_screen(in_ring), 2);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->feature.external_id, "倒壊区域");
}

TEST_F(UserLayers, GeoPackageInPlaneCoordinatesIsReprojected) {
    const fs::path p = file("plane.gpkg");
    const geo::PlaneProjector projector;
    const geo::LonLat where(139.7166, 35.7289);
    const geo::PlaneXY xy = projector.to_plane(where);
    {
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        ASSERT_NE(drv, nullptr);
        GDALDataset* ds = drv->Create(p.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        ASSERT_NE(ds, nullptr);
        OGRSpatialReference srs;
        srs.importFromEPSG(6677);
        OGRLayer* layer = ds->CreateLayer("sites", &srs, wkbUnknown, nullptr);
        ASSERT_NE(layer, nullptr);
        OGRFieldDefn name("名称", OFTString);
        ASSERT_EQ(layer->CreateField(&name), OGRERR_NONE);
        // GeoPackage stores 6677 as (easting, northing) in traditional GIS order.
        auto add = [&](const std::string& wkt, const char* label) {
            OGRFeature* f = OGRFeature::CreateFeature(layer->GetLayerDefn());
            f->SetField(0, label);
            OGRGeometry* g = nullptr;
            ASSERT_EQ(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g), OGRERR_NONE);
            f->SetGeometryDirectly(g);
            ASSERT_EQ(layer->CreateFeature(f), OGRERR_NONE);
            OGRFeature::DestroyFeature(f);
        };
        const std::string x = std::to_string(xy.x_east_m), y = std::to_string(xy.y_north_m);
        add("POINT (" + x + " " + y + ")", "点");
        add("MULTILINESTRING ((" + x + " " + y + ", " + x + " " +
                std::to_string(xy.y_north_m + 100) + "))",
            "線");
        GDALClose(ds);
    }
    const auto read = data::layers::read_vector_file(p);
    ASSERT_EQ(read.features.size(), 2u);
    EXPECT_EQ(read.layer_names, std::vector<std::string>{"sites"});
    EXPECT_EQ(read.features[0].label, "点");
    ASSERT_EQ(read.features[0].points.size(), 1u);
    EXPECT_NEAR(read.features[0].points[0].lon(), where.lon(), 1e-7);
    EXPECT_NEAR(read.features[0].points[0].lat(), where.lat(), 1e-7);
    ASSERT_EQ(read.features[1].lines.size(), 1u);
    EXPECT_GT(read.features[1].lines[0][1].lat(), where.lat()); // 100 m north

    const Layer layer = load_vector_layer(p, xy);
    ASSERT_EQ(layer.points.points.size(), 1u);
    EXPECT_NEAR(layer.points.points[0].x, 0, 0.01);
    EXPECT_NEAR(layer.points.points[0].y, 0, 0.01);
    ASSERT_EQ(layer.lines.segments.size(), 1u);
    EXPECT_NEAR(layer.lines.segments[0].y1, 100, 0.01);
}

TEST_F(UserLayers, ShapefileWithMultiPolygons) {
    const fs::path p = file("areas.shp");
    {
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
        ASSERT_NE(drv, nullptr);
        GDALDataset* ds = drv->Create(p.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        ASSERT_NE(ds, nullptr);
        OGRSpatialReference srs;
        srs.importFromEPSG(4326);
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRLayer* layer = ds->CreateLayer("areas", &srs, wkbMultiPolygon, nullptr);
        ASSERT_NE(layer, nullptr);
        OGRFieldDefn name("NAME", OFTString);
        ASSERT_EQ(layer->CreateField(&name), OGRERR_NONE);
        OGRFeature* f = OGRFeature::CreateFeature(layer->GetLayerDefn());
        f->SetField(0, "blocks");
        OGRGeometry* g = nullptr;
        ASSERT_EQ(OGRGeometryFactory::createFromWkt(
                      "MULTIPOLYGON (((139.70 35.72, 139.71 35.72, 139.71 35.73, 139.70 35.73, "
                      "139.70 35.72), (139.702 35.722, 139.702 35.728, 139.708 35.728, 139.708 "
                      "35.722, 139.702 35.722)), ((139.72 35.72, 139.73 35.72, 139.73 35.73, "
                      "139.72 35.72)))",
                      nullptr, &g),
                  OGRERR_NONE);
        f->SetGeometryDirectly(g);
        ASSERT_EQ(layer->CreateFeature(f), OGRERR_NONE);
        OGRFeature::DestroyFeature(f);
        GDALClose(ds);
    }
    const auto read = data::layers::read_vector_file(p);
    ASSERT_EQ(read.features.size(), 1u);
    EXPECT_EQ(read.features[0].label, "blocks");
    ASSERT_EQ(read.features[0].polygons.size(), 2u);
    EXPECT_EQ(read.features[0].polygons[0].holes.size(), 1u);
    EXPECT_NEAR(read.features[0].points.size(), 0, 0);
    const Layer layer =
        load_vector_layer(p, geo::PlaneProjector().to_plane(geo::LonLat(139.71, 35.725)));
    EXPECT_FALSE(layer.fill.triangles.empty());
    EXPECT_EQ(layer.lines.segments.size(), 4u + 4u + 3u); // outer, hole, triangle
}

TEST_F(UserLayers, WrongFilesAreDataErrorsNamingTheFile) {
    const fs::path text = file("notes.txt");
    write_text(text, "this is not a map\n");
    const fs::path missing = file("missing.geojson");
    for (const fs::path& p : {text, missing}) {
        try {
            data::layers::read_vector_file(p);
            ADD_FAILURE() << "no error for " << p;
        } catch (const DataError& e) {
            EXPECT_EQ(e.code(), ErrorCode::io);
            EXPECT_NE(std::string(e.what()).find(p.string()), std::string::npos) << e.what();
        }
        try {
            data::layers::read_raster_file(p);
            ADD_FAILURE() << "no error for " << p;
        } catch (const DataError& e) {
            EXPECT_EQ(e.code(), ErrorCode::io);
            EXPECT_NE(std::string(e.what()).find(p.string()), std::string::npos) << e.what();
        }
    }
    // Projected coordinates without a CRS cannot be longitudes: named, with the feature.
    const fs::path no_crs = file("no_crs.geojson");
    write_text(no_crs, R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
        "geometry":{"type":"Point","coordinates":[-10500.0,-31000.0]}}]})");
    try {
        data::layers::read_vector_file(no_crs);
        ADD_FAILURE() << "no error";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
        EXPECT_NE(std::string(e.what()).find(no_crs.string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("feature 0"), std::string::npos) << e.what();
    }
    // A raster without georeferencing.
    const fs::path plain = file("plain.tif");
    {
        GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            plain.string().c_str(), 4, 4, 1, GDT_Byte, nullptr);
        GDALClose(ds);
    }
    try {
        data::layers::read_raster_file(plain);
        ADD_FAILURE() << "no error";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
        EXPECT_NE(std::string(e.what()).find(plain.string()), std::string::npos) << e.what();
    }
    // A vector file given as a raster layer and the reverse.
    const fs::path gj = file("v.geojson");
    write_text(gj, k_geojson);
    EXPECT_THROW(data::layers::read_raster_file(gj), DataError);
    const fs::path tif = file("r.tif");
    write_geotiff(tif, 4326, 139.70, 35.71, 139.74, 35.75, 8, {255, 0, 0}, {0, 0, 255});
    EXPECT_THROW(data::layers::read_vector_file(tif), DataError);
}

TEST_F(UserLayers, GeoTiffInLonLatIsWarpedToThePlaneWithColoursInPlace) {
    const fs::path p = file("halves.tif");
    write_geotiff(p, 4326, 139.70, 35.71, 139.74, 35.75, 200, {255, 0, 0}, {0, 0, 255});
    const auto img = data::layers::read_raster_file(p);
    ASSERT_GT(img.width, 0);
    ASSERT_EQ(img.rgba.size(), static_cast<std::size_t>(img.width) * img.height * 4);
    EXPECT_EQ(colour_at(img, geo::LonLat(139.705, 35.73)), (std::array<int, 4>{255, 0, 0, 255}));
    EXPECT_EQ(colour_at(img, geo::LonLat(139.735, 35.73)), (std::array<int, 4>{0, 0, 255, 255}));
    EXPECT_EQ(colour_at(img, geo::LonLat(139.71, 35.745)), (std::array<int, 4>{255, 0, 0, 255}));
    // Extent: about 3.6 km x 4.4 km around Toshima in EPSG:6677.
    const auto sw = geo::PlaneProjector().to_plane(geo::LonLat(139.70, 35.71));
    EXPECT_NEAR(img.min_x, sw.x_east_m, 30);
    EXPECT_NEAR(img.min_y, sw.y_north_m, 30);

    // The layer carries the image and its bounds.
    const Layer layer = load_raster_layer(p);
    EXPECT_EQ(layer.raster.width, img.width);
    EXPECT_DOUBLE_EQ(layer.raster.bounds.min_x, img.min_x);
    EXPECT_DOUBLE_EQ(layer.raster.bounds.max_y, img.max_y);
    ASSERT_EQ(layer.legend.size(), 1u);
    EXPECT_EQ(layer.legend[0].kind, LegendEntry::Kind::raster);

    // Size limit and clip box.
    data::layers::RasterOptions small;
    small.max_size_px = 32;
    const auto thumb = data::layers::read_raster_file(p, small);
    EXPECT_LE(std::max(thumb.width, thumb.height), 32);
    EXPECT_GE(std::max(thumb.width, thumb.height), 31);
    EXPECT_EQ(colour_at(thumb, geo::LonLat(139.705, 35.73)), (std::array<int, 4>{255, 0, 0, 255}));
    data::layers::RasterOptions clip;
    const auto c = geo::PlaneProjector().to_plane(geo::LonLat(139.735, 35.73));
    clip.clip_6677 = std::array<double, 4>{c.x_east_m - 200, c.y_north_m - 200, c.x_east_m + 200,
                                           c.y_north_m + 200};
    const auto part = data::layers::read_raster_file(p, clip);
    EXPECT_NEAR(part.max_x - part.min_x, 400, 1);
    EXPECT_EQ(colour_at(part, geo::LonLat(139.735, 35.73)), (std::array<int, 4>{0, 0, 255, 255}));
    clip.clip_6677 = std::array<double, 4>{0, 0, 100, 100}; // far from Toshima
    EXPECT_THROW(data::layers::read_raster_file(p, clip), DataError);
}

TEST_F(UserLayers, PalettedWebMercatorGeoTiff) {
    const fs::path p = file("palette.tif");
    // EPSG:3857 metres around 池袋 (139.71 E, 35.73 N).
    const double x0 = 15'552'000, x1 = 15'556'000, y0 = 4'263'000, y1 = 4'267'000;
    GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        p.string().c_str(), 64, 64, 1, GDT_Byte, nullptr);
    ASSERT_NE(ds, nullptr);
    double gt[6] = {x0, (x1 - x0) / 64, 0, y1, 0, -(y1 - y0) / 64};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(3857);
    ds->SetSpatialRef(&srs);
    GDALColorTable table;
    GDALColorEntry grey{128, 128, 128, 255}, green{0, 200, 0, 255};
    table.SetColorEntry(0, &grey);
    table.SetColorEntry(1, &green);
    ds->GetRasterBand(1)->SetColorTable(&table);
    std::vector<GByte> px(64 * 64, 1);
    ASSERT_EQ(
        ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 64, 64, px.data(), 64, 64, GDT_Byte, 0, 0),
        CE_None);
    GDALClose(ds);

    const auto img = data::layers::read_raster_file(p);
    // Centre of the tile in lon/lat.
    const double lon = (x0 + x1) / 2 / 6378137.0 * 180.0 / std::numbers::pi;
    const double lat = (2 * std::atan(std::exp((y0 + y1) / 2 / 6378137.0)) - std::numbers::pi / 2) *
                       180.0 / std::numbers::pi;
    EXPECT_EQ(colour_at(img, geo::LonLat(lon, lat)), (std::array<int, 4>{0, 200, 0, 255}));
}

TEST_F(UserLayers, MbTilesFromWebMercator) {
    const fs::path src = file("src.tif");
    // One web-mercator block around 池袋, left half red, right half blue.
    const double x0 = 15'550'000, x1 = 15'558'000, y0 = 4'261'000, y1 = 4'269'000;
    write_geotiff(src, 3857, x0, y0, x1, y1, 256, {255, 0, 0}, {0, 0, 255});
    const fs::path mb = file("tiles.mbtiles");
    {
        GDALDataset* in = GDALDataset::Open(src.string().c_str(), GDAL_OF_RASTER);
        ASSERT_NE(in, nullptr);
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("MBTiles");
        ASSERT_NE(drv, nullptr);
        GDALDataset* out =
            drv->CreateCopy(mb.string().c_str(), in, FALSE, nullptr, nullptr, nullptr);
        ASSERT_NE(out, nullptr) << CPLGetLastErrorMsg();
        GDALClose(out);
        GDALClose(in);
    }
    const auto img = data::layers::read_raster_file(mb);
    auto to_lonlat = [](double x, double y) {
        return geo::LonLat(x / 6378137.0 * 180.0 / std::numbers::pi,
                           (2 * std::atan(std::exp(y / 6378137.0)) - std::numbers::pi / 2) * 180.0 /
                               std::numbers::pi);
    };
    const double ym = (y0 + y1) / 2;
    const auto red = colour_at(img, to_lonlat(x0 + (x1 - x0) * 0.25, ym));
    const auto blue = colour_at(img, to_lonlat(x0 + (x1 - x0) * 0.75, ym));
    // PNG/JPEG tiles may round colours slightly.
    EXPECT_GT(red[0], 240);
    EXPECT_LT(red[2], 15);
    EXPECT_EQ(red[3], 255);
    EXPECT_LT(blue[0], 15);
    EXPECT_GT(blue[2], 240);
}

TEST_F(UserLayers, GeoPackageTiles) {
    const fs::path src = file("src.tif");
    write_geotiff(src, 4326, 139.70, 35.71, 139.74, 35.75, 128, {255, 0, 0}, {0, 0, 255});
    const fs::path gpkg = file("tiles.gpkg");
    {
        GDALDataset* in = GDALDataset::Open(src.string().c_str(), GDAL_OF_RASTER);
        ASSERT_NE(in, nullptr);
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
        ASSERT_NE(drv, nullptr);
        GDALDataset* out =
            drv->CreateCopy(gpkg.string().c_str(), in, FALSE, nullptr, nullptr, nullptr);
        ASSERT_NE(out, nullptr) << CPLGetLastErrorMsg();
        GDALClose(out);
        GDALClose(in);
    }
    const auto img = data::layers::read_raster_file(gpkg);
    const auto red = colour_at(img, geo::LonLat(139.705, 35.73));
    const auto blue = colour_at(img, geo::LonLat(139.735, 35.73));
    EXPECT_GT(red[0], 240);
    EXPECT_LT(red[2], 15);
    EXPECT_EQ(red[3], 255);
    EXPECT_LT(blue[0], 15);
    EXPECT_GT(blue[2], 240);
    // The same file has no vector layer: as a vector layer it is a DataError naming it.
    try {
        data::layers::read_vector_file(gpkg);
        ADD_FAILURE() << "no error";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find(gpkg.string()), std::string::npos) << e.what();
    }
    // Added as a user layer, the tile GeoPackage is recognised by content as a raster.
    const auto probe = data::layers::probe_layer_file(gpkg);
    EXPECT_TRUE(probe.raster);
    EXPECT_FALSE(probe.vector);
    const Layer layer = load_user_layer(gpkg, {0, 0});
    EXPECT_GT(layer.raster.width, 0);
    EXPECT_TRUE(layer.points.points.empty());
}

TEST_F(UserLayers, UserFilesAreReadByContentNotByExtension) {
    // A GeoTIFF named .dat and a GeoJSON named .txt still load as what they are.
    const fs::path tif = file("photo.dat");
    write_geotiff(tif, 4326, 139.70, 35.71, 139.74, 35.75, 8, {255, 0, 0}, {0, 0, 255});
    const Layer raster = load_user_layer(tif, {0, 0});
    EXPECT_EQ(raster.raster.width > 0, true);
    EXPECT_EQ(raster.id, user_layer_id(tif));
    const fs::path gj = file("features.txt");
    write_text(gj, k_geojson);
    const Layer vector = load_user_layer(gj, {0, 0});
    EXPECT_FALSE(vector.features.empty());
    EXPECT_EQ(vector.raster.width, 0);
    // Neither: an error naming the file.
    const fs::path text = file("notes.csv.bak");
    write_text(text, "this is not a map\n");
    const auto probe = data::layers::probe_layer_file(text);
    EXPECT_FALSE(probe.raster);
    EXPECT_FALSE(probe.vector);
    try {
        load_user_layer(text, {0, 0});
        ADD_FAILURE() << "no error";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::io);
        EXPECT_NE(std::string(e.what()).find(text.string()), std::string::npos) << e.what();
    }
}

} // namespace
} // namespace breathline::map
