// The privacy scan of issue 8: everything the console draws in projector mode, read back as
// the glyphs ImGui actually put on screen (tests/ui/drawn_text.h), holds no name of any
// registry person, supporter or contact of the demo database, while registry numbers do
// appear (the scan saw real content). The view model itself holds no name in drill and
// projector modes: masking happens at the data layer (data/privacy/mask.h), before rows,
// selection, search index or map scene are built.
//
// First the scan proves it can fail: in normal mode the person panel's drawn text contains the
// selected person's name and known UI labels decode exactly.
//
// Runs a hidden GLFW window (the map view renders through OpenGL): under xvfb-run without a
// display.

#include "../data/demo/demo_test_data.h"
#include "console/cli/ops_args.h"
#include "console/render/map_renderer.h"
#include "console/ui/commands.h"
#include "console/ui/fonts.h"
#include "console/ui/imgui_session.h"
#include "console/ui/panels/map_view.h"
#include "console/ui/panels/panel.h"
#include "console/ui/projector_scale.h"
#include "console/ui/ui_text.h"
#include "data/drill/drill_engine.h"
#include "data/privacy/mask.h"
#include "drawn_text.h"

#include <algorithm>
#include <cfloat>
#include <filesystem>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <imgui.h>
#include <set>
#include <sstream>
#include <unistd.h>

namespace breathline::ui {
namespace {

using data::privacy::contains_name;

constexpr int k_width = 1600, k_height = 1000;
constexpr float k_map_w = 900, k_map_h = 700;
constexpr ImGuiWindowFlags k_fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

// What must never be drawn, read straight from the store (unmasked).
struct Secrets {
    std::vector<std::string> names; ///< persons' names and kana, supporters', contacts'
    std::vector<std::string> texts; ///< every name and address: the glyph atlas must hold them
};

Secrets read_secrets(const std::string& db) {
    Secrets s;
    auto store = data::open_store(db);
    auto& registry = store->registry();
    for (const auto& p : registry.persons()) {
        for (const std::string* t : {&p.name, &p.name_kana})
            if (!t->empty()) s.names.push_back(*t);
        for (const std::string* t : {&p.name, &p.name_kana, &p.address})
            s.texts.push_back(*t);
        for (const auto& c : registry.contacts(p.id))
            if (!c.name.empty()) {
                s.names.push_back(c.name);
                s.texts.push_back(c.name);
            }
    }
    for (const auto& sup : registry.supporters())
        for (const std::string* t : {&sup.name, &sup.name_kana})
            if (!t->empty()) {
                s.names.push_back(*t);
                s.texts.push_back(*t);
            }
    return s;
}

// The console's window, fonts and map view as the app sets them up, drawing offscreen frames
// whose draw data the test decodes.
class Screen {
public:
    explicit Screen(const std::vector<std::string>& secret_texts) : m_session(session_options()) {
        // Every character of every real name and address is in the atlas (as in the app, whose
        // atlas follows the database): a leaked name would be drawn, not replaced by 〓, so
        // the decoder would see it.
        std::vector<std::string> texts = all_japanese_texts();
        texts.insert(texts.end(), secret_texts.begin(), secret_texts.end());
        texts.emplace_back("—…〓°");
        m_fonts.set_texts(texts);
        // The body size of the normal console plus the projector's large sizes, all in one
        // atlas: the decoder reads glyphs of every font.
        const auto large = projector_large_texts();
        std::vector<ImFont*> extra;
        m_font = m_fonts.build_atlas(
            *ImGui::GetIO().Fonts, 16.0f,
            {{k_projector_heading_px, large}, {k_projector_count_px, large}}, extra);
        set_projector_fonts({m_font, extra.at(0), extra.at(1)});
        m_session.reload_font_texture();
    }
    ~Screen() { set_projector_fonts({}); }

    /// One frame with the mouse at `mouse` (negative: outside): the map in a window at the top
    /// left when `with_map`, then `draw` in a window on the right. Returns the drawn text.
    template <typename Draw>
    std::vector<std::string> frame(const PanelContext& ctx, bool with_map, ImVec2 mouse,
                                   Draw draw) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = mouse.x < 0 ? ImVec2(-FLT_MAX, -FLT_MAX) : mouse;
        io.MouseDown[0] = false;
        m_session.new_offscreen_frame(k_width, k_height);
        if (with_map) {
            ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
            ImGui::SetNextWindowPos(ImVec2(0, 0));
            ImGui::SetNextWindowSize(ImVec2(k_map_w, k_map_h));
            if (ImGui::Begin("##scan.map", nullptr,
                             k_fixed | ImGuiWindowFlags_NoDecoration |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus)) {
                MapViewOptions mo;
                mo.scale = k_projector_symbol_scale;
                mo.keys = false;
                m_map.draw(ctx, m_renderer, m_fonts, m_font, &m_projector, mo);
            }
            ImGui::End();
            ImGui::PopStyleVar();
        }
        ImGui::SetNextWindowPos(ImVec2(k_map_w, 0));
        ImGui::SetNextWindowSize(ImVec2(k_width - k_map_w, k_height));
        if (ImGui::Begin("##scan.panel", nullptr, k_fixed)) draw();
        ImGui::End();
        ImGui::Render();
        return testing::drawn_strings(*ImGui::GetDrawData(), *io.Fonts);
    }

    const Fonts& fonts() const { return m_fonts; }

private:
    static SessionOptions session_options() {
        SessionOptions so;
        so.title = "privacy scan";
        so.width = k_width;
        so.height = k_height;
        so.visible = false;
        so.install_callbacks = false;
        return so;
    }
    ImguiSession m_session;
    Fonts m_fonts;
    ImFont* m_font = nullptr;
    render::MapRenderer m_renderer;
    MapView m_map;
    geo::PlaneProjector m_projector;
};

class PrivacyScanTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("breathline-privacy-scan-" + std::to_string(::getpid()));
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_db = (m_dir / "demo.sqlite").string();
        auto store = data::open_store(m_db);
        store->set_actor("privacy-scan");
        data::demo::build_demo(*store, data::demo::testing::demo_inputs());
        declare_incident(*store);
        start_sample_drill(*store);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    // An active incident with an outage around the first person at home and a safety check
    // for them, so that the board, the alarms, the check form and the history have rows.
    void declare_incident(data::Store& store) {
        for (const auto& p : cli::persons_at_home(store))
            if (p.location) {
                m_checked = p;
                break;
            }
        ASSERT_NE(m_checked.id, 0);
        data::Incident inc;
        inc.kind = data::IncidentKind::earthquake;
        inc.title = "Privacy scan earthquake";
        inc.onset_at = "2026-11-22T03:00:00Z";
        inc.is_active = true;
        inc.is_drill = true;
        inc.id = store.incidents().declare_incident(inc);
        data::OutageArea area;
        area.incident_id = inc.id;
        area.name = "Scan outage";
        area.starts_at = "2026-11-22T03:30:00Z";
        const double lon = m_checked.location->lon(), lat = m_checked.location->lat(), d = 0.01;
        area.area.parts.push_back(geo::Polygon{geo::Ring{{{lon - d, lat - d},
                                                          {lon + d, lat - d},
                                                          {lon + d, lat + d},
                                                          {lon - d, lat + d},
                                                          {lon - d, lat - d}}},
                                               {}});
        store.incidents().add_outage_area(area);
        data::SafetyCheck c;
        c.incident_id = inc.id;
        c.person_id = m_checked.id;
        c.checked_at = "2026-11-22T05:00:00Z";
        c.vent_running = true;
        c.spo2_pct = 91;
        c.judgement = data::Judgement::hospitalise;
        c.checker_name = "scan nurse";
        store.incidents().record_check(c);
    }

    // The night-earthquake sample drill, three scenario hours in and paused, so the projector
    // shows its clock, ticker lines and the drill's board (call-ins, outages).
    void start_sample_drill(data::Store& store) {
        const auto file = data::drill::sample_scenario_dir() / "night_earthquake.toml";
        std::ifstream in(file);
        std::stringstream text;
        text << in.rdbuf();
        auto parsed = data::drill::parse_scenario(text.str(), file.string());
        ASSERT_TRUE(parsed.scenario);
        const auto id =
            data::drill::start_drill(store, *parsed.scenario, file.string(), text.str());
        const auto at = parsed.scenario->onset + std::chrono::hours(3);
        data::drill::DrillEngine engine(store, id);
        engine.advance_to(at);
        data::drill::DrillClock clock(engine.run().clock);
        clock.jump_to(at);
        clock.pause();
        engine.save_clock(clock.state(), false);
    }

    void open(Controller& controller, JobRunner& jobs, ViewModel& view) {
        controller.apply(cmd::OpenDatabase{m_db});
        jobs.wait_idle();
        jobs.poll({});
        ASSERT_TRUE(view.loaded);
        ASSERT_FALSE(view.persons.empty());
    }

    std::filesystem::path m_dir;
    std::string m_db;
    data::Person m_checked;
};

bool any_contains(const std::vector<std::string>& drawn, const std::string& needle) {
    return std::any_of(drawn.begin(), drawn.end(),
                       [&](const std::string& t) { return contains_name(t, needle); });
}

// Every name of `secrets` found in `texts`, as "name in 'text'".
std::vector<std::string> leaks(const std::vector<std::string>& texts, const Secrets& secrets) {
    std::vector<std::string> out;
    for (const auto& t : texts)
        for (const auto& n : secrets.names)
            if (contains_name(t, n)) out.push_back("'" + n + "' in '" + t + "'");
    return out;
}

// Every text the view model holds about persons, supporters and contacts.
std::vector<std::string> view_texts(const ViewModel& v) {
    std::vector<std::string> out;
    for (const auto& r : v.persons)
        for (const std::string* t : {&r.name, &r.name_kana, &r.address, &r.town})
            out.push_back(*t);
    if (const auto& p = v.selected_person) {
        for (const std::string* t : {&p->name, &p->name_kana, &p->address, &p->address_normalized,
                                     &p->phone_home, &p->phone_mobile, &p->consent_signed_by,
                                     &p->notes, &p->disaster_concerns, &p->svc_other})
            out.push_back(*t);
        if (p->birth_date) out.push_back(*p->birth_date);
    }
    for (const auto& s : v.selected_supporters)
        for (const std::string* t : {&s.name, &s.name_kana, &s.address, &s.notes})
            out.push_back(*t);
    for (const auto& c : v.selected_contacts)
        for (const std::string* t : {&c.name, &c.notes})
            out.push_back(*t);
    for (const auto& t : v.person_edit.current)
        out.push_back(t);
    for (const auto& h : search(v.persons, v.facilities, "T-", v.settings.drill_mode, 1000))
        out.push_back(h.text);
    return out;
}

TEST_F(PrivacyScanTest, DecoderReadsTheNameAndLabelsInNormalMode) {
    const Secrets secrets = read_secrets(m_db);
    ViewModel view;
    JobRunner jobs;
    Controller controller(view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "privacy-scan");
    open(controller, jobs, view);
    ASSERT_FALSE(view.settings.masks_personal_data());
    const PersonRow person = view.persons.front();
    ASSERT_FALSE(person.name.empty());
    controller.apply(
        cmd::Select{{map::FeatureRef::Kind::person, person.id, person.external_id}, false});
    ASSERT_TRUE(view.selected_person);

    Screen screen(secrets.texts);
    CommandQueue queue;
    const PanelContext ctx{view, queue,
                           [&screen](std::string_view t) { return screen.fonts().displayable(t); }};
    for (const Lang lang : {Lang::ja, Lang::en}) {
        controller.apply(cmd::SetLanguage{lang});
        std::vector<std::string> drawn;
        for (int f = 0; f < 3; ++f)
            drawn = screen.frame(ctx, false, ImVec2(-1, -1), [&] { draw_person_panel(ctx); });
        EXPECT_TRUE(any_contains(drawn, person.name)) << "the scan cannot see names";
        // Labels of the panel decode exactly, one run each (a space inside included).
        for (const char* key :
             {"person.save", "person.revert", "person.section.basic", "person.history"}) {
            const std::string label = ui_text(lang, key);
            EXPECT_NE(std::find(drawn.begin(), drawn.end(), label), drawn.end()) << label;
        }
        // Text and number drawn by one ImGui::Text: "2026-11-22 14:00 JST ..." of the history.
        EXPECT_TRUE(std::any_of(drawn.begin(), drawn.end(), [](const std::string& t) {
            return t.rfind("2026-11-22 14:00 JST ", 0) == 0 &&
                   t.find("SpO2 91%") != std::string::npos;
        }));
        // Registry numbers decode too (ASCII from the same atlas).
        EXPECT_TRUE(std::any_of(drawn.begin(), drawn.end(), [&](const std::string& t) {
            return t.find(person.external_id) != std::string::npos;
        }));
        // The registry table's column headers, one run each.
        for (int f = 0; f < 3; ++f)
            drawn = screen.frame(ctx, false, ImVec2(-1, -1), [&] { draw_registry_table(ctx); });
        for (const char* key : {"registry.col.id", "registry.col.name"}) {
            const std::string label = ui_text(lang, key);
            EXPECT_NE(std::find(drawn.begin(), drawn.end(), label), drawn.end()) << label;
        }
    }
    queue.clear();
}

TEST_F(PrivacyScanTest, ProjectorModeDrawsNoNameAnywhere) {
    const Secrets secrets = read_secrets(m_db);
    ASSERT_FALSE(secrets.names.empty());
    ViewModel view;
    JobRunner jobs;
    Controller controller(view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "privacy-scan");
    open(controller, jobs, view);
    // Switched on after opening: the persons already read are read again, masked.
    controller.apply(cmd::SetProjectorMode{true});
    ASSERT_TRUE(view.settings.projector_mode);
    EXPECT_TRUE(leaks(view_texts(view), secrets).empty())
        << leaks(view_texts(view), secrets).front();

    Screen screen(secrets.texts);
    CommandQueue queue;
    const PanelContext ctx{view, queue,
                           [&screen](std::string_view t) { return screen.fonts().displayable(t); }};
    std::vector<std::string> all_drawn;
    std::set<std::string> numbers_seen;
    auto scan = [&](const std::vector<std::string>& drawn) {
        all_drawn.insert(all_drawn.end(), drawn.begin(), drawn.end());
    };
    const std::vector<std::pair<const char*, std::function<void()>>> panels = {
        {"search", [&] { draw_search_box(ctx); }},
        {"registry", [&] { draw_registry_table(ctx); }},
        {"facilities", [&] { draw_facility_table(ctx); }},
        {"person", [&] { draw_person_panel(ctx); }},
        {"facility", [&] { draw_facility_panel(ctx); }},
        {"layers", [&] { draw_layer_panel(ctx); }},
        {"plans due", [&] { draw_plan_due_panel(ctx); }},
        {"log", [&] { draw_message_log(ctx); }},
        {"status", [&] { draw_status_bar(ctx, StatusInfo{}); }},
        {"incident", [&] { draw_incident_panel(ctx); }},
        {"board", [&] { draw_board_panel(ctx); }},
        {"check form", [&] { draw_check_form(ctx); }},
        {"destination", [&] { draw_destination_panel(ctx); }},
        {"projector tiles", [&] { draw_projector_tiles(ctx); }},
        {"projector runway", [&] { draw_projector_runway(ctx); }},
        {"projector clock", [&] { draw_projector_clock(ctx); }},
        {"projector ticker", [&] { draw_projector_ticker(ctx); }},
        {"projector alarms", [&] { draw_projector_alarms(ctx); }},
        {"projector keys", [&] { draw_projector_key_line(ctx, false); }},
        {"projector help", [&] { draw_projector_help(ctx); }},
        {"projector overlays",
         [&] {
             draw_projector_overlays(ctx, {true, false});
         }},
        // Hook: panels added later (drill panel, after-action view) go here.
    };

    // Several persons selected in turn, the first being the one with a check and an outage:
    // each panel drawn for a few frames (tables settle their layout) beside the map.
    std::vector<PersonRow> chosen;
    if (auto i = view.person_index(m_checked.id)) chosen.push_back(view.persons[*i]);
    for (std::size_t i = 0; i < view.persons.size() && chosen.size() < 4; i += 7)
        chosen.push_back(view.persons[i]);
    for (const Lang lang : {Lang::ja, Lang::en}) {
        controller.apply(cmd::SetLanguage{lang});
        for (const auto& person : chosen) {
            controller.apply(
                cmd::Select{{map::FeatureRef::Kind::person, person.id, person.external_id}, false});
            controller.apply(cmd::OpenCheckForm{person.external_id});
            controller.apply(cmd::Recommend{person.external_id, std::nullopt, "car"});
            controller.apply(cmd::SetSearch{person.external_id});
            for (const auto& [name, draw] : panels)
                for (int f = 0; f < 3; ++f) {
                    const auto drawn = screen.frame(ctx, true, ImVec2(-1, -1), draw);
                    for (const auto& leak : leaks(drawn, secrets))
                        ADD_FAILURE() << name << " draws " << leak;
                    scan(drawn);
                }
            // The panels only read: what they emitted (viewport, nothing else) is applied here.
            controller.apply_all(queue);
        }
    }

    // Tooltips: hover located persons on the map (at their displaced symbols).
    std::size_t tooltips = 0;
    for (const auto& r : view.persons) {
        if (!r.position || tooltips >= 6) continue;
        const map::ScreenXY at = view.camera.world_to_screen(*r.position);
        if (at.x < 2 || at.y < 2 || at.x > double{k_map_w} - 2 || at.y > double{k_map_h} - 2)
            continue;
        const ImVec2 mouse(static_cast<float>(at.x), static_cast<float>(at.y));
        std::vector<std::string> drawn;
        for (int f = 0; f < 3; ++f) {
            drawn = screen.frame(ctx, true, mouse, [] {});
            for (const auto& leak : leaks(drawn, secrets))
                ADD_FAILURE() << "map tooltip draws " << leak;
            scan(drawn);
        }
        // The tooltip names the person under the cursor by registry number.
        const bool named = std::any_of(drawn.begin(), drawn.end(), [&](const std::string& t) {
            return std::any_of(view.persons.begin(), view.persons.end(),
                               [&](const PersonRow& p) { return t == "[" + p.external_id + "]"; });
        });
        if (named) ++tooltips;
        controller.apply_all(queue);
    }
    EXPECT_GT(tooltips, 0u) << "no tooltip was drawn: the hover part of the scan saw nothing";

    // The scan saw real content: registry numbers and map labels were drawn.
    for (const auto& person : chosen)
        EXPECT_TRUE(std::any_of(all_drawn.begin(), all_drawn.end(), [&](const std::string& t) {
            return t.find(person.external_id) != std::string::npos;
        })) << person.external_id;
    EXPECT_TRUE(std::any_of(all_drawn.begin(), all_drawn.end(), [&](const std::string& t) {
        return std::any_of(view.facilities.begin(), view.facilities.end(),
                           [&](const FacilityRow& f) { return !f.name.empty() && t == f.name; });
    })) << "no facility label or name decoded";
    // The running drill's ticker reached the wall (drawn with its time in front).
    ASSERT_TRUE(view.drill.running);
    ASSERT_FALSE(view.drill.ticker.empty());
    EXPECT_TRUE(
        std::any_of(all_drawn.begin(), all_drawn.end(),
                    [&](const std::string& t) {
                        return t.find(view.drill.ticker.front().text_en) != std::string::npos ||
                               t.find(view.drill.ticker.front().text_ja) != std::string::npos;
                    }))
        << "the ticker line '" << view.drill.ticker.front().text_en << "' was not drawn";
    const auto held = leaks(view_texts(view), secrets);
    EXPECT_TRUE(held.empty()) << held.front();
    queue.clear();
}

TEST_F(PrivacyScanTest, ViewModelHoldsNoNameInDrillAndProjectorModesAndUnmasksWhenSwitchedOff) {
    const Secrets secrets = read_secrets(m_db);
    ViewModel view;
    JobRunner jobs;
    Controller controller(view, jobs, std::nullopt, BREATHLINE_TEST_DATA_DIR, "privacy-scan");
    // Drill mode saved before the database is opened: load_model masks.
    controller.apply(cmd::SetDrillMode{true});
    open(controller, jobs, view);
    // A person with supporters and contacts, so that those lists are checked too.
    auto store = data::open_store(m_db);
    std::optional<data::Person> linked;
    for (const auto& p : store->registry().persons())
        if (!store->registry().supporter_links(p.id).empty() &&
            !store->registry().contacts(p.id).empty()) {
            linked = p;
            break;
        }
    ASSERT_TRUE(linked) << "the demo has a person with supporters and contacts";
    controller.apply(
        cmd::Select{{map::FeatureRef::Kind::person, linked->id, linked->external_id}, false});
    ASSERT_TRUE(view.selected_person);
    EXPECT_FALSE(view.selected_supporters.empty());
    EXPECT_FALSE(view.selected_contacts.empty());
    auto held = leaks(view_texts(view), secrets);
    EXPECT_TRUE(held.empty()) << held.front();
    EXPECT_EQ(view.selected_person->name, "[" + linked->external_id + "]");

    // Projector mode with initials and a 300 m displacement, drill mode off: still masked.
    view.settings.projector_initials = true;
    view.settings.projector_displace_m = 300;
    controller.apply(cmd::SetProjectorMode{true});
    controller.apply(cmd::SetDrillMode{false});
    ASSERT_TRUE(view.settings.masks_personal_data());
    held = leaks(view_texts(view), secrets);
    EXPECT_TRUE(held.empty()) << held.front();
    // Homes sit 300 m from where they are, in rows and in the map scene alike.
    const geo::PlaneProjector projector;
    std::size_t checked = 0;
    for (const auto& p : store->registry().persons()) {
        const auto i = view.person_index(p.id);
        if (!i || !p.location || !view.persons[*i].position) continue;
        EXPECT_NEAR(geo::distance_m(projector.to_plane(*p.location), *view.persons[*i].position),
                    300.0, 1.0)
            << p.external_id;
        ++checked;
    }
    EXPECT_GT(checked, 0u);
    // Saving the masked panel would write masks over the registry: refused.
    controller.apply(cmd::SavePerson{linked->external_id, linked->row_version, {{"notes", "x"}}});
    EXPECT_EQ(store->registry().person(linked->id)->name, linked->name);
    EXPECT_EQ(store->registry().person(linked->id)->notes, linked->notes);

    // Both off: the real records come back.
    controller.apply(cmd::SetProjectorMode{false});
    ASSERT_FALSE(view.settings.masks_personal_data());
    ASSERT_TRUE(view.selected_person);
    EXPECT_EQ(view.selected_person->name, linked->name);
    const auto i = view.person_index(linked->id);
    ASSERT_TRUE(i);
    EXPECT_EQ(view.persons[*i].name, linked->name);
}

} // namespace
} // namespace breathline::ui
