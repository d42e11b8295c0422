// Database spellings of the transport statuses (the CHECK lists of migration 4).

#include "data/dispatch/transport_store.h"

#include <array>
#include <utility>

namespace breathline::data::dispatch {

namespace {

constexpr std::array<std::pair<RequestStatus, std::string_view>, 6> k_request = {{
    {RequestStatus::open, "open"},
    {RequestStatus::team_assigned, "team_assigned"},
    {RequestStatus::in_transit, "in_transit"},
    {RequestStatus::arrived, "arrived"},
    {RequestStatus::cancelled, "cancelled"},
    {RequestStatus::short_of_supporters, "short_of_supporters"},
}};

constexpr std::array<std::pair<MemberStatus, std::string_view>, 4> k_member = {{
    {MemberStatus::called, "called"},
    {MemberStatus::confirmed, "confirmed"},
    {MemberStatus::arrived, "arrived"},
    {MemberStatus::declined, "declined"},
}};

} // namespace

std::string_view to_db(RequestStatus v) {
    for (const auto& [value, text] : k_request)
        if (value == v) return text;
    return "open";
}

std::string_view to_db(MemberStatus v) {
    for (const auto& [value, text] : k_member)
        if (value == v) return text;
    return "called";
}

std::optional<RequestStatus> parse_request_status(std::string_view s) {
    for (const auto& [value, text] : k_request)
        if (text == s) return value;
    return std::nullopt;
}

std::optional<MemberStatus> parse_member_status(std::string_view s) {
    for (const auto& [value, text] : k_member)
        if (text == s) return value;
    return std::nullopt;
}

bool is_live(RequestStatus s) {
    return s == RequestStatus::team_assigned || s == RequestStatus::in_transit ||
           s == RequestStatus::short_of_supporters;
}

} // namespace breathline::data::dispatch
