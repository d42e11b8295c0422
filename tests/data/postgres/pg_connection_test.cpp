// libpq wrapper: parameters round-trip as text, errors map to DataError codes,
// transactions roll back, notifications arrive on a second connection.
#include "data/error.h"
#include "data/postgres/pg_connection.h"
#include "tests/pg_test_cluster.h"

#include <cmath>
#include <gtest/gtest.h>

namespace breathline::data::pg {
namespace {

using testing::ScratchDatabase;

TEST(PgLocation, RecognisesServerLocationsOnly) {
    EXPECT_TRUE(is_postgres_location("postgresql://hq/breathline"));
    EXPECT_TRUE(is_postgres_location("postgres://u@hq:5432/b"));
    EXPECT_TRUE(is_postgres_location("service=breathline"));
    EXPECT_TRUE(is_postgres_location("host=/tmp/x port=5 dbname=b"));
    EXPECT_FALSE(is_postgres_location("demo.db"));
    EXPECT_FALSE(is_postgres_location("/data/dbname=odd.db"));
    EXPECT_FALSE(is_postgres_location("data/toshima.sqlite"));
}

TEST(PgLocation, RedactsPasswords) {
    EXPECT_EQ(redact_conninfo("postgresql://alice:s3cret@hq/db"), "postgresql://alice:***@hq/db");
    EXPECT_EQ(redact_conninfo("host=hq password=s3cret dbname=b"), "host=hq password=*** dbname=b");
    EXPECT_EQ(redact_conninfo("postgresql://hq/db?password=x&sslmode=require"),
              "postgresql://hq/db?password=***&sslmode=require");
}

TEST(PgConnection, ParametersRoundTrip) {
    ScratchDatabase db;
    Connection c(db.conninfo());
    const double lon = 139.71234567890123;
    const auto r = c.query("SELECT $1::bigint, $2::float8, $3::text, $4::text IS NULL, $5::boolean",
                           Params()
                               .add(std::int64_t{9007199254740993})
                               .add(lon)
                               .add(std::string_view("豊島区 南池袋①"))
                               .add(std::optional<std::string>{})
                               .add(true));
    ASSERT_EQ(r.rows(), 1);
    EXPECT_EQ(r.int64(0, 0), 9007199254740993);
    EXPECT_EQ(r.dbl(0, 1), lon); // exact: 17 significant digits
    EXPECT_EQ(r.text(0, 2), "豊島区 南池袋①");
    EXPECT_TRUE(r.boolean(0, 3));
    EXPECT_TRUE(r.boolean(0, 4));
    EXPECT_EQ(c.query_text("SELECT current_setting('TimeZone')"), "UTC");
}

TEST(PgConnection, ErrorsMapToCodes) {
    ScratchDatabase db;
    Connection c(db.conninfo());
    c.exec("CREATE TABLE t(id bigint PRIMARY KEY, v int CHECK (v > 0))");
    c.query("INSERT INTO t VALUES (1, 1)");
    try {
        c.query("INSERT INTO t VALUES ($1, 1)", Params().add(1));
        FAIL() << "duplicate key accepted";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::constraint);
        EXPECT_NE(std::string(e.what()).find("23505"), std::string::npos) << e.what();
    }
    try {
        c.query("SELECT * FROM no_such_table");
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::sql);
        EXPECT_NE(std::string(e.what()).find("no_such_table"), std::string::npos);
    }
    try {
        Connection bad("host=/nonexistent-dir port=1 dbname=x password=hunter2");
        FAIL();
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::open_failed);
        EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
    }
}

TEST(PgConnection, TransactionRollsBackUnlessCommitted) {
    ScratchDatabase db;
    Connection c(db.conninfo());
    c.exec("CREATE TABLE t(id int)");
    {
        Transaction tx(c);
        c.query("INSERT INTO t VALUES (1)");
    }
    EXPECT_EQ(c.query_int64("SELECT count(*) FROM t"), 0);
    {
        Transaction tx(c);
        c.query("INSERT INTO t VALUES (1)");
        {
            Transaction inner(c, true);
            c.query("INSERT INTO t VALUES (2)");
        }
        tx.commit();
    }
    EXPECT_EQ(c.query_int64("SELECT count(*) FROM t"), 1);
}

TEST(PgConnection, NotificationsReachAListener) {
    ScratchDatabase db;
    Connection listener(db.conninfo());
    Connection writer(db.conninfo());
    listener.exec("LISTEN breathline_test");
    EXPECT_TRUE(listener.wait_notifications(0).empty());
    writer.query("SELECT pg_notify('breathline_test', $1)", Params().add("persons"));
    const auto got = listener.wait_notifications(5000);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].channel, "breathline_test");
    EXPECT_EQ(got[0].payload, "persons");
    EXPECT_EQ(got[0].backend_pid, writer.backend_pid());
}

TEST(PgConnection, LostServerIsReported) {
    ScratchDatabase db;
    Connection victim(db.conninfo());
    Connection admin(db.conninfo());
    admin.query("SELECT pg_terminate_backend($1)", Params().add(victim.backend_pid()));
    try {
        victim.query("SELECT 1");
        FAIL() << "query on a terminated session succeeded";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::connection_lost) << e.what();
    }
    EXPECT_FALSE(victim.ok());
}

} // namespace
} // namespace breathline::data::pg
