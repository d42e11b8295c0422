#pragma once
/// The incident-operations part of the console's view model (issue 5): the active incident and
/// its phase, the outage areas, the operations board with its unacknowledged alarms, the outage
/// polygon being drawn on the map, the safety-check form (安否確認チェック表) of one person and
/// the destination recommendation for the selected person. Panels read it; only the Controller
/// (commands.h, ops_commands.cpp) changes it.
///
/// Personal data: nothing here holds a name. The board and the alarms carry registry numbers;
/// panels show a person's name only through display_name() (masked in drill mode).
///
/// Thread safety: main thread only.

#include "data/model/incident.h"
#include "data/ops/board.h"
#include "data/ops/check_input.h"
#include "data/ops/clock.h"
#include "data/ops/destination.h"
#include "data/ops/recommend.h"
#include "geo/coordinates.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::ui {

/// The safety-check form of one person: one text per field of the 安否確認チェック表, keyed by
/// the English field names `breathline check record` reads (data::ops::check_field_keys()), so
/// the form and a file go through one reader and one validation (read_check_fields +
/// validate_check).
struct CheckForm {
    data::RowId person_id = 0;       ///< 0 while the form is closed
    std::string person_external_id;  ///< registry number of the person being checked
    std::vector<std::string> keys;   ///< check_field_keys() order
    std::vector<std::string> values; ///< what the user typed, one per key
    /// Problems of the last RecordCheck attempt (field = canonical key), cleared on success.
    std::vector<data::ops::FieldProblem> problems;

    bool is_open() const { return person_id != 0; }
    /// The text of `key`; "" for an unknown key.
    const std::string& value(std::string_view key) const;
    void set(std::string_view key, std::string text);
    /// The first problem reported for `key`, or nullptr.
    const data::ops::FieldProblem* problem_for(std::string_view key) const;
};

/// A new, empty form for a person: every key blank except checked_at (now, JST text) and, when
/// `previous` is given, the checker's affiliation and name carried over (the same nurse usually
/// checks again). Pure.
CheckForm make_check_form(data::RowId person_id, std::string external_id, data::ops::TimePoint now,
                          const data::SafetyCheck* previous);

/// The recommendation shown for one person, with the decision taken on it.
struct RecommendationView {
    data::RowId person_id = 0;
    std::string person_external_id;
    data::ops::Recommendation recommendation;
    /// The latest decision recorded about this person (after Confirm/Override or from the DB).
    std::optional<data::ops::DestinationDecision> decision;
    /// The option whose route is drawn on the map (index into recommendation.options).
    std::size_t shown_option = 0;
};

struct OpsView {
    /// The clock's "now" when the board was last evaluated.
    std::optional<data::ops::TimePoint> now;
    /// Open incidents (not closed), ordered by id; drills included, flagged.
    std::vector<data::Incident> incidents;
    std::optional<data::Incident> active; ///< the active incident, if any
    std::optional<int> phase;             ///< phase number of the active incident at `now`
    /// The active incident's outage areas (restored ones included, with restored_at).
    std::vector<data::OutageArea> outages;

    data::ops::BoardThresholds thresholds;
    /// The board of the active incident at `now`; empty without an active incident.
    std::optional<data::ops::Board> board;
    /// Threshold crossings not yet acknowledged, oldest first.
    std::vector<data::ops::Alarm> alarms;

    /// Walks of the supporters of the active incident's live transport teams to their person
    /// (EPSG:6677 polylines, supporter's home first; the road route where there is one).
    std::vector<std::vector<geo::PlaneXY>> team_walks;

    /// Vertices (EPSG:6677) of the outage polygon being drawn; nullopt when not drawing.
    std::optional<std::vector<geo::PlaneXY>> drawing;

    CheckForm check;
    /// Checks of the selected person in every incident (history, oldest first).
    std::vector<data::SafetyCheck> selected_history;
    std::optional<RecommendationView> recommendation;

    /// The board row of `person_id`, or nullptr.
    const data::ops::BoardRow* board_row(data::RowId person_id) const;
};

} // namespace breathline::ui
