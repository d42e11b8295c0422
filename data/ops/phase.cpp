#include "data/ops/phase.h"

#include "data/text/normalize.h"

#include <array>
#include <string>

namespace breathline::data::ops {

namespace {

constexpr std::string_view k_trauma_ja = "外傷治療・救命救急のニーズ";
constexpr std::string_view k_trauma_en = "trauma treatment and emergency life-saving care";
constexpr std::string_view k_chronic_ja = "慢性疾患治療・被災者の健康管理等";
constexpr std::string_view k_chronic_en = "treatment of chronic disease and health of evacuees";

const std::array<PhaseInfo, 6> k_phases{{
    {0, "発災直後", "immediately after onset", "発災～6時間", "onset to 6 h", k_trauma_ja,
     k_trauma_en, "緊急医療救護所", "emergency medical relief stations (triage points)",
     "安否確認を最優先。人工呼吸器の電源・回路と本人の呼吸状態を確認し、停電区域の利用者から"
     "外部バッテリー・蘇生バッグの準備を促す",
     "confirm everyone's safety first: ventilator power and circuit, breathing; users in outage "
     "areas prepare external batteries and the resuscitation bag"},
    {1, "超急性期", "hyperacute", "～72時間", "to 72 h", k_trauma_ja, k_trauma_en, "緊急医療救護所",
     "emergency medical relief stations (triage points)",
     "在宅継続の可否を判断し、バッテリーの尽きる人から入院先・移送手段を災害医療コーディネーター"
     "と調整する",
     "decide who can stay home; arrange hospital beds and transport with the disaster medical "
     "coordinator, earliest battery exhaustion first"},
    {2, "急性期", "acute", "～1週間程度", "to about 1 week", k_trauma_ja, k_trauma_en,
     "緊急医療救護所", "emergency medical relief stations (triage points)",
     "長引く停電への対応 (発電機・車のシガーライターでの充電、酸素ボンベの配送)、未確認者の訪問",
     "prolonged outages: charging by generator or car, oxygen cylinder deliveries; visit everyone "
     "still unconfirmed"},
    {3, "亜急性期", "subacute", "～1ヵ月程度", "to about 1 month", k_chronic_ja, k_chronic_en,
     "医療救護所", "medical relief stations",
     "避難先・在宅での慢性疾患の治療継続と健康管理、物品の補充",
     "continuing chronic care and health checks at home and in shelters; restocking supplies"},
    {4, "慢性期", "chronic", "～3ヵ月程度", "to about 3 months", k_chronic_ja, k_chronic_en,
     "医療救護所", "medical relief stations", "被災者の健康管理、在宅療養への復帰の支援",
     "health of evacuees; helping people return to care at home"},
    {5, "中長期", "medium to long term", "3ヵ月程度～", "from about 3 months", k_chronic_ja,
     k_chronic_en, "医療救護所", "medical relief stations",
     "平時の支援体制への移行、個別支援計画の見直し",
     "return to normal support; review each individual support plan"},
}};

} // namespace

std::optional<int> phase_number(std::chrono::seconds elapsed) {
    if (elapsed.count() < 0) return std::nullopt;
    int phase = 0;
    for (int n = 1; n < 6; ++n)
        if (elapsed >= k_phase_starts[n]) phase = n;
    return phase;
}

const PhaseInfo& phase_info(int number) {
    return k_phases.at(static_cast<std::size_t>(number));
}

std::string_view label_ja(EvacuationLevel level) {
    switch (level) {
    case EvacuationLevel::none:
        return "発令なし";
    case EvacuationLevel::elderly_evacuation:
        return "高齢者等避難";
    case EvacuationLevel::evacuation_instruction:
        return "避難指示";
    case EvacuationLevel::emergency_safety:
        return "緊急安全確保";
    }
    return "";
}

std::string_view label_en(EvacuationLevel level) {
    switch (level) {
    case EvacuationLevel::none:
        return "none issued";
    case EvacuationLevel::elderly_evacuation:
        return "evacuation of older people and others (level 3)";
    case EvacuationLevel::evacuation_instruction:
        return "evacuation instruction (level 4)";
    case EvacuationLevel::emergency_safety:
        return "emergency safety measures (level 5)";
    }
    return "";
}

std::optional<EvacuationLevel> parse_evacuation_level(std::string_view text) {
    if (auto db = parse_evacuation_level_db(text)) return db;
    // Fold full-width ASCII and drop spaces and brackets so 「避難指示（緊急）」 and
    // "避難指示(緊急)" read alike.
    std::string s = text::to_halfwidth_ascii(text::trim(text));
    std::string folded;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view rest(s.data() + i, s.size() - i);
        bool skipped = false;
        for (std::string_view drop : {"（", "）", "「", "」", "　", "・"})
            if (rest.substr(0, drop.size()) == drop) {
                i += drop.size() - 1;
                skipped = true;
                break;
            }
        if (skipped) continue;
        const char c = s[i];
        if (c == ' ' || c == '(' || c == ')' || c == '-' || c == '_') continue;
        folded += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    struct Alias {
        std::string_view text;
        EvacuationLevel level;
    };
    static constexpr Alias k_aliases[] = {
        {"なし", EvacuationLevel::none},
        {"発令なし", EvacuationLevel::none},
        {"解除", EvacuationLevel::none},
        {"高齢者等避難", EvacuationLevel::elderly_evacuation},
        {"避難準備高齢者等避難開始", EvacuationLevel::elderly_evacuation},
        {"避難準備情報", EvacuationLevel::elderly_evacuation},
        {"警戒レベル3", EvacuationLevel::elderly_evacuation},
        {"level3", EvacuationLevel::elderly_evacuation},
        {"避難指示", EvacuationLevel::evacuation_instruction},
        {"避難勧告", EvacuationLevel::evacuation_instruction},
        {"避難指示緊急", EvacuationLevel::evacuation_instruction},
        {"警戒レベル4", EvacuationLevel::evacuation_instruction},
        {"level4", EvacuationLevel::evacuation_instruction},
        {"緊急安全確保", EvacuationLevel::emergency_safety},
        {"警戒レベル5", EvacuationLevel::emergency_safety},
        {"level5", EvacuationLevel::emergency_safety},
    };
    for (const auto& a : k_aliases)
        if (folded == a.text) return a.level;
    return std::nullopt;
}

} // namespace breathline::data::ops
