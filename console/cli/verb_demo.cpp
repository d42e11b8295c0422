#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"

namespace breathline::cli {

VerbSpec make_demo_verb() {
    return {"demo", "demo", "verb.demo", {}, [](Context& ctx, const Args&) {
                *ctx.err << "demo: not built yet\n";
                return static_cast<int>(exit_internal);
            }};
}

} // namespace breathline::cli
