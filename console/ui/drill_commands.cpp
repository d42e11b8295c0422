#include "console/ui/drill_commands.h"

namespace breathline::ui {

// Interim: wired to the drill session in the next step.
template <> void Controller::on(const cmd::DrillTogglePause&) {}
template <> void Controller::on(const cmd::DrillSetSpeed&) {}
template <> void Controller::on(const cmd::DrillFaster&) {}
template <> void Controller::on(const cmd::DrillSlower&) {}
template <> void Controller::on(const cmd::DrillEnd&) {}

} // namespace breathline::ui
