#include "data/drill/drill_engine.h"

#include "data/dispatch/delivery_store.h"
#include "data/dispatch/transport_store.h"
#include "data/error.h"
#include "data/ops/check_input.h"
#include "data/ops/outage_shape.h"
#include "data/roads/routing_service.h"
#include "data/spatialite/wkb.h"

#include <algorithm>
#include <map>
#include <set>

namespace breathline::data::drill {

namespace {

std::string kind_name(const Scenario& s, const TimedAction& a) {
    switch (a.kind) {
    case ActionKind::outage_start:
        return "outage_start";
    case ActionKind::outage_restore:
        return "outage_restore";
    case ActionKind::closure_start:
        return "closure_start";
    case ActionKind::closure_end:
        return "closure_end";
    case ActionKind::event:
        return std::string(to_string(s.events[a.index].kind));
    }
    return "event";
}

std::string subject_of(const Scenario& s, const TimedAction& a) {
    switch (a.kind) {
    case ActionKind::outage_start:
    case ActionKind::outage_restore:
        return s.outages[a.index].name;
    case ActionKind::closure_start:
    case ActionKind::closure_end:
        return s.closures[a.index].reason;
    case ActionKind::event: {
        const auto& e = s.events[a.index];
        if (!e.person.empty()) return e.person;
        if (!e.supporter.empty()) return e.supporter;
        return e.facility;
    }
    }
    return {};
}

geo::MultiPolygon ward_area(Store& store) {
    const auto wards = store.areas().areas("ward_boundary");
    if (wards.empty() || wards.front().wkb.empty())
        throw DataError(ErrorCode::not_found, "no ward boundary in '" + store.location() + "'");
    return spatialite::parse_wkb_multipolygon(wards.front().wkb);
}

// "outage #12" → 12: the start action's result names the area its restoration ends.
std::optional<RowId> outage_id_in(const std::string& result) {
    const auto hash = result.find('#');
    if (result.rfind("outage #", 0) != 0 || hash == std::string::npos) return std::nullopt;
    try {
        return std::stoll(result.substr(hash + 1));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::vector<Person> persons_at_home(Store& store) {
    PersonFilter filter;
    filter.status = PersonStatus::active;
    return store.registry().persons(filter);
}

} // namespace

RowId start_drill(Store& store, const Scenario& scenario, const std::string& file,
                  const std::string& text, const StartOptions& options) {
    const double speed = options.speed.value_or(scenario.speed);
    if (speed < k_min_speed || speed > k_max_speed)
        throw std::invalid_argument("speed must be 1 to 60");
    const auto problems = check_references(scenario, store);
    if (!problems.empty()) {
        std::string message;
        for (const auto& p : problems)
            message += (message.empty() ? "" : "\n") + format_problem(file, p);
        throw DataError(ErrorCode::invalid_input, message);
    }
    Incident incident;
    incident.kind = scenario.kind;
    incident.title = "訓練: " + scenario.title;
    incident.onset_at = ops::format_time(scenario.onset);
    incident.is_drill = true;
    incident.is_active = true;

    DrillRun run;
    run.scenario_file = file;
    run.scenario_text = text;
    run.started_at = ops::format_time(std::chrono::floor<std::chrono::seconds>(options.real_now));
    run.clock = {options.real_now, scenario.onset, speed, false};

    std::vector<ActionRecord> actions;
    const auto line = timeline(scenario);
    for (std::size_t i = 0; i < line.size(); ++i) {
        ActionRecord a;
        a.seq = static_cast<int>(i);
        a.due_at = ops::format_time(line[i].at);
        a.kind = kind_name(scenario, line[i]);
        a.subject = subject_of(scenario, line[i]);
        a.text_ja = ticker_text(scenario, line[i], false);
        a.text_en = ticker_text(scenario, line[i], true);
        a.line = line[i].line;
        actions.push_back(std::move(a));
    }
    return drill_store(store)->start(incident, run, actions);
}

DrillEngine::DrillEngine(Store& store, RowId incident_id) : m_store(store) {
    auto drills = drill_store(store);
    const auto run = drills->run(incident_id);
    if (!run)
        throw DataError(ErrorCode::not_found, "incident #" + std::to_string(incident_id) +
                                                  " is not a drill; see `breathline drill list`");
    m_run = *run;
    auto parsed = parse_scenario(m_run.scenario_text, m_run.scenario_file);
    if (!parsed.scenario)
        throw DataError(ErrorCode::invalid_input,
                        "the scenario kept with drill #" + std::to_string(incident_id) +
                            " no longer parses: " +
                            format_problem(m_run.scenario_file, parsed.problems.front()));
    m_scenario = std::move(*parsed.scenario);
    m_timeline = timeline(m_scenario);
    m_actions = drills->actions(incident_id);
    if (m_actions.size() != m_timeline.size())
        throw DataError(ErrorCode::invalid_input, "drill #" + std::to_string(incident_id) +
                                                      " has " + std::to_string(m_actions.size()) +
                                                      " stored actions but its scenario " +
                                                      std::to_string(m_timeline.size()));
}

std::size_t DrillEngine::fired_count() const {
    return static_cast<std::size_t>(std::count_if(
        m_actions.begin(), m_actions.end(), [](const ActionRecord& a) { return a.fired_at; }));
}

std::optional<ops::TimePoint> DrillEngine::next_due() const {
    for (std::size_t i = 0; i < m_actions.size(); ++i)
        if (!m_actions[i].fired_at) return m_timeline[i].at;
    return std::nullopt;
}

std::vector<FiredAction> DrillEngine::advance_to(ops::TimePoint now) {
    std::vector<FiredAction> fired;
    for (std::size_t i = 0; i < m_actions.size(); ++i) {
        if (m_actions[i].fired_at) continue;
        if (m_timeline[i].at > now) break; // the timeline is sorted
        auto work = m_store.begin();
        FiredAction f;
        try {
            f = fire(m_timeline[i], m_actions[i]);
        } catch (const DataError& e) {
            // The effect is rolled back with its savepoint; the action is still marked, with
            // the reason, so one bad action never stalls the drill.
            f.seq = m_actions[i].seq;
            f.at = m_timeline[i].at;
            f.kind = m_actions[i].kind;
            f.subject = m_actions[i].subject;
            f.text_ja = m_actions[i].text_ja;
            f.text_en = m_actions[i].text_en;
            f.applied = false;
            f.result = std::string("not applied: ") + e.what();
        }
        drill_store(m_store)->mark_fired(m_run.incident_id, f.seq, ops::format_time(f.at),
                                         f.result);
        work->commit();
        m_actions[i].fired_at = ops::format_time(f.at);
        m_actions[i].result = f.result;
        fired.push_back(std::move(f));
    }
    return fired;
}

FiredAction DrillEngine::fire(const TimedAction& action, const ActionRecord& record) {
    FiredAction f;
    f.seq = record.seq;
    f.at = action.at;
    f.kind = record.kind;
    f.subject = record.subject;
    f.text_ja = record.text_ja;
    f.text_en = record.text_en;
    const RowId incident = m_run.incident_id;
    const std::string at = ops::format_time(action.at);
    auto& incidents = m_store.incidents();
    auto drills = drill_store(m_store);

    switch (action.kind) {
    case ActionKind::outage_start: {
        const auto& o = m_scenario.outages[action.index];
        OutageArea area;
        area.incident_id = incident;
        area.name = o.name;
        area.starts_at = at;
        area.area = o.whole_ward ? ward_area(m_store) : ops::outage_polygon(o.corners);
        f.result = "outage #" + std::to_string(incidents.add_outage_area(area));
        return f;
    }
    case ActionKind::outage_restore: {
        // The area its start created (same outage index, fired earlier in the timeline).
        std::optional<RowId> id;
        for (std::size_t i = 0; i < m_timeline.size(); ++i)
            if (m_timeline[i].kind == ActionKind::outage_start &&
                m_timeline[i].index == action.index)
                id = outage_id_in(m_actions[i].result);
        if (!id) throw DataError(ErrorCode::not_found, "the outage never started");
        if (!incidents.restore_outage_area(*id, at))
            throw DataError(ErrorCode::not_found,
                            "outage #" + std::to_string(*id) + " is restored already");
        f.result = "outage #" + std::to_string(*id) + " restored";
        return f;
    }
    case ActionKind::closure_start: {
        const auto& c = m_scenario.closures[action.index];
        drills->add_closure(incident, static_cast<int>(action.index), c.reason, c.corners, at);
        f.result = "closure " + std::to_string(action.index);
        return f;
    }
    case ActionKind::closure_end:
        drills->end_closure(incident, static_cast<int>(action.index), at);
        f.result = "closure " + std::to_string(action.index) + " reopened";
        return f;
    case ActionKind::event:
        break;
    }

    const auto& e = m_scenario.events[action.index];
    switch (e.kind) {
    case EventKind::call_in: {
        auto fields = e.check_fields;
        fields.emplace_back("person", e.person);
        fields.emplace_back("checked_at", at);
        auto contents = ops::read_check_fields(fields);
        if (!contents.problems.empty() || contents.records.empty())
            throw DataError(ErrorCode::invalid_input, contents.problems.empty()
                                                          ? "no check"
                                                          : contents.problems.front().message_en);
        const auto person = m_store.registry().person_by_external_id(e.person);
        if (!person) throw DataError(ErrorCode::not_found, "no person " + e.person);
        SafetyCheck check = contents.records.front().check;
        check.incident_id = incident;
        check.person_id = person->id;
        check.checked_at = at;
        if (check.checker_affiliation.empty())
            check.checker_affiliation = "訓練シナリオ: 本人・家族からの連絡";
        f.result = "check #" + std::to_string(incidents.record_check(check));
        return f;
    }
    case EventKind::supporter_unavailable: {
        const auto s = m_store.registry().supporter_by_external_id(e.supporter);
        if (!s) throw DataError(ErrorCode::not_found, "no supporter " + e.supporter);
        drills->add_unavailable_supporter(incident, s->id, at);
        f.result = "supporter " + e.supporter + " unavailable";
        return f;
    }
    case EventKind::facility_status: {
        const auto fac = m_store.facilities().facility_by_external_id(e.facility);
        if (!fac) throw DataError(ErrorCode::not_found, "no facility " + e.facility);
        drills->set_facility_override(incident, {fac->id, e.status, e.occupancy, e.power}, at);
        f.result = "facility " + e.facility + " changed";
        return f;
    }
    case EventKind::delivery_request: {
        const auto person = m_store.registry().person_by_external_id(e.person);
        if (!person) throw DataError(ErrorCode::not_found, "no person " + e.person);
        const auto id = dispatch::delivery_store(m_store)->add_drill_delivery(
            incident, person->id, e.cylinders,
            e.deadline ? std::optional<std::string>(ops::format_time(*e.deadline)) : std::nullopt,
            at);
        f.result = "delivery #" + std::to_string(id);
        return f;
    }
    case EventKind::note:
        f.result = "note";
        return f;
    }
    return f;
}

void DrillEngine::save_clock(const DrillClockState& clock, bool audited) {
    drill_store(m_store)->save_clock(m_run.incident_id, clock, audited);
    m_run.clock = clock;
}

void end_drill(Store& store, RowId incident_id, ops::TimePoint at) {
    auto drills = drill_store(store);
    const auto actions = drills->actions(incident_id);
    const auto fired = std::count_if(actions.begin(), actions.end(),
                                     [](const ActionRecord& a) { return a.fired_at; });
    auto work = store.begin();
    drills->end(incident_id, ops::format_time(at));
    store.incidents().close_incident(incident_id, ops::format_time(at),
                                     "drill ended: " + std::to_string(fired) + " of " +
                                         std::to_string(actions.size()) +
                                         " scenario actions fired");
    work->commit();
}

std::vector<Facility> drill_facilities(Store& store, RowId incident_id) {
    std::vector<Facility> out;
    const auto overrides = drill_store(store)->facility_overrides(incident_id);
    for (const auto& o : overrides)
        if (const auto f = store.facilities().facility(o.facility_id))
            out.push_back(apply_override(*f, overrides));
    return out;
}

std::size_t apply_drill_closures(Store& store, RoutingService& routing) {
    auto drills = drill_store(store);
    const auto run = drills->running();
    std::vector<geo::road::EdgeIndex> edges;
    if (run)
        for (const auto& area : drills->active_closures(run->incident_id)) {
            const auto crossing = routing.roads().edges_crossing(area);
            edges.insert(edges.end(), crossing.begin(), crossing.end());
        }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    const std::size_t n = edges.size();
    routing.set_session_closures(std::move(edges));
    return n;
}

AfterActionInput load_after_action_input(Store& store, RowId incident_id, ops::TimePoint end) {
    AfterActionInput in;
    const auto incident = store.incidents().incident(incident_id);
    if (!incident || !incident->is_drill)
        throw DataError(ErrorCode::not_found,
                        "incident #" + std::to_string(incident_id) + " is not a drill");
    in.incident = *incident;
    in.onset = ops::parse_time(incident->onset_at).value_or(end);
    in.end = std::max(end, in.onset);
    in.persons = persons_at_home(store);
    const auto overrides = drill_store(store)->facility_overrides(incident_id);
    for (auto& f : store.facilities().facilities())
        in.facilities.push_back(apply_override(f, overrides));
    auto decisions = ops::decision_store(store);
    for (const auto& p : in.persons) {
        for (auto& c : store.incidents().check_history(p.id))
            if (c.incident_id == incident_id) in.checks.push_back(std::move(c));
        for (auto& d : decisions->decisions(p.id))
            if (d.incident_id == incident_id) in.decisions.push_back(std::move(d));
    }
    in.outages = store.incidents().outage_areas(incident_id);

    auto transport = dispatch::transport_store(store);
    for (const auto& r : transport->requests(incident_id)) {
        TeamInput t;
        t.request_id = r.id;
        t.person_id = r.person_id;
        t.requested_at = ops::parse_time(r.requested_at).value_or(in.onset);
        if (r.assigned_at) t.assigned_at = ops::parse_time(*r.assigned_at);
        for (const auto& m : transport->members(r.id))
            if (m.eta_s && m.status != dispatch::MemberStatus::declined)
                t.member_eta_s.push_back(*m.eta_s);
        t.team_size = k_supporters_needed_for_transport;
        t.status = std::string(dispatch::to_db(r.status));
        in.teams.push_back(std::move(t));
    }

    using S = dispatch::DeliveryStatus;
    const auto rows = dispatch::delivery_store(store)->deliveries_in(
        {S::pending, S::planned, S::en_route, S::done, S::failed, S::cancelled}, incident_id);
    for (const auto& r : rows) {
        if (r.collection) continue;
        DeliveryInput d;
        d.id = r.id;
        d.person_id = r.person_id;
        d.requested_at =
            r.requested_at ? ops::parse_time(*r.requested_at).value_or(in.onset) : in.onset;
        if (r.due_by) {
            d.deadline = ops::parse_time(*r.due_by);
        } else {
            // No deadline in the scenario: the person's runway on the board when it was asked.
            std::vector<SafetyCheck> known;
            std::map<RowId, SafetyCheck> latest;
            for (const auto& c : in.checks)
                if (ops::parse_time(c.checked_at).value_or(d.requested_at) <= d.requested_at) {
                    auto& slot = latest[c.person_id];
                    if (slot.id == 0 || slot.checked_at <= c.checked_at) slot = c;
                }
            for (auto& [id, c] : latest)
                known.push_back(c);
            std::vector<OutageArea> then;
            for (auto o : in.outages) {
                if (ops::parse_time(o.starts_at).value_or(d.requested_at) > d.requested_at)
                    continue;
                if (o.restored_at &&
                    ops::parse_time(*o.restored_at).value_or(d.requested_at) > d.requested_at)
                    o.restored_at.reset();
                then.push_back(o);
            }
            const auto board =
                ops::evaluate_board(in.persons, known, then, d.requested_at, in.thresholds);
            for (const auto& row : board.rows)
                if (row.person_id == r.person_id && row.hours_left)
                    d.deadline =
                        d.requested_at +
                        std::chrono::seconds(static_cast<std::int64_t>(*row.hours_left * 3600.0));
        }
        if (r.status == S::done && r.done_at) {
            d.arrival_at = ops::parse_time(*r.done_at);
            d.served = true;
        } else if (r.planned_at && (r.status == S::planned || r.status == S::en_route)) {
            d.arrival_at = ops::parse_time(*r.planned_at);
        }
        d.vehicle = r.vehicle;
        if (r.notes.rfind("unassigned:", 0) == 0) d.unassigned_reason = r.notes.substr(11);
        in.deliveries.push_back(std::move(d));
    }

    for (const auto& a : drill_store(store)->actions(incident_id))
        if (a.fired_at)
            in.events.push_back(
                {ops::parse_time(*a.fired_at).value_or(in.onset), a.kind, a.subject, a.text_ja});
    return in;
}

} // namespace breathline::data::drill
