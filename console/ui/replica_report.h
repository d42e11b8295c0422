#pragma once
/// The replay report as the console shows it (issue 9): one summary line ("replayed N,
/// conflicts M, pending K") and one line per conflict (who checked when, with which judgement)
/// and per pending check (the server's reason), in Japanese and English. Registry numbers and
/// coordinators' names only, never a person's name. Pure; no GL, no ImGui.

#include "data/postgres/replica.h"

#include <string>
#include <vector>

namespace breathline::ui {

struct ReplayReportText {
    std::string summary_ja, summary_en;
    std::vector<std::string> details_ja, details_en; ///< conflicts, then pending checks
    bool needs_attention = false;                    ///< conflicts or pending checks
};

ReplayReportText replay_report_text(const data::ReplayReport& report);

} // namespace breathline::ui
