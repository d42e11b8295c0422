#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"

#include <filesystem>
#include <map>
#include <ostream>

namespace breathline::cli {

namespace {

int run_summary(Context& ctx, const Args& args) {
    auto& out = *ctx.out;
    out << ctx.t("help.title") << "\n\n";
    if (!std::filesystem::exists(ctx.db_path)) {
        out << ctx.tr(
            "データベース {0} はまだありません。デモデータを作るには: breathline demo\n\n",
            "no database at {0} yet. To build the demo data: breathline demo\n\n",
            {ctx.db_path.string()});
    } else {
        auto store = ctx.open_store();
        auto& reg = store->registry();
        const auto persons = reg.persons({});
        int ventilator = 0, oxygen = 0, tppv = 0, nppv = 0, short_supporters = 0, unlocated = 0;
        for (const auto& p : persons) {
            if (p.uses_ventilator) {
                ++ventilator;
                if (p.ventilator_mode == data::VentilatorMode::tppv) ++tppv;
                if (p.ventilator_mode == data::VentilatorMode::nppv) ++nppv;
                if (reg.supporter_links(p.id).size() < data::k_supporters_needed_for_transport)
                    ++short_supporters;
            }
            if (p.home_oxygen) ++oxygen;
            if (!p.location) ++unlocated;
        }
        out << ctx.tr("データベース: {0} (スキーマ版 {1})\n",
                      "database: {0} (schema version {1})\n",
                      {store->location(), std::to_string(store->schema_version())});
        out << ctx.tr(
            "登録者 {0} 人: 人工呼吸器 {1} 人 (TPPV {2} / NPPV {3})、在宅酸素 {4} 人、位置未登録 "
            "{5} 人\n",
            "registry: {0} persons: ventilator {1} (TPPV {2} / NPPV {3}), home oxygen {4}, "
            "without location {5}\n",
            {std::to_string(persons.size()), std::to_string(ventilator), std::to_string(tppv),
             std::to_string(nppv), std::to_string(oxygen), std::to_string(unlocated)});
        out << ctx.tr(
            "支援者 {0} 人。移送に必要な4人に満たない人工呼吸器使用者 {1} 人\n",
            "supporters: {0}; ventilator users with fewer than the 4 needed to move them: {1}\n",
            {std::to_string(reg.count_supporters()), std::to_string(short_supporters)});
        std::map<data::FacilityKind, std::pair<int, int>> by_kind;
        int relief = 0;
        for (const auto& f : store->facilities().facilities({})) {
            auto& [total, unresolved] = by_kind[f.kind];
            ++total;
            if (!f.location) ++unresolved;
            if (f.relief_station) ++relief;
        }
        out << ctx.tr("施設:\n", "facilities:\n");
        for (const auto& [kind, counts] : by_kind) {
            const std::string label(ctx.lang == Lang::ja ? data::label_ja(kind)
                                                         : data::label_en(kind));
            out << "  " << pad(label, 36) << counts.first
                << ctx.tr(" (位置未確定 {0})", " ({0} without location)",
                          {std::to_string(counts.second)})
                << "\n";
        }
        out << "  " << pad(ctx.tr("うち医療救護所", "of which medical relief stations"), 36)
            << relief << "\n";
        out << ctx.tr("監査ログ {0} 件\n\n", "audit log: {0} entries\n\n",
                      {std::to_string(store->audit().count())});
    }
    out << ctx.tr(
        "地図コンソール (ウィンドウ) は次の段階で追加されます。現在はコマンドで操作します:\n",
        "The map console window comes in a later stage; for now use the verbs:\n");
    for (const auto& v : verbs())
        out << "  breathline " << v.usage << "\n      " << ctx.t(v.summary_key) << "\n";
    out << "\n" << ctx.t("help.more") << "\n";
    return exit_ok;
}

} // namespace

VerbSpec make_summary_verb() {
    return {"summary", "summary", "verb.summary", {}, run_summary};
}

} // namespace breathline::cli
