// The presenter's keys in projector mode (issue 8): every binding gives its command, the
// normal console reacts only to the switch, nothing happens while a text field has focus, and
// ending a drill takes two E presses within 3 s. Pure: no window, no ImGui.
#include "console/ui/projector_keys.h"
#include "console/ui/projector_scale.h"

#include <gtest/gtest.h>
// GLFW key codes; the headless build (no window stack installed) spells the ones used here.
#if __has_include(<GLFW/glfw3.h>)
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#else
#define GLFW_KEY_SPACE 32
#define GLFW_KEY_MINUS 45
#define GLFW_KEY_SEMICOLON 59
#define GLFW_KEY_EQUAL 61
#define GLFW_KEY_A 65
#define GLFW_KEY_E 69
#define GLFW_KEY_H 72
#define GLFW_KEY_P 80
#define GLFW_KEY_TAB 258
#define GLFW_KEY_RIGHT 262
#define GLFW_KEY_LEFT 263
#define GLFW_KEY_DOWN 264
#define GLFW_KEY_UP 265
#define GLFW_KEY_PAGE_UP 266
#define GLFW_KEY_PAGE_DOWN 267
#define GLFW_KEY_HOME 268
#define GLFW_KEY_F11 300
#define GLFW_KEY_KP_SUBTRACT 333
#define GLFW_KEY_KP_ADD 334
#define GLFW_MOD_SHIFT 0x0001
#define GLFW_MOD_CONTROL 0x0002
#endif

namespace breathline::ui {
namespace {

namespace ops = data::ops;

ViewModel projector_view() {
    ViewModel v;
    v.settings.projector_mode = true;
    v.camera.set_viewport(1920, 1080);
    v.drill.running = true;
    ops::Board board;
    for (int i = 1; i <= 9; ++i) {
        ops::BoardRow r;
        r.person_id = 100 + i;
        r.external_id = "T-" + std::to_string(i);
        r.level = i <= 2 ? ops::BoardLevel::critical : ops::BoardLevel::watch;
        board.rows.push_back(r);
    }
    v.ops.board = board;
    ops::Alarm a;
    a.person_id = 101;
    a.external_id = "T-1";
    v.ops.alarms.push_back(a);
    return v;
}

std::vector<Command> press(const ViewModel& v, ProjectorKeyState& s, int key, int mods = 0,
                           double t = 100.0, bool typing = false) {
    return projector_key_commands({key, mods, t, typing}, v, s);
}

template <typename T> const T* only(const std::vector<Command>& cs) {
    if (cs.size() != 1) return nullptr;
    return std::get_if<T>(&cs.front());
}

TEST(ProjectorKeys, DrillClockKeys) {
    const ViewModel v = projector_view();
    ProjectorKeyState s;
    EXPECT_TRUE(only<cmd::DrillTogglePause>(press(v, s, GLFW_KEY_SPACE)));
    EXPECT_TRUE(only<cmd::DrillFaster>(press(v, s, GLFW_KEY_EQUAL)));
    EXPECT_TRUE(only<cmd::DrillFaster>(press(v, s, GLFW_KEY_EQUAL, GLFW_MOD_SHIFT))); // "+"
    EXPECT_TRUE(only<cmd::DrillFaster>(press(v, s, GLFW_KEY_KP_ADD)));
    // JIS keyboards type "+" as Shift+; — a plain ";" does nothing.
    EXPECT_TRUE(only<cmd::DrillFaster>(press(v, s, GLFW_KEY_SEMICOLON, GLFW_MOD_SHIFT)));
    EXPECT_TRUE(press(v, s, GLFW_KEY_SEMICOLON).empty());
    EXPECT_TRUE(only<cmd::DrillSlower>(press(v, s, GLFW_KEY_MINUS)));
    EXPECT_TRUE(only<cmd::DrillSlower>(press(v, s, GLFW_KEY_KP_SUBTRACT)));
}

TEST(ProjectorKeys, MapKeys) {
    const ViewModel v = projector_view();
    ProjectorKeyState s;
    const auto pan = [&](int key) {
        const auto cs = press(v, s, key);
        const auto* p = only<cmd::PanPixels>(cs);
        EXPECT_NE(p, nullptr) << key;
        return p ? std::pair{p->dx, p->dy} : std::pair{0.0, 0.0};
    };
    EXPECT_EQ(pan(GLFW_KEY_LEFT), (std::pair{k_projector_pan_px, 0.0}));
    EXPECT_EQ(pan(GLFW_KEY_RIGHT), (std::pair{-k_projector_pan_px, 0.0}));
    EXPECT_EQ(pan(GLFW_KEY_UP), (std::pair{0.0, k_projector_pan_px}));
    EXPECT_EQ(pan(GLFW_KEY_DOWN), (std::pair{0.0, -k_projector_pan_px}));
    const auto in = press(v, s, GLFW_KEY_PAGE_UP);
    const auto* zi = only<cmd::ZoomAt>(in);
    ASSERT_NE(zi, nullptr);
    EXPECT_DOUBLE_EQ(zi->factor, k_projector_zoom_step);
    EXPECT_DOUBLE_EQ(zi->anchor.x, 960.0); // the viewport centre
    EXPECT_DOUBLE_EQ(zi->anchor.y, 540.0);
    const auto out = press(v, s, GLFW_KEY_PAGE_DOWN);
    const auto* zo = only<cmd::ZoomAt>(out);
    ASSERT_NE(zo, nullptr);
    EXPECT_DOUBLE_EQ(zo->factor, 1.0 / k_projector_zoom_step);
    EXPECT_TRUE(only<cmd::FitWard>(press(v, s, GLFW_KEY_HOME)));
}

TEST(ProjectorKeys, TabWalksTheTopOfTheRunwayListBothWays) {
    ViewModel v = projector_view();
    ProjectorKeyState s;
    ASSERT_EQ(projector_runway_rows(v).size(), static_cast<std::size_t>(k_projector_runway_rows));
    const auto select_next = [&](int mods) -> data::RowId {
        const auto cs = press(v, s, GLFW_KEY_TAB, mods);
        const auto* sel = only<cmd::Select>(cs);
        EXPECT_NE(sel, nullptr);
        if (!sel) return 0;
        EXPECT_TRUE(sel->centre);
        EXPECT_EQ(sel->feature.kind, map::FeatureRef::Kind::person);
        v.selection = sel->feature; // as the controller would
        return sel->feature.id;
    };
    EXPECT_EQ(select_next(0), 101); // from nothing: the top row
    EXPECT_EQ(select_next(0), 102);
    EXPECT_EQ(select_next(GLFW_MOD_SHIFT), 101);
    EXPECT_EQ(select_next(GLFW_MOD_SHIFT),
              100 + k_projector_runway_rows); // wraps to the last shown
    EXPECT_EQ(select_next(0), 101);           // and back round
    v.selection.reset();
    EXPECT_EQ(select_next(GLFW_MOD_SHIFT), 100 + k_projector_runway_rows);
    // No board: nothing to walk.
    v.ops.board.reset();
    EXPECT_TRUE(press(v, s, GLFW_KEY_TAB).empty());
}

TEST(ProjectorKeys, AlarmsHelpAndTheSwitch) {
    ViewModel v = projector_view();
    ProjectorKeyState s;
    EXPECT_TRUE(only<cmd::AcknowledgeAlarms>(press(v, s, GLFW_KEY_A)));
    v.ops.alarms.clear();
    EXPECT_TRUE(press(v, s, GLFW_KEY_A).empty()); // nothing to acknowledge
    EXPECT_TRUE(press(v, s, GLFW_KEY_H).empty());
    EXPECT_TRUE(s.help);
    press(v, s, GLFW_KEY_H);
    EXPECT_FALSE(s.help);
    for (const int key : {GLFW_KEY_F11, GLFW_KEY_P}) {
        const auto cs = press(v, s, key);
        const auto* m = only<cmd::SetProjectorMode>(cs);
        ASSERT_NE(m, nullptr) << key;
        EXPECT_FALSE(m->on); // on the wall: switch back to the console
    }
}

TEST(ProjectorKeys, EndingTheDrillTakesTwoPressesWithinThreeSeconds) {
    const ViewModel v = projector_view();
    ProjectorKeyState s;
    EXPECT_TRUE(press(v, s, GLFW_KEY_E, 0, 10.0).empty());
    EXPECT_TRUE(s.end_armed(10.5)); // the hint shows
    EXPECT_TRUE(only<cmd::DrillEnd>(press(v, s, GLFW_KEY_E, 0, 12.9)));
    EXPECT_FALSE(s.end_armed(12.9));
    // Too slow: the second press only asks again.
    EXPECT_TRUE(press(v, s, GLFW_KEY_E, 0, 20.0).empty());
    EXPECT_FALSE(s.end_armed(23.5));
    EXPECT_TRUE(press(v, s, GLFW_KEY_E, 0, 23.5).empty());
    EXPECT_TRUE(s.end_armed(23.6));
    // Another key in between cancels the question.
    EXPECT_TRUE(only<cmd::DrillTogglePause>(press(v, s, GLFW_KEY_SPACE, 0, 24.0)));
    EXPECT_TRUE(press(v, s, GLFW_KEY_E, 0, 24.5).empty());
    EXPECT_TRUE(s.end_armed(24.6));
    // Without a running drill E means nothing.
    ViewModel idle = projector_view();
    idle.drill.running = false;
    ProjectorKeyState t;
    EXPECT_TRUE(press(idle, t, GLFW_KEY_E, 0, 1.0).empty());
    EXPECT_TRUE(press(idle, t, GLFW_KEY_E, 0, 1.5).empty());
    EXPECT_FALSE(t.end_armed(1.5));
}

TEST(ProjectorKeys, NothingWhileTypingOrWithControlAndOnlyTheSwitchInTheNormalConsole) {
    const ViewModel v = projector_view();
    ProjectorKeyState s;
    for (const int key : {GLFW_KEY_SPACE, GLFW_KEY_EQUAL, GLFW_KEY_MINUS, GLFW_KEY_LEFT,
                          GLFW_KEY_PAGE_UP, GLFW_KEY_HOME, GLFW_KEY_TAB, GLFW_KEY_A, GLFW_KEY_H,
                          GLFW_KEY_E, GLFW_KEY_P, GLFW_KEY_F11}) {
        EXPECT_TRUE(press(v, s, key, 0, 1.0, /*typing=*/true).empty()) << key;
        EXPECT_TRUE(press(v, s, key, GLFW_MOD_CONTROL, 1.0).empty()) << key;
    }
    EXPECT_FALSE(s.help);
    EXPECT_FALSE(s.end_armed_at);

    ViewModel normal = projector_view();
    normal.settings.projector_mode = false;
    for (const int key : {GLFW_KEY_SPACE, GLFW_KEY_EQUAL, GLFW_KEY_LEFT, GLFW_KEY_PAGE_UP,
                          GLFW_KEY_TAB, GLFW_KEY_A, GLFW_KEY_H, GLFW_KEY_E})
        EXPECT_TRUE(press(normal, s, key).empty()) << key;
    for (const int key : {GLFW_KEY_F11, GLFW_KEY_P}) {
        const auto cs = press(normal, s, key);
        const auto* m = only<cmd::SetProjectorMode>(cs);
        ASSERT_NE(m, nullptr) << key;
        EXPECT_TRUE(m->on);
    }
    EXPECT_TRUE(press(normal, s, GLFW_KEY_P, 0, 1.0, true).empty());
}

TEST(ProjectorScale, FactorFollowsTheFramebufferWidthInSteps) {
    EXPECT_FLOAT_EQ(projector_factor(1920), 1.0f);
    EXPECT_FLOAT_EQ(projector_factor(1280), 0.65f); // 0.667 rounded to 0.05
    EXPECT_FLOAT_EQ(projector_factor(1925), 1.0f);  // a few pixels do not rebuild the atlas
    EXPECT_FLOAT_EQ(projector_factor(3840), 2.0f);
    EXPECT_FLOAT_EQ(projector_factor(100), 0.5f);
    // The body text's cap height on a 3 m wide 1920 px image: ≥ 40 mm (legible from 10 m).
    const double mm_per_px = 3000.0 / 1920.0;
    EXPECT_GE(static_cast<double>(k_projector_body_px * k_noto_cap_per_size) * mm_per_px, 40.0);
    EXPECT_GE(k_projector_symbol_scale, 2.0f);
}

} // namespace
} // namespace breathline::ui
