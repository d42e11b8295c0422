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
#include "console/ui/jobs.h"
#include "console/ui/view_model.h"
#include "data/geocode/town_geocoder.h"
#include "data/store/store.h"
#include "geo/projection.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

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
} // namespace cmd

using Command =
    std::variant<cmd::OpenDatabase, cmd::Select, cmd::ClearSelection, cmd::SetPersonField,
                 cmd::SetFacilityField, cmd::SavePerson, cmd::SaveFacility, cmd::RevertPerson,
                 cmd::RevertFacility, cmd::StartPlacing, cmd::CancelPlacing, cmd::PlaceAt,
                 cmd::PanPixels, cmd::ZoomAt, cmd::FitWard, cmd::SetViewport, cmd::SetLayerVisible,
                 cmd::SetLayerOpacity, cmd::MoveLayer, cmd::AddUserLayer, cmd::RemoveUserLayer,
                 cmd::SetLanguage, cmd::SetUiScale, cmd::SetDrillMode, cmd::SetRegistryFilter,
                 cmd::SetRegistrySort, cmd::SetFacilitySort, cmd::SetSearch, cmd::ClearLog>;

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
};

/// Opens `path` and reads everything the console shows: rows, scene (map::build_scene) and the
/// town geocoder from `data_dir` when present. Runs on any thread; the returned store then
/// belongs to the thread that uses it next (handed over, never shared). Throws DataError.
LoadedModel load_model(const std::string& path, const std::filesystem::path& data_dir,
                       const std::string& actor, bool drill_mode, JobContext* progress);

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

    /// Applies one command. Never throws: failures go to the message log.
    void apply(const Command& command);
    void apply_all(CommandQueue& queue);

    /// The store (nullptr before a database is open). Main thread.
    data::Store* store() { return m_store.get(); }
    /// True when the map scene changed since the last call (renderer and picker resync).
    bool take_scene_changed();

private:
    template <typename T> void on(const T&);
    void save_settings_now();
    void select(const map::FeatureRef& feature, bool centre);
    void refresh_person(data::RowId id);
    void refresh_facility(data::RowId id);
    void centre_on(const std::optional<geo::PlaneXY>& at);
    void load_user_layer(const std::string& path);

    ViewModel& m_view;
    JobRunner& m_jobs;
    std::optional<std::filesystem::path> m_settings_path;
    std::filesystem::path m_data_dir;
    std::string m_actor;
    std::unique_ptr<data::Store> m_store;
    std::optional<data::TownGeocoder> m_geocoder;
    std::unique_ptr<geo::PlaneProjector> m_projector;
    UserLayerLoader m_load_user_layer;
    bool m_scene_changed = false;
    // The first fit happens before the map view knows its size: refit once it reports it,
    // unless the user has moved the map by then.
    bool m_fit_on_viewport = false;
};

} // namespace breathline::ui
