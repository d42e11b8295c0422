#include "data/io/export_csv.h"

#include "data/error.h"
#include "data/text/csv.h"
#include "data/text/encoding.h"

#include <fstream>
#include <sstream>

namespace breathline::data {

namespace {

// Converts one value up front so that a failure names the row and column;
// converting the whole file at once could only give a byte offset.
void check_cp932(const ExportTable& table, const std::filesystem::path& file) {
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
            const std::string& value = table.rows[r][c];
            try {
                (void)text::utf8_to_cp932(value);
            } catch (const text::TextError& e) {
                // Name the offending character only: the value may be personal.
                const std::size_t at = e.byte_offset();
                std::size_t len = 1;
                const auto lead = static_cast<unsigned char>(value[at]);
                if (lead >= 0xF0)
                    len = 4;
                else if (lead >= 0xE0)
                    len = 3;
                else if (lead >= 0xC0)
                    len = 2;
                throw DataError(ErrorCode::export_failed,
                                "'" + file.string() + "': row " + std::to_string(r + 2) + " (" +
                                    table.row_labels[r] + "), column " + table.columns[c].name +
                                    ": character '" + value.substr(at, len) +
                                    "' cannot be written in CP932; export with --encoding utf8 "
                                    "or correct the value");
            }
        }
    }
}

} // namespace

void write_csv_table(const ExportTable& table, const std::filesystem::path& file,
                     const CsvExportOptions& options) {
    if (options.cp932) check_cp932(table, file);
    const bool polygons = table.geometry_kind == ExportGeometryKind::multipolygon;

    std::ostringstream utf8;
    text::CsvWriter writer(utf8, text::CsvWriterOptions{!options.cp932, ','});
    std::vector<std::string> header;
    for (const auto& c : table.columns)
        header.push_back(c.name);
    if (polygons) header.emplace_back("WKT");
    writer.write_row(header);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (!polygons) {
            writer.write_row(table.rows[r]);
            continue;
        }
        std::vector<std::string> row = table.rows[r];
        row.push_back(table.wkt[r]);
        writer.write_row(row);
    }

    const std::string bytes = options.cp932 ? text::utf8_to_cp932(utf8.str()) : utf8.str();
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out)
        throw DataError(ErrorCode::io, "'" + file.string() +
                                           "' could not be written: check the disk space and "
                                           "that the folder is writable");
}

} // namespace breathline::data
