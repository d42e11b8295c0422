#pragma once
/// Transport requests and their supporter teams (issue 6; tables transport_requests and
/// team_members of migration 4). A request asks for a team to move one person during one
/// incident; assigning a team writes its members (status "called") with their ETAs and sets
/// the request to team_assigned, or short_of_supporters when fewer than the team size could
/// come. Every change is audited under the store's actor with entity "transport_requests" and
/// the person's registry number as entity id; summaries name supporters by their supporter
/// number only, never by name.
///
/// A supporter is never in two live teams: assign_team refuses (DataError(constraint)) a member
/// who is called, confirmed or arrived in the team of another request that is still live
/// (team_assigned, in_transit or short_of_supporters), in any real incident. Drills are a world
/// of their own (issue 8): a drill's teams book supporters only within that drill, and never
/// block a real request.

#include "data/model/person.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace breathline::data {

class Store;

namespace dispatch {

enum class RequestStatus {
    open,
    team_assigned,
    in_transit,
    arrived,
    cancelled,
    short_of_supporters
};
enum class MemberStatus { called, confirmed, arrived, declined };

/// The database spelling ("team_assigned", "called").
std::string_view to_db(RequestStatus v);
std::string_view to_db(MemberStatus v);
/// The database spelling back; nullopt for any other text.
std::optional<RequestStatus> parse_request_status(std::string_view s);
std::optional<MemberStatus> parse_member_status(std::string_view s);

/// True for the statuses whose team is still out (its members are booked).
bool is_live(RequestStatus s);

struct TransportRequest {
    RowId id = 0; ///< set by the store
    RowId incident_id = 0;
    RowId person_id = 0;
    std::optional<RowId> destination_facility_id;
    std::string requested_at; ///< UTC ISO-8601; the store fills it when empty
    RequestStatus status = RequestStatus::open;
    std::string notes; ///< never personal data (it goes into no export)
    std::int64_t row_version = 0;
    std::optional<std::string> assigned_at; ///< UTC ISO-8601 of the last assign_team; reads only
};

struct TeamMemberRecord {
    RowId request_id = 0;
    RowId supporter_id = 0;
    std::optional<double> eta_s;
    MemberStatus status = MemberStatus::called;
    bool operator==(const TeamMemberRecord&) const = default;
};

class TransportStore {
public:
    virtual ~TransportStore() = default;
    /// Inserts `request` (id ignored) and audits "create". Returns its id. Throws
    /// DataError(invalid_input) naming the field for an unknown incident, person or facility,
    /// or a closed incident.
    virtual RowId create_request(const TransportRequest& request) = 0;
    virtual std::optional<TransportRequest> request(RowId id) = 0;
    /// The requests of one incident, ordered by id.
    virtual std::vector<TransportRequest> requests(RowId incident_id) = 0;
    /// Replaces the team of request `request_id` with `members` (each stored with status
    /// "called") and sets the request's status to team_assigned, or short_of_supporters when
    /// `missing` > 0; audits "assign" with the supporter numbers, ETAs in minutes and what is
    /// missing. Throws DataError(invalid_input) for an unknown request or supporter, or a
    /// request that is cancelled or arrived; DataError(constraint) for a supporter booked on
    /// another live request (see above) or listed twice.
    /// `at` (UTC ISO-8601; the caller's clock, so drills keep scenario time) is stored as the
    /// request's assigned_at; empty: the system clock.
    virtual void assign_team(RowId request_id, const std::vector<TeamMemberRecord>& members,
                             int missing, const std::string& at) = 0;
    /// Sets the request's status, audited ("status"). False when no request `id` exists.
    virtual bool set_status(RowId id, RequestStatus status) = 0;
    /// The team of a request, ordered by ETA (unknown last), then supporter id.
    virtual std::vector<TeamMemberRecord> members(RowId request_id) = 0;
    /// Supporters booked on live requests other than `except_request`, ascending. Declined
    /// members are not booked. When `except_request` belongs to a drill, only that drill's
    /// requests count; otherwise only real incidents' requests.
    virtual std::vector<RowId> booked_supporters(std::optional<RowId> except_request = {}) = 0;
};

/// The transport store of `store`, sharing its connection, actor and audit log. It must not
/// outlive `store`. Throws DataError(open_failed) for a backend without the tables.
std::unique_ptr<TransportStore> transport_store(Store& store);

} // namespace dispatch
} // namespace breathline::data
