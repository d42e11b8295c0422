// One contract for both store backends (issue 9): every case runs against a
// SpatiaLite file and a PostgreSQL/PostGIS scratch database and must behave
// alike (same rows, orderings, audit entries, errors). A few cases compare the
// two backends directly (nearest distances, stored polygons).
#include "console/cli/cli.h"
#include "data/error.h"
#include "data/postgres/pg_connection.h"
#include "data/postgres/postgres_store.h"
#include "data/spatialite/spatialite_store.h"
#include "data/store/row_conflict.h"
#include "data/store/store.h"
#include "tests/data/postgres/backend_fixture.h"
#include "tests/pg_test_cluster.h"

#include <cmath>
#include <gtest/gtest.h>
#include <sstream>
#include <thread>

namespace breathline::data {
namespace {

using breathline::testing::ScratchDatabase;
using testing::Backend;
using testing::full_person;
using testing::minimal_person;

/// A deterministic spread of facilities over the ward (about 3 km across), two
/// of them on the same spot (a tie broken by id), one without a location.
std::vector<Facility> sample_facilities() {
    std::vector<Facility> out;
    const FacilityKind kinds[] = {FacilityKind::rescue_centre, FacilityKind::welfare_rescue_centre,
                                  FacilityKind::disaster_base_hospital};
    for (int i = 0; i < 40; ++i) {
        Facility f;
        f.external_id = "F" + std::to_string(100 + i);
        f.kind = kinds[i % 3];
        f.seed_no = (i * 7) % 13;
        f.name = "施設" + std::to_string(i);
        f.status = FacilityStatus::open;
        f.relief_station = i % 4 == 0;
        // Low-discrepancy points (golden-ratio sequence) in a box around Ikebukuro.
        const double u = std::fmod(i * 0.6180339887498949, 1.0);
        const double v = std::fmod(i * 0.7548776662466927, 1.0);
        f.location = geo::LonLat(139.69 + 0.05 * u, 35.715 + 0.03 * v);
        f.geocode_precision = GeocodePrecision::exact;
        out.push_back(f);
    }
    Facility twin = out[5];
    twin.external_id = "F900";
    twin.name = "同じ場所";
    out.push_back(twin);
    Facility lost;
    lost.external_id = "F999";
    lost.kind = FacilityKind::rescue_centre;
    lost.name = "所在地不明";
    lost.address = "不明";
    out.push_back(lost);
    return out;
}

PersonFilter person_filter(void (*set)(PersonFilter&)) {
    PersonFilter f;
    set(f);
    return f;
}

FacilityFilter facility_filter(void (*set)(FacilityFilter&)) {
    FacilityFilter f;
    set(f);
    return f;
}

class StoreContract : public ::testing::TestWithParam<std::string> {
protected:
    StoreContract() : backend(GetParam()), store(backend.open()) {}
    Backend backend;
    std::unique_ptr<Store> store;
};

TEST_P(StoreContract, ReportsItsBackend) {
    EXPECT_EQ(store->backend(), GetParam());
    EXPECT_EQ(store->role(), auth::Role::coordinator);
    EXPECT_GT(store->schema_version(), 0);
}

TEST_P(StoreContract, PersonRoundTripsEveryField) {
    const Person p = full_person("P-001");
    const UpsertResult r = store->registry().upsert_person(p);
    EXPECT_TRUE(r.created);
    ASSERT_GT(r.id, 0);
    auto back = store->registry().person(r.id);
    ASSERT_TRUE(back);
    Person expected = p;
    expected.id = r.id;
    expected.row_version = back->row_version;
    EXPECT_GE(back->row_version, 1);
    EXPECT_EQ(*back, expected); // every field, the location bit for bit
    EXPECT_EQ(store->registry().person_by_external_id("P-001"), back);

    // The same record again changes nothing; an edit bumps the version and is audited.
    EXPECT_FALSE(store->registry().upsert_person(p).changed);
    Person edited = *back;
    edited.external_battery_h = 4.0;
    edited.phone_home = "03-9999-0000";
    const UpsertResult e = store->registry().upsert_person(edited);
    EXPECT_TRUE(e.changed);
    EXPECT_EQ(e.id, r.id);
    const auto after = store->registry().person(r.id);
    EXPECT_EQ(after->row_version, back->row_version + 1);
    EXPECT_EQ(after->external_battery_h, 4.0);
    const auto audit = store->audit().entries_for("persons", "P-001", 0);
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[0].action, "create");
    EXPECT_EQ(audit[1].action, "update");
    EXPECT_EQ(audit[1].actor, "tester");
    // Personal fields are named, never their values.
    EXPECT_EQ(audit[1].summary, "phone_home; external_battery_h: 0.25 → 4");

    // Neither device: refused before the database.
    Person none = minimal_person("P-002", 139.7, 35.73);
    none.uses_ventilator = false;
    try {
        store->registry().upsert_person(none);
        FAIL() << "a person without devices was accepted";
    } catch (const DataError& err) {
        EXPECT_EQ(err.code(), ErrorCode::invalid_input);
    }
    // A value the schema rejects.
    Person bad = minimal_person("P-003", 139.7, 35.73);
    bad.ventilator_hours_per_day = 30;
    try {
        store->registry().upsert_person(bad);
        FAIL() << "30 hours a day accepted";
    } catch (const DataError& err) {
        EXPECT_EQ(err.code(), ErrorCode::constraint);
    }
    EXPECT_EQ(store->registry().count_persons(), 1);
}

TEST_P(StoreContract, PersonFiltersOrderById) {
    auto& reg = store->registry();
    Person a = minimal_person("A", 139.70, 35.72);
    a.town = "池袋一丁目";
    a.internal_battery_h = 2;
    Person b = minimal_person("B", 139.71, 35.73);
    b.uses_ventilator = false;
    b.home_oxygen = true;
    b.town = "池袋一丁目";
    Person c = minimal_person("C", 139.72, 35.74);
    c.internal_battery_h = 8;
    c.external_battery_h = 4;
    c.status = PersonStatus::moved;
    for (const auto& p : {c, a, b})
        reg.upsert_person(p);
    auto ids = [](const std::vector<Person>& ps) {
        std::string s;
        for (const auto& p : ps)
            s += p.external_id;
        return s;
    };
    EXPECT_EQ(ids(reg.persons({})), "CAB");
    EXPECT_EQ(ids(reg.persons(person_filter([](PersonFilter& f) { f.uses_ventilator = true; }))),
              "CA");
    EXPECT_EQ(ids(reg.persons(person_filter([](PersonFilter& f) { f.home_oxygen = true; }))), "B");
    EXPECT_EQ(
        ids(reg.persons(person_filter([](PersonFilter& f) { f.status = PersonStatus::moved; }))),
        "C");
    EXPECT_EQ(ids(reg.persons(person_filter([](PersonFilter& f) { f.town = "池袋一丁目"; }))),
              "AB");
    EXPECT_EQ(ids(reg.persons(person_filter([](PersonFilter& f) { f.max_battery_h = 2.0; }))),
              "AB");
    EXPECT_EQ(ids(reg.persons(person_filter([](PersonFilter& f) { f.limit = 2; }))), "CA");
}

TEST_P(StoreContract, SupportersLinksAndContacts) {
    auto& reg = store->registry();
    const RowId person = reg.upsert_person(full_person("P-1")).id;
    Supporter s;
    s.external_id = "S-1";
    s.name = "近所 太郎";
    s.name_kana = "キンジョ タロウ";
    s.kind = SupporterKind::neighbour;
    s.phone = "080-1234-5678";
    s.address = "巣鴨3-1-1";
    s.travel_mode = TravelMode::car;
    s.availability = "平日夜";
    s.active = false;
    s.location = geo::LonLat(139.7301, 35.7341);
    s.geocode_precision = GeocodePrecision::manual;
    s.notes = "鍵を預かる";
    const UpsertResult sr = reg.upsert_supporter(s);
    ASSERT_TRUE(sr.created);
    Supporter expected = s;
    expected.id = sr.id;
    const auto back = reg.supporter(sr.id);
    ASSERT_TRUE(back);
    expected.row_version = back->row_version;
    EXPECT_EQ(*back, expected);
    EXPECT_EQ(reg.supporter_by_external_id("S-1"), back);
    Supporter s2 = s;
    s2.external_id = "S-2";
    s2.location.reset();
    const RowId s2id = reg.upsert_supporter(s2).id;
    EXPECT_EQ(reg.supporters().size(), 2u);
    EXPECT_EQ(reg.count_supporters(), 2);
    EXPECT_FALSE(reg.supporter(s2id)->location);

    const auto audit_before = store->audit().count();
    reg.link_supporter({person, s2id, "家族", 2});
    reg.link_supporter({person, sr.id, "近隣", 1});
    reg.link_supporter({person, sr.id, "近隣", 1}); // unchanged: no audit entry
    EXPECT_EQ(store->audit().count(), audit_before + 2);
    reg.link_supporter({person, s2id, "家族", 0}); // re-link with a new priority
    const auto links = reg.supporter_links(person);
    ASSERT_EQ(links.size(), 2u);
    EXPECT_EQ(links[0], (SupporterLink{person, s2id, "家族", 0}));
    EXPECT_EQ(links[1], (SupporterLink{person, sr.id, "近隣", 1}));
    const auto last = store->audit().entries(1);
    ASSERT_EQ(last.size(), 1u);
    EXPECT_EQ(last[0].action, "link");
    EXPECT_EQ(last[0].entity, "person_supporters");
    EXPECT_EQ(last[0].entity_id, std::to_string(person) + ":" + std::to_string(s2id));
    EXPECT_EQ(last[0].summary, "role: 家族; priority: 0");

    std::vector<Contact> contacts(2);
    contacts[0].kind = ContactKind::attending_physician;
    contacts[0].organisation = "巣鴨クリニック";
    contacts[0].name = "医師 一郎";
    contacts[0].phone = "03-0000-1111";
    contacts[0].fax = "03-0000-1112";
    contacts[0].notes = "往診";
    contacts[1].kind = ContactKind::equipment_vendor;
    contacts[1].organisation = "呼吸器サービス";
    reg.set_contacts(person, contacts);
    const auto count_after_set = store->audit().count();
    reg.set_contacts(person, contacts); // identical: nothing written
    EXPECT_EQ(store->audit().count(), count_after_set);
    const auto read = reg.contacts(person);
    ASSERT_EQ(read.size(), 2u);
    for (std::size_t i = 0; i < read.size(); ++i) {
        Contact c = contacts[i];
        c.id = read[i].id;
        c.person_id = person;
        EXPECT_EQ(read[i], c);
    }
    EXPECT_LT(read[0].id, read[1].id);
    const auto e = store->audit().entries(1).at(0);
    EXPECT_EQ(e.entity, "contacts");
    EXPECT_EQ(e.summary, "2 contacts: attending_physician,equipment_vendor");
    reg.set_contacts(person, {});
    EXPECT_TRUE(reg.contacts(person).empty());
}

TEST_P(StoreContract, FacilitiesFilterOrderAndNearest) {
    auto& fac = store->facilities();
    for (const auto& f : sample_facilities())
        EXPECT_TRUE(fac.upsert_facility(f).created);
    const auto all = fac.facilities({});
    ASSERT_EQ(all.size(), 42u);
    // Ordered by kind, seed number (missing last), id.
    for (std::size_t i = 1; i < all.size(); ++i) {
        const auto key = [](const Facility& f) {
            return std::tuple(std::string(to_db(f.kind)), f.seed_no.value_or(1000000), f.id);
        };
        EXPECT_LT(key(all[i - 1]), key(all[i])) << i;
    }
    const auto hospitals = fac.facilities(
        facility_filter([](FacilityFilter& f) { f.kind = FacilityKind::disaster_base_hospital; }));
    EXPECT_EQ(hospitals.size(), 14u); // 13 of the spread and the twin of F105
    EXPECT_EQ(fac.facilities(facility_filter([](FacilityFilter& f) {
                     f.precision = GeocodePrecision::unresolved;
                 }))
                  .size(),
              1u);
    EXPECT_EQ(
        fac.facilities(facility_filter([](FacilityFilter& f) { f.relief_station = true; })).size(),
        10u);
    Facility f5 = *fac.facility_by_external_id("F105");
    EXPECT_EQ(fac.facility(f5.id), f5);
    f5.capacity = 120;
    f5.occupancy = 30;
    f5.power = FacilityPower::generator;
    EXPECT_TRUE(fac.upsert_facility(f5).changed);
    const Facility f5b = *fac.facility(f5.id);
    EXPECT_EQ(f5b.capacity, 120);
    EXPECT_EQ(f5b.power, FacilityPower::generator);
    EXPECT_EQ(f5b.row_version, f5.row_version + 1);

    // Nearest against brute force over the same store's facilities, in EPSG:6677 metres.
    const geo::LonLat from(139.7112, 35.7295);
    const auto near = fac.nearest(from, std::nullopt, 8);
    ASSERT_EQ(near.size(), 8u);
    for (std::size_t i = 1; i < near.size(); ++i) {
        EXPECT_LE(near[i - 1].distance_m, near[i].distance_m);
        if (near[i - 1].distance_m == near[i].distance_m) {
            EXPECT_LT(near[i - 1].facility.id, near[i].facility.id);
        }
    }
    for (const auto& n : near)
        EXPECT_NE(n.facility.external_id, "F999");
    // The twins (same spot) come out together, lower id first.
    const auto at_twin = fac.nearest(*f5.location, std::nullopt, 2);
    ASSERT_EQ(at_twin.size(), 2u);
    EXPECT_EQ(at_twin[0].facility.external_id, "F105");
    EXPECT_EQ(at_twin[1].facility.external_id, "F900");
    EXPECT_NEAR(at_twin[0].distance_m, 0.0, 1e-6);
    const auto kind_near = fac.nearest(from, FacilityKind::welfare_rescue_centre, 3);
    ASSERT_EQ(kind_near.size(), 3u);
    for (const auto& n : kind_near)
        EXPECT_EQ(n.facility.kind, FacilityKind::welfare_rescue_centre);
    // More than exist: every located one, never the unresolved.
    EXPECT_EQ(fac.nearest(from, std::nullopt, 100).size(), 41u);
    EXPECT_TRUE(fac.nearest(from, std::nullopt, 0).empty());
}

const char* k_square =
    "POLYGON((139.70 35.72, 139.72 35.72, 139.72 35.74, 139.70 35.74, 139.70 35.72))";

TEST_P(StoreContract, AreasAndContainsOnTheEdge) {
    auto& areas = store->areas();
    Area a;
    a.kind = "district";
    a.name = "池袋";
    a.source = "test";
    a.wkt = k_square;
    const UpsertResult r = areas.upsert_area(a);
    EXPECT_TRUE(r.created);
    EXPECT_FALSE(areas.upsert_area(a).changed); // same geometry, same source
    const auto back = areas.area("district", "池袋");
    ASSERT_TRUE(back);
    EXPECT_EQ(back->id, r.id);
    EXPECT_EQ(back->source, "test");
    EXPECT_NE(back->wkt.find("MULTIPOLYGON"), std::string::npos) << back->wkt;
    EXPECT_EQ(back->wkb.size(), 1u + 4 + 4 + 1 + 4 + 4 + 4 + 5 * 16);    // one ring, five points
    EXPECT_TRUE(areas.area_contains(r.id, geo::LonLat(139.71, 35.73)));  // inside
    EXPECT_TRUE(areas.area_contains(r.id, geo::LonLat(139.72, 35.73)));  // on the east edge
    EXPECT_TRUE(areas.area_contains(r.id, geo::LonLat(139.70, 35.72)));  // on a corner
    EXPECT_FALSE(areas.area_contains(r.id, geo::LonLat(139.73, 35.73))); // outside
    EXPECT_FALSE(areas.area_contains(r.id + 100, geo::LonLat(139.71, 35.73)));
    a.wkt = "POLYGON((139.70 35.72, 139.73 35.72, 139.73 35.74, 139.70 35.72))";
    EXPECT_TRUE(areas.upsert_area(a).changed);
    EXPECT_TRUE(areas.area_contains(r.id, geo::LonLat(139.725, 35.7205)));
    Area other = a;
    other.name = "巣鴨";
    areas.upsert_area(other);
    ASSERT_EQ(areas.areas("district").size(), 2u);
    EXPECT_EQ(areas.areas("district")[1].name, "巣鴨");
    EXPECT_TRUE(areas.areas("ward_boundary").empty());
    Area broken = a;
    broken.name = "壊れ";
    broken.wkt = "LINESTRING(139.7 35.7, 139.8 35.8)";
    try {
        areas.upsert_area(broken);
        FAIL() << "a line accepted as an area";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
    }
    EXPECT_FALSE(areas.area("district", "壊れ"));
    const auto audit = store->audit().entries_for("areas", "district:池袋", 0);
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[0].action, "create");
    EXPECT_EQ(audit[1].action, "update");
    EXPECT_EQ(audit[1].summary, "source: test");
}

TEST_P(StoreContract, IncidentsLifecycle) {
    auto& inc = store->incidents();
    Incident a;
    a.kind = IncidentKind::earthquake;
    a.title = "首都直下地震";
    a.onset_at = "2026-11-22T02:30:00Z";
    a.is_active = true;
    const RowId ida = inc.declare_incident(a);
    Incident b = a;
    b.kind = IncidentKind::storm_flood;
    b.title = "台風";
    b.is_drill = true;
    const RowId idb = inc.declare_incident(b); // deactivates a
    EXPECT_FALSE(inc.incident(ida)->is_active);
    EXPECT_EQ(inc.incident(ida)->row_version, 2);
    ASSERT_TRUE(inc.active_incident());
    EXPECT_EQ(inc.active_incident()->id, idb);
    EXPECT_TRUE(inc.incident(idb)->is_drill);
    EXPECT_EQ(inc.incident(idb)->title, "台風");
    EXPECT_EQ(inc.incident(idb)->created_at.size(), 20u); // 2026-11-22T02:30:00Z
    EXPECT_TRUE(inc.activate_incident(ida));
    EXPECT_EQ(inc.active_incident()->id, ida);
    EXPECT_FALSE(inc.activate_incident(ida + idb + 10));
    EXPECT_TRUE(inc.set_evacuation_level(ida, EvacuationLevel::evacuation_instruction));
    EXPECT_EQ(inc.incident(ida)->evacuation_level, EvacuationLevel::evacuation_instruction);
    EXPECT_FALSE(inc.set_evacuation_level(999, EvacuationLevel::none));
    EXPECT_TRUE(inc.close_incident(ida, "2026-11-23T00:00:00Z", "収束"));
    EXPECT_FALSE(inc.close_incident(ida, "2026-11-24T00:00:00Z", "again"));
    const auto closed = inc.incident(ida);
    EXPECT_EQ(closed->closed_at, "2026-11-23T00:00:00Z");
    EXPECT_EQ(closed->close_summary, "収束");
    EXPECT_FALSE(closed->is_active);
    EXPECT_FALSE(inc.active_incident());
    try {
        inc.activate_incident(ida);
        FAIL() << "closed incident activated";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
    }
    EXPECT_EQ(inc.incidents(true).size(), 2u);
    ASSERT_EQ(inc.incidents(false).size(), 1u);
    EXPECT_EQ(inc.incidents(false)[0].id, idb);
    std::vector<std::string> actions;
    for (const auto& e : store->audit().entries_for("incidents", std::to_string(ida), 0))
        actions.push_back(e.action + " " + e.summary);
    EXPECT_EQ(actions,
              (std::vector<std::string>{"declare earthquake onset 2026-11-22T02:30:00Z, active",
                                        "activate made the active incident",
                                        "update evacuation_level: evacuation_instruction",
                                        "close closed at 2026-11-23T00:00:00Z"}));
}

TEST_P(StoreContract, OutageAreas) {
    auto& inc = store->incidents();
    Incident i;
    i.kind = IncidentKind::power_outage;
    i.title = "停電";
    i.onset_at = "2026-11-22T02:30:00Z";
    const RowId id = inc.declare_incident(i);
    OutageArea o;
    o.incident_id = id;
    o.name = "池袋一帯";
    o.starts_at = "2026-11-22T03:00:00Z";
    geo::Polygon square;
    square.outer.points = {{139.70, 35.72}, {139.72, 35.72}, {139.72, 35.74}, {139.70, 35.74}};
    o.area.parts.push_back(square);
    const RowId oid = inc.add_outage_area(o);
    const auto list = inc.outage_areas(id);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].id, oid);
    EXPECT_EQ(list[0].name, "池袋一帯");
    EXPECT_FALSE(list[0].restored_at);
    ASSERT_EQ(list[0].area.parts.size(), 1u);
    const auto& ring = list[0].area.parts[0].outer.points;
    ASSERT_GE(ring.size(), 4u);
    EXPECT_EQ(ring[1], geo::LonLat(139.72, 35.72)); // the stored doubles, exactly
    EXPECT_TRUE(list[0].area.contains(geo::LonLat(139.71, 35.73)));
    try {
        inc.restore_outage_area(oid, "2026-11-22T02:00:00Z");
        FAIL() << "restored before it started";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::constraint);
    }
    EXPECT_TRUE(inc.restore_outage_area(oid, "2026-11-22T09:00:00Z"));
    EXPECT_FALSE(inc.restore_outage_area(oid, "2026-11-22T10:00:00Z"));
    EXPECT_EQ(inc.outage_areas(id)[0].restored_at, "2026-11-22T09:00:00Z");
    OutageArea empty = o;
    empty.area.parts.clear();
    EXPECT_THROW(inc.add_outage_area(empty), DataError);
    const auto audit = store->audit().entries_for("outage_areas", std::to_string(oid), 0);
    ASSERT_EQ(audit.size(), 2u);
    EXPECT_EQ(audit[0].summary, "incident " + std::to_string(id) + ", from 2026-11-22T03:00:00Z");
    EXPECT_EQ(audit[1].summary, "restored at 2026-11-22T09:00:00Z");
}

TEST_P(StoreContract, SafetyChecksAreAppendedNeverReplaced) {
    auto& inc = store->incidents();
    const RowId p1 = store->registry().upsert_person(minimal_person("A", 139.7, 35.7)).id;
    const RowId p2 = store->registry().upsert_person(minimal_person("B", 139.7, 35.7)).id;
    Incident i;
    i.title = "地震";
    i.onset_at = "2026-11-22T02:30:00Z";
    i.is_active = true;
    const RowId id = inc.declare_incident(i);
    SafetyCheck c;
    c.incident_id = id;
    c.person_id = p1;
    c.checked_at = "2026-11-22T05:00:00Z";
    c.vent_running = true;
    c.vent_power = VentilatorPower::external_battery;
    c.external_power_left_h = 6.5;
    c.spo2_pct = 96;
    c.temperature_c = 36.8;
    c.notes = "落ち着いている";
    c.judgement = Judgement::stay_home;
    c.informed_physician = false;
    c.checker_name = "保健師 A";
    const RowId c1 = inc.record_check(c);
    SafetyCheck same_time = c; // a second checker at the same minute: both kept
    same_time.judgement = Judgement::evacuate;
    same_time.checker_name = "保健師 B";
    const RowId c2 = inc.record_check(same_time);
    SafetyCheck earlier = c;
    earlier.checked_at = "2026-11-22T04:00:00Z";
    const RowId c0 = inc.record_check(earlier);
    SafetyCheck other = c;
    other.person_id = p2;
    const RowId c3 = inc.record_check(other);
    EXPECT_NE(c1, c2);
    const auto history = inc.check_history(p1);
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[0].id, c0);
    EXPECT_EQ(history[1].id, c1);
    EXPECT_EQ(history[2].id, c2);
    SafetyCheck expected = c;
    expected.id = c1;
    expected.recorded_at = history[1].recorded_at;
    EXPECT_EQ(history[1], expected);
    EXPECT_EQ(history[1].recorded_at.size(), 20u);
    const auto latest = inc.latest_check(id, p1);
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->id, c2);
    EXPECT_EQ(latest->judgement, Judgement::evacuate);
    const auto all_latest = inc.latest_checks(id);
    ASSERT_EQ(all_latest.size(), 2u);
    EXPECT_EQ(all_latest[0].id, c2);
    EXPECT_EQ(all_latest[1].id, c3);
    EXPECT_FALSE(inc.latest_check(id, 12345));
    const auto audit = store->audit().entries(1).at(0);
    EXPECT_EQ(audit.action, "record");
    EXPECT_EQ(audit.entity, "safety_checks");
    EXPECT_EQ(audit.summary, "incident " + std::to_string(id) + ", person " + std::to_string(p2) +
                                 ", checked 2026-11-22T05:00:00Z, stay_home");

    SafetyCheck nobody = c;
    nobody.person_id = 999;
    try {
        inc.record_check(nobody);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
    }
    SafetyCheck bad = c;
    bad.spo2_pct = 140;
    try {
        inc.record_check(bad);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::constraint);
    }
    inc.close_incident(id, "2026-11-23T00:00:00Z", "");
    try {
        inc.record_check(c);
        FAIL() << "check recorded in a closed incident";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
    }
    EXPECT_EQ(inc.check_history(p1).size(), 3u);
}

TEST_P(StoreContract, AuditChainVerifiesAndDetectsTampering) {
    auto& audit = store->audit();
    EXPECT_TRUE(audit.verify().ok);
    EXPECT_EQ(audit.verify().rows, 0);
    store->registry().upsert_person(full_person("P-1"));
    AuditEntry e;
    e.action = "export";
    e.entity = "persons";
    e.summary = "map.pdf";
    const RowId id = audit.append(e);
    AuditEntry f;
    f.action = "note";
    f.entity = "persons";
    f.entity_id = "P-1";
    f.summary = "電話で確認";
    audit.append(f);
    EXPECT_EQ(audit.count(), 3);
    const auto all = audit.entries(0);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[1].id, id);
    EXPECT_EQ(all[1].actor, "tester");
    EXPECT_EQ(all[1].at.size(), 20u);
    EXPECT_EQ(all[1].at.back(), 'Z');
    EXPECT_EQ(all[1].prev_hash, all[0].hash);
    EXPECT_EQ(audit.entries(2).front().id, id); // the last two, oldest first
    const auto for_p1 = audit.entries_for("persons", "P-1", 0);
    ASSERT_EQ(for_p1.size(), 2u);
    EXPECT_EQ(for_p1[0].action, "create");
    EXPECT_EQ(for_p1[1].action, "note");
    EXPECT_EQ(audit.entries_for("persons", "P-1", 1).at(0).action, "note");
    const AuditVerification ok = audit.verify();
    EXPECT_TRUE(ok.ok);
    EXPECT_EQ(ok.rows, 3);

    backend.tamper_audit_summary(*store, id, "nothing.pdf");
    const AuditVerification bad = audit.verify();
    EXPECT_FALSE(bad.ok);
    ASSERT_EQ(bad.problems.size(), 1u);
    EXPECT_EQ(bad.problems[0],
              "audit_log row " + std::to_string(id) + ": content does not match its hash (edited)");
    bool flagged = false;
    for (const auto& finding : store->check().findings)
        flagged |= finding.code == "audit_chain";
    EXPECT_TRUE(flagged);
}

TEST_P(StoreContract, UnitOfWorkRollsBackEverything) {
    const auto audit_before = store->audit().count();
    {
        auto uow = store->begin();
        store->registry().upsert_person(full_person("P-1"));
        store->facilities().upsert_facility(sample_facilities()[0]);
        Incident i;
        i.title = "x";
        i.onset_at = "2026-11-22T02:30:00Z";
        store->incidents().declare_incident(i);
        EXPECT_EQ(store->registry().count_persons(), 1); // visible inside
        // A failing write inside the unit rolls back only itself.
        Person bad = minimal_person("P-bad", 139.7, 35.7);
        bad.ventilator_hours_per_day = 99;
        EXPECT_THROW(store->registry().upsert_person(bad), DataError);
        EXPECT_EQ(store->registry().count_persons(), 1);
    } // not committed
    EXPECT_EQ(store->registry().count_persons(), 0);
    EXPECT_TRUE(store->facilities().facilities({}).empty());
    EXPECT_TRUE(store->incidents().incidents(true).empty());
    EXPECT_EQ(store->audit().count(), audit_before);
    EXPECT_TRUE(store->audit().verify().ok);
    {
        auto uow = store->begin();
        store->registry().upsert_person(full_person("P-1"));
        store->registry().upsert_person(full_person("P-2"));
        uow->commit();
    }
    EXPECT_EQ(store->registry().count_persons(), 2);
    EXPECT_EQ(store->audit().count(), audit_before + 2);
    EXPECT_TRUE(store->audit().verify().ok);
}

TEST_P(StoreContract, StaleRowVersionIsAConflictNamingTheOtherActor) {
    const RowId id = store->registry().upsert_person(full_person("P-1")).id;
    const Person mine = *store->registry().person(id); // read by this workstation
    {
        auto other = backend.open("suzuki");
        Person theirs = *other->registry().person(id);
        theirs.phone_mobile = "090-0000-0000";
        theirs.disease = "COPD";
        EXPECT_TRUE(other->registry().upsert_person(theirs).changed);
    }
    Person edited = mine;
    edited.notes = "上書きしてはいけない";
    try {
        store->registry().upsert_person(edited);
        FAIL() << "a stale edit overwrote another coordinator's change";
    } catch (const ConflictError& e) {
        EXPECT_EQ(e.code(), ErrorCode::conflict);
        EXPECT_EQ(e.table(), "persons");
        EXPECT_EQ(e.external_id(), "P-1");
        EXPECT_EQ(e.based_on_version(), mine.row_version);
        EXPECT_EQ(e.current_version(), mine.row_version + 1);
        ASSERT_EQ(e.changes().size(), 1u);
        EXPECT_EQ(e.changes()[0].actor, "suzuki");
        EXPECT_NE(std::string(e.what()).find("suzuki"), std::string::npos) << e.what();
    }
    const Person now = *store->registry().person(id);
    EXPECT_EQ(now.disease, "COPD");
    EXPECT_EQ(now.notes, full_person("P-1").notes);
    // Re-read, then the edit applies.
    Person again = now;
    again.notes = "確認済み";
    EXPECT_TRUE(store->registry().upsert_person(again).changed);
    // row_version 0 (an import) is not checked.
    Person import = full_person("P-1");
    import.notes = "取込";
    EXPECT_TRUE(store->registry().upsert_person(import).changed);
    // Facilities are checked the same way.
    store->facilities().upsert_facility(sample_facilities()[0]);
    Facility f = *store->facilities().facility_by_external_id("F100");
    Facility g = f;
    g.status = FacilityStatus::full;
    store->facilities().upsert_facility(g);
    f.status = FacilityStatus::closed;
    EXPECT_THROW(store->facilities().upsert_facility(f), ConflictError);
}

TEST_P(StoreContract, CheckIsCleanOnAFreshStore) {
    const CheckReport report = store->check();
    for (const auto& f : report.findings)
        ADD_FAILURE() << f.code << ": " << f.message;
    EXPECT_FALSE(report.has_errors());
    EXPECT_FALSE(report.has_warnings());
    // A facility without a location is a warning, not an error.
    store->facilities().upsert_facility(sample_facilities().back());
    const CheckReport warned = store->check();
    EXPECT_FALSE(warned.has_errors());
    ASSERT_TRUE(warned.has_warnings());
    EXPECT_EQ(warned.findings[0].code, "unresolved_location");
    const auto repaired = store->repair_spatial_indexes();
    EXPECT_FALSE(repaired.empty());
    EXPECT_EQ(store->audit().entries(1).at(0).action, "repair");
    EXPECT_FALSE(store->check().has_errors());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("spatialite", "postgresql"),
                         [](const auto& param_info) { return param_info.param; });

// ---- the two backends side by side ----------------------------------------------------------

TEST(StoreBackends, NearestAgreesAcrossBackends) {
    Backend sl("spatialite");
    Backend pg("postgresql");
    auto a = sl.open();
    auto b = pg.open();
    for (const auto& f : sample_facilities()) {
        a->facilities().upsert_facility(f);
        b->facilities().upsert_facility(f);
    }
    const geo::LonLat origins[] = {
        {139.7112, 35.7295}, {139.66, 35.70}, {139.80, 35.75}, {139.7150, 35.7300}};
    for (const auto& from : origins) {
        for (const auto kind : {std::optional<FacilityKind>{},
                                std::optional<FacilityKind>{FacilityKind::rescue_centre}}) {
            const auto x = a->facilities().nearest(from, kind, 10);
            const auto y = b->facilities().nearest(from, kind, 10);
            ASSERT_EQ(x.size(), y.size());
            for (std::size_t i = 0; i < x.size(); ++i) {
                EXPECT_EQ(x[i].facility.external_id, y[i].facility.external_id) << i;
                EXPECT_NEAR(x[i].distance_m, y[i].distance_m, 1e-3) << i;
                EXPECT_EQ(x[i].facility.location, y[i].facility.location);
            }
        }
    }
    // The same lists in the same order.
    const auto fa = a->facilities().facilities({});
    const auto fb = b->facilities().facilities({});
    ASSERT_EQ(fa.size(), fb.size());
    for (std::size_t i = 0; i < fa.size(); ++i)
        EXPECT_EQ(fa[i].external_id, fb[i].external_id);
}

TEST(StoreBackends, AreasAndAuditReadAlike) {
    Backend sl("spatialite");
    Backend pg("postgresql");
    auto a = sl.open();
    auto b = pg.open();
    Area area;
    area.kind = "ward_boundary";
    area.name = "豊島区";
    area.source = "test";
    area.wkt = "MULTIPOLYGON(((139.6912345678901 35.7123456789012, 139.7298765432109 "
               "35.7111111111111, 139.7200000000001 35.7400000000003, 139.6912345678901 "
               "35.7123456789012)))";
    a->areas().upsert_area(area);
    b->areas().upsert_area(area);
    EXPECT_EQ(a->areas().area("ward_boundary", "豊島区")->wkb,
              b->areas().area("ward_boundary", "豊島区")->wkb);
    for (auto* s : {a.get(), b.get()}) {
        s->registry().upsert_person(full_person("P-1"));
        Person p = *s->registry().person_by_external_id("P-1");
        p.status = PersonStatus::active;
        p.internal_battery_h = 5;
        s->registry().upsert_person(p);
    }
    const auto ea = a->audit().entries(0);
    const auto eb = b->audit().entries(0);
    ASSERT_EQ(ea.size(), eb.size());
    for (std::size_t i = 0; i < ea.size(); ++i) {
        EXPECT_EQ(ea[i].id, eb[i].id);
        EXPECT_EQ(ea[i].action, eb[i].action);
        EXPECT_EQ(ea[i].entity, eb[i].entity);
        EXPECT_EQ(ea[i].entity_id, eb[i].entity_id);
        EXPECT_EQ(ea[i].summary, eb[i].summary);
    }
}

// ---- PostgreSQL only: roles, concurrent appenders, the CLI -----------------------------------

TEST(PostgresStore, RoleFromMembershipAndMaskedReads) {
    ScratchDatabase db;
    {
        auto owner = open_store(db.conninfo());
        EXPECT_EQ(owner->role(), auth::Role::coordinator);
        owner->registry().upsert_person(full_person("P-1"));
    }
    db.create_login("store_contract_viewer", "breathline_viewer");
    auto viewer = open_store(db.conninfo_as("store_contract_viewer"));
    EXPECT_EQ(viewer->role(), auth::Role::viewer);
    const auto p = viewer->registry().person_by_external_id("P-1");
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->name.empty()); // masked view
    EXPECT_TRUE(p->phone_home.empty());
    EXPECT_TRUE(p->uses_ventilator);
    try {
        viewer->set_role(auth::Role::coordinator);
        FAIL() << "a viewer widened its role";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::permission_denied);
    }
    Person edit = full_person("P-2");
    try {
        viewer->registry().upsert_person(edit);
        FAIL() << "a viewer wrote a person";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::permission_denied);
    }
    db.create_login("store_contract_coord", "breathline_coordinator");
    auto coord = open_store(db.conninfo_as("store_contract_coord"));
    EXPECT_EQ(coord->role(), auth::Role::coordinator);
    EXPECT_EQ(coord->registry().person_by_external_id("P-1")->name, full_person("P-1").name);
    coord->set_role(auth::Role::viewer); // narrowing is allowed
    EXPECT_EQ(coord->role(), auth::Role::viewer);
    EXPECT_TRUE(coord->registry().person_by_external_id("P-1")->name.empty());
    {
        pg::Connection su(db.conninfo());
        su.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                "'store_contract_nobody') THEN CREATE ROLE store_contract_nobody LOGIN; END IF; "
                "END $$");
    }
    try {
        open_store(db.conninfo_as("store_contract_nobody"));
        FAIL() << "a login in no breathline role opened the store";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::permission_denied);
        EXPECT_NE(std::string(e.what()).find("not a member of any breathline_* role"),
                  std::string::npos)
            << e.what();
    }
}

TEST(PostgresStore, ConcurrentAppendersKeepOneChain) {
    ScratchDatabase db;
    { open_store(db.conninfo()); } // migrate once
    constexpr int k_threads = 4;
    constexpr int k_each = 25;
    std::vector<std::thread> threads;
    for (int t = 0; t < k_threads; ++t)
        threads.emplace_back([&, t] {
            auto s = open_store(db.conninfo());
            s->set_actor("ws" + std::to_string(t));
            for (int i = 0; i < k_each; ++i) {
                AuditEntry e;
                e.action = "note";
                e.entity = "test";
                e.entity_id = std::to_string(t) + ":" + std::to_string(i);
                s->audit().append(e);
            }
        });
    for (auto& th : threads)
        th.join();
    auto s = open_store(db.conninfo());
    const AuditVerification v = s->audit().verify();
    EXPECT_TRUE(v.ok) << (v.problems.empty() ? "" : v.problems[0]);
    EXPECT_EQ(v.rows, k_threads * k_each);
}

TEST(PostgresStore, CliInitAndCheckOnAServer) {
    ScratchDatabase db;
    auto run = [&](std::vector<std::string> words) {
        std::vector<std::string> all{"breathline", "--db", db.conninfo(), "--lang", "en"};
        all.insert(all.end(), words.begin(), words.end());
        std::vector<const char*> argv;
        for (const auto& w : all)
            argv.push_back(w.c_str());
        std::ostringstream out, err;
        const int code = cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
        return std::tuple(code, out.str(), err.str());
    };
    const auto [init_code, init_out, init_err] = run({"init"});
    EXPECT_EQ(init_code, 0) << init_out << init_err;
    EXPECT_NE(init_out.find("ready"), std::string::npos) << init_out;
    const auto [code, out, err] = run({"check"});
    EXPECT_EQ(code, 0) << out << err;
    EXPECT_NE(out.find("0 errors, 0 warnings"), std::string::npos) << out;
    const auto [rcode, rout, rerr] = run({"check", "--repair"});
    EXPECT_EQ(rcode, 0) << rout << rerr;
    EXPECT_NE(rout.find("facilities_geom_gist"), std::string::npos) << rout;
}

} // namespace
} // namespace breathline::data
