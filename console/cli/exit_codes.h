#pragma once
/// Process exit codes of the breathline binary (documented in README.md).

namespace breathline::cli {

enum ExitCode : int {
    exit_ok = 0,
    exit_findings = 1,  ///< check found problems; show/nearest found nothing
    exit_usage = 2,     ///< malformed command line
    exit_bad_input = 3, ///< input data rejected (import), nothing changed
    exit_database = 4,  ///< database cannot be opened, is newer, or failed to migrate
    exit_io = 5,        ///< a file could not be read or written
    exit_refused = 6,   ///< the role may not do this (--role, database role); nothing changed
    exit_conflict = 7,  ///< the row changed since the version the edit started from (issue 9)
    exit_internal = 70, ///< unexpected error (a bug): please report it
};

} // namespace breathline::cli
