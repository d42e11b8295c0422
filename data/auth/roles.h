#pragma once
/// Who may see and change what (issue 9). Four roles from the HQ's work:
///
/// | role            | personal data | registry, plans | incidents, checks | dispatch | drills |
/// |-----------------|---------------|-----------------|-------------------|----------|--------|
/// | coordinator     | yes           | edit            | edit              | edit     | run    |
/// | planner         | yes           | edit            | read              | read     | no     |
/// | viewer          | no (masked)   | read            | read              | read     | no     |
/// | drill_operator  | no (masked)   | read            | drill only        | drill    | run    |
///
/// The same table is enforced twice: by the database (PostgreSQL GRANTs, views
/// and row-level security created by the migrations, data/postgres/pg_schema)
/// and by the console and the CLI before they offer or run an action. A
/// SpatiaLite file is single-user: its role is coordinator unless the user
/// asks for a lesser one (console/CLI `--role`), enforced by the console only.

#include <optional>
#include <string>
#include <string_view>

namespace breathline::data::auth {

enum class Role { coordinator, planner, viewer, drill_operator };

/// What a role may do. Each flag guards one family of actions.
struct Permissions {
    bool see_personal = false;     ///< names, kana, birth dates, phones, notes, full address
    bool edit_registry = false;    ///< persons, supporters, contacts, facilities, areas, imports
    bool edit_plans = false;       ///< individual support plans, evaluations, invoices
    bool manage_incidents = false; ///< declare/close real incidents, outages, evacuation level
    bool record_checks = false;    ///< safety checks in real incidents
    bool dispatch = false;         ///< destinations, teams, loans, deliveries, closures (real)
    bool run_drills = false;       ///< drill start/advance/end and changes inside a drill
    bool export_personal = false;  ///< exports/prints with names (--include-personal)
};

Permissions permissions(Role role);

/// "coordinator", "planner", "viewer", "drill_operator".
const char* to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
/// The database group role that grants `role`: "breathline_coordinator", ...
std::string database_role_name(Role role);

/// Japanese and English display names (調整担当, 計画担当, 閲覧, 訓練担当).
const char* display_name_ja(Role role);
const char* display_name_en(Role role);

} // namespace breathline::data::auth
