// The contract of the stores of issues 5-8 on both backends (issue 9): destination decisions,
// oxygen loans, deliveries, transport requests, support plans, drills and roads, written once
// over the backend-neutral SQL session, must behave alike on a SpatiaLite file and on a
// PostgreSQL/PostGIS scratch database: every field round-trips (optional ones set and unset),
// orderings are the documented ones (NULLs, ties and text compared as the headers say), state
// machines refuse the same steps with the same codes and messages naming the field, every change
// is audited, a UnitOfWork rolls their writes back, and geometry comes back bit for bit.
//
// Each store has one scenario (a function that checks as it goes and fills a text dump of
// everything it read back). ExtensionStoreContract cases run it on each backend; the
// ExtensionBackends cases run it on both and compare the dumps line by line, so a difference
// names the first field that differs. ExtensionOnAServer cases are PostgreSQL only: a server
// collation other than C, and logins in the breathline_* roles instead of the superuser.

#include "data/dispatch/delivery_store.h"
#include "data/dispatch/loan_store.h"
#include "data/dispatch/transport_store.h"
#include "data/drill/drill_store.h"
#include "data/error.h"
#include "data/ops/clock.h"
#include "data/ops/destination.h"
#include "data/ops/outage_shape.h"
#include "data/plans/plan_store.h"
#include "data/postgres/pg_connection.h"
#include "data/roads/road_store.h"
#include "data/store/registry_counts.h"
#include "data/store/store.h"
#include "tests/data/postgres/backend_fixture.h"
#include "tests/pg_test_cluster.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

namespace breathline::data {
namespace {

using testing::Backend;
using testing::full_person;
using testing::minimal_person;

// ---- helpers ---------------------------------------------------------------------------------

/// Expects `stmt` to throw DataError with `code_` and a message containing `needle` (the
/// field or value the header says the message names).
#define EXPECT_DATA_ERROR(stmt, code_, needle)                                                     \
    do {                                                                                           \
        try {                                                                                      \
            stmt;                                                                                  \
            ADD_FAILURE() << #stmt " was accepted";                                                \
        } catch (const DataError& e_) {                                                            \
            EXPECT_EQ(to_string(e_.code()), std::string(to_string(code_))) << e_.what();           \
            EXPECT_NE(std::string(e_.what()).find(needle), std::string::npos)                      \
                << "message does not name '" << (needle) << "': " << e_.what();                    \
        }                                                                                          \
    } while (0)

std::string num(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}
template <typename T> std::string opt(const std::optional<T>& v) {
    if (!v) return "NULL";
    if constexpr (std::is_same_v<T, std::string>)
        return "'" + *v + "'";
    else if constexpr (std::is_same_v<T, double>)
        return num(*v);
    else
        return std::to_string(*v);
}

/// A time the store took from its own clock: only its form is backend-independent.
bool is_iso_utc(const std::string& s) {
    return s.size() == 20 && s[4] == '-' && s[10] == 'T' && s[19] == 'Z';
}

/// "action|entity|entity_id|actor|summary" of every audit entry, oldest first. `at` and the
/// hashes depend on the wall clock, so they are left out; the chain is verified instead.
std::vector<std::string> audit_dump(Store& store) {
    std::vector<std::string> out;
    for (const auto& e : store.audit().entries(0))
        out.push_back("audit " + std::to_string(e.id) + " " + e.action + "|" + e.entity + "|" +
                      e.entity_id + "|" + e.actor + "|" + e.summary);
    return out;
}

/// The audit entries of one row as "action: summary", oldest first.
std::vector<std::string> audit_of(Store& store, std::string_view entity,
                                  std::string_view entity_id) {
    std::vector<std::string> out;
    for (const auto& e : store.audit().entries_for(entity, entity_id, 0))
        out.push_back(e.action + ": " + e.summary);
    return out;
}

/// The last audit entry as "action|entity|entity_id|summary".
std::string last_audit(Store& store) {
    const auto e = store.audit().entries(1);
    if (e.empty()) return "(none)";
    return e[0].action + "|" + e[0].entity + "|" + e[0].entity_id + "|" + e[0].summary;
}

void expect_same_dumps(const std::vector<std::string>& sl, const std::vector<std::string>& pg) {
    for (std::size_t i = 0; i < std::min(sl.size(), pg.size()); ++i)
        EXPECT_EQ(sl[i], pg[i]) << "line " << i << " (spatialite, postgresql)";
    EXPECT_EQ(sl.size(), pg.size()) << "dump lengths differ";
}

/// A ring's points without the closing repetition of the first (WKB rings are closed; the
/// model's may or may not be).
std::vector<geo::LonLat> open_ring(const geo::Ring& r) {
    auto p = r.points;
    if (p.size() > 1 && p.front() == p.back()) p.pop_back();
    return p;
}

std::string polygon_dump(const geo::MultiPolygon& m) {
    std::string s;
    for (const auto& part : m.parts) {
        s += "[";
        for (const auto& pt : open_ring(part.outer))
            s += num(pt.lon()) + " " + num(pt.lat()) + ",";
        for (const auto& hole : part.holes) {
            s += " hole(";
            for (const auto& pt : open_ring(hole))
                s += num(pt.lon()) + " " + num(pt.lat()) + ",";
            s += ")";
        }
        s += "]";
    }
    return s;
}

void expect_same_polygon(const geo::MultiPolygon& got, const geo::MultiPolygon& want) {
    EXPECT_EQ(polygon_dump(got), polygon_dump(want));
}

/// The rows the scenarios refer to: two persons, two facilities, four supporters.
struct World {
    RowId p1 = 0, p2 = 0;
    RowId hospital = 0, centre = 0;
    std::vector<RowId> supporters; // S-1 .. S-4
};

Facility facility(const std::string& external_id, FacilityKind kind, double lon, double lat) {
    Facility f;
    f.external_id = external_id;
    f.kind = kind;
    f.name = "施設 " + external_id;
    f.status = FacilityStatus::open;
    f.location = geo::LonLat(lon, lat);
    f.geocode_precision = GeocodePrecision::exact;
    return f;
}

World seed(Store& store) {
    World w;
    w.p1 = store.registry().upsert_person(full_person("P-1")).id;
    w.p2 = store.registry().upsert_person(minimal_person("P-2", 139.71, 35.73)).id;
    w.hospital = store.facilities()
                     .upsert_facility(
                         facility("H-1", FacilityKind::disaster_base_hospital, 139.7123, 35.7301))
                     .id;
    w.centre = store.facilities()
                   .upsert_facility(facility("R-1", FacilityKind::rescue_centre, 139.7201, 35.7355))
                   .id;
    for (int i = 1; i <= 4; ++i) {
        Supporter s;
        s.external_id = "S-" + std::to_string(i);
        s.name = "支援者 " + std::to_string(i);
        s.kind = SupporterKind::neighbour;
        s.travel_mode = TravelMode::walk;
        s.location = geo::LonLat(139.71 + 0.001 * i, 35.73);
        s.geocode_precision = GeocodePrecision::exact;
        w.supporters.push_back(store.registry().upsert_supporter(s).id);
    }
    return w;
}

RowId declare(Store& store, const std::string& title, bool drill, bool active) {
    Incident i;
    i.kind = IncidentKind::earthquake;
    i.title = title;
    i.onset_at = "2026-11-22T02:30:00Z";
    i.is_drill = drill;
    i.is_active = active;
    return store.incidents().declare_incident(i);
}

// ---- destination decisions (ops::DecisionStore) ----------------------------------------------

std::string dump(const ops::DestinationDecision& d) {
    return "decision " + std::to_string(d.id) + " person=" + std::to_string(d.person_id) +
           " incident=" + opt(d.incident_id) + " judgement=" + std::string(to_db(d.judgement)) +
           " severity=" + (d.severity ? std::string(ops::to_db(*d.severity)) : "NULL") +
           " recommended=" + opt(d.recommended_facility_id) +
           " chosen=" + std::to_string(d.chosen_facility_id) +
           " overridden=" + std::to_string(d.overridden) + " reason='" + d.reason + "' profile='" +
           d.profile + "' eta=" + opt(d.eta_s) + " distance=" + opt(d.road_distance_m) +
           " at=" + d.decided_at + " actor=" + d.actor;
}

void decision_scenario(Store& store, std::vector<std::string>& out) {
    const World w = seed(store);
    const RowId incident = declare(store, "地震", false, true);
    auto decisions = ops::decision_store(store);
    EXPECT_TRUE(decisions->decisions(w.p1).empty());
    EXPECT_FALSE(decisions->latest(w.p1));

    ops::DestinationDecision a;
    a.person_id = w.p1;
    a.incident_id = incident;
    a.judgement = Judgement::hospitalise;
    a.severity = ops::Severity::severe;
    a.recommended_facility_id = w.hospital;
    a.chosen_facility_id = w.hospital;
    a.profile = "car";
    a.eta_s = 754.5;
    a.road_distance_m = 4321.123456789012;
    a.decided_at = "2026-11-22T03:00:00Z";
    // Every optional field unset, and earlier than `a`: listed first although recorded later.
    ops::DestinationDecision b;
    b.person_id = w.p1;
    b.judgement = Judgement::evacuate;
    b.chosen_facility_id = w.centre;
    b.overridden = true;
    b.reason = "家族の希望";
    b.profile = "walk";
    b.decided_at = "2026-11-22T02:00:00Z";
    // The same time as `a`: the tie is broken by id.
    ops::DestinationDecision c = a;
    c.severity = ops::Severity::moderate;
    c.chosen_facility_id = w.centre;
    c.overridden = true;
    c.reason = "病院が満床";
    c.eta_s = 0.0;
    c.road_distance_m = 0.0;

    std::vector<ops::DestinationDecision> expected;
    for (auto d : {a, b, c}) {
        d.id = decisions->record(d);
        d.actor = "tester";
        expected.push_back(d);
    }
    EXPECT_LT(expected[0].id, expected[1].id);
    EXPECT_LT(expected[1].id, expected[2].id);
    const auto got = decisions->decisions(w.p1);
    ASSERT_EQ(got.size(), 3u);
    const ops::DestinationDecision* order[] = {&expected[1], &expected[0], &expected[2]};
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(dump(got[i]), dump(*order[i])) << i;
        out.push_back(dump(got[i]));
    }
    ASSERT_TRUE(decisions->latest(w.p1));
    EXPECT_EQ(dump(*decisions->latest(w.p1)), dump(expected[2]));
    EXPECT_TRUE(decisions->decisions(w.p2).empty());

    // Without a time the store stamps its own clock.
    ops::DestinationDecision now = b;
    now.person_id = w.p2;
    now.decided_at.clear();
    decisions->record(now);
    const auto stamped = decisions->latest(w.p2);
    ASSERT_TRUE(stamped);
    EXPECT_TRUE(is_iso_utc(stamped->decided_at)) << stamped->decided_at;

    // One audit entry each, by registry number; facilities by their external id, no name.
    EXPECT_EQ(audit_of(store, "destination_decisions", "P-1"),
              (std::vector<std::string>{
                  "confirm: hospitalise (severe) → H-1, recommended H-1, ETA 13 min (car)",
                  "override: evacuate → R-1 (walk), reason: 家族の希望",
                  "override: hospitalise (moderate) → R-1, recommended H-1, ETA 0 min (car), "
                  "reason: 病院が満床"}));

    // Refusals change nothing.
    const auto audit_before = store.audit().count();
    ops::DestinationDecision stay = a;
    stay.judgement = Judgement::stay_home;
    EXPECT_DATA_ERROR(decisions->record(stay), ErrorCode::invalid_input, "judgement");
    ops::DestinationDecision no_reason = b;
    no_reason.reason = " \t";
    EXPECT_DATA_ERROR(decisions->record(no_reason), ErrorCode::invalid_input, "reason");
    ops::DestinationDecision nobody = a;
    nobody.person_id = 99999;
    EXPECT_DATA_ERROR(decisions->record(nobody), ErrorCode::invalid_input, "person_id");
    ops::DestinationDecision nowhere = a;
    nowhere.chosen_facility_id = 88888;
    EXPECT_DATA_ERROR(decisions->record(nowhere), ErrorCode::invalid_input, "chosen_facility_id");
    ops::DestinationDecision bad_recommendation = a;
    bad_recommendation.recommended_facility_id = 77777;
    EXPECT_DATA_ERROR(decisions->record(bad_recommendation), ErrorCode::invalid_input, "77777");
    EXPECT_EQ(store.audit().count(), audit_before);
    EXPECT_EQ(decisions->decisions(w.p1).size(), 3u);
    EXPECT_TRUE(store.audit().verify().ok);
    for (auto& line : audit_dump(store))
        out.push_back(line);
}

// ---- oxygen loans (dispatch::LoanStore) ------------------------------------------------------

std::string dump(const dispatch::Equipment& e) {
    return "equipment " + std::to_string(e.id) + " " + e.serial + " " + std::string(to_db(e.kind)) +
           " capacity=" + opt(e.capacity_l) + " fill=" + opt(e.fill_ratio) +
           " status=" + std::string(to_db(e.status)) + " depot=" + opt(e.depot_facility_id) +
           " notes='" + e.notes + "' v" + std::to_string(e.row_version);
}

std::string dump(const dispatch::Loan& l) {
    return "loan " + std::to_string(l.id) + " person=" + std::to_string(l.person_id) +
           " incident=" + opt(l.incident_id) + " " + std::string(to_db(l.state)) + " clinic='" +
           l.clinic + "' flow=" + opt(l.prescribed_flow_l_min) + " ends=" + opt(l.therapy_ends_at) +
           " opened=" + l.opened_at + " closed=" + opt(l.closed_at) + " v" +
           std::to_string(l.row_version);
}

std::string dump(const dispatch::LoanEvent& e) {
    return "event " + std::to_string(e.id) + " loan=" + std::to_string(e.loan_id) + " " +
           std::string(to_db(e.state)) + " at=" + e.at + " actor=" + e.actor + " notes='" +
           e.notes + "'";
}

std::string dump(const dispatch::LoanItem& i) {
    return "item loan=" + std::to_string(i.loan_id) +
           " equipment=" + std::to_string(i.equipment_id) + " lent=" + i.lent_at +
           " returned=" + opt(i.returned_at);
}

std::string dump(const dispatch::LoanDelivery& d) {
    return "loan delivery " + std::to_string(d.id) + " loan=" + std::to_string(d.loan_id) +
           " person=" + std::to_string(d.person_id) +
           " collection=" + std::to_string(d.collection) +
           " cylinders=" + std::to_string(d.cylinders) + " due=" + opt(d.due_by) + " " + d.status;
}

dispatch::Equipment equipment(std::string serial, dispatch::EquipmentKind kind,
                              std::optional<double> capacity, std::optional<double> fill) {
    dispatch::Equipment e;
    e.serial = std::move(serial);
    e.kind = kind;
    e.capacity_l = capacity;
    e.fill_ratio = fill;
    return e;
}

dispatch::Loan step_loan(dispatch::LoanStore& loans, RowId id, dispatch::LoanState to,
                         const std::string& at, std::vector<std::string> lend = {}) {
    dispatch::LoanAdvance a;
    a.loan_id = id;
    a.to = to;
    a.at = at;
    a.notes = "step " + std::string(to_db(to));
    a.lend_serials = std::move(lend);
    if (to == dispatch::LoanState::clinic_consultation) a.clinic = "池袋クリニック";
    if (to == dispatch::LoanState::delivery_request) a.flow_l_min = 2.5;
    if (to == dispatch::LoanState::therapy_visit) a.therapy_ends = "2026-12-05T01:00:00Z";
    return loans.advance(a);
}

void loan_scenario(Store& store, std::vector<std::string>& out) {
    using namespace dispatch;
    const World w = seed(store);
    const RowId incident = declare(store, "停電", false, true);
    auto loans = loan_store(store);
    EXPECT_TRUE(loans->equipment().empty());

    // Serials that order differently under byte order and under a natural-language collation
    // ('-' < '_' < lower case in bytes). The header promises kind, then serial.
    Equipment c1 = equipment("b-CYL-2", EquipmentKind::cylinder, 500.0, 0.5);
    c1.depot_facility_id = w.centre;
    c1.notes = "倉庫A";
    const Equipment c2 = equipment("B-CYL-10", EquipmentKind::cylinder, 300.25, std::nullopt);
    const Equipment c3 = equipment("B_CYL-3", EquipmentKind::cylinder, 1000.0, 0.0);
    Equipment reg =
        equipment("B-REG-1", EquipmentKind::demand_regulator, std::nullopt, std::nullopt);
    reg.status = EquipmentStatus::maintenance;
    Equipment con = equipment("a-CON", EquipmentKind::concentrator, std::nullopt, std::nullopt);
    con.status = EquipmentStatus::retired;
    std::vector<Equipment> added;
    for (auto e : {c1, c2, c3, reg, con}) {
        e.id = loans->add_equipment(e);
        e.row_version = 1;
        added.push_back(e);
    }
    const std::vector<Equipment> expected_order = {added[4], added[1], added[2], added[0],
                                                   added[3]};
    const auto listed = loans->equipment();
    ASSERT_EQ(listed.size(), 5u);
    for (std::size_t i = 0; i < listed.size(); ++i)
        EXPECT_EQ(dump(listed[i]), dump(expected_order[i])) << i;
    EXPECT_EQ(loans->equipment_by_serial("b-CYL-2"), added[0]);
    EXPECT_FALSE(loans->equipment_by_serial("B-CYL-2")) << "serials are case-sensitive";
    EXPECT_EQ(audit_of(store, "equipment", "b-CYL-2"),
              (std::vector<std::string>{"create: cylinder 500 L"}));
    EXPECT_EQ(audit_of(store, "equipment", "B-REG-1"),
              (std::vector<std::string>{"create: demand_regulator"}));

    const auto audit_before = store.audit().count();
    EXPECT_DATA_ERROR(loans->add_equipment(c2), ErrorCode::invalid_input, "serial: B-CYL-10");
    EXPECT_DATA_ERROR(
        loans->add_equipment(equipment("X-1", EquipmentKind::cylinder, std::nullopt, 1.0)),
        ErrorCode::invalid_input, "capacity_l");
    EXPECT_DATA_ERROR(loans->add_equipment(equipment("X-2", EquipmentKind::cylinder, 500.0, 1.5)),
                      ErrorCode::invalid_input, "fill_ratio");
    EXPECT_DATA_ERROR(
        loans->add_equipment(equipment(" ", EquipmentKind::concentrator, std::nullopt, {})),
        ErrorCode::invalid_input, "serial");
    EXPECT_EQ(store.audit().count(), audit_before);

    EXPECT_EQ(add_minato_starting_stock(*loans, w.hospital), 32);
    EXPECT_EQ(add_minato_starting_stock(*loans, w.hospital), 0);
    EXPECT_EQ(loans->equipment().size(), 37u);
    const auto o2 = loans->equipment_by_serial("O2-CYL-01");
    ASSERT_TRUE(o2);
    EXPECT_EQ(o2->depot_facility_id, w.hospital);
    EXPECT_EQ(o2->capacity_l, 500.0);
    EXPECT_EQ(o2->fill_ratio, 1.0);

    // A loan through the nine steps.
    Loan l;
    l.person_id = w.p1;
    l.incident_id = incident;
    l.opened_at = "2026-12-03T00:00:00Z";
    const RowId id = loans->open_loan(l);
    Loan expected = l;
    expected.id = id;
    expected.row_version = 1;
    ASSERT_TRUE(loans->loan(id));
    EXPECT_EQ(dump(*loans->loan(id)), dump(expected));
    EXPECT_FALSE(loans->loan(id + 1000));
    Loan other;
    other.person_id = w.p2; // no incident, clinic and flow given up front
    other.clinic = "巣鴨医院";
    other.prescribed_flow_l_min = 1.0;
    other.therapy_ends_at = "2026-12-10T00:00:00Z";
    other.opened_at = "2026-12-03T00:30:00Z";
    const RowId id2 = loans->open_loan(other);
    other.id = id2;
    other.row_version = 1;
    EXPECT_EQ(dump(*loans->loan(id2)), dump(other));
    Loan nobody = l;
    nobody.person_id = 99999;
    EXPECT_DATA_ERROR(loans->open_loan(nobody), ErrorCode::invalid_input, "person_id");

    // Refused steps change nothing.
    const auto before_refusals = store.audit().count();
    EXPECT_DATA_ERROR(step_loan(*loans, id, LoanState::admission_request, "2026-12-03T01:00:00Z"),
                      ErrorCode::invalid_input, "/");
    LoanAdvance bare;
    bare.loan_id = id;
    bare.to = LoanState::clinic_coordination;
    bare.at = "2026-12-03T00:10:00Z";
    loans->advance(bare);
    bare.to = LoanState::clinic_consultation; // without a clinic
    EXPECT_DATA_ERROR(loans->advance(bare), ErrorCode::invalid_input, "clinic");
    bare.loan_id = 424242;
    EXPECT_DATA_ERROR(loans->advance(bare), ErrorCode::not_found, "424242");
    EXPECT_EQ(store.audit().count(), before_refusals + 1);
    EXPECT_EQ(loans->loan(id)->state, LoanState::clinic_coordination);

    const char* times[] = {"2026-12-03T01:00:00Z", "2026-12-03T02:00:00Z", "2026-12-03T03:00:00Z",
                           "2026-12-03T04:00:00Z"};
    step_loan(*loans, id, LoanState::clinic_consultation, times[0]);
    step_loan(*loans, id, LoanState::admission_request, times[0]);
    step_loan(*loans, id, LoanState::visit_scheduling, times[1]);
    Loan at6 = step_loan(*loans, id, LoanState::delivery_request, times[1]);
    EXPECT_EQ(at6.clinic, "池袋クリニック");
    EXPECT_EQ(at6.prescribed_flow_l_min, 2.5);
    EXPECT_EQ(at6.row_version, 6);
    auto d = loans->deliveries(id);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(dump(d[0]), dump(LoanDelivery{d[0].id, id, w.p1, false, 1, std::nullopt, "pending"}));

    // The other loan reaches ⑥ and is cancelled there: its van job is cancelled too.
    for (auto s :
         {LoanState::clinic_coordination, LoanState::clinic_consultation,
          LoanState::admission_request, LoanState::visit_scheduling, LoanState::delivery_request})
        step_loan(*loans, id2, s, times[1]);
    const auto before_lend = store.audit().count();
    EXPECT_DATA_ERROR(step_loan(*loans, id, LoanState::delivered, times[2], {"NO-SUCH"}),
                      ErrorCode::not_found, "NO-SUCH");
    EXPECT_DATA_ERROR(step_loan(*loans, id, LoanState::delivered, times[2], {"B-REG-1"}),
                      ErrorCode::invalid_input, "/");
    EXPECT_EQ(store.audit().count(), before_lend);

    step_loan(*loans, id, LoanState::delivered, times[2], {"O2-REG-01", "O2-CYL-01"});
    EXPECT_DATA_ERROR(step_loan(*loans, id2, LoanState::delivered, times[2], {"O2-CYL-01"}),
                      ErrorCode::invalid_input, "O2-CYL-01");
    EXPECT_EQ(loans->loan(id2)->state, LoanState::delivery_request);
    const Loan cancelled = step_loan(*loans, id2, LoanState::cancelled, times[2]);
    EXPECT_EQ(cancelled.closed_at, times[2]);
    ASSERT_EQ(loans->deliveries(id2).size(), 1u);
    EXPECT_EQ(loans->deliveries(id2)[0].status, "cancelled");

    const auto cyl = loans->equipment_by_serial("O2-CYL-01");
    EXPECT_EQ(cyl->status, EquipmentStatus::on_loan);
    EXPECT_EQ(cyl->row_version, 2);
    auto items = loans->items(id);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_LT(items[0].equipment_id, items[1].equipment_id) << "ordered by equipment id";
    for (const auto& i : items) {
        EXPECT_EQ(i.lent_at, times[2]);
        EXPECT_FALSE(i.returned_at);
    }
    EXPECT_EQ(loans->deliveries(id)[0].status, "done");

    step_loan(*loans, id, LoanState::therapy_visit, times[3]);
    d = loans->deliveries(id);
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(dump(d[1]), dump(LoanDelivery{d[1].id, id, w.p1, true, 1,
                                            std::string("2026-12-05T01:00:00Z"), "pending"}));
    const Loan closed = step_loan(*loans, id, LoanState::collected, "2026-12-05T02:00:00Z");
    EXPECT_EQ(closed.state, LoanState::collected);
    EXPECT_EQ(closed.closed_at, "2026-12-05T02:00:00Z");
    EXPECT_EQ(closed.therapy_ends_at, "2026-12-05T01:00:00Z");
    EXPECT_EQ(closed.row_version, 9);
    for (const auto& i : loans->items(id))
        EXPECT_EQ(i.returned_at, "2026-12-05T02:00:00Z");
    EXPECT_EQ(loans->equipment_by_serial("O2-CYL-01")->status, EquipmentStatus::in_stock);
    EXPECT_EQ(loans->equipment_by_serial("O2-CYL-01")->row_version, 3);
    EXPECT_EQ(loans->deliveries(id)[1].status, "done");
    EXPECT_DATA_ERROR(step_loan(*loans, id, LoanState::cancelled, "2026-12-06T00:00:00Z"),
                      ErrorCode::invalid_input, "/");

    const auto events = loans->events(id);
    ASSERT_EQ(events.size(), 9u);
    for (std::size_t i = 0; i < events.size(); ++i) {
        EXPECT_EQ(events[i].state, k_loan_steps[i]) << i;
        EXPECT_EQ(events[i].actor, "tester");
        EXPECT_EQ(events[i].loan_id, id);
        if (i > 0) {
            EXPECT_LT(events[i - 1].id, events[i].id);
        }
    }
    EXPECT_EQ(events[0].notes, "");
    EXPECT_EQ(events[0].at, "2026-12-03T00:00:00Z");
    EXPECT_EQ(events[1].notes, "");
    EXPECT_EQ(events[2].notes, "step clinic_consultation");
    EXPECT_TRUE(loans->events(424242).empty());

    const auto open = loans->loans(false);
    EXPECT_TRUE(open.empty());
    const auto all = loans->loans(true);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].id, id);
    EXPECT_EQ(all[1].id, id2);

    const auto loan_audit = audit_of(store, "loans", "P-1");
    ASSERT_EQ(loan_audit.size(), 9u);
    EXPECT_EQ(loan_audit[0], "create: loan " + std::to_string(id) + " opened at ①");
    EXPECT_EQ(loan_audit[1],
              "update: loan " + std::to_string(id) + ": consultation → clinic_coordination");
    EXPECT_EQ(loan_audit[6], "update: loan " + std::to_string(id) +
                                 ": delivery_request → delivered (lent O2-REG-01, O2-CYL-01)");
    for (const auto& a : loan_audit)
        EXPECT_EQ(a.find("豊島"), std::string::npos) << "a name in the audit: " << a;
    EXPECT_TRUE(store.audit().verify().ok);

    for (const auto& e : loans->equipment())
        out.push_back(dump(e));
    for (const auto& x : loans->loans(true)) {
        out.push_back(dump(x));
        for (const auto& e : loans->events(x.id))
            out.push_back(dump(e));
        for (const auto& i : loans->items(x.id))
            out.push_back(dump(i));
        for (const auto& dl : loans->deliveries(x.id))
            out.push_back(dump(dl));
    }
    for (auto& line : audit_dump(store))
        out.push_back(line);
}

// ---- deliveries (dispatch::DeliveryStore) ----------------------------------------------------

std::string dump(const dispatch::DeliveryRow& r) {
    return "delivery " + std::to_string(r.id) + " loan=" + opt(r.loan_id) +
           " person=" + std::to_string(r.person_id) + " " + r.registry_number +
           " collection=" + std::to_string(r.collection) +
           " cylinders=" + std::to_string(r.cylinders) + " service=" + std::to_string(r.service_s) +
           " due=" + opt(r.due_by) + " priority=" + std::to_string(r.priority) + " " +
           std::string(dispatch::to_db(r.status)) + " vehicle='" + r.vehicle +
           "' planned=" + opt(r.planned_at) + " done=" + opt(r.done_at) + " notes='" + r.notes +
           "' v" + std::to_string(r.row_version) + " incident=" + opt(r.incident_id) +
           " requested=" + opt(r.requested_at);
}

std::vector<RowId> ids_of(const std::vector<dispatch::DeliveryRow>& rows) {
    std::vector<RowId> out;
    for (const auto& r : rows)
        out.push_back(r.id);
    return out;
}

/// A loan of `person` taken to ⑥, which adds its pending delivery; returns the loan id.
RowId loan_to_delivery_request(dispatch::LoanStore& loans, RowId person) {
    dispatch::Loan l;
    l.person_id = person;
    l.opened_at = "2026-12-03T00:00:00Z";
    const RowId id = loans.open_loan(l);
    for (auto s : {dispatch::LoanState::clinic_coordination,
                   dispatch::LoanState::clinic_consultation, dispatch::LoanState::admission_request,
                   dispatch::LoanState::visit_scheduling, dispatch::LoanState::delivery_request})
        step_loan(loans, id, s, "2026-12-03T01:00:00Z");
    return id;
}

void delivery_scenario(Store& store, std::vector<std::string>& out, Store* other_connection) {
    using namespace dispatch;
    const World w = seed(store);
    auto loans = loan_store(store);
    auto deliveries = delivery_store(store);
    EXPECT_TRUE(deliveries->deliveries({DeliveryStatus::pending}).empty());
    const RowId loan1 = loan_to_delivery_request(*loans, w.p1);
    const RowId loan2 = loan_to_delivery_request(*loans, w.p2);
    const RowId real = declare(store, "実災害", false, false);
    const RowId drill = declare(store, "訓練", true, false);

    const auto pending = deliveries->deliveries({DeliveryStatus::pending});
    ASSERT_EQ(pending.size(), 2u);
    DeliveryRow expected;
    expected.id = pending[0].id;
    expected.loan_id = loan1;
    expected.person_id = w.p1;
    expected.registry_number = "P-1";
    expected.cylinders = 1;
    expected.priority = 1;
    expected.row_version = 1;
    EXPECT_EQ(dump(pending[0]), dump(expected));
    EXPECT_EQ(pending[1].loan_id, loan2);
    EXPECT_EQ(pending[1].registry_number, "P-2");
    EXPECT_LT(pending[0].id, pending[1].id);

    // Drill requests: optional due time set and unset; never listed with real rows.
    const RowId dr1 = deliveries->add_drill_delivery(drill, w.p2, 3, "2026-11-22T05:00:00Z",
                                                     "2026-11-22T03:00:00Z");
    const RowId dr2 =
        deliveries->add_drill_delivery(drill, w.p1, 0, std::nullopt, "2026-11-22T03:05:00Z");
    DeliveryRow drill_row;
    drill_row.id = dr1;
    drill_row.person_id = w.p2;
    drill_row.registry_number = "P-2";
    drill_row.cylinders = 3;
    drill_row.due_by = "2026-11-22T05:00:00Z";
    drill_row.row_version = 1;
    drill_row.incident_id = drill;
    drill_row.requested_at = "2026-11-22T03:00:00Z";
    ASSERT_TRUE(deliveries->delivery(dr1));
    EXPECT_EQ(dump(*deliveries->delivery(dr1)), dump(drill_row));
    EXPECT_FALSE(deliveries->delivery(dr2)->due_by);
    EXPECT_FALSE(deliveries->delivery(987654));
    EXPECT_EQ(ids_of(deliveries->deliveries({DeliveryStatus::pending})), ids_of(pending));
    EXPECT_EQ(ids_of(deliveries->deliveries_in({DeliveryStatus::pending}, drill)),
              (std::vector<RowId>{dr1, dr2}));
    EXPECT_TRUE(deliveries->deliveries({}).empty());
    EXPECT_EQ(last_audit(store), "drill_request|deliveries|P-1|drill #" + std::to_string(drill) +
                                     ": 0 cylinder(s) requested at 2026-11-22T03:05:00Z");
    EXPECT_EQ(audit_of(store, "deliveries", "P-2").back(),
              "drill_request: drill #" + std::to_string(drill) +
                  ": 3 cylinder(s) requested at 2026-11-22T03:00:00Z, due by "
                  "2026-11-22T05:00:00Z");
    const auto audit_before = store.audit().count();
    EXPECT_DATA_ERROR(deliveries->add_drill_delivery(real, w.p1, 1, std::nullopt, "x"),
                      ErrorCode::invalid_input, "incident_id");
    EXPECT_DATA_ERROR(deliveries->add_drill_delivery(drill, 99999, 1, std::nullopt, "x"),
                      ErrorCode::invalid_input, "person_id");
    EXPECT_EQ(store.audit().count(), audit_before);

    // A plan: one row placed, one left unassigned.
    const RowId d1 = pending[0].id;
    const RowId d2 = pending[1].id;
    EXPECT_EQ(deliveries->write_plan(
                  {{d1, "van-1", "2026-12-03T02:00:00Z", ""}, {d2, "", "", "capacity"}},
                  "plan: P-1 on van-1, P-2 unassigned"),
              2u);
    EXPECT_EQ(last_audit(store), "plan|deliveries|plan|plan: P-1 on van-1, P-2 unassigned");
    auto r1 = *deliveries->delivery(d1);
    EXPECT_EQ(r1.status, DeliveryStatus::planned);
    EXPECT_EQ(r1.vehicle, "van-1");
    EXPECT_EQ(r1.planned_at, "2026-12-03T02:00:00Z");
    EXPECT_EQ(r1.notes, "");
    EXPECT_EQ(r1.row_version, 2);
    auto r2 = *deliveries->delivery(d2);
    EXPECT_EQ(r2.status, DeliveryStatus::pending);
    EXPECT_EQ(r2.vehicle, "");
    EXPECT_FALSE(r2.planned_at);
    EXPECT_EQ(r2.notes, "unassigned:capacity");
    EXPECT_EQ(ids_of(deliveries->deliveries({DeliveryStatus::planned, DeliveryStatus::pending})),
              (std::vector<RowId>{d1, d2}));

    r1 = deliveries->mark_done(d1, "2026-12-03T02:20:00Z");
    EXPECT_EQ(r1.status, DeliveryStatus::done);
    EXPECT_EQ(r1.done_at, "2026-12-03T02:20:00Z");
    EXPECT_EQ(r1.vehicle, "van-1") << "the vehicle is kept";
    EXPECT_EQ(r1.row_version, 3);
    EXPECT_EQ(last_audit(store), "update|deliveries|P-1|delivery #" + std::to_string(d1) +
                                     " done at 2026-12-03T02:20:00Z by van-1");
    EXPECT_DATA_ERROR(deliveries->mark_done(d1, "2026-12-03T03:00:00Z"), ErrorCode::invalid_input,
                      "done");
    EXPECT_DATA_ERROR(deliveries->mark_done(987654, "2026-12-03T03:00:00Z"), ErrorCode::not_found,
                      "987654");
    // A served stop is never overwritten by a later plan.
    EXPECT_EQ(deliveries->write_plan({{d1, "van-2", "2026-12-03T04:00:00Z", ""}}, "replan"), 0u);
    EXPECT_EQ(dump(*deliveries->delivery(d1)), dump(r1));

    // Another workstation serves d2 meanwhile: this one sees it, and may not serve it again.
    if (other_connection) {
        delivery_store(*other_connection)->mark_done(d2, "2026-12-03T02:30:00Z");
        const auto seen = deliveries->delivery(d2);
        EXPECT_EQ(seen->status, DeliveryStatus::done);
        EXPECT_EQ(seen->row_version, r2.row_version + 1);
        EXPECT_DATA_ERROR(deliveries->mark_done(d2, "2026-12-03T02:31:00Z"),
                          ErrorCode::invalid_input, "already done");
        const auto by = store.audit().entries_for("deliveries", "P-2", 1);
        ASSERT_EQ(by.size(), 1u);
        EXPECT_EQ(by[0].actor, "suzuki");
    }
    EXPECT_TRUE(store.audit().verify().ok);

    for (const auto s : {DeliveryStatus::pending, DeliveryStatus::planned, DeliveryStatus::done,
                         DeliveryStatus::cancelled})
        for (const auto& r : deliveries->deliveries({s}))
            out.push_back(dump(r));
    for (const auto& r : deliveries->deliveries_in({DeliveryStatus::pending}, drill))
        out.push_back(dump(r));
    for (auto& line : audit_dump(store))
        out.push_back(line);
}

// ---- transport requests (dispatch::TransportStore) -------------------------------------------

std::string dump(const dispatch::TransportRequest& r) {
    return "request " + std::to_string(r.id) + " incident=" + std::to_string(r.incident_id) +
           " person=" + std::to_string(r.person_id) + " to=" + opt(r.destination_facility_id) +
           " requested=" + r.requested_at + " " + std::string(dispatch::to_db(r.status)) +
           " notes='" + r.notes + "' v" + std::to_string(r.row_version) +
           " assigned=" + opt(r.assigned_at);
}

std::string dump(const dispatch::TeamMemberRecord& m) {
    return "member request=" + std::to_string(m.request_id) +
           " supporter=" + std::to_string(m.supporter_id) + " eta=" + opt(m.eta_s) + " " +
           std::string(dispatch::to_db(m.status));
}

void transport_scenario(Store& store, std::vector<std::string>& out) {
    using namespace dispatch;
    const World w = seed(store);
    const auto& s = w.supporters;
    const RowId incident = declare(store, "地震", false, true);
    const RowId drill = declare(store, "訓練", true, false);
    const RowId closed = declare(store, "終了", false, false);
    store.incidents().close_incident(closed, "2026-11-23T00:00:00Z", "");
    auto transport = transport_store(store);

    TransportRequest r;
    r.incident_id = incident;
    r.person_id = w.p1;
    r.destination_facility_id = w.hospital;
    r.requested_at = "2026-11-22T03:00:00Z";
    r.notes = "ストレッチャー";
    const RowId r1 = transport->create_request(r);
    TransportRequest expected = r;
    expected.id = r1;
    expected.row_version = 1;
    ASSERT_TRUE(transport->request(r1));
    EXPECT_EQ(dump(*transport->request(r1)), dump(expected));
    TransportRequest bare;
    bare.incident_id = incident;
    bare.person_id = w.p2;
    const RowId r2 = transport->create_request(bare);
    const auto read2 = transport->request(r2);
    EXPECT_TRUE(is_iso_utc(read2->requested_at)) << "the store fills requested_at";
    EXPECT_FALSE(read2->destination_facility_id);
    EXPECT_EQ(read2->notes, "");
    EXPECT_FALSE(read2->assigned_at);
    EXPECT_EQ(read2->status, RequestStatus::open);
    EXPECT_FALSE(transport->request(r2 + 1000));
    EXPECT_EQ(audit_of(store, "transport_requests", "P-1"),
              (std::vector<std::string>{"create: transport request #" + std::to_string(r1) +
                                        " in incident " + std::to_string(incident) + " → H-1"}));

    const auto audit_before = store.audit().count();
    TransportRequest bad = r;
    bad.incident_id = 99999;
    EXPECT_DATA_ERROR(transport->create_request(bad), ErrorCode::invalid_input, "incident_id");
    bad.incident_id = closed;
    EXPECT_DATA_ERROR(transport->create_request(bad), ErrorCode::invalid_input, "closed");
    bad = r;
    bad.person_id = 99999;
    EXPECT_DATA_ERROR(transport->create_request(bad), ErrorCode::invalid_input, "person_id");
    bad = r;
    bad.destination_facility_id = 88888;
    EXPECT_DATA_ERROR(transport->create_request(bad), ErrorCode::invalid_input,
                      "destination_facility_id");
    EXPECT_EQ(store.audit().count(), audit_before);
    const auto listed = transport->requests(incident);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].id, r1);
    EXPECT_EQ(listed[1].id, r2);
    EXPECT_TRUE(transport->requests(closed).empty());

    // A team: ETA order with unknown last; equal ETAs by supporter id.
    transport->assign_team(r1,
                           {{r1, s[1], 600.0, MemberStatus::confirmed},
                            {r1, s[0], std::nullopt, MemberStatus::called},
                            {r1, s[2], 300.0, MemberStatus::called},
                            {r1, s[3], 300.0, MemberStatus::called}},
                           0, "2026-11-22T03:10:00Z");
    const auto team = transport->members(r1);
    EXPECT_EQ(team,
              (std::vector<TeamMemberRecord>{{r1, s[2], 300.0, MemberStatus::called},
                                             {r1, s[3], 300.0, MemberStatus::called},
                                             {r1, s[1], 600.0, MemberStatus::called},
                                             {r1, s[0], std::nullopt, MemberStatus::called}}));
    const auto assigned = transport->request(r1);
    EXPECT_EQ(assigned->status, RequestStatus::team_assigned);
    EXPECT_EQ(assigned->assigned_at, "2026-11-22T03:10:00Z");
    EXPECT_EQ(assigned->row_version, 2);
    EXPECT_EQ(last_audit(store), "assign|transport_requests|P-1|team for transport request #" +
                                     std::to_string(r1) +
                                     ": S-2 (ETA 10 min), S-1, S-3 (ETA 5 min), S-4 (ETA 5 min)");
    EXPECT_EQ(transport->booked_supporters(), (std::vector<RowId>{s[0], s[1], s[2], s[3]}));
    EXPECT_TRUE(transport->booked_supporters(r1).empty());

    // Never booked twice, never listed twice; unknown ids named.
    EXPECT_DATA_ERROR(transport->assign_team(r2, {{r2, s[0], 60.0, MemberStatus::called}}, 0, ""),
                      ErrorCode::constraint, "S-1");
    EXPECT_DATA_ERROR(transport->assign_team(r1,
                                             {{r1, s[0], 60.0, MemberStatus::called},
                                              {r1, s[0], 90.0, MemberStatus::called}},
                                             0, ""),
                      ErrorCode::constraint, "twice");
    EXPECT_DATA_ERROR(transport->assign_team(r2, {{r2, 77777, 60.0, MemberStatus::called}}, 0, ""),
                      ErrorCode::invalid_input, "supporter_id");
    EXPECT_DATA_ERROR(transport->assign_team(55555, {}, 0, ""), ErrorCode::invalid_input,
                      "request_id");
    EXPECT_EQ(transport->members(r1).size(), 4u) << "a refused team changes nothing";

    // Re-assigning replaces the team; fewer than needed: short of supporters.
    transport->assign_team(r1, {{r1, s[3], 120.0, MemberStatus::called}}, 2,
                           "2026-11-22T03:20:00Z");
    EXPECT_EQ(transport->members(r1),
              (std::vector<TeamMemberRecord>{{r1, s[3], 120.0, MemberStatus::called}}));
    EXPECT_EQ(transport->request(r1)->status, RequestStatus::short_of_supporters);
    EXPECT_EQ(last_audit(store), "assign|transport_requests|P-1|team for transport request #" +
                                     std::to_string(r1) + ": S-4 (ETA 2 min); 2 missing");
    EXPECT_EQ(transport->booked_supporters(), (std::vector<RowId>{s[3]}));
    transport->assign_team(r2, {}, 1, "2026-11-22T03:21:00Z");
    EXPECT_EQ(last_audit(store), "assign|transport_requests|P-2|team for transport request #" +
                                     std::to_string(r2) + ": nobody; 1 missing");

    // A drill is a world of its own: it books real teams' supporters, and only its own count.
    TransportRequest d = r;
    d.incident_id = drill;
    const RowId dr1 = transport->create_request(d);
    d.person_id = w.p2;
    const RowId dr2 = transport->create_request(d);
    transport->assign_team(dr1, {{dr1, s[3], 60.0, MemberStatus::called}}, 0,
                           "2026-11-22T03:30:00Z");
    EXPECT_EQ(transport->booked_supporters(dr2), (std::vector<RowId>{s[3]}));
    EXPECT_TRUE(transport->booked_supporters(dr1).empty());
    EXPECT_EQ(transport->booked_supporters(), (std::vector<RowId>{s[3]})) << "real requests only";
    EXPECT_DATA_ERROR(transport->assign_team(dr2, {{dr2, s[3], 60.0, MemberStatus::called}}, 0, ""),
                      ErrorCode::constraint, "S-4");

    // Status changes, audited; an arrived request takes no team and books nobody.
    EXPECT_TRUE(transport->set_status(r1, RequestStatus::in_transit));
    EXPECT_EQ(transport->request(r1)->row_version, 4);
    EXPECT_EQ(last_audit(store), "status|transport_requests|P-1|transport request #" +
                                     std::to_string(r1) + ": short_of_supporters → in_transit");
    EXPECT_EQ(transport->booked_supporters(), (std::vector<RowId>{s[3]}));
    EXPECT_TRUE(transport->set_status(r1, RequestStatus::arrived));
    EXPECT_TRUE(transport->booked_supporters().empty());
    EXPECT_FALSE(transport->set_status(55555, RequestStatus::cancelled));
    EXPECT_DATA_ERROR(transport->assign_team(r1, {}, 0, ""), ErrorCode::invalid_input, "arrived");
    EXPECT_TRUE(store.audit().verify().ok);

    for (const RowId inc : {incident, drill})
        for (auto q : transport->requests(inc)) {
            // r2's time came from the store's clock: only its form is compared.
            if (q.id == r2) q.requested_at = "<store clock>";
            out.push_back(dump(q));
            for (const auto& m : transport->members(q.id))
                out.push_back(dump(m));
        }
    for (auto& line : audit_dump(store))
        out.push_back(line);
}

// ---- support plans (plans::PlanStore) --------------------------------------------------------

std::string dump(const plans::SupportPlan& p) {
    return "plan " + std::to_string(p.id) + " person=" + std::to_string(p.person_id) + " " +
           std::string(to_db(p.state)) + " station='" + p.nurse_station +
           "' review=" + opt(p.next_review_due) + " created=" + p.created_at + " v" +
           std::to_string(p.row_version);
}

std::string dump(const plans::PlanStepRecord& s) {
    return "step " + std::to_string(s.id) + " plan=" + std::to_string(s.plan_id) + " " +
           std::string(to_db(s.step)) + " form=" + std::to_string(s.form_no) + " at=" + s.at +
           " actor=" + s.actor + " doc='" + s.document_ref + "' notes='" + s.notes + "' station='" +
           s.nurse_station + "'";
}

std::string dump(const plans::PlanVersion& v) {
    const auto& c = v.content;
    return "version " + std::to_string(v.id) + " plan=" + std::to_string(v.plan_id) + " #" +
           std::to_string(v.version_no) + " at=" + v.created_at + " author=" + v.author +
           " update=" + std::to_string(v.update) + " [" + c.safety_check_method + "|" +
           c.contact_list + "|" + c.supplies + "|" + c.outage_procedure + "|" +
           c.hazard_procedures + "|" + c.ventilator_info + "|" + c.other_items + "]";
}

std::string dump(const plans::Evaluation& e) {
    std::string s = "evaluation plan=" + std::to_string(e.plan_id) + " at=" + e.evaluated_at;
    for (const auto& i : e.items)
        s += " " + i.key + "=" + std::string(to_db(i.result)) + "('" + i.note + "')";
    return s;
}

plans::PlanContent plan_content(const std::string& tag) {
    plans::PlanContent c;
    c.safety_check_method = "電話で確認 " + tag;
    c.contact_list = "様式1のとおり";
    c.supplies = "外部バッテリー";
    c.outage_procedure = "外部バッテリーへ切替";
    c.hazard_procedures = "地震: 回路確認";
    c.ventilator_info = "Trilogy100 TPPV";
    c.other_items = tag; // (7) may be empty; here it tells versions apart
    return c;
}

std::vector<plans::EvalItem> all_ok_items() {
    std::vector<plans::EvalItem> items;
    for (const auto& spec : plans::evaluation_items())
        items.push_back({std::string(spec.key), plans::EvalResult::ok, ""});
    return items;
}

void plan_scenario(Store& store, std::vector<std::string>& out) {
    using namespace plans;
    const World w = seed(store);
    auto plans = plan_store(store);
    EXPECT_TRUE(plans->plans().empty());
    EXPECT_FALSE(plans->current_plan(w.p1));

    const RowId id = plans->create_plan(w.p1, "2026-04-01T01:00:00Z", "申請1", "電話受付");
    SupportPlan expected;
    expected.id = id;
    expected.person_id = w.p1;
    expected.created_at = "2026-04-01T01:00:00Z";
    expected.row_version = 1;
    ASSERT_TRUE(plans->plan(id));
    EXPECT_EQ(dump(*plans->plan(id)), dump(expected));
    EXPECT_FALSE(plans->plan(id + 1000));
    ASSERT_EQ(plans->steps(id).size(), 1u);
    PlanStepRecord first;
    first.id = plans->steps(id)[0].id;
    first.plan_id = id;
    first.form_no = 3;
    first.at = "2026-04-01T01:00:00Z";
    first.actor = "tester";
    first.document_ref = "申請1";
    first.notes = "電話受付";
    EXPECT_EQ(dump(plans->steps(id)[0]), dump(first));
    EXPECT_DATA_ERROR(plans->create_plan(w.p1, "2026-04-02T00:00:00Z", "", ""),
                      ErrorCode::invalid_input, "P-1");
    EXPECT_DATA_ERROR(plans->create_plan(99999, "2026-04-02T00:00:00Z", "", ""),
                      ErrorCode::invalid_input, "person_id");

    auto advance = [&](RowId plan, PlanStep s, const char* at,
                       std::optional<PlanContent> c = std::nullopt,
                       std::optional<std::string> station = std::nullopt) {
        PlanAdvance a;
        a.plan_id = plan;
        a.step = s;
        a.at = at;
        a.content = std::move(c);
        a.nurse_station = std::move(station);
        a.document_ref = "豊保健発第" + std::string(to_db(s));
        a.notes = "メモ";
        return plans->advance(a);
    };
    const auto audit_before = store.audit().count();
    EXPECT_DATA_ERROR(advance(id, PlanStep::plan, "2026-04-02T01:00:00Z", plan_content("v1")),
                      ErrorCode::invalid_input, " / ");
    EXPECT_DATA_ERROR(advance(id + 1000, PlanStep::decision_notice, "2026-04-02T01:00:00Z"),
                      ErrorCode::not_found, std::to_string(id + 1000));
    EXPECT_DATA_ERROR(advance(id, PlanStep::decision_notice, "yesterday"), ErrorCode::invalid_input,
                      "at:");
    EXPECT_EQ(store.audit().count(), audit_before);
    EXPECT_EQ(plans->plan(id)->state, PlanState::applied);

    advance(id, PlanStep::decision_notice, "2026-04-10T01:00:00Z");
    EXPECT_DATA_ERROR(advance(id, PlanStep::nurse_request, "2026-04-11T01:00:00Z"),
                      ErrorCode::invalid_input, " / ");
    advance(id, PlanStep::nurse_request, "2026-04-11T01:00:00Z", std::nullopt, "ST-池袋");
    PlanContent partial = plan_content("v0");
    partial.outage_procedure.clear();
    EXPECT_DATA_ERROR(advance(id, PlanStep::plan, "2026-05-20T01:00:00Z", partial),
                      ErrorCode::invalid_input, "停電時の対応方法");
    auto p = advance(id, PlanStep::plan, "2026-05-20T01:00:00Z", plan_content("v1"));
    EXPECT_EQ(p.state, PlanState::planned);
    EXPECT_EQ(p.nurse_station, "ST-池袋");
    EXPECT_EQ(p.next_review_due, "2027-05-20");
    EXPECT_EQ(p.row_version, 4);

    // Evaluations: refused with every invalid item named; listed oldest first by time.
    Evaluation bad;
    bad.plan_id = id;
    bad.evaluated_at = "2026-05-25T01:00:00Z";
    bad.items = all_ok_items();
    bad.items[9].result = EvalResult::problem; // no note
    const std::string problem_key = bad.items[9].key;
    bad.items.pop_back();
    const std::string missing_key = all_ok_items().back().key;
    try {
        plans->record_evaluation(bad, "第8号");
        ADD_FAILURE() << "an invalid evaluation was accepted";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
        EXPECT_NE(std::string(e.what()).find(problem_key), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(missing_key), std::string::npos) << e.what();
    }
    EXPECT_TRUE(plans->evaluations(id).empty());
    Evaluation later;
    later.plan_id = id;
    later.evaluated_at = "2026-05-25T01:00:00Z";
    later.items = all_ok_items();
    later.items[9].result = EvalResult::problem;
    later.items[9].note = "発電機なし";
    later.items[3].result = EvalResult::not_applicable;
    plans->record_evaluation(later, "第8号-2");
    Evaluation earlier = later;
    earlier.evaluated_at = "2026-05-24T01:00:00Z"; // recorded second, listed first
    earlier.items = all_ok_items();
    plans->record_evaluation(earlier, "第8号-1");
    const auto evs = plans->evaluations(id);
    ASSERT_EQ(evs.size(), 2u);
    EXPECT_EQ(dump(evs[0]), dump(earlier));
    EXPECT_EQ(dump(evs[1]), dump(later));
    EXPECT_EQ(plans->plan(id)->state, PlanState::evaluated);
    EXPECT_DATA_ERROR(plans->record_evaluation(Evaluation{id + 1000, "", all_ok_items()}, ""),
                      ErrorCode::not_found, std::to_string(id + 1000));

    // The quarter's invoice: once, and only with work to invoice.
    const Quarter q2 = *parse_quarter("2026Q2");
    const auto totals = invoice_totals(plans->all_steps(), "ST-池袋", q2);
    EXPECT_EQ(totals.new_plans, 1);
    EXPECT_FALSE(plans->invoiced("ST-池袋", q2));
    const RowId invoice = plans->record_invoice(totals, "2026-07-05T01:00:00Z");
    EXPECT_TRUE(plans->invoiced("ST-池袋", q2));
    EXPECT_FALSE(plans->invoiced("ST-池袋", *parse_quarter("2026Q3")));
    EXPECT_FALSE(plans->invoiced("ST-巣鴨", q2));
    EXPECT_DATA_ERROR(plans->record_invoice(totals, ""), ErrorCode::invalid_input, "2026Q2");
    EXPECT_DATA_ERROR(
        plans->record_invoice(
            invoice_totals(plans->all_steps(), "ST-池袋", *parse_quarter("2026Q3")), ""),
        ErrorCode::invalid_input, "nothing to invoice");
    EXPECT_EQ(plans->plan(id)->state, PlanState::invoiced);
    EXPECT_EQ(plans->steps(id).back().document_ref, "invoice " + std::to_string(invoice));
    EXPECT_EQ(audit_of(store, "invoices", "ST-池袋"),
              (std::vector<std::string>{"create: invoice " + std::to_string(invoice) +
                                        " 2026Q2: 1 new, 0 updates, 16560 yen before tax"}));
    EXPECT_DATA_ERROR(advance(id, PlanStep::invoice, "2026-07-06T01:00:00Z"),
                      ErrorCode::invalid_input, " / ");

    p = advance(id, PlanStep::update, "2027-05-18T01:00:00Z", plan_content("v2"));
    EXPECT_EQ(p.state, PlanState::updated);
    EXPECT_EQ(p.next_review_due, "2028-05-18");
    const auto versions = plans->versions(id);
    ASSERT_EQ(versions.size(), 2u);
    PlanVersion v1;
    v1.id = versions[0].id;
    v1.plan_id = id;
    v1.version_no = 1;
    v1.created_at = "2026-05-20T01:00:00Z";
    v1.author = "tester";
    v1.content = plan_content("v1");
    EXPECT_EQ(dump(versions[0]), dump(v1));
    EXPECT_EQ(versions[1].version_no, 2);
    EXPECT_TRUE(versions[1].update);
    EXPECT_EQ(versions[1].content, plan_content("v2"));

    const auto steps = plans->steps(id);
    std::vector<PlanStep> kinds;
    for (const auto& s : steps)
        kinds.push_back(s.step);
    EXPECT_EQ(kinds,
              (std::vector<PlanStep>{PlanStep::application, PlanStep::decision_notice,
                                     PlanStep::nurse_request, PlanStep::plan, PlanStep::evaluation,
                                     PlanStep::evaluation, PlanStep::invoice, PlanStep::update}));
    EXPECT_EQ(steps[1].nurse_station, "") << "no station before form 5";
    EXPECT_EQ(steps[2].nurse_station, "ST-池袋");
    EXPECT_EQ(steps[3].form_no, 6);
    EXPECT_EQ(steps[6].form_no, 7);

    // A second person's plan interleaves in all_steps (ordered by id); withdrawing ends a plan.
    const RowId id2 = plans->create_plan(w.p2, "2026-06-01T00:00:00Z", "", "");
    EXPECT_EQ(plans->all_steps().size(), steps.size() + 1);
    EXPECT_EQ(plans->all_steps().back().plan_id, id2);
    const auto withdrawn = plans->withdraw(id, "2027-06-01T00:00:00Z", "転居");
    EXPECT_EQ(withdrawn.state, PlanState::withdrawn);
    EXPECT_EQ(withdrawn.nurse_station, "ST-池袋");
    EXPECT_EQ(last_audit(store), "update|support_plans|P-1|plan " + std::to_string(id) +
                                     " withdrawn at 2027-06-01T00:00:00Z (reason given)");
    EXPECT_DATA_ERROR(plans->withdraw(id, "", ""), ErrorCode::invalid_input, "withdrawn");
    EXPECT_DATA_ERROR(plans->withdraw(id + 1000, "", ""), ErrorCode::not_found,
                      std::to_string(id + 1000));
    EXPECT_FALSE(plans->current_plan(w.p1));
    EXPECT_DATA_ERROR(advance(id, PlanStep::update, "2027-07-01T00:00:00Z", plan_content("v3")),
                      ErrorCode::invalid_input, " / ");
    const RowId id3 = plans->create_plan(w.p1, "2027-07-01T00:00:00Z", "再申請", "");
    ASSERT_TRUE(plans->current_plan(w.p1));
    EXPECT_EQ(plans->current_plan(w.p1)->id, id3);
    const auto all = plans->plans();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].id, id);
    EXPECT_EQ(all[1].id, id2);
    EXPECT_EQ(all[2].id, id3);

    const auto audit = audit_of(store, "support_plans", "P-1");
    ASSERT_EQ(audit.size(), 9u);
    EXPECT_EQ(audit[0], "create: plan " + std::to_string(id) + " opened at application (form 3)");
    EXPECT_EQ(audit[3], "update: plan " + std::to_string(id) +
                            ": nurse_requested → planned (plan, form 6), version 1, review due "
                            "2027-05-20");
    EXPECT_EQ(audit[4], "update: plan " + std::to_string(id) +
                            ": evaluation (form 8), 19 items, 1 to follow up");
    for (const auto& a : audit)
        EXPECT_EQ(a.find("豊島"), std::string::npos) << a;
    EXPECT_TRUE(store.audit().verify().ok);

    for (const auto& x : plans->plans())
        out.push_back(dump(x));
    for (const auto& s : plans->all_steps())
        out.push_back(dump(s));
    for (const auto& v : plans->versions(id))
        out.push_back(dump(v));
    for (const auto& e : plans->evaluations(id))
        out.push_back(dump(e));
    for (auto& line : audit_dump(store))
        out.push_back(line);
}

// ---- drills (drill::DrillStore) --------------------------------------------------------------

std::string dump(const drill::DrillRun& r) {
    return "run " + std::to_string(r.incident_id) + " file=" + r.scenario_file + " text='" +
           r.scenario_text + "' started=" + r.started_at + " real_ms=" +
           std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                              r.clock.anchor_real.time_since_epoch())
                              .count()) +
           " scenario=" + ops::format_time(r.clock.anchor_scenario) +
           " speed=" + num(r.clock.speed) + " paused=" + std::to_string(r.clock.paused) +
           " ended=" + opt(r.ended_at);
}

std::string dump(const drill::ActionRecord& a) {
    return "action " + std::to_string(a.seq) + " due=" + a.due_at + " " + a.kind + " subject='" +
           a.subject + "' ja='" + a.text_ja + "' en='" + a.text_en +
           "' line=" + std::to_string(a.line) + " fired=" + opt(a.fired_at) + " result='" +
           a.result + "'";
}

std::string dump(const drill::FacilityOverride& o) {
    return "override facility=" + std::to_string(o.facility_id) +
           " status=" + (o.status ? std::string(to_db(*o.status)) : "NULL") +
           " occupancy=" + opt(o.occupancy) +
           " power=" + (o.power ? std::string(to_db(*o.power)) : "NULL");
}

drill::DrillClockState clock_at(const char* scenario, std::int64_t real_ms, double speed,
                                bool paused) {
    drill::DrillClockState c;
    // Milliseconds: what the store keeps of the real anchor.
    c.anchor_real = std::chrono::system_clock::time_point(std::chrono::milliseconds(real_ms));
    c.anchor_scenario = *ops::parse_time(scenario);
    c.speed = speed;
    c.paused = paused;
    return c;
}

std::vector<drill::ActionRecord> drill_actions() {
    std::vector<drill::ActionRecord> actions(3);
    actions[0] = {0,          "2026-11-22T03:00:00Z", "outage_start",
                  "池袋停電", "池袋で停電",           "Outage in Ikebukuro",
                  4,          std::nullopt,           ""};
    actions[1] = {1, "2026-11-22T03:15:00Z", "check", "P-1", "安否確認", "Safety check",
                  9, std::nullopt,           ""};
    actions[2] = {2, "2026-11-22T03:30:00Z", "closure_start", "", "", "", 0, std::nullopt, ""};
    return actions;
}

void drill_scenario(Store& store, std::vector<std::string>& out) {
    using namespace drill;
    const World w = seed(store);
    auto drills = drill_store(store);
    EXPECT_FALSE(drills->running());
    EXPECT_TRUE(drills->runs().empty());

    Incident incident;
    incident.kind = IncidentKind::power_outage;
    incident.title = "停電訓練";
    incident.onset_at = "2026-11-22T03:00:00Z";
    DrillRun run;
    run.scenario_file = "/srv/drills/停電.toml";
    run.scenario_text = "[drill]\nname = \"停電訓練\"\n";
    run.started_at = "2026-12-04T00:00:00Z";
    run.clock = clock_at("2026-11-22T03:00:00Z", 1764806400123, 5, false);

    // A real incident in force: the drill does not take over.
    const RowId real = declare(store, "実災害", false, true);
    const auto audit_before = store.audit().count();
    EXPECT_DATA_ERROR(drills->start(incident, run, drill_actions()), ErrorCode::invalid_input,
                      "#" + std::to_string(real));
    EXPECT_EQ(store.audit().count(), audit_before);
    EXPECT_EQ(store.incidents().incidents(true).size(), 1u);
    store.incidents().close_incident(real, "2026-11-22T02:59:00Z", "");

    const RowId id = drills->start(incident, run, drill_actions());
    run.incident_id = id;
    const auto inc = store.incidents().incident(id);
    ASSERT_TRUE(inc);
    EXPECT_TRUE(inc->is_drill);
    EXPECT_TRUE(inc->is_active);
    EXPECT_EQ(inc->title, "停電訓練");
    ASSERT_TRUE(drills->run(id));
    EXPECT_EQ(dump(*drills->run(id)), dump(run));
    EXPECT_EQ(drills->run(id)->clock, run.clock);
    ASSERT_TRUE(drills->running());
    EXPECT_EQ(dump(*drills->running()), dump(run));
    EXPECT_FALSE(drills->run(id + 1000));
    ASSERT_EQ(drills->runs().size(), 1u);
    const auto expected_actions = drill_actions();
    auto actions = drills->actions(id);
    ASSERT_EQ(actions.size(), 3u);
    for (std::size_t i = 0; i < actions.size(); ++i)
        EXPECT_EQ(dump(actions[i]), dump(expected_actions[i]));
    EXPECT_EQ(last_audit(store), "drill_start|drill_runs|" + std::to_string(id) +
                                     "|scenario 停電.toml, 3 actions, speed x5");

    // The clock: audited only when asked.
    const auto paused = clock_at("2026-11-22T03:40:00Z", 1764806500999, 10, true);
    drills->save_clock(id, paused, true);
    EXPECT_EQ(drills->run(id)->clock, paused);
    EXPECT_EQ(last_audit(store), "drill_clock|drill_runs|" + std::to_string(id) +
                                     "|paused at 2026-11-22T03:40:00Z, speed x10");
    const auto before_quiet = store.audit().count();
    const auto running = clock_at("2026-11-22T03:41:00Z", 1764806600000, 2.5, false);
    drills->save_clock(id, running, false);
    EXPECT_EQ(drills->run(id)->clock, running);
    EXPECT_EQ(store.audit().count(), before_quiet);
    EXPECT_DATA_ERROR(drills->save_clock(id + 1000, running, true), ErrorCode::not_found,
                      std::to_string(id + 1000));

    // Actions fire once.
    drills->mark_fired(id, 1, "2026-11-22T03:15:00Z", "check #12");
    actions = drills->actions(id);
    EXPECT_EQ(actions[1].fired_at, "2026-11-22T03:15:00Z");
    EXPECT_EQ(actions[1].result, "check #12");
    EXPECT_FALSE(actions[0].fired_at);
    EXPECT_DATA_ERROR(drills->mark_fired(id, 1, "2026-11-22T03:16:00Z", "again"),
                      ErrorCode::invalid_input, "action 1");
    EXPECT_DATA_ERROR(drills->mark_fired(id, 7, "2026-11-22T03:16:00Z", "x"),
                      ErrorCode::invalid_input, "action 7");

    // The drill's world: facility status, supporters, closures; the real rows stay as they are.
    const Facility real_centre = *store.facilities().facility(w.centre);
    drills->set_facility_override(id, {w.centre, FacilityStatus::closed, std::nullopt, {}},
                                  "2026-11-22T03:20:00Z");
    drills->set_facility_override(id, {w.centre, std::nullopt, 12, FacilityPower::generator},
                                  "2026-11-22T03:21:00Z");
    drills->set_facility_override(id, {w.hospital, std::nullopt, std::nullopt, FacilityPower::none},
                                  "2026-11-22T03:22:00Z");
    const auto overrides = drills->facility_overrides(id);
    ASSERT_EQ(overrides.size(), 2u);
    EXPECT_EQ(dump(overrides[0]),
              dump(FacilityOverride{w.hospital, std::nullopt, std::nullopt, FacilityPower::none}));
    EXPECT_EQ(dump(overrides[1]), dump(FacilityOverride{w.centre, FacilityStatus::closed, 12,
                                                        FacilityPower::generator}))
        << "fields not set keep the earlier override";
    EXPECT_EQ(*store.facilities().facility(w.centre), real_centre);
    const Facility seen = apply_override(real_centre, overrides);
    EXPECT_EQ(seen.status, FacilityStatus::closed);
    EXPECT_EQ(seen.occupancy, 12);
    EXPECT_EQ(seen.power, FacilityPower::generator);
    EXPECT_TRUE(drills->facility_overrides(id + 1000).empty());

    drills->add_unavailable_supporter(id, w.supporters[2], "2026-11-22T03:25:00Z");
    drills->add_unavailable_supporter(id, w.supporters[0], "2026-11-22T03:26:00Z");
    drills->add_unavailable_supporter(id, w.supporters[0], "2026-11-22T03:27:00Z");
    EXPECT_EQ(drills->unavailable_supporters(id),
              (std::vector<RowId>{w.supporters[0], w.supporters[2]}));
    EXPECT_TRUE(store.registry().supporter(w.supporters[0])->active);

    // Seven decimals, as literals: the store keeps corners as "%.7f" text, which parses back to
    // exactly these doubles (a computed corner could be one ulp off its printed form).
    const std::vector<geo::LonLat> corners4 = {
        {139.7012345, 35.7212345}, {139.7062345, 35.7212345}, {139.7062345, 35.7262345}};
    const std::vector<geo::LonLat> corners2 = {
        {139.71, 35.73}, {139.712, 35.73}, {139.712, 35.732}, {139.71, 35.732}};
    drills->add_closure(id, 4, "倒木", corners4, "2026-11-22T03:30:00Z");
    drills->add_closure(id, 2, "", corners2, "2026-11-22T03:31:00Z");
    auto closures = drills->active_closures(id);
    ASSERT_EQ(closures.size(), 2u);
    expect_same_polygon(closures[0], ops::outage_polygon(corners2)); // by seq
    expect_same_polygon(closures[1], ops::outage_polygon(corners4));
    drills->end_closure(id, 2, "2026-11-22T03:50:00Z");
    closures = drills->active_closures(id);
    ASSERT_EQ(closures.size(), 1u);
    expect_same_polygon(closures[0], ops::outage_polygon(corners4));
    EXPECT_TRUE(road_store(store)->closures(true).empty()) << "real closures untouched";

    drills->end(id, "2026-11-22T04:00:00Z");
    EXPECT_EQ(drills->run(id)->ended_at, "2026-11-22T04:00:00Z");
    EXPECT_TRUE(drills->run(id)->clock.paused);
    EXPECT_FALSE(drills->running());
    EXPECT_DATA_ERROR(drills->end(id, "2026-11-22T04:01:00Z"), ErrorCode::invalid_input,
                      "#" + std::to_string(id));

    EXPECT_EQ(
        audit_of(store, "drill_runs", std::to_string(id)),
        (std::vector<std::string>{"drill_start: scenario 停電.toml, 3 actions, speed x5",
                                  "drill_clock: paused at 2026-11-22T03:40:00Z, speed x10",
                                  "drill_action: action 1 at 2026-11-22T03:15:00Z: check #12",
                                  "drill_facility: facility #" + std::to_string(w.centre) +
                                      " changed at 2026-11-22T03:20:00Z",
                                  "drill_facility: facility #" + std::to_string(w.centre) +
                                      " changed at 2026-11-22T03:21:00Z",
                                  "drill_facility: facility #" + std::to_string(w.hospital) +
                                      " changed at 2026-11-22T03:22:00Z",
                                  "drill_supporter: supporter #" + std::to_string(w.supporters[2]) +
                                      " unavailable from 2026-11-22T03:25:00Z",
                                  "drill_supporter: supporter #" + std::to_string(w.supporters[0]) +
                                      " unavailable from 2026-11-22T03:26:00Z",
                                  "drill_supporter: supporter #" + std::to_string(w.supporters[0]) +
                                      " unavailable from 2026-11-22T03:27:00Z",
                                  "drill_closure: closure 4 from 2026-11-22T03:30:00Z",
                                  "drill_closure: closure 2 from 2026-11-22T03:31:00Z",
                                  "drill_reopen: closure 2 reopened 2026-11-22T03:50:00Z",
                                  "drill_end: ended at 2026-11-22T04:00:00Z"}));
    EXPECT_TRUE(store.audit().verify().ok);

    for (const auto& r : drills->runs())
        out.push_back(dump(r));
    for (const auto& a : drills->actions(id))
        out.push_back(dump(a));
    for (const auto& o : drills->facility_overrides(id))
        out.push_back(dump(o));
    for (const RowId s : drills->unavailable_supporters(id))
        out.push_back("unavailable " + std::to_string(s));
    for (const auto& c : drills->active_closures(id))
        out.push_back("drill closure " + polygon_dump(c));
    for (auto& line : audit_dump(store))
        out.push_back(line);
}

// ---- roads (RoadStore) -----------------------------------------------------------------------

using geo::road::EdgeIndex;
using geo::road::RoadNetwork;

/// A 3 x 3 grid around Ikebukuro with every edge attribute used: shapes, names (shared and
/// empty), classes, both one-way directions, a speed or none, bridge and tunnel, an OSM id
/// beyond 2^53, node ids set and unset, coordinates that need all 17 digits.
RoadNetwork grid_network() {
    RoadNetwork n;
    for (int j = 0; j < 3; ++j)
        for (int i = 0; i < 3; ++i) {
            const int k = j * 3 + i;
            n.nodes.emplace_back(139.70 + 0.01 * i + 1.23456789e-7 * k,
                                 35.72 + 0.01 * j + 9.87654321e-8 * k);
            n.node_source_ids.push_back(k % 4 == 0 ? 0 : 1000000000000ULL + k);
            n.in_largest_component.push_back(k != 8);
        }
    n.names = {"", "明治通り", "山手通り", "要町通り"};
    auto edge = [&](geo::road::NodeIndex from, geo::road::NodeIndex to, geo::road::RoadClass c,
                    std::uint32_t name, double length) {
        geo::road::RoadEdge e;
        e.from = from;
        e.to = to;
        e.road_class = c;
        e.name_id = name;
        e.length_m = length;
        e.source_id = 500 + n.edges.size();
        n.edges.push_back(e);
        return &n.edges.back();
    };
    using geo::road::Oneway;
    using geo::road::RoadClass;
    auto* e0 = edge(0, 1, RoadClass::residential, 1, 912.5);
    e0->shape = {{139.70512345678901, 35.72031234567891}};
    e0->maxspeed_kmh = 40;
    e0->source_id = 9007199254740993ULL;
    edge(1, 2, RoadClass::primary, 0, 905.25)->bridge = true;
    auto* e2 = edge(0, 3, RoadClass::secondary, 2, 1110.0);
    e2->tunnel = true;
    e2->oneway = Oneway::backward;
    edge(3, 4, RoadClass::service, 1, 905.0)->oneway = Oneway::forward;
    edge(4, 5, RoadClass::living_street, 0, 905.0);
    auto* e5 = edge(4, 7, RoadClass::footway, 0, 1111.0);
    e5->shape = {{139.71001, 35.73302}, {139.70999, 35.73698}};
    edge(6, 7, RoadClass::steps, 0, 12.0);
    edge(7, 8, RoadClass::track, 3, 905.0);
    edge(2, 5, RoadClass::motorway, 0, 1110.0)->maxspeed_kmh = 80.5;
    return n;
}

std::string dump(const RoadNetwork& n) {
    std::string s = "network nodes=" + std::to_string(n.node_count()) +
                    " edges=" + std::to_string(n.edge_count()) + "\n";
    for (std::size_t v = 0; v < n.nodes.size(); ++v)
        s += "node " + std::to_string(v) + " " + num(n.nodes[v].lon()) + " " +
             num(n.nodes[v].lat()) +
             " src=" + std::to_string(v < n.node_source_ids.size() ? n.node_source_ids[v] : 0) +
             " largest=" +
             std::to_string(v < n.in_largest_component.size() && n.in_largest_component[v]) + "\n";
    for (std::size_t i = 0; i < n.edges.size(); ++i) {
        const auto& e = n.edges[i];
        s += "edge " + std::to_string(i) + " " + std::to_string(e.from) + "->" +
             std::to_string(e.to) + " " + geo::road::to_string(e.road_class) + " name='" +
             n.names.at(e.name_id) + "' oneway=" + std::to_string(static_cast<int>(e.oneway)) +
             " speed=" + opt(e.maxspeed_kmh) + " bridge=" + std::to_string(e.bridge) +
             " tunnel=" + std::to_string(e.tunnel) + " length=" + num(e.length_m) +
             " src=" + std::to_string(e.source_id) + " shape=";
        for (const auto& p : e.shape)
            s += num(p.lon()) + " " + num(p.lat()) + ";";
        s += "\n";
    }
    return s;
}

std::string dump(const RoadSourceInfo& s) {
    return "source " + std::to_string(s.id) + " " + s.path + " " + s.format + " " + s.file_sha256 +
           " clip='" + s.clip + "' nodes=" + std::to_string(s.node_count) +
           " edges=" + std::to_string(s.edge_count) + " network=" + s.network_sha256;
}

std::string dump(const RoadClosure& c) {
    return "closure " + std::to_string(c.id) + " edge=" + opt(c.edge) +
           " area=" + (c.area ? polygon_dump(*c.area) : "NULL") + " reason='" + c.reason +
           "' actor=" + c.actor + " active=" + std::to_string(c.active);
}

geo::MultiPolygon box_area(double lon0, double lat0, double lon1, double lat1) {
    geo::MultiPolygon m;
    m.parts.push_back({geo::Ring{{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}}}, {}});
    return m;
}

void road_scenario(Store& store, std::vector<std::string>& out) {
    auto roads = road_store(store);
    EXPECT_FALSE(roads->source());
    EXPECT_TRUE(roads->sources().empty());
    EXPECT_EQ(roads->load_network().node_count(), 0u);
    EXPECT_TRUE(roads->closures(true).empty());
    EXPECT_TRUE(roads->closed_edges().empty());
    EXPECT_TRUE(roads->edges_crossing(box_area(139.6, 35.6, 139.8, 35.8)).empty());

    const RoadNetwork net = grid_network();
    RoadSourceInfo source;
    source.path = "/data/osm/豊島区.osm";
    source.format = "osm_xml";
    source.file_sha256 = std::string(64, 'a');
    source.clip = "ward boundary";
    const RoadSourceInfo stored = roads->replace_network(net, source);
    EXPECT_GT(stored.id, 0);
    EXPECT_EQ(stored.node_count, 9);
    EXPECT_EQ(stored.edge_count, 9);
    EXPECT_EQ(stored.network_sha256, road_network_hash(net));
    EXPECT_TRUE(is_iso_utc(stored.imported_at)) << stored.imported_at;
    ASSERT_TRUE(roads->source());
    EXPECT_EQ(dump(*roads->source()), dump(stored));
    EXPECT_EQ(roads->source()->imported_at, stored.imported_at);
    const RoadNetwork loaded = roads->load_network();
    EXPECT_EQ(dump(loaded), dump(net));
    EXPECT_EQ(loaded.names, net.names);
    EXPECT_EQ(road_network_hash(loaded), stored.network_sha256);
    EXPECT_EQ(last_audit(store), "replace|road_network|" + std::to_string(stored.id) +
                                     "|source /data/osm/豊島区.osm (osm_xml, sha256 aaaaaaaaaaaa), "
                                     "9 nodes, 9 edges, clip ward boundary");

    // Spatial queries: crossing the boundary, and touching it at one vertex only.
    const geo::MultiPolygon crossing = box_area(139.705, 35.715, 139.715, 35.725);
    EXPECT_EQ(roads->edges_crossing(crossing), (std::vector<EdgeIndex>{0, 1}));
    const geo::LonLat n4 = net.nodes[4];
    geo::MultiPolygon touching;
    touching.parts.push_back(
        {geo::Ring{
             {n4, {n4.lon() + 0.003, n4.lat() - 0.006}, {n4.lon() - 0.003, n4.lat() - 0.006}}},
         {}});
    EXPECT_EQ(roads->edges_crossing(touching), (std::vector<EdgeIndex>{3, 4, 5}));
    EXPECT_TRUE(roads->edges_crossing(geo::MultiPolygon{}).empty());

    // Closures: by edge and by a two-part area with a hole.
    const auto audit_before = store.audit().count();
    RoadClosure by_edge;
    by_edge.edge = 6;
    by_edge.reason = "階段崩落";
    const RowId c1 = roads->add_closure(by_edge);
    geo::MultiPolygon area = crossing;
    geo::Polygon far;
    far.outer = geo::Ring{{{139.80, 35.80}, {139.81, 35.80}, {139.81, 35.81}, {139.80, 35.81}}};
    far.holes.push_back(
        geo::Ring{{{139.802, 35.802}, {139.804, 35.802}, {139.804, 35.804}, {139.802, 35.804}}});
    area.parts.push_back(far);
    RoadClosure by_area;
    by_area.area = area;
    const RowId c2 = roads->add_closure(by_area);
    EXPECT_LT(c1, c2);
    EXPECT_EQ(store.audit().count(), audit_before + 2);
    EXPECT_EQ(last_audit(store),
              "create|road_closures|" + std::to_string(c2) + "|area closed (2 polygons)");
    EXPECT_EQ(audit_of(store, "road_closures", std::to_string(c1)),
              (std::vector<std::string>{"create: edge 6 closed: 階段崩落"}));
    auto list = roads->closures();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].id, c1);
    EXPECT_EQ(list[0].edge, std::optional<EdgeIndex>(6));
    EXPECT_FALSE(list[0].area);
    EXPECT_EQ(list[0].reason, "階段崩落");
    EXPECT_EQ(list[0].actor, "tester");
    EXPECT_TRUE(list[0].active);
    EXPECT_TRUE(is_iso_utc(list[0].created_at)) << list[0].created_at;
    EXPECT_FALSE(list[1].edge);
    ASSERT_TRUE(list[1].area);
    expect_same_polygon(*list[1].area, area);
    EXPECT_EQ(list[1].reason, "");
    EXPECT_EQ(roads->closed_edges(), (std::vector<EdgeIndex>{0, 1, 6}));

    const auto before_refusals = store.audit().count();
    EXPECT_DATA_ERROR(roads->add_closure(RoadClosure{}), ErrorCode::invalid_input,
                      "exactly one edge or one area");
    RoadClosure both = by_area;
    both.edge = 1;
    EXPECT_DATA_ERROR(roads->add_closure(both), ErrorCode::invalid_input,
                      "exactly one edge or one area");
    RoadClosure missing;
    missing.edge = 9;
    EXPECT_DATA_ERROR(roads->add_closure(missing), ErrorCode::invalid_input,
                      "edge 9 does not exist");
    RoadClosure flat;
    flat.area = geo::MultiPolygon{{{geo::Ring{{{139.7, 35.7}, {139.8, 35.7}}}, {}}}};
    EXPECT_DATA_ERROR(roads->add_closure(flat), ErrorCode::invalid_input, "3 points");
    EXPECT_EQ(store.audit().count(), before_refusals);

    EXPECT_TRUE(roads->remove_closure(c1));
    EXPECT_FALSE(roads->remove_closure(c1)) << "already reopened";
    EXPECT_FALSE(roads->remove_closure(c2 + 1000));
    EXPECT_EQ(last_audit(store),
              "reopen|road_closures|" + std::to_string(c1) + "|closure reopened");
    list = roads->closures(true);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_FALSE(list[0].active);
    EXPECT_TRUE(list[1].active);
    EXPECT_EQ(roads->closed_edges(), (std::vector<EdgeIndex>{0, 1}));
    const RowId c3 = roads->add_closure(by_edge);

    // A new network: edge closures of the old one are reopened, area closures stay.
    RoadNetwork smaller = net;
    smaller.edges.resize(7);
    source.clip = "";
    const RoadSourceInfo second = roads->replace_network(smaller, source);
    EXPECT_GT(second.id, stored.id);
    EXPECT_EQ(roads->source()->id, second.id);
    ASSERT_EQ(roads->sources().size(), 2u);
    EXPECT_EQ(roads->sources()[0].id, stored.id);
    EXPECT_EQ(dump(roads->load_network()), dump(smaller));
    EXPECT_EQ(last_audit(store), "replace|road_network|" + std::to_string(second.id) +
                                     "|source /data/osm/豊島区.osm (osm_xml, sha256 aaaaaaaaaaaa), "
                                     "9 nodes, 7 edges, 1 edge closures of the previous network "
                                     "reopened");
    list = roads->closures();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].id, c2);
    EXPECT_EQ(roads->closures(true).back().id, c3);
    EXPECT_FALSE(roads->closures(true).back().active);

    // An inconsistent network is refused; nothing changes.
    RoadNetwork broken = smaller;
    broken.edges[2].to = 42;
    EXPECT_DATA_ERROR(roads->replace_network(broken, source), ErrorCode::invalid_input, "edge 2");
    EXPECT_EQ(roads->sources().size(), 2u);
    EXPECT_EQ(roads->load_network().edge_count(), 7u);

    for (const auto& s : roads->sources())
        out.push_back(dump(s));
    out.push_back(dump(roads->load_network()));
    for (const auto& c : roads->closures(true))
        out.push_back(dump(c));
    for (const auto& area_case : {crossing, touching, area}) {
        std::string ids = "crossing";
        for (const auto e : roads->edges_crossing(area_case))
            ids += " " + std::to_string(e);
        out.push_back(ids);
    }

    EXPECT_EQ(roads->clear_closures(), 1u);
    EXPECT_EQ(roads->clear_closures(), 0u);
    EXPECT_EQ(last_audit(store), "reopen|road_closures||1 closures reopened (all)");
    EXPECT_TRUE(roads->closures().empty());
    EXPECT_TRUE(roads->closed_edges().empty());
    EXPECT_TRUE(store.audit().verify().ok);
    for (auto& line : audit_dump(store))
        out.push_back(line);
}

// ---- the suite over both backends ------------------------------------------------------------

class ExtensionStoreContract : public ::testing::TestWithParam<std::string> {
protected:
    ExtensionStoreContract() : backend(GetParam()), store(backend.open()) {}
    Backend backend;
    std::unique_ptr<Store> store;
};

TEST_P(ExtensionStoreContract, EveryFactoryOpensOnThisBackend) {
    // Before the port these threw DataError(open_failed) on PostgreSQL.
    EXPECT_NO_THROW(ops::decision_store(*store));
    EXPECT_NO_THROW(dispatch::loan_store(*store));
    EXPECT_NO_THROW(dispatch::delivery_store(*store));
    EXPECT_NO_THROW(dispatch::transport_store(*store));
    EXPECT_NO_THROW(plans::plan_store(*store));
    EXPECT_NO_THROW(drill::drill_store(*store));
    EXPECT_NO_THROW(road_store(*store));
}

TEST_P(ExtensionStoreContract, DecisionsRoundTripOrderRefuseAndAudit) {
    std::vector<std::string> out;
    decision_scenario(*store, out);
}

TEST_P(ExtensionStoreContract, LoansEquipmentNineStepsEventsItemsAndAudit) {
    std::vector<std::string> out;
    loan_scenario(*store, out);
}

TEST_P(ExtensionStoreContract, DeliveriesDrillRowsPlanServeAndAnotherWorkstation) {
    auto other = backend.open("suzuki");
    std::vector<std::string> out;
    delivery_scenario(*store, out, other.get());
}

TEST_P(ExtensionStoreContract, TransportTeamsBookingsDrillsAndStatus) {
    std::vector<std::string> out;
    transport_scenario(*store, out);
}

TEST_P(ExtensionStoreContract, PlansCycleEvaluationsInvoicesAndWithdrawal) {
    std::vector<std::string> out;
    plan_scenario(*store, out);
}

TEST_P(ExtensionStoreContract, DrillRunClockActionsAndItsOwnWorld) {
    std::vector<std::string> out;
    drill_scenario(*store, out);
}

TEST_P(ExtensionStoreContract, RoadsNetworkClosuresAndSpatialQueries) {
    std::vector<std::string> out;
    road_scenario(*store, out);
}

TEST_P(ExtensionStoreContract, ASecondConnectionSeesEveryStoresWrites) {
    // Two workstations: what one writes through the extension stores the other reads at once.
    const World w = seed(*store);
    auto other = backend.open("suzuki");
    dispatch::Equipment e = equipment("C-1", dispatch::EquipmentKind::cylinder, 500.0, 1.0);
    dispatch::loan_store(*other)->add_equipment(e);
    EXPECT_TRUE(dispatch::loan_store(*store)->equipment_by_serial("C-1"));
    ops::DestinationDecision d;
    d.person_id = w.p1;
    d.chosen_facility_id = w.hospital;
    d.decided_at = "2026-11-22T03:00:00Z";
    ops::decision_store(*other)->record(d);
    ASSERT_TRUE(ops::decision_store(*store)->latest(w.p1));
    EXPECT_EQ(ops::decision_store(*store)->latest(w.p1)->actor, "suzuki");
    plans::plan_store(*other)->create_plan(w.p2, "2026-04-01T00:00:00Z", "", "");
    EXPECT_TRUE(plans::plan_store(*store)->current_plan(w.p2));
    road_store(*other)->replace_network(
        grid_network(),
        RoadSourceInfo{0, "x.osm", "osm_xml", std::string(64, 'b'), "", "", 0, 0, ""});
    EXPECT_EQ(road_store(*store)->load_network().edge_count(), 9u);
    EXPECT_EQ(store->audit().entries(1).at(0).actor, "suzuki");
    EXPECT_TRUE(store->audit().verify().ok);
}

TEST_P(ExtensionStoreContract, UnitOfWorkRollsBackExtensionStoreWrites) {
    const World w = seed(*store);
    auto loans = dispatch::loan_store(*store);
    auto decisions = ops::decision_store(*store);
    auto plans = plans::plan_store(*store);
    auto roads = road_store(*store);
    auto drills = drill::drill_store(*store);
    auto transport = dispatch::transport_store(*store);
    auto deliveries = dispatch::delivery_store(*store);
    const auto audit_before = store->audit().count();
    const auto incidents_before = store->incidents().incidents(true).size();
    {
        auto uow = store->begin();
        loans->add_equipment(equipment("U-1", dispatch::EquipmentKind::concentrator, {}, {}));
        dispatch::Loan l;
        l.person_id = w.p1;
        l.opened_at = "2026-12-03T00:00:00Z";
        loans->open_loan(l);
        ops::DestinationDecision d;
        d.person_id = w.p1;
        d.chosen_facility_id = w.hospital;
        d.decided_at = "2026-11-22T03:00:00Z";
        decisions->record(d);
        plans->create_plan(w.p1, "2026-04-01T00:00:00Z", "", "");
        roads->replace_network(
            grid_network(),
            RoadSourceInfo{0, "x.osm", "osm_xml", std::string(64, 'c'), "", "", 0, 0, ""});
        RoadClosure c;
        c.edge = 1;
        roads->add_closure(c);
        Incident inc;
        inc.title = "訓練";
        inc.onset_at = "2026-11-22T03:00:00Z";
        drill::DrillRun run;
        run.scenario_file = "d.toml";
        run.started_at = "2026-12-04T00:00:00Z";
        run.clock = clock_at("2026-11-22T03:00:00Z", 1764806400000, 1, false);
        const RowId drill = drills->start(inc, run, drill_actions());
        drills->mark_fired(drill, 0, "2026-11-22T03:00:00Z", "outage #1");
        dispatch::TransportRequest r;
        r.incident_id = drill;
        r.person_id = w.p2;
        r.requested_at = "2026-11-22T03:01:00Z";
        transport->create_request(r);
        deliveries->add_drill_delivery(drill, w.p2, 1, std::nullopt, "2026-11-22T03:02:00Z");
        // Visible inside the unit.
        EXPECT_TRUE(loans->equipment_by_serial("U-1"));
        EXPECT_TRUE(drills->running());
        EXPECT_EQ(roads->closed_edges(), (std::vector<EdgeIndex>{1}));
        // A refused write inside the unit leaves the others in place.
        EXPECT_THROW(
            loans->add_equipment(equipment("U-1", dispatch::EquipmentKind::concentrator, {}, {})),
            DataError);
        EXPECT_TRUE(loans->equipment_by_serial("U-1"));
    } // not committed
    EXPECT_TRUE(loans->equipment().empty());
    EXPECT_TRUE(loans->loans(true).empty());
    EXPECT_FALSE(decisions->latest(w.p1));
    EXPECT_TRUE(plans->plans().empty());
    EXPECT_FALSE(roads->source());
    EXPECT_TRUE(roads->closures(true).empty());
    EXPECT_FALSE(drills->running());
    EXPECT_TRUE(drills->runs().empty());
    EXPECT_EQ(store->incidents().incidents(true).size(), incidents_before);
    EXPECT_EQ(store->audit().count(), audit_before);
    EXPECT_TRUE(store->audit().verify().ok);

    {
        auto uow = store->begin();
        loans->add_equipment(equipment("U-2", dispatch::EquipmentKind::concentrator, {}, {}));
        plans->create_plan(w.p2, "2026-04-01T00:00:00Z", "", "");
        uow->commit();
    }
    EXPECT_TRUE(loans->equipment_by_serial("U-2"));
    EXPECT_TRUE(plans->current_plan(w.p2));
    EXPECT_EQ(store->audit().count(), audit_before + 2);
    EXPECT_TRUE(store->audit().verify().ok);
}

TEST_P(ExtensionStoreContract, RunningDrillClockIsReadFromTheLocation) {
    // Every verb takes "now" from the running drill through this function
    // (console/cli/ops_args.cpp now_of, given the --db location): on either backend it must
    // find the drill the store reports as running.
    auto drills = drill::drill_store(*store);
    EXPECT_FALSE(drill::running_drill_clock(backend.location()));
    Incident inc;
    inc.title = "訓練";
    inc.onset_at = "2026-11-22T03:00:00Z";
    drill::DrillRun run;
    run.scenario_file = "d.toml";
    run.started_at = "2026-12-04T00:00:00Z";
    run.clock = clock_at("2026-11-22T03:00:00Z", 1764806400000, 20, true);
    const RowId id = drills->start(inc, run, {});
    const auto clock = drill::running_drill_clock(backend.location());
    ASSERT_TRUE(clock) << "no running drill found at " << backend.kind() << " location";
    EXPECT_EQ(*clock, run.clock);
    drills->end(id, "2026-11-22T04:00:00Z");
    EXPECT_FALSE(drill::running_drill_clock(backend.location()));
}

TEST_P(ExtensionStoreContract, SupporterLinkCountsMatchEachPersonsLinks) {
    // The console's person table reads these counts in one query instead of one per person.
    const World w = seed(*store);
    auto& registry = store->registry();
    registry.link_supporter({w.p1, w.supporters[0], "家族", 1});
    registry.link_supporter({w.p1, w.supporters[1], "近隣", 2});
    registry.link_supporter({w.p2, w.supporters[2], "家族", 1});
    registry.link_supporter({w.p1, w.supporters[0], "家族", 3}); // re-link: still one
    const auto counts = supporter_link_counts(*store);
    for (const auto& p : registry.persons()) {
        const auto it = counts.find(p.id);
        EXPECT_EQ(it == counts.end() ? 0 : it->second,
                  static_cast<int>(registry.supporter_links(p.id).size()))
            << p.external_id;
    }
    EXPECT_EQ(counts.at(w.p1), 2);
    EXPECT_EQ(counts.at(w.p2), 1);
}

TEST_P(ExtensionStoreContract, SchemaRefusalsAreConstraintErrorsAndChangeNothing) {
    // What only the schema checks (CHECK, foreign and primary keys) must be refused alike:
    // DataError(constraint), the write and its audit entry rolled back together.
    const World w = seed(*store);
    auto transport = dispatch::transport_store(*store);
    auto deliveries = dispatch::delivery_store(*store);
    auto decisions = ops::decision_store(*store);
    auto drills = drill::drill_store(*store);
    auto loans = dispatch::loan_store(*store);
    const RowId real = declare(*store, "地震", false, false);
    dispatch::TransportRequest r;
    r.incident_id = real;
    r.person_id = w.p1;
    r.requested_at = "2026-11-22T03:00:00Z";
    const RowId request = transport->create_request(r);
    transport->assign_team(request,
                           {{request, w.supporters[0], 60.0, dispatch::MemberStatus::called}}, 0,
                           "2026-11-22T03:05:00Z");
    Incident inc;
    inc.title = "訓練";
    inc.onset_at = "2026-11-22T03:00:00Z";
    drill::DrillRun run;
    run.scenario_file = "d.toml";
    run.started_at = "2026-12-04T00:00:00Z";
    run.clock = clock_at("2026-11-22T03:00:00Z", 1764806400000, 1, false);
    const RowId drill = drills->start(inc, run, {});
    drills->add_closure(drill, 1, "", {{139.71, 35.73}, {139.712, 35.73}, {139.712, 35.732}},
                        "2026-11-22T03:10:00Z");
    const auto audit_before = store->audit().count();
    const auto incidents_before = store->incidents().incidents(true).size();

    // A negative ETA: the old team stays (the delete before the insert is rolled back).
    EXPECT_DATA_ERROR(
        transport->assign_team(request,
                               {{request, w.supporters[1], -5.0, dispatch::MemberStatus::called}},
                               0, "2026-11-22T03:06:00Z"),
        ErrorCode::constraint, "");
    EXPECT_EQ(transport->members(request).size(), 1u);
    EXPECT_EQ(transport->members(request)[0].supporter_id, w.supporters[0]);
    EXPECT_EQ(transport->request(request)->assigned_at, "2026-11-22T03:05:00Z");
    EXPECT_DATA_ERROR(deliveries->add_drill_delivery(drill, w.p1, -1, std::nullopt, "x"),
                      ErrorCode::constraint, "");
    EXPECT_DATA_ERROR(drills->add_unavailable_supporter(drill, 99999, "2026-11-22T03:20:00Z"),
                      ErrorCode::constraint, "");
    EXPECT_DATA_ERROR(drills->set_facility_override(
                          drill, {99999, FacilityStatus::closed, std::nullopt, std::nullopt},
                          "2026-11-22T03:20:00Z"),
                      ErrorCode::constraint, "");
    EXPECT_DATA_ERROR(drills->set_facility_override(drill,
                                                    {w.centre, std::nullopt, -1, std::nullopt},
                                                    "2026-11-22T03:20:00Z"),
                      ErrorCode::constraint, "");
    EXPECT_DATA_ERROR(drills->add_closure(drill, 1, "again",
                                          {{139.72, 35.73}, {139.722, 35.73}, {139.722, 35.732}},
                                          "2026-11-22T03:21:00Z"),
                      ErrorCode::constraint, "");
    ops::DestinationDecision d;
    d.person_id = w.p1;
    d.chosen_facility_id = w.hospital;
    d.decided_at = "2026-11-22T03:00:00Z";
    d.eta_s = -1.0;
    EXPECT_DATA_ERROR(decisions->record(d), ErrorCode::constraint, "");
    d.eta_s.reset();
    d.incident_id = 99999;
    EXPECT_DATA_ERROR(decisions->record(d), ErrorCode::constraint, "");
    dispatch::Equipment e = equipment("D-1", dispatch::EquipmentKind::concentrator, {}, {});
    e.depot_facility_id = 99999;
    EXPECT_DATA_ERROR(loans->add_equipment(e), ErrorCode::constraint, "");
    // The end of a drill run that cannot be stored leaves no drill incident behind.
    drills->end(drill, "2026-11-22T04:00:00Z");
    store->incidents().close_incident(drill, "2026-11-22T04:00:00Z", "");
    drill::DrillRun fast = run;
    fast.clock.speed = 100;
    EXPECT_DATA_ERROR(drills->start(inc, fast, {}), ErrorCode::constraint, "");

    EXPECT_EQ(store->incidents().incidents(true).size(), incidents_before);
    EXPECT_TRUE(drills->unavailable_supporters(drill).empty());
    EXPECT_TRUE(drills->facility_overrides(drill).empty());
    EXPECT_EQ(drills->active_closures(drill).size(), 1u);
    EXPECT_FALSE(decisions->latest(w.p1));
    EXPECT_FALSE(loans->equipment_by_serial("D-1"));
    EXPECT_TRUE(deliveries->deliveries_in({dispatch::DeliveryStatus::pending}, drill).empty());
    // Only the drill's end and the incident's close were written.
    EXPECT_EQ(store->audit().count(), audit_before + 2);
    EXPECT_TRUE(store->audit().verify().ok);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExtensionStoreContract,
                         ::testing::Values("spatialite", "postgresql"),
                         [](const auto& param_info) { return param_info.param; });

// ---- the two backends side by side: same input, identical outputs --------------------------

void compare_backends(const std::function<void(Store&, std::vector<std::string>&)>& scenario) {
    Backend sl("spatialite");
    Backend pg("postgresql");
    auto a = sl.open();
    auto b = pg.open();
    std::vector<std::string> out_sl, out_pg;
    {
        SCOPED_TRACE("spatialite");
        scenario(*a, out_sl);
    }
    {
        SCOPED_TRACE("postgresql");
        scenario(*b, out_pg);
    }
    ASSERT_FALSE(out_sl.empty());
    expect_same_dumps(out_sl, out_pg);
}

TEST(ExtensionBackends, DecisionsAlike) {
    compare_backends(decision_scenario);
}

TEST(ExtensionBackends, LoansAlike) {
    compare_backends(loan_scenario);
}

TEST(ExtensionBackends, DeliveriesAlike) {
    compare_backends(
        [](Store& s, std::vector<std::string>& out) { delivery_scenario(s, out, nullptr); });
}

TEST(ExtensionBackends, TransportAlike) {
    compare_backends(transport_scenario);
}

TEST(ExtensionBackends, PlansAlike) {
    compare_backends(plan_scenario);
}

TEST(ExtensionBackends, DrillsAlike) {
    compare_backends(drill_scenario);
}

TEST(ExtensionBackends, RoadsAlike) {
    compare_backends(road_scenario);
}

TEST(ExtensionBackends, RoadHashesAndProbeAreasAgree) {
    // The hash of the network each backend hands back, and the edges met by a grid of 144 probe
    // boxes (crossing, containing and missing edges), are the same.
    Backend sl("spatialite");
    Backend pg("postgresql");
    auto a = sl.open();
    auto b = pg.open();
    auto ra = road_store(*a);
    auto rb = road_store(*b);
    const RoadNetwork net = grid_network();
    const RoadSourceInfo src{0, "g.osm", "osm_xml", std::string(64, 'd'), "", "", 0, 0, ""};
    EXPECT_EQ(ra->replace_network(net, src).network_sha256,
              rb->replace_network(net, src).network_sha256);
    EXPECT_EQ(road_network_hash(ra->load_network()), road_network_hash(rb->load_network()));
    int nonempty = 0;
    for (int i = 0; i < 12; ++i)
        for (int j = 0; j < 12; ++j) {
            const double lon = 139.695 + 0.0025 * i;
            const double lat = 35.715 + 0.0025 * j;
            const auto probe = box_area(lon, lat, lon + 0.004, lat + 0.003);
            const auto x = ra->edges_crossing(probe);
            EXPECT_EQ(x, rb->edges_crossing(probe)) << lon << "," << lat;
            nonempty += !x.empty();
        }
    EXPECT_GT(nonempty, 20) << "the probes should meet the grid";
}

TEST(ExtensionOnAServer, EquipmentOrderDoesNotDependOnTheServersCollation) {
    // A headquarters server is rarely initialised with the C locale (the test cluster is):
    // created with a Japanese ICU collation, the list must still come in the order SpatiaLite
    // gives (byte order of the serial), as the header documents one order for both backends.
    const std::string cluster = breathline::testing::pg_cluster_conninfo();
    ASSERT_FALSE(cluster.empty());
    const std::string name = "breathline_t_icu_" + std::to_string(::getpid());
    struct Dropper {
        std::string cluster, name;
        ~Dropper() {
            try {
                pg::Connection(cluster).exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (const std::exception&) {
            }
        }
    } dropper{cluster, name};
    {
        pg::Connection admin(cluster);
        admin.exec("DROP DATABASE IF EXISTS " + name);
        admin.exec("CREATE DATABASE " + name +
                   " TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'ja-JP' "
                   "LOCALE 'C.UTF-8'");
    }
    const std::string location = breathline::testing::pg_conninfo_for(cluster, name);
    pg::Connection(location).exec("CREATE EXTENSION IF NOT EXISTS postgis");
    Backend sl("spatialite");
    auto a = sl.open();
    auto b = open_store(location);
    b->set_actor("tester");
    for (Store* s : {a.get(), b.get()}) {
        auto loans = dispatch::loan_store(*s);
        for (const char* serial : {"b-CYL-2", "B-CYL-10", "B_CYL-3", "ボンベ-1", "B-CYL-9"})
            loans->add_equipment(equipment(serial, dispatch::EquipmentKind::cylinder, 500.0, 1.0));
    }
    std::vector<std::string> order_sl, order_pg;
    for (const auto& e : dispatch::loan_store(*a)->equipment())
        order_sl.push_back(e.serial);
    for (const auto& e : dispatch::loan_store(*b)->equipment())
        order_pg.push_back(e.serial);
    EXPECT_EQ(order_sl,
              (std::vector<std::string>{"B-CYL-10", "B-CYL-9", "B_CYL-3", "b-CYL-2", "ボンベ-1"}));
    EXPECT_EQ(order_pg, order_sl);
}

// ---- PostgreSQL logins in the breathline_* roles (tables, GRANTs and row-level security) -----
// Every case above runs as the cluster superuser, who passes every GRANT and policy. These run
// the same stores as the logins a headquarters creates, with what data/auth/roles.h allows
// each role.

TEST(ExtensionOnAServer, ACoordinatorLoginRunsEveryStore) {
    const std::vector<
        std::pair<const char*, std::function<void(Store&, std::vector<std::string>&)>>>
        scenarios = {
            {"decisions", decision_scenario},
            {"loans", loan_scenario},
            {"deliveries",
             [](Store& s, std::vector<std::string>& out) { delivery_scenario(s, out, nullptr); }},
            {"transport", transport_scenario},
            {"plans", plan_scenario},
            {"drills", drill_scenario},
            {"roads", road_scenario}};
    for (const auto& [what, scenario] : scenarios) {
        SCOPED_TRACE(what);
        breathline::testing::ScratchDatabase db;
        { open_store(db.conninfo()); } // the owner migrates
        db.create_login("ext_contract_coord", "breathline_coordinator");
        auto store = open_store(db.conninfo_as("ext_contract_coord"));
        ASSERT_EQ(store->role(), auth::Role::coordinator);
        store->set_actor("tester");
        std::vector<std::string> out;
        try {
            scenario(*store, out);
        } catch (const std::exception& e) {
            ADD_FAILURE() << what << " refused to a coordinator login: " << e.what();
        }
    }
}

TEST(ExtensionOnAServer, ADrillOperatorRunsADrillInsideIt) {
    breathline::testing::ScratchDatabase db;
    World w;
    {
        auto owner = open_store(db.conninfo());
        owner->set_actor("owner");
        w = seed(*owner);
    }
    db.create_login("ext_contract_drill", "breathline_drill_operator");
    auto op = open_store(db.conninfo_as("ext_contract_drill"));
    ASSERT_EQ(op->role(), auth::Role::drill_operator);
    op->set_actor("drill-op");
    auto drills = drill::drill_store(*op);
    Incident inc;
    inc.title = "訓練";
    inc.onset_at = "2026-11-22T03:00:00Z";
    drill::DrillRun run;
    run.scenario_file = "d.toml";
    run.started_at = "2026-12-04T00:00:00Z";
    run.clock = clock_at("2026-11-22T03:00:00Z", 1764806400000, 1, false);
    RowId drill = 0;
    ASSERT_NO_THROW(drill = drills->start(inc, run, drill_actions()));
    EXPECT_NO_THROW(drills->save_clock(drill, run.clock, true));
    EXPECT_NO_THROW(drills->mark_fired(drill, 0, "2026-11-22T03:00:00Z", "outage #1"));
    EXPECT_NO_THROW(drills->set_facility_override(
        drill, {w.centre, FacilityStatus::closed, std::nullopt, std::nullopt},
        "2026-11-22T03:05:00Z"));
    EXPECT_NO_THROW(
        drills->add_unavailable_supporter(drill, w.supporters[0], "2026-11-22T03:06:00Z"));
    EXPECT_NO_THROW(drills->add_closure(drill, 1, "",
                                        {{139.71, 35.73}, {139.712, 35.73}, {139.712, 35.732}},
                                        "2026-11-22T03:07:00Z"));
    EXPECT_EQ(drills->facility_overrides(drill).size(), 1u);
    EXPECT_EQ(drills->active_closures(drill).size(), 1u);

    // Dispatch inside the drill (roles.h: drill_operator dispatches in drills).
    auto deliveries = dispatch::delivery_store(*op);
    EXPECT_NO_THROW(
        deliveries->add_drill_delivery(drill, w.p1, 2, std::nullopt, "2026-11-22T03:10:00Z"));
    EXPECT_NO_THROW({
        const auto rows = deliveries->deliveries_in({dispatch::DeliveryStatus::pending}, drill);
        EXPECT_EQ(rows.size(), 1u);
    });
    auto transport = dispatch::transport_store(*op);
    dispatch::TransportRequest r;
    r.incident_id = drill;
    r.person_id = w.p2;
    r.requested_at = "2026-11-22T03:11:00Z";
    RowId request = 0;
    EXPECT_NO_THROW(request = transport->create_request(r));
    if (!request) {
        // Reach the team step even so: the request made by the owner, the team by the operator.
        auto owner = open_store(db.conninfo());
        request = dispatch::transport_store(*owner)->create_request(r);
    }
    EXPECT_NO_THROW(transport->assign_team(
        request, {{request, w.supporters[1], 120.0, dispatch::MemberStatus::called}}, 0,
        "2026-11-22T03:12:00Z"));
    EXPECT_NO_THROW(EXPECT_EQ(transport->members(request).size(), 1u));
    ops::DestinationDecision d;
    d.person_id = w.p1;
    d.incident_id = drill;
    d.chosen_facility_id = w.hospital;
    d.decided_at = "2026-11-22T03:13:00Z";
    EXPECT_NO_THROW(ops::decision_store(*op)->record(d));
    EXPECT_NO_THROW(drills->end(drill, "2026-11-22T04:00:00Z"));

    // Nothing real: refused by the database for this login.
    EXPECT_DATA_ERROR(
        dispatch::loan_store(*op)->add_equipment(
            equipment("R-1", dispatch::EquipmentKind::concentrator, std::nullopt, std::nullopt)),
        ErrorCode::permission_denied, "");
    RoadClosure c;
    c.area = box_area(139.70, 35.72, 139.71, 35.73);
    EXPECT_DATA_ERROR(road_store(*op)->add_closure(c), ErrorCode::permission_denied, "");
    EXPECT_TRUE(op->audit().verify().ok);
}

TEST(ExtensionOnAServer, AViewerReadsDispatchAndChangesNothing) {
    breathline::testing::ScratchDatabase db;
    World w;
    RowId loan = 0;
    {
        auto owner = open_store(db.conninfo());
        owner->set_actor("owner");
        w = seed(*owner);
        loan = loan_to_delivery_request(*dispatch::loan_store(*owner), w.p1);
    }
    db.create_login("ext_contract_viewer", "breathline_viewer");
    auto viewer = open_store(db.conninfo_as("ext_contract_viewer"));
    ASSERT_EQ(viewer->role(), auth::Role::viewer);
    // roles.h: a viewer reads dispatch (loans, deliveries, teams, destinations) and plans.
    EXPECT_NO_THROW(EXPECT_EQ(dispatch::loan_store(*viewer)->loans(true).size(), 1u));
    EXPECT_NO_THROW(EXPECT_EQ(dispatch::loan_store(*viewer)->deliveries(loan).size(), 1u));
    EXPECT_NO_THROW(EXPECT_EQ(
        dispatch::delivery_store(*viewer)->deliveries({dispatch::DeliveryStatus::pending}).size(),
        1u));
    EXPECT_NO_THROW(EXPECT_TRUE(ops::decision_store(*viewer)->decisions(w.p1).empty()));
    EXPECT_NO_THROW(EXPECT_TRUE(plans::plan_store(*viewer)->plans().empty()));
    EXPECT_NO_THROW(EXPECT_TRUE(road_store(*viewer)->closures(true).empty()));
    // and writes nothing.
    EXPECT_DATA_ERROR(
        dispatch::loan_store(*viewer)->add_equipment(
            equipment("V-1", dispatch::EquipmentKind::concentrator, std::nullopt, std::nullopt)),
        ErrorCode::permission_denied, "");
    EXPECT_DATA_ERROR(plans::plan_store(*viewer)->create_plan(w.p2, "2026-04-01T00:00:00Z", "", ""),
                      ErrorCode::permission_denied, "");
}

} // namespace
} // namespace breathline::data
