#pragma once
/// The local replica of a workstation (issue 9, "when the server is lost"): a SpatiaLite file
/// holding a full copy of the PostgreSQL server, refreshed while the server is reachable, so the
/// console can keep showing the last state when it is not and can record new safety checks
/// locally ("local mode"). Those checks are replayed to the server when it returns; nothing is
/// dropped and every conflict is reported.
///
/// A replica knows it is one from its `meta` table:
///   replica_of               the server location it copies (password redacted)
///   replica_refreshed_at     UTC ISO-8601 time of the last refresh
///   replica_check_high_water the largest safety_checks.id copied from the server
/// Checks with a larger id were recorded locally. Those replayed are listed in the replica's own
/// table `replica_replayed` (local check id → server check id), written only after the server
/// committed the check; a replay interrupted between the two finds the check already on the
/// server (same incident, person, every field, same actor) and does not send it again.
///
/// Local mode may record safety checks only; refusing other writes is the caller's job (the CLI
/// and console permission layers ask is_replica()/replica_write_refusal()).
///
/// Thread safety: free functions, each opening its own connections; never run two on the same
/// replica at once.

#include "data/model/incident.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data {

struct RefreshOptions {
    /// Actor of the copy's audit entry in the replica ("breathline" when empty).
    std::string actor;
    /// One-line progress messages of the copy (English).
    std::function<void(const std::string&)> progress;
};

struct ReplicaRefresh {
    std::string replica_path;
    std::string replica_of; ///< redacted
    std::string refreshed_at;
    std::int64_t rows = 0;       ///< rows copied over all tables
    std::int64_t high_water = 0; ///< largest safety check id copied
    double seconds = 0;          ///< wall time of copy, verification and rename
};

/// Copies the whole server at `server_location` into a temporary file beside `replica_path`
/// (copy_database, verified), stamps its meta, then renames it over the replica: a refresh
/// killed part-way leaves the previous replica as it was (the next refresh removes the
/// temporary it left). Throws DataError(constraint) naming the file when the existing replica
/// holds local checks not yet replayed (they would be lost), DataError(invalid_input) when
/// `replica_path` is an existing database that is not a replica, and whatever copy_database
/// throws (the old replica is then kept and the temporary removed).
ReplicaRefresh refresh_replica(const std::string& server_location, const std::string& replica_path,
                               const RefreshOptions& options = {});

struct ReplicaState {
    std::string path;
    bool exists = false;     ///< the file exists
    bool is_replica = false; ///< and its meta says it is a replica
    std::string replica_of;  ///< redacted server location
    std::string refreshed_at;
    /// Now minus refreshed_at (nullopt when not a replica or the time is unreadable).
    std::optional<std::chrono::seconds> age;
    std::int64_t high_water = 0;
    std::int64_t pending_checks = 0;  ///< recorded locally, not yet replayed
    std::int64_t replayed_checks = 0; ///< recorded locally and already on the server
};

/// Reads the replica's meta and counts its local checks; never writes. A missing file or a
/// database that is not a replica is answered (exists / is_replica false), not thrown.
ReplicaState replica_state(const std::string& replica_path);

/// True when `location` is a SpatiaLite file whose meta names a server it replicates
/// (false for server locations and missing files).
bool is_replica(const std::string& location);

/// "'FILE' is a local replica of SERVER: only safety checks can be recorded in local mode; ..."
/// (English). The Japanese: replica_write_refusal_ja.
std::string replica_write_refusal(const std::string& location);
std::string replica_write_refusal_ja(const std::string& location);

/// A local check as the replay saw it. Ids, times and names of coordinators only: never a
/// person's name.
struct ReplayedCheck {
    RowId local_id = 0;
    RowId server_id = 0; ///< 0 while pending
    RowId incident_id = 0;
    std::string person_external_id;
    std::string checked_at;
    std::string actor; ///< who recorded it locally
};

/// A local check replayed although the server already holds a later check of the same person
/// in the same incident by another coordinator: both are kept, the coordinator is told.
struct ReplayConflict {
    ReplayedCheck check;
    RowId other_check_id = 0;
    std::string other_actor;
    std::string other_checked_at;
    std::string other_status; ///< judgement of the other check (db spelling) or "" when none
};

struct PendingCheck {
    ReplayedCheck check;
    std::string reason; ///< the server's refusal (English)
};

struct ReplayReport {
    std::vector<ReplayedCheck> replayed;     ///< sent now (conflicts included)
    std::vector<ReplayedCheck> already_sent; ///< found on the server from an interrupted replay
    std::vector<ReplayConflict> conflicts;   ///< subset of replayed
    std::vector<PendingCheck> pending;       ///< refused by the server: still local
    double seconds = 0;
    bool all_done() const { return pending.empty(); }
};

/// Sends every local check of the replica that is not yet replayed to the server, in checked_at
/// order (then local id), each with its own audit entry by the actor who recorded it locally
/// (`fallback_actor` when the replica's log does not name one). A check the server refuses
/// (closed or missing incident, person not in the server's registry, a constraint) stays
/// pending with the server's reason; the others are marked replayed. Throws
/// DataError(connection_lost) when the server goes away part-way (what was sent stays marked),
/// DataError(invalid_input) when `replica_path` is not a replica.
ReplayReport replay_local_checks(const std::string& server_location,
                                 const std::string& replica_path,
                                 const std::string& fallback_actor);

} // namespace breathline::data
