#include "data/io/record_source.h"

#include "data/io/import_error.h"
#include "data/io/ogr_record_source.h"
#include "data/text/csv.h"
#include "data/text/encoding.h"
#include "data/text/utf8.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace breathline::data {

namespace {

std::string lower_extension(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return ext;
}

// 1-based line of a byte offset: CP932 trail bytes are never 0x0A, so counting LF bytes is
// right for both encodings.
std::size_t line_of_offset(std::string_view bytes, std::size_t offset) {
    offset = std::min(offset, bytes.size());
    return 1 + static_cast<std::size_t>(std::count(
                   bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string read_file_bytes(const std::filesystem::path& file) {
    const std::string name = "'" + file.string() + "'";
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        throw ImportError("ファイル " + name + " が見つかりません。パスを確認してください",
                          "file " + name + " does not exist; check the path");
    if (std::filesystem::is_directory(file, ec))
        throw ImportError(name + " はディレクトリです。ファイルを指定してください",
                          name + " is a directory; give a file");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ImportError("ファイル " + name + " を読めません。読み取り権限を確認してください",
                          "cannot read file " + name + "; check that it is readable");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        throw ImportError("ファイル " + name + " の読み込み中にエラーが発生しました",
                          "reading file " + name + " failed");
    return buffer.str();
}

class CsvRecordSource final : public RecordSource {
public:
    CsvRecordSource(const std::filesystem::path& file, char delimiter)
        : m_file(file), m_delimiter(delimiter) {
        const std::string bytes = read_file_bytes(file);
        const std::string name = "'" + file.string() + "'";
        m_encoding = text::detect_encoding(bytes);
        try {
            m_text = text::decode_to_utf8(bytes);
        } catch (const text::TextError& e) {
            // Name both places: a mostly-UTF-8 file with one stray byte is best fixed where
            // UTF-8 breaks, a CP932 file where CP932 breaks.
            const std::size_t utf8_offset =
                text::utf8::find_invalid(text::strip_utf8_bom(bytes)).value_or(0) +
                (bytes.size() - text::strip_utf8_bom(bytes).size());
            const std::string utf8_line = std::to_string(line_of_offset(bytes, utf8_offset));
            const std::string cp932_line = std::to_string(line_of_offset(bytes, e.byte_offset()));
            throw ImportError(
                "ファイル " + name +
                    " は UTF-8 としても CP932 (Shift_JIS) としても読めません (UTF-8 は " +
                    utf8_line + " 行目のバイト位置 " + std::to_string(utf8_offset) +
                    " で、CP932 は " + cp932_line + " 行目のバイト位置 " +
                    std::to_string(e.byte_offset()) +
                    " で不正)。UTF-8 か CP932 で保存し直してください",
                "file " + name +
                    " is neither UTF-8 nor CP932 (Shift_JIS): as UTF-8 it breaks at line " +
                    utf8_line + " (byte " + std::to_string(utf8_offset) + "), as CP932 at line " +
                    cp932_line + " (byte " + std::to_string(e.byte_offset()) +
                    "); save it again as UTF-8 or CP932");
        }
        rewind();
        auto header = read_next();
        if (!header)
            throw ImportError("ファイル " + name + " は空です (見出し行がありません)",
                              "file " + name + " is empty (no header row)");
        m_columns = std::move(header->fields);
        m_first_record_pos = true;
    }

    const std::vector<std::string>& columns() const override { return m_columns; }

    std::optional<SourceRecord> next() override {
        auto rec = read_next();
        if (!rec) return std::nullopt;
        SourceRecord out;
        out.line = rec->line;
        if (rec->fields.size() > m_columns.size())
            out.extra_fields = rec->fields.size() - m_columns.size();
        rec->fields.resize(m_columns.size());
        out.values = std::move(rec->fields);
        return out;
    }

    void rewind() override {
        m_reader.emplace(m_text, m_delimiter);
        if (m_first_record_pos) read_next(); // skip the header row
    }

    RecordUnit unit() const override { return RecordUnit::line; }
    std::string format() const override {
        return std::string(m_delimiter == '\t' ? "TSV (" : "CSV (") +
               std::string(text::to_string(m_encoding)) + ")";
    }
    bool has_geometry() const override { return false; }

private:
    std::optional<text::CsvRecord> read_next() {
        try {
            return m_reader->next();
        } catch (const text::CsvError& e) {
            const std::string name = "'" + m_file.string() + "'";
            const std::string line = std::to_string(e.line());
            throw ImportError("ファイル " + name + " の " + line +
                                  " 行目: CSV の形式が壊れています (" + e.what() +
                                  ")。引用符 \" の閉じ忘れがないか確認してください",
                              "file " + name + ", line " + line + ": malformed CSV (" + e.what() +
                                  "); check for a missing closing quote \"");
        }
    }

    std::filesystem::path m_file;
    char m_delimiter;
    text::Encoding m_encoding = text::Encoding::Utf8;
    std::string m_text;
    std::optional<text::CsvReader> m_reader;
    std::vector<std::string> m_columns;
    bool m_first_record_pos = false;
};

} // namespace

std::unique_ptr<RecordSource> open_record_source(const std::filesystem::path& file,
                                                 const std::optional<std::string>& layer) {
    const std::string ext = lower_extension(file);
    if (ext == ".csv" || ext == ".txt" || ext == ".tsv") {
        if (layer)
            throw ImportError("CSV ファイル '" + file.string() +
                                  "' にはレイヤーがありません。"
                                  "--layer を外してください",
                              "CSV file '" + file.string() + "' has no layers; remove --layer");
        return std::make_unique<CsvRecordSource>(file, ext == ".tsv" ? '\t' : ',');
    }
    return open_ogr_record_source(file, layer);
}

} // namespace breathline::data
