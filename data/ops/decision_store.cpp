// ops::DecisionStore (table destination_decisions, migration 7)., written once in portable SQL over
// sql::Session (data/store/sql_session.h): it runs on SpatiaLite and PostgreSQL/PostGIS alike.

#include "data/error.h"
#include "data/ops/destination.h"
#include "data/store/sql_session.h"
#include "data/store/store.h"

#include <cmath>

namespace breathline::data {

namespace {

using ops::DestinationDecision;

constexpr std::string_view k_select =
    "SELECT id, person_id, incident_id, judgement, severity, recommended_facility_id, "
    "chosen_facility_id, decision, reason, profile, eta_s, road_distance_m, decided_at, actor "
    "FROM destination_decisions";

DestinationDecision read_decision(const sql::Statement& st) {
    DestinationDecision d;
    d.id = st.column_int64(0);
    d.person_id = st.column_int64(1);
    d.incident_id = st.column_opt_int64(2);
    d.judgement = parse_judgement(st.column_text(3)).value_or(Judgement::hospitalise);
    if (!st.is_null(4)) d.severity = ops::parse_severity(st.column_text(4));
    d.recommended_facility_id = st.column_opt_int64(5);
    d.chosen_facility_id = st.column_int64(6);
    d.overridden = st.column_text(7) == "override";
    d.reason = st.column_text(8);
    d.profile = st.column_text(9);
    d.eta_s = st.column_opt_double(10);
    d.road_distance_m = st.column_opt_double(11);
    d.decided_at = st.column_text(12);
    d.actor = st.column_text(13);
    return d;
}

bool blank(std::string_view s) {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
}

class SqlDecisionStore final : public ops::DecisionStore {
public:
    SqlDecisionStore(sql::Session& sql) : m_sql(sql) {}

    RowId record(const DestinationDecision& d) override {
        if (d.judgement == Judgement::stay_home)
            throw DataError(ErrorCode::invalid_input,
                            "judgement: a destination is decided only for hospitalise or "
                            "evacuate, not stay_home");
        if (d.overridden && blank(d.reason))
            throw DataError(ErrorCode::invalid_input,
                            "reason: an override of the recommended destination needs a reason "
                            "(give --reason TEXT)");
        const std::string person = sql::registry_number(m_sql, d.person_id);
        auto facility_id = [&](RowId id) {
            const auto ext = m_sql.query_text("SELECT external_id FROM facilities WHERE id=" +
                                              std::to_string(id));
            if (!ext)
                throw DataError(ErrorCode::invalid_input,
                                "chosen_facility_id: no facility with id " + std::to_string(id));
            return *ext;
        };
        const std::string chosen = facility_id(d.chosen_facility_id);
        const std::string recommended =
            d.recommended_facility_id ? facility_id(*d.recommended_facility_id) : "";

        auto scope = m_sql.write_scope();
        auto st = m_sql.prepare(
            "INSERT INTO destination_decisions(person_id, incident_id, judgement, severity, "
            "recommended_facility_id, chosen_facility_id, decision, reason, profile, eta_s, "
            "road_distance_m, decided_at, actor) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
        st.bind(1, d.person_id);
        st.bind(2, d.incident_id);
        st.bind(3, to_db(d.judgement));
        if (d.severity)
            st.bind(4, ops::to_db(*d.severity));
        else
            st.bind_null(4);
        st.bind(5, d.recommended_facility_id);
        st.bind(6, d.chosen_facility_id);
        st.bind(7, d.overridden ? "override" : "confirm");
        st.bind(8, d.reason);
        st.bind(9, d.profile);
        st.bind(10, d.eta_s);
        st.bind(11, d.road_distance_m);
        st.bind(12, d.decided_at.empty() ? sql::utc_now_iso() : d.decided_at);
        st.bind(13, m_sql.actor());
        const RowId id = st.run_returning_id();
        std::string summary =
            std::string(to_db(d.judgement)) +
            (d.severity ? " (" + std::string(ops::to_db(*d.severity)) + ")" : "") + " → " + chosen;
        if (!recommended.empty()) summary += ", recommended " + recommended;
        if (d.eta_s) summary += ", ETA " + std::to_string(std::lround(*d.eta_s / 60.0)) + " min";
        if (!d.profile.empty()) summary += " (" + d.profile + ")";
        if (!d.reason.empty()) summary += ", reason: " + d.reason;
        m_sql.audit(d.overridden ? "override" : "confirm", "destination_decisions", person,
                    summary);
        scope->commit();
        return id;
    }

    std::vector<DestinationDecision> decisions(RowId person_id) override {
        auto st =
            m_sql.prepare(std::string(k_select) + " WHERE person_id=? ORDER BY decided_at, id");
        st.bind(1, person_id);
        std::vector<DestinationDecision> out;
        while (st.step())
            out.push_back(read_decision(st));
        return out;
    }

    std::optional<DestinationDecision> latest(RowId person_id) override {
        auto st = m_sql.prepare(std::string(k_select) +
                                " WHERE person_id=? ORDER BY decided_at DESC, id DESC LIMIT 1");
        st.bind(1, person_id);
        if (!st.step()) return std::nullopt;
        return read_decision(st);
    }

private:
    sql::Session& m_sql;
};

} // namespace

namespace ops {

std::unique_ptr<DecisionStore> decision_store(Store& store) {
    return std::make_unique<SqlDecisionStore>(store.sql());
}

} // namespace ops

} // namespace breathline::data
