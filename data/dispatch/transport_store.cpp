// dispatch::TransportStore (tables transport_requests and, written once in portable SQL over
// sql::Session (data/store/sql_session.h): it runs on SpatiaLite and PostgreSQL/PostGIS alike.
// team_members, migration 4).

#include "data/dispatch/transport_store.h"

#include "data/error.h"
#include "data/store/sql_session.h"
#include "data/store/store.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace breathline::data {

namespace {

using dispatch::MemberStatus;
using dispatch::RequestStatus;
using dispatch::TeamMemberRecord;
using dispatch::TransportRequest;

constexpr std::string_view k_select =
    "SELECT id, incident_id, person_id, destination_facility_id, requested_at, status, notes, "
    "row_version, assigned_at FROM transport_requests";

TransportRequest read_request(const sql::Statement& st) {
    TransportRequest r;
    r.id = st.column_int64(0);
    r.incident_id = st.column_int64(1);
    r.person_id = st.column_int64(2);
    r.destination_facility_id = st.column_opt_int64(3);
    r.requested_at = st.column_text(4);
    r.status = dispatch::parse_request_status(st.column_text(5)).value_or(RequestStatus::open);
    r.notes = st.column_opt_text(6).value_or("");
    r.row_version = st.column_int64(7);
    r.assigned_at = st.column_opt_text(8);
    return r;
}

std::string minutes_text(double s) {
    return std::to_string(std::lround(s / 60.0)) + " min";
}

class SqlTransportStore final : public dispatch::TransportStore {
public:
    SqlTransportStore(sql::Session& sql) : m_sql(sql) {}

    RowId create_request(const TransportRequest& r) override {
        const std::string person = person_number(r.person_id);
        auto inc = m_sql.prepare("SELECT closed_at FROM incidents WHERE id=?");
        inc.bind(1, r.incident_id);
        if (!inc.step())
            throw DataError(ErrorCode::invalid_input,
                            "incident_id: no incident with id " + std::to_string(r.incident_id));
        if (!inc.is_null(0))
            throw DataError(ErrorCode::invalid_input,
                            "incident_id: incident " + std::to_string(r.incident_id) +
                                " is closed; a transport request needs an open incident");
        std::string destination;
        if (r.destination_facility_id) {
            const auto f = m_sql.query_text("SELECT external_id FROM facilities WHERE id=" +
                                            std::to_string(*r.destination_facility_id));
            if (!f)
                throw DataError(ErrorCode::invalid_input,
                                "destination_facility_id: no facility with id " +
                                    std::to_string(*r.destination_facility_id));
            destination = *f;
        }
        auto scope = m_sql.write_scope();
        auto st = m_sql.prepare("INSERT INTO transport_requests(incident_id, person_id, "
                                "destination_facility_id, requested_at, status, notes) VALUES "
                                "(?,?,?,?,?,?) RETURNING id");
        st.bind(1, r.incident_id);
        st.bind(2, r.person_id);
        st.bind(3, r.destination_facility_id);
        st.bind(4, r.requested_at.empty() ? sql::utc_now_iso() : r.requested_at);
        st.bind(5, dispatch::to_db(r.status));
        if (r.notes.empty())
            st.bind_null(6);
        else
            st.bind(6, r.notes);
        const RowId id = st.run_returning_id();
        m_sql.audit("create", "transport_requests", person,
                    "transport request #" + std::to_string(id) + " in incident " +
                        std::to_string(r.incident_id) +
                        (destination.empty() ? "" : " → " + destination));
        scope->commit();
        return id;
    }

    std::optional<TransportRequest> request(RowId id) override {
        auto st = m_sql.prepare(std::string(k_select) + " WHERE id=?");
        st.bind(1, id);
        if (!st.step()) return std::nullopt;
        return read_request(st);
    }

    std::vector<TransportRequest> requests(RowId incident_id) override {
        auto st = m_sql.prepare(std::string(k_select) + " WHERE incident_id=? ORDER BY id");
        st.bind(1, incident_id);
        std::vector<TransportRequest> out;
        while (st.step())
            out.push_back(read_request(st));
        return out;
    }

    void assign_team(RowId request_id, const std::vector<TeamMemberRecord>& members, int missing,
                     const std::string& at) override {
        const auto r = request(request_id);
        if (!r)
            throw DataError(ErrorCode::invalid_input,
                            "request_id: no transport request " + std::to_string(request_id));
        if (r->status == RequestStatus::cancelled || r->status == RequestStatus::arrived)
            throw DataError(ErrorCode::invalid_input,
                            "request_id: transport request " + std::to_string(request_id) + " is " +
                                std::string(dispatch::to_db(r->status)) + "; it takes no team");
        const std::string person = person_number(r->person_id);
        const auto booked = booked_supporters(request_id);
        std::set<RowId> seen;
        std::vector<std::string> numbers;
        for (const auto& m : members) {
            const auto number =
                m_sql.query_text("SELECT external_id FROM " + m_sql.relation("supporters") +
                                 " WHERE id=" + std::to_string(m.supporter_id));
            if (!number)
                throw DataError(ErrorCode::invalid_input, "supporter_id: no supporter with id " +
                                                              std::to_string(m.supporter_id));
            if (!seen.insert(m.supporter_id).second)
                throw DataError(ErrorCode::constraint, "supporter " + *number +
                                                           " is listed twice in the team of "
                                                           "transport request " +
                                                           std::to_string(request_id));
            if (std::binary_search(booked.begin(), booked.end(), m.supporter_id))
                throw DataError(ErrorCode::constraint,
                                "supporter " + *number +
                                    " is already in the team of another live transport request; "
                                    "a supporter is never booked twice");
            numbers.push_back(*number);
        }
        auto scope = m_sql.write_scope();
        auto del = m_sql.prepare("DELETE FROM team_members WHERE request_id=?");
        del.bind(1, request_id);
        del.run();
        auto ins = m_sql.prepare("INSERT INTO team_members(request_id, supporter_id, eta_s, "
                                 "status) VALUES (?,?,?,'called')");
        std::string summary = "team for transport request #" + std::to_string(request_id) + ":";
        for (std::size_t i = 0; i < members.size(); ++i) {
            const auto& m = members[i];
            ins.reset();
            ins.bind(1, request_id);
            ins.bind(2, m.supporter_id);
            ins.bind(3, m.eta_s);
            ins.run();
            summary += (i ? ", " : " ") + numbers[i] +
                       (m.eta_s ? " (ETA " + minutes_text(*m.eta_s) + ")" : "");
        }
        if (members.empty()) summary += " nobody";
        const RequestStatus status =
            missing > 0 ? RequestStatus::short_of_supporters : RequestStatus::team_assigned;
        if (missing > 0) summary += "; " + std::to_string(missing) + " missing";
        auto up = m_sql.prepare("UPDATE transport_requests SET status=?, assigned_at=?, "
                                "row_version=row_version+1 WHERE id=?");
        up.bind(1, dispatch::to_db(status));
        up.bind(2, at.empty() ? sql::utc_now_iso() : at);
        up.bind(3, request_id);
        up.run();
        m_sql.audit("assign", "transport_requests", person, summary);
        scope->commit();
    }

    bool set_status(RowId id, RequestStatus status) override {
        const auto r = request(id);
        if (!r) return false;
        const std::string person = person_number(r->person_id);
        auto scope = m_sql.write_scope();
        auto up = m_sql.prepare("UPDATE transport_requests SET status=?, row_version=row_version+1 "
                                "WHERE id=?");
        up.bind(1, dispatch::to_db(status));
        up.bind(2, id);
        up.run();
        m_sql.audit("status", "transport_requests", person,
                    "transport request #" + std::to_string(id) + ": " +
                        std::string(dispatch::to_db(r->status)) + " → " +
                        std::string(dispatch::to_db(status)));
        scope->commit();
        return true;
    }

    std::vector<TeamMemberRecord> members(RowId request_id) override {
        auto st = m_sql.prepare("SELECT request_id, supporter_id, eta_s, status FROM team_members "
                                "WHERE request_id=? ORDER BY eta_s IS NULL, eta_s, supporter_id");
        st.bind(1, request_id);
        std::vector<TeamMemberRecord> out;
        while (st.step()) {
            TeamMemberRecord m;
            m.request_id = st.column_int64(0);
            m.supporter_id = st.column_int64(1);
            m.eta_s = st.column_opt_double(2);
            m.status =
                dispatch::parse_member_status(st.column_text(3)).value_or(MemberStatus::called);
            out.push_back(m);
        }
        return out;
    }

    std::vector<RowId> booked_supporters(std::optional<RowId> except_request) override {
        auto st = m_sql.prepare(
            "SELECT DISTINCT m.supporter_id FROM team_members m JOIN transport_requests r ON "
            "r.id = m.request_id JOIN incidents i ON i.id = r.incident_id WHERE r.status IN "
            "('team_assigned','in_transit','short_of_supporters') AND m.status <> 'declined' "
            "AND r.id <> ?1 AND (CASE WHEN (SELECT d.is_drill FROM transport_requests q JOIN "
            "incidents d ON d.id = q.incident_id WHERE q.id = ?1) = 1 THEN r.incident_id = "
            "(SELECT incident_id FROM transport_requests WHERE id = ?1) ELSE i.is_drill = 0 END) "
            "ORDER BY m.supporter_id");
        st.bind(1, except_request.value_or(0));
        std::vector<RowId> out;
        while (st.step())
            out.push_back(st.column_int64(0));
        return out;
    }

private:
    std::string person_number(RowId person_id) { return sql::registry_number(m_sql, person_id); }

    sql::Session& m_sql;
};

} // namespace

namespace dispatch {

std::unique_ptr<TransportStore> transport_store(Store& store) {
    return std::make_unique<SqlTransportStore>(store.sql());
}

} // namespace dispatch

} // namespace breathline::data
