#pragma once
/// The map scene on paper: draws the same Scene values the GL renderer draws (ward fill and
/// outline, roads by class, facility and person symbols with their shapes) onto a cairo PDF
/// page through data/reports' PdfDocument, in grey so that it reads in black and white (the
/// symbols' shapes, not their colours, tell the kinds apart). No GL.
///
/// Thread safety: one call per document at a time.
#include "console/map/scene.h"
#include "data/reports/plan_papers.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace breathline::map {

struct PaperMapOptions {
    /// What to show, absolute EPSG:6677 metres; fitted into the rectangle keeping the scale.
    PlaneBox view;
    /// The label drawn beside a person symbol ("" draws none); the privacy level is the
    /// caller's (data::reports::person_label).
    std::function<std::string(const FeatureRef&)> person_label;
    bool facility_labels = true;
    /// False on one person's plan: other persons' homes are not that plan's business.
    bool show_persons = true;
    /// A route to draw above everything, absolute EPSG:6677 metres.
    std::vector<geo::PlaneXY> route;
    /// A highlighted point (the home) with its label.
    std::optional<geo::PlaneXY> home;
    std::string home_label;
};

/// Draws `scene`'s visible layers into `rect` of the current page; returns the scale.
data::reports::MapDrawn draw_scene_on_paper(data::reports::PdfDocument& doc, const Scene& scene,
                                            const data::reports::PaperRect& rect,
                                            const PaperMapOptions& options);

/// One legend line per facility kind and person device group present in the scene, with the
/// symbol's shape named in words (● ■ ▲ ◆ ★ ✕ ⬢ ○) for a black-and-white page.
std::vector<std::string> paper_legend(const Scene& scene);

} // namespace breathline::map
