#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"

namespace breathline::cli {

VerbSpec make_export_verb() {
    return {"export", "export", "verb.export", {}, [](Context& ctx, const Args&) {
                *ctx.err << "export: not built yet\n";
                return static_cast<int>(exit_internal);
            }};
}

} // namespace breathline::cli
