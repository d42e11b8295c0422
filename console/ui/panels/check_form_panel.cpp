// The safety-check form (安否確認チェック表) of one person, laid out in the seed form's sections.
// Every field is text keyed by the names `breathline check record` reads, so the form and a
// check file go through one reader and one validation; the widgets only offer the spellings
// that reader accepts (yes/no as "true"/"false", the ventilator's power and the judgement by
// their database names). A field's problem from the last Record stands under it in red.
#include "console/ui/panels/panel.h"

#include <algorithm>
#include <imgui.h>
#include <imgui_stdlib.h>

namespace breathline::ui {

namespace {

struct Section {
    const char* title_key;
    std::vector<std::string_view> keys;
};

// The seed form's sections. Keys the form knows but no section lists go to a last section,
// so a field added to the reader is never silently missing from the form.
const std::vector<Section>& sections() {
    static const std::vector<Section> k = {
        {"check.section.ventilator",
         {"vent_running", "vent_power", "circuit_fault", "external_power_left_h", "bag_at_hand",
          "caregiver_can_use_bag", "vent_other_concern", "generator_h", "car_charger_h"}},
        {"check.section.patient",
         {"bp_systolic", "bp_diastolic", "pulse_bpm", "spo2_pct", "temperature_c",
          "other_condition", "anxiety"}},
        {"check.section.caregiver", {"caregiver_can_continue", "caregiver_reason"}},
        {"check.section.lifeline", {"electricity", "gas", "water"}},
        {"check.section.devices",
         {"suction_rechargeable", "suction_foot", "oxygen_cylinders", "oxygen_hours_usable",
          "oxygen_cylinder_l", "oxygen_fill_ratio", "air_mattress", "other_devices"}},
        {"check.section.judgement", {"notes", "judgement", "future_plan"}},
        {"check.section.contact",
         {"informed_physician", "informed_care_manager", "informed_other"}},
        {"check.section.checker", {"checked_at", "checker_affiliation", "checker_name"}},
    };
    return k;
}

bool in_sections(std::string_view key) {
    for (const auto& s : sections())
        if (std::find(s.keys.begin(), s.keys.end(), key) != s.keys.end()) return true;
    return false;
}

struct Choice {
    const char* value; ///< what the reader accepts
    const char* label_key;
};

// Yes/no fields: blank is "not recorded", which the board treats differently from "no".
const std::vector<Choice>* choices_for(std::string_view key) {
    static const std::vector<Choice> k_yes_no = {
        {"", "check.blank"}, {"true", "check.yes"}, {"false", "check.no"}};
    static const std::vector<Choice> k_power = {{"", "check.blank"},
                                                {"ac", "vpower.ac"},
                                                {"external_battery", "vpower.external_battery"},
                                                {"internal_battery", "vpower.internal_battery"}};
    static const std::vector<Choice> k_judgement = {{"", "check.blank"},
                                                    {"stay_home", "judgement.stay_home"},
                                                    {"hospitalise", "judgement.hospitalise"},
                                                    {"evacuate", "judgement.evacuate"}};
    static constexpr std::string_view k_bools[] = {
        "vent_running",          "circuit_fault",          "bag_at_hand",
        "caregiver_can_use_bag", "caregiver_can_continue", "suction_rechargeable",
        "suction_foot",          "informed_physician",     "informed_care_manager"};
    if (key == "vent_power") return &k_power;
    if (key == "judgement") return &k_judgement;
    for (const auto b : k_bools)
        if (b == key) return &k_yes_no;
    return nullptr;
}

bool multiline(std::string_view key) {
    return key == "notes" || key == "future_plan" || key == "vent_other_concern" ||
           key == "other_condition";
}

std::string field_label(const PanelContext& ctx, std::string_view key) {
    if (ctx.lang() == Lang::ja) {
        const auto ja = data::ops::check_field_label_ja(key);
        if (!ja.empty()) return std::string(ja);
    }
    return ctx.t("check.field." + std::string(key));
}

void draw_check_field(const PanelContext& ctx, const CheckForm& form, const std::string& key) {
    const std::string& value = form.value(key);
    const data::ops::FieldProblem* problem = form.problem_for(key);
    ImGui::PushID(key.c_str());
    ImGui::AlignTextToFramePadding();
    if (problem) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.05f, 0.05f, 1.0f));
    ImGui::TextUnformatted(ctx.show(field_label(ctx, key)).c_str());
    if (problem) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", key.c_str());
    ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.45f);
    ImGui::SetNextItemWidth(-1.0f);
    if (const auto* choices = choices_for(key)) {
        // A value typed elsewhere in another spelling (e.g. 有) is shown as typed.
        std::string preview = ctx.show(value);
        for (const auto& c : *choices)
            if (value == c.value) preview = ctx.t(c.label_key);
        if (ImGui::BeginCombo("##v", preview.c_str())) {
            for (const auto& c : *choices)
                if (ImGui::Selectable(ctx.t(c.label_key), value == c.value) && value != c.value)
                    ctx.emit(cmd::SetCheckField{key, c.value});
            ImGui::EndCombo();
        }
    } else if (multiline(key)) {
        std::string text = value;
        if (ImGui::InputTextMultiline("##v", &text, ImVec2(-1.0f, ImGui::GetTextLineHeight() * 3)))
            ctx.emit(cmd::SetCheckField{key, text});
    } else {
        std::string text = value;
        if (ImGui::InputText("##v", &text)) ctx.emit(cmd::SetCheckField{key, text});
    }
    if (problem) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.05f, 0.05f, 1.0f));
        ImGui::TextWrapped("%s",
                           ctx.show(ctx.pick(problem->message_ja, problem->message_en)).c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopID();
}

} // namespace

void draw_check_form(const PanelContext& ctx) {
    const CheckForm& form = ctx.view.ops.check;
    if (!form.is_open()) {
        ImGui::TextWrapped("%s", ctx.t("check.none"));
        return;
    }
    ImGui::TextUnformatted(ctx.t("check.title"));
    std::string who = "[" + form.person_external_id + "]";
    if (const auto i = ctx.view.person_index(form.person_id))
        who = display_name(ctx.view.persons[*i], ctx.drill());
    ImGui::Text("%s  %s", ctx.show(form.person_external_id).c_str(), ctx.show(who).c_str());
    if (ctx.view.ops.active) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s%s", ctx.show(ctx.view.ops.active->title).c_str(),
                            ctx.view.ops.active->is_drill ? ctx.t("incident.drill") : "");
    }
    ImGui::BeginDisabled(!ctx.allowed(cmd::RecordCheck{}));
    if (ImGui::Button(ctx.label("check.record").c_str())) ctx.emit(cmd::RecordCheck{});
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(ctx.label("check.close").c_str())) ctx.emit(cmd::CloseCheckForm{});
    if (!form.problems.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.05f, 0.05f, 1.0f));
        ImGui::TextWrapped("%s (%zu)", ctx.t("check.has_problems"), form.problems.size());
        // Problems that belong to no field of the form (incident, person) have nowhere else.
        for (const auto& p : form.problems)
            if (std::find(form.keys.begin(), form.keys.end(), p.field) == form.keys.end())
                ImGui::TextWrapped("%s", ctx.show(ctx.pick(p.message_ja, p.message_en)).c_str());
        ImGui::PopStyleColor();
    }

    ImGui::BeginChild("check_fields", ImVec2(0, 0), false);
    for (const auto& section : sections()) {
        if (!ImGui::CollapsingHeader(ctx.label(section.title_key).c_str(),
                                     ImGuiTreeNodeFlags_DefaultOpen))
            continue;
        for (const auto key : section.keys) {
            // Only keys the form holds: a section entry the reader dropped is not invented.
            if (std::find(form.keys.begin(), form.keys.end(), key) == form.keys.end()) continue;
            draw_check_field(ctx, form, std::string(key));
        }
    }
    bool header = false;
    for (const auto& key : form.keys) {
        if (in_sections(key)) continue;
        if (!header && !ImGui::CollapsingHeader(ctx.label("check.section.other").c_str(),
                                                ImGuiTreeNodeFlags_DefaultOpen))
            break;
        header = true;
        draw_check_field(ctx, form, key);
    }
    ImGui::EndChild();
}

} // namespace breathline::ui
