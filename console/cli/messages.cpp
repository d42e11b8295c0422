#include "console/cli/messages.h"

#include <map>

namespace breathline::cli {

namespace {

struct Text {
    std::string_view ja;
    std::string_view en;
};

// Shared messages. Text used by a single verb stays inline at its call site
// (Context::tr) so that the two languages are read side by side.
const std::map<std::string_view, Text>& catalogue() {
    static const std::map<std::string_view, Text> k = {
        {"help.title",
         {"Breathline — 在宅人工呼吸器・在宅酸素療法使用者の災害時支援コンソール",
          "Breathline — disaster dispatch console for home ventilator and home "
          "oxygen users"}},
        {"help.usage", {"使い方", "Usage"}},
        {"help.verbs", {"コマンド", "Verbs"}},
        {"help.options", {"オプション", "Options"}},
        {"help.global_options", {"共通オプション", "Global options"}},
        {"help.value", {"値", "VALUE"}},
        {"help.more",
         {"各コマンドの説明: breathline コマンド --help",
          "Help for a verb: breathline VERB --help"}},
        {"opt.db",
         {"データベースファイル (既定: ~/.local/share/breathline/breathline.sqlite)",
          "database file (default: ~/.local/share/breathline/breathline.sqlite)"}},
        {"opt.lang", {"表示言語 ja (既定) または en", "message language: ja (default) or en"}},
        {"opt.data_dir",
         {"実データのディレクトリ (既定: リポジトリの ../shared/data)",
          "real data directory (default: ../shared/data from the repository)"}},
        {"opt.actor",
         {"監査ログに記録する操作者名 (既定: $USER)",
          "actor name recorded in the audit log (default: $USER)"}},
        {"opt.help", {"このヘルプを表示", "show this help"}},
        {"verb.summary",
         {"データベースの概要とコマンド一覧 (コマンド省略時)",
          "database summary and the list of verbs (the default)"}},
        {"verb.init", {"空のデータベースを作成・最新版へ移行", "create or migrate the database"}},
        {"verb.demo", {"豊島区のデモデータを作成", "build the Toshima demo database"}},
        {"opt.demo.force",
         {"既存のデータベースを削除して作り直す", "delete an existing database and rebuild it"}},
        {"verb.import",
         {"登録者・支援者・施設を取り込む (CSV/GeoJSON/GeoPackage/Shapefile)",
          "import persons, supporters or facilities (CSV/GeoJSON/GeoPackage/Shapefile)"}},
        {"verb.export",
         {"名簿・施設・地図レイヤーを書き出す (GeoPackage/GeoJSON/CSV/KML)",
          "export registry, facilities, map layers (GeoPackage/GeoJSON/CSV/KML)"}},
        {"verb.list", {"登録者または施設の一覧", "list persons or facilities"}},
        {"verb.show", {"登録者または施設の詳細", "show one person or facility"}},
        {"verb.nearest",
         {"直線距離で最寄りの施設 (空間インデックス使用)",
          "nearest facilities by straight-line distance (spatial index)"}},
        {"verb.check",
         {"整合性・監査ログ・空間インデックスの検査",
          "check integrity, audit chain and spatial indexes"}},
        {"opt.check.repair",
         {"空間インデックスを再構築してから検査", "rebuild the spatial indexes, then check"}},
        {"opt.check.strict",
         {"警告(位置未確定の施設など)も失敗扱い",
          "treat warnings (e.g. unlocated facilities) as failures"}},
        {"opt.include_personal",
         {"氏名などの個人情報を表示・出力する (監査ログに記録)",
          "show or write names and other personal data (audited)"}},
        {"opt.list.ventilator", {"人工呼吸器使用者のみ", "ventilator users only"}},
        {"opt.list.oxygen", {"在宅酸素使用者のみ", "home-oxygen users only"}},
        {"opt.list.town",
         {"町丁目で絞り込み (例: 巣鴨三丁目)", "only this town (e.g. 巣鴨三丁目)"}},
        {"opt.list.max_battery",
         {"内部+外部バッテリー時間がこの値以下", "internal+external battery hours at most this"}},
        {"opt.list.limit", {"表示件数の上限", "maximum number of rows"}},
        {"opt.list.kind",
         {"施設種別 (rescue_centre, welfare_rescue_centre, triage_point, disaster_base_hospital, "
          "disaster_cooperating_hospital, health_centre)",
          "facility kind (rescue_centre, welfare_rescue_centre, triage_point, "
          "disaster_base_hospital, disaster_cooperating_hospital, health_centre)"}},
        {"opt.list.unresolved", {"位置未確定の施設のみ", "only facilities without a location"}},
        {"opt.list.relief_station",
         {"医療救護所を併設する救援センターのみ",
          "only rescue centres hosting a medical relief station"}},
        {"opt.nearest.from", {"起点 経度,緯度 (EPSG:4326)", "origin LON,LAT (EPSG:4326)"}},
        {"opt.nearest.person",
         {"起点とする登録者の登録番号", "registry number of the person to start from"}},
        {"opt.nearest.kind", {"施設種別 (list --help 参照)", "facility kind (see list --help)"}},
        {"opt.nearest.k", {"件数 (既定 3)", "how many (default 3)"}},
        {"opt.export.format",
         {"形式 gpkg, geojson, csv, kml (既定: 拡張子から判断)",
          "format gpkg, geojson, csv, kml (default: from the extension)"}},
        {"opt.export.headers",
         {"列名 ja (様式の日本語見出し) または en (既定)",
          "column names: ja (headers of the forms) or en (default)"}},
        {"opt.export.encoding",
         {"CSV の文字コード utf8 (既定, BOM付き) または cp932 (Excel 用)",
          "CSV encoding: utf8 (default, with BOM) or cp932 (for Excel)"}},
        {"opt.export.force", {"既存のファイルを上書きする", "overwrite an existing file"}},
        {"opt.import.layer",
         {"GeoPackage などのレイヤー名 (既定: 最初のレイヤー)",
          "layer name in a GeoPackage etc. (default: the first layer)"}},
        {"opt.import.skip_invalid",
         {"正しい行だけ取り込み、誤りのある行は除外ファイルに書き出す",
          "import the good rows and write the bad ones to a rejects file"}},
        {"opt.import.rejects",
         {"除外した行の出力先 (既定: FILE.rejected.csv)",
          "where rejected rows go (default: FILE.rejected.csv)"}},
        {"opt.import.geocoder",
         {"町丁目の代表点表 (Geolonia JSON; 既定: "
          "DATA_DIR/real/geocoding/geolonia_machi_13116_toshima.json)",
          "town table for town-level geocoding (Geolonia JSON; default: "
          "DATA_DIR/real/geocoding/geolonia_machi_13116_toshima.json)"}},
        {"err.prefix", {"エラー", "error"}},
        {"err.internal",
         {"内部エラー (不具合です。報告してください)", "internal error (a bug, please report it)"}},
        {"err.unknown_option",
         {"{1} に不明なオプション {0} があります", "unknown option {0} for {1}"}},
        {"err.option_needs_value", {"オプション {0} には値が必要です", "option {0} needs a value"}},
        {"err.unknown_verb", {"不明なコマンド '{0}'", "unknown verb '{0}'"}},
        {"err.bad_lang",
         {"--lang は ja または en です ('{0}' は不可)", "--lang must be ja or en, not '{0}'"}},
        {"err.missing_arg", {"引数が足りません: {0}", "missing argument: {0}"}},
        {"err.extra_arg", {"余分な引数: {0}", "unexpected argument: {0}"}},
        {"err.bad_number",
         {"オプション --{0} の値 '{1}' は数値ではありません",
          "option --{0}: '{1}' is not a number"}},
    };
    return k;
}

} // namespace

std::string format_message(std::string_view pattern, std::initializer_list<std::string> args) {
    std::string out;
    out.reserve(pattern.size() + 32);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
            pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
            const std::size_t n = static_cast<std::size_t>(pattern[i + 1] - '0');
            if (n < args.size()) {
                out += *(args.begin() + n);
                i += 2;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

std::string msg(Lang lang, std::string_view key, std::initializer_list<std::string> args) {
    const auto& cat = catalogue();
    auto it = cat.find(key);
    if (it == cat.end()) return std::string(key);
    return format_message(lang == Lang::ja ? it->second.ja : it->second.en, args);
}

std::optional<Lang> parse_lang(std::string_view s) {
    if (s == "ja") return Lang::ja;
    if (s == "en") return Lang::en;
    return std::nullopt;
}

} // namespace breathline::cli
