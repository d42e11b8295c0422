// `breathline screenshot`: renders the map offscreen (hidden GLFW window +
// framebuffer, so it works under xvfb-run with no screen) and writes a PNG.
#include "console/cli/exit_codes.h"
#include "console/cli/routing_args.h"
#include "console/map/scene_builder.h"
#include "console/render/png.h"
#include "console/ui/app.h"
#include "console/ui/map_snapshot.h"
#include "console/ui/window_verbs.h"
#include "data/ops/clock.h"
#include "geo/projection.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <ostream>
#include <sstream>

namespace breathline::ui {

namespace {

std::pair<int, int> parse_size(const cli::Context& ctx, const std::string& text) {
    int w = 0, h = 0;
    char x = 0, extra = 0;
    std::istringstream in(text);
    const bool ok = static_cast<bool>(in >> w >> x >> h) && (x == 'x' || x == 'X') &&
                    !(in >> extra) && w >= 16 && h >= 16 && w <= 8192 && h <= 8192;
    if (!ok)
        throw cli::UsageError{ctx.tr("--size は 幅x高さ のピクセル数 (16〜8192、例: 1280x800) です "
                                     "('{0}' は不可)",
                                     "--size takes WIDTHxHEIGHT in pixels (16 to 8192, e.g. "
                                     "1280x800), not '{0}'",
                                     {text})};
    return {w, h};
}

double parse_zoom(const cli::Context& ctx, const std::string& text) {
    double z = -1;
    try {
        std::size_t used = 0;
        z = std::stod(text, &used);
        if (used != text.size()) z = -1;
    } catch (const std::exception&) {
        z = -1;
    }
    if (!(z >= 8 && z <= 22))
        throw cli::UsageError{ctx.tr("--zoom は 8〜22 のズームレベルです ('{0}' は不可)",
                                     "--zoom takes a zoom level from 8 to 22, not '{0}'", {text})};
    return z;
}

/// Shows only the layers named in `list` (comma-separated ids); an unknown
/// id is a usage error listing the scene's ids.
void apply_layer_list(const cli::Context& ctx, map::Scene& scene, const std::string& list) {
    std::vector<std::string> wanted;
    std::string item;
    std::istringstream in(list);
    while (std::getline(in, item, ','))
        if (!item.empty()) wanted.push_back(item);
    std::string known;
    for (const auto& l : scene.layers)
        known += (known.empty() ? "" : ", ") + l.id;
    for (const auto& id : wanted)
        if (scene.find(id) == nullptr)
            throw cli::UsageError{
                ctx.tr("--layers: レイヤー '{0}' はありません。使えるレイヤー: {1}",
                       "--layers: no layer '{0}'. Layers: {1}", {id, known})};
    for (auto& l : scene.layers)
        l.visible = std::find(wanted.begin(), wanted.end(), l.id) != wanted.end();
}

// `--projector`: the whole console in projector mode (issue 8), drawn by the app itself in a
// hidden window, so the image shows what the wall shows: tiles, runway list, clock, alarms.
int run_projector_screenshot(cli::Context& ctx, const cli::Args& args, const std::string& out,
                             int width, int height) {
    if (args.get("center") || args.get("zoom") || args.get("layers"))
        throw cli::UsageError{
            ctx.tr("--projector は --center / --zoom / --layers と一緒に使えません "
                   "(区全体を表示します)",
                   "--projector cannot be combined with --center, --zoom or "
                   "--layers (it shows the whole ward)")};
    // Opened here first so a missing or newer database gives the usual message and exit code.
    ctx.open_store().reset();
    AppOptions options;
    options.db = ctx.db_path.string();
    options.projector_mode = true;
    options.language = ctx.lang;
    options.data_dir = ctx.data_dir;
    options.actor = ctx.actor;
    options.role = ctx.role; // the projector layout as this role sees it (issue 9)
    if (!ctx.now.empty()) options.now = data::ops::parse_time(ctx.now);
    options.width = width;
    options.height = height;
    options.screenshot_png = out;
    // A screenshot neither reads nor changes the user's console settings.
    options.use_settings_file = false;
    int rc = 1;
    try {
        rc = run_app(options);
    } catch (const std::runtime_error& e) {
        *ctx.err << ctx.tr("エラー: 描画環境を用意できません ({0})。画面のない環境では xvfb-run -a "
                           "breathline screenshot ... で実行してください\n",
                           "error: cannot set up rendering ({0}). Without a display run it as "
                           "xvfb-run -a breathline screenshot ...\n",
                           {e.what()});
        return cli::exit_io;
    }
    if (rc != 0) {
        *ctx.err << ctx.tr("エラー: PNG ファイル {0} を書き出せません "
                           "(データベースを読めないか、フォルダに書き込めません)\n",
                           "error: cannot write the PNG file {0} (the database did not load or "
                           "the folder is not writable)\n",
                           {out});
        return cli::exit_io;
    }
    *ctx.out << ctx.tr("{0} を書き出しました ({1}x{2}、プロジェクター表示)\n",
                       "wrote {0} ({1}x{2}, projector mode)\n",
                       {out, std::to_string(width), std::to_string(height)});
    return cli::exit_ok;
}

int run_screenshot(cli::Context& ctx, const cli::Args& args) {
    if (!args.positional.empty())
        throw cli::UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
    const auto out = args.get("out");
    if (!out || out->empty()) throw cli::UsageError{ctx.t("err.missing_arg", {"--out"})};
    auto [width, height] =
        args.get("size") ? parse_size(ctx, *args.get("size")) : std::pair<int, int>{1280, 800};
    std::optional<geo::LonLat> center;
    if (auto c = args.get("center")) {
        center = cli::parse_lonlat_text(*c);
        if (!center)
            throw cli::UsageError{
                ctx.tr("--center は 経度,緯度 (例: 139.7110,35.7300) です ('{0}' は不可)",
                       "--center takes LON,LAT (e.g. 139.7110,35.7300), not '{0}'", {*c})};
    }
    std::optional<double> zoom;
    if (auto z = args.get("zoom")) zoom = parse_zoom(ctx, *z);
    if (args.has("projector")) return run_projector_screenshot(ctx, args, *out, width, height);

    auto store = ctx.open_store();
    map::Scene scene = map::build_scene(*store, {});
    if (auto l = args.get("layers")) apply_layer_list(ctx, scene, *l);

    map::Camera camera;
    camera.set_viewport(width, height);
    camera.fit(scene.home);
    const geo::PlaneProjector projector;
    if (center) camera.set_center(projector.to_plane(*center));
    if (zoom) {
        const double lat = center ? center->lat() : projector.to_lonlat(camera.center()).lat();
        camera.set_metres_per_pixel(map::Camera::mpp_for_zoom(*zoom, lat));
    }

    // No display, no GL 3.3 context or no font is the environment, not a
    // bug: say what to do and exit like other unusable-resource errors.
    std::unique_ptr<MapSnapshotter> made;
    try {
        made = std::make_unique<MapSnapshotter>();
    } catch (const std::runtime_error& e) {
        *ctx.err << ctx.tr("エラー: 描画環境を用意できません ({0})。画面のない環境では xvfb-run -a "
                           "breathline screenshot ... で実行してください\n",
                           "error: cannot set up rendering ({0}). Without a display run it as "
                           "xvfb-run -a breathline screenshot ...\n",
                           {e.what()});
        return cli::exit_io;
    }
    MapSnapshotter& snapshotter = *made;
    SnapshotOptions options;
    options.japanese = ctx.lang == cli::Lang::ja;
    const Snapshot shot = snapshotter.render(scene, camera, options);
    try {
        render::write_png(*out, shot.width, shot.height, shot.rgba);
    } catch (const std::runtime_error& e) {
        *ctx.err << ctx.tr("エラー: PNG ファイル {0} を書き出せません "
                           "({1})。フォルダがあり書き込めるか確認してください\n",
                           "error: cannot write the PNG file {0} ({1}); check that the folder "
                           "exists and is writable\n",
                           {*out, e.what()});
        return cli::exit_io;
    }
    const auto& missing = snapshotter.fonts().coverage().missing;
    if (!missing.empty())
        *ctx.err << ctx.tr("注意: 表示できない文字を 〓 で示しました:\n{0}",
                           "note: characters that cannot be shown are drawn as 〓:\n{0}",
                           {snapshotter.fonts().coverage().describe()});
    const geo::LonLat c = projector.to_lonlat(camera.center());
    char where[96];
    std::snprintf(where, sizeof where, "%.5f,%.5f z%.2f", c.lon(), c.lat(),
                  map::Camera::zoom_for_mpp(camera.metres_per_pixel(), c.lat()));
    *ctx.out << ctx.tr("{0} を書き出しました ({1}x{2}、中心 {3}、ラベル {4} 件)\n",
                       "wrote {0} ({1}x{2}, center {3}, {4} labels)\n",
                       {*out, std::to_string(width), std::to_string(height), where,
                        std::to_string(shot.labels.size())});
    return cli::exit_ok;
}

} // namespace

cli::VerbSpec make_screenshot_verb() {
    return {
        "screenshot",
        "screenshot --out FILE.png [--center LON,LAT] [--zoom Z] [--size WxH] [--layers ID,...] "
        "[--projector]",
        "verb.screenshot",
        {{"out", true, "opt.screenshot.out"},
         {"center", true, "opt.screenshot.center"},
         {"zoom", true, "opt.screenshot.zoom"},
         {"size", true, "opt.screenshot.size"},
         {"layers", true, "opt.screenshot.layers"},
         {"projector", false, "opt.screenshot.projector"}},
        run_screenshot};
}

} // namespace breathline::ui
