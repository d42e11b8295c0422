#include "console/ui/window_verbs.h"

namespace breathline::ui {

void register_window_verbs() {
    cli::register_verb(make_open_verb());
    cli::register_verb(make_screenshot_verb());
}

} // namespace breathline::ui
