// `breathline open [--db F] [--drill] [--projector]`: the interactive console on a database
// (the global --db, else the database opened last, else the start screen asks for one).
#include "console/cli/exit_codes.h"
#include "console/ui/app.h"
#include "console/ui/window_verbs.h"
#include "data/ops/clock.h"

#include <charconv>
#include <cstdlib>
#include <ostream>

namespace breathline::ui {

namespace {

int parse_count(const cli::Context& ctx, const std::string& name, const std::string& text) {
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < 0)
        throw cli::UsageError{ctx.tr("--{0} には 0 以上の整数を指定してください: '{1}'",
                                     "--{0} needs a non-negative integer: '{1}'", {name, text})};
    return v;
}

int run_open(cli::Context& ctx, const cli::Args& args) {
    if (!args.positional.empty())
        throw cli::UsageError{ctx.t("err.extra_arg", {args.positional[0]})};
    AppOptions options;
    if (args.has("db")) options.db = ctx.db_path.string();
    if (args.has("drill")) options.drill_mode = true;
    if (args.has("projector")) options.projector_mode = true;
    if (args.has("lang")) options.language = ctx.lang;
    options.data_dir = ctx.data_dir;
    options.actor = ctx.actor;
    options.role = ctx.role;
    // The global --now / $BREATHLINE_NOW (validated by the dispatcher) pins the console's clock,
    // as it does for the incident verbs, so a drill scenario looks the same in both.
    if (!ctx.now.empty()) options.now = data::ops::parse_time(ctx.now);
    if (auto f = args.get("frames")) options.max_frames = parse_count(ctx, "frames", *f);
    if (auto s = args.get("exit-after")) options.exit_after_s = parse_count(ctx, "exit-after", *s);
    if (auto s = args.get("settings")) options.settings_path = std::filesystem::path(*s);
    if (auto r = args.get("replica")) options.replica_path = *r; // issue 9: local replica
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((!display || !*display) && (!wayland || !*wayland)) {
        *ctx.err << ctx.tr("画面 (DISPLAY) がないためコンソールを開けません。"
                           "画面のない環境では xvfb-run -a breathline open を使うか、"
                           "breathline summary / screenshot を使ってください\n",
                           "no display (DISPLAY is not set), so the console cannot open. "
                           "Without a screen use xvfb-run -a breathline open, or breathline "
                           "summary / screenshot\n");
        return cli::exit_io;
    }
    return run_app(options) == 0 ? cli::exit_ok : cli::exit_internal;
}

} // namespace

cli::VerbSpec make_open_verb() {
    return {"open",
            "open [--db FILE] [--drill] [--projector]",
            "verb.open",
            {{"drill", false, "opt.open.drill"},
             {"projector", false, "opt.open.projector"},
             {"settings", true, "opt.open.settings"},
             {"replica", true, "opt.open.replica"},
             {"frames", true, "opt.open.frames"},
             {"exit-after", true, "opt.open.exit_after"}},
            run_open};
}

} // namespace breathline::ui
