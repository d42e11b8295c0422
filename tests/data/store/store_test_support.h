#pragma once
// Shared fixtures of the store suites: a temporary directory per test and
// minimal valid rows. Every helper builds values that satisfy the schema, so
// a test that wants a violation changes exactly one field.

#include "data/model/facility.h"
#include "data/model/person.h"
#include "data/spatialite/spatialite_store.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace breathline::data::test {

/// A fresh directory under the system temp directory, removed with everything
/// in it on destruction. Not thread-safe (tests run one per process).
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    /// The directory itself.
    const std::filesystem::path& path() const { return m_path; }
    /// `name` inside the directory, as a string for open_store().
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

/// Opens the SpatiaLite store at `path` (creating and migrating it) with the
/// concrete type, so tests can reach the raw connection.
std::unique_ptr<spatialite::SpatialiteStore> open_spatialite(const std::string& path);

/// A ventilator user that satisfies every constraint; `n` makes the
/// external id ("P-000042") and the name unique.
Person make_person(int n);

/// A located rescue centre; `n` makes the external id unique.
Facility make_facility(int n, double lon, double lat);

/// The whole file, for byte-for-byte comparisons.
std::vector<char> read_bytes(const std::string& path);

/// Number of rows of a table through the raw connection.
std::int64_t count_rows(sqlite::Database& db, const std::string& table);

} // namespace breathline::data::test
