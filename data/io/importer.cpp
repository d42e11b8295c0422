#include "data/io/importer.h"

#include "data/audit/sha256.h"
#include "data/error.h"
#include "data/io/header_map.h"
#include "data/io/import_error.h"
#include "data/io/rejects_file.h"
#include "data/io/row_builder.h"

#include <unordered_map>

namespace breathline::data {

namespace {

constexpr std::size_t k_progress_every = 1000;

std::string join_lines(const std::vector<std::size_t>& lines, std::size_t except) {
    std::string out;
    for (auto l : lines) {
        if (l == except) continue;
        if (!out.empty()) out += ", ";
        out += std::to_string(l);
    }
    return out;
}

// Whole-file checks of the header row: required columns present, no key given twice.
void check_header(const HeaderMap& map, const ImportOptions& options) {
    const std::string file = "'" + options.file.string() + "'";
    if (!map.missing_required.empty()) {
        std::string ja, en;
        for (auto key : map.missing_required) {
            const std::string spellings = accepted_spellings(options.kind, key);
            ja += "\n  必須の列がありません: " + spellings;
            en += "\n  missing required column: " + spellings;
        }
        throw ImportError("ファイル " + file + " の見出し行に必須の列がありません。" +
                              "次のいずれかの見出しの列を追加してください:" + ja,
                          "file " + file + ": the header row lacks required columns; add a " +
                              "column headed by one of the spellings shown:" + en);
    }
    if (!map.duplicates.empty()) {
        const auto [first, second] = map.duplicates.front();
        throw ImportError("ファイル " + file + ": 列 '" + map.headers[first] + "' と列 '" +
                              map.headers[second] +
                              "' が同じ項目を表しています。どちらか一方を削除してください",
                          "file " + file + ": columns '" + map.headers[first] + "' and '" +
                              map.headers[second] + "' hold the same field; remove one of them");
    }
    if (map.column("lon").has_value() != map.column("lat").has_value())
        throw ImportError("ファイル " + file + ": 経度と緯度の列は両方が必要です (" +
                              accepted_spellings(options.kind, map.column("lon") ? "lat" : "lon") +
                              " の列を追加してください)",
                          "file " + file + ": longitude and latitude columns go together; add " +
                              "a column " +
                              accepted_spellings(options.kind, map.column("lon") ? "lat" : "lon"));
}

// The identity of a record for duplicate detection: its external id, or for persons without
// one the fallback key. "" when the row has neither (it is reported when imported).
std::string match_key(const RowReader& r, ImportKind kind) {
    std::string id = r.folded("external_id");
    if (!id.empty()) return "id:" + id;
    if (kind != ImportKind::persons) return {};
    const std::string fb = person_fallback_key_of_row(r);
    return fb.empty() ? std::string() : "fb:" + fb;
}

class Importer {
public:
    Importer(Store& store, const ImportOptions& options)
        : m_store(store), m_options(options), m_file(options.file.string()) {}

    ImportReport run() {
        m_source = open_record_source(m_options.file, m_options.layer);
        m_report.file = m_file;
        m_report.kind = m_options.kind;
        m_report.format = m_source->format();
        m_report.unit = m_source->unit();
        m_map = map_headers(m_options.kind, m_source->columns());
        check_header(m_map, m_options);
        for (auto i : m_map.unknown_columns)
            m_report.notes.push_back(
                {0, m_map.headers[i],
                 "列 '" + m_map.headers[i] + "' は不明な見出しのため取り込みません",
                 "column '" + m_map.headers[i] + "' has an unknown header and is not imported"});
        m_columns.emplace(m_map, m_options.kind);

        find_duplicate_keys();
        auto unit_of_work = m_store.begin();
        m_source->rewind();
        while (auto rec = m_source->next()) {
            ++m_report.records;
            import_record(*rec);
            if (m_options.progress && m_report.records % k_progress_every == 0)
                m_options.progress(m_report.records);
        }
        if (m_options.progress) m_options.progress(m_report.records);
        m_report.rejected = m_rejected.size();

        if (!m_report.errors.empty() && !m_options.skip_invalid) {
            // Dropping the unit of work rolls every row back: nothing changed.
            m_report.created = m_report.updated = m_report.unchanged = 0;
            m_report.links = m_report.matched_by_fallback = 0;
            m_report.located_exact = m_report.located_town = m_report.unresolved = 0;
            // Row notes describe rows that were not kept; only the file-level ones still hold.
            std::erase_if(m_report.notes, [](const ImportNote& n) { return n.line != 0; });
            return std::move(m_report);
        }
        if (!m_rejected.empty()) {
            const auto path = m_options.rejects_file.value_or(default_rejects_path(m_options.file));
            write_rejects_file(path, m_source->columns(), m_rejected);
            m_report.rejects_file = path;
        }
        AuditEntry entry;
        entry.actor = m_store.actor();
        entry.action = "import";
        entry.entity = m_file;
        entry.entity_id = std::string(to_string(m_options.kind));
        entry.summary = summary_text();
        m_store.audit().append(entry);
        unit_of_work->commit();
        m_report.committed = true;
        return std::move(m_report);
    }

private:
    void find_duplicate_keys() {
        std::unordered_map<std::string, std::vector<std::size_t>> lines;
        while (auto rec = m_source->next()) {
            RowReader r(*m_columns, *rec, m_file);
            const std::string key = match_key(r, m_options.kind);
            if (!key.empty()) lines[key].push_back(rec->line);
        }
        for (auto& [key, l] : lines)
            if (l.size() > 1) m_duplicates.emplace(key, std::move(l));
    }

    void import_record(const SourceRecord& rec) {
        RowReader r(*m_columns, rec, m_file);
        if (rec.extra_fields > 0)
            r.error("", "",
                    "見出しより " + std::to_string(rec.extra_fields) +
                        " 個多い値があります (区切りのカンマを確認してください)",
                    std::to_string(rec.extra_fields) +
                        " more values than header columns (check the commas)");
        const std::string key = match_key(r, m_options.kind);
        if (auto it = m_duplicates.find(key); it != m_duplicates.end()) {
            const std::string others = join_lines(it->second, rec.line);
            const bool by_id = key.rfind("id:", 0) == 0;
            r.error(by_id ? "external_id" : "name_kana", by_id ? key.substr(3) : std::string(),
                    (by_id ? std::string("同じ番号の行がファイル内に重複しています (")
                           : std::string("フリガナ・生年月日・住所が同じ行が重複しています (")) +
                        where_list_ja(others) + ")。どちらが正しいか確認してください",
                    (by_id ? std::string("the same id appears more than once in the file (")
                           : std::string("the same kana, birth date and address appear more "
                                         "than once in the file (")) +
                        where_list_en(others) + "); keep the right one");
        }
        switch (m_options.kind) {
        case ImportKind::persons:
            import_person(r);
            break;
        case ImportKind::supporters:
            import_supporter(r);
            break;
        case ImportKind::facilities:
            import_facility(r);
            break;
        }
        if (!r.errors().empty()) {
            for (const auto& e : r.errors())
                m_report.errors.push_back(e);
            m_rejected.push_back({rec.line, rec.values, r.errors()});
        }
    }

    std::string where_list_ja(const std::string& lines) const {
        return (m_report.unit == RecordUnit::line ? "行 " : "地物 ") + lines;
    }
    std::string where_list_en(const std::string& lines) const {
        return (m_report.unit == RecordUnit::line ? "lines " : "features ") + lines;
    }

    // Persons without an external id are matched on kana + birth date + address; the index
    // of existing persons is built on first need only.
    std::optional<Person> match_by_fallback(RowReader& r, Person& p) {
        const std::string fb = person_fallback_key(p.name_kana, p.birth_date, p.address_normalized);
        if (fb.empty()) {
            r.error("external_id", "",
                    "登録番号がなく、照合に必要なフリガナ・生年月日・住所もそろっていません",
                    "no registry number, and the fallback match needs kana, birth date and "
                    "address, which are incomplete");
            return std::nullopt;
        }
        if (!m_fallback_index) {
            m_fallback_index.emplace();
            for (const auto& existing : m_store.registry().persons({}))
                (*m_fallback_index)[person_fallback_key(existing.name_kana, existing.birth_date,
                                                        existing.address_normalized)]
                    .push_back(existing.external_id);
        }
        auto it = m_fallback_index->find(fb);
        if (it == m_fallback_index->end() || it->second.empty()) {
            // A stable id derived from the key, so that a second import matches the same row.
            p.external_id = "AUTO-" + sha256_hex(fb).substr(0, 12);
            return m_store.registry().person_by_external_id(p.external_id);
        }
        if (it->second.size() > 1) {
            std::string ids;
            for (const auto& id : it->second)
                ids += (ids.empty() ? "" : ", ") + id;
            r.error("external_id", "",
                    "登録番号がなく、フリガナ・生年月日・住所が一致する登録者が複数います (" + ids +
                        ")。登録番号を記入してください",
                    "no registry number, and several registered persons share the kana, birth "
                    "date and address (" +
                        ids + "); fill in the registry number");
            return std::nullopt;
        }
        p.external_id = it->second.front();
        ++m_report.matched_by_fallback;
        m_report.notes.push_back(
            {r.record().line, m_columns->header("external_id"),
             "登録番号がないため、フリガナ・生年月日・住所で " + p.external_id + " と照合しました",
             "matched by fallback rule (kana, birth date, address) to " + p.external_id});
        return m_store.registry().person_by_external_id(p.external_id);
    }

    // Places a row: its own coordinates, else the stored location when the
    // address is unchanged, else the town table (row_builder's resolve_location).
    template <typename Row>
    LocationOutcome locate(RowReader& r, const std::optional<Row>& existing, Row& row) {
        const bool address_changed = !existing || existing->address != row.address;
        LocationOutcome loc =
            resolve_location(r, existing ? existing->location : std::nullopt,
                             existing ? existing->geocode_precision : GeocodePrecision::unresolved,
                             address_changed, row.address, m_options.geocoder);
        row.location = loc.location;
        row.geocode_precision = loc.precision;
        return loc;
    }

    void import_person(RowReader& r) {
        const std::string id = r.folded("external_id");
        std::optional<Person> existing;
        if (!id.empty()) existing = m_store.registry().person_by_external_id(id);
        Person p = existing.value_or(Person{});
        apply_person_columns(r, p);
        if (id.empty()) {
            existing = match_by_fallback(r, p);
            if (existing) {
                // Re-apply the row on top of the matched person so unlisted fields are kept.
                const std::string matched_id = p.external_id;
                p = *existing;
                std::vector<RowError> saved = std::move(r.errors());
                r.errors().clear();
                apply_person_columns(r, p);
                r.errors() = std::move(saved);
                p.external_id = matched_id;
            }
        }
        const auto loc = locate(r, existing, p);
        if (!r.errors().empty()) return;
        // An import states what the file says, not an edit of a version someone read: it
        // applies over whatever is stored (row_conflict.h, version 0 = no check).
        p.row_version = 0;
        upsert(
            r, [&] { return m_store.registry().upsert_person(p); }, loc);
    }

    void import_supporter(RowReader& r) {
        const std::string id = r.folded("external_id");
        std::optional<Supporter> existing;
        if (!id.empty()) existing = m_store.registry().supporter_by_external_id(id);
        Supporter s = existing.value_or(Supporter{});
        apply_supporter_columns(r, s);
        const auto loc = locate(r, existing, s);

        // Links are checked before the supporter is written so a bad row changes nothing.
        std::vector<RowId> persons;
        const std::string role = r.text("link_role");
        if (r.has("person_external_ids")) {
            for (const auto& pid : split_id_list(r.raw("person_external_ids"))) {
                if (auto p = m_store.registry().person_by_external_id(pid)) {
                    persons.push_back(p->id);
                } else {
                    r.error(
                        "person_external_ids", pid,
                        "登録番号 '" + pid +
                            "' の登録者がいません。先に登録者を取り込むか番号を確認してください",
                        "no registered person has the number '" + pid +
                            "'; import the persons first or check the number");
                }
            }
        }
        if (!r.errors().empty()) return;
        s.row_version = 0; // an import applies over the stored row (see import_person)
        const auto result = upsert(
            r, [&] { return m_store.registry().upsert_supporter(s); }, loc);
        if (!result) return;
        for (RowId person_id : persons) {
            bool same = false;
            for (const auto& l : m_store.registry().supporter_links(person_id))
                if (l.supporter_id == result->id && l.role == role) same = true;
            if (same) continue;
            m_store.registry().link_supporter({person_id, result->id, role, 0});
            ++m_report.links;
        }
    }

    void import_facility(RowReader& r) {
        const std::string id = r.folded("external_id");
        std::optional<Facility> existing;
        if (!id.empty()) existing = m_store.facilities().facility_by_external_id(id);
        Facility f = existing.value_or(Facility{});
        apply_facility_columns(r, f);
        const auto loc = locate(r, existing, f);
        if (loc.precision == GeocodePrecision::town && !r.has("geocode_source"))
            f.geocode_source = "geolonia:" + loc.town;
        if (!r.errors().empty()) return;
        f.row_version = 0; // an import applies over the stored row (see import_person)
        upsert(
            r, [&] { return m_store.facilities().upsert_facility(f); }, loc);
    }

    // Runs one store upsert; a constraint the database enforces becomes a row error.
    template <typename Upsert>
    std::optional<UpsertResult> upsert(RowReader& r, Upsert&& run, const LocationOutcome& loc) {
        UpsertResult result;
        try {
            result = run();
        } catch (const DataError& e) {
            if (e.code() != ErrorCode::constraint && e.code() != ErrorCode::invalid_input) throw;
            r.error("", "", std::string("データベースの制約に反しています: ") + e.what(),
                    std::string("violates a database constraint: ") + e.what());
            return std::nullopt;
        }
        if (result.created)
            ++m_report.created;
        else if (result.changed)
            ++m_report.updated;
        else
            ++m_report.unchanged;
        switch (loc.precision) {
        case GeocodePrecision::exact:
        case GeocodePrecision::manual:
            ++m_report.located_exact;
            break;
        case GeocodePrecision::town:
            ++m_report.located_town;
            break;
        case GeocodePrecision::unresolved:
            ++m_report.unresolved;
            m_report.notes.push_back(
                {r.record().line, m_columns->header("address"),
                 loc.town.empty()
                     ? "位置を特定できません (座標がなく、住所から町丁目を判定できません)"
                     : "位置を特定できません (町丁目 " + loc.town + " が町丁目表にありません)",
                 loc.town.empty()
                     ? "location unresolved (no coordinates, and no town could be "
                       "derived from the address)"
                     : "location unresolved (town " + loc.town + " is not in the town table)"});
            break;
        }
        return result;
    }

    std::string summary_text() const {
        return "kind " + std::string(to_string(m_options.kind)) + "; format " + m_report.format +
               "; records " + std::to_string(m_report.records) + "; created " +
               std::to_string(m_report.created) + "; updated " + std::to_string(m_report.updated) +
               "; unchanged " + std::to_string(m_report.unchanged) + "; rejected " +
               std::to_string(m_report.rejected) + "; matched by fallback " +
               std::to_string(m_report.matched_by_fallback) + "; links " +
               std::to_string(m_report.links);
    }

    Store& m_store;
    const ImportOptions& m_options;
    std::string m_file;
    std::unique_ptr<RecordSource> m_source;
    HeaderMap m_map;
    std::optional<ColumnIndex> m_columns;
    ImportReport m_report;
    std::unordered_map<std::string, std::vector<std::size_t>> m_duplicates;
    std::optional<std::unordered_map<std::string, std::vector<std::string>>> m_fallback_index;
    std::vector<RejectedRecord> m_rejected;
};

} // namespace

std::string ImportReport::where(std::size_t line, bool japanese) const {
    if (unit == RecordUnit::feature)
        return japanese ? std::to_string(line) + " 番目の地物" : "feature " + std::to_string(line);
    return japanese ? std::to_string(line) + " 行目" : "line " + std::to_string(line);
}

ImportReport import_file(Store& store, const ImportOptions& options) {
    return Importer(store, options).run();
}

std::filesystem::path default_rejects_path(const std::filesystem::path& file) {
    std::filesystem::path out = file;
    out += ".rejected.csv";
    return out;
}

} // namespace breathline::data
