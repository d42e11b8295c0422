// Masking of personal data at the data layer (issue 8): every personal field of a person,
// supporter and contact is cleared or cut, the masked name shares no character sequence with
// the real one, and homes move by exactly the configured distance in a direction that is
// deterministic per person and differs between persons.

#include "data/privacy/mask.h"
#include "geo/projection.h"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <set>
#include <string>

namespace breathline::data::privacy {
namespace {

Person sample_person() {
    Person p;
    p.id = 12;
    p.external_id = "T-0012";
    p.name = "山田 太郎";
    p.name_kana = "ヤマダ タロウ";
    p.sex = Sex::male;
    p.birth_date = "1961-04-01";
    p.postal_code = "170-0002";
    p.address = "巣鴨三丁目14番1号 サンハイツ201";
    p.address_normalized = "巣鴨3-14-1";
    p.town = "巣鴨三丁目";
    p.phone_home = "03-1234-5678";
    p.phone_mobile = "090-1234-5678";
    p.disease = "ALS";
    p.uses_ventilator = true;
    p.ventilator_mode = VentilatorMode::tppv;
    p.internal_battery = true;
    p.internal_battery_h = 2;
    p.external_battery_h = 8;
    p.home_oxygen = true;
    p.oxygen_flow_l_min = 2;
    p.consent_signed_by = "山田 花子";
    p.disaster_concerns = "長女の花子が介護";
    p.svc_other = "山田花子が送迎";
    p.notes = "隣の佐藤さんが鍵を預かる";
    p.location = geo::LonLat(139.7295, 35.7335);
    p.geocode_precision = GeocodePrecision::exact;
    p.row_version = 3;
    return p;
}

/// Every substring of `name` of at least two characters, and every single non-ASCII character
/// (a kanji or kana alone already says something about the name).
std::set<std::string> fragments(const std::string& name) {
    std::set<std::string> out;
    std::vector<std::string> chars;
    for (std::size_t i = 0; i < name.size();) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        chars.push_back(name.substr(i, len));
        i += len;
    }
    for (std::size_t a = 0; a < chars.size(); ++a) {
        std::string s;
        for (std::size_t b = a; b < chars.size(); ++b) {
            s += chars[b];
            if (s == " " || s == "\u3000") continue;
            if (b > a || static_cast<unsigned char>(s[0]) >= 0x80) out.insert(s);
        }
    }
    return out;
}

double plane_distance(const geo::LonLat& a, const geo::LonLat& b) {
    static const geo::PlaneProjector projector;
    return geo::distance_m(projector.to_plane(a), projector.to_plane(b));
}

double bearing_deg(const geo::LonLat& from, const geo::LonLat& to) {
    static const geo::PlaneProjector projector;
    const geo::PlaneXY a = projector.to_plane(from), b = projector.to_plane(to);
    return std::atan2(b.x_east_m - a.x_east_m, b.y_north_m - a.y_north_m) * 180 / std::numbers::pi;
}

TEST(MaskPerson, ClearsOrCutsEveryPersonalField) {
    const Person p = sample_person();
    const Person m = mask_person(p, MaskOptions{});
    EXPECT_EQ(m.name, "[T-0012]");
    EXPECT_EQ(m.name_kana, "");
    EXPECT_FALSE(m.birth_date.has_value());
    EXPECT_EQ(m.postal_code, "");
    EXPECT_EQ(m.address, "巣鴨三丁目");
    EXPECT_EQ(m.address_normalized, "巣鴨三丁目");
    EXPECT_EQ(m.town, "巣鴨三丁目");
    EXPECT_EQ(m.phone_home, "");
    EXPECT_EQ(m.phone_mobile, "");
    EXPECT_EQ(m.consent_signed_by, "");
    EXPECT_EQ(m.notes, "");
    EXPECT_EQ(m.disaster_concerns, "");
    EXPECT_EQ(m.svc_other, "");
    // What the drill needs stays.
    EXPECT_EQ(m.id, p.id);
    EXPECT_EQ(m.external_id, p.external_id);
    EXPECT_EQ(m.disease, p.disease);
    EXPECT_EQ(m.ventilator_mode, p.ventilator_mode);
    EXPECT_EQ(m.internal_battery_h, p.internal_battery_h);
    EXPECT_EQ(m.external_battery_h, p.external_battery_h);
    EXPECT_EQ(m.oxygen_flow_l_min, p.oxygen_flow_l_min);
    EXPECT_EQ(m.row_version, p.row_version);
    ASSERT_TRUE(m.location.has_value());
}

TEST(MaskPerson, AddressWithoutStoredTownIsCutToTheTownOfTheAddress) {
    Person p = sample_person();
    p.town.clear();
    const Person m = mask_person(p, MaskOptions{});
    EXPECT_EQ(m.address, "巣鴨三丁目");
    EXPECT_EQ(m.town, "巣鴨三丁目");
    // An address that cannot be parsed is dropped whole rather than shown in part.
    p.address = "どこか";
    p.address_normalized.clear();
    EXPECT_EQ(mask_person(p, MaskOptions{}).address, "");
}

TEST(MaskPerson, InitialsFromKatakanaAndHiragana) {
    Person p = sample_person();
    EXPECT_EQ(masked_name(p, NameStyle::initials), "Y.T. [T-0012]");
    EXPECT_EQ(mask_person(p, MaskOptions{NameStyle::initials, 150, 1}).name, "Y.T. [T-0012]");
    p.name_kana = "ちば\u3000しんじ"; // Hepburn: chi → C, shi → S
    EXPECT_EQ(masked_name(p, NameStyle::initials), "C.S. [T-0012]");
    p.name_kana = "フジタ ジュン";
    EXPECT_EQ(masked_name(p, NameStyle::initials), "F.J. [T-0012]");
    p.name_kana = "ツジ オサム";
    EXPECT_EQ(masked_name(p, NameStyle::initials), "T.O. [T-0012]");
    // Unknown or unusable kana: the registry number only.
    p.name_kana = "";
    EXPECT_EQ(masked_name(p, NameStyle::initials), "[T-0012]");
    p.name_kana = "山田 タロウ";
    EXPECT_EQ(masked_name(p, NameStyle::initials), "[T-0012]");
    EXPECT_EQ(masked_name(p, NameStyle::registry_number), "[T-0012]");
    // A romanised name would leak its own letters through initials: registry number instead.
    p.name = "Yamada Taro";
    p.name_kana = "ヤマダ タロウ";
    EXPECT_EQ(masked_name(p, NameStyle::initials), "[T-0012]");
}

TEST(MaskPerson, MaskedNameSharesNoCharacterSequenceWithTheName) {
    const char* names[][2] = {{"山田 太郎", "ヤマダ タロウ"},
                              {"髙橋　﨑子", "タカハシ サキコ"},
                              {"ヤマダ タロウ", "ヤマダ タロウ"},
                              {"T-0012 太郎", "タロウ"}};
    for (const auto& [name, kana] : names) {
        Person p = sample_person();
        p.name = name;
        p.name_kana = kana;
        for (NameStyle style : {NameStyle::registry_number, NameStyle::initials}) {
            const Person m = mask_person(p, MaskOptions{style, 150, 7});
            for (const std::string& f : fragments(p.name)) {
                if (f == "T-0012" || std::string("[T-0012]").find(f) != std::string::npos)
                    continue; // the registry number itself, which the name happens to contain
                EXPECT_EQ(m.name.find(f), std::string::npos) << name << " → " << m.name;
            }
            EXPECT_FALSE(contains_name(m.name, "山田"));
            EXPECT_FALSE(contains_name(m.name_kana, p.name_kana));
        }
    }
}

TEST(MaskPerson, HomeMovesExactlyTheConfiguredDistance) {
    const Person p = sample_person();
    for (double d : {1.0, 50.0, 150.0, 400.0, 1000.0}) {
        const Person m = mask_person(p, MaskOptions{NameStyle::registry_number, d, 0x5eed});
        ASSERT_TRUE(m.location.has_value());
        // EPSG:6677's scale factor here is 0.9999 (0.1 m per km), inside the 1 m tolerance.
        EXPECT_NEAR(plane_distance(*p.location, *m.location), d, 1.0) << d;
    }
}

TEST(MaskPerson, DirectionIsDeterministicAndDiffersBetweenPersons) {
    const MaskOptions options{NameStyle::registry_number, 150, 42};
    Person a = sample_person();
    const Person m1 = mask_person(a, options);
    const Person m2 = mask_person(a, options);
    ASSERT_TRUE(m1.location && m2.location);
    EXPECT_EQ(m1.location->lon(), m2.location->lon());
    EXPECT_EQ(m1.location->lat(), m2.location->lat());

    // Twenty persons at the same home: their directions spread, no two the same.
    std::set<long> bearings;
    double min_b = 360, max_b = -360;
    for (int i = 0; i < 20; ++i) {
        Person p = sample_person();
        p.external_id = "T-" + std::to_string(1000 + i);
        const Person m = mask_person(p, options);
        const double b = bearing_deg(*p.location, *m.location);
        bearings.insert(std::lround(b * 10));
        min_b = std::min(min_b, b);
        max_b = std::max(max_b, b);
    }
    EXPECT_EQ(bearings.size(), 20u);
    EXPECT_GT(max_b - min_b, 90.0);

    // Another seed turns the same person another way.
    const Person other = mask_person(a, MaskOptions{NameStyle::registry_number, 150, 43});
    EXPECT_GT(std::abs(bearing_deg(*a.location, *other.location) -
                       bearing_deg(*a.location, *m1.location)),
              1.0);
}

TEST(MaskPerson, ZeroDisplacementKeepsTheLocationAndNoLocationStaysNone) {
    Person p = sample_person();
    const Person m = mask_person(p, MaskOptions{NameStyle::registry_number, 0, 1});
    ASSERT_TRUE(m.location.has_value());
    EXPECT_EQ(m.location->lon(), p.location->lon());
    EXPECT_EQ(m.location->lat(), p.location->lat());
    p.location.reset();
    EXPECT_FALSE(mask_person(p, MaskOptions{}).location.has_value());
}

TEST(MaskSupporter, NameBecomesNumberAndHomeMoves) {
    Supporter s;
    s.id = 5;
    s.external_id = "S-005";
    s.name = "佐藤 一郎";
    s.name_kana = "サトウ イチロウ";
    s.kind = SupporterKind::other;
    s.phone = "090-0000-1111";
    s.address = "池袋本町一丁目2番3号";
    s.availability = "平日夜";
    s.notes = "合鍵あり";
    s.location = geo::LonLat(139.71, 35.74);
    const Supporter m = mask_supporter(s, MaskOptions{NameStyle::initials, 200, 9});
    EXPECT_EQ(m.name, "[S-005]");
    EXPECT_EQ(m.name_kana, "");
    EXPECT_EQ(m.phone, "");
    EXPECT_EQ(m.address, "");
    EXPECT_EQ(m.notes, "");
    EXPECT_EQ(m.availability, s.availability);
    EXPECT_EQ(m.kind, s.kind);
    ASSERT_TRUE(m.location.has_value());
    EXPECT_NEAR(plane_distance(*s.location, *m.location), 200, 1.0);
    s.external_id.clear();
    EXPECT_EQ(mask_supporter(s, MaskOptions{}).name, "[#5]");
}

TEST(MaskContact, NameAndNumbersClearedOrganisationKept) {
    Contact c;
    c.id = 3;
    c.person_id = 12;
    c.kind = ContactKind::other;
    c.organisation = "巣鴨クリニック";
    c.name = "鈴木 医師";
    c.phone = "03-0000-0000";
    c.fax = "03-0000-0001";
    c.notes = "鈴木先生の携帯";
    const Contact m = mask_contact(c);
    EXPECT_EQ(m.organisation, "巣鴨クリニック");
    EXPECT_EQ(m.name, "");
    EXPECT_EQ(m.phone, "");
    EXPECT_EQ(m.fax, "");
    EXPECT_EQ(m.notes, "");
    EXPECT_EQ(m.kind, c.kind);
    EXPECT_EQ(m.person_id, c.person_id);
}

TEST(ContainsName, MatchesWithAndWithoutSpaces) {
    EXPECT_TRUE(contains_name("氏名: 山田 太郎 様", "山田 太郎"));
    EXPECT_TRUE(contains_name("氏名: 山田太郎 様", "山田 太郎"));
    EXPECT_TRUE(contains_name("氏名: 山田太郎 様", "山田\u3000太郎"));
    EXPECT_TRUE(contains_name("氏名: 山田\u3000太郎", "山田 太郎"));
    EXPECT_TRUE(contains_name("氏名: 山田 太郎", "山田\u3000太郎"));
    EXPECT_TRUE(contains_name("xx山田太郎", "山田太郎"));
    EXPECT_FALSE(contains_name("氏名: 山田 次郎", "山田 太郎"));
    EXPECT_FALSE(contains_name("[T-0012] 巣鴨三丁目", "山田 太郎"));
    EXPECT_FALSE(contains_name("anything", ""));
    // A one-character name matches only as written (no space variants to try).
    EXPECT_TRUE(contains_name("田", "田"));
    EXPECT_FALSE(contains_name("abc", "田"));
}

} // namespace
} // namespace breathline::data::privacy
