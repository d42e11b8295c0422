#pragma once
/// The data layer reports failures that a caller cannot treat as an ordinary
/// outcome (open, migrate, import, export, SQL) as DataError exceptions with a
/// stable code. Expected "no result" outcomes are return values instead
/// (std::optional, empty vectors).

#include <stdexcept>
#include <string>

namespace breathline::data {

enum class ErrorCode {
    open_failed,    ///< the database file could not be opened or created
    future_version, ///< the file was written by a newer Breathline
    migrate_failed, ///< a migration step failed; the file is unchanged
    sql,            ///< an unexpected SQLite/SpatiaLite error
    constraint,     ///< a row violated a constraint (unique, check, foreign key)
    not_found,      ///< a referenced entity does not exist
    invalid_input,  ///< a value supplied by the user is malformed
    import_failed,  ///< an import was rejected; nothing was written
    export_failed,  ///< an export could not be written
    io,             ///< a file could not be read or written
    conflict,       ///< the row changed since it was read (another coordinator's edit)
    permission_denied, ///< the database role may not do this
    connection_lost,   ///< the database server cannot be reached
};

/// Stable machine-readable name of an error code ("future_version", ...).
const char* to_string(ErrorCode code);

class DataError : public std::runtime_error {
public:
    DataError(ErrorCode code, const std::string& message)
        : std::runtime_error(message), m_code(code) {}
    ErrorCode code() const { return m_code; }

private:
    ErrorCode m_code;
};

} // namespace breathline::data
