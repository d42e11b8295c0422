// Import of persons, supporters and facilities from CSV: value parsing end to end, matching,
// every class of bad input (each leaves the database unchanged), --skip-invalid and audit.

#include "data/io/import_error.h"
#include "data/spatialite/spatialite_store.h"
#include "data/text/csv.h"
#include "data/text/encoding.h"
#include "import_test_support.h"

#include <fstream>
#include <sstream>

namespace breathline::data::test {
namespace {

// A minimal good person file; tests append one bad row to it.
const std::string k_header = "登録番号,氏名,フリガナ,性別,生年月日,住所,人工呼吸器,使用時間,"
                             "内部バッテリー,経度,緯度\n";
const std::string k_good_row = "P-100,デモ 良子,デモ ヨシコ,女,令和2年1月2日,巣鴨3-1-1,TPPV,24,"
                               "有(6時間),,\n";

TEST_F(ImportTest, FormHeadersAndValuesAreParsed) {
    const auto report =
        import(ImportKind::persons, fixture("persons_form.csv"), false, &toshima_geocoder());
    ASSERT_TRUE(report.errors.empty()) << report.errors.front().reason_en;
    ASSERT_TRUE(report.committed);
    EXPECT_EQ(report.format, "CSV (UTF-8)");
    EXPECT_EQ(report.records, 3u);
    EXPECT_EQ(report.created, 3u);

    const auto p1 = m_store->registry().person_by_external_id("P-001");
    ASSERT_TRUE(p1);
    EXPECT_EQ(p1->name, "デモ 太郎");
    EXPECT_EQ(p1->sex, Sex::male);
    EXPECT_EQ(p1->birth_date, "1950-03-04");
    EXPECT_TRUE(p1->uses_ventilator);
    EXPECT_EQ(p1->ventilator_mode, VentilatorMode::tppv);
    EXPECT_EQ(p1->ventilator_hours_per_day, 24.0);
    EXPECT_EQ(p1->internal_battery, true);
    EXPECT_EQ(p1->internal_battery_h, 8.0);
    EXPECT_EQ(p1->external_battery_h, 10.0);
    EXPECT_EQ(p1->suction_internal_battery, true);
    EXPECT_EQ(p1->resuscitation_bag, true);
    EXPECT_TRUE(p1->home_oxygen);
    EXPECT_TRUE(p1->pulse_oximeter);
    EXPECT_EQ(p1->tube_feeding, TubeFeeding::gastrostomy);
    EXPECT_EQ(p1->consent_date, "2021-04-01");
    EXPECT_EQ(p1->power_company_registered, true);
    EXPECT_EQ(p1->geocode_precision, GeocodePrecision::exact);
    ASSERT_TRUE(p1->location);
    EXPECT_DOUBLE_EQ(p1->location->lon(), 139.7335);

    const auto p2 = m_store->registry().person_by_external_id("P-002");
    ASSERT_TRUE(p2);
    EXPECT_EQ(p2->birth_date, "2019-04-30");
    EXPECT_EQ(p2->ventilator_mode, VentilatorMode::nppv); // マスク
    EXPECT_EQ(p2->ventilator_hours_per_day, 10.0);        // その他 10時間
    EXPECT_EQ(p2->internal_battery_h, 8.0);               // ８ｈ
    EXPECT_EQ(p2->external_battery, false);
    EXPECT_EQ(p2->care_situation, "在宅、訪問看護週3回");
    EXPECT_EQ(p2->consent_date, "2019-05-01"); // 令和元年
    EXPECT_EQ(p2->geocode_precision, GeocodePrecision::town);

    const auto p3 = m_store->registry().person_by_external_id("P-003");
    ASSERT_TRUE(p3);
    EXPECT_FALSE(p3->uses_ventilator);
    EXPECT_TRUE(p3->home_oxygen);
    EXPECT_EQ(p3->sex, Sex::male);             // Ｍ
    EXPECT_EQ(p3->birth_date, "1940-01-02");   // full-width digits
    EXPECT_EQ(p3->phone_home, "03-5555-0001"); // full-width folded
    EXPECT_EQ(p3->address_normalized, "南大塚2-36-2");
    EXPECT_EQ(p3->town, "南大塚二丁目");
}

TEST_F(ImportTest, BothAddressSpellingsGiveTheSameCanonicalAddressAndTown) {
    import(ImportKind::persons, fixture("persons_form.csv"), false, &toshima_geocoder());
    const auto p1 = m_store->registry().person_by_external_id("P-001");
    const auto p2 = m_store->registry().person_by_external_id("P-002");
    ASSERT_TRUE(p1 && p2);
    EXPECT_EQ(p1->address, "巣鴨3-14-1");
    EXPECT_EQ(p2->address, "巣鴨三丁目14番1号");
    EXPECT_EQ(p1->address_normalized, "巣鴨3-14-1");
    EXPECT_EQ(p2->address_normalized, "巣鴨3-14-1");
    EXPECT_EQ(p1->town, "巣鴨三丁目");
    EXPECT_EQ(p2->town, "巣鴨三丁目");
    // Town-level geocoding puts P-002 on the town's representative point.
    EXPECT_EQ(p2->location, toshima_geocoder().locate_town("巣鴨三丁目"));
}

TEST_F(ImportTest, Cp932WithExtendedCharactersIsDetectedAndDecoded) {
    const auto report = import(ImportKind::persons, fixture("persons_cp932.csv"));
    ASSERT_TRUE(report.committed) << (report.errors.empty() ? "" : report.errors[0].reason_en);
    EXPECT_EQ(report.format, "CSV (CP932)");
    const auto c1 = m_store->registry().person_by_external_id("C-001");
    ASSERT_TRUE(c1);
    EXPECT_EQ(c1->name, "髙橋 デモ①");
    EXPECT_EQ(c1->birth_date, "2019-05-01");
    EXPECT_EQ(c1->address_normalized, "西池袋1-2-3");
    EXPECT_EQ(c1->internal_battery_h, 4.0); // 有（４時間）
    const auto c2 = m_store->registry().person_by_external_id("C-002");
    ASSERT_TRUE(c2);
    EXPECT_EQ(c2->name, "デモ 﨑子");
    EXPECT_EQ(c2->internal_battery, false);
    // Without a geocoder a row without coordinates stays unresolved, as a note.
    EXPECT_EQ(c2->geocode_precision, GeocodePrecision::unresolved);
    EXPECT_EQ(report.unresolved, 2u);
    EXPECT_EQ(report.notes.size(), 2u);
}

TEST_F(ImportTest, ImportingTwiceCreatesNoDuplicatesThenDetectsUpdates) {
    const auto first = import(ImportKind::persons, fixture("persons_form.csv"));
    EXPECT_EQ(first.created, 3u);
    const auto second = import(ImportKind::persons, fixture("persons_form.csv"));
    EXPECT_TRUE(second.committed);
    EXPECT_EQ(second.created, 0u);
    EXPECT_EQ(second.updated, 0u);
    EXPECT_EQ(second.unchanged, 3u);
    EXPECT_EQ(m_store->registry().count_persons(), 3);

    // Change P-002's battery and import again: one update, the change audited.
    std::ifstream in(fixture("persons_form.csv"), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string changed = text.str();
    const auto pos = changed.find("８ｈ");
    ASSERT_NE(pos, std::string::npos);
    changed.replace(pos, std::string("８ｈ").size(), "5時間");
    const auto audit_before = m_store->audit().count();
    const auto third = import(ImportKind::persons, write_file("changed.csv", changed));
    EXPECT_EQ(third.updated, 1u);
    EXPECT_EQ(third.unchanged, 2u);
    EXPECT_EQ(m_store->registry().person_by_external_id("P-002")->internal_battery_h, 5.0);
    // One entry for the updated row and one summary entry for the import.
    EXPECT_EQ(m_store->audit().count(), audit_before + 2);
}

TEST_F(ImportTest, ProgressReportsTheFinalCount) {
    std::vector<std::size_t> calls;
    ImportOptions options;
    options.kind = ImportKind::persons;
    options.file = fixture("persons_form.csv");
    options.progress = [&](std::size_t done) { calls.push_back(done); };
    import_file(*m_store, options);
    EXPECT_EQ(calls, (std::vector<std::size_t>{3}));
}

TEST_F(ImportTest, ImportAppendsOneSummaryAuditEntry) {
    const auto before = m_store->audit().count();
    import(ImportKind::persons, fixture("persons_form.csv"));
    // Three created rows plus the summary.
    EXPECT_EQ(m_store->audit().count(), before + 4);
    const auto last = m_store->audit().entries(1);
    ASSERT_EQ(last.size(), 1u);
    EXPECT_EQ(last[0].action, "import");
    EXPECT_EQ(last[0].entity, fixture("persons_form.csv").string());
    EXPECT_EQ(last[0].actor, "import-test");
    EXPECT_NE(last[0].summary.find("created 3"), std::string::npos);
    EXPECT_TRUE(m_store->audit().verify().ok);
}

TEST_F(ImportTest, ColumnsAbsentFromTheFileKeepTheirStoredValues) {
    import(ImportKind::persons, fixture("persons_form.csv"));
    const auto report =
        import(ImportKind::persons, write_file("phones.csv", "登録番号,氏名,電話番号\n"
                                                             "P-001,デモ 太郎,03-9999-0000\n"));
    ASSERT_TRUE(report.committed);
    EXPECT_EQ(report.updated, 1u);
    const auto p1 = m_store->registry().person_by_external_id("P-001");
    EXPECT_EQ(p1->phone_home, "03-9999-0000");
    EXPECT_EQ(p1->ventilator_mode, VentilatorMode::tppv);
    EXPECT_EQ(p1->geocode_precision, GeocodePrecision::exact);
}

TEST_F(ImportTest, FallbackRuleMatchesPersonsWithoutRegistryNumber) {
    import(ImportKind::persons, fixture("persons_form.csv"));
    // Same kana (written in hiragana, without the space), birth date and address as P-002.
    const auto report = import(
        ImportKind::persons,
        write_file("no_id.csv", "登録番号,氏名,フリガナ,生年月日,住所,人工呼吸器,備考\n"
                                ",デモ 花子,でもはなこ,H31.4.30,巣鴨三丁目14-1,NPPV,再確認済\n"
                                ",デモ 新,デモ シン,2001-02-03,池袋1-1-1,TPPV,\n"));
    ASSERT_TRUE(report.committed) << report.errors.front().reason_en;
    EXPECT_EQ(report.matched_by_fallback, 1u);
    EXPECT_EQ(report.updated, 1u);
    EXPECT_EQ(report.created, 1u);
    EXPECT_EQ(m_store->registry().person_by_external_id("P-002")->notes, "再確認済");
    EXPECT_EQ(m_store->registry().count_persons(), 4);
    // The new person got a stable id, so the same file matches again without duplicates.
    const auto repeat = import(ImportKind::persons, m_dir / "no_id.csv");
    EXPECT_EQ(repeat.created, 0u);
    EXPECT_EQ(repeat.unchanged, 2u);
    EXPECT_EQ(m_store->registry().count_persons(), 4);
}

TEST_F(ImportTest, AmbiguousFallbackMatchIsARowError) {
    import(ImportKind::persons,
           write_file("twins.csv", "登録番号,氏名,フリガナ,生年月日,住所,人工呼吸器\n"
                                   "T-1,デモ 一,デモ フタゴ,2000-01-01,池袋1-1-1,TPPV\n"
                                   "T-2,デモ 二,デモ フタゴ,2000-01-01,池袋1-1-1,TPPV\n"));
    const auto before = counts(*m_store);
    const auto report = import(
        ImportKind::persons,
        write_file("ambiguous.csv", "登録番号,氏名,フリガナ,生年月日,住所,人工呼吸器\n"
                                    ",デモ ?,デモ フタゴ,2000-01-01,池袋一丁目1番1号,NPPV\n"));
    EXPECT_FALSE(report.committed);
    ASSERT_EQ(report.errors.size(), 1u);
    EXPECT_NE(report.errors[0].reason_en.find("T-1, T-2"), std::string::npos);
    EXPECT_EQ(counts(*m_store), before);
}

TEST_F(ImportTest, UnknownColumnsAreReportedAsNotes) {
    const auto report = import(
        ImportKind::persons,
        write_file("extra.csv", k_header.substr(0, k_header.size() - 1) + ",趣味\n" +
                                    k_good_row.substr(0, k_good_row.size() - 1) + ",囲碁\n"));
    ASSERT_TRUE(report.committed);
    ASSERT_FALSE(report.notes.empty());
    EXPECT_EQ(report.notes[0].column, "趣味");
    EXPECT_EQ(report.notes[0].line, 0u);
}

TEST_F(ImportTest, SupportersAreLinkedToPersons) {
    import(ImportKind::persons, fixture("persons_form.csv"));
    const auto report =
        import(ImportKind::supporters, fixture("supporters.csv"), false, &toshima_geocoder());
    ASSERT_TRUE(report.committed) << report.errors.front().reason_en;
    EXPECT_EQ(report.created, 2u);
    EXPECT_EQ(report.links, 4u);
    const auto p1 = m_store->registry().person_by_external_id("P-001");
    const auto links = m_store->registry().supporter_links(p1->id);
    ASSERT_EQ(links.size(), 2u);
    EXPECT_EQ(links[0].role, "搬送");
    const auto s2 = m_store->registry().supporter_by_external_id("S-002");
    EXPECT_EQ(s2->kind, SupporterKind::neighbour);
    EXPECT_EQ(s2->travel_mode, TravelMode::car);
    EXPECT_EQ(s2->geocode_precision, GeocodePrecision::town);
    // A second import changes nothing, links included.
    const auto again =
        import(ImportKind::supporters, fixture("supporters.csv"), false, &toshima_geocoder());
    EXPECT_EQ(again.unchanged, 2u);
    EXPECT_EQ(again.links, 0u);
}

TEST_F(ImportTest, SupporterLinkedToAnUnknownPersonIsRejected) {
    const auto before = counts(*m_store);
    const auto report = import(ImportKind::supporters, fixture("supporters.csv"));
    EXPECT_FALSE(report.committed);
    ASSERT_EQ(report.errors.size(), 4u); // P-001, P-002, P-001, P-003 are not registered
    EXPECT_EQ(report.errors[0].column, "支援対象者");
    EXPECT_EQ(report.errors[0].value, "P-001");
    EXPECT_EQ(counts(*m_store), before);
}

TEST_F(ImportTest, FacilitiesWithKindsAndTownGeocoding) {
    const auto report =
        import(ImportKind::facilities, fixture("facilities.csv"), false, &toshima_geocoder());
    ASSERT_TRUE(report.committed) << report.errors.front().reason_en;
    const auto f1 = m_store->facilities().facility_by_external_id("F-01");
    ASSERT_TRUE(f1);
    EXPECT_EQ(f1->kind, FacilityKind::rescue_centre);
    EXPECT_EQ(f1->seed_no, 1);
    EXPECT_EQ(f1->capacity, 500);
    EXPECT_TRUE(f1->relief_station);
    EXPECT_EQ(f1->geocode_precision, GeocodePrecision::exact);
    const auto f2 = m_store->facilities().facility_by_external_id("F-02");
    ASSERT_TRUE(f2);
    EXPECT_EQ(f2->kind, FacilityKind::disaster_base_hospital);
    EXPECT_EQ(f2->geocode_precision, GeocodePrecision::town);
    EXPECT_EQ(f2->geocode_source, "geolonia:南大塚二丁目");
}

// ---- whole-file errors: thrown, nothing changed ---------------------------------------------

class ImportFileErrorTest : public ImportTest {
protected:
    void SetUp() override {
        ImportTest::SetUp();
        import(ImportKind::persons, fixture("persons_form.csv"));
        m_before = counts(*m_store);
    }
    // Runs the import, expects an ImportError, returns its English message.
    std::string expect_file_error(ImportKind kind, const std::filesystem::path& file) {
        try {
            import(kind, file);
        } catch (const ImportError& e) {
            EXPECT_EQ(e.code(), ErrorCode::import_failed);
            EXPECT_FALSE(e.message_ja().empty());
            EXPECT_EQ(counts(*m_store), m_before);
            return e.what();
        }
        ADD_FAILURE() << "no ImportError for " << file;
        return {};
    }
    Counts m_before;
};

TEST_F(ImportFileErrorTest, MissingFile) {
    const auto msg = expect_file_error(ImportKind::persons, m_dir / "nope.csv");
    EXPECT_NE(msg.find("nope.csv"), std::string::npos);
    EXPECT_NE(msg.find("does not exist"), std::string::npos);
}

TEST_F(ImportFileErrorTest, UndecodableEncoding) {
    // 0x81 0x20 is a CP932 lead byte followed by an impossible trail byte, on line 3.
    const auto msg = expect_file_error(
        ImportKind::persons, write_file("bad_enc.csv", k_header + k_good_row + "P-2,\x81\x20\n"));
    EXPECT_NE(msg.find("as UTF-8 it breaks at line 3"), std::string::npos) << msg;
    EXPECT_NE(msg.find("neither UTF-8 nor CP932"), std::string::npos);
}

TEST_F(ImportFileErrorTest, UnterminatedQuote) {
    const auto msg = expect_file_error(
        ImportKind::persons,
        write_file("quote.csv", k_header + k_good_row + "P-2,\"デモ 閉じない,デモ,女\n"));
    EXPECT_NE(msg.find("line 3"), std::string::npos);
    EXPECT_NE(msg.find("quote"), std::string::npos);
}

TEST_F(ImportFileErrorTest, MissingRequiredColumnNamesTheSpellings) {
    const auto msg = expect_file_error(ImportKind::persons,
                                       write_file("noid.csv", "氏名,人工呼吸器\nデモ 太郎,TPPV\n"));
    EXPECT_NE(msg.find("noid.csv"), std::string::npos);
    EXPECT_NE(msg.find("登録番号 / external_id"), std::string::npos);
    const auto fmsg = expect_file_error(ImportKind::facilities,
                                        write_file("nokind.csv", "施設ID,施設名\nF-9,デモ\n"));
    EXPECT_NE(fmsg.find("種別 / kind"), std::string::npos);
}

// ---- row errors: every bad row reported, nothing changed ------------------------------------

class ImportRowErrorTest : public ImportFileErrorTest {
protected:
    // Imports the good row plus `bad_row` (line 3) and checks the error and that nothing changed.
    RowError expect_row_error(const std::string& bad_row, const std::string& header = k_header) {
        const auto path = write_file("bad.csv", header + k_good_row + bad_row);
        const auto report = import(ImportKind::persons, path);
        EXPECT_FALSE(report.committed);
        EXPECT_EQ(report.created + report.updated + report.unchanged, 0u);
        EXPECT_EQ(counts(*m_store), m_before);
        const RowError* e = error_on_line(report, 3);
        if (!e) {
            ADD_FAILURE() << "no error on line 3 for: " << bad_row;
            return {};
        }
        EXPECT_EQ(e->file, path.string());
        EXPECT_FALSE(e->reason_ja.empty());
        EXPECT_FALSE(e->reason_en.empty());
        EXPECT_EQ(error_on_line(report, 2), nullptr) << "the good row must not be blamed";
        return *e;
    }
};

TEST_F(ImportRowErrorTest, InvalidDate) {
    const auto e = expect_row_error("P-2,デモ,デモ,女,令和3年2月30日,巣鴨3-1-1,TPPV,24,有,,\n");
    EXPECT_EQ(e.column, "生年月日");
    EXPECT_EQ(e.value, "令和3年2月30日");
    EXPECT_NE(e.reason_en.find("not a valid date"), std::string::npos);
}

TEST_F(ImportRowErrorTest, InvalidSex) {
    const auto e = expect_row_error("P-2,デモ,デモ,X,,巣鴨3-1-1,TPPV,24,有,,\n");
    EXPECT_EQ(e.column, "性別");
    EXPECT_EQ(e.value, "X");
}

TEST_F(ImportRowErrorTest, InvalidVentilatorMode) {
    const auto e = expect_row_error("P-2,デモ,デモ,女,,巣鴨3-1-1,CPAP,24,有,,\n");
    EXPECT_EQ(e.column, "人工呼吸器");
    EXPECT_EQ(e.value, "CPAP");
}

TEST_F(ImportRowErrorTest, NegativeBatteryHours) {
    const auto e = expect_row_error("P-2,デモ,デモ,女,,巣鴨3-1-1,TPPV,24,-3h,,\n");
    EXPECT_EQ(e.column, "内部バッテリー");
    EXPECT_NE(e.reason_en.find("negative"), std::string::npos);
}

TEST_F(ImportRowErrorTest, ImplausibleBatteryHours) {
    const auto e = expect_row_error("P-2,デモ,デモ,女,,巣鴨3-1-1,TPPV,24,有(300時間),,\n");
    EXPECT_NE(e.reason_en.find("implausible"), std::string::npos);
}

TEST_F(ImportRowErrorTest, MoreThan24HoursPerDay) {
    const auto e = expect_row_error("P-2,デモ,デモ,女,,巣鴨3-1-1,TPPV,25時間,有,,\n");
    EXPECT_EQ(e.column, "使用時間");
    EXPECT_NE(e.reason_en.find("implausible"), std::string::npos);
}

TEST_F(ImportRowErrorTest, LatitudeOutOfRange) {
    const auto e = expect_row_error("P-2,デモ,デモ,女,,巣鴨3-1-1,TPPV,24,有,139.7,95\n");
    EXPECT_EQ(e.column, "経度/緯度");
    EXPECT_NE(e.reason_en.find("latitude"), std::string::npos);
    EXPECT_NE(e.reason_en.find("out of range"), std::string::npos);
}

TEST_F(ImportRowErrorTest, CoordinatesOutsideJapan) {
    const auto e = expect_row_error("P-2,デモ,デモ,女,,巣鴨3-1-1,TPPV,24,有,2.35,48.85\n");
    EXPECT_NE(e.reason_en.find("outside Japan"), std::string::npos);
    const auto swapped = expect_row_error("P-2,デモ,デモ,女,,巣鴨3-1-1,TPPV,24,有,35.73,139.72\n");
    EXPECT_NE(swapped.reason_en.find("swapped"), std::string::npos);
}

TEST_F(ImportRowErrorTest, NeitherVentilatorNorOxygen) {
    const auto e = expect_row_error("P-2,デモ,デモ,女,,巣鴨3-1-1,無,,,,\n");
    EXPECT_EQ(e.column, "人工呼吸器");
    EXPECT_NE(e.reason_en.find("neither a ventilator nor home oxygen"), std::string::npos);
}

TEST_F(ImportRowErrorTest, DuplicateIdInsideTheFileBlamesBothRows) {
    const auto path = write_file("dup.csv", k_header + k_good_row +
                                                "P-100,デモ 別人,デモ ベツジン,女,,池袋1-1-1,NPPV,"
                                                "24,無,,\n");
    const auto report = import(ImportKind::persons, path);
    EXPECT_FALSE(report.committed);
    ASSERT_EQ(report.errors.size(), 2u);
    EXPECT_EQ(report.errors[0].line, 2u);
    EXPECT_EQ(report.errors[1].line, 3u);
    EXPECT_EQ(report.errors[0].column, "登録番号");
    EXPECT_NE(report.errors[1].reason_en.find("lines 2"), std::string::npos);
    EXPECT_EQ(counts(*m_store), m_before);
}

TEST_F(ImportRowErrorTest, EveryBadRowIsReported) {
    const auto path =
        write_file("many.csv", k_header + "P-1,デモ,デモ,Q,,巣鴨3-1-1,TPPV,24,有,,\n" + k_good_row +
                                   "P-3,デモ,デモ,女,R3.13.1,巣鴨3-1-1,TPPV,24,有,,\n"
                                   "P-4,デモ,デモ,女,,巣鴨3-1-1,TPPV,99,-1,,\n");
    const auto report = import(ImportKind::persons, path);
    EXPECT_FALSE(report.committed);
    EXPECT_EQ(report.rejected, 3u);
    ASSERT_EQ(report.errors.size(), 4u); // line 5 has two bad values
    EXPECT_EQ(report.errors[0].line, 2u);
    EXPECT_EQ(report.errors[1].line, 4u);
    EXPECT_EQ(report.errors[2].line, 5u);
    EXPECT_EQ(report.errors[3].line, 5u);
    EXPECT_EQ(counts(*m_store), m_before);
}

TEST_F(ImportRowErrorTest, DatabaseConstraintViolationBecomesARowError) {
    // A rule only the database knows (as a site-specific trigger would add) must still be
    // reported per row, not abort the import.
    auto* store = dynamic_cast<spatialite::SpatialiteStore*>(m_store.get());
    ASSERT_NE(store, nullptr);
    store->database().exec(
        "CREATE TRIGGER reject_demo BEFORE INSERT ON persons WHEN "
        "NEW.name = 'デモ 拒否' BEGIN SELECT RAISE(ABORT, 'name refused'); END;");
    const auto e = expect_row_error("P-2,デモ 拒否,デモ,女,,巣鴨3-1-1,TPPV,24,有,,\n");
    EXPECT_NE(e.reason_en.find("database constraint"), std::string::npos);
    EXPECT_NE(e.reason_en.find("name refused"), std::string::npos);
}

// ---- --skip-invalid ---------------------------------------------------------------------------

TEST_F(ImportTest, SkipInvalidImportsGoodRowsAndWritesRejects) {
    const auto path =
        write_file("mixed.csv", k_header + k_good_row +
                                    "P-2,デモ,デモ,X,,巣鴨3-1-1,TPPV,24,有,,\n"
                                    "P-3,デモ 三,デモ サン,男,,池袋1-1-1,NPPV,12,無,,\n");
    const auto before_audit = m_store->audit().count();
    const auto report = import(ImportKind::persons, path, true);
    EXPECT_TRUE(report.committed);
    EXPECT_EQ(report.created, 2u);
    EXPECT_EQ(report.rejected, 1u);
    EXPECT_EQ(m_store->registry().count_persons(), 2);
    EXPECT_FALSE(m_store->registry().person_by_external_id("P-2"));
    EXPECT_EQ(m_store->audit().count(), before_audit + 3);
    ASSERT_TRUE(report.rejects_file);
    EXPECT_EQ(*report.rejects_file, default_rejects_path(path));
    EXPECT_EQ(report.rejects_file->filename(), "mixed.csv.rejected.csv");

    std::ifstream in(*report.rejects_file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const auto rows = text::read_csv(text.str());
    ASSERT_EQ(rows.size(), 2u);
    const auto& header = rows[0].fields;
    ASSERT_EQ(header.size(), 14u);
    EXPECT_EQ(header[0], "登録番号");
    EXPECT_EQ(header[11], "line");
    EXPECT_EQ(header[12], "column");
    EXPECT_EQ(header[13], "reason");
    EXPECT_EQ(rows[1].fields[0], "P-2");
    EXPECT_EQ(rows[1].fields[3], "X");
    EXPECT_EQ(rows[1].fields[11], "3");
    EXPECT_EQ(rows[1].fields[12], "性別");
    EXPECT_NE(rows[1].fields[13].find("is not a sex"), std::string::npos);
}

} // namespace
} // namespace breathline::data::test
