// Store behaviour through the backend-neutral interfaces: upserts, optional
// fields, constraint violations, links, contacts, filters, and the audit
// entries every mutation leaves behind.

#include "data/error.h"
#include "tests/data/store/store_test_support.h"

#include <gtest/gtest.h>

namespace breathline::data {
namespace {

using test::make_facility;
using test::make_person;
using test::TempDir;

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_store = test::open_spatialite(m_dir.file("store.sqlite"));
        m_store->set_actor("tester");
    }
    spatialite::SpatialiteStore& store() { return *m_store; }
    RegistryStore& reg() { return m_store->registry(); }
    sqlite::Database& db() { return m_store->database(); }

    // The audit entries written since `from` (exclusive).
    std::vector<AuditEntry> audit_since(std::int64_t from) {
        std::vector<AuditEntry> out;
        for (auto& e : m_store->audit().entries())
            if (e.id > from) out.push_back(std::move(e));
        return out;
    }

    TempDir m_dir;
    std::unique_ptr<spatialite::SpatialiteStore> m_store;
};

TEST_F(StoreTest, PersonUpsertCreatesUpdatesAndDetectsUnchanged) {
    const Person p = make_person(1);
    const UpsertResult created = reg().upsert_person(p);
    EXPECT_TRUE(created.created);
    EXPECT_FALSE(created.changed);
    EXPECT_GT(created.id, 0);

    const UpsertResult same = reg().upsert_person(p);
    EXPECT_EQ(same.id, created.id);
    EXPECT_FALSE(same.created);
    EXPECT_FALSE(same.changed);
    EXPECT_EQ(reg().person(created.id)->row_version, 1);

    Person changed = p;
    changed.external_battery = true;
    changed.external_battery_h = 8.5;
    const UpsertResult updated = reg().upsert_person(changed);
    EXPECT_EQ(updated.id, created.id);
    EXPECT_FALSE(updated.created);
    EXPECT_TRUE(updated.changed);
    EXPECT_EQ(reg().count_persons(), 1);

    const auto stored = reg().person(created.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->row_version, 2);
    EXPECT_EQ(stored->external_battery_h, std::optional<double>(8.5));
    Person expected = changed;
    expected.id = created.id;
    expected.row_version = 2;
    EXPECT_EQ(*stored, expected);
    EXPECT_EQ(reg().person_by_external_id(p.external_id), stored);
    EXPECT_FALSE(reg().person_by_external_id("P-999999"));
    EXPECT_FALSE(reg().person(created.id + 100));
}

TEST_F(StoreTest, OptionalFieldsKeepNullZeroAndValueApart) {
    // internal_battery: unknown (form left blank), none (無), present with hours.
    Person unknown = make_person(1);
    unknown.internal_battery.reset();
    unknown.internal_battery_h.reset();
    unknown.birth_date.reset();
    unknown.resuscitation_bag.reset();
    unknown.location.reset();
    unknown.geocode_precision = GeocodePrecision::unresolved;
    Person none = make_person(2);
    none.internal_battery = false;
    none.internal_battery_h = 0.0;
    none.resuscitation_bag = false;
    none.disability_certificate_grade = 1;
    Person value = make_person(3);
    value.internal_battery = true;
    value.internal_battery_h = 4.25;
    value.resuscitation_bag = true;
    value.oxygen_flow_l_min = 0.5;
    value.home_oxygen = true;
    value.tube_feeding = TubeFeeding::gastrostomy;
    value.ventilator_mode = VentilatorMode::nppv;
    value.consent_date = "2025-04-01";
    value.power_company_registered = true;

    for (const Person& p : {unknown, none, value}) {
        SCOPED_TRACE(p.external_id);
        const RowId id = reg().upsert_person(p).id;
        Person expected = p;
        expected.id = id;
        expected.row_version = 1;
        EXPECT_EQ(reg().person(id), expected);
    }
    // And in the file itself: NULL, 0 and the value, not one squashed into another.
    auto st = db().prepare("SELECT external_id, internal_battery, internal_battery_h, "
                           "typeof(internal_battery_h) FROM persons ORDER BY id");
    ASSERT_TRUE(st.step());
    EXPECT_TRUE(st.is_null(1));
    EXPECT_TRUE(st.is_null(2));
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.column_opt_int64(1), std::optional<std::int64_t>(0));
    EXPECT_EQ(st.column_text(3), "real");
    EXPECT_EQ(st.column_double(2), 0.0);
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.column_opt_int64(1), std::optional<std::int64_t>(1));
    EXPECT_EQ(st.column_double(2), 4.25);

    // Clearing a value back to unknown is a change, and it sticks.
    Person cleared = value;
    cleared.internal_battery_h.reset();
    EXPECT_TRUE(reg().upsert_person(cleared).changed);
    EXPECT_FALSE(reg().person_by_external_id(value.external_id)->internal_battery_h);
}

TEST_F(StoreTest, ConstraintViolationRaisesConstraintAndChangesNothing) {
    const RowId id = reg().upsert_person(make_person(1)).id;
    const std::int64_t audit_before = store().audit().count();
    const auto before = reg().person(id);

    Person bad_hours = make_person(1);
    bad_hours.ventilator_hours_per_day = 30.0; // CHECK BETWEEN 0 AND 24
    Person bad_grade = make_person(2);
    bad_grade.disability_certificate_grade = 9; // CHECK BETWEEN 1 AND 7
    Person bad_battery = make_person(3);
    bad_battery.external_battery_h = -1.0;
    for (const Person& p : {bad_hours, bad_grade, bad_battery}) {
        SCOPED_TRACE(p.external_id);
        try {
            reg().upsert_person(p);
            FAIL() << "constraint not enforced";
        } catch (const DataError& e) {
            EXPECT_EQ(e.code(), ErrorCode::constraint) << e.what();
            EXPECT_NE(std::string(e.what()).find("persons"), std::string::npos) << e.what();
        }
    }
    EXPECT_EQ(reg().count_persons(), 1);
    EXPECT_EQ(reg().person(id), before);
    EXPECT_EQ(store().audit().count(), audit_before);
    EXPECT_TRUE(store().audit().verify().ok);

    // A failed write inside a unit of work leaves the earlier writes of that
    // unit intact and committable.
    auto uow = store().begin();
    reg().upsert_person(make_person(10));
    EXPECT_THROW(reg().upsert_person(bad_grade), DataError);
    uow->commit();
    EXPECT_EQ(reg().count_persons(), 2);
    EXPECT_TRUE(store().audit().verify().ok);
}

TEST_F(StoreTest, RegistryHoldsDeviceUsersOnly) {
    Person neither = make_person(1);
    neither.uses_ventilator = false;
    neither.ventilator_mode.reset();
    try {
        reg().upsert_person(neither);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
        EXPECT_NE(std::string(e.what()).find("P-000001"), std::string::npos);
    }
    Person no_id = make_person(2);
    no_id.external_id.clear();
    EXPECT_THROW(reg().upsert_person(no_id), DataError);
    EXPECT_EQ(reg().count_persons(), 0);
    EXPECT_EQ(store().audit().count(), 0);
}

TEST_F(StoreTest, UnitOfWorkRollsBackUnlessCommitted) {
    {
        auto uow = store().begin();
        reg().upsert_person(make_person(1));
        reg().upsert_person(make_person(2));
    }
    EXPECT_EQ(reg().count_persons(), 0);
    EXPECT_EQ(store().audit().count(), 0);
    {
        auto uow = store().begin();
        reg().upsert_person(make_person(1));
        uow->commit();
    }
    EXPECT_EQ(reg().count_persons(), 1);
    EXPECT_EQ(store().audit().count(), 1);
    EXPECT_TRUE(store().audit().verify().ok);
}

TEST_F(StoreTest, SupporterUpsertAndLinks) {
    const RowId person = reg().upsert_person(make_person(1)).id;
    std::vector<RowId> ids;
    for (int i = 0; i < 4; ++i) {
        Supporter s;
        s.external_id = "S-" + std::to_string(i);
        s.name = "支援 次郎" + std::to_string(i);
        s.kind = i == 0 ? SupporterKind::family : SupporterKind::neighbour;
        s.travel_mode = i % 2 ? TravelMode::car : TravelMode::walk;
        s.location = geo::LonLat(139.72 + 0.001 * i, 35.73);
        s.geocode_precision = GeocodePrecision::town;
        const UpsertResult r = reg().upsert_supporter(s);
        EXPECT_TRUE(r.created);
        ids.push_back(r.id);
        Supporter expected = s;
        expected.id = r.id;
        expected.row_version = 1;
        EXPECT_EQ(reg().supporter(r.id), expected);
        EXPECT_FALSE(reg().upsert_supporter(s).changed);
        s.active = false;
        EXPECT_TRUE(reg().upsert_supporter(s).changed);
        EXPECT_FALSE(reg().supporter_by_external_id(s.external_id)->active);
    }
    EXPECT_EQ(reg().count_supporters(), 4);
    EXPECT_EQ(reg().supporters().size(), 4u);

    for (int i = 0; i < 4; ++i)
        reg().link_supporter({person, ids[static_cast<std::size_t>(i)], "移送", 4 - i});
    auto links = reg().supporter_links(person);
    ASSERT_EQ(links.size(), 4u);
    EXPECT_EQ(links.front().supporter_id, ids[3]); // ordered by priority
    EXPECT_EQ(links.front().priority, 1);

    // Re-linking with the same values writes nothing; a new role updates.
    const std::int64_t audit_before = store().audit().count();
    reg().link_supporter({person, ids[0], "移送", 4});
    EXPECT_EQ(store().audit().count(), audit_before);
    reg().link_supporter({person, ids[0], "連絡", 0});
    EXPECT_EQ(store().audit().count(), audit_before + 1);
    links = reg().supporter_links(person);
    ASSERT_EQ(links.size(), 4u);
    EXPECT_EQ(links.front(), (SupporterLink{person, ids[0], "連絡", 0}));
    EXPECT_TRUE(reg().supporter_links(person + 1).empty());
}

TEST_F(StoreTest, ContactsAreReplacedAsAWhole) {
    const RowId person = reg().upsert_person(make_person(1)).id;
    std::vector<Contact> contacts(2);
    contacts[0].kind = ContactKind::attending_physician;
    contacts[0].organisation = "大塚クリニック";
    contacts[0].name = "医師 一郎";
    contacts[0].phone = "03-0000-0001";
    contacts[1].kind = ContactKind::equipment_vendor;
    contacts[1].organisation = "呼吸器サービス";
    contacts[1].fax = "03-0000-0002";
    reg().set_contacts(person, contacts);
    auto stored = reg().contacts(person);
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(stored[0].kind, ContactKind::attending_physician);
    EXPECT_EQ(stored[0].person_id, person);
    EXPECT_EQ(stored[0].name, "医師 一郎");
    EXPECT_EQ(stored[1].fax, "03-0000-0002");

    const std::int64_t audit_before = store().audit().count();
    reg().set_contacts(person, contacts); // identical: nothing written
    EXPECT_EQ(store().audit().count(), audit_before);
    EXPECT_EQ(reg().contacts(person)[0].id, stored[0].id);

    contacts.pop_back();
    reg().set_contacts(person, contacts);
    EXPECT_EQ(reg().contacts(person).size(), 1u);
    EXPECT_EQ(store().audit().count(), audit_before + 1);
    const auto last = store().audit().entries(1);
    ASSERT_EQ(last.size(), 1u);
    EXPECT_EQ(last[0].entity, "contacts");
    EXPECT_EQ(last[0].summary.find("医師"), std::string::npos) << last[0].summary;

    reg().set_contacts(person, {});
    EXPECT_TRUE(reg().contacts(person).empty());
    EXPECT_THROW(reg().set_contacts(person + 50, contacts), DataError); // foreign key
}

TEST_F(StoreTest, PersonsFilter) {
    Person a = make_person(1); // ventilator, 2+6 h battery, 南大塚二丁目
    a.internal_battery_h = 2;
    a.external_battery_h = 6;
    Person b = make_person(2); // oxygen only, 巣鴨三丁目
    b.uses_ventilator = false;
    b.ventilator_mode.reset();
    b.home_oxygen = true;
    b.town = "巣鴨三丁目";
    Person c = make_person(3); // both, hospitalised, 12 h battery
    c.home_oxygen = true;
    c.internal_battery_h = 12;
    c.status = PersonStatus::hospitalised;
    Person d = make_person(4); // ventilator, no battery known
    for (const Person& p : {a, b, c, d})
        reg().upsert_person(p);

    auto ids = [](const std::vector<Person>& v) {
        std::vector<std::string> out;
        for (const auto& p : v)
            out.push_back(p.external_id);
        return out;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(ids(reg().persons()), (V{"P-000001", "P-000002", "P-000003", "P-000004"}));
    PersonFilter f;
    f.uses_ventilator = true;
    EXPECT_EQ(ids(reg().persons(f)), (V{"P-000001", "P-000003", "P-000004"}));
    f = {};
    f.home_oxygen = true;
    EXPECT_EQ(ids(reg().persons(f)), (V{"P-000002", "P-000003"}));
    f = {};
    f.town = "巣鴨三丁目";
    EXPECT_EQ(ids(reg().persons(f)), (V{"P-000002"}));
    f = {};
    f.status = PersonStatus::hospitalised;
    EXPECT_EQ(ids(reg().persons(f)), (V{"P-000003"}));
    f = {};
    f.uses_ventilator = true;
    f.max_battery_h = 8.0; // 8 h counts (at most), unknown counts as 0
    EXPECT_EQ(ids(reg().persons(f)), (V{"P-000001", "P-000004"}));
    f.status = PersonStatus::active;
    f.town = "南大塚二丁目";
    f.limit = 1;
    EXPECT_EQ(ids(reg().persons(f)), (V{"P-000001"}));
}

TEST_F(StoreTest, FacilityUpsertAndFilter) {
    Facility f = make_facility(1, 139.7103, 35.7296);
    f.seed_no = 3;
    f.capacity = 250;
    f.relief_station = true;
    f.address = "豊島区西池袋2-37-1";
    const UpsertResult r = store().facilities().upsert_facility(f);
    EXPECT_TRUE(r.created);
    Facility expected = f;
    expected.id = r.id;
    expected.row_version = 1;
    EXPECT_EQ(store().facilities().facility(r.id), expected);
    EXPECT_FALSE(store().facilities().upsert_facility(f).changed);
    f.status = FacilityStatus::open;
    f.capacity.reset();
    EXPECT_TRUE(store().facilities().upsert_facility(f).changed);
    EXPECT_FALSE(store().facilities().facility_by_external_id("F-1")->capacity);

    Facility hospital = make_facility(2, 139.7280, 35.7255);
    hospital.kind = FacilityKind::disaster_base_hospital;
    store().facilities().upsert_facility(hospital);
    Facility unlocated = make_facility(3, 0, 0);
    unlocated.location.reset();
    unlocated.geocode_precision = GeocodePrecision::unresolved;
    store().facilities().upsert_facility(unlocated);

    FacilityFilter filter;
    filter.kind = FacilityKind::disaster_base_hospital;
    ASSERT_EQ(store().facilities().facilities(filter).size(), 1u);
    filter = {};
    filter.precision = GeocodePrecision::unresolved;
    ASSERT_EQ(store().facilities().facilities(filter).size(), 1u);
    EXPECT_EQ(store().facilities().facilities(filter)[0].external_id, "F-3");
    filter = {};
    filter.relief_station = true;
    ASSERT_EQ(store().facilities().facilities(filter).size(), 1u);
    EXPECT_EQ(store().facilities().facilities().size(), 3u);

    Facility bad = make_facility(4, 139.7, 35.7);
    bad.capacity = -5;
    try {
        store().facilities().upsert_facility(bad);
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::constraint);
    }
    EXPECT_EQ(store().facilities().facilities().size(), 3u);
}

TEST_F(StoreTest, EveryMutationIsAuditedWithoutPersonalValues) {
    const std::int64_t start = store().audit().count();
    Person p = make_person(1);
    p.name = "豊島 秘密子";
    p.phone_home = "03-1234-5678";
    reg().upsert_person(p);
    p.name = "豊島 変更子";
    p.phone_home = "03-8765-4321";
    p.internal_battery = true;
    p.internal_battery_h = 3.5;
    reg().upsert_person(p);
    reg().upsert_person(p); // unchanged: no entry
    Facility f = make_facility(1, 139.71, 35.73);
    store().facilities().upsert_facility(f);

    const auto entries = audit_since(start);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].action, "create");
    EXPECT_EQ(entries[0].entity, "persons");
    EXPECT_EQ(entries[0].entity_id, "P-000001");
    EXPECT_EQ(entries[0].actor, "tester");
    EXPECT_EQ(entries[1].action, "update");
    EXPECT_EQ(entries[2].entity, "facilities");
    const std::string& summary = entries[1].summary;
    // The changed fields are named, non-personal values are shown ...
    EXPECT_NE(summary.find("name"), std::string::npos) << summary;
    EXPECT_NE(summary.find("phone_home"), std::string::npos) << summary;
    EXPECT_NE(summary.find("internal_battery_h: ∅ → 3.5"), std::string::npos) << summary;
    // ... but never a personal value, before or after.
    for (const auto& e : entries)
        for (const char* secret : {"秘密子", "変更子", "豊島 ", "1234-5678", "8765-4321", "1950"})
            EXPECT_EQ(e.summary.find(secret), std::string::npos) << e.summary;
    for (const auto& e : entries) {
        EXPECT_EQ(e.at.size(), 20u) << e.at; // 2026-11-22T02:30:00Z
        EXPECT_EQ(e.hash.size(), 64u);
    }
    EXPECT_TRUE(store().audit().verify().ok);
}

TEST_F(StoreTest, AreaUpsertIsIdempotentAndKeepsFullPrecision) {
    // Full-precision coordinates: a text round trip through AsText (6 decimals)
    // would make every re-import look like a change.
    const std::string wkt = "MULTIPOLYGON(((139.70123456789012 35.72123456789012, "
                            "139.71987654321098 35.72123456789012, 139.71987654321098 "
                            "35.73987654321098, 139.70123456789012 35.72123456789012)))";
    const Area area{0, "ward_boundary", "テスト区", "test", wkt, {}};
    const UpsertResult first = store().areas().upsert_area(area);
    EXPECT_TRUE(first.created);
    const std::int64_t audit_before = store().audit().count();
    const UpsertResult second = store().areas().upsert_area(area);
    EXPECT_EQ(second.id, first.id);
    EXPECT_FALSE(second.created);
    EXPECT_FALSE(second.changed);
    EXPECT_EQ(store().audit().count(), audit_before) << "an unchanged area must not be audited";

    const auto listed = store().areas().areas("ward_boundary");
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_NE(listed[0].wkt.find("139.70123456789"), std::string::npos) << listed[0].wkt;
    EXPECT_EQ(listed[0].wkb.size(), 1u + 4 + 4 + 1 + 4 + 4 + 4 + 4 * 16u)
        << "ISO WKB of a one-ring, four-point multipolygon";
    EXPECT_TRUE(store().areas().areas("district").empty());
    EXPECT_TRUE(store().areas().area_contains(first.id, geo::LonLat(139.71, 35.725)));
    EXPECT_FALSE(store().areas().area_contains(first.id, geo::LonLat(139.69, 35.725)));

    Area moved = area;
    moved.wkt = "MULTIPOLYGON(((139.70 35.72, 139.72 35.72, 139.72 35.74, 139.70 35.72)))";
    EXPECT_TRUE(store().areas().upsert_area(moved).changed);
}

} // namespace
} // namespace breathline::data
