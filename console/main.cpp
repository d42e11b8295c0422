// breathline: the dispatch console's single binary. Every action is a verb
// of the headless command line (console/cli); the window verbs are added
// when the binary is built with the window stack.
#include "console/cli/cli.h"
#ifdef BREATHLINE_WITH_WINDOW
#include "console/ui/window_verbs.h"
#endif

#include <iostream>

int main(int argc, char** argv) {
#ifdef BREATHLINE_WITH_WINDOW
    breathline::ui::register_window_verbs();
#endif
    return breathline::cli::run_cli(argc, argv, std::cout, std::cerr);
}
