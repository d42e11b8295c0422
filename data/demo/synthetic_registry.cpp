#include "data/demo/synthetic_registry.h"

#include "data/error.h"
#include "data/text/address.h"
#include "geo/random.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <string_view>

namespace breathline::data::demo {

namespace {

// Metres per degree at Toshima's latitude (35.73°N). Constants rather than
// std::cos keep the output bit-identical across C libraries; a few tens of
// metres of jitter do not need better than 0.1 %.
constexpr double k_m_per_deg_lat = 110'950.0;
constexpr double k_m_per_deg_lon = 90'370.0;
constexpr int k_reference_year = 2024; // ages are as of 2024-04-01
constexpr int k_max_draws = 1000;

std::string pad(int value, int width) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*d", width, value);
    return buf;
}

std::string iso_date(int year, int month, int day) {
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
}

// Rounds to 1e-6 degrees (about 10 cm) so stored values read cleanly; exact
// in IEEE arithmetic, so still deterministic.
double round6(double deg) {
    return std::round(deg * 1e6) / 1e6;
}

// Weighted pick: returns the index i with probability weights[i] / sum.
std::size_t pick(geo::Rng& rng, std::initializer_list<double> weights) {
    double total = 0;
    for (double w : weights)
        total += w;
    double x = rng.uniform(0.0, total);
    std::size_t i = 0;
    for (double w : weights) {
        if (x < w) return i;
        x -= w;
        ++i;
    }
    return weights.size() - 1;
}

bool chance(geo::Rng& rng, double p) {
    return rng.uniform01() < p;
}

int between(geo::Rng& rng, int lo, int hi) {
    return static_cast<int>(rng.uniform_int(lo, hi));
}

// Uniform index into a container of `size` elements. Precondition: size > 0.
std::size_t any_index(geo::Rng& rng, std::size_t size) {
    return static_cast<std::size_t>(rng.uniform_int(0, static_cast<std::int64_t>(size) - 1));
}

// A point around `centre` with normal jitter of `sigma_m` metres, re-drawn
// until it lies inside the ward.
geo::LonLat near(geo::Rng& rng, const geo::LonLat& centre, double sigma_m,
                 const geo::MultiPolygon& ward, std::string_view town) {
    for (int draw = 0; draw < k_max_draws; ++draw) {
        const double dx = rng.normal(0.0, sigma_m);
        const double dy = rng.normal(0.0, sigma_m);
        const geo::LonLat p(round6(centre.lon() + dx / k_m_per_deg_lon),
                            round6(centre.lat() + dy / k_m_per_deg_lat));
        if (ward.contains(p)) return p;
    }
    throw DataError(ErrorCode::invalid_input,
                    "demo registry: no point inside the ward boundary near the town point of " +
                        std::string(town) +
                        "; check that the town table and the ward boundary are the same ward");
}

struct Town {
    std::string key;     // 巣鴨三丁目
    text::Address parts; // town 巣鴨, chome 3
    geo::LonLat point;
};

struct Given {
    std::string_view kanji;
    std::string_view kana;
};
constexpr std::array<Given, 8> k_male = {{{"太郎", "タロウ"},
                                          {"一郎", "イチロウ"},
                                          {"健太", "ケンタ"},
                                          {"誠", "マコト"},
                                          {"浩", "ヒロシ"},
                                          {"翔", "ショウ"},
                                          {"大輔", "ダイスケ"},
                                          {"修", "オサム"}}};
constexpr std::array<Given, 8> k_female = {{{"花子", "ハナコ"},
                                            {"洋子", "ヨウコ"},
                                            {"美咲", "ミサキ"},
                                            {"恵子", "ケイコ"},
                                            {"由美", "ユミ"},
                                            {"陽菜", "ヒナ"},
                                            {"和子", "カズコ"},
                                            {"幸子", "サチコ"}}};

struct Disease {
    std::string_view name;
    int min_age, max_age;
    double tppv_share;  // ventilator users only
    bool neuromuscular; // cough assist, suction, tube feeding more likely
    bool intractable;   // 指定難病 (intractable-disease medical aid)
    bool paediatric;    // 小児慢性特定疾病 when young
};
constexpr std::array<Disease, 8> k_ventilator_diseases = {{
    {"筋萎縮性側索硬化症 (ALS)", 45, 85, 0.6, true, true, false},
    {"筋ジストロフィー", 8, 50, 0.4, true, true, true},
    {"脊髄性筋萎縮症 (SMA)", 2, 40, 0.6, true, true, true},
    {"脊髄損傷 (頸髄損傷)", 20, 80, 0.9, true, false, false},
    {"脳性麻痺", 3, 30, 0.7, true, false, true},
    {"多系統萎縮症", 50, 80, 0.4, true, true, false},
    {"慢性閉塞性肺疾患 (COPD)", 60, 90, 0.0, false, false, false},
    {"肥満低換気症候群", 40, 75, 0.0, false, false, false},
}};
constexpr std::array<double, 8> k_ventilator_disease_weights = {35, 18, 10, 10, 8, 5, 9, 5};

constexpr std::array<Disease, 5> k_oxygen_diseases = {{
    {"慢性閉塞性肺疾患 (COPD)", 60, 95, 0, false, false, false},
    {"間質性肺炎", 55, 90, 0, false, true, false},
    {"肺結核後遺症", 70, 95, 0, false, false, false},
    {"肺がん", 55, 90, 0, false, false, false},
    {"慢性心不全", 60, 95, 0, false, false, false},
}};
constexpr std::array<double, 5> k_oxygen_disease_weights = {50, 22, 10, 8, 10};

template <std::size_t N> std::size_t pick_array(geo::Rng& rng, const std::array<double, N>& w) {
    double total = 0;
    for (double x : w)
        total += x;
    double x = rng.uniform(0.0, total);
    for (std::size_t i = 0; i < N; ++i) {
        if (x < w[i]) return i;
        x -= w[i];
    }
    return N - 1;
}

constexpr std::array<std::string_view, 6> k_care_situations = {
    "家族 (配偶者) と同居。日中は訪問看護・ヘルパーを利用",
    "家族 (両親) と同居。主介護者は母",
    "独居。重度訪問介護で24時間ヘルパーが交代で滞在",
    "家族 (子) と同居。日中は独居となる時間あり",
    "高齢の配偶者と二人暮らし。老老介護",
    "家族と同居。訪問診療・訪問リハビリを利用",
};
constexpr std::array<std::string_view, 5> k_concerns = {
    "停電時に外部バッテリーがもつか不安",
    "集合住宅の上階でエレベーター停止時の搬送が難しい",
    "吸引器の電源確保",
    "介護者が一人で、災害時に人手が足りない",
    "避難所での医療機器の電源",
};
constexpr std::array<std::string_view, 4> k_clinics = {
    "デモ池袋在宅クリニック", "デモ目白内科", "デモ大塚神経内科クリニック", "デモ巣鴨訪問診療所"};
constexpr std::array<std::string_view, 4> k_nurse_stations = {
    "デモ訪問看護ステーション池袋", "デモ訪問看護ステーション駒込", "デモ訪問看護ステーション長崎",
    "デモ訪問看護ステーション雑司が谷"};
constexpr std::array<std::string_view, 3> k_care_offices = {
    "デモ居宅介護支援事業所 東池袋", "デモケアプランセンター 千早", "デモ居宅介護支援事業所 巣鴨"};
constexpr std::array<std::string_view, 2> k_vent_vendors = {"デモ医療機器株式会社",
                                                            "デモレスピケア株式会社"};
constexpr std::string_view k_oxygen_vendor = "デモ酸素サービス株式会社";

class Generator {
public:
    Generator(const TownGeocoder& geocoder, const geo::MultiPolygon& ward,
              const SyntheticRegistryOptions& options)
        : m_ward(ward), m_options(options), m_rng(options.seed) {
        for (const auto& key : geocoder.towns()) {
            // Every Toshima town key is "<町名><kanji>丁目"; parsing "<key>1-1"
            // recovers the name and the chome for consistent house numbers.
            const auto parsed = text::normalize_address(key + "1-1");
            if (!parsed || parsed->town_key() != key) continue;
            const geo::LonLat point = *geocoder.locate_town(key);
            if (!ward.contains(point))
                throw DataError(ErrorCode::invalid_input,
                                "demo registry: the town point of " + key +
                                    " lies outside the ward boundary; the town table and the "
                                    "boundary do not describe the same ward");
            m_towns.push_back({key, *parsed, point});
        }
        if (m_towns.empty())
            throw DataError(ErrorCode::invalid_input,
                            "demo registry: the town table has no usable 町丁目 (e.g. 巣鴨三丁目)");
    }

    SyntheticRegistry run() {
        for (int i = 1; i <= m_options.ventilator_users; ++i)
            add_person(true, "DEMO-V" + pad(i, 3));
        for (int i = 1; i <= m_options.oxygen_users; ++i)
            add_person(false, "DEMO-O" + pad(i, 3));
        return std::move(m_out);
    }

private:
    std::string phone(std::string_view prefix) {
        return std::string(prefix) + "-0000-" + pad(between(m_rng, 0, 9999), 4);
    }

    // A house number in the town, written like the registry would:
    // "豊島区巣鴨3-14-1" (address) and "巣鴨3-14-1" (normalised).
    text::Address house(const Town& town) {
        text::Address a = town.parts;
        a.block = std::to_string(between(m_rng, 1, 40));
        a.number = std::to_string(between(m_rng, 1, 25));
        return a;
    }

    void add_person(bool ventilator, const std::string& external_id) {
        const Town& town = m_towns[any_index(m_rng, m_towns.size())];
        const std::size_t d_index = ventilator ? pick_array(m_rng, k_ventilator_disease_weights)
                                               : pick_array(m_rng, k_oxygen_disease_weights);
        const Disease& disease =
            ventilator ? k_ventilator_diseases[d_index] : k_oxygen_diseases[d_index];
        const int age = between(m_rng, disease.min_age, disease.max_age);

        Person p;
        p.external_id = external_id;
        ++m_person_no;
        p.sex = chance(m_rng, 0.55) ? Sex::male : Sex::female;
        const auto& names = p.sex == Sex::male ? k_male : k_female;
        const Given& given = names[any_index(m_rng, names.size())];
        p.name = "デモ " + std::string(given.kanji) + " " + pad(m_person_no, 3);
        p.name_kana = "デモ " + std::string(given.kana);
        p.birth_date = iso_date(k_reference_year - age - 1 + (chance(m_rng, 0.75) ? 1 : 0),
                                between(m_rng, 1, 12), between(m_rng, 1, 28));
        const text::Address home = house(town);
        p.address = "豊島区" + home.canonical();
        p.address_normalized = home.canonical();
        p.town = town.key;
        p.phone_home = phone("03");
        if (chance(m_rng, 0.6)) p.phone_mobile = phone("090");
        p.disease = std::string(disease.name);
        p.care_situation =
            std::string(k_care_situations[any_index(m_rng, k_care_situations.size())]);

        if (ventilator)
            fill_ventilator(p, disease);
        else
            fill_oxygen(p);
        fill_services(p, disease, age);

        p.consent_scope = chance(m_rng, 0.7)
                              ? "区 (防災危機管理課・保健所)・消防署・警察署・町会・民生委員"
                              : "区 (保健所) と訪問看護ステーションのみ";
        p.consent_date =
            iso_date(between(m_rng, 2019, 2023), between(m_rng, 1, 12), between(m_rng, 1, 28));
        p.consent_signed_by = age < 18 || chance(m_rng, 0.3) ? "家族 (代理署名)" : "本人";
        p.disaster_concerns = std::string(k_concerns[any_index(m_rng, k_concerns.size())]);
        p.status = PersonStatus::active;
        p.location = near(m_rng, town.point, m_options.home_jitter_m, m_ward, town.key);
        // Not a geocoding result: the demo places the home by hand around the
        // town point, which is what "manual" precision means.
        p.geocode_precision = GeocodePrecision::manual;
        p.notes = "デモ用の架空の人物";

        add_supporters(p, town, ventilator);
        add_contacts(p, ventilator);
        m_out.persons.push_back(std::move(p));
    }

    void fill_ventilator(Person& p, const Disease& disease) {
        p.uses_ventilator = true;
        const bool tppv = chance(m_rng, disease.tppv_share);
        p.ventilator_mode = tppv ? VentilatorMode::tppv : VentilatorMode::nppv;
        if (tppv) {
            p.ventilator_hours_per_day = chance(m_rng, 0.85) ? 24.0 : between(m_rng, 12, 20);
            p.ventilator_model = chance(m_rng, 0.5) ? "デモ社 HV-100" : "デモ社 HV-200";
        } else {
            const std::size_t pattern = pick(m_rng, {60, 25, 15}); // night only, longer, 24 h
            p.ventilator_hours_per_day = pattern == 0   ? between(m_rng, 8, 12)
                                         : pattern == 1 ? between(m_rng, 13, 20)
                                                        : 24.0;
            p.ventilator_model = "デモ社 NIV-10";
        }
        p.internal_battery = chance(m_rng, tppv ? 0.85 : 0.6);
        if (*p.internal_battery) p.internal_battery_h = between(m_rng, 1, 16) * 0.5; // 0.5-8 h
        p.external_battery = chance(m_rng, tppv ? 0.75 : 0.45);
        if (*p.external_battery) p.external_battery_h = between(m_rng, 4, 16);
        p.suction_internal_battery = chance(m_rng, tppv ? 0.85 : 0.4);
        p.suction_non_electric = chance(m_rng, tppv ? 0.6 : 0.3);
        p.resuscitation_bag = chance(m_rng, tppv ? 0.95 : 0.55);
        p.pulse_oximeter = chance(m_rng, 0.85);
        if (chance(m_rng, 0.15)) {
            p.home_oxygen = true;
            p.oxygen_flow_l_min = between(m_rng, 1, 6) * 0.5; // 0.5-3 L/min
            p.oxygen_hours_per_day = *p.ventilator_hours_per_day;
        }
        p.infusion_pump = chance(m_rng, 0.05);
        p.low_pressure_suction = tppv && chance(m_rng, 0.3);
        p.inhaler = chance(m_rng, 0.2);
        if (disease.neuromuscular && tppv)
            p.tube_feeding = static_cast<TubeFeeding>(pick(m_rng, {30, 55, 10, 5}));
        p.cough_assist = disease.neuromuscular && chance(m_rng, 0.45);
        p.air_mattress = chance(m_rng, tppv ? 0.8 : 0.3);
        p.power_company_registered = chance(m_rng, 0.7);
    }

    void fill_oxygen(Person& p) {
        p.home_oxygen = true;
        static constexpr std::array<double, 8> k_flows = {0.5, 1, 1.5, 2, 2.5, 3, 4, 5};
        p.oxygen_flow_l_min = k_flows[pick(m_rng, {10, 25, 15, 20, 8, 10, 7, 5})];
        p.oxygen_hours_per_day = chance(m_rng, 0.6) ? 24.0 : between(m_rng, 8, 16);
        p.pulse_oximeter = chance(m_rng, 0.7);
        p.inhaler = chance(m_rng, 0.4);
        p.air_mattress = chance(m_rng, 0.15);
        p.power_company_registered = chance(m_rng, 0.4);
    }

    void fill_services(Person& p, const Disease& disease, int age) {
        // 介護保険: 65+, or 40-64 with a 特定疾病 (ALS, MSA, COPD are among them).
        p.svc_care_insurance = age >= 65 ? chance(m_rng, 0.9) : age >= 40 && disease.intractable;
        p.svc_intractable_disease = disease.intractable;
        p.svc_pediatric_chronic = disease.paediatric && age < 20;
        p.svc_disability_welfare = p.uses_ventilator ? chance(m_rng, 0.7) : chance(m_rng, 0.2);
        p.svc_severe_disability_visit =
            p.ventilator_mode == VentilatorMode::tppv && chance(m_rng, 0.4);
        if (p.uses_ventilator)
            p.disability_certificate_grade = chance(m_rng, 0.8) ? 1 : 2;
        else if (chance(m_rng, 0.5))
            p.disability_certificate_grade = chance(m_rng, 0.5) ? 1 : (chance(m_rng, 0.5) ? 3 : 4);
        if (p.ventilator_mode == VentilatorMode::tppv && chance(m_rng, 0.3))
            p.svc_other = "日常生活用具給付 (吸引器・パルスオキシメーター)";
    }

    Supporter& new_supporter(SupporterKind kind, std::string_view label, std::string_view kana,
                             const geo::LonLat& location, const std::string& address,
                             std::string_view town) {
        Supporter s;
        s.external_id = "DEMO-S" + pad(static_cast<int>(m_out.supporters.size()) + 1, 4);
        s.name = "デモ " + std::string(label) + " " + s.external_id.substr(6);
        s.name_kana = "デモ " + std::string(kana);
        s.kind = kind;
        s.phone = phone("090");
        s.address = address;
        s.location = location;
        s.geocode_precision = GeocodePrecision::manual;
        s.notes = "デモ用の架空の支援者 (" + std::string(town) + ")";
        m_out.supporters.push_back(std::move(s));
        return m_out.supporters.back();
    }

    void add_supporters(const Person& p, const Town& town, bool ventilator) {
        // Ventilator users: 0-6 supporters, centred on 4, so some fall short
        // of the four needed to carry a person with a ventilator.
        const int count = ventilator ? static_cast<int>(pick(m_rng, {3, 5, 9, 16, 25, 22, 20}))
                                     : static_cast<int>(pick(m_rng, {10, 30, 30, 20, 10}));
        static constexpr std::array<SupporterKind, 6> k_order = {
            SupporterKind::family,         SupporterKind::neighbour, SupporterKind::minsei_iin,
            SupporterKind::visiting_nurse, SupporterKind::chokai,    SupporterKind::ward_staff};
        int priority = 0;
        for (int i = 0; i < count; ++i) {
            // Mostly the usual order (family first), sometimes a second family
            // member or neighbour instead of an organisation.
            SupporterKind kind = k_order[static_cast<std::size_t>(i)];
            if (i >= 2 && chance(m_rng, 0.25))
                kind = chance(m_rng, 0.5) ? SupporterKind::family : SupporterKind::neighbour;
            const Supporter* s = nullptr;
            std::string role;
            switch (kind) {
            case SupporterKind::family: {
                const text::Address a = chance(m_rng, 0.6)
                                            ? text::normalize_address(p.address_normalized).value()
                                            : house(town);
                s = &new_supporter(kind, "家族", "カゾク",
                                   near(m_rng, *p.location, 30, m_ward, town.key),
                                   "豊島区" + a.canonical(), town.key);
                role = chance(m_rng, 0.5) ? "家族 (配偶者)" : "家族 (子・親)";
                break;
            }
            case SupporterKind::neighbour:
                s = &new_supporter(kind, "近所", "キンジョ",
                                   near(m_rng, *p.location, 120, m_ward, town.key),
                                   "豊島区" + house(town).canonical(), town.key);
                role = "近所の協力者";
                break;
            case SupporterKind::minsei_iin:
            case SupporterKind::chokai:
                s = &shared_town_supporter(kind, town);
                role = kind == SupporterKind::minsei_iin ? "民生委員" : "町会 (防災部)";
                break;
            case SupporterKind::visiting_nurse:
                s = &new_supporter(kind, "看護師", "カンゴシ",
                                   near(m_rng, *p.location, 600, m_ward, town.key), "", town.key);
                m_out.supporters.back().travel_mode = TravelMode::car;
                m_out.supporters.back().availability = "平日 9-18時 (発災時は事業所の判断)";
                role = "訪問看護師";
                break;
            case SupporterKind::ward_staff:
            case SupporterKind::other:
                s = &new_supporter(SupporterKind::ward_staff, "区職員", "クショクイン",
                                   near(m_rng, *p.location, 800, m_ward, town.key), "", town.key);
                m_out.supporters.back().availability = "勤務時間内 (発災時は参集後)";
                role = "区職員 (保健師)";
                break;
            }
            if (kind == SupporterKind::family) m_out.supporters.back().availability = "常時";
            if (kind == SupporterKind::neighbour)
                m_out.supporters.back().availability = "平日夜間・休日";
            const bool already =
                std::any_of(m_out.links.begin(), m_out.links.end(), [&](const SyntheticLink& l) {
                    return l.person_external_id == p.external_id &&
                           l.supporter_external_id == s->external_id;
                });
            if (already) continue;
            m_out.links.push_back({p.external_id, s->external_id, role, ++priority});
        }
    }

    // One 民生委員 and one 町会 contact per town, shared by its residents, as
    // in the real system where each covers a district.
    const Supporter& shared_town_supporter(SupporterKind kind, const Town& town) {
        auto& slot = kind == SupporterKind::minsei_iin ? m_minsei[town.key] : m_chokai[town.key];
        if (slot == 0) {
            const bool minsei = kind == SupporterKind::minsei_iin;
            Supporter& s = new_supporter(kind, minsei ? "民生委員" : "町会",
                                         minsei ? "ミンセイイイン" : "チョウカイ",
                                         near(m_rng, town.point, 150, m_ward, town.key),
                                         "豊島区" + house(town).canonical(), town.key);
            s.availability = "日中";
            slot = m_out.supporters.size();
        }
        return m_out.supporters[slot - 1];
    }

    void add_contacts(const Person& p, bool ventilator) {
        std::vector<Contact> contacts;
        auto add = [&](ContactKind kind, std::string_view organisation, std::string name,
                       std::string notes) {
            Contact c;
            c.kind = kind;
            c.organisation = std::string(organisation);
            c.name = std::move(name);
            c.phone = phone("03");
            c.fax = kind == ContactKind::attending_physician ? phone("03") : "";
            c.notes = std::move(notes);
            contacts.push_back(std::move(c));
        };
        auto any = [&](const auto& pool) { return pool[any_index(m_rng, pool.size())]; };
        add(ContactKind::attending_physician, any(k_clinics), "デモ 医師", "主治医");
        if (p.svc_care_insurance)
            add(ContactKind::care_manager, any(k_care_offices), "デモ ケアマネジャー", "");
        if (ventilator) {
            add(ContactKind::visiting_nurse_station, any(k_nurse_stations), "", "");
            add(ContactKind::equipment_vendor, any(k_vent_vendors), "",
                "人工呼吸器取扱業者 (24時間対応)");
        }
        if (p.home_oxygen)
            add(ContactKind::equipment_vendor, k_oxygen_vendor, "",
                "在宅酸素 (酸素濃縮器・ボンベ)");
        m_out.contacts.emplace(p.external_id, std::move(contacts));
    }

    const geo::MultiPolygon& m_ward;
    SyntheticRegistryOptions m_options;
    geo::Rng m_rng;
    std::vector<Town> m_towns;
    SyntheticRegistry m_out;
    int m_person_no = 0;
    std::map<std::string, std::size_t> m_minsei; // town → 1-based supporter index
    std::map<std::string, std::size_t> m_chokai;
};

} // namespace

SyntheticRegistry make_synthetic_registry(const TownGeocoder& towns, const geo::MultiPolygon& ward,
                                          const SyntheticRegistryOptions& options) {
    return Generator(towns, ward, options).run();
}

} // namespace breathline::data::demo
