#pragma once
/// What each verb and sub-verb of the command line needs of the role (issue 9), in one table,
/// enforced in one place: Context::open_store() narrows the store to --role and then calls
/// enforce_permission() before the verb touches any data, so a refused verb has written nothing.
///
/// A row names the verb, optionally its sub-verb (the first positional word) and optionally an
/// option that raises the need (`export ... --include-personal` needs export_personal where a
/// masked export needs nothing). Reads that would show personal data with --include-personal
/// (list, show, supporters list, transport list) are not refused but masked (`masks`), as the
/// database's masked views mask them for the same roles.
///
/// The same table is what the database enforces with its GRANTs and row-level security
/// (data/postgres/pg_schema); this side only refuses earlier and with a clearer message.

#include "data/auth/roles.h"

#include <string>
#include <string_view>
#include <vector>

namespace breathline::data {
class Store;
}

namespace breathline::cli {

struct Args;
struct Context;

/// One flag of data::auth::Permissions, or nothing at all (a plain read).
enum class Permission {
    none,
    see_personal,
    edit_registry,
    edit_plans,
    manage_incidents,
    record_checks,
    dispatch,
    run_drills,
    export_personal,
};

bool allows(const data::auth::Permissions& granted, Permission need);

struct VerbPermission {
    std::string_view verb;
    /// "": the verb without a sub-verb, and every first word of a verb that has none (set
    /// person|facility, import persons|...). Otherwise the sub-verb this row governs.
    std::string_view sub;
    /// "": the row always applies to (verb, sub). Otherwise it applies only when this option is
    /// given (with `option_value`, when not empty, as its value) and then wins over the plain row.
    std::string_view option;
    std::string_view option_value;
    Permission need = Permission::none;
    /// run_drills suffices when the incident the verb acts on (--incident, else the active one)
    /// is a drill: a drill operator records checks and outages in drills only.
    bool drill_alternative = false;
    /// A read: without the permission the personal fields are masked instead of refused.
    bool masks = false;
    const char* action_ja = "";
    const char* action_en = "";
};

/// Every row. Each registered verb has at least one (tested against verbs()).
const std::vector<VerbPermission>& verb_permissions();

/// The row governing `verb` with `args` (its positional words and options): option rows of the
/// sub-verb first, then the sub-verb's plain row, then the same for sub "" (verbs without
/// sub-verbs). nullptr when the table has no row (an unknown sub-verb).
const VerbPermission* permission_for(std::string_view verb, const Args& args);

/// The ja/en refusal: "閲覧 の役割では 安否確認の記録 はできません".
std::string refusal_message(const Context& ctx, data::auth::Role role, const VerbPermission& row);

/// Checks ctx.command_line's verb against store.role(). Throws DataError(permission_denied) with
/// the localised refusal when the role may not; sets ctx.personal_masked for masked reads. A verb
/// missing from the table is refused unless the role may edit the registry (fail closed).
void enforce_permission(const Context& ctx, data::Store& store);

} // namespace breathline::cli
