#include "data/error.h"

namespace breathline::data {

const char* to_string(ErrorCode code) {
    switch (code) {
    case ErrorCode::open_failed:
        return "open_failed";
    case ErrorCode::future_version:
        return "future_version";
    case ErrorCode::migrate_failed:
        return "migrate_failed";
    case ErrorCode::sql:
        return "sql";
    case ErrorCode::constraint:
        return "constraint";
    case ErrorCode::not_found:
        return "not_found";
    case ErrorCode::invalid_input:
        return "invalid_input";
    case ErrorCode::import_failed:
        return "import_failed";
    case ErrorCode::export_failed:
        return "export_failed";
    case ErrorCode::io:
        return "io";
    case ErrorCode::conflict:
        return "conflict";
    case ErrorCode::permission_denied:
        return "permission_denied";
    case ErrorCode::connection_lost:
        return "connection_lost";
    }
    return "unknown";
}

} // namespace breathline::data
