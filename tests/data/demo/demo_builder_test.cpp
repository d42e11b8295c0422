#include "data/demo/demo_builder.h"
#include "data/error.h"
#include "data/roads/road_store.h"
#include "demo_test_data.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>

namespace breathline::data::demo {
namespace {

namespace fs = std::filesystem;
using testing::demo_inputs;

class DemoBuilderTest : public ::testing::Test {
protected:
    fs::path temp_db(const std::string& tag) {
        const fs::path p =
            fs::temp_directory_path() /
            ("demo_builder_test_" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
             tag + ".sqlite");
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            fs::remove(p.string() + suffix);
        m_files.push_back(p);
        return p;
    }
    void TearDown() override {
        for (const auto& p : m_files)
            for (const char* suffix : {"", "-wal", "-shm", "-journal"})
                fs::remove(p.string() + suffix);
    }

private:
    std::vector<fs::path> m_files;
};

TEST_F(DemoBuilderTest, BuildsACleanDatabase) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    auto store = open_store(temp_db("a").string());
    store->set_actor("demo-test");
    const DemoSummary summary = build_demo(*store, demo_inputs());

    EXPECT_EQ(summary.persons, 140);
    EXPECT_EQ(summary.ventilator_users, 80);
    EXPECT_EQ(summary.oxygen_users, 60);
    EXPECT_EQ(summary.relief_stations, 12);
    EXPECT_EQ(summary.facilities.at(FacilityKind::rescue_centre), 36);
    EXPECT_EQ(summary.unresolved, 24);
    EXPECT_FALSE(summary.short_of_supporters.empty());

    // The real central-Tokyo arterial network (UXsim tables, 522 directed
    // links): a link present in both directions is one two-way edge.
    EXPECT_EQ(summary.road_nodes, 220u);
    EXPECT_EQ(summary.road_edges, 340u); // 182 link pairs + 158 one-way links
    const auto roads = road_store(*store);
    ASSERT_TRUE(roads->source().has_value());
    EXPECT_EQ(roads->source()->format, "uxsim_csv");
    EXPECT_EQ(roads->load_network().node_count(), 220u);
    EXPECT_EQ(summary.road_largest_component, 192u);

    EXPECT_EQ(store->registry().count_persons(), 140);
    EXPECT_EQ(store->registry().count_supporters(), summary.supporters);
    EXPECT_EQ(store->facilities().facilities({}).size(), 65u);
    FacilityFilter relief;
    relief.relief_station = true;
    EXPECT_EQ(store->facilities().facilities(relief).size(), 12u);

    const CheckReport report = store->check();
    for (const auto& f : report.findings)
        EXPECT_NE(f.severity, CheckFinding::Severity::error) << f.code << ": " << f.message;
    // Each unresolved facility is listed as a warning, and nothing else is.
    EXPECT_EQ(report.findings.size(), 24u);

    const auto ward = store->areas().area("ward_boundary", "豊島区");
    ASSERT_TRUE(ward.has_value());
    EXPECT_NE(ward->source.find("国土数値情報"), std::string::npos);
    EXPECT_TRUE(store->areas().area_contains(ward->id, geo::LonLat(139.73294, 35.735893)));
    EXPECT_FALSE(store->areas().area_contains(ward->id, geo::LonLat(139.7671, 35.6812))); // 東京駅
    for (const auto& p : store->registry().persons())
        EXPECT_TRUE(store->areas().area_contains(ward->id, *p.location)) << p.external_id;

    // The nearest relief base from 清和小学校's own point is itself.
    const auto nearest = store->facilities().nearest(geo::LonLat(139.73294, 35.735893),
                                                     FacilityKind::rescue_centre, 1);
    ASSERT_EQ(nearest.size(), 1u);
    EXPECT_EQ(nearest.front().facility.name, "清和小学校");

    // Links and contacts arrive as generated.
    const SyntheticRegistry generated =
        make_synthetic_registry(demo_inputs().towns, demo_inputs().ward.polygon);
    const auto first = store->registry().person_by_external_id("DEMO-V001");
    ASSERT_TRUE(first.has_value());
    const auto expected_links =
        std::count_if(generated.links.begin(), generated.links.end(),
                      [](const SyntheticLink& l) { return l.person_external_id == "DEMO-V001"; });
    EXPECT_EQ(static_cast<std::ptrdiff_t>(store->registry().supporter_links(first->id).size()),
              expected_links);
    EXPECT_EQ(store->registry().contacts(first->id).size(),
              generated.contacts.at("DEMO-V001").size());
}

TEST_F(DemoBuilderTest, TwoBuildsGiveIdenticalRows) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    auto a = open_store(temp_db("a").string());
    auto b = open_store(temp_db("b").string());
    build_demo(*a, demo_inputs());
    build_demo(*b, demo_inputs());
    EXPECT_EQ(a->registry().persons(), b->registry().persons());
    EXPECT_EQ(a->registry().supporters(), b->registry().supporters());
    EXPECT_EQ(a->facilities().facilities({}), b->facilities().facilities({}));
    for (const auto& p : a->registry().persons()) {
        EXPECT_EQ(a->registry().supporter_links(p.id), b->registry().supporter_links(p.id));
        EXPECT_EQ(a->registry().contacts(p.id), b->registry().contacts(p.id));
    }
}

TEST_F(DemoBuilderTest, RefusesAStoreThatAlreadyHoldsData) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    auto store = open_store(temp_db("a").string());
    build_demo(*store, demo_inputs());
    EXPECT_TRUE(store_has_data(*store));
    const auto audit_rows = store->audit().count();
    try {
        build_demo(*store, demo_inputs());
        ADD_FAILURE() << "second build accepted";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::invalid_input);
        EXPECT_NE(std::string(e.what()).find(store->location()), std::string::npos);
    }
    EXPECT_EQ(store->audit().count(), audit_rows);
}

TEST_F(DemoBuilderTest, MissingInputFileIsAnIoErrorNamingIt) {
    BREATHLINE_REQUIRE_DEMO_DATA();
    DemoSources sources = testing::demo_sources();
    sources.gsi_shelters = fs::temp_directory_path() / "no_such_gsi_file.geojson";
    try {
        (void)load_demo_inputs(sources);
        ADD_FAILURE() << "missing file accepted";
    } catch (const DataError& e) {
        EXPECT_EQ(e.code(), ErrorCode::io);
        EXPECT_NE(std::string(e.what()).find("no_such_gsi_file.geojson"), std::string::npos)
            << e.what();
    }
}

} // namespace
} // namespace breathline::data::demo
