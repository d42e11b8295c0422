#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"
#include "console/cli/format.h"
#include "data/demo/demo_builder.h"
#include "data/error.h"
#include "data/model/enums.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <ostream>

namespace breathline::cli {

namespace {

namespace fs = std::filesystem;

// True for an empty file or one that starts with the SQLite header. --force
// deletes only such files, so a mistyped --db cannot destroy a document.
bool looks_like_sqlite(const fs::path& path) {
    if (fs::file_size(path) == 0) return true;
    std::ifstream in(path, std::ios::binary);
    std::array<char, 16> header{};
    in.read(header.data(), header.size());
    return in.gcount() == 16 &&
           std::string_view(header.data(), 16) == std::string_view("SQLite format 3\0", 16);
}

void remove_database_files(const fs::path& db) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        fs::path p = db;
        p += suffix;
        std::error_code ec;
        fs::remove(p, ec);
        if (ec)
            throw data::DataError(data::ErrorCode::io,
                                  "cannot delete '" + p.string() + "': " + ec.message());
    }
}

std::string kind_label(const Context& ctx, data::FacilityKind kind) {
    return std::string(ctx.lang == Lang::ja ? data::label_ja(kind) : data::label_en(kind));
}

std::string notice_label(const Context& ctx, data::demo::CatalogueNotice::Kind kind) {
    using Kind = data::demo::CatalogueNotice::Kind;
    switch (kind) {
    case Kind::address_differs:
        return ctx.tr("資料と国土地理院で所在地が異なる", "seed and GSI addresses differ");
    case Kind::address_from_gsi:
        return ctx.tr("所在地を国土地理院データで補完", "address taken from GSI");
    case Kind::ambiguous_name:
        return ctx.tr("名称が複数の地点に一致 (未使用)",
                      "name matches several GSI points (unused)");
    case Kind::address_unparsed:
        return ctx.tr("所在地を解釈できない", "address could not be parsed");
    case Kind::town_not_found:
        return ctx.tr("町丁目が町丁目表にない", "town not in the town table");
    case Kind::outside_ward:
        return ctx.tr("区域外の地点のため位置を破棄", "point outside the ward; location dropped");
    }
    return "?";
}

void print_summary(const Context& ctx, const data::demo::DemoSummary& s) {
    auto& out = *ctx.out;
    out << ctx.tr("■ 施設 (位置確定 / 全数)\n", "■ Facilities (located / total)\n");
    for (const auto& [kind, total] : s.facilities) {
        const auto located = s.located_facilities.find(kind);
        out << "  " << pad(kind_label(ctx, kind), 34)
            << (located == s.located_facilities.end() ? 0 : located->second) << " / " << total
            << "\n";
    }
    out << ctx.tr("  うち医療救護所を併設する救援センター: {0}\n",
                  "  rescue centres hosting a medical relief station: {0}\n",
                  {std::to_string(s.relief_stations)});
    out << ctx.tr("  位置の精度: 地点 (国土地理院) {0}、町丁目 (Geolonia) {1}、未確定 {2}\n",
                  "  precision: exact (GSI) {0}, town (Geolonia) {1}, unresolved {2}\n",
                  {std::to_string(s.exact), std::to_string(s.town), std::to_string(s.unresolved)});
    if (!s.unresolved_facilities.empty()) {
        out << ctx.tr("■ 位置未確定の施設 (一覧・検索には残り、地図と最寄り検索には出ません)\n",
                      "■ Unresolved facilities (kept in the catalogue, not on the map or in "
                      "nearest)\n");
        for (const auto& f : s.unresolved_facilities)
            out << "  " << pad(f.external_id, 34) << f.name << "\n";
    }
    if (!s.notices.empty()) {
        out << ctx.tr("■ 確認事項\n", "■ Notices\n");
        for (const auto& n : s.notices)
            out << "  " << n.facility_name << ": " << notice_label(ctx, n.kind) << " — " << n.detail
                << "\n";
    }
    out << ctx.tr("■ 登録者 (架空) {0} 人: 人工呼吸器 {1} 人、在宅酸素のみ {2} 人\n",
                  "■ Persons (fictitious): {0}: ventilator {1}, home oxygen only {2}\n",
                  {std::to_string(s.persons), std::to_string(s.ventilator_users),
                   std::to_string(s.oxygen_users)});
    out << ctx.tr(
        "■ 支援者 {0} 人 (割当 {1} 件)、連絡先 {2} 件\n",
        "■ Supporters: {0} ({1} links), contacts: {2}\n",
        {std::to_string(s.supporters), std::to_string(s.links), std::to_string(s.contacts)});
    out << ctx.tr("■ 支援者が {0} 人未満の人工呼吸器使用者: {1} 人 (搬送に人手が不足)\n",
                  "■ Ventilator users with fewer than {0} supporters: {1} (not enough to carry "
                  "them)\n",
                  {std::to_string(data::k_supporters_needed_for_transport),
                   std::to_string(s.short_of_supporters.size())});
    for (const auto& [external_id, count] : s.short_of_supporters)
        out << "  " << pad(masked(external_id), 14)
            << ctx.tr("支援者 {0} 人", "{0} supporters", {std::to_string(count)}) << "\n";
    out << ctx.tr(
        "■ 酸素ボンベ等の見本在庫 {0} 点 (港区の事業開始時: ボンベ20・呼吸同調器10・濃縮器2)\n",
        "■ Sample oxygen stock: {0} items (Minato's starting numbers: 20 cylinders, 10 "
        "demand regulators, 2 concentrators)\n",
        {std::to_string(s.equipment)});
    out << ctx.tr("■ 道路網: 東京中心部の幹線道路のみ (UXsim, © OpenStreetMap "
                  "contributors): 交差点 {0}、道路区間 {1}、最大の強連結成分 {2} 交差点\n",
                  "■ Road network: central Tokyo arterial roads only (UXsim, © OpenStreetMap "
                  "contributors): {0} nodes, {1} edges, largest strongly connected component {2} "
                  "nodes\n",
                  {std::to_string(s.road_nodes), std::to_string(s.road_edges),
                   std::to_string(s.road_largest_component)});
    out << ctx.tr("  生活道路までの経路探索には、区の OpenStreetMap データを取り込んでください: "
                  "breathline roads import toshima.osm.pbf --clip-ward\n",
                  "  for street-level routing a ward imports its own OpenStreetMap extract: "
                  "breathline roads import toshima.osm.pbf --clip-ward\n");
}

int run_demo(Context& ctx, const Args& args) {
    if (!args.positional.empty())
        throw UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
    const bool force = args.has("force");

    // Read every input before touching the database, so a missing data
    // directory never costs an existing demo database.
    const auto sources = data::demo::DemoSources::in(ctx.data_dir);
    const data::demo::DemoInputs inputs = data::demo::load_demo_inputs(sources);

    if (fs::exists(ctx.db_path)) {
        if (force) {
            if (!looks_like_sqlite(ctx.db_path))
                throw UsageError{ctx.tr("{0} は SQLite データベースではないため削除しません。--db "
                                        "で別のパスを指定してください",
                                        "{0} is not an SQLite database, so it is not deleted; "
                                        "choose another path with --db",
                                        {ctx.db_path.string()})};
            remove_database_files(ctx.db_path);
        } else {
            auto existing = ctx.open_store();
            if (data::demo::store_has_data(*existing))
                throw UsageError{ctx.tr("{0} には既にデータがあります。作り直すには --force "
                                        "を付けるか、--db で別のファイルを指定してください",
                                        "{0} already holds data; add --force to delete and "
                                        "rebuild it, or choose another file with --db",
                                        {ctx.db_path.string()})};
        }
    }

    auto store = ctx.open_store();
    store->set_actor(ctx.actor);
    const data::demo::DemoSummary summary = data::demo::build_demo(*store, inputs);
    *ctx.out << ctx.tr("デモデータベース {0} を作成しました ({1}、データ: {2})\n",
                       "built the demo database {0} ({1}, data: {2})\n",
                       {store->location(), summary.ward_name, ctx.data_dir.string()});
    print_summary(ctx, summary);
    return exit_ok;
}

} // namespace

VerbSpec make_demo_verb() {
    return {"demo",
            "demo [--db PATH] [--force]",
            "verb.demo",
            {{"force", false, "opt.demo.force"}},
            run_demo};
}

} // namespace breathline::cli
