// Field edits of one person or facility: validation through the importer's parsers (the same
// value is accepted or refused as in an import), errors naming field and value, audit entries
// with change summaries, and the optimistic row_version check.

#include "data/io/record_edit.h"
#include "import_test_support.h"

namespace breathline::data::test {
namespace {

class RecordEditTest : public ImportTest {
protected:
    void SetUp() override {
        ImportTest::SetUp();
        Person p;
        p.external_id = "P-1";
        p.name = "編集 花子";
        p.name_kana = "ヘンシュウ ハナコ";
        p.address = "巣鴨3-14-1";
        p.uses_ventilator = true;
        p.ventilator_mode = VentilatorMode::tppv;
        p.location = geo::LonLat(139.73, 35.73);
        p.geocode_precision = GeocodePrecision::exact;
        m_store->registry().upsert_person(p);
        Facility f;
        f.external_id = "rescue_centre-01";
        f.kind = FacilityKind::rescue_centre;
        f.name = "編集小学校";
        f.address = "池袋1-1-1";
        m_store->facilities().upsert_facility(f);
    }
    Person person() { return *m_store->registry().person_by_external_id("P-1"); }
    Facility facility() {
        return *m_store->facilities().facility_by_external_id("rescue_centre-01");
    }
};

TEST_F(RecordEditTest, ValidValuesAreSavedAndAuditedWithASummary) {
    const auto before = person();
    const auto audit_before = m_store->audit().count();
    const auto out = edit_person(*m_store, "P-1",
                                 {{"internal_battery", "有(8時間)"},
                                  {"外部バッテリー", "無"},
                                  {"ventilator_hours_per_day", "２４時間"},
                                  {"status", "入院"}});
    ASSERT_TRUE(out.errors.empty()) << out.errors.front().reason_en;
    EXPECT_EQ(out.status, EditStatus::saved);
    EXPECT_TRUE(out.saved);
    const auto after = person();
    EXPECT_EQ(after.internal_battery, true);
    EXPECT_EQ(after.internal_battery_h, 8.0);
    EXPECT_EQ(after.external_battery, false);
    EXPECT_EQ(after.ventilator_hours_per_day, 24.0);
    EXPECT_EQ(after.status, PersonStatus::hospitalised);
    EXPECT_EQ(after.row_version, before.row_version + 1);
    EXPECT_EQ(out.row_version, after.row_version);

    ASSERT_EQ(m_store->audit().count(), audit_before + 1);
    const auto entry = m_store->audit().entries().back();
    EXPECT_EQ(entry.action, "update");
    EXPECT_EQ(entry.entity, "persons");
    EXPECT_EQ(entry.entity_id, "P-1");
    EXPECT_EQ(entry.actor, "import-test");
    EXPECT_NE(entry.summary.find("internal_battery_h: ∅ → 8"), std::string::npos) << entry.summary;
    EXPECT_NE(entry.summary.find("status: active → hospitalised"), std::string::npos);
    EXPECT_EQ(out.summary, entry.summary);
    EXPECT_TRUE(m_store->audit().verify().ok);
}

TEST_F(RecordEditTest, PersonalValuesAreNamedButNeverWrittenToTheAudit) {
    const auto out = edit_person(*m_store, "P-1", {{"氏名", "改名 花子"}});
    ASSERT_EQ(out.status, EditStatus::saved);
    EXPECT_EQ(person().name, "改名 花子");
    const auto entry = m_store->audit().entries().back();
    EXPECT_EQ(entry.summary, "name");
    EXPECT_EQ(entry.summary.find("改名"), std::string::npos);
}

TEST_F(RecordEditTest, InvalidValueNamesFieldAndValueAndChangesNothing) {
    const auto before = counts(*m_store);
    const auto out =
        edit_person(*m_store, "P-1", {{"status", "入院"}, {"内部バッテリー", "たくさん"}});
    EXPECT_EQ(out.status, EditStatus::invalid);
    EXPECT_FALSE(out.saved);
    ASSERT_EQ(out.errors.size(), 1u);
    EXPECT_EQ(out.errors[0].field, "internal_battery");
    EXPECT_EQ(out.errors[0].header_ja, "内部バッテリー");
    EXPECT_EQ(out.errors[0].value, "たくさん");
    EXPECT_FALSE(out.errors[0].reason_ja.empty());
    EXPECT_FALSE(out.errors[0].reason_en.empty());
    EXPECT_EQ(counts(*m_store), before);
    EXPECT_EQ(person().status, PersonStatus::active); // the good value was not saved either
}

// The same text is accepted or refused by an edit exactly as by an import of that cell.
TEST_F(RecordEditTest, AcceptsAndRefusesTheSameValuesAsTheImporter) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"internal_battery", "有(8時間)"},
        {"internal_battery", "無(3時間)"},
        {"internal_battery", "8h"},
        {"internal_battery", "たくさん"},
        {"ventilator_hours_per_day", "25"},
        {"ventilator_hours_per_day", "その他 12時間"},
        {"birth_date", "令和3年4月1日"},
        {"birth_date", "1899-12-31"},
        {"birth_date", "昨日"},
        {"sex", "女性"},
        {"sex", "X"},
        {"oxygen_flow_l_min", "30"},
        {"disability_certificate_grade", "2級"},
        {"disability_certificate_grade", "9級"},
        {"tube_feeding", "胃ろう"},
        {"tube_feeding", "点滴"},
        {"resuscitation_bag", "○"},
        {"resuscitation_bag", "多分"},
        {"ventilator_mode", "マスク"},
        {"ventilator_mode", "CPAP"},
    };
    for (const auto& [key, value] : cases) {
        const auto edited = edit_person(*m_store, "P-1", {{key, value}});
        const auto file = write_file("one.csv", "external_id,name,uses_ventilator," + key +
                                                    "\nP-9,取込 一郎,有,\"" + value + "\"\n");
        const auto imported = import(ImportKind::persons, file);
        EXPECT_EQ(edited.errors.empty(), imported.errors.empty())
            << key << "=" << value << ": edit "
            << (edited.errors.empty() ? "accepted" : edited.errors[0].reason_en) << ", import "
            << (imported.errors.empty() ? "accepted" : imported.errors[0].reason_en);
        if (!edited.errors.empty() && !imported.errors.empty()) {
            EXPECT_EQ(edited.errors[0].field, key);
            EXPECT_EQ(edited.errors[0].reason_en, imported.errors[0].reason_en);
        }
    }
}

TEST_F(RecordEditTest, UnknownAndDerivedKeysAreRefused) {
    auto out = edit_person(*m_store, "P-1", {{"favourite_colour", "blue"}});
    ASSERT_EQ(out.status, EditStatus::invalid);
    ASSERT_EQ(out.errors.size(), 1u);
    EXPECT_EQ(out.errors[0].value, "favourite_colour");
    EXPECT_NE(out.errors[0].reason_en.find("no field 'favourite_colour'"), std::string::npos);

    out = edit_person(*m_store, "P-1", {{"external_id", "P-2"}});
    ASSERT_EQ(out.status, EditStatus::invalid);
    EXPECT_EQ(out.errors[0].field, "external_id");
    out = edit_person(*m_store, "P-1", {{"town", "池袋一丁目"}});
    ASSERT_EQ(out.status, EditStatus::invalid);
    EXPECT_EQ(out.errors[0].field, "town");
    out = edit_person(*m_store, "P-1", {{"status", "入院"}, {"状態", "在宅"}});
    ASSERT_EQ(out.status, EditStatus::invalid);
    EXPECT_EQ(out.errors[0].field, "status");
    EXPECT_EQ(person().status, PersonStatus::active);
}

TEST_F(RecordEditTest, RemovingTheLastDeviceIsRefused) {
    const auto out = edit_person(*m_store, "P-1", {{"uses_ventilator", "無"}});
    ASSERT_EQ(out.status, EditStatus::invalid);
    EXPECT_NE(out.errors[0].reason_en.find("medical-device users only"), std::string::npos);
    EXPECT_TRUE(person().uses_ventilator);
}

TEST_F(RecordEditTest, UnchangedValuesWriteNothing) {
    const auto audit_before = m_store->audit().count();
    const auto out = edit_person(*m_store, "P-1", {{"ventilator_mode", "TPPV"}});
    EXPECT_EQ(out.status, EditStatus::unchanged);
    EXPECT_TRUE(out.saved);
    EXPECT_EQ(m_store->audit().count(), audit_before);
}

TEST_F(RecordEditTest, AStaleRowVersionIsAConflict) {
    const auto started = person().row_version;
    ASSERT_EQ(edit_person(*m_store, "P-1", {{"disease", "ALS"}}).status, EditStatus::saved);
    const auto audit_before = m_store->audit().count();
    EditOptions options;
    options.expected_row_version = started;
    const auto out = edit_person(*m_store, "P-1", {{"disease", "SMA"}}, options);
    EXPECT_EQ(out.status, EditStatus::conflict);
    EXPECT_FALSE(out.saved);
    EXPECT_EQ(out.row_version, started + 1);
    EXPECT_EQ(person().disease, "ALS");
    EXPECT_EQ(m_store->audit().count(), audit_before);

    options.expected_row_version = out.row_version;
    EXPECT_EQ(edit_person(*m_store, "P-1", {{"disease", "SMA"}}, options).status,
              EditStatus::saved);
    EXPECT_EQ(person().disease, "SMA");
}

TEST_F(RecordEditTest, UnknownRowIsNotFound) {
    EXPECT_EQ(edit_person(*m_store, "P-404", {{"disease", "x"}}).status, EditStatus::not_found);
    EXPECT_EQ(edit_facility(*m_store, "nope", {{"capacity", "1"}}).status, EditStatus::not_found);
}

TEST_F(RecordEditTest, AddressChangeRelocatesAtTownLevelAndCoordinatesClear) {
    EditOptions options;
    options.geocoder = &toshima_geocoder();
    auto out = edit_person(*m_store, "P-1", {{"address", "東池袋一丁目1番1号"}}, options);
    ASSERT_EQ(out.status, EditStatus::saved);
    auto p = person();
    EXPECT_EQ(p.town, "東池袋一丁目");
    EXPECT_EQ(p.geocode_precision, GeocodePrecision::town);
    ASSERT_TRUE(p.location);
    EXPECT_EQ(*p.location, *toshima_geocoder().locate_town("東池袋一丁目"));

    out = edit_person(*m_store, "P-1", {{"lon", ""}, {"lat", ""}});
    ASSERT_EQ(out.status, EditStatus::saved);
    p = person();
    EXPECT_FALSE(p.location);
    EXPECT_EQ(p.geocode_precision, GeocodePrecision::unresolved);
}

TEST_F(RecordEditTest, FacilityIsPlacedManuallyAndValidated) {
    auto out = edit_facility(*m_store, "rescue_centre-01",
                             {{"lon", "139.7101"}, {"lat", "35.7290"}, {"収容人数", "300人"}});
    ASSERT_TRUE(out.errors.empty()) << out.errors.front().reason_en;
    ASSERT_EQ(out.status, EditStatus::saved);
    auto f = facility();
    ASSERT_TRUE(f.location);
    EXPECT_DOUBLE_EQ(f.location->lon(), 139.7101);
    EXPECT_DOUBLE_EQ(f.location->lat(), 35.7290);
    EXPECT_EQ(f.geocode_precision, GeocodePrecision::manual);
    EXPECT_EQ(f.capacity, 300);
    EXPECT_EQ(f.kind, FacilityKind::rescue_centre);
    const auto entry = m_store->audit().entries().back();
    EXPECT_EQ(entry.entity, "facilities");
    EXPECT_NE(entry.summary.find("geocode_precision: unresolved → manual"), std::string::npos)
        << entry.summary;

    out = edit_facility(*m_store, "rescue_centre-01", {{"lon", "200"}, {"lat", "35.7"}});
    ASSERT_EQ(out.status, EditStatus::invalid);
    EXPECT_EQ(out.errors[0].field, "lon");
    EXPECT_NE(out.errors[0].value.find("200"), std::string::npos);
    out = edit_facility(*m_store, "rescue_centre-01", {{"lon", "139.7"}});
    ASSERT_EQ(out.status, EditStatus::invalid);
    EXPECT_EQ(out.errors[0].field, "lat");
    out = edit_facility(*m_store, "rescue_centre-01", {{"kind", "病院かも"}});
    ASSERT_EQ(out.status, EditStatus::invalid);
    EXPECT_EQ(out.errors[0].field, "kind");
    EXPECT_EQ(out.errors[0].header_ja, "種別");
    out = edit_facility(*m_store, "rescue_centre-01", {{"status", "閉鎖"}});
    ASSERT_EQ(out.status, EditStatus::saved);
    EXPECT_EQ(facility().status, FacilityStatus::closed);
}

} // namespace
} // namespace breathline::data::test
