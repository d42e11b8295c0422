// Support plans due for their yearly review (要領 第7条): overdue first, then due within the
// chosen number of days, then ventilator users with no plan, as `plan due` prints them. A row
// selects the person (and centres the map). Names only through display_name (masked in drill
// mode).
#include "console/ui/panels/panel.h"

#include <imgui.h>
#include <iterator>
#include <string>

namespace breathline::ui {

namespace {

namespace plans = data::plans;

const char* kind_key(plans::DueKind k) {
    switch (k) {
    case plans::DueKind::overdue:
        return "plandue.overdue";
    case plans::DueKind::due:
        return "plandue.due";
    case plans::DueKind::no_plan:
        return "plandue.no_plan";
    }
    return "plandue.due";
}

ImVec4 kind_colour(plans::DueKind k) {
    switch (k) {
    case plans::DueKind::overdue:
        return ImVec4(0.80f, 0.10f, 0.10f, 1.0f);
    case plans::DueKind::due:
        return ImVec4(0.85f, 0.50f, 0.05f, 1.0f);
    case plans::DueKind::no_plan:
        return ImVec4(0.45f, 0.45f, 0.45f, 1.0f);
    }
    return ImVec4(0, 0, 0, 1);
}

} // namespace

void draw_plan_due_panel(const PanelContext& ctx) {
    const ViewModel& v = ctx.view;
    const PlanDueView& due = v.plans_due;
    int days = due.within_days;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::InputInt(ctx.label("plandue.within").c_str(), &days, 1, 30,
                        ImGuiInputTextFlags_EnterReturnsTrue) &&
        days >= 0)
        ctx.emit(cmd::RefreshPlansDue{days});
    ImGui::SameLine();
    if (ImGui::Button(ctx.label("plandue.refresh").c_str()))
        ctx.emit(cmd::RefreshPlansDue{due.within_days});
    int counts[3] = {0, 0, 0};
    for (const auto& e : due.entries)
        ++counts[static_cast<int>(e.kind)];
    ImGui::TextUnformatted(ctx.show(due.today).c_str());
    for (const auto k : {plans::DueKind::overdue, plans::DueKind::due, plans::DueKind::no_plan}) {
        ImGui::SameLine();
        ImGui::TextColored(kind_colour(k), "%s %d", ctx.t(kind_key(k)),
                           counts[static_cast<int>(k)]);
    }
    if (due.entries.empty()) {
        ImGui::TextDisabled("%s", ctx.t("plandue.none"));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingFixedFit;
    static constexpr const char* k_columns[] = {"plandue.col.kind", "plandue.col.id",
                                                "plandue.col.name", "plandue.col.review",
                                                "plandue.col.days"};
    if (!ImGui::BeginTable("plan_due", static_cast<int>(std::size(k_columns)), flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* key : k_columns)
        ImGui::TableSetupColumn(ctx.label(key).c_str());
    ImGui::TableHeadersRow();
    for (const auto& e : due.entries) {
        const auto index = v.person_index(e.person_id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(e.person_id));
        ImGui::PushStyleColor(ImGuiCol_Text, kind_colour(e.kind));
        const bool selected = v.selection && v.selection->kind == map::FeatureRef::Kind::person &&
                              v.selection->id == e.person_id;
        if (ImGui::Selectable(ctx.t(kind_key(e.kind)), selected,
                              ImGuiSelectableFlags_SpanAllColumns))
            ctx.emit(
                cmd::Select{{map::FeatureRef::Kind::person, e.person_id, e.registry_number}, true});
        ImGui::PopStyleColor();
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ctx.show(e.registry_number).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ctx.show(index ? display_name(v.persons[*index], ctx.drill())
                                              : "[" + e.registry_number + "]")
                                   .c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ctx.show(e.review_due.value_or("—")).c_str());
        ImGui::TableNextColumn();
        if (e.kind != plans::DueKind::no_plan) ImGui::Text("%d", e.days);
    }
    ImGui::EndTable();
}

} // namespace breathline::ui
