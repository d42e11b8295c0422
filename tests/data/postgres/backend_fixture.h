#pragma once
/// What the store contract suites share (issue 9): a fresh, empty location of one backend
/// (a SpatiaLite file or a PostgreSQL/PostGIS scratch database of the throwaway cluster) and
/// the persons they fill it with. Used by store_contract_test.cpp (core stores) and
/// extension_store_contract_test.cpp (the stores of issues 5-8), so both run every case
/// against both backends in the same way.
///
/// The namespace is not `breathline::testing` (tests/pg_test_cluster.h) on purpose: inside
/// breathline::data, `testing::` then names these helpers; ScratchDatabase is spelt in full.

#include "data/postgres/pg_connection.h"
#include "data/spatialite/spatialite_store.h"
#include "data/store/store.h"
#include "tests/pg_test_cluster.h"

#include <atomic>
#include <filesystem>
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <system_error>
#include <unistd.h>

namespace breathline::data::testing {

/// A fresh, empty location of one backend ("spatialite" or "postgresql"), removed afterwards.
class Backend {
public:
    explicit Backend(const std::string& kind) : m_kind(kind) {
        if (kind == "postgresql") {
            m_pg = std::make_unique<breathline::testing::ScratchDatabase>();
            m_location = m_pg->conninfo();
        } else {
            // pid and a counter: suites of several binaries share TempDir and run in parallel.
            static std::atomic<int> counter{0};
            m_dir =
                std::filesystem::path(::testing::TempDir()) /
                ("store_contract_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
            std::filesystem::remove_all(m_dir);
            std::filesystem::create_directories(m_dir);
            m_location = (m_dir / "breathline.sqlite").string();
        }
    }
    ~Backend() {
        if (!m_dir.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(m_dir, ec);
        }
    }
    Backend(const Backend&) = delete;
    Backend& operator=(const Backend&) = delete;

    /// A new store (its own connection) on this location, acting as `actor`.
    std::unique_ptr<Store> open(const std::string& actor = "tester") const {
        auto store = open_store(m_location);
        store->set_actor(actor);
        return store;
    }
    const std::string& location() const { return m_location; }
    const std::string& kind() const { return m_kind; }

    /// Rewrites one audit row behind the store's back (the append-only guards
    /// switched off, as an attacker with file or superuser access could).
    void tamper_audit_summary(Store& store, RowId id, const std::string& summary) const {
        if (m_kind == "postgresql") {
            pg::Connection c(m_location);
            c.exec("ALTER TABLE audit_log DISABLE TRIGGER USER");
            c.query("UPDATE audit_log SET summary=$1 WHERE id=$2",
                    pg::Params().add(summary).add(id));
            c.exec("ALTER TABLE audit_log ENABLE TRIGGER USER");
        } else {
            auto& db = spatialite::spatialite_backend(store, "tamper").database();
            db.exec("DROP TRIGGER audit_log_no_update;");
            db.prepare("UPDATE audit_log SET summary=? WHERE id=?")
                .bind(1, summary)
                .bind(2, id)
                .run();
        }
    }

private:
    std::string m_kind;
    std::unique_ptr<breathline::testing::ScratchDatabase> m_pg;
    std::filesystem::path m_dir;
    std::string m_location;
};

/// A person with every registry field set (the location to the last bit of a double).
inline Person full_person(const std::string& external_id) {
    Person p;
    p.external_id = external_id;
    p.name = "豊島 髙子";
    p.name_kana = "トシマ タカコ";
    p.sex = Sex::female;
    p.birth_date = "1951-04-03";
    p.postal_code = "170-0002";
    p.address = "巣鴨三丁目14番1号";
    p.address_normalized = "巣鴨3-14-1";
    p.town = "巣鴨三丁目";
    p.phone_home = "03-1111-2222";
    p.phone_mobile = "090-3333-4444";
    p.disease = "ALS";
    p.care_situation = "寝たきり";
    p.uses_ventilator = true;
    p.ventilator_mode = VentilatorMode::tppv;
    p.ventilator_hours_per_day = 24;
    p.ventilator_model = "Trilogy 100";
    p.internal_battery = true;
    p.internal_battery_h = 3.5;
    p.external_battery = false;
    p.external_battery_h = 0.25;
    p.suction_internal_battery = true;
    p.suction_non_electric = false;
    p.resuscitation_bag = true;
    p.home_oxygen = true;
    p.oxygen_flow_l_min = 1.5;
    p.oxygen_hours_per_day = 12;
    p.infusion_pump = true;
    p.pulse_oximeter = true;
    p.low_pressure_suction = true;
    p.inhaler = true;
    p.tube_feeding = TubeFeeding::gastrostomy;
    p.cough_assist = true;
    p.air_mattress = true;
    p.consent_scope = "区・消防・訪問看護";
    p.consent_date = "2025-06-01";
    p.consent_signed_by = "本人";
    p.power_company_registered = false;
    p.svc_care_insurance = true;
    p.svc_intractable_disease = true;
    p.svc_disability_welfare = true;
    p.svc_pediatric_chronic = true;
    p.svc_severe_disability_visit = true;
    p.disability_certificate_grade = 1;
    p.svc_other = "訪問入浴";
    p.disaster_concerns = "停電時の吸引";
    p.status = PersonStatus::hospitalised;
    p.location = geo::LonLat(139.72912345678901, 35.733456789012345);
    p.geocode_precision = GeocodePrecision::exact;
    p.notes = "夜間は長女が介護";
    return p;
}

/// A ventilator user with only the fields the registry requires and a location.
inline Person minimal_person(const std::string& external_id, double lon, double lat) {
    Person p;
    p.external_id = external_id;
    p.name = "利用者 " + external_id;
    p.uses_ventilator = true;
    p.location = geo::LonLat(lon, lat);
    p.geocode_precision = GeocodePrecision::exact;
    return p;
}

} // namespace breathline::data::testing
