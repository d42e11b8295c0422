#pragma once
// A small registry for export tests: three persons (髙橋/① in names, TPPV and
// NPPV, battery hours, one with every nullable field empty and no location),
// two supporters, two facilities and the real N03 Toshima boundary, in a
// temporary database that is deleted afterwards.

#include "data/error.h"
#include "data/store/store.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <memory>
#include <ogrsf_frmts.h>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace breathline::test {

namespace fs = std::filesystem;

inline data::Person person_takahashi() {
    data::Person p;
    p.external_id = "P-001";
    p.name = "髙橋 ①子";
    p.name_kana = "タカハシ イチコ";
    p.sex = data::Sex::female;
    p.birth_date = "1948-05-02";
    p.postal_code = "170-0002";
    p.address = "巣鴨三丁目14番1号";
    p.address_normalized = "巣鴨3-14-1";
    p.town = "巣鴨三丁目";
    p.phone_home = "03-3981-1111";
    p.phone_mobile = "090-1234-5678";
    p.disease = "筋萎縮性側索硬化症";
    p.care_situation = "寝たきり, 24時間介護";
    p.uses_ventilator = true;
    p.ventilator_mode = data::VentilatorMode::tppv;
    p.ventilator_hours_per_day = 24;
    p.ventilator_model = "Trilogy100";
    p.internal_battery = true;
    p.internal_battery_h = 4.5;
    p.external_battery = true;
    p.external_battery_h = 8;
    p.suction_internal_battery = true;
    p.suction_non_electric = false;
    p.resuscitation_bag = true;
    p.pulse_oximeter = true;
    p.tube_feeding = data::TubeFeeding::gastrostomy;
    p.cough_assist = true;
    p.air_mattress = true;
    p.consent_scope = "豊島区, 池袋保健所";
    p.consent_date = "2024-04-01";
    p.consent_signed_by = "髙橋 花子";
    p.power_company_registered = true;
    p.svc_care_insurance = true;
    p.svc_intractable_disease = true;
    p.disability_certificate_grade = 1;
    p.disaster_concerns = "停電時の \"外部バッテリー\" 充電";
    p.location = geo::LonLat(139.73294123456789, 35.735893123456789);
    p.geocode_precision = data::GeocodePrecision::exact;
    p.notes = "長女の髙橋花子さんが主介護者";
    return p;
}

inline data::Person person_sato() {
    data::Person p;
    p.external_id = "P-002";
    p.name = "佐藤 次郎";
    p.name_kana = "サトウ ジロウ";
    p.sex = data::Sex::male;
    p.birth_date = "1961-11-30";
    p.address = "南大塚二丁目1番1号";
    p.address_normalized = "南大塚2-1-1";
    p.town = "南大塚二丁目";
    p.phone_mobile = "080-5555-0101";
    p.uses_ventilator = true;
    p.ventilator_mode = data::VentilatorMode::nppv;
    p.ventilator_hours_per_day = 10;
    p.internal_battery = false;
    p.home_oxygen = true;
    p.oxygen_flow_l_min = 1.5;
    p.oxygen_hours_per_day = 12;
    p.location = geo::LonLat(139.7283, 35.7294);
    p.geocode_precision = data::GeocodePrecision::town;
    return p;
}

// Every nullable field empty and no location.
inline data::Person person_suzuki() {
    data::Person p;
    p.external_id = "P-003";
    p.name = "鈴木 三郎";
    p.home_oxygen = true;
    return p;
}

inline std::vector<data::Person> fixture_persons() {
    return {person_takahashi(), person_sato(), person_suzuki()};
}

inline std::vector<data::Supporter> fixture_supporters() {
    data::Supporter a;
    a.external_id = "S-001";
    a.name = "田中 四郎";
    a.name_kana = "タナカ シロウ";
    a.kind = data::SupporterKind::neighbour;
    a.phone = "03-3987-2222";
    a.address = "巣鴨三丁目15番2号";
    a.travel_mode = data::TravelMode::car;
    a.availability = "平日夜間";
    a.location = geo::LonLat(139.7331, 35.7361);
    a.geocode_precision = data::GeocodePrecision::exact;
    data::Supporter b;
    b.external_id = "S-002";
    b.name = "山本 五月";
    b.kind = data::SupporterKind::family;
    b.active = false;
    return {a, b};
}

inline std::vector<data::Facility> fixture_facilities() {
    data::Facility a;
    a.external_id = "rescue_centre-01";
    a.kind = data::FacilityKind::rescue_centre;
    a.seed_no = 1;
    a.name = "清和小学校";
    a.address = "巣鴨3-14-1";
    a.capacity = 500;
    a.relief_station = true;
    a.location = geo::LonLat(139.73294, 35.735893);
    a.geocode_precision = data::GeocodePrecision::exact;
    a.geocode_source = "gsi_shelter:清和小学校";
    data::Facility b;
    b.external_id = "disaster_base_hospital-01";
    b.kind = data::FacilityKind::disaster_base_hospital;
    b.name = "都立大塚病院";
    b.address = "南大塚2-8-1";
    b.phone = "03-3941-3211";
    b.status = data::FacilityStatus::open;
    b.location = geo::LonLat(139.7301, 35.7287);
    b.geocode_precision = data::GeocodePrecision::manual;
    return {a, b};
}

inline void register_gdal() {
    static const bool once = [] {
        GDALAllRegister();
        return true;
    }();
    (void)once;
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

inline DatasetPtr open_vector(const fs::path& path) {
    register_gdal();
    return DatasetPtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

/// The real N03 Toshima boundary as WKT (fails the test when the shared data
/// is missing, never skips).
inline std::string toshima_boundary_wkt() {
    const fs::path file =
        fs::path(BREATHLINE_TEST_DATA_DIR) / "real/boundaries/n03_2019_13116_toshima.geojson";
    DatasetPtr ds = open_vector(file);
    if (!ds) {
        ADD_FAILURE() << "shared data missing: " << file
                      << " (see /work/shared/data/real/SOURCES.md)";
        return {};
    }
    OGRLayer* layer = ds->GetLayer(0);
    std::unique_ptr<OGRFeature> f(layer->GetNextFeature());
    char* wkt = nullptr;
    f->GetGeometryRef()->exportToWkt(&wkt);
    std::string out(wkt);
    CPLFree(wkt);
    return out;
}

inline std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

/// A temporary folder with a database filled with the fixture.
class ExportFixture : public ::testing::Test {
protected:
    void SetUp() override {
        static std::atomic<int> counter{0};
        m_dir = fs::temp_directory_path() / ("breathline-export-" + std::to_string(::getpid()) +
                                             "-" + std::to_string(counter++));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir / "out");
        m_store = data::open_store((m_dir / "registry.sqlite").string());
        m_store->set_actor("tester");
        fill(*m_store);
    }
    void TearDown() override {
        m_store.reset();
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }

    static void fill(data::Store& store) {
        auto work = store.begin();
        for (const auto& p : fixture_persons())
            store.registry().upsert_person(p);
        for (const auto& s : fixture_supporters())
            store.registry().upsert_supporter(s);
        for (const auto& f : fixture_facilities())
            store.facilities().upsert_facility(f);
        data::Area ward;
        ward.kind = "ward_boundary";
        ward.name = "豊島区";
        ward.source = "国土数値情報 N03 2019";
        ward.wkt = toshima_boundary_wkt();
        store.areas().upsert_area(ward);
        work->commit();
    }

    fs::path out(const std::string& name) const { return m_dir / "out" / name; }

    /// Files in the output folder (to prove no temporary file was left).
    std::vector<std::string> output_files() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(m_dir / "out"))
            names.push_back(e.path().filename().string());
        return names;
    }

    fs::path m_dir;
    std::unique_ptr<data::Store> m_store;
};

} // namespace breathline::test
