#include "data/ops/destination.h"

#include <string>

namespace breathline::data::ops {

std::string_view to_db(Severity v) {
    return v == Severity::severe ? "severe" : "moderate";
}

std::optional<Severity> parse_severity(std::string_view s) {
    if (s == "severe") return Severity::severe;
    if (s == "moderate") return Severity::moderate;
    return std::nullopt;
}

SeverityAssessment assess_severity(const Person& person, const SafetyCheck* latest) {
    // The check is evidence of the person's state now; it is read first so the
    // reason names what the checker saw rather than the registry.
    if (latest) {
        if (latest->spo2_pct && *latest->spo2_pct < k_severe_spo2_below_pct)
            return {Severity::severe, "SpO2 " + std::to_string(*latest->spo2_pct) + "% (90%未満)",
                    "SpO2 " + std::to_string(*latest->spo2_pct) + "% (below 90%)"};
        if (latest->circuit_fault.value_or(false))
            return {Severity::severe, "気管カニューレ・呼吸器回路の異常",
                    "cannula or ventilator circuit fault"};
        if (person.uses_ventilator && latest->vent_running && !*latest->vent_running)
            return {Severity::severe, "人工呼吸器が作動していない", "ventilator not running"};
    }
    if (person.uses_ventilator) {
        // Unknown hours count as dependent: the safe side for someone who
        // cannot breathe without the machine.
        if (!person.ventilator_hours_per_day)
            return {Severity::severe, "人工呼吸器使用 (使用時間不明のため常時使用とみなす)",
                    "ventilator user (hours unknown: treated as around the clock)"};
        if (*person.ventilator_hours_per_day >= 24.0)
            return {Severity::severe, "人工呼吸器を24時間使用", "ventilator around the clock"};
    }
    return {Severity::moderate, "重症の条件に該当しない", "none of the severe conditions"};
}

bool needs_welfare_centre(const Person& person) {
    return person.svc_disability_welfare || person.svc_severe_disability_visit ||
           person.disability_certificate_grade.has_value();
}

} // namespace breathline::data::ops
