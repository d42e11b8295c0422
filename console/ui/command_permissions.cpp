#include "console/ui/command_permissions.h"

#include <type_traits>

namespace breathline::ui {

namespace {

using P = cli::Permission;

template <typename T> constexpr bool is_one_of() {
    return false;
}
template <typename T, typename First, typename... Rest> constexpr bool is_one_of() {
    return std::is_same_v<T, First> || is_one_of<T, Rest...>();
}

} // namespace

std::optional<CommandNeed> command_need(const Command& command) {
    return std::visit(
        [](const auto& c) -> std::optional<CommandNeed> {
            using T = std::decay_t<decltype(c)>;
            if constexpr (is_one_of<T, cmd::SavePerson, cmd::SaveFacility, cmd::StartPlacing,
                                    cmd::PlaceAt>())
                return CommandNeed{P::edit_registry, false, "名簿・施設の編集",
                                   "edit persons and facilities"};
            else if constexpr (std::is_same_v<T, cmd::DeclareIncident>)
                return c.drill ? CommandNeed{P::run_drills, false, "訓練の宣言", "declare drills"}
                               : CommandNeed{P::manage_incidents, false, "災害の宣言",
                                             "declare incidents"};
            else if constexpr (is_one_of<T, cmd::ActivateIncident, cmd::CloseIncident,
                                         cmd::SetEvacuationLevel>())
                return CommandNeed{P::manage_incidents, true, "災害の管理", "manage incidents"};
            else if constexpr (is_one_of<T, cmd::StartOutageDrawing, cmd::FinishOutage,
                                         cmd::AddWardOutage, cmd::ImportOutage,
                                         cmd::RestoreOutage>())
                return CommandNeed{P::manage_incidents, true, "停電地域の変更",
                                   "change outage areas"};
            else if constexpr (std::is_same_v<T, cmd::RecordCheck>)
                return CommandNeed{P::record_checks, true, "安否確認の記録",
                                   "record safety checks"};
            else if constexpr (is_one_of<T, cmd::ConfirmDestination, cmd::OverrideDestination>())
                return CommandNeed{P::dispatch, true, "搬送先の決定", "decide destinations"};
            else if constexpr (is_one_of<T, cmd::DrillTogglePause, cmd::DrillSetSpeed,
                                         cmd::DrillFaster, cmd::DrillSlower, cmd::DrillEnd>())
                return CommandNeed{P::run_drills, false, "訓練の実施", "run drills"};
            else
                return std::nullopt;
        },
        command);
}

bool command_allowed(const Command& command, data::auth::Role role, bool drill_incident) {
    const auto need = command_need(command);
    if (!need) return true;
    const auto granted = data::auth::permissions(role);
    if (cli::allows(granted, need->need)) return true;
    return need->drill_alternative && drill_incident && granted.run_drills;
}

std::string command_refusal(Lang lang, data::auth::Role role, const CommandNeed& need) {
    if (lang == Lang::ja)
        return std::string(data::auth::display_name_ja(role)) + " の役割では " + need.action_ja +
               " はできません";
    return std::string("the ") + data::auth::display_name_en(role) + " role may not " +
           need.action_en;
}

} // namespace breathline::ui
