// Export → import round trips: persons, supporters and facilities exported
// with personal data (CSV and GeoPackage) and imported into a fresh database
// come back identical field by field, and importing the same export again
// changes nothing. Also: a source file imported, exported and re-imported.

#include "data/io/exporter.h"
#include "data/io/importer.h"
#include "data/io/person_fields.h"
#include "tests/data/export_fixture.h"

#include <algorithm>

namespace breathline::test {
namespace {

using data::ExportLayer;
using data::ImportKind;

template <typename T> std::vector<T> without_ids(std::vector<T> items) {
    for (auto& item : items) {
        item.id = 0;
        item.row_version = 0;
    }
    std::sort(items.begin(), items.end(),
              [](const T& a, const T& b) { return a.external_id < b.external_id; });
    return items;
}

// operator== over all items, and on failure the differing fields by name.
template <typename T>
void expect_same(const std::vector<T>& actual, const std::vector<T>& expected,
                 const std::vector<data::FieldDef<T>>& fields) {
    EXPECT_EQ(actual.size(), expected.size());
    for (std::size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
        if (actual[i] == expected[i]) continue;
        std::string diff;
        for (const auto& f : fields)
            if (f.get(actual[i]) != f.get(expected[i]))
                diff += std::string(f.key) + ": '" + f.get(actual[i]) + "' != '" +
                        f.get(expected[i]) + "'; ";
        ADD_FAILURE() << expected[i].external_id
                      << " differs: " << (diff.empty() ? "a field outside the field table" : diff);
    }
}

class RoundTrip : public ExportFixture {
protected:
    fs::path export_file(ExportLayer layer, const std::string& name, bool japanese = false) {
        data::ExportOptions o;
        o.layer = layer;
        o.output = out(name);
        o.include_personal = true;
        o.japanese_headers = japanese;
        data::export_layer(*m_store, o);
        return o.output;
    }

    static data::ImportReport import(data::Store& store, ImportKind kind, const fs::path& file) {
        data::ImportOptions o;
        o.kind = kind;
        o.file = file;
        data::ImportReport report = data::import_file(store, o);
        for (const auto& e : report.errors)
            ADD_FAILURE() << file << " " << report.where(e.line, false) << " " << e.column << " '"
                          << e.value << "': " << e.reason_en;
        EXPECT_TRUE(report.committed) << file;
        return report;
    }

    std::unique_ptr<data::Store> fresh_store(const std::string& name) {
        auto store = data::open_store((m_dir / name).string());
        store->set_actor("tester");
        return store;
    }

    // Export `layer` as `name`, import it into a fresh store, compare every
    // row with the original, then import it again: nothing may change.
    void round_trip(const std::string& name, bool japanese = false) {
        SCOPED_TRACE(name);
        const fs::path persons = export_file(ExportLayer::persons, "persons_" + name, japanese);
        const fs::path supporters =
            export_file(ExportLayer::supporters, "supporters_" + name, japanese);
        const fs::path facilities =
            export_file(ExportLayer::facilities, "facilities_" + name, japanese);
        auto copy = fresh_store("copy_" + name + ".sqlite");

        const auto p1 = import(*copy, ImportKind::persons, persons);
        EXPECT_EQ(p1.created, 3u);
        const auto s1 = import(*copy, ImportKind::supporters, supporters);
        EXPECT_EQ(s1.created, 2u);
        const auto f1 = import(*copy, ImportKind::facilities, facilities);
        EXPECT_EQ(f1.created, 2u);

        expect_same(without_ids(copy->registry().persons()),
                    without_ids(m_store->registry().persons()), data::person_fields());
        expect_same(without_ids(copy->registry().supporters()),
                    without_ids(m_store->registry().supporters()), data::supporter_fields());
        expect_same(without_ids(copy->facilities().facilities()),
                    without_ids(m_store->facilities().facilities()), data::facility_fields());

        for (const auto& [kind, file] : {std::pair{ImportKind::persons, persons},
                                         std::pair{ImportKind::supporters, supporters},
                                         std::pair{ImportKind::facilities, facilities}}) {
            const auto again = import(*copy, kind, file);
            EXPECT_EQ(again.created, 0u) << file;
            EXPECT_EQ(again.updated, 0u) << file;
        }
    }
};

TEST_F(RoundTrip, CsvWithPersonalDataReimportsIdentically) {
    round_trip("en.csv");
}

TEST_F(RoundTrip, CsvWithJapaneseHeadersReimportsIdentically) {
    round_trip("ja.csv", true);
}

TEST_F(RoundTrip, GeoPackageReimportsIdentically) {
    round_trip("en.gpkg");
}

// GeoJSON types dates, which GDAL prints as "1948/05/02 00:00:00".
TEST_F(RoundTrip, GeoJsonReimportsIdentically) {
    round_trip("en.geojson");
}

// import (a source file) → export → import into a fresh database.
TEST_F(RoundTrip, ImportedSourceSurvivesExportAndReimport) {
    const fs::path source = fs::path(BREATHLINE_SOURCE_DIR) / "tests/data/fixtures/facilities.csv";
    ASSERT_TRUE(fs::exists(source)) << source;
    auto first = fresh_store("first.sqlite");
    const auto imported = import(*first, ImportKind::facilities, source);
    ASSERT_GT(imported.created, 0u);

    for (const char* name : {"facilities.csv", "facilities.gpkg"}) {
        SCOPED_TRACE(name);
        data::ExportOptions o;
        o.layer = ExportLayer::facilities;
        o.output = out(name);
        data::export_layer(*first, o);
        auto second = fresh_store(std::string("second_") + name + ".sqlite");
        const auto report = import(*second, ImportKind::facilities, o.output);
        EXPECT_EQ(report.created, imported.created);
        expect_same(without_ids(second->facilities().facilities()),
                    without_ids(first->facilities().facilities()), data::facility_fields());
        const auto again = import(*second, ImportKind::facilities, o.output);
        EXPECT_EQ(again.created, 0u);
        EXPECT_EQ(again.updated, 0u);
    }
}

} // namespace
} // namespace breathline::test
