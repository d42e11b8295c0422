#pragma once
/// User-facing text of the CLI in Japanese (default) and English. Messages
/// are looked up by a stable key; `{0}`, `{1}` ... are replaced by arguments.

#include "console/cli/args.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace breathline::cli {

/// The message for `key` in `lang` with placeholders filled. An unknown key
/// returns the key itself so a missing translation is visible, not silent.
std::string msg(Lang lang, std::string_view key, std::initializer_list<std::string> args = {});

/// Replaces {0}, {1} ... in `pattern` with `args`.
std::string format_message(std::string_view pattern, std::initializer_list<std::string> args);

/// Parses "ja" / "en"; nullopt otherwise.
std::optional<Lang> parse_lang(std::string_view s);

} // namespace breathline::cli
