#pragma once
/// The paper of the support-plan cycle (要領 第5条6: plans are kept on paper because power may
/// be out): the plan of one person (第6号, with a map of the home, the nearest facilities and
/// the route to the chosen hospital), the 第1号/第2号 registration forms pre-filled for signing,
/// the quarterly 第7号 invoice of a visiting nurse station, and the frame of the ventilator-user
/// map (人工呼吸器使用者等マップ: legend, scale bar, north arrow, date, credits). A4 (the map also
/// A3), black on white, Noto Sans CJK embedded; written to a temporary file and published with
/// one audit entry (an export), names only at the privacy level asked for.
///
/// Maps are drawn by the caller through MapDrawer (the console draws its map scene with cairo:
/// console/map/paper_map.h), so this layer knows nothing of the console's scene.
///
/// Thread safety: one call per Store at a time.
#include "data/plans/plan.h"
#include "data/reports/pdf_document.h"
#include "data/store/store.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace breathline::data::reports {

/// How persons are named on paper: full names, initials (from the kana), or registry numbers.
enum class Privacy { full, initials, numbers };
std::optional<Privacy> parse_privacy(std::string_view s); ///< full | initials | numbers
std::string_view to_text(Privacy p);
/// The person as `privacy` allows: the name, the kana initials (e.g. "コ.ハ."; "?" without
/// kana), or the registry number. Never more than asked for.
std::string person_label(const Person& p, Privacy privacy);

/// A rectangle on the page, millimetres from the top-left corner.
struct PaperRect {
    double x = 0, y = 0, w = 0, h = 0;
};
/// What a map drawer reports back for the page's notes and legend.
struct MapDrawn {
    double metres_per_mm = 0; ///< scale of the drawing (for the scale bar)
    std::vector<std::string> notes; ///< e.g. "病院の位置が未登録のため経路は描けません"
};
/// Draws a map into `rect` of `doc`'s current page.
using MapDrawer = std::function<MapDrawn(PdfDocument& doc, const PaperRect& rect)>;

struct PaperResult {
    std::filesystem::path path;
    int pages = 0;
    std::vector<std::string> notes;
};

/// Facts of the plan paper's map that the text names (the map itself is drawn by the drawer).
struct PlanMapFacts {
    std::vector<std::string> lines; ///< e.g. "経路: 都立大塚病院 まで 車 12 分 (3.4 km)"
};

/// The plan of `person_id`'s current plan (latest version), A4: header, 第5条 (1)–(7), steps so
/// far, and the map. Privacy applies to the person's name on the page. Throws
/// DataError(not_found) when the person has no plan or the plan has no version yet.
PaperResult write_plan_paper(Store& store, const std::string& person_id,
                             const std::filesystem::path& output, Privacy privacy,
                             const MapDrawer& map, const PlanMapFacts& facts);

/// The ventilator-user map: title, the map from `map`, legend lines, scale bar, north arrow,
/// date, data credits and the privacy level. `a3`: A3 landscape, else A4 landscape.
struct VentilatorMapOptions {
    std::string area_title; ///< 豊島区全域 or a 町丁目
    Privacy privacy = Privacy::numbers;
    bool a3 = false;
    std::string date;                     ///< printed date (JST)
    std::vector<std::string> legend;      ///< one line per symbol, e.g. "● TPPV"
    std::vector<std::string> credits;     ///< data credits
    std::vector<std::string> person_list; ///< "label  address" lines beside the map
};
PaperResult write_ventilator_map(Store& store, const std::filesystem::path& output,
                                 const VentilatorMapOptions& options, const MapDrawer& map);

/// 第1号 (family) and 第2号 (agency) forms pre-filled from the registry for signing. These are
/// consent forms the person signs, so they carry the name; audited as an export with personal data.
PaperResult write_registration_forms(Store& store, const std::string& person_id,
                                     const std::filesystem::path& output);

/// The 第7号 invoice of one station and quarter.
PaperResult write_invoice(Store& store, const plans::InvoiceTotals& totals,
                          const std::filesystem::path& output);

} // namespace breathline::data::reports
