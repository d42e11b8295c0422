#pragma once
/// What the panels emit. A panel reads the ViewModel and pushes commands; the app applies them
/// after the frame's panels are drawn, in one place (Controller::apply), so every change of
/// state, every database write (through data/io/record_edit.h, audited) and every settings
/// write has one path that tests drive without a window.
///
/// Thread safety: main thread only. Long work (opening a database, loading a user layer) is
/// handed to the JobRunner and comes back through its completions.

#include "console/map/camera.h"
#include "console/map/scene.h"
#include "console/ui/drill_session.h"
#include "console/ui/jobs.h"
#include "console/ui/live_view.h"
#include "console/ui/view_model.h"
#include "data/geocode/town_geocoder.h"
#include "data/ops/clock.h"
#include "data/postgres/change_feed.h"
#include "data/postgres/replica.h"
#include "data/privacy/mask.h"
#include "data/store/store.h"
#include "geo/projection.h"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace breathline::data {
class RoutingService;
}

namespace breathline::ui {

namespace cmd {
struct OpenDatabase {
    std::string path;
};
/// Select what a map click, a table row or a search hit points at; `centre` moves the map.
struct Select {
    map::FeatureRef feature;
    bool centre = false;
};
struct ClearSelection {};
/// One field of the person/facility panel's edit buffer as typed.
struct SetPersonField {
    std::string key, text;
};
struct SetFacilityField {
    std::string key, text;
};
/// Saves changed fields (EditBuffer::changes()) with the row version the edit started from.
struct SavePerson {
    std::string external_id;
    std::int64_t row_version = 0;
    data::FieldValues values;
};
struct SaveFacility {
    std::string external_id;
    std::int64_t row_version = 0;
    data::FieldValues values;
};
struct RevertPerson {};
struct RevertFacility {};
/// Which edit panel a conflict-box choice is about (issue 9).
enum class EditTarget { person, facility };
/// Conflict box "再読み込み / Reload": drop the typed values and load the stored record.
struct ReloadEdit {
    EditTarget target = EditTarget::person;
};
/// Conflict box "上書きして適用 / Apply my changes on top": the fields the user changed
/// relative to the version the edit started from, saved over the current stored version (the
/// other coordinator's changes to other fields are kept); audited as any save.
struct ApplyEditOnTop {
    EditTarget target = EditTarget::person;
};
/// Facility panel's "place on map": the next map click places this facility.
struct StartPlacing {
    std::string external_id;
};
struct CancelPlacing {};
/// A map click while placing: where (EPSG:6677).
struct PlaceAt {
    geo::PlaneXY at;
};
struct PanPixels {
    double dx = 0, dy = 0;
};
struct ZoomAt {
    map::ScreenXY anchor;
    double factor = 1.0;
};
struct FitWard {};
struct SetViewport {
    int width = 0, height = 0;
};
struct SetLayerVisible {
    std::string id;
    bool visible = true;
};
struct SetLayerOpacity {
    std::string id;
    float opacity = 1.0f;
    bool persist = true; ///< also write the settings file (slider release, not every step)
};
/// Moves a layer up (+1, drawn later: on top) or down (-1) in the drawing order.
struct MoveLayer {
    std::string id;
    int delta = 0;
};
struct AddUserLayer {
    std::string path;
};
struct RemoveUserLayer {
    std::string id;
};
struct SetLanguage {
    Lang language = Lang::ja;
};
struct SetUiScale {
    float scale = 1.0f;
};
struct SetDrillMode {
    bool on = false;
};
/// Projector mode (issue 8): full-screen map, large type, high-contrast scheme, the board
/// reduced to counts and the top of the runway list; personal data masked at the data layer.
struct SetProjectorMode {
    bool on = false;
};
/// The drill's scenario clock (console/ui/drill_session.h); ignored without a running drill.
struct DrillTogglePause {};
struct DrillSetSpeed {
    double speed = 1; ///< data::drill::k_min_speed..k_max_speed
};
struct DrillFaster {};
struct DrillSlower {};
/// Ends the drill now: closes the drill incident and writes the after-action report.
struct DrillEnd {};
struct SetRegistryFilter {
    RegistryFilter filter;
};
struct SetRegistrySort {
    RegistrySort sort;
};
struct SetFacilitySort {
    FacilitySort sort;
    bool only_unresolved = false;
};
struct SetSearch {
    std::string text;
};
struct ClearLog {};
/// Re-reads the support plans' due list, due within `within_days` (>= 0) of today (JST).
struct RefreshPlansDue {
    int within_days = 30;
};

// --- incident operations (issue 5; ops_commands.cpp) -------------------------------------
/// Declares an incident and makes it the active one. `onset`: "YYYY-MM-DDTHH:MM" (JST) or ""
/// for the clock's now.
struct DeclareIncident {
    data::IncidentKind kind = data::IncidentKind::earthquake;
    std::string title;
    std::string onset;
    bool drill = false;
    data::EvacuationLevel level = data::EvacuationLevel::none;
};
struct ActivateIncident {
    data::RowId id = 0;
};
/// Closes the active incident with a summary (required, non-blank).
struct CloseIncident {
    data::RowId id = 0;
    std::string summary;
};
struct SetEvacuationLevel {
    data::EvacuationLevel level = data::EvacuationLevel::none;
};
/// Re-reads incidents, outages and checks and re-evaluates the board at the clock's now;
/// persons who crossed a threshold since the previous board raise alarms (log + banner). The
/// app sends it once a minute and after every operations change.
struct RefreshBoard {};
/// Precondition checked: 0 <= critical <= urgent <= watch (else a log error, nothing changes).
struct SetBoardThresholds {
    data::ops::BoardThresholds thresholds;
};
struct AcknowledgeAlarms {};
/// Outage drawing: clicks on the map add vertices while drawing (map_view emits
/// AddOutageVertex instead of Select); Finish needs at least three vertices.
struct StartOutageDrawing {};
struct AddOutageVertex {
    geo::PlaneXY at;
};
struct UndoOutageVertex {};
struct CancelOutageDrawing {};
/// Records the drawn polygon as an outage area of the active incident. `starts_at`: JST text
/// or "" for now.
struct FinishOutage {
    std::string name;
    std::string starts_at;
};
/// The whole ward (its stored boundary) as one outage area of the active incident.
struct AddWardOutage {
    std::string name;
    std::string starts_at;
};
/// An outage area from a polygon file (any format GDAL reads: GeoJSON, GeoPackage, Shapefile,
/// KML), as `outage add --from FILE`. Small files: read on the main thread.
struct ImportOutage {
    std::string path;
    std::string name;
    std::string starts_at;
};
/// Marks an outage area restored; `restored_at`: JST text or "" for now.
struct RestoreOutage {
    data::RowId id = 0;
    std::string restored_at;
};
/// Opens the safety-check form for a person (by registry number) in the active incident.
struct OpenCheckForm {
    std::string external_id;
};
struct SetCheckField {
    std::string key, text;
};
struct CloseCheckForm {};
/// Validates the form and appends the check (never overwrites an earlier one); on success the
/// form closes and the board refreshes; on failure the form keeps its text and the problems.
struct RecordCheck {};
/// Recommends destinations for a person; `judgement` empty: the latest check's judgement
/// (hospitalise when none). The top option's route is drawn on the map.
struct Recommend {
    std::string external_id;
    std::optional<data::Judgement> judgement;
    std::string profile = "car";
};
/// Draws the route of another option of the current recommendation.
struct ShowOption {
    std::size_t option = 0;
};
/// Confirms option `option` of the current recommendation (recorded and audited).
struct ConfirmDestination {
    std::size_t option = 0;
};
/// Sends the person elsewhere than the top recommendation: `reason` must not be blank; it is
/// recorded with the decision and in the audit log.
struct OverrideDestination {
    std::string facility_external_id;
    std::string reason;
};
struct ClearRecommendation {};
/// The server is lost (issue 9): open the local replica as the store (local mode: read-only but
/// for safety checks, replayed to the server when it returns). Refused without a replica.
struct SwitchToLocalMode {};
/// Hide the report of the last replay.
struct DismissReplayReport {};
} // namespace cmd

using Command = std::variant<
    cmd::OpenDatabase, cmd::Select, cmd::ClearSelection, cmd::SetPersonField, cmd::SetFacilityField,
    cmd::SavePerson, cmd::SaveFacility, cmd::RevertPerson, cmd::RevertFacility, cmd::ReloadEdit,
    cmd::ApplyEditOnTop, cmd::StartPlacing, cmd::CancelPlacing, cmd::PlaceAt, cmd::PanPixels,
    cmd::ZoomAt, cmd::FitWard, cmd::SetViewport, cmd::SetLayerVisible, cmd::SetLayerOpacity,
    cmd::MoveLayer, cmd::AddUserLayer, cmd::RemoveUserLayer, cmd::SetLanguage, cmd::SetUiScale,
    cmd::SetDrillMode, cmd::SetProjectorMode, cmd::DrillTogglePause, cmd::DrillSetSpeed,
    cmd::DrillFaster, cmd::DrillSlower, cmd::DrillEnd, cmd::SetRegistryFilter, cmd::SetRegistrySort,
    cmd::SetFacilitySort, cmd::SetSearch, cmd::ClearLog, cmd::RefreshPlansDue, cmd::DeclareIncident,
    cmd::ActivateIncident, cmd::CloseIncident, cmd::SetEvacuationLevel, cmd::RefreshBoard,
    cmd::SetBoardThresholds, cmd::AcknowledgeAlarms, cmd::StartOutageDrawing, cmd::AddOutageVertex,
    cmd::UndoOutageVertex, cmd::CancelOutageDrawing, cmd::FinishOutage, cmd::AddWardOutage,
    cmd::ImportOutage, cmd::RestoreOutage, cmd::OpenCheckForm, cmd::SetCheckField,
    cmd::CloseCheckForm, cmd::RecordCheck, cmd::Recommend, cmd::ShowOption, cmd::ConfirmDestination,
    cmd::OverrideDestination, cmd::ClearRecommendation, cmd::SwitchToLocalMode,
    cmd::DismissReplayReport>;

/// Commands pushed by the panels during one frame.
using CommandQueue = std::vector<Command>;

/// Loads a user layer file into a map layer relative to `origin` (EPSG:6677). Runs on the job
/// worker; throws (DataError naming the file) when the file cannot be read.
using UserLayerLoader =
    std::function<map::Layer(const std::filesystem::path& file, const geo::PlaneXY& origin)>;

/// Everything read from a database for the console (built on the job worker).
struct LoadedModel {
    std::unique_ptr<data::Store> store;
    std::optional<data::TownGeocoder> geocoder;
    std::vector<PersonRow> persons;
    std::vector<FacilityRow> facilities;
    map::Scene scene;
    /// What persons were masked with (nullopt: not masked); install() reads them again when
    /// the mode changed while the model was loading.
    std::optional<data::privacy::MaskOptions> mask;
    /// Live updates (issue 9): the location as given (password included, for reconnecting) and,
    /// on a PostgreSQL store, the change feed opened before anything was read.
    std::string location;
    std::unique_ptr<data::pg::ChangeFeed> feed;
};

/// Opens `path` and reads everything the console shows: rows, scene (map::build_scene) and the
/// town geocoder from `data_dir` when present. Runs on any thread; the returned store then
/// belongs to the thread that uses it next (handed over, never shared). Throws DataError.
LoadedModel load_model(const std::string& path, const std::filesystem::path& data_dir,
                       const std::string& actor, bool drill_mode, JobContext* progress);
/// The same with every person masked at the data layer (data::privacy::mask_person) before
/// it becomes a row or a map symbol when `mask` is set (drill and projector modes, issue 8;
/// ui::mask_options(settings)). The overload above masks with the default options in drill mode.
/// `role` (issue 9, `open --role`): narrows the store's role right after opening; a role
/// without see_personal masks every person (default MaskOptions when `mask` is nullopt).
LoadedModel load_model(const std::string& path, const std::filesystem::path& data_dir,
                       const std::string& actor,
                       const std::optional<data::privacy::MaskOptions>& mask, JobContext* progress,
                       std::optional<data::auth::Role> role = std::nullopt);

/// Applies commands to the view model and the store.
class Controller {
public:
    /// `settings_path`: where settings changes are written (nullopt: not persisted).
    Controller(ViewModel& view, JobRunner& jobs, std::optional<std::filesystem::path> settings_path,
               std::filesystem::path data_dir, std::string actor);
    ~Controller();

    /// Installs an already loaded model (the open job's completion; tests call it directly).
    void install(LoadedModel model);
    void set_user_layer_loader(UserLayerLoader loader) { m_load_user_layer = std::move(loader); }
    /// The clock incident operations read (phase, board, check times). Defaults to the system
    /// clock; drills and tests pass a ScenarioClock.
    void set_clock(std::shared_ptr<const data::ops::Clock> clock);
    /// The role databases are opened in from now on (`open --role`, issue 9); nullopt: the
    /// backend's own.
    void set_requested_role(std::optional<data::auth::Role> role) { m_requested_role = role; }

    /// Applies one command. Never throws: failures go to the message log.
    void apply(const Command& command);
    void apply_all(CommandQueue& queue);

    /// The store (nullptr before a database is open). Main thread.
    data::Store* store() { return m_store.get(); }
    /// True when the map scene changed since the last call (renderer and picker resync).
    bool take_scene_changed();
    /// Advances a running drill (issue 8): fires the scenario actions its clock has reached,
    /// refreshes the board when scenario time or the world changed, fills ViewModel::drill.
    /// Call every frame and on every wake; cheap when nothing is due.
    void tick_drill();
    /// How soon the app must wake to keep the drill clock moving (seconds); nullopt when no
    /// drill runs or it is paused (the app may then wait for input).
    std::optional<double> drill_wake_interval() const;
    /// Drill tests: replaces the real-time source of the attached drill's clock.
    void set_drill_real_now(data::drill::RealNow real_now);
    /// Live updates (issue 9, live_commands.cpp): polls the change feed without blocking and
    /// refreshes what other workstations changed; when the server is lost (ViewModel::live),
    /// starts a reconnection every k_reconnect_interval_s. Call on every wake. True when the
    /// view changed (redraw).
    bool tick_live();
    /// How soon the app must wake for tick_live (k_live_poll_interval_s while attached or lost);
    /// nullopt otherwise.
    std::optional<double> live_wake_interval() const;
    /// Where the local replica of a PostgreSQL store is kept (issue 9, replica_commands.cpp);
    /// "" keeps none. Set before the database is opened.
    void set_replica_path(std::string path) { m_replica_path = std::move(path); }

private:
    template <typename T> void on(const T&);
    void save_settings_now();
    /// Attaches the database's running drill, if any (drill_commands.cpp).
    void attach_drill();
    /// The facility table shows the facilities as the running drill sees them (a scenario
    /// fills a hospital without touching its real row).
    void show_drill_facilities();
    void select(const map::FeatureRef& feature, bool centre);
    void refresh_person(data::RowId id);
    /// Drill/projector mode switched: reads every person again (masked or not, see
    /// mask_options), rebuilds the rows, person layers, selection, board and due list.
    void reread_persons();
    void refresh_facility(data::RowId id);
    /// Reads the registry rows and the person layers again, selection and typed edits kept.
    void reload_person_rows();
    // Live updates (issue 9, live_commands.cpp).
    void attach_live(std::unique_ptr<data::pg::ChangeFeed> feed, std::string location);
    void enter_lost(const std::string& reason);
    /// True (after logging the banner's message) when the server is lost and `command` needs it.
    bool refused_while_lost(const Command& command);
    void start_reconnect();
    /// Refreshes what depends on `tables` ("*": everything); `log`: say so in the message log.
    void apply_remote_changes(const std::set<std::string>& tables, bool log = true);
    // The local replica and local mode (issue 9, replica_commands.cpp).
    /// After attach_live: the replica of this server, if one is kept, and its age.
    void attach_replica();
    /// Starts a refresh on the job worker when the replica is stale and the last one is old enough.
    void maybe_refresh_replica();
    /// After a command ran: a write makes the replica stale (or, in local mode, adds a check).
    void note_command_done(const Command& command);
    /// True (after logging why) when local mode may not run `command`: only checks are written.
    bool refused_in_local_mode(const Command& command);
    /// Installs the replica's model as the store while the server is lost.
    void install_local(LoadedModel model);
    /// The server is back after local mode: the replay's report in the log and the banner.
    void finish_local_mode(const std::optional<data::ReplayReport>& report,
                           const std::string& replay_error);
    void centre_on(const std::optional<geo::PlaneXY>& at);
    void load_user_layer(const std::string& path);
    // Incident operations (ops_commands.cpp).
    void refresh_ops(bool raise_alarms);
    void rebuild_ops_layers();
    void refresh_plans_due();
    std::vector<std::vector<geo::PlaneXY>> team_walks(data::RowId incident_id);
    data::RoutingService& routing();
    data::ops::TimePoint now() const;
    /// `text` as a time (JST without a zone), or now when blank; throws DataError naming
    /// `field` when it is not a time.
    data::ops::TimePoint time_or_now(const std::string& text, std::string_view field) const;
    std::optional<data::Person> person_by_registry_number(const std::string& external_id);

    ViewModel& m_view;
    JobRunner& m_jobs;
    std::optional<std::filesystem::path> m_settings_path;
    std::filesystem::path m_data_dir;
    std::string m_actor;
    std::optional<data::auth::Role> m_requested_role; // `open --role`
    std::unique_ptr<data::Store> m_store;
    std::optional<data::TownGeocoder> m_geocoder;
    std::unique_ptr<geo::PlaneProjector> m_projector;
    /// The mask the view's persons were read with (nullopt: unmasked); a mode or mask setting
    /// that no longer matches it makes the next mode command read them again.
    std::optional<data::privacy::MaskOptions> m_applied_mask;
    UserLayerLoader m_load_user_layer;
    bool m_scene_changed = false;
    // The first fit happens before the map view knows its size: refit once it reports it,
    // unless the user has moved the map by then.
    bool m_fit_on_viewport = false;
    std::shared_ptr<const data::ops::Clock> m_clock;
    std::unique_ptr<data::RoutingService> m_routing; // opened on the first recommendation
    std::unique_ptr<DrillSession> m_drill;           // the running drill, if any
    data::drill::RealNow m_drill_real_now;           // tests' real-time source for drills
    // Live updates (issue 9): the feed of a PostgreSQL store, where to reconnect, and when.
    std::unique_ptr<data::pg::ChangeFeed> m_feed;
    std::string m_live_location;
    int m_live_generation = 0;
    bool m_reconnecting = false;
    std::chrono::steady_clock::time_point m_next_reconnect{};
    std::chrono::system_clock::time_point m_banner_minute{};
    // The local replica (issue 9): where, whether stale, a refresh under way, next allowed.
    std::string m_replica_path;
    bool m_replica_dirty = false;
    bool m_replica_refreshing = false;
    bool m_replica_warned = false;
    std::chrono::steady_clock::time_point m_next_replica_refresh{};
};

/// True when `e` is a DataError(connection_lost): the server went away (issue 9).
bool is_connection_lost(const std::exception& e);

} // namespace breathline::ui
