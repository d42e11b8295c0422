#include "console/cli/cli.h"
#include "console/cli/exit_codes.h"

#include <ostream>

namespace breathline::cli {

VerbSpec make_init_verb() {
    return {"init", "init [--db PATH]", "verb.init", {}, [](Context& ctx, const Args& args) {
                if (!args.positional.empty())
                    throw UsageError{ctx.t("err.extra_arg", {args.positional.front()})};
                auto store = ctx.open_store();
                *ctx.out << ctx.tr("データベース {0} (スキーマ版 {1}) を用意しました\n",
                                   "database {0} ready (schema version {1})\n",
                                   {store->location(), std::to_string(store->schema_version())});
                return static_cast<int>(exit_ok);
            }};
}

} // namespace breathline::cli
