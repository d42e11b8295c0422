#include "data/ops/recommend.h"

#include "data/roads/routing_service.h"
#include "data/store/store.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace breathline::data::ops {

std::string_view to_string(SkipReason r) {
    switch (r) {
    case SkipReason::closed:
        return "closed";
    case SkipReason::damaged:
        return "damaged";
    case SkipReason::full:
        return "full";
    case SkipReason::at_capacity:
        return "at_capacity";
    case SkipReason::unlocated:
        return "unlocated";
    case SkipReason::unsnapped:
        return "unsnapped";
    case SkipReason::unreachable:
        return "unreachable";
    }
    return "?";
}

std::vector<std::vector<FacilityKind>> destination_tiers(Judgement judgement, Severity severity,
                                                         bool welfare_first) {
    using K = FacilityKind;
    switch (judgement) {
    case Judgement::stay_home:
        return {};
    case Judgement::hospitalise:
        if (severity == Severity::severe)
            return {{K::disaster_base_hospital}, {K::disaster_cooperating_hospital}};
        return {{K::disaster_cooperating_hospital}, {K::disaster_base_hospital}};
    case Judgement::evacuate:
        if (welfare_first) return {{K::welfare_rescue_centre}, {K::rescue_centre}};
        return {{K::rescue_centre}};
    }
    return {};
}

namespace {

// The facility as the caller's world sees it: a drill's override replaces the stored row.
Facility as_seen(const Facility& f, const RecommendOptions& options) {
    for (const auto& o : options.facility_overrides)
        if (o.id == f.id) return o;
    return f;
}

std::optional<SkipReason> status_skip(const Facility& f) {
    switch (f.status) {
    case FacilityStatus::closed:
        return SkipReason::closed;
    case FacilityStatus::damaged:
        return SkipReason::damaged;
    case FacilityStatus::full:
        return SkipReason::full;
    default:
        break;
    }
    if (f.at_capacity()) return SkipReason::at_capacity;
    return std::nullopt;
}

} // namespace

bool facility_accepts(const Facility& f) {
    return !status_skip(f).has_value();
}

Recommendation recommend_destination(Store& store, RoutingService& routing, const Person& person,
                                     Judgement judgement, const SafetyCheck* latest,
                                     const RecommendOptions& options) {
    Recommendation rec;
    rec.judgement = judgement;
    rec.profile = options.profile;
    // The profile is checked first so a typo is an error even for stay_home.
    (void)routing.profile(options.profile);
    Severity severity = Severity::moderate;
    if (judgement == Judgement::hospitalise) {
        rec.severity = assess_severity(person, latest);
        severity = rec.severity->severity;
    }
    if (judgement == Judgement::evacuate) rec.welfare_first = needs_welfare_centre(person);
    if (judgement == Judgement::stay_home) {
        rec.status = RecommendStatus::stay_home;
        return rec;
    }
    if (!person.location) {
        rec.status = RecommendStatus::no_location;
        return rec;
    }
    const RoutePoint home{*person.location, "person " + person.external_id};

    const auto tiers = destination_tiers(judgement, severity, rec.welfare_first);
    for (std::size_t t = 0; t < tiers.size(); ++t) {
        for (const FacilityKind kind : tiers[t]) {
            FacilityFilter filter;
            filter.kind = kind;
            std::set<std::string> acceptable;
            for (Facility f : store.facilities().facilities(filter)) {
                f = as_seen(f, options);
                if (auto why = status_skip(f)) {
                    rec.skipped.push_back({f.external_id, kind, *why});
                } else if (!f.location) {
                    rec.skipped.push_back({f.external_id, kind, SkipReason::unlocated});
                } else {
                    acceptable.insert(f.external_id);
                }
            }
            if (acceptable.empty()) continue;
            // Every facility of the kind is ranked (the routing service skips
            // only closed/full ones; damaged and at-capacity ones are dropped
            // below), so k is the kind's whole count.
            const auto answer =
                routing.nearest_by_road(home, kind, acceptable.size() + 64, options.profile);
            if (!answer.ok()) {
                rec.status = RecommendStatus::home_unsnapped;
                rec.options.clear();
                return rec;
            }
            for (const auto& id : answer.value().unsnapped)
                if (acceptable.count(id)) rec.skipped.push_back({id, kind, SkipReason::unsnapped});
            for (const auto& id : answer.value().unreachable)
                if (acceptable.count(id))
                    rec.skipped.push_back({id, kind, SkipReason::unreachable});
            for (const FacilityByRoad& f : answer.value().facilities) {
                if (!acceptable.count(f.facility.external_id)) continue;
                DestinationOption o;
                o.facility = as_seen(f.facility, options);
                o.tier = static_cast<int>(t) + 1;
                o.time_ms = f.time_ms;
                o.road_distance_m = f.road_distance_m;
                o.straight_m = f.straight_m;
                o.approximate = f.approximate;
                rec.options.push_back(std::move(o));
            }
        }
    }
    std::sort(rec.options.begin(), rec.options.end(),
              [](const DestinationOption& a, const DestinationOption& b) {
                  return std::tie(a.tier, a.time_ms, a.facility.external_id) <
                         std::tie(b.tier, b.time_ms, b.facility.external_id);
              });
    if (rec.options.size() > std::max<std::size_t>(options.max_options, 1))
        rec.options.resize(std::max<std::size_t>(options.max_options, 1));
    for (DestinationOption& o : rec.options) {
        const RoutePoint to{*o.facility.location, "facility " + o.facility.external_id};
        const auto route = routing.route(home, to, options.profile);
        if (route.ok() && route.value().reachable) o.route = route.value().geometry;
    }
    rec.status = rec.options.empty() ? RecommendStatus::none_available : RecommendStatus::ok;
    return rec;
}

namespace {
DestinationDecision decision_base(const Recommendation& rec, RowId person_id,
                                  std::optional<RowId> incident_id) {
    DestinationDecision d;
    d.person_id = person_id;
    d.incident_id = incident_id;
    d.judgement = rec.judgement;
    if (rec.severity) d.severity = rec.severity->severity;
    if (!rec.options.empty()) d.recommended_facility_id = rec.options.front().facility.id;
    d.profile = rec.profile;
    return d;
}
} // namespace

DestinationDecision confirm_decision(const Recommendation& rec, RowId person_id,
                                     std::optional<RowId> incident_id, std::size_t option) {
    DestinationDecision d = decision_base(rec, person_id, incident_id);
    const auto& o = rec.options.at(option);
    d.chosen_facility_id = o.facility.id;
    d.eta_s = static_cast<double>(o.time_ms) / 1000.0;
    d.road_distance_m = o.road_distance_m;
    d.overridden = false;
    return d;
}

DestinationDecision override_decision(const Recommendation& rec, const Person& person,
                                      std::optional<RowId> incident_id, const Facility& facility,
                                      std::string reason, RoutingService& routing) {
    DestinationDecision d = decision_base(rec, person.id, incident_id);
    d.chosen_facility_id = facility.id;
    d.overridden = true;
    d.reason = std::move(reason);
    if (facility.location && person.location) {
        const auto route = routing.route({*person.location, person.external_id},
                                         {*facility.location, facility.external_id}, rec.profile);
        if (route.ok() && route.value().reachable) {
            d.eta_s = static_cast<double>(route.value().time_ms) / 1000.0;
            d.road_distance_m = route.value().road_distance_m;
        }
    }
    return d;
}

} // namespace breathline::data::ops
