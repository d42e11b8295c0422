// Destination recommendation, coordinator decisions, the facility status board fields and the
// PDF forms, on the demo database (real arterial roads, located rescue centres; the demo's
// hospitals are unlocated, so the tests place them by hand).

#include "../demo/demo_test_data.h"
#include "data/demo/demo_builder.h"
#include "data/error.h"
#include "data/io/record_edit.h"
#include "data/ops/recommend.h"
#include "data/reports/medical_notice.h"
#include "data/roads/routing_service.h"
#include "data/spatialite/migrations.h"
#include "data/spatialite/spatialite_store.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <unistd.h>

namespace breathline::data::ops {
namespace {

namespace fs = std::filesystem;

// Points on arterial roads inside or near the ward (明治通り near Ikebukuro, north and south).
constexpr std::array<double, 2> k_north{139.7200, 35.7370};
constexpr std::array<double, 2> k_mid{139.7150, 35.7270};
constexpr std::array<double, 2> k_south{139.7100, 35.7110};

class DestinationTest : public ::testing::Test {
protected:
    void SetUp() override {
        BREATHLINE_REQUIRE_DEMO_DATA();
        m_dir = fs::temp_directory_path() /
                ("destination_test_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_store = open_store((m_dir / "demo.sqlite").string());
        demo::build_demo(*m_store, demo::testing::demo_inputs());
        m_store->set_actor("destination-test");
        // The demo's hospitals have no location: place one base and two cooperating ones.
        m_base = hospital(FacilityKind::disaster_base_hospital, 0, k_south);
        m_coop_a = hospital(FacilityKind::disaster_cooperating_hospital, 0, k_north);
        m_coop_b = hospital(FacilityKind::disaster_cooperating_hospital, 1, k_mid);
        m_routing = std::make_unique<RoutingService>(*m_store);
    }
    void TearDown() override {
        m_routing.reset();
        m_store.reset();
        fs::remove_all(m_dir);
    }

    std::string hospital(FacilityKind kind, std::size_t nth, std::array<double, 2> at) {
        FacilityFilter filter;
        filter.kind = kind;
        const auto all = m_store->facilities().facilities(filter);
        EXPECT_GT(all.size(), nth) << "the demo lacks " << to_db(kind);
        if (all.size() <= nth) return "";
        set_facility(
            all[nth].external_id,
            {{"lon", std::to_string(at[0])}, {"lat", std::to_string(at[1])}, {"status", "open"}});
        return all[nth].external_id;
    }
    void set_facility(const std::string& id, const FieldValues& values) {
        const EditOutcome e = edit_facility(*m_store, id, values);
        ASSERT_TRUE(e.saved) << id << ": " << (e.errors.empty() ? "" : e.errors[0].reason_en);
    }
    void set_person(const std::string& id, const FieldValues& values) {
        const EditOutcome e = edit_person(*m_store, id, values);
        ASSERT_TRUE(e.saved) << id << ": " << (e.errors.empty() ? "" : e.errors[0].reason_en);
    }
    // A located ventilator user, placed on 明治通り between the hospitals.
    Person ventilator_user() {
        PersonFilter filter;
        filter.uses_ventilator = true;
        const auto all = m_store->registry().persons(filter);
        EXPECT_FALSE(all.empty());
        const std::string id = all.front().external_id;
        set_person(id, {{"lon", "139.7160"}, {"lat", "35.7300"}});
        return *m_store->registry().person_by_external_id(id);
    }
    static bool skipped(const Recommendation& rec, const std::string& id, SkipReason why) {
        return std::any_of(rec.skipped.begin(), rec.skipped.end(), [&](const SkippedFacility& s) {
            return s.external_id == id && s.reason == why;
        });
    }
    std::string pdf_text(const fs::path& pdf) {
        const fs::path txt = m_dir / "out.txt";
        const std::string cmd =
            "pdftotext -enc UTF-8 '" + pdf.string() + "' '" + txt.string() + "'";
        EXPECT_EQ(std::system(cmd.c_str()), 0) << "pdftotext (poppler-utils) failed: " << cmd;
        std::ifstream in(txt, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    fs::path m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<RoutingService> m_routing;
    std::string m_base, m_coop_a, m_coop_b;
};

TEST(SeverityRule, VentilatorDependenceAndLowSpo2AreSevere) {
    Person p;
    p.uses_ventilator = true;
    p.ventilator_hours_per_day = 24;
    EXPECT_EQ(assess_severity(p, nullptr).severity, Severity::severe);
    p.ventilator_hours_per_day.reset(); // unknown hours count as dependent
    EXPECT_EQ(assess_severity(p, nullptr).severity, Severity::severe);
    p.ventilator_hours_per_day = 10;
    EXPECT_EQ(assess_severity(p, nullptr).severity, Severity::moderate);
    SafetyCheck c;
    c.spo2_pct = 89;
    EXPECT_EQ(assess_severity(p, &c).severity, Severity::severe);
    EXPECT_NE(assess_severity(p, &c).reason_en.find("89"), std::string::npos);
    c.spo2_pct = 90;
    EXPECT_EQ(assess_severity(p, &c).severity, Severity::moderate);
    c.vent_running = false;
    EXPECT_EQ(assess_severity(p, &c).severity, Severity::severe);
    Person oxygen_only;
    oxygen_only.home_oxygen = true;
    EXPECT_EQ(assess_severity(oxygen_only, nullptr).severity, Severity::moderate);
}

TEST(SeverityRule, TiersFollowSeverityAndDisability) {
    using K = FacilityKind;
    EXPECT_EQ(destination_tiers(Judgement::hospitalise, Severity::severe, false),
              (std::vector<std::vector<K>>{{K::disaster_base_hospital},
                                           {K::disaster_cooperating_hospital}}));
    EXPECT_EQ(destination_tiers(Judgement::hospitalise, Severity::moderate, false).front(),
              std::vector<K>{K::disaster_cooperating_hospital});
    EXPECT_EQ(destination_tiers(Judgement::evacuate, Severity::moderate, true),
              (std::vector<std::vector<K>>{{K::welfare_rescue_centre}, {K::rescue_centre}}));
    EXPECT_EQ(destination_tiers(Judgement::evacuate, Severity::moderate, false),
              (std::vector<std::vector<K>>{{K::rescue_centre}}));
    EXPECT_TRUE(destination_tiers(Judgement::stay_home, Severity::severe, true).empty());
    Facility f;
    f.capacity = 10;
    f.occupancy = 9;
    EXPECT_TRUE(facility_accepts(f));
    f.occupancy = 10;
    EXPECT_FALSE(facility_accepts(f));
    f.occupancy.reset();
    f.status = FacilityStatus::damaged;
    EXPECT_FALSE(facility_accepts(f));
}

TEST_F(DestinationTest, SevereGoesToTheBaseHospitalAndSkipsClosedAndFullOnes) {
    Person p = ventilator_user();
    set_person(p.external_id, {{"ventilator_hours_per_day", "24"}});
    p = *m_store->registry().person_by_external_id(p.external_id);

    auto rec = recommend_destination(*m_store, *m_routing, p, Judgement::hospitalise, nullptr);
    ASSERT_EQ(rec.status, RecommendStatus::ok);
    ASSERT_TRUE(rec.severity);
    EXPECT_EQ(rec.severity->severity, Severity::severe);
    ASSERT_EQ(rec.options.size(), 3u);
    EXPECT_EQ(rec.options[0].facility.external_id, m_base);
    EXPECT_EQ(rec.options[0].tier, 1);
    EXPECT_EQ(rec.options[1].tier, 2);
    EXPECT_LE(rec.options[1].time_ms, rec.options[2].time_ms);
    for (const auto& o : rec.options) {
        EXPECT_GT(o.time_ms, 0u);
        EXPECT_GT(o.road_distance_m, 0);
        EXPECT_GE(o.route.size(), 2u) << o.facility.external_id;
    }

    // The base hospital closes; one cooperating hospital reports it is at capacity.
    set_facility(m_base, {{"status", "closed"}});
    set_facility(m_coop_a, {{"capacity", "40"}, {"occupancy", "40"}});
    rec = recommend_destination(*m_store, *m_routing, p, Judgement::hospitalise, nullptr);
    ASSERT_EQ(rec.status, RecommendStatus::ok);
    ASSERT_EQ(rec.options.size(), 1u);
    EXPECT_EQ(rec.options[0].facility.external_id, m_coop_b);
    EXPECT_EQ(rec.options[0].tier, 2);
    EXPECT_TRUE(skipped(rec, m_base, SkipReason::closed));
    EXPECT_TRUE(skipped(rec, m_coop_a, SkipReason::at_capacity));

    set_facility(m_coop_b, {{"status", "full"}});
    rec = recommend_destination(*m_store, *m_routing, p, Judgement::hospitalise, nullptr);
    EXPECT_EQ(rec.status, RecommendStatus::none_available);
    EXPECT_TRUE(rec.options.empty());
    EXPECT_TRUE(skipped(rec, m_coop_b, SkipReason::full));
}

TEST_F(DestinationTest, ModerateGoesToCooperatingHospitalsFirst) {
    Person p = ventilator_user();
    set_person(p.external_id, {{"ventilator_hours_per_day", "8"}});
    p = *m_store->registry().person_by_external_id(p.external_id);
    SafetyCheck check;
    check.spo2_pct = 96;
    const auto rec = recommend_destination(*m_store, *m_routing, p, Judgement::hospitalise, &check);
    ASSERT_EQ(rec.status, RecommendStatus::ok);
    EXPECT_EQ(rec.severity->severity, Severity::moderate);
    ASSERT_EQ(rec.options.size(), 3u);
    EXPECT_EQ(rec.options[0].tier, 1);
    EXPECT_EQ(rec.options[0].facility.kind, FacilityKind::disaster_cooperating_hospital);
    EXPECT_EQ(rec.options[2].facility.external_id, m_base);

    check.spo2_pct = 85; // the same person, now desaturating
    const auto severe =
        recommend_destination(*m_store, *m_routing, p, Judgement::hospitalise, &check);
    EXPECT_EQ(severe.options.at(0).facility.external_id, m_base);
}

TEST_F(DestinationTest, EvacuationPrefersWelfareCentresForDisabilityAndAvoidsClosedRoads) {
    Person p = ventilator_user();
    set_person(p.external_id, {{"svc_disability_welfare", "1"}});
    p = *m_store->registry().person_by_external_id(p.external_id);
    auto rec = recommend_destination(*m_store, *m_routing, p, Judgement::evacuate, nullptr);
    ASSERT_EQ(rec.status, RecommendStatus::ok);
    EXPECT_TRUE(rec.welfare_first);
    EXPECT_EQ(rec.options.at(0).facility.kind, FacilityKind::welfare_rescue_centre);

    set_person(p.external_id, {{"svc_disability_welfare", "0"},
                               {"svc_severe_disability_visit", "0"},
                               {"disability_certificate_grade", ""}});
    p = *m_store->registry().person_by_external_id(p.external_id);
    rec = recommend_destination(*m_store, *m_routing, p, Judgement::evacuate, nullptr);
    ASSERT_EQ(rec.status, RecommendStatus::ok);
    EXPECT_FALSE(rec.welfare_first);
    for (const auto& o : rec.options)
        EXPECT_EQ(o.facility.kind, FacilityKind::rescue_centre);
    const DestinationOption first = rec.options.at(0);

    // Close every road in a box around the nearest centre's location: the route to it must go
    // around (longer, never through the box) or the centre drops out as unreachable.
    const geo::LonLat at = *first.facility.location;
    const double d = 0.004; // about 400 m
    geo::Ring box{{{at.lon() - d, at.lat() - d},
                   {at.lon() + d, at.lat() - d},
                   {at.lon() + d, at.lat() + d},
                   {at.lon() - d, at.lat() + d}}};
    geo::MultiPolygon area;
    area.parts.push_back({box, {}});
    RoadClosure closure;
    closure.area = area;
    closure.reason = "倒壊家屋 (test)";
    m_routing->add_closure(closure);
    ASSERT_FALSE(m_routing->closed_edges().empty()) << "the box closed no road";

    rec = recommend_destination(*m_store, *m_routing, p, Judgement::evacuate, nullptr);
    ASSERT_EQ(rec.status, RecommendStatus::ok);
    const auto again =
        std::find_if(rec.options.begin(), rec.options.end(), [&](const DestinationOption& o) {
            return o.facility.external_id == first.facility.external_id;
        });
    if (again == rec.options.end()) {
        const bool dropped = skipped(rec, first.facility.external_id, SkipReason::unreachable) ||
                             skipped(rec, first.facility.external_id, SkipReason::unsnapped) ||
                             rec.options.size() == 3;
        EXPECT_TRUE(dropped);
    } else {
        EXPECT_GT(again->time_ms, first.time_ms);
        for (const geo::LonLat& q : again->route)
            EXPECT_FALSE(box.contains(q)) << q.lon() << "," << q.lat() << " is on a closed road";
    }
}

TEST_F(DestinationTest, OverrideNeedsAReasonAndEveryDecisionIsAudited) {
    const Person p = ventilator_user();
    auto decisions = decision_store(*m_store);
    const auto base = m_store->facilities().facility_by_external_id(m_base);
    const auto coop = m_store->facilities().facility_by_external_id(m_coop_a);

    DestinationDecision d;
    d.person_id = p.id;
    d.judgement = Judgement::hospitalise;
    d.severity = Severity::severe;
    d.recommended_facility_id = base->id;
    d.chosen_facility_id = coop->id;
    d.overridden = true;
    d.profile = "car";
    d.reason = "  ";
    const auto audit_before = m_store->audit().count();
    try {
        decisions->record(d);
        FAIL() << "an override without a reason was accepted";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
        EXPECT_NE(std::string(e.what()).find("reason"), std::string::npos) << e.what();
    }
    EXPECT_EQ(m_store->audit().count(), audit_before);
    EXPECT_TRUE(decisions->decisions(p.id).empty());

    d.reason = "主治医が連携病院で受け入れ確認済み";
    const RowId id = decisions->record(d);
    EXPECT_GT(id, 0);
    DestinationDecision confirm = d;
    confirm.overridden = false;
    confirm.reason.clear();
    confirm.chosen_facility_id = base->id;
    confirm.eta_s = 600;
    decisions->record(confirm);

    const auto stored = decisions->decisions(p.id);
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_TRUE(stored[0].overridden);
    EXPECT_EQ(stored[0].reason, d.reason);
    EXPECT_EQ(stored[0].actor, "destination-test");
    EXPECT_EQ(decisions->latest(p.id)->chosen_facility_id, base->id);

    const auto entries = m_store->audit().entries();
    ASSERT_GE(entries.size(), 2u);
    const AuditEntry& last = entries.back();
    const AuditEntry& override_entry = entries[entries.size() - 2];
    EXPECT_EQ(override_entry.action, "override");
    EXPECT_EQ(override_entry.entity, "destination_decisions");
    EXPECT_EQ(override_entry.entity_id, p.external_id);
    EXPECT_NE(override_entry.summary.find(d.reason), std::string::npos);
    EXPECT_NE(override_entry.summary.find(m_coop_a), std::string::npos);
    EXPECT_EQ(override_entry.summary.find(p.name), std::string::npos);
    EXPECT_EQ(last.action, "confirm");
    EXPECT_TRUE(m_store->audit().verify().ok);
}

// Migration 7 keeps decisions as history and enforces the reason in the schema too, so a
// tool writing around the store cannot record a reasonless override either.
TEST(DestinationSchema, Migration7RefusesReasonlessOverridesAndEdits) {
    const fs::path dir =
        fs::temp_directory_path() / ("destination_schema_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        auto store = open_store((dir / "s.sqlite").string());
        EXPECT_GE(store->schema_version(), 7);
        EXPECT_EQ(spatialite::migrations()[6].name, "facility_board_and_destinations");
        auto& db = dynamic_cast<spatialite::SpatialiteStore&>(*store).database();
        db.exec("INSERT INTO persons(id, external_id, name, home_oxygen) VALUES (1, 'T-1', 'x', 1);"
                "INSERT INTO facilities(id, external_id, kind, name) VALUES (1, 'h', "
                "'disaster_base_hospital', 'h');");
        const std::string insert =
            "INSERT INTO destination_decisions(person_id, judgement, chosen_facility_id, "
            "decision, reason, profile, decided_at, actor) VALUES (1, 'hospitalise', 1, ";
        EXPECT_THROW(db.exec(insert + "'override', ' ', 'car', 'now', 'a')"), DataError);
        db.exec(insert + "'override', 'bed confirmed', 'car', 'now', 'a')");
        EXPECT_THROW(db.exec("UPDATE destination_decisions SET reason='x'"), DataError);
        EXPECT_THROW(db.exec("DELETE FROM destination_decisions"), DataError);
        EXPECT_THROW(db.exec("UPDATE facilities SET occupancy=-1"), DataError);
        EXPECT_THROW(db.exec("UPDATE facilities SET power='solar'"), DataError);
    }
    fs::remove_all(dir);
}

TEST_F(DestinationTest, OccupancyAndPowerAreEditedValidatedAndAudited) {
    EditOutcome e = edit_facility(*m_store, m_coop_a,
                                  {{"occupancy", "12"}, {"power", "発電機"}, {"capacity", "30"}});
    ASSERT_TRUE(e.saved);
    EXPECT_NE(e.summary.find("occupancy: ∅ → 12"), std::string::npos) << e.summary;
    EXPECT_NE(e.summary.find("power: ∅ → generator"), std::string::npos) << e.summary;
    const auto f = m_store->facilities().facility_by_external_id(m_coop_a);
    EXPECT_EQ(f->occupancy, 12);
    EXPECT_EQ(f->power, FacilityPower::generator);
    EXPECT_FALSE(f->at_capacity());

    e = edit_facility(*m_store, m_coop_a, {{"occupancy", "-1"}, {"power", "solar"}});
    EXPECT_FALSE(e.saved);
    ASSERT_EQ(e.errors.size(), 2u);
    EXPECT_EQ(e.errors[0].field, "occupancy");
    EXPECT_EQ(e.errors[1].field, "power");
    EXPECT_EQ(e.errors[1].value, "solar");
    EXPECT_EQ(m_store->facilities().facility_by_external_id(m_coop_a)->occupancy, 12);
}

TEST_F(DestinationTest, NoticeNeverDrawsTheNameAndTheContactListMasksIt) {
    Person p = ventilator_user();
    ASSERT_FALSE(p.name.empty());
    ASSERT_FALSE(p.name_kana.empty());
    auto decisions = decision_store(*m_store);
    DestinationDecision d;
    d.person_id = p.id;
    d.judgement = Judgement::hospitalise;
    d.chosen_facility_id = m_store->facilities().facility_by_external_id(m_base)->id;
    d.profile = "car";
    d.eta_s = 720;
    decisions->record(d);

    SafetyCheck check;
    check.checked_at = "2026-11-22T03:00:00Z";
    check.spo2_pct = 88;
    check.vent_running = true;
    check.vent_power = VentilatorPower::internal_battery;
    check.judgement = Judgement::hospitalise;
    check.checker_affiliation = "池袋保健所";

    const auto audit_before = m_store->audit().count();
    for (const bool personal : {false, true}) {
        reports::NoticeOptions options;
        options.output = m_dir / (personal ? "notice_personal.pdf" : "notice.pdf");
        options.include_personal = personal;
        options.latest_check = check;
        const auto result = reports::write_medical_notice(*m_store, p.external_id, options);
        EXPECT_GE(result.pages, 1);
        const std::string text = pdf_text(options.output);
        EXPECT_NE(text.find(p.external_id), std::string::npos) << text;
        EXPECT_NE(text.find("人工呼吸器"), std::string::npos) << text;
        EXPECT_NE(text.find("SpO2 88%"), std::string::npos) << text;
        EXPECT_NE(text.find("入院"), std::string::npos) << text;
        EXPECT_NE(text.find(m_store->facilities().facility_by_external_id(m_base)->name),
                  std::string::npos)
            << text;
        EXPECT_NE(text.find("＊＊＊"), std::string::npos) << text;
        // Never the name, with or without personal data, nor its kana.
        EXPECT_EQ(text.find(p.name), std::string::npos) << text;
        EXPECT_EQ(text.find(p.name_kana), std::string::npos) << text;
        const std::string raw = pdf_text(options.output); // read twice: deterministic text
        EXPECT_EQ(raw, text);
    }
    EXPECT_EQ(m_store->audit().count(), audit_before + 2);
    const AuditEntry last = m_store->audit().entries().back();
    EXPECT_EQ(last.action, "export");
    EXPECT_EQ(last.entity_id, "medical_notice");
    EXPECT_NE(last.summary.find("personal data included"), std::string::npos);

    reports::ContactListOptions list;
    list.output = m_dir / "contacts.pdf";
    list.person_ids = {p.external_id};
    reports::write_contact_list(*m_store, list);
    std::string text = pdf_text(list.output);
    EXPECT_NE(text.find("様式1"), std::string::npos) << text;
    EXPECT_NE(text.find(p.external_id), std::string::npos);
    EXPECT_NE(text.find("03-3987-4178"), std::string::npos);
    EXPECT_EQ(text.find(p.name), std::string::npos) << text;
    EXPECT_EQ(text.find(p.name_kana), std::string::npos) << text;

    // With personal data requested the name is there: the masking above is what kept it out.
    list.include_personal = true;
    list.output = m_dir / "contacts_personal.pdf";
    reports::write_contact_list(*m_store, list);
    text = pdf_text(list.output);
    EXPECT_NE(text.find(p.name), std::string::npos) << text;
}

TEST_F(DestinationTest, UnknownPersonAndMissingFolderAreErrorsNamingThem) {
    reports::NoticeOptions options;
    options.output = m_dir / "x.pdf";
    try {
        reports::write_medical_notice(*m_store, "P-NOPE", options);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::not_found);
        EXPECT_NE(std::string(e.what()).find("P-NOPE"), std::string::npos);
    }
    const Person p = ventilator_user();
    options.output = m_dir / "no_such_dir" / "x.pdf";
    try {
        reports::write_medical_notice(*m_store, p.external_id, options);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::io);
        EXPECT_NE(std::string(e.what()).find("no_such_dir"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(options.output));
}

} // namespace
} // namespace breathline::data::ops
