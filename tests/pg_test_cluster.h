#pragma once
/// The throwaway PostgreSQL cluster of the test run (scripts/pg-test-cluster.sh,
/// started by the ctest fixture `pg_cluster`). Each ScratchDatabase is a fresh
/// database made from the PostGIS template, dropped when it goes out of scope,
/// so suites running in parallel never see each other's rows.

#include <string>

namespace breathline::testing {

/// The cluster's conninfo (its `postgres` database): $BREATHLINE_TEST_PG, else
/// the first line of the file named by $BREATHLINE_TEST_PG_FILE. Fails the
/// calling test (GTest FAIL) and returns "" when neither is set.
std::string pg_cluster_conninfo();

/// `conninfo` with its dbname (and user, when `user` is not empty) replaced.
std::string pg_conninfo_for(const std::string& conninfo, const std::string& dbname,
                            const std::string& user = "");

class ScratchDatabase {
public:
    /// Creates database breathline_t_<pid>_<n> from breathline_template (PostGIS).
    ScratchDatabase();
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;
    /// Conninfo of the scratch database as the cluster superuser (owner).
    const std::string& conninfo() const { return m_conninfo; }
    /// Conninfo as another login role (see create_login).
    std::string conninfo_as(const std::string& user) const;
    /// Creates (or reuses) a LOGIN role `user` that is a member of `group`
    /// (e.g. breathline_coordinator); roles are cluster-wide, so names should
    /// be unique per suite.
    void create_login(const std::string& user, const std::string& group) const;
    const std::string& name() const { return m_name; }

private:
    std::string m_cluster;
    std::string m_name;
    std::string m_conninfo;
};

} // namespace breathline::testing
