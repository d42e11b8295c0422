// The incident panel: the active incident with its disaster phase (Toshima seed II-1) and the
// evacuation information in force, the open incidents to switch between, declaring and closing
// an incident, and the power outage areas (listed, restored, drawn on the map or the whole
// ward). Without an active incident only the declare form and the selector show, so nothing
// can be attached to an incident that does not exist.
#include "console/ui/panels/panel.h"
#include "data/ops/phase.h"

#include <array>
#include <cstdio>
#include <imgui.h>
#include <imgui_stdlib.h>

namespace breathline::ui {

namespace {

constexpr std::array k_kinds = {data::IncidentKind::earthquake, data::IncidentKind::storm_flood,
                                data::IncidentKind::power_outage, data::IncidentKind::pandemic,
                                data::IncidentKind::other};
constexpr std::array k_levels = {
    data::EvacuationLevel::none, data::EvacuationLevel::elderly_evacuation,
    data::EvacuationLevel::evacuation_instruction, data::EvacuationLevel::emergency_safety};

// What the user types before pressing a button. The controller only sees the finished command,
// so, like the layer panel's path, the text lives here and not in the view model.
struct Drafts {
    cmd::DeclareIncident declare;
    std::string close_summary;
    std::string outage_name;
    std::string outage_start;
    std::string outage_file;
    std::string restore_at;
};

Drafts& drafts() {
    static Drafts d;
    return d;
}

std::string elapsed_text(data::ops::TimePoint onset, data::ops::TimePoint now) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(now - onset).count();
    const long long m = minutes < 0 ? -minutes : minutes;
    char buf[48];
    if (m >= 24 * 60)
        std::snprintf(buf, sizeof buf, "%s%lldd %02lldh %02lldm", minutes < 0 ? "-" : "",
                      m / (24 * 60), (m / 60) % 24, m % 60);
    else
        std::snprintf(buf, sizeof buf, "%s%lldh %02lldm", minutes < 0 ? "-" : "", m / 60, m % 60);
    return buf;
}

std::string incident_line(const PanelContext& ctx, const data::Incident& inc) {
    std::string s = "#" + std::to_string(inc.id) + " " + inc.title;
    if (inc.is_drill) s += std::string(" ") + ctx.t("incident.drill");
    return s;
}

void draw_selector(const PanelContext& ctx) {
    const OpsView& ops = ctx.view.ops;
    if (ops.incidents.empty()) return;
    const std::string preview = ops.active ? ctx.show(incident_line(ctx, *ops.active))
                                           : std::string(ctx.t("incident.none"));
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::TextUnformatted(ctx.t("incident.open_list"));
    ImGui::SetNextItemWidth(-1.0f);
    // Roles (issue 9): the controller refuses what the role may not do; disabled here too.
    ImGui::BeginDisabled(!ctx.allowed(cmd::ActivateIncident{}));
    const bool open = ImGui::BeginCombo("##incidents", preview.c_str());
    ImGui::EndDisabled();
    if (open) {
        for (const auto& inc : ops.incidents) {
            ImGui::PushID(static_cast<int>(inc.id));
            const bool active = ops.active && ops.active->id == inc.id;
            if (ImGui::Selectable(ctx.show(incident_line(ctx, inc)).c_str(), active) && !active)
                ctx.emit(cmd::ActivateIncident{inc.id});
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
}

void draw_declare_form(const PanelContext& ctx, bool open_by_default) {
    if (!ImGui::CollapsingHeader(ctx.label("incident.declare").c_str(),
                                 open_by_default ? ImGuiTreeNodeFlags_DefaultOpen : 0))
        return;
    ImGui::PushID("declare");
    cmd::DeclareIncident& d = drafts().declare;
    if (ImGui::BeginCombo(ctx.label("incident.kind").c_str(),
                          std::string(incident_kind_label(ctx, d.kind)).c_str())) {
        for (const auto k : k_kinds)
            if (ImGui::Selectable(std::string(incident_kind_label(ctx, k)).c_str(), k == d.kind))
                d.kind = k;
        ImGui::EndCombo();
    }
    ImGui::InputText(ctx.label("incident.title").c_str(), &d.title);
    ImGui::InputText(ctx.label("incident.onset_input").c_str(), &d.onset);
    ImGui::Checkbox(ctx.label("incident.drill_flag").c_str(), &d.drill);
    if (ImGui::BeginCombo(ctx.label("incident.level").c_str(),
                          ctx.show(evacuation_label(ctx, d.level)).c_str())) {
        for (const auto l : k_levels)
            if (ImGui::Selectable(ctx.show(evacuation_label(ctx, l)).c_str(), l == d.level))
                d.level = l;
        ImGui::EndCombo();
    }
    ImGui::BeginDisabled(is_blank(d.title) || !ctx.allowed(d));
    if (ImGui::Button(ctx.label("incident.declare_button").c_str())) {
        ctx.emit(d);
        d = cmd::DeclareIncident{};
    }
    ImGui::EndDisabled();
    ImGui::PopID();
}

void draw_active(const PanelContext& ctx, const data::Incident& inc) {
    const OpsView& ops = ctx.view.ops;
    ImGui::TextUnformatted(ctx.show(inc.title).c_str());
    if (inc.is_drill) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.1f, 0.35f, 0.8f, 1.0f), "%s", ctx.t("incident.drill"));
    }
    ImGui::Text("%s: %s", ctx.t("incident.kind"),
                std::string(incident_kind_label(ctx, inc.kind)).c_str());
    const auto onset = data::ops::parse_time(inc.onset_at);
    ImGui::Text("%s: %s", ctx.t("incident.onset"), ctx.show(jst_text(inc.onset_at)).c_str());
    if (onset && ops.now) {
        ImGui::SameLine();
        ImGui::Text("  %s: %s", ctx.t("incident.elapsed"),
                    ctx.show(elapsed_text(*onset, *ops.now)).c_str());
    }
    if (ops.phase && *ops.phase >= 0 && *ops.phase <= 5) {
        const data::ops::PhaseInfo& p = data::ops::phase_info(*ops.phase);
        ImGui::Text("%s %d: %s (%s)", ctx.t("incident.phase"), p.number,
                    ctx.show(ctx.pick(p.name_ja, p.name_en)).c_str(),
                    ctx.show(ctx.pick(p.range_ja, p.range_en)).c_str());
        ImGui::TextWrapped("%s: %s", ctx.t("incident.priorities"),
                           ctx.show(ctx.pick(p.priorities_ja, p.priorities_en)).c_str());
        ImGui::TextWrapped("%s: %s", ctx.t("incident.needs"),
                           ctx.show(ctx.pick(p.needs_ja, p.needs_en)).c_str());
        ImGui::TextWrapped("%s: %s", ctx.t("incident.post"),
                           ctx.show(ctx.pick(p.post_ja, p.post_en)).c_str());
    } else if (onset) {
        ImGui::TextDisabled("%s", ctx.t("incident.before_onset"));
    }
    ImGui::BeginDisabled(!ctx.allowed(cmd::SetEvacuationLevel{}));
    const bool level_open =
        ImGui::BeginCombo(ctx.label("incident.level").c_str(),
                          ctx.show(evacuation_label(ctx, inc.evacuation_level)).c_str());
    ImGui::EndDisabled();
    if (level_open) {
        for (const auto l : k_levels)
            if (ImGui::Selectable(ctx.show(evacuation_label(ctx, l)).c_str(),
                                  l == inc.evacuation_level) &&
                l != inc.evacuation_level)
                ctx.emit(cmd::SetEvacuationLevel{l});
        ImGui::EndCombo();
    }
}

void draw_close(const PanelContext& ctx, const data::Incident& inc) {
    if (!ImGui::CollapsingHeader(ctx.label("incident.close").c_str())) return;
    ImGui::PushID("close");
    std::string& summary = drafts().close_summary;
    // The label above: a full-width text box leaves no room for it on the right.
    ImGui::TextUnformatted(ctx.t("incident.summary"));
    ImGui::InputTextMultiline("##summary", &summary, ImVec2(-1.0f, ImGui::GetTextLineHeight() * 3));
    // A closed incident without a summary tells the next shift nothing.
    ImGui::BeginDisabled(is_blank(summary) || !ctx.allowed(cmd::CloseIncident{}));
    if (ImGui::Button(ctx.label("incident.close_button").c_str())) {
        ctx.emit(cmd::CloseIncident{inc.id, summary});
        summary.clear();
    }
    ImGui::EndDisabled();
    ImGui::PopID();
}

void draw_outages(const PanelContext& ctx) {
    const OpsView& ops = ctx.view.ops;
    if (!ImGui::CollapsingHeader(ctx.label("outage.title").c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        return;
    Drafts& d = drafts();
    if (ops.outages.empty()) ImGui::TextDisabled("%s", ctx.t("outage.none"));
    bool any_ongoing = false;
    // Every outage action below needs the same permission (issue 9).
    ImGui::BeginDisabled(!ctx.allowed(cmd::FinishOutage{}));
    for (const auto& o : ops.outages) {
        ImGui::PushID(static_cast<int>(o.id));
        const std::string until =
            o.restored_at ? std::string(ctx.t("outage.restored")) + " " + jst_text(*o.restored_at)
                          : std::string(ctx.t("outage.ongoing"));
        ImGui::BulletText("%s  %s - %s", ctx.show(o.name).c_str(),
                          ctx.show(jst_text(o.starts_at)).c_str(), ctx.show(until).c_str());
        if (!o.restored_at) {
            any_ongoing = true;
            ImGui::SameLine();
            if (ImGui::SmallButton(ctx.label("outage.restore").c_str())) {
                ctx.emit(cmd::RestoreOutage{o.id, d.restore_at});
                d.restore_at.clear();
            }
        }
        ImGui::PopID();
    }
    if (any_ongoing) ImGui::InputText(ctx.label("outage.restore_at").c_str(), &d.restore_at);
    ImGui::Separator();
    ImGui::InputText(ctx.label("outage.name").c_str(), &d.outage_name);
    ImGui::InputText(ctx.label("outage.start").c_str(), &d.outage_start);
    if (ops.drawing) {
        const std::size_t n = ops.drawing->size();
        ImGui::TextColored(ImVec4(0.1f, 0.35f, 0.8f, 1.0f), "%s: %zu", ctx.t("outage.vertices"), n);
        if (n < 3) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", ctx.t("outage.need_three"));
        }
        ImGui::BeginDisabled(n == 0);
        if (ImGui::Button(ctx.label("outage.undo").c_str())) ctx.emit(cmd::UndoOutageVertex{});
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(n < 3);
        if (ImGui::Button(ctx.label("outage.finish").c_str())) {
            ctx.emit(cmd::FinishOutage{d.outage_name, d.outage_start});
            d.outage_name.clear();
            d.outage_start.clear();
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(ctx.label("outage.cancel").c_str())) ctx.emit(cmd::CancelOutageDrawing{});
    } else {
        if (ImGui::Button(ctx.label("outage.draw").c_str())) ctx.emit(cmd::StartOutageDrawing{});
        ImGui::SameLine();
        if (ImGui::Button(ctx.label("outage.ward").c_str())) {
            ctx.emit(cmd::AddWardOutage{d.outage_name, d.outage_start});
            d.outage_name.clear();
            d.outage_start.clear();
        }
        // The power company's or the ward's own polygon file (any format GDAL reads).
        ImGui::InputText(ctx.label("outage.file").c_str(), &d.outage_file);
        ImGui::SameLine();
        ImGui::BeginDisabled(is_blank(d.outage_file));
        if (ImGui::Button(ctx.label("outage.import").c_str())) {
            ctx.emit(cmd::ImportOutage{d.outage_file, d.outage_name, d.outage_start});
            d.outage_name.clear();
            d.outage_start.clear();
        }
        ImGui::EndDisabled();
    }
    ImGui::EndDisabled();
}

} // namespace

void draw_incident_panel(const PanelContext& ctx) {
    const OpsView& ops = ctx.view.ops;
    if (!ops.active) {
        ImGui::TextWrapped("%s", ctx.t("incident.none"));
        draw_selector(ctx);
        draw_declare_form(ctx, true);
        return;
    }
    draw_active(ctx, *ops.active);
    draw_selector(ctx);
    ImGui::Separator();
    draw_outages(ctx);
    draw_declare_form(ctx, false);
    draw_close(ctx, *ops.active);
}

} // namespace breathline::ui
