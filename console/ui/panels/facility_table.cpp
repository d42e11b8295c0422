// The facility table: every facility by kind, status, capacity, occupancy, power and location
// precision (the facility status board of incident operations); the unresolved ones can be
// shown alone. Selecting a row selects the facility and centres the map.
#include "console/ui/panels/panel.h"
#include "console/ui/panels/sortable_table.h"

#include <imgui.h>

namespace breathline::ui {

namespace {

constexpr int k_unsorted_column = -1;

// Occupancy and power are reported per facility during an incident; "—" / 未報告 until then.
void occupancy_cell(const FacilityRow& f) {
    if (f.occupancy)
        ImGui::Text("%d", *f.occupancy);
    else
        ImGui::TextDisabled("—");
}

void power_cell(const PanelContext& ctx, const FacilityRow& f) {
    if (!f.power) {
        ImGui::TextDisabled("%s", ctx.t("fpower.unknown"));
        return;
    }
    switch (*f.power) {
    case data::FacilityPower::grid:
        ImGui::TextUnformatted(ctx.t("fpower.grid"));
        return;
    case data::FacilityPower::generator:
        ImGui::TextUnformatted(ctx.t("fpower.generator"));
        return;
    case data::FacilityPower::none:
        // No power at a shelter matters to a ventilator user: it stands out.
        ImGui::TextColored(ImVec4(0.75f, 0.05f, 0.05f, 1.0f), "%s", ctx.t("fpower.none"));
        return;
    }
}

} // namespace

void draw_facility_table(const PanelContext& ctx) {
    const ViewModel& v = ctx.view;
    bool only_unresolved = v.facilities_only_unresolved;
    if (ImGui::Checkbox(ctx.label("facility.only_unresolved").c_str(), &only_unresolved))
        ctx.emit(cmd::SetFacilitySort{v.facility_sort, only_unresolved});
    const auto order = sort_facilities(v.facilities, v.facility_sort, v.facilities_only_unresolved);
    ImGui::SameLine();
    ImGui::Text("%zu / %zu", order.size(), v.facilities.size());

    static constexpr SortableColumn columns[] = {
        {"ftable.col.id", static_cast<int>(FacilityColumn::external_id)},
        {"ftable.col.name", static_cast<int>(FacilityColumn::name)},
        {"ftable.col.kind", static_cast<int>(FacilityColumn::kind)},
        {"ftable.col.status", static_cast<int>(FacilityColumn::status)},
        {"ftable.col.capacity", static_cast<int>(FacilityColumn::capacity)},
        {"ftable.col.occupancy", k_unsorted_column, false},
        {"ftable.col.power", k_unsorted_column - 1, false},
        {"ftable.col.precision", static_cast<int>(FacilityColumn::precision)},
    };
    std::optional<TableSort> changed;
    if (!begin_sortable_table(ctx, "facilities", columns,
                              {static_cast<int>(v.facility_sort.column), v.facility_sort.ascending},
                              &changed))
        return;
    if (changed)
        ctx.emit(cmd::SetFacilitySort{
            FacilitySort{static_cast<FacilityColumn>(changed->column), changed->ascending},
            v.facilities_only_unresolved});
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(order.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const FacilityRow& f = v.facilities[order[static_cast<std::size_t>(r)]];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool selected = v.selection &&
                                  v.selection->kind == map::FeatureRef::Kind::facility &&
                                  v.selection->id == f.id;
            ImGui::PushID(static_cast<int>(f.id));
            if (ImGui::Selectable(f.external_id.c_str(), selected,
                                  ImGuiSelectableFlags_SpanAllColumns))
                ctx.emit(cmd::Select{{map::FeatureRef::Kind::facility, f.id, f.external_id}, true});
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ctx.show(f.name).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::string(kind_label(ctx, f.kind)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::string(facility_status_label(ctx, f.status)).c_str());
            ImGui::TableNextColumn();
            if (f.capacity)
                ImGui::Text("%d", *f.capacity);
            else
                ImGui::TextDisabled("—");
            ImGui::TableNextColumn();
            occupancy_cell(f);
            ImGui::TableNextColumn();
            power_cell(ctx, f);
            ImGui::TableNextColumn();
            if (!f.position)
                ImGui::TextColored(ImVec4(0.75f, 0.05f, 0.05f, 1.0f), "%s",
                                   std::string(precision_label(ctx, f.precision)).c_str());
            else
                ImGui::TextUnformatted(std::string(precision_label(ctx, f.precision)).c_str());
        }
    }
    ImGui::EndTable();
}

} // namespace breathline::ui
