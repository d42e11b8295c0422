// Facility details: kind, address, capacity, status, geocoding precision, all editable and
// validated as in an import; "place on map" makes the next map click the facility's location
// (manual precision). Facilities without a location are listed so a planner can place them.
#include "console/ui/panels/field_widgets.h"
#include "console/ui/panels/panel.h"

#include <imgui.h>

namespace breathline::ui {

namespace {

FieldWidget facility_widget(const std::string& key) {
    using K = FieldWidget::Kind;
    if (key == "relief_station" || key == "oxygen_depot") return {K::flag, {}};
    if (key == "kind")
        return {K::choice,
                {{"rescue_centre", "kind.rescue_centre"},
                 {"welfare_rescue_centre", "kind.welfare_rescue_centre"},
                 {"triage_point", "kind.triage_point"},
                 {"disaster_base_hospital", "kind.disaster_base_hospital"},
                 {"disaster_cooperating_hospital", "kind.disaster_cooperating_hospital"},
                 {"health_centre", "kind.health_centre"}}};
    if (key == "status")
        return {K::choice,
                {{"normal", "fstatus.normal"},
                 {"open", "fstatus.open"},
                 {"full", "fstatus.full"},
                 {"closed", "fstatus.closed"},
                 {"damaged", "fstatus.damaged"},
                 {"unknown", "fstatus.unknown"}}};
    // Reported power during an incident; blank = not reported (set_optional leaves it empty).
    if (key == "power")
        return {K::choice,
                {{"", "fpower.unknown"},
                 {"grid", "fpower.grid"},
                 {"generator", "fpower.generator"},
                 {"none", "fpower.none"}}};
    if (key == "notes") return {K::multiline, {}};
    return {K::text, {}};
}

void draw_unresolved(const PanelContext& ctx) {
    std::size_t n = 0;
    for (const auto& f : ctx.view.facilities)
        if (!f.position) ++n;
    if (!ImGui::CollapsingHeader(ctx.label("facility.unresolved").c_str(),
                                 n > 0 ? ImGuiTreeNodeFlags_DefaultOpen : 0))
        return;
    if (n == 0) {
        ImGui::TextDisabled("%s", ctx.t("facility.none_unresolved"));
        return;
    }
    for (const auto& f : ctx.view.facilities) {
        if (f.position) continue;
        ImGui::PushID(static_cast<int>(f.id));
        ImGui::BeginDisabled(!ctx.allowed(cmd::StartPlacing{}));
        if (ImGui::SmallButton(ctx.label("facility.place").c_str())) {
            ctx.emit(cmd::Select{{map::FeatureRef::Kind::facility, f.id, f.external_id}, false});
            ctx.emit(cmd::StartPlacing{f.external_id});
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Selectable(ctx.show(f.name + "  " + f.address).c_str(),
                              ctx.view.selected_facility && ctx.view.selected_facility->id == f.id))
            ctx.emit(cmd::Select{{map::FeatureRef::Kind::facility, f.id, f.external_id}, false});
        ImGui::PopID();
    }
}

} // namespace

void draw_facility_panel(const PanelContext& ctx) {
    const ViewModel& v = ctx.view;
    if (v.placing_facility) {
        ImGui::TextColored(ImVec4(0.1f, 0.35f, 0.8f, 1.0f), "%s %s", v.placing_facility->c_str(),
                           ctx.t("facility.placing"));
        if (ImGui::Button(ctx.label("facility.cancel_place").c_str()))
            ctx.emit(cmd::CancelPlacing{});
    }
    if (!v.selected_facility) {
        ImGui::TextWrapped("%s", ctx.t("facility.none"));
        draw_unresolved(ctx);
        return;
    }
    const data::Facility& f = *v.selected_facility;
    const EditBuffer& buffer = v.facility_edit;
    ImGui::TextUnformatted(ctx.show(f.name).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s  %s %lld", f.external_id.c_str(), ctx.t("person.version"),
                        static_cast<long long>(f.row_version));
    ImGui::Text("%s / %s", std::string(kind_label(ctx, f.kind)).c_str(),
                std::string(facility_status_label(ctx, f.status)).c_str());
    ImGui::Text("%s: %s", ctx.t("precision.title"),
                std::string(precision_label(ctx, f.geocode_precision)).c_str());
    if (!f.geocode_source.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("(%s)", ctx.show(f.geocode_source).c_str());
    }
    ImGui::BeginDisabled(!buffer.dirty() || !ctx.allowed(cmd::SaveFacility{}));
    if (ImGui::Button(ctx.label("person.save").c_str()))
        ctx.emit(cmd::SaveFacility{buffer.external_id, buffer.row_version, buffer.changes()});
    ImGui::EndDisabled();
    ImGui::BeginDisabled(!buffer.dirty());
    ImGui::SameLine();
    if (ImGui::Button(ctx.label("person.revert").c_str())) ctx.emit(cmd::RevertFacility{});
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!ctx.allowed(cmd::StartPlacing{}));
    if (ImGui::Button(ctx.label("facility.place_on_map").c_str()))
        ctx.emit(cmd::StartPlacing{f.external_id});
    ImGui::EndDisabled();
    draw_conflict_box(ctx, buffer, cmd::EditTarget::facility);
    draw_field_error(ctx, buffer, "");
    const auto emit = [&ctx](const std::string& key, const std::string& text) {
        ctx.emit(cmd::SetFacilityField{key, text});
    };
    for (const auto& key : facility_edit_keys())
        draw_field(ctx, buffer, key, facility_field_label(ctx.lang(), key), facility_widget(key),
                   false, emit);
    ImGui::Separator();
    draw_unresolved(ctx);
}

} // namespace breathline::ui
