#include "data/reports/route_sheet.h"

#include "data/error.h"
#include "data/reports/pdf_document.h"
#include "data/spatialite/spatialite_store.h"
#include "geo/projection.h"

#include <algorithm>
#include <cairo.h>
#include <cmath>
#include <limits>
#include <map>

namespace breathline::data::reports {

namespace {

using dispatch::DeliveryRow;
using dispatch::DeliveryStatus;

constexpr double k_left = 18.0;
constexpr double k_right = 192.0;
constexpr double k_bottom = 280.0;
// The map's frame on page 1, millimetres.
constexpr double k_map_top = 42.0;
constexpr double k_map_height = 112.0;
constexpr double k_pt_per_mm = 72.0 / 25.4;

std::optional<ops::TimePoint> stop_time(const DeliveryRow& r) {
    const auto& text = r.status == DeliveryStatus::done ? r.done_at : r.planned_at;
    return text ? ops::parse_time(*text) : std::nullopt;
}

// "12:34" in Japan time, from format_time_jst's "2026-12-03 12:34 JST".
std::string clock_jst(ops::TimePoint t) {
    const std::string s = ops::format_time_jst(t);
    return s.size() >= 16 ? s.substr(11, 5) : s;
}

std::string_view status_ja(DeliveryStatus s) {
    switch (s) {
    case DeliveryStatus::pending:
        return "未計画";
    case DeliveryStatus::planned:
        return "予定";
    case DeliveryStatus::en_route:
        return "移動中";
    case DeliveryStatus::done:
        return "完了";
    case DeliveryStatus::failed:
        return "不成功";
    case DeliveryStatus::cancelled:
        return "取消";
    }
    return "?";
}

// Page coordinates (mm) of EPSG:6677 points: the bounding box of what is drawn, fitted into
// the frame with the same scale on both axes (the plane is conformal there, so the scale bar
// is true in every direction).
class MapFrame {
public:
    MapFrame(double min_x, double min_y, double max_x, double max_y) {
        // At least 1 km across, so a single nearby stop does not zoom to house level, plus a
        // margin so stop circles at the edge stay inside.
        const double cx = (min_x + max_x) / 2, cy = (min_y + max_y) / 2;
        const double w = std::max(max_x - min_x, 1000.0) * 1.15;
        const double h = std::max(max_y - min_y, 1000.0) * 1.15;
        m_mm_per_m = std::min((k_right - k_left) / w, k_map_height / h);
        m_cx = cx;
        m_cy = cy;
    }
    double x(const geo::PlaneXY& p) const {
        return (k_left + k_right) / 2 + (p.x_east_m - m_cx) * m_mm_per_m;
    }
    double y(const geo::PlaneXY& p) const {
        return k_map_top + k_map_height / 2 - (p.y_north_m - m_cy) * m_mm_per_m;
    }
    double mm_per_m() const { return m_mm_per_m; }
    // The frame's extent in plane metres, for culling roads.
    bool near(const geo::PlaneXY& p) const {
        const double half_w = (k_right - k_left) / 2 / m_mm_per_m * 1.2;
        const double half_h = k_map_height / 2 / m_mm_per_m * 1.2;
        return std::fabs(p.x_east_m - m_cx) <= half_w && std::fabs(p.y_north_m - m_cy) <= half_h;
    }

private:
    double m_mm_per_m = 1;
    double m_cx = 0, m_cy = 0;
};

void path_line(cairo_t* cr, const MapFrame& f, const std::vector<geo::PlaneXY>& pts) {
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (i == 0)
            cairo_move_to(cr, f.x(pts[i]), f.y(pts[i]));
        else
            cairo_line_to(cr, f.x(pts[i]), f.y(pts[i]));
    }
}

std::vector<geo::PlaneXY> project(const geo::PlaneProjector& proj,
                                  const std::vector<geo::LonLat>& pts) {
    std::vector<geo::PlaneXY> out(pts.size());
    proj.to_plane(pts, out);
    return out;
}

// A round scale-bar length (1, 2 or 5 × 10^k metres) near a quarter of the frame's width.
double nice_length_m(double target_m) {
    const double p = std::pow(10.0, std::floor(std::log10(target_m)));
    for (const double f : {5.0, 2.0, 1.0})
        if (f * p <= target_m) return f * p;
    return p;
}

struct StopDrawing {
    geo::PlaneXY at;
    int number = 0;
};

// A short straight piece between a door and the road it was snapped to (the routing engine
// costs it as a straight walk × detour factor; the demo's arterial-only roads make it long).
struct AccessLeg {
    geo::PlaneXY door, road;
};

void draw_map(PdfDocument& doc, Store& store, RoutingService& routing,
              const geo::PlaneProjector& proj, const std::vector<std::vector<geo::PlaneXY>>& legs,
              const std::vector<AccessLeg>& access, const geo::PlaneXY& depot,
              const std::vector<StopDrawing>& stops) {
    double min_x = depot.x_east_m, max_x = depot.x_east_m;
    double min_y = depot.y_north_m, max_y = depot.y_north_m;
    auto grow = [&](const geo::PlaneXY& p) {
        min_x = std::min(min_x, p.x_east_m);
        max_x = std::max(max_x, p.x_east_m);
        min_y = std::min(min_y, p.y_north_m);
        max_y = std::max(max_y, p.y_north_m);
    };
    for (const auto& leg : legs)
        for (const auto& p : leg)
            grow(p);
    for (const auto& s : stops)
        grow(s.at);
    const MapFrame frame(min_x, min_y, max_x, max_y);

    cairo_t* cr = doc.cairo();
    cairo_save(cr);
    cairo_rectangle(cr, k_left, k_map_top, k_right - k_left, k_map_height);
    cairo_clip(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);

    // Ward: a pale fill and a dashed outline, so the driver sees where the ward ends.
    if (const auto ward = stored_ward_boundary(store)) {
        for (const auto& part : ward->parts) {
            path_line(cr, frame, project(proj, part.outer.points));
            cairo_close_path(cr);
            for (const auto& hole : part.holes) {
                path_line(cr, frame, project(proj, hole.points));
                cairo_close_path(cr);
            }
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        cairo_set_source_rgb(cr, 0.96, 0.95, 0.90);
        cairo_fill_preserve(cr);
        const double dash[] = {2.0, 1.0};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_line_width(cr, 0.8 / k_pt_per_mm);
        cairo_set_source_rgb(cr, 0.45, 0.40, 0.35);
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
    }

    // Roads near the frame, thin grey.
    cairo_set_line_width(cr, 0.6 / k_pt_per_mm);
    cairo_set_source_rgb(cr, 0.70, 0.70, 0.70);
    for (const auto& e : routing.network().edges) {
        std::vector<geo::LonLat> shape = e.shape;
        if (shape.size() < 2)
            shape = {routing.network().nodes[e.from], routing.network().nodes[e.to]};
        const auto pts = project(proj, shape);
        if (std::none_of(pts.begin(), pts.end(), [&](const auto& p) { return frame.near(p); }))
            continue;
        path_line(cr, frame, pts);
        cairo_stroke(cr);
    }

    // The driven line, and dotted pieces between the road and each door.
    cairo_set_line_width(cr, 2.2 / k_pt_per_mm);
    cairo_set_source_rgb(cr, 0.10, 0.35, 0.80);
    for (const auto& leg : legs) {
        if (leg.size() < 2) continue;
        path_line(cr, frame, leg);
        cairo_stroke(cr);
    }
    const double dots[] = {0.8, 0.8};
    cairo_set_dash(cr, dots, 2, 0);
    cairo_set_line_width(cr, 1.2 / k_pt_per_mm);
    for (const auto& a : access) {
        path_line(cr, frame, {a.door, a.road});
        cairo_stroke(cr);
    }
    cairo_set_dash(cr, nullptr, 0, 0);

    // Depot: a black square.
    const double s = 2.4;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, frame.x(depot) - s / 2, frame.y(depot) - s / 2, s, s);
    cairo_fill(cr);
    doc.text(frame.x(depot) + 2.2, frame.y(depot) - 1.6, 7.5, "拠点", true);

    // Stops: numbered white discs.
    for (const auto& st : stops) {
        const double x = frame.x(st.at), y = frame.y(st.at);
        cairo_new_path(cr);
        cairo_arc(cr, x, y, 2.4, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.75, 0.10, 0.10);
        cairo_set_line_width(cr, 0.9 / k_pt_per_mm);
        cairo_stroke(cr);
        const std::string n = std::to_string(st.number);
        cairo_set_source_rgb(cr, 0, 0, 0);
        doc.text(x - doc.text_width_mm(7, n) / 2, y + 0.9, 7, n, true);
    }

    // North arrow (EPSG:6677 grid north is within a fraction of a degree of true north here).
    const double nx = k_right - 8, ny = k_map_top + 6;
    cairo_new_path(cr);
    cairo_move_to(cr, nx, ny);
    cairo_line_to(cr, nx - 2.2, ny + 7);
    cairo_line_to(cr, nx, ny + 5.4);
    cairo_line_to(cr, nx + 2.2, ny + 7);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_fill(cr);
    doc.text(nx - doc.text_width_mm(8, "N") / 2, ny + 11, 8, "N", true);

    // Scale bar, bottom left.
    const double len_m = nice_length_m((k_right - k_left) / 4 / frame.mm_per_m());
    const double len_mm = len_m * frame.mm_per_m();
    const double bx = k_left + 5, by = k_map_top + k_map_height - 6;
    cairo_set_line_width(cr, 0.8 / k_pt_per_mm);
    cairo_move_to(cr, bx, by - 1.2);
    cairo_line_to(cr, bx, by);
    cairo_line_to(cr, bx + len_mm, by);
    cairo_line_to(cr, bx + len_mm, by - 1.2);
    cairo_stroke(cr);
    const std::string label = len_m >= 1000 ? std::to_string(static_cast<int>(len_m / 1000)) + " km"
                                            : std::to_string(static_cast<int>(len_m)) + " m";
    doc.text(bx + len_mm + 1.5, by + 0.6, 7, label);

    // Credits, bottom right.
    const std::string credits = "道路: © OpenStreetMap contributors";
    doc.text(k_right - 2 - doc.text_width_mm(6.5, credits), k_map_top + k_map_height - 2, 6.5,
             credits);
    cairo_restore(cr);

    // Frame.
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.6 / k_pt_per_mm);
    cairo_rectangle(cr, k_left, k_map_top, k_right - k_left, k_map_height);
    cairo_stroke(cr);
    cairo_restore(cr);
}

// A cursor down the page.
class Cursor {
public:
    Cursor(PdfDocument& doc, double y) : m_doc(doc), m_y(y) {}
    double& y() { return m_y; }
    void room(double mm) {
        if (m_y + mm > k_bottom) {
            m_doc.new_page();
            m_y = 20;
        }
    }
    void cells(const std::vector<std::pair<double, std::string>>& cells, bool bold = false) {
        room(6);
        for (const auto& [x, text] : cells)
            m_doc.text(k_left + x, m_y, 9.5, text, bold);
        m_y += 5.5;
    }
    void para(std::string_view text, double size = 9) {
        room(6);
        m_y = m_doc.wrapped(k_left, m_y, k_right - k_left, size, text);
    }

private:
    PdfDocument& m_doc;
    double m_y;
};

} // namespace

ReportResult write_route_sheet(Store& store, RoutingService& routing,
                               const RouteSheetOptions& options) {
    auto deliveries = dispatch::delivery_store(store);
    std::vector<DeliveryRow> rows;
    for (auto& r : deliveries->deliveries_in(
             {DeliveryStatus::planned, DeliveryStatus::en_route, DeliveryStatus::done},
             options.drill_incident)) {
        if (r.vehicle != options.vehicle) continue;
        const auto t = stop_time(r);
        if (!t || *t < options.since) continue;
        rows.push_back(std::move(r));
    }
    if (rows.empty())
        throw DataError(ErrorCode::not_found, "vehicle " + options.vehicle +
                                                  " has no planned stop in '" + store.location() +
                                                  "'; plan first: `breathline deliveries plan`");
    std::stable_sort(rows.begin(), rows.end(), [](const DeliveryRow& a, const DeliveryRow& b) {
        return *stop_time(a) < *stop_time(b);
    });
    std::map<RowId, Person> persons;
    for (const auto& r : rows)
        if (const auto p = store.registry().person(r.person_id)) persons[r.person_id] = *p;

    // The driven line, leg by leg, from the routing service (the same roads and closures the
    // plan's matrix used).
    const geo::PlaneProjector proj;
    std::vector<RoutePoint> points{{options.depot.position, "depot " + options.depot.label}};
    std::vector<StopDrawing> stops;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto p = persons.find(rows[i].person_id);
        if (p == persons.end() || !p->second.location) continue;
        points.push_back({*p->second.location, "person " + rows[i].registry_number});
        stops.push_back({proj.to_plane(*p->second.location), static_cast<int>(i + 1)});
    }
    points.push_back(points.front());
    std::vector<std::vector<geo::PlaneXY>> legs;
    std::vector<AccessLeg> access;
    double drive_s = 0;
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
        const auto route = routing.route(points[i], points[i + 1], options.profile);
        if (!route.ok() || !route.value().reachable) continue;
        const auto& r = route.value();
        legs.push_back(project(proj, r.geometry));
        access.push_back({proj.to_plane(points[i].position), proj.to_plane(r.from_snap.on_road)});
        access.push_back({proj.to_plane(points[i + 1].position), proj.to_plane(r.to_snap.on_road)});
        drive_s += static_cast<double>(r.time_ms) / 1000.0;
    }

    const bool personal = options.driver_names;
    const auto temp = temp_path_for(options.output);
    int pages = 0;
    try {
        PdfDocument doc(temp, "酸素ボンベ配達・回収ルート表 " + options.vehicle);
        doc.text(k_left, 20, 15, "酸素ボンベ 配達・回収ルート表  " + options.vehicle, true);
        doc.text(k_left, 28, 9.5,
                 "作成 " + spatialite::utc_now_iso() + " (UTC)  " + store.actor() + "   拠点 " +
                     options.depot.label);
        int cylinders_out = 0, cylinders_back = 0;
        for (const auto& r : rows)
            (r.collection ? cylinders_back : cylinders_out) += r.cylinders;
        doc.text(k_left, 34, 9.5,
                 "停車 " + std::to_string(rows.size()) + " か所  積込 ボンベ " +
                     std::to_string(cylinders_out) + " 本  回収 " + std::to_string(cylinders_back) +
                     " 本  走行 約 " + std::to_string(static_cast<int>(std::lround(drive_s / 60))) +
                     " 分");
        draw_map(doc, store, routing, proj, legs, access, proj.to_plane(options.depot.position),
                 stops);

        Cursor c(doc, k_map_top + k_map_height + 9);
        const double x_no = 0, x_eta = 8, x_kind = 26, x_count = 44, x_id = 60, x_addr = 88,
                     x_status = 160;
        c.cells({{x_no, "No"},
                 {x_eta, "時刻(JST)"},
                 {x_kind, "区分"},
                 {x_count, "ボンベ"},
                 {x_id, "登録番号"},
                 {x_addr, personal ? "住所" : "所在地 (町丁目)"},
                 {x_status, "状態"}},
                true);
        doc.line(k_left, c.y() - 3.8, k_right, c.y() - 3.8, 0.3);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& r = rows[i];
            const auto p = persons.find(r.person_id);
            std::string where = "—";
            if (p != persons.end()) {
                if (personal)
                    where = p->second.address.empty() ? p->second.town : p->second.address;
                else
                    where = p->second.town.empty() ? "町丁目不明" : p->second.town;
            }
            c.room(personal ? 12 : 6);
            c.cells({{x_no, std::to_string(i + 1)},
                     {x_eta, clock_jst(*stop_time(r))},
                     {x_kind, r.collection ? "回収" : "配達"},
                     {x_count, std::to_string(r.cylinders) + " 本"},
                     {x_id, r.registry_number},
                     {x_addr, where},
                     {x_status, std::string(status_ja(r.status))}});
            if (personal && p != persons.end()) {
                const std::string& phone =
                    p->second.phone_mobile.empty() ? p->second.phone_home : p->second.phone_mobile;
                c.cells(
                    {{x_id, "氏名: " + p->second.name + (phone.empty() ? "" : "   TEL " + phone)}});
            }
        }
        c.y() += 2;
        c.para("※ 時刻は玄関での作業開始の予定 (完了分は実績) です。道路網と通行止めから計算した"
               "目安で、渋滞は含みません。");
        c.para("※ 回収は酸素療法の終了後に伺います。配達はボンベが尽きる前に届けてください。");
        c.para("※ 地図の青線は道路上の経路、点線は道路から玄関までの直線 (目安) です。");
        if (personal)
            c.para("※ 運転者用: 氏名・住所を含みます。運転者以外に渡さず、終了後は回収・廃棄して"
                   "ください。");
        else
            c.para("※ 氏名は記載していません。照合は登録番号で行ってください (住所は町丁目まで)。");
        pages = doc.pages();
        doc.finish();
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw;
    }
    std::string ids;
    for (const auto& r : rows)
        ids += (ids.empty() ? "" : ", ") + r.registry_number;
    const std::string summary = "route sheet of " + options.vehicle + " (" +
                                std::to_string(rows.size()) + " stops: " + ids + ")" +
                                (personal ? ", driver names included" : ", names masked");
    publish_report(store, temp, options.output, "route_sheet", summary);
    return {options.output, pages};
}

} // namespace breathline::data::reports
