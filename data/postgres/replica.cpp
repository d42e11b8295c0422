#include "data/postgres/replica.h"

#include "data/error.h"
#include "data/ops/clock.h"
#include "data/postgres/db_copy.h"
#include "data/postgres/pg_connection.h"
#include "data/sqlite/database.h"
#include "data/store/store.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <map>
#include <unistd.h>

namespace breathline::data {

namespace {

namespace fs = std::filesystem;

constexpr const char* k_replayed_table = "CREATE TABLE IF NOT EXISTS replica_replayed ("
                                         " local_check_id INTEGER PRIMARY KEY,"
                                         " server_check_id INTEGER NOT NULL,"
                                         " replayed_at TEXT NOT NULL)";

std::string now_iso() {
    return ops::format_time(ops::SystemClock().now());
}

void remove_sqlite_files(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(path + suffix, ec);
}

/// Removes the temporaries of refreshes killed part-way (`<replica>.refresh-<pid>.tmp` and its
/// -wal/-shm/-journal) whose process no longer exists; a running refresh's are left alone.
void remove_stale_temporaries(const std::string& replica_path) {
    std::error_code ec;
    const fs::path replica(replica_path);
    const fs::path dir = replica.has_parent_path() ? replica.parent_path() : fs::path(".");
    const std::string prefix = replica.filename().string() + ".refresh-";
    std::vector<fs::path> stale;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const std::string rest = name.substr(prefix.size());
        const auto dot = rest.find(".tmp");
        if (dot == std::string::npos || dot == 0) continue;
        pid_t pid = 0;
        try {
            pid = static_cast<pid_t>(std::stol(rest.substr(0, dot)));
        } catch (const std::exception&) {
            continue;
        }
        if (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH) stale.push_back(entry.path());
    }
    for (const auto& p : stale)
        fs::remove(p, ec);
}

bool has_table(sqlite::Database& db, const std::string& name) {
    auto st = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name=?");
    st.bind(1, name);
    return st.step() && st.column_int64(0) > 0;
}

std::optional<std::string> meta_value(sqlite::Database& db, const std::string& key) {
    auto st = db.prepare("SELECT value FROM meta WHERE key=?");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.column_text(0);
}

sqlite::Database open_raw(const std::string& path, bool read_only) {
    sqlite::OpenOptions o;
    o.create_if_missing = false;
    o.read_only = read_only;
    // Never switch the journal mode of a file we have not recognised yet.
    o.wal = false;
    return sqlite::Database(path, o);
}

/// Pending local checks: above the high water and not in replica_replayed.
std::string pending_where(std::int64_t high_water, bool has_replayed_table) {
    std::string where = "id > " + std::to_string(high_water);
    if (has_replayed_table) where += " AND id NOT IN (SELECT local_check_id FROM replica_replayed)";
    return where;
}

/// The same check, apart from what each database assigns itself.
SafetyCheck comparable(SafetyCheck c) {
    c.id = 0;
    c.person_id = 0;
    c.recorded_at.clear();
    return c;
}

std::string record_actor(AuditLog& audit, RowId check_id) {
    for (const auto& e : audit.entries_for("safety_checks", std::to_string(check_id), 0))
        if (e.action == "record") return e.actor;
    return "";
}

} // namespace

ReplicaState replica_state(const std::string& replica_path) {
    ReplicaState s;
    s.path = replica_path;
    std::error_code ec;
    s.exists = fs::exists(replica_path, ec);
    if (!s.exists || pg::is_postgres_location(replica_path)) return s;
    std::optional<sqlite::Database> db;
    try {
        // Read-write although nothing is written: a read-only connection cannot open a WAL
        // file whose -shm is missing (the state of a replica closed cleanly).
        db.emplace(open_raw(replica_path, false));
        if (!has_table(*db, "meta")) return s;
        const auto of = meta_value(*db, "replica_of");
        if (!of) return s;
        s.is_replica = true;
        s.replica_of = *of;
    } catch (const DataError&) {
        return s; // not an SQLite database: certainly not a replica
    }
    s.refreshed_at = meta_value(*db, "replica_refreshed_at").value_or("");
    if (const auto t = ops::parse_time(s.refreshed_at))
        s.age = std::chrono::duration_cast<std::chrono::seconds>(ops::SystemClock().now() - *t);
    const auto hw = meta_value(*db, "replica_check_high_water").value_or("0");
    try {
        s.high_water = std::stoll(hw);
    } catch (const std::exception&) {
        throw DataError(ErrorCode::invalid_input, "'" + replica_path +
                                                      "': replica_check_high_water is not a "
                                                      "number ('" +
                                                      hw + "')");
    }
    const bool replayed_table = has_table(*db, "replica_replayed");
    s.pending_checks = db->query_int64("SELECT COUNT(*) FROM safety_checks WHERE " +
                                       pending_where(s.high_water, replayed_table))
                           .value_or(0);
    if (replayed_table)
        s.replayed_checks = db->query_int64("SELECT COUNT(*) FROM replica_replayed").value_or(0);
    return s;
}

bool is_replica(const std::string& location) {
    if (pg::is_postgres_location(location)) return false;
    return replica_state(location).is_replica;
}

std::string replica_write_refusal(const std::string& location) {
    const ReplicaState s = replica_state(location);
    return "'" + location + "' is the local replica of " + s.replica_of +
           " (local mode): only safety checks can be recorded here, and they are replayed to "
           "the server when it returns; other changes need the server";
}

std::string replica_write_refusal_ja(const std::string& location) {
    const ReplicaState s = replica_state(location);
    return "'" + location + "' は " + s.replica_of +
           " のローカル複製です (ローカルモード): ここで記録できるのは安否確認だけで、"
           "サーバー復帰時に送られます。その他の変更はサーバーが必要です";
}

ReplicaRefresh refresh_replica(const std::string& server_location, const std::string& replica_path,
                               const RefreshOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    if (!pg::is_postgres_location(server_location))
        throw DataError(ErrorCode::invalid_input,
                        "replica refresh: '" + server_location +
                            "' is not a PostgreSQL location (postgresql://..., service=...)");
    if (pg::is_postgres_location(replica_path))
        throw DataError(ErrorCode::invalid_input,
                        "replica refresh: the replica must be a SpatiaLite file, not '" +
                            pg::redact_conninfo(replica_path) + "'");
    const ReplicaState before = replica_state(replica_path);
    if (before.exists && !before.is_replica)
        throw DataError(ErrorCode::invalid_input,
                        "'" + replica_path +
                            "' exists and is not a replica (its meta names no server): it is "
                            "left alone; choose another replica file");
    if (before.pending_checks > 0)
        throw DataError(ErrorCode::constraint,
                        "'" + replica_path + "' holds " + std::to_string(before.pending_checks) +
                            " safety checks recorded locally and not yet replayed to the server: "
                            "run `breathline replica replay` first; the replica was not changed");

    remove_stale_temporaries(replica_path);
    // Beside the replica (same file system: the rename is atomic), unique per process.
    const std::string tmp = replica_path + ".refresh-" + std::to_string(::getpid()) + ".tmp";
    remove_sqlite_files(tmp);
    ReplicaRefresh out;
    out.replica_path = replica_path;
    out.replica_of = pg::redact_conninfo(server_location);
    try {
        CopyOptions copy;
        copy.actor = options.actor;
        copy.progress = options.progress;
        const CopyReport report = copy_database(server_location, tmp, copy);
        out.rows = report.total_rows;
        out.refreshed_at = now_iso();
        {
            auto db = open_raw(tmp, false);
            out.high_water =
                db.query_int64("SELECT COALESCE(MAX(id), 0) FROM safety_checks").value_or(0);
            sqlite::Transaction tx(db);
            auto put = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
            for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
                     {"replica_of", out.replica_of},
                     {"replica_refreshed_at", out.refreshed_at},
                     {"replica_check_high_water", std::to_string(out.high_water)}}) {
                put.bind(1, k).bind(2, v);
                put.run();
                put.reset();
            }
            db.exec(k_replayed_table);
            tx.commit();
            // One self-contained file: nothing may remain in a -wal beside it after the rename.
            db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
            db.query_text("PRAGMA journal_mode=DELETE");
        }
        if (before.exists) {
            // The old replica's WAL must not be applied to the new file after the rename: fold it
            // into the old file first (so a kill now still leaves the old replica whole), then
            // remove the empty WAL and its index.
            {
                auto old = open_raw(replica_path, false);
                old.exec("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            std::error_code ec;
            fs::remove(replica_path + "-wal", ec);
            fs::remove(replica_path + "-shm", ec);
        }
        fs::rename(tmp, replica_path);
    } catch (...) {
        remove_sqlite_files(tmp);
        throw;
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

ReplayReport replay_local_checks(const std::string& server_location,
                                 const std::string& replica_path,
                                 const std::string& fallback_actor) {
    const auto started = std::chrono::steady_clock::now();
    const ReplicaState state = replica_state(replica_path);
    if (!state.is_replica)
        throw DataError(ErrorCode::invalid_input,
                        "replica replay: '" + replica_path +
                            "' is not a replica (refresh one with `breathline replica refresh`)");
    ReplayReport report;
    if (state.pending_checks == 0) {
        report.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return report;
    }

    // The store first: it may switch the file to WAL, which needs no other connection open.
    auto replica = open_store(replica_path);
    auto raw = open_raw(replica_path, false);
    raw.exec(k_replayed_table);
    struct Local {
        RowId id;
        RowId person_id;
    };
    std::vector<Local> locals;
    {
        auto st = raw.prepare("SELECT id, person_id FROM safety_checks WHERE " +
                              pending_where(state.high_water, true) + " ORDER BY checked_at, id");
        while (st.step())
            locals.push_back({st.column_int64(0), st.column_int64(1)});
    }

    auto server = open_store(server_location);
    auto mark = raw.prepare(
        "INSERT INTO replica_replayed(local_check_id, server_check_id, replayed_at) VALUES "
        "(?, ?, ?)");

    // The full local rows, by id (one history read per person).
    std::map<RowId, SafetyCheck> local_checks;
    for (const auto& l : locals)
        if (!local_checks.count(l.id))
            for (auto& c : replica->incidents().check_history(l.person_id))
                local_checks.emplace(c.id, std::move(c));

    for (const auto& l : locals) {
        const SafetyCheck& local = local_checks.at(l.id);
        ReplayedCheck info;
        info.local_id = local.id;
        info.incident_id = local.incident_id;
        info.checked_at = local.checked_at;
        info.actor = record_actor(replica->audit(), local.id);
        if (info.actor.empty()) info.actor = fallback_actor;
        const auto person = replica->registry().person(local.person_id);
        info.person_external_id = person ? person->external_id : "";

        const auto refuse = [&](std::string reason) {
            report.pending.push_back({info, std::move(reason)});
        };
        if (!person) {
            refuse("person id " + std::to_string(local.person_id) +
                   " is not in the replica's registry");
            continue;
        }
        const auto on_server = server->registry().person_by_external_id(person->external_id);
        if (!on_server) {
            refuse("person " + person->external_id + " is not in the server's registry");
            continue;
        }
        SafetyCheck sent = local;
        sent.id = 0;
        sent.recorded_at.clear();
        sent.person_id = on_server->id;

        // Sent before, by a replay killed before it could mark the check: mark it now.
        std::optional<RowId> found;
        const std::vector<SafetyCheck> history = server->incidents().check_history(on_server->id);
        for (const auto& c : history)
            if (comparable(c) == comparable(sent) &&
                record_actor(server->audit(), c.id) == info.actor) {
                found = c.id;
                break;
            }
        if (found) {
            info.server_id = *found;
            mark.bind(1, info.local_id).bind(2, info.server_id).bind(3, now_iso());
            mark.run();
            mark.reset();
            report.already_sent.push_back(info);
            continue;
        }

        // A later check of the same person in the same incident by someone else: the latest
        // such one is what the coordinator must weigh against theirs.
        std::optional<ReplayConflict> conflict;
        for (const auto& c : history) {
            if (c.incident_id != local.incident_id || c.checked_at <= local.checked_at) continue;
            const std::string other = record_actor(server->audit(), c.id);
            if (other == info.actor) continue;
            ReplayConflict k;
            k.other_check_id = c.id;
            k.other_actor = other;
            k.other_checked_at = c.checked_at;
            k.other_status = c.judgement ? std::string(to_db(*c.judgement)) : "";
            conflict = std::move(k); // history is in checked_at order: the last is the latest
        }

        server->set_actor(info.actor);
        try {
            info.server_id = server->incidents().record_check(sent);
        } catch (const DataError& e) {
            if (e.code() == ErrorCode::connection_lost) throw;
            refuse(e.what());
            continue;
        }
        // Only after the server committed: a kill in between is caught by the search above.
        mark.bind(1, info.local_id).bind(2, info.server_id).bind(3, now_iso());
        mark.run();
        mark.reset();
        report.replayed.push_back(info);
        if (conflict) {
            conflict->check = info;
            report.conflicts.push_back(std::move(*conflict));
        }
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

} // namespace breathline::data
