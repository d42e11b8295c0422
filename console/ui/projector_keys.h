#pragma once
/// Keyboard-only operation of projector mode (issue 8): the presenter drives the drill and the
/// map from the keyboard, with no mouse and no menu on the wall. A pure function from a key
/// press (GLFW key code + modifiers) and the view model to commands, so every binding is tested
/// without a window; the app feeds it the keys ImGui saw pressed this frame.
///
///   Space            pause / resume the scenario clock        (cmd::DrillTogglePause)
///   + = keypad+      faster                                   (cmd::DrillFaster)
///   - keypad-        slower                                   (cmd::DrillSlower)
///   arrows           pan the map                              (cmd::PanPixels)
///   PageUp/PageDown  zoom in / out at the viewport centre     (cmd::ZoomAt)
///   Home             the whole ward                           (cmd::FitWard)
///   Tab / Shift+Tab  next / previous row of the runway list   (cmd::Select, centred)
///   A                acknowledge the alarms                   (cmd::AcknowledgeAlarms)
///   F11 or P         projector mode off (on, from the normal console) (cmd::SetProjectorMode)
///   H                the full help overlay on / off
///   E, E within 3 s  end the drill (the first E only asks)   (cmd::DrillEnd)
/// In the normal console only F11 and P act. Nothing acts while a text field has focus.
///
/// No ImGui, no GL. Thread safety: main thread (it reads the view model).

#include "console/ui/commands.h"
#include "console/ui/view_model.h"

#include <optional>
#include <vector>

namespace breathline::ui {

/// GLFW_MOD_SHIFT / GLFW_MOD_CONTROL / GLFW_MOD_ALT, spelled here so this header needs no GLFW.
inline constexpr int k_mod_shift = 0x0001;
inline constexpr int k_mod_control = 0x0002;
inline constexpr int k_mod_alt = 0x0004;

/// Pixels an arrow key pans by in projector mode (a quarter of a 1920 image's height is too
/// much; 160 px moves a street or two at ward zoom) and the zoom factor of PageUp/PageDown.
inline constexpr double k_projector_pan_px = 160.0;
inline constexpr double k_projector_zoom_step = 1.5;
/// The second E must come within this many seconds of the first.
inline constexpr double k_projector_end_confirm_s = 3.0;

/// What the presenter's keys have toggled that is not view-model state.
struct ProjectorKeyState {
    bool help = false; ///< the full help overlay is shown
    /// Wall time (seconds, any monotonic origin) of an unconfirmed first E press.
    std::optional<double> end_armed_at;
    /// True while the "press E again to end" hint should show.
    bool end_armed(double now_s) const {
        return end_armed_at && now_s - *end_armed_at <= k_projector_end_confirm_s;
    }
};

struct ProjectorKey {
    int key = 0;         ///< GLFW key code (GLFW_KEY_SPACE, GLFW_KEY_A, ...)
    int mods = 0;        ///< k_mod_* bits
    double now_s = 0;    ///< monotonic wall time of the press, seconds
    bool typing = false; ///< an ImGui text field has focus (io.WantTextInput)
};

/// The commands one key press gives (usually none or one) and updates `state` (help overlay,
/// end confirmation). Unbound keys give nothing and leave `state` alone, except that any other
/// key cancels an armed E. Pure apart from `state`.
std::vector<Command> projector_key_commands(const ProjectorKey& press, const ViewModel& view,
                                            ProjectorKeyState& state);

/// The board rows the projector's runway list shows (the first k_projector_runway_rows of the
/// active incident's board, most urgent first); empty without a board. Tab walks these.
std::vector<const data::ops::BoardRow*> projector_runway_rows(const ViewModel& view);

} // namespace breathline::ui
