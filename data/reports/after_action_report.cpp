#include "data/reports/after_action_report.h"

#include "data/error.h"
#include "data/reports/pdf_document.h"
#include "data/spatialite/spatialite_store.h"
#include "data/text/csv.h"

#include <algorithm>
#include <cairo.h>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace breathline::data::reports {

namespace fs = std::filesystem;
using drill::AfterAction;
using ops::BoardLevel;
using ops::TimePoint;

namespace {

constexpr double k_left = 18.0;
constexpr double k_right = 192.0;
constexpr double k_top = 20.0;
constexpr double k_bottom = 280.0;
constexpr double k_pt_per_mm = 72.0 / 25.4;
constexpr double k_pi = 3.14159265358979323846;

// Chooses the Japanese or the English wording.
class Words {
public:
    explicit Words(bool english) : m_en(english) {}
    std::string operator()(std::string_view ja, std::string_view en) const {
        return std::string(m_en ? en : ja);
    }
    bool english() const { return m_en; }

private:
    bool m_en;
};

double minutes_between(TimePoint from, TimePoint to) {
    return static_cast<double>((to - from).count()) / 60.0;
}

// A number without trailing zeros, at most `decimals` places ("61", "0.5", "12.25").
std::string number(double v, int decimals = 2) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0')
            s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

std::string minutes_text(const std::optional<double>& m, const Words& w) {
    return m ? number(*m, 1) + w(" 分", " min") : w("—", "—");
}

std::string judgement_text(Judgement j, const Words& w) {
    switch (j) {
    case Judgement::stay_home:
        return w("在宅継続", "stay home");
    case Judgement::hospitalise:
        return w("入院", "hospitalise");
    case Judgement::evacuate:
        return w("避難", "evacuate");
    }
    return "?";
}

std::string level_text(BoardLevel level, const Words& w) {
    return w.english() ? std::string(ops::to_string(level)) : std::string(ops::label_ja(level));
}

std::string outcome_text(drill::DeliveryRowResult::Outcome o, const Words& w) {
    using O = drill::DeliveryRowResult::Outcome;
    switch (o) {
    case O::on_time:
        return w("期限内", "on time");
    case O::late:
        return w("遅延", "late");
    case O::pending:
        return w("未了", "pending");
    }
    return "?";
}

// ---------------------------------------------------------------------------------------------
// Drawing helpers. Charts must read on a black-and-white printer and a fax: every series has
// a distinct grey value and, where two are close, a hatch pattern; shapes carry meaning that
// colour only repeats.

struct Rgb {
    double r, g, b;
};

enum class Hatch { none, diagonal, cross, horizontal, dots };

struct Style {
    Rgb fill;
    Hatch hatch;
};

Style level_style(BoardLevel level) {
    switch (level) {
    case BoardLevel::critical:
        return {{0.70, 0.05, 0.05}, Hatch::none}; // darkest
    case BoardLevel::urgent:
        return {{0.95, 0.55, 0.10}, Hatch::diagonal};
    case BoardLevel::unconfirmed:
        return {{0.62, 0.62, 0.66}, Hatch::cross};
    case BoardLevel::watch:
        return {{0.98, 0.84, 0.30}, Hatch::horizontal};
    case BoardLevel::ok:
        return {{0.84, 0.94, 0.84}, Hatch::none}; // lightest
    }
    return {{0.5, 0.5, 0.5}, Hatch::none};
}

void set_rgb(cairo_t* cr, const Rgb& c) {
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

void set_width_pt(cairo_t* cr, double pt) {
    cairo_set_line_width(cr, pt / k_pt_per_mm);
}

// Fills the current path with the style's colour and hatch, then outlines it thinly. The path
// is consumed.
void fill_styled(cairo_t* cr, const Style& s) {
    cairo_save(cr);
    set_rgb(cr, s.fill);
    cairo_fill_preserve(cr);
    double x1, y1, x2, y2;
    cairo_path_extents(cr, &x1, &y1, &x2, &y2);
    if (s.hatch != Hatch::none) {
        cairo_save(cr);
        cairo_clip_preserve(cr);
        cairo_new_path(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        set_width_pt(cr, 0.4);
        const double gap = 1.6;
        const double span = (x2 - x1) + (y2 - y1);
        if (s.hatch == Hatch::diagonal || s.hatch == Hatch::cross) {
            for (double d = -span; d <= span; d += gap) {
                cairo_move_to(cr, x1 + d, y2);
                cairo_line_to(cr, x1 + d + (y2 - y1), y1);
            }
        }
        if (s.hatch == Hatch::cross) {
            for (double d = -span; d <= span; d += gap) {
                cairo_move_to(cr, x1 + d, y1);
                cairo_line_to(cr, x1 + d + (y2 - y1), y2);
            }
        }
        if (s.hatch == Hatch::horizontal)
            for (double y = y1 + gap / 2; y < y2; y += gap) {
                cairo_move_to(cr, x1, y);
                cairo_line_to(cr, x2, y);
            }
        if (s.hatch == Hatch::dots)
            for (double y = y1 + gap / 2; y < y2; y += gap)
                for (double x = x1 + gap / 2; x < x2; x += gap) {
                    cairo_move_to(cr, x, y);
                    cairo_arc(cr, x, y, 0.18, 0, 2 * k_pi);
                }
        if (s.hatch == Hatch::dots)
            cairo_fill(cr);
        else
            cairo_stroke(cr);
        cairo_restore(cr);
    }
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    set_width_pt(cr, 0.3);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void black(cairo_t* cr) {
    cairo_set_source_rgb(cr, 0, 0, 0);
}

// A round step (1, 2 or 5 × 10^k) giving about `target` intervals over `range`.
double nice_step(double range, int target) {
    if (range <= 0) return 1;
    const double raw = range / target;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double f : {1.0, 2.0, 5.0, 10.0})
        if (f * p >= raw) return f * p;
    return 10 * p;
}

// A chart's plotting rectangle (mm).
struct Frame {
    double x, y, w, h;
    double right() const { return x + w; }
    double bottom() const { return y + h; }
};

void draw_frame(cairo_t* cr, const Frame& f) {
    cairo_save(cr);
    black(cr);
    set_width_pt(cr, 0.6);
    cairo_rectangle(cr, f.x, f.y, f.w, f.h);
    cairo_stroke(cr);
    cairo_restore(cr);
}

// Maps instants onto a frame's width.
struct TimeScale {
    TimePoint t0, t1;
    double x0, w;
    double x(TimePoint t) const {
        const double span = std::max<double>(1, static_cast<double>((t1 - t0).count()));
        const double v = x0 + w * static_cast<double>((t - t0).count()) / span;
        return std::clamp(v, x0, x0 + w);
    }
};

// Ticks at whole Japan-time hours (1, 2, 3, 6, 12 or 24 h apart, at most ~12 ticks), or at
// 10/15/30-minute marks for a drill shorter than two hours; labels HH:MM and the axis title.
void time_axis(PdfDocument& doc, const Frame& f, const TimeScale& s, const Words& w) {
    cairo_t* cr = doc.cairo();
    const auto span_s = std::max<std::int64_t>(1, (s.t1 - s.t0).count());
    std::int64_t step = 3600;
    if (span_s < 2 * 3600) {
        step = span_s <= 3600 ? 600 : 900;
        if (span_s <= 1200) step = 300;
    } else {
        for (const std::int64_t h : {1, 2, 3, 6, 12, 24, 48, 168})
            if (span_s / (h * 3600) <= 12) {
                step = h * 3600;
                break;
            }
    }
    constexpr std::int64_t k_jst = 9 * 3600;
    const std::int64_t first_local = s.t0.time_since_epoch().count() + k_jst;
    std::int64_t tick = (first_local + step - 1) / step * step - k_jst;
    cairo_save(cr);
    black(cr);
    set_width_pt(cr, 0.4);
    for (; tick <= s.t1.time_since_epoch().count(); tick += step) {
        const TimePoint t{std::chrono::seconds(tick)};
        const double x = s.x(t);
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, x, f.y);
        cairo_line_to(cr, x, f.bottom());
        cairo_stroke(cr);
        black(cr);
        cairo_move_to(cr, x, f.bottom());
        cairo_line_to(cr, x, f.bottom() + 1.2);
        cairo_stroke(cr);
        const std::string label = ops::format_clock_jst(t);
        doc.text(x - doc.text_width_mm(7, label) / 2, f.bottom() + 4.2, 7, label);
    }
    cairo_restore(cr);
    const std::string title = w("時刻 (日本時間 JST)", "time (JST)");
    black(cr); // a marker drawn before may have left its colour
    doc.text(f.x + f.w / 2 - doc.text_width_mm(8, title) / 2, f.bottom() + 8.5, 8, title);
}

// A value axis on the left with gridlines; returns the maximum of the axis.
double value_axis(PdfDocument& doc, const Frame& f, double max_value, int target,
                  const std::string& title, bool integers) {
    cairo_t* cr = doc.cairo();
    double step = nice_step(std::max(max_value, 1.0), target);
    if (integers) step = std::max(1.0, std::round(step));
    const double top = std::max(step, std::ceil(std::max(max_value, 1e-9) / step) * step);
    cairo_save(cr);
    set_width_pt(cr, 0.4);
    for (double v = 0; v <= top + step / 2; v += step) {
        const double y = f.bottom() - f.h * v / top;
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, f.x, y);
        cairo_line_to(cr, f.right(), y);
        cairo_stroke(cr);
        black(cr);
        const std::string label = number(v, 1);
        doc.text(f.x - 1.5 - doc.text_width_mm(7, label), y + 1.2, 7, label);
    }
    cairo_restore(cr);
    // Title rotated along the axis.
    cairo_save(cr);
    black(cr);
    cairo_translate(cr, f.x - 10, f.y + f.h / 2 + doc.text_width_mm(8, title) / 2);
    cairo_rotate(cr, -k_pi / 2);
    doc.text(0, 0, 8, title);
    cairo_restore(cr);
    return top;
}

void legend_box(PdfDocument& doc, double x, double y, const Style& s, const std::string& label) {
    cairo_t* cr = doc.cairo();
    cairo_new_path(cr);
    cairo_rectangle(cr, x, y - 3, 5, 3.5);
    fill_styled(cr, s);
    doc.text(x + 6.5, y, 8, label);
}

enum class Marker { circle, triangle, square, diamond, cross };

void marker(cairo_t* cr, Marker m, double x, double y, double r, bool filled) {
    cairo_save(cr);
    cairo_new_path(cr);
    switch (m) {
    case Marker::circle:
        cairo_arc(cr, x, y, r, 0, 2 * k_pi);
        break;
    case Marker::triangle:
        cairo_move_to(cr, x, y - r * 1.2);
        cairo_line_to(cr, x + r * 1.1, y + r * 0.8);
        cairo_line_to(cr, x - r * 1.1, y + r * 0.8);
        cairo_close_path(cr);
        break;
    case Marker::square:
        cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
        break;
    case Marker::diamond:
        cairo_move_to(cr, x, y - r * 1.3);
        cairo_line_to(cr, x + r * 1.3, y);
        cairo_line_to(cr, x, y + r * 1.3);
        cairo_line_to(cr, x - r * 1.3, y);
        cairo_close_path(cr);
        break;
    case Marker::cross:
        cairo_move_to(cr, x - r, y - r);
        cairo_line_to(cr, x + r, y + r);
        cairo_move_to(cr, x + r, y - r);
        cairo_line_to(cr, x - r, y + r);
        set_width_pt(cr, 1.4);
        cairo_stroke(cr);
        cairo_restore(cr);
        return;
    }
    if (filled) {
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
    } else {
        cairo_save(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_restore(cr);
    }
    set_width_pt(cr, 0.6);
    cairo_stroke(cr);
    cairo_restore(cr);
}

// A cursor down the page with headings, label/value rows and table cells.
class Cursor {
public:
    explicit Cursor(PdfDocument& doc) : m_doc(doc) {}
    double& y() { return m_y; }
    void room(double mm) {
        if (m_y + mm > k_bottom) page();
    }
    void page() {
        m_doc.new_page();
        m_y = k_top;
    }
    void title(std::string_view text) {
        room(12);
        m_doc.text(k_left, m_y, 15, text, true);
        m_y += 9;
    }
    void heading(std::string_view text) {
        room(14);
        m_y += 2;
        m_doc.text(k_left, m_y, 12, text, true);
        m_doc.line(k_left, m_y + 1.5, k_right, m_y + 1.5, 0.6);
        m_y += 7;
    }
    void row(std::string_view label, std::string_view value, double label_w = 62) {
        room(6);
        m_doc.text(k_left + 2, m_y, 9.5, label);
        m_y = m_doc.wrapped(k_left + 2 + label_w, m_y, k_right - k_left - 2 - label_w, 9.5,
                            value.empty() ? "—" : value);
        m_y += 0.6;
    }
    // Cells at x offsets from the left margin; the last cell wraps to the right margin.
    void cells(const std::vector<std::pair<double, std::string>>& cells, bool bold = false) {
        room(6);
        double next = m_y + 5;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const auto& [x, text] = cells[i];
            if (i + 1 == cells.size() && !bold) {
                const double end = m_doc.wrapped(k_left + x, m_y, k_right - k_left - x, 8.5, text);
                next = std::max(next, end + 0.8);
            } else {
                m_doc.text(k_left + x, m_y, 8.5, text, bold);
            }
        }
        if (bold) m_doc.line(k_left, m_y + 1.4, k_right, m_y + 1.4, 0.3);
        m_y = next;
    }
    void para(std::string_view text, double size = 8.5) {
        room(6);
        m_y = m_doc.wrapped(k_left, m_y, k_right - k_left, size, text);
    }

private:
    PdfDocument& m_doc;
    double m_y = k_top;
};

// ---------------------------------------------------------------------------------------------
// Charts.

constexpr std::array<BoardLevel, ops::k_board_level_count> k_stack_order = {
    BoardLevel::critical, BoardLevel::urgent, BoardLevel::unconfirmed, BoardLevel::watch,
    BoardLevel::ok};

// Stacked areas of the board counts over the drill, most severe at the bottom so that the
// red band's thickness reads off the axis directly.
void board_chart(PdfDocument& doc, const AfterAction& r, const Frame& f, const Words& w) {
    cairo_t* cr = doc.cairo();
    int max_total = 1;
    for (const auto& s : r.board) {
        int total = 0;
        for (const int c : s.counts)
            total += c;
        max_total = std::max(max_total, total);
    }
    const double top = value_axis(doc, f, max_total, 5, w("人数 (人)", "persons"), true);
    const TimeScale ts{r.onset, std::max(r.end, r.onset + std::chrono::seconds(60)), f.x, f.w};
    auto y_of = [&](double v) { return f.bottom() - f.h * v / top; };
    if (!r.board.empty()) {
        std::vector<double> below(r.board.size(), 0.0);
        for (const BoardLevel level : k_stack_order) {
            const auto li = static_cast<std::size_t>(level);
            std::vector<double> above = below;
            bool any = false;
            for (std::size_t i = 0; i < r.board.size(); ++i) {
                above[i] += r.board[i].counts[li];
                any = any || r.board[i].counts[li] > 0;
            }
            if (any) {
                cairo_new_path(cr);
                if (r.board.size() == 1) {
                    // One sample: a bar across the whole frame.
                    cairo_rectangle(cr, f.x, y_of(above[0]), f.w, y_of(below[0]) - y_of(above[0]));
                } else {
                    for (std::size_t i = 0; i < r.board.size(); ++i)
                        cairo_line_to(cr, ts.x(r.board[i].at), y_of(above[i]));
                    for (std::size_t i = r.board.size(); i-- > 0;)
                        cairo_line_to(cr, ts.x(r.board[i].at), y_of(below[i]));
                    cairo_close_path(cr);
                }
                fill_styled(cr, level_style(level));
            }
            below = std::move(above);
        }
    }
    draw_frame(cr, f);
    time_axis(doc, f, ts, w);
    // Legend under the axis title: the stack order, bottom first.
    double x = f.x;
    const double y = f.bottom() + 15;
    for (const BoardLevel level : k_stack_order) {
        const std::string label = level_text(level, w);
        legend_box(doc, x, y, level_style(level), label);
        x += 12 + doc.text_width_mm(8, label);
    }
}

// Minutes from the onset to the first check, one bar per person, fastest first; never
// confirmed persons as hatched bars to the top with their own legend entry.
void confirmation_chart(PdfDocument& doc, const AfterAction& r, const Frame& f, const Words& w) {
    cairo_t* cr = doc.cairo();
    double max_min = 1;
    for (const auto& c : r.confirmations)
        if (c.minutes) max_min = std::max(max_min, *c.minutes);
    const double top =
        value_axis(doc, f, max_min, 6, w("発災からの時間 (分)", "minutes after onset"), false);
    const std::size_t n = r.confirmations.size();
    const Style confirmed{{0.20, 0.40, 0.75}, Hatch::none};
    const Style never{{0.85, 0.85, 0.85}, Hatch::diagonal};
    if (n > 0) {
        const double slot = f.w / static_cast<double>(n);
        const double bar = std::max(0.3, slot * 0.7);
        for (std::size_t i = 0; i < n; ++i) {
            const auto& c = r.confirmations[i];
            const double x = f.x + slot * static_cast<double>(i) + (slot - bar) / 2;
            const double v = c.minutes ? std::max(0.0, *c.minutes) : top;
            cairo_new_path(cr);
            cairo_rectangle(cr, x, f.bottom() - f.h * v / top, bar, f.h * v / top);
            fill_styled(cr, c.minutes ? confirmed : never);
            if (n <= 60) {
                // Registry numbers under the bars, turned to read upwards.
                cairo_save(cr);
                cairo_translate(cr, x + bar / 2 + 1,
                                f.bottom() + 1.5 + doc.text_width_mm(6, c.external_id));
                cairo_rotate(cr, -k_pi / 2);
                black(cr);
                doc.text(0, 0, 6, c.external_id);
                cairo_restore(cr);
            }
        }
    }
    draw_frame(cr, f);
    const std::string axis = w("登録番号 (確認の早い順)", "registry number (fastest first)");
    doc.text(f.x + f.w / 2 - doc.text_width_mm(8, axis) / 2, f.bottom() + 22, 8, axis);
    legend_box(doc, f.x, f.bottom() + 28, confirmed, w("確認済み", "confirmed"));
    legend_box(doc, f.x + 40, f.bottom() + 28, never, w("未確認 (終了時まで)", "never confirmed"));
}

// One row per person who went critical: bars over the drill's time axis.
void critical_chart(PdfDocument& doc, const AfterAction& r, const Frame& f, std::size_t rows,
                    const Words& w) {
    cairo_t* cr = doc.cairo();
    const TimeScale ts{r.onset, std::max(r.end, r.onset + std::chrono::seconds(60)), f.x, f.w};
    const double row_h = f.h / static_cast<double>(std::max<std::size_t>(rows, 1));
    const Style closed = level_style(BoardLevel::critical);
    const Style open{{0.70, 0.05, 0.05}, Hatch::diagonal};
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& p = r.critical[i];
        const double y = f.y + row_h * static_cast<double>(i);
        black(cr);
        doc.text(f.x - 1.5 - doc.text_width_mm(7, p.external_id), y + row_h / 2 + 1.2, 7,
                 p.external_id);
        for (const auto& s : p.spans) {
            const double x1 = ts.x(s.from);
            const double x2 = std::max(ts.x(s.to), x1 + 0.5); // a one-sample span stays visible
            cairo_new_path(cr);
            cairo_rectangle(cr, x1, y + row_h * 0.2, x2 - x1, row_h * 0.6);
            fill_styled(cr, s.open_at_end ? open : closed);
            if (s.open_at_end) {
                // An arrow head past the end: still critical when the drill stopped.
                cairo_save(cr);
                black(cr);
                cairo_move_to(cr, x2, y + row_h * 0.1);
                cairo_line_to(cr, x2 + 2, y + row_h * 0.5);
                cairo_line_to(cr, x2, y + row_h * 0.9);
                cairo_close_path(cr);
                cairo_fill(cr);
                cairo_restore(cr);
            }
        }
    }
    draw_frame(cr, f);
    time_axis(doc, f, ts, w);
    legend_box(doc, f.x, f.bottom() + 15, closed, w("危険 (残時間が基準未満)", "critical"));
    legend_box(doc, f.x + 55, f.bottom() + 15, open,
               w("終了時も危険のまま (▶)", "still critical at the end (▶)"));
}

// Per team: minutes from the request to the first member (circle) and to the full team
// (square); a short team has no square and says how many are missing.
void team_chart(PdfDocument& doc, const AfterAction& r, const Frame& f, std::size_t rows,
                const Words& w) {
    cairo_t* cr = doc.cairo();
    double max_min = 1;
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& t = r.teams[i];
        if (t.first_arrival)
            max_min = std::max(max_min, minutes_between(t.requested_at, *t.first_arrival));
        if (t.minutes_to_complete) max_min = std::max(max_min, *t.minutes_to_complete);
    }
    // Headroom so that the slowest team's square is not cut by the frame.
    const double step = nice_step(max_min * 1.05, 6);
    const double top = std::ceil(max_min * 1.05 / step) * step;
    auto x_of = [&](double m) { return f.x + f.w * std::clamp(m, 0.0, top) / top; };
    cairo_save(cr);
    set_width_pt(cr, 0.4);
    for (double v = 0; v <= top + step / 2; v += step) {
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, x_of(v), f.y);
        cairo_line_to(cr, x_of(v), f.bottom());
        cairo_stroke(cr);
        black(cr);
        const std::string label = number(v, 1);
        doc.text(x_of(v) - doc.text_width_mm(7, label) / 2, f.bottom() + 4.2, 7, label);
    }
    cairo_restore(cr);
    const std::string axis = w("依頼からの時間 (分)", "minutes after the request");
    black(cr);
    doc.text(f.x + f.w / 2 - doc.text_width_mm(8, axis) / 2, f.bottom() + 8.5, 8, axis);
    const double row_h = f.h / static_cast<double>(std::max<std::size_t>(rows, 1));
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& t = r.teams[i];
        const double y = f.y + row_h * (static_cast<double>(i) + 0.5);
        const std::string label = "#" + std::to_string(t.request_id) + " " + t.external_id;
        black(cr);
        doc.text(f.x - 1.5 - doc.text_width_mm(7, label), y + 1.2, 7, label);
        if (!t.first_arrival) {
            doc.text(f.x + 2, y + 1.2, 7, w("未編成", "no team"));
            continue;
        }
        const double first = minutes_between(t.requested_at, *t.first_arrival);
        const double last = t.minutes_to_complete.value_or(first);
        cairo_save(cr);
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
        set_width_pt(cr, 0.8);
        cairo_move_to(cr, x_of(0), y);
        cairo_line_to(cr, x_of(first), y);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.10, 0.35, 0.70);
        set_width_pt(cr, 3.5);
        cairo_move_to(cr, x_of(first), y);
        cairo_line_to(cr, x_of(last), y);
        cairo_stroke(cr);
        cairo_restore(cr);
        cairo_set_source_rgb(cr, 0.10, 0.35, 0.70);
        marker(cr, Marker::circle, x_of(first), y, 1.2, true);
        if (t.minutes_to_complete) {
            marker(cr, Marker::square, x_of(last), y, 1.2, true);
        } else {
            black(cr);
            doc.text(x_of(first) + 2.5, y + 1.2, 7,
                     w("人員不足 ", "short ") + std::to_string(t.missing) + w(" 名", ""));
        }
    }
    draw_frame(cr, f);
    const double ly = f.bottom() + 14;
    cairo_set_source_rgb(cr, 0.10, 0.35, 0.70);
    marker(cr, Marker::circle, f.x + 2, ly - 1.2, 1.2, true);
    black(cr);
    doc.text(f.x + 5, ly, 8, w("最初の支援者が到着", "first member arrives"));
    cairo_set_source_rgb(cr, 0.10, 0.35, 0.70);
    marker(cr, Marker::square, f.x + 62, ly - 1.2, 1.2, true);
    black(cr);
    doc.text(f.x + 65, ly, 8, w("全員そろう (移送可能)", "team complete"));
}

// Per delivery: the deadline as a vertical bar, the arrival as a filled circle (on time) or a
// filled triangle (late, with a dashed line back to the deadline); no arrival: a hollow
// diamond at the end (pending) or a cross at the end (deadline passed without arrival).
void delivery_chart(PdfDocument& doc, const AfterAction& r, const Frame& f, std::size_t rows,
                    const Words& w) {
    cairo_t* cr = doc.cairo();
    TimePoint t1 = std::max(r.end, r.onset + std::chrono::seconds(60));
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& d = r.deliveries[i];
        if (d.arrival_at) t1 = std::max(t1, *d.arrival_at);
        if (d.deadline) t1 = std::max(t1, *d.deadline);
    }
    const TimeScale ts{r.onset, t1, f.x, f.w};
    const double row_h = f.h / static_cast<double>(std::max<std::size_t>(rows, 1));
    const Rgb on_time{0.10, 0.50, 0.20}, late{0.80, 0.10, 0.10}, other{0.3, 0.3, 0.3};
    using O = drill::DeliveryRowResult::Outcome;
    // The drill's end, so that "pending" reads against it.
    cairo_save(cr);
    const double dash[] = {1.0, 1.0};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    set_width_pt(cr, 0.6);
    cairo_move_to(cr, ts.x(r.end), f.y);
    cairo_line_to(cr, ts.x(r.end), f.bottom());
    cairo_stroke(cr);
    cairo_restore(cr);
    for (std::size_t i = 0; i < rows; ++i) {
        const auto& d = r.deliveries[i];
        const double y = f.y + row_h * (static_cast<double>(i) + 0.5);
        const std::string label = "#" + std::to_string(d.id) + " " + d.external_id;
        black(cr);
        doc.text(f.x - 1.5 - doc.text_width_mm(7, label), y + 1.2, 7, label);
        // From the request on, a thin line.
        cairo_save(cr);
        cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
        set_width_pt(cr, 0.5);
        cairo_move_to(cr, ts.x(d.requested_at), y);
        cairo_line_to(cr, ts.x(d.arrival_at.value_or(r.end)), y);
        cairo_stroke(cr);
        cairo_restore(cr);
        if (d.deadline) {
            cairo_save(cr);
            black(cr);
            set_width_pt(cr, 1.6);
            cairo_move_to(cr, ts.x(*d.deadline), y - row_h * 0.35);
            cairo_line_to(cr, ts.x(*d.deadline), y + row_h * 0.35);
            cairo_stroke(cr);
            cairo_restore(cr);
        }
        const bool arrived =
            d.outcome != O::pending && d.arrival_at && (d.outcome == O::on_time || d.late_minutes);
        if (arrived) {
            if (d.outcome == O::late && d.deadline) {
                cairo_save(cr);
                set_rgb(cr, late);
                const double dl[] = {1.0, 0.8};
                cairo_set_dash(cr, dl, 2, 0);
                set_width_pt(cr, 0.8);
                cairo_move_to(cr, ts.x(*d.deadline), y);
                cairo_line_to(cr, ts.x(*d.arrival_at), y);
                cairo_stroke(cr);
                cairo_restore(cr);
            }
            set_rgb(cr, d.outcome == O::on_time ? on_time : late);
            marker(cr, d.outcome == O::on_time ? Marker::circle : Marker::triangle,
                   ts.x(*d.arrival_at), y, 1.3, true);
        } else if (d.outcome == O::late) {
            set_rgb(cr, late);
            marker(cr, Marker::cross, ts.x(r.end), y, 1.2, true);
        } else {
            set_rgb(cr, other);
            marker(cr, Marker::diamond, ts.x(d.arrival_at.value_or(r.end)), y, 1.2, false);
        }
    }
    draw_frame(cr, f);
    time_axis(doc, f, ts, w);
    const double ly = f.bottom() + 15;
    double x = f.x;
    auto entry = [&](Marker m, const Rgb& c, bool filled, const std::string& text) {
        set_rgb(cr, c);
        marker(cr, m, x + 1.5, ly - 1.2, 1.2, filled);
        black(cr);
        doc.text(x + 4, ly, 7.5, text);
        x += 8 + doc.text_width_mm(7.5, text);
    };
    cairo_save(cr);
    black(cr);
    set_width_pt(cr, 1.6);
    cairo_move_to(cr, x + 1, ly - 3);
    cairo_line_to(cr, x + 1, ly + 0.5);
    cairo_stroke(cr);
    cairo_restore(cr);
    doc.text(x + 3, ly, 7.5, w("期限", "deadline"));
    x += 6 + doc.text_width_mm(7.5, w("期限", "deadline"));
    entry(Marker::circle, on_time, true, w("期限内に到着", "arrived on time"));
    entry(Marker::triangle, late, true, w("遅れて到着", "arrived late"));
    entry(Marker::cross, late, true, w("期限切れ・未到着", "deadline passed, not arrived"));
    entry(Marker::diamond, other, false, w("未了", "pending"));
}

// How many rows a chart draws: at most `cap`, so that it fits its page; the table under it
// lists every row.
std::size_t chart_rows(std::size_t n, std::size_t cap) {
    return std::min(n, cap);
}

std::string span_text(const drill::CriticalSpan& s) {
    return ops::format_clock_jst(s.from) + "–" + ops::format_clock_jst(s.to) +
           (s.open_at_end ? "▶" : "");
}

void write_pdf_pages(PdfDocument& doc, const AfterAction& r, const Words& w) {
    Cursor c(doc);
    c.title(w("訓練 事後評価報告 (アフター・アクション・レビュー)", "Drill after-action report"));
    c.row(w("訓練", "drill"), r.title);
    c.row(w("期間", "period"), ops::format_time_jst(r.onset) + " – " + ops::format_time_jst(r.end) +
                                   "  (" + number(minutes_between(r.onset, r.end), 0) +
                                   w(" 分)", " min)"));

    c.heading(w("概要", "Summary"));
    c.row(w("安否確認できた人", "persons confirmed"),
          std::to_string(r.confirmed) + " / " + std::to_string(r.total) + w(" 名", ""));
    c.row(w("全員の確認まで", "time to confirm all"),
          r.all_confirmed_minutes
              ? minutes_text(r.all_confirmed_minutes, w)
              : w("未完了 (終了時に未確認 ", "not reached (") +
                    std::to_string(r.total - r.confirmed) + w(" 名)", " never confirmed)"));
    c.row(w("確認までの時間 中央値 / 90%値", "time to confirm, median / p90"),
          minutes_text(r.median_confirm_minutes, w) + " / " +
              minutes_text(r.p90_confirm_minutes, w) +
              w("  (90%値は最近順位法)", "  (p90: nearest rank)"));
    int overrides = 0;
    for (const auto& d : r.decisions)
        overrides += d.overridden ? 1 : 0;
    c.row(w("搬送先の決定", "destination decisions"),
          std::to_string(r.decisions.size()) + w(" 件 (うち推奨の変更 ", " (overrides: ") +
              std::to_string(overrides) + w(" 件)", ")"));
    double critical_total = 0;
    for (const auto& p : r.critical)
        critical_total += p.total_minutes;
    c.row(w("危険 (残時間不足) になった人", "persons critical"),
          std::to_string(r.critical.size()) + w(" 名、延べ ", ", total ") +
              number(critical_total, 1) + w(" 分", " min"));
    int complete = 0;
    std::vector<double> team_minutes;
    for (const auto& t : r.teams)
        if (t.minutes_to_complete) {
            ++complete;
            team_minutes.push_back(*t.minutes_to_complete);
        }
    std::string teams = std::to_string(r.teams.size()) +
                        w(" 件、全員到着 ", " requests, complete ") + std::to_string(complete) +
                        w(" 件", "");
    if (!team_minutes.empty()) {
        std::sort(team_minutes.begin(), team_minutes.end());
        teams += w("、依頼から全員到着まで 最短 ", "; request to complete team: fastest ") +
                 number(team_minutes.front(), 1) + w(" 分 / 最長 ", " min, slowest ") +
                 number(team_minutes.back(), 1) + w(" 分", " min");
    }
    c.row(w("移送支援チーム", "supporter teams"), teams);
    c.row(w("酸素ボンベ配達", "oxygen deliveries"),
          w("期限内 ", "on time ") + std::to_string(r.deliveries_on_time) +
              w(" / 遅延 ", " / late ") + std::to_string(r.deliveries_late) +
              w(" / 未了 ", " / pending ") + std::to_string(r.deliveries_pending));
    c.row(w("発生した出来事", "scenario events"), std::to_string(r.events.size()) + w(" 件", ""));

    c.heading(w("状況ボードの推移 (人数)", "Board over time (persons)"));
    {
        const double top = std::max(c.y() + 2, 120.0);
        const Frame f{k_left + 16, top, k_right - k_left - 18, std::min(95.0, k_bottom - top - 22)};
        board_chart(doc, r, f, w);
    }
    doc.text(k_left, k_bottom + 6, 7.5,
             w("※ 氏名は記載していません。照合は登録番号で行ってください。",
               "Names are never printed; match persons by registry number."));

    // --- Confirmations.
    c.page();
    c.heading(w("安否確認までの時間", "Time to confirm each person"));
    {
        const Frame f{k_left + 16, c.y() + 2, k_right - k_left - 18, 80};
        confirmation_chart(doc, r, f, w);
        c.y() = f.bottom() + 36;
    }
    c.cells({{0, w("登録番号", "registry no.")},
             {40, w("最初の確認 (JST)", "first check (JST)")},
             {90, w("発災から (分)", "minutes after onset")}},
            true);
    for (const auto& cf : r.confirmations)
        c.cells({{0, cf.external_id},
                 {40, cf.first_check_at ? ops::format_time_jst(*cf.first_check_at)
                                        : w("未確認", "never confirmed")},
                 {90, cf.minutes ? number(*cf.minutes, 1) : "—"}});

    // --- Critical.
    c.page();
    c.heading(w("危険 (残時間不足) の期間", "Critical runway stretches"));
    if (r.critical.empty()) {
        c.para(w("訓練中に危険になった人はいません。", "Nobody was critical during the drill."));
    } else {
        const std::size_t rows = chart_rows(r.critical.size(), 30);
        const double h = std::max(20.0, 5.0 * static_cast<double>(rows));
        const Frame f{k_left + 22, c.y() + 2, k_right - k_left - 26, h};
        critical_chart(doc, r, f, rows, w);
        c.y() = f.bottom() + 22;
        if (rows < r.critical.size())
            c.para(w("※ 図は長い順に ", "The chart shows the longest ") + std::to_string(rows) +
                   w(" 名まで。全員は下の表のとおり。", "; the table lists everyone."));
        c.cells({{0, w("登録番号", "registry no.")},
                 {30, w("合計 (分)", "total min")},
                 {55, w("期間 (JST)", "stretches (JST)")}},
                true);
        for (const auto& p : r.critical) {
            std::string spans;
            for (const auto& s : p.spans)
                spans += (spans.empty() ? "" : ", ") + span_text(s);
            c.cells({{0, p.external_id}, {30, number(p.total_minutes, 1)}, {55, spans}});
        }
        c.para(w("▶: 訓練終了時も危険のまま。", "▶: still critical when the drill ended."));
    }

    // --- Decisions.
    c.page();
    c.heading(w("搬送先の決定", "Destination decisions"));
    if (r.decisions.empty())
        c.para(w("決定はありません。", "No decisions."));
    else {
        c.cells({{0, w("時刻", "time")},
                 {14, w("発災から(分)", "min")},
                 {34, w("登録番号", "registry no.")},
                 {60, w("判断", "judgement")},
                 {80, w("搬送先", "facility")},
                 {118, w("所要(分)", "ETA min")},
                 {136, w("変更・理由", "override / reason")}},
                true);
        for (const auto& d : r.decisions)
            c.cells({{0, ops::format_clock_jst(d.at)},
                     {14, number(d.minutes, 1)},
                     {34, d.external_id},
                     {60, judgement_text(d.judgement, w)},
                     {80, d.facility},
                     {118, d.eta_min ? number(*d.eta_min, 1) : "—"},
                     {136, d.overridden ? w("変更: ", "override: ") + d.reason
                                        : w("推奨どおり", "as recommended") +
                                              (d.reason.empty() ? "" : " (" + d.reason + ")")}});
    }

    // --- Teams.
    c.page();
    c.heading(w("移送支援チームの到着", "Supporter team arrivals"));
    if (r.teams.empty())
        c.para(w("移送依頼はありません。", "No transport requests."));
    else {
        const std::size_t rows = chart_rows(r.teams.size(), 25);
        const double h = std::max(20.0, 6.0 * static_cast<double>(rows));
        const Frame f{k_left + 30, c.y() + 2, k_right - k_left - 34, h};
        team_chart(doc, r, f, rows, w);
        c.y() = f.bottom() + 22;
        c.cells({{0, w("依頼", "request")},
                 {14, w("登録番号", "registry no.")},
                 {40, w("依頼時刻", "requested")},
                 {62, w("最初の到着", "first arrival")},
                 {86, w("全員到着", "complete")},
                 {108, w("依頼から(分)", "min")},
                 {130, w("人数/不足", "members/short")},
                 {156, w("状態", "status")}},
                true);
        for (const auto& t : r.teams)
            c.cells({{0, "#" + std::to_string(t.request_id)},
                     {14, t.external_id},
                     {40, ops::format_clock_jst(t.requested_at)},
                     {62, t.first_arrival ? ops::format_clock_jst(*t.first_arrival) : "—"},
                     {86, t.team_complete ? ops::format_clock_jst(*t.team_complete) : "—"},
                     {108, t.minutes_to_complete ? number(*t.minutes_to_complete, 1) : "—"},
                     {130, std::to_string(t.members) + " / " + std::to_string(t.missing)},
                     {156, t.status}});
    }

    // --- Deliveries.
    c.page();
    c.heading(w("酸素ボンベ配達: 期限と到着", "Oxygen deliveries: deadline vs arrival"));
    if (r.deliveries.empty())
        c.para(w("配達依頼はありません。", "No delivery requests."));
    else {
        const std::size_t rows = chart_rows(r.deliveries.size(), 25);
        const double h = std::max(20.0, 6.0 * static_cast<double>(rows));
        const Frame f{k_left + 30, c.y() + 2, k_right - k_left - 34, h};
        delivery_chart(doc, r, f, rows, w);
        c.y() = f.bottom() + 22;
        c.cells({{0, w("配達", "delivery")},
                 {14, w("登録番号", "registry no.")},
                 {40, w("期限", "deadline")},
                 {60, w("到着", "arrival")},
                 {80, w("車両", "vehicle")},
                 {100, w("結果", "outcome")},
                 {118, w("遅れ(分)", "late min")},
                 {138, w("未割当の理由", "unassigned reason")}},
                true);
        for (const auto& d : r.deliveries)
            c.cells({{0, "#" + std::to_string(d.id)},
                     {14, d.external_id},
                     {40, d.deadline ? ops::format_clock_jst(*d.deadline) : "—"},
                     {60, d.arrival_at ? ops::format_clock_jst(*d.arrival_at) +
                                             (d.served ? "" : w(" (予定)", " (plan)"))
                                       : "—"},
                     {80, d.vehicle.empty() ? "—" : d.vehicle},
                     {100, outcome_text(d.outcome, w)},
                     {118, d.late_minutes ? number(*d.late_minutes, 1) : "—"},
                     {138, d.unassigned_reason.empty() ? "—" : d.unassigned_reason}});
    }

    // --- Events.
    c.page();
    c.heading(w("発生した出来事 (シナリオ)", "Scenario events as they fired"));
    if (r.events.empty())
        c.para(w("出来事はありません。", "No events."));
    else {
        c.cells({{0, w("時刻", "time")},
                 {14, w("発災から(分)", "min")},
                 {34, w("種類", "kind")},
                 {70, w("対象", "subject")},
                 {100, w("内容", "text")}},
                true);
        for (const auto& e : r.events)
            c.cells({{0, ops::format_clock_jst(e.at)},
                     {14, number(minutes_between(r.onset, e.at), 1)},
                     {34, e.kind},
                     {70, e.subject},
                     {100, e.text}});
    }
}

// ---------------------------------------------------------------------------------------------
// CSV.

std::string iso(const std::optional<TimePoint>& t) {
    return t ? ops::format_time(*t) : std::string();
}
std::string after_onset(const AfterAction& r, const std::optional<TimePoint>& t) {
    return t ? number(minutes_between(r.onset, *t)) : std::string();
}
std::string opt(const std::optional<double>& v) {
    return v ? number(*v) : std::string();
}
std::string flag(bool b) {
    return b ? "1" : "0";
}

struct CsvFile {
    std::string name;
    std::vector<std::vector<std::string>> rows; // the header first
};

std::vector<CsvFile> csv_files(const AfterAction& r) {
    std::vector<CsvFile> files;

    CsvFile summary{"summary.csv", {{"metric", "value"}}};
    int overrides = 0;
    for (const auto& d : r.decisions)
        overrides += d.overridden ? 1 : 0;
    double critical_total = 0;
    for (const auto& p : r.critical)
        critical_total += p.total_minutes;
    int complete = 0;
    for (const auto& t : r.teams)
        complete += t.team_complete ? 1 : 0;
    summary.rows.push_back({"title", r.title});
    summary.rows.push_back({"onset_utc", ops::format_time(r.onset)});
    summary.rows.push_back({"end_utc", ops::format_time(r.end)});
    summary.rows.push_back({"drill_minutes", number(minutes_between(r.onset, r.end))});
    summary.rows.push_back({"persons_total", std::to_string(r.total)});
    summary.rows.push_back({"persons_confirmed", std::to_string(r.confirmed)});
    summary.rows.push_back({"all_confirmed_minutes", opt(r.all_confirmed_minutes)});
    summary.rows.push_back({"median_confirm_minutes", opt(r.median_confirm_minutes)});
    summary.rows.push_back({"p90_confirm_minutes_nearest_rank", opt(r.p90_confirm_minutes)});
    summary.rows.push_back({"decisions", std::to_string(r.decisions.size())});
    summary.rows.push_back({"decisions_overridden", std::to_string(overrides)});
    summary.rows.push_back({"critical_persons", std::to_string(r.critical.size())});
    summary.rows.push_back({"critical_minutes_total", number(critical_total)});
    summary.rows.push_back({"teams", std::to_string(r.teams.size())});
    summary.rows.push_back({"teams_complete", std::to_string(complete)});
    summary.rows.push_back({"deliveries_on_time", std::to_string(r.deliveries_on_time)});
    summary.rows.push_back({"deliveries_late", std::to_string(r.deliveries_late)});
    summary.rows.push_back({"deliveries_pending", std::to_string(r.deliveries_pending)});
    summary.rows.push_back({"events", std::to_string(r.events.size())});
    files.push_back(std::move(summary));

    CsvFile conf{"confirmations.csv",
                 {{"registry_number", "confirmed", "first_check_at_utc", "minutes_after_onset"}}};
    for (const auto& c : r.confirmations)
        conf.rows.push_back({c.external_id, flag(c.first_check_at.has_value()),
                             iso(c.first_check_at), opt(c.minutes)});
    files.push_back(std::move(conf));

    CsvFile dec{"decisions.csv",
                {{"decided_at_utc", "minutes_after_onset", "registry_number", "judgement",
                  "facility", "overridden", "reason", "eta_min"}}};
    for (const auto& d : r.decisions)
        dec.rows.push_back({ops::format_time(d.at), number(d.minutes), d.external_id,
                            std::string(to_db(d.judgement)), d.facility, flag(d.overridden),
                            d.reason, opt(d.eta_min)});
    files.push_back(std::move(dec));

    CsvFile crit{"critical.csv",
                 {{"registry_number", "from_utc", "from_minutes_after_onset", "to_utc",
                   "to_minutes_after_onset", "minutes", "open_at_end", "person_total_minutes"}}};
    for (const auto& p : r.critical)
        for (const auto& s : p.spans)
            crit.rows.push_back({p.external_id, ops::format_time(s.from), after_onset(r, s.from),
                                 ops::format_time(s.to), after_onset(r, s.to),
                                 number(minutes_between(s.from, s.to)), flag(s.open_at_end),
                                 number(p.total_minutes)});
    files.push_back(std::move(crit));

    CsvFile teams{
        "teams.csv",
        {{"request_id", "registry_number", "requested_at_utc", "requested_minutes_after_onset",
          "first_arrival_utc", "first_arrival_minutes_after_onset", "team_complete_utc",
          "team_complete_minutes_after_onset", "minutes_to_complete", "members", "missing",
          "status"}}};
    for (const auto& t : r.teams)
        teams.rows.push_back(
            {std::to_string(t.request_id), t.external_id, ops::format_time(t.requested_at),
             after_onset(r, t.requested_at), iso(t.first_arrival), after_onset(r, t.first_arrival),
             iso(t.team_complete), after_onset(r, t.team_complete), opt(t.minutes_to_complete),
             std::to_string(t.members), std::to_string(t.missing), t.status});
    files.push_back(std::move(teams));

    CsvFile del{"deliveries.csv",
                {{"delivery_id", "registry_number", "requested_at_utc",
                  "requested_minutes_after_onset", "deadline_utc", "deadline_minutes_after_onset",
                  "arrival_utc", "arrival_minutes_after_onset", "served", "vehicle", "outcome",
                  "late_minutes", "unassigned_reason"}}};
    for (const auto& d : r.deliveries) {
        using O = drill::DeliveryRowResult::Outcome;
        const char* outcome = d.outcome == O::on_time ? "on_time"
                              : d.outcome == O::late  ? "late"
                                                      : "pending";
        del.rows.push_back({std::to_string(d.id), d.external_id, ops::format_time(d.requested_at),
                            after_onset(r, d.requested_at), iso(d.deadline),
                            after_onset(r, d.deadline), iso(d.arrival_at),
                            after_onset(r, d.arrival_at), flag(d.served), d.vehicle, outcome,
                            opt(d.late_minutes), d.unassigned_reason});
    }
    files.push_back(std::move(del));

    CsvFile board{"board.csv", {{"at_utc", "minutes_after_onset"}}};
    for (const BoardLevel level : k_stack_order)
        board.rows[0].emplace_back(ops::to_string(level));
    for (const auto& s : r.board) {
        std::vector<std::string> row{ops::format_time(s.at), after_onset(r, s.at)};
        for (const BoardLevel level : k_stack_order)
            row.push_back(std::to_string(s.counts[static_cast<std::size_t>(level)]));
        board.rows.push_back(std::move(row));
    }
    files.push_back(std::move(board));

    CsvFile events{"events.csv", {{"at_utc", "minutes_after_onset", "kind", "subject", "text"}}};
    for (const auto& e : r.events)
        events.rows.push_back(
            {ops::format_time(e.at), after_onset(r, e.at), e.kind, e.subject, e.text});
    files.push_back(std::move(events));
    return files;
}

void remove_quietly(const fs::path& p) {
    std::error_code ignored;
    fs::remove(p, ignored);
}

} // namespace

void write_after_action_pdf(Store& store, const AfterAction& report, const fs::path& output,
                            const AfterActionPdfOptions& options) {
    const Words w(options.english);
    const auto temp = temp_path_for(output);
    int pages = 0;
    try {
        PdfDocument doc(temp, w("訓練 事後評価報告 ", "Drill after-action report ") + report.title);
        write_pdf_pages(doc, report, w);
        pages = doc.pages();
        doc.finish();
    } catch (...) {
        remove_quietly(temp);
        throw;
    }
    const std::string summary =
        "after-action report of drill '" + report.title + "' (" + std::to_string(report.total) +
        " persons, " + std::to_string(pages) + " pages, " +
        (options.english ? "English" : "Japanese") + "), registry numbers only";
    publish_report(store, temp, output, "after_action_report", summary);
}

std::vector<fs::path> write_after_action_csv(Store& store, const AfterAction& report,
                                             const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw DataError(ErrorCode::io, "'" + dir.string() +
                                           "' could not be created as a folder: check the path "
                                           "and that its parent is writable");
    const auto files = csv_files(report);
    std::vector<fs::path> temps, outputs;
    auto clean_temps = [&] {
        for (const auto& t : temps)
            remove_quietly(t);
    };
    std::size_t rows = 0;
    for (const auto& f : files) {
        const fs::path out = dir / f.name;
        const fs::path temp = temp_path_for(out);
        std::ostringstream text;
        // A BOM like every other CSV export of Breathline: Excel on Japanese Windows needs it
        // to read UTF-8, and the CSV readers (ours, pandas' utf-8-sig) skip it.
        breathline::text::CsvWriter writer(text, breathline::text::CsvWriterOptions{true, ','});
        for (const auto& row : f.rows)
            writer.write_row(row);
        rows += f.rows.size() - 1;
        temps.push_back(temp);
        std::ofstream stream(temp, std::ios::binary | std::ios::trunc);
        const std::string bytes = text.str();
        stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        stream.close();
        if (!stream) {
            clean_temps();
            throw DataError(ErrorCode::io, "'" + out.string() +
                                               "' could not be written: check the disk space "
                                               "and that the folder is writable");
        }
        outputs.push_back(out);
    }

    // One audit entry for the set, in the same unit of work as the renames: the log never
    // misses a file that exists, and a failed rename leaves no entry and no file of the set.
    try {
        auto work = store.begin();
        AuditEntry entry;
        entry.actor = store.actor();
        entry.action = "export";
        entry.entity = dir.string();
        entry.entity_id = "after_action_csv";
        std::string names;
        for (const auto& f : files)
            names += (names.empty() ? "" : ", ") + f.name;
        entry.summary = "after-action CSV of drill '" + report.title + "' (" +
                        std::to_string(files.size()) + " files: " + names + "; " +
                        std::to_string(rows) + " rows), registry numbers only";
        store.audit().append(entry);
        std::size_t moved = 0;
        for (; moved < temps.size(); ++moved) {
            fs::rename(temps[moved], outputs[moved], ec);
            if (ec) break;
        }
        if (moved < temps.size()) {
            for (std::size_t i = 0; i < moved; ++i)
                remove_quietly(outputs[i]);
            const std::string failed = outputs[moved].string();
            clean_temps();
            throw DataError(ErrorCode::io, "'" + failed +
                                               "' could not be written (renaming the temporary "
                                               "file failed); check that the folder is writable");
        }
        try {
            work->commit();
        } catch (...) {
            for (const auto& o : outputs)
                remove_quietly(o);
            throw;
        }
    } catch (...) {
        clean_temps();
        throw;
    }
    return outputs;
}

} // namespace breathline::data::reports
