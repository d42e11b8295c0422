// The Controller's incident-operations handlers (issue 5): incidents, outage areas drawn on the
// map, safety checks from the form, the board with its alarms, and destination recommendations
// with confirm/override. Every write goes through the data layer's stores, which audit it; the
// same operations are CLI verbs (incident, outage, check record, board, recommend).

#include "console/ui/ops_commands.h"

#include "console/cli/ops_args.h"
#include "console/map/ops_layers.h"
#include "console/map/scene_builder.h"
#include "console/ui/view_mask.h"
#include "data/dispatch/transport_store.h"
#include "data/drill/drill_engine.h"
#include "data/error.h"
#include "data/ops/check_input.h"
#include "data/ops/outage_shape.h"
#include "data/ops/phase.h"
#include "data/roads/polygon_file.h"
#include "data/roads/routing_service.h"

#include <algorithm>
#include <cstdlib>

namespace breathline::ui {

namespace ops = data::ops;

namespace {

bool blank(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string hours_text(const std::optional<double>& h) {
    if (!h) return "?";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", *h);
    return buf;
}

} // namespace

void Controller::set_clock(std::shared_ptr<const ops::Clock> clock) {
    m_clock = std::move(clock);
}

ops::TimePoint Controller::now() const {
    if (m_drill) return m_drill->now(); // a running drill's scenario clock rules
    if (m_clock) return m_clock->now();
    return ops::SystemClock().now();
}

ops::TimePoint Controller::time_or_now(const std::string& text, std::string_view field) const {
    if (blank(text)) return now();
    if (const auto t = ops::parse_time(text)) return *t;
    throw data::DataError(data::ErrorCode::invalid_input,
                          std::string(field) + " '" + text +
                              "': 日時は 2026-11-22T12:30 の形で (日本時間) / not a time; write "
                              "2026-11-22T12:30 (Japan time)");
}

std::optional<data::Person> Controller::person_by_registry_number(const std::string& external_id) {
    auto p = m_store->registry().person_by_external_id(external_id);
    if (!p)
        m_view.error("登録者 '" + external_id + "' は見つかりません",
                     "no person '" + external_id + "'");
    return p;
}

data::RoutingService& Controller::routing() {
    if (!m_routing) {
        data::RoutingServiceOptions options;
        if (const char* env = std::getenv("BREATHLINE_PROFILES"); env && *env)
            options.profiles_path = env;
        m_routing = std::make_unique<data::RoutingService>(*m_store, options);
        data::drill::apply_drill_closures(*m_store, *m_routing);
    }
    return *m_routing;
}

void Controller::refresh_ops(bool raise_alarms) {
    auto& o = m_view.ops;
    if (!m_store) return;
    auto& incidents = m_store->incidents();
    const ops::TimePoint at = now();
    o.now = at;
    o.incidents = incidents.incidents(false);
    // 0 = no incident was active (row ids start at 1); a plain id keeps GCC's
    // maybe-uninitialized analysis of std::optional quiet at -O3.
    const data::RowId before_id = o.active ? o.active->id : 0;
    o.active = incidents.active_incident();
    if (!o.active) {
        o.phase.reset();
        o.outages.clear();
        o.board.reset();
        o.alarms.clear();
        o.drawing.reset();
        o.check = {};
        o.team_walks.clear();
    } else {
        if (const auto onset = ops::parse_time(o.active->onset_at))
            o.phase = ops::phase_number(at - *onset);
        o.outages = incidents.outage_areas(o.active->id);
        ops::Board board =
            ops::evaluate_board(cli::persons_at_home(*m_store),
                                incidents.latest_checks(o.active->id), o.outages, at, o.thresholds);
        // Alarms compare two boards of the same incident; switching incidents is not a change
        // of anyone's condition.
        if (raise_alarms && o.board && before_id == o.active->id) {
            for (auto& alarm : ops::threshold_alarms(*o.board, board)) {
                m_view.warning("警報: 登録者 " + alarm.external_id + " が「" +
                                   std::string(ops::label_ja(alarm.from)) + "」から「" +
                                   std::string(ops::label_ja(alarm.to)) + "」へ (残り " +
                                   hours_text(alarm.hours_left) + " 時間)",
                               "alarm: person " + alarm.external_id + " went from " +
                                   std::string(ops::to_string(alarm.from)) + " to " +
                                   std::string(ops::to_string(alarm.to)) + " (" +
                                   hours_text(alarm.hours_left) + " h left)");
                o.alarms.push_back(std::move(alarm));
            }
        }
        if (before_id != o.active->id) o.alarms.clear();
        o.board = std::move(board);
        o.team_walks = team_walks(o.active->id);
    }
    if (m_view.selected_person)
        o.selected_history = incidents.check_history(m_view.selected_person->id);
    map::SceneOptions options;
    options.mask_names = m_view.settings.masks_personal_data();
    options.mask = mask_options(m_view.settings);
    map::rebuild_outages(m_view.scene, *m_store, options);
    rebuild_ops_layers();
}

std::vector<std::vector<geo::PlaneXY>> Controller::team_walks(data::RowId incident_id) {
    std::vector<std::vector<geo::PlaneXY>> walks;
    auto transport = data::dispatch::transport_store(*m_store);
    auto& registry = m_store->registry();
    // Drill and projector modes: the walks run between the displaced homes, so the lines do
    // not point at where anyone lives.
    const auto mask = mask_options(m_view.settings);
    for (const auto& request : transport->requests(incident_id)) {
        if (!data::dispatch::is_live(request.status)) continue;
        const auto stored_person = registry.person(request.person_id);
        if (!stored_person) continue;
        const auto person = std::optional(shown(*stored_person, mask));
        if (!person->location) continue;
        for (const auto& member : transport->members(request.id)) {
            if (member.status == data::dispatch::MemberStatus::declined) continue;
            const auto stored_supporter = registry.supporter(member.supporter_id);
            if (!stored_supporter) continue;
            const auto supporter = std::optional(shown(*stored_supporter, mask));
            if (!supporter->location) continue;
            // Door to door: the straight access legs at both ends around the walked roads, a
            // straight line where no road leads (the team still has to get there).
            std::vector<geo::LonLat> line{*supporter->location};
            const auto walk = routing().route({*supporter->location, supporter->external_id},
                                              {*person->location, person->external_id}, "walk");
            if (walk.ok() && walk.value().reachable)
                line.insert(line.end(), walk.value().geometry.begin(), walk.value().geometry.end());
            line.push_back(*person->location);
            std::vector<geo::PlaneXY> plane;
            plane.reserve(line.size());
            for (const auto& p : line)
                plane.push_back(m_projector->to_plane(p));
            walks.push_back(std::move(plane));
        }
    }
    return walks;
}

void Controller::rebuild_ops_layers() {
    const auto& o = m_view.ops;
    const geo::PlaneXY origin = m_view.scene.origin;
    if (o.board) {
        std::vector<std::pair<data::RowId, geo::PlaneXY>> positions;
        positions.reserve(m_view.persons.size());
        for (const auto& row : m_view.persons)
            if (row.position) positions.emplace_back(row.id, *row.position);
        map::put_ops_layer(m_view.scene, map::build_board_layer(*o.board, positions, origin));
    } else {
        map::put_ops_layer(m_view.scene, map::empty_board_layer());
    }
    std::vector<geo::PlaneXY> route;
    if (o.recommendation && m_projector &&
        o.recommendation->shown_option < o.recommendation->recommendation.options.size())
        for (const auto& p :
             o.recommendation->recommendation.options[o.recommendation->shown_option].route)
            route.push_back(m_projector->to_plane(p));
    if (const auto mask = mask_options(m_view.settings); mask && !route.empty()) {
        // The route was found from the true home: in drill and projector modes its first
        // stretch is left out and the line starts at the displaced home instead.
        const geo::PlaneXY home = route.front();
        const double hidden_m = std::max(200.0, 2 * mask->displace_m);
        std::size_t first = 0;
        while (first < route.size() && geo::distance_m(route[first], home) < hidden_m)
            ++first;
        std::vector<geo::PlaneXY> shown_route;
        if (auto i = m_view.person_index(o.recommendation->person_id);
            i && m_view.persons[*i].position)
            shown_route.push_back(*m_view.persons[*i].position);
        shown_route.insert(shown_route.end(), route.begin() + static_cast<long>(first),
                           route.end());
        route = std::move(shown_route);
    }
    map::put_ops_layer(m_view.scene, map::build_route_layer(route, origin));
    map::put_ops_layer(m_view.scene, map::build_teams_layer(o.team_walks, origin));
    map::put_ops_layer(
        m_view.scene,
        map::build_drawing_layer(o.drawing ? *o.drawing : std::vector<geo::PlaneXY>{}, origin));
    m_scene_changed = true;
}

// --- incidents ----------------------------------------------------------------------------

template <> void Controller::on(const cmd::DeclareIncident& c) {
    if (!m_store) return;
    if (blank(c.title)) {
        m_view.error("災害の名称を入力してください", "give the incident a title");
        return;
    }
    data::Incident incident;
    incident.kind = c.kind;
    incident.title = c.title;
    incident.onset_at = ops::format_time(time_or_now(c.onset, "onset"));
    incident.is_drill = c.drill;
    incident.is_active = true;
    incident.evacuation_level = c.level;
    const data::RowId id = m_store->incidents().declare_incident(incident);
    m_view.info("災害 " + std::to_string(id) + " 「" + c.title + "」を宣言しました" +
                    (c.drill ? " [訓練]" : ""),
                "declared incident " + std::to_string(id) + " '" + c.title + "'" +
                    (c.drill ? " [drill]" : ""));
    refresh_ops(false);
}

template <> void Controller::on(const cmd::ActivateIncident& c) {
    if (!m_store) return;
    if (!m_store->incidents().activate_incident(c.id)) {
        m_view.error("災害 " + std::to_string(c.id) + " はありません",
                     "no incident " + std::to_string(c.id));
        return;
    }
    m_view.ops.recommendation.reset();
    refresh_ops(false);
}

template <> void Controller::on(const cmd::CloseIncident& c) {
    if (!m_store) return;
    if (blank(c.summary)) {
        m_view.error("災害を終了するには総括を入力してください",
                     "closing an incident needs a summary");
        return;
    }
    if (!m_store->incidents().close_incident(c.id, ops::format_time(now()), c.summary)) {
        m_view.error("終了できる災害 " + std::to_string(c.id) + " はありません",
                     "no open incident " + std::to_string(c.id));
        return;
    }
    m_view.info("災害 " + std::to_string(c.id) + " を終了しました",
                "closed incident " + std::to_string(c.id));
    m_view.ops.recommendation.reset();
    refresh_ops(false);
}

template <> void Controller::on(const cmd::SetEvacuationLevel& c) {
    if (!m_store || !m_view.ops.active) return;
    m_store->incidents().set_evacuation_level(m_view.ops.active->id, c.level);
    m_view.info(std::string("避難情報: ") + std::string(ops::label_ja(c.level)),
                std::string("evacuation information: ") + std::string(ops::label_en(c.level)));
    refresh_ops(false);
}

// --- board --------------------------------------------------------------------------------

template <> void Controller::on(const cmd::RefreshBoard&) {
    refresh_ops(true);
}

template <> void Controller::on(const cmd::SetBoardThresholds& c) {
    const auto& t = c.thresholds;
    if (!(t.critical_h >= 0 && t.critical_h <= t.urgent_h && t.urgent_h <= t.watch_h &&
          t.air_mattress_h >= 0)) {
        m_view.error("しきい値は 0 ≦ 危険 ≦ 緊急 ≦ 要注意 (時間) にしてください",
                     "thresholds must satisfy 0 <= critical <= urgent <= watch (hours)");
        return;
    }
    m_view.ops.thresholds = t;
    // New thresholds reclassify everyone at once; that is not a change of anyone's condition.
    refresh_ops(false);
}

template <> void Controller::on(const cmd::AcknowledgeAlarms&) {
    if (m_view.ops.alarms.empty()) return;
    m_view.info("警報 " + std::to_string(m_view.ops.alarms.size()) + " 件を確認しました",
                "acknowledged " + std::to_string(m_view.ops.alarms.size()) + " alarms");
    m_view.ops.alarms.clear();
}

// --- outage areas -------------------------------------------------------------------------

template <> void Controller::on(const cmd::StartOutageDrawing&) {
    if (!m_view.ops.active) {
        m_view.error("停電範囲を描くには、先に災害を宣言してください",
                     "declare an incident before drawing an outage area");
        return;
    }
    m_view.placing_facility.reset();
    m_view.ops.drawing.emplace();
    rebuild_ops_layers();
}

template <> void Controller::on(const cmd::AddOutageVertex& c) {
    if (!m_view.ops.drawing) return;
    m_view.ops.drawing->push_back(c.at);
    rebuild_ops_layers();
}

template <> void Controller::on(const cmd::UndoOutageVertex&) {
    if (!m_view.ops.drawing || m_view.ops.drawing->empty()) return;
    m_view.ops.drawing->pop_back();
    rebuild_ops_layers();
}

template <> void Controller::on(const cmd::CancelOutageDrawing&) {
    if (!m_view.ops.drawing) return;
    m_view.ops.drawing.reset();
    rebuild_ops_layers();
}

namespace {
std::string outage_name(const std::string& typed, std::size_t existing) {
    return blank(typed) ? "停電範囲 " + std::to_string(existing + 1) : typed;
}
} // namespace

template <> void Controller::on(const cmd::FinishOutage& c) {
    auto& o = m_view.ops;
    if (!m_store || !o.drawing || !o.active) return;
    std::vector<geo::LonLat> corners;
    for (const auto& v : *o.drawing)
        corners.push_back(m_projector->to_lonlat(v));
    data::OutageArea area;
    area.incident_id = o.active->id;
    area.name = outage_name(c.name, o.outages.size());
    area.starts_at = ops::format_time(time_or_now(c.starts_at, "starts_at"));
    try {
        area.area = ops::outage_polygon(std::move(corners));
    } catch (const data::DataError& e) {
        // Keep the drawing: the coordinator fixes it (undo) rather than starting over.
        m_view.error(std::string("停電範囲を登録できません: ") + e.what(),
                     std::string("outage area not recorded: ") + e.what());
        return;
    }
    const data::RowId id = m_store->incidents().add_outage_area(area);
    int inside = 0;
    for (const auto& p : cli::persons_at_home(*m_store))
        if (p.location && area.area.contains(*p.location)) ++inside;
    m_view.info("停電範囲 " + std::to_string(id) + " 「" + area.name + "」を登録しました (区域内 " +
                    std::to_string(inside) + " 人)",
                "outage area " + std::to_string(id) + " '" + area.name + "' recorded (" +
                    std::to_string(inside) + " persons inside)");
    o.drawing.reset();
    refresh_ops(true);
}

template <> void Controller::on(const cmd::AddWardOutage& c) {
    auto& o = m_view.ops;
    if (!m_store || !o.active) {
        m_view.error("停電範囲を登録するには、先に災害を宣言してください",
                     "declare an incident before adding an outage area");
        return;
    }
    data::OutageArea area;
    area.incident_id = o.active->id;
    area.name = blank(c.name) ? std::string("区全域") : c.name;
    area.starts_at = ops::format_time(time_or_now(c.starts_at, "starts_at"));
    area.area = cli::ward_boundary(*m_store);
    const data::RowId id = m_store->incidents().add_outage_area(area);
    m_view.info("停電範囲 " + std::to_string(id) + " (区全域) を登録しました",
                "outage area " + std::to_string(id) + " (whole ward) recorded");
    refresh_ops(true);
}

template <> void Controller::on(const cmd::ImportOutage& c) {
    auto& o = m_view.ops;
    if (!m_store || !o.active) {
        m_view.error("停電範囲を登録するには、先に災害を宣言してください",
                     "declare an incident before adding an outage area");
        return;
    }
    data::OutageArea area;
    area.incident_id = o.active->id;
    // Read before writing: a bad file changes nothing (the error names the file).
    area.area = data::read_polygon_file(c.path);
    area.name = outage_name(c.name, o.outages.size());
    area.starts_at = ops::format_time(time_or_now(c.starts_at, "starts_at"));
    const data::RowId id = m_store->incidents().add_outage_area(area);
    m_view.info("停電範囲 " + std::to_string(id) + " 「" + area.name + "」を " + c.path +
                    " から登録しました",
                "outage area " + std::to_string(id) + " '" + area.name + "' recorded from " +
                    c.path);
    refresh_ops(true);
}

template <> void Controller::on(const cmd::RestoreOutage& c) {
    if (!m_store) return;
    const std::string at = ops::format_time(time_or_now(c.restored_at, "restored_at"));
    if (!m_store->incidents().restore_outage_area(c.id, at)) {
        m_view.error("停電中の範囲 " + std::to_string(c.id) + " はありません",
                     "no outage area " + std::to_string(c.id) + " still without power");
        return;
    }
    m_view.info("停電範囲 " + std::to_string(c.id) + " の復旧を記録しました",
                "outage area " + std::to_string(c.id) + " restored");
    refresh_ops(true);
}

// --- safety checks ------------------------------------------------------------------------

template <> void Controller::on(const cmd::OpenCheckForm& c) {
    auto& o = m_view.ops;
    if (!m_store) return;
    if (!o.active) {
        m_view.error("安否確認を記録するには、先に災害を宣言してください",
                     "declare an incident before recording safety checks");
        return;
    }
    const auto person = person_by_registry_number(c.external_id);
    if (!person) return;
    const auto previous = m_store->incidents().latest_check(o.active->id, person->id);
    o.check =
        make_check_form(person->id, person->external_id, now(), previous ? &*previous : nullptr);
}

template <> void Controller::on(const cmd::SetCheckField& c) {
    m_view.ops.check.set(c.key, c.text);
}

template <> void Controller::on(const cmd::CloseCheckForm&) {
    m_view.ops.check = {};
}

template <> void Controller::on(const cmd::RecordCheck&) {
    auto& o = m_view.ops;
    auto& form = o.check;
    if (!m_store || !form.is_open()) return;
    if (!o.active) {
        m_view.error("有効な災害がありません", "no active incident");
        return;
    }
    // The form is one record of a check file: the same reader and validation as `check record`.
    std::vector<std::pair<std::string, std::string>> fields;
    fields.emplace_back("person", form.person_external_id);
    for (std::size_t i = 0; i < form.keys.size() && i < form.values.size(); ++i)
        if (!blank(form.values[i])) fields.emplace_back(form.keys[i], form.values[i]);
    auto contents = ops::read_check_fields(fields);
    std::vector<ops::FieldProblem> problems = std::move(contents.problems);
    data::SafetyCheck check;
    if (problems.empty() && !contents.records.empty()) {
        check = contents.records.front().check;
        check.person_id = form.person_id;
        check.incident_id = o.active->id;
        if (check.checked_at.empty()) check.checked_at = ops::format_time(now());
        problems = ops::validate_check(check);
    }
    if (!problems.empty()) {
        form.problems = std::move(problems);
        const auto& first = form.problems.front();
        m_view.error("安否確認を記録できません: " + first.message_ja,
                     "safety check not recorded: " + first.message_en);
        return;
    }
    const data::RowId id = m_store->incidents().record_check(check);
    m_view.info("登録者 " + form.person_external_id + " の安否確認を記録しました (#" +
                    std::to_string(id) + ")",
                "safety check #" + std::to_string(id) + " recorded for person " +
                    form.person_external_id);
    form = {};
    refresh_ops(true);
}

// --- destinations -------------------------------------------------------------------------

template <> void Controller::on(const cmd::Recommend& c) {
    if (!m_store) return;
    const auto person = person_by_registry_number(c.external_id);
    if (!person) return;
    const auto& active = m_view.ops.active;
    std::optional<data::SafetyCheck> latest;
    if (active) latest = m_store->incidents().latest_check(active->id, person->id);
    const data::Judgement judgement =
        c.judgement
            ? *c.judgement
            : (latest && latest->judgement ? *latest->judgement : data::Judgement::hospitalise);
    ops::RecommendOptions options;
    options.profile = c.profile;
    if (active && active->is_drill)
        options.facility_overrides = data::drill::drill_facilities(*m_store, active->id);
    RecommendationView view;
    view.person_id = person->id;
    view.person_external_id = person->external_id;
    view.recommendation = ops::recommend_destination(*m_store, routing(), *person, judgement,
                                                     latest ? &*latest : nullptr, options);
    view.decision = ops::decision_store(*m_store)->latest(person->id);
    const auto& rec = view.recommendation;
    if (rec.options.empty())
        m_view.warning("登録者 " + person->external_id + ": 受け入れ可能な搬送先がありません",
                       "person " + person->external_id + ": no destination can take them");
    else
        m_view.info("登録者 " + person->external_id +
                        " の推奨搬送先: " + rec.options.front().facility.name,
                    "recommended destination for person " + person->external_id + ": " +
                        rec.options.front().facility.name);
    m_view.ops.recommendation = std::move(view);
    rebuild_ops_layers();
}

template <> void Controller::on(const cmd::ShowOption& c) {
    auto& r = m_view.ops.recommendation;
    if (!r || c.option >= r->recommendation.options.size()) return;
    r->shown_option = c.option;
    rebuild_ops_layers();
}

namespace {
std::optional<data::RowId> incident_id_of(const std::optional<data::Incident>& i) {
    return i ? std::optional<data::RowId>(i->id) : std::nullopt;
}
} // namespace

template <> void Controller::on(const cmd::ConfirmDestination& c) {
    auto& r = m_view.ops.recommendation;
    if (!m_store || !r) return;
    if (c.option >= r->recommendation.options.size()) {
        m_view.error("その候補はありません", "there is no such option");
        return;
    }
    auto decision = ops::confirm_decision(r->recommendation, r->person_id,
                                          incident_id_of(m_view.ops.active), c.option);
    decision.decided_at = ops::format_time(now());
    auto decisions = ops::decision_store(*m_store);
    decisions->record(decision);
    r->decision = decisions->latest(r->person_id);
    const auto& facility = r->recommendation.options[c.option].facility;
    m_view.info("登録者 " + r->person_external_id + " の搬送先を確定しました: " + facility.name,
                "destination confirmed for person " + r->person_external_id + ": " + facility.name);
}

template <> void Controller::on(const cmd::OverrideDestination& c) {
    auto& r = m_view.ops.recommendation;
    if (!m_store || !r) return;
    if (blank(c.reason)) {
        m_view.error("推奨と異なる搬送先には理由が必要です (監査ログに記録されます)",
                     "an override needs a reason (it goes into the audit log)");
        return;
    }
    const auto facility = m_store->facilities().facility_by_external_id(c.facility_external_id);
    const auto person = m_store->registry().person(r->person_id);
    if (!facility || !person) {
        m_view.error("施設 '" + c.facility_external_id + "' は見つかりません",
                     "no facility '" + c.facility_external_id + "'");
        return;
    }
    auto decision =
        ops::override_decision(r->recommendation, *person, incident_id_of(m_view.ops.active),
                               *facility, c.reason, routing());
    decision.decided_at = ops::format_time(now());
    auto decisions = ops::decision_store(*m_store);
    decisions->record(decision);
    r->decision = decisions->latest(r->person_id);
    if (!ops::facility_accepts(*facility))
        m_view.warning("注意: " + facility->name + " は現在 " +
                           std::string(data::to_db(facility->status)) + " です",
                       "note: " + facility->name + " is " +
                           std::string(data::to_db(facility->status)));
    m_view.info("登録者 " + r->person_external_id + " の搬送先を変更して記録しました: " +
                    facility->name + " (理由は監査ログに記録)",
                "override recorded for person " + r->person_external_id + ": " + facility->name +
                    " (the reason is in the audit log)");
}

template <> void Controller::on(const cmd::ClearRecommendation&) {
    if (!m_view.ops.recommendation) return;
    m_view.ops.recommendation.reset();
    rebuild_ops_layers();
}

} // namespace breathline::ui
