#include "data/io/exporter.h"

#include "data/error.h"
#include "data/io/export_csv.h"
#include "data/io/export_ogr.h"
#include "data/io/export_table.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <system_error>
#include <unistd.h>

namespace breathline::data {

namespace {

namespace fs = std::filesystem;

// Removes the temporary file unless it was renamed into place.
class TempFile {
public:
    explicit TempFile(fs::path path) : m_path(std::move(path)) {}
    ~TempFile() {
        if (m_armed) {
            std::error_code ec;
            fs::remove(m_path, ec);
        }
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const fs::path& path() const { return m_path; }
    void disarm() { m_armed = false; }

private:
    fs::path m_path;
    bool m_armed = true;
};

// Next to the target so the final rename stays on one file system (and is
// atomic); the real extension last because some GDAL drivers check it.
fs::path temp_path_for(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    const std::string name = "." + target.stem().string() + ".partial-" +
                             std::to_string(::getpid()) + "-" + std::to_string(counter++) +
                             target.extension().string();
    return target.parent_path() / name;
}

std::vector<ExportTable> build_tables(Store& store, ExportLayer layer,
                                      const ExportTableOptions& options) {
    switch (layer) {
    case ExportLayer::persons:
        return {persons_table(store, options)};
    case ExportLayer::supporters:
        return {supporters_table(store, options)};
    case ExportLayer::facilities:
        return {facilities_table(store, options)};
    case ExportLayer::ward:
        return {ward_table(store, options)};
    case ExportLayer::map:
        // Bottom to top as QGIS stacks them: boundary, places, people.
        return {ward_table(store, options), facilities_table(store, options),
                persons_table(store, options)};
    }
    return {};
}

void check_target(const ExportOptions& options) {
    const fs::path& out = options.output;
    if (out.empty() || out.filename().empty())
        throw DataError(ErrorCode::invalid_input, "no output file name given");
    std::error_code ec;
    const fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    if (!fs::is_directory(dir, ec))
        throw DataError(ErrorCode::io, "'" + out.string() + "': folder '" + dir.string() +
                                           "' does not exist; create it first");
    if (fs::is_directory(out, ec))
        throw DataError(ErrorCode::io,
                        "'" + out.string() + "' is a folder; give a file name inside it");
    if (fs::exists(out, ec) && !options.overwrite)
        throw DataError(ErrorCode::export_failed,
                        "'" + out.string() +
                            "' already exists and was left unchanged; use --force to overwrite "
                            "it or choose another file name");
}

std::string audit_summary(const ExportOptions& options, ExportFormat format,
                          const std::vector<ExportTable>& tables, std::size_t rows,
                          const std::string& actor) {
    std::string s = "layer=" + std::string(to_string(options.layer)) +
                    " format=" + std::string(to_string(format)) + " rows=" + std::to_string(rows);
    if (tables.size() > 1) {
        s += " (";
        for (std::size_t i = 0; i < tables.size(); ++i) {
            if (i != 0) s += ", ";
            s += tables[i].layer + " " + std::to_string(tables[i].rows.size());
        }
        s += ")";
    }
    s += std::string(" personal=") + (options.include_personal ? "included" : "masked");
    if (format == ExportFormat::csv) s += options.cp932 ? " encoding=cp932" : " encoding=utf8";
    s += " actor=" + actor;
    return s;
}

} // namespace

std::string_view to_string(ExportFormat format) {
    switch (format) {
    case ExportFormat::gpkg:
        return "gpkg";
    case ExportFormat::geojson:
        return "geojson";
    case ExportFormat::csv:
        return "csv";
    case ExportFormat::kml:
        return "kml";
    }
    return "?";
}

std::string_view to_string(ExportLayer layer) {
    switch (layer) {
    case ExportLayer::persons:
        return "persons";
    case ExportLayer::supporters:
        return "supporters";
    case ExportLayer::facilities:
        return "facilities";
    case ExportLayer::ward:
        return "ward";
    case ExportLayer::map:
        return "map";
    }
    return "?";
}

std::optional<ExportFormat> parse_export_format(std::string_view text) {
    for (auto f : {ExportFormat::gpkg, ExportFormat::geojson, ExportFormat::csv, ExportFormat::kml})
        if (to_string(f) == text) return f;
    return std::nullopt;
}

std::optional<ExportLayer> parse_export_layer(std::string_view text) {
    for (auto l : {ExportLayer::persons, ExportLayer::supporters, ExportLayer::facilities,
                   ExportLayer::ward, ExportLayer::map})
        if (to_string(l) == text) return l;
    return std::nullopt;
}

std::optional<ExportFormat> export_format_from_path(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".gpkg") return ExportFormat::gpkg;
    if (ext == ".geojson" || ext == ".json") return ExportFormat::geojson;
    if (ext == ".csv") return ExportFormat::csv;
    if (ext == ".kml") return ExportFormat::kml;
    return std::nullopt;
}

ExportReport export_layer(Store& store, const ExportOptions& options) {
    const std::string out = options.output.string();
    const std::optional<ExportFormat> format =
        options.format ? options.format : export_format_from_path(options.output);
    if (!format)
        throw DataError(ErrorCode::invalid_input,
                        "'" + out + "': the format cannot be told from the extension '" +
                            options.output.extension().string() +
                            "'; use .gpkg, .geojson, .json, .csv or .kml, or give --format");
    if (options.layer == ExportLayer::map && *format != ExportFormat::gpkg)
        throw DataError(ErrorCode::invalid_input,
                        "'" + out +
                            "': the map bundle has several layers and only GeoPackage "
                            "holds them in one file; export it as .gpkg, or export "
                            "persons, facilities or ward one at a time");
    if (options.cp932 && *format != ExportFormat::csv)
        throw DataError(ErrorCode::invalid_input,
                        "'" + out + "': CP932 encoding applies to CSV only; " +
                            std::string(to_string(*format)) + " files are always UTF-8");
    check_target(options);

    const std::vector<ExportTable> tables =
        build_tables(store, options.layer, {options.include_personal, options.japanese_headers});

    TempFile temp(temp_path_for(options.output));
    if (*format == ExportFormat::csv)
        write_csv_table(tables.front(), temp.path(), {options.cp932});
    else
        write_ogr_tables(tables, temp.path(), *format);

    ExportReport report;
    report.format = *format;
    for (const auto& t : tables) {
        report.rows += t.rows.size();
        report.layers_written.push_back(t.layer);
    }

    // The audit entry and the rename succeed or fail together: the entry is
    // rolled back when the rename fails, and the file removed when the
    // commit fails, so the log never misses a file that exists.
    auto work = store.begin();
    AuditEntry entry;
    entry.actor = store.actor();
    entry.action = "export";
    entry.entity = out;
    entry.entity_id = std::string(to_string(options.layer));
    entry.summary = audit_summary(options, *format, tables, report.rows, store.actor());
    store.audit().append(entry);
    std::error_code ec;
    fs::rename(temp.path(), options.output, ec);
    if (ec)
        throw DataError(ErrorCode::io, "'" + out + "' could not be written (renaming '" +
                                           temp.path().string() + "' failed: " + ec.message() +
                                           "); check that the folder is writable");
    temp.disarm();
    try {
        work->commit();
    } catch (...) {
        std::error_code ignored;
        fs::remove(options.output, ignored);
        throw;
    }
    return report;
}

} // namespace breathline::data
