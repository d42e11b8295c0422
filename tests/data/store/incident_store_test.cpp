// IncidentStore on SpatiaLite: incidents with one active, outage areas with their geometry,
// append-only safety checks (every field of the form round-trips), drill isolation, auditing,
// and a SIGKILL during a stream of recorded checks losing no committed check.

#include "data/error.h"
#include "data/ops/board.h"
#include "data/ops/clock.h"
#include "geo/random.h"
#include "tests/data/store/store_test_support.h"

#include <chrono>
#include <csignal>
#include <gtest/gtest.h>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace breathline::data {
namespace {

Incident make_incident(std::string title, bool drill = false, bool active = true) {
    Incident i;
    i.kind = IncidentKind::earthquake;
    i.title = std::move(title);
    i.onset_at = "2026-11-22T03:00:00Z";
    i.is_drill = drill;
    i.is_active = active;
    return i;
}

// Every field set, so that a round trip proves each column is written and read.
SafetyCheck full_check(RowId incident, RowId person, const std::string& at) {
    SafetyCheck c;
    c.incident_id = incident;
    c.person_id = person;
    c.checked_at = at;
    c.vent_running = true;
    c.vent_power = VentilatorPower::external_battery;
    c.circuit_fault = false;
    c.external_power_left_h = 5.5;
    c.bag_at_hand = true;
    c.caregiver_can_use_bag = false;
    c.vent_other_concern = "アラーム音";
    c.generator_h = 8;
    c.car_charger_h = 2;
    c.bp_systolic = 124;
    c.bp_diastolic = 78;
    c.pulse_bpm = 90;
    c.spo2_pct = 95;
    c.temperature_c = 36.9;
    c.other_condition = "痰が多い";
    c.anxiety = "停電が不安";
    c.caregiver_can_continue = false;
    c.caregiver_reason = "家族が負傷";
    c.electricity = "停電";
    c.gas = "使用可";
    c.water = "断水";
    c.suction_rechargeable = true;
    c.suction_foot = false;
    c.oxygen_cylinders = 2;
    c.oxygen_hours_usable = 6;
    c.oxygen_cylinder_l = 500;
    c.oxygen_fill_ratio = 0.8;
    c.air_mattress = "静止モード";
    c.other_devices = "パルスオキシメーター";
    c.notes = "特記なし";
    c.judgement = Judgement::hospitalise;
    c.informed_physician = true;
    c.informed_care_manager = false;
    c.informed_other = "訪問看護";
    c.future_plan = "明朝再訪";
    c.checker_affiliation = "池袋保健所 保健師";
    c.checker_name = "確認 花子";
    return c;
}

class IncidentStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_store = test::open_spatialite(m_dir.file("incidents.sqlite"));
        m_person = m_store->registry().upsert_person(test::make_person(1)).id;
    }
    test::TempDir m_dir;
    std::unique_ptr<spatialite::SpatialiteStore> m_store;
    RowId m_person = 0;
};

TEST_F(IncidentStoreTest, OneActiveIncidentAndClosing) {
    auto& inc = m_store->incidents();
    const RowId a = inc.declare_incident(make_incident("A"));
    const RowId b = inc.declare_incident(make_incident("B", true));
    EXPECT_EQ(inc.active_incident()->id, b) << "declaring an active incident replaces the last";
    EXPECT_FALSE(inc.incident(a)->is_active);
    EXPECT_TRUE(inc.incident(b)->is_drill);
    EXPECT_TRUE(inc.activate_incident(a));
    EXPECT_EQ(inc.active_incident()->id, a);
    EXPECT_FALSE(inc.activate_incident(999));
    EXPECT_TRUE(inc.set_evacuation_level(a, EvacuationLevel::emergency_safety));
    EXPECT_EQ(inc.incident(a)->evacuation_level, EvacuationLevel::emergency_safety);
    EXPECT_TRUE(inc.close_incident(a, "2026-11-30T00:00:00Z", "all confirmed"));
    EXPECT_FALSE(inc.close_incident(a, "2026-11-30T00:00:00Z", "twice")) << "already closed";
    EXPECT_FALSE(inc.active_incident().has_value());
    EXPECT_EQ(inc.incident(a)->close_summary, "all confirmed");
    EXPECT_THROW(inc.activate_incident(a), DataError);
    EXPECT_EQ(inc.incidents(true).size(), 2u);
    EXPECT_EQ(inc.incidents(false).size(), 1u);
    EXPECT_THROW(inc.record_check(full_check(a, m_person, "2026-11-30T01:00:00Z")), DataError)
        << "no checks into a closed incident";
}

TEST_F(IncidentStoreTest, OutageAreasKeepGeometryAndRestore) {
    auto& inc = m_store->incidents();
    const RowId id = inc.declare_incident(make_incident("A"));
    OutageArea area;
    area.incident_id = id;
    area.name = "南大塚";
    area.starts_at = "2026-11-22T03:05:00Z";
    geo::Polygon poly;
    poly.outer.points = {{139.72, 35.72}, {139.74, 35.72}, {139.74, 35.74}, {139.72, 35.74}};
    area.area.parts.push_back(poly);
    const RowId aid = inc.add_outage_area(area);
    auto areas = inc.outage_areas(id);
    ASSERT_EQ(areas.size(), 1u);
    EXPECT_EQ(areas[0].name, "南大塚");
    EXPECT_FALSE(areas[0].restored_at);
    EXPECT_TRUE(areas[0].area.contains(geo::LonLat(139.7289, 35.7302)));
    EXPECT_FALSE(areas[0].area.contains(geo::LonLat(139.70, 35.7302)));
    EXPECT_THROW(inc.restore_outage_area(aid, "2026-11-22T03:00:00Z"), DataError)
        << "restored before it started";
    EXPECT_TRUE(inc.restore_outage_area(aid, "2026-11-22T09:00:00Z"));
    EXPECT_FALSE(inc.restore_outage_area(aid, "2026-11-22T10:00:00Z"));
    EXPECT_EQ(inc.outage_areas(id)[0].restored_at, "2026-11-22T09:00:00Z");
    EXPECT_THROW(inc.add_outage_area(OutageArea{0, id, "empty", "2026-11-22T03:05:00Z", {}, {}}),
                 DataError);
    // The outage table is spatially indexed and passes the store's own check.
    for (const auto& f : m_store->check().findings)
        EXPECT_NE(f.severity, CheckFinding::Severity::error) << f.message;
}

TEST_F(IncidentStoreTest, ChecksRoundTripAndAreHistory) {
    auto& inc = m_store->incidents();
    const RowId id = inc.declare_incident(make_incident("A"));
    const std::int64_t audit_before = m_store->audit().count();
    const SafetyCheck first = full_check(id, m_person, "2026-11-22T04:00:00Z");
    SafetyCheck second = full_check(id, m_person, "2026-11-22T06:00:00Z");
    second.judgement = Judgement::stay_home;
    const RowId second_id = inc.record_check(second);
    const RowId first_id = inc.record_check(first); // recorded later, checked earlier
    EXPECT_EQ(m_store->audit().count(), audit_before + 2);

    const auto history = inc.check_history(m_person);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].id, first_id) << "history is in checked_at order";
    SafetyCheck read = history[0];
    EXPECT_FALSE(read.recorded_at.empty());
    SafetyCheck expected = first;
    expected.id = first_id;
    expected.recorded_at = read.recorded_at;
    EXPECT_EQ(read, expected) << "every field of the form survives the round trip";

    EXPECT_EQ(inc.latest_check(id, m_person)->id, second_id);
    const auto latest = inc.latest_checks(id);
    ASSERT_EQ(latest.size(), 1u);
    EXPECT_EQ(latest[0].id, second_id);

    // Nothing is overwritten: the schema refuses UPDATE.
    EXPECT_THROW(m_store->database().exec("UPDATE safety_checks SET spo2_pct=50"), DataError);
    EXPECT_EQ(inc.check_history(m_person)[0].spo2_pct, 95);
}

TEST_F(IncidentStoreTest, SchemaRejectsImpossibleValues) {
    auto& inc = m_store->incidents();
    const RowId id = inc.declare_incident(make_incident("A"));
    SafetyCheck c = full_check(id, m_person, "2026-11-22T04:00:00Z");
    c.spo2_pct = 140;
    EXPECT_THROW(inc.record_check(c), DataError);
    c = full_check(id, m_person, "2026-11-22T04:00:00Z");
    c.generator_h = -1;
    EXPECT_THROW(inc.record_check(c), DataError);
    c = full_check(id, 4242, "2026-11-22T04:00:00Z");
    EXPECT_THROW(inc.record_check(c), DataError) << "unknown person";
    EXPECT_TRUE(inc.check_history(m_person).empty());
}

TEST_F(IncidentStoreTest, DrillChecksNeverReachARealBoard) {
    auto& inc = m_store->incidents();
    const RowId real = inc.declare_incident(make_incident("real"));
    const RowId drill = inc.declare_incident(make_incident("drill", true, false));
    const RowId other = m_store->registry().upsert_person(test::make_person(2)).id;
    inc.record_check(full_check(drill, m_person, "2026-11-22T04:00:00Z"));
    inc.record_check(full_check(drill, other, "2026-11-22T04:00:00Z"));
    inc.record_check(full_check(real, other, "2026-11-22T05:00:00Z"));

    EXPECT_EQ(inc.latest_checks(drill).size(), 2u);
    ASSERT_EQ(inc.latest_checks(real).size(), 1u);
    EXPECT_EQ(inc.latest_checks(real)[0].person_id, other);
    EXPECT_FALSE(inc.latest_check(real, m_person).has_value());

    const auto persons = m_store->registry().persons();
    const auto at = *ops::parse_time("2026-11-22T06:00:00Z");
    const ops::Board real_board =
        ops::evaluate_board(persons, inc.latest_checks(real), inc.outage_areas(real), at);
    const ops::Board drill_board =
        ops::evaluate_board(persons, inc.latest_checks(drill), inc.outage_areas(drill), at);
    EXPECT_EQ(real_board.count(ops::BoardLevel::unconfirmed), 1)
        << "the drill's check of person 1 must not confirm them on the real board";
    EXPECT_EQ(drill_board.count(ops::BoardLevel::unconfirmed), 0);
}

// ---- crash safety: a child records checks one by one and reports each id after
// record_check returned; SIGKILL at a random moment must lose none of the reported ones.

constexpr int k_stream = 400;
constexpr int k_kills = 8;

[[noreturn]] void record_stream_and_exit(const std::string& path, RowId incident, RowId person,
                                         int report_fd) {
    int status = 0;
    try {
        auto store = open_store(path);
        store->set_actor("crash-child");
        for (int i = 0; i < k_stream; ++i) {
            char at[32];
            std::snprintf(at, sizeof at, "2026-11-22T%02d:%02d:00Z", 4 + i / 60, i % 60);
            SafetyCheck c = full_check(incident, person, at);
            const RowId id = store->incidents().record_check(c);
            if (::write(report_fd, &id, sizeof id) != static_cast<ssize_t>(sizeof id)) status = 2;
        }
    } catch (...) {
        status = 1;
    }
    ::_exit(status);
}

TEST(IncidentCrashSafety, KilledWhileRecordingLosesNoCommittedCheck) {
    test::TempDir dir;
    geo::Rng rng(0x5AFE);
    int killed_mid_stream = 0;
    for (int k = 0; k < k_kills; ++k) {
        SCOPED_TRACE("kill " + std::to_string(k));
        const std::string path = dir.file("crash" + std::to_string(k) + ".sqlite");
        RowId incident = 0, person = 0;
        {
            auto store = open_store(path);
            incident = store->incidents().declare_incident(make_incident("crash"));
            person = store->registry().upsert_person(test::make_person(1)).id;
        }
        int fds[2];
        ASSERT_EQ(::pipe(fds), 0);
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            ::close(fds[0]);
            record_stream_and_exit(path, incident, person, fds[1]);
        }
        ::close(fds[1]);
        // Wait for a few reported commits, then kill after a random delay.
        std::set<RowId> reported;
        const int wait_for = static_cast<int>(rng.uniform_int(1, 20));
        RowId id = 0;
        while (static_cast<int>(reported.size()) < wait_for &&
               ::read(fds[0], &id, sizeof id) == static_cast<ssize_t>(sizeof id))
            reported.insert(id);
        std::this_thread::sleep_for(std::chrono::microseconds(rng.uniform_int(0, 20000)));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        while (::read(fds[0], &id, sizeof id) == static_cast<ssize_t>(sizeof id))
            reported.insert(id);
        ::close(fds[0]);
        if (WIFSIGNALED(status)) ++killed_mid_stream;

        auto store = open_store(path);
        std::set<RowId> stored;
        for (const auto& c : store->incidents().check_history(person))
            stored.insert(c.id);
        for (const RowId r : reported)
            EXPECT_TRUE(stored.count(r)) << "check " << r << " was reported recorded but is lost";
        EXPECT_GE(stored.size(), reported.size());
        EXPECT_LE(stored.size(), reported.size() + 1) << "at most the one in flight is extra";
        const AuditVerification audit = store->audit().verify();
        EXPECT_TRUE(audit.ok) << (audit.problems.empty() ? "" : audit.problems.front());
        // The file stays writable after recovery.
        EXPECT_GT(
            store->incidents().record_check(full_check(incident, person, "2026-11-23T00:00:00Z")),
            0);
    }
    EXPECT_GE(killed_mid_stream, k_kills / 2) << "the kills did not land inside the stream";
}

} // namespace
} // namespace breathline::data
