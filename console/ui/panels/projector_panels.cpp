// Projector mode (issue 8): what the wall shows over the full-screen map. Five big status tiles,
// the top of the runway list, the scenario clock with speed, pause and phase, a ticker of drill
// events, the alarm banner, a key line and the full key help. High contrast on near-black, the
// Okabe–Ito level colours of map::board_level_colour(level, BoardPalette::projector), and every
// level also marked by its shape (map::board_level_shape), so nothing depends on colour alone.
// Sizes: console/ui/projector_scale.h. Persons appear only through display_name() with the
// masking of projector mode (registry numbers), never by name.
#include "console/map/ops_layers.h"
#include "console/ui/panels/panel.h"
#include "console/ui/projector_scale.h"
#include "data/ops/phase.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <imgui.h>

namespace breathline::ui {

namespace {

namespace ops = data::ops;

ProjectorFonts g_fonts;

constexpr std::array<ops::BoardLevel, ops::k_board_level_count> k_levels{
    ops::BoardLevel::critical, ops::BoardLevel::urgent, ops::BoardLevel::unconfirmed,
    ops::BoardLevel::watch, ops::BoardLevel::ok};

ImU32 to_imgui(const map::Rgba& c) {
    return IM_COL32(c.r, c.g, c.b, c.a);
}
ImVec4 to_vec(const map::Rgba& c) {
    return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, c.a / 255.0f);
}
map::Rgba level_colour(ops::BoardLevel level) {
    return map::board_level_colour(level, map::BoardPalette::projector);
}

const ImVec4 k_white(1, 1, 1, 1);
const ImVec4 k_grey(0.78f, 0.78f, 0.78f, 1); // 10:1 on the background: still high contrast

// Pushes `font`, or the current font when the app has not built the projector sizes (panel
// tests in a bare ImGui context), so Push/Pop always pair.
void push_font(ImFont* font) {
    ImGui::PushFont(font != nullptr ? font : ImGui::GetFont());
}

// The level's shape, `size` px, in its colour, at the cursor; the cursor moves past it.
void level_shape(ops::BoardLevel level, float size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImU32 c = to_imgui(level_colour(level));
    const float r = size * 0.5f;
    const ImVec2 m(p.x + r, p.y + r);
    switch (map::board_level_shape(level)) {
    case map::Shape::triangle:
        dl->AddTriangleFilled(ImVec2(m.x, p.y), ImVec2(p.x + size, p.y + size),
                              ImVec2(p.x, p.y + size), c);
        break;
    case map::Shape::diamond:
        dl->AddQuadFilled(ImVec2(m.x, p.y), ImVec2(p.x + size, m.y), ImVec2(m.x, p.y + size),
                          ImVec2(p.x, m.y), c);
        break;
    case map::Shape::ring:
        dl->AddCircle(m, r - size * 0.1f, c, 0, size * 0.18f);
        break;
    case map::Shape::square:
        dl->AddRectFilled(ImVec2(p.x + size * 0.08f, p.y + size * 0.08f),
                          ImVec2(p.x + size * 0.92f, p.y + size * 0.92f), c);
        break;
    default:
        dl->AddCircleFilled(m, r, c);
        break;
    }
    ImGui::Dummy(ImVec2(size, size));
}

std::string hours_text(const PanelContext& ctx, const std::optional<double>& h) {
    if (!h) return ctx.t("proj.unknown_hours");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f h", *h);
    return buf;
}

std::string speed_text(double speed) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "×%g", speed);
    return buf;
}

std::string person_text(const PanelContext& ctx, data::RowId id, const std::string& external_id) {
    const ViewModel& v = ctx.view;
    const auto index = v.person_index(id);
    return ctx.show(index ? display_name(v.persons[*index], v.settings.masks_personal_data())
                          : "[" + external_id + "]");
}

} // namespace

void set_projector_fonts(const ProjectorFonts& fonts) {
    g_fonts = fonts;
}

const ProjectorFonts& projector_fonts() {
    return g_fonts;
}

std::vector<std::string> projector_large_texts() {
    // Digits and signs of counts and clock, "—" for a count without a board, the level shapes
    // and the arrows of the key help.
    std::vector<std::string> texts{"0123456789:.×/-+%()[] —", "▲◆○■●", "←→↑↓"};
    for (const Lang lang : {Lang::ja, Lang::en}) {
        for (const char* key : {"proj.paused", "proj.phase", "proj.real_time", "proj.drill",
                                "proj.no_board", "proj.speed", "proj.finished"})
            texts.emplace_back(ui_text(lang, key));
        for (const char* key :
             {"level.critical", "level.urgent", "level.unconfirmed", "level.watch", "level.ok"})
            texts.emplace_back(ui_text(lang, key));
    }
    for (int n = 0; n <= 5; ++n) {
        texts.emplace_back(ops::phase_info(n).name_ja);
        texts.emplace_back(ops::phase_info(n).name_en);
    }
    return texts;
}

void apply_projector_style(float factor) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    const map::Rgba bg = map::k_projector_background;
    // Overlays sit on the map: nearly opaque so the text keeps its contrast over any colour.
    style.Colors[ImGuiCol_WindowBg] = ImVec4(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 0.94f);
    style.Colors[ImGuiCol_ChildBg] = style.Colors[ImGuiCol_WindowBg];
    style.Colors[ImGuiCol_PopupBg] = ImVec4(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1.0f);
    style.Colors[ImGuiCol_Text] = k_white;
    style.Colors[ImGuiCol_TextDisabled] = k_grey;
    style.Colors[ImGuiCol_Border] = ImVec4(1, 1, 1, 0.9f);
    style.Colors[ImGuiCol_Separator] = ImVec4(1, 1, 1, 0.9f);
    style.WindowRounding = 0;
    style.FrameRounding = 0;
    style.WindowBorderSize = 3.0f;
    style.FrameBorderSize = 2.0f;
    style.WindowPadding = ImVec2(14, 10);
    style.ItemSpacing = ImVec2(14, 8);
    style.ScaleAllSizes(factor);
    ImGui::GetStyle() = style;
}

void draw_projector_tiles(const PanelContext& ctx) {
    const auto& board = ctx.view.ops.board;
    for (const auto level : k_levels) {
        ImGui::PushID(static_cast<int>(level));
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x;
        push_font(g_fonts.count);
        const float count_h = ImGui::GetFontSize();
        ImGui::PopFont();
        const float pad = count_h * 0.1f;
        // The line height is 1.45 em with the digits in its middle 0.5: a tile need not be a
        // whole line tall, so five fit above the runway list on a 1080 px wall.
        const float h = count_h * 0.72f + 2 * pad;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        // The level colour as a thick frame and the shape, the count in the colour, the label
        // in white: the shape and the label carry the level without colour.
        dl->AddRect(p0, ImVec2(p0.x + w, p0.y + h), to_imgui(level_colour(level)), 0, 0,
                    count_h * 0.06f);
        const float shape = count_h * 0.5f;
        ImGui::SetCursorScreenPos(ImVec2(p0.x + pad, p0.y + (h - shape) * 0.5f));
        level_shape(level, shape);
        ImGui::SameLine(0, pad * 1.5f);
        push_font(g_fonts.heading);
        ImGui::SetCursorScreenPos(
            ImVec2(ImGui::GetCursorScreenPos().x, p0.y + (h - ImGui::GetFontSize()) * 0.5f));
        ImGui::TextUnformatted(std::string(board_level_label(ctx, level)).c_str());
        ImGui::PopFont();
        push_font(g_fonts.count);
        const std::string count = board ? std::to_string(board->count(level)) : "—";
        const float tw = ImGui::CalcTextSize(count.c_str()).x;
        ImGui::SetCursorScreenPos(ImVec2(p0.x + w - pad * 2 - tw, p0.y + (h - count_h) * 0.5f));
        ImGui::PushStyleColor(ImGuiCol_Text, to_vec(level_colour(level)));
        ImGui::TextUnformatted(count.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + h));
        ImGui::Dummy(ImVec2(w, pad));
        ImGui::PopID();
    }
}

void draw_projector_runway(const PanelContext& ctx) {
    const ViewModel& v = ctx.view;
    push_font(g_fonts.body);
    ImGui::TextUnformatted(ctx.t("proj.runway"));
    ImGui::Separator();
    const auto& board = v.ops.board;
    if (!board || board->rows.empty()) {
        ImGui::TextDisabled("%s", ctx.t("proj.no_board"));
        ImGui::PopFont();
        return;
    }
    const float line = ImGui::GetFontSize();
    // The name column starts after the widest level word of the language.
    float label_w = 0;
    for (const auto level : k_levels)
        label_w = std::max(
            label_w, ImGui::CalcTextSize(std::string(board_level_label(ctx, level)).c_str()).x);
    const float name_x =
        ImGui::GetCursorPosX() + line + ImGui::GetStyle().ItemSpacing.x * 2 + label_w;
    int shown = 0;
    for (const auto& row : board->rows) {
        if (shown++ >= k_projector_runway_rows) break;
        const bool selected = v.selection && v.selection->kind == map::FeatureRef::Kind::person &&
                              v.selection->id == row.person_id;
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        level_shape(row.level, line);
        ImGui::SameLine();
        ImGui::TextUnformatted(std::string(board_level_label(ctx, row.level)).c_str());
        ImGui::SameLine(name_x);
        ImGui::TextUnformatted(person_text(ctx, row.person_id, row.external_id).c_str());
        const std::string hours = hours_text(ctx, row.hours_left);
        const float tw = ImGui::CalcTextSize(hours.c_str()).x;
        ImGui::SameLine(std::max(ImGui::GetContentRegionMax().x - tw, name_x + line * 5.0f));
        // Unknown runways sort with the urgent ones (board.h): say so in the level colour.
        if (!row.hours_left)
            ImGui::TextColored(to_vec(level_colour(ops::BoardLevel::unconfirmed)), "%s",
                               hours.c_str());
        else
            ImGui::TextUnformatted(hours.c_str());
        if (selected) {
            // The presenter's Tab cursor: a white frame round the row.
            const ImVec2 p1(p0.x + ImGui::GetContentRegionAvail().x, ImGui::GetItemRectMax().y);
            ImGui::GetWindowDrawList()->AddRect(ImVec2(p0.x - 4, p0.y - 2), ImVec2(p1.x, p1.y + 2),
                                                IM_COL32(255, 255, 255, 255), 0, 0, 3.0f);
        }
    }
    if (static_cast<int>(board->rows.size()) > k_projector_runway_rows)
        ImGui::TextDisabled("%s %zu", ctx.t("proj.more"),
                            board->rows.size() - static_cast<std::size_t>(k_projector_runway_rows));
    ImGui::PopFont();
}

void draw_projector_clock(const PanelContext& ctx) {
    const ViewModel& v = ctx.view;
    const DrillView& d = v.drill;
    push_font(g_fonts.heading);
    if (d.running) {
        ImGui::TextUnformatted(ops::format_clock_jst(d.now).c_str());
        ImGui::SameLine();
        ImGui::TextUnformatted(speed_text(d.speed).c_str());
        if (d.paused) {
            ImGui::SameLine();
            // Black on yellow: the pause must be seen from the back of the room.
            const map::Rgba y = level_colour(ops::BoardLevel::watch);
            const std::string text = ctx.t("proj.paused");
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const ImVec2 s = ImGui::CalcTextSize(text.c_str());
            ImGui::GetWindowDrawList()->AddRectFilled(
                ImVec2(p.x - 6, p.y), ImVec2(p.x + s.x + 6, p.y + s.y), to_imgui(y));
            ImGui::TextColored(ImVec4(0, 0, 0, 1), "%s", text.c_str());
        } else if (d.finished) {
            ImGui::SameLine();
            ImGui::TextUnformatted(ctx.t("proj.finished"));
        }
    } else {
        const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        ImGui::TextUnformatted(
            ops::format_clock_jst(ops::TimePoint(now.time_since_epoch())).c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", ctx.t("proj.real_time"));
    }
    ImGui::PopFont();
    push_font(g_fonts.body);
    if (v.ops.phase) {
        const auto& p = ops::phase_info(*v.ops.phase);
        ImGui::Text("%s %d  %s", ctx.t("proj.phase"), p.number,
                    std::string(ctx.pick(p.name_ja, p.name_en)).c_str());
    }
    if (d.running)
        ImGui::Text("%s  %s", ctx.t("proj.drill"), ctx.show(d.title).c_str());
    else if (v.ops.active)
        ImGui::TextUnformatted(ctx.show(v.ops.active->title).c_str());
    ImGui::PopFont();
}

void draw_projector_ticker(const PanelContext& ctx) {
    const DrillView& d = ctx.view.drill;
    push_font(g_fonts.body);
    if (d.ticker.empty()) {
        ImGui::TextDisabled("%s", ctx.t("proj.no_events"));
    } else {
        int shown = 0;
        for (const auto& line : d.ticker) { // newest first
            if (shown++ >= k_projector_ticker_lines) break;
            // The newest line in white, older ones grey: the eye finds what just happened.
            ImGui::TextColored(shown == 1 ? k_white : k_grey, "%s  %s",
                               ops::format_clock_jst(line.at).c_str(),
                               ctx.show(ctx.pick(line.text_ja, line.text_en)).c_str());
        }
    }
    ImGui::PopFont();
}

void draw_projector_alarms(const PanelContext& ctx) {
    const auto& alarms = ctx.view.ops.alarms;
    if (alarms.empty()) return;
    push_font(g_fonts.body);
    const map::Rgba red = level_colour(ops::BoardLevel::critical);
    level_shape(ops::BoardLevel::critical, ImGui::GetFontSize());
    ImGui::SameLine();
    ImGui::TextColored(to_vec(red), "%s %zu  [A] %s", ctx.t("proj.alarms"), alarms.size(),
                       ctx.t("proj.ack"));
    // Newest first: the banner is short, and the latest crossing is the news.
    int shown = 0;
    for (auto it = alarms.rbegin(); it != alarms.rend() && shown < 3; ++it, ++shown) {
        const std::string line = person_text(ctx, it->person_id, it->external_id) + "  " +
                                 std::string(board_level_label(ctx, it->from)) + " → " +
                                 std::string(board_level_label(ctx, it->to)) + "  " +
                                 hours_text(ctx, it->hours_left);
        ImGui::TextUnformatted(line.c_str());
    }
    ImGui::PopFont();
}

void draw_projector_key_line(const PanelContext& ctx, bool end_armed) {
    push_font(g_fonts.body);
    if (end_armed) {
        ImGui::TextColored(to_vec(level_colour(ops::BoardLevel::watch)), "%s",
                           ctx.t("proj.end_again"));
    } else {
        // For the presenter at the laptop, not the room: a smaller size of the body font.
        ImGui::SetWindowFontScale(0.45f);
        ImGui::TextDisabled("%s", ctx.t("proj.keys_short"));
        ImGui::SetWindowFontScale(1.0f);
    }
    ImGui::PopFont();
}

void draw_projector_help(const PanelContext& ctx) {
    push_font(g_fonts.body);
    ImGui::TextUnformatted(ctx.t("proj.help_title"));
    ImGui::Separator();
    static constexpr std::pair<const char*, const char*> k_rows[] = {
        {"Space", "proj.help.pause"}, {"+  /  -", "proj.help.speed"},
        {"← → ↑ ↓", "proj.help.pan"}, {"PgUp / PgDn", "proj.help.zoom"},
        {"Home", "proj.help.fit"},    {"Tab / Shift+Tab", "proj.help.next"},
        {"A", "proj.help.ack"},       {"E E", "proj.help.end"},
        {"H", "proj.help.help"},      {"P / F11", "proj.help.projector"},
    };
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit)) {
        for (const auto& [keys, what] : k_rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(to_vec(level_colour(ops::BoardLevel::unconfirmed)), "%s", keys);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ctx.t(what));
        }
        ImGui::EndTable();
    }
    ImGui::PopFont();
}

void draw_projector_overlays(const PanelContext& ctx, const ProjectorOverlay& overlay) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float f = projector_factor(display.x);
    const float margin = 16.0f * f;
    const ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
        ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
    // Not NoBringToFrontOnFocus: ImGui puts such windows at the back of the display order at
    // creation, behind the full-screen map. NoInputs keeps them from ever taking focus.
    const float right_w = std::round(640.0f * f);

    // Right column: the five counts, then the top of the runway list.
    ImGui::SetNextWindowPos(ImVec2(display.x - right_w - margin, margin));
    ImGui::SetNextWindowSize(ImVec2(right_w, 0));
    if (ImGui::Begin("##proj.tiles", nullptr, flags | ImGuiWindowFlags_AlwaysAutoResize))
        draw_projector_tiles(ctx);
    const float tiles_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
    ImGui::End();
    ImGui::SetNextWindowPos(ImVec2(display.x - right_w - margin, tiles_bottom + margin));
    ImGui::SetNextWindowSize(ImVec2(right_w, 0));
    if (ImGui::Begin("##proj.runway", nullptr, flags | ImGuiWindowFlags_AlwaysAutoResize))
        draw_projector_runway(ctx);
    ImGui::End();

    // Top left: the clock with speed, pause and phase.
    ImGui::SetNextWindowPos(ImVec2(margin, margin));
    if (ImGui::Begin("##proj.clock", nullptr, flags | ImGuiWindowFlags_AlwaysAutoResize))
        draw_projector_clock(ctx);
    const float clock_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
    ImGui::End();

    // Below the clock: the alarm banner, framed in the critical colour.
    if (!ctx.view.ops.alarms.empty()) {
        ImGui::SetNextWindowPos(ImVec2(margin, clock_bottom + margin));
        ImGui::PushStyleColor(ImGuiCol_Border, to_vec(level_colour(ops::BoardLevel::critical)));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 6.0f * f);
        if (ImGui::Begin("##proj.alarms", nullptr, flags | ImGuiWindowFlags_AlwaysAutoResize))
            draw_projector_alarms(ctx);
        ImGui::End();
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }

    // Bottom left: the ticker, then the key line under it.
    const float left_w = display.x - right_w - 3 * margin;
    ImGui::SetNextWindowPos(ImVec2(margin, display.y - margin), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowSize(ImVec2(left_w, 0));
    if (ImGui::Begin("##proj.ticker", nullptr, flags | ImGuiWindowFlags_AlwaysAutoResize)) {
        draw_projector_ticker(ctx);
        draw_projector_key_line(ctx, overlay.end_armed);
    }
    ImGui::End();

    if (overlay.help) {
        ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always,
                                ImVec2(0.5f, 0.5f));
        ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_PopupBg));
        if (ImGui::Begin("##proj.help", nullptr, flags | ImGuiWindowFlags_AlwaysAutoResize))
            draw_projector_help(ctx);
        ImGui::End();
        ImGui::PopStyleColor();
    }
}

} // namespace breathline::ui
