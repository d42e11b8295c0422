#pragma once
// Two writer processes hammering the same five persons (issue 9), shared by the SpatiaLite and
// the PostgreSQL concurrency suites. Each writer loops read → append its own token to notes
// ("A17;") → upsert with the version it read, retrying on ConflictError, and writes every
// token whose upsert returned to its token file (flushed per line). Afterwards every token of
// both files must stand in its person's notes exactly once (no lost update), nothing else may
// stand there, row_version - 1 must equal the number of successful updates, and the audit
// chain must verify.
//
// A writer is the test binary itself, spawned with --gtest_filter=<writer suite>.* and the
// BREATHLINE_HAMMER_* variables below (a process of its own, as a second workstation is).
// Each suite names its writer test suite differently (ctest test names are global).

#include "data/store/row_conflict.h"
#include "data/store/store.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace breathline::data::test::hammer {

inline const std::vector<std::string>& person_ids() {
    static const std::vector<std::string> ids = {"HAMMER-1", "HAMMER-2", "HAMMER-3", "HAMMER-4",
                                                 "HAMMER-5"};
    return ids;
}

/// The five persons, each at row_version 1 with empty notes.
inline void seed(Store& store) {
    for (const auto& id : person_ids()) {
        Person p;
        p.external_id = id;
        p.name = "競合 試験";
        p.home_oxygen = true;
        store.registry().upsert_person(p);
    }
}

struct WriterStats {
    std::int64_t updates = 0;
    std::int64_t conflicts = 0;
};

/// One writer's loop for `seconds` on `location` as actor `name`; successful tokens go to
/// `out` as "PERSON TOKEN" lines, then a "# conflicts N" line.
inline WriterStats write_for(const std::string& location, const std::string& name,
                             const std::string& out_path, double seconds) {
    auto store = open_store(location);
    store->set_actor("writer-" + name);
    std::ofstream out(out_path, std::ios::trunc);
    std::mt19937 rng(static_cast<unsigned>(::getpid()));
    WriterStats stats;
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::duration<double>(seconds));
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string& id = person_ids()[rng() % person_ids().size()];
        const std::string token = name + std::to_string(stats.updates) + ";";
        for (;;) {
            auto p = store->registry().person_by_external_id(id);
            if (!p) throw std::runtime_error("hammer person " + id + " is missing");
            p->notes += token;
            try {
                store->registry().upsert_person(*p);
            } catch (const ConflictError&) {
                ++stats.conflicts; // the other writer came first: read again, append again
                continue;
            } catch (const DataError& e) {
                // SQLite only: on a loaded CI machine BEGIN IMMEDIATE can outlast the busy
                // timeout; nothing was written, so the writer retries like a user would.
                const std::string what = e.what();
                if (what.find("locked") == std::string::npos &&
                    what.find("busy") == std::string::npos)
                    throw;
                continue;
            }
            break;
        }
        out << id << ' ' << token << '\n' << std::flush;
        ++stats.updates;
    }
    out << "# conflicts " << stats.conflicts << '\n' << std::flush;
    return stats;
}

/// Environment of a spawned writer; set: this process is one.
inline bool writer_mode() {
    return std::getenv("BREATHLINE_HAMMER_DB") != nullptr;
}

/// Runs the writer the environment describes (in the spawned process).
inline WriterStats run_writer_from_env() {
    return write_for(std::getenv("BREATHLINE_HAMMER_DB"), std::getenv("BREATHLINE_HAMMER_NAME"),
                     std::getenv("BREATHLINE_HAMMER_OUT"),
                     std::atof(std::getenv("BREATHLINE_HAMMER_SECONDS")));
}

/// Starts this test binary as writer `name`, running only the tests of `writer_suite` (whose
/// test runs run_writer_from_env() when writer_mode()); returns its pid.
inline pid_t spawn_writer(const std::string& writer_suite, const std::string& location,
                          const std::string& name, const std::string& out_path, double seconds) {
    std::vector<std::string> env_text;
    for (char** e = environ; *e; ++e)
        if (std::string(*e).rfind("BREATHLINE_HAMMER_", 0) != 0) env_text.emplace_back(*e);
    env_text.push_back("BREATHLINE_HAMMER_DB=" + location);
    env_text.push_back("BREATHLINE_HAMMER_NAME=" + name);
    env_text.push_back("BREATHLINE_HAMMER_OUT=" + out_path);
    env_text.push_back("BREATHLINE_HAMMER_SECONDS=" + std::to_string(seconds));
    std::vector<char*> envp;
    for (auto& s : env_text)
        envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string exe = "/proc/self/exe";
    std::string filter = "--gtest_filter=" + writer_suite + ".*";
    char* argv[] = {exe.data(), filter.data(), nullptr};
    pid_t pid = 0;
    if (::posix_spawn(&pid, exe.c_str(), nullptr, nullptr, argv, envp.data()) != 0) return -1;
    return pid;
}

/// Exit status of writer `pid` (-1 when it did not exit normally).
inline int wait_writer(pid_t pid) {
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
}

struct Tokens {
    std::map<std::string, std::vector<std::string>> by_person;
    std::int64_t count = 0;
    std::int64_t conflicts = -1; ///< from the "# conflicts" line; -1 when the writer never ended
};

inline Tokens read_tokens(const std::string& path) {
    Tokens t;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("# conflicts ", 0) == 0) {
            t.conflicts = std::stoll(line.substr(12));
            continue;
        }
        const auto space = line.find(' ');
        if (space == std::string::npos) continue;
        t.by_person[line.substr(0, space)].push_back(line.substr(space + 1));
        ++t.count;
    }
    return t;
}

/// The tokens in a notes text, in order ("A1;B3;" → {"A1;", "B3;"}).
inline std::vector<std::string> split_notes(const std::string& notes) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < notes.size()) {
        const auto end = notes.find(';', start);
        if (end == std::string::npos) {
            out.push_back(notes.substr(start));
            break;
        }
        out.push_back(notes.substr(start, end - start + 1));
        start = end + 1;
    }
    return out;
}

/// The assertions of the hammer over the final state of `store`.
inline void verify(Store& store, const std::vector<Tokens>& writers) {
    std::int64_t total = 0;
    for (const auto& id : person_ids()) {
        const auto p = store.registry().person_by_external_id(id);
        ASSERT_TRUE(p) << id;
        std::map<std::string, int> in_notes;
        for (const auto& t : split_notes(p->notes))
            ++in_notes[t];
        std::int64_t successful = 0;
        for (const auto& w : writers) {
            const auto it = w.by_person.find(id);
            if (it == w.by_person.end()) continue;
            for (const auto& token : it->second) {
                ++successful;
                const auto found = in_notes.find(token);
                // A successful update whose token is gone was overwritten: a lost update.
                EXPECT_TRUE(found != in_notes.end()) << id << ": lost update " << token;
                if (found != in_notes.end()) {
                    EXPECT_EQ(found->second, 1) << id << ": " << token << " applied twice";
                    in_notes.erase(found);
                }
            }
        }
        // Nothing in the notes that no writer saw succeed.
        for (const auto& [token, n] : in_notes)
            ADD_FAILURE() << id << ": token " << token << " (x" << n
                          << ") in the notes but not reported by a writer";
        EXPECT_EQ(p->row_version - 1, successful) << id;
        total += successful;
    }
    std::int64_t reported = 0;
    for (const auto& w : writers)
        reported += w.count;
    EXPECT_EQ(total, reported);
    const auto chain = store.audit().verify();
    EXPECT_TRUE(chain.ok) << (chain.problems.empty() ? "" : chain.problems.front());
}

} // namespace breathline::data::test::hammer
