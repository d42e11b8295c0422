#include "data/text/csv.h"

#include <cassert>

namespace breathline::text {

CsvReader::CsvReader(std::string_view text, char delimiter)
    : m_text(strip_utf8_bom(text)), m_bom_size(text.size() - m_text.size()),
      m_delimiter(delimiter) {
    assert(delimiter != '"' && delimiter != '\r' && delimiter != '\n');
}

bool CsvReader::consume_line_break() noexcept {
    if (m_pos >= m_text.size()) return false;
    if (m_text[m_pos] == '\n') {
        ++m_pos;
    } else if (m_text[m_pos] == '\r') {
        ++m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == '\n') ++m_pos;
    } else {
        return false;
    }
    ++m_line;
    return true;
}

std::optional<CsvRecord> CsvReader::next() {
    // Skip empty lines: they carry no record, but they still count for line numbers.
    while (consume_line_break()) {
    }
    if (m_pos >= m_text.size()) return std::nullopt;

    CsvRecord record;
    record.line = m_line;
    for (;;) {
        std::string field;
        if (m_pos < m_text.size() && m_text[m_pos] == '"') {
            const std::size_t open_line = m_line;
            const std::size_t open_pos = m_pos;
            ++m_pos;
            for (;;) {
                if (m_pos >= m_text.size()) {
                    throw CsvError("unterminated quoted field: the quote opened on line " +
                                       std::to_string(open_line) + " (field " +
                                       std::to_string(record.fields.size() + 1) +
                                       ") is never closed; check for a stray '\"'",
                                   open_line, m_bom_size + open_pos);
                }
                const std::size_t quote = m_text.find('"', m_pos);
                const std::size_t stop = quote == std::string_view::npos ? m_text.size() : quote;
                // Count line breaks inside the quoted text so later records keep true lines.
                for (std::size_t i = m_pos; i < stop; ++i) {
                    if (m_text[i] == '\n') {
                        ++m_line;
                    } else if (m_text[i] == '\r' && (i + 1 >= stop || m_text[i + 1] != '\n')) {
                        ++m_line;
                    }
                }
                field.append(m_text.substr(m_pos, stop - m_pos));
                m_pos = stop;
                if (quote == std::string_view::npos) continue; // reports unterminated above
                if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
                    field.push_back('"');
                    m_pos += 2;
                    continue;
                }
                ++m_pos; // closing quote
                break;
            }
            if (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && m_text[m_pos] != '\r' &&
                m_text[m_pos] != '\n') {
                throw CsvError("unexpected character '" + std::string(1, m_text[m_pos]) +
                                   "' after closing quote on line " + std::to_string(m_line) +
                                   " (field " + std::to_string(record.fields.size() + 1) +
                                   "); quote the whole field and double inner quotes",
                               m_line, m_bom_size + m_pos);
            }
        } else {
            std::size_t stop = m_pos;
            while (stop < m_text.size() && m_text[stop] != m_delimiter && m_text[stop] != '\r' &&
                   m_text[stop] != '\n') {
                ++stop;
            }
            field.assign(m_text.substr(m_pos, stop - m_pos));
            m_pos = stop;
        }
        record.fields.push_back(std::move(field));

        if (m_pos < m_text.size() && m_text[m_pos] == m_delimiter) {
            ++m_pos;
            continue; // a trailing delimiter yields a final empty field
        }
        consume_line_break();
        return record;
    }
}

std::vector<CsvRecord> read_csv(std::string_view text, char delimiter) {
    std::vector<CsvRecord> records;
    CsvReader reader(text, delimiter);
    while (auto record = reader.next())
        records.push_back(std::move(*record));
    return records;
}

std::string csv_escape(std::string_view field, char delimiter) {
    const bool needs_quotes =
        field.find_first_of(std::string{'"', '\r', '\n', delimiter}) != std::string_view::npos ||
        (!field.empty() && (field.front() == ' ' || field.back() == ' '));
    if (!needs_quotes) return std::string(field);
    std::string out;
    out.reserve(field.size() + 2);
    out.push_back('"');
    for (const char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

CsvWriter::CsvWriter(std::ostream& out, CsvWriterOptions options) : m_out(out), m_options(options) {
    if (m_options.bom) m_out << utf8_bom;
}

void CsvWriter::write_field(std::string_view field, bool first) {
    if (!first) m_out.put(m_options.delimiter);
    m_out << csv_escape(field, m_options.delimiter);
}

void CsvWriter::write_row(std::span<const std::string> fields) {
    // A lone empty field would be an empty line, which readers skip; quote it to keep the row.
    if (fields.size() == 1 && fields.front().empty()) {
        m_out << "\"\"\r\n";
        ++m_rows;
        return;
    }
    bool first = true;
    for (const std::string& field : fields) {
        write_field(field, first);
        first = false;
    }
    m_out << "\r\n";
    ++m_rows;
}

void CsvWriter::write_row(std::initializer_list<std::string_view> fields) {
    if (fields.size() == 1 && fields.begin()->empty()) {
        m_out << "\"\"\r\n";
        ++m_rows;
        return;
    }
    bool first = true;
    for (const std::string_view field : fields) {
        write_field(field, first);
        first = false;
    }
    m_out << "\r\n";
    ++m_rows;
}

} // namespace breathline::text
