#include "data/io/rejects_file.h"

#include "data/io/import_error.h"
#include "data/text/csv.h"

#include <fstream>

namespace breathline::data {

void write_rejects_file(const std::filesystem::path& path, const std::vector<std::string>& columns,
                        const std::vector<RejectedRecord>& rejected) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    auto fail = [&] {
        return ImportError("除外した行のファイル '" + path.string() +
                               "' を書き込めません。--rejects で書き込める場所を指定してください",
                           "cannot write the rejects file '" + path.string() +
                               "'; give a writable path with --rejects");
    };
    if (!out) throw fail();
    text::CsvWriter writer(out, {.bom = true, .delimiter = ','});
    std::vector<std::string> header = columns;
    header.insert(header.end(), {"line", "column", "reason"});
    writer.write_row(header);
    for (const auto& r : rejected) {
        std::vector<std::string> row = r.values;
        row.resize(columns.size());
        std::string cols, reasons;
        for (const auto& e : r.errors) {
            if (!cols.empty()) cols += " | ";
            cols += e.column;
            if (!reasons.empty()) reasons += " | ";
            reasons +=
                (e.column.empty() ? "" : e.column + ": ") + e.reason_ja + " / " + e.reason_en;
        }
        row.push_back(std::to_string(r.line));
        row.push_back(cols);
        row.push_back(reasons);
        writer.write_row(row);
    }
    out.flush();
    if (!out) throw fail();
}

} // namespace breathline::data
