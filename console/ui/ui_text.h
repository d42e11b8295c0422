#pragma once
/// Every string of the console's window in Japanese (the default) and English, by key. Panels
/// never spell UI text inline: they ask for a key, so switching the language switches every
/// string, and tests check that every key used has both. Field names of the registry come
/// from the field tables (the Japanese header as on the forms) plus an English label here.
/// No ImGui. Thread-safe after first use (the table is immutable; the record of missing keys
/// is guarded).

#include "console/cli/args.h"

#include <string>
#include <string_view>
#include <vector>

namespace breathline::ui {

using cli::Lang;

/// The text of `key` in `lang`. A missing key returns the key itself (visible in the UI, and
/// recorded for missing_text_keys()). The pointer stays valid for the process lifetime.
const char* ui_text(Lang lang, std::string_view key);

/// "text###key": an ImGui label whose id stays the same when the language changes.
std::string ui_label(Lang lang, std::string_view key);

/// True when `key` has both languages.
bool has_ui_text(std::string_view key);

/// Keys asked for that have no text (tests assert this stays empty after drawing every panel).
std::vector<std::string> missing_text_keys();

/// Every Japanese string of the table (for the font's glyph set).
std::vector<std::string> all_japanese_texts();

/// The label of a person field: its Japanese header (as on the forms) or an English label.
std::string person_field_label(Lang lang, std::string_view key);
/// The label of a facility field.
std::string facility_field_label(Lang lang, std::string_view key);

} // namespace breathline::ui
