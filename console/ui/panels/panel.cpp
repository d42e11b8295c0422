// Enum labels shared by the panels (the map style owns the legend names, so panels and legend
// say the same words).
#include "console/ui/panels/panel.h"

#include "console/map/style.h"

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

} // namespace breathline::ui
