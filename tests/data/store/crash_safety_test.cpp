// Crash safety: a child process imports a large registry CSV (one
// transaction) and is killed with SIGKILL at a random moment. WAL with synchronous=FULL must leave
// either the whole batch or none of it, with the spatial indexes and the audit
// chain consistent either way.

#include "data/io/importer.h"
#include "geo/random.h"
#include "tests/data/store/store_test_support.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace breathline::data {
namespace {

constexpr int k_before = 25;   // committed before the child starts
constexpr int k_batch = 20000; // the child's single unit of work
constexpr int k_iterations = 20;

// The batch: a registry CSV of k_batch ventilator users, numbered after the
// k_before persons already in the file.
void write_batch_csv(const std::string& csv) {
    std::ofstream out(csv, std::ios::binary);
    out << "登録番号,氏名,人工呼吸器,内部バッテリー,経度,緯度\n";
    geo::Rng rng(2026);
    for (int i = 0; i < k_batch; ++i) {
        char row[160];
        std::snprintf(row, sizeof row, "P-%06d,試験 太郎%d,TPPV,有(%d時間),%.6f,%.6f\n",
                      k_before + i, i, i % 12, rng.uniform(139.67, 139.76),
                      rng.uniform(35.70, 35.75));
        out << row;
    }
}

// Child side: never returns. The import is one transaction; exit status 0
// after it committed, and the byte written to `ready_fd` tells the parent
// that the commit is durable.
[[noreturn]] void import_batch_and_exit(const std::string& path, const std::string& csv,
                                        int ready_fd) {
    int status = 0;
    try {
        auto store = open_store(path);
        store->set_actor("crash-child");
        ImportOptions options;
        options.kind = ImportKind::persons;
        options.file = csv;
        const ImportReport report = import_file(*store, options);
        if (!report.committed || report.created != static_cast<std::size_t>(k_batch)) status = 3;
        const char byte = 'c';
        if (status == 0 && ::write(ready_fd, &byte, 1) != 1) status = 2;
    } catch (...) {
        status = 1;
    }
    ::_exit(status);
}

struct ChildRun {
    pid_t pid = -1;
    int ready_fd = -1;
};

ChildRun start_child(const std::string& path, const std::string& csv) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::close(fds[0]);
        import_batch_and_exit(path, csv, fds[1]);
    }
    ::close(fds[1]);
    return {pid, fds[0]};
}

// Waits for the child; returns its wait status.
int reap(const ChildRun& child) {
    int status = 0;
    ::waitpid(child.pid, &status, 0);
    ::close(child.ready_fd);
    return status;
}

void prepare_file(const std::string& path) {
    auto store = open_store(path);
    auto uow = store->begin();
    for (int i = 0; i < k_before; ++i)
        store->registry().upsert_person(test::make_person(i));
    uow->commit();
}

TEST(CrashSafety, KilledImportLeavesAllOrNothing) {
    test::TempDir dir;
    const std::string csv = dir.file("batch.csv");
    write_batch_csv(csv);

    // One uninterrupted run measures how long the whole write takes here.
    std::int64_t duration_us = 0;
    {
        const std::string path = dir.file("measure.sqlite");
        prepare_file(path);
        const auto start = std::chrono::steady_clock::now();
        const ChildRun child = start_child(path, csv);
        const int status = reap(child);
        duration_us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
        ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
            << "the uninterrupted import failed with wait status " << status
            << " (exit 1: exception, 3: not committed or not all rows created)";
        auto store = open_store(path);
        ASSERT_EQ(store->registry().count_persons(), k_before + k_batch);
    }
    std::cout << "[          ] one batch of " << k_batch << " persons takes " << duration_us / 1000
              << " ms (open to exit)\n";

    geo::Rng rng(0xB4EA7);
    int all = 0;
    int none = 0;
    for (int i = 0; i < k_iterations; ++i) {
        SCOPED_TRACE("iteration " + std::to_string(i));
        const std::string path = dir.file("crash" + std::to_string(i) + ".sqlite");
        prepare_file(path);
        // Every fifth kill waits for the child's report that it committed, so
        // kills after the commit are certain, not left to timing.
        const bool after_commit = i % 5 == 4;
        const std::int64_t delay_us = rng.uniform_int(0, duration_us);
        const ChildRun child = start_child(path, csv);
        if (after_commit) {
            char byte = 0;
            ASSERT_EQ(::read(child.ready_fd, &byte, 1), 1) << "the child did not commit";
        } else {
            std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
        }
        ::kill(child.pid, SIGKILL);
        const int status = reap(child);
        // Either killed, or it finished before the signal arrived.
        EXPECT_TRUE(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0))
            << "child status " << status;

        auto store = open_store(path);
        const std::int64_t count = store->registry().count_persons();
        EXPECT_TRUE(count == k_before || count == k_before + k_batch)
            << "partial batch: " << count << " persons after a kill at " << delay_us << " us";
        if (count == k_before) ++none;
        if (count == k_before + k_batch) ++all;
        if (after_commit) {
            EXPECT_EQ(count, k_before + k_batch);
        }
        // The audit entries went in the same transaction as the rows: one
        // per person, plus the import's own summary entry.
        if (count == k_before) {
            EXPECT_EQ(store->audit().count(), k_before);
        } else {
            EXPECT_GE(store->audit().count(), k_before + k_batch);
        }
        const AuditVerification audit = store->audit().verify();
        EXPECT_TRUE(audit.ok) << (audit.problems.empty() ? "" : audit.problems.front());
        const CheckReport report = store->check();
        for (const auto& f : report.findings)
            EXPECT_NE(f.severity, CheckFinding::Severity::error) << f.code << ": " << f.message;
        // The file is still writable after recovery.
        Person extra = test::make_person(999999);
        EXPECT_TRUE(store->registry().upsert_person(extra).created);
    }
    std::cout << "[          ] kills: " << none << " left nothing, " << all
              << " left the whole batch\n";
    EXPECT_GE(all, k_iterations / 5);
    EXPECT_GE(none, 1) << "no kill landed inside the write; the test lost its point";
}

} // namespace
} // namespace breathline::data
