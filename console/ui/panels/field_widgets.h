#pragma once
// Internal to the person and facility panels: one editing widget per field kind (checkbox for
// flags, combo for enumerations and yes/no/unknown, text otherwise), each emitting the field's
// new text as the value parser reads it, with the field's error drawn right below it.

#include "console/ui/panels/panel.h"

#include <functional>
#include <string>
#include <vector>

namespace breathline::ui {

/// A choice of a combo: the stored text and the ui_text key of its label.
struct FieldChoice {
    std::string value;
    std::string label_key;
};

/// How a field is edited.
struct FieldWidget {
    enum class Kind { text, multiline, flag, choice } kind = Kind::text;
    std::vector<FieldChoice> choices; ///< for Kind::choice
};

/// Draws the field `key` of `buffer` labelled `label`; calls `emit_text(key, text)` when the
/// user changes it. `read_only` shows the value without an editor (drill mode, personal data).
void draw_field(const PanelContext& ctx, const EditBuffer& buffer, const std::string& key,
                const std::string& label, const FieldWidget& widget, bool read_only,
                const std::function<void(const std::string&, const std::string&)>& emit_text);

/// The error of `key` in `buffer` as red text (nothing when there is none).
void draw_field_error(const PanelContext& ctx, const EditBuffer& buffer, const std::string& key);

/// The conflict box (issue 9) when the last save of `buffer` met a newer version: who changed
/// what since the edit began (actor, time, version step, each field with its label), and the
/// two ways on: 再読み込み / Reload (cmd::ReloadEdit) and 上書きして適用 / Apply my changes on
/// top (cmd::ApplyEditOnTop). Nothing when there is no conflict.
void draw_conflict_box(const PanelContext& ctx, const EditBuffer& buffer, cmd::EditTarget target);

} // namespace breathline::ui
