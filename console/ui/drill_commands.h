#pragma once
/// Declarations of the Controller's drill handlers (scenario clock, end of drill), defined in
/// drill_commands.cpp. Included by commands.cpp before Controller::apply visits every command.

#include "console/ui/commands.h"

namespace breathline::ui {

template <> void Controller::on(const cmd::DrillTogglePause&);
template <> void Controller::on(const cmd::DrillSetSpeed&);
template <> void Controller::on(const cmd::DrillFaster&);
template <> void Controller::on(const cmd::DrillSlower&);
template <> void Controller::on(const cmd::DrillEnd&);

} // namespace breathline::ui
