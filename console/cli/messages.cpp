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
        {"verb.open",
         {"対話型コンソールを開く (地図・名簿・施設)",
          "open the interactive console (map, registry, facilities)"}},
        {"opt.open.drill",
         {"訓練モード: すべての画面で氏名を隠す (投影表示用)",
          "drill mode: hide person names everywhere (projected displays)"}},
        {"opt.open.settings",
         {"設定ファイル (既定: $XDG_CONFIG_HOME/breathline/console.ini)",
          "settings file (default: $XDG_CONFIG_HOME/breathline/console.ini)"}},
        {"opt.open.frames",
         {"指定したフレーム数を描いたら終了 (試験用)",
          "exit after drawing this many frames (tests)"}},
        {"opt.open.exit_after",
         {"データベースを読み込んでから指定秒数で終了 (試験・待機時CPU測定用)",
          "exit this many seconds after the database loaded (tests, idle CPU measurement)"}},
        {"verb.set",
         {"登録者・施設の項目を変更 (取込と同じ検証、監査ログに記録)",
          "change fields of a person or facility (validated as in an import, audited)"}},
        {"opt.set.expect_version",
         {"編集を始めた時の版 (row_version)。その後に変更されていれば保存しない",
          "the row_version the edit started from; refused if the row changed since"}},
        {"verb.nearest",
         {"最寄りの施設 (直線距離、または --by road で道路の所要時間)",
          "nearest facilities by straight line, or by road travel time (--by road)"}},
        {"opt.nearest.by",
         {"line: 直線距離 (既定)、road: 道路網での所要時間 (閉鎖・満員の施設は除外)",
          "line: straight-line distance (default); road: travel time on the road network "
          "(closed or full facilities left out)"}},
        {"verb.roads",
         {"道路網の取り込み (OSM PBF/XML, 線レイヤー, UXsim CSV) と概要",
          "import the road network (OSM PBF/XML, line layers, UXsim CSV) or show it"}},
        {"opt.roads.links",
         {"UXsim のリンク表 (既定: ノード表の隣の *links*.csv)",
          "UXsim link table (default: the *links*.csv beside the node table)"}},
        {"opt.roads.layer",
         {"線レイヤー名 (既定: 線を持つ最初のレイヤー)",
          "line layer name (default: the first layer with lines)"}},
        {"opt.roads.clip_ward",
         {"区の境界 (データベースの区域、なければ N03) で切り取る",
          "clip to the ward boundary (stored in the database, else N03)"}},
        {"opt.roads.clip_margin",
         {"切り取りの余白 (メートル、既定 0)", "margin around the ward in metres (default 0)"}},
        {"verb.route",
         {"道路での経路: 所要時間・距離・経由する道路", "route by road: time, distance, streets"}},
        {"opt.route.from",
         {"出発地: 経度,緯度 / person:登録番号 / facility:施設ID",
          "origin: LON,LAT / person:ID / facility:ID"}},
        {"opt.route.person",
         {"出発地とする登録者の登録番号", "origin: a person's registry number"}},
        {"opt.route.facility", {"出発地とする施設の ID", "origin: a facility id"}},
        {"opt.route.to",
         {"目的地: 経度,緯度 / person:登録番号 / facility:施設ID",
          "destination: LON,LAT / person:ID / facility:ID"}},
        {"opt.route.geojson",
         {"経路を GeoJSON LineString で書き出す", "write the route as a GeoJSON LineString"}},
        {"opt.route.edges",
         {"通る道路区間の ID を表示 (closures add --edge 用)",
          "show the ids of the road sections used (for closures add --edge)"}},
        {"opt.route.profile",
         {"移動手段 car (既定) または walk", "travel profile: car (default) or walk"}},
        {"opt.route.profiles",
         {"移動プロファイルのファイル (既定: 内蔵 = data/roads/profiles.ini、環境変数 "
          "BREATHLINE_PROFILES)",
          "profile file (default: built in = data/roads/profiles.ini; env BREATHLINE_PROFILES)"}},
        {"verb.matrix", {"所要時間表 (多対多、CSV)", "travel-time matrix (many-to-many, CSV)"}},
        {"opt.matrix.from_file",
         {"出発地の CSV (列 id, lon, lat)", "origins CSV (columns id, lon, lat)"}},
        {"opt.matrix.persons",
         {"位置のある在籍中の登録者全員を出発地にする",
          "origins: every active person with a location"}},
        {"opt.matrix.to_file",
         {"目的地の CSV (列 id, lon, lat)", "destinations CSV (columns id, lon, lat)"}},
        {"opt.matrix.facilities",
         {"目的地: 位置のある施設 (種別または all)",
          "destinations: located facilities of a kind, or all"}},
        {"opt.matrix.out",
         {"CSV の出力先 (既定: 標準出力)", "output CSV (default: standard output)"}},
        {"verb.isochrone",
         {"T 分で到達できる範囲 (GeoJSON)", "area reachable within T minutes (GeoJSON)"}},
        {"opt.isochrone.minutes", {"制限時間 (分)", "time limit in minutes"}},
        {"opt.isochrone.out",
         {"範囲を GeoJSON MultiPolygon で書き出す", "write the area as a GeoJSON MultiPolygon"}},
        {"verb.closures",
         {"通行止めの登録・解除・一覧 (監査ログに記録)",
          "add, remove, list road closures (audited)"}},
        {"opt.closures.edge",
         {"通行止めにする道路区間の ID (route --edges で表示)",
          "id of the road section to close (shown by route --edges)"}},
        {"opt.closures.polygon",
         {"通行止め区域のポリゴンファイル (GeoJSON など)。交差する道路をすべて閉鎖",
          "polygon file (GeoJSON etc.); closes every road crossing it"}},
        {"opt.closures.reason", {"理由 (例: 倒壊家屋)", "reason (e.g. collapsed building)"}},
        {"opt.closures.all", {"解除済みも表示", "include reopened closures"}},
        {"verb.screenshot",
         {"地図を画面なしで PNG に描画 (xvfb-run でも可)",
          "render the map offscreen to a PNG (works under xvfb-run)"}},
        {"opt.screenshot.out", {"書き出す PNG ファイル", "PNG file to write"}},
        {"opt.screenshot.center",
         {"地図の中心 経度,緯度 (既定: 区全体を表示)",
          "map centre LON,LAT (default: fit the ward)"}},
        {"opt.screenshot.zoom",
         {"ズームレベル 8〜22 (Web 地図と同じ尺度)", "zoom level 8 to 22 (as on web maps)"}},
        {"opt.screenshot.size",
         {"画像の大きさ 幅x高さ (既定 1280x800)", "image size WIDTHxHEIGHT (default 1280x800)"}},
        {"opt.screenshot.layers",
         {"表示するレイヤー ID をカンマ区切りで (既定: すべて)",
          "comma-separated layer ids to show (default: all)"}},
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
