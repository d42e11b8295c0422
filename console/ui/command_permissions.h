#pragma once
/// What each console command needs of the role (issue 9). The Controller refuses a command the
/// role may not run (Controller::apply, the enforcement point: a log error, nothing changes);
/// the panels only reflect the same answer by disabling the control (ImGui::BeginDisabled).
/// The table mirrors the command line's (console/cli/verb_permissions.h): the same Permission
/// flags, the same drill alternative (a drill operator acts in drill incidents only).
///
/// No GL, no ImGui. Thread-safe (pure).

#include "console/cli/verb_permissions.h"
#include "console/ui/commands.h"

#include <optional>
#include <string>

namespace breathline::ui {

struct CommandNeed {
    cli::Permission need = cli::Permission::none;
    /// run_drills suffices when the incident concerned is a drill (the active one, or the one
    /// the command declares or activates).
    bool drill_alternative = false;
    const char* action_ja = "";
    const char* action_en = "";
};

/// nullopt: the command changes only the view (selection, map, layers, language ...).
std::optional<CommandNeed> command_need(const Command& command);

/// Whether `role` may run `command`. `drill_incident`: the incident the command concerns is a
/// drill (the active incident for checks, outages and destinations).
bool command_allowed(const Command& command, data::auth::Role role, bool drill_incident);

/// "閲覧 の役割では 安否確認の記録 はできません" in `lang`.
std::string command_refusal(Lang lang, data::auth::Role role, const CommandNeed& need);

} // namespace breathline::ui
