// The search box: name, kana, address or id of a person or facility (view_model.h's search,
// masked in drill mode); choosing a result selects it and centres the map on it.
#include "console/ui/panels/panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace breathline::ui {

void draw_search_box(const PanelContext& ctx) {
    const ViewModel& v = ctx.view;
    std::string text = v.search_text;
    ImGui::SetNextItemWidth(-1.0f);
    const bool enter = ImGui::InputTextWithHint("##search", ctx.t("search.hint"), &text,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    if (text != v.search_text) ctx.emit(cmd::SetSearch{text});
    if (v.search_text.empty()) return;
    const auto hits = search(v.persons, v.facilities, v.search_text, ctx.drill(), 12);
    if (hits.empty()) {
        ImGui::TextDisabled("%s", ctx.t("search.no_hits"));
        return;
    }
    auto choose = [&](const SearchHit& h) {
        if (h.kind == SearchHit::Kind::facility) {
            const auto& f = v.facilities[h.index];
            ctx.emit(cmd::Select{{map::FeatureRef::Kind::facility, f.id, f.external_id}, true});
        } else {
            const auto& p = v.persons[h.index];
            ctx.emit(cmd::Select{{map::FeatureRef::Kind::person, p.id, p.external_id}, true});
        }
    };
    // Enter jumps to the first result, as a search box on a map does.
    if (enter) choose(hits.front());
    for (std::size_t i = 0; i < hits.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const char* kind = hits[i].kind == SearchHit::Kind::facility ? ctx.t("search.facility")
                                                                     : ctx.t("search.person");
        if (ImGui::Selectable((std::string(kind) + "  " + ctx.show(hits[i].text)).c_str()))
            choose(hits[i]);
        ImGui::PopID();
    }
}

} // namespace breathline::ui
