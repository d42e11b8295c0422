#include "data/auth/roles.h"

namespace breathline::data::auth {

Permissions permissions(Role role) {
    Permissions p;
    switch (role) {
    case Role::coordinator:
        p.see_personal = p.edit_registry = p.edit_plans = p.manage_incidents = true;
        p.record_checks = p.dispatch = p.run_drills = p.export_personal = true;
        break;
    case Role::planner:
        // Normal times: the registry, the ventilator-user map and the individual plans.
        p.see_personal = p.edit_registry = p.edit_plans = p.export_personal = true;
        break;
    case Role::viewer:
        break;
    case Role::drill_operator:
        // Runs drills on masked data; never touches real operations.
        p.run_drills = true;
        break;
    }
    return p;
}

const char* to_string(Role role) {
    switch (role) {
    case Role::coordinator:
        return "coordinator";
    case Role::planner:
        return "planner";
    case Role::viewer:
        return "viewer";
    case Role::drill_operator:
        return "drill_operator";
    }
    return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
    for (Role r : {Role::coordinator, Role::planner, Role::viewer, Role::drill_operator})
        if (text == to_string(r)) return r;
    if (text == "drill-operator") return Role::drill_operator;
    return std::nullopt;
}

std::string database_role_name(Role role) {
    return std::string("breathline_") + to_string(role);
}

const char* display_name_ja(Role role) {
    switch (role) {
    case Role::coordinator:
        return "調整担当";
    case Role::planner:
        return "計画担当";
    case Role::viewer:
        return "閲覧";
    case Role::drill_operator:
        return "訓練担当";
    }
    return "閲覧";
}

const char* display_name_en(Role role) {
    switch (role) {
    case Role::coordinator:
        return "Coordinator";
    case Role::planner:
        return "Planner";
    case Role::viewer:
        return "Viewer";
    case Role::drill_operator:
        return "Drill operator";
    }
    return "Viewer";
}

} // namespace breathline::data::auth
