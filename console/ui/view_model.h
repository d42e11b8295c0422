#pragma once
/// What the console's panels read: the rows of the registry and facility tables, the current
/// selection, the edit buffers of the person and facility panels with their field errors, the
/// message log, job progress and the map scene and camera. Panels read it and emit commands
/// (commands.h); only the command handler changes it. Filtering, sorting and search live here,
/// as plain functions, so they are tested without ImGui.
///
/// Personal data: rows hold names and addresses for the planner's own screen; in drill mode
/// every function that makes display text (display_name, display_address, search) masks them,
/// so panels never decide about masking themselves.
///
/// Thread safety: main thread only.

#include "console/map/camera.h"
#include "console/map/scene.h"
#include "console/map/style.h"
#include "console/ui/drill_view.h"
#include "console/ui/live_view.h"
#include "console/ui/ops_view.h"
#include "console/ui/settings.h"
#include "data/auth/roles.h"
#include "data/io/record_edit.h"
#include "data/model/facility.h"
#include "data/model/person.h"
#include "data/plans/plan.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace breathline::ui {

/// One registry row, as the registry table and the search box need it.
struct PersonRow {
    data::RowId id = 0;
    std::string external_id;
    std::string name, name_kana, address, town;
    map::DeviceGroup group = map::DeviceGroup::other;
    data::PersonStatus status = data::PersonStatus::active;
    /// Internal + external battery hours; nullopt when neither is recorded.
    std::optional<double> battery_h;
    bool consent = false;   ///< a consent scope or date is recorded (第1号/第2号)
    std::string plan_state; ///< support plan state; "" when none is recorded
    int supporters = 0;     ///< linked supporters (4 are needed to move a ventilator user)
    std::optional<geo::PlaneXY> position; ///< EPSG:6677; nullopt when unresolved
    data::GeocodePrecision precision = data::GeocodePrecision::unresolved;
};

struct FacilityRow {
    data::RowId id = 0;
    std::string external_id;
    std::string name, name_kana, address;
    data::FacilityKind kind = data::FacilityKind::rescue_centre;
    data::FacilityStatus status = data::FacilityStatus::normal;
    std::optional<int> capacity;
    std::optional<int> occupancy;             ///< persons there now (facility status board)
    std::optional<data::FacilityPower> power; ///< what it runs on in an outage; unreported
    bool relief_station = false;
    std::optional<geo::PlaneXY> position; ///< EPSG:6677; nullopt when unresolved
    data::GeocodePrecision precision = data::GeocodePrecision::unresolved;
};

/// Filters of the registry table; unset members do not filter.
struct RegistryFilter {
    std::optional<map::DeviceGroup> group;
    std::optional<double> max_battery_h; ///< at most this many hours (no battery counts as 0)
    std::optional<bool> consent;
    std::optional<std::string> plan_state; ///< "" selects rows without a plan
    std::optional<int> max_supporters;     ///< at most this many supporters
    std::optional<data::PersonStatus> status;
};

enum class RegistryColumn {
    external_id,
    name,
    group,
    status,
    battery,
    consent,
    plan,
    supporters,
    town
};

struct RegistrySort {
    RegistryColumn column = RegistryColumn::external_id;
    bool ascending = true;
};

/// Indexes into `rows` of the rows passing `filter`, sorted by `sort` (ties by external id, so
/// the order is total and stable across reloads). Missing battery hours sort as 0 h: who has no
/// battery runs out first. In drill mode sorting by name sorts by external id instead, so the
/// order does not reveal names. Pure.
std::vector<std::size_t> filter_and_sort(const std::vector<PersonRow>& rows,
                                         const RegistryFilter& filter, const RegistrySort& sort,
                                         bool drill_mode);

enum class FacilityColumn { external_id, name, kind, status, capacity, precision };
struct FacilitySort {
    FacilityColumn column = FacilityColumn::kind;
    bool ascending = true;
};
/// Facility table order; `only_unresolved` keeps the facilities without a location. Pure.
std::vector<std::size_t> sort_facilities(const std::vector<FacilityRow>& rows,
                                         const FacilitySort& sort, bool only_unresolved);

/// The name shown for a person: the name, or "[external id]" in drill mode.
std::string display_name(const PersonRow& row, bool drill_mode);
/// The address shown for a person: the address, or the town only (町丁目) in drill mode.
std::string display_address(const PersonRow& row, bool drill_mode);

/// One search result.
struct SearchHit {
    enum class Kind { person, facility } kind = Kind::person;
    std::size_t index = 0; ///< into persons or facilities
    std::string text;      ///< what to show (masked in drill mode)
};

/// Persons and facilities whose name, kana, address or external id contain `query` after
/// folding (full-width ASCII to half-width, hiragana to katakana, spaces removed, ASCII lower
/// case); facilities first, at most `limit`. In drill mode persons match by external id and
/// town only, so typing a name cannot confirm who is registered. Pure.
std::vector<SearchHit> search(const std::vector<PersonRow>& persons,
                              const std::vector<FacilityRow>& facilities, std::string_view query,
                              bool drill_mode, std::size_t limit = 20);

/// The folded form search compares (see search()).
std::string search_key(std::string_view text);

/// The person panel's edit buffer: one text per editable field, as the field table formats it,
/// and what the user typed. Changes are collected as (key, text) pairs for data::edit_person.
struct EditBuffer {
    std::string external_id;
    std::int64_t row_version = 0;
    std::vector<std::string> keys;     ///< editable keys in panel order
    std::vector<std::string> original; ///< formatted stored value per key
    std::vector<std::string> current;  ///< what the panel shows / the user typed
    std::vector<data::FieldError> errors;
    std::string conflict_ja, conflict_en; ///< set when the save met a newer row version
    /// Set with conflict_ja/en (issue 9): what the other coordinator changed since this edit's
    /// version. The typed values stay until the user reloads or applies them on top.
    struct Conflict {
        std::int64_t based_on = 0;             ///< the version this edit started from
        std::int64_t current = 0;              ///< the version stored when the save was refused
        std::vector<data::AuditEntry> changes; ///< oldest first: actor, at, field summary
    };
    std::optional<Conflict> conflict;

    /// The current text of `key`; "" when the key is not in the buffer.
    const std::string& value(std::string_view key) const;
    void set(std::string_view key, std::string text);
    /// The error for `key`, or nullptr.
    const data::FieldError* error_for(std::string_view key) const;
    /// Changed fields only, in panel order (lon and lat travel together).
    data::FieldValues changes() const;
    bool dirty() const;
};

/// Keys the person panel edits, in form order (every registry field except the derived
/// address_normalized and town and the identity external_id).
const std::vector<std::string>& person_edit_keys();
/// Keys the facility panel edits.
const std::vector<std::string>& facility_edit_keys();

EditBuffer make_person_buffer(const data::Person& person);
EditBuffer make_facility_buffer(const data::Facility& facility);

/// The yearly-review due list of the support plans (要領 第7条), as `plan due` prints it.
struct PlanDueView {
    int within_days = 30;                       ///< due within this many days
    std::string today;                          ///< JST date the list was made for (YYYY-MM-DD)
    std::vector<data::plans::DueEntry> entries; ///< overdue, due, then persons with no plan
};

/// One line of the message log.
struct LogLine {
    enum class Level { info, warning, error } level = Level::info;
    std::string text_ja, text_en;
    std::chrono::system_clock::time_point at;
};

/// Progress of the job shown in the status bar.
struct JobProgress {
    std::string name_ja, name_en;
    float fraction = -1.0f; ///< 0..1, or negative when unknown
};

struct ViewModel {
    Settings settings;
    std::string db_path;
    bool loaded = false;
    /// The role the open database's store acts in (issue 9): shown in the status bar; the
    /// panels disable what it may not do (console/ui/command_permissions.h).
    data::auth::Role role = data::auth::Role::coordinator;

    std::vector<PersonRow> persons;
    std::vector<FacilityRow> facilities;
    RegistryFilter registry_filter;
    RegistrySort registry_sort;
    FacilitySort facility_sort;
    bool facilities_only_unresolved = false;
    std::string search_text;

    map::Scene scene;
    map::Camera camera;
    std::optional<map::FeatureRef> selection;
    /// Set while the facility panel's "place on map" mode waits for a map click.
    std::optional<std::string> placing_facility;

    std::optional<data::Person> selected_person;
    std::optional<data::Facility> selected_facility;
    std::vector<data::Supporter> selected_supporters;
    std::vector<data::Contact> selected_contacts;
    EditBuffer person_edit;
    EditBuffer facility_edit;

    std::vector<LogLine> log;
    std::vector<JobProgress> jobs;
    std::vector<std::string> unshown_characters; ///< from the font coverage report

    /// Incident operations: active incident, board, alarms, check form, recommendation.
    OpsView ops;
    /// Support plans due for review, overdue, or missing.
    PlanDueView plans_due;
    /// The running drill's clock and ticker (issue 8); running = false outside a drill.
    DrillView drill;
    /// Live updates and the lost server (issue 9): attached, lost since, last refresh.
    LiveView live;

    /// Index of the person/facility row with `id`, or nullopt.
    std::optional<std::size_t> person_index(data::RowId id) const;
    std::optional<std::size_t> facility_index(data::RowId id) const;
    void info(std::string ja, std::string en);
    void warning(std::string ja, std::string en);
    void error(std::string ja, std::string en);
};

/// Rows for the tables, built from store values (EPSG:6677 positions through `to_plane`).
PersonRow make_person_row(const data::Person& p, int supporters, std::string plan_state,
                          const std::optional<geo::PlaneXY>& position);
FacilityRow make_facility_row(const data::Facility& f, const std::optional<geo::PlaneXY>& position);

} // namespace breathline::ui
