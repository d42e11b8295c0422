// Roles proven in the database (issue 9): logins in each breathline_* group open the store by
// their own conninfo; the store detects the role; and what the console and the CLI refuse is
// refused by PostgreSQL itself (GRANTs, masked views, row-level security) when the application
// check is bypassed by calling the store or running SQL directly.

#include "data/auth/roles.h"
#include "data/error.h"
#include "data/postgres/pg_connection.h"
#include "data/store/store.h"
#include "tests/pg_test_cluster.h"

#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

namespace breathline::data {
namespace {

using auth::Role;
using testing::ScratchDatabase;

// Login names are cluster-wide: unique per process so parallel runs never share one.
std::string login(const char* what) {
    return std::string("roles_") + what + "_" + std::to_string(::getpid());
}

// Runs `fn`, expecting DataError(permission_denied) from the database.
template <typename Fn> void expect_denied(Fn fn, const char* what) {
    try {
        fn();
        ADD_FAILURE() << what << ": not refused";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::permission_denied) << what << ": " << e.what();
    }
}

class PgRoles : public ::testing::Test {
protected:
    void SetUp() override {
        // The owner migrates (creating the group roles) and fills the registry.
        auto owner = open_store(m_db.conninfo());
        owner->set_actor("owner");
        EXPECT_EQ(owner->role(), Role::coordinator) << "the database owner acts as coordinator";
        Person p;
        p.external_id = "T-0001";
        p.name = "豊島 花子";
        p.name_kana = "トシマ ハナコ";
        p.address = "東京都豊島区南大塚1-2-3";
        p.town = "南大塚一丁目";
        p.phone_home = "03-0000-0000";
        p.home_oxygen = true;
        p.location = geo::LonLat{139.7300, 35.7300};
        m_person = owner->registry().upsert_person(p).id;
        Incident real;
        real.kind = IncidentKind::earthquake;
        real.title = "本番";
        real.onset_at = "2026-11-22T03:00:00Z";
        real.is_active = false;
        m_real = owner->incidents().declare_incident(real);
        Incident drill = real;
        drill.title = "訓練";
        drill.is_drill = true;
        m_drill = owner->incidents().declare_incident(drill);
        for (const auto& [what, role] :
             {std::pair{"coord", Role::coordinator}, std::pair{"planner", Role::planner},
              std::pair{"viewer", Role::viewer}, std::pair{"drill", Role::drill_operator}})
            m_db.create_login(login(what), auth::database_role_name(role));
    }

    std::unique_ptr<Store> as(const char* what) {
        auto s = open_store(m_db.conninfo_as(login(what)));
        s->set_actor(login(what));
        return s;
    }
    SafetyCheck check_in(RowId incident) const {
        SafetyCheck c;
        c.incident_id = incident;
        c.person_id = m_person;
        c.checked_at = "2026-11-22T05:00:00Z";
        c.spo2_pct = 95;
        return c;
    }
    std::int64_t count(const std::string& sql) {
        pg::Connection c(m_db.conninfo());
        return c.query_int64(sql).value_or(-1);
    }

    ScratchDatabase m_db;
    RowId m_person = 0, m_real = 0, m_drill = 0;
};

TEST_F(PgRoles, EachLoginIsDetectedInItsRole) {
    EXPECT_EQ(as("coord")->role(), Role::coordinator);
    EXPECT_EQ(as("planner")->role(), Role::planner);
    EXPECT_EQ(as("viewer")->role(), Role::viewer);
    EXPECT_EQ(as("drill")->role(), Role::drill_operator);
    EXPECT_EQ(as("viewer")->backend(), "postgresql");
}

TEST_F(PgRoles, ViewerReadsOnlyMaskedPersonsAndCannotWrite) {
    pg::Connection viewer(m_db.conninfo_as(login("viewer")));
    // The masked view: the row is there, its personal columns are not.
    const auto masked = viewer.query(
        "SELECT external_id, name, name_kana, phone_home, address FROM persons_masked");
    ASSERT_EQ(masked.rows(), 1);
    EXPECT_EQ(masked.text(0, 0), "T-0001");
    EXPECT_TRUE(masked.is_null(0, 1));
    EXPECT_TRUE(masked.is_null(0, 2));
    EXPECT_TRUE(masked.is_null(0, 3));
    EXPECT_EQ(masked.text(0, 4), "南大塚一丁目") << "the address is cut to the 町丁目";
    // The base table is closed to the viewer.
    expect_denied([&] { viewer.query("SELECT name FROM persons"); }, "viewer SELECT persons");

    // Writes through the store, with no application check in between: the database refuses.
    auto store = as("viewer");
    Person p;
    p.external_id = "T-0002";
    p.name = "池袋 太郎";
    p.home_oxygen = true; // a valid record: only the role stands in the way
    expect_denied([&] { store->registry().upsert_person(p); }, "viewer upsert_person");
    expect_denied([&] { store->incidents().record_check(check_in(m_real)); },
                  "viewer record_check");
    EXPECT_EQ(count("SELECT count(*) FROM persons"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM safety_checks"), 0);
}

TEST_F(PgRoles, PlannerEditsAPersonButCannotRecordASafetyCheck) {
    auto store = as("planner");
    pg::Connection planner(m_db.conninfo_as(login("planner")));
    EXPECT_EQ(planner.query_text("SELECT name FROM persons WHERE external_id = 'T-0001'"),
              std::optional<std::string>("豊島 花子"))
        << "a planner sees personal data";
    auto person = store->registry().person(m_person);
    ASSERT_TRUE(person);
    person->oxygen_flow_l_min = 2.5;
    store->registry().upsert_person(*person);
    EXPECT_EQ(count("SELECT count(*) FROM persons WHERE oxygen_flow_l_min = 2.5"), 1);

    expect_denied([&] { store->incidents().record_check(check_in(m_real)); },
                  "planner record_check");
    expect_denied([&] { store->incidents().record_check(check_in(m_drill)); },
                  "planner record_check in a drill");
    EXPECT_EQ(count("SELECT count(*) FROM safety_checks"), 0);
}

TEST_F(PgRoles, DrillOperatorRecordsChecksInDrillIncidentsOnly) {
    auto store = as("drill");
    store->incidents().record_check(check_in(m_drill));
    EXPECT_EQ(
        count("SELECT count(*) FROM safety_checks WHERE incident_id = " + std::to_string(m_drill)),
        1);
    // Row-level security: the same check in the real incident is refused by the database.
    expect_denied([&] { store->incidents().record_check(check_in(m_real)); },
                  "drill operator record_check in a real incident");
    EXPECT_EQ(
        count("SELECT count(*) FROM safety_checks WHERE incident_id = " + std::to_string(m_real)),
        0);
    // Nor may it see the names.
    pg::Connection drill(m_db.conninfo_as(login("drill")));
    expect_denied([&] { drill.query("SELECT name FROM persons"); }, "drill SELECT persons");
}

TEST_F(PgRoles, CoordinatorDoesEverythingButNeverRewritesTheAuditLog) {
    auto store = as("coord");
    auto person = store->registry().person(m_person);
    ASSERT_TRUE(person);
    person->oxygen_flow_l_min = 3.0;
    store->registry().upsert_person(*person);
    store->incidents().record_check(check_in(m_real));
    EXPECT_EQ(count("SELECT count(*) FROM safety_checks"), 1);
    const auto audit_rows = count("SELECT count(*) FROM audit_log");
    ASSERT_GT(audit_rows, 0);

    pg::Connection coord(m_db.conninfo_as(login("coord")));
    expect_denied([&] { coord.exec("UPDATE audit_log SET actor = 'someone else'"); },
                  "coordinator UPDATE audit_log");
    expect_denied([&] { coord.exec("DELETE FROM audit_log"); }, "coordinator DELETE audit_log");
    expect_denied([&] { coord.exec("TRUNCATE audit_log"); }, "coordinator TRUNCATE audit_log");
    EXPECT_EQ(count("SELECT count(*) FROM audit_log"), audit_rows);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE actor = 'someone else'"), 0);
}

TEST_F(PgRoles, SetRoleNarrowsButNeverWidens) {
    auto viewer = as("viewer");
    expect_denied([&] { viewer->set_role(Role::coordinator); }, "viewer → coordinator");
    EXPECT_EQ(viewer->role(), Role::viewer);
    expect_denied([&] { as("planner")->set_role(Role::coordinator); }, "planner → coordinator");
    auto coord = as("coord");
    coord->set_role(Role::planner);
    EXPECT_EQ(coord->role(), Role::planner);
    coord->set_role(Role::viewer);
    EXPECT_EQ(coord->role(), Role::viewer);
    // Narrowed once, the session stays narrow: not even the login's own role comes back.
    expect_denied([&] { coord->set_role(Role::coordinator); },
                  "narrowed coordinator → coordinator");
    expect_denied([&] { coord->set_role(Role::planner); }, "narrowed coordinator → planner");
    EXPECT_EQ(coord->role(), Role::viewer);
}

} // namespace
} // namespace breathline::data
