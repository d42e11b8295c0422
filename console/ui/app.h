#pragma once
/// The interactive console: a GLFW window (ui::ImguiSession) with the map view and the panels,
/// laid out as tiles. The main loop waits for events (glfwWaitEventsTimeout) and draws a frame
/// only after input, a job's progress or completion, or a state change, so an idle console
/// costs next to no CPU (in an outage it runs on a laptop battery).
///
/// Thread safety: main thread (GLFW). One App per process.

#include "console/cli/args.h"
#include "data/auth/roles.h"
#include "data/ops/clock.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace breathline::ui {

class Controller;
struct ViewModel;

struct AppOptions {
    std::string db;                 ///< database to open at start ("" = none: open from the UI)
    std::optional<bool> drill_mode; ///< overrides the saved setting when given
    /// Projector mode (issue 8) at start; overrides the saved setting when given.
    std::optional<bool> projector_mode;
    std::optional<cli::Lang> language; ///< overrides the saved setting when given
    /// The global --role (issue 9): the database is opened in this role (narrowed only).
    std::optional<data::auth::Role> role;
    std::filesystem::path data_dir; ///< real data (town table for address edits)
    std::string actor;              ///< recorded in the audit log for every edit
    /// Where settings are kept; nullopt: default_settings_path().
    std::optional<std::filesystem::path> settings_path;
    /// Incident operations run on a scenario clock standing at this instant (the global --now or
    /// $BREATHLINE_NOW, for drills and tests); nullopt: the system clock.
    std::optional<data::ops::TimePoint> now;
    int width = 1600, height = 960;
    /// Stop after this many drawn frames (0 = run until the window closes). For tests.
    int max_frames = 0;
    /// Stop this many seconds after the database finished loading (0 = never). For tests and
    /// the idle measurement, so no signal is needed.
    double exit_after_s = 0;
    /// Offscreen screenshot of the whole console (`breathline screenshot --projector`): a hidden
    /// window draws width x height pixels into a framebuffer once the database and its board
    /// are loaded, writes this PNG and returns ("" = interactive).
    std::string screenshot_png;
    /// The local replica of a PostgreSQL database (issue 9); "": the settings' `replica`, else
    /// ui::default_replica_path() (none without the settings file: use_settings_file false).
    std::string replica_path;
    /// False: no settings file is read or written (screenshots, tests).
    bool use_settings_file = true;
    /// Tests (issue 9): called on the main thread after every wake of the loop, drawn frame or
    /// not, with the view model and the controller; returning false ends the run.
    std::function<bool(ViewModel&, Controller&)> on_wake;
};

/// Runs the console until its window is closed. Returns 0 (with screenshot_png: 0 once written,
/// 1 when the database did not load or the PNG could not be written), or throws std::runtime_error
/// when the window cannot be created (no display: run under xvfb-run) or the font is missing.
int run_app(const AppOptions& options);

} // namespace breathline::ui
