#pragma once
/// The verbs that need the window stack (GLFW, OpenGL, ImGui): `open` (the
/// interactive console) and `screenshot` (offscreen render to PNG). Kept out
/// of the headless breathline_cli library; main() registers them.

#include "console/cli/cli.h"

namespace breathline::ui {

cli::VerbSpec make_open_verb();       ///< console/ui/verb_open.cpp
cli::VerbSpec make_screenshot_verb(); ///< console/ui/verb_screenshot.cpp

/// Registers every window verb with the CLI (cli::register_verb).
void register_window_verbs();

} // namespace breathline::ui
