// The operations board (安否確認ボード) of the active incident: unacknowledged alarms on top in
// red, the seed's air-mattress reminder, counts per level, the thresholds, and every person at
// home sorted by time to critical. Level colours come from map::board_level_colour so the
// table and the map's board rings say the same thing. Names appear only through display_name
// (masked in drill mode: the board may be projected in a drill).
#include "console/map/ops_layers.h"
#include "console/ui/panels/panel.h"

#include <cstdio>
#include <imgui.h>

namespace breathline::ui {

namespace {

namespace ops = data::ops;

const ImVec4 k_red(0.75f, 0.05f, 0.05f, 1.0f);

ImU32 to_imgui(const map::Rgba& c) {
    return IM_COL32(c.r, c.g, c.b, c.a);
}

// A filled square of the level's colour in line with the text that follows.
void swatch(ops::BoardLevel level) {
    const float s = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + s, p.y + s), to_imgui(map::board_level_colour(level)));
    dl->AddRect(p, ImVec2(p.x + s, p.y + s), IM_COL32(60, 60, 60, 255));
    ImGui::Dummy(ImVec2(s, s));
    ImGui::SameLine();
}

std::string hours_text(double h) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f h", h);
    return buf;
}

std::string runway_text(const PanelContext& ctx, const ops::Runway& r) {
    switch (r.state) {
    case ops::RunwayState::not_applicable:
        return "-";
    case ops::RunwayState::no_deadline:
        return ctx.t("runway.mains");
    case ops::RunwayState::known:
        return r.hours ? hours_text(*r.hours) : std::string(ctx.t("runway.unknown"));
    case ops::RunwayState::unknown:
        return ctx.t("runway.unknown");
    }
    return {};
}

std::string hours_left_text(const PanelContext& ctx, const std::optional<double>& h) {
    return h ? hours_text(*h) : std::string(ctx.t("runway.unknown"));
}

void draw_alarms(const PanelContext& ctx) {
    const auto& alarms = ctx.view.ops.alarms;
    if (alarms.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, k_red);
    ImGui::Text("%s (%zu)", ctx.t("board.alarms"), alarms.size());
    for (const auto& a : alarms) {
        const std::string line = a.external_id + "  " +
                                 std::string(board_level_label(ctx, a.from)) + " -> " +
                                 std::string(board_level_label(ctx, a.to)) + "  " +
                                 ctx.t("board.left") + " " + hours_left_text(ctx, a.hours_left);
        ImGui::BulletText("%s", ctx.show(line).c_str());
    }
    ImGui::PopStyleColor();
    if (ImGui::Button(ctx.label("board.ack").c_str())) ctx.emit(cmd::AcknowledgeAlarms{});
    ImGui::Separator();
}

void draw_thresholds(const PanelContext& ctx) {
    // Typed values are kept until Apply; a new value from the controller replaces them.
    static ops::BoardThresholds draft;
    static ops::BoardThresholds seen{-1, -1, -1, -1};
    const ops::BoardThresholds& current = ctx.view.ops.thresholds;
    const auto same = [](const ops::BoardThresholds& a, const ops::BoardThresholds& b) {
        return a.critical_h == b.critical_h && a.urgent_h == b.urgent_h && a.watch_h == b.watch_h &&
               a.air_mattress_h == b.air_mattress_h;
    };
    if (!same(current, seen)) draft = seen = current;
    if (!ImGui::CollapsingHeader(ctx.label("board.thresholds").c_str())) return;
    ImGui::PushID("thresholds");
    const float w = ImGui::GetFontSize() * 6.0f;
    ImGui::SetNextItemWidth(w);
    ImGui::InputDouble(ctx.label("level.critical").c_str(), &draft.critical_h, 0.5, 1.0, "%.1f");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::InputDouble(ctx.label("level.urgent").c_str(), &draft.urgent_h, 0.5, 1.0, "%.1f");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::InputDouble(ctx.label("level.watch").c_str(), &draft.watch_h, 0.5, 1.0, "%.1f");
    // The controller checks the order too; disabling says so before a log error would.
    const bool valid = draft.critical_h >= 0 && draft.critical_h <= draft.urgent_h &&
                       draft.urgent_h <= draft.watch_h;
    ImGui::BeginDisabled(!valid || same(draft, current));
    if (ImGui::Button(ctx.label("board.apply").c_str())) ctx.emit(cmd::SetBoardThresholds{draft});
    ImGui::EndDisabled();
    ImGui::PopID();
}

void draw_table(const PanelContext& ctx, const ops::Board& board) {
    const ViewModel& v = ctx.view;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
    static constexpr const char* k_columns[] = {
        "board.col.level",   "board.col.id",        "board.col.name",
        "board.col.power",   "board.col.oxygen",    "board.col.outage",
        "board.col.checked", "board.col.judgement", "board.col.reasons"};
    if (!ImGui::BeginTable("board", static_cast<int>(std::size(k_columns)), flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* key : k_columns)
        ImGui::TableSetupColumn(ctx.label(key).c_str());
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(board.rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const ops::BoardRow& row = board.rows[static_cast<std::size_t>(r)];
            const auto index = v.person_index(row.person_id);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(row.person_id));
            swatch(row.level);
            const bool selected = v.selection &&
                                  v.selection->kind == map::FeatureRef::Kind::person &&
                                  v.selection->id == row.person_id;
            if (ImGui::Selectable(std::string(board_level_label(ctx, row.level)).c_str(), selected,
                                  ImGuiSelectableFlags_SpanAllColumns))
                ctx.emit(cmd::Select{
                    {map::FeatureRef::Kind::person, row.person_id, row.external_id}, true});
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ctx.show(row.external_id).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ctx.show(index ? display_name(v.persons[*index], ctx.drill())
                                                  : "[" + row.external_id + "]")
                                       .c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(runway_text(ctx, row.power).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(runway_text(ctx, row.oxygen).c_str());
            ImGui::TableNextColumn();
            if (row.in_outage) ImGui::TextUnformatted(ctx.t("board.in_outage"));
            ImGui::TableNextColumn();
            if (row.latest_check)
                ImGui::TextUnformatted(ctx.show(jst_text(row.latest_check->checked_at)).c_str());
            else
                ImGui::TextDisabled("—");
            ImGui::TableNextColumn();
            if (row.latest_check && row.latest_check->judgement)
                ImGui::TextUnformatted(
                    std::string(judgement_label(ctx, *row.latest_check->judgement)).c_str());
            ImGui::TableNextColumn();
            std::string reasons;
            for (const auto& code : row.reasons)
                reasons += (reasons.empty() ? "" : ", ") + board_reason_label(ctx, code);
            if (row.air_mattress_reminder)
                reasons += (reasons.empty() ? "" : ", ") + std::string(ctx.t("board.air_mattress"));
            ImGui::TextUnformatted(ctx.show(reasons).c_str());
        }
    }
    ImGui::EndTable();
}

} // namespace

void draw_board_panel(const PanelContext& ctx) {
    const OpsView& o = ctx.view.ops;
    draw_alarms(ctx);
    if (ImGui::Button(ctx.label("board.refresh").c_str())) ctx.emit(cmd::RefreshBoard{});
    if (!o.board) {
        ImGui::SameLine();
        ImGui::TextWrapped("%s", ctx.t("board.none"));
        return;
    }
    const ops::Board& board = *o.board;
    ImGui::SameLine();
    ImGui::TextDisabled("%s %s", ctx.show(ops::format_time_jst(board.at)).c_str(),
                        ctx.t("board.at"));

    int reminders = 0;
    for (const auto& r : board.rows)
        if (r.air_mattress_reminder) ++reminders;
    if (reminders > 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.7f, 0.35f, 0.0f, 1.0f));
        ImGui::TextWrapped(
            "%s (%d %s): %s", ctx.t("board.air_mattress"), reminders, ctx.t("board.persons"),
            ctx.show(ctx.pick(ops::air_mattress_reminder_ja(), ops::air_mattress_reminder_en()))
                .c_str());
        ImGui::PopStyleColor();
    }

    for (std::size_t i = 0; i < ops::k_board_level_count; ++i) {
        const auto level = static_cast<ops::BoardLevel>(i);
        if (i > 0) ImGui::SameLine(0.0f, ImGui::GetFontSize());
        swatch(level);
        ImGui::Text("%s %d", std::string(board_level_label(ctx, level)).c_str(),
                    board.count(level));
    }
    draw_thresholds(ctx);
    draw_table(ctx, board);
}

} // namespace breathline::ui
