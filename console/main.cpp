// breathline: the dispatch console's single binary. Every action is a verb
// of the headless command line (console/cli); the window arrives on top of it.
#include "console/cli/cli.h"

#include <iostream>

int main(int argc, char** argv) {
    return breathline::cli::run_cli(argc, argv, std::cout, std::cerr);
}
