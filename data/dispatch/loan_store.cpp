// dispatch::LoanStore (tables of migration 4)., written once in portable SQL over sql::Session
// (data/store/sql_session.h): it runs on SpatiaLite and PostgreSQL/PostGIS alike.

#include "data/dispatch/loan_store.h"

#include "data/error.h"
#include "data/store/sql_session.h"
#include "data/store/store.h"

#include <cstdio>

namespace breathline::data {

namespace {

using namespace dispatch;

constexpr std::string_view k_equipment_select =
    "SELECT id, serial, kind, capacity_l, fill_ratio, status, depot_facility_id, notes, "
    "row_version FROM equipment";
constexpr std::string_view k_loan_select =
    "SELECT id, person_id, incident_id, state, clinic, prescribed_flow_l_min, therapy_ends_at, "
    "opened_at, closed_at, row_version FROM loans";

Equipment read_equipment(const sql::Statement& st) {
    Equipment e;
    e.id = st.column_int64(0);
    e.serial = st.column_text(1);
    e.kind = parse_equipment_kind(st.column_text(2)).value_or(EquipmentKind::cylinder);
    e.capacity_l = st.column_opt_double(3);
    e.fill_ratio = st.column_opt_double(4);
    e.status = parse_equipment_status(st.column_text(5)).value_or(EquipmentStatus::in_stock);
    e.depot_facility_id = st.column_opt_int64(6);
    e.notes = st.column_opt_text(7).value_or("");
    e.row_version = st.column_int64(8);
    return e;
}

Loan read_loan(const sql::Statement& st) {
    Loan l;
    l.id = st.column_int64(0);
    l.person_id = st.column_int64(1);
    l.incident_id = st.column_opt_int64(2);
    l.state = parse_loan_state(st.column_text(3)).value_or(LoanState::consultation);
    l.clinic = st.column_opt_text(4).value_or("");
    l.prescribed_flow_l_min = st.column_opt_double(5);
    l.therapy_ends_at = st.column_opt_text(6);
    l.opened_at = st.column_text(7);
    l.closed_at = st.column_opt_text(8);
    l.row_version = st.column_int64(9);
    return l;
}

std::string litres(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

class SqlLoanStore final : public LoanStore {
public:
    SqlLoanStore(sql::Session& sql) : m_sql(sql) {}

    RowId add_equipment(const Equipment& e) override {
        if (e.serial.find_first_not_of(" \t") == std::string::npos)
            throw DataError(ErrorCode::invalid_input, "serial: an item needs a serial number");
        if (e.kind == EquipmentKind::cylinder && !(e.capacity_l && *e.capacity_l > 0))
            throw DataError(ErrorCode::invalid_input,
                            "capacity_l: cylinder " + e.serial + " needs its capacity in litres");
        if (e.fill_ratio && !(*e.fill_ratio >= 0 && *e.fill_ratio <= 1))
            throw DataError(ErrorCode::invalid_input, "fill_ratio: " + litres(*e.fill_ratio) +
                                                          " for " + e.serial + " is outside 0..1");
        if (equipment_by_serial(e.serial))
            throw DataError(ErrorCode::invalid_input,
                            "serial: " + e.serial + " is already registered");
        auto scope = m_sql.write_scope();
        auto st =
            m_sql.prepare("INSERT INTO equipment(serial, kind, capacity_l, fill_ratio, "
                          "status, depot_facility_id, notes) VALUES (?,?,?,?,?,?,?) RETURNING id");
        st.bind(1, e.serial);
        st.bind(2, to_db(e.kind));
        st.bind(3, e.capacity_l);
        st.bind(4, e.fill_ratio);
        st.bind(5, to_db(e.status));
        st.bind(6, e.depot_facility_id);
        st.bind(7, e.notes);
        const RowId id = st.run_returning_id();
        m_sql.audit("create", "equipment", e.serial,
                    std::string(to_db(e.kind)) +
                        (e.capacity_l ? " " + litres(*e.capacity_l) + " L" : ""));
        scope->commit();
        return id;
    }

    std::vector<Equipment> equipment() override {
        auto st = m_sql.prepare(std::string(k_equipment_select) + " ORDER BY kind, " +
                                m_sql.byte_order("serial"));
        std::vector<Equipment> out;
        while (st.step())
            out.push_back(read_equipment(st));
        return out;
    }

    std::optional<Equipment> equipment_by_serial(std::string_view serial) override {
        auto st = m_sql.prepare(std::string(k_equipment_select) + " WHERE serial=?");
        st.bind(1, serial);
        if (!st.step()) return std::nullopt;
        return read_equipment(st);
    }

    RowId open_loan(const Loan& loan) override {
        const auto person = registry_number(loan.person_id);
        auto scope = m_sql.write_scope();
        const std::string at = loan.opened_at.empty() ? sql::utc_now_iso() : loan.opened_at;
        auto st = m_sql.prepare("INSERT INTO loans(person_id, incident_id, state, clinic, "
                                "prescribed_flow_l_min, therapy_ends_at, opened_at) "
                                "VALUES (?,?,'consultation',?,?,?,?) RETURNING id");
        st.bind(1, loan.person_id);
        st.bind(2, loan.incident_id);
        st.bind(3, loan.clinic);
        st.bind(4, loan.prescribed_flow_l_min);
        st.bind(5, loan.therapy_ends_at);
        st.bind(6, at);
        const RowId id = st.run_returning_id();
        add_event(id, LoanState::consultation, at, "");
        m_sql.audit("create", "loans", person, "loan " + std::to_string(id) + " opened at ①");
        scope->commit();
        return id;
    }

    std::optional<Loan> loan(RowId id) override {
        auto st = m_sql.prepare(std::string(k_loan_select) + " WHERE id=?");
        st.bind(1, id);
        if (!st.step()) return std::nullopt;
        return read_loan(st);
    }

    std::vector<Loan> loans(bool include_closed) override {
        auto st =
            m_sql.prepare(std::string(k_loan_select) +
                          (include_closed ? "" : " WHERE closed_at IS NULL") + " ORDER BY id");
        std::vector<Loan> out;
        while (st.step())
            out.push_back(read_loan(st));
        return out;
    }

    std::vector<LoanEvent> events(RowId loan_id) override {
        auto st = m_sql.prepare("SELECT id, loan_id, state, at, actor, notes FROM loan_events "
                                "WHERE loan_id=? ORDER BY id");
        st.bind(1, loan_id);
        std::vector<LoanEvent> out;
        while (st.step()) {
            LoanEvent e;
            e.id = st.column_int64(0);
            e.loan_id = st.column_int64(1);
            e.state = parse_loan_state(st.column_text(2)).value_or(LoanState::consultation);
            e.at = st.column_text(3);
            e.actor = st.column_text(4);
            e.notes = st.column_opt_text(5).value_or("");
            out.push_back(std::move(e));
        }
        return out;
    }

    std::vector<LoanItem> items(RowId loan_id) override {
        auto st = m_sql.prepare("SELECT loan_id, equipment_id, lent_at, returned_at FROM "
                                "loan_items WHERE loan_id=? ORDER BY equipment_id");
        st.bind(1, loan_id);
        std::vector<LoanItem> out;
        while (st.step())
            out.push_back(
                {st.column_int64(0), st.column_int64(1), st.column_text(2), st.column_opt_text(3)});
        return out;
    }

    std::vector<LoanDelivery> deliveries(RowId loan_id) override {
        auto st = m_sql.prepare("SELECT id, loan_id, person_id, kind, cylinders, due_by, status "
                                "FROM deliveries WHERE loan_id=? ORDER BY id");
        st.bind(1, loan_id);
        std::vector<LoanDelivery> out;
        while (st.step())
            out.push_back({st.column_int64(0), st.column_int64(1), st.column_int64(2),
                           st.column_text(3) == "collection", st.column_int(4),
                           st.column_opt_text(5), st.column_text(6)});
        return out;
    }

    Loan advance(const LoanAdvance& step) override {
        auto current = loan(step.loan_id);
        if (!current)
            throw DataError(ErrorCode::not_found,
                            "loan " + std::to_string(step.loan_id) + " does not exist");
        Loan next = *current;
        if (step.clinic) next.clinic = *step.clinic;
        if (step.flow_l_min) next.prescribed_flow_l_min = *step.flow_l_min;
        if (step.therapy_ends) next.therapy_ends_at = *step.therapy_ends;
        std::vector<Equipment> lend;
        for (const auto& serial : step.lend_serials) {
            auto e = equipment_by_serial(serial);
            if (!e) throw DataError(ErrorCode::not_found, "serial: no item " + serial);
            lend.push_back(std::move(*e));
        }
        const TransitionCheck check = check_transition(next, step.to, lend);
        if (!check.ok)
            throw DataError(ErrorCode::invalid_input, check.reason_ja + " / " + check.reason_en);
        const std::string at = step.at.empty() ? sql::utc_now_iso() : step.at;
        const std::string person = registry_number(next.person_id);

        auto scope = m_sql.write_scope();
        auto st = m_sql.prepare(
            "UPDATE loans SET state=?, clinic=?, prescribed_flow_l_min=?, therapy_ends_at=?, "
            "closed_at=?, row_version=row_version+1 WHERE id=? AND row_version=?");
        st.bind(1, to_db(step.to));
        st.bind(2, next.clinic);
        st.bind(3, next.prescribed_flow_l_min);
        st.bind(4, next.therapy_ends_at);
        st.bind(5, is_closed(step.to) ? std::optional<std::string>(at) : std::nullopt);
        st.bind(6, next.id);
        st.bind(7, next.row_version);
        st.run();
        if (st.changes() != 1)
            throw DataError(ErrorCode::conflict, "loan " + std::to_string(next.id) +
                                                     " was changed by someone else; reload it");
        add_event(next.id, step.to, at, step.notes);
        std::string summary = "loan " + std::to_string(next.id) + ": " +
                              std::string(to_db(current->state)) + " → " +
                              std::string(to_db(step.to));
        if (step.to == LoanState::delivery_request) add_delivery(next, false, at);
        if (step.to == LoanState::delivered) {
            std::string serials;
            for (const auto& e : lend) {
                auto ins = m_sql.prepare(
                    "INSERT INTO loan_items(loan_id, equipment_id, lent_at) VALUES (?,?,?)");
                ins.bind(1, next.id);
                ins.bind(2, e.id);
                ins.bind(3, at);
                ins.run();
                set_status(e.id, EquipmentStatus::on_loan);
                serials += (serials.empty() ? "" : ", ") + e.serial;
            }
            summary += " (lent " + serials + ")";
            finish_delivery(next.id, false, at);
        }
        if (step.to == LoanState::therapy_visit && next.therapy_ends_at)
            add_delivery(next, true, at);
        if (step.to == LoanState::collected) {
            for (const auto& item : items(next.id)) {
                if (item.returned_at) continue;
                auto ret = m_sql.prepare("UPDATE loan_items SET returned_at=? WHERE loan_id=? AND "
                                         "equipment_id=?");
                ret.bind(1, at);
                ret.bind(2, next.id);
                ret.bind(3, item.equipment_id);
                ret.run();
                set_status(item.equipment_id, EquipmentStatus::in_stock);
            }
            finish_delivery(next.id, true, at);
        }
        if (step.to == LoanState::cancelled) {
            auto cancel =
                m_sql.prepare("UPDATE deliveries SET status='cancelled', row_version=row_version+1 "
                              "WHERE loan_id=? AND status IN ('pending','planned')");
            cancel.bind(1, next.id);
            cancel.run();
        }
        m_sql.audit("update", "loans", person, summary);
        scope->commit();
        return *loan(next.id);
    }

private:
    std::string registry_number(RowId person_id) { return sql::registry_number(m_sql, person_id); }

    void add_event(RowId loan_id, LoanState state, const std::string& at,
                   const std::string& notes) {
        auto st = m_sql.prepare(
            "INSERT INTO loan_events(loan_id, state, at, actor, notes) VALUES (?,?,?,?,?)");
        st.bind(1, loan_id);
        st.bind(2, to_db(state));
        st.bind(3, at);
        st.bind(4, m_sql.actor());
        st.bind(5, notes);
        st.run();
    }

    void set_status(RowId equipment_id, EquipmentStatus status) {
        auto st =
            m_sql.prepare("UPDATE equipment SET status=?, row_version=row_version+1 WHERE id=?");
        st.bind(1, to_db(status));
        st.bind(2, equipment_id);
        st.run();
    }

    // The van's job for this loan: a delivery of one cylinder set at ⑥ (due as soon as
    // possible: no due time), a collection due when the therapy ends at ⑧.
    void add_delivery(const Loan& loan, bool collection, const std::string& at) {
        auto st = m_sql.prepare("INSERT INTO deliveries(loan_id, person_id, kind, cylinders, "
                                "due_by, priority, planned_at) VALUES (?,?,?,?,?,?,NULL)");
        st.bind(1, loan.id);
        st.bind(2, loan.person_id);
        st.bind(3, collection ? "collection" : "delivery");
        st.bind(4, 1);
        if (collection)
            st.bind(5, loan.therapy_ends_at);
        else
            st.bind_null(5);
        st.bind(6, collection ? 0 : 1);
        st.run();
        (void)at;
    }

    void finish_delivery(RowId loan_id, bool collection, const std::string& at) {
        auto st = m_sql.prepare("UPDATE deliveries SET status='done', done_at=?, "
                                "row_version=row_version+1 WHERE loan_id=? AND kind=? AND status "
                                "IN ('pending','planned','en_route')");
        st.bind(1, at);
        st.bind(2, loan_id);
        st.bind(3, collection ? "collection" : "delivery");
        st.run();
    }

    sql::Session& m_sql;
};

} // namespace

namespace dispatch {

std::unique_ptr<LoanStore> loan_store(Store& store) {
    return std::make_unique<SqlLoanStore>(store.sql());
}

int add_minato_starting_stock(LoanStore& loans, std::optional<RowId> depot_facility_id) {
    int added = 0;
    auto add = [&](const char* prefix, int count, EquipmentKind kind) {
        for (int i = 1; i <= count; ++i) {
            char serial[32];
            std::snprintf(serial, sizeof serial, "%s-%02d", prefix, i);
            if (loans.equipment_by_serial(serial)) continue;
            Equipment e;
            e.serial = serial;
            e.kind = kind;
            if (kind == EquipmentKind::cylinder) {
                e.capacity_l = 500.0;
                e.fill_ratio = 1.0;
            }
            e.depot_facility_id = depot_facility_id;
            e.notes = "みなと保健所 事業開始時の台数に倣った見本在庫 / sample stock after Minato's "
                      "starting numbers";
            loans.add_equipment(e);
            ++added;
        }
    };
    add("O2-CYL", 20, EquipmentKind::cylinder);
    add("O2-REG", 10, EquipmentKind::demand_regulator);
    add("O2-CON", 2, EquipmentKind::concentrator);
    return added;
}

} // namespace dispatch

} // namespace breathline::data
