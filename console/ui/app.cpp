#include "console/ui/app.h"

#include "console/map/ops_layers.h"
#include "console/map/user_layers.h"
#include "console/render/framebuffer.h"
#include "console/render/map_renderer.h"
#include "console/render/png.h"
#include "console/ui/commands.h"
#include "console/ui/fonts.h"
#include "console/ui/imgui_session.h"
#include "console/ui/jobs.h"
#include "console/ui/panels/map_view.h"
#include "console/ui/panels/panel.h"
#include "console/ui/projector_keys.h"
#include "console/ui/projector_scale.h"
#include "console/ui/settings.h"
#include "console/ui/ui_text.h"
#include "console/ui/view_model.h"
#include "data/ops/check_input.h"
#include "data/ops/phase.h"

#define GLFW_INCLUDE_NONE
#include <GL/glcorearb.h>
#include <GLFW/glfw3.h>
#include <algorithm>
#include <atomic>
#include <backends/imgui_impl_glfw.h>
#include <chrono>
#include <cmath>
#include <ctime>
#include <imgui.h>
#include <imgui_stdlib.h>

namespace breathline::ui {

namespace {

// Set by the GLFW callbacks: something happened that may change what is on screen.
std::atomic<bool> g_input{false};

// Frames drawn after an event: ImGui settles hover and popup state over a couple of frames.
constexpr int k_frames_after_input = 3;
// Base UI font size in pixels at UI scale 1.
constexpr float k_font_px = 16.0f;
// The wait's timeout only bounds how late an exit_after_s deadline is noticed; job progress
// and completion wake the loop through glfwPostEmptyEvent.
constexpr double k_idle_wait_s = 30.0;
// The operations board is re-evaluated this often (wall time): runways shrink while nobody
// touches the console, and a person crossing a threshold must raise an alarm on their own.
constexpr std::chrono::seconds k_board_refresh{60};

void on_cursor_pos(GLFWwindow*, double, double) {
    g_input = true;
}
void on_mouse_button(GLFWwindow* w, int button, int action, int mods) {
    g_input = true;
    ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
}
void on_scroll(GLFWwindow* w, double x, double y) {
    g_input = true;
    ImGui_ImplGlfw_ScrollCallback(w, x, y);
}
// ImGui 1.86 reads key state once per frame (no input queue before 1.87), so a key pressed
// and released between two frames would never be seen as down: Enter in a text field, a quick
// arrow tap. Such a release is held back until a frame has seen the key down.
struct HeldRelease {
    int key, scancode, mods;
};
std::vector<int> g_pressed_since_frame;
std::vector<HeldRelease> g_held_releases;

void on_key(GLFWwindow* w, int key, int scancode, int action, int mods) {
    g_input = true;
    if (action == GLFW_PRESS) g_pressed_since_frame.push_back(key);
    if (action == GLFW_RELEASE &&
        std::find(g_pressed_since_frame.begin(), g_pressed_since_frame.end(), key) !=
            g_pressed_since_frame.end()) {
        g_held_releases.push_back({key, scancode, mods});
        return;
    }
    ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
}

// After a frame: every key pressed before it has been seen down; deliver held releases.
bool release_held_keys(GLFWwindow* w) {
    g_pressed_since_frame.clear();
    if (g_held_releases.empty()) return false;
    for (const auto& r : g_held_releases)
        ImGui_ImplGlfw_KeyCallback(w, r.key, r.scancode, GLFW_RELEASE, r.mods);
    g_held_releases.clear();
    return true;
}
void on_char(GLFWwindow* w, unsigned int c) {
    g_input = true;
    ImGui_ImplGlfw_CharCallback(w, c);
}
void on_focus(GLFWwindow* w, int focused) {
    g_input = true;
    ImGui_ImplGlfw_WindowFocusCallback(w, focused);
}
void on_enter(GLFWwindow* w, int entered) {
    g_input = true;
    ImGui_ImplGlfw_CursorEnterCallback(w, entered);
}
void on_resize(GLFWwindow*, int, int) {
    g_input = true;
}
void on_refresh(GLFWwindow*) {
    g_input = true;
}

// Our callbacks replace the backend's and forward to it, so every event also marks a redraw.
void install_callbacks(GLFWwindow* w) {
    glfwSetCursorPosCallback(w, on_cursor_pos);
    glfwSetMouseButtonCallback(w, on_mouse_button);
    glfwSetScrollCallback(w, on_scroll);
    glfwSetKeyCallback(w, on_key);
    glfwSetCharCallback(w, on_char);
    glfwSetWindowFocusCallback(w, on_focus);
    glfwSetCursorEnterCallback(w, on_enter);
    glfwSetFramebufferSizeCallback(w, on_resize);
    glfwSetWindowRefreshCallback(w, on_refresh);
}

std::vector<std::string> glyph_texts(const ViewModel& v) {
    std::vector<std::string> texts = all_japanese_texts();
    // Symbols the panels draw themselves (empty cell, unknown progress, missing glyph).
    texts.emplace_back("—…〓°");
    for (const auto& p : v.persons) {
        texts.push_back(p.name);
        texts.push_back(p.name_kana);
        texts.push_back(p.address);
    }
    for (const auto& f : v.facilities) {
        texts.push_back(f.name);
        texts.push_back(f.address);
    }
    // Incident operations: texts that come from the data layer rather than ui_text.
    for (int n = 0; n <= 5; ++n) {
        const auto& p = data::ops::phase_info(n);
        for (const auto t : {p.name_ja, p.range_ja, p.needs_ja, p.post_ja, p.priorities_ja})
            texts.emplace_back(t);
    }
    for (const auto l :
         {data::EvacuationLevel::none, data::EvacuationLevel::elderly_evacuation,
          data::EvacuationLevel::evacuation_instruction, data::EvacuationLevel::emergency_safety})
        texts.emplace_back(data::ops::label_ja(l));
    for (const auto key : data::ops::check_field_keys())
        texts.emplace_back(data::ops::check_field_label_ja(key));
    texts.emplace_back(data::ops::air_mattress_reminder_ja());
    // Projector mode: arrows, shapes and the drill's own texts.
    for (auto& t : projector_large_texts())
        texts.push_back(std::move(t));
    texts.emplace_back("←→↑↓");
    texts.push_back(v.drill.title);
    for (const auto& line : v.drill.ticker)
        texts.push_back(line.text_ja);
    for (const auto& inc : v.ops.incidents)
        texts.push_back(inc.title);
    for (const auto& o : v.ops.outages)
        texts.push_back(o.name);
    for (const auto& l : v.scene.layers) {
        texts.push_back(l.name_ja);
        for (const auto& label : l.labels)
            texts.push_back(label.text);
        for (const auto& e : l.legend)
            texts.push_back(e.label_ja);
    }
    return texts;
}

void apply_style(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0.0f;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

constexpr ImGuiWindowFlags k_tile = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

// The keys projector_key_commands binds (GLFW codes, as ImGui 1.86 indexes io.KeysDown).
constexpr int k_projector_keys[] = {
    GLFW_KEY_SPACE,       GLFW_KEY_EQUAL,     GLFW_KEY_KP_ADD, GLFW_KEY_SEMICOLON, GLFW_KEY_MINUS,
    GLFW_KEY_KP_SUBTRACT, GLFW_KEY_LEFT,      GLFW_KEY_RIGHT,  GLFW_KEY_UP,        GLFW_KEY_DOWN,
    GLFW_KEY_PAGE_UP,     GLFW_KEY_PAGE_DOWN, GLFW_KEY_HOME,   GLFW_KEY_TAB,       GLFW_KEY_A,
    GLFW_KEY_H,           GLFW_KEY_E,         GLFW_KEY_P,      GLFW_KEY_F11};

double seconds_since(std::chrono::steady_clock::time_point origin) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - origin).count();
}

void place(float x, float y, float w, float h) {
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(std::max(w, 1.0f), std::max(h, 1.0f)), ImGuiCond_Always);
}

// The start screen of the map tile when no database is open.
void draw_open_prompt(const PanelContext& ctx, std::string& path) {
    ImGui::TextWrapped("%s", ctx.t("app.no_db"));
    ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 6.0f);
    const bool enter = ImGui::InputText("##db", &path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(ctx.label("app.open").c_str()) || enter) && !path.empty())
        ctx.emit(cmd::OpenDatabase{path});
}

} // namespace

int run_app(const AppOptions& options) {
    ViewModel view;
    const auto settings_path = !options.use_settings_file ? std::nullopt
                               : options.settings_path    ? options.settings_path
                                                          : default_settings_path();
    if (settings_path) {
        std::vector<std::string> warnings;
        view.settings = load_settings(*settings_path, &warnings);
        for (const auto& w : warnings)
            view.warning("設定ファイル: " + w, "settings file: " + w);
    }
    if (options.drill_mode) view.settings.drill_mode = *options.drill_mode;
    if (options.projector_mode) view.settings.projector_mode = *options.projector_mode;
    const bool offscreen = !options.screenshot_png.empty();
    if (options.language) view.settings.language = *options.language;

    SessionOptions so;
    so.title = "Breathline";
    so.width = options.width;
    so.height = options.height;
    so.visible = !offscreen;
    ImguiSession session(so);
    GLFWwindow* window = session.window();
    install_callbacks(window);

    Fonts fonts;
    render::MapRenderer renderer;
    MapView map_view;
    const geo::PlaneProjector projector;
    JobRunner jobs([] { glfwPostEmptyEvent(); });
    Controller controller(view, jobs, settings_path, options.data_dir, options.actor);
    controller.set_user_layer_loader(map::load_user_layer);
    controller.set_requested_role(options.role); // `open --role` (issue 9)
    // Where the local replica of a server is kept (issue 9): option, setting, default. Without
    // the settings file (tests, screenshots) nothing is written to the user's data directory.
    std::string replica = options.replica_path;
    if (replica.empty()) replica = view.settings.replica_path;
    if (replica.empty() && options.use_settings_file) replica = default_replica_path().string();
    controller.set_replica_path(replica);
    if (options.now) controller.set_clock(std::make_shared<data::ops::ScenarioClock>(*options.now));
    CommandQueue queue;
    std::string open_path = !options.db.empty() ? options.db : view.settings.last_db;
    if (!options.db.empty()) controller.apply(cmd::OpenDatabase{options.db});

    ImFont* font = nullptr;
    float font_scale = 0.0f;
    // The atlas's layout: 0 for the normal console, else the projector factor it was built for.
    float font_projector = -1.0f;
    ProjectorKeyState projector_keys;
    bool full_screen = false;
    int windowed[4] = {0, 0, options.width, options.height}; // x, y, w, h before full screen
    const auto started = std::chrono::steady_clock::now();
    std::optional<render::Framebuffer> offscreen_target;
    int frames_since_board = 0; // offscreen: frames drawn since the database loaded
    int drawn = 0;
    int screenshot_rc = 1;
    bool texts_stale = true;
    int pending = k_frames_after_input;
    int frames = 0;
    std::optional<std::chrono::steady_clock::time_point> exit_at;
    auto last_frame = std::chrono::steady_clock::now();
    std::clock_t last_cpu = std::clock();
    StatusInfo info;
    std::optional<map::FeatureRef> shown_selection;
    // Next wall-clock refresh of the operations board; never (max) until a database has loaded.
    // A sentinel rather than an optional: GCC 12 misreads the optional as maybe-uninitialized.
    constexpr auto k_never = std::chrono::steady_clock::time_point::max();
    auto next_board_refresh = k_never;
    // What the tabs last brought to the front for (a new alarm, form or recommendation).
    std::size_t shown_alarms = 0;
    data::RowId shown_check = 0;
    data::RowId shown_recommendation = 0;

    while (!glfwWindowShouldClose(window)) {
        // Tests that count frames draw continuously.
        if (options.max_frames > 0 || offscreen) pending = std::max(pending, 1);
        if (pending <= 0) {
            // Sleep until the first deadline (exit, board refresh): no polling in between.
            double timeout = k_idle_wait_s;
            const auto until = [&](std::chrono::steady_clock::time_point t) {
                const double s =
                    std::chrono::duration<double>(t - std::chrono::steady_clock::now()).count();
                timeout = std::clamp(s, 0.001, timeout);
            };
            if (exit_at) until(*exit_at);
            if (next_board_refresh != k_never) until(next_board_refresh);
            // A running drill's clock moves on its own (issue 8).
            if (const auto wake = controller.drill_wake_interval())
                timeout = std::clamp(*wake, 0.001, timeout);
            // Live updates (issue 9): the change feed is polled, a lost server retried.
            if (const auto wake = controller.live_wake_interval())
                timeout = std::clamp(*wake, 0.001, timeout);
            // The "press E again" hint goes away on its own.
            if (projector_keys.end_armed_at)
                timeout = std::clamp(*projector_keys.end_armed_at + k_projector_end_confirm_s +
                                         0.05 - seconds_since(started),
                                     0.001, timeout);
            glfwWaitEventsTimeout(timeout);
        } else {
            glfwPollEvents();
        }
        if (exit_at && std::chrono::steady_clock::now() >= *exit_at) break;
        const bool input = g_input.exchange(false);
        const bool was_loaded = view.loaded;
        const bool job_changed =
            jobs.poll([&view](const std::string& ja, const std::string& en, const std::string& e) {
                view.error(ja + ": " + e, en + ": " + e);
            });
        if (!was_loaded && view.loaded && options.exit_after_s > 0)
            exit_at = std::chrono::steady_clock::now() +
                      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                          std::chrono::duration<double>(options.exit_after_s));
        // The board once a database has loaded, then every minute of wall time.
        if (!was_loaded && view.loaded) next_board_refresh = std::chrono::steady_clock::now();
        if (!view.loaded) next_board_refresh = k_never;
        if (next_board_refresh != k_never &&
            std::chrono::steady_clock::now() >= next_board_refresh) {
            controller.apply(cmd::RefreshBoard{});
            next_board_refresh = std::chrono::steady_clock::now() + k_board_refresh;
            pending = std::max(pending, 2);
        }
        // The drill's scenario clock: fire what fell due, redraw when the wall clock's minute
        // moved or something fired.
        if (view.loaded) {
            const auto minute = [&] {
                return std::chrono::floor<std::chrono::minutes>(view.drill.now);
            };
            const auto shown_minute = minute();
            const auto shown_fired = view.drill.actions_fired;
            const bool shown_running = view.drill.running;
            controller.tick_drill();
            if (minute() != shown_minute || view.drill.actions_fired != shown_fired ||
                view.drill.running != shown_running)
                pending = std::max(pending, 1);
        }
        // Other workstations' changes, or the server lost / back (issue 9).
        if (view.loaded && controller.tick_live()) pending = std::max(pending, 1);
        if (options.on_wake && !options.on_wake(view, controller)) break;
        if (input) pending = std::max(pending, k_frames_after_input);
        if (projector_keys.end_armed_at && !projector_keys.end_armed(seconds_since(started))) {
            projector_keys.end_armed_at.reset();
            pending = std::max(pending, 1);
        }
        // Offscreen: give up when the database could not be opened (its job has finished).
        if (offscreen && !view.loaded &&
            ((jobs.status().empty() && drawn > 2) || seconds_since(started) > 120))
            break;
        if (job_changed) pending = std::max(pending, 2);
        if (pending <= 0) continue;
        --pending;
        const auto frame_start = std::chrono::steady_clock::now();

        // Font and style changes happen outside a frame (the atlas is rebuilt).
        const bool scene_changed = controller.take_scene_changed();
        if (scene_changed) texts_stale = true;
        if (texts_stale) {
            if (fonts.set_texts(glyph_texts(view))) font = nullptr;
            texts_stale = false;
            info.unshown_characters = fonts.coverage().missing.size();
            info.unshown_description = fonts.coverage().describe();
        }
        // One switch: projector mode takes the monitor the window is on full-screen (the wall
        // shows the map edge to edge, no title bar) and gives the window back when switched off.
        if (!offscreen && full_screen != view.settings.projector_mode) {
            full_screen = view.settings.projector_mode;
            if (GLFWmonitor* monitor = glfwGetPrimaryMonitor(); monitor && full_screen) {
                glfwGetWindowPos(window, &windowed[0], &windowed[1]);
                glfwGetWindowSize(window, &windowed[2], &windowed[3]);
                const GLFWvidmode* mode = glfwGetVideoMode(monitor);
                glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height,
                                     mode->refreshRate);
            } else if (!full_screen && glfwGetWindowMonitor(window)) {
                glfwSetWindowMonitor(window, nullptr, windowed[0], windowed[1], windowed[2],
                                     windowed[3], 0);
            }
        }
        // Projector sizes follow the framebuffer's width (projector_scale.h).
        int win_w = options.width, win_h = options.height;
        if (!offscreen) glfwGetFramebufferSize(window, &win_w, &win_h);
        const bool wall = view.settings.projector_mode;
        const float factor = projector_factor(static_cast<float>(win_w));
        const float want_projector = wall ? factor : 0.0f;
        if (font == nullptr || font_scale != view.settings.ui_scale ||
            font_projector != want_projector) {
            if (wall) {
                // Built at size, not magnified: glyphs of 96 px stay sharp on the wall.
                const auto large = projector_large_texts();
                std::vector<ImFont*> extra;
                font = fonts.build_atlas(*ImGui::GetIO().Fonts, k_projector_body_px * factor,
                                         {{k_projector_heading_px * factor, large},
                                          {k_projector_count_px * factor, large}},
                                         extra);
                set_projector_fonts({font, extra.at(0), extra.at(1)});
                apply_projector_style(factor);
            } else {
                font = fonts.build_atlas(*ImGui::GetIO().Fonts, k_font_px * view.settings.ui_scale);
                set_projector_fonts({});
                apply_style(view.settings.ui_scale);
            }
            session.reload_font_texture();
            font_scale = view.settings.ui_scale;
            font_projector = want_projector;
        }
        // The board's map symbols follow the mode: Okabe–Ito shapes on the wall, rings otherwise.
        map::apply_board_palette(view.scene,
                                 wall ? map::BoardPalette::projector : map::BoardPalette::normal,
                                 k_projector_board_symbol_px);
        view.jobs.clear();
        for (const auto& j : jobs.status())
            view.jobs.push_back({j.name_ja, j.name_en, j.fraction});

        if (offscreen)
            session.new_offscreen_frame(options.width, options.height);
        else
            session.new_frame();
        const PanelContext ctx{view, queue,
                               [&fonts](std::string_view t) { return fonts.displayable(t); }};
        const ImVec2 display = ImGui::GetIO().DisplaySize;
        // Presenter keys: F11/P everywhere, the rest in projector mode; never while typing.
        if (!offscreen) {
            const ImGuiIO& io = ImGui::GetIO();
            const int mods = (io.KeyShift ? k_mod_shift : 0) | (io.KeyCtrl ? k_mod_control : 0) |
                             (io.KeyAlt ? k_mod_alt : 0);
            for (const int key : k_projector_keys) {
                // Repeats only for moving the map: a held Space must not toggle the pause.
                const bool repeat = key == GLFW_KEY_LEFT || key == GLFW_KEY_RIGHT ||
                                    key == GLFW_KEY_UP || key == GLFW_KEY_DOWN;
                if (!ImGui::IsKeyPressed(key, repeat)) continue;
                for (auto& c :
                     projector_key_commands({key, mods, seconds_since(started), io.WantTextInput},
                                            view, projector_keys))
                    queue.push_back(std::move(c));
                pending = std::max(pending, 2);
            }
        }
        float banner_x = 0, banner_w = display.x; // the lost-server banner (issue 9)
        if (wall) {
            // The whole display is the map; the overlays float over it without taking input.
            ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
            ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
            place(0, 0, display.x, display.y);
            if (ImGui::Begin("##projector.map", nullptr,
                             k_tile | ImGuiWindowFlags_NoDecoration |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus)) {
                if (view.loaded) {
                    MapViewOptions mo;
                    mo.scale = k_projector_symbol_scale * factor;
                    mo.keys = false;
                    mo.background = map::k_projector_background;
                    map_view.draw(ctx, renderer, fonts, font, &projector, mo);
                } else {
                    ImGui::TextWrapped("%s", ctx.t("app.no_db"));
                }
            }
            ImGui::End();
            ImGui::PopStyleVar(2);
            draw_projector_overlays(
                ctx, {projector_keys.help, projector_keys.end_armed(seconds_since(started))});
        } else {
            const float status_h =
                ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y * 2;
            const float left_w = std::round(display.x * 0.27f);
            const float right_w = std::round(display.x * 0.27f);
            const float centre_w = display.x - left_w - right_w;
            const float body_h = display.y - status_h;
            const float log_h = std::round(body_h * 0.18f);

            place(0, 0, left_w, body_h);
            if (ImGui::Begin(ctx.label("app.lists").c_str(), nullptr, k_tile)) {
                draw_search_box(ctx);
                if (ImGui::BeginTabBar("lists")) {
                    if (ImGui::BeginTabItem(ctx.label("tab.registry").c_str())) {
                        draw_registry_table(ctx);
                        ImGui::EndTabItem();
                    }
                    if (ImGui::BeginTabItem(ctx.label("tab.facilities").c_str())) {
                        draw_facility_table(ctx);
                        ImGui::EndTabItem();
                    }
                    // New alarms bring the board (their banner) to the front once.
                    const bool new_alarms = view.ops.alarms.size() > shown_alarms;
                    shown_alarms = view.ops.alarms.size();
                    if (ImGui::BeginTabItem(ctx.label("tab.board").c_str(), nullptr,
                                            new_alarms ? ImGuiTabItemFlags_SetSelected : 0)) {
                        draw_board_panel(ctx);
                        ImGui::EndTabItem();
                    }
                    if (ImGui::BeginTabItem(ctx.label("tab.plans").c_str())) {
                        draw_plan_due_panel(ctx);
                        ImGui::EndTabItem();
                    }
                    ImGui::EndTabBar();
                }
            }
            ImGui::End();

            ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
            place(left_w, 0, centre_w, body_h - log_h);
            if (ImGui::Begin(ctx.label("app.map").c_str(), nullptr,
                             k_tile | ImGuiWindowFlags_NoScrollbar |
                                 ImGuiWindowFlags_NoScrollWithMouse)) {
                if (view.loaded)
                    map_view.draw(ctx, renderer, fonts, font, &projector);
                else
                    draw_open_prompt(ctx, open_path);
            }
            ImGui::End();
            ImGui::PopStyleVar();

            place(left_w, body_h - log_h, centre_w, log_h);
            if (ImGui::Begin(ctx.label("app.log").c_str(), nullptr, k_tile)) draw_message_log(ctx);
            ImGui::End();

            place(left_w + centre_w, 0, right_w, body_h);
            if (ImGui::Begin(ctx.label("app.details").c_str(), nullptr, k_tile)) {
                // A new selection brings its panel to the front once; the user may switch after.
                const bool selection_changed = view.selection != shown_selection;
                shown_selection = view.selection;
                const bool person =
                    view.selection && view.selection->kind == map::FeatureRef::Kind::person;
                const bool facility =
                    view.selection && view.selection->kind == map::FeatureRef::Kind::facility;
                if (ImGui::BeginTabBar("details")) {
                    if (ImGui::BeginTabItem(
                            ctx.label("tab.person").c_str(), nullptr,
                            selection_changed && person ? ImGuiTabItemFlags_SetSelected : 0)) {
                        draw_person_panel(ctx);
                        ImGui::EndTabItem();
                    }
                    if (ImGui::BeginTabItem(ctx.label("tab.facility").c_str(), nullptr,
                                            (selection_changed && facility) || view.placing_facility
                                                ? ImGuiTabItemFlags_SetSelected
                                                : 0)) {
                        draw_facility_panel(ctx);
                        ImGui::EndTabItem();
                    }
                    if (ImGui::BeginTabItem(ctx.label("tab.layers").c_str())) {
                        draw_layer_panel(ctx);
                        ImGui::EndTabItem();
                    }
                    if (ImGui::BeginTabItem(ctx.label("tab.incident").c_str())) {
                        draw_incident_panel(ctx);
                        ImGui::EndTabItem();
                    }
                    // A form just opened, or a recommendation for another person, comes to the
                    // front once; the user may switch away after.
                    const bool new_check = view.ops.check.person_id != shown_check;
                    shown_check = view.ops.check.person_id;
                    if (ImGui::BeginTabItem(ctx.label("tab.check").c_str(), nullptr,
                                            new_check && view.ops.check.is_open()
                                                ? ImGuiTabItemFlags_SetSelected
                                                : 0)) {
                        draw_check_form(ctx);
                        ImGui::EndTabItem();
                    }
                    const data::RowId recommended =
                        view.ops.recommendation ? view.ops.recommendation->person_id : 0;
                    const bool new_recommendation = recommended != shown_recommendation;
                    shown_recommendation = recommended;
                    if (ImGui::BeginTabItem(ctx.label("tab.destination").c_str(), nullptr,
                                            new_recommendation && recommended != 0
                                                ? ImGuiTabItemFlags_SetSelected
                                                : 0)) {
                        draw_destination_panel(ctx);
                        ImGui::EndTabItem();
                    }
                    ImGui::EndTabBar();
                }
            }
            ImGui::End();

            banner_x = left_w; // over the map tile
            banner_w = centre_w;

            place(0, body_h, display.x, status_h);
            if (ImGui::Begin("##status", nullptr, k_tile | ImGuiWindowFlags_NoTitleBar))
                draw_status_bar(ctx, info);
            ImGui::End();
        } // normal layout
        // The server is lost (issue 9): a red banner across the top of the map, at once, in
        // both layouts; drawn last so it stays on top. Height 0: fits the wrapped text.
        // After local mode (issue 9) the replay's report, amber when it needs the coordinator.
        if (view.live.lost || !view.live.replay_report_ja.empty()) {
            ImGui::SetNextWindowPos(ImVec2(banner_x, 0), ImGuiCond_Always);
            ImGui::SetNextWindowSize(ImVec2(std::max(banner_w, 1.0f), 0.0f), ImGuiCond_Always);
            ImU32 background = IM_COL32(20, 120, 60, 240); // replayed, nothing to weigh
            if (view.live.replay_needs_attention) background = IM_COL32(190, 110, 0, 240);
            if (view.live.lost) background = IM_COL32(200, 30, 30, 240);
            ImGui::PushStyleColor(ImGuiCol_WindowBg, background);
            if (ImGui::Begin("##live_banner", nullptr,
                             k_tile | ImGuiWindowFlags_NoDecoration |
                                 ImGuiWindowFlags_NoFocusOnAppearing))
                draw_live_banner(ctx);
            ImGui::End();
            ImGui::PopStyleColor();
        }

        if (offscreen) {
            if (!offscreen_target) offscreen_target.emplace(options.width, options.height);
            offscreen_target->bind();
        } else {
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            int fb_w = 0, fb_h = 0;
            glfwGetFramebufferSize(window, &fb_w, &fb_h);
            glViewport(0, 0, fb_w, fb_h);
        }
        if (wall) {
            const map::Rgba bg = map::k_projector_background;
            glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1.0f);
        } else {
            glClearColor(0.95f, 0.95f, 0.95f, 1.0f);
        }
        glClear(GL_COLOR_BUFFER_BIT);
        session.render();
        if (!offscreen) session.present();
        ++drawn;
        if (offscreen && view.loaded) ++frames_since_board;
        // Three frames after the board (twelve when no board comes): ImGui's auto-sized
        // windows and the map labels have settled.
        if (offscreen && ((view.ops.now && frames_since_board >= 3) || frames_since_board >= 12)) {
            glFinish();
            try {
                render::write_png(options.screenshot_png, options.width, options.height,
                                  offscreen_target->read_rgba());
                screenshot_rc = 0;
            } catch (const std::runtime_error& e) {
                view.error(std::string("PNG: ") + e.what(), std::string("PNG: ") + e.what());
            }
            break;
        }

        if (!queue.empty()) {
            controller.apply_all(queue);
            pending = std::max(pending, 2);
        }
        if (release_held_keys(window)) pending = std::max(pending, 2);
        // CPU use of this process between frames: ~0 while the loop waits for events.
        const auto now = std::chrono::steady_clock::now();
        const std::clock_t cpu = std::clock();
        const double wall_s = std::chrono::duration<double>(now - last_frame).count();
        if (wall_s > 0)
            info.cpu_percent =
                100.0 * (static_cast<double>(cpu - last_cpu) / CLOCKS_PER_SEC) / wall_s;
        info.frame_ms = std::chrono::duration<double, std::milli>(now - frame_start).count();
        info.gpu_bytes = renderer.gpu_bytes() + map_view.framebuffer_bytes();
        last_frame = now;
        last_cpu = cpu;
        if (options.max_frames > 0 && ++frames >= options.max_frames) break;
    }
    jobs.wait_idle();
    jobs.poll({});
    return offscreen ? screenshot_rc : 0;
}

} // namespace breathline::ui
