#include "console/ui/panels/sortable_table.h"

#include <imgui.h>

namespace breathline::ui {

bool begin_sortable_table(const PanelContext& ctx, const char* id,
                          std::span<const SortableColumn> columns, TableSort current,
                          std::optional<TableSort>* changed) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), flags)) return false;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const auto& c : columns)
        ImGui::TableSetupColumn(ctx.label(c.label_key).c_str(),
                                !c.sortable              ? ImGuiTableColumnFlags_NoSort
                                : c.id == current.column ? ImGuiTableColumnFlags_DefaultSort
                                                         : ImGuiTableColumnFlags_None,
                                0.0f, static_cast<ImGuiID>(c.id));
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            const auto& s = specs->Specs[0];
            const TableSort sort{static_cast<int>(s.ColumnUserID),
                                 s.SortDirection != ImGuiSortDirection_Descending};
            if (sort.column != current.column || sort.ascending != current.ascending)
                *changed = sort;
        }
        specs->SpecsDirty = false;
    }
    return true;
}

} // namespace breathline::ui
