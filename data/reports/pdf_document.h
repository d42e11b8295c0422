#pragma once
/// A small A4 PDF writer for the paper forms (notice to the medical HQ, 様式1 contact list):
/// cairo's PDF surface with Japanese text in Noto Sans CJK through FreeType (no Pango, no GL).
/// Coordinates are millimetres from the top-left corner of the page. Text is embedded as a font
/// subset with its Unicode mapping, so `pdftotext` reads back exactly what was drawn, and
/// nothing that was not drawn is in the file (redaction by omission, never by covering).
///
/// Thread safety: one document per thread; documents on different threads are independent.

#include "data/store/store.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

typedef struct _cairo cairo_t; // cairo.h's own declaration, so this header needs no cairo.h

namespace breathline::data::reports {

/// The Japanese font file used (fonts-noto-cjk, face 0 of the collection).
inline constexpr std::string_view k_cjk_font_path =
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

class PdfDocument {
public:
    /// Starts a document at `path` (written as pages are drawn; the caller publishes it with
    /// publish_report()). Throws DataError(io) naming the path when the file cannot be
    /// created, or naming the font file (and the package fonts-noto-cjk) when it is missing.
    PdfDocument(const std::filesystem::path& path, std::string_view title);
    ~PdfDocument();
    PdfDocument(const PdfDocument&) = delete;
    PdfDocument& operator=(const PdfDocument&) = delete;

    static constexpr double page_width_mm = 210.0;
    static constexpr double page_height_mm = 297.0;

    /// Draws `text` (UTF-8) with its baseline at (x_mm, y_mm), `size_pt` points.
    void text(double x_mm, double y_mm, double size_pt, std::string_view text, bool bold = false);
    /// Draws `text` wrapped to `width_mm`, first baseline at y_mm, lines `size_pt * 1.5` apart;
    /// returns the baseline after the last line.
    double wrapped(double x_mm, double y_mm, double width_mm, double size_pt,
                   std::string_view text);
    /// Width of `text` at `size_pt` in millimetres.
    double text_width_mm(double size_pt, std::string_view text);
    /// A line from (x1, y1) to (x2, y2), `width_pt` points wide.
    void line(double x1_mm, double y1_mm, double x2_mm, double y2_mm, double width_pt = 0.5);
    /// The cairo context of the current page, in millimetres from the top-left corner, for
    /// drawings the helpers above do not cover (a route map). Save and restore its state
    /// around use. Invalid after finish().
    cairo_t* cairo();
    /// Ends the current page and starts a new one.
    void new_page();
    /// Pages drawn so far (the current one included).
    int pages() const { return m_pages; }
    /// Finishes the file. Throws DataError(io) when cairo reports a write error.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::filesystem::path m_path;
    int m_pages = 1;
};

/// A cursor down A4 pages for forms of headings, label/value rows, table cells and paragraphs
/// (margins 18–192 mm, bottom 280 mm); starts a new page when the next item would not fit.
class FlowPage {
public:
    /// `label_width_mm`: the width of the label column of row().
    explicit FlowPage(PdfDocument& doc, double label_width_mm = 42.0)
        : m_doc(doc), m_label_w(label_width_mm) {}
    void title(std::string_view text);
    /// A bold heading with a rule under it.
    void heading(std::string_view text);
    /// A label and its value (wrapped; "—" when empty).
    void row(std::string_view label, std::string_view value);
    /// Cells at fixed x positions (mm from the left margin), one line.
    void cells(const std::vector<std::pair<double, std::string>>& cells, bool bold = false);
    /// A thin rule under the last line of cells.
    void rule();
    void para(std::string_view text, double size_pt = 9);
    void gap(double mm) { m_y += mm; }
    void page();

private:
    void room(double mm);
    PdfDocument& m_doc;
    double m_label_w;
    double m_y = 20;
};

/// Moves the finished file `temp` to `output` and appends one audit entry (action "export",
/// entity the output path, entity id `report`, summary `summary`) in one unit of work: the log
/// never misses a file that exists, and a failed rename leaves no entry. Throws DataError(io)
/// naming the path when the rename fails.
void publish_report(Store& store, const std::filesystem::path& temp,
                    const std::filesystem::path& output, std::string_view report,
                    const std::string& summary);

/// A temporary path beside `output` for the file being drawn.
std::filesystem::path temp_path_for(const std::filesystem::path& output);

} // namespace breathline::data::reports
