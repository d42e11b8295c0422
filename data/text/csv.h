#pragma once

#include "data/text/encoding.h"

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::text {

/// One CSV record and the 1-based physical line of the file on which it starts (a quoted field
/// with line breaks makes a record span several lines; the next record's line accounts for it).
struct CsvRecord {
    std::size_t line = 0;
    std::vector<std::string> fields;
};

/// A malformed CSV file. what() names the line; line() is the 1-based physical line where the
/// problem is, byte_offset() the 0-based offset into the text given to the reader.
class CsvError : public TextError {
public:
    CsvError(const std::string& message, std::size_t line, std::size_t byte_offset)
        : TextError(message, byte_offset), m_line(line) {}

    /// 1-based physical line of the problem.
    [[nodiscard]] std::size_t line() const noexcept { return m_line; }

private:
    std::size_t m_line;
};

/// Streaming RFC 4180 reader over UTF-8 text (convert CP932 first with decode_to_utf8()).
/// - A leading UTF-8 BOM is skipped. Records end at CRLF, LF or a lone CR; the last record may
///   lack a line break.
/// - A field that starts with '"' is quoted: it may hold the delimiter, line breaks (kept as
///   written) and doubled quotes ("" → "). After its closing quote only the delimiter or the end
///   of the record may follow.
/// - A quote inside an unquoted field is kept literally (common in hand-made files).
/// - Fields are not trimmed. Empty lines (no characters at all) are skipped; a line of only
///   delimiters is a record of empty fields.
/// The reader does not own the text: `text` must outlive it. Reading does not allocate beyond the
/// returned record, so 100,000-row files are cheap. Not thread-safe; use one reader per thread.
class CsvReader {
public:
    /// Reads `text` with `delimiter` (',' by default; '\t' for TSV). Precondition: delimiter is
    /// not '"', CR or LF.
    explicit CsvReader(std::string_view text, char delimiter = ',');

    /// The next record, or nullopt at the end of the text. Throws CsvError for an unterminated
    /// quoted field (naming the line where it opened) or for text after a closing quote.
    std::optional<CsvRecord> next();

    /// 1-based physical line where the next call to next() will start reading.
    [[nodiscard]] std::size_t line() const noexcept { return m_line; }

private:
    // Consumes one line break at m_pos if there is one; returns whether it did.
    bool consume_line_break() noexcept;

    std::string_view m_text; // without the BOM
    std::size_t m_bom_size;  // added back to offsets so they index the caller's text
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
    char m_delimiter;
};

/// Reads every record of `text` (see CsvReader). Throws CsvError like CsvReader::next().
std::vector<CsvRecord> read_csv(std::string_view text, char delimiter = ',');

/// `field` as it must appear in a CSV file: unchanged, or wrapped in quotes with inner quotes
/// doubled when it contains the delimiter, a quote, CR, LF, or leading/trailing spaces (which
/// some readers would otherwise trim).
std::string csv_escape(std::string_view field, char delimiter = ',');

/// Options for CsvWriter.
struct CsvWriterOptions {
    bool bom = false;     ///< write a UTF-8 BOM first (Excel on Japanese Windows needs it)
    char delimiter = ','; ///< field delimiter
};

/// Writes RFC 4180 CSV to a stream: fields quoted when needed (csv_escape), records ending in
/// CRLF. The stream must outlive the writer; the writer does not flush or close it. Stream
/// errors are the caller's to check (out.fail()). Not thread-safe.
class CsvWriter {
public:
    /// Starts writing to `out`; writes the BOM at once when options.bom is set.
    explicit CsvWriter(std::ostream& out, CsvWriterOptions options = {});

    /// Writes one record. An empty span writes an empty line (which CsvReader skips); a single
    /// empty field is written as "" so that the row survives a round trip.
    void write_row(std::span<const std::string> fields);
    /// Writes one record from string views or literals: writer.write_row({"id", "name"}).
    void write_row(std::initializer_list<std::string_view> fields);

    /// Number of records written so far.
    [[nodiscard]] std::size_t rows_written() const noexcept { return m_rows; }

private:
    void write_field(std::string_view field, bool first);

    std::ostream& m_out;
    CsvWriterOptions m_options;
    std::size_t m_rows = 0;
};

} // namespace breathline::text
