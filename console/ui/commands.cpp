#include "console/ui/commands.h"

#include "console/map/scene_builder.h"
#include "console/ui/command_permissions.h"
#include "console/ui/drill_commands.h"
#include "console/ui/ops_commands.h"
#include "console/ui/view_mask.h"
#include "data/demo/demo_builder.h"
#include "data/error.h"
#include "data/io/record_edit.h"
#include "data/plans/plan_store.h"
#include "data/roads/routing_service.h"
#include "data/store/registry_counts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace breathline::ui {

namespace {

// Zoom used when a selection centres the map from far out: a few blocks on screen.
constexpr double k_centre_mpp = 2.0;

std::optional<geo::PlaneXY> project(const geo::PlaneProjector& projector,
                                    const std::optional<geo::LonLat>& p) {
    if (!p) return std::nullopt;
    return projector.to_plane(*p);
}

// The state of every person's current support plan (data::plans::to_db names: "planned",
// "updated", ...), by person id; persons without a plan are absent.
std::map<data::RowId, std::string> current_plan_states(data::Store& store) {
    std::map<data::RowId, std::string> out;
    const auto plans = data::plans::plan_store(store)->plans();
    for (const auto& plan : plans)
        if (plan.state != data::plans::PlanState::withdrawn)
            out[plan.person_id] = std::string(data::plans::to_db(plan.state)); // newest id wins
    return out;
}

// Seven decimals of a degree are about a centimetre: more than a map click can mean.
std::string degrees(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.7f", v);
    return buf;
}

std::string status_text(data::EditStatus s) {
    switch (s) {
    case data::EditStatus::saved:
        return "saved";
    case data::EditStatus::unchanged:
        return "unchanged";
    case data::EditStatus::invalid:
        return "invalid";
    case data::EditStatus::conflict:
        return "conflict";
    case data::EditStatus::not_found:
        return "not_found";
    }
    return {};
}

// The registry rows the view may hold: every person masked first under `mask` (drill and
// projector modes, issue 8), so names, addresses and true homes never reach a row.
std::vector<PersonRow> read_person_rows(data::Store& store, const geo::PlaneProjector& projector,
                                        const std::optional<data::privacy::MaskOptions>& mask) {
    std::vector<PersonRow> rows;
    auto& registry = store.registry();
    // The plan column: the state of each person's current support plan ("" without one).
    const auto plan_states = current_plan_states(store);
    const auto links = data::supporter_link_counts(store);
    for (const auto& stored : registry.persons()) {
        const data::Person p = shown(stored, mask);
        const auto link = links.find(p.id);
        const int supporters = link == links.end() ? 0 : link->second;
        const auto plan = plan_states.find(p.id);
        rows.push_back(make_person_row(p, supporters, plan == plan_states.end() ? "" : plan->second,
                                       project(projector, p.location)));
    }
    return rows;
}

// Scene options matching the settings: masked persons in drill and projector modes.
map::SceneOptions scene_options(const Settings& settings) {
    map::SceneOptions options;
    options.mask_names = settings.masks_personal_data();
    options.mask = mask_options(settings);
    return options;
}

bool same_mask(const std::optional<data::privacy::MaskOptions>& a,
               const std::optional<data::privacy::MaskOptions>& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || (a->names == b->names && a->displace_m == b->displace_m && a->seed == b->seed);
}

} // namespace

LoadedModel load_model(const std::string& path, const std::filesystem::path& data_dir,
                       const std::string& actor, bool drill_mode, JobContext* progress) {
    return load_model(path, data_dir, actor,
                      drill_mode ? std::optional(data::privacy::MaskOptions{}) : std::nullopt,
                      progress);
}

LoadedModel load_model(const std::string& path, const std::filesystem::path& data_dir,
                       const std::string& actor,
                       const std::optional<data::privacy::MaskOptions>& requested_mask,
                       JobContext* progress, std::optional<data::auth::Role> role) {
    auto report = [&](float f, const char* ja, const char* en) {
        if (progress) progress->progress(f, ja, en);
    };
    LoadedModel m;
    report(0.0f, "データベースを開いています", "opening the database");
    m.store = data::open_store(path);
    m.location = path;
    // Live updates (issue 9): LISTEN before the first read, so no change in between is missed.
    if (m.store->backend() == "postgresql") m.feed = std::make_unique<data::pg::ChangeFeed>(path);
    m.store->set_actor(actor);
    if (role) m.store->set_role(*role); // PostgreSQL refuses to widen (permission_denied)
    // A role without see_personal never reads an unmasked person into the view (issue 9).
    auto mask = requested_mask;
    if (!mask && !data::auth::permissions(m.store->role()).see_personal)
        mask = data::privacy::MaskOptions{};
    const auto towns = data::demo::DemoSources::in(data_dir).town_table;
    std::error_code ec;
    if (std::filesystem::exists(towns, ec)) {
        try {
            m.geocoder = data::TownGeocoder::load(towns);
        } catch (const data::DataError&) {
            // Without the town table a changed address stays unresolved; edits still work.
        }
    }
    const geo::PlaneProjector projector;
    report(0.1f, "名簿を読み込んでいます", "reading the registry");
    m.persons = read_person_rows(*m.store, projector, mask);
    report(0.3f, "施設を読み込んでいます", "reading the facilities");
    for (const auto& f : m.store->facilities().facilities())
        m.facilities.push_back(make_facility_row(f, project(projector, f.location)));
    report(0.4f, "地図を作成しています", "building the map");
    map::SceneOptions options;
    options.mask_names = mask.has_value();
    options.mask = mask;
    m.scene = map::build_scene(*m.store, options);
    m.mask = mask;
    report(1.0f, "完了", "done");
    return m;
}

Controller::Controller(ViewModel& view, JobRunner& jobs,
                       std::optional<std::filesystem::path> settings_path,
                       std::filesystem::path data_dir, std::string actor)
    : m_view(view), m_jobs(jobs), m_settings_path(std::move(settings_path)),
      m_data_dir(std::move(data_dir)), m_actor(std::move(actor)) {}

Controller::~Controller() = default;

bool Controller::take_scene_changed() {
    const bool changed = m_scene_changed;
    m_scene_changed = false;
    return changed;
}

void Controller::install(LoadedModel model) {
    m_routing.reset(); // the road network of the previous database
    m_store = std::move(model.store);
    m_geocoder = std::move(model.geocoder);
    if (!m_projector) m_projector = std::make_unique<geo::PlaneProjector>();
    m_view.persons = std::move(model.persons);
    m_view.facilities = std::move(model.facilities);
    m_view.scene = std::move(model.scene);
    m_view.role = m_store->role();
    m_view.settings.role_masks = !data::auth::permissions(m_view.role).see_personal;
    m_applied_mask = model.mask;
    const bool mask_changed = !same_mask(model.mask, mask_options(m_view.settings));
    m_view.selection.reset();
    m_view.selected_person.reset();
    m_view.selected_facility.reset();
    m_view.placing_facility.reset();
    apply_layer_settings(m_view.settings, m_view.scene);
    m_view.camera.fit(m_view.scene.home);
    m_fit_on_viewport = true;
    m_view.loaded = true;
    m_view.db_path = m_store->location();
    m_scene_changed = true;
    std::size_t unresolved = 0;
    for (const auto& f : m_view.facilities)
        if (!f.position) ++unresolved;
    m_view.info("データベースを開きました: " + m_view.db_path + " (登録者 " +
                    std::to_string(m_view.persons.size()) + " 人、施設 " +
                    std::to_string(m_view.facilities.size()) + " か所、位置未確定 " +
                    std::to_string(unresolved) + " か所)",
                "opened " + m_view.db_path + " (" + std::to_string(m_view.persons.size()) +
                    " persons, " + std::to_string(m_view.facilities.size()) + " facilities, " +
                    std::to_string(unresolved) + " without a location)");
    if (!m_geocoder)
        m_view.warning(
            "町丁目の位置表が見つからないため、住所を変更した登録者は位置未確定になります",
            "the town table is missing: a changed address leaves the person unresolved");
    if (m_view.settings.last_db != m_view.db_path) {
        m_view.settings.last_db = m_view.db_path;
        save_settings_now();
    }
    for (const auto& path : m_view.settings.user_layers)
        load_user_layer(path);
    const auto thresholds = m_view.ops.thresholds; // a setting of the coordinator's, kept
    m_view.ops = OpsView{};
    m_view.ops.thresholds = thresholds;
    attach_live(std::move(model.feed), model.location);
    attach_drill();
    // Drill or projector mode switched while the model was loading: its persons were read
    // under the other mode.
    if (mask_changed) reread_persons();
    refresh_ops(false);
    refresh_plans_due();
}

void Controller::apply_all(CommandQueue& queue) {
    // Applying may queue nothing new (commands never emit commands), so one pass suffices.
    for (const auto& c : queue)
        apply(c);
    queue.clear();
}

void Controller::save_settings_now() {
    if (!m_settings_path) return;
    const std::string problem = save_settings(m_view.settings, *m_settings_path);
    if (!problem.empty())
        m_view.warning("設定を保存できません: " + problem, "settings not saved: " + problem);
}

void Controller::centre_on(const std::optional<geo::PlaneXY>& at) {
    if (!at) return;
    m_fit_on_viewport = false;
    m_view.camera.set_center(*at);
    if (m_view.camera.metres_per_pixel() > k_centre_mpp * 4)
        m_view.camera.set_metres_per_pixel(k_centre_mpp);
}

void Controller::select(const map::FeatureRef& feature, bool centre) {
    // Leaving a record with unsaved edits drops them: say so rather than lose them silently.
    if (m_view.selected_person && m_view.person_edit.dirty() &&
        !(feature.kind == map::FeatureRef::Kind::person &&
          feature.id == m_view.selected_person->id))
        m_view.warning("登録者 " + m_view.person_edit.external_id + " の未保存の変更を破棄しました",
                       "unsaved changes to person " + m_view.person_edit.external_id +
                           " were discarded");
    if (m_view.selected_facility && m_view.facility_edit.dirty() &&
        !(feature.kind == map::FeatureRef::Kind::facility &&
          feature.id == m_view.selected_facility->id))
        m_view.warning("施設 " + m_view.facility_edit.external_id + " の未保存の変更を破棄しました",
                       "unsaved changes to facility " + m_view.facility_edit.external_id +
                           " were discarded");
    // Selecting the record already being edited keeps what was typed.
    const bool keep_person = m_view.selected_person && m_view.person_edit.dirty() &&
                             feature.kind == map::FeatureRef::Kind::person &&
                             feature.id == m_view.selected_person->id;
    const bool keep_facility = m_view.selected_facility && m_view.facility_edit.dirty() &&
                               feature.kind == map::FeatureRef::Kind::facility &&
                               feature.id == m_view.selected_facility->id;
    m_view.selection = feature;
    m_view.selected_person.reset();
    m_view.selected_facility.reset();
    m_view.selected_supporters.clear();
    m_view.selected_contacts.clear();
    m_view.ops.selected_history.clear();
    if (!m_store) return;
    if (feature.kind == map::FeatureRef::Kind::person) {
        auto& registry = m_store->registry();
        // Drill and projector modes: the selection is masked before the view holds it.
        const auto mask = mask_options(m_view.settings);
        m_view.selected_person = registry.person(feature.id);
        if (!m_view.selected_person) return;
        m_view.selected_person = shown(*m_view.selected_person, mask);
        for (const auto& link : registry.supporter_links(feature.id))
            if (auto s = registry.supporter(link.supporter_id))
                m_view.selected_supporters.push_back(shown(*s, mask));
        for (const auto& contact : registry.contacts(feature.id))
            m_view.selected_contacts.push_back(shown(contact, mask));
        m_view.ops.selected_history = m_store->incidents().check_history(feature.id);
        if (!keep_person) m_view.person_edit = make_person_buffer(*m_view.selected_person);
        if (centre)
            if (auto i = m_view.person_index(feature.id)) centre_on(m_view.persons[*i].position);
    } else if (feature.kind == map::FeatureRef::Kind::facility) {
        m_view.selected_facility = m_store->facilities().facility(feature.id);
        if (!m_view.selected_facility) return;
        if (!keep_facility) m_view.facility_edit = make_facility_buffer(*m_view.selected_facility);
        if (centre)
            if (auto i = m_view.facility_index(feature.id))
                centre_on(m_view.facilities[*i].position);
    }
}

void Controller::refresh_person(data::RowId id) {
    auto& registry = m_store->registry();
    const auto stored = registry.person(id);
    if (!stored) return;
    const auto p = std::optional(shown(*stored, mask_options(m_view.settings)));
    const int supporters = static_cast<int>(registry.supporter_links(id).size());
    const auto plan = data::plans::plan_store(*m_store)->current_plan(id);
    auto row =
        make_person_row(*p, supporters, plan ? std::string(data::plans::to_db(plan->state)) : "",
                        project(*m_projector, p->location));
    if (auto i = m_view.person_index(id)) m_view.persons[*i] = std::move(row);
    map::rebuild_persons(m_view.scene, *m_store, scene_options(m_view.settings));
    m_scene_changed = true;
    if (m_view.selected_person && m_view.selected_person->id == id) {
        m_view.selected_person = *p;
        m_view.person_edit = make_person_buffer(*p);
    }
    refresh_plans_due(); // a status change moves a person on or off the no-plan list
}

void Controller::reread_persons() {
    if (!m_store || !m_projector) return;
    const auto mask = mask_options(m_view.settings);
    m_applied_mask = mask;
    m_view.persons = read_person_rows(*m_store, *m_projector, mask);
    map::rebuild_persons(m_view.scene, *m_store, scene_options(m_view.settings));
    m_scene_changed = true;
    // What was typed into the person panel belongs to the other mode's record: drop it rather
    // than carry unmasked text into a masked panel (or masks into a save).
    if (m_view.person_edit.dirty())
        m_view.warning("登録者 " + m_view.person_edit.external_id + " の未保存の変更を破棄しました",
                       "unsaved changes to person " + m_view.person_edit.external_id +
                           " were discarded");
    m_view.person_edit = EditBuffer{};
    if (m_view.selection) {
        const map::FeatureRef selection = *m_view.selection;
        select(selection, false);
    }
    refresh_ops(false);
    refresh_plans_due();
}

void Controller::reload_person_rows() {
    if (!m_store || !m_projector) return;
    const auto mask = mask_options(m_view.settings);
    m_applied_mask = mask;
    m_view.persons = read_person_rows(*m_store, *m_projector, mask);
    map::rebuild_persons(m_view.scene, *m_store, scene_options(m_view.settings));
    m_scene_changed = true;
}

void Controller::refresh_facility(data::RowId id) {
    const auto f = m_store->facilities().facility(id);
    if (!f) return;
    if (auto i = m_view.facility_index(id))
        m_view.facilities[*i] = make_facility_row(*f, project(*m_projector, f->location));
    map::rebuild_facilities(m_view.scene, *m_store, scene_options(m_view.settings));
    m_scene_changed = true;
    if (m_view.selected_facility && m_view.selected_facility->id == id) {
        m_view.selected_facility = *f;
        m_view.facility_edit = make_facility_buffer(*f);
    }
}

void Controller::load_user_layer(const std::string& path) {
    if (!m_load_user_layer) {
        m_view.warning("この版ではユーザーレイヤーを読み込めません: " + path,
                       "user layers cannot be loaded in this build: " + path);
        return;
    }
    const auto loader = m_load_user_layer;
    const geo::PlaneXY origin = m_view.scene.origin;
    m_jobs.submit("レイヤーを読み込み中: " + path, "loading layer " + path,
                  [this, loader, origin, path](JobContext& job) -> Completion {
                      job.progress(-1.0f, path, path);
                      auto layer = std::make_shared<map::Layer>(loader(path, origin));
                      return [this, layer, path] {
                          auto& layers = m_view.scene.layers;
                          auto it =
                              std::find_if(layers.begin(), layers.end(),
                                           [&](const map::Layer& l) { return l.id == layer->id; });
                          if (it != layers.end())
                              *it = std::move(*layer);
                          else
                              layers.push_back(std::move(*layer));
                          apply_layer_settings(m_view.settings, m_view.scene);
                          auto& files = m_view.settings.user_layers;
                          if (std::find(files.begin(), files.end(), path) == files.end()) {
                              files.push_back(path);
                              capture_layer_settings(m_view.scene, m_view.settings);
                              save_settings_now();
                          }
                          m_scene_changed = true;
                          m_view.info("レイヤーを追加しました: " + path, "layer added: " + path);
                      };
                  });
}

template <> void Controller::on(const cmd::OpenDatabase& c) {
    const std::string path = c.path;
    const auto data_dir = m_data_dir;
    const auto actor = m_actor;
    const auto mask = mask_options(m_view.settings);
    const auto role = m_requested_role;
    m_jobs.submit("データベースを開いています", "opening the database",
                  [this, path, data_dir, actor, mask, role](JobContext& job) -> Completion {
                      auto model = std::make_shared<LoadedModel>(
                          load_model(path, data_dir, actor, mask, &job, role));
                      return [this, model] { install(std::move(*model)); };
                  });
}

template <> void Controller::on(const cmd::Select& c) {
    select(c.feature, c.centre);
}

template <> void Controller::on(const cmd::ClearSelection&) {
    m_view.selection.reset();
    m_view.selected_person.reset();
    m_view.selected_facility.reset();
}

template <> void Controller::on(const cmd::SetPersonField& c) {
    m_view.person_edit.set(c.key, c.text);
}
template <> void Controller::on(const cmd::SetFacilityField& c) {
    m_view.facility_edit.set(c.key, c.text);
}

namespace {

// What a record edit's outcome means for the panel's buffer and the message log, the same for
// persons and facilities. `buffer` is null when the panel shows another record meanwhile.
// Returns true when the record was saved.
bool report_edit(ViewModel& view, const data::EditOutcome& out, EditBuffer* buffer,
                 const std::string& noun_ja, const std::string& noun_en,
                 const std::string& external_id) {
    const std::string who_ja = noun_ja + " " + external_id;
    const std::string who_en = noun_en + " " + external_id;
    if (buffer) {
        buffer->errors = out.errors;
        buffer->conflict_ja.clear();
        buffer->conflict_en.clear();
        buffer->conflict.reset();
    }
    switch (out.status) {
    case data::EditStatus::saved:
        view.info(who_ja + " を保存しました: " + out.summary, who_en + " saved: " + out.summary);
        return true;
    case data::EditStatus::unchanged:
        view.info(who_ja + ": 変更はありません", who_en + ": nothing changed");
        return false;
    case data::EditStatus::conflict:
        if (buffer && out.conflict) {
            // Who changed what (row_conflict.h): the same message `breathline set` prints.
            // The typed values stay in the buffer for Reload / Apply on top.
            buffer->conflict_ja = out.conflict->message_ja();
            buffer->conflict_en = out.conflict->what();
            buffer->conflict =
                EditBuffer::Conflict{out.conflict->based_on_version(),
                                     out.conflict->current_version(), out.conflict->changes()};
        } else if (buffer) {
            buffer->conflict_ja = "この" + noun_ja + "は編集中に他の操作で変更されました (版 " +
                                  std::to_string(out.row_version) +
                                  ")。「元に戻す」で最新の内容を読み込んでから編集し直してください";
            buffer->conflict_en = "this " + noun_en +
                                  " was changed by someone else while you edited (version " +
                                  std::to_string(out.row_version) +
                                  "); press Revert to load the newer record, then edit again";
        }
        view.warning(who_ja + " は保存されませんでした (競合)", who_en + " not saved (conflict)");
        return false;
    case data::EditStatus::invalid:
        for (const auto& e : out.errors)
            view.error(who_ja + ": " + e.header_ja + " '" + e.value + "': " + e.reason_ja,
                       who_en + ": " + e.field + " '" + e.value + "': " + e.reason_en);
        return false;
    case data::EditStatus::not_found:
        view.error(who_ja + " は見つかりません",
                   who_en + " not found (" + status_text(out.status) + ")");
        return false;
    }
    return false;
}

} // namespace

template <> void Controller::on(const cmd::SavePerson& c) {
    if (!m_store) return;
    // The panel holds the masked record in these modes: saving it would write the masks
    // ("[T-0012]", the town as address, the displaced home) over the real registry.
    if (m_view.settings.masks_personal_data()) {
        m_view.warning("訓練モード・プロジェクターモードでは登録者を編集できません (登録者 " +
                           c.external_id + ")",
                       "persons cannot be edited in drill or projector mode (person " +
                           c.external_id + ")");
        return;
    }
    data::EditOptions options;
    options.expected_row_version = c.row_version;
    options.geocoder = m_geocoder ? &*m_geocoder : nullptr;
    const auto out = data::edit_person(*m_store, c.external_id, c.values, options);
    if (report_edit(m_view, out, &m_view.person_edit, "登録者", "person", c.external_id))
        if (auto p = m_store->registry().person_by_external_id(c.external_id))
            refresh_person(p->id);
}

template <> void Controller::on(const cmd::SaveFacility& c) {
    if (!m_store) return;
    data::EditOptions options;
    options.expected_row_version = c.row_version;
    const auto out = data::edit_facility(*m_store, c.external_id, c.values, options);
    EditBuffer* buffer =
        m_view.facility_edit.external_id == c.external_id ? &m_view.facility_edit : nullptr;
    if (report_edit(m_view, out, buffer, "施設", "facility", c.external_id))
        if (auto f = m_store->facilities().facility_by_external_id(c.external_id))
            refresh_facility(f->id);
}

template <> void Controller::on(const cmd::RevertPerson&) {
    if (!m_store || !m_view.selected_person) return;
    if (auto stored = m_store->registry().person(m_view.selected_person->id)) {
        const data::Person p = shown(*stored, mask_options(m_view.settings));
        m_view.selected_person = p;
        m_view.person_edit = make_person_buffer(p);
    }
}

template <> void Controller::on(const cmd::RevertFacility&) {
    if (!m_store || !m_view.selected_facility) return;
    if (auto f = m_store->facilities().facility(m_view.selected_facility->id)) {
        m_view.selected_facility = *f;
        m_view.facility_edit = make_facility_buffer(*f);
    }
}

template <> void Controller::on(const cmd::ReloadEdit& c) {
    if (c.target == cmd::EditTarget::person)
        on(cmd::RevertPerson{});
    else
        on(cmd::RevertFacility{});
}

// The typed fields (changes() compares them with the version the edit started from) saved with
// the version the conflict found: what the other coordinator changed elsewhere stays. A newer
// change meanwhile is another conflict, shown the same way.
template <> void Controller::on(const cmd::ApplyEditOnTop& c) {
    EditBuffer& buffer =
        c.target == cmd::EditTarget::person ? m_view.person_edit : m_view.facility_edit;
    if (!buffer.conflict) return;
    const auto values = buffer.changes();
    const std::int64_t current = buffer.conflict->current;
    // Through apply(): the save is checked against the role like one from the Save button.
    if (c.target == cmd::EditTarget::person)
        apply(cmd::SavePerson{buffer.external_id, current, values});
    else
        apply(cmd::SaveFacility{buffer.external_id, current, values});
    // Saved, or the other coordinator had already made the same change (unchanged): show the
    // stored record at its version. Refused values or a new conflict keep the typed values.
    if (!buffer.conflict && buffer.errors.empty()) on(cmd::ReloadEdit{c.target});
}

template <> void Controller::on(const cmd::StartPlacing& c) {
    m_view.placing_facility = c.external_id;
    m_view.info("施設 " + c.external_id + " の位置を地図上でクリックしてください (Esc で中止)",
                "click the map where facility " + c.external_id + " is (Esc cancels)");
}

template <> void Controller::on(const cmd::CancelPlacing&) {
    m_view.placing_facility.reset();
}

template <> void Controller::on(const cmd::PlaceAt& c) {
    if (!m_view.placing_facility || !m_store || !m_projector) return;
    const std::string id = *m_view.placing_facility;
    m_view.placing_facility.reset();
    const auto f = m_store->facilities().facility_by_external_id(id);
    if (!f) return;
    const geo::LonLat ll = m_projector->to_lonlat(c.at);
    on(cmd::SaveFacility{
        id, f->row_version, {{"lon", degrees(ll.lon())}, {"lat", degrees(ll.lat())}}});
}

template <> void Controller::on(const cmd::PanPixels& c) {
    m_fit_on_viewport = false;
    m_view.camera.pan_pixels(c.dx, c.dy);
}
template <> void Controller::on(const cmd::ZoomAt& c) {
    m_fit_on_viewport = false;
    m_view.camera.zoom_at(c.anchor, c.factor);
}
template <> void Controller::on(const cmd::FitWard&) {
    if (!m_view.scene.home.empty()) m_view.camera.fit(m_view.scene.home);
}
template <> void Controller::on(const cmd::SetViewport& c) {
    m_view.camera.set_viewport(std::max(1, c.width), std::max(1, c.height));
    if (m_fit_on_viewport && !m_view.scene.home.empty()) m_view.camera.fit(m_view.scene.home);
}

template <> void Controller::on(const cmd::SetLayerVisible& c) {
    if (auto* l = m_view.scene.find(c.id)) {
        l->visible = c.visible;
        capture_layer_settings(m_view.scene, m_view.settings);
        save_settings_now();
    }
}

template <> void Controller::on(const cmd::SetLayerOpacity& c) {
    if (auto* l = m_view.scene.find(c.id)) {
        l->opacity = std::clamp(c.opacity, 0.0f, 1.0f);
        capture_layer_settings(m_view.scene, m_view.settings);
        if (c.persist) save_settings_now();
    }
}

template <> void Controller::on(const cmd::MoveLayer& c) {
    auto& layers = m_view.scene.layers;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].id != c.id) continue;
        const long j = static_cast<long>(i) + c.delta;
        if (j < 0 || j >= static_cast<long>(layers.size())) return;
        std::swap(layers[i], layers[static_cast<std::size_t>(j)]);
        capture_layer_settings(m_view.scene, m_view.settings);
        save_settings_now();
        m_scene_changed = true;
        return;
    }
}

template <> void Controller::on(const cmd::AddUserLayer& c) {
    if (!c.path.empty()) load_user_layer(c.path);
}

template <> void Controller::on(const cmd::RemoveUserLayer& c) {
    auto& layers = m_view.scene.layers;
    layers.erase(std::remove_if(layers.begin(), layers.end(),
                                [&](const map::Layer& l) { return l.id == c.id; }),
                 layers.end());
    auto& files = m_view.settings.user_layers;
    files.erase(std::remove_if(files.begin(), files.end(),
                               [&](const std::string& p) { return "user:" + p == c.id; }),
                files.end());
    auto& ls = m_view.settings.layers;
    ls.erase(
        std::remove_if(ls.begin(), ls.end(), [&](const LayerSetting& l) { return l.id == c.id; }),
        ls.end());
    save_settings_now();
    m_scene_changed = true;
}

template <> void Controller::on(const cmd::SetLanguage& c) {
    m_view.settings.language = c.language;
    save_settings_now();
}

template <> void Controller::on(const cmd::SetUiScale& c) {
    m_view.settings.ui_scale = std::clamp(c.scale, k_min_ui_scale, k_max_ui_scale);
    save_settings_now();
}

template <> void Controller::on(const cmd::SetDrillMode& c) {
    m_view.settings.drill_mode = c.on;
    save_settings_now();
    if (c.on) m_view.info("訓練モード: 氏名を隠しています", "drill mode: names are hidden");
    // Masked or not, and how (initials, displacement), as the settings now say.
    if (!same_mask(m_applied_mask, mask_options(m_view.settings))) reread_persons();
}

template <> void Controller::on(const cmd::SetProjectorMode& c) {
    m_view.settings.projector_mode = c.on;
    save_settings_now();
    if (c.on)
        m_view.info("プロジェクターモード: 氏名を隠し、自宅の位置をずらしています",
                    "projector mode: names are hidden and homes are displaced");
    else
        m_view.info("プロジェクターモードを終了しました", "projector mode off");
    if (!same_mask(m_applied_mask, mask_options(m_view.settings))) reread_persons();
}

template <> void Controller::on(const cmd::SetRegistryFilter& c) {
    m_view.registry_filter = c.filter;
}
template <> void Controller::on(const cmd::SetRegistrySort& c) {
    m_view.registry_sort = c.sort;
}
template <> void Controller::on(const cmd::SetFacilitySort& c) {
    m_view.facility_sort = c.sort;
    m_view.facilities_only_unresolved = c.only_unresolved;
}
template <> void Controller::on(const cmd::SetSearch& c) {
    m_view.search_text = c.text;
}
template <> void Controller::on(const cmd::ClearLog&) {
    m_view.log.clear();
}
template <> void Controller::on(const cmd::RefreshPlansDue& c) {
    if (c.within_days < 0) {
        m_view.error("日数は 0 以上にしてください", "the number of days must be 0 or more");
        return;
    }
    m_view.plans_due.within_days = c.within_days;
    refresh_plans_due();
}

void Controller::refresh_plans_due() {
    if (!m_store) return;
    auto& due = m_view.plans_due;
    due.today = data::plans::jst_date(now());
    const auto plans = data::plans::plan_store(*m_store)->plans();
    due.entries =
        data::plans::due_list(plans, m_store->registry().persons(), due.today, due.within_days);
}

// After every handler is specialised: visiting instantiates them all.
void Controller::apply(const Command& command) {
    // A lost server (issue 9): only what touches nothing but the view runs.
    if (refused_while_lost(command)) return;
    try {
        // The enforcement point of roles (issue 9): the panels only disable what this refuses.
        if (const auto need = command_need(command); need && m_store) {
            bool drill = m_view.ops.active && m_view.ops.active->is_drill;
            if (const auto* a = std::get_if<cmd::ActivateIncident>(&command))
                if (const auto inc = m_store->incidents().incident(a->id)) drill = inc->is_drill;
            if (const auto* a = std::get_if<cmd::CloseIncident>(&command))
                if (const auto inc = m_store->incidents().incident(a->id)) drill = inc->is_drill;
            if (!command_allowed(command, m_view.role, drill)) {
                m_view.error(command_refusal(Lang::ja, m_view.role, *need),
                             command_refusal(Lang::en, m_view.role, *need));
                return;
            }
        }
        std::visit([this](const auto& c) { on(c); }, command);
        note_command_done(command); // the replica is stale (issue 9, replica_commands.cpp)
    } catch (const std::exception& e) {
        if (is_connection_lost(e)) {
            enter_lost(e.what()); // the banner, read-only, reconnecting
            return;
        }
        m_view.error(std::string("操作に失敗しました: ") + e.what(),
                     std::string("the action failed: ") + e.what());
    }
}

} // namespace breathline::ui
