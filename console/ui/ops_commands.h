#pragma once
/// Declarations of the Controller's incident-operations handlers, defined in ops_commands.cpp.
/// Included by commands.cpp before Controller::apply visits every command, so each explicit
/// specialisation is declared where it is used. Not part of any public interface.

#include "console/ui/commands.h"

namespace breathline::ui {

template <> void Controller::on(const cmd::DeclareIncident&);
template <> void Controller::on(const cmd::ActivateIncident&);
template <> void Controller::on(const cmd::CloseIncident&);
template <> void Controller::on(const cmd::SetEvacuationLevel&);
template <> void Controller::on(const cmd::RefreshBoard&);
template <> void Controller::on(const cmd::SetBoardThresholds&);
template <> void Controller::on(const cmd::AcknowledgeAlarms&);
template <> void Controller::on(const cmd::StartOutageDrawing&);
template <> void Controller::on(const cmd::AddOutageVertex&);
template <> void Controller::on(const cmd::UndoOutageVertex&);
template <> void Controller::on(const cmd::CancelOutageDrawing&);
template <> void Controller::on(const cmd::FinishOutage&);
template <> void Controller::on(const cmd::AddWardOutage&);
template <> void Controller::on(const cmd::ImportOutage&);
template <> void Controller::on(const cmd::RestoreOutage&);
template <> void Controller::on(const cmd::OpenCheckForm&);
template <> void Controller::on(const cmd::SetCheckField&);
template <> void Controller::on(const cmd::CloseCheckForm&);
template <> void Controller::on(const cmd::RecordCheck&);
template <> void Controller::on(const cmd::Recommend&);
template <> void Controller::on(const cmd::ShowOption&);
template <> void Controller::on(const cmd::ConfirmDestination&);
template <> void Controller::on(const cmd::OverrideDestination&);
template <> void Controller::on(const cmd::ClearRecommendation&);

} // namespace breathline::ui
