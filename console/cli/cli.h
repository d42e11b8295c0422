#pragma once
/// The headless command line of breathline: global options, verb dispatch,
/// help and error reporting. Every console action is also a verb here so it
/// can be scripted and tested without a window.

#include "console/cli/args.h"
#include "data/store/store.h"

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace breathline::cli {

/// What every verb receives: resolved global settings and output streams.
struct Context {
    Lang lang = Lang::ja;
    std::filesystem::path db_path;  ///< --db, else the default location
    std::filesystem::path data_dir; ///< --data-dir, else ../shared/data
    std::string actor;              ///< --actor, else $USER; recorded in the audit log
    /// --now, else $BREATHLINE_NOW: the scenario time (ISO-8601) of the incident verbs;
    /// empty: the system clock (see ops_args.h).
    std::string now;
    std::ostream* out = nullptr;
    std::ostream* err = nullptr;
    /// --role: narrows the store's role right after it is opened (issue 9); nullopt: the
    /// backend's own (SpatiaLite: coordinator; PostgreSQL: the login's).
    std::optional<data::auth::Role> role;
    /// The command line being run (set by run_cli): open_store() checks its verb against the
    /// role before anything is read or written (verb_permissions.h).
    const Args* command_line = nullptr;
    /// Set by open_store() when the role may not see personal data and the verb asked for it
    /// (--include-personal on a read): the verb shows masked values instead.
    mutable bool personal_masked = false;

    /// Opens (creating and migrating) the database at db_path, creating its
    /// directory when missing. Throws data::DataError.
    /// Narrows the store to `role` and enforces the verb's permission (DataError
    /// permission_denied, exit_refused).
    std::unique_ptr<data::Store> open_store() const;
    /// True when the verb may show personal data: --include-personal was given and the role
    /// sees personal data. Call after open_store().
    bool shows_personal(const Args& a) const {
        return a.has("include-personal") && !personal_masked;
    }
    std::string t(std::string_view key, std::initializer_list<std::string> args = {}) const;
    /// Inline bilingual text for messages used in one place only:
    /// picks `ja` or `en` by language and fills {0}, {1} ...
    std::string tr(std::string_view ja, std::string_view en,
                   std::initializer_list<std::string> args = {}) const;
};

struct OptionSpec {
    std::string name; ///< without the leading "--"
    bool takes_value;
    std::string help_key; ///< message key describing the option
};

struct VerbSpec {
    std::string name;
    std::string usage;       ///< e.g. "import persons|supporters|facilities FILE [options]"
    std::string summary_key; ///< one-line description (message key)
    std::vector<OptionSpec> options;
    std::function<int(Context&, const Args&)> run;
};

/// All verbs, in the order `--help` lists them.
const std::vector<VerbSpec>& verbs();

/// Adds a verb (or replaces one of the same name). The window verbs
/// (`open`, `screenshot`) live outside this headless library and are
/// registered by main() when the binary is built with the window; call
/// before run_cli(), not concurrently with it.
void register_verb(VerbSpec verb);

/// Parses argv and runs the verb. Returns the process exit code (exit_codes.h);
/// never throws.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// Verb factories, one per file under console/cli/.
VerbSpec make_init_verb();
VerbSpec make_demo_verb();
VerbSpec make_import_verb();
VerbSpec make_export_verb();
VerbSpec make_list_verb();
VerbSpec make_show_verb();
VerbSpec make_set_verb();
VerbSpec make_nearest_verb();
VerbSpec make_check_verb();
VerbSpec make_summary_verb();
VerbSpec make_roads_verb();
VerbSpec make_route_verb();
VerbSpec make_matrix_verb();
VerbSpec make_isochrone_verb();
VerbSpec make_closures_verb();
VerbSpec make_incident_verb();
VerbSpec make_outage_verb();
VerbSpec make_board_verb();
VerbSpec make_recommend_verb();
VerbSpec make_notice_verb();
VerbSpec make_contact_list_verb();
VerbSpec make_facilities_verb();
VerbSpec make_vrp_verb();
VerbSpec make_equipment_verb();
VerbSpec make_loan_verb();
VerbSpec make_drill_verb();
VerbSpec make_supporters_verb();
VerbSpec make_transport_verb();
VerbSpec make_deliveries_verb();
// Support plans and their paper (issue 7):
VerbSpec make_plan_verb();
VerbSpec make_evaluate_verb();
VerbSpec make_invoice_verb();
VerbSpec make_print_verb();
// Database copy and information (issue 9):
VerbSpec make_db_verb();
VerbSpec make_replica_verb(); // issue 9: the workstation's local replica

} // namespace breathline::cli
