// Where the selected person should go (issue 5, "Where to go"): the ranked options with ETA and
// road distance under the active closures, the facilities skipped and why, confirming one, or
// sending the person elsewhere with a mandatory reason (it goes into the audit log), and the
// latest decision recorded.
#include "console/ui/panels/panel.h"

#include <cstdio>
#include <imgui.h>
#include <imgui_stdlib.h>

namespace breathline::ui {

namespace {

namespace ops = data::ops;

const char* status_key(ops::RecommendStatus s) {
    switch (s) {
    case ops::RecommendStatus::ok:
        return "dest.status.ok";
    case ops::RecommendStatus::stay_home:
        return "dest.status.stay_home";
    case ops::RecommendStatus::no_location:
        return "dest.status.no_location";
    case ops::RecommendStatus::home_unsnapped:
        return "dest.status.home_unsnapped";
    case ops::RecommendStatus::none_available:
        return "dest.status.none_available";
    }
    return "dest.status.none_available";
}

const char* skip_key(ops::SkipReason r) {
    switch (r) {
    case ops::SkipReason::closed:
        return "skip.closed";
    case ops::SkipReason::damaged:
        return "skip.damaged";
    case ops::SkipReason::full:
        return "skip.full";
    case ops::SkipReason::at_capacity:
        return "skip.at_capacity";
    case ops::SkipReason::unlocated:
        return "skip.unlocated";
    case ops::SkipReason::unsnapped:
        return "skip.unsnapped";
    case ops::SkipReason::unreachable:
        return "skip.unreachable";
    }
    return "skip.closed";
}

std::string number(const char* format, double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

std::string facility_name(const PanelContext& ctx, data::RowId id) {
    if (const auto i = ctx.view.facility_index(id)) return ctx.view.facilities[*i].name;
    return "#" + std::to_string(id);
}

std::string facility_name(const PanelContext& ctx, const std::string& external_id) {
    for (const auto& f : ctx.view.facilities)
        if (f.external_id == external_id) return f.name;
    return external_id;
}

void draw_options(const PanelContext& ctx, const RecommendationView& rv) {
    const auto& options = rv.recommendation.options;
    if (options.empty()) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX;
    static constexpr const char* k_columns[] = {"dest.col.tier", "dest.col.facility",
                                                "dest.col.kind", "dest.col.eta",
                                                "dest.col.km",   "dest.col.actions"};
    if (!ImGui::BeginTable("options", static_cast<int>(std::size(k_columns)), flags)) return;
    for (const char* key : k_columns)
        ImGui::TableSetupColumn(ctx.label(key).c_str());
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < options.size(); ++i) {
        const ops::DestinationOption& o = options[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d", o.tier);
        ImGui::TableNextColumn();
        if (i == rv.shown_option)
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.1f, 0.35f, 0.8f, 1));
        ImGui::TextUnformatted(ctx.show(o.facility.name).c_str());
        if (i == rv.shown_option) ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(std::string(kind_label(ctx, o.facility.kind)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(number("%.0f", static_cast<double>(o.time_ms) / 60000.0).c_str());
        if (o.approximate) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(0.7f, 0.35f, 0.0f, 1.0f), "%s", ctx.t("dest.approx"));
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(number("%.1f", o.road_distance_m / 1000.0).c_str());
        ImGui::TableNextColumn();
        if (ImGui::SmallButton(ctx.label("dest.show").c_str())) ctx.emit(cmd::ShowOption{i});
        ImGui::SameLine();
        ImGui::BeginDisabled(!ctx.allowed(cmd::ConfirmDestination{}));
        if (ImGui::SmallButton(ctx.label("dest.confirm").c_str()))
            ctx.emit(cmd::ConfirmDestination{i});
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void draw_override(const PanelContext& ctx, const RecommendationView& rv) {
    // Typed before the button is pressed; dropped when another person's recommendation shows.
    static data::RowId for_person = 0;
    static std::string facility;
    static std::string reason;
    if (for_person != rv.person_id) {
        for_person = rv.person_id;
        facility.clear();
        reason.clear();
    }
    if (!ImGui::CollapsingHeader(ctx.label("dest.override").c_str())) return;
    ImGui::PushID("override");
    const std::string preview =
        facility.empty() ? std::string(ctx.t("dest.choose")) : facility_name(ctx, facility);
    if (ImGui::BeginCombo(ctx.label("dest.override_facility").c_str(), ctx.show(preview).c_str())) {
        for (const auto& f : ctx.view.facilities) {
            ImGui::PushID(static_cast<int>(f.id));
            const std::string text = f.name + "  (" + std::string(kind_label(ctx, f.kind)) + ", " +
                                     std::string(facility_status_label(ctx, f.status)) + ")";
            if (ImGui::Selectable(ctx.show(text).c_str(), f.external_id == facility))
                facility = f.external_id;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    // The label above: a full-width text box leaves no room for it on the right.
    ImGui::TextUnformatted(ctx.t("dest.override_reason"));
    ImGui::InputTextMultiline("##reason", &reason,
                              ImVec2(-1.0f, ImGui::GetTextLineHeight() * 2.5f));
    // An override without a reason is refused by the store: say so before the click.
    ImGui::BeginDisabled(facility.empty() || is_blank(reason) ||
                         !ctx.allowed(cmd::OverrideDestination{}));
    if (ImGui::Button(ctx.label("dest.override_button").c_str())) {
        ctx.emit(cmd::OverrideDestination{facility, reason});
        reason.clear();
    }
    ImGui::EndDisabled();
    ImGui::PopID();
}

void draw_decision(const PanelContext& ctx, const ops::DestinationDecision& d) {
    ImGui::Separator();
    ImGui::TextUnformatted(ctx.t("dest.decision"));
    ImGui::Text("%s: %s", ctx.t(d.overridden ? "dest.overridden" : "dest.confirmed"),
                ctx.show(facility_name(ctx, d.chosen_facility_id)).c_str());
    if (d.eta_s) {
        ImGui::SameLine();
        ImGui::Text("  %s %s", ctx.t("dest.col.eta"), number("%.0f", *d.eta_s / 60.0).c_str());
    }
    if (!d.reason.empty())
        ImGui::TextWrapped("%s: %s", ctx.t("dest.override_reason"), ctx.show(d.reason).c_str());
    ImGui::TextDisabled("%s %s  %s", ctx.t("dest.by"), ctx.show(d.actor).c_str(),
                        ctx.show(jst_text(d.decided_at)).c_str());
}

} // namespace

void draw_destination_panel(const PanelContext& ctx) {
    const auto& recommendation = ctx.view.ops.recommendation;
    if (!recommendation) {
        ImGui::TextWrapped("%s", ctx.t("dest.none"));
        return;
    }
    const RecommendationView& rv = *recommendation;
    const ops::Recommendation& rec = rv.recommendation;
    std::string who = "[" + rv.person_external_id + "]";
    if (const auto i = ctx.view.person_index(rv.person_id))
        who = display_name(ctx.view.persons[*i], ctx.drill());
    ImGui::Text("%s  %s", ctx.show(rv.person_external_id).c_str(), ctx.show(who).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(ctx.label("dest.clear").c_str())) ctx.emit(cmd::ClearRecommendation{});
    ImGui::Text("%s: %s", ctx.t("dest.status"), ctx.t(status_key(rec.status)));
    ImGui::Text("%s: %s", ctx.t("dest.judgement"),
                std::string(judgement_label(ctx, rec.judgement)).c_str());
    if (rec.severity) {
        ImGui::TextWrapped(
            "%s: %s (%s)", ctx.t("dest.severity"),
            ctx.t(rec.severity->severity == ops::Severity::severe ? "severity.severe"
                                                                  : "severity.moderate"),
            ctx.show(ctx.pick(rec.severity->reason_ja, rec.severity->reason_en)).c_str());
    }
    if (rec.welfare_first) ImGui::TextUnformatted(ctx.t("dest.welfare_first"));
    draw_options(ctx, rv);
    if (rec.status != ops::RecommendStatus::stay_home) draw_override(ctx, rv);
    if (!rec.skipped.empty() && ImGui::CollapsingHeader(ctx.label("dest.skipped").c_str())) {
        for (const auto& s : rec.skipped) {
            std::string name = s.external_id;
            for (const auto& f : ctx.view.facilities)
                if (f.external_id == s.external_id) name = f.name;
            ImGui::BulletText("%s  (%s): %s", ctx.show(name).c_str(),
                              std::string(kind_label(ctx, s.kind)).c_str(),
                              ctx.t(skip_key(s.reason)));
        }
    }
    if (rv.decision) draw_decision(ctx, *rv.decision);
}

} // namespace breathline::ui
