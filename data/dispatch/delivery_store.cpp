// dispatch::DeliveryStore (table deliveries of migration 4)., written once in portable SQL over
// sql::Session (data/store/sql_session.h): it runs on SpatiaLite and PostgreSQL/PostGIS alike.

#include "data/dispatch/delivery_store.h"

#include "data/error.h"
#include "data/store/sql_session.h"
#include "data/store/store.h"

#include <array>

namespace breathline::data {

namespace {

using namespace dispatch;

constexpr std::array<std::string_view, 6> k_status_names = {"pending", "planned", "en_route",
                                                            "done",    "failed",  "cancelled"};

// The registry number comes from a join, so the row carries what messages and audit entries
// may name; persons.name is never selected. `persons` is the session's relation for it
// (the masked view for roles without personal data).
std::string select_sql(const sql::Session& session) {
    return "SELECT d.id, d.loan_id, d.person_id, p.external_id, d.kind, d.cylinders, "
           "d.service_s, d.due_by, d.priority, d.status, d.vehicle, d.planned_at, d.done_at, "
           "d.notes, d.row_version, d.incident_id, d.requested_at FROM deliveries d JOIN " +
           session.relation("persons") + " p ON p.id = d.person_id";
}

DeliveryRow read_row(const sql::Statement& st) {
    DeliveryRow r;
    r.id = st.column_int64(0);
    r.loan_id = st.column_opt_int64(1);
    r.person_id = st.column_int64(2);
    r.registry_number = st.column_text(3);
    r.collection = st.column_text(4) == "collection";
    r.cylinders = st.column_int(5);
    r.service_s = st.column_int(6);
    r.due_by = st.column_opt_text(7);
    r.priority = st.column_int(8);
    r.status = parse_delivery_status(st.column_text(9)).value_or(DeliveryStatus::pending);
    r.vehicle = st.column_opt_text(10).value_or("");
    r.planned_at = st.column_opt_text(11);
    r.done_at = st.column_opt_text(12);
    r.notes = st.column_opt_text(13).value_or("");
    r.row_version = st.column_int64(14);
    r.incident_id = st.column_opt_int64(15);
    r.requested_at = st.column_opt_text(16);
    return r;
}

class SqlDeliveryStore final : public DeliveryStore {
public:
    SqlDeliveryStore(sql::Session& sql) : m_sql(sql) {}

    std::vector<DeliveryRow> deliveries_in(const std::vector<DeliveryStatus>& statuses,
                                           std::optional<RowId> drill_incident) override {
        std::string in;
        for (const auto s : statuses)
            in += std::string(in.empty() ? "" : ",") + "'" + std::string(to_db(s)) + "'";
        if (in.empty()) return {};
        auto st =
            m_sql.prepare(select_sql(m_sql) + " WHERE d.status IN (" + in + ") AND " +
                          (drill_incident ? "d.incident_id = " + std::to_string(*drill_incident)
                                          : std::string("d.incident_id IS NULL")) +
                          " ORDER BY d.id");
        std::vector<DeliveryRow> out;
        while (st.step())
            out.push_back(read_row(st));
        return out;
    }

    RowId add_drill_delivery(RowId incident_id, RowId person_id, int cylinders,
                             const std::optional<std::string>& due_by,
                             const std::string& requested_at) override {
        if (m_sql
                .query_int64("SELECT is_drill FROM incidents WHERE id=" +
                             std::to_string(incident_id))
                .value_or(0) != 1)
            throw DataError(ErrorCode::invalid_input,
                            "incident_id: #" + std::to_string(incident_id) + " is not a drill");
        const std::string number = sql::registry_number(m_sql, person_id);
        auto scope = m_sql.write_scope();
        const RowId id =
            m_sql
                .prepare("INSERT INTO deliveries(person_id, kind, cylinders, due_by, incident_id, "
                         "requested_at) VALUES (?,'delivery',?,?,?,?) RETURNING id")
                .bind(1, person_id)
                .bind(2, cylinders)
                .bind(3, due_by)
                .bind(4, incident_id)
                .bind(5, requested_at)
                .run_returning_id();
        m_sql.audit("drill_request", "deliveries", number,
                    "drill #" + std::to_string(incident_id) + ": " + std::to_string(cylinders) +
                        " cylinder(s) requested at " + requested_at +
                        (due_by ? ", due by " + *due_by : std::string()));
        scope->commit();
        return id;
    }

    std::optional<DeliveryRow> delivery(RowId id) override {
        auto st = m_sql.prepare(select_sql(m_sql) + " WHERE d.id=?");
        st.bind(1, id);
        if (!st.step()) return std::nullopt;
        return read_row(st);
    }

    std::size_t write_plan(const std::vector<PlannedRow>& rows,
                           const std::string& summary) override {
        auto scope = m_sql.write_scope();
        std::size_t written = 0;
        for (const auto& r : rows) {
            auto st = m_sql.prepare(
                r.vehicle.empty()
                    ? "UPDATE deliveries SET status='pending', vehicle=NULL, planned_at=NULL, "
                      "notes=?, row_version=row_version+1 WHERE id=? AND status IN "
                      "('pending','planned')"
                    : "UPDATE deliveries SET status='planned', vehicle=?, planned_at=?, "
                      "notes=NULL, row_version=row_version+1 WHERE id=? AND status IN "
                      "('pending','planned')");
            if (r.vehicle.empty()) {
                st.bind(1, "unassigned:" + r.reason);
                st.bind(2, r.id);
            } else {
                st.bind(1, r.vehicle);
                st.bind(2, r.planned_at);
                st.bind(3, r.id);
            }
            st.run();
            written += static_cast<std::size_t>(st.changes());
        }
        m_sql.audit("plan", "deliveries", "plan", summary);
        scope->commit();
        return written;
    }

    DeliveryRow mark_done(RowId id, const std::string& at) override {
        const auto row = delivery(id);
        if (!row)
            throw DataError(ErrorCode::not_found, "no delivery #" + std::to_string(id) +
                                                      "; see `breathline deliveries "
                                                      "show`");
        if (row->status == DeliveryStatus::done || row->status == DeliveryStatus::failed ||
            row->status == DeliveryStatus::cancelled)
            throw DataError(ErrorCode::invalid_input, "delivery #" + std::to_string(id) +
                                                          " is already " +
                                                          std::string(to_db(row->status)));
        auto scope = m_sql.write_scope();
        auto st = m_sql.prepare("UPDATE deliveries SET status='done', done_at=?, "
                                "row_version=row_version+1 WHERE id=? AND row_version=?");
        st.bind(1, at);
        st.bind(2, id);
        st.bind(3, row->row_version);
        st.run();
        if (st.changes() != 1)
            throw DataError(ErrorCode::conflict, "delivery #" + std::to_string(id) +
                                                     " was changed by someone else; reload it");
        m_sql.audit("update", "deliveries", row->registry_number,
                    std::string(row->collection ? "collection #" : "delivery #") +
                        std::to_string(id) + " done at " + at +
                        (row->vehicle.empty() ? "" : " by " + row->vehicle));
        scope->commit();
        return *delivery(id);
    }

private:
    sql::Session& m_sql;
};

} // namespace

namespace dispatch {

std::string_view to_db(DeliveryStatus s) {
    return k_status_names[static_cast<std::size_t>(s)];
}

std::optional<DeliveryStatus> parse_delivery_status(std::string_view s) {
    for (std::size_t i = 0; i < k_status_names.size(); ++i)
        if (k_status_names[i] == s) return static_cast<DeliveryStatus>(i);
    return std::nullopt;
}

std::unique_ptr<DeliveryStore> delivery_store(Store& store) {
    return std::make_unique<SqlDeliveryStore>(store.sql());
}

} // namespace dispatch

} // namespace breathline::data
