#pragma once
/// Builds the Toshima demo database through the Store interfaces: the ward boundary (N03), the
/// facility catalogue of the Toshima seed located with GSI and Geolonia, and the synthetic
/// registry, and the real central-Tokyo arterial road network (UXsim tables derived from
/// OpenStreetMap: arterial roads only, not street level). Inputs come from the repository (embedded
/// catalogue CSV) and the real data directory only; nothing is fetched from the network.

#include "data/demo/facility_catalogue.h"
#include "data/demo/synthetic_registry.h"
#include "data/geocode/town_geocoder.h"
#include "data/geocode/ward_boundary.h"
#include "data/roads/road_import.h"
#include "data/store/store.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace breathline::data::demo {

/// The real data files the demo reads (see ../shared/data/real/SOURCES.md).
struct DemoSources {
    std::filesystem::path ward_boundary;        ///< N03 行政区域 GeoJSON of 豊島区
    std::filesystem::path gsi_shelters;         ///< GSI 指定避難所 GeoJSON
    std::filesystem::path gsi_evacuation_sites; ///< GSI 指定緊急避難場所 GeoJSON
    std::filesystem::path town_table;           ///< Geolonia 町丁目 JSON
    std::filesystem::path road_nodes;           ///< UXsim Tokyo arterial node table (CSV)
    std::filesystem::path road_links;           ///< UXsim Tokyo arterial link table (CSV, CP932)

    /// The standard file names under `<data_dir>/real/`.
    static DemoSources in(const std::filesystem::path& data_dir);
};

/// Attribution stored with the ward boundary area and printed by the demo.
inline constexpr std::string_view k_ward_boundary_source =
    "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成 "
    "(N03 2019-01-01, https://nlftp.mlit.go.jp/ksj/)";

/// Everything read from files, before any database work.
struct DemoInputs {
    WardBoundary ward;
    TownGeocoder towns;
    FacilityCatalogue catalogue;
    geo::road::RoadNetwork roads; ///< the arterial network, whole (not clipped)
    RoadImportReport road_report;
};

/// Reads and geocodes every input. GSI designated shelters are preferred over emergency
/// evacuation sites when both name a facility (the shelter point is the building). Throws
/// DataError(io / invalid_input) naming the file that is missing or malformed; nothing is
/// written anywhere.
DemoInputs load_demo_inputs(const DemoSources& sources);

/// What build_demo wrote, for the summary the CLI prints.
struct DemoSummary {
    std::string ward_name;
    std::map<FacilityKind, int> facilities;         ///< all facilities per kind
    std::map<FacilityKind, int> located_facilities; ///< with a location, per kind
    int relief_stations = 0;                        ///< rescue centres hosting 医療救護所
    int exact = 0, town = 0, unresolved = 0;        ///< facilities by geocode precision
    std::vector<Facility> unresolved_facilities;    ///< in catalogue order
    std::vector<GsiMatch> gsi_matches;
    std::vector<CatalogueNotice> notices;
    int persons = 0, ventilator_users = 0, oxygen_users = 0, supporters = 0, links = 0,
        contacts = 0;
    /// Ventilator users with fewer than k_supporters_needed_for_transport supporters:
    /// (external id, number of supporters), in registry order.
    std::vector<std::pair<std::string, int>> short_of_supporters;
    /// The road network stored: counts, largest strongly connected component (car rules).
    /// Arterial roads only: a ward imports its own OpenStreetMap extract for street level.
    std::size_t road_nodes = 0, road_edges = 0, road_largest_component = 0;
    std::string road_source; ///< the node table's path
    int equipment = 0;       ///< oxygen stock items added (the Minato starting numbers)
};

/// True when the store holds any person, supporter, facility or audit entry (a database
/// someone has used). The demo refuses to build over such a store.
bool store_has_data(Store& store);

/// Writes the boundary (area kind "ward_boundary"), the facilities, the synthetic registry
/// and the road network (RoadStore::replace_network) in one UnitOfWork: either all of it is
/// committed or nothing. Mutations are audited under the store's actor. Precondition:
/// !store_has_data(store) (checked: throws DataError(invalid_input) naming the store's location
/// otherwise). Deterministic for the same inputs and options.
DemoSummary build_demo(Store& store, const DemoInputs& inputs,
                       const SyntheticRegistryOptions& options = {});

} // namespace breathline::data::demo
