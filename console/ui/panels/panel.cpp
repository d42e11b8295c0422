// Enum labels shared by the panels (the map style owns the legend names, so panels and legend
// say the same words).
#include "console/ui/panels/panel.h"

#include "console/map/style.h"
#include "data/ops/phase.h"

namespace breathline::ui {

std::string_view status_label(const PanelContext& ctx, data::PersonStatus s) {
    return ctx.pick(map::person_status_label_ja(s), map::person_status_label_en(s));
}

std::string_view group_label(const PanelContext& ctx, map::DeviceGroup g) {
    return ctx.pick(map::device_group_label_ja(g), map::device_group_label_en(g));
}

std::string_view kind_label(const PanelContext& ctx, data::FacilityKind k) {
    return ctx.pick(data::label_ja(k), data::label_en(k));
}

std::string_view facility_status_label(const PanelContext& ctx, data::FacilityStatus s) {
    return ctx.pick(map::facility_status_label_ja(s), map::facility_status_label_en(s));
}

std::string_view precision_label(const PanelContext& ctx, data::GeocodePrecision p) {
    switch (p) {
    case data::GeocodePrecision::exact:
        return ctx.t("precision.exact");
    case data::GeocodePrecision::town:
        return ctx.t("precision.town");
    case data::GeocodePrecision::manual:
        return ctx.t("precision.manual");
    case data::GeocodePrecision::unresolved:
        return ctx.t("precision.unresolved");
    }
    return {};
}

std::string_view incident_kind_label(const PanelContext& ctx, data::IncidentKind k) {
    switch (k) {
    case data::IncidentKind::earthquake:
        return ctx.t("ikind.earthquake");
    case data::IncidentKind::storm_flood:
        return ctx.t("ikind.storm_flood");
    case data::IncidentKind::power_outage:
        return ctx.t("ikind.power_outage");
    case data::IncidentKind::pandemic:
        return ctx.t("ikind.pandemic");
    case data::IncidentKind::other:
        return ctx.t("ikind.other");
    }
    return {};
}

std::string_view evacuation_label(const PanelContext& ctx, data::EvacuationLevel l) {
    // The ward's official terms live with the phase rules (data/ops/phase.h), not in ui_text.
    return ctx.pick(data::ops::label_ja(l), data::ops::label_en(l));
}

std::string_view judgement_label(const PanelContext& ctx, data::Judgement j) {
    switch (j) {
    case data::Judgement::stay_home:
        return ctx.t("judgement.stay_home");
    case data::Judgement::hospitalise:
        return ctx.t("judgement.hospitalise");
    case data::Judgement::evacuate:
        return ctx.t("judgement.evacuate");
    }
    return {};
}

std::string_view board_level_label(const PanelContext& ctx, data::ops::BoardLevel l) {
    switch (l) {
    case data::ops::BoardLevel::critical:
        return ctx.t("level.critical");
    case data::ops::BoardLevel::urgent:
        return ctx.t("level.urgent");
    case data::ops::BoardLevel::unconfirmed:
        return ctx.t("level.unconfirmed");
    case data::ops::BoardLevel::watch:
        return ctx.t("level.watch");
    case data::ops::BoardLevel::ok:
        return ctx.t("level.ok");
    }
    return {};
}

std::string board_reason_label(const PanelContext& ctx, std::string_view code) {
    // Only known codes become keys: an unknown one must not land in missing_text_keys().
    static constexpr std::string_view k_codes[] = {"circuit_fault",
                                                   "vent_stopped",
                                                   "no_bag",
                                                   "caregiver_cannot_continue",
                                                   "low_spo2",
                                                   "judgement_hospitalise",
                                                   "judgement_evacuate",
                                                   "runway_unknown",
                                                   "runway_short"};
    for (const auto c : k_codes)
        if (c == code) return ctx.t("reason." + std::string(code));
    return std::string(code);
}

bool is_blank(std::string_view text) {
    std::string rest(text);
    // U+3000, the ideographic space a Japanese input method types.
    for (auto i = rest.find("\u3000"); i != std::string::npos; i = rest.find("\u3000"))
        rest.erase(i, 3);
    return rest.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string jst_text(std::string_view stored_utc) {
    if (const auto t = data::ops::parse_time(stored_utc)) return data::ops::format_time_jst(*t);
    return std::string(stored_utc);
}

} // namespace breathline::ui
