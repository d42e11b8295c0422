// The registry table: filter by device type, battery hours, consent, plan status, supporters
// and status; sort by any column (the logic is view_model.h's filter_and_sort). Selecting a
// row selects the person and centres the map on them.
#include "console/ui/panels/panel.h"
#include "console/ui/panels/sortable_table.h"

#include <imgui.h>

namespace breathline::ui {

namespace {

void draw_filters(const PanelContext& ctx) {
    RegistryFilter f = ctx.view.registry_filter;
    bool changed = false;
    const float w = ImGui::GetFontSize() * 9.0f;

    ImGui::SetNextItemWidth(w);
    const std::string group_preview =
        f.group ? std::string(group_label(ctx, *f.group)) : std::string(ctx.t("filter.any"));
    if (ImGui::BeginCombo(ctx.label("filter.group").c_str(), group_preview.c_str())) {
        if (ImGui::Selectable(ctx.t("filter.any"), !f.group)) {
            f.group.reset();
            changed = true;
        }
        for (auto g : map::k_device_groups)
            if (ImGui::Selectable(std::string(group_label(ctx, g)).c_str(), f.group == g)) {
                f.group = g;
                changed = true;
            }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    const std::string status_preview =
        f.status ? std::string(status_label(ctx, *f.status)) : std::string(ctx.t("filter.any"));
    if (ImGui::BeginCombo(ctx.label("filter.status").c_str(), status_preview.c_str())) {
        if (ImGui::Selectable(ctx.t("filter.any"), !f.status)) {
            f.status.reset();
            changed = true;
        }
        for (auto s : map::k_person_statuses)
            if (ImGui::Selectable(std::string(status_label(ctx, s)).c_str(), f.status == s)) {
                f.status = s;
                changed = true;
            }
        ImGui::EndCombo();
    }

    bool battery_on = f.max_battery_h.has_value();
    if (ImGui::Checkbox(ctx.label("filter.battery").c_str(), &battery_on)) {
        f.max_battery_h = battery_on ? std::optional<double>(8.0) : std::nullopt;
        changed = true;
    }
    if (f.max_battery_h) {
        ImGui::SameLine();
        float hours = static_cast<float>(*f.max_battery_h);
        ImGui::SetNextItemWidth(w);
        if (ImGui::SliderFloat("##battery_h", &hours, 0.0f, 48.0f, "%.0f h")) {
            f.max_battery_h = static_cast<double>(hours);
            changed = true;
        }
    }
    bool supporters_on = f.max_supporters.has_value();
    ImGui::SameLine();
    if (ImGui::Checkbox(ctx.label("filter.supporters_short").c_str(), &supporters_on)) {
        // Fewer than the four people needed to carry a ventilator user (seed III-1-2).
        f.max_supporters = supporters_on
                               ? std::optional<int>(data::k_supporters_needed_for_transport - 1)
                               : std::nullopt;
        changed = true;
    }

    ImGui::SetNextItemWidth(w);
    const char* consent_items[] = {ctx.t("filter.any"), ctx.t("filter.consent_yes"),
                                   ctx.t("filter.consent_no")};
    int consent = !f.consent ? 0 : (*f.consent ? 1 : 2);
    if (ImGui::Combo(ctx.label("filter.consent").c_str(), &consent, consent_items, 3)) {
        f.consent = consent == 0 ? std::nullopt : std::optional<bool>(consent == 1);
        changed = true;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    const char* plan_items[] = {ctx.t("filter.any"), ctx.t("filter.plan_none")};
    int plan = f.plan_state ? 1 : 0;
    if (ImGui::Combo(ctx.label("filter.plan").c_str(), &plan, plan_items, 2)) {
        f.plan_state = plan == 1 ? std::optional<std::string>("") : std::nullopt;
        changed = true;
    }
    if (changed) ctx.emit(cmd::SetRegistryFilter{f});
}

} // namespace

void draw_registry_table(const PanelContext& ctx) {
    const ViewModel& v = ctx.view;
    draw_filters(ctx);
    const auto order = filter_and_sort(v.persons, v.registry_filter, v.registry_sort, ctx.drill());
    ImGui::Text("%zu / %zu %s", order.size(), v.persons.size(), ctx.t("registry.count"));

    static constexpr SortableColumn columns[] = {
        {"registry.col.id", static_cast<int>(RegistryColumn::external_id)},
        {"registry.col.name", static_cast<int>(RegistryColumn::name)},
        {"registry.col.group", static_cast<int>(RegistryColumn::group)},
        {"registry.col.status", static_cast<int>(RegistryColumn::status)},
        {"registry.col.battery", static_cast<int>(RegistryColumn::battery)},
        {"registry.col.consent", static_cast<int>(RegistryColumn::consent)},
        {"registry.col.plan", static_cast<int>(RegistryColumn::plan)},
        {"registry.col.supporters", static_cast<int>(RegistryColumn::supporters)},
    };
    std::optional<TableSort> changed;
    if (!begin_sortable_table(ctx, "registry", columns,
                              {static_cast<int>(v.registry_sort.column), v.registry_sort.ascending},
                              &changed))
        return;
    if (changed)
        ctx.emit(cmd::SetRegistrySort{
            RegistrySort{static_cast<RegistryColumn>(changed->column), changed->ascending}});

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(order.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const PersonRow& p = v.persons[order[static_cast<std::size_t>(r)]];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool selected = v.selection &&
                                  v.selection->kind == map::FeatureRef::Kind::person &&
                                  v.selection->id == p.id;
            ImGui::PushID(static_cast<int>(p.id));
            if (ImGui::Selectable(p.external_id.c_str(), selected,
                                  ImGuiSelectableFlags_SpanAllColumns))
                ctx.emit(cmd::Select{{map::FeatureRef::Kind::person, p.id, p.external_id}, true});
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ctx.show(display_name(p, ctx.drill())).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::string(group_label(ctx, p.group)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::string(status_label(ctx, p.status)).c_str());
            ImGui::TableNextColumn();
            if (p.battery_h)
                ImGui::Text("%.1f", *p.battery_h);
            else
                ImGui::TextDisabled("—");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.consent ? ctx.t("choice.yes") : ctx.t("choice.no"));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.plan_state.empty() ? "—" : p.plan_state.c_str());
            ImGui::TableNextColumn();
            if (p.group != map::DeviceGroup::oxygen && p.group != map::DeviceGroup::other &&
                p.supporters < data::k_supporters_needed_for_transport)
                ImGui::TextColored(ImVec4(0.75f, 0.05f, 0.05f, 1.0f), "%d", p.supporters);
            else
                ImGui::Text("%d", p.supporters);
        }
    }
    ImGui::EndTable();
}

} // namespace breathline::ui
