#include "data/demo/demo_builder.h"

#include "data/dispatch/loan_store.h"
#include "data/error.h"
#include "data/geocode/gsi_shelters.h"
#include "data/geocode/shelter_matcher.h"
#include "data/roads/road_store.h"

#include <map>

namespace breathline::data::demo {

DemoSources DemoSources::in(const std::filesystem::path& data_dir) {
    const auto real = data_dir / "real";
    return {real / "boundaries" / "n03_2019_13116_toshima.geojson",
            real / "poi" / "gsi_designated_shelters_131164_toshima.geojson",
            real / "poi" / "gsi_emergency_evacuation_sites_131164_toshima.geojson",
            real / "geocoding" / "geolonia_machi_13116_toshima.json",
            real / "roads" / "uxsim_tokyo_arterial_nodes.csv",
            real / "roads" / "uxsim_tokyo_arterial_links.cp932.csv"};
}

DemoInputs load_demo_inputs(const DemoSources& sources) {
    WardBoundary ward = load_ward_boundary(sources.ward_boundary);
    TownGeocoder towns = TownGeocoder::load(sources.town_table);
    const ShelterMatcher shelters({load_shelter_points(sources.gsi_shelters),
                                   load_shelter_points(sources.gsi_evacuation_sites)});
    FacilityCatalogue catalogue = locate_facilities(
        parse_facility_csv(toshima_facilities_csv(), "data/demo/toshima_facilities.csv"), shelters,
        towns, ward.polygon);
    RoadImportOptions road_options;
    road_options.path = sources.road_nodes;
    road_options.links_path = sources.road_links;
    road_options.format = RoadSourceFormat::uxsim_csv;
    RoadImportReport road_report;
    geo::road::RoadNetwork roads = import_roads(road_options, &road_report);
    return {std::move(ward), std::move(towns), std::move(catalogue), std::move(roads),
            std::move(road_report)};
}

bool store_has_data(Store& store) {
    return store.registry().count_persons() > 0 || store.registry().count_supporters() > 0 ||
           !store.facilities().facilities({}).empty() || store.audit().count() > 0;
}

DemoSummary build_demo(Store& store, const DemoInputs& inputs,
                       const SyntheticRegistryOptions& options) {
    if (store_has_data(store))
        throw DataError(ErrorCode::invalid_input,
                        "the database '" + store.location() +
                            "' already holds data; the demo is built only into an empty database");
    // Generate before opening the transaction: a failure here leaves the
    // database untouched and does not hold a write lock meanwhile.
    const SyntheticRegistry registry =
        make_synthetic_registry(inputs.towns, inputs.ward.polygon, options);

    DemoSummary summary;
    summary.ward_name = inputs.ward.name;
    auto work = store.begin();

    Area ward_area;
    ward_area.kind = "ward_boundary";
    ward_area.name = inputs.ward.name.empty() ? "豊島区" : inputs.ward.name;
    ward_area.source = std::string(k_ward_boundary_source);
    ward_area.wkt = inputs.ward.wkt;
    store.areas().upsert_area(ward_area);

    for (const Facility& f : inputs.catalogue.facilities) {
        store.facilities().upsert_facility(f);
        ++summary.facilities[f.kind];
        if (f.location) ++summary.located_facilities[f.kind];
        if (f.relief_station) ++summary.relief_stations;
        switch (f.geocode_precision) {
        case GeocodePrecision::exact:
            ++summary.exact;
            break;
        case GeocodePrecision::town:
            ++summary.town;
            break;
        case GeocodePrecision::manual:
            break;
        case GeocodePrecision::unresolved:
            ++summary.unresolved;
            summary.unresolved_facilities.push_back(f);
            break;
        }
    }
    summary.gsi_matches = inputs.catalogue.gsi_matches;
    summary.notices = inputs.catalogue.notices;

    std::map<std::string, RowId> person_ids;
    std::map<std::string, RowId> supporter_ids;
    for (const Person& p : registry.persons) {
        person_ids[p.external_id] = store.registry().upsert_person(p).id;
        ++summary.persons;
        if (p.uses_ventilator) ++summary.ventilator_users;
        if (p.home_oxygen && !p.uses_ventilator) ++summary.oxygen_users;
    }
    for (const Supporter& s : registry.supporters) {
        supporter_ids[s.external_id] = store.registry().upsert_supporter(s).id;
        ++summary.supporters;
    }
    std::map<std::string, int> supporters_per_person;
    for (const SyntheticLink& l : registry.links) {
        store.registry().link_supporter({person_ids.at(l.person_external_id),
                                         supporter_ids.at(l.supporter_external_id), l.role,
                                         l.priority});
        ++supporters_per_person[l.person_external_id];
        ++summary.links;
    }
    for (const auto& [external_id, contacts] : registry.contacts) {
        store.registry().set_contacts(person_ids.at(external_id), contacts);
        summary.contacts += static_cast<int>(contacts.size());
    }
    for (const Person& p : registry.persons) {
        const int n = supporters_per_person[p.external_id];
        if (p.uses_ventilator && n < k_supporters_needed_for_transport)
            summary.short_of_supporters.emplace_back(p.external_id, n);
    }
    // The only real roads covering Toshima available offline: central Tokyo's arterials.
    RoadSourceInfo road_source;
    road_source.path = inputs.road_report.path.string();
    road_source.format = to_string(inputs.road_report.format);
    road_source.file_sha256 = inputs.road_report.sha256;
    road_store(store)->replace_network(inputs.roads, road_source);
    summary.road_nodes = inputs.roads.node_count();
    summary.road_edges = inputs.roads.edge_count();
    summary.road_largest_component = inputs.road_report.largest_component_nodes;
    summary.road_source = road_source.path;

    // The Minato programme's starting stock (20 cylinders, 10 demand regulators, 2
    // concentrators), kept at the ward's health centre when the catalogue has one.
    std::optional<RowId> depot;
    for (const auto& f : store.facilities().facilities({}))
        if (f.kind == FacilityKind::health_centre) {
            depot = f.id;
            break;
        }
    summary.equipment = dispatch::add_minato_starting_stock(*dispatch::loan_store(store), depot);

    work->commit();
    return summary;
}

} // namespace breathline::data::demo
