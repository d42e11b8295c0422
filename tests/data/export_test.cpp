// Export of persons, supporters, facilities and the ward/map layers to
// GeoPackage, GeoJSON, CSV and KML: read back with OGR (and CsvReader) and
// compared field by field; masking, CP932, audit, refusal to overwrite and
// atomicity; GeoPackages checked with GDAL's validate_gpkg.py.

#include "data/io/export_masking.h"
#include "data/io/export_table.h"
#include "data/io/exporter.h"
#include "data/io/person_fields.h"
#include "data/text/csv.h"
#include "data/text/encoding.h"
#include "tests/data/export_fixture.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>

namespace breathline::test {
namespace {

using data::ExportFormat;
using data::ExportLayer;
using data::ExportOptions;

struct ReadFeature {
    std::map<std::string, std::string> attrs;       // "" for NULL
    std::optional<std::pair<double, double>> point; // lon, lat
    std::string geometry_type;                      // "" when none
    int points_in_geometry = 0;
    OGREnvelope envelope;
};

std::vector<ReadFeature> read_layer(const fs::path& file, const std::string& layer_name = "") {
    // GeoJSON's reader would turn "1948-05-02" into a date and print it as
    // 1948/05/02; the file holds the ISO text, which is what is compared.
    const char* open_options[] = {"DATE_AS_STRING=YES", nullptr};
    register_gdal();
    DatasetPtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                    file.extension() == ".geojson" ? open_options : nullptr));
    if (!ds) {
        ADD_FAILURE() << "OGR cannot open " << file;
        return {};
    }
    OGRLayer* layer = layer_name.empty() ? ds->GetLayer(0) : ds->GetLayerByName(layer_name.c_str());
    if (layer == nullptr) {
        ADD_FAILURE() << file << " has no layer " << layer_name;
        return {};
    }
    std::vector<ReadFeature> out;
    for (auto& f : *layer) {
        ReadFeature r;
        for (int i = 0; i < f->GetFieldCount(); ++i)
            r.attrs[f->GetFieldDefnRef(i)->GetNameRef()] =
                f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "";
        if (const OGRGeometry* g = f->GetGeometryRef(); g != nullptr && !g->IsEmpty()) {
            r.geometry_type = OGRGeometryTypeToName(wkbFlatten(g->getGeometryType()));
            if (wkbFlatten(g->getGeometryType()) == wkbPoint) {
                const auto* p = g->toPoint();
                r.point = std::make_pair(p->getX(), p->getY());
            }
            g->getEnvelope(&r.envelope);
            if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon)
                for (const auto* poly : *g->toMultiPolygon())
                    for (const auto* ring : *poly)
                        r.points_in_geometry += ring->getNumPoints();
            if (wkbFlatten(g->getGeometryType()) == wkbPolygon)
                for (const auto* ring : *g->toPolygon())
                    r.points_in_geometry += ring->getNumPoints();
        }
        out.push_back(std::move(r));
    }
    return out;
}

const ReadFeature* find_by(const std::vector<ReadFeature>& features, const std::string& key,
                           const std::string& value) {
    for (const auto& f : features) {
        auto it = f.attrs.find(key);
        if (it != f.attrs.end() && it->second == value) return &f;
    }
    return nullptr;
}

// KML readers fold the placemark <name> into a "Name" field that clashes
// with our own "name" column, so KML features are matched by position.
const ReadFeature* find_at(const std::vector<ReadFeature>& features, const geo::LonLat& p) {
    for (const auto& f : features)
        if (f.point && std::abs(f.point->first - p.lon()) < 1e-9 &&
            std::abs(f.point->second - p.lat()) < 1e-9)
            return &f;
    return nullptr;
}

ExportOptions options(ExportLayer layer, const fs::path& output, bool personal = false) {
    ExportOptions o;
    o.layer = layer;
    o.output = output;
    o.include_personal = personal;
    return o;
}

// Every attribute that the format carries, compared with the field table's
// canonical text (numbers numerically, since OGR prints them its own way).
template <typename T>
void expect_attributes(const std::vector<data::FieldDef<T>>& fields, const T& item,
                       const ReadFeature& f, const std::string& what) {
    for (const auto& def : fields) {
        const std::string key(def.key);
        if (key == "lon" || key == "lat") continue;
        auto it = f.attrs.find(key);
        if (it == f.attrs.end()) {
            ADD_FAILURE() << what << ": column " << key << " missing";
            continue;
        }
        const std::string expected = def.get(item);
        if (data::export_column_type(key) == data::ExportColumnType::real && !expected.empty() &&
            !it->second.empty())
            EXPECT_DOUBLE_EQ(std::stod(it->second), std::stod(expected)) << what << " " << key;
        else
            EXPECT_EQ(it->second, expected) << what << " " << key;
    }
}

void expect_point(const ReadFeature& f, const std::optional<geo::LonLat>& expected,
                  const std::string& what) {
    if (!expected) {
        EXPECT_FALSE(f.point.has_value()) << what;
        return;
    }
    ASSERT_TRUE(f.point.has_value()) << what;
    EXPECT_DOUBLE_EQ(f.point->first, expected->lon()) << what;
    EXPECT_DOUBLE_EQ(f.point->second, expected->lat()) << what;
}

// Header row = canonical keys, then one row per item equal to the field
// table's text (lon/lat included).
template <typename T>
void expect_csv(const fs::path& file, const std::vector<data::FieldDef<T>>& fields,
                const std::vector<T>& items) {
    const auto rows = text::read_csv(read_bytes(file));
    ASSERT_EQ(rows.size(), items.size() + 1) << file;
    ASSERT_EQ(rows[0].fields.size(), fields.size()) << file;
    for (std::size_t c = 0; c < fields.size(); ++c)
        EXPECT_EQ(rows[0].fields[c], fields[c].key);
    // Rows come in the store's order; match them by external_id (column 0).
    for (const T& item : items) {
        const auto row = std::find_if(rows.begin() + 1, rows.end(), [&](const auto& r) {
            return r.fields[0] == item.external_id;
        });
        ASSERT_NE(row, rows.end()) << item.external_id;
        for (std::size_t c = 0; c < fields.size(); ++c)
            EXPECT_EQ(row->fields[c], fields[c].get(item))
                << item.external_id << " " << fields[c].key;
    }
}

TEST_F(ExportFixture, PersonsReadBackFromEveryOgrFormatFieldByField) {
    for (const char* ext : {"gpkg", "geojson", "kml"}) {
        SCOPED_TRACE(ext);
        const bool kml = std::string(ext) == "kml";
        const fs::path file = out(std::string("persons.") + ext);
        const auto report = data::export_layer(*m_store, options(ExportLayer::persons, file, true));
        EXPECT_EQ(report.rows, 3u);
        EXPECT_EQ(report.layers_written, std::vector<std::string>{"persons"});
        const auto features = read_layer(file);
        ASSERT_EQ(features.size(), 3u);
        for (const auto& p : fixture_persons()) {
            if (kml) {
                // The placemark label is the registry number, never the name.
                EXPECT_NE(read_bytes(file).find("<name>" + p.external_id + "</name>"),
                          std::string::npos);
                if (!p.location) continue;
                const ReadFeature* f = find_at(features, *p.location);
                ASSERT_NE(f, nullptr) << p.external_id;
                EXPECT_EQ(f->attrs.at("internal_battery_h"),
                          p.internal_battery_h ? data::format_number(p.internal_battery_h) : "");
                EXPECT_EQ(f->attrs.at("ventilator_mode"),
                          p.ventilator_mode ? std::string(data::to_db(*p.ventilator_mode)) : "");
                continue;
            }
            const ReadFeature* f = find_by(features, "external_id", p.external_id);
            ASSERT_NE(f, nullptr) << p.external_id;
            expect_point(*f, p.location, p.external_id);
            expect_attributes(data::person_fields(), p, *f, p.external_id);
        }
    }
}

TEST_F(ExportFixture, SupportersAndFacilitiesReadBackFromEveryFormat) {
    for (const char* ext : {"gpkg", "geojson", "kml", "csv"}) {
        SCOPED_TRACE(ext);
        const bool kml = std::string(ext) == "kml";
        const fs::path sfile = out(std::string("supporters.") + ext);
        const fs::path ffile = out(std::string("facilities.") + ext);
        EXPECT_EQ(data::export_layer(*m_store, options(ExportLayer::supporters, sfile, true)).rows,
                  2u);
        EXPECT_EQ(data::export_layer(*m_store, options(ExportLayer::facilities, ffile)).rows, 2u);
        if (std::string(ext) == "csv") {
            expect_csv(sfile, data::supporter_fields(), fixture_supporters());
            expect_csv(ffile, data::facility_fields(), fixture_facilities());
            continue;
        }
        const auto supporters = read_layer(sfile);
        ASSERT_EQ(supporters.size(), 2u);
        const auto facilities = read_layer(ffile);
        ASSERT_EQ(facilities.size(), 2u);
        for (const auto& s : fixture_supporters()) {
            if (kml) {
                EXPECT_NE(read_bytes(sfile).find("<name>" + s.external_id + "</name>"),
                          std::string::npos);
                if (!s.location) continue;
                const ReadFeature* f = find_at(supporters, *s.location);
                ASSERT_NE(f, nullptr) << s.external_id;
                EXPECT_EQ(f->attrs.at("kind"), data::to_db(s.kind));
                continue;
            }
            const ReadFeature* f = find_by(supporters, "external_id", s.external_id);
            ASSERT_NE(f, nullptr) << s.external_id;
            expect_point(*f, s.location, s.external_id);
            expect_attributes(data::supporter_fields(), s, *f, s.external_id);
        }
        for (const auto& fac : fixture_facilities()) {
            if (kml) {
                // Facility names are public and never masked: KML labels by them.
                EXPECT_NE(read_bytes(ffile).find("<name>" + fac.name + "</name>"),
                          std::string::npos);
                const ReadFeature* f = find_at(facilities, *fac.location);
                ASSERT_NE(f, nullptr) << fac.external_id;
                EXPECT_EQ(f->attrs.at("external_id"), fac.external_id);
                continue;
            }
            const ReadFeature* f = find_by(facilities, "external_id", fac.external_id);
            ASSERT_NE(f, nullptr) << fac.external_id;
            expect_point(*f, fac.location, fac.external_id);
            expect_attributes(data::facility_fields(), fac, *f, fac.external_id);
        }
    }
}

TEST_F(ExportFixture, WardBoundaryKeepsEveryVertexInEveryFormat) {
    DatasetPtr src = open_vector(fs::path(BREATHLINE_TEST_DATA_DIR) /
                                 "real/boundaries/n03_2019_13116_toshima.geojson");
    ASSERT_TRUE(src) << "shared N03 Toshima boundary missing";
    std::unique_ptr<OGRFeature> sf(src->GetLayer(0)->GetNextFeature());
    OGREnvelope expected;
    sf->GetGeometryRef()->getEnvelope(&expected);
    int expected_points = 0;
    for (const auto* poly : *sf->GetGeometryRef()->toMultiPolygon())
        for (const auto* ring : *poly)
            expected_points += ring->getNumPoints();
    ASSERT_GT(expected_points, 1000);

    for (const char* ext : {"gpkg", "geojson", "kml"}) {
        SCOPED_TRACE(ext);
        const fs::path file = out(std::string("ward.") + ext);
        EXPECT_EQ(data::export_layer(*m_store, options(ExportLayer::ward, file)).rows, 1u);
        const auto features = read_layer(file);
        ASSERT_EQ(features.size(), 1u);
        // GeoJSON (RFC 7946 mode) and KML write a one-part multipolygon as a
        // Polygon, which is equally valid there; GeoPackage keeps the type.
        EXPECT_EQ(features[0].geometry_type,
                  std::string(ext) == "gpkg" ? "Multi Polygon" : "Polygon");
        EXPECT_EQ(features[0].points_in_geometry, expected_points);
        EXPECT_NEAR(features[0].envelope.MinX, expected.MinX, 1e-9);
        EXPECT_NEAR(features[0].envelope.MaxX, expected.MaxX, 1e-9);
        EXPECT_NEAR(features[0].envelope.MinY, expected.MinY, 1e-9);
        EXPECT_NEAR(features[0].envelope.MaxY, expected.MaxY, 1e-9);
        EXPECT_EQ(features[0].attrs.at(std::string(ext) == "kml" ? "Name" : "name"), "豊島区");
    }
    // CSV carries the polygon as a WKT column that QGIS and OGR read.
    const fs::path csv = out("ward.csv");
    data::export_layer(*m_store, options(ExportLayer::ward, csv));
    const auto rows = text::read_csv(read_bytes(csv));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"kind", "name", "source", "WKT"}));
    EXPECT_EQ(rows[1].fields[1], "豊島区");
    EXPECT_EQ(rows[1].fields[3].rfind("MULTIPOLYGON", 0), 0u);
}

TEST_F(ExportFixture, GeoJsonIsRfc7946LonLatWithoutCrsMember) {
    const fs::path file = out("persons.geojson");
    data::export_layer(*m_store, options(ExportLayer::persons, file));
    const std::string json = read_bytes(file);
    EXPECT_EQ(json.find("\"crs\""), std::string::npos);
    // Longitude first, every digit of the stored double kept.
    EXPECT_NE(json.find("[ 139.732941234567"), std::string::npos) << json.substr(0, 400);
    EXPECT_NE(json.find("\"geometry\": null"), std::string::npos); // P-003 is unlocated
}

TEST_F(ExportFixture, CsvHasEveryFieldWithLonLatAndBom) {
    for (bool ja : {false, true}) {
        SCOPED_TRACE(ja ? "ja" : "en");
        const fs::path file = out(ja ? "persons_ja.csv" : "persons_en.csv");
        auto o = options(ExportLayer::persons, file, true);
        o.japanese_headers = ja;
        data::export_layer(*m_store, o);
        const std::string bytes = read_bytes(file);
        ASSERT_EQ(bytes.substr(0, 3), std::string(text::utf8_bom));
        const auto rows = text::read_csv(bytes);
        ASSERT_EQ(rows.size(), 4u);
        const auto& fields = data::person_fields();
        ASSERT_EQ(rows[0].fields.size(), fields.size());
        for (std::size_t c = 0; c < fields.size(); ++c)
            EXPECT_EQ(rows[0].fields[c], ja ? fields[c].header_ja : fields[c].key);
        const auto persons = fixture_persons();
        for (std::size_t r = 0; r < persons.size(); ++r)
            for (std::size_t c = 0; c < fields.size(); ++c)
                EXPECT_EQ(rows[r + 1].fields[c], fields[c].get(persons[r]))
                    << persons[r].external_id << " " << fields[c].key;
    }
}

TEST_F(ExportFixture, Cp932CsvDecodesBackWithoutBom) {
    const fs::path file = out("persons_cp932.csv");
    auto o = options(ExportLayer::persons, file, true);
    o.cp932 = true;
    o.japanese_headers = true;
    data::export_layer(*m_store, o);
    const std::string bytes = read_bytes(file);
    EXPECT_NE(bytes.substr(0, 3), std::string(text::utf8_bom));
    EXPECT_EQ(text::detect_encoding(bytes), text::Encoding::Cp932);
    EXPECT_NE(bytes.find(text::utf8_to_cp932("髙橋 ①子")), std::string::npos);
    const auto rows = text::read_csv(text::cp932_to_utf8(bytes));
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].fields[1], "氏名");
    EXPECT_EQ(rows[1].fields[1], "髙橋 ①子");
    EXPECT_EQ(rows[1].fields[0], "P-001");
}

TEST_F(ExportFixture, Cp932CannotHoldCharacterFailsWithoutLeavingAFile) {
    data::Person p = person_suzuki();
    p.external_id = "P-004";
    p.name = "𠮟田 太郎";
    m_store->registry().upsert_person(p);
    const auto audit_before = m_store->audit().count();
    const fs::path file = out("persons.csv");
    auto o = options(ExportLayer::persons, file, true);
    o.cp932 = true;
    try {
        data::export_layer(*m_store, o);
        FAIL() << "CP932 export of 𠮟 must fail";
    } catch (const data::DataError& e) {
        EXPECT_EQ(e.code(), data::ErrorCode::export_failed);
        const std::string msg = e.what();
        EXPECT_NE(msg.find("P-004"), std::string::npos) << msg;
        EXPECT_NE(msg.find("column name"), std::string::npos) << msg;
        EXPECT_NE(msg.find("𠮟"), std::string::npos) << msg;
        EXPECT_EQ(msg.find("太郎"), std::string::npos) << "the message must not repeat the name";
    }
    EXPECT_TRUE(output_files().empty());
    EXPECT_EQ(m_store->audit().count(), audit_before);
}

// Every byte of every masked export, the GeoPackage's SQLite pages included.
TEST_F(ExportFixture, MaskedExportsContainNoNameBirthDateOrPhone) {
    std::vector<std::string> secrets;
    for (const auto& p : fixture_persons()) {
        secrets.push_back(p.name);
        if (!p.name_kana.empty()) secrets.push_back(p.name_kana);
    }
    for (const auto& s : fixture_supporters()) {
        secrets.push_back(s.name);
        if (!s.name_kana.empty()) secrets.push_back(s.name_kana);
    }
    for (const char* s : {"髙橋", "花子", "1948-05-02", "1961-11-30", "3981-1111", "1234-5678",
                          "5555-0101", "3987-2222"})
        secrets.emplace_back(s);

    std::vector<std::pair<ExportLayer, std::string>> exports;
    for (auto layer : {ExportLayer::persons, ExportLayer::supporters})
        for (const char* ext : {"gpkg", "geojson", "csv", "kml"})
            exports.emplace_back(layer, std::string(data::to_string(layer)) + "." + ext);
    exports.emplace_back(ExportLayer::map, "map.gpkg");
    for (const auto& [layer, name] : exports) {
        data::export_layer(*m_store, options(layer, out(name)));
        const std::string bytes = read_bytes(out(name));
        ASSERT_FALSE(bytes.empty()) << name;
        for (const auto& secret : secrets)
            EXPECT_EQ(bytes.find(secret), std::string::npos) << name << " leaks '" << secret << "'";
    }
    // CP932 bytes of the names must not appear in a CP932 export either.
    auto o = options(ExportLayer::persons, out("persons_cp932.csv"));
    o.cp932 = true;
    data::export_layer(*m_store, o);
    const std::string cp932 = read_bytes(out("persons_cp932.csv"));
    for (const auto& p : fixture_persons())
        EXPECT_EQ(cp932.find(text::utf8_to_cp932(p.name)), std::string::npos) << p.external_id;

    // What stays: registry number, birth year, starred phone, address, location.
    const auto rows = text::read_csv(read_bytes(out("persons.csv")));
    ASSERT_EQ(rows.size(), 4u);
    const auto& header = rows[0].fields;
    auto col = [&](std::string_view key) {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == key) return i;
        ADD_FAILURE() << "no column " << key;
        return std::size_t{0};
    };
    const auto& r = rows[1].fields;
    EXPECT_EQ(r[col("external_id")], "P-001");
    EXPECT_EQ(r[col("name")], "");
    EXPECT_EQ(r[col("consent_signed_by")], "");
    EXPECT_EQ(r[col("birth_date")], "1948");
    EXPECT_EQ(r[col("phone_home")], "**-****-****");
    EXPECT_EQ(r[col("address")], "巣鴨三丁目14番1号");
    EXPECT_EQ(r[col("lon")], data::format_number(person_takahashi().location->lon()));
    EXPECT_EQ(r[col(data::k_masked_column_key)], "1");
    EXPECT_EQ(rows[3].fields[col("birth_date")], ""); // empty stays empty
}

TEST_F(ExportFixture, IncludePersonalKeepsNamesInGeoPackage) {
    const fs::path file = out("persons.gpkg");
    data::export_layer(*m_store, options(ExportLayer::persons, file, true));
    const std::string bytes = read_bytes(file);
    EXPECT_NE(bytes.find("髙橋 ①子"), std::string::npos);
    const auto features = read_layer(file);
    EXPECT_EQ(features[0].attrs.count(std::string(data::k_masked_column_key)), 0u);
}

TEST_F(ExportFixture, EveryExportIsAudited) {
    const fs::path masked = out("persons.csv");
    const fs::path personal = out("map.gpkg");
    data::export_layer(*m_store, options(ExportLayer::persons, masked));
    data::export_layer(*m_store, options(ExportLayer::map, personal, true));
    std::vector<data::AuditEntry> exports;
    for (auto& e : m_store->audit().entries())
        if (e.action == "export") exports.push_back(e);
    ASSERT_EQ(exports.size(), 2u);
    const auto* a = exports[0].entity == masked.string() ? &exports[0] : &exports[1];
    const auto* b = a == &exports[0] ? &exports[1] : &exports[0];
    EXPECT_EQ(a->entity, masked.string());
    EXPECT_EQ(a->actor, "tester");
    EXPECT_EQ(a->summary,
              "layer=persons format=csv rows=3 personal=masked encoding=utf8 actor=tester");
    EXPECT_EQ(b->entity, personal.string());
    EXPECT_EQ(b->summary, "layer=map format=gpkg rows=6 (ward 1, facilities 2, persons 3) "
                          "personal=included actor=tester");
    EXPECT_TRUE(m_store->audit().verify().ok);
}

TEST_F(ExportFixture, ExistingFileIsRefusedAndUntouchedUnlessForced) {
    const fs::path file = out("persons.gpkg");
    { std::ofstream(file, std::ios::binary) << "keep me"; }
    const auto audit_before = m_store->audit().count();
    try {
        data::export_layer(*m_store, options(ExportLayer::persons, file));
        FAIL() << "an existing file must not be overwritten without overwrite";
    } catch (const data::DataError& e) {
        EXPECT_EQ(e.code(), data::ErrorCode::export_failed);
        EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("--force"), std::string::npos);
    }
    EXPECT_EQ(read_bytes(file), "keep me");
    EXPECT_EQ(output_files(), std::vector<std::string>{"persons.gpkg"});
    EXPECT_EQ(m_store->audit().count(), audit_before);

    auto o = options(ExportLayer::persons, file);
    o.overwrite = true;
    EXPECT_EQ(data::export_layer(*m_store, o).rows, 3u);
    EXPECT_EQ(read_layer(file).size(), 3u);
    EXPECT_EQ(output_files(), std::vector<std::string>{"persons.gpkg"});
}

TEST_F(ExportFixture, MapBundleIsGeoPackageOnly) {
    const fs::path file = out("map.gpkg");
    const auto report = data::export_layer(*m_store, options(ExportLayer::map, file));
    EXPECT_EQ(report.layers_written, (std::vector<std::string>{"ward", "facilities", "persons"}));
    EXPECT_EQ(report.rows, 6u);
    EXPECT_EQ(read_layer(file, "ward").size(), 1u);
    EXPECT_EQ(read_layer(file, "facilities").size(), 2u);
    EXPECT_EQ(read_layer(file, "persons").size(), 3u);
    for (const char* name : {"map.geojson", "map.csv", "map.kml"}) {
        try {
            data::export_layer(*m_store, options(ExportLayer::map, out(name)));
            FAIL() << name;
        } catch (const data::DataError& e) {
            EXPECT_EQ(e.code(), data::ErrorCode::invalid_input);
            EXPECT_NE(std::string(e.what()).find("GeoPackage"), std::string::npos);
        }
    }
    EXPECT_EQ(output_files(), std::vector<std::string>{"map.gpkg"});
}

std::string validate_gpkg_script() {
    for (const char* p : {"/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
                          "/usr/share/doc/python3-gdal/examples/validate_gpkg.py"})
        if (fs::exists(p)) return p;
    return {};
}

TEST_F(ExportFixture, GeoPackagesPassValidateGpkgAndHaveSrsAndSpatialIndex) {
    const std::string script = validate_gpkg_script();
    ASSERT_FALSE(script.empty()) << "validate_gpkg.py not found: install Debian package "
                                    "python3-gdal (it ships osgeo_utils/samples/validate_gpkg.py)";
    auto ja = options(ExportLayer::map, out("map_ja.gpkg"), true);
    ja.japanese_headers = true;
    data::export_layer(*m_store, ja);
    data::export_layer(*m_store, options(ExportLayer::map, out("map.gpkg")));
    data::export_layer(*m_store, options(ExportLayer::supporters, out("supporters.gpkg")));
    for (const char* name : {"map.gpkg", "map_ja.gpkg", "supporters.gpkg"}) {
        SCOPED_TRACE(name);
        const fs::path log = m_dir / "validate.log";
        const std::string cmd = "/usr/bin/python3 '" + script + "' '" + out(name).string() +
                                "' > '" + log.string() + "' 2>&1";
        EXPECT_EQ(std::system(cmd.c_str()), 0) << read_bytes(log);

        DatasetPtr ds = open_vector(out(name));
        ASSERT_TRUE(ds);
        OGRLayer* rs = ds->ExecuteSQL(
            "SELECT c.table_name, c.data_type, c.srs_id, g.geometry_type_name, "
            "(SELECT COUNT(*) FROM gpkg_extensions e WHERE e.table_name = c.table_name AND "
            "e.extension_name = 'gpkg_rtree_index') FROM gpkg_contents c JOIN "
            "gpkg_geometry_columns g ON g.table_name = c.table_name",
            nullptr, nullptr);
        ASSERT_NE(rs, nullptr);
        int tables = 0;
        for (auto& f : *rs) {
            ++tables;
            const std::string table = f->GetFieldAsString(0);
            EXPECT_STREQ(f->GetFieldAsString(1), "features") << table;
            EXPECT_EQ(f->GetFieldAsInteger(2), 4326) << table;
            EXPECT_STREQ(f->GetFieldAsString(3), table == "ward" ? "MULTIPOLYGON" : "POINT");
            EXPECT_EQ(f->GetFieldAsInteger(4), 1) << table << " has no R-tree spatial index";
        }
        ds->ReleaseResultSet(rs);
        EXPECT_EQ(tables, std::string(name) == "supporters.gpkg" ? 1 : 3);
    }
}

TEST_F(ExportFixture, UnknownExtensionAndCp932OutsideCsvAreRejected) {
    try {
        data::export_layer(*m_store, options(ExportLayer::persons, out("persons.xlsx")));
        FAIL();
    } catch (const data::DataError& e) {
        EXPECT_EQ(e.code(), data::ErrorCode::invalid_input);
        EXPECT_NE(std::string(e.what()).find(".xlsx"), std::string::npos);
    }
    auto o = options(ExportLayer::persons, out("persons.xlsx"));
    o.format = ExportFormat::csv; // an explicit format wins over the extension
    EXPECT_EQ(data::export_layer(*m_store, o).format, ExportFormat::csv);
    auto k = options(ExportLayer::persons, out("persons.kml"));
    k.cp932 = true;
    EXPECT_THROW(data::export_layer(*m_store, k), data::DataError);
    EXPECT_EQ(output_files(), std::vector<std::string>{"persons.xlsx"});
}

TEST(ExportFormatTest, InferredFromExtensionCaseInsensitively) {
    EXPECT_EQ(data::export_format_from_path("a/map.GPKG"), ExportFormat::gpkg);
    EXPECT_EQ(data::export_format_from_path("x.geojson"), ExportFormat::geojson);
    EXPECT_EQ(data::export_format_from_path("x.json"), ExportFormat::geojson);
    EXPECT_EQ(data::export_format_from_path("x.csv"), ExportFormat::csv);
    EXPECT_EQ(data::export_format_from_path("x.kml"), ExportFormat::kml);
    EXPECT_EQ(data::export_format_from_path("x.shp"), std::nullopt);
    EXPECT_EQ(data::export_format_from_path("noext"), std::nullopt);
    EXPECT_EQ(data::parse_export_layer("map"), ExportLayer::map);
    EXPECT_EQ(data::parse_export_layer("people"), std::nullopt);
}

TEST(ExportMaskingTest, RulesByFieldKey) {
    EXPECT_EQ(data::mask_rule("name"), data::MaskRule::blank);
    EXPECT_EQ(data::mask_rule("birth_date"), data::MaskRule::birth_year);
    EXPECT_EQ(data::mask_rule("phone_mobile"), data::MaskRule::phone_digits);
    EXPECT_EQ(data::mask_rule("address"), data::MaskRule::keep);
    EXPECT_EQ(data::mask_rule("a_future_personal_field"), data::MaskRule::blank);
    EXPECT_EQ(data::apply_mask(data::MaskRule::blank, "髙橋 ①子"), "");
    EXPECT_EQ(data::apply_mask(data::MaskRule::birth_year, "1948-05-02"), "1948");
    EXPECT_EQ(data::apply_mask(data::MaskRule::phone_digits, "(03) 3981-1111"), "(**) ****-****");
    EXPECT_EQ(data::apply_mask(data::MaskRule::phone_digits, "０３-１２"), "**-**");
    EXPECT_EQ(data::apply_mask(data::MaskRule::birth_year, ""), "");
    // Every personal field of the registry is either kept on purpose or masked.
    for (const auto& f : data::person_fields()) {
        if (!f.personal || data::mask_rule(f.key) != data::MaskRule::keep) continue;
        EXPECT_TRUE(f.key == "postal_code" || f.key == "address" || f.key == "address_normalized" ||
                    f.key == "lon" || f.key == "lat")
            << f.key;
    }
}

} // namespace
} // namespace breathline::test
