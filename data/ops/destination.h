#pragma once
/// Where a person goes when they cannot stay home, and the coordinator's decision about it
/// (Toshima seed II-2 and III-3): the severity rule that picks the hospital tier, and the
/// record of a confirmed or overridden recommendation. Decisions are history: the store only
/// appends, and every decision is audited under the store's actor.
///
/// Severity rule (documented here once; recommend.h and the notice use it):
///   severe   — a ventilator user on it around the clock (24 h/day, or hours not recorded:
///              unknown counts as dependent), or the latest safety check shows SpO2 < 90 %,
///              a cannula/circuit fault, or a ventilator that is not running;
///   moderate — everyone else who must be hospitalised.
/// Severe cases go to the disaster base hospital (災害拠点病院) first, moderate ones to the
/// disaster cooperating hospitals (災害拠点連携病院等) first; the other tier follows as a
/// fallback.

#include "data/model/incident.h"
#include "data/model/person.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data {

class Store;

namespace ops {

enum class Severity { severe, moderate };

/// "severe" / "moderate" (database spelling).
std::string_view to_db(Severity v);
/// The database spelling back to the value; nullopt for any other text.
std::optional<Severity> parse_severity(std::string_view s);

/// SpO2 below this (percent) makes a hospitalisation severe.
inline constexpr int k_severe_spo2_below_pct = 90;

/// The severity of `person` under the rule above, with the words that explain it
/// (Japanese, English). `latest` is the person's latest safety check, when any. Pure.
struct SeverityAssessment {
    Severity severity = Severity::moderate;
    std::string reason_ja;
    std::string reason_en;
};
SeverityAssessment assess_severity(const Person& person, const SafetyCheck* latest);

/// True when the registry shows a disability (障害福祉サービス, 重度訪問介護 or a disability
/// certificate): such a person is sent to a welfare rescue centre (福祉救援センター) first. Pure.
bool needs_welfare_centre(const Person& person);

/// One confirmed or overridden destination.
struct DestinationDecision {
    RowId id = 0; ///< set by the store
    RowId person_id = 0;
    std::optional<RowId> incident_id;
    Judgement judgement = Judgement::hospitalise; ///< hospitalise or evacuate
    std::optional<Severity> severity;             ///< hospitalise only
    std::optional<RowId> recommended_facility_id; ///< the top recommendation, when there was one
    RowId chosen_facility_id = 0;
    bool overridden = false;     ///< the coordinator chose something other than a recommendation
    std::string reason;          ///< mandatory (non-blank) for an override
    std::string profile;         ///< routing profile the ETA is for ("car", "walk")
    std::optional<double> eta_s; ///< travel time to the chosen facility, seconds
    std::optional<double> road_distance_m; ///< along the roads, metres
    /// UTC ISO-8601: the caller's clock (drills keep scenario time); empty: the store's clock.
    std::string decided_at;
    std::string actor;                     ///< set by the store (Store::actor)
};

class DecisionStore {
public:
    virtual ~DecisionStore() = default;
    /// Appends `decision` with one audit entry (action "confirm" or "override", entity
    /// "destination_decisions", entity id the person's registry number; the summary names
    /// facilities and the reason, never the person's name). Returns its id. Throws
    /// DataError(invalid_input) naming the field for an override without a reason, a judgement
    /// other than hospitalise/evacuate, or an unknown person or facility.
    virtual RowId record(const DestinationDecision& decision) = 0;
    /// The decisions about a person, oldest first.
    virtual std::vector<DestinationDecision> decisions(RowId person_id) = 0;
    /// The latest decision about a person, if any.
    virtual std::optional<DestinationDecision> latest(RowId person_id) = 0;
};

/// The decision store of `store`, sharing its connection, actor and audit log. It must not
/// outlive `store`. Throws DataError(open_failed) for a backend without the table.
std::unique_ptr<DecisionStore> decision_store(Store& store);

} // namespace ops
} // namespace breathline::data
