#pragma once
/// What every panel's draw() gets: the view model to read, the queue to push commands to, and
/// the text helpers (language, drill-mode masking, characters the font cannot show). One file
/// per view under panels/; none of them touches the store, SQL, PROJ or GL.
///
/// Thread safety: ImGui's (main thread, inside a frame).

#include "console/ui/command_permissions.h"
#include "console/ui/commands.h"
#include "console/ui/ui_text.h"
#include "console/ui/view_model.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace breathline::ui {

struct PanelContext {
    const ViewModel& view;
    CommandQueue& out;
    /// Replaces characters the font cannot draw with 〓 (Fonts::displayable); identity if empty.
    std::function<std::string(std::string_view)> displayable;

    Lang lang() const { return view.settings.language; }
    bool drill() const { return view.settings.drill_mode; }
    const char* t(std::string_view key) const { return ui_text(lang(), key); }
    std::string label(std::string_view key) const { return ui_label(lang(), key); }
    std::string show(std::string_view text) const {
        return displayable ? displayable(text) : std::string(text);
    }
    /// Picks the Japanese or English variant of a pair of strings.
    const std::string& pick(const std::string& ja, const std::string& en) const {
        return lang() == Lang::ja ? ja : en;
    }
    std::string_view pick(std::string_view ja, std::string_view en) const {
        return lang() == Lang::ja ? ja : en;
    }
    void emit(Command c) const { out.push_back(std::move(c)); }
    /// Whether the role may run `c` (issue 9): panels disable the control when not; the
    /// Controller refuses it anyway. The active incident decides the drill alternative.
    bool allowed(const Command& c) const {
        return command_allowed(c, view.role, view.ops.active && view.ops.active->is_drill);
    }
};

// One function per view (panels/<name>.cpp).
void draw_person_panel(const PanelContext& ctx);
void draw_facility_panel(const PanelContext& ctx);
void draw_registry_table(const PanelContext& ctx);
void draw_facility_table(const PanelContext& ctx);
void draw_search_box(const PanelContext& ctx);
void draw_message_log(const PanelContext& ctx);
void draw_layer_panel(const PanelContext& ctx);
/// Support plans overdue, due for the yearly review within N days, and ventilator users with no
/// plan (要領 第7条); a row selects the person.
void draw_plan_due_panel(const PanelContext& ctx);
// Incident operations (issue 5).
void draw_incident_panel(const PanelContext& ctx);
void draw_board_panel(const PanelContext& ctx);
void draw_check_form(const PanelContext& ctx);
void draw_destination_panel(const PanelContext& ctx);
/// The lost-server banner (issue 9): draws nothing while the server is reachable.
void draw_live_banner(const PanelContext& ctx);

// Projector mode (issue 8; panels/projector_panels.cpp): the wall display over the full-screen
// map. Each draw_projector_* draws into the current ImGui window (the privacy scan and the
// panel tests call them one by one); draw_projector_overlays places them all. Sizes and their
// calculation: console/ui/projector_scale.h.
/// The projector's font sizes (owned by the ImGui atlas; rebuilt by the app). Null members: the
/// panels use the current font (tests in a bare ImGui context).
struct ProjectorFonts {
    ImFont* body = nullptr;    ///< k_projector_body_px: runway rows, ticker, banner, help
    ImFont* heading = nullptr; ///< k_projector_heading_px: clock, tile labels
    ImFont* count = nullptr;   ///< k_projector_count_px: the five counts
};
void set_projector_fonts(const ProjectorFonts& fonts);
const ProjectorFonts& projector_fonts();
/// Texts whose characters the heading and count sizes need (digits, level and clock words in
/// both languages, phase names).
std::vector<std::string> projector_large_texts();
/// The projector's ImGui style: near-black, white text, thick white borders, sizes × factor.
void apply_projector_style(float factor);
/// Five tiles 危険/緊急/未確認/要注意/問題なし: shape, label and count each ("—" without a board).
void draw_projector_tiles(const PanelContext& ctx);
/// The top k_projector_runway_rows of the board: shape, level, display name, hours left.
void draw_projector_runway(const PanelContext& ctx);
/// Scenario time (JST HH:MM), ×speed, 一時停止, phase and drill title; the real time without a
/// drill.
void draw_projector_clock(const PanelContext& ctx);
/// The newest k_projector_ticker_lines drill events, newest first.
void draw_projector_ticker(const PanelContext& ctx);
/// The alarm banner (nothing when there are no alarms).
void draw_projector_alarms(const PanelContext& ctx);
/// The presenter's short key line, or "press E again to end" while an E press is pending.
void draw_projector_key_line(const PanelContext& ctx, bool end_armed);
/// The full key help (H).
void draw_projector_help(const PanelContext& ctx);
/// What the keys toggled (console/ui/projector_keys.h) that the overlays show.
struct ProjectorOverlay {
    bool help = false;
    bool end_armed = false;
};
/// Every projector overlay placed over the display: clock top left, alarms under it, tiles and
/// runway list on the right, ticker and key line bottom left, help centred.
void draw_projector_overlays(const PanelContext& ctx, const ProjectorOverlay& overlay);

/// What the status bar shows beside the view model: measured by the app.
struct StatusInfo {
    double cpu_percent = 0; ///< this process, over the last frames
    double frame_ms = 0;
    std::size_t gpu_bytes = 0;
    std::size_t unshown_characters = 0;
    std::string unshown_description; ///< Fonts::coverage().describe()
};
void draw_status_bar(const PanelContext& ctx, const StatusInfo& info);

/// Text labels of enums shown in panels.
std::string_view status_label(const PanelContext& ctx, data::PersonStatus s);
std::string_view group_label(const PanelContext& ctx, map::DeviceGroup g);
std::string_view kind_label(const PanelContext& ctx, data::FacilityKind k);
std::string_view facility_status_label(const PanelContext& ctx, data::FacilityStatus s);
std::string_view precision_label(const PanelContext& ctx, data::GeocodePrecision p);
std::string_view incident_kind_label(const PanelContext& ctx, data::IncidentKind k);
std::string_view evacuation_label(const PanelContext& ctx, data::EvacuationLevel l);
std::string_view judgement_label(const PanelContext& ctx, data::Judgement j);
std::string_view board_level_label(const PanelContext& ctx, data::ops::BoardLevel l);
/// A board reason code (data/ops/board.h) in words; the code itself when unknown.
std::string board_reason_label(const PanelContext& ctx, std::string_view code);
/// True when `text` holds only spaces (full-width ones included): what a required text must not be.
bool is_blank(std::string_view text);
/// "2026-11-22 12:00 JST" for a stored UTC time; the text itself when it does not parse.
std::string jst_text(std::string_view stored_utc);

} // namespace breathline::ui
