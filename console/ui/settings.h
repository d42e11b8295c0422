#pragma once
/// The console's own settings, kept across restarts in an ini file: language, UI scale (high-DPI
/// screens and projectors), drill mode, the database last opened, and per map layer its
/// visibility, opacity and place in the drawing order, plus the user layers added from files.
/// Read at start, written whenever a setting changes. No GL, no ImGui.

#include "console/cli/args.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::map {
struct Scene;
}

namespace breathline::ui {

using cli::Lang;

/// One map layer as the user left it.
struct LayerSetting {
    std::string id; ///< map::Layer::id ("ward", "persons.tppv", "user:/path/file.gpkg")
    bool visible = true;
    float opacity = 1.0f; ///< 0..1
    bool operator==(const LayerSetting&) const = default;
};

struct Settings {
    Lang language = Lang::ja;
    float ui_scale = 1.0f;   ///< k_min_ui_scale..k_max_ui_scale
    bool drill_mode = false; ///< names masked everywhere (projected displays, drills)
    /// Projector mode (issue 8): full-screen map, large type, high-contrast scheme; implies the
    /// masking of drill mode, done at the data layer (data/privacy/mask.h).
    bool projector_mode = false;
    /// How masked persons are named: "[T-0012]" or initials (data::privacy::NameStyle).
    bool projector_initials = false;
    /// How far masked homes move on the map, metres (0..1000).
    double projector_displace_m = 150;
    /// True when personal data must be masked at the data layer.
    /// The role of the open database may not see personal data (issue 9): set when a database
    /// is installed, never saved (a role belongs to the login, not to this machine's settings).
    bool role_masks = false;
    bool masks_personal_data() const { return drill_mode || projector_mode || role_masks; }
    std::string last_db; ///< the database opened last ("" = none)
    /// Where the local replica of a PostgreSQL server is kept (issue 9); "" = the default,
    /// ui::default_replica_path().
    std::string replica_path;
    /// Layers in drawing order, bottom first. Layers of the scene not listed keep their place.
    std::vector<LayerSetting> layers;
    /// Vector or raster files the user added, loaded again at the next start.
    std::vector<std::string> user_layers;
    bool operator==(const Settings&) const = default;
};

inline constexpr float k_min_ui_scale = 0.75f;
inline constexpr float k_max_ui_scale = 3.0f;
/// Range of Settings::projector_displace_m (metres).
inline constexpr double k_min_projector_displace_m = 0;
inline constexpr double k_max_projector_displace_m = 1000;

/// $XDG_CONFIG_HOME/breathline/console.ini when XDG_CONFIG_HOME is set and absolute, else
/// $HOME/.config/breathline/console.ini; nullopt when neither gives a place (no HOME).
/// Thread-safe (reads the environment only).
std::optional<std::filesystem::path> default_settings_path();

/// The ini text of `settings` ([console], [layer <id>] and [user_layers] sections).
std::string to_ini(const Settings& settings);

/// Parses ini text. Unknown keys and malformed values are skipped with one warning each
/// (English, naming the line), and the default is kept, so a hand-edited file never stops the
/// console from starting. Values are clamped to their ranges. Pure.
Settings parse_ini(std::string_view text, std::vector<std::string>* warnings = nullptr);

/// Reads `path`; a missing file gives the defaults without a warning, an unreadable one the
/// defaults with a warning.
Settings load_settings(const std::filesystem::path& path,
                       std::vector<std::string>* warnings = nullptr);

/// Writes `path` atomically (temporary file then rename), creating its directory. Returns an
/// English reason on failure ("" when written). Not safe against two writers at once.
std::string save_settings(const Settings& settings, const std::filesystem::path& path);

/// Applies the layer settings to `scene`: visibility, opacity, and order (listed layers are
/// placed in the listed order, relative to each other; unlisted ones keep their position).
void apply_layer_settings(const Settings& settings, map::Scene& scene);

/// Records the scene's current layer order, visibility and opacity into `settings`.
void capture_layer_settings(const map::Scene& scene, Settings& settings);

} // namespace breathline::ui
