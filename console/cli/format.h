#pragma once
/// Small text helpers for CLI output: display width of UTF-8 text (CJK
/// characters take two columns in a terminal) and padded table cells.

#include <string>
#include <string_view>

namespace breathline::cli {

/// Terminal columns taken by `s`: 2 for East Asian wide characters, 1 otherwise.
std::size_t display_width(std::string_view s);

/// `s` padded with spaces to `width` columns (never truncated).
std::string pad(std::string_view s, std::size_t width);

/// Masked stand-in for a personal name: the registry number, never any part of the name.
std::string masked(std::string_view external_id);

} // namespace breathline::cli
