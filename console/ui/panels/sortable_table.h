#pragma once
// Internal to the table panels: the header of a sortable, scrolling ImGui table whose sort
// lives in the view model (panels never keep their own state), so a sort survives a rebuild
// of the table and can be set by commands.

#include "console/ui/panels/panel.h"

#include <optional>
#include <span>

namespace breathline::ui {

struct SortableColumn {
    const char* label_key; ///< ui_text key of the header
    int id;                ///< the view model's column enum as int
    /// False for a column the view model cannot sort by (its header click does nothing).
    bool sortable = true;
};

struct TableSort {
    int column = 0;
    bool ascending = true;
};

/// Begins table `id` with `columns` (frozen header row, row backgrounds, both scroll bars,
/// resizable) with `current` marked as the default sort. Returns false when the table is not
/// visible (then do not call EndTable). When the user clicked a header for a different sort,
/// stores it in `*changed`.
bool begin_sortable_table(const PanelContext& ctx, const char* id,
                          std::span<const SortableColumn> columns, TableSort current,
                          std::optional<TableSort>* changed);

} // namespace breathline::ui
