// The console's state without a window: settings round trip, registry table filtering and
// sorting, search, the UI text table, the job runner, and the person panel's edit path (the
// commands the panel emits, applied by the same Controller the app uses) saved and audited.

#include "console/map/scene_builder.h"
#include "console/ui/commands.h"
#include "console/ui/settings.h"
#include "console/ui/ui_text.h"
#include "console/ui/view_model.h"
#include "data/io/person_fields.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <thread>
#include <unistd.h>

namespace breathline::ui {
namespace {

std::filesystem::path temp_dir(const std::string& tag) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    auto dir = std::filesystem::temp_directory_path() /
               ("breathline-ui-" + tag + "-" + std::to_string(::getpid()) + "-" + info->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

// --- settings ----------------------------------------------------------------------------

Settings sample_settings() {
    Settings s;
    s.language = Lang::en;
    s.ui_scale = 1.75f;
    s.drill_mode = true;
    s.projector_mode = true;
    s.projector_initials = true;
    s.projector_displace_m = 237.5;
    s.last_db = "/tmp/some where/demo.sqlite";
    s.layers = {{"roads", false, 0.5f}, {"ward", true, 0.25f}, {"user:/data/x y.gpkg", true, 1.0f}};
    s.user_layers = {"/data/x y.gpkg"};
    return s;
}

TEST(Settings, IniRoundTripsEveryValue) {
    const Settings s = sample_settings();
    std::vector<std::string> warnings;
    EXPECT_EQ(parse_ini(to_ini(s), &warnings), s);
    EXPECT_TRUE(warnings.empty()) << warnings.front();
    EXPECT_EQ(parse_ini(to_ini(Settings{})), Settings{});
}

TEST(Settings, SurvivesARestartThroughTheFile) {
    const auto dir = temp_dir("settings");
    const auto path = dir / "nested" / "console.ini";
    EXPECT_EQ(save_settings(sample_settings(), path), "");
    std::vector<std::string> warnings;
    EXPECT_EQ(load_settings(path, &warnings), sample_settings());
    EXPECT_TRUE(warnings.empty());
    // A missing file is the defaults, silently.
    EXPECT_EQ(load_settings(dir / "none.ini", &warnings), Settings{});
    EXPECT_TRUE(warnings.empty());
    std::filesystem::remove_all(dir);
}

TEST(Settings, DefaultPathFollowsXdgThenHome) {
    const char* old_xdg = std::getenv("XDG_CONFIG_HOME");
    const std::string saved_xdg = old_xdg ? old_xdg : "";
    ::setenv("XDG_CONFIG_HOME", "/xdg/conf", 1);
    EXPECT_EQ(default_settings_path(), std::filesystem::path("/xdg/conf/breathline/console.ini"));
    ::setenv("XDG_CONFIG_HOME", "relative/not/allowed", 1);
    const char* home = std::getenv("HOME");
    ASSERT_NE(home, nullptr);
    EXPECT_EQ(default_settings_path(),
              std::filesystem::path(home) / ".config" / "breathline" / "console.ini");
    if (old_xdg)
        ::setenv("XDG_CONFIG_HOME", saved_xdg.c_str(), 1);
    else
        ::unsetenv("XDG_CONFIG_HOME");
}

TEST(Settings, MalformedLinesWarnAndKeepDefaults) {
    std::vector<std::string> warnings;
    const Settings s = parse_ini("[console]\nlanguage = fr\nui_scale = 99\ndrill_mode = maybe\n"
                                 "colour = blue\nnonsense\n[layer roads]\nopacity = -3\n"
                                 "[weird]\nx = 1\n",
                                 &warnings);
    EXPECT_EQ(s.language, Lang::ja);
    EXPECT_FLOAT_EQ(s.ui_scale, k_max_ui_scale); // clamped, not refused
    EXPECT_FALSE(s.drill_mode);
    ASSERT_EQ(s.layers.size(), 1u);
    EXPECT_FLOAT_EQ(s.layers[0].opacity, 0.0f);
    EXPECT_EQ(warnings.size(), 5u);
    EXPECT_NE(warnings[0].find("line 2"), std::string::npos) << warnings[0];
}

TEST(Settings, ProjectorKeysAreValidatedAndClamped) {
    std::vector<std::string> warnings;
    Settings s = parse_ini("[console]\nprojector_mode = on\nprojector_initials = yes\n"
                           "projector_displace_m = 5000\n",
                           &warnings);
    EXPECT_TRUE(warnings.empty()) << warnings.front();
    EXPECT_TRUE(s.projector_mode);
    EXPECT_TRUE(s.projector_initials);
    EXPECT_TRUE(s.masks_personal_data()); // projector mode masks like drill mode
    EXPECT_DOUBLE_EQ(s.projector_displace_m, k_max_projector_displace_m); // clamped
    s = parse_ini("[console]\nprojector_displace_m = -3\n", &warnings);
    EXPECT_DOUBLE_EQ(s.projector_displace_m, k_min_projector_displace_m);
    // Malformed values warn (naming the line) and keep the defaults.
    warnings.clear();
    s = parse_ini("[console]\nprojector_mode = sometimes\nprojector_initials = 2\n"
                  "projector_displace_m = far\nprojector_displace_m = inf\n",
                  &warnings);
    EXPECT_FALSE(s.projector_mode);
    EXPECT_FALSE(s.projector_initials);
    EXPECT_DOUBLE_EQ(s.projector_displace_m, Settings{}.projector_displace_m);
    ASSERT_EQ(warnings.size(), 4u);
    EXPECT_NE(warnings[0].find("line 2"), std::string::npos) << warnings[0];
    EXPECT_NE(warnings[3].find("projector_displace_m"), std::string::npos) << warnings[3];
    // Written and read back exactly.
    Settings p;
    p.projector_mode = true;
    p.projector_displace_m = 12.25;
    EXPECT_NE(to_ini(p).find("projector_mode = 1"), std::string::npos);
    EXPECT_EQ(parse_ini(to_ini(p)), p);
}

TEST(Settings, LayerOrderVisibilityAndOpacityApplyToTheScene) {
    map::Scene scene;
    for (const char* id : {"ward", "roads", "facilities.rescue_centre", "persons.tppv"}) {
        map::Layer l;
        l.id = id;
        scene.layers.push_back(l);
    }
    Settings s;
    // Persons under the roads, ward on top; the facility layer is not listed and stays put.
    s.layers = {{"persons.tppv", true, 0.5f}, {"roads", false, 1.0f}, {"ward", true, 0.3f}};
    apply_layer_settings(s, scene);
    std::vector<std::string> ids;
    for (const auto& l : scene.layers)
        ids.push_back(l.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"persons.tppv", "roads", "facilities.rescue_centre",
                                             "ward"}));
    EXPECT_FALSE(scene.find("roads")->visible);
    EXPECT_FLOAT_EQ(scene.find("ward")->opacity, 0.3f);
    Settings captured;
    captured.layers = {{"user:/gone.gpkg", true, 1.0f}};
    capture_layer_settings(scene, captured);
    ASSERT_EQ(captured.layers.size(), 5u);
    EXPECT_EQ(captured.layers[0].id, "persons.tppv");
    EXPECT_EQ(captured.layers[4].id, "user:/gone.gpkg"); // remembered though absent now
}

// --- registry table ------------------------------------------------------------------------

std::vector<PersonRow> sample_rows() {
    auto row = [](std::string id, std::string kana, map::DeviceGroup g, std::optional<double> h,
                  bool consent, int supporters, data::PersonStatus st) {
        PersonRow r;
        r.id = static_cast<data::RowId>(id.back() - '0');
        r.external_id = std::move(id);
        r.name = "氏名" + r.external_id;
        r.name_kana = std::move(kana);
        r.group = g;
        r.battery_h = h;
        r.consent = consent;
        r.supporters = supporters;
        r.status = st;
        r.town = "巣鴨三丁目";
        return r;
    };
    using G = map::DeviceGroup;
    using S = data::PersonStatus;
    return {row("T-1", "イトウ", G::tppv, 12.0, true, 5, S::active),
            row("T-2", "アベ", G::nppv, std::nullopt, false, 1, S::active),
            row("T-3", "ウエダ", G::tppv, 4.0, true, 2, S::hospitalised),
            row("T-4", "エモト", G::oxygen, 4.0, false, 0, S::active)};
}

std::vector<std::string> ids(const std::vector<PersonRow>& rows,
                             const std::vector<std::size_t>& order) {
    std::vector<std::string> out;
    for (auto i : order)
        out.push_back(rows[i].external_id);
    return out;
}

TEST(RegistryTable, FiltersByDeviceBatteryConsentSupportersAndStatus) {
    const auto rows = sample_rows();
    const RegistrySort by_id;
    RegistryFilter f;
    EXPECT_EQ(ids(rows, filter_and_sort(rows, f, by_id, false)),
              (std::vector<std::string>{"T-1", "T-2", "T-3", "T-4"}));
    f.group = map::DeviceGroup::tppv;
    EXPECT_EQ(ids(rows, filter_and_sort(rows, f, by_id, false)),
              (std::vector<std::string>{"T-1", "T-3"}));
    f = {};
    f.max_battery_h = 4.0; // no battery recorded counts as 0 h
    EXPECT_EQ(ids(rows, filter_and_sort(rows, f, by_id, false)),
              (std::vector<std::string>{"T-2", "T-3", "T-4"}));
    f.consent = true;
    EXPECT_EQ(ids(rows, filter_and_sort(rows, f, by_id, false)), (std::vector<std::string>{"T-3"}));
    f = {};
    f.max_supporters = 3;
    f.status = data::PersonStatus::active;
    EXPECT_EQ(ids(rows, filter_and_sort(rows, f, by_id, false)),
              (std::vector<std::string>{"T-2", "T-4"}));
    f = {};
    f.plan_state = std::string(); // rows without a recorded plan
    EXPECT_EQ(filter_and_sort(rows, f, by_id, false).size(), 4u);
    f.plan_state = "planned";
    EXPECT_TRUE(filter_and_sort(rows, f, by_id, false).empty());
}

TEST(RegistryTable, SortsByColumnWithExternalIdTies) {
    const auto rows = sample_rows();
    const RegistryFilter all;
    EXPECT_EQ(ids(rows, filter_and_sort(rows, all, {RegistryColumn::battery, true}, false)),
              (std::vector<std::string>{"T-2", "T-3", "T-4", "T-1"}));
    EXPECT_EQ(ids(rows, filter_and_sort(rows, all, {RegistryColumn::battery, false}, false)),
              (std::vector<std::string>{"T-1", "T-3", "T-4", "T-2"}));
    EXPECT_EQ(ids(rows, filter_and_sort(rows, all, {RegistryColumn::supporters, true}, false)),
              (std::vector<std::string>{"T-4", "T-2", "T-3", "T-1"}));
    EXPECT_EQ(ids(rows, filter_and_sort(rows, all, {RegistryColumn::name, true}, false)),
              (std::vector<std::string>{"T-2", "T-1", "T-3", "T-4"}));
    // In drill mode the name order would reveal names: it falls back to the registry number.
    EXPECT_EQ(ids(rows, filter_and_sort(rows, all, {RegistryColumn::name, false}, true)),
              (std::vector<std::string>{"T-1", "T-2", "T-3", "T-4"}));
}

TEST(RegistryTable, SearchFoldsKanaAndWidthAndMasksInDrillMode) {
    auto rows = sample_rows();
    rows[2].name = "上田 花子";
    rows[2].address = "巣鴨3-14-1";
    std::vector<FacilityRow> facilities(1);
    facilities[0].name = "巣鴨小学校";
    facilities[0].external_id = "rescue_centre-01";
    auto hits = search(rows, facilities, "うえだ", false);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].kind, SearchHit::Kind::person);
    EXPECT_EQ(hits[0].index, 2u);
    EXPECT_NE(hits[0].text.find("上田"), std::string::npos);
    hits = search(rows, facilities, "巣鴨", false);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0].kind, SearchHit::Kind::facility);
    EXPECT_EQ(search(rows, facilities, "Ｔ-3", false).size(), 1u);
    // Drill mode: a name confirms nothing, and hits show the number and town only.
    EXPECT_TRUE(search(rows, facilities, "上田", true).empty());
    hits = search(rows, facilities, "T-3", true);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].text.find("上田"), std::string::npos);
    EXPECT_NE(hits[0].text.find("[T-3]"), std::string::npos);
    EXPECT_EQ(display_address(rows[2], true), "巣鴨三丁目");
}

TEST(EditBufferTest, ChangesCarryLonAndLatTogether) {
    data::Person p;
    p.external_id = "T-1";
    p.uses_ventilator = true;
    p.location = geo::LonLat(139.73, 35.73);
    EditBuffer b = make_person_buffer(p);
    EXPECT_FALSE(b.dirty());
    EXPECT_EQ(b.value("lon"), "139.73");
    b.set("lon", "139.74");
    b.set("disease", "ALS");
    EXPECT_TRUE(b.dirty());
    const auto changes = b.changes();
    ASSERT_EQ(changes.size(), 3u);
    EXPECT_EQ(changes[0], (std::pair<std::string, std::string>{"disease", "ALS"}));
    EXPECT_EQ(changes[1].first, "lon");
    EXPECT_EQ(changes[2], (std::pair<std::string, std::string>{"lat", "35.73"}));
}

TEST(UiText, EveryFieldHasBothLanguagesAndUnknownKeysAreRecorded) {
    for (const auto& key : person_edit_keys()) {
        EXPECT_NE(person_field_label(Lang::en, key), key) << key;
        EXPECT_NE(person_field_label(Lang::ja, key), key) << key;
    }
    for (const auto& key : facility_edit_keys()) {
        EXPECT_NE(facility_field_label(Lang::en, key), key) << key;
        EXPECT_NE(facility_field_label(Lang::ja, key), key) << key;
    }
    EXPECT_STREQ(ui_text(Lang::ja, "person.save"), "保存");
    EXPECT_STREQ(ui_text(Lang::en, "person.save"), "Save");
    EXPECT_EQ(ui_label(Lang::en, "person.save"), "Save###person.save");
    EXPECT_STREQ(ui_text(Lang::en, "no.such.key"), "no.such.key");
    const auto missing = missing_text_keys();
    EXPECT_NE(std::find(missing.begin(), missing.end(), "no.such.key"), missing.end());
}

// --- jobs ----------------------------------------------------------------------------------

TEST(Jobs, CompletionRunsOnThePollingThreadAndErrorsAreReported) {
    std::atomic<int> wakes{0};
    JobRunner jobs([&] { ++wakes; });
    std::thread::id worker, applied;
    jobs.submit("a", "a", [&](JobContext& ctx) -> Completion {
        worker = std::this_thread::get_id();
        ctx.progress(0.5f, "半分", "half");
        return [&] { applied = std::this_thread::get_id(); };
    });
    jobs.submit("b", "b", [](JobContext&) -> Completion { throw std::runtime_error("boom"); });
    jobs.wait_idle();
    std::vector<std::string> errors;
    EXPECT_TRUE(jobs.poll([&](const std::string&, const std::string& en, const std::string& e) {
        errors.push_back(en + ": " + e);
    }));
    EXPECT_NE(worker, std::this_thread::get_id());
    EXPECT_EQ(applied, std::this_thread::get_id());
    EXPECT_EQ(errors, (std::vector<std::string>{"b: boom"}));
    EXPECT_GE(wakes.load(), 3); // progress + two completions
    EXPECT_FALSE(jobs.busy());
    EXPECT_FALSE(jobs.poll({}));
}

// --- the person panel's edit path ----------------------------------------------------------

class PanelEditTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = temp_dir("edit");
        m_db = (m_dir / "console.sqlite").string();
        auto store = data::open_store(m_db);
        store->set_actor("fixture");
        data::Person p;
        p.external_id = "T-0001";
        p.name = "豊島 花子";
        p.uses_ventilator = true;
        p.ventilator_mode = data::VentilatorMode::tppv;
        p.address = "巣鴨3-14-1";
        p.location = geo::LonLat(139.7329, 35.7359);
        p.geocode_precision = data::GeocodePrecision::exact;
        store->registry().upsert_person(p);
        data::Facility f;
        f.external_id = "rescue_centre-09";
        f.name = "未配置小学校";
        store->facilities().upsert_facility(f);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    // What the app does at start: load on the worker, install on the main thread.
    void open(Controller& controller, JobRunner& jobs) {
        controller.apply(cmd::OpenDatabase{m_db});
        jobs.wait_idle();
        jobs.poll([](const std::string&, const std::string&, const std::string& e) {
            FAIL() << "open failed: " << e;
        });
        ASSERT_TRUE(m_view.loaded);
    }
    const PersonRow& row() { return m_view.persons.at(*m_view.person_index(person_id())); }
    data::RowId person_id() {
        return data::open_store(m_db)->registry().person_by_external_id("T-0001")->id;
    }

    std::filesystem::path m_dir;
    std::string m_db;
    ViewModel m_view;
};

TEST_F(PanelEditTest, PersonEditedThroughThePanelCommandsIsSavedAndAudited) {
    JobRunner jobs;
    Controller controller(m_view, jobs, m_dir / "console.ini", BREATHLINE_TEST_DATA_DIR,
                          "planner-7");
    open(controller, jobs);
    ASSERT_EQ(m_view.persons.size(), 1u);
    const auto* layer = m_view.scene.find(map::person_layer_id(map::DeviceGroup::tppv));
    ASSERT_NE(layer, nullptr);
    const auto revision_before = layer->revision;
    EXPECT_FALSE(row().battery_h);

    // Exactly what the panels emit: a click on the row, typing into two fields, Save.
    controller.apply(cmd::Select{{map::FeatureRef::Kind::person, person_id(), "T-0001"}, true});
    ASSERT_TRUE(m_view.selected_person);
    controller.apply(cmd::SetPersonField{"internal_battery", "1"});
    controller.apply(cmd::SetPersonField{"internal_battery_h", "6"});
    controller.apply(cmd::SetPersonField{"external_battery_h", "８時間"});
    const EditBuffer& b = m_view.person_edit;
    controller.apply(cmd::SavePerson{b.external_id, b.row_version, b.changes()});

    ASSERT_TRUE(m_view.person_edit.errors.empty()) << m_view.person_edit.errors[0].reason_en;
    auto store = data::open_store(m_db);
    const auto saved = store->registry().person_by_external_id("T-0001");
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->internal_battery, true);
    EXPECT_EQ(saved->internal_battery_h, 6.0);
    EXPECT_EQ(saved->external_battery_h, 8.0);
    const auto entry = store->audit().entries().back();
    EXPECT_EQ(entry.action, "update");
    EXPECT_EQ(entry.actor, "planner-7");
    EXPECT_EQ(entry.entity_id, "T-0001");
    EXPECT_NE(entry.summary.find("internal_battery_h: ∅ → 6"), std::string::npos) << entry.summary;
    // The view follows: table row, panel buffer (new version, clean), map layer revision.
    EXPECT_EQ(row().battery_h, 14.0);
    EXPECT_FALSE(m_view.person_edit.dirty());
    EXPECT_EQ(m_view.person_edit.row_version, saved->row_version);
    EXPECT_GT(m_view.scene.find(map::person_layer_id(map::DeviceGroup::tppv))->revision,
              revision_before);
    EXPECT_TRUE(controller.take_scene_changed());
    EXPECT_NE(m_view.log.back().text_en.find("person T-0001 saved"), std::string::npos);
}

TEST_F(PanelEditTest, InvalidValueStaysInThePanelWithItsFieldError) {
    JobRunner jobs;
    Controller controller(m_view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "planner-7");
    open(controller, jobs);
    const auto audit_before = data::open_store(m_db)->audit().count();
    controller.apply(cmd::Select{{map::FeatureRef::Kind::person, person_id(), "T-0001"}, false});
    controller.apply(cmd::SetPersonField{"oxygen_flow_l_min", "たくさん"});
    const EditBuffer& b = m_view.person_edit;
    controller.apply(cmd::SavePerson{b.external_id, b.row_version, b.changes()});
    const auto* e = m_view.person_edit.error_for("oxygen_flow_l_min");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->value, "たくさん");
    EXPECT_EQ(e->header_ja, "酸素流量");
    EXPECT_TRUE(m_view.person_edit.dirty()); // what the user typed is kept for correction
    EXPECT_EQ(m_view.log.back().level, LogLine::Level::error);
    EXPECT_EQ(data::open_store(m_db)->audit().count(), audit_before);
}

TEST_F(PanelEditTest, ReselectingKeepsTypedValuesAndLeavingSaysTheyAreDropped) {
    JobRunner jobs;
    Controller controller(m_view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "planner-7");
    open(controller, jobs);
    const map::FeatureRef person{map::FeatureRef::Kind::person, person_id(), "T-0001"};
    controller.apply(cmd::Select{person, false});
    controller.apply(cmd::SetPersonField{"disease", "SMA"});
    controller.apply(cmd::Select{person, true}); // the same row clicked again
    EXPECT_EQ(m_view.person_edit.value("disease"), "SMA");
    const auto log_before = m_view.log.size();
    const auto& f = m_view.facilities.front();
    controller.apply(cmd::Select{{map::FeatureRef::Kind::facility, f.id, f.external_id}, false});
    ASSERT_EQ(m_view.log.size(), log_before + 1);
    EXPECT_EQ(m_view.log.back().level, LogLine::Level::warning);
    EXPECT_NE(m_view.log.back().text_en.find("unsaved changes to person T-0001"),
              std::string::npos);
}

TEST_F(PanelEditTest, AnEditBasedOnAStaleVersionIsRefused) {
    JobRunner jobs;
    Controller controller(m_view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "planner-7");
    open(controller, jobs);
    controller.apply(cmd::Select{{map::FeatureRef::Kind::person, person_id(), "T-0001"}, false});
    controller.apply(cmd::SetPersonField{"disease", "SMA"});
    // Someone else saves meanwhile (another console, or `breathline set`).
    {
        auto other = data::open_store(m_db);
        other->set_actor("other");
        ASSERT_EQ(data::edit_person(*other, "T-0001", {{"disease", "ALS"}}).status,
                  data::EditStatus::saved);
    }
    const EditBuffer& b = m_view.person_edit;
    controller.apply(cmd::SavePerson{b.external_id, b.row_version, b.changes()});
    EXPECT_FALSE(m_view.person_edit.conflict_en.empty());
    EXPECT_EQ(data::open_store(m_db)->registry().person_by_external_id("T-0001")->disease, "ALS");
    controller.apply(cmd::RevertPerson{});
    EXPECT_EQ(m_view.person_edit.value("disease"), "ALS");
}

// The conflict box's state and its two headless commands (issue 9): the refused save keeps
// what was typed and names the other coordinator's change; Reload shows the stored record;
// Apply on top saves only the typed fields over the current version, keeping the other change.
class ConflictBoxTest : public PanelEditTest {
protected:
    // The panel's edit of care_situation, then "other" changes disease and saves.
    void edit_while_other_saves(Controller& controller) {
        controller.apply(
            cmd::Select{{map::FeatureRef::Kind::person, person_id(), "T-0001"}, false});
        controller.apply(cmd::SetPersonField{"care_situation", "入院中"});
        auto other = data::open_store(m_db);
        other->set_actor("other");
        ASSERT_EQ(data::edit_person(*other, "T-0001", {{"disease", "SMA"}}).status,
                  data::EditStatus::saved);
        const EditBuffer& b = m_view.person_edit;
        controller.apply(cmd::SavePerson{b.external_id, b.row_version, b.changes()});
    }
};

TEST_F(ConflictBoxTest, RefusedSaveKeepsTheEditAndNamesTheOtherChange) {
    JobRunner jobs;
    Controller controller(m_view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "planner-7");
    open(controller, jobs);
    const auto audit_before = data::open_store(m_db)->audit().count();
    edit_while_other_saves(controller);
    const EditBuffer& b = m_view.person_edit;
    ASSERT_TRUE(b.conflict);
    EXPECT_EQ(b.conflict->current, b.conflict->based_on + 1);
    ASSERT_EQ(b.conflict->changes.size(), 1u);
    EXPECT_EQ(b.conflict->changes[0].actor, "other");
    EXPECT_NE(b.conflict->changes[0].summary.find("disease: "), std::string::npos);
    EXPECT_NE(b.conflict_en.find("was changed by other at"), std::string::npos) << b.conflict_en;
    EXPECT_NE(b.conflict_ja.find("other が"), std::string::npos) << b.conflict_ja;
    EXPECT_EQ(b.value("care_situation"), "入院中"); // the save is not lost
    EXPECT_TRUE(b.dirty());
    // Only the other coordinator's save reached the log.
    EXPECT_EQ(data::open_store(m_db)->audit().count(), audit_before + 1);
}

TEST_F(ConflictBoxTest, ReloadDiscardsTheEditAndShowsTheCurrentRecord) {
    JobRunner jobs;
    Controller controller(m_view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "planner-7");
    open(controller, jobs);
    edit_while_other_saves(controller);
    ASSERT_TRUE(m_view.person_edit.conflict);
    controller.apply(cmd::ReloadEdit{cmd::EditTarget::person});
    EXPECT_FALSE(m_view.person_edit.conflict);
    EXPECT_TRUE(m_view.person_edit.conflict_en.empty());
    EXPECT_EQ(m_view.person_edit.value("disease"), "SMA");
    EXPECT_FALSE(m_view.person_edit.dirty());
    const auto stored = data::open_store(m_db)->registry().person_by_external_id("T-0001");
    EXPECT_EQ(m_view.person_edit.row_version, stored->row_version);
    EXPECT_NE(stored->care_situation, "入院中");
}

TEST_F(ConflictBoxTest, ApplyOnTopSavesBothChangesAudited) {
    JobRunner jobs;
    Controller controller(m_view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "planner-7");
    open(controller, jobs);
    edit_while_other_saves(controller);
    ASSERT_TRUE(m_view.person_edit.conflict);
    const auto current = m_view.person_edit.conflict->current;
    controller.apply(cmd::ApplyEditOnTop{cmd::EditTarget::person});
    auto store = data::open_store(m_db);
    const auto stored = store->registry().person_by_external_id("T-0001");
    EXPECT_EQ(stored->disease, "SMA");
    EXPECT_EQ(stored->care_situation, "入院中");
    EXPECT_EQ(stored->row_version, current + 1);
    const auto last = store->audit().entries(1).front();
    EXPECT_EQ(last.actor, "planner-7");
    EXPECT_NE(last.summary.find("care_situation: "), std::string::npos) << last.summary;
    EXPECT_EQ(last.summary.find("disease"), std::string::npos) << last.summary;
    EXPECT_TRUE(store->audit().verify().ok);
    // The panel shows the saved record, clean, at its new version.
    EXPECT_FALSE(m_view.person_edit.conflict);
    EXPECT_FALSE(m_view.person_edit.dirty());
    EXPECT_EQ(m_view.person_edit.row_version, stored->row_version);
    EXPECT_EQ(m_view.person_edit.value("disease"), "SMA");
}

TEST_F(PanelEditTest, FacilityIsPlacedByAMapClickAndSettingsArePersisted) {
    JobRunner jobs;
    const auto ini = m_dir / "console.ini";
    Controller controller(m_view, jobs, ini, BREATHLINE_TEST_DATA_DIR, "planner-7");
    open(controller, jobs);
    ASSERT_EQ(m_view.facilities.size(), 1u);
    EXPECT_FALSE(m_view.facilities[0].position);
    const geo::PlaneProjector projector;
    const geo::PlaneXY click = projector.to_plane(geo::LonLat(139.7150, 35.7350));
    controller.apply(cmd::StartPlacing{"rescue_centre-09"});
    controller.apply(cmd::PlaceAt{click});
    EXPECT_FALSE(m_view.placing_facility);
    const auto f = data::open_store(m_db)->facilities().facility_by_external_id("rescue_centre-09");
    ASSERT_TRUE(f && f->location);
    EXPECT_NEAR(f->location->lon(), 139.7150, 1e-6);
    EXPECT_NEAR(f->location->lat(), 35.7350, 1e-6);
    EXPECT_EQ(f->geocode_precision, data::GeocodePrecision::manual);
    ASSERT_TRUE(m_view.facilities[0].position);

    controller.apply(cmd::SetLanguage{Lang::en});
    controller.apply(cmd::SetUiScale{2.0f});
    controller.apply(cmd::SetLayerVisible{"persons.nppv", false});
    controller.apply(cmd::SetLayerOpacity{"persons.tppv", 0.4f});
    const Settings reloaded = load_settings(ini);
    EXPECT_EQ(reloaded.language, Lang::en);
    EXPECT_FLOAT_EQ(reloaded.ui_scale, 2.0f);
    EXPECT_EQ(reloaded.last_db, m_view.db_path);
    const auto find = [&](const char* id) {
        return std::find_if(reloaded.layers.begin(), reloaded.layers.end(),
                            [&](const LayerSetting& l) { return l.id == id; });
    };
    ASSERT_NE(find("persons.nppv"), reloaded.layers.end());
    EXPECT_FALSE(find("persons.nppv")->visible);
    EXPECT_FLOAT_EQ(find("persons.tppv")->opacity, 0.4f);
    EXPECT_EQ(reloaded.layers.size(), m_view.scene.layers.size());
}

} // namespace
} // namespace breathline::ui
