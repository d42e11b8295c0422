#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"

namespace breathline::cli {

VerbSpec make_import_verb() {
    return {"import", "import", "verb.import", {}, [](Context& ctx, const Args&) {
                *ctx.err << "import: not built yet\n";
                return static_cast<int>(exit_internal);
            }};
}

} // namespace breathline::cli
