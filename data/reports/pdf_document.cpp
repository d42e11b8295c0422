#include "data/reports/pdf_document.h"

#include "data/error.h"
#include "data/text/utf8.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <mutex>
#include <system_error>
#include <unistd.h>

namespace breathline::data::reports {

namespace fs = std::filesystem;

namespace {

constexpr double k_pt_per_mm = 72.0 / 25.4;
constexpr double k_a4_width_pt = 595.2756;
constexpr double k_a4_height_pt = 841.8898;

// One FreeType library for the process: faces are created per document and
// released by cairo (user data below) when it drops the font face, which may
// happen after the document is gone, so the library must outlive them.
FT_Library ft_library() {
    static FT_Library library = [] {
        FT_Library l = nullptr;
        if (FT_Init_FreeType(&l) != 0) l = nullptr;
        return l;
    }();
    return library;
}

std::mutex& ft_mutex() {
    static std::mutex m;
    return m;
}

const cairo_user_data_key_t k_face_key{};

void done_face(void* face) {
    const std::lock_guard lock(ft_mutex());
    FT_Done_Face(static_cast<FT_Face>(face));
}

} // namespace

struct PdfDocument::Impl {
    cairo_surface_t* surface = nullptr;
    cairo_t* cr = nullptr;
    cairo_font_face_t* font = nullptr;
};

PdfDocument::PdfDocument(const fs::path& path, std::string_view title)
    : m_impl(std::make_unique<Impl>()), m_path(path) {
    FT_Face face = nullptr;
    {
        const std::lock_guard lock(ft_mutex());
        FT_Library lib = ft_library();
        if (!lib || FT_New_Face(lib, std::string(k_cjk_font_path).c_str(), 0, &face) != 0)
            throw DataError(ErrorCode::io,
                            "the Japanese font '" + std::string(k_cjk_font_path) +
                                "' could not be loaded: install the package fonts-noto-cjk");
    }
    m_impl->font = cairo_ft_font_face_create_for_ft_face(face, 0);
    if (cairo_font_face_set_user_data(m_impl->font, &k_face_key, face, done_face) !=
        CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(m_impl->font);
        done_face(face);
        throw DataError(ErrorCode::io,
                        "cairo could not use the font '" + std::string(k_cjk_font_path) + "'");
    }
    m_impl->surface =
        cairo_pdf_surface_create(path.string().c_str(), k_a4_width_pt, k_a4_height_pt);
    if (cairo_surface_status(m_impl->surface) != CAIRO_STATUS_SUCCESS) {
        const std::string why = cairo_status_to_string(cairo_surface_status(m_impl->surface));
        cairo_surface_destroy(m_impl->surface);
        cairo_font_face_destroy(m_impl->font);
        throw DataError(ErrorCode::io, "'" + path.string() + "' could not be created (" + why +
                                           "); check that the folder exists and is writable");
    }
    cairo_pdf_surface_set_metadata(m_impl->surface, CAIRO_PDF_METADATA_TITLE,
                                   std::string(title).c_str());
    cairo_pdf_surface_set_metadata(m_impl->surface, CAIRO_PDF_METADATA_CREATOR, "Breathline");
    m_impl->cr = cairo_create(m_impl->surface);
    cairo_scale(m_impl->cr, k_pt_per_mm, k_pt_per_mm);
    cairo_set_font_face(m_impl->cr, m_impl->font);
    cairo_set_source_rgb(m_impl->cr, 0, 0, 0);
}

PdfDocument::~PdfDocument() {
    if (m_impl->cr) cairo_destroy(m_impl->cr);
    if (m_impl->surface) cairo_surface_destroy(m_impl->surface);
    if (m_impl->font) cairo_font_face_destroy(m_impl->font);
}

void PdfDocument::text(double x_mm, double y_mm, double size_pt, std::string_view text, bool bold) {
    cairo_t* cr = m_impl->cr;
    cairo_set_font_size(cr, size_pt / k_pt_per_mm);
    const std::string s(text);
    cairo_move_to(cr, x_mm, y_mm);
    cairo_show_text(cr, s.c_str());
    if (bold) {
        // Noto CJK Regular has no bold face in this file: a second pass a
        // hair to the right reads as bold on paper and on a fax.
        cairo_move_to(cr, x_mm + 0.12, y_mm);
        cairo_show_text(cr, s.c_str());
    }
}

double PdfDocument::text_width_mm(double size_pt, std::string_view text) {
    cairo_set_font_size(m_impl->cr, size_pt / k_pt_per_mm);
    cairo_text_extents_t ext;
    const std::string s(text);
    cairo_text_extents(m_impl->cr, s.c_str(), &ext);
    return ext.x_advance;
}

double PdfDocument::wrapped(double x_mm, double y_mm, double width_mm, double size_pt,
                            std::string_view text) {
    const double step = size_pt * 1.5 / k_pt_per_mm;
    std::string line;
    std::size_t i = 0;
    auto flush = [&] {
        this->text(x_mm, y_mm, size_pt, line);
        y_mm += step;
        line.clear();
    };
    while (i < text.size()) {
        if (text[i] == '\n') {
            flush();
            ++i;
            continue;
        }
        const auto d = ::breathline::text::utf8::decode_at(text, i);
        const std::size_t len = d ? d->length : 1;
        const std::string next = line + std::string(text.substr(i, len));
        if (!line.empty() && text_width_mm(size_pt, next) > width_mm) {
            // Break at the last space when there is one, so numbers and
            // Latin words (a fax number) stay whole; Japanese breaks anywhere.
            const std::size_t space = line.rfind(' ');
            if (space != std::string::npos && space > 0) {
                std::string rest = line.substr(space + 1);
                line.resize(space);
                flush();
                line = std::move(rest);
            } else {
                flush();
            }
        }
        line += std::string(text.substr(i, len));
        i += len;
    }
    if (!line.empty()) flush();
    return y_mm;
}

void PdfDocument::line(double x1_mm, double y1_mm, double x2_mm, double y2_mm, double width_pt) {
    cairo_t* cr = m_impl->cr;
    cairo_set_line_width(cr, width_pt / k_pt_per_mm);
    cairo_move_to(cr, x1_mm, y1_mm);
    cairo_line_to(cr, x2_mm, y2_mm);
    cairo_stroke(cr);
}

cairo_t* PdfDocument::cairo() {
    return m_impl->cr;
}

void PdfDocument::new_page() {
    cairo_show_page(m_impl->cr);
    ++m_pages;
}

void PdfDocument::finish() {
    cairo_destroy(m_impl->cr);
    m_impl->cr = nullptr;
    cairo_surface_finish(m_impl->surface);
    const cairo_status_t status = cairo_surface_status(m_impl->surface);
    cairo_surface_destroy(m_impl->surface);
    m_impl->surface = nullptr;
    if (status != CAIRO_STATUS_SUCCESS)
        throw DataError(ErrorCode::io, "'" + m_path.string() + "' could not be written (" +
                                           cairo_status_to_string(status) +
                                           "); check free space and permissions");
}

fs::path temp_path_for(const fs::path& output) {
    fs::path p = output;
    p += ".tmp-" + std::to_string(::getpid());
    return p;
}

void publish_report(Store& store, const fs::path& temp, const fs::path& output,
                    std::string_view report, const std::string& summary) {
    auto work = store.begin();
    AuditEntry entry;
    entry.actor = store.actor();
    entry.action = "export";
    entry.entity = output.string();
    entry.entity_id = std::string(report);
    entry.summary = summary;
    store.audit().append(entry);
    std::error_code ec;
    fs::rename(temp, output, ec);
    if (ec) {
        fs::remove(temp, ec);
        throw DataError(ErrorCode::io, "'" + output.string() +
                                           "' could not be written (renaming the temporary file "
                                           "failed); check that the folder is writable");
    }
    try {
        work->commit();
    } catch (...) {
        std::error_code ignored;
        fs::remove(output, ignored);
        throw;
    }
}

namespace {
constexpr double k_flow_left = 18.0;
constexpr double k_flow_right = 192.0;
constexpr double k_flow_bottom = 280.0;
constexpr double k_flow_body_pt = 10.0;
} // namespace

void FlowPage::title(std::string_view text) {
    m_doc.text(k_flow_left, m_y, 15, text, true);
    m_y += 9;
}

void FlowPage::heading(std::string_view text) {
    room(14);
    m_y += 3;
    m_doc.text(k_flow_left, m_y, 11.5, text, true);
    m_doc.line(k_flow_left, m_y + 1.5, k_flow_right, m_y + 1.5, 0.6);
    m_y += 7;
}

void FlowPage::row(std::string_view label, std::string_view value) {
    room(6);
    m_doc.text(k_flow_left + 2, m_y, k_flow_body_pt, label);
    m_y =
        m_doc.wrapped(k_flow_left + 2 + m_label_w, m_y, k_flow_right - k_flow_left - 2 - m_label_w,
                      k_flow_body_pt, value.empty() ? "—" : value);
    m_y += 0.8;
}

void FlowPage::cells(const std::vector<std::pair<double, std::string>>& cells, bool bold) {
    room(6);
    for (const auto& [x, text] : cells)
        m_doc.text(k_flow_left + x, m_y, 9.5, text, bold);
    m_y += 5.5;
}

void FlowPage::rule() {
    m_doc.line(k_flow_left, m_y - 3.5, k_flow_right, m_y - 3.5, 0.3);
}

void FlowPage::para(std::string_view text, double size_pt) {
    room(6);
    m_y = m_doc.wrapped(k_flow_left, m_y, k_flow_right - k_flow_left, size_pt, text);
}

void FlowPage::page() {
    m_doc.new_page();
    m_y = 20;
}

void FlowPage::room(double mm) {
    if (m_y + mm > k_flow_bottom) page();
}

} // namespace breathline::data::reports
