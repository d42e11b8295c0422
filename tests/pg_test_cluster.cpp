#include "tests/pg_test_cluster.h"

#include "data/postgres/pg_connection.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <thread>
#include <unistd.h>

namespace breathline::testing {

std::string pg_cluster_conninfo() {
    if (const char* direct = std::getenv("BREATHLINE_TEST_PG"); direct && *direct) return direct;
    const char* file = std::getenv("BREATHLINE_TEST_PG_FILE");
    if (file && *file) {
        std::ifstream in(file);
        std::string line;
        if (std::getline(in, line) && !line.empty()) return line;
        ADD_FAILURE() << "no PostgreSQL test cluster: " << file
                      << " is missing or empty (the ctest fixture pg_cluster_start writes it; "
                         "run the suite through ctest or set BREATHLINE_TEST_PG)";
        return {};
    }
    ADD_FAILURE() << "no PostgreSQL test cluster: set BREATHLINE_TEST_PG or run through ctest";
    return {};
}

std::string pg_conninfo_for(const std::string& conninfo, const std::string& dbname,
                            const std::string& user) {
    std::string out = std::regex_replace(conninfo, std::regex("dbname=[^ ]*"), "dbname=" + dbname);
    if (!user.empty()) out = std::regex_replace(out, std::regex("user=[^ ]*"), "user=" + user);
    return out;
}

namespace {
std::atomic<int> g_counter{0};
}

ScratchDatabase::ScratchDatabase() : m_cluster(pg_cluster_conninfo()) {
    m_name = "breathline_t_" + std::to_string(::getpid()) + "_" + std::to_string(g_counter++);
    m_conninfo = pg_conninfo_for(m_cluster, m_name);
    if (m_cluster.empty()) return;
    data::pg::Connection admin(m_cluster);
    admin.exec("DROP DATABASE IF EXISTS " + m_name);
    // Two suites copying the template at the same instant can collide
    // ("source database is being accessed by other users"): retry briefly.
    for (int attempt = 0;; ++attempt) {
        try {
            admin.exec("CREATE DATABASE " + m_name + " TEMPLATE breathline_template");
            break;
        } catch (const std::exception&) {
            if (attempt >= 50) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

ScratchDatabase::~ScratchDatabase() {
    if (m_cluster.empty()) return;
    try {
        data::pg::Connection admin(m_cluster);
        admin.exec("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    } catch (...) {
        // The cluster is removed after the run anyway.
    }
}

std::string ScratchDatabase::conninfo_as(const std::string& user) const {
    return pg_conninfo_for(m_cluster, m_name, user);
}

void ScratchDatabase::create_login(const std::string& user, const std::string& group) const {
    data::pg::Connection admin(m_cluster);
    admin.exec("DO $$BEGIN CREATE ROLE " + data::pg::quote_ident(user) +
               " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END$$");
    admin.exec("GRANT " + data::pg::quote_ident(group) + " TO " + data::pg::quote_ident(user));
}

} // namespace breathline::testing
