// Person details (forms 第1号/第2号/第3号): every registry field, editable, validated by the
// same parsers as an import when saved; errors appear under the field. Personal fields are
// shown masked and read-only in drill mode. Supporters and contacts are listed.
#include "console/ui/panels/field_widgets.h"
#include "console/ui/panels/panel.h"
#include "data/io/person_fields.h"

#include <cstdio>
#include <imgui.h>

namespace breathline::ui {

namespace {

struct Section {
    const char* title_key;
    std::vector<std::string> keys;
};

// Form order (第1号/第2号 then 第3号), grouped as on the forms.
const std::vector<Section>& sections() {
    static const std::vector<Section> k = {
        {"person.section.basic",
         {"name", "name_kana", "sex", "birth_date", "postal_code", "address", "phone_home",
          "phone_mobile", "disease", "care_situation", "status"}},
        {"person.section.ventilator",
         {"uses_ventilator", "ventilator_mode", "ventilator_hours_per_day", "ventilator_model",
          "internal_battery", "internal_battery_h", "external_battery", "external_battery_h",
          "suction_internal_battery", "suction_non_electric", "resuscitation_bag"}},
        {"person.section.devices",
         {"home_oxygen", "oxygen_flow_l_min", "oxygen_hours_per_day", "infusion_pump",
          "pulse_oximeter", "low_pressure_suction", "inhaler", "tube_feeding", "cough_assist",
          "air_mattress"}},
        {"person.section.consent",
         {"consent_scope", "consent_date", "consent_signed_by", "power_company_registered",
          "svc_care_insurance", "svc_intractable_disease", "svc_disability_welfare",
          "svc_pediatric_chronic", "svc_severe_disability_visit", "disability_certificate_grade",
          "svc_other", "disaster_concerns"}},
        {"person.section.location", {"lon", "lat"}},
        {"person.section.notes", {"notes"}},
    };
    return k;
}

FieldWidget widget_for(const std::string& key) {
    using K = FieldWidget::Kind;
    static const std::vector<std::string> flags = {"uses_ventilator",
                                                   "home_oxygen",
                                                   "infusion_pump",
                                                   "pulse_oximeter",
                                                   "low_pressure_suction",
                                                   "inhaler",
                                                   "cough_assist",
                                                   "air_mattress",
                                                   "svc_care_insurance",
                                                   "svc_intractable_disease",
                                                   "svc_disability_welfare",
                                                   "svc_pediatric_chronic",
                                                   "svc_severe_disability_visit"};
    static const std::vector<std::string> yes_no = {
        "internal_battery",     "external_battery",  "suction_internal_battery",
        "suction_non_electric", "resuscitation_bag", "power_company_registered"};
    for (const auto& f : flags)
        if (f == key) return {K::flag, {}};
    for (const auto& f : yes_no)
        if (f == key)
            return {K::choice, {{"", "choice.unknown"}, {"1", "choice.yes"}, {"0", "choice.no"}}};
    if (key == "sex")
        return {K::choice,
                {{"male", "sex.male"},
                 {"female", "sex.female"},
                 {"other", "sex.other"},
                 {"unknown", "sex.unknown"}}};
    if (key == "ventilator_mode")
        return {K::choice, {{"", "choice.unknown"}, {"tppv", "mode.tppv"}, {"nppv", "mode.nppv"}}};
    if (key == "tube_feeding")
        return {K::choice,
                {{"none", "tube.none"},
                 {"gastrostomy", "tube.gastrostomy"},
                 {"nasal", "tube.nasal"},
                 {"other", "tube.other"}}};
    if (key == "status")
        return {K::choice,
                {{"active", "status.active"},
                 {"hospitalised", "status.hospitalised"},
                 {"moved", "status.moved"},
                 {"deceased", "status.deceased"},
                 {"inactive", "status.inactive"}}};
    if (key == "care_situation" || key == "disaster_concerns" || key == "notes")
        return {K::multiline, {}};
    return {K::text, {}};
}

// Incident operations for the selected person: the safety check and the destination, the
// person's board row and a short check history (newest last, as stored).
void draw_ops_section(const PanelContext& ctx, const data::Person& p) {
    const OpsView& ops = ctx.view.ops;
    if (!ImGui::CollapsingHeader(ctx.label("person.section.ops").c_str(),
                                 ImGuiTreeNodeFlags_DefaultOpen))
        return;
    // A check belongs to an incident: without an active one there is nothing to record into.
    ImGui::BeginDisabled(!ops.active || !ctx.allowed(cmd::RecordCheck{}));
    if (ImGui::Button(ctx.label("person.record_check").c_str()))
        ctx.emit(cmd::OpenCheckForm{p.external_id});
    ImGui::EndDisabled();
    if (!ops.active) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", ctx.t("person.no_incident"));
    }
    // The judgement to recommend for; empty: the latest check's (the controller decides).
    static std::optional<data::Judgement> judgement;
    if (ImGui::Button(ctx.label("person.recommend").c_str()))
        ctx.emit(cmd::Recommend{p.external_id, judgement, "car"});
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    const std::string preview_text = judgement ? std::string(judgement_label(ctx, *judgement))
                                               : std::string(ctx.t("judgement.latest"));
    if (ImGui::BeginCombo("##judgement", preview_text.c_str())) {
        if (ImGui::Selectable(ctx.t("judgement.latest"), !judgement)) judgement.reset();
        for (const auto j : {data::Judgement::hospitalise, data::Judgement::evacuate})
            if (ImGui::Selectable(std::string(judgement_label(ctx, j)).c_str(), judgement == j))
                judgement = j;
        ImGui::EndCombo();
    }
    if (const data::ops::BoardRow* row = ops.board_row(p.id)) {
        std::string text = std::string(board_level_label(ctx, row->level));
        if (row->hours_left) {
            char buf[32];
            std::snprintf(buf, sizeof buf, " %.1f h", *row->hours_left);
            text += std::string(" ") + ctx.t("board.left") + buf;
        } else if (row->unknown_deadline) {
            text += std::string(" ") + ctx.t("board.left") + " " + ctx.t("runway.unknown");
        }
        for (const auto& code : row->reasons)
            text += ", " + board_reason_label(ctx, code);
        ImGui::Text("%s: %s", ctx.t("person.board"), ctx.show(text).c_str());
    }
    ImGui::TextUnformatted(ctx.t("person.history"));
    if (ops.selected_history.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", ctx.t("person.no_history"));
    }
    // The last few only: the full history is in `breathline check list`.
    constexpr std::size_t k_shown = 5;
    const auto& history = ops.selected_history;
    for (std::size_t i = history.size() > k_shown ? history.size() - k_shown : 0;
         i < history.size(); ++i) {
        const data::SafetyCheck& c = history[i];
        std::string line = jst_text(c.checked_at);
        if (c.judgement) line += "  " + std::string(judgement_label(ctx, *c.judgement));
        if (c.spo2_pct) line += "  SpO2 " + std::to_string(*c.spo2_pct) + "%";
        ImGui::BulletText("%s", ctx.show(line).c_str());
    }
}

bool personal(const std::string& key) {
    for (const auto& f : data::person_fields())
        if (f.key == key) return f.personal;
    return false;
}

} // namespace

void draw_person_panel(const PanelContext& ctx) {
    const ViewModel& v = ctx.view;
    if (!v.selected_person) {
        ImGui::TextWrapped("%s", ctx.t("person.none"));
        return;
    }
    const data::Person& p = *v.selected_person;
    const EditBuffer& buffer = v.person_edit;
    const PersonRow* row = nullptr;
    if (auto i = v.person_index(p.id)) row = &v.persons[*i];

    const std::string name = row ? display_name(*row, ctx.drill()) : "[" + p.external_id + "]";
    ImGui::TextUnformatted(ctx.show(name).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s  %s %lld", p.external_id.c_str(), ctx.t("person.version"),
                        static_cast<long long>(p.row_version));
    if (row) {
        ImGui::Text("%s / %s", std::string(group_label(ctx, row->group)).c_str(),
                    std::string(status_label(ctx, row->status)).c_str());
        if (row->battery_h)
            ImGui::Text("%s: %.1f h", ctx.t("person.battery_total"), *row->battery_h);
        else
            ImGui::Text("%s: —", ctx.t("person.battery_total"));
        ImGui::SameLine();
        ImGui::Text("  %s: %s", ctx.t("precision.title"),
                    std::string(precision_label(ctx, row->precision)).c_str());
    }

    const bool dirty = buffer.dirty();
    ImGui::BeginDisabled(!dirty || !ctx.allowed(cmd::SavePerson{}));
    if (ImGui::Button(ctx.label("person.save").c_str()))
        ctx.emit(cmd::SavePerson{buffer.external_id, buffer.row_version, buffer.changes()});
    ImGui::EndDisabled();
    ImGui::BeginDisabled(!dirty);
    ImGui::SameLine();
    if (ImGui::Button(ctx.label("person.revert").c_str())) ctx.emit(cmd::RevertPerson{});
    ImGui::EndDisabled();
    draw_conflict_box(ctx, buffer, cmd::EditTarget::person);
    if (!buffer.errors.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.05f, 0.05f, 1.0f));
        ImGui::TextWrapped("%s (%zu)", ctx.t("person.has_errors"), buffer.errors.size());
        ImGui::PopStyleColor();
        // Errors about the record as a whole have no field to stand under.
        draw_field_error(ctx, buffer, "");
    }
    if (ctx.drill()) ImGui::TextDisabled("%s", ctx.t("person.drill_masked"));

    ImGui::BeginChild("person_fields", ImVec2(0, 0), false);
    const auto emit = [&ctx](const std::string& key, const std::string& text) {
        ctx.emit(cmd::SetPersonField{key, text});
    };
    draw_ops_section(ctx, p);
    for (const auto& section : sections()) {
        if (!ImGui::CollapsingHeader(ctx.label(section.title_key).c_str(),
                                     ImGuiTreeNodeFlags_DefaultOpen))
            continue;
        for (const auto& key : section.keys) {
            const bool masked = ctx.drill() && personal(key);
            if (masked) {
                ImGui::TextDisabled("%s: %s", person_field_label(ctx.lang(), key).c_str(),
                                    ctx.t("person.hidden"));
                continue;
            }
            draw_field(ctx, buffer, key, person_field_label(ctx.lang(), key), widget_for(key),
                       false, emit);
        }
    }
    if (ImGui::CollapsingHeader(ctx.label("person.section.supporters").c_str(),
                                ImGuiTreeNodeFlags_DefaultOpen)) {
        const auto n = v.selected_supporters.size();
        ImGui::Text("%s: %zu", ctx.t("person.supporters"), n);
        if (p.uses_ventilator &&
            n < static_cast<std::size_t>(data::k_supporters_needed_for_transport)) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(0.75f, 0.05f, 0.05f, 1.0f), "%s",
                               ctx.t("person.supporters_short"));
        }
        for (const auto& s : v.selected_supporters)
            ImGui::BulletText("%s  %s  %s", s.external_id.c_str(),
                              ctx.show(ctx.drill() ? "[" + s.external_id + "]" : s.name).c_str(),
                              std::string(data::to_db(s.kind)).c_str());
        ImGui::Text("%s: %zu", ctx.t("person.contacts"), v.selected_contacts.size());
        for (const auto& c : v.selected_contacts)
            ImGui::BulletText("%s  %s  %s", std::string(data::to_db(c.kind)).c_str(),
                              ctx.show(c.organisation).c_str(), c.phone.c_str());
    }
    ImGui::EndChild();
}

} // namespace breathline::ui
