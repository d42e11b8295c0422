#include "console/ui/projector_keys.h"

#include "console/ui/projector_scale.h"

#if __has_include(<GLFW/glfw3.h>)
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#endif

#include <algorithm>

namespace breathline::ui {

namespace {

// GLFW's key codes (US layout names of the key positions), spelled here because this library
// builds without the window stack too; checked against GLFW where its header is present.
constexpr int k_key_space = 32;
constexpr int k_key_minus = 45;
constexpr int k_key_semicolon = 59; // JIS keyboards: Shift+; gives "+"
constexpr int k_key_equal = 61;
constexpr int k_key_a = 65;
constexpr int k_key_e = 69;
constexpr int k_key_h = 72;
constexpr int k_key_p = 80;
constexpr int k_key_tab = 258;
constexpr int k_key_right = 262;
constexpr int k_key_left = 263;
constexpr int k_key_down = 264;
constexpr int k_key_up = 265;
constexpr int k_key_page_up = 266;
constexpr int k_key_page_down = 267;
constexpr int k_key_home = 268;
constexpr int k_key_f11 = 300;
constexpr int k_key_kp_subtract = 333;
constexpr int k_key_kp_add = 334;
#ifdef GLFW_KEY_SPACE
static_assert(k_key_space == GLFW_KEY_SPACE && k_key_minus == GLFW_KEY_MINUS &&
              k_key_semicolon == GLFW_KEY_SEMICOLON && k_key_equal == GLFW_KEY_EQUAL &&
              k_key_a == GLFW_KEY_A && k_key_e == GLFW_KEY_E && k_key_h == GLFW_KEY_H &&
              k_key_p == GLFW_KEY_P && k_key_tab == GLFW_KEY_TAB && k_key_right == GLFW_KEY_RIGHT &&
              k_key_left == GLFW_KEY_LEFT && k_key_down == GLFW_KEY_DOWN &&
              k_key_up == GLFW_KEY_UP && k_key_page_up == GLFW_KEY_PAGE_UP &&
              k_key_page_down == GLFW_KEY_PAGE_DOWN && k_key_home == GLFW_KEY_HOME &&
              k_key_f11 == GLFW_KEY_F11 && k_key_kp_subtract == GLFW_KEY_KP_SUBTRACT &&
              k_key_kp_add == GLFW_KEY_KP_ADD);
static_assert(k_mod_shift == GLFW_MOD_SHIFT && k_mod_control == GLFW_MOD_CONTROL &&
              k_mod_alt == GLFW_MOD_ALT);
#endif

Command select_row(const data::ops::BoardRow& row) {
    return cmd::Select{{map::FeatureRef::Kind::person, row.person_id, row.external_id}, true};
}

} // namespace

std::vector<const data::ops::BoardRow*> projector_runway_rows(const ViewModel& view) {
    std::vector<const data::ops::BoardRow*> rows;
    if (!view.ops.board) return rows;
    for (const auto& r : view.ops.board->rows) {
        if (static_cast<int>(rows.size()) >= k_projector_runway_rows) break;
        rows.push_back(&r);
    }
    return rows;
}

std::vector<Command> projector_key_commands(const ProjectorKey& press, const ViewModel& view,
                                            ProjectorKeyState& state) {
    // A key typed into a text field is text, never a command.
    if (press.typing) return {};
    // Ctrl/Alt chords belong to the window manager and the text fields, not to the presenter.
    if ((press.mods & (k_mod_control | k_mod_alt)) != 0) return {};
    const bool shift = (press.mods & k_mod_shift) != 0;
    const bool projector = view.settings.projector_mode;

    // The switch works from both layouts.
    if (press.key == k_key_f11 || press.key == k_key_p) {
        state.end_armed_at.reset();
        if (!projector) state.help = false;
        return {cmd::SetProjectorMode{!projector}};
    }
    if (!projector) return {};

    // Any key but E disarms a pending "end the drill?".
    if (press.key != k_key_e) state.end_armed_at.reset();

    const double w = view.camera.width(), h = view.camera.height();
    const map::ScreenXY centre{w * 0.5, h * 0.5};
    switch (press.key) {
    case k_key_space:
        return {cmd::DrillTogglePause{}};
    case k_key_equal:
    case k_key_kp_add:
        return {cmd::DrillFaster{}};
    case k_key_semicolon:
        if (shift) return {cmd::DrillFaster{}};
        return {};
    case k_key_minus:
    case k_key_kp_subtract:
        return {cmd::DrillSlower{}};
    // The map moves the way the arrow points: "right" shows what lies to the east.
    case k_key_left:
        return {cmd::PanPixels{k_projector_pan_px, 0}};
    case k_key_right:
        return {cmd::PanPixels{-k_projector_pan_px, 0}};
    case k_key_up:
        return {cmd::PanPixels{0, k_projector_pan_px}};
    case k_key_down:
        return {cmd::PanPixels{0, -k_projector_pan_px}};
    case k_key_page_up:
        return {cmd::ZoomAt{centre, k_projector_zoom_step}};
    case k_key_page_down:
        return {cmd::ZoomAt{centre, 1.0 / k_projector_zoom_step}};
    case k_key_home:
        return {cmd::FitWard{}};
    case k_key_tab: {
        const auto rows = projector_runway_rows(view);
        if (rows.empty()) return {};
        const int n = static_cast<int>(rows.size());
        int current = -1;
        if (view.selection && view.selection->kind == map::FeatureRef::Kind::person)
            for (int i = 0; i < n; ++i)
                if (rows[static_cast<std::size_t>(i)]->person_id == view.selection->id) current = i;
        // From no selection, Tab starts at the top and Shift+Tab at the bottom.
        const int next = current < 0 ? (shift ? n - 1 : 0) : (current + (shift ? n - 1 : 1)) % n;
        return {select_row(*rows[static_cast<std::size_t>(next)])};
    }
    case k_key_a:
        if (view.ops.alarms.empty()) return {};
        return {cmd::AcknowledgeAlarms{}};
    case k_key_h:
        state.help = !state.help;
        return {};
    case k_key_e:
        if (!view.drill.running) return {};
        // Ending a drill cannot be undone: one press only asks, a second within 3 s ends it.
        if (state.end_armed(press.now_s)) {
            state.end_armed_at.reset();
            return {cmd::DrillEnd{}};
        }
        state.end_armed_at = press.now_s;
        return {};
    default:
        return {};
    }
}

} // namespace breathline::ui
